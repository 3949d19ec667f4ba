"""Addresses that never break: what the site publishes, and what became of what it no longer does.

The site publishes two sorts of address, both computed here from the page registry
(:mod:`livesurvey.outputs.page_kinds`) and the linked index, never from HTML:

- *pages*: one per id of a kind with pages of its own (``/papers/<id>/``, ``/methods/<id>/``);
- *in-page anchors*: questions and findings on their topic's page, topics on their dimension's
  page, and bibliography entries (``/bibliography/#<key>``).

``survey_data/anchors.yaml`` (:class:`~livesurvey.records.schema.AnchorRegistry`) records every
address ever published. :func:`address_plan` compares the two: an id recorded but no longer
published must be explained under ``gone:`` (an error otherwise, so that ``check`` fails);
an id published but not recorded is only a notice (:func:`unrecorded`), recorded by
``livesurvey anchors record`` (:func:`recorded_registry`). The plan says which old addresses
redirect, which show a tombstone, and which in-page anchors send readers on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.problems import Problem
from ..model.citation_keys import citation_key
from ..model.index import SurveyIndex
from ..records.kinds import ANCHORS
from ..records.loading import Sourced
from ..records.schema import AnchorRegistry, Fate, GoneId
from ..records.schema import MovedAnchor as MovedRecord
from ..records.yaml_source import PathKey
from .page_kinds import BIBLIOGRAPHY, DIMENSION, RECORD_PAGES, TERM, TOPIC
from .uris import site_path

REGISTRY_FILE = ANCHORS.path
RECORD_COMMAND = "livesurvey anchors record"

PAGE_NOUNS = {
    "dimensions": "dimension",
    "topics": "topic",
    "findings": "finding",
    "papers": "paper",
    "comparisons": "comparison",
    "training-methods": "training method",
    "directions": "direction",
}
"""How messages and tombstones name one id of each kind with pages (terms: 'term')."""


@dataclass(frozen=True)
class PageIds:
    """A kind of id that has a page of its own."""

    name: str
    """Its key under ``pages:``, e.g. 'papers', or a vocabulary's id, e.g. 'methods'."""
    noun: str
    namespace: str
    """Where the index defines its ids, e.g. 'papers' or 'vocab/methods'."""
    uri: Callable[[str], str]
    """The page of one id, e.g. 'papers/x.md'."""
    index_uri: str
    """The page listing every id of the kind, e.g. 'papers/index.md'."""


def page_id_kinds(index: SurveyIndex) -> dict[str, PageIds]:
    """Every kind of id with a page: the record pages of the registry, then each vocabulary."""
    kinds = {
        name: PageIds(
            name,
            PAGE_NOUNS.get(name, name),
            name,
            kind.uri,
            kind.pattern.replace("{id}", "index").replace("/index/index.md", "/index.md"),
        )
        for name, kind in RECORD_PAGES.items()
    }
    for vocabulary in sorted(index.vocabularies):
        kinds[vocabulary] = PageIds(
            vocabulary,
            "term",
            f"vocab/{vocabulary}",
            _term_uri(vocabulary),
            f"{vocabulary}/index.md",
        )
    return kinds


def _term_uri(vocabulary: str) -> Callable[[str], str]:
    return lambda term: TERM.uri(term, vocabulary=vocabulary)


@dataclass(frozen=True)
class AnchorKind:
    """A kind of in-page anchor: which page it is on, and whose fate decides its own."""

    name: str
    """Its key under ``anchors:``."""
    noun: str
    places: Callable[[SurveyIndex], dict[str, str]]
    """Every anchor published now, with the id recorded beside it (its page's id, or for a
    bibliography entry the paper it cites)."""
    page: Callable[[str], str]
    """The page an anchor is on, given the id recorded beside it."""
    owner: str | None = None
    """The kind of page whose id decides the anchor's fate ('findings' for a finding's
    anchor on its topic page); ``None`` for anchors that are ids of their own (questions)."""
    owner_is_beside: bool = False
    """The owner's id is the one recorded beside the anchor (a bibliography key's paper)."""

    def owner_id(self, anchor: str, beside: str) -> str:
        return beside if self.owner_is_beside else anchor

    def anchor_of(self, index: SurveyIndex, owner_id: str) -> str:
        """The anchor of a (current) owner id: its citation key for a paper, else the id."""
        return citation_key(index.papers[owner_id]) if self.owner_is_beside else owner_id


