#!/usr/bin/env python3
"""One entry point for everyone: set up, build, serve, check and test the survey.

    python3 dev.py build     set up .venv (pinned) and build the site into site/
    python3 dev.py serve     set up and serve on http://127.0.0.1:8000 with live reload
    python3 dev.py test      set up and run every check and test (ruff, mypy, records, pytest)
    python3 dev.py quick     the contributor's fast subset: your records and the unit tests
    python3 dev.py check     validate the records
    python3 dev.py golden    regenerate the golden pages in tests/golden/
    python3 dev.py bench     measure builds of synthetic surveys against plain MkDocs
    python3 dev.py publish [--push]   build the live site onto the gh-pages branch (editions kept)
                                      and cut the edition named in survey.yaml if it is new
    python3 dev.py edition [--push]   only cut that edition (a frozen copy, with mike)
    python3 dev.py setup     only create or refresh the virtual environment

Only the standard library is used here: this file runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".installed-lock"


def run(*command: str | Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(part) for part in command], cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def setup() -> None:
    """Create .venv and install the locked dependencies, unless already up to date."""
    wanted = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print("creating virtual environment in .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    python = BIN / "python"
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", LOCK)
    run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
        "--no-build-isolation",
        "--editable",
        ".",
    )
    STAMP.write_text(wanted)


def record_addresses() -> None:
    """Add newly published ids to survey_data/anchors.yaml (locally; CI only reports them).

    A contributor's new paper is recorded here so that its address is protected once merged;
    in CI, 'check' prints a notice instead, and never fails for it.
    """
    if os.environ.get("CI"):
        return
    result = subprocess.run(
        [str(BIN / "livesurvey"), "anchors", "record"], cwd=ROOT, capture_output=True, text=True
    )
    if result.stdout.startswith("recorded "):  # silent if nothing is new or records are invalid
        print(result.stdout.strip(), flush=True)


def build() -> None:
    setup()
    record_addresses()
    run(BIN / "mkdocs", "build", "--strict")


def serve() -> None:
    """Serve with live reload. MkDocs replaces this process, so stopping it stops the server."""
    setup()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LIVESURVEY_PREVIEW": "1"}
    mkdocs = str(BIN / "mkdocs")
    # Not strict: a page that links to a record's page must still show while a record is broken.
    command = [mkdocs, "serve", "--no-strict", "--dev-addr", "127.0.0.1:8000", "--livereload"]
    os.execve(mkdocs, command, env)


def check() -> None:
    setup()
    run(BIN / "livesurvey", "check")


CHROMIUM = Path(os.environ.get("LIVESURVEY_CHROMIUM", "/usr/bin/chromium"))
"""The browser the tests drive; elsewhere than Debian, point LIVESURVEY_CHROMIUM at Chrome."""


def ensure_chromium() -> None:
    """Browser tests drive Debian's chromium; install it when we are allowed to."""
    if CHROMIUM.exists():
        return
    if os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing Debian's chromium for the browser tests", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        commands = (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"])
        for command in commands:
            if subprocess.run(command, env=env, check=False).returncode != 0:
                sys.exit("could not install chromium with apt-get")
        return
    print(
        "note: /usr/bin/chromium is missing and cannot be installed here (needs root and apt-get);"
        " the browser tests will be skipped",
        flush=True,
    )


def test() -> None:
    setup()
    ensure_chromium()
    record_addresses()
    run(BIN / "ruff", "check", ".")
    run(BIN / "ruff", "format", "--check", ".")
    run(BIN / "python", "-m", "mypy")
    run(BIN / "livesurvey", "check", "--strict")
    run(BIN / "python", "-m", "pytest", *sys.argv[2:])


def quick() -> None:
    """Records and unit tests only: no MkDocs build, no browser (well under 15 seconds)."""
    setup()
    record_addresses()
    run(BIN / "livesurvey", "check", "--strict")
    run(BIN / "python", "-m", "pytest", "-m", "not slow", "-q", "-n", "2", *sys.argv[2:])


def bench() -> None:
    """Build synthetic surveys and measure them against plain MkDocs (see tests/benchmark.py)."""
    setup()
    run(BIN / "python", "-m", "tests.benchmark", *sys.argv[2:])


def golden() -> None:
    setup()
    run(BIN / "python", "-m", "tests.golden_pages")


