"""Data-quality checks over the linked survey: problems a schema cannot see.

Each check has a name, a default severity and a description; a survey can
change the severity of any check in ``survey.yaml`` (``checks: {name: level}``).
The same helpers also check incoming data (see :mod:`livesurvey.list_import`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from .link import SurveyIndex
from .problems import Location, Problem, ProblemLog, Severity
from .schema import ARXIV_NEW, CheckLevel, Paper, Stance, Status
from .validate import suggest

Issue = tuple[Location, str]


@dataclass(frozen=True)
class Check:
    name: str
    default: CheckLevel
    description: str
    run: Callable[[SurveyIndex], Iterator[Issue]]


# --- helpers shared with importers ------------------------------------------------------

SHORTENER_HOSTS = frozenset(
    {"bit.ly", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rb.gy", "shorturl.at"}
)
BADGE_HOSTS = frozenset({"img.shields.io", "shields.io", "badge.fury.io", "badgen.net"})
EXPIRING_HOSTS = frozenset({"anonymous.4open.science"})
ARTIFACT_HOSTS = frozenset({"huggingface.co"})
STANDARD_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def normalise_title(title: str) -> str:
    """Lowercase letters and digits only, accents folded: for comparing titles."""
    folded = unicodedata.normalize("NFKD", title)
    return "".join(c for c in folded.lower() if c.isalnum() and c.isascii())


def arxiv_month(arxiv_id: str) -> tuple[int, int] | None:
    """Year and month of first submission encoded in a new-style arXiv id."""
    if not ARXIV_NEW.match(arxiv_id):
        return None
    return 2000 + int(arxiv_id[:2]), int(arxiv_id[2:4])


def link_problem(url: str) -> str | None:
    """Why a link looks broken or suspicious, or ``None``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.scheme != "https":
        return f"link '{url}' is not https; use the https:// address"
    if host in SHORTENER_HOSTS:
        return f"link '{url}' goes through a URL shortener; link to the destination instead"
    if host in BADGE_HOSTS or "/badge" in parts.path.lower():
        return f"link '{url}' is a badge image, not the resource; link to the resource itself"
    if host in EXPIRING_HOSTS:
        return f"link '{url}' is an anonymous review copy that expires; link the public release"
    return None


def is_artifact_link(url: str) -> bool:
    """Links to released models or data sets rather than to source code."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.") in ARTIFACT_HOSTS


def month_form_problem(text: str) -> str | None:
    """Why a 'YYYY-MM' date is not in standard form, or ``None``."""
    match = STANDARD_MONTH.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return None
    return f"date '{text}' is not in the form YYYY-MM (e.g. '2025-09')"


def date_arxiv_problem(year: int, month: int | None, arxiv_id: str) -> str | None:
    """Why a stated date disagrees with the arXiv id's year and month, or ``None``."""
    encoded = arxiv_month(arxiv_id)
    if encoded is None:
        return None
    arxiv_year, arxiv_mon = encoded
    if month is not None and (year, month) != encoded:
        return (
            f"date {year}-{month:02d} disagrees with arXiv id {arxiv_id}, first submitted "
            f"{arxiv_year}-{arxiv_mon:02d}"
        )
    if month is None and year < arxiv_year:
        return f"year {year} is earlier than arXiv id {arxiv_id} ({arxiv_year}-{arxiv_mon:02d})"
    return None


# --- checks over records -------------------------------------------------------------------


def _paper_at(index: SurveyIndex, paper_id: str, field: str) -> Location:
    document = index.papers[paper_id].document
    return document.at((field,)) if (field,) in document.value_positions else document.at(())


def _duplicate_work(index: SurveyIndex) -> Iterator[Issue]:
    first: dict[tuple[str, str], str] = {}
    for paper_id in sorted(index.papers):
        paper = index.papers[paper_id].record
        keys = [("title", normalise_title(paper.title))]
        if paper.arxiv:
            keys.append(("arxiv", paper.arxiv.lower()))
        if paper.doi:
            keys.append(("doi", paper.doi.lower()))
        for kind, value in keys:
            other = first.setdefault((kind, value), paper_id)
            if other != paper_id:
                yield (
                    _paper_at(index, paper_id, kind),
                    f"same work as papers/{other}.yaml (same {kind}); merge the two records "
                    "into one and keep the older id",
                )


def _date_vs_arxiv(index: SurveyIndex) -> Iterator[Issue]:
    for paper_id, sourced in index.papers.items():
        paper = sourced.record
        if paper.arxiv:
            problem = date_arxiv_problem(paper.year, paper.month, paper.arxiv)
            if problem:
                field = "month" if paper.month is not None else "year"
                yield _paper_at(index, paper_id, field), f"{problem}; check the date"


