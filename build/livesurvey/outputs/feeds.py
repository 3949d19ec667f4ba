"""Atom 1.0 feeds of what's new: the whole survey's and one per topic.

Every value from a record is XML-escaped (text and attributes); every link is absolute,
built from the site's address, which survey.yaml must give (``site_url`` is required:
a feed without absolute addresses is not valid Atom). Dates are the days changes
landed, at midnight UTC, so the same history gives the same feed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from ..model.history import Event
from .uris import site_path

MAX_ENTRIES = 50
"""Newest events a feed holds (readers only need the recent ones)."""


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _tag(site_url: str, started: dt.date, name: str) -> str:
    """A permanent, unique Atom id (RFC 4151 tag URI) from the site's host."""
    host = urlsplit(site_url).hostname or "localhost"
    path = urlsplit(site_url).path.strip("/")
    return f"tag:{host},{started.isoformat()}:{path + '/' if path else ''}{name}"


def atom_feed(
    *,
    title: str,
    site_url: str,
    feed_uri: str,
    page_uri: str,
    authors: Sequence[str],
    started: dt.date,
    events: Sequence[Event],
    describe: Callable[[Event], tuple[str, str, str]],
) -> str:
    """An Atom document of ``events`` (newest first).

    ``describe`` gives, for one event, its entry title, the URI of the page it concerns
    (e.g. 'papers/x.md') and a one-line summary in plain text.
    """
    root = site_url.rstrip("/") + "/"
    entries = list(events)[:MAX_ENTRIES]
    updated = _stamp(entries[0].day if entries else started)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>{escape(_tag(root, started, site_path(feed_uri)))}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(root + feed_uri)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(root + site_path(page_uri))}/>',
    ]
    lines += [f"  <author><name>{escape(name)}</name></author>" for name in authors]
    for event in entries:
        entry_title, target, summary = describe(event)
        lines += [
            "  <entry>",
            f"    <id>{escape(_tag(root, started, event.slug))}</id>",
            f"    <title>{escape(entry_title)}</title>",
            f"    <updated>{_stamp(event.day)}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(root + site_path(target))}'
            "/>",
            f'    <summary type="text">{escape(summary)}</summary>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
