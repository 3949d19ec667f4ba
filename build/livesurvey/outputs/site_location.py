"""Where the site and its sources live: from survey.yaml, or from GitHub Actions' environment.

A fork that publishes with GitHub Actions gets its own edit links and canonical URLs with no
edit: the repository comes from GITHUB_REPOSITORY and the site from GitHub Pages' address (or
LIVESURVEY_SITE_URL). Elsewhere, survey.yaml says; without a repository there, pages carry no
edit links rather than broken ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..records.identifiers import check_url
from ..records.schema import SurveyMeta


@dataclass(frozen=True)
class SiteLocation:
    """The published site's address and, if known, its source repository."""

    site_url: str
    repository_url: str | None
    branch: str = "main"

    def footer_links(self) -> list[dict[str, str]]:
        """Material's 'social' links: the source repository, when there is one."""
        if self.repository_url is None:
            return []
        return [
            {
                "icon": "material/source-repository",
                "link": self.repository_url,
                "name": "Source repository of this survey",
            }
        ]

    def edit_uri(self) -> str | None:
        """Where MkDocs' 'edit this page' links start (full URL), or ``None``."""
        if self.repository_url is None:
            return None
        return f"{self.repository_url.rstrip('/')}/edit/{self.branch}/docs/"


def _checked(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return check_url(url)
    except ValueError:
        return None


def site_location(meta: SurveyMeta, environ: Mapping[str, str]) -> SiteLocation:
    """The location of the site being built, from the environment first, then survey.yaml."""
    repository = environ.get("GITHUB_REPOSITORY", "")
    server = environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    branch = environ.get("LIVESURVEY_BRANCH") or "main"
    site = _checked(environ.get("LIVESURVEY_SITE_URL"))
    if repository.count("/") == 1:
        owner, name = repository.split("/")
        repository_url = _checked(f"{server}/{owner}/{name}")
        if site is None and server == "https://github.com":
            site = _checked(f"https://{owner.lower()}.github.io/{name}/")
        if repository_url:
            return SiteLocation(site or meta.site_url, repository_url, branch)
    return SiteLocation(site or meta.site_url, meta.repository_url, branch)
