"""Turn parsed YAML documents into typed records, reporting every problem with its place."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..core.problems import ProblemLog
from ..core.suggestions import closest, did_you_mean
from .yaml_source import PathKey, SourceDocument

Model = TypeVar("Model", bound=BaseModel)

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "date_type": "a date written as YYYY-MM-DD (without quotes)",
    "date_from_datetime_inexact": "a date written as YYYY-MM-DD",
}


def validate_document(
    document: SourceDocument,
    model: type[Model],
    log: ProblemLog,
    *,
    root: PathKey = (),
) -> Model | None:
    """Validate ``document.data`` (or the part at ``root``) against ``model``.

    Every problem goes to ``log``; returns ``None`` if any was found.
    """
    data = document.data
    for part in root:
        data = data[part]
    if not isinstance(data, dict):
        log.add(
            document.at(root),
            f"expected a mapping of fields ({_field_list(model)}), got {_describe(data)}",
            code="wrong-type",
        )
        return None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        details = [
            d
            for d in error.errors(include_url=False)
            if (*root, *d["loc"]) not in document.reported  # the reader said it already
        ]
        misspelt = _misspelt_fields(model, details, root)
        for detail in details:
            loc: PathKey = (*root, *detail["loc"])
            if detail["type"] == "missing" and loc in misspelt:
                continue  # "unknown field 'titel'; did you mean 'title'?" says it already
            _report(document, model, detail, log, root)
        return None


def _misspelt_fields(
    model: type[BaseModel], details: list[ErrorDetails], root: PathKey
) -> set[PathKey]:
    """Paths of missing fields that an unknown field in the same place is a typo of."""
    meant: set[PathKey] = set()
    for detail in details:
        if detail["type"] != "extra_forbidden":
            continue
        owner = _model_at(model, detail["loc"][:-1])
        hint = closest(str(detail["loc"][-1]), list(owner.model_fields) if owner else [])
        if hint:
            meant.add((*root, *detail["loc"][:-1], hint))
    return meant


def _report(
    document: SourceDocument,
    model: type[BaseModel],
    detail: ErrorDetails,
    log: ProblemLog,
    root: PathKey,
) -> None:
    loc: PathKey = (*root, *detail["loc"])
    field = _dotted(detail["loc"])
    kind = detail["type"]
    value = detail.get("input")
    if kind == "extra_forbidden":
        name = str(detail["loc"][-1])
        owner = _model_at(model, detail["loc"][:-1])
        valid = list(owner.model_fields) if owner else []
        hint = did_you_mean(name, valid, f"valid fields: {', '.join(valid)}")
        log.add(document.key_at(loc), f"unknown field '{name}'; {hint}", code="unknown-field")
    elif kind == "missing":
        parent = loc[:-1]
        log.add(
            document.at(parent),
            f"missing required field '{field}'",
            code="missing-field",
        )
    elif kind in _TYPE_WORDS:
        raw = document.raw_scalars.get(loc)
        quote = (
            f"; write it in quotes to keep it as text: '{raw}'"
            if (kind == "string_type" and raw is not None)
            else ""
        )
        log.add(
            document.at(loc),
            f"field '{field}' should be {_TYPE_WORDS[kind]}, got {_describe(value)}{quote}",
            code="wrong-type",
        )
    elif kind == "enum":
        expected = detail.get("ctx", {}).get("expected", "")
        options = re.findall(r"'([^']*)'", expected)
        suggestion = closest(str(value), options) if isinstance(value, str) else None
        tail = f"; did you mean '{suggestion}'?" if suggestion else ""
        log.add(
            document.at(loc),
            f"field '{field}' has {_describe(value)}; expected one of {expected}{tail}",
            code="bad-value",
        )
    elif kind == "string_too_long":
        limit = detail.get("ctx", {}).get("max_length")
        log.add(
            document.at(loc),
            f"field '{field}' is {len(str(value))} characters long; at most {limit} are "
            "allowed: shorten it",
            code="too-long",
        )
    elif kind == "value_error":
        message = str(detail.get("ctx", {}).get("error", detail["msg"]))
        log.add(document.at(loc), f"field '{field}': {message}", code="bad-value")
    else:
        message = detail["msg"]
        log.add(
            document.at(loc),
            f"field '{field}': {message[0].lower()}{message[1:]} (got {_describe(value)})",
            code="bad-value",
        )


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the field at ``loc`` (walking lists and nested models)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if _is_model(current) else None


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if _is_model(found):
            return found
    return annotation


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(record)"


def _field_list(model: type[BaseModel]) -> str:
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    return "required: " + ", ".join(required) if required else "all optional"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"'{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
