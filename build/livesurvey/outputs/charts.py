"""Charts of the statistics page, drawn by matplotlib into static SVG at build time.

Fixed metadata and hash salt keep the files byte-identical for the same records.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from ..model.index import METHODS, SurveyIndex
from ..records.schema import Status
from .statistics import STATUS_ORDER, SurveyStatistics

STATUS_COLOURS = {
    Status.ESTABLISHED: "#1b7f3b",
    Status.DEBATED: "#b3261e",
    Status.EMERGING: "#c08a00",
}
DIMENSION_COLOURS = ["#3f51b5", "#00897b", "#e65100", "#6d4c41", "#8e24aa"]


def _figure(width: float, height: float) -> Any:
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


def _svg(figure: Any) -> str:
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
    if not terms or not topics:  # a new survey: no evidence names a method yet
        axes.set_axis_off()
        axes.text(0.5, 0.5, "No evidence names an analysis method yet.", ha="center")
        return _svg(figure)
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
