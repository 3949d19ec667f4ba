"""Charts of the statistics page, drawn by matplotlib into static SVG at build time.

They are drawn in a fresh Python process (:func:`draw_elsewhere`) from plain data
(:class:`ChartData`): matplotlib and numpy take about 55 MB, which a build's processes would
otherwise carry on top of the survey (the fresh process holds matplotlib and the chart data
alone), and a long ``mkdocs serve`` never loads them. This module imports nothing of the engine
but plain data, so that the fresh process starts small.

Each chart is drawn twice, once per colour scheme of the site (:data:`LIGHT`, :data:`DARK`), on
a transparent background; the page shows the drawing of the scheme the reader has chosen.
Text is sized to stay legible when a phone shows the chart at reading width (it scrolls
sideways rather than shrinking). Fixed metadata and hash salt keep the files byte-identical
for the same records.
"""

from __future__ import annotations

import io
import json
import pickle
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ChartData:
    """What the charts show, as plain values (titles are record text, shown as text)."""

    dimensions: list[tuple[str, str]]
    """Each dimension's id and title, in the taxonomy's order."""
    topics: list[tuple[str, str]]
    """Each topic's id and title, in the taxonomy's order."""
    methods: list[tuple[str, str]]
    """Each analysis method's id and title, in the vocabulary's order."""
    months: list[tuple[int, int]]
    """Each month the papers-per-month chart shows, in order (year, month)."""
    earlier: Counter[str]
    """Papers per dimension id released before those months."""
    papers_per_month: dict[tuple[int, int], Counter[str]]
    """Per month, papers per dimension id."""
    methods_by_topic: dict[tuple[str, str], int]
    """(method id, topic id) -> number of papers."""
    statuses: list[str]
    """The finding statuses, in the order the legend shows them."""
    findings_by_status: dict[str, dict[str, int]]
    """Per dimension id, findings per status."""


@dataclass(frozen=True)
class Palette:
    """The colours of one colour scheme (they match docs/assets/survey.css)."""

    name: str
    """'light' or 'dark': the dark drawings are published as '<chart>-dark.svg'."""
    text: str
    status: dict[str, str]
    dimensions: tuple[str, ...]
    heatmap: str
    """A matplotlib colour map running from the background's side to the strongest colour."""


LIGHT = Palette(
    "light",
    text="#1f1f1f",
    status={"established": "#1b7f3b", "debated": "#b3261e", "emerging": "#c08a00"},
    dimensions=("#3f51b5", "#00897b", "#e65100", "#6d4c41", "#8e24aa"),
    heatmap="Blues",
)
DARK = Palette(
    "dark",
    text="#e2e4e9",
    status={"established": "#6fd08c", "debated": "#ff8a80", "emerging": "#ffcc66"},
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


def papers_per_month_chart(data: ChartData, palette: Palette = LIGHT) -> str:
    figure, axes = _figure(9, 4.2, palette)
    labels = (["earlier"] if data.earlier else []) + [f"{y}-{m:02d}" for y, m in data.months]
    columns = ([data.earlier] if data.earlier else []) + [
        data.papers_per_month.get(m, Counter()) for m in data.months
    ]
    positions = list(range(len(labels)))
    bottom = [0] * len(positions)
    for colour, (dimension_id, title) in zip(palette.dimensions, data.dimensions, strict=False):
        values = [column[dimension_id] for column in columns]
        axes.bar(positions, values, bottom=bottom, color=colour, label=_label(title))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_xticks(positions, labels, rotation=60, ha="right")
    axes.set_ylabel("papers (one per dimension it is in)")
    # Above the bars, never on them.
    axes.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.02), ncols=2)
    return _svg(figure)


