"""Link the loaded records: define every id, check every reference, index relations both ways.

Three passes over the registry of record kinds (:mod:`livesurvey.records.kinds`):

1. *define*: collect every id each file defines (papers, topics, terms, ...) and
   report ids defined twice;
2. *resolve*: check every reference the schema marks (``PaperRef``, ``TopicRef``,
   ...) against those ids, suggesting the closest one, and record who refers to what;
3. *relate*: build the survey-specific relations that pages need (findings of a
   question, citations of a paper with their stance, papers of a topic, ...).
"""

from __future__ import annotations

from ..core.problems import ProblemLog
from ..core.suggestions import unknown_message
from ..records.kinds import KINDS, VOCABULARIES, Definition
from ..records.loading import SurveyData
from ..records.references import iter_references
from .authors import group_authors
from .citation_keys import citation_key
from .comparisons import check_comparison
from .index import (
    METHODS,
    Citation,
    Defined,
    QuestionPlace,
    Referrer,
    SurveyIndex,
    TermPlace,
)
from .labels import unique_labels


def link_survey(data: SurveyData, log: ProblemLog) -> SurveyIndex | None:
    """Check every reference and build the index; ``None`` if a required part is missing.

    Ids and references are checked even then, so that one run lists every problem.
    """
    defined = _define(data, log)
    referrers = _resolve(defined, data, log)
    for sourced in data.comparisons.values():
        check_comparison(sourced, log)
    if data.meta is None or data.taxonomy is None:
        return None
    index = SurveyIndex(
        meta=data.meta,
        taxonomy=data.taxonomy,
        vocabularies=data.vocabularies,
        papers=data.papers,
        findings=data.findings,
        comparisons=data.comparisons,
        files=data.files,
        defined=defined,
        referrers=referrers,
    )
    _relate_taxonomy(index)
    _relate_terms(index)
    _relate_papers(index)
    _relate_findings(index)
    _relate_training_methods(index, data)
    _relate_directions(index, data)
    _check_citation_keys(index, log)
    _sort_relations(index)
    index.labels = unique_labels(index.papers)
    index.authors = group_authors(index.papers)
    return index


# --- pass 1: every id, once ------------------------------------------------------------


def _define(data: SurveyData, log: ProblemLog) -> dict[str, dict[str, Defined]]:
    defined: dict[str, dict[str, Defined]] = {}
    for kind in KINDS:
        for file_id, sourced in data.of(kind).items():
            if kind.folder and kind.defines is None:
                whole = Definition(kind.name, file_id, sourced.record, (), kind.name)
                defined.setdefault(kind.name, {})[file_id] = Defined(whole, sourced)
            if kind.defines is not None:
                for definition in kind.defines(file_id, sourced.record):
                    namespace = defined.setdefault(definition.namespace, {})
                    if definition.id in namespace:
                        noun = definition.noun
                        log.add(
                            sourced.document.at((*definition.key, "id")),
                            f"duplicate {noun} id '{definition.id}'; every {noun} needs its own id",
                            code="duplicate-id",
                        )
                        continue
                    namespace[definition.id] = Defined(definition, sourced)
    return defined


# --- pass 2: every reference resolves ---------------------------------------------------


def _resolve(
    defined: dict[str, dict[str, Defined]], data: SurveyData, log: ProblemLog
) -> dict[tuple[str, str], list[Referrer]]:
    referrers: dict[tuple[str, str], list[Referrer]] = {}
    for kind in KINDS:
        for record_id, sourced in data.of(kind).items():
            for found in iter_references(sourced.record):
                target = found.reference.namespace
                known = defined.get(target, {})
                if found.value in known:
                    referrer = Referrer(kind.name, record_id, found.key)
                    referrers.setdefault((target, found.value), []).append(referrer)
                elif not data.is_invalid(target, found.value):
                    message = unknown_message(
                        found.reference.noun,
                        found.value,
                        known,
                        f"check the id against {found.reference.where}",
                    )
                    log.add(sourced.document.at(found.key), message, code="unknown-reference")
    return referrers


