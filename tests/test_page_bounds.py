"""Pages whose size would grow with the survey stay bounded, and say where the rest is."""

from __future__ import annotations

from pathlib import Path

import pytest
from livesurvey import load_survey, render_pages
from livesurvey.outputs import page_data

from .conftest import write_tree

SECOND = """\
    title: RL narrows
    question: capability-boundary
    claim: RL narrows the paths.
    status: emerging
    evidence:
      - paper: smith2024origin
        stance: supports
        methods: [linear-probing]
    added: 2026-01-01
    """


def test_finding_pages_list_a_bounded_number_of_other_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_data, "MAX_SIBLINGS", 0)
    monkeypatch.setattr(page_data, "MAX_MATRIX_PAPERS", 1)
    root = write_tree(tmp_path / "data", {"findings/rl-narrows.yaml": SECOND})
    pages = {p.uri: p.content for p in render_pages(load_survey(root))}
    finding = pages["findings/rl-sharpens.md"]
    assert "- and 1 more, all listed under [Does RL add new abilities" in finding
    assert "rl-narrows" not in finding.split("## Other findings on this question")[1]
    topic = pages["topics/sft-vs-rl.md"]
    header = next(line for line in topic.splitlines() if line.startswith("| Finding |"))
    assert header.count("../papers/") == 1
    assert "The 1 papers shown bear on the most findings; 1 more appear" in topic
