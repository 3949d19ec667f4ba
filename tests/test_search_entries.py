"""Search entries made by the second process are the entries Material's plugin makes.

The whole site's search index is compared byte for byte in test_background.py (a build in the
second process against an inline one); here the quicker reading of the HTML is held to
Material's own parser, section by section, on every generated page of the survey and on HTML
that takes its unusual paths.
"""

from __future__ import annotations

import sys
from typing import Any

import markdown
import pytest
from livesurvey import SurveyIndex, render_pages
from livesurvey.outputs.html_blocks import blocks_as_html
from material.plugins.search.plugin import Parser
from mkdocs.config import load_config

from .conftest import REPO

sys.path.insert(0, str(REPO / "hooks"))
from search_entries import _QuickParser

TRICKY = [
    "<p>plain</p>",
    'text before any heading<h2 id=\'a\'>A<a class="headerlink" href="#a">&para;</a></h2>x',
    "<h1>no id</h1><h3 id=x>unquoted</h3><p>after</p>",
    "<div data-search-exclude><p>hidden</p><div><p>still</p></div><p>shown: the quirk</p></div>",
    "<section data-search-exclude='true'><p>a</p></section><p>b &amp; c &lt;d&gt; &#63;</p>",
    "<pre><code>  two  spaces\n\n  and lines</code></pre><p>  </p><p>x\ny</p>",
    "<p>a<br>b<br/>c<img src='x' alt=\"&quot;q&quot;\"></p><ul><li> </li><li>z</li></ul>",
    '<svg viewBox="0 0 1 1"><path d="M0 0"/></svg><P CLASS="X">upper</P>',
    "<p>a <!-- comment --> b</p>",
    "<script>var a = '<p>';</script><p>after a script</p>",
    "<p>1 < 2 and 3 > 2</p>",
    "<h2 id=a>A</h2><div><h3 id=b>B</h3></div><p>back in A</p></div><p>end</p>",
    '<table><tr><td class="linenodiv">1</td><td>code</td></tr></table>',
    "<p>trailing &amp",
]

SLOW_WAY = {  # what the quicker reading leaves to HTMLParser, and why
    "<p>a <!-- comment --> b</p>": "a comment: HTMLParser's way",
    "<script>var a = '<p>';</script><p>after a script</p>": "a script: HTMLParser's way",
    "<p>1 < 2 and 3 > 2</p>": "a '<' that opens no tag: HTMLParser's way",
}


def _sections(parser: Any) -> list[tuple[Any, ...]]:
    return [
        (s.el.tag, s.el.attrs, s.id, s.title, s.text, s.depth, s.is_excluded()) for s in parser.data
    ]


def _material(html: str) -> list[tuple[Any, ...]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return _sections(parser)


def _quick(html: str) -> list[tuple[Any, ...]]:
    parser = _QuickParser()
    parser.read(html)
    return _sections(parser)


@pytest.mark.parametrize("html", TRICKY)
def test_unusual_html_gives_the_sections_material_s_parser_gives(html: str) -> None:
    assert _quick(html) == _material(html)


def test_html_made_of_elements_and_text_is_read_without_htmlparser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_QuickParser, "_read_slowly", _refuse)
    for html in TRICKY:
        if html in SLOW_WAY:
            with pytest.raises(AssertionError, match="read slowly"):
                _quick(html)
        else:
            _quick(html)


def _as_written(path: str, anchor: str) -> str:
    return path + anchor


def _refuse(self: _QuickParser, html: str) -> None:
    raise AssertionError("read slowly")


def test_every_generated_page_gives_the_same_sections_without_htmlparser(
    live_index: SurveyIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the HTML the second process indexes: each generated page of the real survey, its
    blocks written as HTML and converted with the site's extensions, exclusions still marked."""
    config = load_config(str(REPO / "mkdocs.yml"))
    converter = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    )
    pages = [page for page in render_pages(live_index) if page.uri.endswith(".md")]
    excluded = 0
    for page in pages:
        converter.reset()
        html = converter.convert(blocks_as_html(page.content, page.uri, _as_written))
        excluded += "data-search-exclude" in html
        expected = _material(html)
        monkeypatch.setattr(_QuickParser, "_read_slowly", _refuse)
        assert _quick(html) == expected, page.uri
        monkeypatch.undo()
    cited = sum('"Cite this page"' in page.content for page in pages)
    assert excluded >= cited > 100  # parts left out of search: the exclusions were tested
