"""RIS export, for reference managers."""

from __future__ import annotations

from collections.abc import Iterable

from ...model.citation_keys import citation_key
from ...records.loading import Sourced
from ...records.schema import EntryType, Paper

_RIS_TYPES = {
    EntryType.ARTICLE: "JOUR",
    EntryType.INPROCEEDINGS: "CPAPER",
    EntryType.INCOLLECTION: "CHAP",
    EntryType.BOOK: "BOOK",
    EntryType.TECHREPORT: "RPRT",
    EntryType.MISC: "GEN",
    EntryType.PHDTHESIS: "THES",
    EntryType.MASTERSTHESIS: "THES",
    EntryType.UNPUBLISHED: "UNPB",
    EntryType.ONLINE: "ELEC",
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
