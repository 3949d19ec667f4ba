"""Machine-readable exports: BibTeX, CSL-JSON, RIS and the whole survey as JSON.

Everything here is a pure function of the linked index; the same records give
byte-identical files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field
from pydantic import BaseModel, ConfigDict

from .link import SurveyIndex
from .load import Sourced
from .schema import (
    Directions,
    EntryType,
    Finding,
    Paper,
    SurveyMeta,
    Taxonomy,
    TrainingMethods,
    Vocabulary,
)

_LATEX_SPECIAL = {"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_"}
_NEEDS_PROTECTION = re.compile(r"\S*[A-Z]\S*")


def citation_key(paper: Sourced[Paper]) -> str:
    """The key authors cite: the curated key, or the record id."""
    return paper.record.key or paper.id


# --- BibTeX ------------------------------------------------------------------------------


def bibtex_text(text: str) -> str:
    """Text made safe for a braced BibTeX value."""
    return _latex(text)


def _latex(text: str) -> str:
    out = "".join(_LATEX_SPECIAL.get(c, c) for c in text)
    # Keep braces balanced whatever the text holds.
    return out.replace("{", r"\{").replace("}", r"\}")


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
        venue_field = "journal" if record.type is EntryType.ARTICLE else "booktitle"
        if record.type is EntryType.MISC:
            venue_field = "howpublished"
        fields.append((venue_field, _latex(record.venue)))
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


def to_bibtex(papers: Iterable[Sourced[Paper]]) -> str:
    """A .bib file of ``papers`` (in the order given)."""
    library = Library([bibtex_entry(p) for p in papers])
    return bibtexparser.write_string(library)


# --- CSL-JSON -----------------------------------------------------------------------------

_CSL_TYPES = {
    EntryType.ARTICLE: "article-journal",
    EntryType.INPROCEEDINGS: "paper-conference",
    EntryType.INCOLLECTION: "chapter",
    EntryType.BOOK: "book",
    EntryType.TECHREPORT: "report",
    EntryType.MISC: "article",
}


def csl_item(paper: Sourced[Paper]) -> dict[str, Any]:
    record = paper.record
    authors: list[dict[str, str]] = []
    for author in record.authors:
        if author.name is not None:
            authors.append({"literal": author.name})
        else:
            person = {"family": author.family or ""}
            if author.given:
                person["given"] = author.given
            authors.append(person)
    if record.more_authors:
        authors.append({"literal": "others"})
    item: dict[str, Any] = {
        "id": citation_key(paper),
        "type": _CSL_TYPES[record.type],
        "title": record.title,
        "issued": {"date-parts": [[record.year, record.month] if record.month else [record.year]]},
    }
    if authors:
        item["author"] = authors
    if record.venue:
        item["container-title"] = record.venue
    if record.publisher:
        item["publisher"] = record.publisher
    if record.volume:
        item["volume"] = record.volume
    if record.pages:
        item["page"] = record.pages
    if record.doi:
        item["DOI"] = record.doi
    if record.arxiv and not record.venue:
        item["publisher"] = "arXiv"
    url = record.url or (f"https://arxiv.org/abs/{record.arxiv}" if record.arxiv else None)
    if url:
        item["URL"] = url
    return item


def to_csl_json(papers: Iterable[Sourced[Paper]]) -> str:
    return json.dumps([csl_item(p) for p in papers], ensure_ascii=False, indent=2) + "\n"


# --- RIS ----------------------------------------------------------------------------------

_RIS_TYPES = {
    EntryType.ARTICLE: "JOUR",
    EntryType.INPROCEEDINGS: "CPAPER",
    EntryType.INCOLLECTION: "CHAP",
    EntryType.BOOK: "BOOK",
    EntryType.TECHREPORT: "RPRT",
    EntryType.MISC: "GEN",
}


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def ris_record(paper: Sourced[Paper]) -> str:
    record = paper.record
    lines = [_ris_line("TY", _RIS_TYPES[record.type]), _ris_line("ID", citation_key(paper))]
    for author in record.authors:
        if author.name is not None:
            lines.append(_ris_line("AU", author.name))
        else:
            lines.append(
                _ris_line(
                    "AU", f"{author.family}, {author.given}" if author.given else str(author.family)
                )
            )
    lines.append(_ris_line("TI", record.title))
    lines.append(_ris_line("PY", str(record.year)))
    if record.month:
        lines.append(_ris_line("DA", f"{record.year}/{record.month:02d}"))
    if record.venue:
        lines.append(_ris_line("T2", record.venue))
    if record.publisher:
        lines.append(_ris_line("PB", record.publisher))
    if record.volume:
        lines.append(_ris_line("VL", record.volume))
    if record.pages:
        start, _, end = record.pages.replace("–", "-").partition("-")
        lines.append(_ris_line("SP", start))
        if end:
            lines.append(_ris_line("EP", end))
    if record.doi:
        lines.append(_ris_line("DO", record.doi))
    if record.arxiv:
        lines.append(_ris_line("UR", f"https://arxiv.org/abs/{record.arxiv}"))
    elif record.url:
        lines.append(_ris_line("UR", record.url))
    lines.append("ER  - ")
    return "\n".join(lines)


def to_ris(papers: Iterable[Sourced[Paper]]) -> str:
    return "\n\n".join(ris_record(p) for p in papers) + "\n"


# --- the whole survey as JSON -----------------------------------------------------------------


class SurveyExport(BaseModel):
    """The whole survey in one JSON document: every record, keyed by id."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    survey: SurveyMeta
    """The living survey's metadata."""
    taxonomy: Taxonomy
    """Dimensions, topics and research questions."""
    vocabularies: dict[str, Vocabulary]
    """Controlled vocabularies by id."""
    papers: dict[str, Paper]
    """Paper records by id."""
    findings: dict[str, Finding]
    """Finding records by id."""
    training_methods: TrainingMethods | None = None
    """Training methods, grouped."""
    directions: Directions | None = None
    """Open research directions."""


def to_survey_json(index: SurveyIndex) -> str:
    groups = index.training_method_groups
    training = TrainingMethods(groups=groups) if groups else None
    directions = Directions(directions=index.directions) if index.directions else None
    export = SurveyExport(
        survey=index.meta.record,
        taxonomy=index.taxonomy.record,
        vocabularies={k: v.record for k, v in sorted(index.vocabularies.items())},
        papers={k: v.record for k, v in sorted(index.papers.items())},
        findings={k: v.record for k, v in sorted(index.findings.items())},
        training_methods=training,
        directions=directions,
    )
    return export.model_dump_json(indent=2, exclude_none=True) + "\n"


def survey_json_schema() -> str:
    schema = SurveyExport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Living survey export"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
