"""citeproc-py with the engine's kept answers prints exactly what citeproc-py prints alone."""

from __future__ import annotations

import pytest
from livesurvey import SurveyIndex
from livesurvey.outputs import citeproc_speedups
from livesurvey.outputs.bibliography import format_references

STYLES = [
    "apa",
    "ieee",
    "chicago-author-date",
    "harvard-cite-them-right",
    "nature",
    "elsevier-vancouver",
    "modern-language-association",
]


def _formatted(index: SurveyIndex, style: str) -> list[tuple[str, str]] | str:
    try:
        return [(r.key, r.html) for r in format_references(list(index.papers.values()), style)]
    except Exception as error:  # citeproc-py cannot format some styles: it must fail alike
        return f"{type(error).__name__}: {error}"


@pytest.mark.parametrize("style", STYLES)
def test_kept_answers_change_nothing(
    style: str, live_index: SurveyIndex, fixture_index: SurveyIndex
) -> None:
    for index in (live_index, fixture_index):
        fast = _formatted(index, style)
        with citeproc_speedups.removed():
            plain = _formatted(index, style)
        assert isinstance(plain, list), f"{style}: {plain}"
        assert fast == plain


def test_removed_restores_citeproc_and_install_puts_the_answers_back() -> None:
    from citeproc import model, source

    fast = (model.Parent.calls_variable, source.CitationItem.reference)
    with citeproc_speedups.removed():
        assert model.Parent.__dict__["calls_variable"] is not fast[0]
        assert not hasattr(model.Parent.calls_variable, "_livesurvey_memo")
        assert isinstance(source.CitationItem.__dict__["reference"], property)
        assert source.CitationItem.__dict__["reference"] is not fast[1]
    assert hasattr(model.Parent.calls_variable, "_livesurvey_memo")
    citeproc_speedups.install()  # again: nothing is wrapped twice
    assert model.Parent.calls_variable._livesurvey_memo.__qualname__ == "Parent.calls_variable"
