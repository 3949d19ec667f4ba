"""Search entries of the generated pages, made where the pages are converted.

Material's search plugin indexes each page as MkDocs builds it: it parses the page's HTML into
sections (``SearchIndex.add_entry_from_context``). For our pages, tables and lists of links,
that was the largest part of what the building process itself did (about two fifths of it in a
profile at 3,000 papers). The second process, which converts the generated pages, now also
makes their entries with Material's own ``SearchIndex``, from the same HTML, table of contents
and metadata (read by a quicker parser that gives the same sections as Material's), and keeps
them with the conversion: a page reused from an earlier build costs nothing to index. The
building process adds the entries where the plugin would have made them, in build order, so
that the index is the same, byte for byte, as when the plugin indexes every page itself
(``tests/test_background.py``).
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from material.plugins.search.plugin import (
    Element,
    Parser,
    SearchIndex,
    SearchPlugin,
    Section,
)
from material.plugins.search.plugin import void as void_elements
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

Entries = list[dict[str, Any]]

_TAG = re.compile(
    r"<(?P<end>/?)(?P<name>[a-zA-Z][a-zA-Z0-9-]*)"
    r"(?P<attributes>(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*"
    r"(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*(?P<closed>/?)>"
)
_TOKEN = re.compile(r"(?P<text>[^<]+)|" + _TAG.pattern)
"""Text up to the next '<', or a tag."""
_ATTRIBUTE = re.compile(
    r"(?P<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?"
)
_RAW_TEXT = re.compile(
    r"<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext|!|\?)",
    re.IGNORECASE,
)
"""What the quick reading leaves to HTMLParser: raw text elements, comments, declarations."""


class _QuickParser:
    """Material's search parser (``material.plugins.search.plugin.Parser``), quicker.

    Material's parser is an ``HTMLParser`` that keeps the open elements as objects compared by
    tag name, and checks them against the elements to skip on every piece of text: for our
    pages, tables and lists of links, that was most of indexing. This one gives the same
    sections from the same HTML: it keeps tag names, reads tags with one expression (text between
    tags in one piece, character references resolved, names in lower case, ``<x/>`` as a start
    and an end, as HTMLParser gives them), and follows the same rules, quirks included (an
    element excluded from search is remembered by its tag name, so the exclusion ends at the
    first closing tag of that name). HTML it cannot read so (a comment, a script, a ``<`` that
    opens no tag) goes to Material's own parser. ``tests/test_search_entries.py`` holds the two
    to the same sections on every generated page of the survey."""

    _SKIPPED_ALWAYS = frozenset({"object", "script", "style"})
    _KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
    _HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        self.data: list[Section] = []
        self._section: Section | None = None
        self._open: list[str] = []
        """The open elements' tag names, outermost first (void elements are never open)."""
        self._open_permalinks: list[bool] = []
        """For each open element, whether it is a heading's permalink (``a.headerlink``)."""
        self._skipped = set(self._SKIPPED_ALWAYS)
        """Tag names: text inside an open element of one of these is left out."""
        self._skipping = False
        """Whether an open element's tag name is in ``_skipped`` (kept as they change)."""

    def read(self, html: str) -> None:
        if _RAW_TEXT.search(html):
            self._read_slowly(html)
            return
        position = 0
        for token in _TOKEN.finditer(html):
            if token.start() != position:  # a '<' that opens no tag
                self._read_slowly(html)
                return
            position = token.end()
            text, end, name, listed, closed = token.groups()
            if text is not None:
                self._text(unescape(text))
                continue
            name = name.lower()
            if end:
                if listed or closed:
                    self._read_slowly(html)
                    return
                self._end(name)
                continue
            attributes = (
                {
                    found["name"].lower(): _value(found["value"])
                    for found in _ATTRIBUTE.finditer(listed)
                }
                if listed
                else {}
            )
            self._start(name, attributes)
            if closed:
                self._end(name)
        if position != len(html):
            self._read_slowly(html)

    def _read_slowly(self, html: str) -> None:
        parser = Parser()
        parser.feed(html)
        parser.close()
        self.data = parser.data

    def _update_skipping(self) -> None:
        """Whether text is left out now: an open element's tag name is one of the skipped."""
        self._skipping = not self._skipped.isdisjoint(self._open)

    def _in_title(self) -> bool:
        return self._section is not None and self._section.el.tag in self._open

    def _ensure_section(self) -> Section:
        if self._section is None:  # text before the first heading
            self._section = Section(Element("hx"))
            self.data.append(self._section)
        return self._section

    def _start(self, tag: str, attributes: dict[str, str | None]) -> None:
        if tag in void_elements:
            return
        self._open.append(tag)
        if tag in self._skipped:
            self._skipping = True
        self._open_permalinks.append(tag == "a" and attributes.get("class") == "headerlink")
        if tag in self._HEADINGS and "id" in attributes:
            element = Element(tag, attributes)
            if tag != "h1" and not self.data:
                self._section = Section(Element("hx"), len(self._open))
                self.data.append(self._section)
            section = Section(element, len(self._open))
            if self.data:
                section.id = attributes["id"]
            self.data.append(section)
            self._section = section
        section = self._ensure_section()
        for key, value in attributes.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                self._skipped.add(tag)
                self._skipping = True
                return
        if tag in self._KEPT and not self._skipping:
            (section.title if self._in_title() else section.text).append(f"<{tag}>")

    def _end(self, tag: str) -> None:
        if not self._open or self._open[-1] != tag:
            return
        section = self._section
        assert section is not None  # an element is open: a section was made when it opened
        if section.depth > len(self._open):  # a heading nested in an element that closes here
            for earlier in reversed(self.data):
                if earlier.depth <= len(self._open):
                    section.depth = float("inf")  # never to be taken up again
                    self._section = section = earlier
                    break
        self._open.pop()
        self._open_permalinks.pop()
        if tag in self._skipped:
            if tag not in self._SKIPPED_ALWAYS:
                self._skipped.remove(tag)
            self._update_skipping()
            return
        if tag in self._KEPT and not self._skipping:
            data = section.title if self._in_title() else section.text
            index = data.index(f"<{tag}>")  # the first one, as Material's parser does
            if any(not piece.isspace() for piece in data[index + 1 :]):
                data.append(f"</{tag}>")
            else:
                del data[index:]  # an element with nothing in it is left out

    def _text(self, text: str) -> None:
        if self._skipping:
            return
        if "pre" not in self._open:
            text = " " if text.isspace() else text.replace("\n", " ")
        section = self._ensure_section()
        if self._in_title():
            if not any(self._open_permalinks):
                section.title.append(escape(text, quote=False))
        elif text.isspace():
            if not section.text or not section.text[-1].isspace() or "pre" in self._open:
                section.text.append(text)
        else:
            section.text.append(escape(text, quote=False))


