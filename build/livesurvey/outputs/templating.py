"""The Jinja2 environment: packaged templates, overridable, strict, escaping by default."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
)

from ..core.text import escape_markdown
from .page_helpers import stance_tally


def make_environment(override_dirs: Sequence[Path] = ()) -> Environment:
    """Templates from ``override_dirs`` first, then the packaged defaults."""
    loaders: list[BaseLoader] = (
        [FileSystemLoader([str(d) for d in override_dirs])] if override_dirs else []
    )
    loaders.append(PackageLoader("livesurvey.outputs", "templates"))
    environment = Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=escape_markdown,
        keep_trailing_newline=True,
        # Markdown's attribute lists ('{#anchor}') look like Jinja comments; move comments aside.
        comment_start_string="{%#",
        comment_end_string="#%}",
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["tally"] = stance_tally
    return environment
