"""MkDocs hooks: a thin adapter from MkDocs events to the livesurvey engine.

All logic lives in the engine, which never imports MkDocs. Here we only:
load once per build (on_config), add the generated pages (on_files), point
their edit links at their YAML records (on_files), give each generated page
the HTML converted by the engine's second process (on_page_context, see
page_html.py), and watch the records while serving (on_serve). A build that
MkDocs reloads calls on_config again, so the state below always belongs to the
current build.
"""

from __future__ import annotations

import logging
import os
import posixpath
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from livesurvey import (
    CACHE_FOLDER,
    CitationExpander,
    GeneratedPages,
    check_survey,
    expand_nav,
    find_collisions,
    format_report,
    normalise_url,
    write_pages,
)
from livesurvey.core.collection import bring_back_what_was_set_aside, set_aside_what_lives
from livesurvey.outputs.background import RenderError
from livesurvey.outputs.code_blocks import prebuilt_html
from livesurvey.outputs.editions import current_edition
from livesurvey.outputs.html_blocks import FENCE
from livesurvey.outputs.page_kinds import SURVEY_FEED
from livesurvey.outputs.problem_notice import problem_notice, with_notice
from livesurvey.outputs.site_location import site_location
from livesurvey.pipeline import read_history
from livesurvey.records.parse_cache import caching_off
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from page_html import ConvertedElsewhere, ConvertedPage, ConvertInSecondProcess, put_in_place
from search_entries import MadeElsewhere

log = logging.getLogger("mkdocs.hooks.survey")

DATA_FOLDER = "survey_data"
TEMPLATE_OVERRIDES = "overrides/survey"

PREVIEW_VARIABLE = "LIVESURVEY_PREVIEW"
"""Set to 1 by 'dev.py serve': invalid records show in the browser instead of stopping."""

_pages: GeneratedPages | None = None
_files: Files | None = None
_conversions = Counter[str]()
"""Generated pages converted by the second process this build: 'converted' and 'reused'."""
_citations: CitationExpander | None = None
_notice = ""
_search = MadeElsewhere()
"""The search entries the second process made of the pages it converted."""


def _data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / DATA_FOLDER


def _require_html_fence(config: MkDocsConfig) -> None:
    """The engine writes its tables, lists and citations as HTML in ``survey-html`` blocks:
    without the fence that passes them through, each would show as its HTML source."""
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    if any(fence.get("format") is prebuilt_html and fence.get("name") == FENCE for fence in fences):
        return
    raise PluginError(
        f"{Path(config.config_file_path).name}: the survey's pages need the '{FENCE}' fence. "
        "Under markdown_extensions, give pymdownx.superfences this custom fence (as the "
        f"project's mkdocs.yml does):\n  custom_fences:\n    - name: {FENCE}\n"
        f"      class: {FENCE}\n"
        "      format: !!python/name:livesurvey.outputs.code_blocks.prebuilt_html"
    )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _pages, _citations, _notice
    _conversions.clear()
    _require_html_fence(config)
    bring_back_what_was_set_aside()  # the previous build's survey, when serving
    if _pages is not None:
        _pages.close()  # a rebuild: the previous build's writing is no longer wanted
    cache = Path(config.config_file_path).parent / CACHE_FOLDER
    index, problems = check_survey(_data_dir(config), Path(config.docs_dir), cache_dir=cache)
    _notice = ""
    if index is None and os.environ.get(PREVIEW_VARIABLE) == "1":
        # Previewing: show the problems in the browser instead of stopping the server.
        log.error("survey records are not valid:\n%s", format_report(problems))
        _notice = problem_notice(problems, DATA_FOLDER)
        _pages, _citations = None, None
        config.nav = expand_nav(config.nav, None)
        return config
    if index is None:
        raise PluginError(f"survey records are not valid:\n{format_report(problems)}")
    for problem in problems:  # only warnings are left; CI fails on them with 'check --strict'
        log.info("survey_data/%s", problem)
    location = site_location(index.meta.record, os.environ)
    edition = current_edition(index.meta.record.version, os.environ)
    # A frozen edition lives below the live site (mike's --deploy-prefix); only editions
    # show mike's version selector and, when outdated, Material's banner.
    config.site_url = edition.root(location.site_url) if edition.frozen else location.site_url
    if not edition.frozen:
        config.extra.pop("version", None)
    config.edit_uri = location.edit_uri() or ""
    config.extra["social"] = location.footer_links()
    config.extra["survey_feed"] = SURVEY_FEED.uri()
    read_history(index, _data_dir(config))
    overrides = Path(config.config_file_path).parent / TEMPLATE_OVERRIDES
    templates = [overrides] if overrides.is_dir() else []
    # Written by a second process while MkDocs builds (livesurvey.outputs.background).
    _pages = write_pages(
        index,
        template_dirs=templates,
        site_url=location.site_url,
        cache_dir=cache,
        edition=edition,
        finisher=ConvertInSecondProcess(config, None if caching_off() else cache / "pages"),
    )
    config.nav = expand_nav(config.nav, index)
    _citations = CitationExpander(index)
    index.forget_sources()  # checked, pages written (or being written by a copy of this process)
    set_aside_what_lives()  # the survey stays as it is while MkDocs builds
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files
    _files = files
    if _pages is None:
        return files
    try:
        entries = _pages.entries
    except RenderError as error:
        raise PluginError(str(error)) from None
    hand_written = {file.src_uri for file in files}
    collisions = find_collisions([page.uri for page in entries], hand_written)
    if collisions:
        raise PluginError(
            "generated pages would replace hand-written pages in docs/: "
            + ", ".join(collisions)
            + "; rename or move the hand-written pages"
        )
    data_dir = _data_dir(config)
    in_nav = _paths_in(config.nav)
    for page in entries:
        # Record pages are reached from index and topic pages, never from the navigation;
        # index pages keep the default, so MkDocs reports one that the nav forgets.
        inclusion = InclusionLevel.UNDEFINED if page.listed else InclusionLevel.NOT_IN_NAV
        file = _ArrivingFile.of(config, page.uri, _pages, inclusion)
        if page.is_markdown and page.record_path is not None:
            record = data_dir / page.record_path
            file.edit_uri = Path(os.path.relpath(record, config.docs_dir)).as_posix()
        if page.is_markdown and page.uri not in in_nav and _pages.finishes_elsewhere:
            ConvertedElsewhere(None, file, config)  # becomes file.page (after the edit link)
        files.append(file)
    return files


