"""Statistics: the numbers behind the charts, and charts that are reproducible."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from livesurvey import SurveyIndex, load_survey
from livesurvey.model.dates import release_month
from livesurvey.outputs.charts import (
    CHARTS,
    draw_all,
    draw_elsewhere,
    findings_by_status_chart,
    papers_per_month_chart,
)
from livesurvey.outputs.statistics import WINDOW, chart_data, compute_statistics
from livesurvey.records.schema import Status

from .conftest import BASE_TREE, write_tree


def test_numbers_on_a_tiny_survey(tmp_path: Path) -> None:
    index = load_survey(write_tree(tmp_path / "data"))
    stats = compute_statistics(index)
    # smith2024origin: 2401 (no topic); yue2025reinforcement: 2504, topic of 'training'
    assert stats.months[0] == (2024, 1) and stats.months[-1] == (2025, 4)
    assert len(stats.months) == 16
    assert stats.papers_per_month[(2025, 4)] == Counter({"training": 1})
    assert stats.findings_by_status == {"training": Counter({Status.EMERGING: 1})}
    assert stats.methods_by_topic == {("linear-probing", "sft-vs-rl"): 1}


def test_release_month_prefers_the_record_then_the_arxiv_id(tmp_path: Path) -> None:
    paper = BASE_TREE["papers/yue2025reinforcement.yaml"]
    root = write_tree(
        tmp_path / "data",
        {
            "papers/yue2025reinforcement.yaml": paper.replace(
                "year: 2025", "year: 2025\n        month: 6"
            ),
            "papers/smith2024origin.yaml": BASE_TREE["papers/smith2024origin.yaml"].replace(
                "arxiv: '2401.00001'", "url: https://example.org/origin"
            ),
        },
    )
    index = load_survey(root)
    assert release_month(index.papers["yue2025reinforcement"].record) == (2025, 6)
    assert release_month(index.papers["smith2024origin"].record) is None
    other = load_survey(write_tree(tmp_path / "other"))
    assert release_month(other.papers["yue2025reinforcement"].record) == (2025, 4)


def test_fixture_statistics_are_exact(fixture_index: SurveyIndex) -> None:
    stats = compute_statistics(fixture_index)
    statuses = Counter(f.record.status for f in fixture_index.findings.values())
    assert statuses == Counter({Status.EMERGING: 4, Status.ESTABLISHED: 1, Status.DEBATED: 1})
    assert sum(stats.findings_by_status["training"].values()) == 4
    assert sum(stats.findings_by_status["reasoning"].values()) == 2
    assert stats.undated == 1  # feng2025efficient: a journal paper with no month and no arXiv id


def test_live_statistics_add_up(live_index: SurveyIndex) -> None:
    stats = compute_statistics(live_index)
    assert 0 < len(stats.months) <= WINDOW
    total = sum(sum(c.values()) for c in stats.findings_by_status.values())
    assert total == len(live_index.findings)
    dated = sum(1 for p in live_index.papers.values() if release_month(p.record))
    assert dated + stats.undated == len(live_index.papers)


def test_charts_show_the_dimensions(fixture_index: SurveyIndex) -> None:
    data = chart_data(compute_statistics(fixture_index), fixture_index)
    svg = papers_per_month_chart(data)
    assert svg.startswith("<?xml")
    for dimension in fixture_index.dimensions:
        assert dimension.title in svg
    assert "debated" in findings_by_status_chart(data)
    # Charts are compared byte for byte across processes by the golden tests.


def test_the_fresh_process_draws_what_this_one_draws(
    fixture_index: SurveyIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # run from a folder whose files would shadow modules, were it on the process's path
    (tmp_path / "json.py").write_text("raise SystemExit('the folder was on the path')\n")
    (tmp_path / "matplotlib.py").write_text("raise SystemExit('the folder was on the path')\n")
    monkeypatch.chdir(tmp_path)
    data = chart_data(compute_statistics(fixture_index), fixture_index)
    drawn = draw_elsewhere(data)
    assert sorted(drawn) == sorted(n + s for n in CHARTS for s in ("", "-dark"))
    assert drawn == draw_all(data)


def test_a_failure_while_drawing_reaches_the_build_with_its_cause(
    fixture_index: SurveyIndex,
) -> None:
    data = chart_data(compute_statistics(fixture_index), fixture_index)
    with pytest.raises(RuntimeError, match=r"(?s)charts failed.*KeyError: 'no-such-status'"):
        draw_elsewhere(dataclasses.replace(data, statuses=["no-such-status"]))


def test_dollar_signs_in_titles_are_not_mathematics(tmp_path: Path) -> None:
    taxonomy = BASE_TREE["taxonomy.yaml"].replace("title: Training", "title: 'Costs $x$ and $'")
    index = load_survey(write_tree(tmp_path / "data", {"taxonomy.yaml": taxonomy}))
    svg = papers_per_month_chart(chart_data(compute_statistics(index), index))
    assert "Costs $x$ and $" in svg
