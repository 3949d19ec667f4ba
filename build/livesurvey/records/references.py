"""Find every reference in a validated record: the fields typed as ids of other records.

The schema marks such fields with :class:`~livesurvey.records.schema.Reference`
(e.g. ``PaperRef``); this module walks a record and yields each reference with the
path of its value, so that the linker can check all of them the same way.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from .schema import Reference
from .yaml_source import PathKey


@dataclass(frozen=True)
class FoundReference:
    """One id written in a record, where it was written, and what it must name."""

    key: PathKey
    value: str
    reference: Reference


def iter_references(record: BaseModel, key: PathKey = ()) -> Iterator[FoundReference]:
    """Every reference inside ``record`` (and its nested records), in field order."""
    for name, marker in _field_markers(type(record)):
        yield from _walk(getattr(record, name), (*key, name), marker)


@cache
def _field_markers(model: type[BaseModel]) -> tuple[tuple[str, Reference | None], ...]:
    """Each field of ``model`` that can hold a reference (its type is a reference or holds a
    record), with the reference marker of its type, worked out once."""
    fields = (
        (name, _marker(info.metadata) or _marker_of(info.annotation), info.annotation)
        for name, info in model.model_fields.items()
    )
    return tuple(
        (name, marker) for name, marker, annotation in fields if marker or _holds_model(annotation)
    )


def _holds_model(annotation: Any) -> bool:
    """Whether a value of this type can contain a record (``list[Evidence]``, ``Link | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(argument) for argument in typing.get_args(annotation))


def _walk(value: Any, key: PathKey, marker: Reference | None) -> Iterator[FoundReference]:
    if isinstance(value, BaseModel):
        yield from iter_references(value, key)
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from _walk(item, (*key, position), marker)
    elif isinstance(value, str) and marker is not None:
        yield FoundReference(key, value, marker)


def _marker(metadata: typing.Iterable[Any]) -> Reference | None:
    return next((m for m in metadata if isinstance(m, Reference)), None)


def _marker_of(annotation: Any) -> Reference | None:
    """The marker inside an annotation such as ``list[PaperRef]`` or ``PaperRef | None``."""
    if typing.get_origin(annotation) is typing.Annotated:
        found = _marker(typing.get_args(annotation)[1:])
        if found:
            return found
    for argument in typing.get_args(annotation):
        found = _marker_of(argument)
        if found:
            return found
    return None
