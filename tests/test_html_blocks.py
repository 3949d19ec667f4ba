"""The engine's blocks written as HTML are what Python-Markdown and MkDocs make of them.

The whole site built both ways is compared byte for byte in test_background.py; here, the
forms one at a time (hostile text included), the links against MkDocs' own function, and the
blocks the converter leaves to Python-Markdown.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import markdown
import pytest
from livesurvey import SurveyIndex, render_pages
from livesurvey.core.text import escape_markdown, inline_code
from livesurvey.outputs import html_blocks
from livesurvey.outputs.code_blocks import prebuilt_html
from livesurvey.outputs.html_blocks import BLOCKS_VARIABLE, FENCE, blocks_as_html
from livesurvey.outputs.page_helpers import PageContext
from livesurvey.records.schema import Stance, Status
from material.extensions.emoji import to_svg, twemoji
from mkdocs.utils import get_relative_url

from .conftest import copy_project, mkdocs_build

HOSTILE = '<script>alert(1)</script> & "quotes" | pipes [link](javascript:alert(2)) *a* _b_ `c` :x:'
MARKDOWN_FORMS = re.compile(
    r'<div class="survey-table" data-name="[^"]*" markdown>|^\| |^- |^\?\?\? quote|'
    r'<p class="survey-edition" markdown>',
    re.MULTILINE,
)
"""The blocks the engine writes as HTML, as Markdown."""


def _python_markdown(block: str) -> str:
    """What Python-Markdown, with the site's extensions, makes of text without page links."""
    fences = [{"name": FENCE, "class": FENCE, "format": prebuilt_html}]
    converter = markdown.Markdown(
        extensions=["tables", "attr_list", "md_in_html", "pymdownx.emoji", "pymdownx.superfences"],
        extension_configs={
            "pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": to_svg},
            "pymdownx.superfences": {"custom_fences": fences},
        },
    )
    return converter.convert(block)


def _engine(block: str, uri: str = "papers/x.md") -> str:
    written = blocks_as_html(block, uri)
    assert written.startswith(f"```{FENCE}\n") and written.endswith("\n```"), written
    return written.removeprefix(f"```{FENCE}\n").removesuffix("\n```")


def _block(*rows: str, header: str = "| A | B |", delimiter: str = "|---|---|") -> str:
    lines = "\n".join((header, delimiter, *rows))
    return f'<div class="survey-table" data-name="t" markdown>\n\n{lines}\n\n</div>'


def test_cells_read_as_python_markdown_reads_them(live_index: SurveyIndex) -> None:
    page = PageContext(live_index, "papers/x.md")
    text = escape_markdown(HOSTILE)
    rows = [
        f"| {text} | {page.external(HOSTILE, 'https://example.org/a?b=1&c=<2>')} |",
        f"| {inline_code('a `tick` <b> & c')} | {inline_code('`starts')} |",
        f"| {page.stance(Stance.SUPPORTS)} | {page.status(Status.DEBATED)} |",
        "| 2024\\-01<br>&#124; &amp; &#x3A; | a: b · c |",
        "| short row |",
        "| one | two | three, dropped |",
        "|  |  |",
    ]
    block = _block(*rows)
    assert _engine(block) == _python_markdown(block)
    assert "<script>" not in _engine(block)


def test_every_stance_icon_is_material_s_own(live_index: SurveyIndex) -> None:
    page = PageContext(live_index, "papers/x.md")
    block = _block(*(f"| {page.stance(stance)} | x |" for stance in Stance))
    assert _engine(block) == _python_markdown(block)
    assert _engine(block).count('<span class="twemoji"><svg') == len(Stance)


def test_a_table_on_its_own_reads_as_python_markdown_reads_it(live_index: SurveyIndex) -> None:
    """A record's fields: a table between blank lines, with no block around it."""
    page = PageContext(live_index, "papers/x.md")
    table = f"| Field | Value |\n|---|---|\n| Key | {inline_code('k')} |\n| Code | {page.external('code', 'https://e.org/x')} |"
    for text in (f"# T\n\n{table}\n\n## Next\n", f"Intro.\n\n{table}"):
        written = blocks_as_html(text, "papers/x.md")
        assert f"```{FENCE}\n<table>" in written
        assert _python_markdown(written) == _python_markdown(text)
    glued = f"Intro.\n{table}\n"  # not a table on its own: left as it is
    assert blocks_as_html(glued, "papers/x.md") == glued


def test_a_table_without_rows_has_python_markdown_s_empty_row() -> None:
    block = _block()
    assert _engine(block) == _python_markdown(block)


