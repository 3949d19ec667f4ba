"""Editions: dated, frozen copies of the site, published beside the live one.

The live site is published at the site's address; each edition, cut with mike, at
``<site>/editions/<version>/`` (mike's ``--deploy-prefix editions``), with the alias
``latest`` for the newest edition. The edition being built is named by mike's
``MIKE_DOCS_VERSION``; without it we build the live site, whose current edition is
survey.yaml's ``version``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

EDITIONS_FOLDER = "editions"
"""Where mike publishes the editions (its deploy prefix)."""
LATEST_ALIAS = "latest"
MIKE_VARIABLE = "MIKE_DOCS_VERSION"


@dataclass(frozen=True)
class Edition:
    """The edition a build belongs to."""

    name: str
    """E.g. '2026.11'."""
    frozen: bool = False
    """True when this build *is* the edition's frozen copy (built by mike)."""

    def root(self, site_url: str) -> str:
        """The edition's address, below the live site's address (the name percent-encoded:
        survey.yaml's version is free text; ``dev.py edition`` only cuts URL-safe names)."""
        return f"{site_url.rstrip('/')}/{EDITIONS_FOLDER}/{quote(self.name, safe='')}/"

    @property
    def key_suffix(self) -> str:
        """The name as a part of a BibTeX key (letters, digits and . _ : - only)."""
        return re.sub(r"[^A-Za-z0-9._:-]+", "-", self.name).strip("-")


def current_edition(version: str, environ: Mapping[str, str]) -> Edition:
    """The edition of this build: mike's version while mike builds, else survey.yaml's."""
    building = environ.get(MIKE_VARIABLE, "").strip()
    return Edition(building, True) if building else Edition(version)
