"""Data-quality checks over the linked survey: problems a schema cannot see.

Each check has a name, a default severity and a description; a survey can
change the severity of any check in ``survey.yaml`` (``checks: {name: level}``).
Rules that judge single values live in :mod:`livesurvey.quality.rules`, shared with
the importers.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..core.problems import Location, Problem, ProblemLog, Severity
from ..core.suggestions import unknown_message
from ..model.authors import Credit, Person, fold, likely_same_given
from ..model.index import SurveyIndex
from ..records.schema import CheckLevel, Paper, Stance, Status
from ..records.yaml_source import PathKey
from .rules import date_arxiv_problem, is_artifact_link, link_problem, work_keys

Issue = tuple[Location, str]


@dataclass(frozen=True)
class Check:
    name: str
    default: CheckLevel
    description: str
    run: Callable[[SurveyIndex], Iterator[Issue]]


# --- checks over records -------------------------------------------------------------------


def _paper_at(index: SurveyIndex, paper_id: str, field: str) -> Location:
    document = index.papers[paper_id].document
    return document.at((field,)) if document.has((field,)) else document.at(())


def _duplicate_work(index: SurveyIndex) -> Iterator[Issue]:
    first: dict[tuple[str, str], str] = {}
    for paper_id in sorted(index.papers):
        paper = index.papers[paper_id].record
        for kind, value in work_keys(paper.title, paper.arxiv, paper.doi):
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
        if expected is None:
            yield (
                sourced.document.at(("status",)),
                "no evidence item supports this finding; add a supporting paper",
            )
        elif expected is not finding.status:
            tally = ", ".join(f"{n} {s.value}" for s, n in sorted(stances.items()))
            yield (
                sourced.document.at(("status",)),
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
        links: list[tuple[PathKey, str | None]] = [(("url",), paper.url), (("code",), paper.code)]
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


def _credit_at(index: SurveyIndex, credit: Credit) -> Location:
    return index.papers[credit.paper_id].document.at(("authors", credit.position))


def _where(index: SurveyIndex, credit: Credit) -> str:
    location = _credit_at(index, credit)
    return f"{location.path}:{location.line}"


def _duplicate_authors(index: SurveyIndex) -> Iterator[Issue]:
    """Authors written in ways that are probably one person's: spellings grouped on one page,
    initials that fit several people, and fuller given names that agree where both are given."""
    for person in index.authors.people.values():
        shown = next(c for c in person.credits if c.author.display == person.name)
        for credit in person.credits:
            if credit.author.display != person.name:
                yield (
                    _credit_at(index, credit),
                    f"author '{credit.author.display}' is written '{person.name}' at "
                    f"{_where(index, shown)}; both are listed on /authors/{person.slug}/, but "
                    "write the name the same way in both records",
                )
    for ambiguous in index.authors.ambiguous:
        names = " or ".join(
            f"'{c.author.display}' ({_where(index, c)})" for c in ambiguous.candidates
        )
        yield (
            _credit_at(index, ambiguous.credit),
            f"author '{ambiguous.credit.author.display}' could be {names}, so it has a page "
            "of its own; write the given names in full",
        )
    by_family: dict[str, list[Person]] = {}
    for person in index.authors.people.values():
        if not person.organisation and person.given:
            by_family.setdefault(fold(person.family), []).append(person)
    for people in by_family.values():
        for short, full in itertools.permutations(people, 2):
            if len(short.name) < len(full.name) and likely_same_given(short.given, full.given):
                yield (
                    _credit_at(index, short.credits[0]),
                    f"author '{short.name}' is probably '{full.name}' "
                    f"({_where(index, full.credits[0])}), who has another page; if they are "
                    "one person, write the name the same way in both records",
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
            "duplicate-author",
            CheckLevel.WARNING,
            "one author probably written in two ways (accents, case, initials)",
            _duplicate_authors,
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
            log.add(
                document.key_at(("checks", name)),
                unknown_message("check", name, CHECKS, f"known checks: {', '.join(CHECKS)}"),
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
