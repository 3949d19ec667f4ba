"""A survey diff as Markdown for a pull-request comment: what a reviewer needs to read."""

from __future__ import annotations

from ..core.text import escape_markdown, inline_code
from ..model.differences import SurveyDiff
from ..model.index import SurveyIndex

_ORDER = ["papers", "findings", "topics", "questions", "dimensions", "comparisons"]


def _title(index: SurveyIndex, namespace: str, item_id: str) -> str:
    if namespace == "papers" and item_id in index.papers:
        return index.papers[item_id].record.title
    if namespace == "findings" and item_id in index.findings:
        return index.findings[item_id].record.title
    defined = index.defined.get(namespace, {}).get(item_id)
    value = defined.definition.value if defined else None
    return str(getattr(value, "title", "") or getattr(value, "name", "") or "")


def _namespaces(names: set[str]) -> list[str]:
    return [n for n in _ORDER if n in names] + sorted(names - set(_ORDER))


def render_diff(diff: SurveyDiff, before: SurveyIndex, after: SurveyIndex) -> str:
    """Markdown listing every change, most telling first; record text is escaped."""
    if diff.empty:
        return "## Survey changes\n\nNo change to the survey's records.\n"
    lines = ["## Survey changes", ""]
    for namespace in _namespaces(set(diff.added)):
        ids = diff.added[namespace]
        lines.append(f"**Added {namespace}** ({len(ids)})")
        lines.append("")
        for item_id in ids:
            title = escape_markdown(_title(after, namespace, item_id))
            lines.append(
                f"- {inline_code(item_id)}: {title}" if title else f"- {inline_code(item_id)}"
            )
        lines.append("")
    if diff.findings:
        lines += ["**What findings now say**", ""]
        for change in diff.findings:
            parts = change.in_words(paper=inline_code, new=lambda value: f"**{value}**")
            title = escape_markdown(change.title)
            lines.append(f"- {inline_code(change.finding_id)} ({title}): " + "; ".join(parts))
        lines.append("")
    if diff.moves:
        lines += ["**Moved in the taxonomy**", ""]
        for move in diff.moves:
            lines.append(
                f"- {move.kind} {inline_code(move.item_id)}: "
                f"{inline_code(move.before)} → {inline_code(move.after)}"
            )
        lines.append("")
    if diff.changed:
        lines += ["**Records edited**", ""]
        for record in diff.changed:
            fields = ", ".join(inline_code(name) for name in record.fields)
            lines.append(f"- {record.kind}/{inline_code(record.record_id)}: {fields}")
        lines.append("")
    for namespace in _namespaces(set(diff.removed)):
        ids = diff.removed[namespace]
        lines.append(f"**Removed {namespace}** ({len(ids)}): " + ", ".join(map(inline_code, ids)))
        lines.append("")
    return "\n".join(lines)
