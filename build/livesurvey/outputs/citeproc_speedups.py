"""citeproc-py made faster without changing what it prints.

citeproc-py walks the parsed CSL style for every reference and asks the same questions of the
same style elements each time: which elements an XPath expression finds, whether an element
(with its macros) prints a variable, and, hundreds of times per reference, which record the item
being formatted stands for. citeproc-py changes a parsed style in one way only: the first time
a ``cs:names`` without a ``cs:name`` is used, it gives it a default one; no kept answer depends
on that (a ``cs:names`` always prints a variable, and no kept XPath query looks for a
``cs:name``). Nor does the record behind an item change while it is formatted. So each answer is
kept: per element for the style's questions, per item for its record. Formatting is then about
twice as fast (the bibliography of a large survey is formatted in a copy of the build that
competes with the build itself for the processors).

:func:`install` puts the kept answers in place (once per process); :func:`removed` takes them
out for as long as a test compares the output with citeproc-py's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from citeproc import model, source

_Method = Callable[..., Any]
_MEMO_MARK = "_livesurvey_memo"


def _per_element(compute: _Method) -> _Method:
    """``compute(element, *arguments)``, worked out once per element and arguments."""
    answers: dict[tuple[Any, ...], Any] = {}

    def remembered(element: Any, *arguments: Any) -> Any:
        key = (element, *arguments)
        try:
            return answers[key]
        except KeyError:
            answer = answers[key] = compute(element, *arguments)
            return answer

    setattr(remembered, _MEMO_MARK, compute)
    return remembered


def _reference_of(item: Any) -> Any:
    """The record an item stands for, looked up in its bibliography's source once (an item
    belongs to one citation, registered in one bibliography)."""
    kept = vars(item)  # not the item's own keys: citeproc-py's items are dictionaries
    try:
        return kept["reference"]
    except KeyError:
        found = kept["reference"] = item.bibliography.source[item.key]
        return found


def _places() -> list[tuple[type, str, Any]]:
    """Each method replaced, with what replaces it."""
    return [
        (model.CitationStylesElement, "xpath_search", _per_element),
        (model.CitationStylesElement, "get_macro", _per_element),
        (model.Parent, "calls_variable", _per_element),
        (model.Text, "calls_variable", _per_element),
        (source.CitationItem, "reference", lambda _: property(_reference_of)),
    ]


_originals: dict[tuple[type, str], Any] = {}


def install() -> None:
    """Keep the answers from now on, in this process (a second call changes nothing)."""
    for owner, name, faster in _places():
        if (owner, name) in _originals:
            continue
        original = owner.__dict__.get(name)
        if original is None:  # another citeproc-py: that answer is not kept (slower, not wrong)
            continue
        _originals[owner, name] = original
        setattr(owner, name, faster(original))


@contextmanager
def removed() -> Iterator[None]:
    """citeproc-py as published, for the duration of the ``with`` block."""
    kept = dict(_originals)
    for (owner, name), original in kept.items():
        setattr(owner, name, original)
    _originals.clear()
    try:
        yield
    finally:
        install()
