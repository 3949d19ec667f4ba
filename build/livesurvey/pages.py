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


DIMENSIONS_INDEX = "dimensions/index.md"
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
    """One generated Markdown page."""

    uri: str
    """Path of the page's source, relative to the docs folder, e.g. 'papers/x.md'."""
    content: str
    """The Markdown text."""
    record_path: str | None
    """The YAML file the page is built from, relative to the data folder."""
