"""Find the record files of a survey folder, parse them and validate each one.

Layout of a data folder::

    survey.yaml          the living survey's metadata        (SurveyMeta)
    taxonomy.yaml        dimensions, topics, questions       (Taxonomy)
    training_methods.yaml  optional: grouped training methods  (TrainingMethods)
    directions.yaml      optional: open research directions  (Directions)
    vocab/<id>.yaml      controlled vocabularies             (Vocabulary)
    papers/<id>.yaml     one paper per file                  (Paper)
    findings/<id>.yaml   one finding per file                (Finding)
    comparisons/<id>.yaml  comparison tables declared as data (Comparison)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from .problems import Location, ProblemLog
from .schema import (
    Comparison,
    Directions,
    Finding,
    Paper,
    SurveyMeta,
    Taxonomy,
    TrainingMethods,
    Vocabulary,
    slug_problem,
)
from .validate import validate_document
from .yaml_source import SourceDocument, read_yaml_file

M = TypeVar("M", bound=BaseModel)

RECORD_SUFFIXES = (".yaml", ".yml")
IGNORED_NAMES = {"README.md", ".gitkeep"}


@dataclass(frozen=True)
class Sourced(Generic[M]):
    """A validated record together with the document it came from."""

    id: str
    record: M
    document: SourceDocument

    @property
    def path(self) -> str:
        """The record's file, relative to the data folder."""
        return self.document.path


@dataclass
class SurveyData:
    """Every record of a survey, validated one by one but not yet linked."""

    root: Path
    meta: Sourced[SurveyMeta] | None = None
    taxonomy: Sourced[Taxonomy] | None = None
    training_methods: Sourced[TrainingMethods] | None = None
    directions: Sourced[Directions] | None = None
    vocabularies: dict[str, Sourced[Vocabulary]] = field(default_factory=dict)
    papers: dict[str, Sourced[Paper]] = field(default_factory=dict)
    findings: dict[str, Sourced[Finding]] = field(default_factory=dict)
    comparisons: dict[str, Sourced[Comparison]] = field(default_factory=dict)
    invalid_ids: set[str] = field(default_factory=set)
    """Ids of record files that exist but failed validation (their problems are reported;
    references to them are not reported again)."""


def load_survey_data(root: Path, log: ProblemLog) -> SurveyData:
    """Read and validate every record under ``root``; problems go to ``log``."""
    data = SurveyData(root=root)
    if not root.is_dir():
        log.add(Location(str(root)), "data folder does not exist", code="missing-file")
        return data
    data.meta = _load_single(root, "survey.yaml", SurveyMeta, log)
    data.taxonomy = _load_single(root, "taxonomy.yaml", Taxonomy, log)
    data.training_methods = _load_optional(root, "training_methods.yaml", TrainingMethods, log)
    data.directions = _load_optional(root, "directions.yaml", Directions, log)
    data.vocabularies = _load_folder(root, "vocab", Vocabulary, log, data.invalid_ids)
    data.papers = _load_folder(root, "papers", Paper, log, data.invalid_ids)
    data.findings = _load_folder(root, "findings", Finding, log, data.invalid_ids)
    data.comparisons = _load_folder(root, "comparisons", Comparison, log, data.invalid_ids)
    _report_stray_entries(root, log)
    return data


def _load_single(root: Path, name: str, model: type[M], log: ProblemLog) -> Sourced[M] | None:
    file = root / name
    if not file.is_file():
        log.add(Location(name), f"required file '{name}' is missing", code="missing-file")
        return None
    return _load_file(file, name, Path(name).stem, model, log)


def _load_optional(root: Path, name: str, model: type[M], log: ProblemLog) -> Sourced[M] | None:
    if not (root / name).exists():
        return None
    return _load_single(root, name, model, log)


def _load_file(
    file: Path, relative: str, record_id: str, model: type[M], log: ProblemLog
) -> Sourced[M] | None:
    document = read_yaml_file(file, relative, log)
    if document is None:
        return None
    record = validate_document(document, model, log)
    if record is None:
        return None
    return Sourced(id=record_id, record=record, document=document)


def _load_folder(
    root: Path, folder: str, model: type[M], log: ProblemLog, invalid_ids: set[str]
) -> dict[str, Sourced[M]]:
    records: dict[str, Sourced[M]] = {}
    first_file: dict[str, str] = {}
    directory = root / folder
    if not directory.is_dir():
        return records
    for file in sorted(directory.iterdir()):
        relative = f"{folder}/{file.name}"
        if file.name in IGNORED_NAMES or file.name.startswith("."):
            continue
        if file.is_dir() or file.suffix not in RECORD_SUFFIXES:
            log.add(
                Location(relative),
                f"unexpected {'folder' if file.is_dir() else 'file'} in {folder}/; "
                f"records are single .yaml files named <id>.yaml",
                code="stray-file",
            )
            continue
        record_id = file.stem
        problem = slug_problem(record_id)
        if problem:
            log.add(
                Location(relative),
                f"file name {problem}; rename the file",
                code="bad-id",
            )
            continue
        if record_id in first_file:
            log.add(
                Location(relative),
                f"duplicate id '{record_id}': {first_file[record_id]} has the same id; "
                "keep one file per id",
                code="duplicate-id",
            )
            continue
        first_file[record_id] = relative
        loaded = _load_file(file, relative, record_id, model, log)
        if loaded is None:
            invalid_ids.add(f"{folder}/{record_id}")
        else:
            records[record_id] = loaded
    return records


def _report_stray_entries(root: Path, log: ProblemLog) -> None:
    expected = {
        "survey.yaml",
        "taxonomy.yaml",
        "training_methods.yaml",
        "directions.yaml",
        "vocab",
        "papers",
        "findings",
        "comparisons",
    }
    for entry in sorted(root.iterdir()):
        if entry.name in expected or entry.name in IGNORED_NAMES or entry.name.startswith("."):
            continue
        log.add(
            Location(entry.name),
            f"unexpected entry '{entry.name}' in the data folder; expected only "
            + ", ".join(sorted(expected)),
            code="stray-file",
        )
