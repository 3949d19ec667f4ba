"""The engine's blocks written as HTML are what Python-Markdown and MkDocs make of them.

The whole site built both ways is compared byte for byte in test_background.py; here, each
form (hostile text included) against Python-Markdown with the site's extensions, the links
against MkDocs' own, and the Markdown the converter must leave to Python-Markdown.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import markdown
import pytest
from livesurvey import SurveyIndex, render_pages
from livesurvey.core.text import escape_markdown, inline_code
from livesurvey.outputs.code_blocks import KEPT_BLOCKS, plain_code_block, prebuilt_html
from livesurvey.outputs.html_blocks import FENCE, Link, blocks_as_html
from livesurvey.outputs.page_helpers import PageContext
from livesurvey.records.schema import Stance, Status
from material.extensions.emoji import to_svg, twemoji
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from .conftest import REPO, copy_project, mkdocs_build

sys.path.insert(0, str(REPO / "hooks"))
from page_html import _links_from

HOSTILE = (
    '<script>alert(1)</script> & "quotes" | pipes [link](javascript:alert(2)) *a* **b** _c_ '
    "`d` :x: :material-check: ![i](x.png) # h\n- item {#id} &#63; &amp"
)
MARKDOWN_FORMS = re.compile(
    r'<div class="survey-table" data-name="[^"]*" markdown>|^\| |^- |^\?\?\? quote|'
    r'<p class="survey-edition" markdown>',
    re.MULTILINE,
)
"""The blocks the engine writes as HTML, as Markdown."""
FENCED = re.compile(r"^```.*?^```$", re.MULTILINE | re.DOTALL)


def as_written(path: str, anchor: str) -> str:
    """Links left as written, as Python-Markdown without MkDocs leaves them."""
    return path + anchor


def _python_markdown(text: str, kept: dict[str, str] | None = None) -> str:
    """What Python-Markdown, with the site's extensions, makes of ``text`` (links as written),
    ``survey-html`` blocks kept aside in ``kept`` if given."""
    fences = [
        {"name": FENCE, "class": FENCE, "format": prebuilt_html},
        {"name": "bibtex", "class": "bibtex", "format": plain_code_block},
    ]
    converter = markdown.Markdown(
        extensions=[
            "attr_list",
            "tables",
            "admonition",
            "pymdownx.details",
            "md_in_html",
            "pymdownx.emoji",
            "pymdownx.superfences",
        ],
        extension_configs={
            "pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": to_svg},
            "pymdownx.superfences": {"custom_fences": fences},
        },
    )
    setattr(converter, KEPT_BLOCKS, kept)
    return str(converter.convert(text))


def _same_as_python_markdown(text: str, uri: str = "papers/x.md") -> str:
    """``text`` with its blocks written as HTML, checked to read as Python-Markdown reads it,
    with the HTML in the fences and kept aside (each fence holding its key)."""
    written = blocks_as_html(text, uri, as_written)
    expected = _python_markdown(text)
    assert _python_markdown(written) == expected
    kept: dict[str, str] = {}
    with_keys = blocks_as_html(text, uri, as_written, kept)
    assert sorted(kept.values()) == sorted(
        block.removeprefix(f"```{FENCE}\n").removesuffix("\n```")
        for block in FENCED.findall(written)
        if block.startswith(f"```{FENCE}\n")
    )
    assert all(f"```{FENCE}\n{key}\n```" in with_keys for key in kept)
    assert _python_markdown(with_keys, kept) == expected
    return written


def _engine(block: str, uri: str = "papers/x.md") -> str:
    written = blocks_as_html(block, uri, _mkdocs_links(uri))
    assert written.startswith(f"```{FENCE}\n") and written.endswith("\n```"), written
    return written.removeprefix(f"```{FENCE}\n").removesuffix("\n```")


def _block(*rows: str, header: str = "| A | B |", delimiter: str = "|---|---|") -> str:
    lines = "\n".join((header, delimiter, *rows))
    return f'<div class="survey-table" data-name="t" markdown>\n\n{lines}\n\n</div>'


def test_every_form_reads_as_python_markdown_reads_it(live_index: SurveyIndex) -> None:
    """Tables, a record's fields, a list, 'Cite this page' and the edition line, each with a
    hostile title in it, as the page helpers write them."""
    page = PageContext(live_index, "papers/x.md")
    text = escape_markdown(HOSTILE)
    rows = [
        f"| {text} | {page.external(HOSTILE, 'https://example.org/a?b=1&c=<2>')} |",
        f"| {inline_code('a `tick` <b> & c')} | {inline_code('`starts')} |",
        f"| {page.stance(Stance.SUPPORTS)} | {page.status(Status.DEBATED)} |",
        "| 2024\\-01<br>&#124; &amp; &#x3A; &#X3A; | a: b · c |",
        "| short row |",
        "| one | two | three, dropped |",
        "|  |  |",
    ]
    fields = f"| Field | Value |\n|---|---|\n| Key | {inline_code('k')} |\n| Title | {text} |"
    items = "\n".join(
        f"- {page.link(HOSTILE, 'papers/y.md')} {page.status(Status.EMERGING)} · *{text}*"
        for _ in range(3)
    )
    cite = page.cite_this(HOSTILE)
    note = page.edition_note()
    whole = f"# T\n\n{_block(*rows)}\n\n{fields}\n\n## L\n\n{items}\n\n{cite}\n{note}\n"
    written = _same_as_python_markdown(whole)
    assert MARKDOWN_FORMS.search(FENCED.sub("", written)) is None  # every block written as HTML
    assert written.count(f"```{FENCE}\n") == 5
    html = _python_markdown(written)
    assert "<script" not in html and 'href="javascript' not in html
    assert "<strong>b</strong>" not in html and "<em>a</em>" not in html


def test_every_stance_icon_is_material_s_own(live_index: SurveyIndex) -> None:
    page = PageContext(live_index, "papers/x.md")
    block = _block(*(f"| {page.stance(stance)} | x |" for stance in Stance))
    assert _engine(block) == _python_markdown(block)
    assert _engine(block).count('<span class="twemoji"><svg') == len(Stance)


def test_a_table_without_rows_has_python_markdown_s_empty_row() -> None:
    block = _block()
    assert _engine(block) == _python_markdown(block)


@pytest.mark.parametrize(
    "text",
    [
        # not the engine's Markdown in a cell
        _block("| _emphasis_ | y |"),
        _block("| ***both*** | y |"),
        _block("| [mail](mailto:someone@example.org) | y |"),
        _block("| [out](../../../outside.md) | y |"),
        _block("| [absolute](/papers/x.md) | y |"),
        _block("| :smile: | y |"),
        _block("| <b>bold</b> | y |"),
        _block("| a \\| b | y |"),
        _block("| {: .class } | y |"),
        _block("| ![image](x.png) | y |"),
        _block("| a\u00a0 | y |"),
        _block("| a | b |", delimiter="| c | d |"),
        # tables and lists that are not on their own
        "Intro.\n| A | B |\n|---|---|\n| a | b |\n",
        "```text\nlog:\n\n- one\n\n| A | B |\n|---|---|\n\nend\n```\n",
        "<div>\n\n| A | B |\n|---|---|\n| a | b |\n\n</div>\n",
        "- a\n\n- b\n",
        "- a\n\n    more\n",
        "Text.\n\n- # heading\n- - nested\n- 1. numbered\n- ---\n",
        "Text.\n\n- trailing \n",
    ],
)
def test_markdown_the_helpers_never_write_is_left_to_python_markdown(text: str) -> None:
    assert blocks_as_html(text, "papers/x.md", _mkdocs_links("papers/x.md")) == text


def test_a_cite_block_with_other_markdown_is_left_to_python_markdown(
    live_index: SurveyIndex,
) -> None:
    cite = PageContext(live_index, "papers/x.md").cite_this("T")
    for other in ("1. numbered", "# heading", "---", "> quote"):
        changed = cite.replace("    **Cite latest**", f"    {other}")
        assert blocks_as_html(changed, "papers/x.md", as_written) == changed


@pytest.mark.parametrize(
    ("here", "target"),
    [
        ("papers/x.md", "../findings/f.md"),
        ("papers/x.md", "y.md"),
        ("papers/x.md", "x.md#anchor"),
        ("papers/x.md", "x.bib"),
        ("papers/x.md", "#anchor"),
        ("papers/index.md", "x.md"),
        ("papers/index.md", "../index.md"),
        ("index.md", "dimensions/d/index.md#q-1"),
        ("dimensions/d/index.md", "../../topics/t.md#q-1"),
        ("topics/t.md", "t.md#f-1"),
        ("topics/t.md", "../methods/index.md#coverage"),
    ],
)
@pytest.mark.parametrize("directory_urls", [True, False])
def test_links_lead_where_mkdocs_leads_them(here: str, target: str, directory_urls: bool) -> None:
    """The hook's links are MkDocs' own."""
    files = _files(directory_urls, here, "findings/f.md", "papers/y.md", "papers/x.bib", "index.md")
    page = files.get_file_from_path(here)
    assert page is not None
    anchors: dict[str, dict[str, str]] = {}
    block = _block(f"| [x]({target}) | y |")
    with_mkdocs = blocks_as_html(block, here, _links_from(page, files, anchors))
    path, _, anchor = target.partition("#")
    expected = _mkdocs_href(page, files, path, anchor)
    assert with_mkdocs.count(f'<a href="{expected}">x</a>') == 1, with_mkdocs
    if anchor:
        assert list(anchors.values()) == [{anchor: target}]


def _mkdocs_links(uri: str) -> Link:
    """Links from the page at ``uri`` as the hook makes them, among a few files."""
    files = _files(True, uri, "papers/y.md", "papers/x.bib")
    page = files.get_file_from_path(uri)
    assert page is not None
    return _links_from(page, files, {})


def _config(directory_urls: bool) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "use_directory_urls": directory_urls})
    config.validate()
    return config


def _file(uri: str, directory_urls: bool) -> File:
    return File(uri, src_dir=None, dest_dir="/site", use_directory_urls=directory_urls)


def _files(directory_urls: bool, *uris: str) -> Files:
    extra = ["dimensions/d/index.md", "topics/t.md", "methods/index.md", "papers/index.md"]
    extra.append("papers/x.md")
    return Files([_file(uri, directory_urls) for uri in sorted({*uris, *extra})])


def _mkdocs_href(page: File, files: Files, path: str, anchor: str) -> str:
    """Where MkDocs' own link processing takes the link (mkdocs.structure.pages)."""
    from mkdocs.structure.pages import _RelativePathTreeprocessor

    config = _config(page.use_directory_urls)
    processor = _RelativePathTreeprocessor(page, files, config)
    return str(processor.path_to_url(path + ("#" + anchor if anchor else "")))


