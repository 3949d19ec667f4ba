"""Dates from git history, what's new and the Atom feeds, on a temporary git repository of the
fixture survey (see tests/history_repo.py); invariants only on the live records."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
from livesurvey import GeneratedPage, SurveyIndex, load_survey, render_pages
from livesurvey.model.history import EditionState
from livesurvey.outputs.editions import Edition
from livesurvey.pipeline import read_history

from .conftest import DATA
from .history_repo import make_history_repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_history_repo(tmp_path_factory.mktemp("history"))


@pytest.fixture(scope="module")
def indexed(repo: Path) -> SurveyIndex:
    index = load_survey(repo)
    read_history(index, repo)
    return index


@pytest.fixture(scope="module")
def pages(indexed: SurveyIndex) -> dict[str, GeneratedPage]:
    return {page.uri: page for page in render_pages(indexed)}


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_dates_come_from_the_commits_that_changed_each_record(indexed: SurveyIndex) -> None:
    dates = indexed.history.dates
    finding = dates["findings/rlvr-gains-bounded-by-entropy.yaml"]
    assert (finding.added, finding.changed) == (day("2026-06-01"), day("2026-07-03"))
    new = dates["papers/doe2026later.yaml"]
    assert (new.added, new.changed) == (day("2026-07-03"), day("2026-07-03"))
    # a comment alone is no change; a renamed file keeps its dates
    assert dates["papers/cui2025entropy.yaml"].changed == day("2026-06-01")
    assert dates["papers/hu2025x.yaml"].added == day("2026-06-01")
    assert dates["taxonomy.yaml"].changed == day("2026-08-10")
    assert indexed.history.edition_since == day("2026-08-10")
    assert dates["findings/gains-from-length-not-depth.yaml"].edition == EditionState.CHANGED
    assert dates["papers/roe2027after.yaml"].edition == EditionState.NEW
    assert dates["papers/doe2026later.yaml"].edition == EditionState.SAME


def test_whats_new_lists_each_month(pages: dict[str, GeneratedPage]) -> None:
    text = pages["whats-new/index.md"].content
    assert text.index("## 2026\\-08") < text.index("## 2026\\-07")
    expected = [
        "- 2026\\-07\\-03 · Paper added: [A later look at RL limits](../papers/doe2026later.md)",
        "- 2026\\-07\\-03 · Finding changed: [RLVR gains are paid for with policy entropy]"
        "(../findings/rlvr-gains-bounded-by-entropy.md) (status emerging → debated; "
        "evidence from doe2026later added \\(contests\\))",
        "- 2026\\-08\\-10 · Topic added: [RL schedules](../topics/rl-schedules.md)",
        "- 2026\\-08\\-10 · Research question renamed: [How much SFT cold\\-start does RL need&#63;]"
        "(../topics/sft-vs-rl.md#sft-cold-start) (was “SFT learns, RL repairs&#58; how much SFT "
        "cold\\-start is appropriate&#63;”)",
        "- 2026\\-08\\-20 · Finding changed: [Gains come from longer context, not deeper "
        "computation](../findings/gains-from-length-not-depth.md) (claim reworded)",
    ]
    for line in expected:
        assert line in text.splitlines(), line
    # the original survey's records are not news
    assert "cui2025entropy" not in text and "Finding added" not in text


def test_pages_show_edition_and_last_change(pages: dict[str, GeneratedPage]) -> None:
    finding = pages["findings/gains-from-length-not-depth.md"].content
    assert (
        "Live site, edition 2026\\.08 · last changed on 2026-08-20 · changed since edition 2026\\.08"
        in finding
    )
    assert "**Cite this edition**" in finding and "**Cite latest**" in finding
    assert (
        "url = {https://example.org/fixture/editions/2026.08/findings/gains-from-length-not-depth/}"
        in finding
    )
    assert "url = {https://example.org/fixture/findings/gains-from-length-not-depth/}" in finding
    later = pages["papers/roe2027after.md"].content
    assert "not in an edition yet (added after edition 2026\\.08 was cut)" in later
    for page in pages.values():
        if page.is_markdown:
            assert '<p class="survey-edition" markdown>' in page.content, page.uri


def test_a_frozen_edition_cites_itself(indexed: SurveyIndex) -> None:
    frozen = {p.uri: p for p in render_pages(indexed, edition=Edition("2026.08", frozen=True))}
    later = frozen["papers/roe2027after.md"].content
    assert "Edition 2026\\.08, frozen" in later
    assert "url = {https://example.org/fixture/editions/2026.08/papers/roe2027after/}" in later
    assert "[latest version](https://example.org/fixture/papers/roe2027after/)" in later


def test_the_feeds_are_atom_with_absolute_links(pages: dict[str, GeneratedPage]) -> None:
    survey = feedparser.parse(pages["feed.xml"].content)
    assert not survey.bozo, survey.bozo_exception
    assert survey.version == "atom10"
    assert survey.feed.title == "A fixture survey for tests"
    assert survey.feed.link == "https://example.org/fixture/whats-new/"
    titles = [entry.title for entry in survey.entries]
    assert titles[0] == "Paper added: After the edition"
    assert "Finding changed: RLVR gains are paid for with policy entropy" in titles
    assert len(titles) == 8
    entry = next(e for e in survey.entries if e.title.startswith("Finding changed: RLVR"))
    assert entry.link == "https://example.org/fixture/findings/rlvr-gains-bounded-by-entropy/"
    assert entry.updated == "2026-07-03T00:00:00Z"
    assert "status emerging → debated" in entry.summary
    assert len({e.id for e in survey.entries}) == len(survey.entries)
    topic = feedparser.parse(pages["feed-sft-vs-rl.xml"].content)
    assert not topic.bozo
    assert [e.title for e in topic.entries] == [
        "Paper added: After the edition",
        "Research question renamed: How much SFT cold-start does RL need?",
        "Paper added: A later look at RL limits",
        "Finding changed: RLVR gains are paid for with policy entropy",
    ]
    assert pages["topics/sft-vs-rl.md"].content.startswith(
        "---\nsurvey_feed: ../../feed-sft-vs-rl.xml\n"
    )


def test_home_page_latest_additions_use_the_history(indexed: SurveyIndex) -> None:
    from livesurvey import CitationExpander

    text, problems = CitationExpander(indexed).expand("<!-- survey:latest 2 -->", "index.md", "x")
    assert not problems
    assert text.splitlines()[:2] == [
        "- 2026-08-20 · Paper added: [After the edition](papers/roe2027after.md)",
        "- 2026-08-20 · Finding changed: [Gains come from longer context, not deeper "
        "computation](findings/gains-from-length-not-depth.md) (claim reworded)",
    ]


def test_a_shallow_clone_falls_back_to_the_records_dates(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", f"file://{repo.parent}", str(shallow)],
        check=True,
    )
    index = load_survey(shallow / "survey_data")
    history = read_history(index, shallow / "survey_data")
    assert not history.from_git and history.unavailable is not None
    assert "shallow clone" in history.unavailable
    assert history.dates["papers/doe2026later.yaml"].added == day("2026-07-03")
    pages = {p.uri: p for p in render_pages(index)}
    assert "This build had no git history (shallow clone" in pages["whats-new/index.md"].content


def test_without_git_or_commits_the_records_dates_stand_in(repo: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(repo, plain)
    index = load_survey(plain)
    history = read_history(index, plain)
    assert history.unavailable == "not a git repository"
    assert history.dates["papers/roe2027after.yaml"].changed == day("2026-08-20")
    assert [e.item_id for e in history.news()[:2]] == ["roe2027after", "doe2026later"]
    fresh = tmp_path / "fresh"
    shutil.copytree(repo, fresh / "survey_data")
    subprocess.run(["git", "init", "--quiet"], cwd=fresh, check=True)
    assert read_history(load_survey(fresh / "survey_data"), fresh / "survey_data").unavailable


def test_an_uncommitted_record_takes_its_added_date(repo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(repo.parent, copy)
    paper = (copy / "survey_data/papers/roe2027after.yaml").read_text(encoding="utf-8")
    (copy / "survey_data/papers/zed2026.yaml").write_text(
        paper.replace("After the edition", "Not committed").replace("2611.00002", "2611.00003"),
        encoding="utf-8",
    )
    index = load_survey(copy / "survey_data")
    history = read_history(index, copy / "survey_data")
    assert history.from_git
    assert history.dates["papers/zed2026.yaml"].added == day("2026-08-20")


def test_live_history_invariants() -> None:
    index = load_survey(DATA)
    history = read_history(index, DATA)
    started = index.meta.record.started
    for path, dates in history.dates.items():
        assert dates.added <= dates.changed, path
    for paper in index.papers.values():
        assert paper.path in history.dates
    assert all(event.day > started for event in history.news())
    pages = {p.uri: p for p in render_pages(index)}
    assert not feedparser.parse(pages["feed.xml"].content).bozo
    for topic_id in index.topics:
        assert not feedparser.parse(pages[f"feed-{topic_id}.xml"].content).bozo
