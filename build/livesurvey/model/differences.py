"""What changed in the survey between two versions of its records, as a reviewer reads it.

Compares two linked indexes: records added, removed and changed (which fields), and for
findings the changes that alter what the survey says: status, claim, and each paper's
stance. Taxonomy moves (a question to another topic, a topic to another dimension) and
every id that appeared or went are listed too. Pure data; rendering is elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .index import SurveyIndex


@dataclass(frozen=True)
class RecordChange:
    """A record present in both versions whose fields differ."""

    kind: str
    record_id: str
    fields: list[str]


@dataclass(frozen=True)
class FindingChange:
    """What changed in what a finding says."""

    finding_id: str
    title: str
    status: tuple[str, str] | None = None
    claim_changed: bool = False
    stances: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    """(paper, stance before, stance after); ``None`` where the paper was not cited."""

    def in_words(
        self, paper: Callable[[str], str] = str, new: Callable[[str], str] = str
    ) -> list[str]:
        """What changed, in words: 'status emerging → debated', 'claim reworded', one phrase
        per paper whose evidence changed. ``paper`` writes a paper's id, ``new`` a new value
        (the what's-new page writes them plainly, the pull-request report as code and bold)."""
        parts: list[str] = []
        if self.status:
            parts.append(f"status {self.status[0]} → {new(self.status[1])}")
        if self.claim_changed:
            parts.append("claim reworded")
        for paper_id, old, stance in self.stances:
            if old is None:
                parts.append(f"{paper(paper_id)} added ({stance})")
            elif stance is None:
                parts.append(f"{paper(paper_id)} removed (was {old})")
            else:
                parts.append(f"{paper(paper_id)}: {old} → {new(stance)}")
        return parts


@dataclass(frozen=True)
class Move:
    """An item of the taxonomy that now sits under another parent."""

    kind: str
    item_id: str
    before: str
    after: str


@dataclass
class SurveyDiff:
    """Every change between two versions of a survey."""

    added: dict[str, list[str]] = field(default_factory=dict)
    """New ids by namespace ('papers', 'findings', 'topics', ...)."""
    removed: dict[str, list[str]] = field(default_factory=dict)
    """Ids that are gone, by namespace."""
    changed: list[RecordChange] = field(default_factory=list)
    findings: list[FindingChange] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.findings or self.moves)


def _dump(value: Any) -> Any:
    return (
        value.model_dump(mode="json", exclude_defaults=True)
        if hasattr(value, "model_dump")
        else value
    )


_RECORD_FILES = {"papers", "findings", "comparisons"}
"""Namespaces of whole record files; the others are items inside shared files."""


def _changed_fields(old: Any, new: Any) -> list[str]:
    """Fields of an item inside a shared file that changed, leaving out its nested items
    (a topic's questions are compared as questions of their own)."""
    old_fields, new_fields = _dump(old), _dump(new)
    return sorted(
        name
        for name in set(old_fields) | set(new_fields)
        if old_fields.get(name) != new_fields.get(name)
        and not _nested(old_fields.get(name))
        and not _nested(new_fields.get(name))
    )


def _nested(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(item, dict) for item in value)


def compare(before: SurveyIndex, after: SurveyIndex) -> SurveyDiff:
    """The changes that turn ``before`` into ``after``."""
    diff = SurveyDiff()
    for namespace in sorted(set(before.defined) | set(after.defined)):
        old, new = before.defined.get(namespace, {}), after.defined.get(namespace, {})
        if added := sorted(set(new) - set(old)):
            diff.added[namespace] = added
        if removed := sorted(set(old) - set(new)):
            diff.removed[namespace] = removed
    for kind, old_records, new_records in (
        ("papers", before.papers, after.papers),
        ("findings", before.findings, after.findings),
        ("comparisons", before.comparisons, after.comparisons),
    ):
        for record_id in sorted(set(old_records) & set(new_records)):
            old_fields = _dump(old_records[record_id].record)
            new_fields = _dump(new_records[record_id].record)
            names = sorted(
                name
                for name in set(old_fields) | set(new_fields)
                if old_fields.get(name) != new_fields.get(name)
            )
            if names:
                diff.changed.append(RecordChange(kind, record_id, names))
    for namespace in sorted(set(before.defined) & set(after.defined)):
        if namespace in _RECORD_FILES:
            continue
        old, new = before.defined[namespace], after.defined[namespace]
        for item_id in sorted(set(old) & set(new)):
            names = _changed_fields(old[item_id].definition.value, new[item_id].definition.value)
            if names:
                diff.changed.append(RecordChange(namespace, item_id, names))
    for finding_id in sorted(set(before.findings) & set(after.findings)):
        change = _finding_change(before, after, finding_id)
        if change is not None:
            diff.findings.append(change)
    diff.moves = _moves(before, after)
    return diff


def _finding_change(
    before: SurveyIndex, after: SurveyIndex, finding_id: str
) -> FindingChange | None:
    old, new = before.findings[finding_id].record, after.findings[finding_id].record
    return finding_change(
        finding_id,
        new.title,
        old.model_dump(mode="json", exclude_defaults=True),
        new.model_dump(mode="json", exclude_defaults=True),
    )


def finding_change(
    finding_id: str, title: str, old: Mapping[str, Any], new: Mapping[str, Any]
) -> FindingChange | None:
    """What changed in what a finding says, from two versions of its record's data (as
    loaded from YAML, or dumped from the model); ``None`` when claim, status and stances
    are the same."""
    old_stances, new_stances = _stances(old), _stances(new)
    stances = [
        (paper, old_stances.get(paper), new_stances.get(paper))
        for paper in sorted(set(old_stances) | set(new_stances))
        if old_stances.get(paper) != new_stances.get(paper)
    ]
    old_status, new_status = str(old.get("status", "")), str(new.get("status", ""))
    status = (old_status, new_status) if old_status != new_status else None
    claim_changed = old.get("claim") != new.get("claim")
    if not (stances or status or claim_changed):
        return None
    return FindingChange(finding_id, title, status, claim_changed, stances)


def _stances(finding: Mapping[str, Any]) -> dict[str, str]:
    evidence = finding.get("evidence")
    items = evidence if isinstance(evidence, list) else []
    return {
        str(item["paper"]): str(item.get("stance", ""))
        for item in items
        if isinstance(item, dict) and "paper" in item
    }


def _moves(before: SurveyIndex, after: SurveyIndex) -> list[Move]:
    moves = []
    for question_id in sorted(set(before.questions) & set(after.questions)):
        old_topic = before.questions[question_id].topic.id
        new_topic = after.questions[question_id].topic.id
        if old_topic != new_topic:
            moves.append(Move("question", question_id, old_topic, new_topic))
    for topic_id in sorted(set(before.topics) & set(after.topics)):
        old_dimension, new_dimension = before.topics[topic_id][1].id, after.topics[topic_id][1].id
        if old_dimension != new_dimension:
            moves.append(Move("topic", topic_id, old_dimension, new_dimension))
    for finding_id in sorted(set(before.findings) & set(after.findings)):
        old_question = before.findings[finding_id].record.question
        new_question = after.findings[finding_id].record.question
        if old_question != new_question:
            moves.append(Move("finding", finding_id, old_question, new_question))
    return moves