def test_a_link_mkdocs_would_warn_about_leaves_its_block_to_mkdocs() -> None:
    files = _files(True, "papers/x.md")
    excluded = _file("papers/draft.md", True)
    excluded.inclusion = InclusionLevel.EXCLUDED
    files.append(excluded)
    page = files.get_file_from_path("papers/x.md")
    assert page is not None
    for target in ("missing.md", "draft.md", "../findings/gone.md#a"):
        block = _block(f"| [x]({target}) | y |")
        assert blocks_as_html(block, "papers/x.md", _links_from(page, files, {})) == block


def test_a_download_link_keeps_its_attribute(live_index: SurveyIndex) -> None:
    page = PageContext(live_index, "papers/x.md")
    block = _block(f"| {page.link('BibTeX', 'papers/x.bib')} | y |")
    # MkDocs would then rewrite the link from the page's source file to its address
    expected = _python_markdown(block).replace('href="x.bib"', 'href="../x.bib"')
    assert _engine(block) == expected
    assert 'download="x.bib"' in expected


def test_every_block_of_the_real_survey_is_written_as_html(live_index: SurveyIndex) -> None:
    """No table, list, 'Cite this page' or edition line of a generated page is left to
    Python-Markdown; each reads as Python-Markdown reads it."""
    pages = [page for page in render_pages(live_index) if page.uri.endswith(".md")]
    assert all(MARKDOWN_FORMS.search(page.content) for page in pages)  # written in Markdown
    for page in pages:
        written = _same_as_python_markdown(page.content, page.uri)
        assert MARKDOWN_FORMS.search(FENCED.sub("", written)) is None, page.uri
        assert f'```{FENCE}\n<p class="survey-edition">' in written


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