@pytest.mark.parametrize(
    ("here", "target"),
    [
        ("papers/x.md", "../findings/f.md"),
        ("papers/x.md", "y.md"),
        ("papers/x.md", "x.md#anchor"),
        ("papers/x.md", "x.bib"),
        ("papers/index.md", "x.md"),
        ("papers/index.md", "../index.md"),
        ("index.md", "dimensions/d/index.md#q-1"),
        ("dimensions/d/index.md", "../../topics/t.md#q-1"),
        ("topics/t.md", "t.md#f-1"),
        ("topics/t.md", "../methods/index.md#coverage"),
    ],
)
def test_links_lead_where_mkdocs_leads_them(here: str, target: str) -> None:
    """Against MkDocs' own function, with directory URLs."""
    path, _, anchor = target.partition("#")
    linked = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
    expected = get_relative_url(_directory_url(linked), _directory_url(here))
    expected += "#" + anchor if anchor else ""
    link = f"[x]({target})"
    assert _engine(_block(f"| {link} | y |"), here).count(f'<a href="{expected}">x</a>') == 1


def _directory_url(uri: str) -> str:
    if not uri.endswith(".md"):
        return uri
    stem = uri.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def test_a_download_link_keeps_its_attribute(live_index: SurveyIndex) -> None:
    page = PageContext(live_index, "papers/x.md")
    block = _block(f"| {page.link('BibTeX', 'papers/x.bib')} | y |")
    # MkDocs would then rewrite the link from the page's source file to its address
    expected = _python_markdown(block).replace('href="x.bib"', 'href="../x.bib"')
    assert _engine(block) == expected
    assert 'download="x.bib"' in expected


@pytest.mark.parametrize(
    "cell",
    [
        "_emphasis_",
        "***both***",
        "[mail](mailto:someone@example.org)",
        "[out](../../../outside.md)",
        "[absolute](/papers/x.md)",
        ":smile:",
        "<b>bold</b>",
        "a \\| b",
        "{: .class }",
    ],
)
def test_markdown_the_helpers_never_write_is_left_to_python_markdown(cell: str) -> None:
    block = _block(f"| {cell} | y |")
    assert blocks_as_html(block, "papers/x.md") == block


def test_a_table_without_a_delimiter_line_is_left_alone() -> None:
    block = _block("| a | b |", delimiter="| c | d |")
    assert blocks_as_html(block, "papers/x.md") == block


def test_every_block_of_the_real_survey_is_written_as_html(
    live_index: SurveyIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No table, list, 'Cite this page' or edition line of a generated page is left to
    Python-Markdown; with LIVESURVEY_BLOCKS=markdown, all are."""
    pages = [page for page in render_pages(live_index) if page.uri.endswith(".md")]
    assert all(f'```{FENCE}\n<p class="survey-edition">' in page.content for page in pages)
    left = [page.uri for page in pages if MARKDOWN_FORMS.search(page.content)]
    assert left == []
    assert sum(page.content.count(f"```{FENCE}\n") for page in pages) > 3 * len(pages)
    monkeypatch.setenv(BLOCKS_VARIABLE, "markdown")
    as_markdown = [page for page in render_pages(live_index) if page.uri.endswith(".md")]
    assert all(MARKDOWN_FORMS.search(page.content) for page in as_markdown)
    assert not any(f"```{FENCE}" in page.content for page in as_markdown)


def test_escaping_holds_in_a_cell_of_a_real_page(live_index: SurveyIndex) -> None:
    """The hostile title of a record lands in a table as text, whatever it holds."""
    page = PageContext(live_index, "authors/x.md")
    written = _engine(_block(f"| {page.link(HOSTILE, 'papers/x.md')} | y |"), "authors/x.md")
    assert '<a href="../../papers/x/">&lt;script&gt;alert(1)&lt;/script&gt; &amp; ' in written
    assert "javascript:" not in written.replace("javascript&#58;", "")
    assert html_blocks.wanted({BLOCKS_VARIABLE: "Markdown"}) is False


def test_a_configuration_without_the_html_fence_is_refused_with_the_fix(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    fence_entry = re.search(r"\n        # The engine's tables.*?prebuilt_html\n", text, re.S)
    assert fence_entry is not None
    config.write_text(text.replace(fence_entry[0], "\n"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "mkdocs.yml: the survey's pages need the 'survey-html' fence" in result.stderr
    assert "format: !!python/name:livesurvey.outputs.code_blocks.prebuilt_html" in result.stderr