def _questions(index: SurveyIndex) -> dict[str, str]:
    return {question: place.topic.id for question, place in index.questions.items()}


def _findings(index: SurveyIndex) -> dict[str, str]:
    return {
        finding_id: index.questions[finding.record.question].topic.id
        for finding_id, finding in index.findings.items()
        if finding.record.question in index.questions  # else linking reports it
    }


def _topics(index: SurveyIndex) -> dict[str, str]:
    return {topic_id: dimension.id for topic_id, (_, dimension) in index.topics.items()}


def _bibliography(index: SurveyIndex) -> dict[str, str]:
    return {citation_key(paper): paper_id for paper_id, paper in index.papers.items()}


ANCHOR_KINDS: tuple[AnchorKind, ...] = (
    AnchorKind("questions", "question", _questions, TOPIC.uri),
    AnchorKind("findings", "finding", _findings, TOPIC.uri, owner="findings"),
    AnchorKind("topics", "topic", _topics, DIMENSION.uri, owner="topics"),
    AnchorKind(
        "bibliography",
        "bibliography entry",
        _bibliography,
        lambda _: BIBLIOGRAPHY.uri(),
        owner="papers",
        owner_is_beside=True,
    ),
)
"""Every kind of in-page anchor the registry records."""
ANCHORS_BY_NAME = {kind.name: kind for kind in ANCHOR_KINDS}


@dataclass(frozen=True)
class Published:
    """Every address the records publish now."""

    pages: dict[str, list[str]]
    """Ids with a page, by kind, sorted."""
    anchors: dict[str, dict[str, str]]
    """In-page anchors by kind, each with the id recorded beside it."""


def published(index: SurveyIndex) -> Published:
    """What the site publishes, from the page registry and the index."""
    pages = {
        name: sorted(index.defined.get(kind.namespace, {}))
        for name, kind in page_id_kinds(index).items()
    }
    anchors = {kind.name: dict(sorted(kind.places(index).items())) for kind in ANCHOR_KINDS}
    return Published(pages, anchors)


def registry_of(index: SurveyIndex) -> Sourced[AnchorRegistry] | None:
    """The survey's anchors.yaml, if it has one."""
    return next(iter(index.files.get(ANCHORS.name, {}).values()), None)


# --- the plan: redirects, tombstones, anchors that send readers on -------------------------


@dataclass(frozen=True)
class Redirect:
    """An old page address that leads to a successor's page (renamed or merged)."""

    uri: str
    """The old page, e.g. 'papers/old.md'; the redirect is published at its address."""
    target: str
    """The page it leads to (a current page, or the tombstone where a chain ends)."""
    entry: GoneId


@dataclass(frozen=True)
class Tombstone:
    """An old page address that now says what was there and why it went."""

    uri: str
    entry: GoneId
    noun: str
    """What it was, e.g. 'paper'."""
    instead: str | None
    """A page to go to instead (the entry's ``to``), if any."""
    index_uri: str
    """The page listing every id of its kind."""


@dataclass(frozen=True)
class MovedAnchor:
    """An anchor no longer on its old page: the old page sends readers on, or says why not."""

    page: str
    """The page the anchor was on, e.g. 'topics/old-topic.md'."""
    anchor: str
    noun: str
    target: str | None
    """Where it leads now: a page, with ``fragment``; ``None`` for a retired question."""
    fragment: str | None = None
    retired: GoneId | None = None
    """The entry of the retired id it stood for, if it was retired (its tombstone is the
    target, or, for a question, the note itself)."""


@dataclass
class AddressPlan:
    """What the old addresses recorded in anchors.yaml show now, and what is wrong."""

    redirects: list[Redirect] = field(default_factory=list)
    tombstones: list[Tombstone] = field(default_factory=list)
    moved: list[MovedAnchor] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def address_plan(index: SurveyIndex) -> AddressPlan:
    """Compare anchors.yaml with what the records publish (empty without anchors.yaml)."""
    registry = registry_of(index)
    if registry is None:
        return AddressPlan()
    return _Planner(index, registry).plan()


