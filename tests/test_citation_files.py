"""CITATION.cff and .zenodo.json: committed, in step with survey.yaml, valid for their readers."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import yaml

from .conftest import REPO

CFF_SCHEMA = REPO / "tests" / "fixtures" / "schemas" / "citation-file-format-1.2.0.json"
ZENODO_RELATIONS = {"isSupplementedBy", "isDerivedFrom", "isSupplementTo", "references"}


def test_committed_citation_files_match_survey_yaml() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "livesurvey.cli", "citation-files", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_citation_cff_follows_the_citation_file_format() -> None:
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(citation)]
    assert errors == []
    survey = yaml.safe_load((REPO / "survey_data" / "survey.yaml").read_text(encoding="utf-8"))
    assert (citation["title"], citation["version"]) == (survey["title"], survey["version"])


def test_zenodo_metadata_names_the_edition_and_its_source() -> None:
    zenodo = json.loads((REPO / ".zenodo.json").read_text(encoding="utf-8"))
    assert {"title", "description", "upload_type", "version", "license", "creators"} <= set(zenodo)
    assert zenodo["creators"] and all(c["name"] for c in zenodo["creators"])
    assert {r["relation"] for r in zenodo["related_identifiers"]} <= ZENODO_RELATIONS
