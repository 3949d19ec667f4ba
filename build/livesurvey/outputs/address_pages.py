"""What old addresses show: redirect pages, and notes where a moved anchor used to be.

The plan comes from :mod:`livesurvey.outputs.addresses`; tombstones are Markdown pages
(``tombstone.md.j2``) rendered with the others. Every value from the records is escaped
for HTML here, since these fragments are raw HTML that Markdown passes through.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable

from ..core.text import url_fragment
from .addresses import MovedAnchor, Redirect
from .uris import html_link, site_path

SCRIPT = "assets/moved-anchors.js"
"""The project's script that sends readers on from a moved anchor (docs/assets/)."""


def redirect_uri(page_uri: str) -> str:
    """The file that stands at a page's address: 'papers/x.md' -> 'papers/x/index.html'."""
    return site_path(page_uri) + "index.html"


def _href(from_uri: str, target: str, fragment: str | None = None) -> str:
    return html_link(from_uri, target) + ("#" + url_fragment(fragment) if fragment else "")


def redirect_page(
    redirect: Redirect, moved: Iterable[MovedAnchor], site_url: str, noun: str
) -> str:
    """A page that sends readers from an old address to the successor's page.

    It works without script: a canonical link, a meta refresh and a visible link. The
    project's script, when it runs, keeps the fragment and follows moved anchors.
    """
    target = _href(redirect.uri, redirect.target)
    canonical = site_url.rstrip("/") + "/" + site_path(redirect.target) if site_url else target
    anchors = {
        item.anchor: _href(redirect.uri, item.target, item.fragment)
        for item in moved
        if item.target is not None
    }
    root = "../" * site_path(redirect.uri).count("/")
    entry = redirect.entry
    e = html.escape
    return (
        "<!doctype html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>Moved: {e(entry.title)}</title>\n"
        f'<link rel="canonical" href="{e(canonical)}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<script src="{root}{SCRIPT}" data-redirect="{e(target)}" '
        f'data-moved="{e(json.dumps(anchors, sort_keys=True))}"></script>\n'
        f'<meta http-equiv="refresh" content="0; url={e(target)}">\n'
        "</head>\n"
        "<body>\n"
        f"<p>The {e(noun)} &ldquo;{e(entry.title)}&rdquo; was {e(entry.fate.value)}: it is now at "
        f'<a href="{e(target)}">/{e(site_path(redirect.target))}</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )


def moved_notes(page_uri: str, moved: Iterable[MovedAnchor]) -> str:
    """Raw HTML for the end of a page: one note per anchor that used to be on it.

    A note carries the old anchor as its id, so a reader without script lands on it and sees
    where to go; the project's script follows its link at once.
    """
    notes = []
    for item in moved:
        anchor = html.escape(item.anchor)
        if item.target is None and item.retired is not None:
            entry = item.retired
            notes.append(
                f'<p class="survey-moved" id="{anchor}">The {html.escape(item.noun)} '
                f"&ldquo;{html.escape(entry.title)}&rdquo; (<code>{anchor}</code>) was retired "
                f"on {entry.date.isoformat()}: {html.escape(entry.reason)}</p>"
            )
        elif item.target is not None:
            href = html.escape(_href(page_uri, item.target, item.fragment))
            shown = "/" + site_path(item.target) + ("#" + item.fragment if item.fragment else "")
            fate = "was retired; see" if item.retired is not None else "is now at"
            notes.append(
                f'<p class="survey-moved" id="{anchor}">The {html.escape(item.noun)} '
                f'<code>{anchor}</code> {fate} <a data-moved-from="{anchor}" '
                f'href="{href}">{html.escape(shown)}</a>.</p>'
            )
    if not notes:
        return ""
    return (
        '\n\n<div class="survey-moved-anchors">\n<p>Older links into this page lead on:</p>\n'
        + "\n".join(notes)
        + "\n</div>\n"
    )
