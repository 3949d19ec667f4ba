"""JSON Schemas of the record kinds, for editors that check YAML as contributors type.

Generated from the same pydantic models that validate the records, so an editor and
``livesurvey check`` agree on fields, types, allowed values and the forms of ids, keys and
links (checks that need other records, such as whether a referenced paper exists, and the
refusal of control characters in text, are left to ``check``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .kinds import KINDS, RecordKind

SCHEMA_FOLDER = "docs/schemas"
"""Where the schemas are committed, relative to the project (and published on the site)."""


def schema_file(kind: RecordKind) -> str:
    """The file name of a kind's schema, e.g. 'papers.schema.json'."""
    return f"{kind.name}.schema.json"


def record_schema(kind: RecordKind) -> dict[str, Any]:
    """The JSON Schema of one file of ``kind``."""
    schema = kind.model.model_json_schema()
    where = f"survey_data/{kind.path}/<id>.yaml" if kind.folder else f"survey_data/{kind.path}"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": f"{kind.model.__name__} record ({where})",
    }


def schema_texts() -> dict[str, str]:
    """Every kind's schema as the text of its file, by file name."""
    return {
        schema_file(kind): json.dumps(record_schema(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in KINDS
    }


def write_schemas(folder: Path) -> list[str]:
    """Write every schema into ``folder``; returns the file names written."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = schema_texts()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(texts)


def stale_schemas(folder: Path) -> list[str]:
    """Schema files in ``folder`` that are missing or differ from the models."""
    stale = []
    for name, text in schema_texts().items():
        file = folder / name
        if not file.is_file() or file.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
