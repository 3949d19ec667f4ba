"""The engine's own blocks written as HTML, so that Python-Markdown does not parse them.

Python-Markdown converts text piece by piece, trying every inline pattern on every piece: for
our pages, made of tables and lists of links, that was most of the build. Those blocks are the
engine's own Markdown, made by the page helpers from a few forms (escaped text, links, code,
emphasis, the status and stance badges, icons, line breaks), so the MkDocs hook has them
written as the HTML Python-Markdown and MkDocs would make of them, and hands that over in a
``survey-html`` block, which mkdocs.yml registers as a custom fence that passes its text through
(:func:`livesurvey.outputs.code_blocks.prebuilt_html`). The blocks: tables (those of
``PageContext.table_start`` and those on their own, such as a record's fields), lists of
one-line items, the 'Cite this page' block and the edition line at the end of each page.

Links are the caller's: it turns each link target into an address, or refuses it (a missing
page), and a block with a refused link stays Markdown, for MkDocs to link and to warn about.
So does a block holding anything else (from a template overridden with Markdown of its own),
and a table or list on its own inside a code block or next to raw HTML: slower, never wrong.
``livesurvey render`` writes the pages as their templates wrote them, blocks in Markdown.

Given a dictionary to keep them in, the blocks' HTML is kept there and each fence holds only
its key, which the fence's formatter looks up in the converter
(:data:`~livesurvey.outputs.code_blocks.KEPT_BLOCKS`): pymdownx.superfences then reads one line
per block instead of every line of a table (a fifth of a page's conversion).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache
from importlib import resources

from .code_blocks import plain_code_block

FENCE = "survey-html"
"""The custom fence (mkdocs.yml, ``pymdownx.superfences``) of HTML written by the engine."""
KEY_PREFIX = "survey-block-"
"""How the key of a block kept aside starts."""

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

_BLOCK_TAGS = (
    r"(?:address|article|aside|blockquote|details|dialog|div|dl|fieldset|figure|footer|form|"
    r"h[1-6]|header|hr|main|nav|ol|p|pre|section|table|ul|script|style|textarea)\b"
)
"""Tags that open raw HTML blocks, which Python-Markdown leaves as they are."""

_STARTS_A_BLOCK = re.compile(
    r"[#>|]|</?" + _BLOCK_TAGS + r"|[-+*] |\d+[.)] |[-=_*]{3}|!!!|\?\?\?|```|~~~| {4}|\t"
    r"|\[[^\]]*\]:",
    re.IGNORECASE,
)
"""Text that Python-Markdown would read as the start of another block, not as a paragraph."""

_LIST_ITEM = re.compile(r"[-+*] |\d+[.)] ")

_KNOWN_HTML = (
    '<div class="survey-table" ',
    '<div class="survey-chart" ',
    '<section class="survey-cite" ',
    '<p class="survey-edition" ',
)
_FOREIGN_HTML = re.compile(
    r"^(?!" + "|".join(re.escape(known) for known in _KNOWN_HTML) + r")</?" + _BLOCK_TAGS,
    re.MULTILINE | re.IGNORECASE,
)
"""A line opening raw block-level HTML other than the engine's own blocks."""

_FENCED = re.compile(r"^(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=fence)[ \t]*$", re.M | re.S)
"""A fenced code block (and the engine's own ``survey-html`` blocks)."""

_DELIMITER_CELL = re.compile(r"\s*-{3,}\s*")
"""A cell of the line under the header: no alignment (the engine's tables set none)."""

_TEXT_CHARACTER = r"[^\\&<>:`\[\]*_{}|!]"
"""A character that is text, whatever comes next (anything else may start another piece)."""

_CELL_PART = re.compile(
    r"(?P<escape>\\[\\`*_{}\[\]()#+\-.!])"
    r"|(?P<entity>&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);)"
    r"|(?P<tag><br>|</span>|<span class=\"[a-z0-9 _-]+\">)"
    r"|:(?P<icon>material-[a-z0-9-]+):"
    r"|(?P<colon>:(?![+\-\w]+:))"  # a colon that cannot start an emoji's name
    r"|(?P<ampersand>&)"
    r"|(?P<code>(?P<ticks>`+)(?P<code_text>[^`](?:.*?[^`])?)(?P=ticks)(?!`))"
    r"|\[(?P<link_text>(?:\\.|[^\\\[\]])*)\]\((?P<target>[^\s()<>\"]+)\)"
    r'(?:\{ download="(?P<download>[^"<>&]+)" \})?'
    r"|\*\*(?P<strong>[^\s*](?:(?:\\.|[^\\*])*?[^\s*\\])?)\*\*"
    r"|\*(?P<em>[^\s*](?:(?:\\.|[^\\*])*?[^\s*\\])?)\*"
    r"|(?P<text>" + _TEXT_CHARACTER + r"+|!(?!\[))"
)
"""One piece of a block's text, in the forms the page helpers write (:mod:`.page_helpers`)."""

