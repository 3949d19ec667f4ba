"""Editions with mike, on a temporary git repository of the project: two editions cut, the live
site published beside them, and the older edition marked outdated in a real browser."""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import REPO, copy_project, served
from .history_repo import commit_all, git
from .site_audit import BROWSER_ARGS, CHROMIUM

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent


def _dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev", REPO / "dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _set_version(project: Path, version: str) -> None:
    survey = project / "survey_data" / "survey.yaml"
    text = survey.read_text(encoding="utf-8")
    lines = [
        f'version: "{version}"' if line.startswith("version:") else line
        for line in text.splitlines()
    ]
    survey.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _tree(project: Path) -> Path:
    """The gh-pages branch, extracted next to the project."""
    out = project.parent / "gh-pages"
    data = subprocess.run(
        ["git", "archive", "--format=tar", "gh-pages"],
        cwd=project,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(out, filter="data")
    return out


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, list[bool]]]:
    dev = _dev()
    project = copy_project(tmp_path_factory.mktemp("editions"))
    git(project, "init", "--quiet", "--initial-branch=main")
    _set_version(project, "2026.10")
    commit_all(project, "2026-10-30", "The survey")
    cut = [dev.cut_edition(project, BIN)]
    _set_version(project, "2026.11")
    commit_all(project, "2026-11-20", "Edition 2026.11")
    cut.append(dev.cut_edition(project, BIN))
    cut.append(dev.cut_edition(project, BIN))  # again: the edition exists and stays frozen
    live = project.parent / "live"
    (live / "papers").mkdir(parents=True)
    (live / "index.html").write_text("<p>the live site</p>")
    (live / "papers" / "index.html").write_text("<p>papers</p>")
    dev.publish_live(project, live)
    yield project, _tree(project), cut


def test_two_editions_and_the_live_site_share_the_branch(
    published: tuple[Path, Path, list[bool]],
) -> None:
    project, tree, cut = published
    assert cut == [True, True, False]
    versions = json.loads((tree / "editions" / "versions.json").read_text())
    assert versions == [
        {"version": "2026.11", "title": "2026.11", "aliases": ["latest"]},
        {"version": "2026.10", "title": "2026.10", "aliases": []},
    ]
    for version in ("2026.10", "2026.11"):
        page = tree / "editions" / version / "papers" / "yue2025reinforcement" / "index.html"
        html = page.read_text(encoding="utf-8")
        assert f"Edition {version}, frozen" in html
        assert f"/editions/{version}/papers/yue2025reinforcement/" in html  # cite this edition
        assert 'data-md-component="outdated"' in html  # Material's banner, shown when outdated
        assert "You are reading an earlier, frozen edition" in html
    latest = (tree / "editions" / "latest" / "index.html").read_text(encoding="utf-8")
    assert "../2026.11/" in latest  # mike's redirect of the alias
    assert "latest/" in (tree / "editions" / "index.html").read_text(encoding="utf-8")
    assert (tree / "index.html").read_text() == "<p>the live site</p>"
    assert (tree / "papers" / "index.html").exists() and (tree / ".nojekyll").exists()
    messages = git(project, "log", "--format=%s", "gh-pages").splitlines()
    assert messages[0].startswith("Live site from")
    assert sum("Edition" in m for m in messages) == 2


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_the_older_edition_shows_the_outdated_banner(
    published: tuple[Path, Path, list[bool]],
) -> None:
    from playwright.sync_api import expect, sync_playwright

    _, tree, _ = published
    with served(tree) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        page = browser.new_page()
        page.goto(url + "editions/2026.10/")
        banner = page.locator("[data-md-component=outdated]")
        expect(banner).to_be_visible()
        expect(page.locator(".md-version__current")).to_have_text("2026.10")
        page.goto(url + "editions/2026.11/")
        expect(page.locator(".md-version__current")).to_have_text("2026.11")
        expect(page.locator("[data-md-component=outdated]")).to_be_hidden()
        browser.close()
