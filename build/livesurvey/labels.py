"""Short human labels derived from records (never stored, always recomputed)."""

from __future__ import annotations

from .schema import Paper


def author_label(paper: Paper) -> str:
    """'Yue et al.', 'Baek and Tegmark', 'DeepSeek-AI' style short author label."""
    names = [a.name or a.family or "" for a in paper.authors]
    if not names:
        return paper.short_name or " ".join(paper.title.split()[:4])
    if len(names) == 1 and not paper.more_authors:
        return names[0]
    if len(names) == 2 and not paper.more_authors:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


def citation_label(paper: Paper) -> str:
    """Author label and year, e.g. 'Yue et al., 2025'."""
    return f"{author_label(paper)}, {paper.year}"


def author_list(paper: Paper) -> str:
    """Every author as printed, with 'and others' for truncated lists."""
    names = [a.display for a in paper.authors]
    if not names:
        return "authors not yet recorded"
    if paper.more_authors:
        names.append("others")
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]
