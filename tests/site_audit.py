"""What a reader on any screen meets: one page of every kind, audited in a real browser.

Shared by the browser tests (tests/test_reader_screens.py) and by a measurement run from the
command line, which prints a table instead of asserting::

    .venv/bin/python -m tests.site_audit SITE_FOLDER

For every page kind it checks, at a phone's and a laptop's width, in the light and the dark
scheme: that the page never scrolls sideways, that no table cell is cut off outside a frame
that scrolls, and what axe-core (vendored in tests/vendor/axe-core/) reports as serious or
critical. The page of each kind is the one most likely to overflow (the most evidence, the
most papers), chosen from the records, so that a new record never breaks the choice.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from livesurvey import SurveyIndex

CHROMIUM = Path(os.environ.get("LIVESURVEY_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"

WIDTHS = {"phone": (390, 844), "laptop": (1366, 768)}
SCHEMES = ("light", "dark")
SERIOUS = {"serious", "critical"}


@dataclass(frozen=True)
class PageVisit:
    """One page kind: where to go, and a query to type into the search box, if any."""

    kind: str
    path: str
    query: str = ""


def page_visits(index: SurveyIndex) -> list[PageVisit]:
    """One page of every kind, the fullest of its kind."""
    topic = max(index.topics, key=lambda t: len(index.papers_by_topic.get(t, [])))
    question = index.topics[topic][0].questions[0].id
    finding = max(index.findings, key=lambda f: len(index.findings[f].record.evidence))
    paper = max(index.papers, key=lambda p: len(index.citations_by_paper.get(p, [])))
    dimension = index.dimensions[0].id
    methods = [(v, t) for (v, t) in index.terms if v == "methods"]
    term = max(methods, key=lambda vt: len(index.papers_by_term.get(vt, [])))[1]
    training = next(iter(index.training_methods))
    direction = index.directions[0].id
    comparison = max(index.comparisons, key=lambda c: len(index.comparisons[c].record.columns))
    arxiv = index.papers[paper].record.arxiv or "reasoning"
    author = max(index.authors.people.values(), key=lambda person: len(person.credits)).slug
    return [
        PageVisit("home", ""),
        PageVisit("dimension", f"dimensions/{dimension}/"),
        PageVisit("topic", f"topics/{topic}/"),
        PageVisit("question", f"topics/{topic}/#{question}"),
        PageVisit("finding", f"findings/{finding}/"),
        PageVisit("paper", f"papers/{paper}/"),
        PageVisit("method-term", f"methods/{term}/"),
        PageVisit("training-method", f"training-methods/{training}/"),
        PageVisit("direction", f"directions/{direction}/"),
        PageVisit("comparison", f"comparisons/{comparison}/"),
        PageVisit("papers-index", "papers/"),
        PageVisit("author", f"authors/{author}/"),
        PageVisit("authors-index", "authors/"),
        PageVisit("whats-new", "whats-new/"),
        PageVisit("findings-index", "findings/"),
        PageVisit("bibliography", "bibliography/"),
        PageVisit("statistics", "statistics/"),
        PageVisit("record-format", "reference/papers/"),
        PageVisit("search", "", query=arxiv),
    ]


# Run in the page: every way a page can spill sideways. A table cell may extend past the
# screen only inside a frame that scrolls sideways (and is not itself wider than the screen).
LAYOUT_SCRIPT = """
() => {
  const problems = [];
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth > width + 1) {
    problems.push(`the page scrolls sideways: ${root.scrollWidth}px wide on a ${width}px screen`);
  }
  const scrolls = (el) => /^(auto|scroll)$/.test(getComputedStyle(el).overflowX);
  const clips = (el) => /^(hidden|clip)$/.test(getComputedStyle(el).overflowX);
  for (const cell of document.querySelectorAll("article td, article th")) {
    if (!cell.offsetParent) continue;
    const box = cell.getBoundingClientRect();
    const name = (cell.textContent || "").trim().slice(0, 40);
    if (cell.scrollWidth > cell.clientWidth + 1) {
      problems.push(`cell "${name}" holds content wider than itself`);
    }
    let reachable = false;
    for (let el = cell.parentElement; el && el !== document.body; el = el.parentElement) {
      const edge = el.getBoundingClientRect();
      if (scrolls(el) && edge.left >= -1 && edge.right <= width + 1) { reachable = true; break; }
      if (clips(el) && (box.right > edge.right + 1 || box.left < edge.left - 1)) {
        problems.push(`cell "${name}" is cut off by a frame that does not scroll`);
        reachable = true;
        break;
      }
    }
    if (!reachable && (box.right > width + 1 || box.left < -1)) {
      problems.push(`cell "${name}" runs off the screen outside a scrolling frame`);
    }
  }
  return Array.from(new Set(problems));
}
"""

AXE_SCRIPT = """
async () => {
  const result = await axe.run(document, {
    resultTypes: ["violations"],
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
  });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    count: v.nodes.length,
  }));
}
"""


BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
"""Debian's Chromium as the browser tests run it: no sandbox (containers), no phoning home."""


