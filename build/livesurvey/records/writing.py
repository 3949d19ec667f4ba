"""Write records as YAML in one canonical, readable form (field order of the schema).

Importers check what they would write with :func:`validation_problems` before writing
anything, and complete an existing record with :func:`append_fields`, which keeps every
line (and comment) a curator wrote.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import BaseModel

from ..core.problems import Problem, ProblemLog
from .schema import Paper
from .validation import validate_document
from .yaml_source import load_yaml

PAPER_FIELD_ORDER = list(Paper.model_fields)


class _Dumper(yaml.SafeDumper):
    """Block style, Unicode kept, no line wrapping, no aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump_record(fields: dict[str, Any], order: list[str]) -> str:
    """YAML text for a record, fields in ``order`` then any others alphabetically."""
    ordered = {name: fields[name] for name in order if name in fields}
    ordered.update({name: fields[name] for name in sorted(fields) if name not in ordered})
    return yaml.dump(
        ordered,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
        default_flow_style=False,
    )


def append_fields(text: str, fields: dict[str, Any], order: list[str]) -> str:
    """``text`` (a record) with ``fields`` added at its end, leaving every existing line as is."""
    if not fields:
        return text
    head = text if text.endswith("\n") or not text else text + "\n"
    return head + dump_record(fields, order)


def validation_problems(text: str, relative: str, model: type[BaseModel]) -> list[Problem]:
    """What ``check`` would say about ``text`` as the record file ``relative``."""
    log = ProblemLog()
    document = load_yaml(text, relative, log)
    if document is not None:
        validate_document(document, model, log)
    return log.sorted()
