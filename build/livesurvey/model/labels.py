"""Short human labels derived from records (never stored, always recomputed)."""

from __future__ import annotations

from ..records.loading import Sourced
from ..records.schema import Paper


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


def unique_labels(papers: dict[str, Sourced[Paper]]) -> dict[str, str]:
    """The original survey's label where a paper has one; otherwise author and year,
    with a letter added when two papers would share a label."""
    labels = {pid: p.record.survey_label for pid, p in papers.items() if p.record.survey_label}
    taken = set(labels.values())
    for paper_id in sorted(papers):
        if paper_id in labels:
            continue
        base = citation_label(papers[paper_id].record)
        label, suffix = base, 0
        while label in taken:
            label = base + _letters(suffix)
            suffix += 1
        labels[paper_id] = label
        taken.add(label)
    return labels


def _letters(number: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa': suffixes that never run out."""
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text