_PLAIN = re.compile(_TEXT_CHARACTER + "*")
"""Text in which no piece is anything but text: written as it is."""
_EXTERNAL = re.compile(r"https?://", re.IGNORECASE)
_ICON_NAME = re.compile(r"material-([a-z0-9-]+)")
_AMPERSAND = re.compile(r"&(?!(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)
"""An ``&`` that does not start an entity (Python-Markdown escapes only those)."""


class ForeignMarkdownError(ValueError):
    """A block holds Markdown the engine's helpers do not write: it stays Markdown."""


Link = Callable[[str, str], str]
"""Turns a link target written in a page, as its path and its anchor ('../papers/x.md',
'#anchor'; either may be empty), into the address the built site links to, or raises
:class:`ForeignMarkdownError` to leave the block to MkDocs."""


def fence(markup: str) -> str:
    """``markup`` in a block that Python-Markdown passes through as it is."""
    return f"```{FENCE}\n{markup}\n```"


def blocks_as_html(text: str, uri: str, link: Link, kept: dict[str, str] | None = None) -> str:
    """The page ``text`` (at ``uri``) with each of the engine's blocks written as HTML; links
    between pages as ``link`` gives them. With ``kept``, the HTML goes there and each block's
    fence holds its key (the converter must then hold ``kept``: see the module's docstring)."""
    page = _Page(link, kept)
    text = _BLOCK.sub(page.survey_table, text)
    text = _CITE.sub(page.cite, text)
    text = _EDITION_NOTE.sub(page.edition_note, text)
    if _FOREIGN_HTML.search(_FENCED.sub("", text)):
        return text  # a table or list may sit inside raw HTML there: left to Python-Markdown
    text = page.on_its_own(_BARE_TABLE, text, page.bare_table)
    return page.on_its_own(_BARE_LIST, text, page.bare_list)


class _Page:
    """The blocks of one page, written as HTML."""

    def __init__(self, link: Link, kept: dict[str, str] | None) -> None:
        self.link = link
        self.kept = kept

    def fence(self, markup: str) -> str:
        if self.kept is None:
            return fence(markup)
        key = f"{KEY_PREFIX}{len(self.kept)}"
        self.kept[key] = markup
        return fence(key)

    def survey_table(self, block: re.Match[str]) -> str:
        try:
            table = self.table(block["table"].splitlines())
        except ForeignMarkdownError:
            return block[0]
        # md_in_html reads the attribute and writes it again: the same escaping here
        name = _attribute(html.unescape(block["name"]))
        return self.fence(f'<div class="survey-table" data-name="{name}">\n{table}\n</div>')

    def on_its_own(
        self, blocks: re.Pattern[str], text: str, write: Callable[[re.Match[str]], str]
    ) -> str:
        """Each of ``blocks`` written by ``write``, unless it is in a fenced code block."""
        fenced = [(found.start(), found.end()) for found in _FENCED.finditer(text)]

        def written(block: re.Match[str]) -> str:
            if any(start <= block.start() < end for start, end in fenced):
                return block[0]
            try:
                html_block = self.fence(write(block))
            except ForeignMarkdownError:
                return block[0]
            return html_block + "\n" if block[0].endswith("\n") else html_block

        return blocks.sub(written, text)

    def bare_table(self, block: re.Match[str]) -> str:
        return self.table(block[0].splitlines())

    def bare_list(self, block: re.Match[str]) -> str:
        if _continued(block):
            raise ForeignMarkdownError("a list that other items or indented lines continue")
        items = []
        for line in block[0].splitlines():
            item = line[2:]
            if item != item.strip(" ") or _STARTS_A_BLOCK.match(item):
                raise ForeignMarkdownError(f"an item Python-Markdown would read otherwise: {line}")
            items.append(f"<li>{self.inline(item)}</li>")
        return "\n".join(["<ul>", *items, "</ul>"])

    def cite(self, block: re.Match[str]) -> str:
        body = "\n".join(line.removeprefix("    ") for line in block["body"].splitlines())
        parts = []
        try:
            for part in re.split(r"\n{2,}", body.strip("\n")):
                code = _CODE_BLOCK.fullmatch(part)
                if code is not None:
                    parts.append(plain_code_block(code["code"], code["language"], "", {}, None))
                elif "\n" in part or part != part.strip(" ") or _STARTS_A_BLOCK.match(part):
                    raise ForeignMarkdownError("a block of 'Cite this page' not the engine's")
                else:
                    parts.append(f"<p>{self.inline(part)}</p>")
        except ForeignMarkdownError:
            return block[0]
        inner = "\n".join(parts)
        return self.fence(
            '<section class="survey-cite" data-search-exclude="true">\n<details class="quote">\n'
            f"<summary>Cite this page</summary>\n{inner}\n</details>\n</section>"
        )

    def edition_note(self, note: re.Match[str]) -> str:
        try:
            return self.fence(f'<p class="survey-edition">{self.inline(note["inner"])}</p>')
        except ForeignMarkdownError:
            return note[0]

    def inline(self, text: str) -> str:
        """The HTML of a cell, an item or a paragraph, as Python-Markdown and MkDocs make it."""
        if _PLAIN.fullmatch(text):
            return text  # most cells: what the loop below would give, sooner
        out: list[str] = []
        position = 0
        while position < len(text):
            piece = _CELL_PART.match(text, position)
            if piece is None:
                raise ForeignMarkdownError(f"unexpected Markdown: {text[position:][:40]!r}")
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
                out.append(f"<strong>{self.inline(piece['strong'])}</strong>")
            elif piece["em"]:
                out.append(f"<em>{self.inline(piece['em'])}</em>")
            elif piece["target"]:
                out.append(self.link_to(piece["link_text"], piece["target"], piece["download"]))
            else:  # text, or a colon
                out.append(piece[0])
        return "".join(out)

    def link_to(self, text: str, target: str, download: str | None) -> str:
        inner = self.inline(text)
        if "<a " in inner:
            raise ForeignMarkdownError("a link inside a link")
        if _EXTERNAL.match(target):
            href = _attribute(target)
        else:
            href = _attribute(self.link(*_split_target(target)))
        # Python-Markdown writes attributes in alphabetical order
        before = f'download="{_attribute(download)}" ' if download else ""
        return f'<a {before}href="{href}">{inner}</a>'

    def table(self, lines: list[str]) -> str:
        if len(lines) < 2:
            raise ForeignMarkdownError("a table has a header and a delimiter line")
        header, delimiter, rows = _cells(lines[0]), _cells(lines[1]), lines[2:]
        aligned = not all(_DELIMITER_CELL.fullmatch(cell) for cell in delimiter)
        if len(delimiter) != len(header) or aligned:
            raise ForeignMarkdownError("a delimiter line without alignment")
        out = ["<table>", "<thead>", "<tr>"]
        out += [f"<th>{self.inline(cell)}</th>" for cell in header]
        out += ["</tr>", "</thead>", "<tbody>"]
        for row in rows or ["|" * (len(header) + 1)]:  # Python-Markdown: one empty row, if none
            cells = _cells(row)
            # Python-Markdown fills a short row with empty cells and drops the extra ones.
            cells = (cells + [""] * len(header))[: len(header)]
            out.append("<tr>")
            out += [f"<td>{self.inline(cell)}</td>" for cell in cells]
            out.append("</tr>")
        out += ["</tbody>", "</table>"]
        return "\n".join(out)


def _continued(items: re.Match[str]) -> bool:
    """Whether Python-Markdown would read a list with the blocks around it: an item or an
    indented line after a blank line continues a list (a loose one, with paragraphs)."""
    before = items.string[: items.start()].rstrip("\n").rsplit("\n", 1)[-1]
    after = items.string[items.end() :].lstrip("\n")
    indented = before[:1] in (" ", "\t") or after[:1] in (" ", "\t")
    return bool(indented or _LIST_ITEM.match(before) or _LIST_ITEM.match(after))


def _cells(line: str) -> list[str]:
    """A table line's cells; the helpers write '|' in text and targets as an entity."""
    line = line.strip(" ")
    if not (line.startswith("|") and line.endswith("|")) or len(line) < 2:
        raise ForeignMarkdownError("a table line starts and ends with '|'")
    cells = [cell.strip(" ") for cell in line[1:-1].split("|")]
    if any(cell != cell.strip() for cell in cells):
        raise ForeignMarkdownError("a cell that starts or ends with other white space")
    return cells


def _split_target(target: str) -> tuple[str, str]:
    """A link target's path and its anchor ('#...', or ''): a relative path to a file only,
    else :class:`ForeignMarkdownError`."""
    if ":" in target.split("/", 1)[0] or target.startswith(("/", "\\")) or "?" in target:
        raise ForeignMarkdownError(f"a link MkDocs would not rewrite: {target}")
    path, hash_sign, anchor = target.partition("#")
    return path, hash_sign + anchor


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
