"""Make untrusted record text safe for the exact place it lands.

Record text must read as text: never as Markdown markup, HTML, or an
extension's syntax (emoji shortcodes, tables, attribute lists). One function
per context:

- Markdown body: :func:`escape_markdown` (templates apply it to every value unless the
  engine wrapped it in :class:`Trusted`);
- HTML that a theme prints as it is (navigation titles): :func:`html_text`;
- Markdown link targets: :func:`escape_url`, and :func:`url_fragment` for anchors;
- code: :func:`inline_code`, :func:`escape_code_block`.

BibTeX values and CSV cells have their own escaping where those files are written.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import quote, urlsplit, urlunsplit

# Characters Python-Markdown lets a backslash escape.
_BACKSLASHED = set("\\`*_{}[]()#+-.!")
# Characters that mean something to HTML or to Markdown extensions, written as entities.
_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "&#124;",
    ":": "&#58;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    "$": "&#36;",
    '"': "&quot;",
    "@": "&#64;",
    "?": "&#63;",  # "??? note" opens a collapsible block (pymdownx.details)
}
_WHITESPACE = re.compile(r"\s+")
_MARKDOWN_ESCAPES = str.maketrans({**{c: "\\" + c for c in _BACKSLASHED}, **_ENTITIES})


class Trusted(str):
    """Markdown produced by the engine itself; passes through templates unescaped."""


def escape_markdown(text: object) -> str:
    """Escape ``text`` so that it renders literally, on one line, in Markdown and HTML."""
    if isinstance(text, Trusted):
        return text
    return _WHITESPACE.sub(" ", str(text)).strip().translate(_MARKDOWN_ESCAPES)


def html_text(text: object) -> str:
    """Text for HTML printed as it is (MkDocs' navigation titles): one line, entities."""
    return html.escape(_WHITESPACE.sub(" ", str(text)).strip(), quote=True)


def url_fragment(anchor: str) -> str:
    """An anchor made safe as the fragment of a link target (``#...``)."""
    return quote(anchor, safe="-._~:@!$&'*+,;=/?")


def escape_url(url: str) -> str:
    """Make a checked http(s) URL safe as a Markdown link target."""
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._").replace("(", "%28").replace(")", "%29")


def escape_code_block(text: str) -> str:
    """Text for inside a fenced code block: no line may close the fence."""
    return text.replace("```", "` ` `")


def inline_code(text: str) -> str:
    """A Markdown code span showing ``text`` literally, whatever backticks it holds."""
    flat = _WHITESPACE.sub(" ", text).strip()
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{padding}{flat}{padding}{fence}"


def normalise_url(url: str) -> str:
    """Resolve '.' and '..' in a URL's path: 'https://h/a/docs/../x' -> 'https://h/a/x'."""
    parts = urlsplit(url)
    path = posixpath.normpath(parts.path) if parts.path else parts.path
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    return urlunsplit(parts._replace(path=path))
