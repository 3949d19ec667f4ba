"""Where each generated page lives: URIs are built from ids, never from titles."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


def dimension_uri(dimension_id: str) -> str:
    return f"dimensions/{dimension_id}/index.md"


def topic_uri(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def finding_uri(finding_id: str) -> str:
    return f"findings/{finding_id}.md"


def paper_uri(paper_id: str) -> str:
    return f"papers/{paper_id}.md"


def term_uri(vocabulary_id: str, term_id: str) -> str:
    return f"{vocabulary_id}/{term_id}.md"


def vocabulary_uri(vocabulary_id: str) -> str:
    return f"{vocabulary_id}/index.md"


def training_method_uri(method_id: str) -> str:
    return f"training-methods/{method_id}.md"


def direction_uri(direction_id: str) -> str:
    return f"directions/{direction_id}.md"


def comparison_uri(comparison_id: str) -> str:
    return f"comparisons/{comparison_id}.md"


def paper_bibtex_uri(paper_id: str) -> str:
    return f"papers/{paper_id}.bib"


def topic_bibtex_uri(topic_id: str) -> str:
    return f"topics/{topic_id}.bib"


def site_path(uri: str) -> str:
    """The published path of a page with directory URLs: 'papers/x.md' -> 'papers/x/'."""
    if not uri.endswith(".md"):
        return uri
    stem = uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def html_link(from_uri: str, to_uri: str) -> str:
    """A link target usable in raw HTML (which MkDocs does not rewrite)."""
    here = site_path(from_uri)
    depth = here.count("/")
    return "../" * depth + site_path(to_uri)


DIMENSIONS_INDEX = "dimensions/index.md"
BIBLIOGRAPHY = "bibliography/index.md"
COMPARISONS_INDEX = "comparisons/index.md"
STATISTICS = "statistics/index.md"
DOWNLOADS = {
    "bibtex": "bibliography/survey.bib",
    "csl": "bibliography/survey.csl.json",
    "ris": "bibliography/survey.ris",
    "json": "bibliography/survey.json",
    "schema": "bibliography/survey.schema.json",
}
TRAINING_METHODS_INDEX = "training-methods/index.md"
DIRECTIONS_INDEX = "directions/index.md"
PAPERS_INDEX = "papers/index.md"
FINDINGS_INDEX = "findings/index.md"


def relative_link(from_uri: str, to_uri: str) -> str:
    """A Markdown link target from one page's source file to another's."""
    if from_uri == to_uri:
        return posixpath.basename(to_uri)
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


@dataclass(frozen=True)
class GeneratedPage:
    """One generated file: a Markdown page, or a data file such as a .bib download."""

    uri: str
    """Path relative to the docs folder, e.g. 'papers/x.md' or 'papers/x.bib'."""
    content: str
    """The file's text."""
    record_path: str | None
    """The YAML file the page is built from, relative to the data folder."""

    @property
    def is_markdown(self) -> bool:
        return self.uri.endswith(".md")
