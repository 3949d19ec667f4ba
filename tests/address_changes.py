"""A copy of the fixture survey after a year of curation: every kind of change to its ids.

Shared by the unit tests of anchors.yaml and the browser test that follows every old address.
Each change is recorded the way a curator would: ``livesurvey anchors gone`` while the record
still exists, then the edit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from livesurvey.cli import main

from .conftest import FIXTURE

RENAMED_PAPER = ("hu2025affects", "hu2025whataffects")
RETIRED_PAPER = "mi-peaks-2025"
MERGED_FINDING = ("rlvr-gains-bounded-by-entropy", "rlvr-compresses-not-expands")
MOVED_QUESTION = ("effective-depth", "internal-mechanisms", "rl-training-dynamics")
"""The question, the topic it was on, the topic it moves to."""
MOVED_FINDING = "gains-from-length-not-depth"
"""A finding on the moved question: its anchor moves with it."""
MERGED_TERM = ("output-entropy-analysis", "pass-at-k-evaluation")
HOSTILE_REASON = "Withdrawn <script>alert(1)</script> [x](javascript:alert(2)) by its authors"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _gone(data: Path, *args: str) -> None:
    assert main(["--data", str(data), "anchors", "gone", *args, "--date", "2026-06-01"]) == 0


def recorded_fixture(data: Path) -> Path:
    """The fixture survey with every address it publishes recorded in anchors.yaml."""
    shutil.copytree(FIXTURE, data)
    assert main(["--data", str(data), "anchors", "record"]) == 0
    return data


def change_ids(data: Path) -> Path:
    """Rename a paper, retire one, merge two findings, move a question, merge two terms."""
    old, new = RENAMED_PAPER
    _gone(
        data, "papers", old, "--fate", "renamed", "--to", new, "--reason", "Key follows the title."
    )
    (data / "papers" / f"{old}.yaml").rename(data / "papers" / f"{new}.yaml")
    _edit(data / "directions.yaml", f"- {old}", f"- {new}")
    _edit(data / "findings" / f"{MOVED_FINDING}.yaml", f"paper: {old}", f"paper: {new}")

    _gone(data, "papers", RETIRED_PAPER, "--fate", "retired", "--reason", HOSTILE_REASON)
    (data / "papers" / f"{RETIRED_PAPER}.yaml").unlink()

    merged, into = MERGED_FINDING
    _gone(data, "findings", merged, "--fate", "merged", "--to", into, "--reason", "One claim.")
    (data / "findings" / f"{merged}.yaml").unlink()

    question, old_topic, new_topic = MOVED_QUESTION
    taxonomy = data / "taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    block = "          - id: effective-depth\n            title: Do LRMs make use of more depth?\n"
    assert block in text
    text = text.replace(block, "")
    anchor = "          - id: exploration-exploitation\n"
    text = text.replace(anchor, block + anchor)
    taxonomy.write_text(text, encoding="utf-8")
    assert question in text and old_topic in text and new_topic in text

    term, kept = MERGED_TERM
    _gone(data, "methods", term, "--fate", "merged", "--to", kept, "--reason", "Same method.")
    vocabulary = data / "vocab" / "methods.yaml"
    lines = vocabulary.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - id: {term}\n")
    del lines[start : start + 3]
    vocabulary.write_text("".join(lines), encoding="utf-8")
    _edit(data / "findings" / "entropy-collapse-in-basic-rl.yaml", f"- {term}", f"- {kept}")
    return data
