"""One exact-message test per kind of problem a contributor can make."""

from __future__ import annotations

from .conftest import BASE_TREE


def test_base_tree_is_clean(tree):
    assert tree() == []


def test_unknown_field_suggests_closest(tree):
    assert tree(
        {
            "papers/smith2024origin.yaml": """\
        titel: The original survey
        title: The original survey
        authors:
          - family: Smith
        year: 2024
        added: 2026-01-01
        """
        }
    ) == ["papers/smith2024origin.yaml:1:1: unknown field 'titel'; did you mean 'title'?"]


def test_unknown_nested_field_suggests_closest(tree):
    assert tree(
        {
            "findings/rl-sharpens.yaml": """\
        title: RL sharpens
        question: capability-boundary
        claim: RL sharpens what is there.
        status: emerging
        evidence:
          - paper: yue2025reinforcement
            stanse: supports
            stance: supports
            methods: [linear-probing]
        added: 2026-01-01
        """
        }
    ) == ["findings/rl-sharpens.yaml:7:5: unknown field 'stanse'; did you mean 'stance'?"]


def test_missing_required_field(tree):
    assert tree(
        {
            "findings/rl-sharpens.yaml": """\
        title: RL sharpens
        question: capability-boundary
        status: emerging
        evidence:
          - paper: yue2025reinforcement
            stance: supports
            methods: [linear-probing]
        added: 2026-01-01
        """
        }
    ) == ["findings/rl-sharpens.yaml:1:1: missing required field 'claim'"]


def test_wrong_type(tree):
    assert tree(
        {
            "papers/smith2024origin.yaml": """\
        title: The original survey
        authors:
          - family: Smith
        year: twenty
        added: 2026-01-01
        """
        }
    ) == ["papers/smith2024origin.yaml:4:7: field 'year' should be a whole number, got 'twenty'"]


def test_quoted_date_is_a_wrong_type(tree):
    problems = tree(
        {
            "papers/smith2024origin.yaml": """\
        title: The original survey
        authors:
          - family: Smith
        year: 2024
        added: '2026-01-01'
        """
        }
    )
    assert problems == [
        "papers/smith2024origin.yaml:5:8: field 'added' should be a date written as "
        "YYYY-MM-DD (without quotes), got '2026-01-01'"
    ]


def test_bad_enum_value(tree):
    assert tree(
        {
            "findings/rl-sharpens.yaml": """\
        title: RL sharpens
        question: capability-boundary
        claim: RL sharpens what is there.
        status: settled
        evidence:
          - paper: yue2025reinforcement
            stance: supports
            methods: [linear-probing]
        added: 2026-01-01
        """
        }
    ) == [
        "findings/rl-sharpens.yaml:4:9: field 'status' has 'settled'; expected one of "
        "'established', 'debated' or 'emerging'"
    ]


def test_malformed_id_in_file_name(tree):
    assert tree({"findings/RL_Sharpens.yaml": "title: x\n"}) == [
        "findings/RL_Sharpens.yaml:1:1: file name 'RL_Sharpens' is not a valid id; ids are "
        "lowercase slugs: letters a-z, digits and single hyphens (e.g. 'sft-vs-rl'); rename the file"
    ]


def test_malformed_id_in_taxonomy(tree):
    problems = tree(
        {
            "taxonomy.yaml": """\
        dimensions:
          - id: Training
            title: Training
            summary: How models are trained.
            topics:
              - id: sft-vs-rl
                title: SFT and RL
                summary: What each stage does.
                questions:
                  - id: capability-boundary
                    title: Does RL add new abilities?
        """
        }
    )
    assert problems[0] == (
        "taxonomy.yaml:2:9: field 'dimensions[0].id': 'Training' is not a valid id; ids are "
        "lowercase slugs: letters a-z, digits and single hyphens (e.g. 'sft-vs-rl')"
    )


def test_reserved_id(tree):
    assert tree({"findings/index.yaml": "title: x\n"}) == [
        "findings/index.yaml:1:1: file name 'index' is reserved for generated index pages; "
        "choose another id; rename the file"
    ]


