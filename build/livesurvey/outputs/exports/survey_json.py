"""The whole survey as one JSON document, and its JSON Schema from the same models."""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict

from ...model.index import SurveyIndex
from ...records.schema import (
    Directions,
    Finding,
    Paper,
    SurveyMeta,
    Taxonomy,
    TrainingMethods,
    Vocabulary,
)


class SurveyExport(BaseModel):
    """The whole survey in one JSON document: every record, keyed by id."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    survey: SurveyMeta
    """The living survey's metadata."""
    taxonomy: Taxonomy
    """Dimensions, topics and research questions."""
    vocabularies: dict[str, Vocabulary]
    """Controlled vocabularies by id."""
    papers: dict[str, Paper]
    """Paper records by id."""
    findings: dict[str, Finding]
    """Finding records by id."""
    training_methods: TrainingMethods | None = None
    """Training methods, grouped."""
    directions: Directions | None = None
    """Open research directions."""


def to_survey_json(index: SurveyIndex) -> str:
    groups = index.training_method_groups
    training = TrainingMethods(groups=groups) if groups else None
    directions = Directions(directions=index.directions) if index.directions else None
    export = SurveyExport(
        survey=index.meta.record,
        taxonomy=index.taxonomy.record,
        vocabularies={k: v.record for k, v in sorted(index.vocabularies.items())},
        papers={k: v.record for k, v in sorted(index.papers.items())},
        findings={k: v.record for k, v in sorted(index.findings.items())},
        training_methods=training,
        directions=directions,
    )
    return export.model_dump_json(indent=2, exclude_none=True) + "\n"


def survey_json_schema() -> str:
    schema = SurveyExport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Living survey export"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
