"""``livesurvey import-bib``: create or complete paper records from a .bib file.

Re-importing the same file changes nothing. An existing record is completed
with fields it lacks but never overwritten: a field whose value differs is
reported as a conflict and the record keeps its (curated) value. If the .bib
file has any error, nothing at all is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.problems import Location, ProblemLog
from ..records.writing import PAPER_FIELD_ORDER, dump_record
from ..records.yaml_source import read_yaml_file
from .bibtex_entries import ImportedEntry, parse_bibliography

NEVER_MERGED = {"added"}
"""Fields an import never touches on an existing record."""


@dataclass
class ImportPlan:
    """What an import would do, file by file."""

    new: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    writes: dict[Path, str] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"{len(self.new)} new, {len(self.updated)} completed, "
            f"{len(self.unchanged)} unchanged, {len(self.conflicts)} conflicting fields kept"
        )


def plan_import(bib_file: Path, data_dir: Path, log: ProblemLog, *, added: dt.date) -> ImportPlan:
    """Work out every change; write nothing. Problems go to ``log``."""
    plan = ImportPlan()
    try:
        text = bib_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        log.add(Location(str(bib_file)), f"cannot read the .bib file: {error}", code="io")
        return plan
    parsed = parse_bibliography(text, str(bib_file), log, added=added)
    for entry in parsed.entries:
        _plan_entry(entry, data_dir, plan, log)
    return plan


def apply_plan(plan: ImportPlan) -> None:
    for path, text in plan.writes.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _plan_entry(entry: ImportedEntry, data_dir: Path, plan: ImportPlan, log: ProblemLog) -> None:
    relative = f"papers/{entry.record_id}.yaml"
    target = data_dir / relative
    if not target.exists():
        plan.new.append(relative)
        plan.writes[target] = dump_record(entry.fields, PAPER_FIELD_ORDER)
        return
    document = read_yaml_file(target, relative, log)
    if document is None or not isinstance(document.data, dict):
        return
    existing: dict[str, Any] = dict(document.data)
    added_fields: list[str] = []
    for name, value in entry.fields.items():
        if name in NEVER_MERGED:
            continue
        if name not in existing:
            existing[name] = value
            added_fields.append(name)
        elif existing[name] != value:
            plan.conflicts.append(
                f"{document.key_at((name,))}: field '{name}' differs from the .bib entry "
                f"(line {entry.line}); kept the record's value"
            )
    if added_fields:
        plan.updated[relative] = added_fields
        plan.writes[target] = dump_record(existing, PAPER_FIELD_ORDER)
    else:
        plan.unchanged.append(relative)