class _Planner:
    def __init__(self, index: SurveyIndex, registry: Sourced[AnchorRegistry]) -> None:
        self.index = index
        self.record = registry.record
        self.document = registry.document
        self.kinds = page_id_kinds(index)
        self.now = published(index)
        self.current = {name: set(ids) for name, ids in self.now.pages.items()}
        self.result = AddressPlan()
        self.gone: dict[tuple[str, str], tuple[int, GoneId]] = {}

    def error(self, key: PathKey, message: str, *, on_key: bool = False) -> None:
        location = self.document.key_at(key) if on_key else self.document.at(key)
        self.result.problems.append(Problem(location, message, code="broken-address"))

    def plan(self) -> AddressPlan:
        self._read_gone()
        for name, ids in self.record.pages.items():
            if name not in self.kinds:
                self._unknown_kind(("pages", name), name, self.kinds)
                continue
            for position, item in enumerate(ids):
                if item not in self.current[name] and (name, item) not in self.gone:
                    self._removed(("pages", name, position), self.kinds[name], item)
        for name, anchors in self.record.anchors.items():
            kind = ANCHORS_BY_NAME.get(name)
            if kind is None:
                self._unknown_kind(("anchors", name), name, ANCHORS_BY_NAME)
                continue
            for anchor, beside in anchors.items():
                self._anchor(kind, anchor, beside, ("anchors", name, anchor))
        for position, moved in enumerate(self.record.moved):
            kind = ANCHORS_BY_NAME.get(moved.kind)
            if kind is None:
                self._unknown_kind(("moved", position, "kind"), moved.kind, ANCHORS_BY_NAME)
            elif moved.id in self.now.anchors[kind.name]:
                self._anchor(kind, moved.id, moved.was_on, ("moved", position))
        self._settle_gone()
        return self.result

    # -- gone ids ---------------------------------------------------------------------------

    def _read_gone(self) -> None:
        for position, entry in enumerate(self.record.gone):
            where: PathKey = ("gone", position)
            kinds = {**self.kinds, **{k.name: k for k in ANCHOR_KINDS if k.owner is None}}
            if entry.kind not in kinds:
                self._unknown_kind((*where, "kind"), entry.kind, kinds)
            elif (entry.kind, entry.id) in self.gone:
                earlier = self.gone[(entry.kind, entry.id)][0]
                self.error(
                    where,
                    f"'{entry.id}' is listed under gone: twice (see entry "
                    f"{earlier + 1}); keep one entry",
                )
            else:
                self.gone[(entry.kind, entry.id)] = (position, entry)

    def _settle_gone(self) -> None:
        for (kind_name, item), (position, entry) in self.gone.items():
            where: PathKey = ("gone", position)
            if self._is_published(kind_name, item):
                self.error(
                    (*where, "id"),
                    f"'{item}' is listed under gone: but the records still publish it; delete "
                    "or rename its record, or remove this entry",
                )
                continue
            if entry.fate is not Fate.RETIRED and entry.to is None:
                self.error(
                    (*where, "fate"),
                    f"'{item}' was {entry.fate.value} but names no successor; add 'to:' with "
                    f"the id it became, or use fate: retired",
                )
                continue
            if entry.fate is not Fate.RETIRED and self._circles(kind_name, item):
                self.error(
                    (*where, "to"),
                    f"'{item}' leads back to itself through gone:; name a published id under 'to:'",
                )
                continue
            final = self._final(kind_name, entry.to) if entry.to is not None else None
            retired_to = entry.fate is Fate.RETIRED and final is not None and final[1] is not None
            if entry.to is not None and (final is None or retired_to):
                self.error(
                    (*where, "to"),
                    f"'{entry.to}' is not a {self._noun(kind_name)} the site publishes, nor one "
                    f"recorded as gone with a successor; name a published {self._noun(kind_name)}",
                )
                continue
            self._plan_gone(kind_name, item, entry)

    def _plan_gone(self, kind_name: str, item: str, entry: GoneId) -> None:
        kind = self.kinds.get(kind_name)
        if kind is None:  # a question: its anchor is planned with the anchors
            return
        if entry.fate is Fate.RETIRED:
            instead = kind.uri(self._final_id(kind_name, entry.to)) if entry.to else None
            self.result.tombstones.append(
                Tombstone(kind.uri(item), entry, kind.noun, instead, kind.index_uri)
            )
        else:
            self.result.redirects.append(
                Redirect(kind.uri(item), kind.uri(self._final_id(kind_name, item)), entry)
            )

    def _is_published(self, kind_name: str, item: str) -> bool:
        if kind_name in self.current:
            return item in self.current[kind_name]
        return item in self.now.anchors.get(kind_name, {})

    def _final(self, kind_name: str, item: str) -> tuple[str, GoneId | None] | None:
        """Where ``item`` leads: a published id (with ``None``), or a retired id and its entry;
        ``None`` when it leads nowhere (an unknown id, or a loop)."""
        seen: set[str] = set()
        while item not in seen:
            if self._is_published(kind_name, item):
                return item, None
            gone = self.gone.get((kind_name, item))
            if gone is None:
                return None
            entry = gone[1]
            if entry.fate is Fate.RETIRED:
                return item, entry
            if entry.to is None:
                return None
            seen.add(item)
            item = entry.to
        return None

    def _circles(self, kind_name: str, item: str) -> bool:
        """Whether following 'to:' from ``item`` comes back to an id already passed."""
        seen: set[str] = set()
        while item not in seen:
            gone = self.gone.get((kind_name, item))
            if gone is None or gone[1].fate is Fate.RETIRED or gone[1].to is None:
                return False
            seen.add(item)
            item = gone[1].to
        return True

    def _final_id(self, kind_name: str, item: str) -> str:
        final = self._final(kind_name, item)
        assert final is not None  # checked in _settle_gone
        return final[0]

    # -- ids recorded but no longer published -------------------------------------------------

    def _removed(self, key: PathKey, kind: PageIds, item: str) -> None:
        address = _address(kind.uri(item))
        self.error(
            key,
            f"the {kind.noun} '{item}' was published at {address} and the records no longer "
            f"have it; a published address must keep working: say what became of it under "
            f"'gone:' in {REGISTRY_FILE}, e.g. 'livesurvey anchors gone {kind.name} {item} "
            f'--fate renamed --to NEW-ID --reason "..."\' (renamed or merged: the address '
            f"redirects) or '--fate retired' (it shows a tombstone)",
        )

    def _unknown_kind(self, key: PathKey, name: str, known: dict[str, Any]) -> None:
        self.error(
            key,
            f"unknown kind '{name}'; expected one of {', '.join(sorted(known))}",
            on_key=key[0] != "gone",
        )

    def _noun(self, kind_name: str) -> str:
        if kind_name in self.kinds:
            return self.kinds[kind_name].noun
        return ANCHORS_BY_NAME[kind_name].noun

    # -- in-page anchors ----------------------------------------------------------------------

    def _anchor(self, kind: AnchorKind, anchor: str, beside: str, key: PathKey) -> None:
        now = self.now.anchors[kind.name]
        old_page = kind.page(beside)
        if anchor in now:
            new_page = kind.page(now[anchor])
            if new_page != old_page:
                self._send_on(old_page, anchor, kind, new_page, anchor)
            return
        if kind.owner is None:
            self._own_anchor(kind, anchor, beside, key)
            return
        final = self._final(kind.owner, kind.owner_id(anchor, beside))
        if final is None:
            return  # the owner's page is reported (pages:) or was never recorded
        owner_id, retired = final
        if retired is not None:
            tombstone = self.kinds[kind.owner].uri(owner_id)
            self._send_on(old_page, anchor, kind, tombstone, None, retired)
            return
        target_anchor = kind.anchor_of(self.index, owner_id)
        if target_anchor not in now:
            return  # its record has problems of its own
        self._send_on(old_page, anchor, kind, kind.page(now[target_anchor]), target_anchor)

    def _own_anchor(self, kind: AnchorKind, anchor: str, beside: str, key: PathKey) -> None:
        old_page = kind.page(beside)
        gone = self.gone.get((kind.name, anchor))
        if gone is None:
            self.error(
                key,
                f"the {kind.noun} '{anchor}' was published at {_address(old_page)}#{anchor} "
                f"and the records no longer have it; a published anchor must keep working: say "
                f"what became of it under 'gone:' in {REGISTRY_FILE} (fate renamed or merged "
                f"with 'to:', or retired), e.g. 'livesurvey anchors gone {kind.name} {anchor} "
                f'--fate merged --to OTHER-ID --reason "..."\'',
                on_key=True,
            )
            return
        final = self._final(kind.name, anchor)
        if final is None:
            return  # reported with the gone entry
        target, retired = final
        if retired is not None:
            self.result.moved.append(
                MovedAnchor(old_page, anchor, kind.noun, None, retired=retired)
            )
            return
        now = self.now.anchors[kind.name]
        self._send_on(old_page, anchor, kind, kind.page(now[target]), target)

    def _send_on(
        self,
        page: str,
        anchor: str,
        kind: AnchorKind,
        target: str,
        fragment: str | None,
        retired: GoneId | None = None,
    ) -> None:
        moved = MovedAnchor(page, anchor, kind.noun, target, fragment, retired)
        if moved not in self.result.moved:
            self.result.moved.append(moved)


