"""The registry of download formats: each is declared here, once.

A format has a name, the file it is published as, and a writer. The renderer
writes every format listed here; the bibliography page links each by name.
Adding a format means adding its writer module, one entry here, a link in the
bibliography template, and its tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...model.index import SurveyIndex
from ...records.loading import Sourced
from ...records.schema import Paper
from .bibtex import to_bibtex
from .csl_json import to_csl_json
from .ris import to_ris
from .survey_json import survey_json_schema, to_survey_json

Writer = Callable[[SurveyIndex, Sequence[Sourced[Paper]]], str]
"""Writes a whole download from the index and the papers in bibliography order."""


@dataclass(frozen=True)
class ExportFormat:
    """One download of the whole survey."""

    name: str
    """Short name templates use, e.g. 'bibtex'."""
    uri: str
    """Where the file is published, relative to the site root."""
    write: Writer


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("bibtex", "bibliography/survey.bib", lambda index, papers: to_bibtex(papers)),
    ExportFormat("csl", "bibliography/survey.csl.json", lambda index, papers: to_csl_json(papers)),
    ExportFormat("ris", "bibliography/survey.ris", lambda index, papers: to_ris(papers)),
    ExportFormat("json", "bibliography/survey.json", lambda index, papers: to_survey_json(index)),
    ExportFormat(
        "schema", "bibliography/survey.schema.json", lambda index, papers: survey_json_schema()
    ),
)

DOWNLOADS: dict[str, str] = {export.name: export.uri for export in FORMATS}
"""Published file of each format, by name."""
