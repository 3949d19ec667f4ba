"""Record text is untrusted: it must render as text, never as markup or script."""

from __future__ import annotations

from pathlib import Path

import markdown
from livesurvey import load_survey, render_pages
from livesurvey.core.text import escape_markdown, inline_code

from .conftest import write_tree

HOSTILE = "<script>alert(1)</script> **bold** [x](javascript:alert(2)) :smile: a|b {#id} `code`"


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "tables", "md_in_html"])


def test_escaped_text_renders_literally() -> None:
    html = _html(escape_markdown(HOSTILE))
    assert "<script" not in html
    assert "<strong>" not in html and "<a " not in html and "<code>" not in html
    assert "&lt;script&gt;" in html
    assert "**bold**" in html


def test_inline_code_survives_backticks() -> None:
    assert _html(inline_code("a`b")) == "<p><code>a`b</code></p>"


def test_hostile_record_renders_as_text(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path / "data",
        {
            "findings/rl-sharpens.yaml": f"""\
        title: 'Hostile {HOSTILE.replace("'", "''")}'
        question: capability-boundary
        claim: '{HOSTILE.replace("'", "''")}'
        status: emerging
        evidence:
          - paper: yue2025reinforcement
            stance: supports
            methods: [linear-probing]
            note: '| broken | table |'
        added: 2026-01-01
        """
        },
    )
    pages = {p.uri: p.content for p in render_pages(load_survey(root))}
    for uri in ("findings/rl-sharpens.md", "topics/sft-vs-rl.md", "papers/yue2025reinforcement.md"):
        html = _html(pages[uri])
        assert "<script" not in html, uri
        assert 'href="javascript' not in html, uri
    evidence_table = _html(pages["findings/rl-sharpens.md"]).split("<table>")[2]
    assert evidence_table.count("<td>") == 4  # the note's pipes did not split the row
