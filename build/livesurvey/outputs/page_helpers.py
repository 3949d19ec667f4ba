"""Helpers a template calls to link and format from the page being rendered.

Every link is built here from ids through the page registry, and every value
from a record is escaped for where it lands; templates never build URLs.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..core.text import (
    Trusted,
    escape_code_block,
    escape_markdown,
    escape_url,
    inline_code,
    url_fragment,
)
from ..model.citation_keys import citation_key
from ..model.dates import year_month
from ..model.history import EditionState, Event, survey_history
from ..model.index import METHODS, SurveyIndex
from ..model.labels import author_label
from ..records.loading import Sourced
from ..records.schema import Paper, RowKind, Stance, Status
from . import news
from . import page_kinds as kinds
from .comparison_cells import CELLS
from .editions import Edition
from .exports.bibtex import bibtex_text
from .news import WHATS_NEW_URI
from .uris import html_link, relative_link, site_path

DOWNLOADS = (".bib", ".csv", ".json", ".ris")
"""Links to files of these kinds carry the ``download`` attribute."""

STANCE_ORDER = [Stance.SUPPORTS, Stance.CONTESTS, Stance.QUALIFIES, Stance.EXTENDS]
STANCE_ICONS = {
    Stance.SUPPORTS: "material-check-circle",
    Stance.CONTESTS: "material-close-circle",
    Stance.QUALIFIES: "material-alert-circle-outline",
    Stance.EXTENDS: "material-plus-circle",
}
STANCE_PLURAL = {
    Stance.SUPPORTS: "support",
    Stance.CONTESTS: "contest",
    Stance.QUALIFIES: "qualify",
    Stance.EXTENDS: "extend",
}


class PageContext:
    """Helpers a template uses to link from the page being rendered."""

    index: SurveyIndex
    uri: str
    """The page being rendered, e.g. 'papers/x.md'."""
    site_url: str
    """Where the site is published (permalinks and 'cite this page')."""

    edition: Edition
    """The edition this build belongs to (frozen, or the live site's current one)."""
    record_path: str | None
    """The record file the page is built from, for its dates."""

    def __init__(
        self,
        index: SurveyIndex,
        uri: str,
        site_url: str | None = None,
        edition: Edition | None = None,
        record_path: str | None = None,
    ) -> None:
        self.index = index
        self.uri = uri
        self.site_url = site_url or index.meta.record.site_url
        self.edition = edition or Edition(index.meta.record.version)
        self.record_path = record_path

    def link(self, text: str, target_uri: str, anchor: str | None = None) -> Trusted:
        target = relative_link(self.uri, target_uri)
        if anchor:
            target += "#" + url_fragment(anchor)
        link = f"[{escape_markdown(text)}]({target})"
        if target_uri.endswith(DOWNLOADS):
            # A data file is saved under its own name rather than opened as a page (attr_list).
            name = target_uri.rsplit("/", 1)[-1]
            link += '{ download="' + html.escape(name, quote=True) + '" }'
        return Trusted(link)

    def paper(self, paper_id: str, text: str | None = None) -> Trusted:
        return self.link(text or self.index.labels[paper_id], kinds.PAPER.uri(paper_id))

    def finding(self, finding_id: str) -> Trusted:
        record = self.index.findings[finding_id].record
        return self.link(record.title, kinds.FINDING.uri(finding_id))

    def topic(self, topic_id: str, anchor: str | None = None) -> Trusted:
        topic, _ = self.index.topics[topic_id]
        return self.link(topic.title, kinds.TOPIC.uri(topic_id), anchor)

    def question(self, question_id: str) -> Trusted:
        place = self.index.questions[question_id]
        return self.link(place.question.title, kinds.TOPIC.uri(place.topic.id), question_id)

    def training_method(self, method_id: str) -> Trusted:
        method, _ = self.index.training_methods[method_id]
        return self.link(method.name, kinds.TRAINING_METHOD.uri(method_id))

    def direction(self, direction_id: str) -> Trusted:
        title = next(d.title for d in self.index.directions if d.id == direction_id)
        return self.link(title, kinds.DIRECTION.uri(direction_id))

    def dimension(self, dimension_id: str) -> Trusted:
        title = next(d.title for d in self.index.dimensions if d.id == dimension_id)
        return self.link(title, kinds.DIMENSION.uri(dimension_id))

    def author(self, slug: str) -> Trusted:
        """A link to an author's page, with the name it shows."""
        return self.link(self.index.authors.people[slug].name, kinds.AUTHOR.uri(slug))

    def authors(self, paper_id: str) -> Trusted:
        """A paper's authors as written on it, each linked to its page; 'and others' for a
        truncated list."""
        paper = self.index.papers[paper_id].record
        slugs = self.index.authors.by_paper[paper_id]
        names = [
            self.link(author.display, kinds.AUTHOR.uri(slug))
            for author, slug in zip(paper.authors, slugs, strict=True)
        ]
        if not names:
            return Trusted("authors not yet recorded")
        if paper.more_authors:
            names.append(Trusted("others"))
        if len(names) <= 2:
            return Trusted(" and ".join(names))
        return Trusted(", ".join(names[:-1]) + ", and " + names[-1])

    def method(self, term_id: str) -> Trusted:
        place = self.index.terms[(METHODS, term_id)]
        return self.link(place.term.title, kinds.TERM.uri(term_id, vocabulary=METHODS))

    def methods(self, term_ids: Iterable[str]) -> Trusted:
        return Trusted(", ".join(self.method(t) for t in term_ids))

    def external(self, text: str, url: str) -> Trusted:
        return Trusted(f"[{escape_markdown(text)}]({escape_url(url)})")

    def anchor(self, anchor_id: str) -> Trusted:
        """An explicit heading anchor (attr_list), never derived from heading text."""
        return Trusted("{#" + anchor_id + "}")

    def citable(self, anchor_id: str) -> Trusted:
        """The anchor of a heading readers cite (a finding, a question): it gets a "Copy link"
        button (docs/assets/survey.js)."""
        return Trusted("{#" + anchor_id + " .survey-citable}")

    def bib_anchor(self, paper_id: str) -> str:
        """The anchor of a paper's entry on the bibliography page: its citation key."""
        return citation_key(self.index.papers[paper_id])

    def raw_link(self, target_uri: str, anchor: str | None = None) -> str:
        """A link target for raw HTML, which MkDocs does not rewrite."""
        target = html_link(self.uri, target_uri)
        return target + ("#" + url_fragment(anchor) if anchor else "")

    def permalink(self) -> str:
        return self.site_url.rstrip("/") + "/" + site_path(self.uri)

    def edition_url(self) -> str:
        """This page's address in the edition."""
        return self.edition.root(self.site_url) + site_path(self.uri)

    def _edition_state(self) -> str:
        """How the page's record stands to the edition (always 'same' in a frozen build)."""
        history = survey_history(self.index)
        if self.edition.frozen or self.record_path not in history.dates:
            return EditionState.SAME
        return history.dates[self.record_path].edition

    def changed_on(self) -> str | None:
        """The day the page's record (or, for other pages, the survey) last changed."""
        day = survey_history(self.index).changed(self.record_path)
        return day.isoformat() if day else None

    def edition_note(self) -> Trusted:
        """The page's edition and last change, shown at the end of every generated page."""
        name = escape_markdown(self.edition.name)
        parts = [f"Edition {name}, frozen" if self.edition.frozen else f"Live site, edition {name}"]
        if (changed := self.changed_on()) is not None:
            parts.append(f"last changed on {changed}")
        state = self._edition_state()
        if state == EditionState.CHANGED:
            parts.append(f"changed since edition {name}")
        elif state == EditionState.NEW:
            parts.append(f"added after edition {name}")
        if self.edition.frozen:
            parts.append(f"[latest version]({escape_url(self.permalink())})")
        else:
            parts.append(self.link("what's new", WHATS_NEW_URI))
        return Trusted('<p class="survey-edition" markdown>' + " · ".join(parts) + "</p>")

    def cite_this(self, title: str) -> Trusted:
        """A collapsed 'Cite this page' block: this edition (a frozen address) and the
        latest version (the live address), each as a formatted citation and BibTeX."""
        meta = self.index.meta.record
        history = survey_history(self.index)
        key = "livesurvey-" + self.uri.removesuffix(".md").replace("/index", "").replace("/", "-")
        edition_year = (history.edition_since or meta.started).year
        changed = survey_history(self.index).changed(self.record_path)
        latest_year = changed.year if changed else meta.started.year
        blocks = []
        if self._edition_state() == EditionState.NEW:
            blocks.append(
                f"**Cite this edition**: not in an edition yet (added after edition "
                f"{escape_markdown(meta.version)} was cut); cite the latest version."
            )
        else:
            howpublished = f"{meta.title}, edition {self.edition.name}"
            blocks.append(
                self._citation(
                    "Cite this edition",
                    f"{key}-{self.edition.key_suffix}",
                    title,
                    howpublished,
                    edition_year,
                    self.edition_url(),
                    f"edition {self.edition.name}",
                )
            )
        note = f"latest version, last changed on {changed.isoformat()}" if changed else "latest"
        blocks.append(
            self._citation(
                "Cite latest",
                key,
                title,
                f"{meta.title}, living edition",
                latest_year,
                self.permalink(),
                note,
            )
        )
        body = "\n\n".join(blocks)
        indented = "\n".join(("    " + line) if line else "" for line in body.splitlines())
        # Left out of the search index: the same words on every page would match everywhere.
        # A <section>, not a <div>: Material's indexer ends an exclusion at the first closing
        # tag of the same name, and the block holds <div>s (its code blocks).
        return Trusted(
            '<section class="survey-cite" data-search-exclude="true" markdown>\n\n'
            f'??? quote "Cite this page"\n\n{indented}\n\n</section>\n'
        )

    def _citation(
        self,
        heading: str,
        key: str,
        title: str,
        howpublished: str,
        year: int,
        url: str,
        note: str,
    ) -> str:
        """One way to cite the page: formatted, then as BibTeX (every value escaped)."""
        meta = self.index.meta.record
        editors = " and ".join(f"{{{bibtex_text(e.name)}}}" for e in meta.editors)
        bibtex = (
            f"@misc{{{key},\n"
            f"  author = {{{editors}}},\n"
            f"  title = {{{bibtex_text(title)}}},\n"
            f"  howpublished = {{{bibtex_text(howpublished)}}},\n"
            f"  year = {{{year}}},\n"
            f"  note = {{{bibtex_text(note)}}},\n"
            f"  url = {{{url}}},\n"
            f"}}"
        )
        names = ", ".join(e.name for e in meta.editors)
        formatted = (
            f"{escape_markdown(names)} ({year}). {escape_markdown(title)}. "
            f"In *{escape_markdown(meta.title)}* ({escape_markdown(note)}). "
            f"{escape_markdown(url)}"
        )
        return f"**{heading}**\n\n{formatted}\n\n```bibtex\n{escape_code_block(bibtex)}\n```"

    def news_line(self, event: Event) -> Trusted:
        """One event of the what's-new page: what happened, to which record, in what way."""
        uri, anchor = news.target(self.index, event)
        link = (
            self.link(event.title, uri, anchor) if uri != self.uri else escape_markdown(event.title)
        )
        return Trusted(news.markdown_line(event, link))

    def author_label(self, paper: Paper) -> str:
        return author_label(paper)

    def authors_short(self, paper: Paper) -> str:
        """'Yue et al.' for a table's Authors column; never a short name or title instead."""
        return author_label(paper) if paper.authors else "not yet recorded"

    def year_month(self, paper: Paper) -> str:
        return year_month(paper)

    def arxiv(self, paper: Paper) -> Trusted:
        """The paper's arXiv id linked to its abstract page, or nothing."""
        if not paper.arxiv:
            return Trusted("")
        return self.external(paper.arxiv, "https://arxiv.org/abs/" + paper.arxiv)

    def tally(self, evidence: Iterable[Any]) -> str:
        return stance_tally(evidence)

    def comparison(self, comparison_id: str) -> Trusted:
        record = self.index.comparisons[comparison_id].record
        return self.link(record.title, kinds.COMPARISON.uri(comparison_id))

    def status(self, status: Status) -> Trusted:
        """A status badge; the word is always shown, colour only reinforces it."""
        value = status.value
        return Trusted(f'<span class="survey-status survey-status--{value}">{value}</span>')

    def stance(self, stance: Stance) -> Trusted:
        """A stance with an icon and its word."""
        value = stance.value
        icon = STANCE_ICONS[stance]
        return Trusted(
            f'<span class="survey-stance survey-stance--{value}">:{icon}: {value}</span>'
        )

    def stance_heading(self, stance: Stance, count: int) -> str:
        """'Papers that contest it (2)': the heading of one stance's evidence."""
        verb = STANCE_PLURAL[stance] if count != 1 else stance.value
        noun = "Papers that" if count != 1 else "A paper that"
        return f"{noun} {verb} it ({count})"

    def table_start(self, name: str) -> Trusted:
        """Opens an interactive (sortable, filterable, downloadable) table block."""
        attribute = html.escape(name, quote=True)
        return Trusted(f'<div class="survey-table" data-name="{attribute}" markdown>\n')

    def table_end(self) -> Trusted:
        return Trusted("</div>\n")

    def chart(self, name: str, description: str) -> Trusted:
        """A chart of the statistics page in both colour schemes: the page shows the drawing of
        the reader's scheme (docs/assets/survey.css); a phone scrolls it sideways."""
        alt = escape_markdown(description)
        return Trusted(
            f'<div class="survey-chart" markdown>\n\n'
            f"![{alt}]({name}.svg){{ .survey-chart--light }}\n"
            f"![{alt}]({name}-dark.svg){{ .survey-chart--dark }}\n\n</div>"
        )

    def code(self, text: str) -> Trusted:
        """Inline code; HTML inside code spans is escaped by Markdown itself."""
        return Trusted(inline_code(text))

    def codes(self, texts: Iterable[str]) -> Trusted:
        """Several values as inline code, separated by commas."""
        return Trusted(", ".join(inline_code(text) for text in texts))

    def cell(self, rows: RowKind, column: str, row: Sourced[Any]) -> Trusted:
        """The cell of a comparison table's ``column`` for one row record."""
        return Trusted(CELLS[rows][column](self, row))


def stance_tally(findings_evidence: Iterable[Any]) -> str:
    """'2 support · 1 contests' for a list of evidence items."""
    counts = Counter(e.stance for e in findings_evidence)
    parts = []
    for stance in STANCE_ORDER:
        if counts[stance]:
            verb = stance.value if counts[stance] == 1 else STANCE_PLURAL[stance]
            parts.append(f"{counts[stance]} {verb}")
    return " · ".join(parts)
