"""The live preview ('dev.py serve'): invalid records show in the browser, not only in the terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import copy_project

pytestmark = pytest.mark.slow


def test_invalid_records_show_on_the_page_while_previewing(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    bad = project / "survey_data" / "papers" / "zz2026broken.yaml"
    bad.write_text(
        "title: Broken\nyear: soon\n'<img src=x onerror=alert(1)>': 1\nadded: 2026-01-01\n"
    )
    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(out)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "LIVESURVEY_PREVIEW": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "The records cannot be built; fix these, and the page reloads by itself" in home
    assert "papers/zz2026broken.yaml:2:7: field &#x27;year&#x27; should be a whole number" in home
    assert "<img src=x" not in home and "&lt;img src=x onerror=alert(1)&gt;" in home
    assert "survey records are not valid" in result.stderr


def test_serve_hands_its_process_to_mkdocs() -> None:
    source = (Path(__file__).resolve().parent.parent / "dev.py").read_text(encoding="utf-8")
    serve = source[source.index("def serve()") : source.index("def check()")]
    assert "os.execve(" in serve and "LIVESURVEY_PREVIEW" in serve and "--no-strict" in serve
