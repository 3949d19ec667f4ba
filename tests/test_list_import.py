"""Merging a curated paper list (TSV): every row checked, consistent rows merged."""

from __future__ import annotations

from pathlib import Path

import yaml
from livesurvey.cli import main

from .conftest import write_tree

HEADER = "section\tsubsection\tdate\tshortname\ttitle\tarxiv\tcode\n"
ROWS = [
    # 2: consistent: adds short name, code and month to yue2025reinforcement
    "Training\tSFT and RL\t2025-04\tlimit of RLVR\tDoes RL really help?\t2504.13837\thttps://github.com/o/r",
    # 3: the same paper and subsection again
    "Training\tSFT and RL\t2025-04\tlimit of RLVR\tDoes RL really help?\t2504.13837\t",
    # 4: arXiv id of one paper, title of another: skipped
    "Training\tSFT and RL\t2024-01\tOrigin\tThe original survey\t2504.13837\t",
    # 5: non-standard date, unknown work: becomes a new record
    "Training\tSFT and RL\t2025-9\tNewWork\tA brand new work\t2509.00001\thttps://huggingface.co/org/m",
    # 6: short name copied from another row, date disagreeing with the arXiv id
    "Training\tSFT and RL\t2024-05\tlimit of RLVR\tThe original survey\t2401.00001\t",
    # 7: subsection that matches nothing
    "Training\tQuantum gravity\t2025-01\tX\tY\t2501.00009\t",
]


def _run(tmp_path: Path, *extra: str, fresh: bool = True) -> int:
    data = write_tree(tmp_path / "data") if fresh else tmp_path / "data"
    listing = tmp_path / "list.tsv"
    listing.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    return main(["--data", str(data), "import-list", str(listing), "--added", "2026-03-04", *extra])


def _record(tmp_path: Path, paper_id: str) -> dict:
    return yaml.safe_load((tmp_path / "data" / "papers" / f"{paper_id}.yaml").read_text())


def test_every_inconsistency_is_reported_with_its_line(tmp_path: Path, capsys) -> None:
    assert _run(tmp_path) == 1
    out = capsys.readouterr().out
    path = str(tmp_path / "list.tsv")
    expected = [
        f"{path}:3:1: warning: repeats line 2 (same paper, same subsection)",
        f"{path}:4:1: arXiv id 2504.13837 belongs to papers/yue2025reinforcement.yaml but the "
        "title 'The original survey' to papers/smith2024origin.yaml; the row was not merged: "
        "resolve it in the records and say so in 'curator_notes'",
        f"{path}:5:1: warning: date '2025-9' is not in the form YYYY-MM (e.g. '2025-09'); "
        "the row's date is not used",
        f"{path}:6:1: warning: date 2024-05 disagrees with arXiv id 2401.00001, first "
        "submitted 2024-01; the arXiv id's month is kept",
        f"{path}:6:1: warning: short name 'limit of RLVR' already names "
        "papers/yue2025reinforcement.yaml, not papers/smith2024origin.yaml; the name is not "
        "used for this paper",
        f"{path}:7:1: subsection 'Quantum gravity' matches no topic or method group",
    ]
    for line in expected:
        assert line in out
    assert (
        "merged: 4 rows merged, 1 new papers, 2 papers completed, 2 inconsistent rows skipped"
        in out
    )


def test_consistent_rows_are_merged_without_overwriting(tmp_path: Path) -> None:
    _run(tmp_path)
    yue = _record(tmp_path, "yue2025reinforcement")
    assert yue["short_name"] == "limit of RLVR"
    assert yue["code"] == "https://github.com/o/r"
    assert yue["month"] == 4
    assert yue["topics"] == ["sft-vs-rl"]
    origin = _record(tmp_path, "smith2024origin")
    assert origin["topics"] == ["sft-vs-rl"]
    assert "short_name" not in origin and "month" not in origin
    new = _record(tmp_path, "newwork")
    assert new["title"] == "A brand new work"
    assert (new["year"], new["month"], new["arxiv"]) == (2025, 9, "2509.00001")
    assert new["artifacts"] == ["https://huggingface.co/org/m"]
    assert "code" not in new
    assert new["curator_notes"]


def test_reimport_changes_nothing(tmp_path: Path, capsys) -> None:
    _run(tmp_path)
    before = {p.name: p.read_text() for p in (tmp_path / "data" / "papers").iterdir()}
    capsys.readouterr()
    _run(tmp_path, fresh=False)
    after = {p.name: p.read_text() for p in (tmp_path / "data" / "papers").iterdir()}
    assert after == before
    assert "0 new papers, 0 papers completed" in capsys.readouterr().out


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    _run(tmp_path, "--dry-run")
    assert not (tmp_path / "data" / "papers" / "newwork.yaml").exists()
    assert "short_name" not in _record(tmp_path, "yue2025reinforcement")


def test_a_curated_record_keeps_its_comments_when_the_list_only_adds_fields(tmp_path: Path) -> None:
    data = write_tree(tmp_path / "data")
    paper = data / "papers" / "yue2025reinforcement.yaml"
    curated = "# Checked against the PDF.\n" + paper.read_text()
    paper.write_text(curated)
    listing = tmp_path / "list.tsv"
    listing.write_text(HEADER + ROWS[0] + "\n", encoding="utf-8")
    assert main(["--data", str(data), "import-list", str(listing), "--added", "2026-03-04"]) == 0
    text = paper.read_text()
    assert text.startswith(curated)
    assert yaml.safe_load(text)["short_name"] == "limit of RLVR"