def test_duplicate_id_across_extensions(tree):
    problems = tree({"papers/yue2025reinforcement.yml": "title: x\n"})
    assert problems == [
        "papers/yue2025reinforcement.yml:1:1: duplicate id 'yue2025reinforcement': "
        "papers/yue2025reinforcement.yaml has the same id; keep one file per id"
    ]


def test_duplicate_question_id(tree):
    assert tree(
        {
            "taxonomy.yaml": """\
        dimensions:
          - id: training
            title: Training
            summary: How models are trained.
            topics:
              - id: sft-vs-rl
                title: SFT and RL
                summary: What each stage does.
                questions:
                  - id: capability-boundary
                    title: Does RL add new abilities?
                  - id: capability-boundary
                    title: Asked twice
        """
        }
    ) == [
        "taxonomy.yaml:12:17: duplicate question id 'capability-boundary'; "
        "every question needs its own id"
    ]


def test_duplicate_key_in_one_mapping(tree):
    assert tree(
        {
            "papers/smith2024origin.yaml": """\
        title: The original survey
        authors:
          - family: Smith
        year: 2024
        title: Another title
        added: 2026-01-01
        """
        }
    ) == [
        "papers/smith2024origin.yaml:5:1: duplicate key 'title' (first given on line 1); "
        "YAML would silently keep only the last value: merge them into one"
    ]


def test_unknown_paper_reference_suggests(tree):
    assert tree(
        {
            "findings/rl-sharpens.yaml": """\
        title: RL sharpens
        question: capability-boundary
        claim: RL sharpens what is there.
        status: emerging
        evidence:
          - paper: yue2025reinforcment
            stance: supports
            methods: [linear-probing]
        added: 2026-01-01
        """
        }
    ) == [
        "findings/rl-sharpens.yaml:6:12: unknown paper 'yue2025reinforcment'; "
        "did you mean 'yue2025reinforcement'?"
    ]


def test_unknown_question_topic_and_method(tree):
    problems = tree(
        {
            "findings/rl-sharpens.yaml": """\
            title: RL sharpens
            question: capability-boundry
            claim: RL sharpens what is there.
            status: emerging
            evidence:
              - paper: yue2025reinforcement
                stance: supports
                methods: [linear-probes]
            added: 2026-01-01
            """,
            "papers/smith2024origin.yaml": """\
            title: The original survey
            authors:
              - family: Smith
            year: 2024
            topics: [sft-vs-r1]
            added: 2026-01-01
            """,
        }
    )
    assert problems == [
        "findings/rl-sharpens.yaml:2:11: unknown question 'capability-boundry'; "
        "did you mean 'capability-boundary'?",
        "findings/rl-sharpens.yaml:8:15: unknown term of vocab/methods.yaml 'linear-probes'; "
        "did you mean 'linear-probing'?",
        "papers/smith2024origin.yaml:5:10: unknown topic 'sft-vs-r1'; did you mean 'sft-vs-rl'?",
    ]


def test_malformed_arxiv_doi_and_url(tree):
    problems = tree(
        {
            "papers/smith2024origin.yaml": """\
        title: The original survey
        authors:
          - family: Smith
        year: 2024
        arxiv: 'arXiv:2401.1'
        doi: https://doi.org/10.1/x
        url: javascript:alert(1)
        added: 2026-01-01
        """
        }
    )
    assert problems == [
        "papers/smith2024origin.yaml:5:8: field 'arxiv': 'arXiv:2401.1' is not an arXiv id; "
        "expected the form '2504.13837' (or 'hep-th/9901001' for old ids), without 'arXiv:' or a URL",
        "papers/smith2024origin.yaml:6:6: field 'doi': 'https://doi.org/10.1/x' is not a DOI; "
        "expected the bare form '10.1234/abc', without 'doi:', a URL, spaces, braces, "
        "backslashes or quotes",
        "papers/smith2024origin.yaml:7:6: field 'url': 'javascript:alert(1)' is not an allowed "
        "link; links must be absolute http:// or https:// URLs with a host name and no spaces, "
        "quotes, angle brackets, braces or backslashes (percent-encode them)",
    ]


