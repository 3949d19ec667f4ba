"""Resolve every reference between records and index them both ways.

After linking, rendering can ask any question ("which findings cite this
paper, and how?") without searching, and every reference is known to exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .labels import citation_label
from .load import Sourced, SurveyData
from .problems import ProblemLog
from .schema import (
    Comparison,
    Dimension,
    Direction,
    Evidence,
    Finding,
    Paper,
    Question,
    RowKind,
    SurveyMeta,
    Taxonomy,
    Term,
    Topic,
    TrainingMethod,
    TrainingMethodGroup,
    Vocabulary,
)
from .validate import suggest
from .yaml_source import PathKey, SourceDocument

METHODS = "methods"
"""The vocabulary that evidence items and papers draw their analysis methods from."""


@dataclass(frozen=True)
class Citation:
    """One evidence item seen from the paper's side: which finding, with what stance."""

    finding: Sourced[Finding]
    evidence: Evidence


@dataclass(frozen=True)
class QuestionPlace:
    """A research question with its parents."""

    question: Question
    topic: Topic
    dimension: Dimension


@dataclass(frozen=True)
class TermPlace:
    vocabulary_id: str
    vocabulary: Vocabulary
    term: Term


@dataclass
class SurveyIndex:
    """The linked survey: records plus every relation, both ways."""

    meta: Sourced[SurveyMeta]
    taxonomy: Sourced[Taxonomy]
    vocabularies: dict[str, Sourced[Vocabulary]]
    papers: dict[str, Sourced[Paper]]
    findings: dict[str, Sourced[Finding]]
    comparisons: dict[str, Sourced[Comparison]] = field(default_factory=dict)
    topics: dict[str, tuple[Topic, Dimension]] = field(default_factory=dict)
    questions: dict[str, QuestionPlace] = field(default_factory=dict)
    terms: dict[tuple[str, str], TermPlace] = field(default_factory=dict)
    findings_by_question: dict[str, list[Sourced[Finding]]] = field(default_factory=dict)
    citations_by_paper: dict[str, list[Citation]] = field(default_factory=dict)
    papers_by_topic: dict[str, list[Sourced[Paper]]] = field(default_factory=dict)
    topics_by_paper: dict[str, list[str]] = field(default_factory=dict)
    papers_by_term: dict[tuple[str, str], list[Sourced[Paper]]] = field(default_factory=dict)
    findings_by_term: dict[tuple[str, str], list[Sourced[Finding]]] = field(default_factory=dict)
    training_methods: dict[str, tuple[TrainingMethod, TrainingMethodGroup]] = field(
        default_factory=dict
    )
    training_method_groups: list[TrainingMethodGroup] = field(default_factory=list)
    directions: list[Direction] = field(default_factory=list)
    training_methods_by_paper: dict[str, list[TrainingMethod]] = field(default_factory=dict)
    directions_by_paper: dict[str, list[Direction]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    invalid_ids: set[str] = field(default_factory=set)
    """'<folder>/<id>' of record files that exist but failed validation: references to them
    are not reported again, since the files' own problems already are."""
    """Short, unique in-text label of every paper, e.g. 'Liu et al., 2025a'."""

    @property
    def dimensions(self) -> list[Dimension]:
        return self.taxonomy.record.dimensions

    def findings_of_topic(self, topic_id: str) -> list[Sourced[Finding]]:
        topic, _ = self.topics[topic_id]
        return [f for q in topic.questions for f in self.findings_by_question[q.id]]

    def methods_of_paper(self, paper_id: str) -> list[str]:
        """Analysis-method term ids of a paper: its own list, then those of its evidence."""
        ordered = list(self.papers[paper_id].record.methods)
        for citation in self.citations_by_paper[paper_id]:
            ordered.extend(citation.evidence.methods)
        return list(dict.fromkeys(ordered))


def link_survey(data: SurveyData, log: ProblemLog) -> SurveyIndex | None:
    """Check every reference and build the index; ``None`` if a required part is missing."""
    if data.meta is None or data.taxonomy is None:
        return None
    index = SurveyIndex(
        meta=data.meta,
        taxonomy=data.taxonomy,
        vocabularies=data.vocabularies,
        papers=data.papers,
        findings=data.findings,
        comparisons=data.comparisons,
        invalid_ids=data.invalid_ids,
    )
    _index_taxonomy(index, log)
    _index_terms(index, log)
    _check_origin(index, log)
    _link_papers(index, log)
    _link_findings(index, log)
    _link_training_methods(index, data, log)
    _link_directions(index, data, log)
    _link_comparisons(index, log)
    _sort_relations(index)
    index.labels = unique_labels(index.papers)
    return index


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


def _index_taxonomy(index: SurveyIndex, log: ProblemLog) -> None:
    document = index.taxonomy.document
    seen_dimensions: dict[str, PathKey] = {}
    for d, dimension in enumerate(index.dimensions):
        _claim_id(seen_dimensions, dimension.id, ("dimensions", d), document, "dimension", log)
        for t, topic in enumerate(dimension.topics):
            topic_key: PathKey = ("dimensions", d, "topics", t)
            if topic.id in index.topics:
                _duplicate(document, (*topic_key, "id"), "topic", topic.id, log)
            else:
                index.topics[topic.id] = (topic, dimension)
                index.papers_by_topic[topic.id] = []
            for q, question in enumerate(topic.questions):
                question_key: PathKey = (*topic_key, "questions", q, "id")
                if question.id in index.questions:
                    _duplicate(document, question_key, "question", question.id, log)
                    continue
                index.questions[question.id] = QuestionPlace(question, topic, dimension)
                index.findings_by_question[question.id] = []


def _claim_id(
    seen: dict[str, PathKey],
    item_id: str,
    key: PathKey,
    document: SourceDocument,
    kind: str,
    log: ProblemLog,
) -> None:
    if item_id in seen:
        _duplicate(document, (*key, "id"), kind, item_id, log)
    else:
        seen[item_id] = key


def _duplicate(
    document: SourceDocument, key: PathKey, kind: str, item_id: str, log: ProblemLog
) -> None:
    log.add(
        document.at(key),
        f"duplicate {kind} id '{item_id}'; every {kind} needs its own id",
        code="duplicate-id",
    )


def _index_terms(index: SurveyIndex, log: ProblemLog) -> None:
    for vocabulary_id, sourced in index.vocabularies.items():
        for position, term in enumerate(sourced.record.terms):
            key = (vocabulary_id, term.id)
            if key in index.terms:
                _duplicate(sourced.document, ("terms", position, "id"), "term", term.id, log)
                continue
            index.terms[key] = TermPlace(vocabulary_id, sourced.record, term)
            index.papers_by_term[key] = []
            index.findings_by_term[key] = []


def _check_origin(index: SurveyIndex, log: ProblemLog) -> None:
    _has_paper(index, index.meta.document, ("origin",), index.meta.record.origin, log)


def _link_papers(index: SurveyIndex, log: ProblemLog) -> None:
    for paper_id, sourced in index.papers.items():
        index.citations_by_paper[paper_id] = []
        index.topics_by_paper[paper_id] = []
        for position, topic_id in enumerate(sourced.record.topics):
            if topic_id not in index.topics:
                key = ("topics", position)
                _unknown(sourced.document, key, "topic", topic_id, list(index.topics), log)
                continue
            _add_paper_to_topic(index, paper_id, topic_id)
        for position, method in enumerate(sourced.record.methods):
            _check_method(index, sourced.document, ("methods", position), method, log)


def _add_paper_to_topic(index: SurveyIndex, paper_id: str, topic_id: str) -> None:
    if topic_id not in index.topics_by_paper[paper_id]:
        index.topics_by_paper[paper_id].append(topic_id)
        index.papers_by_topic[topic_id].append(index.papers[paper_id])


def _link_findings(index: SurveyIndex, log: ProblemLog) -> None:
    for sourced in index.findings.values():
        finding = sourced.record
        place = index.questions.get(finding.question)
        if place is None:
            _unknown(
                sourced.document,
                ("question",),
                "question",
                finding.question,
                list(index.questions),
                log,
            )
        else:
            index.findings_by_question[finding.question].append(sourced)
        for position, evidence in enumerate(finding.evidence):
            key: PathKey = ("evidence", position)
            for m, method in enumerate(evidence.methods):
                if _check_method(index, sourced.document, (*key, "methods", m), method, log):
                    bucket = index.findings_by_term[(METHODS, method)]
                    if sourced not in bucket:
                        bucket.append(sourced)
            if not _has_paper(index, sourced.document, (*key, "paper"), evidence.paper, log):
                continue
            index.citations_by_paper[evidence.paper].append(Citation(sourced, evidence))
            if place is not None:
                _add_paper_to_topic(index, evidence.paper, place.topic.id)


def _link_training_methods(index: SurveyIndex, data: SurveyData, log: ProblemLog) -> None:
    if data.training_methods is None:
        return
    document = data.training_methods.document
    index.training_method_groups = data.training_methods.record.groups
    seen_groups: dict[str, PathKey] = {}
    for g, group in enumerate(index.training_method_groups):
        _claim_id(seen_groups, group.id, ("groups", g), document, "group", log)
        for m, method in enumerate(group.methods):
            key: PathKey = ("groups", g, "methods", m)
            if method.id in index.training_methods:
                _duplicate(document, (*key, "id"), "training method", method.id, log)
                continue
            index.training_methods[method.id] = (method, group)
            if not _has_paper(index, document, (*key, "paper"), method.paper, log):
                continue
            index.training_methods_by_paper.setdefault(method.paper, []).append(method)


def _link_directions(index: SurveyIndex, data: SurveyData, log: ProblemLog) -> None:
    if data.directions is None:
        return
    document = data.directions.document
    seen: dict[str, PathKey] = {}
    for d, direction in enumerate(data.directions.record.directions):
        _claim_id(seen, direction.id, ("directions", d), document, "direction", log)
        index.directions.append(direction)
        for p, paper_id in enumerate(direction.papers):
            if not _has_paper(index, document, ("directions", d, "papers", p), paper_id, log):
                continue
            index.directions_by_paper.setdefault(paper_id, []).append(direction)


def _link_comparisons(index: SurveyIndex, log: ProblemLog) -> None:
    from .comparisons import COLUMNS  # the column catalogue lives with the renderers

    for sourced in index.comparisons.values():
        comparison, document = sourced.record, sourced.document
        offered = list(COLUMNS[comparison.rows])
        for position, name in enumerate(comparison.columns):
            if name not in offered:
                _unknown(
                    document,
                    ("columns", position),
                    f"{comparison.rows.value} column",
                    name,
                    offered,
                    log,
                )
        for position, name in enumerate(comparison.sort):
            if name.removeprefix("-") not in offered:
                _unknown(
                    document,
                    ("sort", position),
                    f"{comparison.rows.value} column",
                    name.removeprefix("-"),
                    offered,
                    log,
                )
        wanted = comparison.filter
        for position, topic_id in enumerate(wanted.topics):
            if topic_id not in index.topics:
                _unknown(
                    document,
                    ("filter", "topics", position),
                    "topic",
                    topic_id,
                    list(index.topics),
                    log,
                )
        for position, method in enumerate(wanted.methods):
            _check_method(index, document, ("filter", "methods", position), method, log)
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


def _check_method(
    index: SurveyIndex, document: SourceDocument, key: PathKey, method: str, log: ProblemLog
) -> bool:
    if (METHODS, method) in index.terms:
        return True
    if f"vocab/{METHODS}" in index.invalid_ids:
        return False
    known = [term for vocabulary, term in index.terms if vocabulary == METHODS]
    _unknown(document, key, f"term of vocab/{METHODS}.yaml", method, known, log)
    return False


def _has_paper(
    index: SurveyIndex, document: SourceDocument, key: PathKey, paper_id: str, log: ProblemLog
) -> bool:
    """Whether the paper exists; reports it unless its file exists but is invalid."""
    if paper_id in index.papers:
        return True
    if f"papers/{paper_id}" not in index.invalid_ids:
        _unknown(document, key, "paper", paper_id, list(index.papers), log)
    return False


def _unknown(
    document: SourceDocument,
    key: PathKey,
    kind: str,
    value: str,
    known: list[str],
    log: ProblemLog,
) -> None:
    hint = suggest(value, known)
    tail = f"did you mean '{hint}'?" if hint else f"check the id against the existing {kind}s"
    log.add(document.at(key), f"unknown {kind} '{value}'; {tail}", code="unknown-reference")


def _sort_relations(index: SurveyIndex) -> None:
    for findings in index.findings_by_question.values():
        findings.sort(key=lambda f: (f.record.order, f.id))
    for papers in index.papers_by_topic.values():
        papers.sort(key=lambda p: p.id)
    for paper_id, paper in index.papers.items():
        for method in index.methods_of_paper(paper_id):
            if (METHODS, method) in index.terms:
                index.papers_by_term[(METHODS, method)].append(paper)
    for findings in index.findings_by_term.values():
        findings.sort(key=lambda f: f.id)
    for citations in index.citations_by_paper.values():
        citations.sort(key=lambda c: c.finding.id)
