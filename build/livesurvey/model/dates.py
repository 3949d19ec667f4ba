"""When a paper was first released, from its record or its arXiv id."""

from __future__ import annotations

from collections.abc import Iterable

from ..records.identifiers import ARXIV_NEW, arxiv_month
from ..records.loading import Sourced
from ..records.schema import Paper


def release_month(paper: Paper) -> tuple[int, int] | None:
    """Year and month of first release: the record's month, else the arXiv id's."""
    if paper.month is not None:
        return paper.year, paper.month
    return arxiv_month(paper.arxiv) if paper.arxiv else None


def _arxiv_order(arxiv_id: str | None) -> tuple[int, int]:
    """Submission order within a month: '2504.13837' -> (2504, 13837); no id sorts first."""
    if not arxiv_id:
        return (0, 0)
    if ARXIV_NEW.match(arxiv_id):
        month, number = arxiv_id.split(".")
        return int(month), int(number)
    digits = arxiv_id.rsplit("/", 1)[-1]  # old style, e.g. 'hep-th/9901001': YYMMNNN
    return int(digits[:4]), int(digits[4:])


def date_order(paper: Paper) -> tuple[int, int, int, int]:
    """Year, month (0 when unknown), then arXiv id: the papers index sorts newest first by it."""
    return (paper.year, paper.month or 0, *_arxiv_order(paper.arxiv))


def newest_first(papers: Iterable[Sourced[Paper]]) -> list[Sourced[Paper]]:
    """``papers`` (records with an id) by :func:`date_order`, newest first; ties by id."""
    by_id = sorted(papers, key=lambda p: p.id)
    return sorted(by_id, key=lambda p: date_order(p.record), reverse=True)


def year_month(paper: Paper) -> str:
    """The paper's date as the papers index shows it: '2025-04', or '2025' without a month."""
    return f"{paper.year}-{paper.month:02d}" if paper.month else str(paper.year)
