"""Citations and record references in hand-written pages.

Authors write, in any Markdown page of docs/:

- ``[@key]`` or ``[@a; @b]``: cite papers by citation key (or record id);
- ``[[finding:id]]``, ``[[topic:id]]``, ``[[question:id]]``, ``[[dimension:id]]``:
  link a record by id, with its title as link text;
- ``<!-- survey:dimensions -->``, ``<!-- survey:latest N -->``: live summaries.

Each becomes a Markdown link whose title (shown on hover and focus) previews
the paper's title or the finding's claim. Code spans and fenced blocks are
left alone. An unknown key or id is a problem naming the page and line.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Callable

from ..core.problems import Location, Problem
from ..core.suggestions import unknown_message
from ..core.text import escape_markdown, url_fragment
from ..model.citation_keys import citation_key
from ..model.history import survey_history
from ..model.index import SurveyIndex
from . import news
from . import page_kinds as kinds
from .uris import html_link, relative_link

Found = tuple[str, str, str, str]
"""A referenced record: its title, its page, a preview for the tooltip, an in-page anchor."""

_CITATION = re.compile(r"\[(@[^\]\s;]+(?:\s*;\s*@[^\]\s;]+)*)\]")
_REFERENCE = re.compile(r"\[\[([a-z-]+):([^\]\s]+)\]\]")
_DIRECTIVE = re.compile(r"<!--\s*survey:([a-z-]+)(?:\s+(\d+))?\s*-->")
_FENCE = re.compile(r"^(\s*)(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")


def _tooltip(text: str) -> str:
    """Plain text for a link's title attribute: one line, at most 200 characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= 200 else flat[:197] + "..."


def _inert(text: str) -> str:
    """``text`` with every ASCII punctuation character as a numeric entity.

    Markdown reads inline syntax (links, code spans, emphasis) inside raw HTML before it
    stashes the HTML, so record text in a link's text or title must hold no punctuation
    that Markdown or HTML could act on; browsers show the entities as the characters.
    """
    return "".join(f"&#{ord(c)};" if c in string.punctuation else c for c in text)


def _anchor(page_uri: str, target_uri: str, text: str, preview: str, fragment: str = "") -> str:
    """A link as raw HTML: its title (a preview shown on hover) holds record text, which
    Markdown's link syntax cannot carry safely; every value is escaped for HTML."""
    href = html_link(page_uri, target_uri) + (f"#{url_fragment(fragment)}" if fragment else "")
    return f'<a href="{html.escape(href)}" title="{_inert(_tooltip(preview))}">{_inert(text)}</a>'


