"""What the engine produces: generated files, each with the record it comes from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .uris import site_path


@dataclass(frozen=True)
class GeneratedPage:
    """One generated file: a Markdown page, or a data file such as a .bib download."""

    uri: str
    """Path relative to the docs folder, e.g. 'papers/x.md' or 'papers/x.bib'."""
    content: str
    """The file's text."""
    record_path: str | None
    """The YAML file the page is built from, relative to the data folder."""
    listed: bool = False
    """An index page, which belongs in the site's navigation (record pages do not)."""

    @property
    def is_markdown(self) -> bool:
        return self.uri.endswith(".md")


def find_collisions(generated: list[str], hand_written: set[str]) -> list[str]:
    """Generated files that would be published where a hand-written page already is.

    Compared by published address: a generated 'about/index.md' and a hand-written
    'about.md' are both '/about/'.
    """
    taken = {site_path(uri) for uri in hand_written}
    return sorted(uri for uri in generated if site_path(uri) in taken)


@dataclass(frozen=True)
class PlannedPage:
    """A generated file before it is written: its path and record, and the work that writes it."""

    uri: str
    record_path: str | None
    listed: bool
    write: Callable[[], str]
    """Writes the file's text (templates, formatted references, charts: the slow part)."""

    @classmethod
    def written(cls, uri: str, content: str, record_path: str | None) -> PlannedPage:
        """A file whose text is already known."""
        return cls(uri, record_path, False, partial(str, content))

    def generate(self) -> GeneratedPage:
        return GeneratedPage(self.uri, self.write(), self.record_path, self.listed)
