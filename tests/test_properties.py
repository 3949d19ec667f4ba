"""Property-based tests: whatever the input, the loader, the validator and the BibTeX importer
give a result or clean problems, never a traceback."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from livesurvey.core.problems import Location, ProblemLog
from livesurvey.importers.bibtex_entries import parse_bibliography
from livesurvey.records import yaml_source
from livesurvey.records.kinds import KINDS
from livesurvey.records.validation import validate_document
from livesurvey.records.yaml_source import SourceDocument, load_yaml
from yaml.nodes import ScalarNode

SETTINGS = settings(max_examples=150, deadline=None)

YAML_PIECES = st.sampled_from(
    [
        "title: ",
        "authors:\n",
        "  - family: ",
        "- ",
        ": ",
        "&a ",
        "*a",
        "<<: ",
        "[",
        "]",
        "{",
        "}",
        "'",
        '"',
        "\n",
        "  ",
        "#",
        "!!python/object ",
        "2026-01-01",
        "\x07",
        "\u200b",
        "é",
        "|\n",
        "---\n",
        "...",
        "? ",
    ]
)
BIBTEX_PIECES = st.sampled_from(
    [
        "@misc{",
        "@article{",
        "@string{",
        "@comment{",
        "@preamble{",
        "key,",
        "Ключ,",
        "title = ",
        "author = ",
        "year = ",
        "journal = ",
        "{",
        "}",
        '"',
        "#",
        "%",
        "\\",
        "\\href{",
        "\\frac",
        "$",
        "and ",
        "others",
        ",",
        "\n",
        "2025",
        "abc",
    ]
)


def _checked(problems: list[Any]) -> None:
    for problem in problems:
        assert isinstance(problem.location, Location)
        assert problem.location.line >= 1 and problem.location.column >= 1
        assert "Traceback" not in problem.message


@SETTINGS
@given(st.text(max_size=300) | st.lists(YAML_PIECES, max_size=40).map("".join))
def test_any_text_loads_or_gives_clean_problems(text: str) -> None:
    log = ProblemLog()
    document = load_yaml(text, "papers/x.yaml", log)
    assert document is not None or log.errors
    _checked(log.problems)


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))
)
KEYS = st.sampled_from(
    ["title", "authors", "family", "year", "evidence", "paper", "stance", "methods", "id", "x"]
) | st.text(max_size=8)
DATA = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=25,
)


@SETTINGS
@given(st.sampled_from(KINDS), st.dictionaries(KEYS, DATA, max_size=8))
def test_any_data_validates_or_gives_clean_problems(kind: Any, data: dict[str, Any]) -> None:
    log = ProblemLog()
    document = SourceDocument(path=kind.file_path("x"), data=data)
    record = validate_document(document, kind.model, log)
    assert (record is None) == bool(log.errors)
    _checked(log.problems)


@SETTINGS
@given(st.text(max_size=300) | st.lists(BIBTEX_PIECES, max_size=50).map("".join))
def test_any_bibtex_imports_or_gives_clean_problems(text: str) -> None:
    log = ProblemLog()
    parsed = parse_bibliography(text, "in.bib", log, added=dt.date(2026, 1, 1))
    for entry in parsed.entries:
        assert entry.record_id and entry.fields["title"] is not None
    _checked(log.problems)


DIRECTORIES = st.lists(st.sampled_from(["a", "b", "papers", "topics"]), max_size=3)
FILES = st.sampled_from(["index.md", "a.md", "x.md", "survey.bib"])


@SETTINGS
@given(DIRECTORIES, FILES, DIRECTORIES, FILES)
def test_relative_links_are_those_of_posixpath(
    source_dirs: list[str], source: str, target_dirs: list[str], target: str
) -> None:
    """The engine's own relative links (fast) agree with posixpath.relpath (the reference)."""
    import posixpath

    from livesurvey.outputs.uris import relative_link

    from_uri, to_uri = "/".join([*source_dirs, source]), "/".join([*target_dirs, target])
    expected = (
        posixpath.basename(to_uri)
        if from_uri == to_uri
        else posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    )
    assert relative_link(from_uri, to_uri) == expected


@SETTINGS
@given(st.text())
def test_escaped_markdown_reads_back_as_the_text_and_holds_no_raw_markup(text: str) -> None:
    import html
    import re

    from livesurvey.core.text import escape_markdown

    escaped = escape_markdown(text)
    assert "\n" not in escaped and not any(c in escaped for c in '<>|:~^=$"@?')
    unescaped = html.unescape(re.sub(r"\\(.)", r"\1", escaped))
    assert unescaped == " ".join(text.split())


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_text_the_latex_decoder_would_not_change_skips_it(text: str) -> None:
    """The importer's shortcut for plain values gives what pylatexenc itself gives."""
    import re

    from livesurvey.importers import bibtex_entries
    from pylatexenc.latex2text import LatexNodes2Text

    decoded = bibtex_entries._latex_to_text(text)
    if bibtex_entries._NEEDS_LATEX.search(text):
        return  # decoded by pylatexenc itself
    reference = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
    assert decoded == re.sub(r"\s+", " ", reference.latex_to_text(text)).strip()


@SETTINGS
@given(st.text(alphabet="ab {}XY,.\u00e9", max_size=30))
def test_values_with_only_braces_decode_as_pylatexenc_decodes_them(text: str) -> None:
    import re

    from livesurvey.importers import bibtex_entries
    from pylatexenc.latex2text import LatexNodes2Text

    reference = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
    try:
        expected = re.sub(r"\s+", " ", reference.latex_to_text(text)).strip()
    except Exception:
        return  # unreadable for pylatexenc: the importer reports it
    assert bibtex_entries._latex_to_text(text) == expected


@SETTINGS
@given(st.text())
def test_titles_normalise_as_the_letter_by_letter_definition_says(title: str) -> None:
    import unicodedata

    from livesurvey.quality.rules import normalise_title

    folded = unicodedata.normalize("NFKD", title.casefold())
    expected = "".join(c for c in folded if c.isalnum() and not unicodedata.combining(c))
    assert normalise_title(title) == expected


SCALARS = st.text(max_size=20) | st.sampled_from(
    ["", "~", "null", "Yes", "off", "0o17", "0x1F", "1_000", "-1.5e3", ".inf", ".NaN", "2026-01-01",
     "2026-1-1 10:00:00Z", "<<", "=", "01:30", "1:20:30", "+12", "0b101"]
)  # fmt: skip


@given(SCALARS, st.booleans())
def test_scalars_get_the_type_pyyaml_gives_them(value: str, plain: bool) -> None:
    """The reader's quicker choice of a scalar's type is PyYAML's own safe choice."""
    ours = yaml_source._Loader("")
    theirs = yaml.SafeLoader("")
    implicit = (plain, not plain)
    assert ours.resolve(ScalarNode, value, implicit) == theirs.resolve(ScalarNode, value, implicit)
