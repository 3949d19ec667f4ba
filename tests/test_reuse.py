"""Slow parts of a build are reused while their input is unchanged (previewing rebuilds often)."""

from __future__ import annotations

from pathlib import Path

import pytest
from livesurvey import load_survey, render_pages
from livesurvey.outputs import charts, memo, page_data

from .conftest import BASE_TREE, write_tree


def test_bibliography_and_charts_are_reused_until_their_input_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"references": 0, "charts": 0}
    format_references = page_data.format_references
    chart = charts.papers_per_month_chart

    def counted_references(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["references"] += 1
        return format_references(*args, **kwargs)

    def counted_chart(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["charts"] += 1
        return chart(*args, **kwargs)

    memo.forget()  # results kept by earlier tests in this process would hide the first call
    monkeypatch.setattr(page_data, "format_references", counted_references)
    monkeypatch.setattr(charts, "papers_per_month_chart", counted_chart)
    root = write_tree(tmp_path / "data")
    first = {p.uri: p.content for p in render_pages(load_survey(root))}
    again = {p.uri: p.content for p in render_pages(load_survey(root))}
    # The chart is drawn once per colour scheme (light and dark), then kept.
    assert again == first and calls == {"references": 1, "charts": 2}
    finding = BASE_TREE["findings/rl-sharpens.yaml"].replace("RL sharpens what", "RL hones what")
    write_tree(root, {"findings/rl-sharpens.yaml": finding})
    render_pages(load_survey(root))
    assert calls == {"references": 1, "charts": 2}  # a claim changes neither
    paper = BASE_TREE["papers/smith2024origin.yaml"].replace("The original survey", "A survey")
    write_tree(root, {"papers/smith2024origin.yaml": paper})
    changed = {p.uri: p.content for p in render_pages(load_survey(root))}
    assert calls == {"references": 2, "charts": 2}
    assert "A survey" in changed["bibliography/index.md"]
