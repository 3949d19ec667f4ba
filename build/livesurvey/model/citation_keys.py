"""The key by which authors cite a paper."""

from __future__ import annotations

from ..records.loading import Sourced
from ..records.schema import Paper


def citation_key(paper: Sourced[Paper]) -> str:
    """The key authors cite: the curated key, or the record id."""
    return paper.record.key or paper.id
