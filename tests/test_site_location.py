"""Where the site lives: survey.yaml locally, the repository being built in GitHub Actions."""

from __future__ import annotations

from livesurvey import SurveyIndex
from livesurvey.outputs.site_location import site_location


def test_locally_survey_yaml_decides_and_without_a_repository_there_are_no_edit_links(
    fixture_index: SurveyIndex,
) -> None:
    meta = fixture_index.meta.record
    local = site_location(meta, {})
    assert (local.site_url, local.repository_url) == (meta.site_url, meta.repository_url)
    bare = site_location(meta.model_copy(update={"repository_url": None}), {})
    assert bare.edit_uri() is None and bare.footer_links() == []


def test_a_fork_built_by_github_actions_links_to_itself(fixture_index: SurveyIndex) -> None:
    meta = fixture_index.meta.record
    fork = site_location(meta, {"GITHUB_REPOSITORY": "Someone/lrm-fork"})
    assert fork.repository_url == "https://github.com/Someone/lrm-fork"
    assert fork.site_url == "https://someone.github.io/lrm-fork/"
    assert fork.edit_uri() == "https://github.com/Someone/lrm-fork/edit/main/docs/"
    assert [link["link"] for link in fork.footer_links()] == ["https://github.com/Someone/lrm-fork"]
    own = site_location(
        meta,
        {"GITHUB_REPOSITORY": "a/b", "LIVESURVEY_SITE_URL": "https://survey.example.org/"},
    )
    assert own.site_url == "https://survey.example.org/"
    odd = site_location(
        meta, {"GITHUB_REPOSITORY": "no-slash", "LIVESURVEY_SITE_URL": "javascript:x"}
    )
    assert (odd.site_url, odd.repository_url) == (meta.site_url, meta.repository_url)
