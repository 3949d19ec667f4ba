"""The registry of generated pages and files: each kind is declared here, once.

A kind names its URL pattern (built from ids, never from titles), its template
(a Markdown page) or none (a data file), and the function in
:mod:`livesurvey.outputs.page_data` that lists its pages with their values.
Rendering, navigation and citations in prose take URLs from here. Adding a kind
of page means one entry here, its template, its function in page_data, and its
tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..core.problems import Location, Problem
from ..model.index import SurveyIndex
from ..records.kinds import KINDS
from . import page_data
from .editions import EDITIONS_FOLDER
from .exports.formats import FORMATS
from .page_data import PageSpec
from .uris import site_path


@dataclass(frozen=True)
class PageKind:
    """One kind of generated page or data file."""

    name: str
    pattern: str
    """Path relative to the docs folder, with fields from the page's ids, e.g. 'papers/{id}.md'."""
    template: str | None
    """The Jinja2 template of a Markdown page; ``None`` for a data file."""
    specs: Callable[[SurveyIndex], Iterator[PageSpec]]
    """Every page of this kind, with what fills the pattern and the template."""
    search_boost: float = 1.0
    """How high the site's search ranks these pages against others that match as well
    (written as front matter for Material's search plugin; 1 is the default)."""
    searchable: bool = True
    """``False`` keeps these pages out of the site's search altogether."""
    wide: bool = False
    """Pages built around one wide table: the table of contents is not shown beside them
    (Material's ``hide: [toc]``), so that the table has the width of the screen."""

    def front_matter(self, feed: str | None = None) -> str:
        """The page's YAML front matter for MkDocs and Material ('' when it needs none);
        ``feed`` is the link to the page's Atom feed, announced in its head."""
        lines: list[str] = [f"survey_feed: {feed}"] if feed else []
        if not self.searchable:
            lines += ["search:", "  exclude: true"]
        elif self.search_boost != 1.0:
            lines += ["search:", f"  boost: {self.search_boost:g}"]
        if self.wide:
            lines += ["hide:", "  - toc"]
        return "---\n" + "\n".join(lines) + "\n---\n\n" if lines else ""

    def uri(self, id: str = "", **parts: str) -> str:
        """The path of one page of this kind, e.g. ``PAPER.uri('x')`` -> 'papers/x.md'."""
        return self.pattern.format(id=id, **parts)


DIMENSIONS_INDEX = PageKind(
    "dimensions-index", "dimensions/index.md", "dimensions.md.j2", page_data.dimensions_index
)
DIMENSION = PageKind(
    "dimension",
    "dimensions/{id}/index.md",
    "dimension.md.j2",
    page_data.dimension_pages,
    search_boost=5,
)
TOPIC = PageKind("topic", "topics/{id}.md", "topic.md.j2", page_data.topic_pages, search_boost=5)
TOPIC_BIBTEX = PageKind("topic-bibtex", "topics/{id}.bib", None, page_data.topic_bibtex_files)
FINDINGS_INDEX = PageKind(
    "findings-index", "findings/index.md", "findings.md.j2", page_data.findings_index
)
FINDING = PageKind(
    "finding", "findings/{id}.md", "finding.md.j2", page_data.finding_pages, search_boost=1.5
)
# The papers index lists every paper: a paper's own page ranks above it for the paper's words.
PAPERS_INDEX = PageKind(
    "papers-index",
    "papers/index.md",
    "papers.md.j2",
    page_data.papers_index,
    wide=True,
    search_boost=0.3,
)
PAPER = PageKind("paper", "papers/{id}.md", "paper.md.j2", page_data.paper_pages)
PAPER_BIBTEX = PageKind("paper-bibtex", "papers/{id}.bib", None, page_data.paper_bibtex_files)
AUTHORS_INDEX = PageKind(
    "authors-index", "authors/index.md", "authors.md.j2", page_data.authors_index
)
AUTHOR = PageKind("author", "authors/{id}.md", "author.md.j2", page_data.author_pages)
"""An author's page; its id is the author's slug (:mod:`livesurvey.model.authors`)."""
# It lists every paper: a paper's own page ranks above it for the paper's words.
BIBLIOGRAPHY = PageKind(
    "bibliography",
    "bibliography/index.md",
    "bibliography.md.j2",
    page_data.bibliography_page,
    search_boost=0.3,
)
COMPARISONS_INDEX = PageKind(
    "comparisons-index", "comparisons/index.md", "comparisons.md.j2", page_data.comparisons_index
)
COMPARISON = PageKind(
    "comparison", "comparisons/{id}.md", "comparison.md.j2", page_data.comparison_pages, wide=True
)
STATISTICS = PageKind(
    "statistics", "statistics/index.md", "statistics.md.j2", page_data.statistics_page
)
CHART = PageKind("chart", "statistics/{id}.svg", None, page_data.chart_files)
TRAINING_METHODS_INDEX = PageKind(
    "training-methods-index",
    "training-methods/index.md",
    "training_methods.md.j2",
    page_data.training_methods_index,
)
TRAINING_METHOD = PageKind(
    "training-method",
    "training-methods/{id}.md",
    "training_method.md.j2",
    page_data.training_method_pages,
)
DIRECTIONS_INDEX = PageKind(
    "directions-index", "directions/index.md", "directions.md.j2", page_data.directions_index
)
DIRECTION = PageKind(
    "direction", "directions/{id}.md", "direction.md.j2", page_data.direction_pages
)
VOCABULARY = PageKind(
    "vocabulary", "{vocabulary}/index.md", "vocabulary.md.j2", page_data.vocabulary_pages
)
TERM = PageKind("term", "{vocabulary}/{id}.md", "term.md.j2", page_data.term_pages)

