"""What a reader does, in a real browser: Playwright driving Debian's headless Chromium.

Chromium comes from Debian (``/usr/bin/chromium``); ``.ci/run`` installs it. Without it
these tests are skipped, unless LIVESURVEY_REQUIRE_BROWSER=1 (as in CI) makes that an error.
Screenshots of every visited page are written to test-artifacts/.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

import bibtexparser
import pytest
from livesurvey import SurveyIndex
from livesurvey.model.comparisons import comparison_rows

from .conftest import REPO, served
from .site_audit import BROWSER_ARGS, CHROMIUM, guarded_page

pytestmark = pytest.mark.slow

ARTIFACTS = REPO / "test-artifacts"

if not CHROMIUM.exists():
    if os.environ.get("LIVESURVEY_REQUIRE_BROWSER") == "1":
        raise RuntimeError("browser tests need Debian's chromium: apt-get install chromium")
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True
    )

from playwright.sync_api import (  # noqa: E402
    Browser,
    Locator,
    Page,
    expect,
    sync_playwright,
)


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


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    viewport = {"width": 1280, "height": 900}
    with guarded_page(browser, viewport=viewport, accept_downloads=True) as (page, problems):
        yield page
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False)
    assert problems == [], "\n".join(problems)


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_reader_clicks_from_home_to_a_bibliography_entry(
    page: Page, base_url: str, live_index: SurveyIndex
) -> None:
    # The path follows the records: the first dimension, its first topic, the first finding
    # listed there, that finding's first paper; so a new record never breaks it.
    dimension = live_index.dimensions[0]
    topic = dimension.topics[0]
    finding = live_index.findings_of_topic(topic.id)[0]
    paper_id = finding.record.evidence[0].paper
    paper = live_index.papers[paper_id].record
    key = paper.key or paper_id
    page.goto(base_url)
    expect(page.locator("h1")).to_contain_text("living survey")
    _shot(page, "1-home")
    page.locator("article").get_by_role("link", name=dimension.title).first.click()
    expect(page).to_have_url(f"{base_url}dimensions/{dimension.id}/")
    _shot(page, "2-dimension")
    page.locator("article").get_by_role("link", name=topic.title).first.click()
    expect(page).to_have_url(f"{base_url}topics/{topic.id}/")
    expect(page.locator(f"#{topic.questions[0].id}")).to_be_visible()
    _shot(page, "3-topic")
    page.locator("article").get_by_role("link", name="finding page").first.click()
    expect(page).to_have_url(f"{base_url}findings/{finding.id}/")
    status = finding.record.status.value
    expect(page.locator(f".survey-status--{status}").first).to_have_text(status)
    _shot(page, "4-finding")
    page.locator("article").get_by_role("link", name=live_index.labels[paper_id]).first.click()
    expect(page).to_have_url(f"{base_url}papers/{paper_id}/")
    expect(page.locator("h1")).to_contain_text(paper.title[:40])
    _shot(page, "5-paper")
    page.get_by_role("link", name="Formatted reference").click()
    expect(page).to_have_url(f"{base_url}bibliography/#{key}")
    entry = page.locator(f'[id="{key}"]')
    expect(entry).to_be_in_viewport()
    if paper.authors:
        expect(entry).to_contain_text(paper.authors[0].family or paper.authors[0].name or "")
    _shot(page, "6-bibliography")


def test_reader_follows_an_author_from_a_paper_and_back(
    page: Page, base_url: str, live_index: SurveyIndex
) -> None:
    # The first paper (by id) with an author whose name is shown as written on it.
    paper_id, position = next(
        (paper_id, n)
        for paper_id in sorted(live_index.papers)
        for n, author in enumerate(live_index.papers[paper_id].record.authors)
        if live_index.authors.people[live_index.authors.by_paper[paper_id][n]].name
        == author.display
    )
    paper = live_index.papers[paper_id].record
    slug = live_index.authors.by_paper[paper_id][position]
    page.goto(f"{base_url}papers/{paper_id}/")
    page.wait_for_load_state("networkidle")  # the search index, which a click would cancel
    page.locator("article").get_by_role("link", name=paper.authors[position].display).first.click()
    expect(page).to_have_url(f"{base_url}authors/{slug}/")
    expect(page.locator("h1")).to_contain_text(live_index.authors.people[slug].name)
    page.wait_for_load_state("networkidle")
    _shot(page, "author")
    page.locator("article").get_by_role("link", name=paper.title, exact=True).first.click()
    expect(page).to_have_url(f"{base_url}papers/{paper_id}/")
    page.wait_for_load_state("networkidle")
    page.go_back()
    expect(page).to_have_url(f"{base_url}authors/{slug}/")
    page.wait_for_load_state("networkidle")
    page.locator("article").get_by_role("link", name="All authors").click()
    expect(page).to_have_url(f"{base_url}authors/")
    expect(page.locator(f'article a[href="{slug}/"]')).to_have_count(1)
    page.wait_for_load_state("networkidle")


def test_sort_filter_and_download_a_comparison_table(
    page: Page, base_url: str, live_index: SurveyIndex
) -> None:
    comparison = live_index.comparisons["internal-probing-toolkit"].record
    expected_rows = comparison_rows(live_index, comparison)
    assert comparison.columns[:3] == ["label", "title", "year"]
    page.goto(f"{base_url}comparisons/internal-probing-toolkit/")
    table = page.locator(".survey-table table").first
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(expected_rows))
    total = len(expected_rows)
    year_header = table.locator("thead th", has_text="Year")
    year_header.locator("button").click()
    years = [int(t) for t in table.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    assert years == sorted(years)
    year_header.locator("button").click()
    years = [int(t) for t in table.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    assert years == sorted(years, reverse=True)
    page.locator(".survey-table .datatable-input").first.fill("steering")
    expect(rows).not_to_have_count(total)
    filtered = rows.all_inner_texts()
    assert filtered and all("steering" in row.lower() for row in filtered)
    _shot(page, "comparison-filtered")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").first.click()
    content = Path(download_info.value.path()).read_text(encoding="utf-8")
    parsed = list(csv.reader(io.StringIO(content)))
    assert parsed[0][:3] == ["Paper", "Title", "Year"]
    assert len(parsed) == len(filtered) + 1


def _rarest_pair(claim: str, index: SurveyIndex) -> str:
    """Two consecutive words of ``claim`` that the fewest findings' claims share."""
    words = claim.split()
    pairs = [
        f"{a} {b}"
        for a, b in itertools.pairwise(words)
        if re.fullmatch(r"[A-Za-z]{4,}", a) and re.fullmatch(r"[A-Za-z]{4,}", b)
    ]
    claims = [f.record.claim for f in index.findings.values()]
    return min(pairs, key=lambda pair: sum(pair in other for other in claims))


