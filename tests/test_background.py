"""Pages written by a second process while MkDocs builds are the pages written inline."""

from __future__ import annotations

import filecmp
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from livesurvey import SurveyIndex, render_pages, write_pages
from livesurvey.outputs import background
from livesurvey.outputs.background import RenderError

from .conftest import REPO, SITE_REPOSITORY, copy_project, mkdocs_build

sys.path.insert(0, str(REPO / "hooks"))
from page_html import stand_in

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
    """Also, the blocks the engine writes as HTML in the second process (html_blocks) are what
    MkDocs makes of them: the inline build leaves them to Python-Markdown; and the search
    entries the second process makes are those Material's plugin makes."""
    project = copy_project(tmp_path)
    sites = {}
    for way in ("inline", "background"):
        sites[way] = tmp_path / way
        # as GitHub Actions builds it, with edit links (set on the pages MkDocs reads)
        environment = {"LIVESURVEY_RENDER": way, "GITHUB_REPOSITORY": SITE_REPOSITORY}
        result = mkdocs_build(project, sites[way], "--strict", env=environment)
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


def test_the_stand_in_keeps_what_mkdocs_needs_before_converting_a_page() -> None:
    """Metadata and the title line: the page's title, search settings, template."""
    page = "---\nsearch:\n  boost: 1.5\n---\n\n# A *finding* {#top}\n\nText.\n\n## More\n"
    assert stand_in(page) == "---\nsearch:\n  boost: 1.5\n---\n\n# A *finding* {#top}\n"
    assert stand_in("# Title\n\n| a | b |\n") == "# Title\n"
    # MkDocs takes a title only from a level-1 heading that opens the page
    assert stand_in("Some text.\n\n# Later heading\n") == ""
    assert stand_in("## Not a title\n") == ""


LINKS_TO_NOWHERE = (
    "# {{ paper.record.title }}\n\n"
    "[a page that does not exist](../nowhere.md) and "
    "[an anchor that does not exist](../papers/index.md#no-such-anchor)\n"
)


def _warnings(stderr: str) -> set[str]:
    return set(re.findall(r"WARNING.*", stderr))


@pytest.mark.slow
def test_pages_converted_by_the_second_process_are_checked_like_the_others(
    tmp_path: Path,
) -> None:
    """What MkDocs reports while converting a generated page (a missing file, a missing
    anchor) is reported, and fails a strict build, wherever the page was converted."""
    project = copy_project(tmp_path)
    overrides = project / "overrides" / "survey"
    overrides.mkdir(parents=True, exist_ok=True)
    (overrides / "paper.md.j2").write_text(LINKS_TO_NOWHERE, encoding="utf-8")
    reports = {}
    for way in ("inline", "background"):
        result = mkdocs_build(project, tmp_path / way, "--strict", env={"LIVESURVEY_RENDER": way})
        assert result.returncode == 1, result.stderr
        assert "in strict mode" in result.stdout + result.stderr
        reports[way] = _warnings(result.stderr)
    missing_file = [w for w in reports["background"] if "'../nowhere.md'" in w]
    missing_anchor = [w for w in reports["background"] if "'#no-such-anchor'" in w]
    assert missing_file and "is not found among documentation files" in missing_file[0]
    assert missing_anchor and "does not contain an anchor" in missing_anchor[0]
    assert reports["background"] == reports["inline"]


class _FirstLineAndUpperCase:
    """A finisher for the tests: the first line stands in, the page finishes upper-cased."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.fail_on = fail_on

    def stand_in(self, uri: str, text: str) -> str:
        return text.split("\n", 1)[0]

    def start(self, uris: Sequence[str]) -> None:
        assert any(uri.endswith(".bib") for uri in uris)  # every generated file, not only pages

    def finish(self, uri: str, text: str) -> object:
        if uri == self.fail_on:
            raise ValueError(f"cannot finish {uri}")
        return text.upper()

    def end(self) -> None:
        pass


@pytest.mark.parametrize("finishers", [1, 3])
def test_the_second_process_finishes_the_pages_it_wrote(
    fixture_index: SurveyIndex, finishers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Alone, or sharing the pages with helpers (as on a machine with more processors)."""
    monkeypatch.setattr(background, "finishing_processes", lambda: finishers)
    inline = {p.uri: p.content for p in render_pages(fixture_index)}
    pages = write_pages(fixture_index, in_background=True, finisher=_FirstLineAndUpperCase())
    markdown = [e.uri for e in pages.entries if e.is_markdown]
    assert len(markdown) > 50
    for uri in markdown:
        assert pages.content(uri) == inline[uri].split("\n", 1)[0]
        assert pages.finished(uri) == inline[uri].upper()
    data_file = next(e.uri for e in pages.entries if not e.is_markdown)
    assert pages.content(data_file) == inline[data_file]  # data files are sent whole
    pages.close()
    # written in this process, the pages are whole and the generator finishes them itself
    here = write_pages(fixture_index, in_background=False, finisher=_FirstLineAndUpperCase())
    assert here.content(markdown[0]) == inline[markdown[0]]
    assert here.finished(markdown[0]) is None


@pytest.mark.parametrize(
    ("finishers", "failing"), [(1, 3), (2, 3), (2, 4), (1, "bibliography/index.md")]
)
def test_a_failure_while_finishing_reaches_the_build_with_its_cause(
    fixture_index: SurveyIndex,
    finishers: int,
    failing: int | str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Wherever the page fails: in the second process, a helper, or the slow pages' writer."""
    monkeypatch.setattr(background, "finishing_processes", lambda: finishers)
    uris = [p.uri for p in render_pages(fixture_index) if p.uri.endswith(".md")]
    uri = uris[failing] if isinstance(failing, int) else failing
    pages = write_pages(
        fixture_index, in_background=True, finisher=_FirstLineAndUpperCase(fail_on=uri)
    )
    with pytest.raises(RenderError) as raised:
        pages.finished(uri)
    assert f"ValueError: cannot finish {uri}" in str(raised.value)
    pages.close()
