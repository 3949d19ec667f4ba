"""Downloads and the bibliography: exact on the fixture survey, invariants on the live one."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import bibtexparser
import yaml
from livesurvey import GeneratedPage, SurveyIndex, load_survey
from livesurvey.core.problems import ProblemLog
from livesurvey.importers.bibtex import apply_plan, plan_import
from livesurvey.outputs.bibliography import format_references
from livesurvey.outputs.exports.bibtex import to_bibtex
from livesurvey.outputs.exports.csl_json import to_csl_json
from livesurvey.outputs.exports.ris import to_ris
from livesurvey.outputs.exports.survey_json import SurveyExport
from livesurvey.records.identifiers import arxiv_month

from .conftest import write_tree

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


def _month_from_arxiv(arxiv: str | None, year: int) -> int | None:
    """The month an import takes from an arXiv id of the same year as the entry."""
    released = arxiv_month(arxiv) if arxiv else None
    return released[1] if released and released[0] == year else None


def _ris_records(ris: str) -> list[str]:
    """RIS records end with a line that is exactly 'ER  - '."""
    return [line for line in ris.splitlines() if line == "ER  - "]


# --- exact, on the fixture survey ------------------------------------------------------------


def test_fixture_exports_hold_exactly_its_papers(fixture_index: SurveyIndex) -> None:
    papers = list(fixture_index.papers.values())
    assert len(papers) == 12
    items = json.loads(to_csl_json(papers))
    assert [i["id"] for i in items] == sorted(fixture_index.papers)
    deepseek = next(i for i in items if i["id"] == "deepseekai2025deepseekr1")
    assert deepseek["author"][0] == {"literal": "DeepSeek-AI"}
    assert deepseek["URL"] == "https://arxiv.org/abs/2501.12948"
    ris = to_ris(papers)
    assert len(_ris_records(ris)) == 12
    assert "TY  - GEN\nID  - yue2025reinforcement" not in ris  # NeurIPS paper, not a preprint
    assert "ID  - hu2026towards\nAU  - Hu\nTI  - Towards a Mechanistic" in ris


def test_fixture_bibtex_keeps_unicode_and_organisations(fixture_index: SurveyIndex) -> None:
    library = bibtexparser.parse_string(to_bibtex(fixture_index.papers.values()))
    assert len(library.entries) == 12 and not library.failed_blocks
    by_key = {entry.key: entry for entry in library.entries}
    assert "Arcuschin, Iván" in by_key["venhoff2025base"]["author"]
    assert by_key["deepseekai2025deepseekr1"]["author"].startswith("{DeepSeek-AI} and Guo, Daya")
    assert "author" not in by_key["mi-peaks-2025"].fields_dict  # authors not known yet


def test_fixture_references_are_formatted(fixture_index: SurveyIndex) -> None:
    references = format_references(list(fixture_index.papers.values()))
    by_key = {r.key: r.html for r in references}
    assert len(by_key) == 12
    assert by_key["yue2025reinforcement"].startswith("Yue, Y., Chen, Z., Lu, R.")
    assert "Arcuschin, I." in by_key["venhoff2025base"]


# --- invariants, on the live survey -----------------------------------------------------------


def test_bibtex_export_imports_back_to_the_same_records(
    live_index: SurveyIndex, tmp_path: Path
) -> None:
    with_authors = [p for p in live_index.papers.values() if p.record.authors]
    without = [p for p in live_index.papers.values() if not p.record.authors]
    assert all(p.record.curator_notes for p in without)  # each says why its authors are unknown
    bib = tmp_path / "all.bib"
    bib.write_text(to_bibtex(with_authors), encoding="utf-8")
    assert len(bibtexparser.parse_string(bib.read_text()).entries) == len(with_authors)
    log = ProblemLog()
    apply_plan(plan_import(bib, tmp_path / "data", log, added=dt.date(2026, 1, 1)))
    assert log.errors == []
    for paper in with_authors:
        again = yaml.safe_load((tmp_path / "data" / "papers" / f"{paper.id}.yaml").read_text())
        for field in COMPARED:
            expected = paper.document.data.get(field)
            if field == "month" and expected is None:
                expected = _month_from_arxiv(paper.record.arxiv, paper.record.year)
            assert again.get(field) == expected, (paper.id, field)


def test_every_download_holds_every_paper(
    live_index: SurveyIndex, live_pages: dict[str, GeneratedPage]
) -> None:
    count = len(live_index.papers)
    files = {uri: page.content for uri, page in live_pages.items()}
    bib = bibtexparser.parse_string(files["bibliography/survey.bib"])
    assert len(bib.entries) == count and not bib.failed_blocks
    assert len(json.loads(files["bibliography/survey.csl.json"])) == count
    assert len(_ris_records(files["bibliography/survey.ris"])) == count
    export = SurveyExport.model_validate_json(files["bibliography/survey.json"])
    assert sorted(export.papers) == sorted(live_index.papers)
    assert sorted(export.findings) == sorted(live_index.findings)
    schema = json.loads(files["bibliography/survey.schema.json"])
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["required"]) >= {"papers", "findings", "taxonomy"}


def test_every_paper_has_its_own_bibtex_download(
    live_index: SurveyIndex, live_pages: dict[str, GeneratedPage]
) -> None:
    for paper_id, paper in live_index.papers.items():
        entries = bibtexparser.parse_string(live_pages[f"papers/{paper_id}.bib"].content).entries
        assert [e.key for e in entries] == [paper.record.key or paper_id]
    for topic_id, papers in live_index.papers_by_topic.items():
        entries = bibtexparser.parse_string(live_pages[f"topics/{topic_id}.bib"].content).entries
        assert len(entries) == len(papers)


def test_every_paper_is_formatted_with_an_anchor(
    live_index: SurveyIndex, live_pages: dict[str, GeneratedPage]
) -> None:
    page = live_pages["bibliography/index.md"].content
    anchors = re.findall(r'<p class="survey-reference" id="([^"]+)"', page)
    assert sorted(anchors) == sorted(p.record.key or p.id for p in live_index.papers.values())


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
