"""Statistics: the numbers behind the charts, and charts that are reproducible."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from livesurvey import load_survey
from livesurvey.model.dates import release_month
from livesurvey.outputs.charts import findings_by_status_chart, papers_per_month_chart
from livesurvey.outputs.statistics import compute_statistics
from livesurvey.records.schema import Status

from .conftest import DATA, write_tree


def test_numbers_on_a_tiny_survey(tmp_path: Path) -> None:
    index = load_survey(write_tree(tmp_path / "data"))
    stats = compute_statistics(index)
    # smith2024origin: 2401 (no topic); yue2025reinforcement: 2504, topic of 'training'
    assert stats.months[0] == (2024, 1) and stats.months[-1] == (2025, 4)
    assert len(stats.months) == 16
    assert stats.papers_per_month[(2025, 4)] == Counter({"training": 1})
    assert stats.findings_by_status == {"training": Counter({Status.EMERGING: 1})}
    assert stats.methods_by_topic == {("linear-probing", "sft-vs-rl"): 1}


def test_release_month_prefers_the_record_then_the_arxiv_id() -> None:
    index = load_survey(DATA)
    assert release_month(index.papers["yue2025reinforcement"].record) == (2025, 4)
    assert release_month(index.papers["zeng2025rejump"].record) == (2025, 12)
    assert release_month(index.papers["feng2025efficient"].record) is None


def test_real_statistics_add_up() -> None:
    index = load_survey(DATA)
    stats = compute_statistics(index)
    assert len(stats.months) == 24
    total = sum(sum(c.values()) for c in stats.findings_by_status.values())
    assert total == len(index.findings) == 76


def test_charts_are_byte_identical_across_builds() -> None:
    index = load_survey(DATA)
    stats = compute_statistics(index)
    first = papers_per_month_chart(stats, index), findings_by_status_chart(stats, index)
    second = papers_per_month_chart(stats, index), findings_by_status_chart(stats, index)
    assert first == second
    assert first[0].startswith("<?xml") and "Understanding LRM Failures" in first[0]


def test_dollar_signs_in_titles_are_not_mathematics(tmp_path: Path) -> None:
    from .conftest import BASE_TREE

    taxonomy = BASE_TREE["taxonomy.yaml"].replace("title: Training", "title: 'Costs $x$ and $'")
    index = load_survey(write_tree(tmp_path / "data", {"taxonomy.yaml": taxonomy}))
    svg = papers_per_month_chart(compute_statistics(index), index)
    assert "Costs $x$ and $" in svg
