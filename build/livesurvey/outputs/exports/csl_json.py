"""CSL-JSON export: the input of citation processors and reference managers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ...model.citation_keys import citation_key
from ...records.loading import Sourced
from ...records.schema import EntryType, Paper

_CSL_TYPES = {
    EntryType.ARTICLE: "article-journal",
    EntryType.INPROCEEDINGS: "paper-conference",
    EntryType.INCOLLECTION: "chapter",
    EntryType.BOOK: "book",
    EntryType.TECHREPORT: "report",
    EntryType.MISC: "article",
    EntryType.PHDTHESIS: "thesis",
    EntryType.MASTERSTHESIS: "thesis",
    EntryType.UNPUBLISHED: "manuscript",
    EntryType.ONLINE: "webpage",
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
