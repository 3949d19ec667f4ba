"""Render the linked survey into Markdown pages with Jinja2 templates.

Rendering trusts the index: it never reads files and never validates. Every
value printed into a template is escaped as Markdown text unless the engine
built it as :class:`~livesurvey.text.Trusted` Markdown (links, for example).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

from . import exports, pages, statistics
from .bibliography import format_references
from .comparisons import COLUMNS, comparison_rows
from .labels import author_label, author_list
from .link import METHODS, SurveyIndex
from .load import Sourced
from .pages import GeneratedPage, relative_link
from .schema import Dimension, Finding, Paper, Stance, Status, Topic, Vocabulary
from .text import Trusted, escape_code_block, escape_markdown, escape_url, inline_code

STANCE_ORDER = [Stance.SUPPORTS, Stance.CONTESTS, Stance.QUALIFIES, Stance.EXTENDS]
STANCE_ICONS = {
    Stance.SUPPORTS: "material-check-circle",
    Stance.CONTESTS: "material-close-circle",
    Stance.QUALIFIES: "material-alert-circle-outline",
    Stance.EXTENDS: "material-plus-circle",
}
STANCE_PLURAL = {
    Stance.SUPPORTS: "support",
    Stance.CONTESTS: "contest",
    Stance.QUALIFIES: "qualify",
    Stance.EXTENDS: "extend",
}


def make_environment(override_dirs: Sequence[Path] = ()) -> Environment:
    """Templates from ``override_dirs`` first, then the packaged defaults."""
    loaders = [FileSystemLoader([str(d) for d in override_dirs])] if override_dirs else []
    loaders.append(PackageLoader("livesurvey", "templates"))
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


class PageContext:
    """Helpers a template uses to link from the page being rendered."""

    def __init__(self, index: SurveyIndex, uri: str) -> None:
        self.index = index
        self.uri = uri

    def link(self, text: str, target_uri: str, anchor: str | None = None) -> Trusted:
        target = relative_link(self.uri, target_uri)
        if anchor:
            target += f"#{anchor}"
        return Trusted(f"[{escape_markdown(text)}]({target})")

    def paper(self, paper_id: str, text: str | None = None) -> Trusted:
        return self.link(text or self.index.labels[paper_id], pages.paper_uri(paper_id))

    def finding(self, finding_id: str) -> Trusted:
        record = self.index.findings[finding_id].record
        return self.link(record.title, pages.finding_uri(finding_id))

    def topic(self, topic_id: str, anchor: str | None = None) -> Trusted:
        topic, _ = self.index.topics[topic_id]
        return self.link(topic.title, pages.topic_uri(topic_id), anchor)

    def question(self, question_id: str) -> Trusted:
        place = self.index.questions[question_id]
        return self.link(place.question.title, pages.topic_uri(place.topic.id), question_id)

    def training_method(self, method_id: str) -> Trusted:
        method, _ = self.index.training_methods[method_id]
        return self.link(method.name, pages.training_method_uri(method_id))

    def direction(self, direction_id: str) -> Trusted:
        title = next(d.title for d in self.index.directions if d.id == direction_id)
        return self.link(title, pages.direction_uri(direction_id))

    def dimension(self, dimension_id: str) -> Trusted:
        title = next(d.title for d in self.index.dimensions if d.id == dimension_id)
        return self.link(title, pages.dimension_uri(dimension_id))

    def method(self, term_id: str) -> Trusted:
        place = self.index.terms[(METHODS, term_id)]
        return self.link(place.term.title, pages.term_uri(METHODS, term_id))

    def methods(self, term_ids: Iterable[str]) -> Trusted:
        return Trusted(", ".join(self.method(t) for t in term_ids))

    def external(self, text: str, url: str) -> Trusted:
        return Trusted(f"[{escape_markdown(text)}]({escape_url(url)})")

    def anchor(self, anchor_id: str) -> Trusted:
        """An explicit heading anchor (attr_list), never derived from heading text."""
        return Trusted("{#" + anchor_id + "}")

    def bib_anchor(self, paper_id: str) -> str:
        """The anchor of a paper's entry on the bibliography page: its citation key."""
        return exports.citation_key(self.index.papers[paper_id])

    def raw_link(self, target_uri: str, anchor: str | None = None) -> str:
        """A link target for raw HTML, which MkDocs does not rewrite."""
        target = pages.html_link(self.uri, target_uri)
        return target + (f"#{anchor}" if anchor else "")

    def permalink(self) -> str:
        return self.index.meta.record.site_url.rstrip("/") + "/" + pages.site_path(self.uri)

    def cite_this(self, title: str) -> Trusted:
        """A collapsed 'Cite this page' block: BibTeX and a formatted citation."""
        meta = self.index.meta.record
        editors = " and ".join(f"{{{e.name}}}" for e in meta.editors)
        key = "livesurvey-" + self.uri.removesuffix(".md").replace("/index", "").replace("/", "-")
        bibtex = (
            f"@misc{{{key},\n"
            f"  author = {{{editors}}},\n"
            f"  title = {{{exports.bibtex_text(title)}}},\n"
            f"  howpublished = {{{exports.bibtex_text(meta.title)}, version {meta.version}}},\n"
            f"  year = {{{meta.started.year}}},\n"
            f"  url = {{{self.permalink()}}},\n"
            f"}}"
        )
        names = ", ".join(e.name for e in meta.editors)
        formatted = (
            f"{escape_markdown(names)} ({meta.started.year}). {escape_markdown(title)}. "
            f"In *{escape_markdown(meta.title)}* (version {escape_markdown(meta.version)}). "
            f"{escape_markdown(self.permalink())}"
        )
        indented = "\n".join("    " + line for line in escape_code_block(bibtex).splitlines())
        return Trusted(
            f'??? quote "Cite this page"\n\n    {formatted}\n\n    ```bibtex\n{indented}\n    ```\n'
        )

    def author_label(self, paper: Paper) -> str:
        return author_label(paper)

    def tally(self, evidence: Iterable[Any]) -> str:
        return stance_tally(evidence)

    def comparison(self, comparison_id: str) -> Trusted:
        record = self.index.comparisons[comparison_id].record
        return self.link(record.title, pages.comparison_uri(comparison_id))

    def status(self, status: Status) -> Trusted:
        """A status badge; the word is always shown, colour only reinforces it."""
        value = status.value
        return Trusted(f'<span class="survey-status survey-status--{value}">{value}</span>')

    def stance(self, stance: Stance) -> Trusted:
        """A stance with an icon and its word."""
        value = stance.value
        icon = STANCE_ICONS[stance]
        return Trusted(
            f'<span class="survey-stance survey-stance--{value}">:{icon}: {value}</span>'
        )

    def table_start(self, name: str) -> Trusted:
        """Opens an interactive (sortable, filterable, downloadable) table block."""
        attribute = html.escape(name, quote=True)
        return Trusted(f'<div class="survey-table" data-name="{attribute}" markdown>\n')

    def table_end(self) -> Trusted:
        return Trusted("</div>\n")

    def code(self, text: str) -> Trusted:
        """Inline code; HTML inside code spans is escaped by Markdown itself."""
        return Trusted(inline_code(text))


