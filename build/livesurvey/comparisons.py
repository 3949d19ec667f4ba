"""Comparison tables declared as data: columns each row kind offers, and how to fill them.

A column has a header, a sort value and a Markdown cell. Templates never see
records directly here: cells are built by the page helpers, so escaping and
links work as everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .link import SurveyIndex
from .load import Sourced
from .schema import Comparison, Finding, Paper, RowKind
from .text import Trusted, escape_markdown

if TYPE_CHECKING:
    from .render import PageContext


@dataclass(frozen=True)
class Column:
    header: str
    sort_value: Callable[[SurveyIndex, Any], Any]
    cell: Callable[[PageContext, Any], str]


def _text(value: object) -> str:
    return escape_markdown(value) if value else ""


def _join(parts: list[str]) -> str:
    return Trusted("<br>".join(parts))


PAPER_COLUMNS: dict[str, Column] = {
    "label": Column("Paper", lambda ix, p: ix.labels[p.id], lambda pg, p: pg.paper(p.id)),
    "title": Column(
        "Title", lambda ix, p: p.record.title.lower(), lambda pg, p: pg.paper(p.id, p.record.title)
    ),
    "authors": Column(
        "Authors",
        lambda ix, p: (
            (p.record.authors[0].family or p.record.authors[0].name or "")
            if p.record.authors
            else ""
        ),
        lambda pg, p: _text(pg.author_label(p.record)),
    ),
    "year": Column("Year", lambda ix, p: p.record.year, lambda pg, p: str(p.record.year)),
    "venue": Column(
        "Venue", lambda ix, p: p.record.venue or "", lambda pg, p: _text(p.record.venue)
    ),
    "short_name": Column(
        "Short name",
        lambda ix, p: p.record.short_name or "",
        lambda pg, p: _text(p.record.short_name),
    ),
    "topics": Column(
        "Topics",
        lambda ix, p: ",".join(ix.topics_by_paper[p.id]),
        lambda pg, p: _join([pg.topic(t) for t in pg.index.topics_by_paper[p.id]]),
    ),
    "methods": Column(
        "Methods",
        lambda ix, p: ",".join(ix.methods_of_paper(p.id)),
        lambda pg, p: pg.methods(pg.index.methods_of_paper(p.id)),
    ),
    "code": Column(
        "Code",
        lambda ix, p: p.record.code or "",
        lambda pg, p: pg.external("code", p.record.code) if p.record.code else "",
    ),
    "arxiv": Column(
        "arXiv",
        lambda ix, p: p.record.arxiv or "",
        lambda pg, p: (
            pg.external(p.record.arxiv, f"https://arxiv.org/abs/{p.record.arxiv}")
            if p.record.arxiv
            else ""
        ),
    ),
    "findings": Column(
        "Findings",
        lambda ix, p: len(ix.citations_by_paper[p.id]),
        lambda pg, p: str(len(pg.index.citations_by_paper[p.id])),
    ),
}

FINDING_COLUMNS: dict[str, Column] = {
    "title": Column(
        "Finding", lambda ix, f: f.record.title.lower(), lambda pg, f: pg.finding(f.id)
    ),
    "status": Column(
        "Status", lambda ix, f: f.record.status.value, lambda pg, f: pg.status(f.record.status)
    ),
    "question": Column(
        "Research question",
        lambda ix, f: ix.questions[f.record.question].question.title,
        lambda pg, f: pg.question(f.record.question),
    ),
    "topic": Column(
        "Topic",
        lambda ix, f: ix.questions[f.record.question].topic.title,
        lambda pg, f: pg.topic(pg.index.questions[f.record.question].topic.id),
    ),
    "evidence": Column(
        "Evidence",
        lambda ix, f: len(f.record.evidence),
        lambda pg, f: _text(pg.tally(f.record.evidence)),
    ),
    "papers": Column(
        "Papers",
        lambda ix, f: len(f.record.evidence),
        lambda pg, f: Trusted("; ".join(pg.paper(e.paper) for e in f.record.evidence)),
    ),
    "methods": Column(
        "Methods",
        lambda ix, f: ",".join(m for e in f.record.evidence for m in e.methods),
        lambda pg, f: pg.methods(dict.fromkeys(m for e in f.record.evidence for m in e.methods)),
    ),
    "added": Column(
        "Added", lambda ix, f: f.record.added, lambda pg, f: f.record.added.isoformat()
    ),
}

COLUMNS: dict[RowKind, dict[str, Column]] = {
    RowKind.PAPERS: PAPER_COLUMNS,
    RowKind.FINDINGS: FINDING_COLUMNS,
}


def comparison_rows(index: SurveyIndex, comparison: Comparison) -> list[Sourced[Any]]:
    """The records that pass the filter, sorted as declared (then by id)."""
    rows: list[Sourced[Any]]
    if comparison.rows is RowKind.PAPERS:
        rows = [p for p in index.papers.values() if _keep_paper(index, p, comparison)]
    else:
        rows = [f for f in index.findings.values() if _keep_finding(index, f, comparison)]
    rows.sort(key=lambda r: r.id)
    columns = COLUMNS[comparison.rows]
    for name in reversed(comparison.sort):
        descending = name.startswith("-")
        column = columns[name.removeprefix("-")]
        rows.sort(key=lambda r, c=column: c.sort_value(index, r), reverse=descending)
    return rows


def _keep_paper(index: SurveyIndex, paper: Sourced[Paper], comparison: Comparison) -> bool:
    wanted = comparison.filter
    record = paper.record
    if wanted.topics and not set(wanted.topics) & set(index.topics_by_paper[paper.id]):
        return False
    if wanted.methods and not set(wanted.methods) & set(index.methods_of_paper(paper.id)):
        return False
    if wanted.year_from is not None and record.year < wanted.year_from:
        return False
    return wanted.year_to is None or record.year <= wanted.year_to


def _keep_finding(index: SurveyIndex, finding: Sourced[Finding], comparison: Comparison) -> bool:
    wanted = comparison.filter
    record = finding.record
    if wanted.topics and index.questions[record.question].topic.id not in wanted.topics:
        return False
    methods = {m for e in record.evidence for m in e.methods}
    if wanted.methods and not set(wanted.methods) & methods:
        return False
    return not wanted.status or record.status in wanted.status
