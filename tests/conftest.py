"""Shared helpers: tiny record trees written inline, and the real repository's paths."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from livesurvey import check_survey

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "survey_data"

BASE_TREE: dict[str, str] = {
    "survey.yaml": """\
        title: A tiny survey
        description: A survey used by the tests.
        editors:
          - name: Test Editor
        licence: CC-BY-4.0
        site_url: https://example.org/survey/
        repository_url: https://example.org/repo
        origin: smith2024origin
        started: 2026-01-01
        version: "1.0"
        """,
    "taxonomy.yaml": """\
        dimensions:
          - id: training
            title: Training
            summary: How models are trained.
            topics:
              - id: sft-vs-rl
                title: SFT and RL
                summary: What each stage does.
                questions:
                  - id: capability-boundary
                    title: Does RL add new abilities?
        """,
    "vocab/methods.yaml": """\
        title: Analysis methods
        summary: How evidence was obtained.
        terms:
          - id: linear-probing
            title: linear probing
            summary: Classifiers on hidden states.
        """,
    "papers/smith2024origin.yaml": """\
        title: The original survey
        authors:
          - family: Smith
            given: Ann
        year: 2024
        arxiv: '2401.00001'
        added: 2026-01-01
        """,
    "papers/yue2025reinforcement.yaml": """\
        title: Does RL really help?
        authors:
          - family: Yue
            given: Yang
          - family: Chen
            given: Zhiqi
        more_authors: true
        year: 2025
        arxiv: '2504.13837'
        topics: [sft-vs-rl]
        added: 2026-01-01
        """,
    "findings/rl-sharpens.yaml": """\
        title: RL sharpens
        question: capability-boundary
        claim: RL sharpens what is there.
        status: emerging
        evidence:
          - paper: yue2025reinforcement
            stance: supports
            methods: [linear-probing]
        added: 2026-01-01
        """,
}


def write_tree(root: Path, changes: dict[str, str | None] | None = None) -> Path:
    """Write the base tree with ``changes`` applied (``None`` deletes a file)."""
    files: dict[str, str | None] = {**BASE_TREE, **(changes or {})}
    for relative, text in files.items():
        if text is None:
            continue
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def problems_of(root: Path) -> list[str]:
    _, problems = check_survey(root)
    return [str(p) for p in problems]


@pytest.fixture
def tree(tmp_path: Path):
    """A function that writes a tree with changes and returns its problems as strings."""

    def make(changes: dict[str, str | None] | None = None) -> list[str]:
        return problems_of(write_tree(tmp_path / "data", changes))

    return make
