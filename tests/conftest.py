"""Shared helpers: tiny record trees written inline, the fixture survey, and the real one.

Three sources of records, each for its own kind of test:

- tiny trees written inline (:func:`write_tree`): exact messages, one case each;
- the fixture survey in tests/fixtures/survey/: golden pages and exact counts; it never changes
  with the live survey;
- the live survey in survey_data/: invariants only (every record has its page, every export holds
  every paper), so that a new paper or finding never turns a test red.

Expensive things are made once per test session: the linked live survey, its rendered pages and
one strict MkDocs build of the real site, shared by the site and browser tests.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from livesurvey import GeneratedPage, SurveyIndex, check_survey, load_survey, render_pages

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "survey_data"
FIXTURE = REPO / "tests" / "fixtures" / "survey"
GOLDEN = REPO / "tests" / "golden"
SITE_REPOSITORY = "example-owner/lrm-survey"
"""The repository the shared test build pretends to be built from (GITHUB_REPOSITORY)."""

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


# --- the live survey and the fixture survey, once per session -------------------------------


@pytest.fixture(scope="session")
def live_index() -> SurveyIndex:
    return load_survey(DATA)


@pytest.fixture(scope="session")
def live_pages(live_index: SurveyIndex) -> dict[str, GeneratedPage]:
    return {page.uri: page for page in render_pages(live_index)}


@pytest.fixture(scope="session")
def fixture_index() -> SurveyIndex:
    return load_survey(FIXTURE)


@pytest.fixture(scope="session")
def fixture_pages(fixture_index: SurveyIndex) -> dict[str, GeneratedPage]:
    return {page.uri: page for page in render_pages(fixture_index)}


# --- MkDocs builds ---------------------------------------------------------------------------


def mkdocs_build(
    project: Path, out: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Build ``project`` with MkDocs into ``out``, as a contributor or CI would."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out), *extra],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def copy_project(tmp_path: Path) -> Path:
    """A copy of the repository (records, docs, hooks, configuration) to change freely."""
    project = tmp_path / "project"
    ignored = shutil.ignore_patterns(".venv", "site", ".git", "tests", "test-artifacts")
    shutil.copytree(REPO, project, ignore=ignored)
    return project


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One strict MkDocs build of the real survey, shared by every test that reads the site."""
    out = tmp_path_factory.mktemp("site")
    # As GitHub Actions build it for a repository, so that edit links exist and can be tested.
    result = mkdocs_build(REPO, out, "--strict", env={"GITHUB_REPOSITORY": SITE_REPOSITORY})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


# --- serving a built site on the loopback address -------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) for the browser; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
