"""Navigation of the generated sections, as plain data in MkDocs' ``nav`` format.

A site's hand-written nav marks where generated sections go with a placeholder
item; :func:`expand_nav` replaces it. Per-record pages (papers, findings) never
enter the nav: every page renders the whole nav, so listing thousands of
records there makes the build quadratic. Readers reach them through index
pages, topic pages and search.

MkDocs and Material print navigation titles into HTML as they are, so every
title from a record is entity-escaped here (:func:`~livesurvey.core.text.html_text`).
"""

from __future__ import annotations

from typing import Any

from ..core.text import html_text
from ..model.index import SurveyIndex
from .page_kinds import DIMENSION, TOPIC

DIMENSIONS_PLACEHOLDER = "@dimensions"
"""A nav item written as this string becomes one section per dimension."""

NavItem = str | dict[str, Any]

MAX_NAV_TOPICS = 12
"""Topics listed under a dimension in the navigation. Every page carries the whole navigation,
so its length is paid on every page; a dimension with more topics is one link to its page,
which lists them all (a sidebar of dozens of topics under one heading helps nobody either)."""


def dimension_sections(index: SurveyIndex) -> list[NavItem]:
    """One section per dimension: its overview page, then its topics (see MAX_NAV_TOPICS)."""
    sections: list[NavItem] = []
    for dimension in index.dimensions:
        if len(dimension.topics) > MAX_NAV_TOPICS:
            sections.append({html_text(dimension.title): DIMENSION.uri(dimension.id)})
            continue
        children: list[NavItem] = [{"Overview": DIMENSION.uri(dimension.id)}]
        children.extend({html_text(topic.title): TOPIC.uri(topic.id)} for topic in dimension.topics)
        sections.append({html_text(dimension.title): children})
    return sections


def expand_nav(nav: list[NavItem] | None, index: SurveyIndex | None) -> list[NavItem] | None:
    """A copy of ``nav`` with every placeholder replaced by the generated sections.

    Without an index (records that do not load, while previewing) placeholders are dropped.
    """
    if nav is None:
        return None
    expanded: list[NavItem] = []
    for item in nav:
        if item == DIMENSIONS_PLACEHOLDER:
            expanded.extend(dimension_sections(index) if index is not None else [])
        elif isinstance(item, dict):
            expanded.append(
                {
                    title: expand_nav(value, index) if isinstance(value, list) else value
                    for title, value in item.items()
                }
            )
        else:
            expanded.append(item)
    return expanded
