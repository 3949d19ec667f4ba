"""CITATION.cff and .zenodo.json: how to cite the living survey, for GitHub and for an archive.

Both are written from survey.yaml (title, editors, licence, edition, address) and the record
of the survey it keeps alive, so they never disagree with the site's "cite this page".
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from ..model.index import SurveyIndex
from ..records.schema import Author


def _origin_identifier(index: SurveyIndex) -> str | None:
    origin = index.papers.get(index.meta.record.origin)
    if origin is None:
        return None
    if origin.record.doi:
        return f"https://doi.org/{origin.record.doi}"
    if origin.record.arxiv:
        return f"https://arxiv.org/abs/{origin.record.arxiv}"
    return None


def _cff_person(author: Author) -> dict[str, str]:
    if author.name:
        return {"name": author.name}
    person = {"family-names": author.family or ""}
    if author.given:
        person["given-names"] = author.given
    return person


def citation_cff(index: SurveyIndex, *, site_url: str, repository_url: str | None) -> str:
    """The Citation File Format (1.2.0) description of this edition of the living survey."""
    meta = index.meta.record
    data: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this living survey, please cite it as below.",
        "type": "dataset",
        "title": meta.title,
        "abstract": meta.description,
        "authors": [{"name": editor.name} for editor in meta.editors],
        "version": meta.version,
        "date-released": meta.started.isoformat(),
        "license": meta.licence,
        "url": site_url,
    }
    if repository_url:
        data["repository-code"] = repository_url
    origin = _origin_identifier(index)
    if origin:
        paper = index.papers[meta.origin].record
        data["references"] = [
            {
                "type": "article",
                "title": paper.title,
                "authors": [_cff_person(author) for author in paper.authors],
                "year": paper.year,
                "url": origin,
            }
        ]
    return (
        "# Written by 'livesurvey citation-files' from survey_data/survey.yaml.\n"
        + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    )


def zenodo_json(index: SurveyIndex, *, site_url: str) -> str:
    """What an archive (Zenodo) needs to mint a DOI for this edition."""
    meta = index.meta.record
    data: dict[str, Any] = {
        "title": f"{meta.title} (edition {meta.version})",
        "description": meta.description,
        "upload_type": "dataset",
        "version": meta.version,
        "license": meta.licence.lower(),
        "creators": [{"name": editor.name} for editor in meta.editors],
        "related_identifiers": [{"identifier": site_url, "relation": "isSupplementedBy"}],
    }
    origin = _origin_identifier(index)
    if origin:
        data["related_identifiers"].append({"identifier": origin, "relation": "isDerivedFrom"})
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
