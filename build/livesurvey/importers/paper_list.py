"""``livesurvey import-list``: merge a curated paper list (TSV) into the records.

The list has one row per (paper, section) with the columns ``section``,
``subsection``, ``date`` (YYYY-MM), ``shortname``, ``title``, ``arxiv`` and
``code``. Every row is a claim to check, not truth:

- a row is matched to a paper by arXiv id and by normalised title; when the two
  point to different papers, the row is inconsistent and is not merged;
- the row's date, links and title are checked against the record;
- consistent rows add topic membership, short names (the first as
  ``short_name``, others as ``aliases``), the code link and the month to the
  record, never overwriting a value a curator wrote;
- rows that match no paper become new paper records with what the row knows.

Inconsistent rows are reported with their line and skipped; the curator
resolves each in the records (with a note in ``curator_notes``).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.problems import Location, ProblemLog, Severity
from ..model.index import SurveyIndex
from ..quality.rules import (
    date_arxiv_problem,
    is_artifact_link,
    link_problem,
    month_form_problem,
    normalise_title,
)
from ..records.files import confinement_problem, write_atomically
from ..records.identifiers import ARXIV_NEW, is_arxiv_id, slug_problem
from ..records.schema import Paper
from ..records.writing import (
    PAPER_FIELD_ORDER,
    append_fields,
    dump_record,
    validation_problems,
)
from .bibtex_entries import record_id_for_key

COLUMNS = ("section", "subsection", "date", "shortname", "title", "arxiv", "code")


@dataclass
class ListRow:
    line: int
    values: dict[str, str]

    def __getitem__(self, name: str) -> str:
        return (self.values.get(name) or "").strip()  # a short row leaves cells empty


@dataclass
class ListPlan:
    """Changes to make, file by file, and what was learnt on the way."""

    changes: dict[str, dict[str, Any]] = field(default_factory=dict)
    originals: dict[str, dict[str, Any]] = field(default_factory=dict)
    new: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)
    merged_rows: int = 0
    writes: dict[str, str] = field(default_factory=dict)
    """Text of every file to write, by path relative to the data folder."""
    rows: dict[str, int] = field(default_factory=dict)
    """The first line of the list that changes each paper."""
    refused: list[str] = field(default_factory=list)
    """Papers whose change would make an invalid record, so it is not written."""

    @property
    def completed(self) -> int:
        """Existing papers that the list changes (and that are written)."""
        return sum(
            1
            for pid, data in self.originals.items()
            if self.changes[pid] != data and pid not in self.refused
        )

    def summary(self) -> str:
        new = [pid for pid in self.new if pid not in self.refused]
        refused = f", {len(self.refused)} papers not written" if self.refused else ""
        return (
            f"{self.merged_rows} rows merged, {len(new)} new papers, "
            f"{self.completed} papers completed, "
            f"{len(self.skipped_rows)} inconsistent rows skipped{refused}"
        )


def read_list(path: Path, log: ProblemLog) -> list[ListRow]:
    """Rows of a TSV list; a missing column is an error naming the header line."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is not part of the header
    except UnicodeDecodeError as error:
        log.add(
            Location(str(path)),
            f"the list is not valid UTF-8 ({error.reason} at byte {error.start}); save it as UTF-8",
            code="encoding",
        )
        return []
    except OSError as error:
        log.add(Location(str(path)), f"cannot read the list: {error.strerror}", code="io")
        return []
    # Rows end at line feeds only: a U+2028 inside a title stays in its cell.
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t")
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        log.add(
            Location(str(path), 1),
            f"missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}",
            code="list-columns",
        )
        return []
    return [ListRow(line, dict(row)) for line, row in enumerate(reader, 2)]


