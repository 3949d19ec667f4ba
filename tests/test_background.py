"""Pages written by a second process while MkDocs builds are the pages written inline."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from livesurvey import SurveyIndex, render_pages, write_pages
from livesurvey.outputs.background import RenderError

from .conftest import copy_project, mkdocs_build

BROKEN_PAPER_TEMPLATE = "# {{ paper.record.title }}\n\n{{ no_such_value.field }}\n"


def test_pages_from_the_second_process_are_the_pages_written_inline(
    fixture_index: SurveyIndex,
) -> None:
    inline = render_pages(fixture_index)
    streamed = write_pages(fixture_index, in_background=True)
    assert sorted(e.uri for e in streamed.entries) == [p.uri for p in inline]
    for page in inline:
        assert streamed.content(page.uri) == page.content, page.uri
    entries = {e.uri: e for e in streamed.entries}
    assert all(
        (entries[p.uri].record_path, entries[p.uri].listed) == (p.record_path, p.listed)
        for p in inline
    )
    streamed.close()


def test_pages_come_in_the_order_mkdocs_reads_them(fixture_index: SurveyIndex) -> None:
    """Markdown pages before data files (MkDocs converts every page before copying files),
    and the bibliography, which formats every reference, last of the pages."""
    uris = [e.uri for e in write_pages(fixture_index, in_background=False).entries]
    markdown = [u for u in uris if u.endswith(".md")]
    assert uris[: len(markdown)] == markdown
    assert markdown[-1] == "bibliography/index.md"
    assert markdown[:-1] == sorted(markdown[:-1])


def test_a_failure_in_the_second_process_reaches_the_build_with_its_cause(
    fixture_index: SurveyIndex, tmp_path: Path
) -> None:
    (tmp_path / "paper.md.j2").write_text(BROKEN_PAPER_TEMPLATE, encoding="utf-8")
    pages = write_pages(fixture_index, template_dirs=[tmp_path], in_background=True)
    paper = next(e.uri for e in pages.entries if e.uri.startswith("papers/"))
    with pytest.raises(RenderError) as raised:
        pages.content(paper)
    message = str(raised.value)
    assert message.startswith("writing the generated pages failed:")
    assert "'no_such_value' is undefined" in message and "Traceback" in message
    pages.close()


@pytest.mark.slow
def test_the_site_built_with_a_second_process_is_the_site_built_inline(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    sites = {}
    for way in ("inline", "background"):
        sites[way] = tmp_path / way
        result = mkdocs_build(project, sites[way], "--strict", env={"LIVESURVEY_RENDER": way})
        assert result.returncode == 0, result.stderr
    files = sorted(
        p.relative_to(sites["inline"]) for p in sites["inline"].rglob("*") if p.is_file()
    )
    assert len(files) > 1000
    assert files == sorted(
        p.relative_to(sites["background"]) for p in sites["background"].rglob("*") if p.is_file()
    )
    _, differ, errors = filecmp.cmpfiles(sites["inline"], sites["background"], files, shallow=False)
    assert (differ, errors) == ([], [])
    # a template that fails stops the build with the template's error, not a hang or a crash
    overrides = project / "overrides" / "survey"
    overrides.mkdir(parents=True, exist_ok=True)
    (overrides / "paper.md.j2").write_text(BROKEN_PAPER_TEMPLATE, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "broken")
    assert result.returncode == 1
    assert "writing the generated pages failed" in result.stderr
    assert "'no_such_value' is undefined" in result.stderr