def test_arxiv_version_suffix(tree):
    problems = tree(
        {
            "papers/smith2024origin.yaml": """\
        title: The original survey
        authors:
          - family: Smith
        year: 2024
        arxiv: '2401.00001v3'
        added: 2026-01-01
        """
        }
    )
    assert problems == [
        "papers/smith2024origin.yaml:5:8: field 'arxiv': arXiv id '2401.00001v3' carries a "
        "version; write it without the version ('2401.00001')"
    ]


def test_yaml_syntax_error(tree):
    problems = tree({"papers/smith2024origin.yaml": "title: [unclosed\nyear: 2024\n"})
    assert len(problems) == 1
    assert problems[0].startswith("papers/smith2024origin.yaml:2:5: YAML syntax error: ")
    assert problems[0].endswith("check indentation and quoting around this place")


def test_aliases_are_refused(tree):
    assert tree(
        {
            "papers/smith2024origin.yaml": """\
        title: &t The original survey
        authors:
          - family: Smith
        year: 2024
        summary: *t
        added: 2026-01-01
        """
        }
    ) == [
        "papers/smith2024origin.yaml:1:8: YAML anchors and aliases are not allowed in records; "
        "write the value out in full"
    ]


def test_author_needs_a_name(tree):
    assert tree(
        {
            "papers/smith2024origin.yaml": """\
        title: The original survey
        authors:
          - given: Ann
        year: 2024
        added: 2026-01-01
        """
        }
    ) == [
        "papers/smith2024origin.yaml:3:5: field 'authors[0]': an author needs 'family' "
        "(and usually 'given'), or 'name' for an organisation"
    ]


def test_every_problem_is_reported_not_just_the_first(tree):
    problems = tree(
        {
            "papers/smith2024origin.yaml": "titel: x\n",
            "findings/rl-sharpens.yaml": "title: x\n",
        }
    )
    # 1 unknown field + 2 missing in the paper ('title' is the misspelt 'titel', said once),
    # 5 missing in the finding; no follow-up "unknown paper" in survey.yaml, since the paper
    # file exists but is invalid.
    assert len(problems) == 8
    assert {p.split(":")[0] for p in problems} == {
        "papers/smith2024origin.yaml",
        "findings/rl-sharpens.yaml",
    }


def test_stray_file_is_reported(tree):
    assert tree({"papers/notes.txt": "hello"}) == [
        "papers/notes.txt:1:1: unexpected file in papers/; records are single .yaml files "
        "named <id>.yaml"
    ]


def test_an_invalid_vocabulary_is_reported_once_not_at_every_use(tree):
    problems = tree({"vocab/methods.yaml": "title: Analysis methods\n"})
    assert problems == [
        "vocab/methods.yaml:1:1: missing required field 'summary'",
        "vocab/methods.yaml:1:1: missing required field 'terms'",
    ]


def test_an_unquoted_arxiv_id_is_shown_as_written(tree):
    paper = BASE_TREE["papers/yue2025reinforcement.yaml"].replace(
        "arxiv: '2504.13837'", "arxiv: 2603.0120"
    )
    assert tree({"papers/yue2025reinforcement.yaml": paper}) == [
        "papers/yue2025reinforcement.yaml:9:8: field 'arxiv' should be text, got the number "
        "2603.012; write it in quotes to keep it as text: '2603.0120'"
    ]


def test_an_impossible_date_gets_one_consistent_fix(tree):
    paper = BASE_TREE["papers/smith2024origin.yaml"].replace(
        "added: 2026-01-01", "added: 2026-13-01"
    )
    assert tree({"papers/smith2024origin.yaml": paper}) == [
        "papers/smith2024origin.yaml:7:8: '2026-13-01' is not a real date (month must be in "
        "1..12); write an existing day as YYYY-MM-DD"
    ]


def test_a_misspelt_stance_gets_a_suggestion(tree):
    finding = BASE_TREE["findings/rl-sharpens.yaml"].replace("stance: supports", "stance: suports")
    assert tree({"findings/rl-sharpens.yaml": finding}) == [
        "findings/rl-sharpens.yaml:7:13: field 'evidence[0].stance' has 'suports'; expected one "
        "of 'supports', 'contests', 'qualifies' or 'extends'; did you mean 'supports'?"
    ]
