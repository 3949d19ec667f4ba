"""Hostile record text through the whole pipeline: a strict MkDocs build, then a real browser.

Every kind of title carries markup that would run script if any place printed it unescaped:
the navigation, the previous/next footer, ``<title>``, tables, search results, CSV downloads.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import REPO, mkdocs_build, served, write_tree
from .test_browser import CHROMIUM

pytestmark = pytest.mark.slow

PAYLOAD = (
    '"><img src=x onerror=alert(1)></title><script>alert(2)</script>\')" '
    "[a](onmouseover=alert(3)//) [click](javascript:alert(4)) `code` and a long tail that no "
    "header, navigation or footer can show whole, so themes cut it and may offer a tooltip"
)
FORMULA = "=HYPERLINK(1)"

NAV = """nav:
  - Home: index.md
  - "@dimensions"
  - Browse:
      - Papers: papers/index.md
      - Authors: authors/index.md
      - Findings: findings/index.md
      - Analysis methods: methods/index.md
      - Training methods: training-methods/index.md
      - Research directions: directions/index.md
      - Comparisons: comparisons/index.md
      - Bibliography: bibliography/index.md
      - Statistics: statistics/index.md
"""


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _hostile_tree(root: Path) -> Path:
    title = _quoted(f"Title {PAYLOAD}")
    taxonomy = f"""\
        dimensions:
          - id: training
            title: {_quoted("Dimension " + PAYLOAD)}
            summary: {_quoted("Summary " + PAYLOAD)}
            topics:
              - id: sft-vs-rl
                title: {_quoted("Topic " + PAYLOAD)}
                summary: {_quoted("Topic summary " + PAYLOAD)}
                questions:
                  - id: capability-boundary
                    title: {_quoted("Question " + PAYLOAD)}
        """
    return write_tree(
        root,
        {
            "taxonomy.yaml": taxonomy,
            "vocab/methods.yaml": f"""\
        title: Analysis methods
        summary: How evidence was obtained.
        terms:
          - id: linear-probing
            title: {_quoted("Term " + PAYLOAD)}
            summary: {_quoted("Term summary " + PAYLOAD)}
        """,
            "papers/yue2025reinforcement.yaml": f"""\
        title: {title}
        authors:
          - family: {_quoted("Yue " + PAYLOAD)}
          - family: {_quoted("Family " + PAYLOAD)}
            given: {_quoted("Given " + PAYLOAD)}
          - name: {_quoted("Organisation " + PAYLOAD)}
        year: 2025
        arxiv: '2504.13837'
        short_name: {_quoted(FORMULA)}
        topics: [sft-vs-rl]
        added: 2026-01-01
        """,
            "findings/rl-sharpens.yaml": f"""\
        title: {_quoted(FORMULA + " " + PAYLOAD)}
        question: capability-boundary
        claim: {_quoted("Claim " + PAYLOAD)}
        status: emerging
        evidence:
          - paper: yue2025reinforcement
            stance: supports
            methods: [linear-probing]
            note: {_quoted("Note " + PAYLOAD)}
        added: 2026-01-01
        """,
            "comparisons/hostile.yaml": f"""\
        title: {_quoted("Comparison " + PAYLOAD)}
        summary: {_quoted("Comparison summary " + PAYLOAD)}
        rows: findings
        columns: [title, status, papers]
        added: 2026-01-01
        """,
            "training_methods.yaml": f"""\
        groups:
          - id: exploration
            title: {_quoted("Group " + PAYLOAD)}
            summary: {_quoted("Group summary " + PAYLOAD)}
            methods:
              - id: dapo
                name: {_quoted("Method " + PAYLOAD)}
                paper: yue2025reinforcement
                idea: {_quoted("Idea " + PAYLOAD)}
        """,
            "directions.yaml": f"""\
        directions:
          - id: applied
            title: {_quoted("Direction " + PAYLOAD)}
            summary: {_quoted("Direction summary " + PAYLOAD)}
            papers: [yue2025reinforcement]
        """,
        },
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile") / "project"
    project.mkdir()
    for folder in ("hooks", "overrides"):
        shutil.copytree(REPO / folder, project / folder)
    shutil.copytree(REPO / "docs" / "assets", project / "docs" / "assets")
    (project / "docs" / "index.md").write_text(
        "# A hostile survey\n\nAs [@yue2025reinforcement] shows, [[topic:sft-vs-rl]] and "
        "[[finding:rl-sharpens]] hold.\n"
    )
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config[: config.index("\nnav:")] + "\n" + NAV)
    _hostile_tree(project / "survey_data")
    out = project / "site"
    result = mkdocs_build(project, out, "--strict")
    assert result.returncode == 0, result.stderr
    return out


def test_no_markup_from_records_reaches_the_html(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    offenders = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for marker in ("<img src=x", "<script>alert", 'href="javascript:', 'href="onmouseover'):
            if marker in text:
                offenders.append(f"{page.relative_to(hostile_site)}: {marker}")
        for title in re.findall(r"<title>(.*?)</title>", text, re.S):
            if "<" in title:
                offenders.append(f"{page.relative_to(hostile_site)}: <title>{title}")
    assert offenders == []
    # The charts, in both colour schemes, carry record titles as text, never as markup.
    charts = sorted((hostile_site / "statistics").glob("*.svg"))
    assert len(charts) == 6
    for chart in charts:
        assert "<script" not in chart.read_text(encoding="utf-8"), chart.name
    topic = (hostile_site / "topics" / "sft-vs-rl" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in topic  # shown as text, not dropped
    for where in ("authors", "papers/yue2025reinforcement"):
        text = (hostile_site / where / "index.html").read_text(encoding="utf-8")
        assert text.count("&lt;script&gt;alert(2)&lt;/script&gt;") >= 3, where  # each name


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with served(hostile_site) as url:
        yield url


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_nothing_runs_in_the_reader_s_browser(
    hostile_url: str, hostile_site: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import Route, sync_playwright

    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.on(
            "dialog",
            lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()),
        )
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

        def guard(route: Route) -> None:
            host = urllib.parse.urlsplit(route.request.url).hostname
            if host not in {"127.0.0.1", None}:
                problems.append(f"request to another host: {route.request.url}")
                route.abort()
            else:
                route.continue_()

        page.route("**/*", guard)
        paths = [
            "",
            "dimensions/training/",
            "topics/sft-vs-rl/",
            "findings/rl-sharpens/",
            "papers/yue2025reinforcement/",
            "methods/linear-probing/",
            "training-methods/dapo/",
            "directions/applied/",
            "comparisons/hostile/",
            "bibliography/",
            "statistics/",
            "authors/",
        ]
        authors = sorted(p.name for p in (hostile_site / "authors").iterdir() if p.is_dir())
        assert len(authors) == 4  # Ann Smith, and each hostile name with a slug of its own
        paths += [f"authors/{slug}/" for slug in authors]
        hover = [
            "article a[href*='papers/']",
            "article a[href*='authors/']",
            "article a[href*='topics/']",
            "article a[href*='findings/']",
            ".md-nav--primary a[href*='topics/']",
            ".md-header__topic",
            ".md-footer__link",
            ".md-nav--secondary a",
        ]
        for path in paths:
            page.goto(hostile_url + path)
            page.wait_for_load_state("networkidle")
            page.mouse.wheel(0, 400)  # the header shows the page title once scrolled
            for selector in hover:
                target = page.locator(selector).first
                if target.count() and target.is_visible():
                    target.hover()
                    page.wait_for_timeout(150)
        # "Copy link" builds its address from the page; hostile titles beside it run nothing.
        for path in ["topics/sft-vs-rl/", "findings/rl-sharpens/"]:
            page.goto(hostile_url + path)
            for button in page.locator(".survey-copy-link").all():
                button.click()
        page.goto(hostile_url)
        page.locator(".md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("onerror", delay=20)
        page.wait_for_timeout(1500)
        page.goto(hostile_url + "comparisons/hostile/")
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download CSV").first.click()
        content = Path(download_info.value.path()).read_text(encoding="utf-8")
        browser.close()
    assert problems == []
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[1][0].startswith("'" + FORMULA)
