"""Golden pages: one rendered page of each kind, from the real records.

Regenerate after an intended change with ``python3 dev.py golden`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

from livesurvey import load_survey, render_pages

GOLDEN = Path(__file__).resolve().parent / "golden"
DATA = Path(__file__).resolve().parent.parent / "survey_data"

GOLDEN_URIS = [
    "papers/yue2025reinforcement.md",
    "findings/rlvr-compresses-not-expands.md",
    "topics/sft-vs-rl.md",
    "dimensions/training/index.md",
    "methods/pass-at-k-evaluation.md",
    "bibliography/index.md",
    "training-methods/dapo.md",
    "directions/applied-interpretability.md",
    "bibliography/survey.bib",
    "comparisons/debated-findings.md",
    "methods/index.md",
    "statistics/index.md",
]


def rendered_golden_pages() -> dict[str, str]:
    pages = {page.uri: page.content for page in render_pages(load_survey(DATA))}
    return {uri: pages[uri] for uri in GOLDEN_URIS}


def write_golden() -> None:
    for uri, content in rendered_golden_pages().items():
        target = GOLDEN / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        print(f"wrote tests/golden/{uri}")


if __name__ == "__main__":
    write_golden()