def methods_by_topic_chart(data: ChartData, palette: Palette = LIGHT) -> str:
    counts = data.methods_by_topic
    methods = [m for m in data.methods if any(counts[(m[0], t)] for t, _ in data.topics)]
    figure, axes = _figure(9, 0.34 * len(methods) + 3.2, palette)
    if not methods or not data.topics:  # a new survey: no evidence names a method yet
        axes.set_axis_off()
        axes.text(0.5, 0.5, "No evidence names an analysis method yet.", ha="center")
        return _svg(figure)
    grid = [[counts[(method, topic)] for topic, _ in data.topics] for method, _ in methods]
    image = axes.imshow(grid, cmap=palette.heatmap, aspect="auto")
    axes.set_xticks(
        range(len(data.topics)),
        [_label(title) for _, title in data.topics],
        rotation=30,
        ha="right",
    )
    axes.set_yticks(range(len(methods)), [_label(title) for _, title in methods])
    for row, values in enumerate(grid):
        for column, value in enumerate(values):
            if value:
                # Each number in the colour that reads best on its own cell.
                colour = text_colour_on(image.cmap(image.norm(value)))
                axes.text(column, row, str(value), ha="center", va="center", color=colour)
    figure.colorbar(image, ax=axes, label="papers")
    return _svg(figure)


def findings_by_status_chart(data: ChartData, palette: Palette = LIGHT) -> str:
    figure, axes = _figure(7, 3.2, palette)
    labels = [_label(title) for _, title in data.dimensions]
    left = [0] * len(labels)
    for status in data.statuses:
        values = [data.findings_by_status[d].get(status, 0) for d, _ in data.dimensions]
        axes.barh(labels, values, left=left, color=palette.status[status], label=status)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_xlabel("findings")
    # Above the bars, never on them.
    axes.legend(frameon=False, ncols=3, loc="lower left", bbox_to_anchor=(0, 1.02))
    return _svg(figure)


CHARTS = {
    "papers-per-month": papers_per_month_chart,
    "methods-by-topic": methods_by_topic_chart,
    "findings-by-status": findings_by_status_chart,
}
"""Each chart by the name it is published under: statistics/<name>.svg (light scheme) and
statistics/<name>-dark.svg (dark scheme)."""


def draw_all(data: ChartData) -> dict[str, str]:
    """Every chart in every colour scheme, by file name (without '.svg')."""
    return {
        name + ("" if palette is LIGHT else "-" + palette.name): draw(data, palette)
        for palette in PALETTES
        for name, draw in CHARTS.items()
    }


DRAWING_SECONDS = 600
"""How long the process drawing the charts may take before the build gives up on it."""

_CHILD = (
    "import sys\n"
    "engine = sys.argv[1]\n"
    "if engine not in sys.path:\n"
    "    sys.path.insert(0, engine)\n"
    "from livesurvey.outputs.charts import _draw_from_standard_input\n"
    "_draw_from_standard_input()\n"
)
"""The fresh process: this package where this process found it, and no current folder on its
path (``-P``), so that nothing in the folder the build runs in can stand in for a module."""


def draw_elsewhere(data: ChartData) -> dict[str, str]:
    """:func:`draw_all` in a fresh Python process (see the module's docstring)."""
    engine = str(Path(__file__).resolve().parents[2])  # the folder that holds the package
    try:
        done = subprocess.run(
            [sys.executable, "-P", "-c", _CHILD, engine],
            input=pickle.dumps(data),
            capture_output=True,
            timeout=DRAWING_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RuntimeError(f"drawing the statistics charts failed: {error}") from error
    failure = done.stderr.decode(errors="replace")
    if done.returncode == 0:
        try:
            drawn: dict[str, str] = json.loads(done.stdout)
            return drawn
        except ValueError as error:  # something else wrote to its output
            failure = f"{error}\n{failure}"
    raise RuntimeError(f"drawing the statistics charts failed:\n{failure}")


def _draw_from_standard_input() -> None:
    # The data comes from the building process through a pipe only it holds.
    data = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.write(json.dumps(draw_all(data)))
