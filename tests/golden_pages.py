"""Golden pages: the whole rendered fixture survey (tests/fixtures/survey/), file by file.

Regenerate after an intended change with ``python3 dev.py golden`` and review the diff.
The golden tree comes from the fixture, never from the live records, so a new paper or
finding in survey_data/ changes nothing here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from livesurvey import load_survey, render_pages

ROOT = Path(__file__).resolve().parent
GOLDEN = ROOT / "golden"
FIXTURE = ROOT / "fixtures" / "survey"


def rendered_fixture() -> dict[str, str]:
    return {page.uri: page.content for page in render_pages(load_survey(FIXTURE))}


def golden_files() -> dict[str, str]:
    return {
        path.relative_to(GOLDEN).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(GOLDEN.rglob("*"))
        if path.is_file()
    }


def write_golden() -> None:
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    pages = rendered_fixture()
    for uri, content in pages.items():
        target = GOLDEN / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    print(f"wrote {len(pages)} files to tests/golden/")


if __name__ == "__main__":
    write_golden()
