"""A BibTeX file shaped like a real living review's (the HEPML Living Review, 2,423 entries).

What is copied is the shape, not the content: the entry types and how often they occur,
Inspire-style keys in mixed case with colons ('deOliveira:2015xxd'), quoted and braced values,
LaTeX accents and protected words, arXiv fields, report numbers and other fields the schema has
no place for, month ranges, and a few entries a careful importer must refuse (no year, empty).
Every title, name and number is made up here; nothing describes a real work.
"""

from __future__ import annotations

import random

TYPES = (
    ["article"] * 62
    + ["misc"] * 20
    + ["inproceedings"] * 8
    + ["phdthesis"] * 4
    + ["mastersthesis"] * 2
    + ["conference"] * 2
    + ["techreport"] * 1
    + ["unpublished"] * 1
)
FAMILY = [
    r"de Oliveira",
    r"M{\"u}ller",
    r"Garc{\'\i}a",
    r"Nachman",
    r"{\O}stergaard",
    r"Dvo{\v{r}}{\'a}k",
    r"Kagan",
    r"Schwartzman",
    r"Ko{\c{c}}",
    "Li",
    "Zhang",
    "Smith",
]
GIVEN = ["Luke", "Ben", r"Andr{\'e}", "Jo", "M.", r"Ana Mar{\'\i}a", "Wei", "P. J."]
WORDS = ["jet", "tagging", "anomaly", "detection", "graph", "network", "calorimeter", "flows"]
MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _month(month: int, style: int) -> str:
    """One month written the ways real files write it: macro, number, name, range."""
    name = MONTH_NAMES[month - 1]
    following = MONTH_NAMES[month % 12]
    return [
        name,
        str(month),
        f"{{{name.capitalize()}.}}",
        f"{{{month:02d}--{month % 12 + 1:02d} {name.capitalize()}}}",
        f"{{{name}--{following}}}",
    ][style % 5]


def _authors(rng: random.Random) -> str:
    names = [f"{rng.choice(FAMILY)}, {rng.choice(GIVEN)}" for _ in range(rng.randint(1, 6))]
    if rng.random() < 0.05:
        names.append("others")
    return " and ".join(names)


def _key(rng: random.Random, n: int, year: int) -> str:
    family = rng.choice(["deOliveira", "Nachman", "Komiske", "Kasieczka", "Qu", "Butter"])
    if rng.random() < 0.9:
        suffix = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3))
        return f"{family}:{year}{suffix}{n}"
    return f"{family.lower()}{year}w{n}"


def hepml_shaped_bibtex(entries: int, *, seed: int = 11, refused: int = 2) -> str:
    """``entries`` valid entries plus ``refused`` that an importer must refuse, in BibTeX."""
    rng = random.Random(seed)
    blocks = ["% A file shaped like a living review's bibliography, for tests.\n"]
    for n in range(entries):
        kind = rng.choice(TYPES)
        year = rng.randint(2014, 2025)
        month = rng.randint(1, 12)
        arxiv = f"{year % 100:02d}{month:02d}.{rng.randint(10000, 99999)}"
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8)))
        title = f"{{{words.capitalize()} with {{LHC}} data and $\\mathcal{{O}}(10^3)$ events, {n}}}"
        quote = rng.random() < 0.7  # Inspire writes "..." values, other tools {...}
        fields = [
            ("author", _authors(rng)),
            ("title", title),
            ("eprint", arxiv),
            ("archivePrefix", "arXiv"),
            ("primaryClass", rng.choice(["hep-ph", "hep-ex", "physics.data-an", "cs.LG"])),
            ("year", str(year)),
        ]
        if rng.random() < 0.3:
            fields.append(("reportNumber", f"LAB-PUB-{year}-{n:04d}"))
        if rng.random() < 0.4:
            fields.append(("month", _month(month, n)))
        if kind == "article":
            fields += [
                ("journal", rng.choice(["JHEP", "Phys. Rev. D", "Eur. Phys. J. C"])),
                ("volume", str(rng.randint(1, 120))),
                ("pages", f"{rng.randint(1, 999):03d}"),
                ("doi", f"10.1234/synthetic.{year}.{n}"),
            ]
        elif kind in {"inproceedings", "conference"}:
            fields.append(("booktitle", f"Proceedings of the {n}th synthetic workshop"))
        elif kind in {"phdthesis", "mastersthesis"}:
            fields.append(("school", "A {Synthetic} University"))
        elif kind == "techreport":
            fields.append(("institution", "A synthetic laboratory"))
        elif kind == "unpublished":
            fields.append(("note", "Talk at a synthetic meeting"))
        body = ",\n".join(
            f'    {name} = "{value}"' if quote and '"' not in value else f"    {name} = {{{value}}}"
            for name, value in fields
        )
        blocks.append(f"@{kind}{{{_key(rng, n, year)},\n{body}\n}}\n")
    bad = [
        '@article{Noyear:2020abc,\n    author = "Doe, Jane",\n    title = "No year given"\n}\n',
        "@misc{Empty:2021xyz,\n}\n",
    ]
    blocks.extend(bad[:refused])
    return "\n".join(blocks)
