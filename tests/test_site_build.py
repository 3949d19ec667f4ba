"""End-to-end: a strict MkDocs build of the real records, checked as a reader sees it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from livesurvey import load_survey

from .conftest import DATA, REPO


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


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = _mkdocs_build(REPO, out, "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


def _page(site: Path, url: str) -> Path:
    return site / url.strip("/") / "index.html"


def test_every_record_has_its_page_at_its_url(site: Path) -> None:
    index = load_survey(DATA)
    expected = (
        [f"papers/{pid}/" for pid in index.papers]
        + [f"findings/{fid}/" for fid in index.findings]
        + [f"topics/{tid}/" for tid in index.topics]
        + [f"dimensions/{d.id}/" for d in index.dimensions]
        + [f"methods/{term}/" for (vocab, term) in index.terms if vocab == "methods"]
        + [f"training-methods/{method_id}/" for method_id in index.training_methods]
        + [f"directions/{direction.id}/" for direction in index.directions]
        + [f"comparisons/{comparison_id}/" for comparison_id in index.comparisons]
        + [
            "papers/",
            "findings/",
            "methods/",
            "dimensions/",
            "training-methods/",
            "directions/",
            "comparisons/",
            "bibliography/",
        ]
    )
    missing = [url for url in expected if not _page(site, url).is_file()]
    assert missing == []
    assert (len(index.papers), len(index.findings), len(index.questions)) == (131, 76, 25)
    assert (len(index.training_methods), len(index.directions)) == (19, 3)
    evidence = sum(len(f.record.evidence) for f in index.findings.values())
    assert evidence == 147


def test_question_anchors_are_on_topic_pages(site: Path) -> None:
    index = load_survey(DATA)
    for question_id, place in index.questions.items():
        ids = _parse(_page(site, f"topics/{place.topic.id}/")).ids
        assert question_id in ids, f"#{question_id} missing on /topics/{place.topic.id}/"


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    # 404.html is served from any depth, so MkDocs gives it absolute links on purpose.
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
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
                broken.append(f"{page.relative_to(site)} -> {href}")
                continue
            if target.fragment and path.suffix == ".html":
                ids = parsed[path].ids if path in parsed else _parse(path).ids
                if target.fragment not in ids:
                    broken.append(f"{page.relative_to(site)} -> {href} (no anchor)")
    assert broken == []


def test_links_go_both_ways(site: Path) -> None:
    finding = _page(site, "findings/rlvr-compresses-not-expands/")
    paper = _page(site, "papers/yue2025reinforcement/")
    assert "../../papers/yue2025reinforcement/" in _parse(finding).hrefs
    assert "../../findings/rlvr-compresses-not-expands/" in _parse(paper).hrefs
    paper_text = paper.read_text(encoding="utf-8")
    row = re.search(
        r"<tr>(?:(?!</tr>).)*rlvr-compresses-not-expands/(?:(?!</tr>).)*</tr>", paper_text, re.S
    )
    assert row is not None
    assert 'class="survey-stance survey-stance--supports"' in row.group(0)
    assert "</svg></span> supports</span>" in row.group(0)


def test_edit_link_points_at_the_yaml_record(site: Path) -> None:
    edit = _parse(_page(site, "papers/yue2025reinforcement/")).edit_links
    assert edit == [
        "https://github.com/living-lrm-survey/lrm-mechanisms/edit/main/survey_data/papers/"
        "yue2025reinforcement.yaml"
    ]
    finding_edit = _parse(_page(site, "findings/sft-hurts-ood/")).edit_links
    assert finding_edit[0].endswith("/edit/main/survey_data/findings/sft-hurts-ood.yaml")


def test_records_stay_out_of_the_navigation(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    start = home.index('<nav class="md-nav md-nav--primary"')
    nav = home[start : home.index('<div class="md-content"', start)]
    assert 'href="topics/sft-vs-rl/"' in nav
    assert 'href="papers/"' in nav
    assert "papers/yue2025reinforcement/" not in nav and "findings/sft-hurts-ood/" not in nav


def test_no_external_assets(site: Path) -> None:
    offenders = []
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", text):
            if 'rel="canonical"' in tag or 'rel="alternate"' in tag:
                continue
            if re.search(r'(?:src|href)="(?:https?:)?//', tag):
                offenders.append(f"{page.relative_to(site)}: {tag}")
    assert offenders == []


def _copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(REPO, project, ignore=shutil.ignore_patterns(".venv", "site", ".git", "tests"))
    return project


def _mkdocs_build(project: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out), *extra],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_generated_page_never_replaces_a_hand_written_one(tmp_path: Path) -> None:
    project = _copy_project(tmp_path)
    (project / "docs" / "papers").mkdir()
    (project / "docs" / "papers" / "index.md").write_text("# My own papers page\n")
    result = _mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert (
        "generated pages would replace hand-written pages in docs/: papers/index.md"
        in result.stderr
    )


def test_invalid_records_fail_the_build_listing_every_problem(tmp_path: Path) -> None:
    project = _copy_project(tmp_path)
    finding = project / "survey_data" / "findings" / "sft-hurts-ood.yaml"
    finding.write_text(finding.read_text().replace("status:", "stauts:"))
    paper = project / "survey_data" / "papers" / "chu2025sft.yaml"
    paper.write_text(paper.read_text().replace("year: 2025", "year: soon"))
    result = _mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert (
        "findings/sft-hurts-ood.yaml:4:1: unknown field 'stauts'; did you mean 'status'?"
        in result.stderr
    )
    assert "papers/chu2025sft.yaml" in result.stderr and "should be a whole number" in result.stderr
    assert "Traceback" not in result.stderr
