"""``livesurvey import-bib``: create or complete paper records from a .bib file.

Re-importing the same file changes nothing. An existing record is completed
with fields it lacks but never overwritten: a field whose value differs is
reported as a conflict and the record keeps its (curated) value, and the new
fields are appended so that its comments and layout stay. Every valid entry is
imported; an entry with an error (or one that would give a record ``check``
refuses) is reported with its line and reason and left out, and the import exits
with status 1. Files are written whole (temporary file, then rename) and only
inside the data folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.problems import Location, ProblemLog
from ..quality.rules import work_keys
from ..records.files import confinement_problem, write_atomically
from ..records.schema import Paper
from ..records.writing import (
    PAPER_FIELD_ORDER,
    append_fields,
    dump_record,
    validation_problems,
)
from ..records.yaml_source import read_yaml_file
from .bibtex_entries import ImportedEntry, parse_bibliography

NEVER_MERGED = {"added"}
"""Fields an import never touches on an existing record."""


@dataclass
class ImportPlan:
    """What an import would do, file by file."""

    source: str = ""
    """The .bib file, as given."""
    refused: int = 0
    """Entries not imported, each reported with its line and reason."""
    new: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    writes: dict[Path, str] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"{len(self.new)} new, {len(self.updated)} completed, "
            f"{len(self.unchanged)} unchanged, {len(self.conflicts)} conflicting fields kept, "
            f"{self.refused} refused"
        )


def plan_import(bib_file: Path, data_dir: Path, log: ProblemLog, *, added: dt.date) -> ImportPlan:
    """Work out every change; write nothing. Problems go to ``log``."""
    plan = ImportPlan(source=str(bib_file))
    try:
        text = bib_file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        log.add(
            Location(str(bib_file)),
            f"the .bib file is not valid UTF-8 ({error.reason} at byte {error.start}); "
            "save it as UTF-8",
            code="encoding",
        )
        return plan
    except OSError as error:
        log.add(Location(str(bib_file)), f"cannot read the .bib file: {error.strerror}", code="io")
        return plan
    parsed = parse_bibliography(text, str(bib_file), log, added=added)
    plan.refused = parsed.refused
    works = _recorded_works(data_dir)
    for entry in parsed.entries:
        same = _same_work(works, entry)
        if same is not None and same != entry.record_id:
            log.add(
                Location(plan.source, entry.line),
                f"entry '{entry.key}' is the same work as papers/{same}.yaml; complete that "
                f"record instead (give the entry the key '{same}')",
                code="duplicate-work",
            )
            plan.refused += 1
            continue
        for work in _work_keys(entry.fields):
            works.setdefault(work, entry.record_id)
        _plan_entry(entry, data_dir, plan, log)
    return plan


def _work_keys(fields: dict[str, Any]) -> list[tuple[str, str]]:
    return work_keys(str(fields.get("title", "")), fields.get("arxiv"), fields.get("doi"))


def _recorded_works(data_dir: Path) -> dict[tuple[str, str], str]:
    """The works the records already hold, by what identifies them (unreadable files skipped:
    ``check`` reports them)."""
    works: dict[tuple[str, str], str] = {}
    folder = data_dir / "papers"
    if not folder.is_dir() or confinement_problem(data_dir, folder):
        return works
    for file in sorted(folder.glob("*.yaml")):
        if confinement_problem(data_dir, file):
            continue
        document = read_yaml_file(file, f"papers/{file.name}", ProblemLog())
        if document is not None and isinstance(document.data, dict):
            for work in _work_keys(document.data):
                works.setdefault(work, file.stem)
    return works


def _same_work(works: dict[tuple[str, str], str], entry: ImportedEntry) -> str | None:
    return next((works[w] for w in _work_keys(entry.fields) if w in works), None)


def apply_plan(plan: ImportPlan) -> None:
    """Write every planned file, each whole or not at all."""
    for path, text in plan.writes.items():
        write_atomically(path, text)


def _plan_entry(entry: ImportedEntry, data_dir: Path, plan: ImportPlan, log: ProblemLog) -> None:
    relative = f"papers/{entry.record_id}.yaml"
    target = data_dir / relative
    unsafe = confinement_problem(data_dir, target)
    if unsafe:
        log.add(Location(relative), f"{unsafe} (nothing was written)", code="unsafe-path")
        plan.refused += 1
        return
    if not target.exists():
        text = dump_record(entry.fields, PAPER_FIELD_ORDER)
        if _write_if_valid(entry, relative, target, text, plan, log):
            plan.new.append(relative)
        return
    document = read_yaml_file(target, relative, log)
    if document is None or not isinstance(document.data, dict):
        return
    missing: dict[str, Any] = {}
    for name, value in entry.fields.items():
        if name in NEVER_MERGED:
            continue
        if name not in document.data:
            missing[name] = value
        elif document.data[name] != value:
            plan.conflicts.append(
                f"{document.key_at((name,))}: field '{name}' differs from the .bib entry "
                f"(line {entry.line}): the record has {_shown(document.data[name])}, the entry "
                f"{_shown(value)}; kept the record's value"
            )
    if missing:
        text = append_fields(target.read_text(encoding="utf-8"), missing, PAPER_FIELD_ORDER)
        if _write_if_valid(entry, relative, target, text, plan, log):
            plan.updated[relative] = list(missing)
    else:
        plan.unchanged.append(relative)


def _write_if_valid(
    entry: ImportedEntry, relative: str, target: Path, text: str, plan: ImportPlan, log: ProblemLog
) -> bool:
    """Plan to write ``text`` if it is a valid record; otherwise report why, at the .bib entry."""
    problems = validation_problems(text, relative, Paper)
    for problem in problems:
        log.add(
            Location(plan.source, entry.line),
            f"entry '{entry.key}' would give an invalid {relative}: {problem.message}",
            code="invalid-import",
        )
    if problems:
        plan.refused += 1
        return False
    plan.writes[target] = text
    return True


def _shown(value: object) -> str:
    """A value as a conflict message quotes it: one line, at most 80 characters."""
    text = " ".join(repr(value).split())
    return text if len(text) <= 80 else text[:77] + "..."
