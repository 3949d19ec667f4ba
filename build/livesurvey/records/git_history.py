"""The data folder's git history in one pass: which record files each commit changed, and how.

Two git processes, however long the history: ``git log --raw`` lists, for every commit on
the first-parent line (a merged pull request counts on the day it was merged), the files it
changed below the data folder with their blob ids, following renames; ``git cat-file
--batch`` then reads every distinct blob once. Nothing is checked out and nothing is
written. Without git, outside a repository, or in a shallow clone (whose oldest commit
would seem to add every record), there is no history and the caller falls back to the
records' own ``added`` dates.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .files import MAX_RECORD_BYTES

_NULL_BLOB = "0" * 40
_COMMIT_MARK = "\x1ecommit "


@dataclass(frozen=True)
class FileChange:
    """One record file changed by a commit; paths are relative to the data folder."""

    path: str | None
    """The file after the commit; ``None`` when the commit deleted it."""
    old_path: str | None
    """The file before the commit (differs from ``path`` for a rename); ``None`` when added."""
    old_text: str | None = None
    new_text: str | None = None


@dataclass(frozen=True)
class Commit:
    """A commit that changed record files, with the day it landed (UTC)."""

    sha: str
    day: dt.date
    changes: list[FileChange] = field(default_factory=list)


@dataclass(frozen=True)
class GitHistory:
    """Every commit that changed the data folder, oldest first, or why there is none."""

    commits: list[Commit]
    unavailable: str | None = None
    """Why the history could not be read ('not a git repository', 'shallow clone', ...)."""


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False, timeout=300
    )


def read_git_history(data_dir: Path) -> GitHistory:
    """The history of ``data_dir`` (a folder inside a git work tree)."""
    try:
        top = _git(data_dir, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    except (OSError, subprocess.SubprocessError):
        return GitHistory([], "git is not available")
    if top.returncode != 0:
        return GitHistory([], "not a git repository")
    root_text, shallow = top.stdout.decode("utf-8", "replace").split("\n")[:2]
    if shallow.strip() == "true":
        return GitHistory([], "shallow clone (fetch the full history: git fetch --unshallow)")
    root = Path(root_text)
    try:
        prefix = data_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return GitHistory([], "the data folder is outside the git work tree")
    log = _git(
        root,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--reverse",
        "--raw",
        "--no-abbrev",
        "-M",
        "-z",
        f"--format={_COMMIT_MARK}%H %ct",
        "--",
        prefix,
    )
    if log.returncode != 0:  # e.g. a repository without any commit yet
        return GitHistory([], "no commits yet")
    raw = _parse_log(log.stdout.decode("utf-8", "replace"), prefix + "/")
    texts = _read_blobs(root, {blob for _, changes in raw for *_, blob in changes} - {_NULL_BLOB})
    commits = []
    for (sha, seconds), changes in raw:
        day = dt.datetime.fromtimestamp(int(seconds), dt.UTC).date()
        commits.append(
            Commit(
                sha,
                day,
                [
                    FileChange(path, old_path, texts.get(old_blob), texts.get(new_blob))
                    for path, old_path, old_blob, new_blob in changes
                ],
            )
        )
    return GitHistory(commits)


_RawChange = tuple[str | None, str | None, str, str]


def _parse_log(text: str, prefix: str) -> list[tuple[tuple[str, str], list[_RawChange]]]:
    """Commits and their changes from ``git log --raw -z`` output."""
    commits: list[tuple[tuple[str, str], list[_RawChange]]] = []
    for chunk in text.split(_COMMIT_MARK)[1:]:
        fields = chunk.split("\0")
        header, _, first = fields[0].partition("\n")
        sha, seconds = header.split()
        fields[0] = first.lstrip("\n")
        changes: list[_RawChange] = []
        position = 0
        while position < len(fields):
            meta = fields[position].strip("\n")
            if not meta.startswith(":"):
                position += 1
                continue
            _, _, old_blob, new_blob, status = meta[1:].split(" ")
            if status[0] in "RC":
                old_name, new_name = fields[position + 1], fields[position + 2]
                position += 3
            else:
                old_name = new_name = fields[position + 1]
                position += 2
            old = old_name.removeprefix(prefix) if old_name.startswith(prefix) else None
            new = new_name.removeprefix(prefix) if new_name.startswith(prefix) else None
            if status[0] == "A":
                old = None
            if status[0] == "D":
                new = None
            if status[0] == "C":  # a copy leaves the original in place: the copy is new
                old = None
            if old is None and new is None:
                continue
            changes.append((new, old, old_blob, new_blob))
        commits.append(((sha, seconds), changes))
    return commits


def _read_blobs(root: Path, blobs: set[str]) -> dict[str, str]:
    """The text of every blob in one ``git cat-file --batch`` call; big or binary ones are left
    out (a record is small text)."""
    if not blobs:
        return {}
    ordered = sorted(blobs)
    result = _git(root, "cat-file", "--batch", stdin="".join(b + "\n" for b in ordered).encode())
    if result.returncode != 0:
        return {}
    output, texts, position = result.stdout, {}, 0
    for blob in ordered:
        end = output.index(b"\n", position)
        header = output[position:end].decode("ascii", "replace").split()
        position = end + 1
        if len(header) < 3 or header[1] != "blob":
            continue
        size = int(header[2])
        content = output[position : position + size]
        position += size + 1
        if size <= MAX_RECORD_BYTES:
            with contextlib.suppress(UnicodeDecodeError):
                texts[blob] = content.decode("utf-8")
    return texts
