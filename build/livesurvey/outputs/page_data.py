"""What each generated page shows: the values its template receives, and its data files.

One function per kind of page yields a :class:`PageSpec` for every page of that
kind; :mod:`livesurvey.outputs.page_kinds` pairs each function with the page's
URL pattern and template. Everything here is computed from the linked index.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

from ..model.authors import Person, fold
from ..model.comparisons import COLUMNS, comparison_rows
from ..model.dates import newest_first, release_month
from ..model.history import survey_history
from ..model.index import METHODS, SurveyIndex
from ..records.field_docs import describe_model, nested_models
from ..records.kinds import KINDS
from ..records.loading import Sourced
from ..records.schema import Evidence, Finding, Paper, Stance
from ..records.writing import dump_record
from . import charts, statistics
from .bibliography import cached_references
from .exports.bibtex import entry_bibtex, to_bibtex
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
    """For a page: the template's values. For a data file: {'content': text}. A value may be
    :class:`Later`: worked out when the page is written, not when it is planned."""


@dataclass(frozen=True)
class Later:
    """A page value that is slow to work out (formatted references, charts): planning the
    pages stays quick, and the slow work is done with the writing (see
    :mod:`livesurvey.outputs.background`)."""

    work: Callable[[], Any]


CHART_NAMES = tuple(charts.CHARTS)
"""The statistics page's charts, published as statistics/<name>.svg (light scheme) and
statistics/<name>-dark.svg (dark scheme)."""
MAX_SIBLINGS = 12
"""Other findings on the same question listed on a finding page (the topic page has them all),
so that finding pages stay the same size however many findings a question gathers."""
MAX_MATRIX_PAPERS = 24
"""Paper columns of a topic's evidence matrix: those bearing on the most findings."""
MAX_QUESTION_FINDINGS = 20
"""Findings shown under each research question of a topic page (and rows of its matrix); the
findings index lists them all, so a topic page stays the same size as its questions fill up."""
MAX_TOPIC_PAPERS = 40
"""Papers listed under 'Papers on this topic', newest first; the topic's BibTeX holds them all."""
MAX_TERM_PAPERS = 40
"""Papers listed on a method's page (the newest, grouped by topic); the papers index lists
every paper with its methods, so a method used by thousands of papers keeps a small page."""
MAX_TERM_FINDINGS = 40
"""Findings listed on a method's page; the findings index lists them all."""


def _matrix_papers(findings: list[Sourced[Finding]]) -> list[str]:
    """The matrix's columns: the papers cited by ``findings`` (the most cited ones when there
    are many), in order of first citation."""
    counts: dict[str, int] = {}
    for finding in findings:
        for item in finding.record.evidence:
            counts[item.paper] = counts.get(item.paper, 0) + 1
    cited = list(counts)  # dicts keep the order of first citation
    if len(cited) <= MAX_MATRIX_PAPERS:
        return cited
    position = {paper: n for n, paper in enumerate(cited)}
    kept = set(sorted(cited, key=lambda p: (-counts[p], position[p]))[:MAX_MATRIX_PAPERS])
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
    """One page per topic: questions, findings, evidence matrix, papers, related topics.

    Every list on the page is bounded (see the MAX_ constants) and says where the rest is.
    """
    for topic_id, (topic, dimension) in index.topics.items():
        shown = {
            q.id: index.findings_by_question[q.id][:MAX_QUESTION_FINDINGS] for q in topic.questions
        }
        matrix_findings = [finding for q in topic.questions for finding in shown[q.id]]
        matrix_papers = _matrix_papers(matrix_findings)
        cited_count = len({i.paper for f in matrix_findings for i in f.record.evidence})
        papers = index.papers_by_topic[topic_id]
        shared = Counter(
            other
            for paper in papers
            for other in set(index.topics_by_paper[paper.id])
            if other != topic_id
        )
        related = sorted(shared, key=lambda t: (-shared[t], t))[:5]
        methods = _methods_in_topic(index, topic_id, {f.id for f in matrix_findings})
        yield PageSpec(
            {"id": topic_id},
            index.record_path("topics", topic_id),
            {
                "topic": topic,
                "dimension": dimension,
                "shown_findings": shown,
                "more_findings": {
                    q.id: len(index.findings_by_question[q.id]) - len(shown[q.id])
                    for q in topic.questions
                },
                "matrix_findings": matrix_findings,
                "matrix_papers": matrix_papers,
                "matrix_omitted": cited_count - len(matrix_papers),
                "topic_papers": newest_first(papers)[:MAX_TOPIC_PAPERS],
                "topic_paper_count": len(papers),
                "related_topics": [index.topics[t][0] for t in related],
                "other_shared": shared,
                "methods_used": methods,
            },
        )


