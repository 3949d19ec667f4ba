"""Hostile input: records and imports crafted to run script, leak files or break the build.

Each case states what an attacker (or an unlucky contributor) writes and what the project
does instead: a one-line problem with file, line and column, nothing written, nothing read
outside the data folder. Whatever ``check`` accepts here must also render.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from xml.etree import ElementTree

import bibtexparser
import feedparser
import pytest
import yaml
from livesurvey import check_survey, load_survey, render_pages
from livesurvey.cli import main
from livesurvey.pipeline import read_history
from livesurvey.records import files

from .conftest import BASE_TREE, write_tree
from .history_repo import make_history_repo

SECRET = "root:x:0:0:secret-content-that-must-not-leak"


def _paper(extra: str = "", *, title: str = "A paper") -> str:
    return f"""\
        title: '{title}'
        authors:
          - family: Doe
        year: 2025
        topics: [sft-vs-rl]
        added: 2026-01-01
        {extra}
        """


def _renders(root: Path) -> dict[str, str]:
    index, problems = check_survey(root)
    assert index is not None, problems
    return {page.uri: page.content for page in render_pages(index)}


# --- citation keys ----------------------------------------------------------------------------


def test_a_key_that_would_end_a_link_is_refused(tree) -> None:
    hostile = "x)<img src=y onerror=alert(1)>"
    problems = tree({"papers/doe2025a.yaml": _paper(f"key: '{hostile}'")})
    assert problems == [
        f"papers/doe2025a.yaml:7:6: field 'key': '{hostile}' is not a citation key; keys are "
        "letters, digits and _ : . + - (at most 100, starting with a letter or digit), "
        "e.g. 'Mueller:2026abc'"
    ]


def test_a_key_with_capitals_builds_and_keeps_its_case(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "data", {"papers/doe2025a.yaml": _paper("key: Mueller:2026abc")})
    pages = _renders(root)
    assert '<p class="survey-reference" id="Mueller:2026abc">' in pages["bibliography/index.md"]
    entries = bibtexparser.parse_string(pages["bibliography/survey.bib"]).entries
    assert "Mueller:2026abc" in [entry.key for entry in entries]


def test_two_papers_with_one_key_are_refused(tree) -> None:
    problems = tree(
        {
            "papers/doe2025a.yaml": _paper("key: Doe:2025"),
            "papers/doe2025b.yaml": _paper("key: doe:2025", title="Another paper"),
        }
    )
    assert problems == [
        "papers/doe2025b.yaml:7:6: citation key 'doe:2025' already cites papers/doe2025a.yaml "
        "(keys are compared without case); give this paper its own key"
    ]


# --- settings that would break the build --------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "message"),
    [
        ("apa-7", "unknown citation style 'apa-7'; did you mean 'apa'?"),
        ("../../../etc/passwd", "unknown citation style '../../../etc/passwd'; e.g. 'apa'"),
    ],
)
def test_only_packaged_citation_styles(tree, style: str, message: str) -> None:
    survey = BASE_TREE["survey.yaml"] + f"citation_style: '{style}'\n        "
    problems = tree({"survey.yaml": survey})
    assert len(problems) == 1 and problems[0].startswith("survey.yaml:11:17: field ")
    assert message.split(";")[0] in problems[0]


def test_records_dated_in_the_future_are_refused(tree) -> None:
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    problems = tree({"papers/doe2025a.yaml": _paper().replace("2026-01-01", future)})
    assert problems == [
        f"papers/doe2025a.yaml:6:8: field 'added': date {future} is in the future; give the "
        "day the record was added"
    ]


def test_deep_nesting_is_one_clear_problem(tree) -> None:
    problems = tree({"papers/doe2025a.yaml": "title: " + "[" * 600 + "]" * 600 + "\n"})
    assert problems == [
        "papers/doe2025a.yaml:1:28: values are nested more than 20 levels deep; records are "
        "shallow: check the brackets and indentation"
    ]


def test_an_alias_bomb_is_one_line(tree) -> None:
    bomb = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c]\n"
    problems = tree({"papers/doe2025a.yaml": bomb})
    aliases = [p for p in problems if "anchors and aliases" in p]
    assert aliases == [
        "papers/doe2025a.yaml:1:4: YAML anchors and aliases are not allowed in records; write "
        "the value out in full (and 9 more uses in this file)"
    ]


def test_control_characters_are_named_without_parser_internals(tree) -> None:
    problems = tree({"papers/doe2025a.yaml": "title: a\x07b\n"})
    assert problems == [
        "papers/doe2025a.yaml:1:9: the character U+0007 is not allowed in YAML (control "
        "characters are not allowed); remove it or write the text again"
    ]


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("sft-vs-rl\u200b", "character 10 is ZERO WIDTH SPACE (U+200B)"),
        ("sft-vs-\u0440l", "character 8 is CYRILLIC SMALL LETTER ER (U+0440)"),
    ],
)
def test_look_alike_and_invisible_characters_in_ids_are_named(tree, name: str, detail: str):
    paper = _paper().replace("topics: [sft-vs-rl]", f"topics: ['{name}']")
    problems = tree({"papers/doe2025a.yaml": paper})
    assert len(problems) == 1 and detail in problems[0]


def test_size_limits(tree) -> None:
    long_title = "x" * 600
    problems = tree({"papers/doe2025a.yaml": _paper(title=long_title)})
    assert problems == [
        "papers/doe2025a.yaml:1:8: field 'title' is 600 characters long; at most 500 are "
        "allowed: shorten it"
    ]
    huge = _paper("summary: '" + "y" * (files.MAX_RECORD_BYTES + 10) + "'")
    assert tree({"papers/doe2025a.yaml": huge}) == [
        "papers/doe2025a.yaml:1:1: file is 256 KiB; a record file may hold at most 256 KiB: "
        "split it or shorten its text"
    ]


# --- nothing read or written outside the data folder ---------------------------------------------


def test_a_linked_record_is_refused_and_its_target_never_shown(tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text(SECRET + "\n")
    root = write_tree(tmp_path / "data")
    (root / "papers" / "leak2025a.yaml").symlink_to(secret)
    (root / "vocab" / "leak.yaml").symlink_to(tmp_path / "nowhere.yaml")
    index, problems = check_survey(root)
    assert index is None
    assert [str(p) for p in problems] == [
        "papers/leak2025a.yaml:1:1: 'papers/leak2025a.yaml' is a symbolic link; records must be "
        "plain files inside the data folder: replace the link with the file itself",
        "vocab/leak.yaml:1:1: 'vocab/leak.yaml' is a symbolic link; records must be plain files "
        "inside the data folder: replace the link with the file itself",
    ]
    assert all("secret" not in str(p) and str(tmp_path) not in str(p) for p in problems)


def test_a_linked_folder_is_refused(tmp_path: Path) -> None:
    outside = write_tree(tmp_path / "elsewhere")
    root = write_tree(tmp_path / "data", {"findings/rl-sharpens.yaml": None})
    (root / "findings").symlink_to(outside / "findings")
    problems = [str(p) for p in check_survey(root)[1]]
    assert problems == [
        "findings:1:1: 'findings' is a symbolic link; records must be plain files inside the "
        "data folder: replace the link with the file itself"
    ]


def test_import_never_writes_through_a_link(tmp_path: Path, capsys) -> None:
    root = write_tree(tmp_path / "data")
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched\n")
    (root / "papers" / "doe2025new.yaml").symlink_to(victim)
    bib = tmp_path / "in.bib"
    bib.write_text("@misc{doe2025new, title={New}, author={Doe, Jane}, year={2025}}\n")
    assert main(["--data", str(root), "import-bib", str(bib), "--added", "2026-01-02"]) == 1
    out = capsys.readouterr().out
    assert (
        "papers/doe2025new.yaml:1:1: 'papers/doe2025new.yaml' is a symbolic link; records must be "
        "plain files inside the data folder: replace the link with the file itself "
        "(nothing was written)"
    ) in out
    assert victim.read_text() == "untouched\n"


def test_hidden_records_and_hidden_files_are_reported(tree) -> None:
    assert tree({"papers/.doe2025a.yaml": _paper(), "papers/.DS_Store": "x"}) == [
        "papers/.DS_Store:1:1: warning: hidden file '.DS_Store' is not a record and is ignored; "
        "remove it",
        "papers/.doe2025a.yaml:1:1: '.doe2025a.yaml' is hidden (its name starts with a dot), so "
        "it would be left out; remove the leading dot",
    ]


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "record.yaml"
    target.write_text("title: old\n")

    def interrupted(source: str, destination: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomically(target, "title: new, and much longer\n")
    assert target.read_text() == "title: old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["record.yaml"]


# --- imports ---------------------------------------------------------------------------------------


def _import_bib(tmp_path: Path, text: str) -> int:
    bib = tmp_path / "in.bib"
    bib.write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    return main(["--data", str(data), "import-bib", str(bib), "--added", "2026-01-02"])


def test_import_keeps_a_curated_record_s_comments(tmp_path: Path) -> None:
    paper = tmp_path / "data" / "papers" / "doe2025a.yaml"
    paper.parent.mkdir(parents=True)
    curated = (
        "# Checked against the PDF.\ntitle: A paper  # as printed\nyear: 2025\nadded: 2026-01-01\n"
    )
    paper.write_text(curated)
    bib = "@misc{doe2025a, title={A paper}, author={Doe, Jane}, year={2025}, eprint={2501.00001}}"
    assert _import_bib(tmp_path, bib) == 0
    text = paper.read_text()
    assert text.startswith(curated)
    assert yaml.safe_load(text)["arxiv"] == "2501.00001"


def test_import_reads_latex_the_way_authors_mean_it(tmp_path: Path, capsys) -> None:
    bib = r"""
