"""Golden pages of the fixture survey, and output that is the same in every process.

The golden tree is the whole render of tests/fixtures/survey/ (regenerate it with
``python3 dev.py golden`` and review the diff). Rendering must not depend on hash
seeds or other per-process state, so renders from separate processes are compared.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from livesurvey import GeneratedPage

from .conftest import DATA, FIXTURE, REPO
from .golden_pages import golden_files


def _render_in_process(data: Path, out: Path, hash_seed: str) -> dict[str, str]:
    """Render ``data`` with the CLI in a fresh interpreter; each file's SHA-256 by path."""
    result = subprocess.run(
        [
            *(sys.executable, "-m", "livesurvey.cli", "--data", str(data), "render"),
            *("--out", str(out), "--no-history"),  # pages from the records alone, like the golden
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {
        path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }


def _digests(files: dict[str, str]) -> dict[str, str]:
    return {uri: hashlib.sha256(text.encode("utf-8")).hexdigest() for uri, text in files.items()}


def test_every_golden_file_is_rendered_and_nothing_else(
    fixture_pages: dict[str, GeneratedPage],
) -> None:
    assert sorted(fixture_pages) == sorted(golden_files()), (
        "the set of rendered files changed; if intended, run 'python3 dev.py golden'"
    )


@pytest.mark.parametrize("uri", sorted(golden_files()))
def test_page_matches_golden(uri: str, fixture_pages: dict[str, GeneratedPage]) -> None:
    expected = golden_files()[uri]
    assert fixture_pages[uri].content == expected, (
        f"{uri} differs from tests/golden/{uri}; if the change is intended, "
        "run 'python3 dev.py golden' and review the diff"
    )


@pytest.mark.slow
def test_fixture_renders_identically_in_separate_processes(tmp_path: Path) -> None:
    first = _render_in_process(FIXTURE, tmp_path / "a", hash_seed="1")
    second = _render_in_process(FIXTURE, tmp_path / "b", hash_seed="2")
    assert first == second == _digests(golden_files())


@pytest.mark.slow
def test_live_survey_renders_identically_in_separate_processes(
    tmp_path: Path, live_pages: dict[str, GeneratedPage]
) -> None:
    first = _render_in_process(DATA, tmp_path / "a", hash_seed="3")
    second = _render_in_process(DATA, tmp_path / "b", hash_seed="4")
    in_this_process = _digests({uri: page.content for uri, page in live_pages.items()})
    assert first == second == in_this_process
