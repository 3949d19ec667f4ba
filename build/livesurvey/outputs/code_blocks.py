"""Fenced blocks the engine writes, turned into HTML without Python-Markdown's parsing.

BibTeX code blocks are written straight to HTML, without colouring. Every page carries BibTeX
blocks (a paper's entry, 'Cite this page'). Pygments would colour each one and build a
stylesheet for it, about a millisecond a block, thousands of times a build, and colour adds
little to a BibTeX entry. These blocks are the escaped text in the markup that Material styles
and gives a copy button (``div.highlight > pre > code``).

``survey-html`` blocks hold HTML the engine wrote itself (tables, lists, citations), passed
through: see :mod:`livesurvey.outputs.html_blocks`.

Both are registered in mkdocs.yml as custom fences of ``pymdownx.superfences``.
"""

from __future__ import annotations

import html
from typing import Any

KEPT_BLOCKS = "survey_blocks"
"""The Markdown converter's attribute that may hold ``survey-html`` blocks kept aside, by key
(:func:`livesurvey.outputs.html_blocks.blocks_as_html`)."""


def plain_code_block(
    source: str, language: str, class_name: str, options: dict[str, Any], md: Any, **_: Any
) -> str:
    """A fenced block as Material shows highlighted code, with the text escaped, uncoloured."""
    # ``language`` is the fence's name in mkdocs.yml ('bibtex'), never text from a record.
    text = html.escape(source, quote=False)
    return (
        f'<div class="language-{language} highlight"><pre><span></span>'
        f"<code>{text}</code></pre></div>"
    )


def prebuilt_html(
    source: str, language: str, class_name: str, options: dict[str, Any], md: Any, **_: Any
) -> str:
    """A ``survey-html`` block: HTML the engine wrote (:mod:`livesurvey.outputs.html_blocks`),
    every value in it escaped there, passed through as it is; or the key of such HTML kept
    aside in the converter (``md.survey_blocks``)."""
    kept = getattr(md, KEPT_BLOCKS, None)
    return kept.get(source, source) if kept else source
