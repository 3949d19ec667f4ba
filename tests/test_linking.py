"""Linking: every id defined once, every reference resolved, relations recorded both ways."""

from __future__ import annotations

from livesurvey import SurveyIndex

from .conftest import BASE_TREE

TRAINING = """\
    groups:
      - id: exploration
        title: Exploration
        summary: Methods that keep exploring.
        methods:
          - id: dapo
            name: DAPO
            paper: yue2025reinforcement
            idea: Clip higher.
          - id: dapo
            name: DAPO again
            paper: yue2025reinforcment
            idea: Clip higher again.
      - id: exploration
        title: Exploration again
        summary: The same group twice.
        methods:
          - id: other
            name: Other
            paper: smith2024origin
            idea: Something else.
    """

DIRECTIONS = """\
    directions:
      - id: applied
        title: Applied interpretability
        summary: Use what we learn.
        papers: [smith2024origin, nobody2025missing]
      - id: applied
        title: Applied again
        summary: The same direction twice.
    """


def test_ids_inside_shared_files_are_defined_once(tree) -> None:
    vocabulary = BASE_TREE["vocab/methods.yaml"].rstrip(" ") + (
        "          - id: linear-probing\n"
        "            title: probing again\n"
        "            summary: The same term twice.\n"
    )
    problems = tree(
        {
            "training_methods.yaml": TRAINING,
            "directions.yaml": DIRECTIONS,
            "vocab/methods.yaml": vocabulary,
        }
    )
    assert problems == [
        "directions.yaml:5:31: unknown paper 'nobody2025missing'; "
        "check the id against the files in papers/",
        "directions.yaml:6:9: duplicate direction id 'applied'; every direction needs its own id",
        "training_methods.yaml:10:13: duplicate training method id 'dapo'; "
        "every training method needs its own id",
        "training_methods.yaml:12:16: unknown paper 'yue2025reinforcment'; "
        "did you mean 'yue2025reinforcement'?",
        "training_methods.yaml:14:9: duplicate group id 'exploration'; every group needs its own id",
        "vocab/methods.yaml:7:9: duplicate term id 'linear-probing'; every term needs its own id",
    ]


def test_every_kind_of_reference_is_checked(tree) -> None:
    survey = BASE_TREE["survey.yaml"].replace("origin: smith2024origin", "origin: smith2024orgin")
    comparison = """\
        title: Probing
        summary: Probing papers.
        rows: papers
        filter:
          topics: [sft-vs-r1]
          methods: [linear-probes]
        columns: [label]
        added: 2026-01-01
        """
    assert tree({"survey.yaml": survey, "comparisons/probing.yaml": comparison}) == [
        "comparisons/probing.yaml:5:12: unknown topic 'sft-vs-r1'; did you mean 'sft-vs-rl'?",
        "comparisons/probing.yaml:6:13: unknown term of vocab/methods.yaml 'linear-probes'; "
        "did you mean 'linear-probing'?",
        "survey.yaml:8:9: unknown paper 'smith2024orgin'; did you mean 'smith2024origin'?",
    ]


def test_a_term_of_another_vocabulary_is_not_an_analysis_method(tree) -> None:
    models = """\
        title: Models studied
        summary: Which models a paper studies.
        terms:
          - id: qwen
            title: Qwen
            summary: A model family.
        """
    finding = BASE_TREE["findings/rl-sharpens.yaml"].replace("[linear-probing]", "[qwen]")
    assert tree({"vocab/models.yaml": models, "findings/rl-sharpens.yaml": finding}) == [
        "findings/rl-sharpens.yaml:8:15: unknown term of vocab/methods.yaml 'qwen'; "
        "check the id against the terms in vocab/methods.yaml"
    ]


def test_a_vocabulary_named_like_a_record_folder_is_neither_a_paper_nor_a_page(tree) -> None:
    papers = """\
        title: Not papers
        summary: A vocabulary whose file name is taken.
        terms:
          - id: ghost-paper
            title: Ghost
            summary: Not a paper.
        """
    finding = BASE_TREE["findings/rl-sharpens.yaml"].replace(
        "paper: yue2025reinforcement", "paper: ghost-paper"
    )
    assert tree({"vocab/papers.yaml": papers, "findings/rl-sharpens.yaml": finding}) == [
        "findings/rl-sharpens.yaml:6:12: unknown paper 'ghost-paper'; "
        "check the id against the files in papers/",
        "vocab/papers.yaml:1:1: vocabulary id 'papers' would publish its pages at /papers/, where "
        "other pages live; rename the file (taken: authors, bibliography, comparisons, "
        "dimensions, directions, editions, findings, papers, reference, statistics, topics, "
        "training-methods, whats-new)",
    ]


def test_references_are_checked_even_without_a_taxonomy(tree) -> None:
    finding = BASE_TREE["findings/rl-sharpens.yaml"].replace(
        "paper: yue2025reinforcement", "paper: yue2025reinforcment"
    )
    assert tree({"taxonomy.yaml": None, "findings/rl-sharpens.yaml": finding}) == [
        "findings/rl-sharpens.yaml:6:12: unknown paper 'yue2025reinforcment'; "
        "did you mean 'yue2025reinforcement'?",
        "taxonomy.yaml:1:1: required file 'taxonomy.yaml' is missing",
    ]


def test_who_refers_to_a_paper_is_recorded(fixture_index: SurveyIndex) -> None:
    referrers = fixture_index.referrers[("papers", "yue2025reinforcement")]
    assert [(r.kind, r.record_id, r.key) for r in referrers] == [
        ("findings", "rlvr-compresses-not-expands", ("evidence", 0, "paper")),
    ]
    dapo = fixture_index.referrers[("papers", "yu2025dapo")]
    assert ("training_methods", "training_methods", ("groups", 0, "methods", 0, "paper")) in [
        (r.kind, r.record_id, r.key) for r in dapo
    ]
    origin = fixture_index.referrers[("papers", "hu2026towards")]
    assert ("survey", "survey", ("origin",)) in [(r.kind, r.record_id, r.key) for r in origin]
