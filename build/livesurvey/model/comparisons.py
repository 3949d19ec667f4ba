"""Comparison tables declared as data: the columns each row kind offers, and the rows.

A column here has a header and a sort value; how its cell is drawn belongs to
the outputs (:mod:`livesurvey.outputs.comparison_cells`), which draw every
column named here. :func:`check_comparison` checks a comparison's column names
against this catalogue, so a misspelt column is reported by ``check``, not by
the build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.problems import ProblemLog
from ..core.suggestions import unknown_message
from ..records.loading import Sourced
from ..records.schema import Comparison, Finding, Paper, RowKind
from .index import SurveyIndex


@dataclass(frozen=True)
class Column:
    """A column a comparison may show: its header and the value its rows sort by."""

    header: str
    sort_value: Callable[[SurveyIndex, Any], Any]


def _first_author(paper: Sourced[Paper]) -> str:
    authors = paper.record.authors
    return (authors[0].family or authors[0].name or "") if authors else ""


PAPER_COLUMNS: dict[str, Column] = {
    "label": Column("Paper", lambda ix, p: ix.labels[p.id]),
    "title": Column("Title", lambda ix, p: p.record.title.lower()),
    "authors": Column("Authors", lambda ix, p: _first_author(p)),
    "year": Column("Year", lambda ix, p: p.record.year),
    "venue": Column("Venue", lambda ix, p: p.record.venue or ""),
    "short_name": Column("Short name", lambda ix, p: p.record.short_name or ""),
    "topics": Column("Topics", lambda ix, p: ",".join(ix.topics_by_paper[p.id])),
    "methods": Column("Methods", lambda ix, p: ",".join(ix.methods_of_paper(p.id))),
    "code": Column("Code", lambda ix, p: p.record.code or ""),
    "arxiv": Column("arXiv", lambda ix, p: p.record.arxiv or ""),
    "findings": Column("Findings", lambda ix, p: len(ix.citations_by_paper[p.id])),
}

FINDING_COLUMNS: dict[str, Column] = {
    "title": Column("Finding", lambda ix, f: f.record.title.lower()),
    "status": Column("Status", lambda ix, f: f.record.status.value),
    "question": Column(
        "Research question", lambda ix, f: ix.questions[f.record.question].question.title
    ),
    "topic": Column("Topic", lambda ix, f: ix.questions[f.record.question].topic.title),
    "evidence": Column("Evidence", lambda ix, f: len(f.record.evidence)),
    "papers": Column("Papers", lambda ix, f: len(f.record.evidence)),
    "methods": Column(
        "Methods", lambda ix, f: ",".join(m for e in f.record.evidence for m in e.methods)
    ),
    "added": Column("Added", lambda ix, f: f.record.added),
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
        rows.sort(key=lambda r, c=column: c.sort_value(index, r), reverse=descending)  # type: ignore[misc]
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


def check_comparison(sourced: Sourced[Comparison], log: ProblemLog) -> None:
    """Report columns the comparison's row kind does not offer, and filters that do not apply."""
    comparison, document = sourced.record, sourced.document
    offered = list(COLUMNS[comparison.rows])
    kind = f"{comparison.rows.value} column"
    named = [(("columns", n), name) for n, name in enumerate(comparison.columns)]
    named += [(("sort", n), name.removeprefix("-")) for n, name in enumerate(comparison.sort)]
    for key, name in named:
        if name not in offered:
            message = unknown_message(kind, name, offered, f"columns: {', '.join(offered)}")
            log.add(document.at(key), message, code="unknown-reference")
    wanted = comparison.filter
    if comparison.rows is RowKind.PAPERS and wanted.status:
        log.add(
            document.at(("filter", "status")),
            "'status' filters findings, but this comparison has papers as rows; remove it",
            code="bad-filter",
        )
    if comparison.rows is RowKind.FINDINGS and (wanted.year_from or wanted.year_to):
        log.add(
            document.at(("filter",)),
            "'year_from' and 'year_to' filter papers, but this comparison has findings as "
            "rows; remove them",
            code="bad-filter",
        )
