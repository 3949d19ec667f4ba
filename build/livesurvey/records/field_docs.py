"""Plain-language descriptions of every field of every record kind, read from the schema.

A contributor who is not a programmer needs, for each field: what it means, what to write
(in words, not Python types), whether it is required, and which values are allowed. The
contributor reference pages are built from these descriptions, so they never drift from
what ``check`` accepts.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from annotated_types import Ge, Le, MaxLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import identifiers
from .schema import Reference

_FORMS = {
    identifiers.check_slug: "an id (lowercase letters a-z, digits and single hyphens)",
    identifiers.check_url: "a link (http:// or https://)",
    identifiers.check_arxiv: "an arXiv id, quoted, e.g. '2504.13837'",
    identifiers.check_doi: "a DOI, e.g. 10.1234/abc",
    identifiers.check_citation_key: "a citation key (letters, digits and _ : . + -)",
    identifiers.check_bibtex_field: "a BibTeX field name",
    identifiers.check_citation_style: "a citation style name, e.g. apa",
    identifiers.check_not_future: "a date, YYYY-MM-DD, not in the future",
}


@dataclass(frozen=True)
class FieldDoc:
    """One field as the contributor reference shows it."""

    name: str
    what: str
    """What to write, in words."""
    required: bool
    default: str
    """The value used when the field is left out ('' when required or empty)."""
    allowed: list[str]
    """The allowed values of a field with a fixed list of choices."""
    description: str
    nested: type[BaseModel] | None
    """A nested record kind (e.g. Author) documented in its own table."""


def describe_model(model: type[BaseModel]) -> list[FieldDoc]:
    """Every field of ``model``, in the order of the schema."""
    return [_describe(name, info) for name, info in model.model_fields.items()]


def nested_models(model: type[BaseModel]) -> list[type[BaseModel]]:
    """Every record class nested in ``model`` (its authors, evidence, topics, ...), once."""
    found: list[type[BaseModel]] = []
    pending = [model]
    while pending:
        for doc in describe_model(pending.pop(0)):
            if doc.nested is not None and doc.nested not in found and doc.nested is not model:
                found.append(doc.nested)
                pending.append(doc.nested)
    return found


def _describe(name: str, info: FieldInfo) -> FieldDoc:
    annotation = info.annotation
    what, allowed, nested = _words(annotation, list(info.metadata))
    default = ""
    if not info.is_required():
        value = info.get_default(call_default_factory=True)
        if value not in (None, [], {}, ""):
            default = (
                value.value
                if isinstance(value, Enum)
                else str(value).lower()
                if isinstance(value, bool)
                else str(value)
            )
    return FieldDoc(
        name=name,
        what=what,
        required=info.is_required(),
        default=default,
        allowed=allowed,
        description=re.sub(r"``([^`]+)``", r"'\1'", " ".join((info.description or "").split())),
        nested=nested,
    )


def _words(annotation: Any, metadata: list[Any]) -> tuple[str, list[str], type[BaseModel] | None]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return _words(base, [*metadata, *extra])
    arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType) and len(arguments) == 1:
        return _words(arguments[0], metadata)
    if origin is list:
        inner, allowed, nested = _words(arguments[0], [])
        return f"a list, each item {inner}", allowed, nested
    if origin is dict:
        inner, allowed, nested = _words(arguments[1], [])
        return f"a mapping of names, each to {inner}", allowed, nested
    reference = next((m for m in metadata if isinstance(m, Reference)), None)
    if reference is not None:
        return f"the id of a {reference.noun} (see {reference.where})", [], None
    for item in metadata:
        form = _FORMS.get(getattr(item, "func", None))  # type: ignore[arg-type]
        if form:
            return form, [], None
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of the allowed values", [str(m.value) for m in annotation], None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        article = "an" if annotation.__name__[0] in "AEIOU" else "a"
        return f"{article} {annotation.__name__} entry (see below)", [], annotation
    limit = next((m.max_length for m in metadata if isinstance(m, MaxLen)), None)
    limit = limit or next(
        (getattr(m, "max_length", None) for m in metadata if getattr(m, "max_length", None)), None
    )
    low = next((m.ge for m in metadata if isinstance(m, Ge)), None)
    high = next((m.le for m in metadata if isinstance(m, Le)), None)
    number = "a whole number" + (f" from {low} to {high}" if low is not None and high else "")
    if low is not None and not high:
        number += f", at least {low}"
    simple = {
        str: "text" + (f" (at most {limit} characters)" if limit else ""),
        int: number,
        bool: "true or false",
        dt.date: "a date, YYYY-MM-DD",
    }
    return simple.get(annotation, "a value"), [], None
