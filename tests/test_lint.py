"""Each data-quality check fires on a minimal case and stays silent on a clean one."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from livesurvey.cli import main

from .conftest import BASE_TREE, write_tree


def _paper(extra: str = "", *, title: str = "Another paper", arxiv: str = "2503.00002") -> str:
    return f"""\
        title: {title}
        authors:
          - family: Doe
        year: 2025
        arxiv: '{arxiv}'
        topics: [sft-vs-rl]
        added: 2026-01-01
        {extra}
        """


def test_duplicate_work_by_arxiv_doi_and_title(tree):
    problems = tree(
        {
            "papers/doe2025a.yaml": _paper("doi: 10.1234/x", arxiv="2504.13837"),
            "papers/doe2025b.yaml": _paper("doi: 10.1234/X", title="Does RL really  help?"),
        }
    )
    assert problems == [
        "papers/doe2025b.yaml:8:6: same work as papers/doe2025a.yaml (same doi); "
        "merge the two records into one and keep the older id [duplicate-work]",
        "papers/yue2025reinforcement.yaml:1:8: same work as papers/doe2025b.yaml (same title); "
        "merge the two records into one and keep the older id [duplicate-work]",
        "papers/yue2025reinforcement.yaml:9:8: same work as papers/doe2025a.yaml (same arxiv); "
        "merge the two records into one and keep the older id [duplicate-work]",
    ]
    assert {p.split(" (same ")[1].split(")")[0] for p in problems} == {"title", "arxiv", "doi"}


def test_date_disagreeing_with_arxiv(tree):
    assert tree({"papers/doe2025a.yaml": _paper("month: 7")}) == [
        "papers/doe2025a.yaml:8:8: warning: date 2025-07 disagrees with arXiv id 2503.00002, "
        "first submitted 2025-03; check the date [date-vs-arxiv]"
    ]
    assert tree({"papers/doe2025a.yaml": _paper("month: 3")}) == []


def test_orphan_paper(tree):
    orphan = _paper().replace("topics: [sft-vs-rl]", "topics: []")
    assert tree({"papers/doe2025a.yaml": orphan}) == [
        "papers/doe2025a.yaml:1:8: warning: paper 'doe2025a' is attached to no topic and cited "
        "by no finding; add 'topics: [...]' or cite it from a finding [orphan-paper]"
    ]
    assert tree({"papers/doe2025a.yaml": orphan.replace("topics: []", "background: true")}) == []


FINDING = """\
    title: RL sharpens
    question: capability-boundary
    claim: RL sharpens what is there.
    status: {status}
    evidence:
      - paper: yue2025reinforcement
        stance: {stance}
        methods: [linear-probing]
    {more}
    added: 2026-01-01
    """


def _finding(status: str, stance: str = "supports", more: str = "") -> str:
    return FINDING.format(status=status, stance=stance, more=more)


def test_status_contradicting_evidence(tree):
    assert tree({"findings/rl-sharpens.yaml": _finding("debated")}) == [
        "findings/rl-sharpens.yaml:4:9: status 'debated' contradicts the evidence (1 supports); "
        "expected 'emerging' (debated: any contests; established: two or more supports; "
        "emerging: one) [status-vs-evidence]"
    ]
    assert tree({"findings/rl-sharpens.yaml": _finding("emerging", "qualifies")}) == [
        "findings/rl-sharpens.yaml:4:9: no evidence item supports this finding; add a "
        "supporting paper [status-vs-evidence]"
    ]


def test_evidence_citing_a_paper_twice(tree):
    text = _finding("established").replace(
        "added:",
        "  - paper: yue2025reinforcement\n        stance: supports\n        methods: [linear-probing]\n    added:",
    )
    assert tree({"findings/rl-sharpens.yaml": text}) == [
        "findings/rl-sharpens.yaml:10:12: paper 'yue2025reinforcement' is cited twice in this "
        "finding (also evidence item 1); merge the two items [duplicate-evidence]"
    ]


@pytest.mark.parametrize(
    ("field", "url", "message"),
    [
        ("url", "http://example.org/post", "is not https; use the https:// address"),
        (
            "url",
            "https://bit.ly/abc",
            "goes through a URL shortener; link to the destination instead",
        ),
        (
            "code",
            "https://img.shields.io/badge/x",
            "is a badge image, not the resource; link to the resource itself",
        ),
        (
            "code",
            "https://anonymous.4open.science/r/x",
            "is an anonymous review copy that expires; link the public release",
        ),
    ],
)
def test_suspicious_links(tree, field: str, url: str, message: str):
    assert tree({"papers/doe2025a.yaml": _paper(f"{field}: {url}")}) == [
        f"papers/doe2025a.yaml:8:{len(field) + 3}: warning: link '{url}' {message} [suspicious-link]"
    ]


def test_model_link_in_code_field(tree):
    assert tree({"papers/doe2025a.yaml": _paper("code: https://huggingface.co/org/model")}) == [
        "papers/doe2025a.yaml:8:7: warning: code link 'https://huggingface.co/org/model' points "
        "to a model or data set; move it to 'artifacts' [suspicious-link]"
    ]


def test_missing_authors(tree):
    text = """\
        title: Another paper
        year: 2025
        topics: [sft-vs-rl]
        added: 2026-01-01
        """
    assert tree({"papers/doe2025a.yaml": text}) == [
        "papers/doe2025a.yaml:1:8: warning: paper has no authors; add them, or say in "
        "'curator_notes' why they are unknown [missing-authors]"
    ]
    noted = text.replace(
        "added:", "curator_notes: [Authors unknown from the list.]\n        added:"
    )
    assert tree({"papers/doe2025a.yaml": noted}) == []


def test_severity_is_configurable(tree):
    orphan = _paper().replace("topics: [sft-vs-rl]", "topics: []")
    survey = dedent(BASE_TREE["survey.yaml"]) + "checks:\n  orphan-paper: {level}\n"
    assert tree({"papers/doe2025a.yaml": orphan, "survey.yaml": survey.format(level="off")}) == []
    as_error = tree({"papers/doe2025a.yaml": orphan, "survey.yaml": survey.format(level="error")})
    assert as_error == [
        "papers/doe2025a.yaml:1:8: paper 'doe2025a' is attached to no topic and cited "
        "by no finding; add 'topics: [...]' or cite it from a finding [orphan-paper]"
    ]


def test_unknown_check_name_suggests(tree):
    survey = dedent(BASE_TREE["survey.yaml"]) + "checks:\n  orphan-papers: off\n"
    assert tree({"survey.yaml": survey}) == [
        "survey.yaml:12:3: unknown check 'orphan-papers'; did you mean 'orphan-paper'?"
    ]


def test_strict_fails_on_warnings(tmp_path: Path):
    orphan = _paper().replace("topics: [sft-vs-rl]", "topics: []")
    root = write_tree(tmp_path / "data", {"papers/doe2025a.yaml": orphan})
    assert main(["--data", str(root), "check"]) == 0
    assert main(["--data", str(root), "check", "--strict"]) == 1
