"""``livesurvey new``: start one valid record file, with a header that says what to fill in.

A paper starts from an arXiv id, a DOI or a BibTeX entry; a finding from its question,
its first paper and how that paper shows it. Nothing is written unless the file would
pass the schema, its references exist, and no record of the same work exists already.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.problems import Location, ProblemLog
from ..core.suggestions import unknown_message
from ..model.index import METHODS, SurveyIndex
from ..quality.rules import work_keys
from ..records.files import confinement_problem, write_atomically
from ..records.identifiers import slug_problem
from ..records.schema import Finding, Paper, Stance, Status
from ..records.writing import PAPER_FIELD_ORDER, dump_record, validation_problems

PAPER_HEADER = """\
# A new paper record. Fill in what the source could not know, then run
#   .venv/bin/livesurvey check
# topics:     ids of topics in taxonomy.yaml, e.g. [sft-vs-rl] (see the record format page)
# summary:    one line on what the work does, in your own words (never the abstract)
# short_name: the name readers know the work by, if it has one
# Check the authors: online sources sometimes split family and given names wrongly.
"""

FINDING_HEADER = """\
# A new finding. Add the other papers that bear on it under 'evidence' (paper, stance,
# methods, note), keep 'status' consistent with them (debated: any 'contests';
# established: two or more 'supports'; emerging: one), then run
#   .venv/bin/livesurvey check
"""

_STOPWORDS = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "do", "does", "is", "are"}
_STOPWORDS |= {"how", "what", "why", "when", "can", "we", "via", "with", "by", "from", "at"}


@dataclass
class Scaffold:
    """The file a ``new`` command would write, or why it would not."""

    relative: str = ""
    text: str = ""
    log: ProblemLog = field(default_factory=ProblemLog)


def _ascii_letters(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in folded if "a" <= c <= "z")


def paper_id(fields: dict[str, Any]) -> str:
    """The survey's naming: first author's family name, year, first significant title word."""
    authors = fields.get("authors") or []
    first = (authors[0].get("family") or authors[0].get("name") or "") if authors else ""
    words = [_ascii_letters(w) for w in str(fields.get("title", "")).split()]
    word = next((w for w in words if w and w not in _STOPWORDS), "")
    return f"{_ascii_letters(first) or 'anon'}{fields.get('year', '')}{word}"


def _same_work(index: SurveyIndex | None, fields: dict[str, Any]) -> str | None:
    """The recorded paper that is the same work as ``fields``, if any."""
    if index is None:
        return None
    wanted = set(work_keys(str(fields.get("title", "")), fields.get("arxiv"), fields.get("doi")))
    for paper_id_, paper in sorted(index.papers.items()):
        record = paper.record
        if wanted & set(work_keys(record.title, record.arxiv, record.doi)):
            return paper_id_
    return None


def plan_paper(
    data_dir: Path,
    fields: dict[str, Any],
    *,
    added: dt.date,
    index: SurveyIndex | None,
    record_id: str | None = None,
) -> Scaffold:
    """The new paper file for ``fields`` (from a lookup or a BibTeX entry), checked."""
    result = Scaffold()
    record_id = record_id or paper_id(fields)
    result.relative = f"papers/{record_id}.yaml"
    bad = slug_problem(record_id)
    if bad:
        result.log.add(
            Location(result.relative), f"{bad}; give another id with --id", code="bad-id"
        )
        return result
    same = _same_work(index, fields)
    if same:
        result.log.add(
            Location(f"papers/{same}.yaml"),
            "this work is already recorded here; complete this record instead of adding one",
            code="duplicate-work",
        )
        return result
    record = {**{k: v for k, v in fields.items() if k != "added"}, "added": added}
    result.text = PAPER_HEADER + dump_record(record, PAPER_FIELD_ORDER)
    _check_new_file(data_dir, result, Paper)
    return result


def plan_finding(
    data_dir: Path,
    finding_id: str,
    *,
    index: SurveyIndex,
    question: str,
    title: str,
    claim: str,
    paper: str,
    methods: list[str],
    stance: str,
    note: str | None,
    added: dt.date,
) -> Scaffold:
    """The new finding file, its references checked against the survey."""
    result = Scaffold(relative=f"findings/{finding_id}.yaml")
    where = Location(result.relative)
    bad = slug_problem(finding_id)
    if bad:
        result.relative = "findings/"
        result.log.add(Location("findings/"), f"{bad}; choose another id", code="bad-id")
        return result
    terms = [t for (vocabulary, t) in index.terms if vocabulary == METHODS]
    wanted: list[tuple[str, str, list[str]]] = [
        ("question", question, list(index.questions)),
        ("paper", paper, list(index.papers)),
    ]
    wanted += [(f"term of vocab/{METHODS}.yaml", method, terms) for method in methods]
    for noun, value, ids in wanted:
        if value not in ids:
            message = unknown_message(noun, value, ids, "see the record format page")
            result.log.add(where, message, code="unknown-reference")
    status = Status.DEBATED if stance == Stance.CONTESTS.value else Status.EMERGING
    evidence: dict[str, Any] = {"paper": paper, "stance": stance, "methods": methods}
    if note:
        evidence["note"] = note
    record = {
        "title": title,
        "question": question,
        "claim": claim,
        "status": status.value,
        "evidence": [evidence],
        "added": added,
    }
    result.text = FINDING_HEADER + dump_record(record, list(Finding.model_fields))
    if not result.log.errors:
        _check_new_file(data_dir, result, Finding)
    return result


def _check_new_file(data_dir: Path, result: Scaffold, model: type[Paper] | type[Finding]) -> None:
    target = data_dir / result.relative
    unsafe = confinement_problem(data_dir, target) if target.parent.exists() else None
    if unsafe:
        result.log.add(Location(result.relative), unsafe, code="unsafe-path")
    elif target.exists():
        result.log.add(
            Location(result.relative),
            "a record with this id exists already; choose another id with --id",
            code="duplicate-id",
        )
    for problem in validation_problems(result.text, result.relative, model):
        result.log.add(problem.location, problem.message, code=problem.code)


def write_scaffold(data_dir: Path, result: Scaffold) -> None:
    """Write the planned file, whole or not at all."""
    write_atomically(data_dir / result.relative, result.text)
