"""Every page on a phone and a laptop, in the light and the dark scheme, for every reader.

One page of every kind (tests/site_audit.py chooses the fullest of its kind from the records)
at 390x844 and 1366x768, light and dark: the page never scrolls sideways, no table cell is cut
off outside a frame that scrolls, axe-core finds nothing serious or critical, and links to data
files download. Screenshots of each go to test-artifacts/screenshots/. Then what a reader does
on such a screen: search, copy a finding's address.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from livesurvey import SurveyIndex

from .conftest import REPO, served
from .site_audit import (
    BROWSER_ARGS,
    CHROMIUM,
    SCHEMES,
    WIDTHS,
    audit,
    guarded_page,
    open_search,
    page_visits,
    scheme_of,
)

pytestmark = pytest.mark.slow

if not CHROMIUM.exists():
    if os.environ.get("LIVESURVEY_REQUIRE_BROWSER") == "1":
        raise RuntimeError("browser tests need Debian's chromium: apt-get install chromium")
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True
    )

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

ARTIFACTS = REPO / "test-artifacts"
SHOTS = ARTIFACTS / "screenshots"
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="module")
def base_url(live_site: Path) -> Iterator[str]:
    with served(live_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", list(WIDTHS))
def test_every_page_kind_fits_the_screen_and_passes_axe(
    browser: Browser, base_url: str, live_index: SurveyIndex, size: str, scheme: str
) -> None:
    width, height = WIDTHS[size]
    viewport = {"width": width, "height": height}
    found: dict[str, dict[str, object]] = {}
    SHOTS.mkdir(parents=True, exist_ok=True)
    with guarded_page(browser, viewport=viewport, color_scheme=scheme) as (page, problems):
        for visit in page_visits(live_index):
            result = audit(page, base_url, visit)
            assert scheme_of(page) == MATERIAL_SCHEME[scheme], visit.path
            page.screenshot(path=str(SHOTS / f"{visit.kind}-{size}-{scheme}.png"))
            wrong = {name: value for name, value in result.items() if value}
            if wrong:
                found[visit.kind] = wrong
    assert problems == [], "\n".join(problems)
    assert found == {}


def _results(page: Page, base_url: str, query: str) -> list[tuple[str, str]]:
    """The search results for ``query`` as (path, snippet), best first, as the reader sees them."""
    page.goto(base_url)
    open_search(page)
    page.locator("input.md-search__input").press_sequentially(query, delay=15)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    # Material searches as the reader types: the results of a shorter query may show first.
    # Read them until two looks a quarter of a second apart see the same results.
    found: list[tuple[str, str]] = []
    for _ in range(40):
        page.wait_for_timeout(250)
        shown: list[tuple[str, str]] = page.evaluate(
            """(base) => Array.from(document.querySelectorAll(".md-search-result__item > a"))
                 .map((a) => [a.href.slice(base.length).split("?")[0],
                              (a.querySelector("p") || {textContent: ""}).textContent.trim()])""",
            base_url,
        )
        settled = shown == found
        found = shown
        if settled:
            break
    return found


def _first(results: list[tuple[str, str]], prefix: str) -> int:
    return next((i for i, (path, _) in enumerate(results) if path.startswith(prefix)), len(results))


@pytest.fixture
def reader(browser: Browser) -> Iterator[Page]:
    """A reader at a laptop; whatever the page logs as an error fails the test."""
    with guarded_page(browser, viewport={"width": 1366, "height": 768}) as (page, problems):
        yield page
        page.screenshot(path=str(ARTIFACTS / "search-last.png"))
    assert problems == [], "\n".join(problems)


def test_search_ranks_topics_and_dimensions_above_papers(
    reader: Page, base_url: str, live_index: SurveyIndex
) -> None:
    # A topic named by one word that papers also use: its page comes first, and every topic
    # and dimension page that matches ranks above the first paper.
    topic_id, (topic, _) = next(
        (t, place)
        for t, place in live_index.topics.items()
        if re.fullmatch(r"[A-Za-z]+", place[0].title)
        and any(
            place[0].title.lower() in p.record.title.lower() for p in live_index.papers.values()
        )
    )
    results = _results(reader, base_url, topic.title)
    assert results[0][0] == f"topics/{topic_id}/", results[:5]
    first_paper = _first(results, "papers/")
    research = [
        i for i, (path, _) in enumerate(results) if path.startswith(("topics/", "dimensions/"))
    ]
    assert research and max(research) < first_paper, results


def test_search_puts_developer_pages_last(reader: Page, base_url: str) -> None:
    results = _results(reader, base_url, "schema")
    paths = [path.split("#")[0] for path, _ in results]
    assert not any(path.startswith("reference/") for path in paths), paths
    # Material shows the first results and loads more on scrolling: the architecture page is
    # among them while few pages match, and nothing but developer pages ranks below it.
    developer = ("architecture/", "benchmark/")
    assert "architecture/" in paths or len(paths) >= 10, paths
    first = next((i for i, path in enumerate(paths) if path.startswith(developer)), len(paths))
    assert all(path.startswith(developer) for path in paths[first:]), paths


def _findable_paper(index: SurveyIndex) -> str:
    """A paper whose number after the arXiv id's dot no other paper shares (Yue et al. if so)."""
    numbers = Counter(
        p.record.arxiv.split(".")[-1] for p in index.papers.values() if p.record.arxiv
    )
    unique = [
        paper_id
        for paper_id, paper in index.papers.items()
        if paper.record.arxiv and numbers[paper.record.arxiv.split(".")[-1]] == 1
    ]
    return "yue2025reinforcement" if "yue2025reinforcement" in unique else unique[0]