def _methods_in_topic(
    index: SurveyIndex, topic_id: str, shown: set[str]
) -> list[tuple[str, int, list[str], int]]:
    """Each analysis method used by the evidence of the topic's findings: its term id, how
    many evidence items used it, the findings using it that the topic page shows (``shown``),
    and how many others do; most used first. The page stays bounded: only the shown findings
    are listed."""
    items: dict[str, int] = {}
    findings: dict[str, list[str]] = {}
    for finding in index.findings_of_topic(topic_id):
        for item in finding.record.evidence:
            for method in dict.fromkeys(item.methods):
                if (METHODS, method) not in index.terms:
                    continue
                items[method] = items.get(method, 0) + 1
                if finding.id not in findings.setdefault(method, []):
                    findings[method].append(finding.id)
    titles = {m: index.terms[(METHODS, m)].term.title.casefold() for m in items}
    order = sorted(items, key=lambda m: (-items[m], titles[m], m))
    listed = {m: [f for f in findings[m] if f in shown] for m in order}
    return [(m, items[m], listed[m], len(findings[m]) - len(listed[m])) for m in order]


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
                "evidence_by_stance": evidence_by_stance(finding.record),
            },
        )


def evidence_by_stance(finding: Finding) -> list[tuple[Stance, list[Evidence]]]:
    """The finding's evidence grouped by stance (supports, contests, qualifies, extends),
    each group in the record's order; stances without evidence are left out."""
    groups = [(stance, [e for e in finding.evidence if e.stance is stance]) for stance in Stance]
    return [(stance, items) for stance, items in groups if items]


def papers_index(index: SurveyIndex) -> Iterator[PageSpec]:
    """The list of every paper, newest first (year, month, then arXiv id)."""
    yield PageSpec(values={"papers": newest_first(index.papers.values())})


def paper_pages(index: SurveyIndex) -> Iterator[PageSpec]:
    """One page per paper, with its BibTeX."""
    for paper in index.papers.values():
        bibtex = entry_bibtex(paper)
        yield PageSpec({"id": paper.id}, paper.path, {"paper": paper, "bibtex": bibtex})


def paper_bibtex_files(index: SurveyIndex) -> Iterator[PageSpec]:
    """Each paper's BibTeX entry as a download."""
    for paper in index.papers.values():
        yield PageSpec({"id": paper.id}, paper.path, {"content": entry_bibtex(paper)})


def bibliography_papers(index: SurveyIndex) -> list[Sourced[Paper]]:
    """Every paper, in the order of the bibliography's downloads."""
    return sorted(index.papers.values(), key=lambda p: p.id)


def bibliography_page(index: SurveyIndex) -> Iterator[PageSpec]:
    """The formatted bibliography with links to every download."""
    papers = bibliography_papers(index)
    style = index.meta.record.citation_style
    references = Later(partial(cached_references, papers, style))
    yield PageSpec(values={"references": references, "downloads": DOWNLOADS})


# --- authors ----------------------------------------------------------------------------------


def authors_index(index: SurveyIndex) -> Iterator[PageSpec]:
    """Every author, alphabetical by family name, under one heading per initial letter."""
    letters: dict[str, list[Person]] = {}
    for person in index.authors.people.values():
        letters.setdefault(initial_letter(person), []).append(person)
    yield PageSpec(values={"letters": list(letters.items())})


