"""Results of slow, pure computations kept for the life of the process, keyed by their input.

While previewing, MkDocs rebuilds the site in one process after each edit; the formatted
bibliography and the charts change only when the data they are drawn from changes, so they
are reused from the previous build when their input is the same (compared by a hash of it).
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_KEPT = 8
"""Results kept per kind of computation (a few builds' worth)."""
_results: dict[str, OrderedDict[str, Any]] = {}


def fingerprint(value: Any) -> str:
    """A stable hash of JSON-like ``value`` (keys sorted; other objects by their str)."""
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def remembered(kind: str, key: str, compute: Callable[[], T], *, keep: int = _KEPT) -> T:
    """``compute()``, or its result from an earlier call with the same ``kind`` and ``key``.

    At most ``keep`` results of a kind are kept, the least recently used going first.
    """
    kept = _results.setdefault(kind, OrderedDict())
    if key in kept:
        kept.move_to_end(key)
        result: T = kept[key]
        return result
    result = compute()
    kept[key] = result
    while len(kept) > keep:
        kept.popitem(last=False)
    return result


def forget() -> None:
    """Drop every kept result (tests start from nothing)."""
    _results.clear()
