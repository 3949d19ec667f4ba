"""Charts of the statistics page, drawn by matplotlib into static SVG at build time.

Each chart is drawn twice, once per colour scheme of the site (:data:`LIGHT`, :data:`DARK`), on
a transparent background; the page shows the drawing of the scheme the reader has chosen.
Text is sized to stay legible when a phone shows the chart at reading width (it scrolls
sideways rather than shrinking). Fixed metadata and hash salt keep the files byte-identical
for the same records.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..model.index import METHODS, SurveyIndex
from ..records.schema import Status
from .statistics import STATUS_ORDER, SurveyStatistics


@dataclass(frozen=True)
class Palette:
    """The colours of one colour scheme (they match docs/assets/survey.css)."""

    name: str
    """'light' or 'dark': the dark drawings are published as '<chart>-dark.svg'."""
    text: str
    status: dict[Status, str]
    dimensions: tuple[str, ...]
    heatmap: str
    """A matplotlib colour map running from the background's side to the strongest colour."""


LIGHT = Palette(
    "light",
    text="#1f1f1f",
    status={Status.ESTABLISHED: "#1b7f3b", Status.DEBATED: "#b3261e", Status.EMERGING: "#c08a00"},
    dimensions=("#3f51b5", "#00897b", "#e65100", "#6d4c41", "#8e24aa"),
    heatmap="Blues",
)
DARK = Palette(
    "dark",
    text="#e2e4e9",
    status={Status.ESTABLISHED: "#6fd08c", Status.DEBATED: "#ff8a80", Status.EMERGING: "#ffcc66"},
    dimensions=("#8c9eff", "#4db6ac", "#ffb74d", "#bcaaa4", "#ce93d8"),
    heatmap="viridis",
)
PALETTES = (LIGHT, DARK)

FONT_SIZE = 11
"""Points; the charts are shown at about their own width, so this is close to the text's."""


def _figure(width: float, height: float, palette: Palette) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams.update(
        {
            "svg.hashsalt": "livesurvey",
            "svg.fonttype": "none",
            "font.family": "sans-serif",
            "font.size": FONT_SIZE,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "text.color": palette.text,
            "axes.labelcolor": palette.text,
            "axes.edgecolor": palette.text,
            "xtick.color": palette.text,
            "ytick.color": palette.text,
            "figure.facecolor": "none",
            "axes.facecolor": "none",
            "savefig.transparent": True,
        }
    )
    return plt.subplots(figsize=(width, height))


def _luminance(rgba: tuple[float, ...]) -> float:
    """Relative luminance (WCAG) of a colour with channels in 0..1."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else float(((c + 0.055) / 1.055) ** 2.4)

    r, g, b = (linear(c) for c in rgba[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour_on(rgba: tuple[float, ...]) -> str:
    """Black or white, whichever contrasts more with a cell of colour ``rgba``."""
    luminance = _luminance(rgba)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


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


def papers_per_month_chart(
    stats: SurveyStatistics, index: SurveyIndex, palette: Palette = LIGHT
) -> str:
    figure, axes = _figure(9, 4.2, palette)
    labels = (["earlier"] if stats.earlier else []) + [f"{y}-{m:02d}" for y, m in stats.months]
    columns = ([stats.earlier] if stats.earlier else []) + [
        stats.papers_per_month.get(m, Counter()) for m in stats.months
    ]
    positions = list(range(len(labels)))
    bottom = [0] * len(positions)
    for colour, dimension in zip(palette.dimensions, index.dimensions, strict=False):
        values = [column[dimension.id] for column in columns]
        axes.bar(positions, values, bottom=bottom, color=colour, label=_label(dimension.title))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_xticks(positions, labels, rotation=60, ha="right")
    axes.set_ylabel("papers (one per dimension it is in)")
    # Above the bars, never on them.
    axes.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.02), ncols=2)
    return _svg(figure)


def methods_by_topic_chart(
    stats: SurveyStatistics, index: SurveyIndex, palette: Palette = LIGHT
) -> str:
    terms = [t for (v, t) in index.terms if v == METHODS]
    terms = [t for t in terms if any(stats.methods_by_topic[(t, topic)] for topic in index.topics)]
    topics = list(index.topics)
    figure, axes = _figure(9, 0.34 * len(terms) + 3.2, palette)
    if not terms or not topics:  # a new survey: no evidence names a method yet
        axes.set_axis_off()
        axes.text(0.5, 0.5, "No evidence names an analysis method yet.", ha="center")
        return _svg(figure)
    grid = [[stats.methods_by_topic[(t, topic)] for topic in topics] for t in terms]
    image = axes.imshow(grid, cmap=palette.heatmap, aspect="auto")
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
                # Each number in the colour that reads best on its own cell.
                colour = text_colour_on(image.cmap(image.norm(value)))
                axes.text(column, row, str(value), ha="center", va="center", color=colour)
    figure.colorbar(image, ax=axes, label="papers")
    return _svg(figure)


def findings_by_status_chart(
    stats: SurveyStatistics, index: SurveyIndex, palette: Palette = LIGHT
) -> str:
    figure, axes = _figure(7, 3.2, palette)
    labels = [_label(d.title) for d in index.dimensions]
    left = [0] * len(labels)
    for status in STATUS_ORDER:
        values = [stats.findings_by_status[d.id][status] for d in index.dimensions]
        axes.barh(labels, values, left=left, color=palette.status[status], label=status.value)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_xlabel("findings")
    # Above the bars, never on them.
    axes.legend(frameon=False, ncols=3, loc="lower left", bbox_to_anchor=(0, 1.02))
    return _svg(figure)