def _address(uri: str) -> str:
    return "/" + site_path(uri)


# --- what is not yet recorded, and recording it ------------------------------------------------


@dataclass(frozen=True)
class Unrecorded:
    """Addresses the records publish that anchors.yaml does not hold yet."""

    additions: dict[str, list[str]]
    """New ids by kind (a finding's page and its anchor on the topic page count once here)."""
    moves: list[tuple[str, str, str, str]]
    """Anchors recorded beside another id: (kind, anchor, recorded id, current id)."""
    count: int
    """How many addresses (pages and anchors) are new or moved."""

    def notice(self) -> str:
        """One line for 'check': what is unrecorded, and the command that records it."""
        parts = [
            f"{kind}: {', '.join(ids[:5])}{' ...' if len(ids) > 5 else ''}"
            for kind, ids in self.additions.items()
        ]
        parts += [
            f"{kind} '{anchor}' now on {new} (was {old})"
            for kind, anchor, old, new in self.moves[:5]
        ]
        subject = "address is" if self.count == 1 else "addresses are"
        return (
            f"notice: {self.count} published {subject} not yet recorded in {REGISTRY_FILE} "
            f"({'; '.join(parts)}); run '{RECORD_COMMAND}' and commit {REGISTRY_FILE}"
        )


def _registry_record(index: SurveyIndex) -> AnchorRegistry:
    registry = registry_of(index)
    return registry.record if registry is not None else AnchorRegistry()


