"""Paths and links between generated files: a page's source path, its URL, links between them.

Where each kind of page lives is declared in :mod:`livesurvey.outputs.page_kinds`;
this module only turns those paths into published URLs and relative links.
"""

from __future__ import annotations

import posixpath

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""The file endings MkDocs builds as pages."""


def is_page(uri: str) -> bool:
    """Whether MkDocs builds ``uri`` as a page (rather than copying it)."""
    return uri.endswith(MARKDOWN_SUFFIXES)


def site_path(uri: str) -> str:
    """The published path of a page with directory URLs: 'papers/x.md' -> 'papers/x/'."""
    if not is_page(uri):
        return uri
    stem = uri.rsplit(".", 1)[0]
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def html_link(from_uri: str, to_uri: str) -> str:
    """A link target usable in raw HTML (which MkDocs does not rewrite)."""
    here = site_path(from_uri)
    depth = here.count("/")
    return "../" * depth + site_path(to_uri)


def relative_link(from_uri: str, to_uri: str) -> str:
    """A Markdown link target from one page's source file to another's."""
    if from_uri == to_uri:
        return posixpath.basename(to_uri)
    # posixpath.relpath, on paths relative to the same root (it asks for the working
    # directory on every call, and this runs for every link of every page).
    here = from_uri.split("/")[:-1]
    there = to_uri.split("/")
    shared = 0
    while shared < len(here) and shared < len(there) - 1 and here[shared] == there[shared]:
        shared += 1
    return "/".join([".."] * (len(here) - shared) + there[shared:])
