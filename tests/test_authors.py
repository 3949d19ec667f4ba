"""Authors: one page per person or organisation, however the records spell the name.

Tiny trees written inline; each case states the authors as papers list them and what a
reader gets: which pages, at which addresses, and what the linter says.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import markdown
from livesurvey import check_survey, load_survey, render_pages
from livesurvey.model.authors import fold, given_parts, slugify

from .conftest import write_tree

_TITLES = itertools.count(1)


def _paper(authors: str, *, added: str = "2026-01-01", year: int = 2025) -> str:
    return f"""\
        title: Paper number {next(_TITLES)}
        authors:
{authors}
        year: {year}
        topics: [sft-vs-rl]
        added: {added}
        """


def _person(family: str, given: str | None = None) -> str:
    lines = f"          - family: '{family}'\n"
    if given is not None:
        lines += f"            given: '{given}'\n"
    return lines.rstrip("\n")


def _organisation(name: str) -> str:
    return f"          - name: '{name}'"


def _index(tmp_path: Path, papers: dict[str, str]):
    return load_survey(write_tree(tmp_path / "data", papers))  # type: ignore[arg-type]


def _slugs(tmp_path: Path, papers: dict[str, str]) -> dict[str, list[str]]:
    """Each author page's slug with the papers it lists (papers of the base tree left out)."""
    index = _index(tmp_path, papers)
    mine = {path.removeprefix("papers/").removesuffix(".yaml") for path in papers}
    return {
        slug: [p for p in person.paper_ids if p in mine]
        for slug, person in index.authors.people.items()
        if set(person.paper_ids) & mine
    }


def _warnings(tmp_path: Path, papers: dict[str, str]) -> list[str]:
    _, problems = check_survey(write_tree(tmp_path / "data", papers))
    return [str(p) for p in problems if p.code == "duplicate-author"]


# --- names and slugs ------------------------------------------------------------------------


def test_slugs_transliterate_and_keep_only_ascii_words() -> None:
    assert slugify("José Luis Redondo García") == "jose-luis-redondo-garcia"
    assert slugify("Łukasz Stańczak") == "lukasz-stanczak"
    assert slugify("Ørsted Straße") == "orsted-strasse"
    assert slugify("DeepSeek-AI") == "deepseek-ai"
    assert slugify("张伟") == ""
    assert len(slugify("word " * 40)) <= 60


def test_names_fold_case_and_diacritics_and_read_initials() -> None:
    assert fold("Hägele") == fold("HAGELE") == "hagele"
    assert given_parts("Z. F.") == ("z", "f")
    assert given_parts("J.-P.") == ("j", "p")
    assert given_parts("Zhi-Hong") == ("zhihong",)


def test_one_person_written_with_and_without_accents_has_one_page(tmp_path: Path) -> None:
    papers = {
        "papers/garcia2025a.yaml": _paper(_person("García", "José")),
        "papers/garcia2025b.yaml": _paper(_person("Garcia", "jose")),
    }
    assert _slugs(tmp_path / "a", papers) == {"jose-garcia": ["garcia2025a", "garcia2025b"]}
    index = _index(tmp_path / "b", papers)
    person = index.authors.people["jose-garcia"]
    assert person.name == "José García"  # the real name stays on the page
    assert person.spellings == ["José García", "jose Garcia"]


def test_initials_join_the_one_full_name_they_fit(tmp_path: Path) -> None:
    papers = {
        "papers/smith2025a.yaml": _paper(_person("Smith", "John")),
        "papers/smith2025b.yaml": _paper(_person("Smith", "J.")),
        "papers/smith2025c.yaml": _paper(_person("Smith", "Ann")),
    }
    assert _slugs(tmp_path, papers) == {
        "ann-smith": ["smith2025c"],
        "john-smith": ["smith2025a", "smith2025b"],
    }


def test_initials_that_fit_two_people_stay_apart_and_are_reported(tmp_path: Path) -> None:
    papers = {
        "papers/smith2025a.yaml": _paper(_person("Smith", "John")),
        "papers/smith2025b.yaml": _paper(_person("Smith", "J.")),
        "papers/smith2025c.yaml": _paper(_person("Smith", "Jane")),
    }
    assert _slugs(tmp_path / "a", papers) == {
        "j-smith": ["smith2025b"],
        "jane-smith": ["smith2025c"],
        "john-smith": ["smith2025a"],
    }
    assert _warnings(tmp_path / "b", papers) == [
        "papers/smith2025b.yaml:3:5: warning: author 'J. Smith' could be 'Jane Smith' "
        "(papers/smith2025c.yaml:3) or 'John Smith' (papers/smith2025a.yaml:3), so it has a "
        "page of its own; write the given names in full [duplicate-author]"
    ]


def test_the_linter_names_each_spelling_and_where_the_other_is(tmp_path: Path) -> None:
    papers = {
        "papers/garcia2025a.yaml": _paper(
            _person("Ward", "Jake") + "\n" + _person("García", "José")
        ),
        "papers/garcia2025b.yaml": _paper(_person("Garcia", "J.")),
        "papers/lee2025a.yaml": _paper(_person("Lee", "Kang F.")),
        "papers/lee2025b.yaml": _paper(_person("Lee", "Kang Fei")),
    }
    assert _warnings(tmp_path, papers) == [
        "papers/garcia2025b.yaml:3:5: warning: author 'J. Garcia' is written 'José García' at "
        "papers/garcia2025a.yaml:5; both are listed on /authors/jose-garcia/, but write the name "
        "the same way in both records [duplicate-author]",
        "papers/lee2025a.yaml:3:5: warning: author 'Kang F. Lee' is probably 'Kang Fei Lee' "
        "(papers/lee2025b.yaml:3), who has another page; if they are one person, write the name "
        "the same way in both records [duplicate-author]",
    ]


