"""Comparison tables declared in YAML: checked like any record, rendered as sortable tables."""

from __future__ import annotations

from pathlib import Path

from livesurvey import load_survey, render_pages

from .conftest import write_tree

COMPARISON = """\
    title: Probing papers
    summary: Papers that probe.
    rows: {rows}
    filter:
      methods: [linear-probing]
      {extra}
    columns: [{columns}]
    sort: [{sort}]
    added: 2026-01-01
    """


def _comparison(rows="papers", columns="label, year, findings", sort="-year", extra="") -> str:
    return COMPARISON.format(rows=rows, columns=columns, sort=sort, extra=extra)


def test_unknown_columns_and_misplaced_filters_are_reported(tree) -> None:
    problems = tree(
        {
            "comparisons/probing.yaml": _comparison(
                columns="label, yaer", sort="-findngs", extra="status: [debated]"
            )
        }
    )
    assert problems == [
        "comparisons/probing.yaml:6:11: 'status' filters findings, but this comparison has "
        "papers as rows; remove it",
        "comparisons/probing.yaml:7:18: unknown papers column 'yaer'; did you mean 'year'?",
        "comparisons/probing.yaml:8:8: unknown papers column 'findngs'; did you mean 'findings'?",
    ]


def test_unknown_row_kind(tree) -> None:
    problems = tree({"comparisons/probing.yaml": _comparison(rows="authors")})
    assert problems == [
        "comparisons/probing.yaml:3:7: field 'rows' has 'authors'; expected one of "
        "'papers' or 'findings'"
    ]


def test_rows_are_filtered_and_sorted(tmp_path: Path) -> None:
    extra_paper = """\
        title: A probing study
        authors:
          - family: Zed
        year: 2026
        topics: [sft-vs-rl]
        methods: [linear-probing]
        added: 2026-01-01
        """
    root = write_tree(
        tmp_path / "data",
        {
            "comparisons/probing.yaml": _comparison(),
            "papers/zed2026probing.yaml": extra_paper,
        },
    )
    page = next(
        p.content for p in render_pages(load_survey(root)) if p.uri == "comparisons/probing.md"
    )
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert rows == [
        "| [Zed, 2026](../papers/zed2026probing.md) | 2026 | 0 |",
        "| [Yue et al\\., 2025](../papers/yue2025reinforcement.md) | 2025 | 1 |",
    ]
    assert "2 papers. This table is declared in `comparisons/probing.yaml`" in page
