"""A temporary git repository holding the fixture survey through a few dated commits.

2026-06-01  the fixture survey, its dates moved back to the day the living survey started
2026-07-03  a new paper; a finding's status emerging -> debated; a comment-only edit
2026-08-10  a research question reworded, a new topic; survey.yaml's version -> 2026.08
            (the edition is cut); a paper file renamed (its key changed)
2026-08-20  a finding's claim reworded (changed since the edition); another new paper
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from .conftest import FIXTURE

STARTED = "2026-06-01"
NEW_PAPER = """\
title: {title}
authors:
  - family: Doe
    given: Jane
year: 2026
month: 11
arxiv: '{arxiv}'
topics:
  - sft-vs-rl
summary: A later study of the capability boundary.
added: {added}
"""


def git(repo: Path, *args: str, day: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    if day:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{day}T12:00:00+00:00"
    result = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def commit_all(repo: Path, day: str, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", message, day=day)


def make_history_repo(root: Path, new_title: str = "A later look at RL limits") -> Path:
    """The repository (its data folder is ``<root>/survey_data``); returns the data folder."""
    data = root / "survey_data"
    shutil.copytree(FIXTURE, data)
    for path in data.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace("added: 2026-11-26", f"added: {STARTED}")
        path.write_text(text.replace("started: 2026-11-26", f"started: {STARTED}"), "utf-8")
    git(root, "init", "--quiet", "--initial-branch=main")
    commit_all(root, STARTED, "The fixture survey")

    (data / "papers" / "doe2026later.yaml").write_text(
        NEW_PAPER.format(title=json.dumps(new_title), arxiv="2611.00001", added="2026-07-03"),
        encoding="utf-8",
    )
    finding = data / "findings" / "rlvr-gains-bounded-by-entropy.yaml"
    _edit(finding, "status: emerging", "status: debated")
    _edit(
        finding,
        "added:",
        "  - paper: doe2026later\n    stance: contests\n    methods:\n"
        "      - output-entropy-analysis\nadded:",
    )
    _edit(data / "papers" / "cui2025entropy.yaml", "year: 2025", "# a comment only\nyear: 2025")
    commit_all(root, "2026-07-03", "A new paper; a finding debated")

    taxonomy = data / "taxonomy.yaml"
    _edit(
        taxonomy,
        "title: 'SFT learns, RL repairs: how much SFT cold-start is appropriate?'",
        "title: How much SFT cold-start does RL need?",
    )
    _edit(
        taxonomy,
        "      - id: rl-training-dynamics\n",
        "      - id: rl-schedules\n"
        "        title: RL schedules\n"
        "        summary: How RL training is scheduled.\n"
        "        questions:\n"
        "          - id: schedule-length\n"
        "            title: How long should RL run?\n"
        "      - id: rl-training-dynamics\n",
    )
    _edit(data / "survey.yaml", 'version: "2026.11"', 'version: "2026.08"')
    git(root, "mv", "survey_data/papers/hu2025affects.yaml", "survey_data/papers/hu2025x.yaml")
    _rename_references(data, "hu2025affects", "hu2025x")
    commit_all(root, "2026-08-10", "Edition 2026.08; a question reworded, a topic added")

    _edit(
        data / "findings" / "gains-from-length-not-depth.yaml",
        "claim: ",
        "claim: Reworded. ",
    )
    (data / "papers" / "roe2027after.yaml").write_text(
        NEW_PAPER.format(title="After the edition", arxiv="2611.00002", added="2026-08-20"),
        encoding="utf-8",
    )
    commit_all(root, "2026-08-20", "A claim reworded; a paper after the edition")
    return data


def _rename_references(data: Path, old: str, new: str) -> None:
    for path in data.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new), encoding="utf-8")
