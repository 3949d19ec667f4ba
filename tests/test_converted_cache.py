"""Pages converted by one build are reused by the next while nothing they depend on changed."""

from __future__ import annotations

import filecmp
import re
import shutil
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config

from .conftest import REPO, copy_project, mkdocs_build

sys.path.insert(0, str(REPO / "hooks"))
from converted_cache import packed, signature, unpacked

COUNTS = re.compile(r"generated pages: (\d+) converted, (\d+) reused")


def _counts(stderr: str) -> tuple[int, int]:
    found = COUNTS.search(stderr)
    assert found, stderr[-2000:]
    return int(found.group(1)), int(found.group(2))


def _same_sites(one: Path, other: Path) -> None:
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    _, differ, errors = filecmp.cmpfiles(one, other, files, shallow=False)
    assert (differ, errors) == ([], [])


@pytest.mark.slow
def test_a_second_build_converts_again_only_the_pages_whose_text_changed(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    first = mkdocs_build(project, tmp_path / "first", "--strict")
    assert first.returncode == 0, first.stderr
    converted, reused = _counts(first.stderr)
    assert converted > 500 and reused == 0
    # a contributor corrects one paper's title
    paper = sorted((project / "survey_data" / "papers").glob("*.yaml"))[0]
    text = paper.read_text(encoding="utf-8")
    title = text.splitlines()[0]
    paper.write_text(text.replace(title, title + " (corrected)", 1), encoding="utf-8")
    second = mkdocs_build(project, tmp_path / "second", "--strict")
    assert second.returncode == 0, second.stderr
    again, kept = _counts(second.stderr)
    assert again + kept == converted
    assert 0 < again < converted // 10  # the paper's page and the pages that list it
    page = (tmp_path / "second" / "papers" / paper.stem / "index.html").read_text("utf-8")
    assert "(corrected)" in page
    # and the site is the one MkDocs builds by itself from the same records
    inline = mkdocs_build(
        project, tmp_path / "inline", "--strict", env={"LIVESURVEY_RENDER": "inline"}
    )
    assert inline.returncode == 0, inline.stderr
    assert COUNTS.search(inline.stderr) is None
    _same_sites(tmp_path / "second", tmp_path / "inline")


@pytest.mark.slow
def test_converted_pages_are_kept_only_for_the_same_configuration(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert signature(load_config(str(project / "mkdocs.yml"))) == signature(
        load_config(str(project / "mkdocs.yml"))
    )
    shutil.rmtree(project / ".cache", ignore_errors=True)
    assert mkdocs_build(project, tmp_path / "first").returncode == 0
    settings = project / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("permalink: true", "permalink: '#'"), encoding="utf-8")
    changed = mkdocs_build(project, tmp_path / "second")
    assert changed.returncode == 0, changed.stderr
    assert _counts(changed.stderr)[1] == 0  # every page converted again, with the new setting
    assert 'class="headerlink" href="#top" title="Permanent link">#</a>' in (
        tmp_path / "second" / "papers" / "index.html"
    ).read_text("utf-8")


def test_a_damaged_pack_loses_only_what_it_cannot_hold() -> None:
    entries = {"papers/a.md": b"one", "papers/b.md": b"two" * 100, "papers/c.md": b"three"}
    whole = packed(entries)
    assert unpacked(whole) == entries
    cut = whole[: len(whole) - 2]  # the last entry's data cut short
    assert unpacked(cut) == {"papers/a.md": b"one", "papers/b.md": b"two" * 100}
    assert unpacked(b"\xff\xff") == {}
    assert unpacked(b"") == {}
