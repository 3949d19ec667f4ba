"""Slow parts of a build are reused while their input is unchanged: in memory while previewing,
and on disk (the cache folder) between builds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from livesurvey import load_survey, render_pages
from livesurvey.outputs import bibliography, charts, memo
from livesurvey.outputs.memo import CACHE_FOLDER, fingerprint

from .conftest import BASE_TREE, write_tree

ORIGIN = "papers/smith2024origin.yaml"
BASE_PAPERS = [name for name in BASE_TREE if name.startswith("papers/")]


class Counted:
    """Counts what the slow parts are asked to do."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.formatted: list[str] = []
        self.charts = 0
        format_references = bibliography.format_references
        draw = charts.draw_elsewhere

        def counted_references(papers, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.formatted += [paper.id for paper in papers]
            return format_references(papers, *args, **kwargs)

        def counted_drawing(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.charts += 1  # every chart in both colour schemes, in one fresh process
            return draw(*args, **kwargs)

        monkeypatch.setattr(bibliography, "format_references", counted_references)
        monkeypatch.setattr(charts, "draw_elsewhere", counted_drawing)

    def reset(self) -> None:
        self.formatted, self.charts = [], 0


def _pages(root: Path, cache: Path | None = None, counted: Counted | None = None) -> dict[str, str]:
    """Every page rendered; ``counted`` counts what the render did (not the check's probes)."""
    index = load_survey(root)
    if counted:
        counted.reset()
    return {p.uri: p.content for p in render_pages(index, cache_dir=cache)}


def test_in_memory_results_are_reused_until_their_input_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo.forget()  # results kept by earlier tests in this process would hide the first call
    counted = Counted(monkeypatch)
    root = write_tree(tmp_path / "data")
    first = _pages(root, counted=counted)
    assert len(counted.formatted) == len(BASE_PAPERS) and counted.charts == 1
    assert _pages(root, counted=counted) == first
    assert counted.formatted == [] and counted.charts == 0
    finding = BASE_TREE["findings/rl-sharpens.yaml"].replace("RL sharpens what", "RL hones what")
    write_tree(root, {"findings/rl-sharpens.yaml": finding})
    _pages(root, counted=counted)
    assert counted.formatted == [] and counted.charts == 0  # a claim changes neither
    write_tree(root, {ORIGIN: BASE_TREE[ORIGIN].replace("The original survey", "A survey")})
    changed = _pages(root, counted=counted)
    assert counted.formatted == ["smith2024origin"]  # only the changed record, again
    assert counted.charts == 0  # the statistics did not change
    assert "A survey" in changed["bibliography/index.md"]


def test_the_disk_cache_serves_a_new_process_and_reformats_only_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = Counted(monkeypatch)
    root = write_tree(tmp_path / "data")
    cache = tmp_path / "cache"
    memo.forget()
    first = _pages(root, cache, counted)
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172")
    stored = json.loads((cache / "references.json").read_text())["entries"]
    assert len(stored) == len(counted.formatted) == len(BASE_PAPERS)
    memo.forget()  # as in a new process: only the disk is left
    assert _pages(root, cache, counted) == first
    assert counted.formatted == [] and counted.charts == 0
    write_tree(root, {ORIGIN: BASE_TREE[ORIGIN].replace("The original survey", "A survey")})
    memo.forget()
    changed = _pages(root, cache, counted)
    assert counted.formatted == ["smith2024origin"] and counted.charts == 0
    assert changed["bibliography/index.md"] != first["bibliography/index.md"]
    after = json.loads((cache / "references.json").read_text())["entries"]
    assert len(after) == len(stored)  # the old entry went: the cache holds one build's worth


def test_the_cache_is_safe_to_delete_or_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_tree(tmp_path / "data")
    cache = tmp_path / "cache"
    memo.forget()
    expected = _pages(root)  # no disk cache at all
    memo.forget()
    assert _pages(root, cache) == expected
    (cache / "references.json").write_text('{"format": 1, "entries": [')  # cut short
    (cache / "paper-bibtex.json").write_text('{"format": 999, "entries": {}}')  # other layout
    (cache / "charts.json").unlink()
    counted = Counted(monkeypatch)
    memo.forget()
    assert _pages(root, cache, counted) == expected
    assert len(counted.formatted) == len(BASE_PAPERS) and counted.charts == 1
    assert json.loads((cache / "references.json").read_text())["format"] == memo.CACHE_FORMAT
    shutil.rmtree(cache)
    memo.forget()
    assert _pages(root, cache) == expected


def test_the_cache_can_be_turned_off(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "data")
    cache = tmp_path / "cache"
    with memo.persisted(cache, environ={memo.DISABLE_VARIABLE: "off"}):
        memo.remembered("kind", "key", lambda: "value", persist=True)
    assert not cache.exists()
    assert _pages(root) == _pages(root, cache)


def test_fingerprints_depend_on_content_not_on_order() -> None:
    from collections import Counter

    ties = Counter({"a": 2, "b": 2})
    reordered = Counter({"b": 2, "a": 2})
    assert str(ties) != str(reordered)  # what a hash of the text would see
    assert fingerprint({(2025, 1): ties}) == fingerprint({(2025, 1): reordered})
    assert fingerprint({"x": [1, 2]}) != fingerprint({"x": [2, 1]})  # lists keep their order
    assert fingerprint({1, 2, 3}) == fingerprint({3, 2, 1})


@pytest.mark.slow
def test_a_second_process_with_another_hash_seed_reuses_every_result(tmp_path: Path) -> None:
    """`livesurvey render` twice, as two builds would: the second computes nothing again,
    whatever order sets and ties come out in (PYTHONHASHSEED differs)."""
    project = tmp_path / "project"
    write_tree(project / "survey_data")
    cache = project / CACHE_FOLDER

    def render(seed: str) -> dict[str, str]:
        out = tmp_path / f"out-{seed}"
        command = [sys.executable, "-m", "livesurvey.cli", "--data", "survey_data"]
        subprocess.run(
            [*command, "render", "--out", str(out)],
            cwd=project,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
        )
        return {p.name: p.read_text() for p in sorted(cache.glob("*.json"))}

    first = render("1")
    assert set(first) == {"charts.json", "paper-bibtex.json", "references.json"}
    stamps = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.json")}
    assert render("2") == first
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.json")} == stamps  # not rewritten


def test_results_cached_by_other_engine_code_are_not_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change to the engine (a new chart, another reference layout) or a library upgrade
    makes the whole cache stale: nothing it holds was computed by the code now running."""
    root = write_tree(tmp_path / "data")
    cache = tmp_path / "cache"
    memo.forget()
    expected = _pages(root, cache)
    counted = Counted(monkeypatch)
    monkeypatch.setattr(memo, "engine_signature", lambda: "another version of the engine")
    memo.forget()
    assert _pages(root, cache, counted) == expected
    assert len(counted.formatted) == len(BASE_PAPERS) and counted.charts == 1
    stored = json.loads((cache / "references.json").read_text())
    assert stored["engine"] == "another version of the engine"
