"""Citations and record references in hand-written pages."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from livesurvey import CitationExpander, load_survey

from .conftest import BASE_TREE, copy_project, mkdocs_build, write_tree


def _expand(tmp_path: Path, text: str):
    index = load_survey(write_tree(tmp_path / "data"))
    expanded, problems = CitationExpander(index).expand(text, "guide/page.md", "docs/guide/page.md")
    return expanded, [str(p) for p in problems]


def test_single_and_multiple_citations(tmp_path: Path) -> None:
    text, problems = _expand(
        tmp_path, "See [@yue2025reinforcement] and [@smith2024origin; @yue2025reinforcement]."
    )
    assert problems == []
    # Record text is inert for Markdown and HTML: punctuation as numeric entities.
    yue = (
        '<a href="../../papers/yue2025reinforcement/" title="Does RL really help&#63;">'
        "Yue et al&#46;&#44; 2025</a>"
    )
    smith = (
        '<a href="../../papers/smith2024origin/" title="The original survey">Smith&#44; 2024</a>'
    )
    assert text == f"See ({yue}) and ({smith}; {yue})."


def test_record_references_by_id(tmp_path: Path) -> None:
    text, problems = _expand(
        tmp_path,
        "[[finding:rl-sharpens]] answers [[question:capability-boundary]] in [[topic:sft-vs-rl]].",
    )
    assert problems == []
    assert text == (
        '<a href="../../findings/rl-sharpens/" title="RL sharpens what is there&#46;">RL sharpens</a> '
        'answers <a href="../../topics/sft-vs-rl/#capability-boundary" title="A research question '
        'of SFT and RL">Does RL add new abilities&#63;</a> in <a href="../../topics/sft-vs-rl/" '
        'title="What each stage does&#46;">SFT and RL</a>.'
    )


def test_code_is_left_alone(tmp_path: Path) -> None:
    source = "Write `[@key]` to cite.\n```\n[@nothing]\n```\n"
    text, problems = _expand(tmp_path, source)
    assert (text, problems) == (source, [])


def test_unknown_keys_and_ids_name_page_line_and_suggestion(tmp_path: Path) -> None:
    _, problems = _expand(
        tmp_path, "Intro.\n\nAs shown [@yue2025reinforcment].\n[[finding:rl-sharpen]]\n"
    )
    assert problems == [
        "docs/guide/page.md:3:1: unknown citation key 'yue2025reinforcment'; "
        "did you mean 'yue2025reinforcement'?",
        "docs/guide/page.md:4:1: unknown finding id 'rl-sharpen'; did you mean 'rl-sharpens'?",
    ]


def test_unknown_record_kind_is_reported(tmp_path: Path) -> None:
    text, problems = _expand(tmp_path, "See [[topc:sft-vs-rl]].")
    assert problems == ["docs/guide/page.md:1:1: unknown record kind 'topc'; did you mean 'topic'?"]
    assert "[[" not in text.replace("\\[\\[", "")


def test_citation_keys_that_are_not_slugs_work(tmp_path: Path) -> None:
    index = load_survey(
        write_tree(
            tmp_path / "data",
            {
                "papers/smith2024origin.yaml": """\
                key: Smith:2024abc
                title: The original survey
                authors:
                  - family: Smith
                year: 2024
                added: 2026-01-01
                """
            },
        )
    )
    expander = CitationExpander(index)
    by_key, _ = expander.expand("[@Smith:2024abc]", "index.md", "docs/index.md")
    by_id, _ = expander.expand("[@smith2024origin]", "index.md", "docs/index.md")
    assert (
        by_key
        == by_id
        == ('(<a href="papers/smith2024origin/" title="The original survey">Smith&#44; 2024</a>)')
    )


@pytest.mark.slow
def test_unknown_citation_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    about = project / "docs" / "about.md"
    about.write_text(about.read_text() + "\nWrongly cited [@yue2025reinforcment].\n")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/about.md:" in result.stderr
    assert (
        "unknown citation key 'yue2025reinforcment'; did you mean 'yue2025reinforcement'?"
        in result.stderr
    )


def test_quotes_and_markup_in_titles_stay_inside_the_tooltip(tmp_path: Path) -> None:
    title = (
        "Do models 'think' (or just 'guess')? \"<img src=x onerror=alert(1)>\" "
        "[a](onmouseover=alert(2)//) [click](javascript:alert(3)) `code` *stars*"
    )
    paper = BASE_TREE["papers/yue2025reinforcement.yaml"].replace(
        "title: Does RL really help?", "title: '" + title.replace("'", "''") + "'"
    )
    index = load_survey(write_tree(tmp_path / "data", {"papers/yue2025reinforcement.yaml": paper}))
    text, _ = CitationExpander(index).expand(
        "See [@yue2025reinforcement].", "index.md", "docs/index.md"
    )
    html_out = markdown.markdown(text)
    assert html_out.count("<a ") == 1 and "<img" not in html_out and "<code>" not in html_out
    assert "javascript:" not in html_out and "onmouseover=" not in html_out
    assert 'href="papers/yue2025reinforcement/"' in html_out
    assert "&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;" in html_out
