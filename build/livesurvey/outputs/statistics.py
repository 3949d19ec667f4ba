"""Statistics of the survey: the numbers behind the statistics page and its charts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model.dates import release_month
from ..model.index import METHODS, SurveyIndex
from ..records.schema import Status
from .charts import ChartData

STATUS_ORDER = [Status.ESTABLISHED, Status.DEBATED, Status.EMERGING]
WINDOW = 24
"""How many months the papers-per-month chart shows; older papers are counted as 'earlier'."""


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
    """Every number of the statistics page, from the linked survey."""
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
        for (year, number), counter in per_month.items():
            if year * 12 + number - 1 < first:
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


def chart_data(stats: SurveyStatistics, index: SurveyIndex) -> ChartData:
    """What the charts show, as plain values for the process that draws them."""
    return ChartData(
        dimensions=[(d.id, d.title) for d in index.dimensions],
        topics=[(topic_id, topic.title) for topic_id, (topic, _) in index.topics.items()],
        methods=[(t, place.term.title) for (v, t), place in index.terms.items() if v == METHODS],
        months=stats.months,
        earlier=stats.earlier,
        papers_per_month=stats.papers_per_month,
        methods_by_topic=stats.methods_by_topic,
        statuses=[status.value for status in STATUS_ORDER],
        findings_by_status={
            dimension_id: {status.value: count for status, count in counts.items()}
            for dimension_id, counts in stats.findings_by_status.items()
        },
    )