class _Merger:
    def __init__(self, index: SurveyIndex, path: str, log: ProblemLog, added: dt.date) -> None:
        self.index = index
        self.path = path
        self.log = log
        self.added = added
        self.plan = ListPlan()
        self.by_arxiv = {p.record.arxiv: pid for pid, p in index.papers.items() if p.record.arxiv}
        self.by_title = {normalise_title(p.record.title): pid for pid, p in index.papers.items()}
        self.places = self._places()
        self.seen_rows: dict[tuple[str, str], int] = {}
        self.names: dict[str, str] = {}
        for pid, p in index.papers.items():
            for name in [p.record.short_name, *p.record.aliases]:
                if name:
                    self.names.setdefault(name.lower(), pid)

    def _places(self) -> dict[str, tuple[str, str]]:
        """Normalised subsection titles -> ('topic' | 'group', id)."""
        places: dict[str, tuple[str, str]] = {}
        for topic_id, (topic, _) in self.index.topics.items():
            places[normalise_title(topic.title)] = ("topic", topic_id)
        for group in self.index.training_method_groups:
            places[normalise_title(group.title)] = ("group", group.id)
        return places

    def warn(self, row: ListRow, message: str) -> None:
        self.log.add(
            Location(self.path, row.line), message, code="list-row", severity=Severity.WARNING
        )

    def error(self, row: ListRow, message: str) -> None:
        self.log.add(Location(self.path, row.line), message, code="list-row")
        self.plan.skipped_rows.append(row.line)

    def record(self, paper_id: str, row: ListRow | None = None) -> dict[str, Any]:
        if row is not None:
            self.plan.rows.setdefault(paper_id, row.line)
        if paper_id not in self.plan.changes:
            sourced = self.index.papers[paper_id]
            self.plan.changes[paper_id] = copy.deepcopy(sourced.document.data)
            self.plan.originals[paper_id] = copy.deepcopy(sourced.document.data)
        return self.plan.changes[paper_id]

    def place_of(self, row: ListRow) -> tuple[str, str] | None:
        wanted = normalise_title(row["subsection"])
        if wanted in self.places:
            return self.places[wanted]
        close = difflib.get_close_matches(wanted, list(self.places), n=1, cutoff=0.8)
        if close:
            kind, place_id = self.places[close[0]]
            self.plan.notes.append(
                f"{self.path}:{row.line}: subsection '{row['subsection']}' taken as {kind} "
                f"'{place_id}'"
            )
            return kind, place_id
        return None

    def merge(self, row: ListRow) -> None:
        arxiv, date, code = row["arxiv"], row["date"], row["code"]
        if not row["title"]:
            self.error(row, "the row has no title (is it missing cells?)")
            return
        if arxiv and not is_arxiv_id(arxiv):
            self.error(row, f"'{arxiv}' is not an arXiv id")
            return
        place = self.place_of(row)
        if place is None:
            self.error(row, f"subsection '{row['subsection']}' matches no topic or method group")
            return
        date_problem = month_form_problem(date) if date else None
        if date_problem:
            self.warn(row, f"{date_problem}; the row's date is not used")
        year_month = None if (date_problem or not date) else tuple(map(int, date.split("-")))
        if year_month and arxiv:
            clash = date_arxiv_problem(year_month[0], year_month[1], arxiv)
            if clash:
                self.warn(row, f"{clash}; the arXiv id's month is kept")
                year_month = None
        if code and link_problem(code):
            self.warn(row, f"{link_problem(code)}; the code link is not used")
            code = ""
        by_arxiv = self.by_arxiv.get(arxiv) if arxiv else None
        by_title = self.by_title.get(normalise_title(row["title"]))
        if by_arxiv and by_title and by_arxiv != by_title:
            self.error(
                row,
                f"arXiv id {arxiv} belongs to papers/{by_arxiv}.yaml but the title "
                f"'{row['title']}' to papers/{by_title}.yaml; the row was not merged: "
                "resolve it in the records and say so in 'curator_notes'",
            )
            return
        paper_id = by_arxiv or by_title
        if paper_id is None:
            paper_id = self._new_record(row, year_month)
        elif by_arxiv and not by_title:
            self.warn(
                row,
                f"arXiv id {arxiv} has the title '{row['title']}' here but "
                f"'{self.index.papers[paper_id].record.title}' in papers/{paper_id}.yaml; "
                "the record's title is kept",
            )
        earlier = self.seen_rows.setdefault((paper_id, place[1]), row.line)
        if earlier != row.line:
            self.warn(row, f"repeats line {earlier} (same paper, same subsection)")
        self._complete(paper_id, row, place, code, year_month)
        self.plan.merged_rows += 1

    def _new_record(self, row: ListRow, year_month: tuple[int, ...] | None) -> str:
        base = (record_id_for_key(row["shortname"] or row["title"]) or "paper")[:60].strip("-")
        paper_id, n = base, 1
        while (
            paper_id in self.index.papers
            or paper_id in self.plan.changes
            or slug_problem(paper_id)  # e.g. the reserved 'index'
        ):
            n += 1
            paper_id = f"{base}-{n}"
        fields: dict[str, Any] = {"title": row["title"]}
        if year_month:
            fields["year"], fields["month"] = year_month
        elif row["arxiv"] and ARXIV_NEW.match(row["arxiv"]):
            fields["year"] = 2000 + int(row["arxiv"][:2])
            fields["month"] = int(row["arxiv"][2:4])
        if row["arxiv"]:
            fields["arxiv"] = row["arxiv"]
        fields["curator_notes"] = [
            "Known only from the companion paper list, which gives no authors; "
            "authors to be added from the paper itself."
        ]
        fields["added"] = self.added
        self.plan.changes[paper_id] = fields
        self.plan.new.append(paper_id)
        self.plan.rows.setdefault(paper_id, row.line)
        if row["arxiv"]:
            self.by_arxiv[row["arxiv"]] = paper_id
        self.by_title[normalise_title(row["title"])] = paper_id
        return paper_id

    def _complete(
        self,
        paper_id: str,
        row: ListRow,
        place: tuple[str, str],
        code: str,
        year_month: tuple[int, ...] | None,
    ) -> None:
        record = self.record(paper_id, row)
        kind, place_id = place
        if kind == "topic":
            topics = record.setdefault("topics", [])
            if place_id not in topics:
                topics.append(place_id)
        else:
            introduced = {m.id for m in self.index.training_methods_by_paper.get(paper_id, [])}
            group_methods = {
                m.id
                for g in self.index.training_method_groups
                if g.id == place_id
                for m in g.methods
            }
            if not introduced & group_methods:
                self.warn(
                    row,
                    f"papers/{paper_id}.yaml introduces no method of group '{place_id}' in "
                    "training_methods.yaml; add the method there if it belongs",
                )
        name = row["shortname"]
        owner = self.names.get(name.lower()) if name else None
        if owner and owner != paper_id:
            self.warn(
                row,
                f"short name '{name}' already names papers/{owner}.yaml, not "
                f"papers/{paper_id}.yaml; the name is not used for this paper",
            )
            name = ""
        if name:
            self.names.setdefault(name.lower(), paper_id)
            if "short_name" not in record:
                record["short_name"] = name
            elif record["short_name"] != name and name not in record.get("aliases", []):
                record.setdefault("aliases", []).append(name)
        if code and is_artifact_link(code):
            artifacts = record.setdefault("artifacts", [])
            if code not in artifacts:
                artifacts.append(code)
        elif code:
            if "code" not in record:
                record["code"] = code
            elif record["code"] != code:
                self.warn(
                    row,
                    f"code link '{code}' differs from '{record['code']}' in "
                    f"papers/{paper_id}.yaml; the record's link is kept",
                )
        if year_month and "month" not in record and record.get("year") == year_month[0]:
            record["month"] = year_month[1]


