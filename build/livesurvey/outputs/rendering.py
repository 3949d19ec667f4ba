"""Render the linked survey: every page and data file the page registry declares.

Rendering trusts the index: it never reads record files and never validates.
Every value printed into a template is escaped as Markdown text unless the
engine built it as :class:`~livesurvey.core.text.Trusted` Markdown (links).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment

from ..core.text import Trusted
from ..model.index import SurveyIndex
from ..model.labels import author_label, author_list
from . import page_kinds
from .exports.formats import FORMATS
from .generated import GeneratedPage
from .page_data import PageSpec, bibliography_papers
from .page_helpers import PageContext
from .page_kinds import PAGE_KINDS, PageKind
from .templating import make_environment


class Renderer:
    """Renders every page of a linked survey."""

    def __init__(
        self, index: SurveyIndex, environment: Environment, site_url: str | None = None
    ) -> None:
        self.index = index
        self.environment = environment
        self.site_url = site_url

    def render_all(self) -> list[GeneratedPage]:
        """Every page and data file of every page kind and export format, sorted by path."""
        result: list[GeneratedPage] = []
        for kind in PAGE_KINDS:
            for spec in kind.specs(self.index):
                result.append(self._generate(kind, spec))
        papers = bibliography_papers(self.index)
        for export in FORMATS:
            result.append(GeneratedPage(export.uri, export.write(self.index, papers), None))
        twice = sorted(uri for uri, n in Counter(page.uri for page in result).items() if n > 1)
        if twice:  # check_survey refuses the records that would do this (page_kinds.path_problems)
            raise RuntimeError(f"two generated files share a path: {', '.join(twice)}")
        return sorted(result, key=lambda page: page.uri)

    def _generate(self, kind: PageKind, spec: PageSpec) -> GeneratedPage:
        uri = kind.uri(**spec.parts)
        if kind.template is None:
            return GeneratedPage(uri, spec.values["content"], spec.record_path)
        listed = "{id}" not in kind.pattern
        text = self.environment.get_template(kind.template).render(
            page=PageContext(self.index, uri, self.site_url),
            index=self.index,
            survey=self.index.meta.record,
            author_list=author_list,
            author_label=author_label,
            label_of=lambda paper_id: self.index.labels[paper_id],
            Trusted=Trusted,
            kinds=page_kinds,
            **spec.values,
        )
        return GeneratedPage(uri, kind.front_matter() + text, spec.record_path, listed=listed)


def render_pages(
    index: SurveyIndex, *, template_dirs: Sequence[Path] = (), site_url: str | None = None
) -> list[GeneratedPage]:
    """Every generated page of the survey, sorted by URI (deterministic).

    ``site_url`` overrides survey.yaml's (see :mod:`livesurvey.outputs.site_location`).
    """
    return Renderer(index, make_environment(template_dirs), site_url).render_all()
