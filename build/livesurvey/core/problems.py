"""Problems found in survey records, and the one exception that carries them.

Every problem a contributor sees has the same shape:
``path:line:col: what is wrong; what was expected; hint``.
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum


def visible(text: str) -> str:
    """``text`` with control, format and line-separator characters shown as escapes.

    Messages quote record values; printed as they are, such characters could break a
    message into lines, drive the terminal or turn a line into a CI command.
    """
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}
        else char
        for char in text
    )


class Severity(StrEnum):
    """How much a problem matters."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a record file: path relative to the data folder, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the records, at one place."""

    location: Location
    message: str
    severity: Severity = Severity.ERROR
    code: str = "invalid"
    """A short stable name for the kind of problem (e.g. ``unknown-field``)."""

    def __str__(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else "warning: "
        return visible(f"{self.location}: {prefix}{self.message}")


@dataclass
class ProblemLog:
    """Collects problems; validation never stops at the first one."""

    problems: list[Problem] = field(default_factory=list)

    def add(
        self,
        location: Location,
        message: str,
        *,
        code: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.problems.append(Problem(location, message, severity, code))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.location, p.message))

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.problems)


class SurveyDataError(Exception):
    """The records cannot be built into a site; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.location, p.message))
        super().__init__(format_report(self.problems))


def format_report(problems: list[Problem], subject: str = "survey records") -> str:
    """All problems, one per line, then a count."""
    lines = [str(p) for p in problems]
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    lines.append(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {subject}")
    return "\n".join(lines)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: list[Problem], folder: str) -> str:
    """Problems as GitHub Actions annotations, shown on the lines of a pull request's diff.

    ``folder`` is the data folder as seen from the repository root, e.g. 'survey_data'.
    """
    lines = []
    for problem in problems:
        level = "error" if problem.severity is Severity.ERROR else "warning"
        path = problem.location.path
        if folder:
            path = posixpath.normpath(f"{folder.rstrip('/')}/{path}")
        properties = ",".join(
            [
                f"file={_escape_property(path)}",
                f"line={problem.location.line}",
                f"col={problem.location.column}",
                f"title={_escape_property('livesurvey check: ' + problem.code)}",
            ]
        )
        lines.append(f"::{level} {properties}::{_escape_data(visible(problem.message))}")
    return "\n".join(lines)
