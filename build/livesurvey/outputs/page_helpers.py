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
from ..model.index import METHODS, SurveyIndex
from ..model.labels import author_label
from ..records.loading import Sourced
from ..records.schema import Paper, RowKind, Stance, Status
from . import page_kinds as kinds
from .comparison_cells import CELLS
from .exports.bibtex import bibtex_text
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

    def __init__(self, index: SurveyIndex, uri: str, site_url: str | None = None) -> None:
        self.index = index
        self.uri = uri
        self.site_url = site_url or index.meta.record.site_url

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

    def cite_this(self, title: str) -> Trusted:
        """A collapsed 'Cite this page' block: BibTeX and a formatted citation."""
        meta = self.index.meta.record
        editors = " and ".join(f"{{{bibtex_text(e.name)}}}" for e in meta.editors)
        version = bibtex_text(meta.version)
        key = "livesurvey-" + self.uri.removesuffix(".md").replace("/index", "").replace("/", "-")
        bibtex = (
            f"@misc{{{key},\n"
            f"  author = {{{editors}}},\n"
            f"  title = {{{bibtex_text(title)}}},\n"
            f"  howpublished = {{{bibtex_text(meta.title)}, version {version}}},\n"
            f"  year = {{{meta.started.year}}},\n"
            f"  url = {{{self.permalink()}}},\n"
            f"}}"
        )
        names = ", ".join(e.name for e in meta.editors)
        formatted = (
            f"{escape_markdown(names)} ({meta.started.year}). {escape_markdown(title)}. "
            f"In *{escape_markdown(meta.title)}* (version {escape_markdown(meta.version)}). "
            f"{escape_markdown(self.permalink())}"
        )
        indented = "\n".join("    " + line for line in escape_code_block(bibtex).splitlines())
        return Trusted(
            f'??? quote "Cite this page"\n\n    {formatted}\n\n    ```bibtex\n{indented}\n    ```\n'
        )

    def author_label(self, paper: Paper) -> str:
        return author_label(paper)

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