# --- pass 3: relations the pages need -----------------------------------------------------


def _first(index: SurveyIndex, namespace: str, item_id: str, value: object) -> bool:
    """Whether ``value`` is the definition that won ``item_id`` (duplicates are reported)."""
    return index.defined[namespace][item_id].definition.value is value


def _relate_taxonomy(index: SurveyIndex) -> None:
    for dimension in index.dimensions:
        for topic in dimension.topics:
            if _first(index, "topics", topic.id, topic):
                index.topics[topic.id] = (topic, dimension)
                index.papers_by_topic[topic.id] = []
            for question in topic.questions:
                if _first(index, "questions", question.id, question):
                    index.questions[question.id] = QuestionPlace(question, topic, dimension)
                    index.findings_by_question[question.id] = []


def _relate_terms(index: SurveyIndex) -> None:
    for vocabulary_id, sourced in index.vocabularies.items():
        for term in sourced.record.terms:
            if _first(index, VOCABULARIES.file_namespace(vocabulary_id), term.id, term):
                key = (vocabulary_id, term.id)
                index.terms[key] = TermPlace(vocabulary_id, sourced.record, term)
                index.papers_by_term[key] = []
                index.findings_by_term[key] = []


def _relate_papers(index: SurveyIndex) -> None:
    for paper_id, sourced in index.papers.items():
        index.citations_by_paper[paper_id] = []
        index.topics_by_paper[paper_id] = []
        for topic_id in sourced.record.topics:
            if topic_id in index.topics:
                _add_paper_to_topic(index, paper_id, topic_id)


def _add_paper_to_topic(index: SurveyIndex, paper_id: str, topic_id: str) -> None:
    if topic_id not in index.topics_by_paper[paper_id]:
        index.topics_by_paper[paper_id].append(topic_id)
        index.papers_by_topic[topic_id].append(index.papers[paper_id])


def _relate_findings(index: SurveyIndex) -> None:
    for sourced in index.findings.values():
        finding = sourced.record
        place = index.questions.get(finding.question)
        if place is not None:
            index.findings_by_question[finding.question].append(sourced)
        for evidence in finding.evidence:
            for method in evidence.methods:
                bucket = index.findings_by_term.get((METHODS, method))
                # A finding is filed once per term; only its own earlier evidence can have done it.
                if bucket is not None and (not bucket or bucket[-1] is not sourced):
                    bucket.append(sourced)
            if evidence.paper not in index.papers:
                continue
            index.citations_by_paper[evidence.paper].append(Citation(sourced, evidence))
            if place is not None:
                _add_paper_to_topic(index, evidence.paper, place.topic.id)


def _relate_training_methods(index: SurveyIndex, data: SurveyData) -> None:
    if data.training_methods is None:
        return
    index.training_method_groups = data.training_methods.record.groups
    for group in index.training_method_groups:
        for method in group.methods:
            if not _first(index, "training-methods", method.id, method):
                continue
            index.training_methods[method.id] = (method, group)
            if method.paper in index.papers:
                index.training_methods_by_paper.setdefault(method.paper, []).append(method)


def _relate_directions(index: SurveyIndex, data: SurveyData) -> None:
    if data.directions is None:
        return
    for direction in data.directions.record.directions:
        index.directions.append(direction)
        for paper_id in direction.papers:
            if paper_id in index.papers:
                index.directions_by_paper.setdefault(paper_id, []).append(direction)


def _check_citation_keys(index: SurveyIndex, log: ProblemLog) -> None:
    """Every key (or id) cites one paper: reference managers and citeproc ignore case."""
    first: dict[str, str] = {}
    for paper_id in sorted(index.papers):
        paper = index.papers[paper_id]
        for name in dict.fromkeys([paper_id, citation_key(paper)]):
            other = first.setdefault(name.lower(), paper_id)
            if other != paper_id:
                log.add(
                    paper.document.at(("key",)),
                    f"citation key '{name}' already cites papers/{other}.yaml (keys are compared "
                    "without case); give this paper its own key",
                    code="duplicate-key",
                )


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