WHATS_NEW = PageKind("whats-new", "whats-new/index.md", "whats_new.md.j2", page_data.whats_new_page)
# Feeds live at the site's root: Material fetches 'sitemap.xml' beside every
# <link rel="alternate"> of a page (for its language selector), and only the root has one.
SURVEY_FEED = PageKind("survey-feed", "feed.xml", None, page_data.survey_feed)
TOPIC_FEED = PageKind("topic-feed", "feed-{id}.xml", None, page_data.topic_feeds)

# The record format is reference for contributors (linked from Contributing): kept out of the
# site's search, where its field names would outrank the pages about the research.
REFERENCE_INDEX = PageKind(
    "reference-index",
    "reference/index.md",
    "record_formats.md.j2",
    page_data.reference_index,
    searchable=False,
)
REFERENCE = PageKind(
    "reference",
    "reference/{id}.md",
    "record_format.md.j2",
    page_data.reference_pages,
    searchable=False,
)

PAGE_KINDS: tuple[PageKind, ...] = (
    DIMENSIONS_INDEX,
    DIMENSION,
    TOPIC,
    TOPIC_BIBTEX,
    FINDINGS_INDEX,
    FINDING,
    PAPERS_INDEX,
    PAPER,
    PAPER_BIBTEX,
    AUTHORS_INDEX,
    AUTHOR,
    BIBLIOGRAPHY,
    COMPARISONS_INDEX,
    COMPARISON,
    STATISTICS,
    CHART,
    TRAINING_METHODS_INDEX,
    TRAINING_METHOD,
    DIRECTIONS_INDEX,
    DIRECTION,
    VOCABULARY,
    TERM,
    WHATS_NEW,
    SURVEY_FEED,
    TOPIC_FEED,
    REFERENCE_INDEX,
    REFERENCE,
)
"""Every kind of generated page and file."""

RECORD_PAGES: dict[str, PageKind] = {
    "dimensions": DIMENSION,
    "topics": TOPIC,
    "findings": FINDING,
    "papers": PAPER,
    "comparisons": COMPARISON,
    "training-methods": TRAINING_METHOD,
    "directions": DIRECTION,
}
"""The page of each id namespace that has one page per id (terms: see :data:`TERM`)."""


PAGE_FEEDS: dict[str, PageKind] = {"topic": TOPIC_FEED}
"""Pages that announce a feed of their own (``<link rel="alternate">``), by page kind name;
every page also announces the whole survey's feed, :data:`SURVEY_FEED`."""


def fixed_folders() -> set[str]:
    """Top-level folders of the site that page kinds with a fixed first segment occupy, and
    the folder of the frozen editions published beside the live site."""
    folders = {
        kind.pattern.split("/")[0]
        for kind in PAGE_KINDS
        if "/" in kind.pattern and not kind.pattern.startswith("{")
    }
    return folders | {EDITIONS_FOLDER}


def path_problems(index: SurveyIndex, hand_written: Iterable[str] = ()) -> list[Problem]:
    """Records whose pages would land where other pages live, generated or hand-written.

    A vocabulary's pages are published under its file name (``vocab/methods.yaml`` at
    ``/methods/``), so that name must not be a folder another kind of page uses, nor the
    address of a hand-written page (``docs/about.md`` is ``/about/``). A record's page must
    not take the address of a hand-written page either. ``hand_written`` holds the paths of
    the files in the docs folder, e.g. 'about.md'.
    """
    published = {site_path(uri): uri for uri in hand_written}
    taken = fixed_folders() | {path.split("/")[0] for path in published if path}
    problems = [
        Problem(
            vocabulary.document.at(()),
            f"vocabulary id '{vocabulary_id}' would publish its pages at /{vocabulary_id}/, "
            "where other pages live; rename the file "
            f"(taken: {', '.join(sorted(taken))})",
            code="page-collision",
        )
        for vocabulary_id, vocabulary in sorted(index.vocabularies.items())
        if vocabulary_id in taken
    ]
    for namespace, kind in RECORD_PAGES.items():
        if not published:
            break
        for item_id, defined in index.defined.get(namespace, {}).items():  # the log sorts
            address = site_path(kind.uri(item_id))
            if address in published:
                problems.append(
                    Problem(
                        defined.source.document.at(defined.definition.key),
                        f"the page of '{item_id}' (/{address}) would replace the hand-written "
                        f"docs/{published[address]}; rename one of them",
                        code="page-collision",
                    )
                )
    for address in sorted(_other_addresses(index) & set(published)):
        problems.append(
            Problem(
                Location(f"../docs/{published[address]}"),
                f"this file takes the address /{address} of a generated page or download; "
                "move or rename it",
                code="page-collision",
            )
        )
    return problems


def _other_addresses(index: SurveyIndex) -> set[str]:
    """Addresses of generated files that are not the page of a record: index pages, downloads,
    charts, per-paper and per-topic BibTeX, the record-format pages, the authors' pages."""
    uris = [kind.pattern for kind in PAGE_KINDS if "{" not in kind.pattern]
    uris += [export.uri for export in FORMATS]
    uris += [PAPER_BIBTEX.uri(paper_id) for paper_id in index.papers]
    uris += [TOPIC_BIBTEX.uri(topic_id) for topic_id in index.topics]
    uris += [TOPIC_FEED.uri(topic_id) for topic_id in index.topics]
    uris += [CHART.uri(name) for name in page_data.CHART_NAMES]
    uris += [REFERENCE.uri(kind.slug) for kind in KINDS]
    uris += [AUTHOR.uri(slug) for slug in index.authors.people]
    return {site_path(uri) for uri in uris}
