"""JSON Schemas for editors: committed, in sync with the models, and agreeing with ``check``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from livesurvey import GeneratedPage
from livesurvey.records.json_schemas import SCHEMA_FOLDER, schema_file, schema_texts
from livesurvey.records.kinds import KINDS, RecordKind

from .conftest import DATA, FIXTURE, REPO


def _as_editor_sees_it(value: Any) -> Any:
    """YAML as a language server reads it: dates are text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_as_editor_sees_it(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_editor_sees_it(v) for k, v in value.items()}
    return value


def _validator(kind: RecordKind) -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / SCHEMA_FOLDER / schema_file(kind)).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _files(root: Path, kind: RecordKind) -> list[Path]:
    return sorted((root / kind.path).glob("*.yaml")) if kind.folder else [root / kind.path]


def test_committed_schemas_match_the_models() -> None:
    folder = REPO / SCHEMA_FOLDER
    committed = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.schema.json")}
    assert committed == schema_texts(), "run '.venv/bin/livesurvey schemas' and commit the result"


def test_editor_settings_map_every_kind_to_its_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for kind in KINDS:
        pattern = f"survey_data/{kind.path}/*.yaml" if kind.folder else f"survey_data/{kind.path}"
        assert mapping[f"./{SCHEMA_FOLDER}/{schema_file(kind)}"] == pattern


@pytest.mark.parametrize("root", [FIXTURE, DATA], ids=["fixture", "live"])
def test_every_record_passes_its_editor_schema(root: Path) -> None:
    wrong = []
    for kind in KINDS:
        validator = _validator(kind)
        for file in _files(root, kind):
            if not file.exists():
                continue
            data = _as_editor_sees_it(yaml.safe_load(file.read_text(encoding="utf-8")))
            wrong += [f"{file.name}: {error.message}" for error in validator.iter_errors(data)]
    assert wrong == []


def test_the_editor_flags_what_check_refuses() -> None:
    papers = next(kind for kind in KINDS if kind.name == "papers")
    findings = next(kind for kind in KINDS if kind.name == "findings")
    paper = {"title": "T", "year": 2025, "added": "2026-01-01", "topics": ["Not A Slug"]}
    assert not _validator(papers).is_valid(paper)
    assert not _validator(papers).is_valid({**paper, "topics": [], "titel": "typo"})
    assert _validator(papers).is_valid({**paper, "topics": ["sft-vs-rl"]})
    finding = {
        "title": "F",
        "question": "q",
        "claim": "C",
        "status": "emerging",
        "evidence": [{"paper": "p", "stance": "suports", "methods": ["m"]}],
        "added": "2026-01-01",
    }
    assert not _validator(findings).is_valid(finding)
    finding["evidence"][0]["stance"] = "supports"
    assert _validator(findings).is_valid(finding)


def test_the_record_format_pages_describe_every_field(
    fixture_pages: dict[str, GeneratedPage],
) -> None:
    for kind in KINDS:
        page = fixture_pages[f"reference/{kind.name.replace('_', '-')}.md"].content
        for name in kind.model.model_fields:
            assert f"| `{name}` |" in page, (kind.name, name)
    findings = fixture_pages["reference/findings.md"].content
    assert "one of the allowed values: `supports`, `contests`, `qualifies`, `extends`" in findings
    assert "```yaml\ntitle: " in findings  # a real example from the survey
