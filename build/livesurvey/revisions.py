"""The survey's records as they were at a git revision, read without touching the work tree."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path


class RevisionError(Exception):
    """A revision that git cannot provide."""


def extract_records(repository: Path, revision: str, folder: str, into: Path) -> Path:
    """Write ``folder`` (e.g. 'survey_data') as it was at ``revision`` below ``into``.

    Only regular files and folders are extracted (tarfile's 'data' filter): an archive
    cannot place anything outside ``into``.
    """
    result = subprocess.run(
        ["git", "archive", "--format=tar", revision, "--", folder],
        cwd=repository,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(reason[-1] if reason else f"git archive failed for '{revision}'")
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        archive.extractall(into, filter="data")
    return into / folder
