"""The engine's front door: load, validate, link and lint a data folder in one call.

Whatever :func:`check_survey` accepts can be built: it also refuses records whose pages
would collide with other pages, and, given the docs folder, hand-written pages that cite
records or keys that do not exist.
"""

from __future__ import annotations

import os
from pathlib import Path

from .core.collection import collector_paused
from .core.problems import Problem, ProblemLog, SurveyDataError
from .model.history import SurveyHistory, history_from_git
from .model.index import SurveyIndex
from .model.linking import link_survey
from .outputs.addresses import address_plan
from .outputs.bibliography import style_problem
from .outputs.citations import CitationExpander
from .outputs.page_kinds import path_problems
from .outputs.uris import is_page
from .quality.checks import lint_survey
from .records.git_history import read_git_history
from .records.loading import load_survey_data
from .records.parse_cache import ParseCache


def check_survey(
    data_dir: Path, docs_dir: Path | None = None, cache_dir: Path | None = None
) -> tuple[SurveyIndex | None, list[Problem]]:
    """Load, validate and link; return the index (if usable) and every problem found.

    With ``docs_dir``, the hand-written pages are checked too: their addresses, and the
    citations and record references they hold. With ``cache_dir``, record files parsed in an
    earlier run are not parsed again (:mod:`livesurvey.records.parse_cache`).
    """
    log = ProblemLog()
    with collector_paused():
        parsed = ParseCache(cache_dir)
        data = load_survey_data(data_dir, log, parsed)
        parsed.save()
        index = link_survey(data, log)
    hand_written = _hand_written(docs_dir) if docs_dir is not None else []
    if index is not None:
        log.extend(path_problems(index, hand_written))
        log.extend(address_plan(index).problems)
        unusable = style_problem(index.meta.record.citation_style, list(index.papers.values()))
        if unusable:
            log.add(index.meta.document.at(("citation_style",)), unusable, code="bad-style")
    if index is not None and docs_dir is not None:
        log.extend(_citation_problems(index, data_dir, docs_dir, hand_written))
    if index is not None and not log.errors:
        lint_survey(index, log)
    return (None if log.errors else index), log.sorted()


def link_records(data_dir: Path) -> tuple[SurveyIndex | None, list[Problem]]:
    """Load, validate and link only: the index (if free of errors) and the problems.

    For the tools that keep anchors.yaml, which must work while ``check`` reports an address
    that is gone: pages, citations and data quality are not checked.
    """
    log = ProblemLog()
    index = link_survey(load_survey_data(data_dir, log), log)
    return (None if log.errors else index), log.sorted()


def load_survey(data_dir: Path) -> SurveyIndex:
    """The linked survey, or :class:`SurveyDataError` listing every problem."""
    index, problems = check_survey(data_dir)
    if index is None:
        raise SurveyDataError(problems)
    return index


def _hand_written(docs_dir: Path) -> list[str]:
    if not docs_dir.is_dir():
        return []
    return sorted(
        path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*") if path.is_file()
    )


def _citation_problems(
    index: SurveyIndex, data_dir: Path, docs_dir: Path, pages: list[str]
) -> list[Problem]:
    """What the build would refuse in hand-written pages (see :class:`CitationExpander`)."""
    expander = CitationExpander(index)
    problems: list[Problem] = []
    for page in pages:
        if not is_page(page):
            continue
        shown = os.path.relpath(docs_dir / page, data_dir).replace(os.sep, "/")
        text = (docs_dir / page).read_text(encoding="utf-8")
        problems.extend(expander.expand(text, page, shown)[1])
    return problems


def read_history(index: SurveyIndex, data_dir: Path) -> SurveyHistory:
    """Give ``index`` the survey's history from git (one pass), or its records' own dates."""
    history = history_from_git(read_git_history(data_dir), index)
    index.history = history
    return history
