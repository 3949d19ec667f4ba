"""What each generated page shows: the values its template receives, and its data files.

One function per kind of page yields a :class:`PageSpec` for every page of that
kind; :mod:`livesurvey.outputs.page_kinds` pairs each function with the page's
URL pattern and template. Everything here is computed from the linked index.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model.comparisons import COLUMNS, comparison_rows
from ..model.dates import release_month
from ..model.index import SurveyIndex
from ..model.labels import author_label
from ..records.field_docs import describe_model, nested_models
from ..records.kinds import KINDS
from ..records.loading import Sourced
from ..records.schema import Paper
from ..records.writing import dump_record
from . import charts, statistics
from .bibliography import format_references
from .exports.bibtex import to_bibtex
from .exports.csl_json import csl_item
from .exports.formats import DOWNLOADS
from .memo import fingerprint, remembered


@dataclass(frozen=True)
class PageSpec:
    """One page or file to generate: what fills its URL pattern, its record, its values."""

    parts: dict[str, str] = field(default_factory=dict)
    """Values for the URL pattern's fields, e.g. {'id': 'yue2025reinforcement'}."""
    record_path: str | None = None
    """The YAML file it is built from (its 'edit' link), relative to the data folder."""
    values: dict[str, Any] = field(default_factory=dict)
    """For a page: the template's values. For a data file: {'content': text}."""


CHART_NAMES = ("papers-per-month", "methods-by-topic", "findings-by-status")
"""The statistics page's charts, published as statistics/<name>.svg (light scheme) and
statistics/<name>-dark.svg (dark scheme)."""
MAX_SIBLINGS = 12
"""Other findings on the same question listed on a finding page (the topic page has them all),
so that finding pages stay the same size however many findings a question gathers."""
MAX_MATRIX_PAPERS = 24
"""Paper columns of a topic's evidence matrix: those bearing on the most findings."""


def _cited_in_topic(index: SurveyIndex, topic_id: str) -> list[str]:
    """Papers cited by the topic's findings, in order of first citation."""
    return list(
        dict.fromkeys(
            item.paper for f in index.findings_of_topic(topic_id) for item in f.record.evidence
        )
    )


def _matrix_papers(index: SurveyIndex, topic_id: str, cited: list[str]) -> list[str]:
    """The matrix's columns: every ``cited`` paper, or the most cited ones, in order of citation."""
    if len(cited) <= MAX_MATRIX_PAPERS:
        return cited
    counts = {paper: 0 for paper in cited}
    for finding in index.findings_of_topic(topic_id):
        for item in finding.record.evidence:
            counts[item.paper] += 1
    kept = set(sorted(cited, key=lambda p: (-counts[p], cited.index(p)))[:MAX_MATRIX_PAPERS])
    return [paper for paper in cited if paper in kept]


# --- taxonomy ---------------------------------------------------------------------------


def dimensions_index(index: SurveyIndex) -> Iterator[PageSpec]:
    """The taxonomy's overview page."""
    yield PageSpec(record_path=index.taxonomy.path)


def dimension_pages(index: SurveyIndex) -> Iterator[PageSpec]:
    """One page per dimension."""
    for dimension in index.dimensions:
        yield PageSpec(
            {"id": dimension.id},
            index.record_path("dimensions", dimension.id),
            {"dimension": dimension},
        )


def topic_pages(index: SurveyIndex) -> Iterator[PageSpec]:
    """One page per topic: questions, findings, evidence matrix, papers, related topics."""
    for topic_id, (topic, dimension) in index.topics.items():
        cited = _cited_in_topic(index, topic_id)
        matrix_papers = _matrix_papers(index, topic_id, cited)
        mine = {p.id for p in index.papers_by_topic[topic_id]}
        shared = {
            other: len(mine & {p.id for p in papers})
            for other, papers in index.papers_by_topic.items()
            if other != topic_id
        }
        related = sorted((t for t, n in shared.items() if n), key=lambda t: (-shared[t], t))[:5]
        yield PageSpec(
            {"id": topic_id},
            index.record_path("topics", topic_id),
            {
                "topic": topic,
                "dimension": dimension,
                "matrix_papers": matrix_papers,
                "matrix_omitted": len(cited) - len(matrix_papers),
                "related_topics": [index.topics[t][0] for t in related],
                "other_shared": shared,
            },
        )