def plan_list_import(
    list_path: Path, index: SurveyIndex, data_dir: Path, log: ProblemLog, *, added: dt.date
) -> ListPlan:
    """Work out every change the list brings, and the text of every file to write; write nothing.

    A record that would not pass ``check`` is reported and left unwritten.
    """
    merger = _Merger(index, str(list_path), log, added)
    for row in read_list(list_path, log):
        merger.merge(row)
    plan = merger.plan
    for paper_id, fields in plan.changes.items():
        relative = f"papers/{paper_id}.yaml"
        target = data_dir / relative
        unsafe = confinement_problem(data_dir, target)
        if unsafe:
            log.add(Location(relative), f"{unsafe} (nothing was written)", code="unsafe-path")
            continue
        original = plan.originals.get(paper_id)
        if original is not None and original == fields:
            continue  # nothing changes: the file, comments and all, stays as it is
        text = _record_text(target, fields, original)
        if (
            original is not None
            and "#" in target.read_text(encoding="utf-8")
            and not text.startswith(target.read_text(encoding="utf-8"))
        ):
            log.add(
                Location(str(list_path), plan.rows.get(paper_id, 1)),
                f"{relative} is written out again (a list in it grows), so its comments are not "
                "kept; add them back",
                code="list-row",
                severity=Severity.WARNING,
            )
        problems = validation_problems(text, relative, Paper)
        for problem in problems:
            log.add(
                Location(str(list_path), plan.rows.get(paper_id, 1)),
                f"this row would make {relative} invalid: {problem.message}; it was not written",
                code="invalid-import",
            )
        if problems:
            plan.refused.append(paper_id)
        else:
            plan.writes[relative] = text
    return plan


def _record_text(target: Path, fields: dict[str, Any], original: dict[str, Any] | None) -> str:
    """The new text of a record: new fields appended to the curator's file where that is all
    that changes (keeping its comments), else the whole record written out again."""
    if original is None:
        return dump_record(fields, PAPER_FIELD_ORDER)
    added = {name: value for name, value in fields.items() if name not in original}
    if all(original[name] == fields.get(name) for name in original):
        return append_fields(target.read_text(encoding="utf-8"), added, PAPER_FIELD_ORDER)
    return dump_record(fields, PAPER_FIELD_ORDER)


def apply_list_plan(plan: ListPlan, data_dir: Path) -> list[str]:
    """Write every planned record, each whole or not at all; returns the paths written."""
    for relative, text in plan.writes.items():
        write_atomically(data_dir / relative, text)
    return list(plan.writes)