def _orphan_paper(index: SurveyIndex) -> Iterator[Issue]:
    origin = index.meta.record.origin
    for paper_id in sorted(index.papers):
        if paper_id == origin or index.papers[paper_id].record.background:
            continue
        used = (
            index.topics_by_paper[paper_id]
            or index.citations_by_paper[paper_id]
            or index.training_methods_by_paper.get(paper_id)
            or index.directions_by_paper.get(paper_id)
        )
        if not used:
            yield (
                _paper_at(index, paper_id, "title"),
                f"paper '{paper_id}' is attached to no topic and cited by no finding; "
                "add 'topics: [...]' or cite it from a finding",
            )


def expected_status(stances: Counter[Stance]) -> Status | None:
    """The status the evidence implies, or ``None`` when nothing supports the claim."""
    if stances[Stance.CONTESTS]:
        return Status.DEBATED
    if stances[Stance.SUPPORTS] >= 2:
        return Status.ESTABLISHED
    if stances[Stance.SUPPORTS] == 1:
        return Status.EMERGING
    return None


def _status_vs_evidence(index: SurveyIndex) -> Iterator[Issue]:
    for sourced in index.findings.values():
        finding = sourced.record
        stances = Counter(item.stance for item in finding.evidence)
        expected = expected_status(stances)
        location = sourced.document.at(("status",))
        if expected is None:
            yield location, "no evidence item supports this finding; add a supporting paper"
        elif expected is not finding.status:
            tally = ", ".join(f"{n} {s.value}" for s, n in sorted(stances.items()))
            yield (
                location,
                f"status '{finding.status.value}' contradicts the evidence ({tally}); "
                f"expected '{expected.value}' (debated: any contests; established: two or "
                "more supports; emerging: one)",
            )


def _duplicate_evidence(index: SurveyIndex) -> Iterator[Issue]:
    for sourced in index.findings.values():
        seen: dict[str, int] = {}
        for position, item in enumerate(sourced.record.evidence):
            if item.paper in seen:
                yield (
                    sourced.document.at(("evidence", position, "paper")),
                    f"paper '{item.paper}' is cited twice in this finding (also evidence item "
                    f"{seen[item.paper] + 1}); merge the two items",
                )
            else:
                seen[item.paper] = position


def _suspicious_links(index: SurveyIndex) -> Iterator[Issue]:
    for sourced in index.papers.values():
        paper = sourced.record
        links = [(("url",), paper.url), (("code",), paper.code)]
        links += [(("artifacts", n), url) for n, url in enumerate(paper.artifacts)]
        for key, value in links:
            problem = link_problem(value) if value else None
            if problem:
                yield sourced.document.at(key), problem
        if paper.code and is_artifact_link(paper.code):
            yield (
                sourced.document.at(("code",)),
                f"code link '{paper.code}' points to a model or data set; move it to 'artifacts'",
            )


def _missing_authors(index: SurveyIndex) -> Iterator[Issue]:
    for paper_id, sourced in index.papers.items():
        paper: Paper = sourced.record
        if not paper.authors and not paper.curator_notes:
            yield (
                _paper_at(index, paper_id, "title"),
                "paper has no authors; add them, or say in 'curator_notes' why they are unknown",
            )


CHECKS: dict[str, Check] = {
    check.name: check
    for check in [
        Check("duplicate-work", CheckLevel.ERROR, "the same work recorded twice", _duplicate_work),
        Check(
            "date-vs-arxiv",
            CheckLevel.WARNING,
            "a stated date that disagrees with the arXiv id's year and month",
            _date_vs_arxiv,
        ),
        Check(
            "orphan-paper",
            CheckLevel.WARNING,
            "a paper attached to no topic and cited by nothing",
            _orphan_paper,
        ),
        Check(
            "status-vs-evidence",
            CheckLevel.ERROR,
            "a finding whose status contradicts its evidence",
            _status_vs_evidence,
        ),
        Check(
            "duplicate-evidence",
            CheckLevel.ERROR,
            "a finding citing the same paper twice",
            _duplicate_evidence,
        ),
        Check(
            "suspicious-link",
            CheckLevel.WARNING,
            "a non-https, shortened or badge link",
            _suspicious_links,
        ),
        Check(
            "missing-authors",
            CheckLevel.WARNING,
            "a paper without authors and without a curator's note",
            _missing_authors,
        ),
    ]
}


def lint_survey(index: SurveyIndex, log: ProblemLog) -> None:
    """Run every check at its configured level; problems go to ``log``."""
    levels = {name: check.default for name, check in CHECKS.items()}
    document = index.meta.document
    for name, level in index.meta.record.checks.items():
        if name not in CHECKS:
            hint = suggest(name, list(CHECKS))
            tail = f"did you mean '{hint}'?" if hint else f"known checks: {', '.join(CHECKS)}"
            log.add(
                document.key_at(("checks", name)),
                f"unknown check '{name}'; {tail}",
                code="unknown-check",
            )
            continue
        levels[name] = level
    for name, check in CHECKS.items():
        if levels[name] is CheckLevel.OFF:
            continue
        severity = Severity.ERROR if levels[name] is CheckLevel.ERROR else Severity.WARNING
        for location, message in check.run(index):
            log.extend([Problem(location, f"{message} [{name}]", severity, name)])
