"""The linked survey: records plus every relation between them, both ways.

Rendering asks the index questions ("which findings cite this paper, and how?")
without searching, and every id it holds is known to exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..records.kinds import Definition
from ..records.loading import Sourced
from ..records.schema import (
    Comparison,
    Dimension,
    Direction,
    Evidence,
    Finding,
    Paper,
    Question,
    SurveyMeta,
    Taxonomy,
    Term,
    Topic,
    TrainingMethod,
    TrainingMethodGroup,
    Vocabulary,
)
from ..records.yaml_source import PathKey
from .authors import AuthorIndex

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
    """A term with the vocabulary that lists it."""

    vocabulary_id: str
    vocabulary: Vocabulary
    term: Term


@dataclass(frozen=True)
class Defined:
    """Something with an id (a record, or a topic, term, ... inside one) and its file."""

    definition: Definition
    source: Sourced[Any]

    @property
    def path(self) -> str:
        """The file that defines it, relative to the data folder."""
        return self.source.path


@dataclass(frozen=True)
class Referrer:
    """A record that names another one: which record, and at which field."""

    kind: str
    """Kind of the referring record, e.g. 'findings'."""
    record_id: str
    key: PathKey


@dataclass
class SurveyIndex:
    """The linked survey: records plus every relation, both ways."""

    meta: Sourced[SurveyMeta]
    taxonomy: Sourced[Taxonomy]
    vocabularies: dict[str, Sourced[Vocabulary]]
    papers: dict[str, Sourced[Paper]]
    findings: dict[str, Sourced[Finding]]
    comparisons: dict[str, Sourced[Comparison]] = field(default_factory=dict)
    files: dict[str, dict[str, Sourced[Any]]] = field(default_factory=dict)
    """Every record by kind name, then id, as loaded (see :mod:`livesurvey.records.kinds`)."""
    defined: dict[str, dict[str, Defined]] = field(default_factory=dict)
    """Every id by namespace ('papers', 'topics', 'methods', ...), with the file defining it."""
    referrers: dict[tuple[str, str], list[Referrer]] = field(default_factory=dict)
    """Who names (namespace, id): every resolved reference, seen from its target."""
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
    """Short, unique in-text label of every paper, e.g. 'Liu et al., 2025a'."""
    history: Any = None
    """The survey's history (:class:`livesurvey.model.history.SurveyHistory`), when read;
    :func:`livesurvey.model.history.survey_history` gives it, or the records' own dates."""
    authors: AuthorIndex = field(default_factory=AuthorIndex)
    """Every author (one entry per person or organisation, however spelt) and each paper's."""

    @property
    def dimensions(self) -> list[Dimension]:
        return self.taxonomy.record.dimensions

    def forget_sources(self) -> None:
        """Drop every record's parsed data and value positions once the survey is checked and
        its pages written (see
        :meth:`~livesurvey.records.yaml_source.SourceDocument.forget_source`)."""
        for records in self.files.values():
            for sourced in records.values():
                sourced.document.forget_source()

    def has(self, namespace: str, item_id: str) -> bool:
        """Whether ``item_id`` is defined in ``namespace``."""
        return item_id in self.defined.get(namespace, {})

    def record_path(self, namespace: str, item_id: str) -> str:
        """The file, relative to the data folder, that defines ``item_id``."""
        return self.defined[namespace][item_id].path

    def findings_of_topic(self, topic_id: str) -> list[Sourced[Finding]]:
        topic, _ = self.topics[topic_id]
        return [f for q in topic.questions for f in self.findings_by_question[q.id]]

    def methods_of_paper(self, paper_id: str) -> list[str]:
        """Analysis-method term ids of a paper: its own list, then those of its evidence."""
        ordered = list(self.papers[paper_id].record.methods)
        for citation in self.citations_by_paper[paper_id]:
            ordered.extend(citation.evidence.methods)
        return list(dict.fromkeys(ordered))