def test_search_finds_papers_by_short_name_author_arxiv_id_and_claim(
    page: Page, base_url: str, live_index: SurveyIndex
) -> None:
    yue = live_index.papers["yue2025reinforcement"].record
    baek = live_index.papers["baek2025understanding"].record
    cold_start = live_index.findings["sft-cold-start-fixes-pure-rl"].record
    cases = [
        (yue.short_name or "", yue.title[:40]),
        (baek.authors[-1].family or "", baek.title[:40]),
        (_rarest_pair(cold_start.claim, live_index), cold_start.title),
        (yue.arxiv or "", yue.title[:40]),
    ]
    for query, expected in cases:
        assert query, expected
        page.goto(base_url)
        page.locator(".md-search__input").click()
        page.locator("input.md-search__input").press_sequentially(query, delay=20)
        results = page.locator(".md-search-result__list")
        expect(results).to_contain_text(expected, timeout=15_000)
        _shot(page, "search-" + query.split()[0].lower())


def _follow(page: Page, link: Locator) -> str:
    """The text behind a link, fetched at the address the browser resolves for it."""
    address = link.evaluate("anchor => anchor.href")
    response = page.request.get(address)
    assert response.ok, address
    return response.text()


def test_bibtex_downloads_parse(page: Page, base_url: str, live_index: SurveyIndex) -> None:
    page.goto(f"{base_url}papers/deepseekai2025deepseekr1/")
    # the entry shown on the page has Material's copy button, which copies the entry
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    block = page.locator(".language-bibtex").first
    block.hover()
    block.locator('button[data-md-type="copy"]').click()
    copied = bibtexparser.parse_string(page.evaluate("() => navigator.clipboard.readText()"))
    assert [e.key for e in copied.entries] == ["deepseekai2025deepseekr1"]
    entry = _follow(page, page.get_by_role("link", name="Download this entry as a .bib file"))
    library = bibtexparser.parse_string(entry)
    assert [e.key for e in library.entries] == ["deepseekai2025deepseekr1"]
    assert library.entries[0]["eprint"] == "2501.12948"
    page.goto(f"{base_url}bibliography/")
    whole = bibtexparser.parse_string(
        _follow(page, page.get_by_role("link", name="BibTeX", exact=True))
    )
    assert len(whole.entries) == len(live_index.papers) and not whole.failed_blocks
    expect(page.locator(".survey-reference")).to_have_count(len(live_index.papers))