def test_organisations_have_pages_and_never_merge_with_people(tmp_path: Path) -> None:
    papers = {
        "papers/deepseek2025a.yaml": _paper(_organisation("DeepSeek-AI")),
        "papers/deepseek2025b.yaml": _paper(_organisation("deepseek-ai")),
    }
    index = _index(tmp_path, papers)
    person = index.authors.people["deepseek-ai"]
    assert person.organisation and person.paper_ids == ["deepseek2025a", "deepseek2025b"]


def test_two_people_whose_slugs_collide_get_distinct_stable_slugs(tmp_path: Path) -> None:
    # 'Yu Jie' Li and Yu 'Jie Li' are two people, and so is an organisation named 'Yu Jie Li';
    # all three would be /authors/yu-jie-li/.
    first = _paper(_person("Li", "Yu Jie"), added="2026-01-01")
    second = _paper(_person("Jie Li", "Yu"), added="2026-02-01")
    third = _paper(_organisation("Yu Jie Li"), added="2026-03-01")
    two = _slugs(tmp_path / "a", {"papers/zz2025a.yaml": first, "papers/aa2025b.yaml": second})
    assert sorted(two) == ["yu-jie-li", sorted(two)[1]]
    assert two["yu-jie-li"] == ["zz2025a"]  # the first added keeps the plain slug
    (other,) = set(two) - {"yu-jie-li"}
    assert other.startswith("yu-jie-li-") and two[other] == ["aa2025b"]
    three = _slugs(
        tmp_path / "b",
        {"papers/zz2025a.yaml": first, "papers/aa2025b.yaml": second, "papers/mm.yaml": third},
    )
    assert len(three) == 3 and three["yu-jie-li"] == ["zz2025a"] and three[other] == ["aa2025b"]


def test_a_name_without_latin_letters_gets_a_slug_of_its_own(tmp_path: Path) -> None:
    papers = {
        "papers/zhang2025a.yaml": _paper(_person("张", "伟")),
        "papers/li2025a.yaml": _paper(_person("李", "娜")),
    }
    slugs = _slugs(tmp_path, papers)
    assert len(slugs) == 2 and all(s.startswith("author-") for s in slugs)


# --- pages ------------------------------------------------------------------------------------


def test_author_pages_list_papers_newest_first_with_findings_and_stances(tmp_path: Path) -> None:
    papers = {
        "papers/yue2024early.yaml": _paper(_person("Yue", "Yang"), year=2024),
    }
    pages = {p.uri: p.content for p in render_pages(_index(tmp_path, papers))}
    page = pages["authors/yang-yue.md"]
    assert page.index("yue2025reinforcement.md") < page.index("yue2024early.md")
    assert "[RL sharpens](../findings/rl-sharpens.md)" in page
    assert "survey-stance--supports" in page
    paper = pages["papers/yue2025reinforcement.md"]
    assert "[Yang Yue](../authors/yang-yue.md), [Zhiqi Chen](../authors/zhiqi-chen.md)" in paper
    index = pages["authors/index.md"]
    assert index.index("[Chen, Zhiqi]") < index.index("[Smith, Ann]") < index.index("[Yue, Yang]")
    assert "[Yue, Yang](yang-yue.md) · 2 papers" in index
    assert "[Y](index.md#letter-y)" in index and "## Y {#letter-y}" in index


def test_hostile_author_names_render_as_text(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> **b** [x](javascript:alert(2)) {#id} a|b"
    quoted = hostile.replace("'", "''")
    papers = {
        "papers/evil2025a.yaml": _paper(
            _person(quoted, quoted) + "\n" + _organisation("Org " + quoted)
        ),
    }
    index = _index(tmp_path, papers)
    pages = {p.uri: p.content for p in render_pages(index)}
    slugs = index.authors.by_paper["evil2025a"]
    assert all(set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-") for slug in slugs)
    uris = ["authors/index.md", "papers/evil2025a.md", "papers/index.md"]
    uris += [f"authors/{slug}.md" for slug in slugs]
    for uri in uris:
        html = markdown.markdown(pages[uri], extensions=["attr_list", "tables", "md_in_html"])
        assert "<script" not in html and 'href="javascript' not in html, uri
        assert "<strong>" not in html, uri
        assert "&lt;script&gt;" in html, uri


def test_a_hand_written_page_cannot_take_an_author_s_address(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "data")
    docs = tmp_path / "docs"
    (docs / "authors").mkdir(parents=True)
    (docs / "authors" / "ann-smith.md").write_text("# Mine\n")
    problems = [str(p) for p in check_survey(root, docs)[1]]
    assert problems == [
        "../docs/authors/ann-smith.md:1:1: this file takes the address /authors/ann-smith/ of a "
        "generated page or download; move or rename it"
    ]
