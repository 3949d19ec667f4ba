"""Rendered pages match the reviewed golden copies (regenerate: python3 dev.py golden)."""

from __future__ import annotations

import pytest

from .golden_pages import GOLDEN, GOLDEN_URIS, rendered_golden_pages


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return rendered_golden_pages()


@pytest.mark.parametrize("uri", GOLDEN_URIS)
def test_page_matches_golden(uri: str, rendered: dict[str, str]) -> None:
    expected = (GOLDEN / uri).read_text(encoding="utf-8")
    assert rendered[uri] == expected, (
        f"{uri} differs from tests/golden/{uri}; if the change is intended, "
        "run 'python3 dev.py golden' and review the diff"
    )


def test_rendering_is_deterministic(rendered: dict[str, str]) -> None:
    assert rendered_golden_pages() == rendered
