"""livesurvey: turn YAML records of a literature survey into Markdown pages.

The engine knows nothing about MkDocs (``hooks/`` holds the adapter) and nothing
about any particular survey (that lives in the data folder). Its stages are
subpackages, each importing only from the stages before it::

    core/       problems, text safety, suggestions
    records/    YAML with positions, schema, the registry of record kinds, loading
    model/      the linked index: references resolved, relations both ways
    quality/    data-quality checks
    importers/  BibTeX and paper lists into records
    outputs/    pages, exports, bibliography, statistics, citations in prose
    pipeline    load + validate + link + lint in one call;   cli: the command line

What the hooks and tests need is re-exported here.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "CACHE_FOLDER": ".outputs.memo",
    "CitationExpander": ".outputs.citations",
    "DIMENSIONS_PLACEHOLDER": ".outputs.navigation",
    "GeneratedPage": ".outputs.generated",
    "GeneratedPages": ".outputs.background",
    "Location": ".core.problems",
    "Problem": ".core.problems",
    "Severity": ".core.problems",
    "SurveyDataError": ".core.problems",
    "SurveyIndex": ".model.index",
    "check_survey": ".pipeline",
    "expand_nav": ".outputs.navigation",
    "find_collisions": ".outputs.generated",
    "format_report": ".core.problems",
    "load_survey": ".pipeline",
    "normalise_url": ".core.text",
    "render_pages": ".outputs.rendering",
    "write_pages": ".outputs.background",
}
"""Where each re-exported name lives. They are imported when first asked for: ``livesurvey
check`` then loads the stages it runs, not the rendering it does not need."""


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'livesurvey' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name], __name__), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # what type checkers and editors see
    from .core.problems import Location, Problem, Severity, SurveyDataError, format_report
    from .core.text import normalise_url
    from .model.index import SurveyIndex
    from .outputs.background import GeneratedPages, write_pages
    from .outputs.citations import CitationExpander
    from .outputs.generated import GeneratedPage, find_collisions
    from .outputs.memo import CACHE_FOLDER
    from .outputs.navigation import DIMENSIONS_PLACEHOLDER, expand_nav
    from .outputs.rendering import render_pages
    from .pipeline import check_survey, load_survey

__all__ = [
    "CACHE_FOLDER",
    "DIMENSIONS_PLACEHOLDER",
    "CitationExpander",
    "GeneratedPage",
    "GeneratedPages",
    "Location",
    "Problem",
    "Severity",
    "SurveyDataError",
    "SurveyIndex",
    "check_survey",
    "expand_nav",
    "find_collisions",
    "format_report",
    "load_survey",
    "normalise_url",
    "render_pages",
    "write_pages",
]