@misc{doe2025a, title={Reaching 50% accuracy with \href{https://x.org}{one trick}},
  author={Doe, Jane}, year={2025}}
@misc{doe2025b, title={Broken \frac{}}, author={Doe, Jane}, year={2025}, journal = a # " 2025"}
"""
    assert _import_bib(tmp_path, bib) == 1
    out = capsys.readouterr().out
    assert (
        "field 'journal' of 'doe2025b' joins values with '#' (a # \" 2025\"), which the importer "
        "does not resolve; write the whole value in braces"
    ) in out
    assert "1 new, 0 completed, 0 unchanged, 0 conflicting fields kept, 1 refused" in out
    record = yaml.safe_load((tmp_path / "data" / "papers" / "doe2025a.yaml").read_text())
    assert record["title"] == "Reaching 50% accuracy with one trick"


def test_import_refuses_entries_that_would_give_invalid_records(tmp_path: Path, capsys) -> None:
    bib = "@misc{Doe:2025)x, title={" + "T" * 600 + "}, author={Doe, Jane}, year={2025}}\n"
    assert _import_bib(tmp_path, bib) == 1
    out = capsys.readouterr().out
    assert "entry 'Doe:2025)x' would give an invalid papers/doe-2025-x.yaml: field 'key'" in out
    assert "field 'title' is 600 characters long; at most 500 are allowed" in out
    assert not (tmp_path / "data" / "papers").exists()
    assert main(["--data", str(tmp_path / "nowhere"), "import-bib", str(tmp_path / "in.bib")]) == 2


def test_import_refuses_keys_without_a_usable_id(tmp_path: Path, capsys) -> None:
    assert _import_bib(tmp_path, "@misc{Цвет2025, title={x}, author={A, B}, year={2025}}\n") == 1
    assert "key 'Цвет2025' gives no usable record id" in capsys.readouterr().out


def test_a_list_that_is_not_utf8_is_one_clean_error(tmp_path: Path, capsys) -> None:
    root = write_tree(tmp_path / "data")
    listing = tmp_path / "list.tsv"
    listing.write_bytes("section\tsubsection\ntitle \xe9\n".encode("latin-1"))
    assert main(["--data", str(root), "import-list", str(listing)]) == 1
    out = capsys.readouterr().out
    assert f"{listing}:1:1: the list is not valid UTF-8 (invalid continuation byte" in out
    assert "Traceback" not in out


def test_render_into_a_folder_it_cannot_write_is_one_line(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    root = write_tree(tmp_path / "data")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "write_text", refuse)
    assert main(["--data", str(root), "render", "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].endswith(
        ": cannot write (Permission denied); choose a folder you can write to"
    )


# --- downloads -------------------------------------------------------------------------------------


def test_braces_in_links_and_ids_are_refused(tree) -> None:
    problems = tree(
        {
            "papers/doe2025a.yaml": _paper(
                "doi: '10.1234/x}, title={Injected'\n"
                "        url: 'https://x.org/}\n        }'\n"
                "        bibtex_extra: {'note = {x}, title': y}"
            )
        }
    )
    assert len(problems) == 3
    assert "field 'doi': '10.1234/x}, title={Injected' is not a DOI" in problems[0]
    assert "field 'url'" in problems[1] and "braces" in problems[1]
    assert "'note = {x}, title' is not a BibTeX field name" in problems[2]
    shadowing = tree({"papers/doe2025a.yaml": _paper("bibtex_extra: {title: Another title}")})
    assert shadowing == [
        "papers/doe2025a.yaml:7:15: field 'bibtex_extra': title would be written twice in the "
        "BibTeX export: the export writes it from the record's own fields; remove it from "
        "bibtex_extra"
    ]


def test_hostile_text_stays_inside_its_bibtex_entry(tmp_path: Path) -> None:
    text = "Closing } brace, @misc{evil, title={x}} and % and \\\\ and {open"
    root = write_tree(
        tmp_path / "data",
        {
            "papers/doe2025a.yaml": _paper(
                "bibtex_extra: {note: '" + text.replace("'", "''") + "'}",
                title=text.replace("'", "''"),
            )
        },
    )
    pages = _renders(root)
    index = load_survey(root)
    library = bibtexparser.parse_string(pages["bibliography/survey.bib"])
    assert len(library.entries) == len(index.papers) and not library.failed_blocks
    single = bibtexparser.parse_string(pages["papers/doe2025a.bib"])
    assert [entry.key for entry in single.entries] == ["doe2025a"]
    assert "Closing" in single.entries[0]["title"] and "Closing" in single.entries[0]["note"]
    csl = json.loads(pages["bibliography/survey.csl.json"])
    assert next(item for item in csl if item["id"] == "doe2025a")["title"] == text


# --- found by an attacker after the first round -------------------------------------------------


def test_pages_of_records_never_replace_hand_written_pages(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path / "data",
        {
            "vocab/about.yaml": """\
        title: Datasets
        summary: Data sets used.
        terms:
          - id: gsm8k
            title: GSM8K
            summary: Grade-school maths.
        """
        },
    )
    docs = tmp_path / "docs"
    (docs / "papers").mkdir(parents=True)
    (docs / "about.md").write_text("# About\n")
    (docs / "papers" / "smith2024origin.md").write_text("# Mine\n")
    problems = [str(p) for p in check_survey(root, docs)[1]]
    assert len(problems) == 2
    assert problems[1].startswith(
        "vocab/about.yaml:1:1: vocabulary id 'about' would publish its pages at /about/, where "
        "other pages live"
    )
    assert problems[0] == (
        "papers/smith2024origin.yaml:1:1: the page of 'smith2024origin' "
        "(/papers/smith2024origin/) would replace the hand-written docs/papers/smith2024origin.md; "
        "rename one of them"
    )


def test_hand_written_pages_are_checked_with_the_records(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "data")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("Intro.\n\nSee [[finding:rl-sharpenz]] and [@nobody2020].\n")
    problems = [str(p) for p in check_survey(root, docs)[1]]
    assert problems == [
        "../docs/index.md:3:1: unknown citation key 'nobody2020'; check the spelling",
        "../docs/index.md:3:1: unknown finding id 'rl-sharpenz'; did you mean 'rl-sharpens'?",
    ]


def test_an_entry_type_cannot_smuggle_an_entry(tree) -> None:
    smuggled = "misc{hu2026towards, title={Retracted}}\n@misc"
    problems = tree(
        {"papers/doe2025a.yaml": _paper("bibtex_extra: {entrytype: '" + smuggled + "'}")}
    )
    assert len(problems) == 1
    assert "is not a BibTeX entry type; use a word such as 'phdthesis'" in problems[0]
    assert tree({"papers/doe2025a.yaml": _paper("bibtex_extra: {entrytype: comment}")})


def test_backslashes_and_survey_metadata_stay_inside_their_values(tmp_path: Path) -> None:
    survey = (
        BASE_TREE["survey.yaml"]
        .replace("name: Test Editor", "name: 'Editors}}, title = {Forged'")
        .replace('version: "1.0"', "version: '1.0}, note = {Retracted'")
    )
    root = write_tree(
        tmp_path / "data",
        {"survey.yaml": survey, "papers/doe2025a.yaml": _paper(title="Ends with a backslash \\")},
    )
    pages = _renders(root)
    library = bibtexparser.parse_string(pages["bibliography/survey.bib"])
    assert len(library.entries) == 3 and not library.failed_blocks
    entry = next(e for e in library.entries if e.key == "doe2025a")
    assert entry["title"].endswith(r"\textbackslash{}")
    cite = pages["papers/doe2025a.md"].split("```bibtex", 2)[2].split("```")[0]
    block = bibtexparser.parse_string(cite.replace("\n    ", "\n"))
    assert [e.key for e in block.entries] == ["livesurvey-papers-doe2025a-1.0-note-Retracted"]
    fields = {"author", "title", "howpublished", "year", "note", "url"}
    assert set(block.entries[0].fields_dict) == fields
    assert block.entries[0]["url"] == (
        "https://example.org/survey/editions/1.0%7D%2C%20note%20%3D%20%7BRetracted/papers/doe2025a/"
    )
    latest = pages["papers/doe2025a.md"].split("```bibtex", 3)[3].split("```")[0]
    block = bibtexparser.parse_string(latest.replace("\n    ", "\n"))
    assert [e.key for e in block.entries] == ["livesurvey-papers-doe2025a"]
    assert set(block.entries[0].fields_dict) == fields


def test_a_citation_style_that_cannot_format_the_survey_is_refused(tree) -> None:
    survey = BASE_TREE["survey.yaml"] + "citation_style: agora\n        "
    problems = tree({"survey.yaml": survey})
    assert problems == [
        "survey.yaml:11:17: citation style 'agora' cannot format papers/smith2024origin.yaml: "
        "citeproc-py fails on it (AttributeError); choose another style, e.g. 'apa'"
    ]


def test_control_and_direction_characters_in_text_are_refused_and_shown_escaped(tree) -> None:
    problems = tree(
        {
            "papers/doe2025a.yaml": _paper(title="x").replace(
                "title: 'x'", 'title: "Entropy \\x1b[31m"'
            )
        }
    )
    assert problems == [
        "papers/doe2025a.yaml:1:8: field 'title': character 9 is a control character (U+001B): "
        "control, line-break and direction-override characters are not allowed here; remove it"
    ]
    value = "sft-vs-rl\\n::error file=x,line=1::Forged"
    problems = tree({"papers/doe2025a.yaml": _paper().replace("[sft-vs-rl]", f'["{value}"]')})
    assert len(problems) == 1 and "\n" not in problems[0]
    assert "'sft-vs-rl\\n::error file=x,line=1::Forged' is not a valid id" in problems[0]


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("https://g\u0456thub.com/org/repo", "has a host name outside ASCII"),
        ("https://evil.example/\u202emoc.buhtig//:sptth", "RIGHT-TO-LEFT OVERRIDE (U+202E)"),
    ],
)
def test_links_that_disguise_their_target_are_refused(tree, link: str, message: str) -> None:
    problems = tree({"papers/doe2025a.yaml": _paper(f"code: '{link}'")})
    assert len(problems) == 1 and message in problems[0]


def test_admonition_syntax_in_text_stays_text(tmp_path: Path) -> None:
    finding = BASE_TREE["findings/rl-sharpens.yaml"].replace(
        "claim: RL sharpens what is there.", "claim: '??? danger'"
    )
    pages = _renders(write_tree(tmp_path / "data", {"findings/rl-sharpens.yaml": finding}))
    import markdown

    html = markdown.markdown(
        pages["findings/rl-sharpens.md"], extensions=["pymdownx.details", "attr_list", "md_in_html"]
    )
    assert '<details class="danger"' not in html and "??? danger" in html.replace("&#63;", "?")


def test_import_refuses_reserved_ids_and_counts_only_what_it_writes(tmp_path: Path, capsys) -> None:
    assert (
        _import_bib(tmp_path, "@misc{Index, title={An index}, author={Doe, J}, year={2025}}\n") == 1
    )
    assert (
        "key 'Index' gives the record id 'index', which cannot be used" in capsys.readouterr().out
    )
    root = write_tree(tmp_path / "survey")
    listing = tmp_path / "list.tsv"
    header = "\ufeffsection\tsubsection\tdate\tshortname\ttitle\tarxiv\tcode\n"
    rows = [
        "Training\tSFT and RL\t2025-09\t\tA valid new work\t2509.00001\t",
        "Training\tSFT and RL\t2025-09\t\t" + "Long " * 120 + "\t2509.00002\t",
        "Training\tSFT and RL",  # a short row
        "Training\tSFT and RL\t2025-09\t\tA title\u2028with a line separator\t2509.00003\t",
    ]
    listing.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    assert main(["--data", str(root), "import-list", str(listing), "--added", "2026-01-02"]) == 1
    out = capsys.readouterr().out
    assert f"{listing}:3:1: this row would make papers/" in out and "it was not written" in out
    assert f"{listing}:4:1: the row has no title (is it missing cells?)" in out
    assert "1 new papers" in out and "1 inconsistent rows skipped, 2 papers not written" in out
    assert "Traceback" not in out


# --- found by a review of the second round --------------------------------------------------------


def test_style_probe_tells_author_shapes_apart(tmp_path: Path) -> None:
    """A style can fail on a family-only author and not on family and given names: the
    probe must try both (it picks one reference of each shape)."""
    from livesurvey.outputs.bibliography import _shape

    given = _paper().replace("  - family: Doe", "  - family: Doe\n            given: Jo")
    with_given = load_survey(write_tree(tmp_path / "a", {"papers/doe2025a.yaml": given}))
    family_only = load_survey(write_tree(tmp_path / "b", {"papers/doe2025a.yaml": _paper()}))
    assert _shape(with_given.papers["doe2025a"]) != _shape(family_only.papers["doe2025a"])


def test_hand_written_downloads_and_markdown_pages_are_checked(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "data")
    docs = tmp_path / "docs"
    (docs / "papers").mkdir(parents=True)
    (docs / "papers" / "smith2024origin.bib").write_text("@misc{x}\n")
    (docs / "extra.markdown").write_text("See [@nosuchkey2020].\n")
    problems = [str(p) for p in check_survey(root, docs)[1]]
    assert problems == [
        "../docs/extra.markdown:1:1: unknown citation key 'nosuchkey2020'; check the spelling",
        "../docs/papers/smith2024origin.bib:1:1: this file takes the address "
        "/papers/smith2024origin.bib of a generated page or download; move or rename it",
    ]


def test_import_refuses_a_second_record_of_a_recorded_work(tmp_path: Path, capsys) -> None:
    root = write_tree(tmp_path / "data")
    bib = tmp_path / "in.bib"
    bib.write_text(
        "@misc{other2025, title={Another title}, author={Doe, J}, year={2025}, eprint={2504.13837}}\n"
    )
    assert main(["--data", str(root), "import-bib", str(bib), "--added", "2026-01-02"]) == 1
    out = capsys.readouterr().out
    assert "entry 'other2025' is the same work as papers/yue2025reinforcement.yaml" in out
    assert not (root / "papers" / "other2025.yaml").exists()


@pytest.mark.parametrize("finding_id", ["../vocab/evil", "index", "Not A Slug"])
def test_new_finding_ids_are_checked(tmp_path: Path, capsys, finding_id: str) -> None:
    root = write_tree(tmp_path / "data")
    args = ["--data", str(root), "new", "finding", finding_id, "--question", "capability-boundary"]
    args += ["--title", "T", "--claim", "C.", "--paper", "yue2025reinforcement", "--method"]
    assert main([*args, "linear-probing"]) == 1
    assert "nothing was written" in capsys.readouterr().out
    assert not (root / "vocab" / "evil.yaml").exists()
    assert sorted(p.name for p in (root / "findings").iterdir()) == ["rl-sharpens.yaml"]


def test_venues_follow_the_entry_type_and_other_venue_fields_are_kept(
    tmp_path: Path, capsys
) -> None:
    bib = (
        "@techreport{acme2025, title={A report}, author={Doe, J}, year={2025}, month={Spring},\n"
        "  institution={ACME Labs}, howpublished={Online}}\n"
    )
    assert _import_bib(tmp_path, bib) == 0  # an unreadable month is a warning, not a refusal
    record = yaml.safe_load((tmp_path / "data" / "papers" / "acme2025.yaml").read_text())
    assert (record["type"], record["venue"]) == ("techreport", "ACME Labs")
    assert record["bibtex_extra"] == {"howpublished": "Online"}
    assert (
        "month 'Spring' of 'acme2025' is not a month; the month is left out"
        in capsys.readouterr().out
    )


def test_file_names_cannot_forge_lines_of_output(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "data")
    (root / "papers" / "x\n::warning title=forged::pwned\n.yaml").write_text("title: x\n")
    problems = [str(p) for p in check_survey(root)[1]]
    assert problems and all("\n" not in p for p in problems)
    assert any("x\\n::warning title=forged::pwned\\n.yaml" in p for p in problems)


# --- old addresses: redirect pages, tombstones and notes ---------------------------------------


def test_a_retirement_reason_and_an_old_title_are_text_on_tombstones_and_redirects(
    tmp_path: Path,
) -> None:
    root = write_tree(tmp_path / "data")
    assert main(["--data", str(root), "anchors", "record"]) == 0
    hostile = "<img src=x onerror=alert(1)></title><script>alert(2)</script> [a](javascript:x) `c`"
    registry = (root / "anchors.yaml").read_text().replace("gone: []\n", "gone:\n")
    registry += f"""\
  - kind: findings
    id: rl-sharpens
    fate: retired
    title: '{hostile}'
    reason: '{hostile}'
    date: 2026-02-01
    last: '{hostile}'
  - kind: papers
    id: smith2024origin
    fate: renamed
    to: smith2024renamed
    title: '{hostile}'
    reason: '{hostile}'
    date: 2026-02-01
  - kind: questions
    id: capability-boundary
    fate: retired
    title: '{hostile}'
    reason: '{hostile}'
    date: 2026-02-01
"""
    (root / "anchors.yaml").write_text(registry)
    finding = root / "findings" / "rl-sharpens.yaml"
    finding.rename(root / "findings" / "rl-kept.yaml")  # a survey with no finding has no chart
    (root / "papers" / "smith2024origin.yaml").rename(root / "papers" / "smith2024renamed.yaml")
    survey = (root / "survey.yaml").read_text()
    (root / "survey.yaml").write_text(survey.replace("smith2024origin", "smith2024renamed"))
    taxonomy = (root / "taxonomy.yaml").read_text()
    taxonomy = taxonomy.replace("- id: capability-boundary", "- id: capability-limits")
    (root / "taxonomy.yaml").write_text(taxonomy)
    kept = root / "findings" / "rl-kept.yaml"
    kept.write_text(kept.read_text().replace("capability-boundary", "capability-limits"))
    pages = _renders(root)
    tombstone = pages["findings/rl-sharpens.md"]
    tombstone = tombstone[: tombstone.index("??? quote")]  # the BibTeX after it is a code block
    assert (
        "<img" not in tombstone and "<script" not in tombstone and "](javascript" not in tombstone
    )
    assert "&lt;img src&#61;x onerror&#61;alert\\(1\\)&gt;" in tombstone
    redirect = pages["papers/smith2024origin/index.html"]
    assert "<img" not in redirect and "<script>" not in redirect
    assert "<title>Moved: &lt;img src=x onerror=alert(1)&gt;&lt;/title&gt;" in redirect
    topic = pages["topics/sft-vs-rl.md"]
    note = topic[topic.index('<p class="survey-moved" id="capability-boundary">') :]
    assert "<img" not in note and "<script" not in note
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in note


def test_hostile_titles_stay_text_in_feeds_and_whats_new(tmp_path: Path) -> None:
    hostile = 'A </title><script>alert(1)</script> & ]]> "q" [x](javascript:alert(1)) <!--'
    data = make_history_repo(tmp_path, new_title=hostile)
    index = load_survey(data)
    read_history(index, data)
    pages = {page.uri: page.content for page in render_pages(index)}
    for uri in ("feed.xml", "feed-sft-vs-rl.xml"):
        feed = feedparser.parse(pages[uri])
        assert not feed.bozo, (uri, feed.bozo_exception)
        assert f"Paper added: {hostile}" in [entry.title for entry in feed.entries]
        assert "<script>" not in pages[uri] and "]]>" not in pages[uri]
        ElementTree.fromstring(pages[uri])  # well-formed XML
    line = next(line for line in pages["whats-new/index.md"].splitlines() if "doe2026later" in line)
    assert "<script>" not in line and "](javascript" not in line
