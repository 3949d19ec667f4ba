"""Generated pages converted to HTML by the engine's second process, as MkDocs converts them.

MkDocs converts the Markdown of every page, one after the other, before it builds the first one;
for the generated pages that is most of the build. The engine writes those pages in a second
process (``livesurvey.outputs.background``); given :class:`ConvertInSecondProcess`, that process
also converts them, with MkDocs' own code, configuration and plugins, while MkDocs builds the
pages before them. MkDocs reads only a stand-in of each generated page (its metadata and its
title line: what the navigation and the page's title need), and :func:`put_in_place` gives the
page its converted content just before MkDocs builds it.

Nothing is lost on the way: what MkDocs logs while converting a page (a link to a file that does
not exist, say) is logged again in the building process, so that a strict build fails on it as
before, and the anchors a page holds and those it links to go back to MkDocs, which checks them
at the end of the build as it does for every page.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import markdown
from converted_cache import ConvertedCache, LookupsKept, toc_as_data, toc_from_data
from livesurvey.outputs.code_blocks import KEPT_BLOCKS
from livesurvey.outputs.html_blocks import ForeignMarkdownError, Link, blocks_as_html
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils.meta import get_data
from search_entries import Entries, entries_of

try:  # the processors MkDocs gives each page's converter (see ConvertInSecondProcess._render)
    from mkdocs.structure.pages import (
        _ExtractAnchorsTreeprocessor,
        _ExtractTitleTreeprocessor,
        _RawHTMLPreprocessor,
        _RelativePathTreeprocessor,
    )

    _mkdocs_processors: tuple[Any, Any, Any, Any] | None = (
        _RawHTMLPreprocessor,
        _ExtractAnchorsTreeprocessor,
        _RelativePathTreeprocessor,
        _ExtractTitleTreeprocessor,
    )
except ImportError:
    _mkdocs_processors = None
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")

_TITLE_LINE = re.compile(r"#(?!#)[^\n]*")
"""A level-1 heading in one line: when a page starts with it, MkDocs takes it as the title."""


@dataclass(frozen=True)
class ConvertedPage:
    """What MkDocs' conversion of a page gives the rest of the build."""

    html: str
    title: str | None
    toc: TableOfContents
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    """Links to anchors, by the path of the page linked to (MkDocs keys them by file)."""
    messages: tuple[tuple[str, int, str], ...]
    """What was logged while converting: logger name, level, message."""
    search: Entries | None = None
    """The page's search entries, as Material's search plugin makes them (None: no search)."""
    reused: bool = False
    """Taken from an earlier build's conversion."""

    def as_data(self) -> dict[str, Any]:
        return {
            "html": self.html,
            "title": self.title,
            "toc": toc_as_data(self.toc),
            "anchors": None if self.anchors is None else sorted(self.anchors),
            "links_to_anchors": self.links_to_anchors,
            "messages": [list(message) for message in self.messages],
            "search": self.search,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ConvertedPage:
        anchors = data["anchors"]
        return cls(
            html=data["html"],
            title=data["title"],
            toc=toc_from_data(data["toc"]),
            anchors=None if anchors is None else set(anchors),
            links_to_anchors=data["links_to_anchors"],
            messages=tuple((name, level, text) for name, level, text in data["messages"]),
            search=data["search"],
            reused=True,
        )


def stand_in(text: str) -> str:
    """The part of a page MkDocs needs before it converts it: metadata and the title line."""
    body, _ = get_data(text)
    metadata = text[: len(text) - len(body)] if text.endswith(body) else ""
    title = _TITLE_LINE.match(body)
    return metadata + (title.group(0) + "\n" if title else "")


class _Kept(logging.Handler):
    """Keeps log records instead of printing them, to be logged again by the building process.

    Each process takes only the records it made: a copy of the process inherits the records
    not yet taken, which its original sends."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[int, str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((os.getpid(), record.name, record.levelno, record.getMessage()))

    def take(self) -> tuple[tuple[str, int, str], ...]:
        here = os.getpid()
        taken = tuple((name, level, text) for pid, name, level, text in self.records if pid == here)
        self.records.clear()
        return taken


class ConvertInSecondProcess:
    """The engine's page finisher for MkDocs: converts generated pages to HTML (in the child)."""

    def __init__(self, config: MkDocsConfig, cache_folder: Path | None = None) -> None:
        self._config = config
        self._cache_folder = cache_folder
        self._cache: ConvertedCache | None = None
        self._files: LookupsKept | None = None
        self._kept = _Kept()
        self._markdown: markdown.Markdown | None = None

    def stand_in(self, uri: str, text: str) -> str:
        return stand_in(text)

    def start(self, uris: Sequence[str]) -> None:
        """Called in the second process: the build's files, and its log kept for the parent."""
        files = LookupsKept(get_files(self._config))
        for uri in uris:
            files.append(File.generated(self._config, uri, content=""))
        self._files = files
        logging.getLogger("mkdocs").handlers = [self._kept]
        if self._cache_folder is not None:
            self._cache = ConvertedCache(self._cache_folder, self._config)
            self._cache.load()

    def end(self) -> None:
        """Called in each finishing process after its last page: keep what it converted."""
        if self._cache is not None:
            self._cache.save()

    def finish(self, uri: str, text: str) -> ConvertedPage:
        """The page as MkDocs' build converts it, or as an earlier build converted it, with
        what this process logged since the page before (while writing pages, say)."""
        earlier = self._kept.take()
        converted = self._converted(uri, text)
        return replace(converted, messages=earlier + converted.messages) if earlier else converted

    def _converted(self, uri: str, text: str) -> ConvertedPage:
        files, cache = self._files, self._cache
        assert files is not None, "start() comes first"
        if cache is None:
            return self._convert(uri, text, files)
        key = cache.key(uri, text)
        kept = cache.read(uri, key, files)
        if kept is not None:
            try:
                return ConvertedPage.from_data(kept)
            except (KeyError, TypeError, ValueError):
                pass  # not what this code writes: converted again
        files.lookups = {}
        converted = self._convert(uri, text, files)
        cache.write(uri, {"key": key, "lookups": files.lookups, **converted.as_data()})
        return converted

    def _render(self, page: Page, files: Files, blocks: dict[str, str]) -> None:
        """``Page.render``, with one Python-Markdown converter for every page (reset between
        pages) instead of a new one for each: setting one up costs about a millisecond. The
        same steps as MkDocs' own (mkdocs/structure/pages.py), whose processors hold the page;
        with a MkDocs that has other ones, MkDocs' own. The converter holds the page's
        ``blocks``, kept aside by :func:`blocks_as_html`, while it converts."""
        if _mkdocs_processors is None:
            page.render(self._config, files)
            return
        config = self._config
        if self._markdown is None:
            self._markdown = markdown.Markdown(
                extensions=config["markdown_extensions"],
                extension_configs=config["mdx_configs"] or {},
            )
        md = self._markdown
        md.reset()
        setattr(md, KEPT_BLOCKS, blocks)
        raw_html, anchors, relative_paths, title = _mkdocs_processors
        raw_html_ext = raw_html()
        raw_html_ext._register(md)
        anchors_ext = anchors(page.file, files, config)
        anchors_ext._register(md)
        relative_path_ext = relative_paths(page.file, files, config)
        relative_path_ext._register(md)
        title_ext = title()
        title_ext._register(md)
        assert page.markdown is not None
        page.content = md.convert(page.markdown)
        setattr(md, KEPT_BLOCKS, None)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title_ext.title
        page.present_anchor_ids = anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative_path_ext.links_to_anchors

    def _convert(self, uri: str, text: str, files: Files) -> ConvertedPage:
        """The page converted as MkDocs' build converts it (the same plugin events, in order)."""
        config = self._config
        file = files.get_file_from_path(uri)
        assert file is not None, uri
        linked_anchors: dict[str, dict[str, str]] = {}
        # With one converter per process, the blocks' HTML waits in it, each fence holding a key.
        blocks: dict[str, str] = {}
        link = _links_from(file, files, linked_anchors)
        kept = blocks if _mkdocs_processors is not None else None
        file.content_string = blocks_as_html(text, uri, link, kept)
        page = Page(None, file, config)
        config._current_page = page
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )
        self._render(page, files, blocks)
        assert page.content is not None
        html = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        config._current_page = None
        page.content = html or ""
        links = page.links_to_anchors
        if links is not None:
            links_to_anchors = {target.src_uri: dict(found) for target, found in links.items()}
            for target_uri, found in linked_anchors.items():
                for anchor, url in found.items():
                    links_to_anchors.setdefault(target_uri, {}).setdefault(anchor, url)
        converted = ConvertedPage(
            html=html or "",
            title=page.title,
            toc=page.toc,
            anchors=page.present_anchor_ids,
            links_to_anchors=None if links is None else links_to_anchors,
            messages=self._kept.take(),
            search=entries_of(page, config),
        )
        # Sent to the building process, the texts are not needed here again; plugins may keep
        # the page (autorefs keeps every page it sees), so it lets them go.
        file.content_string, file.page = "", None
        page.markdown, page.content = None, None
        return converted


