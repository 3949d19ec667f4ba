"""Pages whose size would grow with the survey stay bounded, and say where the rest is."""

from __future__ import annotations

from pathlib import Path

import pytest
from livesurvey import SurveyIndex, expand_nav, load_survey, render_pages
from livesurvey.model.dates import newest_first
from livesurvey.outputs import navigation, page_data

from .conftest import write_tree

SECOND = """\
    title: RL narrows
    question: capability-boundary
    claim: RL narrows the paths.
    status: emerging
    evidence:
      - paper: smith2024origin
        stance: supports
        methods: [linear-probing]
    added: 2026-01-01
    """


def test_finding_pages_list_a_bounded_number_of_other_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_data, "MAX_SIBLINGS", 0)
    monkeypatch.setattr(page_data, "MAX_MATRIX_PAPERS", 1)
    root = write_tree(tmp_path / "data", {"findings/rl-narrows.yaml": SECOND})
    pages = {p.uri: p.content for p in render_pages(load_survey(root))}
    finding = pages["findings/rl-sharpens.md"]
    assert "- and 1 more, all listed under [Does RL add new abilities" in finding
    assert "rl-narrows" not in finding.split("## Other findings on this question")[1]
    topic = pages["topics/sft-vs-rl.md"]
    header = next(line for line in topic.splitlines() if line.startswith("| Finding |"))
    assert header.count("../papers/") == 1
    assert "The 1 papers shown bear on the most findings; 1 more appear" in topic


def test_topic_pages_list_a_bounded_number_of_findings_and_papers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_data, "MAX_QUESTION_FINDINGS", 1)
    monkeypatch.setattr(page_data, "MAX_TOPIC_PAPERS", 1)
    root = write_tree(tmp_path / "data", {"findings/rl-narrows.yaml": SECOND})
    index = load_survey(root)
    pages = {p.uri: p.content for p in render_pages(index)}
    topic = pages["topics/sft-vs-rl.md"]
    findings = [f for f in index.findings_by_question["capability-boundary"]]
    shown, hidden = findings[0], findings[1]
    assert f"{{#{shown.id} " in topic and f"{{#{hidden.id} " not in topic
    assert (
        "1 more finding answers this question: the [findings index](../findings/index.md#sft-vs-rl)"
        in topic
    )
    matrix = topic.split("## Evidence matrix")[1].split("## Papers on this topic")[0]
    assert hidden.id not in matrix  # the matrix covers the findings shown
    methods = topic.split("## Analysis methods")[1].split("## Evidence matrix")[0]
    row = next(line for line in methods.splitlines() if "linear-probing" in line)
    assert "| 2 |" in row  # both findings' evidence is counted, the shown one is linked
    assert f"(sft-vs-rl.md#{shown.id})" in row and hidden.id not in row
    assert "1 more in the [findings index](../findings/index.md#sft-vs-rl)" in row
    papers = topic.split("## Papers on this topic")[1].split("## Related topics")[0]
    total = len(index.papers_by_topic["sft-vs-rl"])
    assert total > 1 and f"The 1 newest of the {total} papers on this topic" in papers
    newest = newest_first(index.papers_by_topic["sft-vs-rl"])[0]
    rows = [line for line in papers.splitlines() if line.startswith("| [")]
    assert len(rows) == 1 and f"../papers/{newest.id}.md" in rows[0]
    # the findings index still lists every finding of the topic, at the anchor linked
    listed = pages["findings/index.md"].split("{#sft-vs-rl}")[1]
    assert all(f"{f.id}.md" in listed for f in findings)


def test_a_method_page_lists_a_bounded_number_of_papers_and_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_data, "MAX_TERM_PAPERS", 1)
    monkeypatch.setattr(page_data, "MAX_TERM_FINDINGS", 1)
    root = write_tree(tmp_path / "data", {"findings/rl-narrows.yaml": SECOND})
    index = load_survey(root)
    term = ("methods", "linear-probing")
    papers, findings = index.papers_by_term[term], index.findings_by_term[term]
    assert len(papers) > 1 and len(findings) > 1
    page = {p.uri: p.content for p in render_pages(index)}["methods/linear-probing.md"]
    listed = page.split("## Papers by topic")[1].split("## Findings")[0]
    newest = newest_first(papers)[0]
    assert f"../papers/{newest.id}.md" in listed
    assert all(f"../papers/{p.id}.md" not in listed for p in papers if p is not newest)
    assert f"Only the 1 newest of the {len(papers)} papers under" in listed
    # every topic keeps its heading and anchor, saying how many of its papers are not listed
    topics = {t for p in papers for t in index.topics_by_paper[p.id]}
    assert all(f"{{#topic-{t}}}" in listed for t in topics)
    assert "- and 1 older paper, in the [papers index](../papers/index.md)" in listed
    assert "[papers index](../papers/index.md) lists every paper" in listed
    shown = page.split("## Findings")[1]
    assert sum(f"../findings/{f.id}.md" in shown for f in findings) == 1
    assert f"{len(findings) - 1} more finding" in shown
    assert f"{len(papers)} papers, {len(findings)} findings." in page


def test_a_dimension_with_many_topics_is_one_link_in_the_navigation(
    fixture_index: SurveyIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes = {d.id: len(d.topics) for d in fixture_index.dimensions}
    monkeypatch.setattr(navigation, "MAX_NAV_TOPICS", min(sizes.values()))
    nav = expand_nav(["@dimensions"], fixture_index)
    assert nav is not None
    for dimension, item in zip(fixture_index.dimensions, nav, strict=True):
        assert isinstance(item, dict)
        (entry,) = item.values()
        if sizes[dimension.id] > navigation.MAX_NAV_TOPICS:  # one link to the dimension's page
            assert entry == f"dimensions/{dimension.id}/index.md"
        else:  # its overview, then each topic
            assert [next(iter(child.values())) for child in entry] == [
                f"dimensions/{dimension.id}/index.md",
                *(f"topics/{topic.id}.md" for topic in dimension.topics),
            ]
    assert any(sizes[d] > navigation.MAX_NAV_TOPICS for d in sizes)


@pytest.mark.slow
def test_the_largest_pages_stop_growing_with_the_survey(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the 25 questions fixed (the worst case), topic and finding pages stay within their
    bounds as the survey grows fourfold; only the indexes (one page each) grow."""
    from .benchmark import make_survey

    monkeypatch.setattr(page_data, "MAX_QUESTION_FINDINGS", 3)
    monkeypatch.setattr(page_data, "MAX_TOPIC_PAPERS", 5)
    monkeypatch.setattr(page_data, "MAX_MATRIX_PAPERS", 4)
    monkeypatch.setattr(page_data, "MAX_SIBLINGS", 3)
    monkeypatch.setattr(page_data, "MAX_TERM_PAPERS", 5)
    monkeypatch.setattr(page_data, "MAX_TERM_FINDINGS", 5)
    largest: dict[int, dict[str, int]] = {}
    for papers in (150, 600):
        root = tmp_path / f"n{papers}"
        make_survey(root, papers, fixed_questions=True)
        pages = render_pages(load_survey(root))
        largest[papers] = {}
        for kind in ("topics/", "findings/", "methods/"):
            largest[papers][kind] = max(
                len(page.content)
                for page in pages
                if page.uri.startswith(kind)
                and page.uri.endswith(".md")
                and not page.uri.endswith("index.md")
            )
    for kind in ("topics/", "findings/", "methods/"):
        assert largest[600][kind] <= 1.15 * largest[150][kind], (kind, largest)
