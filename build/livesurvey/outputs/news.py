"""What's new, in words: each event of the survey's history as a line, a feed entry or a link.

The what's-new page, the feeds and the home page's latest additions all describe events
here, so they say the same thing the same way.
"""

from __future__ import annotations

from ..core.text import escape_markdown
from ..model.history import Event, survey_history
from ..model.index import SurveyIndex
from . import page_kinds as kinds
from .feeds import atom_feed

WHATS_NEW_URI = "whats-new/index.md"

_VERBS = {
    "paper-added": "Paper added",
    "finding-added": "Finding added",
    "finding-changed": "Finding changed",
    "topic-added": "Topic added",
    "topic-removed": "Topic removed",
    "topic-renamed": "Topic renamed",
    "question-added": "Research question added",
    "question-removed": "Research question removed",
    "question-renamed": "Research question renamed",
}


def target(index: SurveyIndex, event: Event) -> tuple[str, str | None]:
    """The page (and anchor) an event points to; the what's-new page for what is gone."""
    if event.what.startswith("paper") and event.item_id in index.papers:
        return kinds.PAPER.uri(event.item_id), None
    if event.what.startswith("finding") and event.item_id in index.findings:
        return kinds.FINDING.uri(event.item_id), None
    if event.what.startswith("topic") and event.item_id in index.topics:
        return kinds.TOPIC.uri(event.item_id), None
    if event.what.startswith("question") and event.item_id in index.questions:
        return kinds.TOPIC.uri(index.questions[event.item_id].topic.id), event.item_id
    return WHATS_NEW_URI, None


def verb(event: Event) -> str:
    return _VERBS.get(event.what, event.what)


def details(event: Event) -> list[str]:
    """What changed, in plain words: 'status emerging → debated', 'claim reworded', ..."""
    parts: list[str] = []
    if event.before is not None:
        parts.append(f"was “{event.before}”")
    if event.change is not None:
        parts += event.change.in_words(paper=_evidence_from)
    return parts


def _evidence_from(paper_id: str) -> str:
    return f"evidence from {paper_id}"


def markdown_line(event: Event, link: str) -> str:
    """An event in Markdown, for the what's-new page and the home page's latest additions:
    'Finding changed: [title](...) (status emerging → debated)'. ``link`` is the record's
    title, already Markdown (a link, or escaped text)."""
    text = f"{verb(event)}: {link}"
    changes = details(event)
    if changes:
        text += " (" + escape_markdown("; ".join(changes)) + ")"
    if event.from_survey:
        text += " · *from the original survey*"
    return text


def describe(index: SurveyIndex, event: Event) -> tuple[str, str, str]:
    """A feed entry's title, the page it links to and its summary (plain text)."""
    uri, _ = target(index, event)
    summary = "; ".join(details(event)) or verb(event)
    if event.from_survey:
        summary += " (from the original survey)"
    return f"{verb(event)}: {event.title}", uri, f"{event.day.isoformat()}: {summary}"


def write_feed(
    index: SurveyIndex, site_url: str, feed_uri: str, title: str, topic_id: str | None
) -> str:
    """The Atom feed at ``feed_uri`` of the whole survey's news or one topic's."""
    history = survey_history(index)
    events = history.news() if topic_id is None else history.of_topic(topic_id)
    page_uri = WHATS_NEW_URI if topic_id is None else kinds.TOPIC.uri(topic_id)
    return atom_feed(
        title=title,
        site_url=site_url,
        feed_uri=feed_uri,
        page_uri=page_uri,
        authors=[editor.name for editor in index.meta.record.editors],
        started=index.meta.record.started,
        events=events,
        describe=lambda event: describe(index, event),
    )
