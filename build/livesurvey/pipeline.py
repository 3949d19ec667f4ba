"""The engine's front door: load, validate, link and lint a data folder in one call.

Whatever :func:`check_survey` accepts can be rendered: it also refuses records whose
pages would collide with other generated pages.
"""

from __future__ import annotations

from pathlib import Path

from .core.problems import Problem, ProblemLog, SurveyDataError
from .model.index import SurveyIndex
from .model.linking import link_survey
from .outputs.page_kinds import path_problems
from .quality.checks import lint_survey
from .records.loading import load_survey_data


def check_survey(data_dir: Path) -> tuple[SurveyIndex | None, list[Problem]]:
    """Load, validate and link; return the index (if usable) and every problem found."""
    log = ProblemLog()
    data = load_survey_data(data_dir, log)
    index = link_survey(data, log)
    if index is not None:
        log.extend(path_problems(index))
    if index is not None and not log.errors:
        lint_survey(index, log)
    return (None if log.errors else index), log.sorted()


def load_survey(data_dir: Path) -> SurveyIndex:
    """The linked survey, or :class:`SurveyDataError` listing every problem."""
    index, problems = check_survey(data_dir)
    if index is None:
        raise SurveyDataError(problems)
    return index
