"""End-to-end: a strict MkDocs build of the real records, checked as a reader sees it.

Everything here is an invariant of the records (every record has its page, every link
resolves, every evidence link goes both ways), never today's numbers: adding a paper or
a finding must not turn these tests red.
"""

from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import bibtexparser
import pytest
from livesurvey import GeneratedPage, SurveyIndex
from livesurvey.model.dates import date_order
from livesurvey.outputs.page_kinds import RECORD_PAGES, TERM
from livesurvey.outputs.uris import site_path

from .conftest import SITE_REPOSITORY, copy_project, mkdocs_build

pytestmark = pytest.mark.slow


class _LinksAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.edit_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
            if "md-content__button" in (values.get("class") or ""):
                self.edit_links.append(values["href"] or "")


def _parse(path: Path) -> _LinksAndIds:
    parser = _LinksAndIds()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _page(site: Path, url: str) -> Path:
    return site / url.strip("/") / "index.html"


def test_every_generated_file_is_published(
    live_site: Path, live_pages: dict[str, GeneratedPage]
) -> None:
    missing = []
    for uri in live_pages:
        path = site_path(uri)
        published = _page(live_site, path) if uri.endswith(".md") else live_site / path
        if not published.is_file():
            missing.append(uri)
    assert missing == []


def test_every_record_has_its_page_at_its_url(live_site: Path, live_index: SurveyIndex) -> None:
    expected = [
        site_path(kind.uri(item_id))
        for namespace, kind in RECORD_PAGES.items()
        for item_id in live_index.defined.get(namespace, {})
    ]
    expected += [
        site_path(TERM.uri(term_id, vocabulary=vocabulary_id))
        for vocabulary_id, term_id in live_index.terms
    ]
    assert {f"papers/{paper_id}/" for paper_id in live_index.papers} <= set(expected)
    missing = [url for url in expected if not _page(live_site, url).is_file()]
    assert missing == []


