"""What the engine produces: generated files, each with the record it comes from."""

from __future__ import annotations

from dataclasses import dataclass


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
    """Generated page URIs that a hand-written page already occupies."""
    return sorted(uri for uri in generated if uri in hand_written)