def topic_bibtex_files(index: SurveyIndex) -> Iterator[PageSpec]:
    """The BibTeX of each topic's papers."""
    for topic_id in index.topics:
        content = to_bibtex(index.papers_by_topic[topic_id])
        yield PageSpec({"id": topic_id}, None, {"content": content})


# --- findings and papers ---------------------------------------------------------------


def findings_index(index: SurveyIndex) -> Iterator[PageSpec]:
    """The list of every finding."""
    yield PageSpec()


def finding_pages(index: SurveyIndex) -> Iterator[PageSpec]:
    """One page per finding, with the other findings on its question."""
    for finding in index.findings.values():
        place = index.questions[finding.record.question]
        siblings = [f for f in index.findings_by_question[place.question.id] if f is not finding]
        yield PageSpec(
            {"id": finding.id},
            finding.path,
            {
                "finding": finding,
                "place": place,
                "siblings": siblings[:MAX_SIBLINGS],
                "more_siblings": max(0, len(siblings) - MAX_SIBLINGS),
            },
        )


def papers_index(index: SurveyIndex) -> Iterator[PageSpec]:
    """The list of every paper, newest first."""
    papers = sorted(
        index.papers.values(),
        key=lambda p: (-p.record.year, author_label(p.record).lower(), p.id),
    )
    yield PageSpec(values={"papers": papers})


def paper_pages(index: SurveyIndex) -> Iterator[PageSpec]:
    """One page per paper, with its BibTeX."""
    for paper in index.papers.values():
        bibtex = _paper_bibtex(paper)
        yield PageSpec({"id": paper.id}, paper.path, {"paper": paper, "bibtex": bibtex})


def _paper_bibtex(paper: Sourced[Paper]) -> str:
    """One paper's BibTeX entry, written once for its page and its download."""
    key = fingerprint([paper.id, paper.record.model_dump(mode="json")])
    return remembered("paper-bibtex", key, lambda: to_bibtex([paper]), keep=100_000)


def paper_bibtex_files(index: SurveyIndex) -> Iterator[PageSpec]:
    """Each paper's BibTeX entry as a download."""
    for paper in index.papers.values():
        yield PageSpec({"id": paper.id}, paper.path, {"content": _paper_bibtex(paper)})


def bibliography_papers(index: SurveyIndex) -> list[Sourced[Paper]]:
    """Every paper, in the order of the bibliography's downloads."""
    return sorted(index.papers.values(), key=lambda p: p.id)


def bibliography_page(index: SurveyIndex) -> Iterator[PageSpec]:
    """The formatted bibliography with links to every download."""
    papers = bibliography_papers(index)
    style = index.meta.record.citation_style
    key = fingerprint([style, [(paper.id, csl_item(paper)) for paper in papers]])
    references = remembered("bibliography", key, lambda: format_references(papers, style))
    yield PageSpec(values={"references": references, "downloads": DOWNLOADS})


# --- comparisons and statistics ------------------------------------------------------------


def comparisons_index(index: SurveyIndex) -> Iterator[PageSpec]:
    """The list of comparison tables (the navigation links it even when there is none)."""
    yield PageSpec()


def comparison_pages(index: SurveyIndex) -> Iterator[PageSpec]:
    """One page per comparison table: its columns and its rows, filtered and sorted."""
    for comparison_id, sourced in sorted(index.comparisons.items()):
        comparison = sourced.record
        offered = COLUMNS[comparison.rows]
        yield PageSpec(
            {"id": comparison_id},
            sourced.path,
            {
                "comparison_id": comparison_id,
                "comparison": comparison,
                "columns": [(name, offered[name].header) for name in comparison.columns],
                "rows": comparison_rows(index, comparison),
            },
        )


def statistics_page(index: SurveyIndex) -> Iterator[PageSpec]:
    """The statistics page: counts, and the data behind the charts."""
    stats = statistics.compute_statistics(index)
    first_month = stats.months[0] if stats.months else None
    earlier_papers = sum(
        1
        for paper in index.papers.values()
        if first_month and (month := release_month(paper.record)) and month < first_month
    )
    yield PageSpec(
        values={
            "stats": stats,
            "status_order": statistics.STATUS_ORDER,
            "evidence_count": sum(len(f.record.evidence) for f in index.findings.values()),
            "earlier_papers": earlier_papers,
        }
    )