def test_bibliography_holds_every_paper_once(live_site: Path, live_index: SurveyIndex) -> None:
    page = (live_site / "bibliography" / "index.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<p class="survey-reference" id="([^"]+)"', page)
    assert sorted(anchors) == sorted(p.record.key or p.id for p in live_index.papers.values())
    library = bibtexparser.parse_string(
        (live_site / "bibliography" / "survey.bib").read_text(encoding="utf-8")
    )
    assert len(library.entries) == len(live_index.papers) and not library.failed_blocks


def test_question_anchors_are_on_topic_pages(live_site: Path, live_index: SurveyIndex) -> None:
    for question_id, place in live_index.questions.items():
        ids = _parse(_page(live_site, f"topics/{place.topic.id}/")).ids
        assert question_id in ids, f"#{question_id} missing on /topics/{place.topic.id}/"


def test_every_internal_link_and_anchor_resolves(live_site: Path) -> None:
    # 404.html is served from any depth, so MkDocs gives it absolute links on purpose.
    pages = sorted(p for p in live_site.rglob("*.html") if p.name != "404.html")
    parsed = {page: _parse(page) for page in pages}
    broken: list[str] = []
    for page, links in parsed.items():
        base = "file://" + page.as_posix()
        for href in links.hrefs:
            target = urlparse(urljoin(base, href))
            if target.scheme != "file":
                continue
            path = Path(unquote(target.path))
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.relative_to(live_site)} -> {href}")
                continue
            if target.fragment and path.suffix == ".html":
                ids = parsed[path].ids if path in parsed else _parse(path).ids
                if target.fragment not in ids:
                    broken.append(f"{page.relative_to(live_site)} -> {href} (no anchor)")
    assert broken == []


def test_every_evidence_link_goes_both_ways_with_its_stance(
    live_site: Path, live_index: SurveyIndex
) -> None:
    wrong = []
    for finding_id, finding in live_index.findings.items():
        finding_page = _page(live_site, f"findings/{finding_id}/")
        finding_links = _parse(finding_page).hrefs
        for item in finding.record.evidence:
            if f"../../papers/{item.paper}/" not in finding_links:
                wrong.append(f"findings/{finding_id} does not link papers/{item.paper}")
            paper_text = _page(live_site, f"papers/{item.paper}/").read_text(encoding="utf-8")
            row = re.search(
                rf"<tr>(?:(?!</tr>).)*findings/{finding_id}/(?:(?!</tr>).)*</tr>", paper_text, re.S
            )
            stance = item.stance.value
            if row is None:
                wrong.append(f"papers/{item.paper} does not list findings/{finding_id}")
            elif f'class="survey-stance survey-stance--{stance}"' not in row.group(0):
                wrong.append(f"papers/{item.paper} lacks the stance '{stance}' of {finding_id}")
    assert wrong == []


def test_edit_links_point_at_the_yaml_records(
    live_site: Path, live_pages: dict[str, GeneratedPage]
) -> None:
    wrong = []
    for uri, page in live_pages.items():
        if not uri.endswith(".md"):
            continue
        edit = _parse(_page(live_site, site_path(uri))).edit_links
        prefix = f"https://github.com/{SITE_REPOSITORY}/edit/main/survey_data/"
        expected = [prefix + page.record_path] if page.record_path else []
        if edit != expected:
            wrong.append(f"{uri}: {edit} (expected {expected})")
    assert wrong == []


def test_records_inside_shared_files_edit_their_file(
    live_index: SurveyIndex, live_pages: dict[str, GeneratedPage]
) -> None:
    for method_id in live_index.training_methods:
        assert live_pages[f"training-methods/{method_id}.md"].record_path == "training_methods.yaml"
    for direction in live_index.directions:
        assert live_pages[f"directions/{direction.id}.md"].record_path == "directions.yaml"
    for topic_id in live_index.topics:
        assert live_pages[f"topics/{topic_id}.md"].record_path == "taxonomy.yaml"


def test_records_stay_out_of_the_navigation(live_site: Path, live_index: SurveyIndex) -> None:
    home = (live_site / "index.html").read_text(encoding="utf-8")
    start = home.index('<nav class="md-nav md-nav--primary"')
    nav = home[start : home.index('<div class="md-content"', start)]
    for topic_id in live_index.topics:
        assert f'href="topics/{topic_id}/"' in nav
    assert 'href="papers/"' in nav
    assert "papers/" + next(iter(live_index.papers)) + "/" not in nav
    assert "findings/" + next(iter(live_index.findings)) + "/" not in nav


def test_no_external_assets(live_site: Path) -> None:
    offenders = []
    for page in live_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", text):
            if 'rel="canonical"' in tag or 'rel="alternate"' in tag:
                continue
            if re.search(r'(?:src|href)="(?:https?:)?//', tag):
                offenders.append(f"{page.relative_to(live_site)}: {tag}")
    assert offenders == []


def test_a_generated_page_never_replaces_a_hand_written_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "docs" / "papers").mkdir()
    (project / "docs" / "papers" / "index.md").write_text("# My own papers page\n")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert (
        "../docs/papers/index.md:1:1: this file takes the address /papers/ of a generated page "
        "or download; move or rename it"
    ) in result.stderr


def test_invalid_records_fail_the_build_listing_every_problem(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    data = project / "survey_data"
    finding = next((data / "findings").glob("*.yaml")).read_text(encoding="utf-8")
    (data / "findings" / "zz-misspelt.yaml").write_text(finding.replace("status:", "stauts:"))
    (data / "papers" / "zz2026broken.yaml").write_text(
        textwrap.dedent(
            """\
            title: A broken record
            authors:
              - family: Doe
            year: soon
            added: 2026-01-01
            """
        )
    )
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    line = finding.splitlines().index(
        next(x for x in finding.splitlines() if x.startswith("status:"))
    )
    assert (
        f"findings/zz-misspelt.yaml:{line + 1}:1: unknown field 'stauts'; did you mean 'status'?"
        in result.stderr
    )
    assert (
        "papers/zz2026broken.yaml:4:7: field 'year' should be a whole number, got 'soon'"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_optional_files_may_be_absent(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    data = project / "survey_data"
    # A survey that never had them: without anchors.yaml (optional too), nothing was published.
    for optional in ("directions.yaml", "training_methods.yaml", "anchors.yaml"):
        (data / optional).unlink()
    for comparison in (data / "comparisons").glob("*.yaml"):
        comparison.unlink()
    result = mkdocs_build(project, tmp_path / "out", "--strict")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "directions" / "index.html").read_text(encoding="utf-8")
    assert "No research direction is recorded yet." in page


def test_every_author_of_every_paper_has_a_page_listing_that_paper(
    live_site: Path, live_index: SurveyIndex
) -> None:
    listed: dict[str, list[str]] = {}
    missing = []
    for paper_id, paper in live_index.papers.items():
        slugs = live_index.authors.by_paper[paper_id]
        assert len(slugs) == len(paper.record.authors), paper_id
        for slug in slugs:
            if slug not in listed:
                listed[slug] = _parse(_page(live_site, f"authors/{slug}/")).hrefs
            if f"../../papers/{paper_id}/" not in listed[slug]:
                missing.append(f"authors/{slug} does not list papers/{paper_id}")
    assert missing == []
    index = _parse(_page(live_site, "authors/")).hrefs
    assert {f"{slug}/" for slug in live_index.authors.people} <= set(index)


def test_author_links_on_paper_pages_resolve_to_their_authors(
    live_site: Path, live_index: SurveyIndex
) -> None:
    wrong = []
    for paper_id in live_index.papers:
        hrefs = _parse(_page(live_site, f"papers/{paper_id}/")).hrefs
        linked = [h for h in hrefs if re.fullmatch(r"\.\./\.\./authors/[^/]+/", h)]
        expected = [f"../../authors/{slug}/" for slug in live_index.authors.by_paper[paper_id]]
        if linked != expected:
            wrong.append(f"papers/{paper_id}: {linked} != {expected}")
        for href in linked:
            if not (_page(live_site, f"papers/{paper_id}/").parent / href / "index.html").is_file():
                wrong.append(f"papers/{paper_id} -> {href} does not resolve")
    assert wrong == []


def test_papers_index_is_newest_first(live_site: Path, live_index: SurveyIndex) -> None:
    hrefs = _parse(_page(live_site, "papers/")).hrefs
    order = list(dict.fromkeys(h[:-1] for h in hrefs if h[:-1] in live_index.papers))
    assert sorted(order) == sorted(live_index.papers)
    dates = [date_order(live_index.papers[paper_id].record) for paper_id in order]
    assert dates == sorted(dates, reverse=True)


def test_bibtex_blocks_are_plain_text_and_citations_stay_out_of_search(
    live_site: Path, live_index: SurveyIndex
) -> None:
    """A paper's BibTeX is shown as the entry's text (escaped, uncoloured: no Pygments markup),
    and every page's 'Cite this page' block stays out of the search index, where the same
    words on every page would match everywhere."""
    import json

    for paper_id in live_index.papers:
        html = _page(live_site, f"papers/{paper_id}/").read_text(encoding="utf-8")
        blocks = re.findall(
            r'<div class="language-bibtex highlight"><pre><span></span><code>(.*?)</code>',
            html,
            re.S,
        )
        # the entry, then this edition's citation (unless the paper came after the edition)
        # and the latest version's
        in_edition = "not in an edition yet" not in html
        assert len(blocks) == (3 if in_edition else 2), paper_id
        assert blocks[0].startswith("@") and f"{{{paper_id}," in blocks[0]
        assert all("<span" not in block for block in blocks), paper_id
        assert html.count('class="survey-cite"') == 1
    search = json.loads((live_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    generated = [
        doc for doc in search["docs"] if not doc["location"].startswith(("cite/", "architecture/"))
    ]
    assert len(generated) > len(live_index.papers)
    leaked = [
        d["location"] for d in generated if "Cite this" in d["text"] or "Cite latest" in d["text"]
    ]
    assert leaked == []