@pytest.mark.parametrize("form", ["{id}", "arXiv:{id}", "{number}"])
def test_search_finds_a_paper_by_its_arxiv_id(
    reader: Page, base_url: str, live_index: SurveyIndex, form: str
) -> None:
    paper_id = _findable_paper(live_index)
    paper = live_index.papers[paper_id].record
    assert paper.arxiv
    query = form.format(id=paper.arxiv, number=paper.arxiv.split(".")[-1])
    results = _results(reader, base_url, query)
    assert results[0][0] == f"papers/{paper_id}/", results[:5]
    # The snippet opens with who wrote it, not with the field table.
    snippet = results[0][1]
    assert not snippet.startswith("Field"), snippet
    author = paper.authors[0].family or paper.authors[0].name or ""
    assert author in snippet[:300], snippet


def test_copy_link_on_a_phone_copies_the_absolute_address(
    browser: Browser, base_url: str, live_index: SurveyIndex
) -> None:
    topic = max(live_index.topics, key=lambda t: len(live_index.findings_of_topic(t)))
    question = live_index.topics[topic][0].questions[0].id
    finding = live_index.findings_of_topic(topic)[0].id
    expected_headings = len(live_index.topics[topic][0].questions) + len(
        live_index.findings_of_topic(topic)
    )
    viewport = {"width": 390, "height": 844}
    with guarded_page(browser, viewport=viewport, has_touch=True) as (page, problems):
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
        page.goto(f"{base_url}topics/{topic}/")
        buttons = page.locator("article .survey-citable .survey-copy-link")
        expect(buttons).to_have_count(expected_headings)
        canonical = page.evaluate("() => document.querySelector('link[rel=canonical]').href")
        assert canonical.startswith("https://")
        # Visible without hovering, and reachable from the keyboard.
        button = page.locator(f'[id="{question}"] .survey-copy-link')
        expect(button).to_be_visible()
        button.focus()
        page.keyboard.press("Enter")
        expect(button).to_have_text("Link copied")
        assert page.evaluate("() => navigator.clipboard.readText()") == f"{canonical}#{question}"
        page.locator(f'[id="{finding}"] .survey-copy-link').tap()
        assert page.evaluate("() => navigator.clipboard.readText()") == f"{canonical}#{finding}"
        # A finding's own page: its heading copies the page's address.
        page.goto(f"{base_url}findings/{finding}/")
        page.locator("h1 .survey-copy-link").tap()
        own = page.evaluate("() => document.querySelector('link[rel=canonical]').href")
        assert own.endswith(f"/findings/{finding}/")
        assert page.evaluate("() => navigator.clipboard.readText()") == own
        page.screenshot(path=str(ARTIFACTS / "copy-link-phone.png"))
    assert problems == [], "\n".join(problems)


def test_downloads_are_saved_under_their_own_name(
    browser: Browser, base_url: str, live_index: SurveyIndex
) -> None:
    paper = next(iter(live_index.papers))
    with guarded_page(browser, viewport={"width": 1366, "height": 768}) as (page, problems):
        page.goto(f"{base_url}papers/{paper}/")
        link = page.get_by_role("link", name="Download this entry as a .bib file")
        expect(link).to_have_attribute("download", f"{paper}.bib")
        page.goto(f"{base_url}bibliography/")
        for name, file in [("BibTeX", "survey.bib"), ("RIS", "survey.ris")]:
            expect(page.get_by_role("link", name=name, exact=True)).to_have_attribute(
                "download", file
            )
    assert problems == [], "\n".join(problems)
