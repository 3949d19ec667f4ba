"""``livesurvey new``: a valid record to start from, never a partial file, and no network."""

from __future__ import annotations

import urllib.error
from pathlib import Path

import pytest
import yaml
from livesurvey import check_survey
from livesurvey.cli import main
from livesurvey.importers import online

from .conftest import REPO, write_tree

RECORDED = REPO / "tests" / "fixtures" / "online"


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Serve the recorded answers; any other address fails as a dead network would."""
    asked: list[str] = []
    answers = {
        online.ARXIV_API.format(id="2504.13837"): "arxiv-2504.13837.xml",
        online.ARXIV_API.format(id="2599.99999"): "arxiv-empty.xml",
        online.DOI_RESOLVER.format(doi="10.48550/arXiv.2504.13837"): (
            "doi-10.48550-arxiv.2504.13837.json"
        ),
    }

    def fetch(url: str, headers: dict[str, str]) -> bytes:
        asked.append(url)
        if url not in answers:
            raise urllib.error.URLError("Temporary failure in name resolution")
        return (RECORDED / answers[url]).read_bytes()

    monkeypatch.setattr(online, "fetch_online", fetch)
    return asked


def _survey_without_yue(tmp_path: Path) -> Path:
    return write_tree(
        tmp_path / "data",
        {"papers/yue2025reinforcement.yaml": None, "findings/rl-sharpens.yaml": None},
    )


def _new(root: Path, *args: str) -> int:
    return main(["--data", str(root), "new", *args, "--added", "2026-01-02"])


@pytest.mark.parametrize(
    "source", [["--arxiv", "2504.13837v5"], ["--doi", "https://doi.org/10.48550/arXiv.2504.13837"]]
)
def test_a_paper_from_arxiv_or_a_doi(tmp_path: Path, offline: list[str], source, capsys) -> None:
    root = _survey_without_yue(tmp_path)
    assert _new(root, "paper", *source) == 0
    file = root / "papers" / "yue2025reinforcement.yaml"
    text = file.read_text()
    assert text.startswith("# A new paper record. Fill in what the source could not know")
    record = yaml.safe_load(text)
    assert record["title"].startswith("Does reinforcement learning really incentivize")
    assert record["authors"][:2] == [
        {"family": "Yue", "given": "Yang"},
        {"family": "Chen", "given": "Zhiqi"},
    ]
    assert (record["year"], record["month"], record["arxiv"]) == (2025, 4, "2504.13837")
    index, problems = check_survey(root)
    assert index is not None and "yue2025reinforcement" in index.papers
    assert [str(p) for p in problems] == [
        "papers/yue2025reinforcement.yaml:7:8: warning: paper 'yue2025reinforcement' is attached "
        "to no topic and cited by no finding; add 'topics: [...]' or cite it from a finding "
        "[orphan-paper]"
    ]


def test_a_paper_already_recorded_is_not_added_twice(tmp_path: Path, offline, capsys) -> None:
    root = write_tree(tmp_path / "data")
    assert _new(root, "paper", "--arxiv", "2504.13837") == 1
    out = capsys.readouterr().out
    assert "papers/yue2025reinforcement.yaml:1:1: this work is already recorded here" in out
    assert "nothing was written" in out


@pytest.mark.parametrize(
    ("arxiv", "message"),
    [
        ("2599.99999", "arXiv has no paper with the id 2599.99999; check the id"),
        ("2501.00001", "could not reach export.arxiv.org for arXiv id 2501.00001"),
        ("not-an-id", "'not-an-id' is not an arXiv id"),
    ],
)
def test_failed_lookups_write_nothing(
    tmp_path: Path, offline, capsys, arxiv: str, message: str
) -> None:
    root = _survey_without_yue(tmp_path)
    before = sorted(p.name for p in (root / "papers").iterdir())
    assert _new(root, "paper", "--arxiv", arxiv) == 1
    err = capsys.readouterr().err
    assert message in err and err.rstrip().endswith("nothing was written")
    assert sorted(p.name for p in (root / "papers").iterdir()) == before


def test_a_paper_from_a_bibtex_entry(tmp_path: Path, capsys) -> None:
    root = _survey_without_yue(tmp_path)
    bib = tmp_path / "entry.bib"
    bib.write_text("@misc{Doe:2026x, title={A new work}, author={Doe, Jane}, year={2026}}\n")
    assert _new(root, "paper", "--bib", str(bib)) == 0
    record = yaml.safe_load((root / "papers" / "doe-2026x.yaml").read_text())
    assert (record["key"], record["title"]) == ("Doe:2026x", "A new work")


def test_a_finding_with_its_first_evidence(tmp_path: Path, capsys) -> None:
    root = write_tree(tmp_path / "data")
    args = ["finding", "rl-narrows", "--question", "capability-boundary", "--title", "RL narrows"]
    args += ["--claim", "RL narrows the paths.", "--paper", "yue2025reinforcement"]
    args += ["--method", "linear-probing", "--note", "Shown with probes."]
    assert _new(root, *args) == 0
    text = (root / "findings" / "rl-narrows.yaml").read_text()
    assert text.startswith("# A new finding. Add the other papers that bear on it")
    assert yaml.safe_load(text)["status"] == "emerging"
    index, problems = check_survey(root)
    assert index is not None and problems == []


def test_a_finding_with_unknown_references_is_not_written(tmp_path: Path, capsys) -> None:
    root = write_tree(tmp_path / "data")
    args = ["finding", "rl-narrows", "--question", "capability-boundry", "--title", "T"]
    args += ["--claim", "C.", "--paper", "yue2025reinforcment", "--method", "linear-probes"]
    assert _new(root, *args) == 1
    out = capsys.readouterr().out
    assert "unknown question 'capability-boundry'; did you mean 'capability-boundary'?" in out
    assert "unknown paper 'yue2025reinforcment'; did you mean 'yue2025reinforcement'?" in out
    assert "unknown term of vocab/methods.yaml 'linear-probes'; did you mean" in out
    assert not (root / "findings" / "rl-narrows.yaml").exists()
