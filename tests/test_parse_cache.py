"""Record files parsed in an earlier run are reused while their bytes are the same."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from livesurvey import check_survey
from livesurvey.records import yaml_source
from livesurvey.records.parse_cache import CACHE_FILE, ParseCache

from .conftest import DATA, write_tree

EDITED_PAPER = "papers/smith2024origin.yaml"


def _parsed_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files parsed from here on (not taken from the cache)."""
    parsed: list[str] = []
    real = yaml_source.load_yaml

    def counting(text: str, path: str, log: object) -> object:
        parsed.append(path)
        return real(text, path, log)  # type: ignore[arg-type]

    monkeypatch.setattr(yaml_source, "load_yaml", counting)
    return parsed


def test_a_second_check_parses_only_the_files_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_tree(tmp_path / "data")
    cache = tmp_path / "cache"
    first_index, first_problems = check_survey(root, cache_dir=cache)
    assert first_index is not None and (cache / CACHE_FILE).is_file()
    assert (cache / "CACHEDIR.TAG").is_file()
    parsed = _parsed_files(monkeypatch)
    index, problems = check_survey(root, cache_dir=cache)
    assert parsed == [] and index is not None
    assert problems == first_problems
    assert index.papers.keys() == first_index.papers.keys()
    assert all(index.papers[k].record == first_index.papers[k].record for k in index.papers)
    assert all(index.findings[k].record == first_index.findings[k].record for k in index.findings)
    # positions still point at the right lines: a problem found later is reported in place
    paper = index.papers["smith2024origin"]
    assert paper.document.at(("title",)) == first_index.papers["smith2024origin"].document.at(
        ("title",)
    )
    edited = root / EDITED_PAPER
    edited.write_text(edited.read_text().replace("title: ", "title: Edited ", 1))
    index, _ = check_survey(root, cache_dir=cache)
    assert parsed == [EDITED_PAPER] and index is not None
    assert index.papers["smith2024origin"].record.title.startswith("Edited ")


def test_files_with_problems_are_parsed_and_reported_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = "title: A\ntitle: B\n"  # a duplicate key: reported, never cached
    root = write_tree(tmp_path / "data", {"papers/twice.yaml": broken})
    cache = tmp_path / "cache"
    _, first = check_survey(root, cache_dir=cache)
    parsed = _parsed_files(monkeypatch)
    _, second = check_survey(root, cache_dir=cache)
    assert parsed == ["papers/twice.yaml"]
    assert second == first and any("duplicate key 'title'" in str(p) for p in second)


def test_a_damaged_or_hostile_cache_is_ignored_and_runs_no_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_tree(tmp_path / "data")
    cache = tmp_path / "cache"
    _, expected = check_survey(root, cache_dir=cache)
    witness = tmp_path / "code-ran"

    class Hostile:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (Path.touch, (str(witness),))  # type: ignore[return-value]

    for content in (b"not a pickle", pickle.dumps(Hostile()), pickle.dumps(("x", {}))):
        (cache / CACHE_FILE).write_bytes(content)
        parsed = _parsed_files(monkeypatch)
        index, problems = check_survey(root, cache_dir=cache)
        assert index is not None and problems == expected
        assert len(parsed) == 6  # every file parsed afresh
        assert not witness.exists()
        monkeypatch.undo()
    assert ParseCache(cache).stored  # the last run wrote a good cache again


def test_the_parse_cache_can_be_turned_off(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "data")
    cache = tmp_path / "cache"
    assert ParseCache(cache, environ={"LIVESURVEY_CACHE": "off"}).path is None
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("LIVESURVEY_CACHE", "off")
    try:
        check_survey(root, cache_dir=cache)
    finally:
        monkeypatch.undo()
    assert not cache.exists()


def test_line_breaks_read_as_before(tmp_path: Path) -> None:
    """Windows line breaks (and old Mac ones) are read as a text-mode read gives them."""
    root = write_tree(tmp_path / "data")
    paper = root / EDITED_PAPER
    text = paper.read_text()
    paper.write_bytes(text.replace("\n", "\r\n").encode())
    index, problems = check_survey(root, cache_dir=tmp_path / "cache")
    assert index is not None, problems
    plain, _ = check_survey(write_tree(tmp_path / "plain"))
    assert plain is not None
    assert index.papers["smith2024origin"].record == plain.papers["smith2024origin"].record


def test_positions_are_worked_out_only_for_records_with_problems(tmp_path: Path) -> None:
    """A check reads every file once: a file is read again, for the positions, only when a
    problem in it is reported; a cached file gives the same positions as a parsed one."""
    cache = tmp_path / "cache"
    for _ in range(2):  # parsed, then from the cache
        index, problems = check_survey(DATA, cache_dir=cache)
        assert index is not None
        reported = {problem.location.path for problem in problems}
        documents = [s.document for kind in index.files.values() for s in kind.values()]
        assert len(documents) > 100
        for document in documents:
            assert (document._positions is None) or document.path in reported, document.path
    fresh, _ = check_survey(DATA)
    assert fresh is not None
    for paper_id, paper in index.papers.items():
        assert paper.document.value_positions == fresh.papers[paper_id].document.value_positions
        assert paper.document.key_positions == fresh.papers[paper_id].document.key_positions
        title = paper.document.key_at(("title",))
        line = (DATA / "papers" / f"{paper_id}.yaml").read_text().splitlines()[title.line - 1]
        assert line[title.column - 1 :].startswith("title:")
