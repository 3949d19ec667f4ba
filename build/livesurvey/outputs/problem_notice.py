"""The notice a preview shows in the browser when the records have errors.

While a contributor edits records with the live preview running, an invalid record should
be seen where they look: on the page, with file, line and what to fix, not only in the
terminal. Problem text can hold record text, so everything is escaped.
"""

from __future__ import annotations

import html

from ..core.problems import Problem, format_report

ARTICLE_START = '<article class="md-content__inner md-typeset">'
"""Where the notice goes in a page of Material for MkDocs."""


def problem_notice(problems: list[Problem], data_folder: str) -> str:
    """An HTML box listing every problem, for the top of each page."""
    report = html.escape(format_report(problems, f"{data_folder}/"))
    return (
        '<div class="admonition failure survey-problems" role="alert">'
        '<p class="admonition-title">The records cannot be built; fix these, and the page '
        "reloads by itself</p>"
        f"<pre>{report}</pre></div>"
    )


def with_notice(page_html: str, notice: str) -> str:
    """``page_html`` with ``notice`` at the start of its article (unchanged if none is found)."""
    return page_html.replace(ARTICLE_START, ARTICLE_START + notice, 1)
