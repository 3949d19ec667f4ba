"""Every old address reaches the right place, followed in a real browser.

The fixture survey is copied, every address it publishes is recorded, and then a paper is
renamed and another retired, two findings and two terms are merged and a question moves to
another topic (tests/address_changes.py). The site is built with MkDocs (strict), and
Chromium follows each old address, with and without script.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from livesurvey import SurveyIndex
from livesurvey.outputs.address_pages import redirect_uri
from livesurvey.outputs.addresses import address_plan
from livesurvey.outputs.uris import site_path

from .address_changes import (
    HOSTILE_REASON,
    MERGED_FINDING,
    MERGED_TERM,
    MOVED_FINDING,
    MOVED_QUESTION,
    RENAMED_PAPER,
    RETIRED_PAPER,
    change_ids,
    recorded_fixture,
)
from .conftest import REPO, mkdocs_build, served
from .site_audit import guarded_page
from .test_browser import browser  # noqa: F401  (a fixture)
from .test_hostile_site import NAV

pytestmark = pytest.mark.slow

from playwright.sync_api import Browser, Page, expect  # noqa: E402


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:  # noqa: F811
    """A page that records errors and requests to other hosts (console errors, not warnings)."""
    viewport = {"width": 1280, "height": 900}
    with guarded_page(browser, console=("error",), viewport=viewport) as (page, problems):
        yield page
    assert problems == [], "\n".join(problems)


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("addresses") / "project"
    project.mkdir()
    for folder in ("hooks", "overrides"):
        shutil.copytree(REPO / folder, project / folder)
    shutil.copytree(REPO / "docs" / "assets", project / "docs" / "assets")
    (project / "docs" / "index.md").write_text("# A survey whose ids changed\n")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config[: config.index("\nnav:")] + "\n" + NAV)
    change_ids(recorded_fixture(project / "survey_data"))
    out = project / "site"
    result = mkdocs_build(project, out, "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


@pytest.fixture(scope="module")
def site_url(changed_site: Path) -> Iterator[str]:
    with served(changed_site) as url:
        yield url


OLD, NEW = RENAMED_PAPER
QUESTION, OLD_TOPIC, NEW_TOPIC = MOVED_QUESTION
FOLLOWED = [
    (f"papers/{OLD}/", f"papers/{NEW}/"),
    (f"papers/{OLD}/#bibtex", f"papers/{NEW}/#bibtex"),
    (f"findings/{MERGED_FINDING[0]}/", f"findings/{MERGED_FINDING[1]}/"),
    (f"findings/{MERGED_FINDING[0]}/#evidence", f"findings/{MERGED_FINDING[1]}/#evidence"),
    (f"methods/{MERGED_TERM[0]}/", f"methods/{MERGED_TERM[1]}/"),
    (f"bibliography/#{OLD}", f"bibliography/#{NEW}"),
    (f"bibliography/#{RETIRED_PAPER}", f"papers/{RETIRED_PAPER}/"),
    (f"topics/{OLD_TOPIC}/#{QUESTION}", f"topics/{NEW_TOPIC}/#{QUESTION}"),
    (f"topics/{OLD_TOPIC}/#{MOVED_FINDING}", f"topics/{NEW_TOPIC}/#{MOVED_FINDING}"),
    (f"topics/sft-vs-rl/#{MERGED_FINDING[0]}", f"topics/sft-vs-rl/#{MERGED_FINDING[1]}"),
]


@pytest.mark.parametrize(("old", "new"), FOLLOWED, ids=[old for old, _ in FOLLOWED])
def test_an_old_address_leads_to_its_successor(
    page: Page,
    site_url: str,
    old: str,
    new: str,
) -> None:
    page.goto(site_url + old)
    page.wait_for_url(site_url + new)
    expect(page.locator("h1").first).to_be_visible()
    fragment = new.partition("#")[2]
    if fragment:
        expect(page.locator(f"[id='{fragment}']")).to_be_in_viewport()


def test_a_retired_paper_shows_its_tombstone(page: Page, site_url: str) -> None:
    page.goto(site_url + f"papers/{RETIRED_PAPER}/")
    expect(page.locator("h1")).to_contain_text("Demystifying Reasoning Dynamics")
    expect(page.locator("article")).to_contain_text("it was retired on 2026-06-01")
    expect(page.locator("article")).to_contain_text(HOSTILE_REASON)  # shown as text
    expect(page.get_by_role("link", name="every paper of the survey")).to_be_visible()
    expect(page.locator("article")).to_contain_text("How to cite the last version")


def test_without_script_the_old_addresses_still_lead_on(browser: Browser, site_url: str) -> None:  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + f"papers/{OLD}/")
    page.wait_for_url(site_url + f"papers/{NEW}/")  # the meta refresh
    page.goto(site_url + f"topics/{OLD_TOPIC}/#{QUESTION}")
    note = page.locator(f"[id='{QUESTION}']")
    expect(note).to_be_in_viewport()
    expect(note).to_contain_text(f"/topics/{NEW_TOPIC}/#{QUESTION}")
    note.get_by_role("link").click()
    page.wait_for_url(site_url + f"topics/{NEW_TOPIC}/#{QUESTION}")
    context.close()


def test_the_live_site_keeps_every_gone_address(live_site: Path, live_index: SurveyIndex) -> None:
    plan = address_plan(live_index)
    assert plan.problems == []
    for redirect in plan.redirects:
        html = (live_site / redirect_uri(redirect.uri)).read_text(encoding="utf-8")
        target = site_path(redirect.target)
        # The site's address comes from where it is built (here, as GitHub Actions would).
        assert re.search(f'<link rel="canonical" href="https://[^"]+/{re.escape(target)}">', html)
        assert f'http-equiv="refresh" content="0; url=../../{target}"' in html
        assert (live_site / target / "index.html").is_file()
    for stone in plan.tombstones:
        assert (live_site / site_path(stone.uri) / "index.html").is_file()
