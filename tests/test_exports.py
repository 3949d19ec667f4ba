"""Downloads and the bibliography, from the real records."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import bibtexparser
import pytest
import yaml
from livesurvey import load_survey, render_pages
from livesurvey.core.problems import ProblemLog
from livesurvey.importers.bibtex import apply_plan, plan_import
from livesurvey.outputs.bibliography import format_references
from livesurvey.outputs.exports.bibtex import to_bibtex
from livesurvey.outputs.exports.csl_json import to_csl_json
from livesurvey.outputs.exports.ris import to_ris
from livesurvey.outputs.exports.survey_json import SurveyExport

from .conftest import DATA, write_tree

COMPARED = [
    "key",
    "type",
    "title",
    "authors",
    "more_authors",
    "year",
    "month",
    "venue",
    "publisher",
    "volume",
    "pages",
    "arxiv",
    "doi",
    "url",
    "code",
    "short_name",
    "bibtex_extra",
]


@pytest.fixture(scope="module")
def index():
    return load_survey(DATA)


def test_bibtex_export_imports_back_to_the_same_records(index, tmp_path: Path) -> None:
    papers = [p for p in index.papers.values() if p.record.authors]
    assert len(papers) == len(index.papers) - 3  # three works whose authors are not known yet
    bib = tmp_path / "all.bib"
    bib.write_text(to_bibtex(papers), encoding="utf-8")
    assert len(bibtexparser.parse_string(bib.read_text()).entries) == len(papers)
    log = ProblemLog()
    apply_plan(plan_import(bib, tmp_path / "data", log, added=dt.date(2026, 1, 1)))
    assert log.errors == []
    for paper in papers:
        again = yaml.safe_load((tmp_path / "data" / "papers" / f"{paper.id}.yaml").read_text())
        for field in COMPARED:
            assert again.get(field) == paper.document.data.get(field), (paper.id, field)


def test_csl_json_and_ris_hold_every_paper(index) -> None:
    items = json.loads(to_csl_json(index.papers.values()))
    assert len(items) == len(index.papers)
    deepseek = next(i for i in items if i["id"] == "deepseekai2025deepseekr1")
    assert deepseek["author"][0] == {"literal": "DeepSeek-AI"}
    assert deepseek["URL"] == "https://arxiv.org/abs/2501.12948"
    ris = to_ris(index.papers.values())
    assert ris.count("\nER  - ") + ris.startswith("ER  - ") == len(index.papers)
    assert "TY  - GEN\nID  - yue2025reinforcement" not in ris  # NeurIPS paper, not a preprint
    assert "ID  - hu2026towards\nAU  - Hu\nTI  - Towards a Mechanistic" in ris


def test_survey_json_validates_against_its_own_schema_model(index) -> None:
    files = {f.uri: f.content for f in render_pages(index) if f.uri.startswith("bibliography/")}
    export = SurveyExport.model_validate_json(files["bibliography/survey.json"])
    assert len(export.papers) == len(index.papers) and len(export.findings) == 76
    schema = json.loads(files["bibliography/survey.schema.json"])
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["required"]) >= {"papers", "findings", "taxonomy"}


def test_every_paper_is_formatted_with_an_anchor(index) -> None:
    references = format_references(list(index.papers.values()))
    assert len(references) == len(index.papers)
    by_key = {r.key: r.html for r in references}
    assert by_key["yue2025reinforcement"].startswith("Yue, Y., Chen, Z., Lu, R.")
    assert "<i>" in by_key["arcuschin2025chainofthought"]
    page = next(f.content for f in render_pages(index) if f.uri == "bibliography/index.md")
    anchors = re.findall(r'<p class="survey-reference" id="([^"]+)"', page)
    assert sorted(anchors) == sorted(p.record.key or p.id for p in index.papers.values())


def test_bibliography_escapes_record_text(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path / "data",
        {
            "papers/smith2024origin.yaml": """\
        title: '<script>alert(1)</script> & <b>bold</b>'
        authors:
          - family: O'Brien <img src=x>
        year: 2024
        added: 2026-01-01
        """
        },
    )
    references = format_references(list(load_survey(root).papers.values()))
    text = next(r.html for r in references if r.paper_id == "smith2024origin")
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text
