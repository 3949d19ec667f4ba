"""What index pages and record pages summarise: the papers index's order and columns, the
bibliography's links, a topic's analysis methods, a finding's evidence by stance.

Exact expectations come from tiny inline trees and from the fixture survey.
"""

from __future__ import annotations

import re
from pathlib import Path

from livesurvey import GeneratedPage, load_survey, render_pages

from .conftest import write_tree


def _paper(year: int, month: int | None, arxiv: str | None, *, title: str) -> str:
    lines = [f"title: {title}", "authors:", "  - family: Doe", f"year: {year}"]
    if month:
        lines.append(f"month: {month}")
    if arxiv:
        lines.append(f"arxiv: '{arxiv}'")
    lines += ["topics: [sft-vs-rl]", "added: 2026-01-01"]
    return "\n".join(lines) + "\n"


def test_papers_index_is_newest_first_by_year_month_then_arxiv_id(tmp_path: Path) -> None:
    papers = {
        "papers/a-late-number.yaml": _paper(2025, 4, "2504.20000", title="A"),
        "papers/b-early-number.yaml": _paper(2025, 4, "2504.01234", title="B"),
        "papers/c-may.yaml": _paper(2025, 5, "2505.00001", title="C"),
        "papers/d-no-month.yaml": _paper(2025, None, None, title="D"),
        "papers/e-old.yaml": _paper(2024, 12, "2412.99999", title="E"),
    }
    index = load_survey(write_tree(tmp_path / "data", papers))  # type: ignore[arg-type]
    page = {p.uri: p.content for p in render_pages(index)}["papers/index.md"]
    order = re.findall(r"^\| \[[^]]*\]\(([^)]+)\.md\)", page, re.M)
    assert order == [
        "c-may",
        "a-late-number",
        "b-early-number",
        "yue2025reinforcement",  # 2025, no month, arXiv 2504.13837: after every month of 2025
        "d-no-month",
        "e-old",
        "smith2024origin",
    ]
    row = next(line for line in page.splitlines() if "(a-late-number.md)" in line)
    assert "| 2025\\-04 | [2504\\.20000](https://arxiv.org/abs/2504.20000) |" in row
    assert "| 2025 |  |" in next(line for line in page.splitlines() if "d-no-month" in line)


def test_bibliography_links_arxiv_ids_and_dois_and_prints_an_authorless_title_once(
    tmp_path: Path,
) -> None:
    papers = {
        "papers/anon2025.yaml": """\
        title: A work whose authors are unknown
        year: 2025
        arxiv: '2506.02867'
        short_name: ANON
        topics: [sft-vs-rl]
        curator_notes: [Authors not given by the source.]
        added: 2026-01-01
        """,
        "papers/doi2025.yaml": """\
        title: A journal article
        authors:
          - family: Doe
        year: 2025
        venue: A journal
        doi: 10.1234/x&y'(z)
        arxiv: '2501.00001'
        topics: [sft-vs-rl]
        added: 2026-01-01
        """,
    }
    index = load_survey(write_tree(tmp_path / "data", papers))
    page = {p.uri: p.content for p in render_pages(index)}["bibliography/index.md"]
    anon = next(line for line in page.splitlines() if 'id="anon2025"' in line)
    assert anon.count("A work whose authors are unknown") == 1 and "ANON" not in anon
    assert '<a href="https://arxiv.org/abs/2506.02867">' in anon
    doi = next(line for line in page.splitlines() if 'id="doi2025"' in line)
    assert '<a href="https://doi.org/10.1234/x&amp;y&#x27;%28z%29">' in doi
    assert '<a href="https://arxiv.org/abs/2501.00001">arXiv:2501.00001</a>' in doi


def test_topic_pages_count_the_methods_behind_their_evidence(
    fixture_pages: dict[str, GeneratedPage],
) -> None:
    page = fixture_pages["topics/sft-vs-rl.md"].content
    section = page[page.index("## Analysis methods {#methods}") : page.index("## Evidence matrix")]
    rows = [line for line in section.splitlines() if line.startswith("| [")]
    assert [re.findall(r"\| (\d+) \|", row)[0] for row in rows] == ["3", "1", "1"]
    assert rows[0].startswith("| [training intervention](../methods/training-intervention.md)")
    assert "(sft-vs-rl.md#rlvr-compresses-not-expands)" in rows[0]


def test_finding_pages_group_evidence_by_stance_with_counts(
    fixture_pages: dict[str, GeneratedPage],
) -> None:
    page = fixture_pages["findings/rlvr-compresses-not-expands.md"].content
    headings = re.findall(r"^### (.*)$", page, re.M)
    assert headings == [
        "A paper that supports it \\(1\\) {#evidence-supports}",
        "A paper that contests it \\(1\\) {#evidence-contests}",
        "A paper that qualifies it \\(1\\) {#evidence-qualifies}",
    ]
    assert (
        "## Evidence {#evidence}" in page
        and "## Other findings on this question {#related}" in page
    )
    contests = page[page.index("{#evidence-contests}") : page.index("{#evidence-qualifies}")]
    assert "(../papers/liu2025prorl.md)" in contests