def initial_letter(person: Person) -> str:
    """The index heading an author is listed under: 'A' to 'Z', or '#' for anything else."""
    first = fold(person.family)[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def author_pages(index: SurveyIndex) -> Iterator[PageSpec]:
    """One page per author: their papers, newest first, and the findings those papers bear on."""
    for slug, person in index.authors.people.items():
        papers = newest_first(index.papers[paper_id] for paper_id in person.paper_ids)
        mine = {paper.id for paper in papers}
        evidence: dict[str, list[Evidence]] = {}
        for paper in papers:
            for citation in index.citations_by_paper[paper.id]:
                evidence.setdefault(citation.finding.id, []).append(citation.evidence)
        findings = [
            (index.findings[finding_id], [e for e in items if e.paper in mine])
            for finding_id, items in sorted(evidence.items())
        ]
        first = person.credits[0]
        yield PageSpec(
            {"id": slug},
            index.papers[first.paper_id].path,
            {"person": person, "papers": papers, "findings": findings},
        )


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


_last_statistics: tuple[weakref.ref[SurveyIndex], statistics.SurveyStatistics] | None = None


def _statistics(index: SurveyIndex) -> statistics.SurveyStatistics:
    """The survey's statistics, computed once per index for the page and its charts."""
    global _last_statistics
    if _last_statistics is None or _last_statistics[0]() is not index:
        _last_statistics = (weakref.ref(index), statistics.compute_statistics(index))
    return _last_statistics[1]


def statistics_page(index: SurveyIndex) -> Iterator[PageSpec]:
    """The statistics page: counts, and the data behind the charts."""
    stats = _statistics(index)
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
    """The statistics page's charts as SVG files (drawn when the first one is written)."""
    drawn = cache(partial(_drawn_charts, index))  # all six at once, the first time
    for name in CHART_NAMES:
        for suffix in ("", "-dark"):
            drawing = Later(partial(_one_chart, drawn, name + suffix))
            yield PageSpec({"id": name + suffix}, None, {"content": drawing})


def _one_chart(drawn: Callable[[], dict[str, str]], name: str) -> str:
    return drawn()[name]


def _drawn_charts(index: SurveyIndex) -> dict[str, str]:
    data = statistics.chart_data(_statistics(index), index)
    drawn = remembered(
        "charts", fingerprint(data), lambda: charts.draw_elsewhere(data), persist=True
    )
    assert set(drawn) == {n + s for n in CHART_NAMES for s in ("", "-dark")}
    return drawn


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
    """One page per term: its newest papers grouped by topic, and its findings (both bounded)."""
    for vocabulary_id, vocabulary in index.vocabularies.items():
        for term in vocabulary.record.terms:
            papers = index.papers_by_term[(vocabulary_id, term.id)]
            findings = index.findings_by_term[(vocabulary_id, term.id)]
            # Every topic keeps its heading (and anchor), with its count, even when none of
            # its papers is among the newest listed.
            shown = {id(paper) for paper in newest_first(papers)[:MAX_TERM_PAPERS]}
            grouped: dict[str, list[Sourced[Paper]]] = {}
            counts: Counter[str] = Counter()
            for paper in papers:
                for topic_id in index.topics_by_paper[paper.id] or [""]:
                    counts[topic_id] += 1
                    if id(paper) in shown:
                        grouped.setdefault(topic_id, []).append(paper)
            order = [t for t in index.topics if t in counts] + ([""] if "" in counts else [])
            yield PageSpec(
                {"vocabulary": vocabulary_id, "id": term.id},
                vocabulary.path,
                {
                    "vocabulary_id": vocabulary_id,
                    "vocabulary": vocabulary.record,
                    "term": term,
                    "papers_by_topic": [(t, grouped.get(t, []), counts[t]) for t in order],
                    "paper_count": len(papers),
                    "more_papers": max(0, len(papers) - MAX_TERM_PAPERS),
                    "shown_findings": findings[:MAX_TERM_FINDINGS],
                    "finding_count": len(findings),
                    "more_findings": max(0, len(findings) - MAX_TERM_FINDINGS),
                },
            )


# --- what's new and its feeds ------------------------------------------------------------------


@dataclass(frozen=True)
class FeedSpec:
    """An Atom feed to write once the site's address is known (see outputs/news.py)."""

    title: str
    topic_id: str | None = None
    """The topic whose news it holds; ``None`` for the whole survey's."""


def whats_new_page(index: SurveyIndex) -> Iterator[PageSpec]:
    """What happened to the survey, month by month (from its history)."""
    history = survey_history(index)
    yield PageSpec(values={"history": history, "months": history.by_month()})


def survey_feed(index: SurveyIndex) -> Iterator[PageSpec]:
    """The whole survey's Atom feed."""
    yield PageSpec(values={"feed": FeedSpec(index.meta.record.title)})


def topic_feeds(index: SurveyIndex) -> Iterator[PageSpec]:
    """One Atom feed per topic: papers and findings added to it, findings changed in it."""
    for topic_id, (topic, _) in index.topics.items():
        title = f"{index.meta.record.title}: {topic.title}"
        yield PageSpec({"id": topic_id}, None, {"feed": FeedSpec(title, topic_id)})


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