def _links_from(page: File, files: Files, anchors: dict[str, dict[str, str]]) -> Link:
    """Links in the blocks the engine writes as HTML, made as MkDocs makes them
    (``_RelativePathTreeprocessor.path_to_url``): a target that is not among the files, or is
    excluded, leaves its block to MkDocs, which warns about it. Links to anchors are kept in
    ``anchors`` for MkDocs' check at the end of the build."""

    folder = posixpath.dirname(page.src_uri)

    def link(path: str, anchor: str) -> str:
        target = path + anchor  # as written
        if path:
            found = files.get_file_from_path(_linked_path(folder, path))
            if found is None or found.inclusion.value <= InclusionLevel.DRAFT.value:  # excluded
                raise ForeignMarkdownError(f"a link MkDocs would warn about: {target}")
        else:
            found = page
        if anchor:
            anchors.setdefault(found.src_uri, {}).setdefault(anchor[1:], target)
        return found.url_relative_to(page) + anchor if path else anchor

    return link


@lru_cache(maxsize=1 << 16)
def _linked_path(folder: str, path: str) -> str:
    """The file a relative link ``path`` in a page of ``folder`` names (as MkDocs reads it)."""
    return unquote(posixpath.normpath(posixpath.join(folder, path)))


class ConvertedElsewhere(Page):
    """A generated page outside the navigation whose HTML comes from the second process.

    MkDocs reads its stand-in (the metadata) but does not convert it, not even the title line:
    a Markdown converter costs about a millisecond to set up, for each page. Its title, like
    its content, is put in place just before the page is built; a page outside the
    navigation shows its title nowhere else (MkDocs accepts such subclasses in ``File.page``).
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content, self.toc = "", TableOfContents([])  # what plugins expect after render


def put_in_place(converted: ConvertedPage, page: Page, files: Files) -> None:
    """Give ``page`` (read from its stand-in) what the second process converted."""
    if isinstance(page, ConvertedElsewhere):
        page.title = converted.title
    page.content = converted.html
    page.toc = converted.toc
    page.present_anchor_ids = converted.anchors
    if converted.links_to_anchors is not None:
        page.links_to_anchors = {}
        for uri, found in converted.links_to_anchors.items():
            target = files.get_file_from_path(uri)
            if target is not None:
                page.links_to_anchors[target] = found
    for name, level, message in converted.messages:
        logging.getLogger(name).log(level, "%s", message)
