"""Write records as YAML in one canonical, readable form (field order of the schema)."""

from __future__ import annotations

from typing import Any

import yaml

from .schema import Paper

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
