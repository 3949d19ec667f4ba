"""The livesurvey command as a contributor runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from livesurvey.cli import main

from .conftest import DATA, REPO, write_tree


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "livesurvey.cli", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_on_committed_records_is_clean() -> None:
    result = run_cli("--data", str(DATA), "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("ok: ")
    assert "error" not in result.stdout and "Traceback" not in result.stderr


def test_check_exits_1_and_lists_every_problem(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path / "data",
        {
            "papers/smith2024origin.yaml": "titel: x\n",
            "findings/rl-sharpens.yaml": "claim: x\n",
        },
    )
    result = run_cli("--data", str(root), "check")
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert "papers/smith2024origin.yaml:1:1: unknown field 'titel'; did you mean 'title'?" in lines
    assert lines[-1] == "8 errors, 0 warnings in survey records"  # no "missing title" after "titel"
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert main(["frobnicate"]) == 2
    assert main(["--data", str(tmp_path / "nowhere"), "check"]) == 2
    assert main(["render"]) == 2


def test_render_writes_every_page(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "data")
    out = tmp_path / "out"
    assert main(["--data", str(root), "render", "--out", str(out)]) == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert written == [
        "authors/ann-smith.md",
        "authors/index.md",
        "authors/yang-yue.md",
        "authors/zhiqi-chen.md",
        "bibliography/index.md",
        "comparisons/index.md",
        "dimensions/index.md",
        "dimensions/training/index.md",
        "directions/index.md",
        "findings/index.md",
        "findings/rl-sharpens.md",
        "methods/index.md",
        "methods/linear-probing.md",
        "papers/index.md",
        "papers/smith2024origin.md",
        "papers/yue2025reinforcement.md",
        "reference/anchors.md",
        "reference/comparisons.md",
        "reference/directions.md",
        "reference/findings.md",
        "reference/index.md",
        "reference/papers.md",
        "reference/survey.md",
        "reference/taxonomy.md",
        "reference/training-methods.md",
        "reference/vocab.md",
        "statistics/index.md",
        "topics/sft-vs-rl.md",
        "training-methods/index.md",
        "whats-new/index.md",
    ]
    assert "# RL sharpens {#top .survey-citable}" in (out / "findings/rl-sharpens.md").read_text()
    data_files = sorted(
        p.relative_to(out).as_posix() for p in out.rglob("*") if p.suffix != ".md" and p.is_file()
    )
    assert data_files == [
        "bibliography/survey.bib",
        "bibliography/survey.csl.json",
        "bibliography/survey.json",
        "bibliography/survey.ris",
        "bibliography/survey.schema.json",
        "feed-sft-vs-rl.xml",
        "feed.xml",
        "papers/smith2024origin.bib",
        "papers/yue2025reinforcement.bib",
        "statistics/findings-by-status-dark.svg",
        "statistics/findings-by-status.svg",
        "statistics/methods-by-topic-dark.svg",
        "statistics/methods-by-topic.svg",
        "statistics/papers-per-month-dark.svg",
        "statistics/papers-per-month.svg",
        "topics/sft-vs-rl.bib",
    ]


def test_check_prints_github_annotations(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "data", {"papers/smith2024origin.yaml": "titel: x, y\n"})
    result = run_cli("--data", str(root), "check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert (
        f"::error file={root.as_posix()}/papers/smith2024origin.yaml,line=1,col=1,"
        "title=livesurvey check%3A unknown-field::unknown field 'titel'; did you mean 'title'?"
    ) in lines
    assert all(line.startswith("::error ") for line in lines)
