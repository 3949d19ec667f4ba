"""Find the record files of a data folder, parse them and validate each one.

Which files exist and which schema each follows is declared in
:mod:`livesurvey.records.kinds`; this module only walks that registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from pydantic import BaseModel

from ..core.problems import Location, ProblemLog, Severity
from .files import MAX_RECORD_BYTES, MAX_SHARED_FILE_BYTES, confinement_problem
from .identifiers import slug_problem
from .kinds import (
    COMPARISONS,
    DIRECTIONS,
    FINDINGS,
    KINDS,
    PAPERS,
    SURVEY,
    TAXONOMY,
    TRAINING_METHODS,
    VOCABULARIES,
    RecordKind,
)
from .schema import (
    Comparison,
    Directions,
    Finding,
    Paper,
    SurveyMeta,
    Taxonomy,
    TrainingMethods,
    Vocabulary,
)
from .validation import validate_document
from .yaml_source import ParsedDocuments, SourceDocument, read_yaml_file

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
    files: dict[str, dict[str, Sourced[Any]]] = field(default_factory=dict)
    """Valid records by kind name, then by id (a single file's id is its stem)."""
    invalid: list[tuple[RecordKind, str]] = field(default_factory=list)
    """Files that failed validation, and required files that are missing: their problems are
    reported, and references into them are not reported again."""

    def of(self, kind: RecordKind) -> dict[str, Sourced[Any]]:
        """The valid records of ``kind`` by id."""
        return self.files.get(kind.name, {})

    def single(self, kind: RecordKind) -> Sourced[Any] | None:
        """The record of a single-file kind, if its file exists and is valid."""
        return next(iter(self.of(kind).values()), None)

    @property
    def meta(self) -> Sourced[SurveyMeta] | None:
        return self.single(SURVEY)

    @property
    def taxonomy(self) -> Sourced[Taxonomy] | None:
        return self.single(TAXONOMY)

    @property
    def training_methods(self) -> Sourced[TrainingMethods] | None:
        return self.single(TRAINING_METHODS)

    @property
    def directions(self) -> Sourced[Directions] | None:
        return self.single(DIRECTIONS)

    @property
    def vocabularies(self) -> dict[str, Sourced[Vocabulary]]:
        return cast("dict[str, Sourced[Vocabulary]]", self.of(VOCABULARIES))

    @property
    def papers(self) -> dict[str, Sourced[Paper]]:
        return cast("dict[str, Sourced[Paper]]", self.of(PAPERS))

    @property
    def findings(self) -> dict[str, Sourced[Finding]]:
        return cast("dict[str, Sourced[Finding]]", self.of(FINDINGS))

    @property
    def comparisons(self) -> dict[str, Sourced[Comparison]]:
        return cast("dict[str, Sourced[Comparison]]", self.of(COMPARISONS))

    def is_invalid(self, namespace: str, item_id: str) -> bool:
        """Whether ``item_id`` might be defined by a file that exists but is invalid."""
        return any(kind.may_define(file_id, namespace, item_id) for kind, file_id in self.invalid)


def load_survey_data(
    root: Path, log: ProblemLog, parsed: ParsedDocuments | None = None
) -> SurveyData:
    """Read and validate every record under ``root``; problems go to ``log``.

    With ``parsed``, files parsed in an earlier run are not parsed again."""
    data = SurveyData(root=root)
    if not root.is_dir():
        log.add(Location(str(root)), "data folder does not exist", code="missing-file")
        return data
    for kind in KINDS:
        if kind.folder:
            data.files[kind.name] = _load_folder(root, kind, log, data, parsed)
        else:
            data.files[kind.name] = _load_single(root, kind, log, data, parsed)
    _report_stray_entries(root, log)
    return data


def _load_single(
    root: Path, kind: RecordKind, log: ProblemLog, data: SurveyData, parsed: ParsedDocuments | None
) -> dict[str, Sourced[Any]]:
    file = root / kind.path
    record_id = Path(kind.path).stem
    if not file.exists() and not file.is_symlink():
        if kind.required:
            log.add(
                Location(kind.path),
                f"required file '{kind.path}' is missing",
                code="missing-file",
            )
            data.invalid.append((kind, record_id))  # so references into it stay quiet
        return {}
    if not _readable_record(root, file, kind.path, log):
        data.invalid.append((kind, record_id))
        return {}
    loaded = _load_file(file, kind.path, record_id, kind.model, log, MAX_SHARED_FILE_BYTES, parsed)
    if loaded is None:
        data.invalid.append((kind, record_id))
        return {}
    return {record_id: loaded}


def _readable_record(root: Path, file: Path, relative: str, log: ProblemLog) -> bool:
    """Whether ``file`` is a plain file inside the data folder (else it is reported)."""
    problem = confinement_problem(root, file)
    if problem is None and not file.is_file():
        problem = "expected a file, found a folder; records are single .yaml files"
    if problem:
        log.add(Location(relative), problem, code="unsafe-path")
        return False
    return True


def _load_file(
    file: Path,
    relative: str,
    record_id: str,
    model: type[M],
    log: ProblemLog,
    limit: int,
    parsed: ParsedDocuments | None,
) -> Sourced[M] | None:
    document = read_yaml_file(file, relative, log, limit=limit, parsed=parsed)
    if document is None:
        return None
    record = validate_document(document, model, log)
    if record is None:
        return None
    return Sourced(id=record_id, record=record, document=document)


def _entries(directory: Path, relative: str, log: ProblemLog) -> list[Path]:
    try:
        return sorted(directory.iterdir())
    except OSError as error:
        log.add(Location(relative), f"cannot list the folder: {error.strerror}", code="io")
        return []


def _load_folder(
    root: Path, kind: RecordKind, log: ProblemLog, data: SurveyData, parsed: ParsedDocuments | None
) -> dict[str, Sourced[Any]]:
    records: dict[str, Sourced[Any]] = {}
    first_file: dict[str, str] = {}
    folder = kind.path
    directory = root / folder
    if directory.is_symlink() or not directory.is_dir():
        if directory.is_symlink():
            log.add(
                Location(folder), confinement_problem(root, directory) or "", code="unsafe-path"
            )
        return records
    for file in _entries(directory, folder, log):
        relative = f"{folder}/{file.name}"
        if file.name in IGNORED_NAMES:
            continue
        if file.name.startswith("."):
            _report_hidden(file, relative, log)
            continue
        if file.is_symlink() or file.is_dir() or file.suffix not in RECORD_SUFFIXES:
            if file.is_symlink():
                stray = confinement_problem(root, file) or ""
            else:
                what = "folder" if file.is_dir() else "file"
                stray = (
                    f"unexpected {what} in {folder}/; records are single .yaml files "
                    "named <id>.yaml"
                )
            log.add(Location(relative), stray, code="stray-file")
            continue
        record_id = file.stem
        bad_id = slug_problem(record_id)
        if bad_id:
            log.add(
                Location(relative),
                f"file name {bad_id}; rename the file",
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
        loaded = _load_file(file, relative, record_id, kind.model, log, MAX_RECORD_BYTES, parsed)
        if loaded is None:
            data.invalid.append((kind, record_id))
        else:
            records[record_id] = loaded
    return records


def _report_hidden(file: Path, relative: str, log: ProblemLog) -> None:
    """A hidden record would be silently left out: say so. Other hidden files are noted."""
    if file.suffix in RECORD_SUFFIXES:
        log.add(
            Location(relative),
            f"'{file.name}' is hidden (its name starts with a dot), so it would be left out; "
            "remove the leading dot",
            code="hidden-file",
        )
    else:
        log.add(
            Location(relative),
            f"hidden file '{file.name}' is not a record and is ignored; remove it",
            code="hidden-file",
            severity=Severity.WARNING,
        )


def _report_stray_entries(root: Path, log: ProblemLog) -> None:
    expected = {kind.path for kind in KINDS}
    for entry in _entries(root, ".", log):
        if entry.name in IGNORED_NAMES:
            continue
        if entry.name.startswith("."):
            _report_hidden(entry, entry.name, log)
            continue
        if entry.name in expected:
            continue
        log.add(
            Location(entry.name),
            f"unexpected entry '{entry.name}' in the data folder; expected only "
            + ", ".join(sorted(expected)),
            code="stray-file",
        )
