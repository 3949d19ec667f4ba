"""The benchmark's synthetic surveys are valid surveys of the size and shape asked for."""

from __future__ import annotations

from pathlib import Path

import pytest
from livesurvey import check_survey

from .benchmark import make_survey


@pytest.mark.parametrize("fixed", [False, True])
def test_synthetic_surveys_pass_check(tmp_path: Path, fixed: bool) -> None:
    make_survey(tmp_path / "data", 240, fixed_questions=fixed)
    index, problems = check_survey(tmp_path / "data")
    assert index is not None, problems[:5]
    assert [p for p in problems if "orphan" not in str(p)] == []
    assert (len(index.papers), len(index.findings)) == (240, 120)
    assert len(index.questions) == (25 if fixed else 27)
