"""The engine's own blocks written as HTML, so that Python-Markdown does not parse them.

Python-Markdown converts text piece by piece, trying every inline pattern on every piece: for
our pages, made of tables and lists of links, that was most of the build. Those blocks are the
engine's own Markdown, made by the page helpers from a few forms (escaped text, links, code,
emphasis, the status and stance badges, icons, line breaks), so the engine writes the HTML
Python-Markdown and MkDocs would make of them (links as MkDocs writes them, with directory
URLs; icons as Material's emoji extension writes them) and hands it over in a ``survey-html``
block, which mkdocs.yml registers as a custom fence that passes its text through
(:func:`livesurvey.outputs.code_blocks.prebuilt_html`). The blocks: tables (those of
``PageContext.table_start`` and those on their own, such as a record's fields), lists of
one-line items, the 'Cite this page' block and the edition line at the end of each page.

A block holding anything else (from a template overridden with Markdown of its own) stays
Markdown, as it was written: slower, never wrong. So does every block with
``LIVESURVEY_BLOCKS=markdown``, which lets a test compare the two: the site must not change.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources

from .code_blocks import plain_code_block
from .uris import site_path

FENCE = "survey-html"
"""The custom fence (mkdocs.yml, ``pymdownx.superfences``) of HTML written by the engine."""

_BLOCK = re.compile(
    r'^<div class="survey-table" data-name="(?P<name>[^"<>]*)" markdown>\n\s*\n'
    r"(?P<table>(?:\|[^\n]*\n)+)\s*</div>$",
    re.MULTILINE,
)
"""A table opened by ``PageContext.table_start`` and closed by ``table_end``."""

_BARE_TABLE = re.compile(r"(?:\A|(?<=\n\n))(?P<table>(?:\|[^\n]*(?:\n|\Z))+)(?=\n|\Z)")
"""A table on its own between blank lines, at the start of its lines (a record's fields)."""

_BARE_LIST = re.compile(r"(?:\A|(?<=\n\n))(?P<list>(?:- [^\n]*(?:\n|\Z))+)(?=\n|\Z)")
"""A list of one-line items between blank lines, at the start of its lines (related records)."""

_CITE = re.compile(
    r'^<section class="survey-cite" data-search-exclude="true" markdown>\n\n'
    r'\?\?\? quote "Cite this page"\n\n(?P<body>(?:(?:    [^\n]*)?\n)*?)\n*</section>$',
    re.MULTILINE,
)
"""The 'Cite this page' block of ``PageContext.cite_this``: paragraphs and BibTeX, folded."""

_CODE_BLOCK = re.compile(r"```(?P<language>bibtex)\n(?P<code>.*?)\n```", re.DOTALL)

_EDITION_NOTE = re.compile(r'^<p class="survey-edition" markdown>(?P<inner>[^\n]*)</p>$', re.M)
"""The line at the end of every generated page (``PageContext.edition_note``)."""

_DELIMITER_CELL = re.compile(r"\s*-{3,}\s*")
"""A cell of the line under the header: no alignment (the engine's tables set none)."""

_CELL_PART = re.compile(
    r"(?P<escape>\\[\\`*_{}\[\]()#+\-.!])"
    r"|(?P<entity>&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)"
    r"|(?P<tag><br>|</span>|<span class=\"[a-z0-9 _-]+\">)"
    r"|:(?P<icon>material-[a-z0-9-]+):"
    r"|(?P<colon>:(?![+\-\w]+:))"  # a colon that cannot start an emoji's name
    r"|(?P<ampersand>&)"
    r"|(?P<code>(?P<ticks>`+)(?P<code_text>[^`](?:.*?[^`])?)(?P=ticks)(?!`))"
    r"|\[(?P<link_text>(?:\\.|[^\\\[\]])*)\]\((?P<target>[^\s()<>\"]+)\)"
    r'(?:\{ download="(?P<download>[^"<>&]+)" \})?'
    r"|\*\*(?P<strong>[^\s*](?:(?:\\.|[^\\*])*?[^\s*\\])?)\*\*"
    r"|\*(?P<em>[^\s*](?:(?:\\.|[^\\*])*?[^\s*\\])?)\*"
    r"|(?P<text>[^\\&<>:`\[\]*_{}|]+)"
)
"""One piece of a block's text, in the forms the page helpers write (:mod:`.page_helpers`)."""

_EXTERNAL = re.compile(r"https?://", re.IGNORECASE)
_ICON_NAME = re.compile(r"material-([a-z0-9-]+)")
_AMPERSAND = re.compile(r"&(?!(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)
"""An ``&`` that does not start an entity (Python-Markdown escapes only those)."""


class ForeignMarkdownError(ValueError):
    """A block holds Markdown the engine's helpers do not write: it stays Markdown."""


BLOCKS_VARIABLE = "LIVESURVEY_BLOCKS"
"""Set to ``markdown`` to leave every block to Python-Markdown."""


def wanted(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether blocks are written as HTML (unless :data:`BLOCKS_VARIABLE` says otherwise)."""
    return environ.get(BLOCKS_VARIABLE, "").lower() != "markdown"


def fence(markup: str) -> str:
    """``markup`` in a block that Python-Markdown passes through as it is."""
    return f"```{FENCE}\n{markup}\n```"


def blocks_as_html(text: str, uri: str) -> str:
    """The page ``text`` (at ``uri``) with each of the engine's blocks written as HTML."""
    if not wanted():
        return text
    text = _BLOCK.sub(lambda block: _block_as_html(block, uri), text)
    text = _BARE_TABLE.sub(lambda table: _bare_table_as_html(table, uri), text)
    text = _BARE_LIST.sub(lambda items: _bare_list_as_html(items, uri), text)
    text = _CITE.sub(lambda block: _cite_as_html(block, uri), text)
    return _EDITION_NOTE.sub(lambda note: _edition_note_as_html(note, uri), text)


def _cite_as_html(block: re.Match[str], uri: str) -> str:
    body = "\n".join(line.removeprefix("    ") for line in block["body"].splitlines())
    parts = []
    try:
        for part in re.split(r"\n{2,}", body.strip("\n")):
            code = _CODE_BLOCK.fullmatch(part)
            if code is not None:
                parts.append(plain_code_block(code["code"], code["language"], "", {}, None))
            elif part.startswith(("```", " ")) or "\n" in part:
                raise ForeignMarkdownError("a block of 'Cite this page' not written by the engine")
            else:
                parts.append(f"<p>{_inline(part, uri)}</p>")
    except ForeignMarkdownError:
        return block[0]
    inner = "\n".join(parts)
    return fence(
        '<section class="survey-cite" data-search-exclude="true">\n<details class="quote">\n'
        f"<summary>Cite this page</summary>\n{inner}\n</details>\n</section>"
    )


def _edition_note_as_html(note: re.Match[str], uri: str) -> str:
    try:
        return fence(f'<p class="survey-edition">{_inline(note["inner"], uri)}</p>')
    except ForeignMarkdownError:
        return note[0]


def _block_as_html(block: re.Match[str], uri: str) -> str:
    try:
        table = _table(block["table"].splitlines(), uri)
    except ForeignMarkdownError:
        return block[0]
    name = block["name"]  # escaped by table_start for an attribute already
    return fence(f'<div class="survey-table" data-name="{name}">\n{table}\n</div>')


def _bare_table_as_html(table: re.Match[str], uri: str) -> str:
    try:
        html_table = fence(_table(table["table"].splitlines(), uri))
        return html_table + "\n" if table[0].endswith("\n") else html_table
    except ForeignMarkdownError:
        return table[0]


def _bare_list_as_html(items: re.Match[str], uri: str) -> str:
    try:
        lines = [
            f"<li>{_inline(line[2:].strip(), uri)}</li>" for line in items["list"].splitlines()
        ]
    except ForeignMarkdownError:
        return items[0]
    html_list = fence("\n".join(["<ul>", *lines, "</ul>"]))
    return html_list + "\n" if items[0].endswith("\n") else html_list


def _table(lines: list[str], uri: str) -> str:
    if len(lines) < 2:
        raise ForeignMarkdownError("a table has a header and a delimiter line")
    header, delimiter, rows = _cells(lines[0]), _cells(lines[1]), lines[2:]
    if len(delimiter) != len(header) or not all(_DELIMITER_CELL.fullmatch(c) for c in delimiter):
        raise ForeignMarkdownError("a delimiter line without alignment")
    out = ["<table>", "<thead>", "<tr>"]
    out += [f"<th>{_inline(cell, uri)}</th>" for cell in header]
    out += ["</tr>", "</thead>", "<tbody>"]
    for row in rows or ["|" * (len(header) + 1)]:  # Python-Markdown: one empty row, if none
        cells = _cells(row)
        # Python-Markdown fills a short row with empty cells and drops the extra ones.
        cells = (cells + [""] * len(header))[: len(header)]
        out.append("<tr>")
        out += [f"<td>{_inline(cell, uri)}</td>" for cell in cells]
        out.append("</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def _cells(line: str) -> list[str]:
    """A table line's cells; the helpers write '|' in text and targets as an entity."""
    line = line.strip()
    if not (line.startswith("|") and line.endswith("|")) or len(line) < 2:
        raise ForeignMarkdownError("a table line starts and ends with '|'")
    return [cell.strip() for cell in line[1:-1].split("|")]


def _inline(cell: str, uri: str) -> str:
    """The HTML of one cell, as Python-Markdown and MkDocs would make it."""
    out: list[str] = []
    position = 0
    while position < len(cell):
        piece = _CELL_PART.match(cell, position)
        if piece is None:
            raise ForeignMarkdownError(f"unexpected Markdown: {cell[position:][:40]!r}")
        position = piece.end()
        if piece["escape"]:
            out.append(html.escape(piece["escape"][1], quote=False))
        elif piece["entity"] or piece["tag"]:
            out.append(piece[0])
        elif piece["ampersand"]:
            out.append("&amp;")
        elif piece["icon"]:
            out.append(_icon(piece["icon"]))
        elif piece["code"]:
            code = piece["code_text"].strip()
            out.append("<code>" + html.escape(code, quote=False) + "</code>")
        elif piece["strong"]:
            out.append(f"<strong>{_inline(piece['strong'], uri)}</strong>")
        elif piece["em"]:
            out.append(f"<em>{_inline(piece['em'], uri)}</em>")
        elif piece["target"]:
            out.append(_link(piece["link_text"], piece["target"], piece["download"], uri))
        else:  # text, or a colon
            out.append(piece[0])
    return "".join(out)


def _link(text: str, target: str, download: str | None, uri: str) -> str:
    inner = _inline(text, uri)
    if "<a " in inner:
        raise ForeignMarkdownError("a link inside a link")
    href = _attribute(target if _EXTERNAL.match(target) else _site_target(target, uri))
    # Python-Markdown writes attributes in alphabetical order
    before = f'download="{_attribute(download)}" ' if download else ""
    return f'<a {before}href="{href}">{inner}</a>'


def _site_target(target: str, uri: str) -> str:
    """Where a link between the engine's files leads in the built site, written as MkDocs
    writes it (``mkdocs.structure.pages._RelativePathTreeprocessor``, directory URLs)."""
    if ":" in target.split("/", 1)[0] or target.startswith(("/", "#")):
        raise ForeignMarkdownError(f"a link MkDocs would not rewrite: {target}")
    path, _, anchor = target.partition("#")
    linked = posixpath.normpath(posixpath.join(posixpath.dirname(uri), path))
    if linked.startswith("../"):
        raise ForeignMarkdownError(f"a link out of the site: {target}")
    relative = _relative_url(site_path(linked), site_path(uri))
    return relative + ("#" + anchor if anchor else "")


def _relative_url(url: str, other: str) -> str:
    """``url`` relative to the page at ``other`` (as ``mkdocs.utils.get_relative_url``)."""
    directory, _, name = other.rpartition("/")
    if "." in name:
        other = directory
    other_parts, url_parts = _parts(other), _parts(url)
    common = 0
    for mine, theirs in zip(other_parts, url_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    relative = "/".join([".."] * (len(other_parts) - common) + url_parts[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path)[1:]
    return path.split("/") if path else []


def _attribute(value: str) -> str:
    """A value for a double-quoted attribute, escaped as Python-Markdown escapes it."""
    value = _AMPERSAND.sub("&amp;", value)
    return value.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@cache
def _icon(name: str) -> str:
    """An icon as Material's emoji extension writes it (``material.extensions.emoji``)."""
    match = _ICON_NAME.fullmatch(name)
    if match is None:
        raise ForeignMarkdownError(f"an unknown icon: {name}")
    icon = resources.files("material") / "templates" / ".icons" / "material"
    svg = icon / f"{match[1]}.svg"
    if not svg.is_file():
        raise ForeignMarkdownError(f"an unknown icon: {name}")
    return f'<span class="twemoji">{svg.read_text(encoding="utf-8")}</span>'
