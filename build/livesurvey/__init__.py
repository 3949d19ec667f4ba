"""livesurvey: turn YAML records of a literature survey into Markdown pages.

The engine knows nothing about MkDocs (see ``hooks/`` for the adapter) and
nothing about any particular survey (that lives in the data folder).
"""

from .citations import CitationExpander
from .link import SurveyIndex
from .navigation import DIMENSIONS_PLACEHOLDER, expand_nav, find_collisions
from .pages import GeneratedPage
from .problems import Location, Problem, Severity, SurveyDataError, format_report
from .render import render_pages
from .survey import check_survey, load_survey
from .text import normalise_url

__all__ = [
    "DIMENSIONS_PLACEHOLDER",
    "CitationExpander",
    "GeneratedPage",
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
]