# --- publishing: the live site at the root of gh-pages, frozen editions below editions/ ----------

PAGES_BRANCH = "gh-pages"
EDITIONS = "editions"
"""mike's --deploy-prefix: each edition at /editions/<version>/, the alias 'latest' beside them."""


def survey_version(root: Path) -> str:
    """survey.yaml's version (the current edition), read without PyYAML."""
    text = (root / "survey_data" / "survey.yaml").read_text(encoding="utf-8")
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name == "version":
            return value.split("#")[0].strip().strip("'\"")
    sys.exit("survey_data/survey.yaml has no version")


def _git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["git", *args],
        cwd=root,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def published_editions(root: Path) -> list[str]:
    """Editions on the gh-pages branch, from mike's versions.json (none without the branch)."""
    import json

    shown = subprocess.run(
        ["git", "show", f"{PAGES_BRANCH}:{EDITIONS}/versions.json"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if shown.returncode != 0:
        return []
    return [str(entry["version"]) for entry in json.loads(shown.stdout)]


def cut_edition(root: Path, tools: Path, push: bool = False) -> bool:
    """Cut the edition survey.yaml names, unless it exists: editions stay frozen.

    mike builds the site (the hook sees MIKE_DOCS_VERSION and builds the edition's addresses,
    its version selector and banner) and commits it to gh-pages under editions/<version>/,
    moves the 'latest' alias to it, and makes /editions/ lead to the latest edition.
    """
    version = survey_version(root)
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z._-]{0,39}", version):
        sys.exit(
            f"survey.yaml's version '{version}' cannot name an edition's folder: use letters, "
            "digits, '.', '_' and '-' (e.g. 2026.12)"
        )
    if version in published_editions(root):
        print(f"edition {version} is already published; it stays as it is (frozen)")
        return False
    pushing = ["--push"] if push else []
    prefix = ["--deploy-prefix", EDITIONS]
    mike = [str(tools / "mike")]
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
    }
    for command in (
        [
            *mike,
            "deploy",
            *prefix,
            "--alias-type",
            "redirect",
            "--update-aliases",
            "--message",
            f"Edition {version}",
            *pushing,
            version,
            "latest",
        ],
        [*mike, "set-default", *prefix, *pushing, "latest"],
    ):
        if subprocess.run(command, cwd=root, env=env, check=False).returncode != 0:
            sys.exit(f"mike failed: {' '.join(command)}")
    return True


def publish_live(root: Path, site: Path, push: bool = False) -> None:
    """Commit the built live site in ``site`` to the root of gh-pages, keeping editions/."""
    (site / ".nojekyll").write_text("")
    index = root / ".git" / "livesurvey-publish-index"
    env = {"GIT_INDEX_FILE": str(index)}
    try:
        _git(root, "read-tree", "--empty", env=env)
        _git(root, "--work-tree", str(site), "add", "--all", "--force", ".", env=env)
        parent = subprocess.run(
            ["git", "rev-parse", "--quiet", "--verify", f"refs/heads/{PAGES_BRANCH}"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if parent and published_editions(root):
            _git(root, "read-tree", f"--prefix={EDITIONS}/", f"{parent}:{EDITIONS}", env=env)
        tree = _git(root, "write-tree", env=env)
    finally:
        index.unlink(missing_ok=True)
    source = _git(root, "rev-parse", "--short", "HEAD")
    commit = _git(
        root,
        "commit-tree",
        tree,
        *(["-p", parent] if parent else []),
        "-m",
        f"Live site from {source}",
    )
    _git(root, "update-ref", f"refs/heads/{PAGES_BRANCH}", commit)
    if push:
        _git(root, "push", "origin", f"{PAGES_BRANCH}:{PAGES_BRANCH}")


def publish() -> None:
    build()
    push = "--push" in sys.argv[2:]
    publish_live(ROOT, ROOT / "site", push)
    cut_edition(ROOT, BIN, push)


def edition() -> None:
    setup()
    cut_edition(ROOT, BIN, "--push" in sys.argv[2:])


COMMANDS = {
    "setup": setup,
    "build": build,
    "serve": serve,
    "check": check,
    "test": test,
    "quick": quick,
    "golden": golden,
    "bench": bench,
    "publish": publish,
    "edition": edition,
}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    COMMANDS[sys.argv[1]]()


if __name__ == "__main__":
    main()
