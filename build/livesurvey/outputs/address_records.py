"""Writing anchors.yaml: its canonical text, and the 'gone' entry of an id that goes.

The file is rewritten whole by ``livesurvey anchors record`` and ``anchors gone``, in one
sorted, block-style form, so that a pull request that adds a paper adds a few lines.
"""

from __future__ import annotations

import datetime as dt

from ..model.index import SurveyIndex
from ..model.labels import author_list
from ..records.schema import AnchorRegistry, Fate, GoneId
from ..records.writing import dump_record
from .addresses import page_id_kinds

HEADER = """\
# Every address the site has published; 'livesurvey anchors record' adds new ones and never
# removes any. pages: ids with a page of their own (/papers/<id>/, /methods/<id>/, ...).
# anchors: in-page anchors with the id of the page they are on (questions and findings on
# /topics/<topic>/, topics on /dimensions/<dimension>/, bibliography keys with their paper).
# moved: anchors that moved to another page, with the page they were on.
# gone: ids no longer published and what became of them (renamed or merged: the old address
# redirects to 'to'; retired: it shows a tombstone). 'livesurvey check' fails on an id recorded
# here that the records no longer publish and that 'gone' does not explain.
"""


def registry_text(registry: AnchorRegistry) -> str:
    """The canonical text of anchors.yaml."""
    fields = registry.model_dump(mode="json", exclude_none=True)
    for entry, gone in zip(fields["gone"], registry.gone, strict=True):
        entry["date"] = gone.date  # written as a YAML date, as the schema reads it
    return HEADER + dump_record(fields, list(AnchorRegistry.model_fields))


def last_known(index: SurveyIndex, kind: str, item: str) -> tuple[str, str | None] | None:
    """The title of ``item`` and its last claim (a finding) or citation (a paper), if the
    index has it; ``None`` if it does not."""
    if kind == "papers" and item in index.papers:
        paper = index.papers[item].record
        venue = f" {paper.venue}." if paper.venue else ""
        authors = f"{author_list(paper)} " if paper.authors else ""
        return paper.title, f"{authors}({paper.year}). {paper.title}.{venue}"
    if kind == "findings" and item in index.findings:
        finding = index.findings[item].record
        return finding.title, finding.claim
    kinds = page_id_kinds(index)
    namespace = kinds[kind].namespace if kind in kinds else kind
    defined = index.defined.get(namespace, {}).get(item)
    if defined is None:
        return None
    value = defined.definition.value
    title = getattr(value, "title", None) or getattr(value, "name", None) or item
    summary = getattr(value, "summary", None)
    return str(title), summary if isinstance(summary, str) else None


def with_gone(
    registry: AnchorRegistry,
    *,
    kind: str,
    item: str,
    fate: Fate,
    to: str | None,
    title: str,
    reason: str,
    date: dt.date,
    last: str | None,
) -> AnchorRegistry:
    """``registry`` with one more entry under gone: (replacing an earlier one for the id)."""
    entry = GoneId(
        kind=kind, id=item, fate=fate, to=to, title=title, reason=reason, date=date, last=last
    )
    kept = [g for g in registry.gone if (g.kind, g.id) != (kind, item)]
    return registry.model_copy(update={"gone": [*kept, entry]})
