"""The survey diff: what a pull request changes in the survey, read from two git revisions."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

from livesurvey.cli import main

from .conftest import BASE_TREE, write_tree


def _git(repository: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=repository,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "PATH": "/usr/bin:/bin",
        },
    )


def _repository(tmp_path: Path) -> Path:
    repository = tmp_path / "repo"
    write_tree(repository / "survey_data")
    _git(repository, "init", "-q")
    _git(repository, "add", "-A")
    _git(repository, "commit", "-qm", "base")
    return repository


def test_diff_lists_what_a_reviewer_needs(tmp_path: Path, capsys) -> None:
    repository = _repository(tmp_path)
    data = repository / "survey_data"
    taxonomy = """\
        dimensions:
          - id: training
            title: Training
            summary: How models are trained.
            topics:
              - id: sft-vs-rl
                title: SFT and RL
                summary: What each stage does.
                questions:
                  - id: sft-first
                    title: Must SFT come first?
              - id: rl-dynamics
                title: RL dynamics
                summary: How RL training unfolds.
                questions:
                  - id: capability-boundary
                    title: Does RL add new abilities?
        """
    write_tree(
        data,
        {
            "taxonomy.yaml": taxonomy,
            "papers/doe2026new.yaml": """\
                title: 'A new <b>paper</b>'
                authors:
                  - family: Doe
                year: 2026
                topics: [sft-vs-rl]
                added: 2026-01-02
                """,
            "findings/rl-sharpens.yaml": BASE_TREE["findings/rl-sharpens.yaml"]
            .replace("stance: supports", "stance: contests")
            .replace("status: emerging", "status: debated")
            .replace(
                "            methods: [linear-probing]\n",
                "            methods: [linear-probing]\n          - paper: doe2026new\n            stance: supports\n            methods: [linear-probing]\n",
            ),
        },
    )
    assert main(["--data", str(data), "diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "**Added papers** (1)\n\n- `doe2026new`: A new &lt;b&gt;paper&lt;/b&gt;" in out
    assert "**Added topics** (1)\n\n- `rl-dynamics`: RL dynamics" in out
    assert (
        "- `rl-sharpens` (RL sharpens): status emerging → **debated**; `doe2026new` added "
        "(supports); `yue2025reinforcement`: supports → **contests**"
    ) in out
    assert "- question `capability-boundary`: `sft-vs-rl` → `rl-dynamics`" in out
    assert "- findings/`rl-sharpens`: `evidence`, `status`" in out


def test_diff_between_two_revisions_and_unknown_revisions(tmp_path: Path, capsys) -> None:
    repository = _repository(tmp_path)
    data = repository / "survey_data"
    (data / "papers" / "smith2024origin.yaml").write_text(
        textwrap.dedent(BASE_TREE["papers/smith2024origin.yaml"]).replace(
            "year: 2024", "year: 2023"
        )
    )
    _git(repository, "commit", "-qam", "year")
    assert main(["--data", str(data), "diff", "HEAD~1", "--head", "HEAD"]) == 0
    assert "- papers/`smith2024origin`: `year`" in capsys.readouterr().out
    assert main(["--data", str(data), "diff", "no-such-revision"]) == 2
    assert main(["--data", str(data), "diff", "HEAD"]) == 0
    assert "No change to the survey's records." in capsys.readouterr().out
