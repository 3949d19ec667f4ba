"""Find every reference in a validated record: the fields typed as ids of other records.

The schema marks such fields with :class:`~livesurvey.records.schema.Reference`
(e.g. ``PaperRef``); this module walks a record and yields each reference with the
path of its value, so that the linker can check all of them the same way.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel

from .schema import Reference
from .yaml_source import PathKey


class FoundReference(NamedTuple):
    """One id written in a record, where it was written, and what it must name."""

    key: PathKey
    value: str
    reference: Reference


def iter_references(record: BaseModel, key: PathKey = ()) -> Iterator[FoundReference]:
    """Every reference inside ``record`` (and its nested records), in field order."""
    found: list[FoundReference] = []
    _collect(record, key, found)
    return iter(found)


def _collect(record: BaseModel, key: PathKey, found: list[FoundReference]) -> None:
    for name, marker in _field_markers(type(record)):
        _collect_value(getattr(record, name), (*key, name), marker, found)


def _collect_value(
    value: Any, key: PathKey, marker: Reference | None, found: list[FoundReference]
) -> None:
    if isinstance(value, str):
        if marker is not None:
            found.append(FoundReference(key, value, marker))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            _collect_value(item, (*key, position), marker, found)
    elif isinstance(value, BaseModel):
        _collect(value, key, found)


@cache
def _field_markers(model: type[BaseModel]) -> tuple[tuple[str, Reference | None], ...]:
    """Each field of ``model`` that can hold a reference (its type is a reference or holds a
    record that can), with the reference marker of its type, worked out once."""
    fields = (
        (name, _marker(info.metadata) or _marker_of(info.annotation), info.annotation)
        for name, info in model.model_fields.items()
    )
    return tuple(
        (name, marker)
        for name, marker, annotation in fields
        if marker or any(_field_markers(held) for held in _models_in(annotation))
    )


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The records a value of this type can contain (``list[Evidence]``, ``Link | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _models_in(argument)


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
