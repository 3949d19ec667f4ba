"""The whole survey as one JSON document, and its JSON Schema from the same models.

The document has one key per record kind of the registry (:mod:`livesurvey.records.kinds`):
a kind stored one file per record maps ids to records; a single-file kind is its record.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field, create_model

from ...model.index import SurveyIndex
from ...records.kinds import KINDS, RecordKind


def _field(kind: RecordKind) -> Any:
    if kind.folder:
        return (dict[str, kind.model], Field(description=kind.summary))  # type: ignore[name-defined]
    if kind.required:
        return (kind.model, Field(description=kind.summary))
    return (kind.model | None, Field(default=None, description=kind.summary))


SurveyExport: type[BaseModel] = create_model(
    "SurveyExport",
    __doc__="The whole survey in one JSON document: every record, keyed by id.",
    **{kind.key: _field(kind) for kind in KINDS},
)


def to_survey_json(index: SurveyIndex) -> str:
    """Every record of the survey as one JSON document, keys sorted by id."""
    values: dict[str, Any] = {}
    for kind in KINDS:
        records = index.files.get(kind.name, {})
        if kind.folder:
            values[kind.key] = {k: records[k].record for k in sorted(records)}
        else:
            values[kind.key] = next((s.record for s in records.values()), None)
    export = SurveyExport(**values)
    return export.model_dump_json(indent=2, exclude_none=True) + "\n"


def survey_json_schema() -> str:
    """The JSON Schema of :func:`to_survey_json`'s output, from the record models."""
    schema = SurveyExport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Living survey export"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
