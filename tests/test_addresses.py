"""Addresses that never break: anchors.yaml, the check on it, and what old addresses show.

Exact expectations come from the fixture survey (copied to a temporary folder, then changed
as a curator would: see tests/address_changes.py) and from tiny inline trees.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml
from livesurvey import check_survey, load_survey, render_pages
from livesurvey.cli import main
from livesurvey.core.problems import Problem
from livesurvey.outputs.addresses import address_plan, published

from .address_changes import (
    MERGED_FINDING,
    MERGED_TERM,
    MOVED_FINDING,
    MOVED_QUESTION,
    RENAMED_PAPER,
    RETIRED_PAPER,
    change_ids,
    recorded_fixture,
)
from .conftest import write_tree


def _recorded_tree(root: Path) -> Path:
    write_tree(root)
    assert main(["--data", str(root), "anchors", "record"]) == 0
    return root


def test_the_published_set_comes_from_the_page_registry(fixture_index) -> None:
    now = published(fixture_index)
    assert now.pages["papers"] == sorted(fixture_index.papers)
    assert now.pages["methods"][:2] == ["activation-steering", "effective-depth-analysis"]
    assert now.anchors["questions"]["effective-depth"] == "internal-mechanisms"
    assert now.anchors["findings"]["entropy-collapse-in-basic-rl"] == "rl-training-dynamics"
    assert now.anchors["topics"]["sft-vs-rl"] == "training"
    assert now.anchors["bibliography"]["hu2025affects"] == "hu2025affects"


def test_a_removed_id_fails_check_with_the_fix(tmp_path: Path, capsys) -> None:
    root = _recorded_tree(tmp_path / "data")
    (root / "findings" / "rl-sharpens.yaml").unlink()
    _, problems = check_survey(root)
    assert [str(p) for p in problems] == [
        "anchors.yaml:15:7: the finding 'rl-sharpens' was published at /findings/rl-sharpens/ "
        "and the records no longer have it; a published address must keep working: say what "
        "became of it under 'gone:' in anchors.yaml, e.g. 'livesurvey anchors gone findings "
        'rl-sharpens --fate renamed --to NEW-ID --reason "..."\' (renamed or merged: the '
        "address redirects) or '--fate retired' (it shows a tombstone)"
    ]
    capsys.readouterr()
    assert main(["--data", str(root), "check", "--strict"]) == 1
    assert "rl-sharpens" in capsys.readouterr().out


def test_a_removed_question_fails_check(tmp_path: Path) -> None:
    root = _recorded_tree(tmp_path / "data")
    taxonomy = (root / "taxonomy.yaml").read_text()
    extra = "          - id: second\n            title: A second question?\n"
    (root / "taxonomy.yaml").write_text(taxonomy + extra)
    assert main(["--data", str(root), "anchors", "record"]) == 0
    (root / "taxonomy.yaml").write_text(taxonomy)
    _, problems = check_survey(root)
    assert len(problems) == 1
    assert str(problems[0]).startswith(
        "anchors.yaml:27:5: the question 'second' was published at /topics/sft-vs-rl/#second "
        "and the records no longer have it"
    )


def test_an_unrecorded_addition_is_a_notice_and_strict_check_passes(tmp_path: Path, capsys) -> None:
    root = _recorded_tree(tmp_path / "data")
    paper = (root / "papers" / "smith2024origin.yaml").read_text()
    paper = paper.replace("2401.00001", "2401.00002").replace("The original", "A new")
    paper += "topics: [sft-vs-rl]\n"
    (root / "papers" / "doe2026new.yaml").write_text(paper)
    capsys.readouterr()
    assert main(["--data", str(root), "check", "--strict"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "notice: 2 published addresses are not yet recorded in anchors.yaml (papers: "
        "doe2026new; bibliography: doe2026new); run 'livesurvey anchors record' and commit "
        "anchors.yaml"
    )
    assert "warning" not in out
    assert main(["--data", str(root), "anchors", "check"]) == 1
    assert main(["--data", str(root), "anchors", "record"]) == 0
    assert main(["--data", str(root), "anchors", "check"]) == 0


def test_new_paper_records_its_ids(tmp_path: Path, capsys) -> None:
    root = _recorded_tree(tmp_path / "data")
    bib = tmp_path / "entry.bib"
    bib.write_text("@misc{Doe:2026x, title={A new work}, author={Doe, Jane}, year={2026}}\n")
    args = ["new", "paper", "--bib", str(bib), "--added", "2026-01-02"]
    assert main(["--data", str(root), *args]) == 0
    assert "recorded 2 new addresses" in capsys.readouterr().out
    registry = yaml.safe_load((root / "anchors.yaml").read_text())
    assert "doe-2026x" in registry["pages"]["papers"]
    assert registry["anchors"]["bibliography"]["Doe:2026x"] == "doe-2026x"


def test_import_bib_records_its_ids(tmp_path: Path, capsys) -> None:
    root = _recorded_tree(tmp_path / "data")
    bib = tmp_path / "more.bib"
    bib.write_text("@misc{roe2026more, title={More work}, author={Roe, Ann}, year={2026}}\n")
    assert main(["--data", str(root), "import-bib", str(bib)]) in (0, 1)
    registry = yaml.safe_load((root / "anchors.yaml").read_text())
    assert "roe2026more" in registry["pages"]["papers"]


def _beyond_the_fixtures_own(problems: list[Problem]) -> list[Problem]:
    """Problems other than the fixture survey's one deliberate warning (an author written with
    initials in one record, see tests/fixtures/survey/README.md)."""
    return [p for p in problems if p.code != "duplicate-author"]


def test_every_kind_of_change_keeps_the_old_addresses(tmp_path: Path) -> None:
    data = change_ids(recorded_fixture(tmp_path / "data"))
    index, problems = check_survey(data)
    assert index is not None and _beyond_the_fixtures_own(problems) == []
    plan = address_plan(index)
    redirects = {r.uri: r.target for r in plan.redirects}
    assert redirects == {
        f"papers/{RENAMED_PAPER[0]}.md": f"papers/{RENAMED_PAPER[1]}.md",
        f"findings/{MERGED_FINDING[0]}.md": f"findings/{MERGED_FINDING[1]}.md",
        f"methods/{MERGED_TERM[0]}.md": f"methods/{MERGED_TERM[1]}.md",
    }
    assert [t.uri for t in plan.tombstones] == [f"papers/{RETIRED_PAPER}.md"]
    question, old_topic, new_topic = MOVED_QUESTION
    moved = {(m.page, m.anchor): (m.target, m.fragment) for m in plan.moved}
    assert moved == {
        (f"topics/{old_topic}.md", question): (f"topics/{new_topic}.md", question),
        (f"topics/{old_topic}.md", MOVED_FINDING): (f"topics/{new_topic}.md", MOVED_FINDING),
        ("topics/sft-vs-rl.md", MERGED_FINDING[0]): ("topics/sft-vs-rl.md", MERGED_FINDING[1]),
        ("bibliography/index.md", RENAMED_PAPER[0]): ("bibliography/index.md", RENAMED_PAPER[1]),
        ("bibliography/index.md", RETIRED_PAPER): (f"papers/{RETIRED_PAPER}.md", None),
    }
    # Recording the moves keeps the old pages under moved:, and changes nothing a reader sees.
    pages = {p.uri: p.content for p in render_pages(index)}
    assert main(["--data", str(data), "anchors", "record"]) == 0
    registry = yaml.safe_load((data / "anchors.yaml").read_text())
    assert {"kind": "questions", "id": question, "was_on": old_topic} in registry["moved"]
    again = {p.uri: p.content for p in render_pages(load_survey(data))}
    del again["bibliography/survey.json"], pages["bibliography/survey.json"]  # holds anchors.yaml
    assert again == pages


def test_redirect_and_tombstone_pages(tmp_path: Path) -> None:
    data = change_ids(recorded_fixture(tmp_path / "data"))
    pages = {p.uri: p.content for p in render_pages(load_survey(data))}
    old, new = RENAMED_PAPER
    redirect = pages[f"papers/{old}/index.html"]
    assert f'<link rel="canonical" href="https://example.org/fixture/papers/{new}/">' in redirect
    assert f'<meta http-equiv="refresh" content="0; url=../../papers/{new}/">' in redirect
    assert f'<a href="../../papers/{new}/">/papers/{new}/</a>' in redirect
    tombstone = pages[f"papers/{RETIRED_PAPER}.md"]
    assert "it was retired on 2026\\-06\\-01" in tombstone
    assert f"| What it was | paper `{RETIRED_PAPER}`: Demystifying Reasoning Dynamics" in tombstone
    assert "| Where to go | [every paper of the survey](index.md) |" in tombstone
    assert "## How to cite the last version {#cite}" in tombstone
    assert f"papers/{RETIRED_PAPER}.bib" not in pages


def test_gone_entries_that_lead_nowhere_are_refused(tmp_path: Path) -> None:
    root = _recorded_tree(tmp_path / "data")
    (root / "findings" / "rl-sharpens.yaml").unlink()
    entry = (
        "  - kind: findings\n    id: rl-sharpens\n    fate: {fate}\n{to}"
        "    title: RL sharpens\n    reason: Merged.\n    date: 2026-02-01\n"
    )
    text = (root / "anchors.yaml").read_text().replace("gone: []\n", "gone:\n")
    cases = {
        "merged": ("", "'rl-sharpens' was merged but names no successor"),
        "renamed": ("    to: nowhere\n", "'nowhere' is not a finding the site publishes"),
        "retired": ("    to: rl-sharpens\n", "'rl-sharpens' is not a finding the site publishes"),
    }
    for fate, (to, message) in cases.items():
        (root / "anchors.yaml").write_text(text + entry.format(fate=fate, to=to))
        _, problems = check_survey(root)
        assert len(problems) == 1 and message in str(problems[0]), problems
    loop = entry.format(fate="renamed", to="    to: rl-sharpens\n")
    (root / "anchors.yaml").write_text(text + loop)
    assert "leads back to itself" in str(check_survey(root)[1][0])


def test_unknown_kinds_are_named(tmp_path: Path) -> None:
    root = _recorded_tree(tmp_path / "data")
    text = (root / "anchors.yaml").read_text().replace("pages:\n", "pages:\n  artefacts: [x]\n")
    (root / "anchors.yaml").write_text(text)
    _, problems = check_survey(root)
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "unknown kind 'artefacts'; expected one of comparisons, dimensions, directions, "
        "findings, methods, papers, topics, training-methods"
    ]


def test_gone_takes_title_and_last_citation_from_git_once_the_record_is_deleted(
    tmp_path: Path,
) -> None:
    data = recorded_fixture(tmp_path / "survey_data")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "records"]):
        subprocess.run([*git, *command], cwd=tmp_path, check=True)
    (data / "papers" / f"{RETIRED_PAPER}.yaml").unlink()
    assert check_survey(data)[0] is None
    args = ["anchors", "gone", "papers", RETIRED_PAPER, "--fate", "retired", "--reason", "Gone."]
    assert main(["--data", str(data), *args]) == 0
    entry = yaml.safe_load((data / "anchors.yaml").read_text())["gone"][0]
    assert entry["title"].startswith("Demystifying Reasoning Dynamics with Mutual Information")
    assert entry["last"].startswith("(2025). Demystifying Reasoning Dynamics")
    assert _beyond_the_fixtures_own(check_survey(data)[1]) == []