def unrecorded(index: SurveyIndex) -> Unrecorded:
    """What :func:`recorded_registry` would add to the survey's anchors.yaml."""
    record = _registry_record(index)
    now = published(index)
    additions: dict[str, set[str]] = {}
    count = 0
    for name, ids in now.pages.items():
        new = set(ids) - set(record.pages.get(name, []))
        if new:
            additions.setdefault(name, set()).update(new)
            count += len(new)
    moves = []
    for name, places in now.anchors.items():
        known = record.anchors.get(name, {})
        for anchor, beside in places.items():
            if anchor not in known:
                additions.setdefault(name, set()).add(anchor)
                count += 1
            elif known[anchor] != beside:
                moves.append((name, anchor, known[anchor], beside))
                count += 1
    return Unrecorded({k: sorted(v) for k, v in additions.items()}, moves, count)


def recorded_registry(index: SurveyIndex) -> AnchorRegistry:
    """anchors.yaml with every address published now added; nothing recorded is removed.

    An anchor now on another page keeps its old page under ``moved:``, so that the old
    address still sends readers on.
    """
    record = _registry_record(index)
    now = published(index)
    pages = {name: list(ids) for name, ids in record.pages.items()}
    for name, ids in now.pages.items():
        pages[name] = sorted(set(pages.get(name, [])) | set(ids))
    anchors = {name: dict(places) for name, places in record.anchors.items()}
    moved = list(record.moved)
    for name, places in now.anchors.items():
        kind = ANCHORS_BY_NAME[name]
        kept = anchors.setdefault(name, {})
        for anchor, beside in places.items():
            old = kept.get(anchor)
            if old is not None and old != beside and not kind.owner_is_beside:
                was = MovedRecord(kind=name, id=anchor, was_on=old)
                if was not in moved:
                    moved.append(was)
            kept[anchor] = beside
        anchors[name] = dict(sorted(kept.items()))
    moved = [m for m in moved if now.anchors.get(m.kind, {}).get(m.id) != m.was_on]
    return AnchorRegistry(pages=pages, anchors=anchors, moved=moved, gone=list(record.gone))
