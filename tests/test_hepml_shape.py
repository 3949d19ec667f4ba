"""Acceptance: another living review's bibliography (its shape: types, fields, key styles)
imported into a fresh survey, checked and built by MkDocs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from livesurvey import check_survey, render_pages
from livesurvey.cli import main
from livesurvey.model.citation_keys import citation_key

from .benchmark import _project, make_survey
from .conftest import mkdocs_build
from .hepml_shape import hepml_shaped_bibtex

ENTRIES = 300


@pytest.mark.slow
def test_a_living_reviews_bibliography_imports_checks_and_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path / "project", with_hooks=True)
    data = project / "survey_data"
    make_survey(data, 1, fixed_questions=False)  # a fresh survey: one paper of its own
    bib = tmp_path / "review.bib"
    text = hepml_shaped_bibtex(ENTRIES)
    bib.write_text(text, encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,]+),$", text, flags=re.MULTILINE)

    assert main(["--data", str(data), "import-bib", str(bib)]) == 1  # two entries refused
    output = capsys.readouterr().out
    assert f"imported: {ENTRIES} new, 0 completed, 0 unchanged" in output
    assert output.endswith(
        "the refused entries are listed above with their lines; fix them and import again\n"
    )
    lines = text.splitlines()
    for key, reason in (("Noyear:2020abc", "lacks year"), ("Empty:2021xyz", "lacks title")):
        line = next(n for n, row in enumerate(lines, 1) if row.startswith("@") and key in row)
        assert f"review.bib:{line}:1: entry '{key}' {reason}" in output
    for field in ("reportnumber", "note", "primaryclass"):
        assert output.count(f"field '{field}'") <= 1  # summarised once per field name

    index, problems = check_survey(data)
    assert index is not None, [str(p) for p in problems if p.severity.value == "error"]
    imported = [paper for paper in index.papers.values() if paper.id != "p0"]
    assert len(imported) == ENTRIES
    assert {p.record.type.value for p in imported} >= {
        "article",
        "misc",
        "inproceedings",
        "phdthesis",
        "mastersthesis",
        "techreport",
        "unpublished",
    }
    kept = {citation_key(p) for p in imported}
    assert kept == set(keys) - {"Noyear:2020abc", "Empty:2021xyz"}  # keys keep their case

    pages = {page.uri: page.content for page in render_pages(index)}
    bibtex = pages["bibliography/survey.bib"]
    assert all(f"{{{key}," in bibtex for key in kept)
    assert all(f"papers/{paper.id}.md" in pages for paper in imported)

    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    site = tmp_path / "site"
    bibliography = (site / "bibliography" / "index.html").read_text(encoding="utf-8")
    assert sum(1 for key in kept if f'id="{key}"' in bibliography) == len(kept)
    assert all((site / "papers" / paper.id / "index.html").is_file() for paper in imported)