def _paths_in(nav: object) -> set[str]:
    """Every page path in the navigation (``config.nav``: lists, titled entries, paths)."""
    if isinstance(nav, str):
        return {posixpath.normpath(nav)}  # as MkDocs reads it ('./papers/x.md' is papers/x.md)
    if isinstance(nav, dict):
        nav = list(nav.values())
    if isinstance(nav, list):
        return set().union(*(_paths_in(item) for item in nav))
    return set()


class _ArrivingFile(File):
    """A generated file whose text is taken from the engine when MkDocs first reads it."""

    _text: str | bytes | None = None
    _source: tuple[str, GeneratedPages] | None = None

    @classmethod
    def of(
        cls, config: MkDocsConfig, uri: str, pages: GeneratedPages, inclusion: InclusionLevel
    ) -> File:
        file = cls.generated(config, uri, content="", inclusion=inclusion)
        assert isinstance(file, _ArrivingFile)
        file._source = (uri, pages)
        return file

    @property
    def _content(self) -> str | bytes | None:
        if self._source is not None:
            uri, pages = self._source
            self._source = None
            try:
                self._text = pages.content(uri)
            except RenderError as error:
                raise PluginError(str(error)) from None
        return self._text

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self._source = None
        self._text = value


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.edit_url:
        page.edit_url = normalise_url(page.edit_url)
    if page.file.generated_by is not None or _citations is None:
        return markdown
    project = Path(config.config_file_path).parent
    path = Path(os.path.relpath(Path(config.docs_dir) / page.file.src_uri, project)).as_posix()
    expanded, problems = _citations.expand(markdown, page.file.src_uri, path)
    if problems:
        raise PluginError("citations in hand-written pages:\n" + format_report(problems, path))
    return expanded


@event_priority(100)  # before the search plugin indexes the page's content
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if _pages is None or _files is None or not isinstance(page.file, _ArrivingFile):
        return context
    try:
        converted = _pages.finished(page.file.src_uri)
    except RenderError as error:
        raise PluginError(str(error)) from None
    if converted is not None:  # None: MkDocs converted the page itself
        assert isinstance(converted, ConvertedPage)
        put_in_place(converted, page, _files)
        if converted.search is not None:
            _search.give(page, converted.search)
        _conversions["reused" if converted.reused else "converted"] += 1
    return context


def on_pre_build(config: MkDocsConfig) -> None:
    _search.install(config)  # the search plugin has made this build's index (on_config)


def on_post_build(config: MkDocsConfig) -> None:
    if _pages is not None:
        try:
            _pages.wait()  # the second process keeps its conversions for the next build
        except RenderError as error:
            raise PluginError(str(error)) from None
    if _conversions:
        log.info(
            "generated pages: %d converted, %d reused from the previous build (.cache)",
            _conversions["converted"],
            _conversions["reused"],
        )


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return with_notice(output, _notice) if _notice else output


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
) -> LiveReloadServer:
    server.watch(str(_data_dir(config)))
    return server
