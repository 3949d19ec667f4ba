"""'Did you mean ...?': the closest known name to a misspelt one, and the message that offers it.

Every stage that meets an unknown name (a field, a referenced id, a check, a citation key)
words the problem the same way, through :func:`unknown_message`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``name``, if one is close enough to be a likely typo."""
    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(name: str, candidates: Iterable[str], otherwise: str) -> str:
    """ "did you mean 'x'?" when a candidate is close, else the ``otherwise`` hint."""
    hint = closest(name, candidates)
    return f"did you mean '{hint}'?" if hint else otherwise


def unknown_message(kind: str, name: str, candidates: Iterable[str], otherwise: str) -> str:
    """ "unknown <kind> '<name>'; did you mean '<closest>'?" (or the ``otherwise`` hint)."""
    return f"unknown {kind} '{name}'; {did_you_mean(name, candidates, otherwise)}"
