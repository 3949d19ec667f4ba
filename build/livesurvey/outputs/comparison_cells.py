"""How each comparison column draws its cell (the columns themselves: model.comparisons).

Cells are built with the page helpers, so escaping and links work as everywhere
else. A test checks that every column of the catalogue has a cell here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core.text import Trusted, escape_markdown
from ..records.schema import RowKind

if TYPE_CHECKING:  # a back-reference for annotations only; page_helpers imports this module
    from .page_helpers import PageContext

Cell = Callable[["PageContext", Any], str]


def _text(value: object) -> str:
    return escape_markdown(value) if value else ""


def _join(parts: list[str]) -> str:
    return Trusted("<br>".join(parts))


PAPER_CELLS: dict[str, Cell] = {
    "label": lambda pg, p: pg.paper(p.id),
    "title": lambda pg, p: pg.paper(p.id, p.record.title),
    "authors": lambda pg, p: _text(pg.authors_short(p.record)),
    "year": lambda pg, p: str(p.record.year),
    "venue": lambda pg, p: _text(p.record.venue),
    "short_name": lambda pg, p: _text(p.record.short_name),
    "topics": lambda pg, p: _join([pg.topic(t) for t in pg.index.topics_by_paper[p.id]]),
    "methods": lambda pg, p: pg.methods(pg.index.methods_of_paper(p.id)),
    "code": lambda pg, p: pg.external("code", p.record.code) if p.record.code else "",
    "arxiv": lambda pg, p: (
        pg.external(p.record.arxiv, f"https://arxiv.org/abs/{p.record.arxiv}")
        if p.record.arxiv
        else ""
    ),
    "findings": lambda pg, p: str(len(pg.index.citations_by_paper[p.id])),
}

FINDING_CELLS: dict[str, Cell] = {
    "title": lambda pg, f: pg.finding(f.id),
    "status": lambda pg, f: pg.status(f.record.status),
    "question": lambda pg, f: pg.question(f.record.question),
    "topic": lambda pg, f: pg.topic(pg.index.questions[f.record.question].topic.id),
    "evidence": lambda pg, f: _text(pg.tally(f.record.evidence)),
    "papers": lambda pg, f: Trusted("; ".join(pg.paper(e.paper) for e in f.record.evidence)),
    "methods": lambda pg, f: pg.methods(
        dict.fromkeys(m for e in f.record.evidence for m in e.methods)
    ),
    "added": lambda pg, f: f.record.added.isoformat(),
}

CELLS: dict[RowKind, dict[str, Cell]] = {
    RowKind.PAPERS: PAPER_CELLS,
    RowKind.FINDINGS: FINDING_CELLS,
}
