"""When each record was added and last changed, and what happened in the survey month by month.

Built from the data folder's git history (:mod:`livesurvey.records.git_history`) in one
walk: only the files a commit changed are parsed and compared, never the whole survey per
commit. A record *changes* when its data changes (a new comment or layout alone does not),
and a rename carries its dates along. Without a history (no git, a shallow clone, a folder
outside a repository) the records' own ``added`` dates stand in, and no change is reported.

What counts as new: the original survey's works (the survey's own record, ``origin`` in
survey.yaml, and every paper with a ``survey_label``: the survey cites it) are marked as
such, and everything recorded up to the day the living survey started (``started``) is the
original survey's content: "what's new" lists what came after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..core.problems import ProblemLog
from ..records.git_history import Commit, GitHistory
from ..records.yaml_source import load_yaml
from .differences import FindingChange, finding_change
from .index import SurveyIndex

SURVEY_FILE = "survey.yaml"
TAXONOMY_FILE = "taxonomy.yaml"


class EditionState:
    """How a record file stands to the current edition (the last ``version`` in survey.yaml)."""

    SAME = "same"
    CHANGED = "changed"
    """Changed since the edition was cut: the edition shows an earlier version."""
    NEW = "new"
    """Added since the edition was cut: no edition has it yet."""


@dataclass(frozen=True)
class RecordDates:
    """When a record file was added and last changed, and how it stands to the edition."""

    added: dt.date
    changed: dt.date
    edition: str = EditionState.SAME


@dataclass(frozen=True)
class Event:
    """One thing that happened to the survey on a day."""

    day: dt.date
    what: str
    """'paper-added', 'finding-added', 'finding-changed', or for the taxonomy
    'topic-added', 'topic-removed', 'topic-renamed', 'question-added', 'question-removed',
    'question-renamed'."""
    item_id: str
    title: str
    topics: tuple[str, ...] = ()
    """The topics it concerns (for the per-topic feeds)."""
    change: FindingChange | None = None
    before: str | None = None
    """For a rename, the title before."""
    from_survey: bool = False
    """It belongs to the original survey (see the module's docstring)."""

    @property
    def namespace(self) -> str:
        return self.what.split("-")[0] + "s"

    @property
    def slug(self) -> str:
        """A stable name of the event, unique within the survey's history."""
        return f"{self.day.isoformat()}-{self.what}-{self.item_id}"


@dataclass
class SurveyHistory:
    """Dates of every record file and the survey's events, newest first."""

    from_git: bool
    unavailable: str | None = None
    """Why there is no git history (the dates are then the records' ``added``)."""
    dates: dict[str, RecordDates] = field(default_factory=dict)
    """By file, relative to the data folder, e.g. 'papers/x.yaml'."""
    events: list[Event] = field(default_factory=list)
    edition_since: dt.date | None = None
    """The day the current ``version`` of survey.yaml was set (the edition was cut)."""
    started: dt.date | None = None

    @property
    def last_change(self) -> dt.date | None:
        """The newest change of any record file."""
        return max((d.changed for d in self.dates.values()), default=None)

    def changed(self, path: str | None) -> dt.date | None:
        """When the file at ``path`` last changed; the survey's last change for ``None``."""
        if path is not None and path in self.dates:
            return self.dates[path].changed
        return self.last_change

    def news(self) -> list[Event]:
        """Events after the living survey started, newest first."""
        return [e for e in self.events if self.started is None or e.day > self.started]

    def by_month(self) -> list[tuple[str, list[Event]]]:
        """The news grouped by month ('2026-12'), newest month first."""
        months: dict[str, list[Event]] = {}
        for event in self.news():
            months.setdefault(event.day.strftime("%Y-%m"), []).append(event)
        return list(months.items())

    def of_topic(self, topic_id: str) -> list[Event]:
        return [e for e in self.news() if topic_id in e.topics]


# --- the walk through the history -------------------------------------------------------------


def _parse(text: str | None, path: str) -> Any:
    """A file's data as plain values; ``None`` for a missing or unreadable version."""
    if text is None:
        return None
    document = load_yaml(text, path, ProblemLog())
    return None if document is None else document.data


def _title(data: Any) -> str:
    return str(data.get("title") or "") if isinstance(data, dict) else ""


def _record_id(path: str, folder: str) -> str | None:
    if path.startswith(folder + "/") and path.endswith(".yaml") and path.count("/") == 1:
        return path[len(folder) + 1 : -len(".yaml")]
    return None


class _Walk:
    """The state of the walk: each file's current data and dates, the events so far."""

    def __init__(self, index: SurveyIndex) -> None:
        self.index = index
        self.data: dict[str, Any] = {}
        self.dates: dict[str, RecordDates] = {}
        self.events: list[Event] = []
        self.version: Any = None
        self.edition_since: dt.date | None = None
        self.topic_of_question: dict[str, str] = {}

    def commit(self, commit: Commit) -> None:
        version_changed = False
        for change in commit.changes:
            old = self.data.pop(change.old_path, None) if change.old_path else None
            if old is None and change.old_path is not None:
                old = _parse(change.old_text, change.old_path)
            old_dates = self.dates.pop(change.old_path, None) if change.old_path else None
            if change.path is None:
                continue
            new = _parse(change.new_text, change.path)
            self.data[change.path] = new
            same = (
                old == new
                if (old is not None and new is not None)
                else (change.old_text == change.new_text and change.old_path is not None)
            )
            if old_dates is None:
                self.dates[change.path] = RecordDates(commit.day, commit.day, EditionState.NEW)
            elif same:
                self.dates[change.path] = old_dates
            else:
                state = (
                    EditionState.NEW
                    if old_dates.edition == EditionState.NEW
                    else (EditionState.CHANGED)
                )
                self.dates[change.path] = RecordDates(old_dates.added, commit.day, state)
            if change.path == SURVEY_FILE and isinstance(new, dict):
                version_changed |= new.get("version") != self.version
                self.version = new.get("version")
            self._events(commit.day, change.path, old, new, added=old_dates is None)
        if version_changed:  # the edition is cut from the tree after this commit
            self.edition_since = commit.day
            self.dates = {
                path: RecordDates(d.added, d.changed, EditionState.SAME)
                for path, d in self.dates.items()
            }

    def _events(self, day: dt.date, path: str, old: Any, new: Any, *, added: bool) -> None:
        if not isinstance(new, dict):
            return
        if (paper_id := _record_id(path, "papers")) is not None and added:
            topics = tuple(str(t) for t in new.get("topics") or [] if isinstance(t, str))
            from_survey = bool(new.get("survey_label")) or paper_id == self.index.meta.record.origin
            self.events.append(
                Event(day, "paper-added", paper_id, _title(new), topics, from_survey=from_survey)
            )
        elif (finding_id := _record_id(path, "findings")) is not None:
            topics = self._topics_of_question(new.get("question"))
            if added:
                self.events.append(Event(day, "finding-added", finding_id, _title(new), topics))
            elif isinstance(old, dict):
                change = finding_change(finding_id, _title(new), old, new)
                if change is not None:
                    self.events.append(
                        Event(day, "finding-changed", finding_id, _title(new), topics, change)
                    )
        elif path == TAXONOMY_FILE:
            self._taxonomy_events(day, old, new)

    def _topics_of_question(self, question: Any) -> tuple[str, ...]:
        if not isinstance(question, str):
            return ()
        if question in self.topic_of_question:
            return (self.topic_of_question[question],)
        place = self.index.questions.get(question)
        return (place.topic.id,) if place else ()

    def _taxonomy_events(self, day: dt.date, old: Any, new: Any) -> None:
        before_topics, before_questions = _taxonomy_items(old)
        after_topics, after_questions = _taxonomy_items(new)
        for question_id, (_, topic_id) in after_questions.items():
            self.topic_of_question[question_id] = topic_id
        if old is None:  # the taxonomy's first version is the survey's own
            return
        for kind, before, after in (
            ("topic", before_topics, after_topics),
            ("question", before_questions, after_questions),
        ):
            for item_id in sorted(set(after) - set(before)):
                title, topic = after[item_id]
                self.events.append(Event(day, f"{kind}-added", item_id, title, (topic,)))
            for item_id in sorted(set(before) - set(after)):
                title, topic = before[item_id]
                self.events.append(Event(day, f"{kind}-removed", item_id, title, (topic,)))
            for item_id in sorted(set(before) & set(after)):
                (old_title, _), (new_title, topic) = before[item_id], after[item_id]
                if old_title != new_title:
                    self.events.append(
                        Event(
                            day, f"{kind}-renamed", item_id, new_title, (topic,), before=old_title
                        )
                    )


def _taxonomy_items(
    data: Any,
) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Topics and questions of a taxonomy file's data: id -> (title, topic id)."""
    topics: dict[str, tuple[str, str]] = {}
    questions: dict[str, tuple[str, str]] = {}
    for dimension in _items(data, "dimensions"):
        for topic in _items(dimension, "topics"):
            topic_id = str(topic.get("id", ""))
            topics[topic_id] = (_title(topic), topic_id)
            for question in _items(topic, "questions"):
                questions[str(question.get("id", ""))] = (_title(question), topic_id)
    return topics, questions


def _items(data: Any, key: str) -> Iterable[Mapping[str, Any]]:
    values = data.get(key) if isinstance(data, dict) else None
    return [v for v in values if isinstance(v, dict)] if isinstance(values, list) else []


def _order(events: list[Event]) -> list[Event]:
    """Newest first; on one day, additions of papers, then findings, then changes."""
    rank = {"paper": 0, "finding": 1, "topic": 2, "question": 3}
    return sorted(
        events,
        key=lambda e: (-e.day.toordinal(), rank.get(e.what.split("-")[0], 9), e.what, e.item_id),
    )


def history_from_git(git: GitHistory, index: SurveyIndex) -> SurveyHistory:
    """The survey's history from its git history, or from the records when there is none.

    Only files that still exist count for dates; a file the history does not know (not yet
    committed) takes its record's ``added`` date.
    """
    if not git.commits:
        return history_from_records(index, git.unavailable or "no commits")
    walk = _Walk(index)
    for commit in git.commits:
        walk.commit(commit)
    fallback = history_from_records(index, None)
    dates = {**fallback.dates}
    for path, value in walk.dates.items():
        if path in fallback.dates or path in _known_files(index):
            dates[path] = value
    for path, value in fallback.dates.items():
        if path not in walk.dates:
            dates[path] = RecordDates(value.added, value.changed, EditionState.NEW)
    events = [_with_survey_mark(e, index) for e in walk.events]
    return SurveyHistory(
        True,
        None,
        dates,
        _order(events),
        walk.edition_since,
        index.meta.record.started,
    )


def _known_files(index: SurveyIndex) -> set[str]:
    return {sourced.path for records in index.files.values() for sourced in records.values()}


def _with_survey_mark(event: Event, index: SurveyIndex) -> Event:
    if event.what == "finding-added" and event.item_id in index.findings:
        added = index.findings[event.item_id].record.added
        if added <= index.meta.record.started:
            return replace(event, from_survey=True)
    return event


def history_from_records(index: SurveyIndex, unavailable: str | None) -> SurveyHistory:
    """Dates and additions from the records' own ``added`` fields (no changes are known)."""
    dates: dict[str, RecordDates] = {}
    events: list[Event] = []
    origin = index.meta.record.origin
    for paper_id, paper in index.papers.items():
        record = paper.record
        dates[paper.path] = RecordDates(record.added, record.added)
        events.append(
            Event(
                record.added,
                "paper-added",
                paper_id,
                record.title,
                tuple(record.topics),
                from_survey=bool(record.survey_label) or paper_id == origin,
            )
        )
    started = index.meta.record.started
    for finding_id, finding in index.findings.items():
        claim = finding.record
        dates[finding.path] = RecordDates(claim.added, claim.added)
        topic = index.questions[claim.question].topic.id
        events.append(
            Event(
                claim.added,
                "finding-added",
                finding_id,
                claim.title,
                (topic,),
                from_survey=claim.added <= started,
            )
        )
    for comparison in index.comparisons.values():
        dates[comparison.path] = RecordDates(comparison.record.added, comparison.record.added)
    return SurveyHistory(False, unavailable, dates, _order(events), None, started)


def survey_history(index: SurveyIndex) -> SurveyHistory:
    """The history given to the index (from git), or the one its records tell."""
    if index.history is None:
        index.history = history_from_records(index, "no history was read")
    assert isinstance(index.history, SurveyHistory)
    return index.history
