"""BibTeX export, written with bibtexparser: imports back to the same records."""

from __future__ import annotations

import re
from collections.abc import Iterable

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from ...model.citation_keys import citation_key
from ...records.loading import Sourced
from ...records.schema import Paper, venue_field
from ..memo import fingerprint, remembered

_LATEX_SPECIAL = {"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_"}
_NEEDS_PROTECTION = re.compile(r"\S*[A-Z]\S*")


def bibtex_text(text: str) -> str:
    """Text made safe for a braced BibTeX value."""
    return _latex(text)


def _latex(text: str) -> str:
    """Braces are escaped so that they stay balanced whatever the text holds; a backslash that
    would escape one of them, another backslash or the closing brace of the value is written
    as \\textbackslash{}. Other backslashes (LaTeX commands such as \\alpha) are kept."""
    out = []
    for position, char in enumerate(text):
        following = text[position + 1 : position + 2]
        if char == "\\" and (following in ("", "{", "}", "\\") or following.isspace()):
            out.append(r"\textbackslash{}")
        elif char in "{}":
            out.append("\\" + char)
        else:
            out.append(_LATEX_SPECIAL.get(char, char))
    return "".join(out)


def _protect_title(title: str) -> str:
    """Brace words with capitals after the first word so styles keep their case."""
    words = title.split(" ")
    protected = [
        f"{{{_latex(w)}}}"
        if (i > 0 or any(c.isupper() for c in w[1:])) and _NEEDS_PROTECTION.fullmatch(w)
        else _latex(w)
        for i, w in enumerate(words)
    ]
    return " ".join(protected)


def _bibtex_names(paper: Paper) -> str:
    names = []
    for author in paper.authors:
        if author.name is not None:
            names.append(f"{{{_latex(author.name)}}}")
        elif author.given:
            names.append(f"{_latex(author.family or '')}, {_latex(author.given)}")
        else:
            names.append(_latex(author.family or ""))
    if paper.more_authors:
        names.append("others")
    return " and ".join(names)


def bibtex_entry(paper: Sourced[Paper]) -> Entry:
    record = paper.record
    fields: list[tuple[str, str]] = []
    if record.authors:
        fields.append(("author", _bibtex_names(record)))
    fields.append(("title", _protect_title(record.title)))
    fields.append(("year", str(record.year)))
    if record.month:
        fields.append(("month", str(record.month)))
    if record.venue:
        fields.append((venue_field(record.type), _latex(record.venue)))
    for name in ("publisher", "volume"):
        value = getattr(record, name)
        if value:
            fields.append((name, _latex(value)))
    if record.pages:
        fields.append(("pages", _latex(record.pages.replace("–", "--"))))
    if record.arxiv:
        fields += [("eprint", record.arxiv), ("archivePrefix", "arXiv")]
    if record.doi:
        fields.append(("doi", record.doi))
    if record.url:
        fields.append(("url", record.url))
    if record.code:
        fields.append(("code", record.code))
    if record.short_name:
        fields.append(("shortname", _latex(record.short_name)))
    for name, value in record.bibtex_extra.items():
        if name not in {"entrytype"}:
            fields.append((name, _latex(value)))
    entry_type = record.bibtex_extra.get("entrytype", record.type.value)
    return Entry(entry_type, citation_key(paper), [Field(k, v) for k, v in fields])


def entry_bibtex(paper: Sourced[Paper]) -> str:
    """One paper's BibTeX entry, written once while its record is unchanged.

    Every download that holds the paper (its own, its topics', the whole survey's) joins
    these texts, so each entry is written by bibtexparser once per change, not once per file.
    """
    key = fingerprint([paper.id, paper.record.model_dump(mode="json")])
    return remembered(
        "paper-bibtex",
        key,
        lambda: bibtexparser.write_string(Library([bibtex_entry(paper)])),
        keep=100_000,
        persist=True,
    )


def to_bibtex(papers: Iterable[Sourced[Paper]]) -> str:
    """A .bib file of ``papers`` (in the order given), as bibtexparser writes a library."""
    return "\n\n".join(entry_bibtex(paper) for paper in papers)
