"""File access confined to the data folder: no symbolic links, no way out, whole writes only.

Records come from strangers' pull requests. A link inside the data folder could make
the site publish, or an import overwrite, a file anywhere on the machine; a file of
hundreds of megabytes could exhaust the build. Everything the engine reads or writes
under the data folder goes through here.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

MAX_RECORD_BYTES = 256 * 1024
"""Largest record file (one paper, finding, comparison or vocabulary)."""
MAX_SHARED_FILE_BYTES = 2 * 1024 * 1024
"""Largest single file shared by many records (survey.yaml, taxonomy.yaml, ...)."""


def confinement_problem(root: Path, path: Path) -> str | None:
    """Why ``path`` may not be read or written as a record under ``root``, or ``None``.

    The message never quotes where a link points or what the file holds.
    """
    relative = path.relative_to(root)
    probe = root
    for part in relative.parts:
        probe = probe / part
        try:
            linked = probe.is_symlink()
        except OSError as error:
            return f"the path cannot be used ({error.strerror}); choose a shorter id"
        if linked:
            return (
                f"'{probe.relative_to(root).as_posix()}' is a symbolic link; records must be "
                "plain files inside the data folder: replace the link with the file itself"
            )
    if not path.resolve().is_relative_to(root.resolve()):
        return "the file lies outside the data folder; move it inside"
    return None


def size_problem(path: Path, limit: int) -> str | None:
    """Why a file is too large to read as a record, or ``None``."""
    size = path.stat().st_size
    if size <= limit:
        return None
    return (
        f"file is {size // 1024} KiB; a record file may hold at most {limit // 1024} KiB: "
        "split it or shorten its text"
    )


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8) or bytes to ``path`` whole or not at all: a temporary file, then
    a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if isinstance(text, bytes):
            with os.fdopen(handle, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
                file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


CACHE_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# The livesurvey build cache: results that are computed again when missing.\n"
    "# It is safe to delete this folder at any time.\n"
)
"""A CACHEDIR.TAG (https://bford.info/cachedir/), so that backup tools skip the folder."""


def write_cache_tag(folder: Path) -> None:
    """Mark ``folder`` as a cache (see :data:`CACHE_TAG`), once."""
    if not (folder / "CACHEDIR.TAG").exists():
        write_atomically(folder / "CACHEDIR.TAG", CACHE_TAG)