class CitationExpander:
    """Expands citations, references and directives in one hand-written page."""

    def __init__(self, index: SurveyIndex) -> None:
        self.index = index
        self.by_key: dict[str, str] = {}
        for paper_id, paper in index.papers.items():
            self.by_key[paper_id] = paper_id
            self.by_key[citation_key(paper)] = paper_id

    def expand(self, markdown: str, page_uri: str, page_path: str) -> tuple[str, list[Problem]]:
        problems: list[Problem] = []
        out: list[str] = []
        in_fence: str | None = None
        for number, line in enumerate(markdown.split("\n"), 1):
            fence = _FENCE.match(line)
            if fence:
                marker = fence.group(2)
                in_fence = None if in_fence == marker else (in_fence or marker)
                out.append(line)
                continue
            if in_fence:
                out.append(line)
                continue
            location = Location(page_path, number)
            out.append(self._expand_line(line, page_uri, location, problems))
        return "\n".join(out), problems

    def _expand_line(
        self, line: str, page_uri: str, location: Location, problems: list[Problem]
    ) -> str:
        directive = _DIRECTIVE.fullmatch(line.strip())
        if directive:
            return self._directive(
                directive.group(1), directive.group(2), page_uri, location, problems
            )
        pieces = []
        position = 0
        for span in _CODE_SPAN.finditer(line):
            pieces.append(
                self._expand_text(line[position : span.start()], page_uri, location, problems)
            )
            pieces.append(span.group(0))
            position = span.end()
        pieces.append(self._expand_text(line[position:], page_uri, location, problems))
        return "".join(pieces)

    def _expand_text(
        self, text: str, page_uri: str, location: Location, problems: list[Problem]
    ) -> str:
        def cite(match: re.Match[str]) -> str:
            keys = [k.strip().removeprefix("@") for k in match.group(1).split(";")]
            links = [self._paper_link(k, page_uri, location, problems) for k in keys]
            return "(" + "; ".join(links) + ")"

        def refer(match: re.Match[str]) -> str:
            return self._record_link(match.group(1), match.group(2), page_uri, location, problems)

        return _REFERENCE.sub(refer, _CITATION.sub(cite, text))

    def _paper_link(
        self, key: str, page_uri: str, location: Location, problems: list[Problem]
    ) -> str:
        paper_id = self.by_key.get(key)
        if paper_id is None:
            problems.append(_unknown(location, "citation key", key, list(self.by_key)))
            return escape_markdown(key)
        paper = self.index.papers[paper_id].record
        label = self.index.labels[paper_id]
        return _anchor(page_uri, kinds.PAPER.uri(paper_id), label, paper.title)

    def _record_link(
        self, kind: str, record_id: str, page_uri: str, location: Location, problems: list[Problem]
    ) -> str:
        lookup: dict[str, Callable[[str], Found | None]] = {
            "finding": self._finding,
            "topic": self._topic,
            "question": self._question,
            "dimension": self._dimension,
        }
        if kind not in lookup:
            problems.append(_unknown(location, "record kind", kind, list(lookup)))
            return escape_markdown(f"[[{kind}:{record_id}]]")
        found = lookup[kind](record_id)
        if found is None:
            problems.append(_unknown(location, f"{kind} id", record_id, self._ids(kind)))
            return escape_markdown(record_id)
        title, uri, preview, fragment = found
        return _anchor(page_uri, uri, title, preview, fragment)

    def _finding(self, finding_id: str) -> Found | None:
        finding = self.index.findings.get(finding_id)
        if finding is None:
            return None
        return finding.record.title, kinds.FINDING.uri(finding_id), finding.record.claim, ""

    def _topic(self, topic_id: str) -> Found | None:
        if topic_id not in self.index.topics:
            return None
        topic, _ = self.index.topics[topic_id]
        return topic.title, kinds.TOPIC.uri(topic_id), topic.summary, ""

    def _question(self, question_id: str) -> Found | None:
        place = self.index.questions.get(question_id)
        if place is None:
            return None
        preview = f"A research question of {place.topic.title}"
        return place.question.title, kinds.TOPIC.uri(place.topic.id), preview, question_id

    def _dimension(self, dimension_id: str) -> Found | None:
        for dimension in self.index.dimensions:
            if dimension.id == dimension_id:
                uri = kinds.DIMENSION.uri(dimension_id)
                return dimension.title, uri, dimension.summary, ""
        return None

    def _ids(self, kind: str) -> list[str]:
        if kind == "finding":
            return list(self.index.findings)
        if kind == "topic":
            return list(self.index.topics)
        if kind == "question":
            return list(self.index.questions)
        return [d.id for d in self.index.dimensions]

    def _directive(
        self,
        name: str,
        argument: str | None,
        page_uri: str,
        location: Location,
        problems: list[Problem],
    ) -> str:
        if name == "dimensions":
            return self._dimensions_table(page_uri)
        if name == "latest":
            return self._latest(int(argument or 10), page_uri)
        problems.append(_unknown(location, "survey directive", name, ["dimensions", "latest"]))
        return ""

    def _dimensions_table(self, page_uri: str) -> str:
        rows = ["| Dimension | Topics | Questions | Findings | Papers |", "|---|---|---|---|---|"]
        for dimension in self.index.dimensions:
            topic_ids = [t.id for t in dimension.topics]
            findings = sum(len(self.index.findings_of_topic(t)) for t in topic_ids)
            papers = len({p.id for t in topic_ids for p in self.index.papers_by_topic[t]})
            questions = sum(len(t.questions) for t in dimension.topics)
            target = relative_link(page_uri, kinds.DIMENSION.uri(dimension.id))
            link = f"[{escape_markdown(dimension.title)}]({target})"
            rows.append(f"| {link} | {len(topic_ids)} | {questions} | {findings} | {papers} |")
        return "\n".join(rows)

    def _latest(self, count: int, page_uri: str) -> str:
        """The newest events of the survey's history (as on the what's-new page)."""
        history = survey_history(self.index)
        lines = []
        for event in history.news()[:count]:
            uri, anchor = news.target(self.index, event)
            link = relative_link(page_uri, uri) + (f"#{url_fragment(anchor)}" if anchor else "")
            title = f"[{escape_markdown(event.title)}]({link})"
            lines.append(f"- {event.day.isoformat()} · {news.markdown_line(event, title)}")
        whats_new = relative_link(page_uri, news.WHATS_NEW_URI)
        if not lines:
            started = history.started.isoformat() if history.started else "its start"
            return (
                f"Nothing new since the living survey started on {started}; "
                f"[what's new]({whats_new}) will list each addition and change."
            )
        return "\n".join([*lines, "", f"Everything, month by month: [what's new]({whats_new})."])


def _unknown(location: Location, kind: str, value: str, known: list[str]) -> Problem:
    message = unknown_message(kind, value, known, "check the spelling")
    return Problem(location, message, code="unknown-citation")
