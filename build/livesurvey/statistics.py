"""Statistics of the survey: the numbers (pure functions) and their charts (SVG, matplotlib).

Charts are drawn at build time into static SVG files, with fixed metadata and
hash salt, so the same records give byte-identical files.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass

from .link import METHODS, SurveyIndex
from .lint import arxiv_month
from .schema import Paper, Status

STATUS_ORDER = [Status.ESTABLISHED, Status.DEBATED, Status.EMERGING]
STATUS_COLOURS = {
    Status.ESTABLISHED: "#1b7f3b",
    Status.DEBATED: "#b3261e",
    Status.EMERGING: "#c08a00",
}
WINDOW = 24
"""How many months the papers-per-month chart shows; older papers are counted as 'earlier'."""
DIMENSION_COLOURS = ["#3f51b5", "#00897b", "#e65100", "#6d4c41", "#8e24aa"]


def release_month(paper: Paper) -> tuple[int, int] | None:
    """Year and month of first release: the record's month, else the arXiv id's."""
    if paper.month is not None:
        return paper.year, paper.month
    return arxiv_month(paper.arxiv) if paper.arxiv else None


@dataclass(frozen=True)
class SurveyStatistics:
    months: list[tuple[int, int]]
    """Every month of the charted window (at most the last 24 months with papers), in order."""
    earlier: Counter[str]
    """Papers per dimension released before the charted window."""
    papers_per_month: dict[tuple[int, int], Counter[str]]
    """Per month, papers per dimension id (a paper counts once in each of its dimensions)."""
    undated: int
    """Papers with no known month."""
    methods_by_topic: dict[tuple[str, str], int]
    """(method id, topic id) -> number of papers."""
    findings_by_status: dict[str, Counter[Status]]
    """Per dimension id, findings per status."""


def compute_statistics(index: SurveyIndex) -> SurveyStatistics:
    per_month: dict[tuple[int, int], Counter[str]] = {}
    undated = 0
    dimension_of = {topic_id: dim.id for topic_id, (_, dim) in index.topics.items()}
    for paper_id, paper in index.papers.items():
        month = release_month(paper.record)
        dimensions = {dimension_of[t] for t in index.topics_by_paper[paper_id]}
        if month is None:
            undated += 1
            continue
        counter = per_month.setdefault(month, Counter())
        for dimension_id in dimensions or {""}:
            counter[dimension_id] += 1
    months: list[tuple[int, int]] = []
    earlier: Counter[str] = Counter()
    if per_month:
        last_year, last_month = max(per_month)
        index_of_last = last_year * 12 + last_month - 1
        first = max(min(y * 12 + m - 1 for y, m in per_month), index_of_last - WINDOW + 1)
        months = [(n // 12, n % 12 + 1) for n in range(first, index_of_last + 1)]
        for (year, month), counter in per_month.items():
            if year * 12 + month - 1 < first:
                earlier.update(counter)
    methods_by_topic = {
        (term_id, topic_id): sum(
            1
            for paper in index.papers_by_term[(vocabulary, term_id)]
            if topic_id in index.topics_by_paper[paper.id]
        )
        for (vocabulary, term_id) in index.terms
        if vocabulary == METHODS
        for topic_id in index.topics
    }
    findings_by_status: dict[str, Counter[Status]] = {d.id: Counter() for d in index.dimensions}
    for finding in index.findings.values():
        place = index.questions[finding.record.question]
        findings_by_status[place.dimension.id][finding.record.status] += 1
    return SurveyStatistics(
        months, earlier, per_month, undated, methods_by_topic, findings_by_status
    )


# --- charts --------------------------------------------------------------------------------


def _figure(width: float, height: float):  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams.update(
        {
            "svg.hashsalt": "livesurvey",
            "svg.fonttype": "none",
            "font.family": "sans-serif",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return plt.subplots(figsize=(width, height))


def _label(text: str) -> str:
    """Record text as a plain label: matplotlib would read '$...$' as mathematics."""
    return text.replace("$", r"\$")


def _svg(figure) -> str:  # type: ignore[no-untyped-def]
    from matplotlib import pyplot as plt

    buffer = io.StringIO()
    figure.tight_layout()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    return buffer.getvalue()


def papers_per_month_chart(stats: SurveyStatistics, index: SurveyIndex) -> str:
    figure, axes = _figure(9, 3.6)
    labels = (["earlier"] if stats.earlier else []) + [f"{y}-{m:02d}" for y, m in stats.months]
    columns = ([stats.earlier] if stats.earlier else []) + [
        stats.papers_per_month.get(m, Counter()) for m in stats.months
    ]
    positions = list(range(len(labels)))
    bottom = [0] * len(positions)
    for colour, dimension in zip(DIMENSION_COLOURS, index.dimensions, strict=False):
        values = [column[dimension.id] for column in columns]
        axes.bar(positions, values, bottom=bottom, color=colour, label=_label(dimension.title))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_xticks(positions, labels, rotation=60, ha="right")
    axes.set_ylabel("papers (a paper counts in each of its dimensions)")
    axes.legend(frameon=False)
    return _svg(figure)


def methods_by_topic_chart(stats: SurveyStatistics, index: SurveyIndex) -> str:
    terms = [t for (v, t) in index.terms if v == METHODS]
    terms = [t for t in terms if any(stats.methods_by_topic[(t, topic)] for topic in index.topics)]
    topics = list(index.topics)
    figure, axes = _figure(9, 0.28 * len(terms) + 2.2)
    grid = [[stats.methods_by_topic[(t, topic)] for topic in topics] for t in terms]
    image = axes.imshow(grid, cmap="Blues", aspect="auto")
    axes.set_xticks(
        range(len(topics)),
        [_label(index.topics[t][0].title) for t in topics],
        rotation=30,
        ha="right",
    )
    axes.set_yticks(
        range(len(terms)), [_label(index.terms[(METHODS, t)].term.title) for t in terms]
    )
    for row, values in enumerate(grid):
        for column, value in enumerate(values):
            if value:
                axes.text(column, row, str(value), ha="center", va="center", fontsize=7)
    figure.colorbar(image, ax=axes, label="papers")
    return _svg(figure)


def findings_by_status_chart(stats: SurveyStatistics, index: SurveyIndex) -> str:
    figure, axes = _figure(7, 2.8)
    labels = [_label(d.title) for d in index.dimensions]
    left = [0] * len(labels)
    for status in STATUS_ORDER:
        values = [stats.findings_by_status[d.id][status] for d in index.dimensions]
        axes.barh(labels, values, left=left, color=STATUS_COLOURS[status], label=status.value)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_xlabel("findings")
    axes.legend(frameon=False, ncols=3, loc="lower right")
    return _svg(figure)
