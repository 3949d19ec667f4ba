"""The registry of record kinds: every kind of record file is declared here, once.

A kind says where its files live, which schema they follow, whether the survey
needs them, and which ids they define (the *namespaces* that references point
into, see :class:`~livesurvey.records.schema.Reference`). Loading, linking, the
JSON export and the stray-file check all read this registry, so adding a kind
of record means adding its schema class and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .schema import (
    AnchorRegistry,
    Comparison,
    Directions,
    Finding,
    Paper,
    Record,
    SurveyMeta,
    Taxonomy,
    TrainingMethods,
    Vocabulary,
)
from .yaml_source import PathKey


@dataclass(frozen=True)
class Definition:
    """One id that a record defines, and where in the record it is defined."""

    namespace: str
    """Where the id lives, e.g. 'topics'; references name the namespace they point into."""
    id: str
    value: Any
    """The object the id stands for (a Topic, a Term, ...)."""
    key: PathKey
    """Path of the object inside its record file (empty for a whole file)."""
    noun: str
    """How messages name one such id, e.g. 'topic'."""


Definitions = Callable[[str, Any], Iterator[Definition]]
"""Given a file's id and its validated record, the ids it defines."""


@dataclass(frozen=True)
class RecordKind:
    """One kind of record file."""

    name: str
    """Name of the kind, e.g. 'papers'."""
    model: type[Record]
    """The schema of one file."""
    path: str
    """A folder of ``<id>.yaml`` files (e.g. 'papers') or one file (e.g. 'survey.yaml')."""
    folder: bool
    """True for one record per file in a folder."""
    required: bool = False
    """A single-file kind the survey cannot do without."""
    defines: Definitions | None = None
    """The ids inside a file. Without it, each file of a folder kind defines its own id
    in the namespace named after the kind (a paper file defines its id among 'papers')."""
    namespaces: tuple[str, ...] = ()
    """For a single file that defines ids: the namespaces it defines them in. A folder kind
    with ``defines`` gives each file a namespace of its own: '<kind>/<file id>'."""
    export_key: str = ""
    """Its key in the whole-survey JSON export (defaults to the kind's name)."""
    summary: str = ""
    """What the kind holds, in a few words (for the export's JSON Schema)."""

    @property
    def slug(self) -> str:
        """The kind's name in addresses, e.g. 'training-methods' (its record-format page)."""
        return self.name.replace("_", "-")

    @property
    def key(self) -> str:
        """The kind's key in the whole-survey JSON export."""
        return self.export_key or self.name

    def file_path(self, record_id: str) -> str:
        """The file of a record, relative to the data folder."""
        return f"{self.path}/{record_id}.yaml" if self.folder else self.path

    def may_define(self, file_id: str, namespace: str, item_id: str) -> bool:
        """Whether the file ``file_id`` of this kind could define ``item_id`` in ``namespace``.

        Used to stay silent about references into a file that exists but is invalid.
        """
        if not self.folder:
            return namespace in self.namespaces
        if self.defines is not None:
            return namespace == self.file_namespace(file_id)
        return namespace == self.name and item_id == file_id

    def file_namespace(self, file_id: str) -> str:
        """The namespace of the ids inside one file of a folder kind, e.g. 'vocab/methods'."""
        return f"{self.name}/{file_id}"


def _taxonomy(_: str, taxonomy: Taxonomy) -> Iterator[Definition]:
    for d, dimension in enumerate(taxonomy.dimensions):
        yield Definition("dimensions", dimension.id, dimension, ("dimensions", d), "dimension")
        for t, topic in enumerate(dimension.topics):
            topic_key: PathKey = ("dimensions", d, "topics", t)
            yield Definition("topics", topic.id, topic, topic_key, "topic")
            for q, question in enumerate(topic.questions):
                question_key: PathKey = (*topic_key, "questions", q)
                yield Definition("questions", question.id, question, question_key, "question")


def _vocabulary(vocabulary_id: str, vocabulary: Vocabulary) -> Iterator[Definition]:
    namespace = f"vocab/{vocabulary_id}"
    for position, term in enumerate(vocabulary.terms):
        yield Definition(namespace, term.id, term, ("terms", position), "term")


def _training_methods(_: str, methods: TrainingMethods) -> Iterator[Definition]:
    for g, group in enumerate(methods.groups):
        yield Definition("training-method-groups", group.id, group, ("groups", g), "group")
        for m, method in enumerate(group.methods):
            method_key: PathKey = ("groups", g, "methods", m)
            yield Definition("training-methods", method.id, method, method_key, "training method")


def _directions(_: str, directions: Directions) -> Iterator[Definition]:
    for position, direction in enumerate(directions.directions):
        yield Definition(
            "directions", direction.id, direction, ("directions", position), "direction"
        )


SURVEY = RecordKind(
    "survey",
    SurveyMeta,
    "survey.yaml",
    folder=False,
    required=True,
    summary="The living survey's metadata.",
)
TAXONOMY = RecordKind(
    "taxonomy",
    Taxonomy,
    "taxonomy.yaml",
    folder=False,
    required=True,
    defines=_taxonomy,
    namespaces=("dimensions", "topics", "questions"),
    summary="Dimensions, topics and research questions.",
)
TRAINING_METHODS = RecordKind(
    "training_methods",
    TrainingMethods,
    "training_methods.yaml",
    folder=False,
    defines=_training_methods,
    namespaces=("training-method-groups", "training-methods"),
    summary="Training methods, grouped.",
)
DIRECTIONS = RecordKind(
    "directions",
    Directions,
    "directions.yaml",
    folder=False,
    defines=_directions,
    namespaces=("directions",),
    summary="Open research directions.",
)
VOCABULARIES = RecordKind(
    "vocab",
    Vocabulary,
    "vocab",
    folder=True,
    defines=_vocabulary,
    export_key="vocabularies",
    summary="Controlled vocabularies by id.",
)
PAPERS = RecordKind("papers", Paper, "papers", folder=True, summary="Paper records by id.")
FINDINGS = RecordKind(
    "findings", Finding, "findings", folder=True, summary="Finding records by id."
)
COMPARISONS = RecordKind(
    "comparisons",
    Comparison,
    "comparisons",
    folder=True,
    summary="Comparison tables by id.",
)

ANCHORS = RecordKind(
    "anchors",
    AnchorRegistry,
    "anchors.yaml",
    folder=False,
    summary="Every address the site has published, and what became of those no longer published.",
)

KINDS: tuple[RecordKind, ...] = (
    SURVEY,
    TAXONOMY,
    TRAINING_METHODS,
    DIRECTIONS,
    VOCABULARIES,
    PAPERS,
    FINDINGS,
    COMPARISONS,
    ANCHORS,
)
"""Every kind, in loading order."""