def stance_tally(findings_evidence: Iterable[Any]) -> str:
    """'2 support · 1 contests' for a list of evidence items."""
    counts = Counter(e.stance for e in findings_evidence)
    parts = []
    for stance in STANCE_ORDER:
        if counts[stance]:
            verb = stance.value if counts[stance] == 1 else STANCE_PLURAL[stance]
            parts.append(f"{counts[stance]} {verb}")
    return " · ".join(parts)


class Renderer:
    """Renders every page of a linked survey."""

    def __init__(self, index: SurveyIndex, environment: Environment) -> None:
        self.index = index
        self.environment = environment

    def _page(
        self, uri: str, template: str, record_path: str | None, **values: Any
    ) -> GeneratedPage:
        context = PageContext(self.index, uri)
        text = self.environment.get_template(template).render(
            page=context,
            index=self.index,
            survey=self.index.meta.record,
            author_list=author_list,
            author_label=author_label,
            label_of=lambda paper_id: self.index.labels[paper_id],
            Trusted=Trusted,
            uris=pages,
            **values,
        )
        return GeneratedPage(uri=uri, content=text, record_path=record_path)

    def render_all(self) -> list[GeneratedPage]:
        index = self.index
        taxonomy_path = index.taxonomy.path
        result = [
            self._page(pages.DIMENSIONS_INDEX, "dimensions.md.j2", taxonomy_path),
            self._page(pages.PAPERS_INDEX, "papers.md.j2", None, papers=self._papers_sorted()),
            self._page(pages.FINDINGS_INDEX, "findings.md.j2", None),
        ]
        for dimension in index.dimensions:
            result.append(
                self._page(
                    pages.dimension_uri(dimension.id),
                    "dimension.md.j2",
                    taxonomy_path,
                    dimension=dimension,
                )
            )
            for topic in dimension.topics:
                result.append(self._topic_page(topic, dimension, taxonomy_path))
        for finding in index.findings.values():
            result.append(self._finding_page(finding))
        for paper in index.papers.values():
            bibtex = exports.to_bibtex([paper])
            result.append(
                self._page(
                    pages.paper_uri(paper.id), "paper.md.j2", paper.path, paper=paper, bibtex=bibtex
                )
            )
            result.append(GeneratedPage(pages.paper_bibtex_uri(paper.id), bibtex, paper.path))
        for topic_id in index.topics:
            topic_papers = index.papers_by_topic[topic_id]
            result.append(
                GeneratedPage(
                    pages.topic_bibtex_uri(topic_id), exports.to_bibtex(topic_papers), None
                )
            )
        result.extend(self._bibliography_files())
        result.extend(self._comparison_pages())
        result.extend(self._statistics_files())
        result.extend(self._training_method_pages())
        result.extend(self._direction_pages())
        for vocabulary_id, vocabulary in index.vocabularies.items():
            result.extend(self._vocabulary_pages(vocabulary_id, vocabulary))
        return sorted(result, key=lambda page: page.uri)

    def _statistics_files(self) -> list[GeneratedPage]:
        index = self.index
        stats = statistics.compute_statistics(index)
        charts = {
            "statistics/papers-per-month.svg": statistics.papers_per_month_chart(stats, index),
            "statistics/methods-by-topic.svg": statistics.methods_by_topic_chart(stats, index),
            "statistics/findings-by-status.svg": statistics.findings_by_status_chart(stats, index),
        }
        result = [GeneratedPage(uri, svg, None) for uri, svg in charts.items()]
        result.append(
            self._page(
                pages.STATISTICS,
                "statistics.md.j2",
                None,
                stats=stats,
                status_order=statistics.STATUS_ORDER,
                evidence_count=sum(len(f.record.evidence) for f in index.findings.values()),
                earlier_papers=sum(
                    1
                    for p in index.papers.values()
                    if (m := statistics.release_month(p.record))
                    and stats.months
                    and m < stats.months[0]
                ),
            )
        )
        return result

    def _comparison_pages(self) -> list[GeneratedPage]:
        comparisons = self.index.comparisons
        if not comparisons:
            return []
        result = [self._page(pages.COMPARISONS_INDEX, "comparisons.md.j2", None)]
        for comparison_id, sourced in sorted(comparisons.items()):
            columns = COLUMNS[sourced.record.rows]
            result.append(
                self._page(
                    pages.comparison_uri(comparison_id),
                    "comparison.md.j2",
                    sourced.path,
                    comparison_id=comparison_id,
                    comparison=sourced.record,
                    columns=[columns[name] for name in sourced.record.columns],
                    rows=comparison_rows(self.index, sourced.record),
                )
            )
        return result

    def _vocabulary_pages(
        self, vocabulary_id: str, vocabulary: Sourced[Vocabulary]
    ) -> list[GeneratedPage]:
        index = self.index
        coverage = {
            (term.id, topic_id): sum(
                1
                for paper in index.papers_by_term[(vocabulary_id, term.id)]
                if topic_id in index.topics_by_paper[paper.id]
            )
            for term in vocabulary.record.terms
            for topic_id in index.topics
        }
        result = [
            self._page(
                pages.vocabulary_uri(vocabulary_id),
                "vocabulary.md.j2",
                vocabulary.path,
                vocabulary_id=vocabulary_id,
                vocabulary=vocabulary.record,
                coverage=coverage,
            )
        ]
        for term in vocabulary.record.terms:
            grouped: dict[str, list[Sourced[Paper]]] = {}
            for paper in index.papers_by_term[(vocabulary_id, term.id)]:
                for topic_id in index.topics_by_paper[paper.id] or [""]:
                    grouped.setdefault(topic_id, []).append(paper)
            order = [t for t in index.topics if t in grouped] + ([""] if "" in grouped else [])
            result.append(
                self._page(
                    pages.term_uri(vocabulary_id, term.id),
                    "term.md.j2",
                    vocabulary.path,
                    vocabulary_id=vocabulary_id,
                    vocabulary=vocabulary.record,
                    term=term,
                    papers_by_topic=[(t, grouped[t]) for t in order],
                )
            )
        return result

    def _topic_page(self, topic: Topic, dimension: Dimension, path: str) -> GeneratedPage:
        index = self.index
        matrix_papers = list(
            dict.fromkeys(
                item.paper for f in index.findings_of_topic(topic.id) for item in f.record.evidence
            )
        )
        mine = {p.id for p in index.papers_by_topic[topic.id]}
        shared = {
            other: len(mine & {p.id for p in papers})
            for other, papers in index.papers_by_topic.items()
            if other != topic.id
        }
        related = sorted((t for t, n in shared.items() if n), key=lambda t: (-shared[t], t))[:5]
        return self._page(
            pages.topic_uri(topic.id),
            "topic.md.j2",
            path,
            topic=topic,
            dimension=dimension,
            matrix_papers=matrix_papers,
            related_topics=[index.topics[t][0] for t in related],
            other_shared=shared,
        )

    def _bibliography_files(self) -> list[GeneratedPage]:
        papers = sorted(self.index.papers.values(), key=lambda p: p.id)
        references = format_references(papers, self.index.meta.record.citation_style)
        files = {
            "bibtex": exports.to_bibtex(papers),
            "csl": exports.to_csl_json(papers),
            "ris": exports.to_ris(papers),
            "json": exports.to_survey_json(self.index),
            "schema": exports.survey_json_schema(),
        }
        result = [GeneratedPage(pages.DOWNLOADS[kind], text, None) for kind, text in files.items()]
        result.append(
            self._page(pages.BIBLIOGRAPHY, "bibliography.md.j2", None, references=references)
        )
        return result

    def _training_method_pages(self) -> list[GeneratedPage]:
        if not self.index.training_method_groups:
            return []
        path = "training_methods.yaml"
        result = [self._page(pages.TRAINING_METHODS_INDEX, "training_methods.md.j2", path)]
        for method, group in self.index.training_methods.values():
            result.append(
                self._page(
                    pages.training_method_uri(method.id),
                    "training_method.md.j2",
                    path,
                    method=method,
                    group=group,
                )
            )
        return result

    def _direction_pages(self) -> list[GeneratedPage]:
        if not self.index.directions:
            return []
        path = "directions.yaml"
        result = [self._page(pages.DIRECTIONS_INDEX, "directions.md.j2", path)]
        for direction in self.index.directions:
            result.append(
                self._page(
                    pages.direction_uri(direction.id), "direction.md.j2", path, direction=direction
                )
            )
        return result

    def _finding_page(self, finding: Sourced[Finding]) -> GeneratedPage:
        place = self.index.questions[finding.record.question]
        siblings = [
            f for f in self.index.findings_by_question[place.question.id] if f is not finding
        ]
        return self._page(
            pages.finding_uri(finding.id),
            "finding.md.j2",
            finding.path,
            finding=finding,
            place=place,
            siblings=siblings,
        )

    def _papers_sorted(self) -> list[Sourced[Paper]]:
        return sorted(
            self.index.papers.values(),
            key=lambda p: (-p.record.year, author_label(p.record).lower(), p.id),
        )


def render_pages(index: SurveyIndex, *, template_dirs: Sequence[Path] = ()) -> list[GeneratedPage]:
    """Every generated page of the survey, sorted by URI (deterministic)."""
    return Renderer(index, make_environment(template_dirs)).render_all()
