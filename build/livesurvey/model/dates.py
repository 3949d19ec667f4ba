"""When a paper was first released, from its record or its arXiv id."""

from __future__ import annotations

from ..records.identifiers import arxiv_month
from ..records.schema import Paper


def release_month(paper: Paper) -> tuple[int, int] | None:
    """Year and month of first release: the record's month, else the arXiv id's."""
    if paper.month is not None:
        return paper.year, paper.month
    return arxiv_month(paper.arxiv) if paper.arxiv else None
