"""The BibTeX importer: conversion, idempotency, never overwriting curated fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from livesurvey.cli import main
from livesurvey.importers.bibtex_entries import record_id_for_key

BIB = r"""
@misc{Mueller:2026abc,
  author = {M{\"u}ller, J{\"o}rg and {Open Research Lab} and others},
  title = {On {LLM}s and $\alpha$-tuning},
  year = {2026},
  eprint = {2601.01234v2},
  archivePrefix = {arXiv},
  howpublished = {Preprint},
}

@inproceedings{smith2025ok,
  author = {Smith, Ann and de la Cruz, Juan},
  title = {A {Proper} Title},
  booktitle = {Proceedings of Something},
  year = {2025},
  doi = {https://doi.org/10.1234/ABC.5},
  url = {https://arxiv.org/abs/2501.00002v1},
}
"""


def _import(tmp_path: Path, text: str, *extra: str) -> int:
    bib = tmp_path / "in.bib"
    bib.write_text(text, encoding="utf-8")
    (tmp_path / "data").mkdir(exist_ok=True)
    return main(
        ["--data", str(tmp_path / "data"), "import-bib", str(bib), "--added", "2026-02-03", *extra]
    )


def _record(tmp_path: Path, record_id: str) -> dict:
    return yaml.safe_load((tmp_path / "data" / "papers" / f"{record_id}.yaml").read_text())


def test_ids_are_derived_from_keys() -> None:
    assert record_id_for_key("yue2025reinforcement") == "yue2025reinforcement"
    assert record_id_for_key("Mueller:2026abc") == "mueller-2026abc"


def test_import_converts_fields(tmp_path: Path) -> None:
    assert _import(tmp_path, BIB) == 0
    first = _record(tmp_path, "mueller-2026abc")
    assert first == {
        "key": "Mueller:2026abc",
        "title": "On LLMs and $\\alpha$-tuning",
        "authors": [{"family": "Müller", "given": "Jörg"}, {"name": "Open Research Lab"}],
        "more_authors": True,
        "year": 2026,
        "venue": "Preprint",
        "month": 1,  # from the arXiv id, as the entry has no month
        "arxiv": "2601.01234",
        "added": dt.date(2026, 2, 3),
    }
    second = _record(tmp_path, "smith2025ok")
    assert second["type"] == "inproceedings"
    assert second["authors"] == [
        {"family": "Smith", "given": "Ann"},
        {"family": "de la Cruz", "given": "Juan"},
    ]
    assert second["doi"] == "10.1234/ABC.5"
    assert second["arxiv"] == "2501.00002"
    assert second["venue"] == "Proceedings of Something"
    assert "url" not in second


def test_reimport_changes_nothing_and_keeps_curated_fields(tmp_path: Path, capsys) -> None:
    assert _import(tmp_path, BIB) == 0
    path = tmp_path / "data" / "papers" / "smith2025ok.yaml"
    curated = path.read_text().replace("title: A Proper Title", "title: A Curated Title")
    path.write_text(curated)
    capsys.readouterr()
    assert _import(tmp_path, BIB) == 0
    output = capsys.readouterr().out
    assert path.read_text() == curated
    assert "field 'title' differs from the .bib entry" in output
    assert "0 new, 0 completed, 2 unchanged, 1 conflicting fields kept" in output


def test_every_valid_entry_is_imported_and_every_refused_one_reported(
    tmp_path: Path, capsys
) -> None:
    broken = (
        BIB
        + "\n@misc{dup, title={x}, author={A, B}, year={2020}}"
        + "\n@misc{dup, title={y}, author={A, B}, year={2020}}"
        + "\n@misc{nofields, title={only a title}}"
        + "\n@misc{macro, title={x}, author={A, B}, year={2020}, journal=nomacro}"
        + "\n@misc{unclosed, title={never closed, author={A, B}, year={2020}}\n"
    )
    assert _import(tmp_path, broken) == 1
    output = capsys.readouterr().out
    assert "duplicate entry key 'dup'" in output
    assert "entry 'nofields' lacks author, year" in output
    assert "in.bib:23:1: field 'journal' of 'macro' uses the @string macro 'nomacro'" in output
    assert "in.bib:24:1: cannot parse this entry" in output
    assert (
        "imported: 3 new, 0 completed, 0 unchanged, 0 conflicting fields kept, 4 refused" in output
    )
    written = sorted(p.name for p in (tmp_path / "data" / "papers").iterdir())
    assert written == ["dup.yaml", "mueller-2026abc.yaml", "smith2025ok.yaml"]


def test_colliding_keys_are_an_error(tmp_path: Path, capsys) -> None:
    text = "@misc{Ab:1, title={x}, author={A, B}, year={2020}}\n@misc{ab-1, title={y}, author={A, B}, year={2020}}\n"
    assert _import(tmp_path, text) == 1
    assert "gives the record id 'ab-1', as key 'Ab:1' does" in capsys.readouterr().out


TRICKY = r"""
@string{tmlr = "Transactions on Machine Learning Research"}

@article{Garcia:2025xy,
  author = {Garc{\'\i}a, Mar{\'\i}a and {\O}stergaard, S{\o}ren and {Google DeepMind} and others},
  title = {{Nested {DeepSeek} braces} and math $O(n^2)$ in {TMLR}},
  journal = tmlr,
  year = 2025,
  month = sep,
  pages = {1--20},
  doi = {doi:10.48550/arXiv.2509.11111},
}

@inproceedings{child2025,
  crossref = {parent2025},
  title = {Child},
  author = {A, B},
  year = {2025},
}
"""


def test_tricky_bibtex(tmp_path: Path, capsys) -> None:
    assert _import(tmp_path, TRICKY) == 1  # the crossref entry is refused
    output = capsys.readouterr().out
    assert "entry 'child2025' uses crossref, which the importer does not follow" in output
    assert "in.bib:15:1: entry" in output  # the line of the crossref field
    assert "1 refused" in output
    record = _record(tmp_path, "garcia-2025xy")
    assert record["key"] == "Garcia:2025xy"
    assert record["title"] == "Nested DeepSeek braces and math $O(n^2)$ in TMLR"
    assert record["authors"] == [
        {"family": "García", "given": "María"},
        {"family": "Østergaard", "given": "Søren"},
        {"name": "Google DeepMind"},
    ]
    assert record["more_authors"] is True
    assert record["venue"] == "Transactions on Machine Learning Research"
    assert (record["type"], record["month"], record["pages"]) == ("article", 9, "1–20")
    assert record["arxiv"] == "2509.11111"
    assert "doi" not in record


def test_imported_records_pass_check(tmp_path: Path) -> None:
    from .conftest import write_tree

    data = write_tree(tmp_path / "data")
    bib = tmp_path / "in.bib"
    bib.write_text(BIB, encoding="utf-8")
    assert main(["--data", str(data), "import-bib", str(bib), "--added", "2026-02-03"]) == 0
    for paper in ("mueller-2026abc", "smith2025ok"):
        path = data / "papers" / f"{paper}.yaml"
        path.write_text(path.read_text().replace("added:", "topics: [sft-vs-rl]\nadded:"))
    assert main(["--data", str(data), "check", "--strict"]) == 0


def test_abstracts_and_preprint_venues_are_not_kept(tmp_path: Path, capsys) -> None:
    text = (
        "@article{doe2025a, title={A paper}, author={Doe, Jane}, year={2025},\n"
        "  journal={arXiv preprint arXiv:2503.01234}, eprint={2503.01234},\n"
        "  abstract={The authors' own words.}}\n"
    )
    assert _import(tmp_path, text) == 0
    record = _record(tmp_path, "doe2025a")
    assert "venue" not in record and "bibtex_extra" not in record
    assert (record["arxiv"], record["month"]) == ("2503.01234", 3)
    out = capsys.readouterr().out
    assert "the abstract of 'doe2025a' is not kept: abstracts are the authors' text" in out
    assert "'arXiv preprint arXiv:2503.01234' of 'doe2025a' names a preprint server" in out


def test_conflicts_show_both_values(tmp_path: Path, capsys) -> None:
    assert _import(tmp_path, BIB) == 0
    path = tmp_path / "data" / "papers" / "smith2025ok.yaml"
    path.write_text(path.read_text().replace("title: A Proper Title", "title: A Curated Title"))
    capsys.readouterr()
    assert _import(tmp_path, BIB) == 0
    assert (
        "field 'title' differs from the .bib entry (line 11): the record has 'A Curated Title', "
        "the entry 'A Proper Title'; kept the record's value"
    ) in capsys.readouterr().out


HEPML_SHAPED = r"""
@mastersthesis{Doe:2019abc,
  author = {Doe, Jane},
  title = {A thesis on jets},
  school = {Some University},
  year = {2019},
  month = {07--09 Jul},
  reportnumber = {XYZ-2019-01},
}
@phdthesis{roe2020,
  author = {Roe, Rick},
  title = {A {PhD} thesis},
  school = {Another University},
  year = {2020},
  reportnumber = {XYZ-2020-02},
}
@conference{poe2021,
  author = {Poe, Pat},
  title = {A talk},
  booktitle = {Proceedings of a meeting},
  year = {2021},
  month = {jul--sep},
  reportnumber = {XYZ-2021-03},
}
@article{noyear,
  author = {Noe, Nat},
  title = {No year given},
}
@misc{empty,
}
"""


def test_standard_types_month_ranges_and_one_warning_per_unknown_field(
    tmp_path: Path, capsys
) -> None:
    assert _import(tmp_path, HEPML_SHAPED) == 1  # two entries are refused
    output = capsys.readouterr().out
    thesis = _record(tmp_path, "doe-2019abc")
    assert (thesis["type"], thesis["venue"], thesis["month"]) == (
        "mastersthesis",
        "Some University",
        7,
    )
    assert _record(tmp_path, "roe2020")["type"] == "phdthesis"
    talk = _record(tmp_path, "poe2021")
    assert (talk["type"], talk["month"]) == ("inproceedings", 7)
    assert output.count("field 'reportnumber'") == 1
    assert "field 'reportnumber' (3 entries, the first here) has no place" in output
    assert "entry 'noyear' lacks year" in output
    assert "3 new, 0 completed, 0 unchanged, 0 conflicting fields kept, 2 refused" in output


def test_a_doi_with_latex_escapes_imports_as_the_doi(tmp_path: Path) -> None:
    """Real files escape '_' in DOIs as LaTeX would ('...-8\\_9'); the DOI is '...-8_9'."""
    bib = r"""@incollection{Amrouche:2019wmx,
  author = {Amrouche, Sabrina},
  title = {A chapter with an escaped DOI},
  year = {2019},
  doi = {10.1007/978-3-030-29135-8\_9},
}
"""
    assert _import(tmp_path, bib) == 0
    assert _record(tmp_path, "amrouche-2019wmx")["doi"] == "10.1007/978-3-030-29135-8_9"
