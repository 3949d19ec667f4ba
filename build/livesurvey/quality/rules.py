"""Rules for judging one value, shared by the data-quality checks and the importers.

A problem is described the same way whether it is found in the records or in
incoming data (a BibTeX file, a curated list).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from ..records.identifiers import arxiv_month

SHORTENER_HOSTS = frozenset(
    {"bit.ly", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rb.gy", "shorturl.at"}
)
BADGE_HOSTS = frozenset({"img.shields.io", "shields.io", "badge.fury.io", "badgen.net"})
EXPIRING_HOSTS = frozenset({"anonymous.4open.science"})
ARTIFACT_HOSTS = frozenset({"huggingface.co"})
STANDARD_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def work_keys(title: str, arxiv: str | None, doi: str | None) -> list[tuple[str, str]]:
    """What identifies a work: its normalised title, its arXiv id and its DOI (case folded).

    Two records, or an entry and a record, that share any of these are the same work.
    """
    keys = [("title", normalise_title(title)), ("arxiv", (arxiv or "").lower())]
    keys.append(("doi", (doi or "").lower()))
    return [(kind, value) for kind, value in keys if value]


_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")
"""Everything but letters and digits of any script (re's \\w is str.isalnum() plus '_')."""


def normalise_title(title: str) -> str:
    """Letters and digits only, case and accents folded, any script: for comparing titles."""
    folded = unicodedata.normalize("NFKD", title.casefold())
    kept = _NOT_ALPHANUMERIC.sub("", folded)  # one pass in C: the common case
    if kept.isascii():
        return kept
    return "".join(c for c in kept if not unicodedata.combining(c))


def link_problem(url: str) -> str | None:
    """Why a link looks broken or suspicious, or ``None``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.scheme != "https":
        return f"link '{url}' is not https; use the https:// address"
    if host in SHORTENER_HOSTS:
        return f"link '{url}' goes through a URL shortener; link to the destination instead"
    if host in BADGE_HOSTS or "/badge" in parts.path.lower():
        return f"link '{url}' is a badge image, not the resource; link to the resource itself"
    if host in EXPIRING_HOSTS:
        return f"link '{url}' is an anonymous review copy that expires; link the public release"
    return None


def is_artifact_link(url: str) -> bool:
    """Links to released models or data sets rather than to source code."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.") in ARTIFACT_HOSTS


def month_form_problem(text: str) -> str | None:
    """Why a 'YYYY-MM' date is not in standard form, or ``None``."""
    match = STANDARD_MONTH.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return None
    return f"date '{text}' is not in the form YYYY-MM (e.g. '2025-09')"


def date_arxiv_problem(year: int, month: int | None, arxiv_id: str) -> str | None:
    """Why a stated date disagrees with the arXiv id's year and month, or ``None``."""
    encoded = arxiv_month(arxiv_id)
    if encoded is None:
        return None
    arxiv_year, arxiv_mon = encoded
    if month is not None and (year, month) != encoded:
        return (
            f"date {year}-{month:02d} disagrees with arXiv id {arxiv_id}, first submitted "
            f"{arxiv_year}-{arxiv_mon:02d}"
        )
    if month is None and year < arxiv_year:
        return f"year {year} is earlier than arXiv id {arxiv_id} ({arxiv_year}-{arxiv_mon:02d})"
    return None
