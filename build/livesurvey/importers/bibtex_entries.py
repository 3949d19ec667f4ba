"""BibTeX entries turned into the fields of paper records (no file is written here).

Parsing is bibtexparser's; this module maps parsed entries onto the
``Paper`` schema: LaTeX to Unicode, names split into family and given parts,
arXiv ids and DOIs normalised, and every field without a place in the schema
kept in ``bibtex_extra`` (and reported) rather than dropped.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import DuplicateBlockKeyBlock, Entry
from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import LatexWalker, get_default_latex_context_db

from ..core.problems import Location, ProblemLog, Severity
from ..records.identifiers import ARXIV_VERSION, arxiv_month, is_arxiv_id, slug_problem
from ..records.schema import EntryType, venue_field

_LATEX = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
_LATEX_MACROS = get_default_latex_context_db()
"""The parser's macro table, built once (pylatexenc builds it again for every value)."""
_NEEDS_LATEX = re.compile(r"[\\{}$~%&^_#]|--|``|''|[!?]`")
"""What the LaTeX decoder would change; a value without any of it is already plain text."""
_NEEDS_MORE_THAN_BRACES = re.compile(r"[\\$~%&^_#]|--|``|''|[!?]`")
"""What the decoder would change apart from groups in braces, which it only removes."""
_ARXIV_URL = re.compile(r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/([^?#]+?)(?:\.pdf)?/?$")
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
_LATEX_ESCAPED = re.compile(r"\\([_%&#$])")
"""'\\_' in a DOI: BibTeX files escape LaTeX's special characters even in identifiers."""


def _bare_doi(value: object) -> str:
    return _LATEX_ESCAPED.sub(r"\1", _DOI_PREFIX.sub("", str(value).strip()))


# BibTeX fields with a place in the schema; everything else goes to bibtex_extra.
_MAPPED = {
    "author",
    "title",
    "year",
    "month",
    "publisher",
    "volume",
    "pages",
    "eprint",
    "archiveprefix",
    "primaryclass",
    "doi",
    "url",
    "code",
    "shortname",
    "survey_label",
}
_TYPE_ALIASES = {"conference": "inproceedings", "mastersthesis": "mastersthesis", "www": "online"}
_VENUES = ("journal", "booktitle", "howpublished", "school", "institution")
"""Fields that can name a venue: the one the entry type uses is the record's venue, the others
are kept in bibtex_extra."""
_NEVER_KEPT = {"abstract"}
"""BibTeX fields never stored or published: an abstract is the authors' text."""
_PREPRINT_SERVER = re.compile(r"^(?:arxiv|corr|biorxiv|medrxiv)\b", re.IGNORECASE)

_MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


@dataclass
class ImportedEntry:
    """One BibTeX entry turned into paper-record fields."""

    key: str
    record_id: str
    line: int
    fields: dict[str, Any]


@dataclass
class ParsedBibliography:
    entries: list[ImportedEntry] = field(default_factory=list)
    refused: int = 0
    """Entries not imported (each reported with its line and reason)."""
    extra_fields: dict[str, list[int]] = field(default_factory=dict)
    """Lines of the entries holding each field the schema has no place for."""


def record_id_for_key(key: str) -> str | None:
    """A URL-safe, stable record id derived from a citation key, or ``None`` if there is none.

    ``yue2025reinforcement`` stays as it is; ``Müller:2026abc`` becomes ``muller-2026abc``
    (accents are folded). A key with letters outside the Latin alphabet, or with nothing
    to keep, gives no id. Two keys that derive the same id are reported by the caller.
    """
    try:
        text = _latex_to_text(key)
    except LatexError:
        return None
    decomposed = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    if not folded.isascii():
        return None
    return _SLUG_CHARS.sub("-", folded).strip("-") or None


def parse_bibliography(
    text: str, path: str, log: ProblemLog, *, added: dt.date, check_ids: bool = True
) -> ParsedBibliography:
    """Parse ``text`` and convert each entry; problems (with .bib lines) go to ``log``.

    Without ``check_ids`` the ids derived from keys are not judged (the caller names the
    record itself, as ``new paper --id`` does).
    """
    # bibtexparser logs each failed block itself; we report them with file and line instead.
    splitter_log = logging.getLogger("bibtexparser.splitter")
    level = splitter_log.level
    splitter_log.setLevel(logging.CRITICAL)
    try:
        library = bibtexparser.parse_string(text)
    finally:
        splitter_log.setLevel(level)
    _report_failed_blocks(library, path, log)
    result = ParsedBibliography()
    ids: dict[str, str] = {}
    for entry in library.entries:
        line = _line(entry.start_line)
        record_id = record_id_for_key(entry.key)
        unusable = _unusable_id(entry.key, record_id, check_ids)
        if record_id is None or unusable:
            log.add(Location(path, line), unusable, code="bad-key")
            result.refused += 1
            continue
        if record_id in ids:
            log.add(
                Location(path, line),
                f"key '{entry.key}' gives the record id '{record_id}', as key '{ids[record_id]}' "
                "does; rename one of the keys",
                code="id-collision",
            )
            result.refused += 1
            continue
        ids[record_id] = entry.key
        try:
            fields = _entry_fields(entry, path, log, added, result.extra_fields)
        except LatexError as error:
            log.add(
                Location(path, line),
                f"entry '{entry.key}': {error}; simplify the LaTeX markup in this entry",
                code="bibtex-latex",
            )
            result.refused += 1
            continue
        if fields is None:
            result.refused += 1
        else:
            result.entries.append(ImportedEntry(entry.key, record_id, line, fields))
    result.refused += len(library.failed_blocks)
    for name, lines in sorted(result.extra_fields.items()):
        count = f"{len(lines)} entries" if len(lines) > 1 else "1 entry"
        log.add(
            Location(path, lines[0]),
            f"field '{name}' ({count}, the first here) has no place in the paper schema; kept in "
            "bibtex_extra and shown on the paper page",
            code="bibtex-extra-field",
            severity=Severity.WARNING,
        )
    return result


def _unusable_id(key: str, record_id: str | None, check_ids: bool) -> str:
    """Why the record id derived from ``key`` cannot be used ('' when it can)."""
    if record_id is None:
        return (
            f"key '{key}' gives no usable record id (ids use the letters a-z, digits and "
            "hyphens); give the entry a key in Latin letters, e.g. 'author2026word'"
        )
    problem = slug_problem(record_id) if check_ids else None
    if problem:
        return (
            f"key '{key}' gives the record id '{record_id}', which cannot be used: {problem}; "
            "give the entry another key"
        )
    return ""


def _report_failed_blocks(library: Library, path: str, log: ProblemLog) -> None:
    for block in library.failed_blocks:
        line = _line(block.start_line)
        if isinstance(block, DuplicateBlockKeyBlock):
            message = (
                f"duplicate entry key '{block.key}'; each entry needs its own key "
                "(the later entry was not imported)"
            )
        else:
            details = str(getattr(block, "error", "") or "").strip().splitlines()
            reason = details[-1].strip() if details else "syntax error"
            message = f"cannot parse this entry: {reason}; check for an unclosed brace or quote"
        log.add(Location(path, line), message, code="bibtex-syntax")


def _entry_fields(
    entry: Entry, path: str, log: ProblemLog, added: dt.date, extra_fields: dict[str, list[int]]
) -> dict[str, Any] | None:
    raw = {f.key.lower(): f for f in entry.fields}
    line = _line(entry.start_line)

    def at(name: str) -> Location:
        found = raw.get(name)
        return Location(path, _line(found.start_line) if found else line)

    undefined = [
        (name, str(f.value))
        for name, f in raw.items()
        if getattr(f, "enclosing", None) == "no-enclosing"
        and not str(f.value).isdigit()
        and str(f.value).lower()[:3] not in _MONTHS
    ]
    for name, macro in undefined:
        if "#" in macro:
            message = (
                f"field '{name}' of '{entry.key}' joins values with '#' ({macro}), which the "
                "importer does not resolve; write the whole value in braces"
            )
        else:
            message = (
                f"field '{name}' of '{entry.key}' uses the @string macro '{macro}', which is "
                "not defined; define it with @string or write the value in braces"
            )
        log.add(at(name), message, code="bibtex-string")
    if undefined:
        return None
    missing = [name for name in ("title", "author", "year") if name not in raw]
    if "crossref" in raw:
        log.add(
            at("crossref"),
            f"entry '{entry.key}' uses crossref, which the importer does not follow; "
            "copy the parent's fields (booktitle, year, ...) into the entry",
            code="bibtex-crossref",
        )
        return None
    if missing:
        log.add(
            Location(path, line),
            f"entry '{entry.key}' lacks {', '.join(missing)}; "
            "every paper needs title, author and year",
            code="bibtex-missing",
        )
        return None
    fields: dict[str, Any] = {}
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", entry.key):
        fields["key"] = entry.key
    entry_type = _TYPE_ALIASES.get(entry.entry_type.lower(), entry.entry_type.lower())
    if entry_type in {t.value for t in EntryType} and entry_type != EntryType.MISC.value:
        fields["type"] = entry_type
    elif entry_type not in {t.value for t in EntryType}:
        log.add(
            Location(path, line),
            f"entry type '@{entry_type}' is imported as @misc; its type is kept in bibtex_extra",
            code="bibtex-type",
            severity=Severity.WARNING,
        )
    fields["title"] = _latex_to_text(str(raw["title"].value))
    authors, more = _authors(str(raw["author"].value))
    fields["authors"] = authors
    if more:
        fields["more_authors"] = True
    year_text = str(raw["year"].value).strip()
    if not year_text.isdigit():
        log.add(at("year"), f"year '{year_text}' is not a number", code="bibtex-value")
        return None
    fields["year"] = int(year_text)
    if "month" in raw:
        month = _month(str(raw["month"].value))
        if month is None:
            log.add(
                at("month"),
                f"month '{raw['month'].value}' of '{entry.key}' is not a month; the month is "
                "left out (add it by hand if you know it)",
                code="bibtex-value",
                severity=Severity.WARNING,
            )
        else:
            fields["month"] = month
    preferred = venue_field(EntryType(fields.get("type", EntryType.MISC.value)))
    chosen = preferred if preferred in raw else next((n for n in _VENUES if n in raw), None)
    venue = raw[chosen] if chosen else None
    if venue is not None:
        venue_text = _latex_to_text(str(venue.value))
        if _PREPRINT_SERVER.match(venue_text):
            log.add(
                at(venue.key.lower()),
                f"'{venue_text}' of '{entry.key}' names a preprint server, not a venue; not kept "
                "as the venue (the arXiv id is kept)",
                code="bibtex-preprint-venue",
                severity=Severity.WARNING,
            )
        else:
            fields["venue"] = venue_text
    for source, target in (("publisher", "publisher"), ("volume", "volume"), ("pages", "pages")):
        if source in raw:
            fields[target] = _latex_to_text(str(raw[source].value)).replace("--", "–")
    arxiv = _arxiv_id(raw)
    if arxiv:
        fields["arxiv"] = arxiv
        released = arxiv_month(arxiv)
        if "month" not in fields and released and released[0] == fields["year"]:
            fields["month"] = released[1]
    if "doi" in raw:
        doi = _bare_doi(raw["doi"].value)
        if not _ARXIV_DOI.match(doi):
            fields["doi"] = doi
    if "url" in raw and not _ARXIV_URL.match(str(raw["url"].value).strip()):
        fields["url"] = str(raw["url"].value).strip()
    if "code" in raw:
        fields["code"] = str(raw["code"].value).strip()
    if "shortname" in raw:
        fields["short_name"] = _latex_to_text(str(raw["shortname"].value))
    if "survey_label" in raw:
        fields["survey_label"] = _latex_to_text(str(raw["survey_label"].value))
    if "abstract" in raw:
        log.add(
            at("abstract"),
            f"the abstract of '{entry.key}' is not kept: abstracts are the authors' text; write "
            "a one-line 'summary' in your own words instead",
            code="bibtex-abstract",
            severity=Severity.WARNING,
        )
    extra = {
        name: _latex_to_text(str(value.value))
        for name, value in raw.items()
        if name not in _MAPPED and name not in _NEVER_KEPT and name != chosen
    }
    if entry_type not in {t.value for t in EntryType}:
        extra["entrytype"] = entry_type
    if "archiveprefix" in raw and str(raw["archiveprefix"].value).lower() != "arxiv":
        extra["archiveprefix"] = str(raw["archiveprefix"].value)
        extra["eprint"] = str(raw["eprint"].value) if "eprint" in raw else ""
    if extra:
        fields["bibtex_extra"] = dict(sorted(extra.items()))
        for name in sorted(extra):
            extra_fields.setdefault(name, []).append(at(name).line)
    fields["added"] = added
    return fields


def _arxiv_id(raw: dict[str, Any]) -> str | None:
    candidates: list[str] = []
    prefix = str(raw["archiveprefix"].value).lower() if "archiveprefix" in raw else "arxiv"
    if "eprint" in raw and prefix == "arxiv":
        candidates.append(str(raw["eprint"].value))
    if "url" in raw:
        match = _ARXIV_URL.match(str(raw["url"].value).strip())
        if match:
            candidates.append(match.group(1))
    if "doi" in raw:
        match = _ARXIV_DOI.match(_bare_doi(raw["doi"].value))
        if match:
            candidates.append(match.group(1))
    for candidate in candidates:
        cleaned = re.sub(r"^arxiv:", "", candidate.strip(), flags=re.IGNORECASE)
        cleaned = ARXIV_VERSION.sub("", cleaned)
        if is_arxiv_id(cleaned):
            return cleaned
    return None


def _authors(value: str) -> tuple[list[dict[str, str]], bool]:
    people: list[dict[str, str]] = []
    more = False
    for raw_name in split_multiple_persons_names(value):
        name = raw_name.strip()
        if name.lower() == "others":
            more = True
            continue
        if name.startswith("{") and name.endswith("}") and _balanced(name[1:-1]):
            people.append({"name": _latex_to_text(name[1:-1])})
            continue
        parts = parse_single_name_into_parts(name)
        family = " ".join(parts.von + parts.last)
        given = " ".join(parts.first + parts.jr)
        person = {"family": _latex_to_text(family)}
        if given:
            person["given"] = _latex_to_text(given)
        people.append(person)
    return people, more


def _line(start_line: int | None) -> int:
    """bibtexparser counts lines from 0 (and may not know them); problems count from 1."""
    return (start_line or 0) + 1


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _month(value: str) -> int | None:
    """The month of 'jul', 'July', '7', 'jul--sep' (the first) or '07--09 Jul' (days of July)."""
    text = value.strip().lower()
    for word in re.findall(r"[a-z]{3,}", text):
        if word[:3] in _MONTHS:
            return _MONTHS[word[:3]]
    number = re.match(r"\d{1,2}\b", text)
    return int(number.group()) if number and 1 <= int(number.group()) <= 12 else None


class LatexError(ValueError):
    """LaTeX in a field that the decoder cannot read."""


_HREF = re.compile(r"\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}")
_BARE_PERCENT = re.compile(r"(?<!\\)%")


def _braces_balanced(value: str) -> bool:
    depth = 0
    for char in value:
        depth += 1 if char == "{" else -1 if char == "}" else 0
        if depth < 0:
            return False
    return depth == 0


@lru_cache(maxsize=65_536)
def _latex_to_text(value: str) -> str:
    """Unicode text for a BibTeX value written in LaTeX.

    A bare ``%`` is a percent sign in BibTeX, not a LaTeX comment, and ``\\href{url}{text}``
    keeps its text. Input the decoder cannot read raises :class:`LatexError`.
    """
    if not _NEEDS_LATEX.search(value):
        return re.sub(r"\s+", " ", value).strip()
    if not _NEEDS_MORE_THAN_BRACES.search(value) and _braces_balanced(value):
        # "On {LLM}s": braces only keep a word's case; the text is the value without them
        return re.sub(r"\s+", " ", value.replace("{", "").replace("}", "")).strip()
    prepared = _BARE_PERCENT.sub(r"\\%", _HREF.sub(r"\1", value))
    try:
        nodes = LatexWalker(prepared, latex_context=_LATEX_MACROS).get_latex_nodes()[0]
        text = _LATEX.nodelist_to_text(nodes)
    except Exception as error:  # pylatexenc raises many kinds of error on malformed input
        raise LatexError(f"its LaTeX cannot be read ({type(error).__name__})") from error
    return re.sub(r"\s+", " ", text).strip()
