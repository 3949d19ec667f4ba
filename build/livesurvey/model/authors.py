"""People and organisations behind the papers: one entry per author, however their name is spelt.

Papers list authors as written on each paper, so one person may appear as 'José García',
'Jose Garcia' and 'J. García'. Names are grouped without case and diacritics, and a given
name written as initials joins the one fuller form it fits (when two fuller forms fit, say
'John' and 'Jane', it stays apart: the linter asks for the full name). Each author gets a
slug for its page, transliterated from the name ('José García' -> 'jose-garcia'); two
different authors whose slugs would collide get distinct ones that do not depend on the
order of files (see :func:`_assign_slugs`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from ..records.loading import Sourced
from ..records.schema import Author, Paper

_UNDECOMPOSED = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
    }
)
"""Latin letters that Unicode does not decompose into a base letter and a mark (after casefold)."""


def fold(text: str) -> str:
    """Lower case, diacritics removed: 'Stańczak' -> 'stanczak', 'Hägele' -> 'hagele'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


MAX_SLUG = 60
"""Longest slug taken from a name (whole words only), so that addresses stay readable."""


def slugify(text: str) -> str:
    """ASCII letters and digits joined by single hyphens, at most :data:`MAX_SLUG`
    characters; '' when nothing is left (a name in a script without Latin letters)."""
    ascii_text = fold(text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[: MAX_SLUG + 1].rsplit("-", 1)[0]
        slug = cut if cut and len(cut) < len(slug[: MAX_SLUG + 1]) else slug[:MAX_SLUG]
    return slug.strip("-")


def given_parts(given: str | None) -> tuple[str, ...]:
    """Folded given names, an initial as one letter: 'Z. F.' -> ('z', 'f'), 'Zhi-Hong' ->
    ('zhihong',), 'J.-P.' -> ('j', 'p')."""
    parts: list[str] = []
    for word in re.split(r"[\s.]+", fold(given or "")):
        pieces = [p for p in re.split(r"[-\u2010\u2011]", word) if p]
        if pieces and all(len(p) == 1 for p in pieces):
            parts.extend(pieces)
        elif pieces:
            parts.append("".join(pieces))
    return tuple(parts)


def _compatible(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether given names ``short`` may abbreviate ``full`` ('j' fits 'john', 'z f' fits
    'zhi fan'); a lone initial also fits a name run together ('z' fits 'zhihong')."""
    if len(short) == len(full):
        return all(
            s == f or (len(s) == 1 and f.startswith(s)) for s, f in zip(short, full, strict=True)
        )
    return len(short) == 1 and len(short[0]) == 1 and full[0].startswith(short[0])


def likely_same_given(shorter: str, longer: str) -> bool:
    """Whether two given names that both say more than initials may still be one person's:
    'John F.' and 'John Fitzgerald' (each name equal, or an initial of the other's)."""
    a, b = given_parts(shorter), given_parts(longer)
    fuller = _is_fuller(a) and _is_fuller(b)
    return fuller and a != b and len(a) == len(b) and _compatible(a, b)


def _is_fuller(parts: tuple[str, ...]) -> bool:
    return any(len(p) > 1 for p in parts)


@dataclass(frozen=True)
class Credit:
    """One appearance of an author on a paper: which paper, at which position, as written."""

    paper_id: str
    position: int
    """Index in the paper's ``authors`` list."""
    author: Author


@dataclass
class Person:
    """One author (person or organisation) and every paper that names them."""

    slug: str
    """The page's id: /authors/<slug>/."""
    name: str
    """The name as shown: the fullest spelling found in the records."""
    family: str
    """What the index sorts by: the family name, or an organisation's name."""
    given: str
    organisation: bool
    credits: list[Credit] = field(default_factory=list)

    @property
    def paper_ids(self) -> list[str]:
        return list(dict.fromkeys(c.paper_id for c in self.credits))

    @property
    def spellings(self) -> list[str]:
        """Every distinct way the records write this author, the shown one first."""
        others = sorted({c.author.display for c in self.credits} - {self.name})
        return [self.name, *others]

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (fold(self.family), fold(self.given), self.slug)


@dataclass(frozen=True)
class Ambiguous:
    """An author written with initials that fit more than one fuller name."""

    credit: Credit
    candidates: tuple[Credit, ...]
    """One appearance of each fuller name the initials fit."""


@dataclass
class AuthorIndex:
    """Every author with a page, and which author each paper's list names."""

    people: dict[str, Person] = field(default_factory=dict)
    """By slug, in the order of the authors index (family name, then given names)."""
    by_paper: dict[str, list[str]] = field(default_factory=dict)
    """Each paper's authors as slugs, in the paper's order."""
    ambiguous: list[Ambiguous] = field(default_factory=list)


GroupKey = tuple[str, ...]


def _joined(text: str) -> str:
    """Folded, without spaces and hyphens: 'Redondo-García' and 'Redondo Garcia' agree."""
    return re.sub(r"[\s\-\u2010\u2011.]+", "", fold(text))


def _name_key(author: Author) -> GroupKey:
    """What two spellings of one author share: case, diacritics, spaces and hyphens aside."""
    return _spelling_key(author.name, author.family, author.given)


@cache
def _spelling_key(name: str | None, family: str | None, given: str | None) -> GroupKey:
    # worked out once per spelling: an author of many papers is written the same way each time
    if name is not None:
        return ("organisation", _joined(name))
    parts = given_parts(given)
    joined_given = "".join(parts) if _is_fuller(parts) else " ".join(parts)
    return ("person", _joined(family or ""), joined_given)


def _shown(credits: list[Credit]) -> Author:
    """The spelling a page shows: fullest given name, then most diacritics, then most used."""
    counts: dict[str, int] = {}
    for credit in credits:
        counts[credit.author.display] = counts.get(credit.author.display, 0) + 1

    def rank(author: Author) -> tuple[int, int, int, str]:
        text = author.display
        return (-len(author.given or ""), -sum(not c.isascii() for c in text), -counts[text], text)

    return min((c.author for c in credits), key=rank)


def group_authors(papers: dict[str, Sourced[Paper]]) -> AuthorIndex:
    """Group every author of ``papers`` into people, give each a slug, and list each paper's."""
    credits = [
        Credit(paper_id, position, author)
        for paper_id in sorted(papers)
        for position, author in enumerate(papers[paper_id].record.authors)
    ]
    groups: dict[GroupKey, list[Credit]] = {}
    for credit in credits:
        groups.setdefault(_name_key(credit.author), []).append(credit)
    ambiguous = _merge_initials(groups)
    people = _assign_slugs(groups, papers)
    index = AuthorIndex(ambiguous=ambiguous)
    for person in sorted(people, key=lambda p: p.sort_key):
        index.people[person.slug] = person
    slug_of = {(c.paper_id, c.position): p.slug for p in people for c in p.credits}
    for paper_id in sorted(papers):
        count = len(papers[paper_id].record.authors)
        index.by_paper[paper_id] = [slug_of[(paper_id, n)] for n in range(count)]
    return index


def _merge_initials(groups: dict[GroupKey, list[Credit]]) -> list[Ambiguous]:
    """Fold each group written with initials only into the one fuller group of the same
    family name it fits; leave it alone, and report it, when several fit."""
    ambiguous: list[Ambiguous] = []
    by_family: dict[str, list[GroupKey]] = {}
    for key in sorted(groups):
        if key[0] == "person":
            by_family.setdefault(key[1], []).append(key)
    for keys in by_family.values():
        for key in keys:
            initials = tuple(key[2].split())
            if not initials or _is_fuller(initials):
                continue
            fits = [
                other
                for other in keys
                if other in groups
                and other[2]
                and _is_fuller(tuple(other[2].split()))
                and any(_compatible(initials, given_parts(c.author.given)) for c in groups[other])
            ]
            if len(fits) == 1:
                groups[fits[0]].extend(groups.pop(key))
            elif len(fits) > 1:
                for credit in groups[key]:
                    candidates = tuple(groups[other][0] for other in fits)
                    ambiguous.append(Ambiguous(credit, candidates))
    return ambiguous


def _assign_slugs(
    groups: dict[GroupKey, list[Credit]], papers: dict[str, Sourced[Paper]]
) -> list[Person]:
    """One person per group, with a slug from the shown name.

    Where several people would share a slug, the one whose first paper was added earliest
    (then the smallest paper id, then the name) keeps it; each other one adds a short hash of
    its folded name, which no other person's arrival can change. A slug thus stays put when a
    new paper brings a namesake.
    """
    people: list[tuple[Person, GroupKey]] = []
    for key, credits in groups.items():
        shown = _shown(credits)
        organisation = key[0] == "organisation"
        person = Person(
            slug="",
            name=shown.display,
            family=(shown.name if organisation else shown.family) or "",
            given=shown.given or "",
            organisation=organisation,
            credits=sorted(credits, key=lambda c: (c.paper_id, c.position)),
        )
        people.append((person, key))
    wanted: dict[str, list[tuple[str, str, GroupKey, Person]]] = {}
    for person, key in people:
        base = slugify(person.name) or _distinct_slug("author", key, ())
        added, paper_id = min(
            (papers[c.paper_id].record.added.isoformat(), c.paper_id) for c in person.credits
        )
        wanted.setdefault(base, []).append((added, paper_id, key, person))
    taken = set(wanted)
    for base in sorted(wanted):
        claimants = sorted(wanted[base], key=lambda claim: claim[:3])
        claimants[0][3].slug = base
        for _, _, key, person in claimants[1:]:
            person.slug = _distinct_slug(base, key, taken)
            taken.add(person.slug)
    return [person for person, _ in people]


def _distinct_slug(base: str, key: GroupKey, taken: Iterable[str]) -> str:
    """``base`` with a hash of the author's folded name, long enough to be free (also the
    slug of a name without Latin letters: 'author-' and the hash)."""
    digest = hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()
    used = set(taken)
    for length in range(6, len(digest) + 1):
        slug = f"{base}-{digest[:length]}"
        if slug not in used:
            return slug
    raise AssertionError("unreachable: a sha256 prefix is always free")