def chart_files(index: SurveyIndex) -> Iterator[PageSpec]:
    """The statistics page's charts as SVG files."""
    stats = statistics.compute_statistics(index)
    labels = [
        [d.title for d in index.dimensions],
        [topic.title for topic, _ in index.topics.values()],
        [place.term.title for place in index.terms.values()],
    ]
    key = fingerprint([stats, labels])
    drawn = remembered(
        "charts",
        key,
        lambda: {
            name + ("" if palette is charts.LIGHT else "-" + palette.name): svg
            for palette in charts.PALETTES
            for name, svg in (
                ("papers-per-month", charts.papers_per_month_chart(stats, index, palette)),
                ("methods-by-topic", charts.methods_by_topic_chart(stats, index, palette)),
                ("findings-by-status", charts.findings_by_status_chart(stats, index, palette)),
            )
        },
    )
    assert set(drawn) == {n + s for n in CHART_NAMES for s in ("", "-dark")}
    for name, svg in drawn.items():
        yield PageSpec({"id": name}, None, {"content": svg})


# --- training methods and research directions --------------------------------------------------


def training_methods_index(index: SurveyIndex) -> Iterator[PageSpec]:
    """The training methods by group (the navigation links it even when there is none)."""
    groups = index.training_method_groups
    path = index.record_path("training-method-groups", groups[0].id) if groups else None
    yield PageSpec(record_path=path)


def training_method_pages(index: SurveyIndex) -> Iterator[PageSpec]:
    """One page per training method."""
    for method_id, (method, group) in index.training_methods.items():
        yield PageSpec(
            {"id": method_id},
            index.record_path("training-methods", method_id),
            {"method": method, "group": group},
        )


def directions_index(index: SurveyIndex) -> Iterator[PageSpec]:
    """The research directions (the navigation links it even when there is none)."""
    first = index.directions[0].id if index.directions else None
    yield PageSpec(record_path=index.record_path("directions", first) if first else None)


def direction_pages(index: SurveyIndex) -> Iterator[PageSpec]:
    """One page per research direction."""
    for direction in index.directions:
        yield PageSpec(
            {"id": direction.id},
            index.record_path("directions", direction.id),
            {"direction": direction},
        )


# --- vocabularies ---------------------------------------------------------------------------------


def vocabulary_pages(index: SurveyIndex) -> Iterator[PageSpec]:
    """One page per vocabulary, with its terms and their coverage by topic."""
    for vocabulary_id, vocabulary in index.vocabularies.items():
        coverage = {
            (term.id, topic_id): sum(
                1
                for paper in index.papers_by_term[(vocabulary_id, term.id)]
                if topic_id in index.topics_by_paper[paper.id]
            )
            for term in vocabulary.record.terms
            for topic_id in index.topics
        }
        yield PageSpec(
            {"vocabulary": vocabulary_id},
            vocabulary.path,
            {"vocabulary_id": vocabulary_id, "vocabulary": vocabulary.record, "coverage": coverage},
        )


def term_pages(index: SurveyIndex) -> Iterator[PageSpec]:
    """One page per term, with its papers grouped by topic."""
    for vocabulary_id, vocabulary in index.vocabularies.items():
        for term in vocabulary.record.terms:
            grouped: dict[str, list[Sourced[Paper]]] = {}
            for paper in index.papers_by_term[(vocabulary_id, term.id)]:
                for topic_id in index.topics_by_paper[paper.id] or [""]:
                    grouped.setdefault(topic_id, []).append(paper)
            order = [t for t in index.topics if t in grouped] + ([""] if "" in grouped else [])
            yield PageSpec(
                {"vocabulary": vocabulary_id, "id": term.id},
                vocabulary.path,
                {
                    "vocabulary_id": vocabulary_id,
                    "vocabulary": vocabulary.record,
                    "term": term,
                    "papers_by_topic": [(t, grouped[t]) for t in order],
                },
            )


# --- the contributor reference ---------------------------------------------------------------


def reference_index(index: SurveyIndex) -> Iterator[PageSpec]:
    """The record format: one entry per kind of record file."""
    yield PageSpec(values={"record_kinds": KINDS})


def reference_pages(index: SurveyIndex) -> Iterator[PageSpec]:
    """One page per kind of record file: every field in words, and a real example."""
    for kind in KINDS:
        example = None
        records = index.files.get(kind.name, {})
        if kind.folder and records:
            first = records[min(records)]
            example = (first.path, dump_record(first.document.data, list(kind.model.model_fields)))
        yield PageSpec(
            {"id": kind.slug},
            None,
            {
                "kind": kind,
                "fields": describe_model(kind.model),
                "nested": [
                    (model.__name__, describe_model(model)) for model in nested_models(kind.model)
                ],
                "example": example,
            },
        )