def _value(quoted: str | None) -> str | None:
    if quoted is None:
        return None
    if quoted[:1] == quoted[-1:] and quoted[:1] in ("'", '"'):
        quoted = quoted[1:-1]
    return unescape(quoted) if quoted else quoted


class _QuickIndex(SearchIndex):  # type: ignore[misc]
    """Material's ``SearchIndex.add_entry_from_context``, with the quicker reading."""

    def add_entry_from_context(self, page: Page) -> None:
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        parser = _QuickParser()
        parser.read(page.content or "")
        for section in parser.data:
            if not section.is_excluded():
                self.create_entry_for_section(section, page.toc, page.url, page)


def _search_plugin(config: MkDocsConfig) -> SearchPlugin | None:
    for plugin in config.plugins.values():
        # Material's own (a subclass may index otherwise: it indexes every page itself)
        if type(plugin) is SearchPlugin and plugin.config.enabled:
            return plugin
    return None


def entries_of(page: Page, config: MkDocsConfig) -> Entries | None:
    """The entries Material's search plugin makes of ``page`` (converted, with its table of
    contents and metadata), or None when the site has no search."""
    plugin = _search_plugin(config)
    if plugin is None:
        return None
    index = _QuickIndex(**plugin.config)
    index.add_entry_from_context(page)
    entries: Entries = index.entries
    return entries


class MadeElsewhere:
    """Lets the search plugin take a page's entries as made by the second process."""

    def __init__(self) -> None:
        self._waiting: dict[int, Entries] = {}

    def install(self, config: MkDocsConfig) -> None:
        """Called each build, once the plugin has made its index (``on_config``)."""
        self._waiting.clear()
        plugin = _search_plugin(config)
        if plugin is None:
            return
        index = plugin.search_index
        index_page = type(index).add_entry_from_context.__get__(index)

        def add_entry_from_context(page: Page) -> None:
            entries = self._waiting.pop(id(page), None)
            if entries is None:
                index_page(page)
            else:
                index.entries.extend(entries)

        index.add_entry_from_context = add_entry_from_context

    def give(self, page: Page, entries: Entries) -> None:
        """``page``'s entries, for the plugin to take when it indexes the page, next."""
        self._waiting[id(page)] = entries
