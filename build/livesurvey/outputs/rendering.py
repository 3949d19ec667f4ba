"""Render the linked survey: every page and data file the page registry declares.

Rendering trusts the index: it never reads record files and never validates.
Every value printed into a template is escaped as Markdown text unless the
engine built it as :class:`~livesurvey.core.text.Trusted` Markdown (links).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from jinja2 import Environment

from ..core.collection import collector_paused
from ..core.text import Trusted, inline_code
from ..model.index import SurveyIndex
from ..model.labels import author_label, author_list
from . import page_kinds
from .address_pages import moved_notes, redirect_page, redirect_uri
from .addresses import AddressPlan, MovedAnchor, address_plan, page_id_kinds
from .editions import Edition
from .exports.formats import FORMATS
from .generated import GeneratedPage, PlannedPage
from .memo import persisted
from .news import write_feed
from .page_data import FeedSpec, Later, PageSpec, bibliography_papers
from .page_helpers import PageContext
from .page_kinds import PAGE_KINDS, PageKind
from .templating import make_environment
from .uris import html_link, site_path

TOMBSTONE_TEMPLATE = "tombstone.md.j2"
"""The page at the address of a retired id."""
REGISTRY_PATH = "anchors.yaml"
"""The record behind redirects and tombstones (their 'edit' link)."""


class Renderer:
    """Renders every page of a linked survey."""

    def __init__(
        self,
        index: SurveyIndex,
        environment: Environment,
        site_url: str | None = None,
        edition: Edition | None = None,
    ) -> None:
        self.index = index
        self.environment = environment
        self.site_url = site_url or index.meta.record.site_url
        self.edition = edition or Edition(index.meta.record.version)

    def render_all(self) -> list[GeneratedPage]:
        """Every page and data file of every page kind and export format, sorted by path."""
        return [page.generate() for page in self.plan()]

    def plan(self) -> list[PlannedPage]:
        """Every page and data file, sorted by path, each with the work that writes it.

        Planning is quick (the data of each page); writing (templates, formatted references,
        charts) is the slow part, which :mod:`livesurvey.outputs.background` does in a second
        process while MkDocs works."""
        result: list[PlannedPage] = []
        for kind in PAGE_KINDS:
            for spec in kind.specs(self.index):
                result.append(self._plan(kind, spec))
        papers = bibliography_papers(self.index)
        for export in FORMATS:
            result.append(
                PlannedPage(export.uri, None, False, partial(export.write, self.index, papers))
            )
        result = self._old_addresses(result, address_plan(self.index))
        twice = sorted(uri for uri, n in Counter(page.uri for page in result).items() if n > 1)
        if twice:  # check_survey refuses the records that would do this (page_kinds.path_problems)
            raise RuntimeError(f"two generated files share a path: {', '.join(twice)}")
        return sorted(result, key=lambda page: page.uri)

    def _old_addresses(self, pages: list[PlannedPage], plan: AddressPlan) -> list[PlannedPage]:
        """Redirects and tombstones at the addresses of gone ids, and a note on each page
        where a moved anchor used to be (see :mod:`livesurvey.outputs.addresses`)."""
        if not (plan.redirects or plan.tombstones or plan.moved):
            return pages
        moved: dict[str, list[MovedAnchor]] = {}
        for item in plan.moved:
            moved.setdefault(site_path(item.page), []).append(item)
        nouns = {k.name: k.noun for k in page_id_kinds(self.index).values()}
        for redirect in plan.redirects:
            notes = moved.pop(site_path(redirect.uri), [])
            noun = nouns.get(redirect.entry.kind, redirect.entry.kind)
            site_url = self.site_url or self.index.meta.record.site_url
            content = redirect_page(redirect, notes, site_url, noun)
            pages.append(PlannedPage.written(redirect_uri(redirect.uri), content, REGISTRY_PATH))
        template = self.environment.get_template(TOMBSTONE_TEMPLATE)
        for stone in plan.tombstones:
            text = template.render(
                page=PageContext(self.index, stone.uri, self.site_url),
                survey=self.index.meta.record,
                entry=stone.entry,
                id_code=Trusted(inline_code(stone.entry.id)),  # a key holds no '|' or '`'
                noun=stone.noun,
                instead=stone.instead,
                index_uri=stone.index_uri,
            )
            pages.append(PlannedPage.written(stone.uri, text, REGISTRY_PATH))
        result = []
        for page in pages:
            notes = moved.get(site_path(page.uri), []) if page.uri.endswith(".md") else []
            if notes:
                page = replace(page, write=partial(_with_notes, page.write, page.uri, notes))
            result.append(page)
        return result

    def _plan(self, kind: PageKind, spec: PageSpec) -> PlannedPage:
        uri = kind.uri(**spec.parts)
        listed = kind.template is not None and "{id}" not in kind.pattern
        is_feed = isinstance(spec.values.get("feed"), FeedSpec) and kind.template is None
        record_path = None if is_feed else spec.record_path
        return PlannedPage(uri, record_path, listed, partial(self._write, kind, spec, uri))

    def _write(self, kind: PageKind, spec: PageSpec, uri: str) -> str:
        values = {k: v.work() if isinstance(v, Later) else v for k, v in spec.values.items()}
        if kind.template is None:
            feed = values.get("feed")
            if isinstance(feed, FeedSpec):
                return write_feed(self.index, self.site_url, uri, feed.title, feed.topic_id)
            content = values["content"]
            assert isinstance(content, str)
            return content
        page = PageContext(self.index, uri, self.site_url, self.edition, spec.record_path)
        text = self.environment.get_template(kind.template).render(
            page=page,
            index=self.index,
            survey=self.index.meta.record,
            author_list=author_list,
            author_label=author_label,
            label_of=lambda paper_id: self.index.labels[paper_id],
            Trusted=Trusted,
            kinds=page_kinds,
            **values,
        )
        text = text.rstrip("\n") + "\n\n" + page.edition_note() + "\n"
        feed = None
        if kind.name in page_kinds.PAGE_FEEDS:
            feed = html_link(uri, page_kinds.PAGE_FEEDS[kind.name].uri(**spec.parts))
        return kind.front_matter(feed) + text


def _with_notes(write: Callable[[], str], uri: str, notes: list[MovedAnchor]) -> str:
    return write() + moved_notes(uri, notes)


def render_pages(
    index: SurveyIndex,
    *,
    template_dirs: Sequence[Path] = (),
    site_url: str | None = None,
    cache_dir: Path | None = None,
    edition: Edition | None = None,
) -> list[GeneratedPage]:
    """Every generated page of the survey, sorted by URI (deterministic).

    ``site_url`` overrides survey.yaml's (see :mod:`livesurvey.outputs.site_location`);
    it is the live site's address also when ``edition`` is a frozen edition's build.
    With ``cache_dir``, results that depend only on a record (its formatted reference, its
    BibTeX) and the charts are reused from earlier builds (see :mod:`livesurvey.outputs.memo`).
    """
    with persisted(cache_dir), collector_paused():
        environment = make_environment(template_dirs)
        return Renderer(index, environment, site_url, edition).render_all()