@contextlib.contextmanager
def guarded_page(
    browser: Any, *, console: tuple[str, ...] = ("error", "warning"), **options: Any
) -> Iterator[tuple[Any, list[str]]]:
    """A new page in its own context, and the problems it meets: console messages of the
    ``console`` kinds, page errors, failed requests, dialogs, and any request to another host
    (refused). A fetch the browser cancels because the reader followed a link (the search
    index loading, say) is the browser's doing, not a failed request."""
    context = browser.new_context(**options)
    page = context.new_page()
    problems: list[str] = []

    def on_console(message: Any) -> None:
        if message.type in console:
            problems.append(f"{page.url}: console {message.type}: {message.text}")

    def local_only(route: Any) -> None:
        if urllib.parse.urlsplit(route.request.url).hostname not in {"127.0.0.1", None}:
            problems.append(f"{page.url}: request to another host: {route.request.url}")
            route.abort()
        else:
            route.continue_()

    def on_failed(request: Any) -> None:
        if request.failure != "net::ERR_ABORTED":
            problems.append(f"{page.url}: request failed: {request.url} ({request.failure})")

    def on_dialog(dialog: Any) -> None:
        problems.append(f"{page.url}: dialog: {dialog.message}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: page error: {error}"))
    page.on("requestfailed", on_failed)
    page.on("dialog", on_dialog)
    page.route("**/*", local_only)
    try:
        yield page, problems
    finally:
        context.close()


def open_visit(page: Any, base_url: str, visit: PageVisit) -> None:
    """Load the page of ``visit`` and, for search, type its query and wait for results."""
    page.goto(base_url + visit.path)
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.document$ !== undefined")
    # Motion settles at once, so that what is checked is what a reader sees once it stops.
    page.add_style_tag(
        content="*, *::before, *::after { transition: none !important; animation: none !important; }"
    )
    if visit.query:
        open_search(page)
        page.locator("input.md-search__input").press_sequentially(visit.query, delay=10)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)


def open_search(page: Any) -> None:
    """Open the search box as a reader does: the field on a wide screen, the icon on a phone."""
    field = page.locator("input.md-search__input")
    if page.viewport_size["width"] < 960:
        page.locator('label.md-header__button[for="__search"]').click()
    else:
        field.click()
    field.wait_for(state="visible")


def layout_problems(page: Any) -> list[str]:
    problems: list[str] = page.evaluate(LAYOUT_SCRIPT)
    return problems


DOWNLOADS_SCRIPT = """
() => Array.from(document.querySelectorAll("article a[href]"))
  .filter((a) => /\\.(bib|csv|json|ris)$/.test(new URL(a.href).pathname))
  .filter((a) => !a.hasAttribute("download"))
  .map((a) => a.getAttribute("href"))
"""


def downloads_without_attribute(page: Any) -> list[str]:
    """Links to data files (.bib, .csv, .json, .ris) that a browser would open, not save."""
    links: list[str] = page.evaluate(DOWNLOADS_SCRIPT)
    return links


def scheme_of(page: Any) -> str:
    """The colour scheme Material shows: 'default' (light) or 'slate' (dark)."""
    scheme: str = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    return scheme


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(AXE_SCRIPT)
    return [v for v in found if v["impact"] in SERIOUS]


def audit(page: Any, base_url: str, visit: PageVisit) -> dict[str, Any]:
    """Everything wrong with one page as shown now: layout, axe-core, download links."""
    open_visit(page, base_url, visit)
    return {
        "layout": layout_problems(page),
        "axe": axe_violations(page),
        "downloads": downloads_without_attribute(page),
    }


def measure(site: Path, index: SurveyIndex, shots: Path | None = None) -> dict[str, Any]:
    """Audit every page kind at both widths in both schemes; returns the findings by key."""
    from playwright.sync_api import sync_playwright

    from .conftest import served

    report: dict[str, Any] = {}
    with served(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        for scheme in SCHEMES:
            for size, (width, height) in WIDTHS.items():
                viewport = {"width": width, "height": height}
                with guarded_page(browser, viewport=viewport, color_scheme=scheme) as (page, _):
                    for visit in page_visits(index):
                        report[f"{visit.kind} {size} {scheme}"] = audit(page, base_url, visit)
                        if shots:
                            shots.mkdir(parents=True, exist_ok=True)
                            page.screenshot(path=str(shots / f"{visit.kind}-{size}-{scheme}.png"))
        browser.close()
    return report


def main(site: str, out: str | None = None) -> None:
    from livesurvey import load_survey

    from .conftest import DATA

    report = measure(Path(site), load_survey(DATA))
    for key, found in report.items():
        axe = sum(v["count"] for v in found["axe"])
        rules = ", ".join(sorted({v["id"] for v in found["axe"]}))
        layout = len(found["layout"])
        print(
            f"{key:40} axe {axe:3} [{rules}]  layout {layout}  downloads {len(found['downloads'])}"
        )
    if out:
        Path(out).write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
