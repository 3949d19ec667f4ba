"""Bibliographic facts from online services: arXiv's API and DOI content negotiation.

Only ``livesurvey new paper`` calls these, never the build or ``check``. Every lookup goes
through one ``fetch`` function, so tests replay recorded responses offline; any failure
(no network, an unknown id, a malformed answer) is a :class:`OnlineLookupError` with a message
for the contributor, and nothing is written.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from typing import Any

from ..records.identifiers import ARXIV_VERSION, is_arxiv_id

Fetch = Callable[[str, dict[str, str]], bytes]
"""Gets ``url`` with the given headers and returns the body; raises OSError on failure."""

ARXIV_API = "https://export.arxiv.org/api/query?id_list={id}"
DOI_RESOLVER = "https://doi.org/{doi}"
MAX_RESPONSE = 2 * 1024 * 1024
TIMEOUT_SECONDS = 20
_ATOM = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_CSL_TO_ENTRY = {
    "article-journal": "article",
    "paper-conference": "inproceedings",
    "chapter": "incollection",
    "book": "book",
    "report": "techreport",
}


class OnlineLookupError(Exception):
    """A lookup that gave no usable record; the message says why and what to do."""


def fetch_online(url: str, headers: dict[str, str]) -> bytes:
    """The real network: one GET with a time limit and a size limit."""
    request = urllib.request.Request(url, headers={"User-Agent": "livesurvey", **headers})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        body: bytes = response.read(MAX_RESPONSE + 1)
    if len(body) > MAX_RESPONSE:
        raise OnlineLookupError(f"the answer from {url} is larger than {MAX_RESPONSE // 1024} KiB")
    return body


def _get(fetch: Fetch, url: str, headers: dict[str, str], what: str) -> bytes:
    try:
        return fetch(url, headers)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise OnlineLookupError(
                f"{what} is unknown to {urllib.parse.urlsplit(url).hostname}"
            ) from error
        raise OnlineLookupError(
            f"{what}: the service answered {error.code}; try again later"
        ) from error
    except OSError as error:
        raise OnlineLookupError(
            f"could not reach {urllib.parse.urlsplit(url).hostname} for {what} "
            f"({getattr(error, 'reason', error)}); check the network, or import a BibTeX entry"
        ) from error


def _split_name(name: str) -> dict[str, str]:
    """'Yang Yue' -> family 'Yue', given 'Yang' (check names with particles by hand)."""
    parts = name.split()
    if len(parts) == 1:
        return {"family": parts[0]}
    return {"family": parts[-1], "given": " ".join(parts[:-1])}


def arxiv_fields(arxiv_id: str, fetch: Fetch | None = None) -> dict[str, Any]:
    """Paper-record fields for an arXiv id, from arXiv's API (first version's date)."""
    fetch = fetch or fetch_online
    bare = ARXIV_VERSION.sub("", arxiv_id.strip().removeprefix("arXiv:"))
    if not is_arxiv_id(bare):
        raise OnlineLookupError(f"'{arxiv_id}' is not an arXiv id; expected the form '2504.13837'")
    what = f"arXiv id {bare}"
    body = _get(fetch, ARXIV_API.format(id=urllib.parse.quote(bare)), {}, what)
    try:
        feed = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise OnlineLookupError(f"arXiv's answer for {bare} is not readable ({error})") from error
    for entry in feed.findall("atom:entry", _ATOM):
        entry_id = entry.findtext("atom:id", "", _ATOM)
        if ARXIV_VERSION.sub("", entry_id.rsplit("/abs/", 1)[-1]) != bare:
            continue
        title = " ".join(entry.findtext("atom:title", "", _ATOM).split())
        published = entry.findtext("atom:published", "", _ATOM)
        names = [
            " ".join(a.findtext("atom:name", "", _ATOM).split())
            for a in entry.findall("atom:author", _ATOM)
        ]
        if not title or not re.match(r"^\d{4}-\d{2}", published):
            break
        fields: dict[str, Any] = {
            "title": title,
            "authors": [_split_name(n) for n in names if n],
            "year": int(published[:4]),
            "month": int(published[5:7]),
            "arxiv": bare,
        }
        doi = entry.findtext("arxiv:doi", "", _ATOM).strip()
        if doi:
            fields["doi"] = doi
        return fields
    raise OnlineLookupError(f"arXiv has no paper with the id {bare}; check the id")


def doi_fields(doi: str, fetch: Fetch | None = None) -> dict[str, Any]:
    """Paper-record fields for a DOI, from its registry (Crossref, DataCite) as CSL-JSON."""
    fetch = fetch or fetch_online
    bare = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi.strip(), flags=re.I)
    if not re.match(r"^10\.\d{4,9}/\S+$", bare):
        raise OnlineLookupError(f"'{doi}' is not a DOI; expected the form '10.1234/abc'")
    url = DOI_RESOLVER.format(doi=urllib.parse.quote(bare, safe="/"))
    body = _get(fetch, url, {"Accept": "application/vnd.citationstyles.csl+json"}, f"DOI {bare}")
    try:
        item = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise OnlineLookupError(f"the answer for DOI {bare} is not CSL-JSON ({error})") from error
    if not isinstance(item, dict):
        raise OnlineLookupError(f"the answer for DOI {bare} is not a record")
    title = item.get("title")
    title = " ".join(str(title[0] if isinstance(title, list) and title else title or "").split())
    issued = (item.get("issued") or {}).get("date-parts") or [[]]
    if not title or not issued[0]:
        raise OnlineLookupError(f"the record of DOI {bare} has no title or no date")
    fields: dict[str, Any] = {"title": title, "year": int(issued[0][0])}
    if len(issued[0]) > 1:
        fields["month"] = int(issued[0][1])
    authors = []
    for person in item.get("author") or []:
        if person.get("family"):
            author = {"family": str(person["family"])}
            if person.get("given"):
                author["given"] = str(person["given"])
            authors.append(author)
        elif person.get("literal") or person.get("name"):
            authors.append({"name": str(person.get("literal") or person.get("name"))})
    fields["authors"] = authors
    arxiv = _ARXIV_DOI.match(bare)
    if arxiv:
        fields["arxiv"] = arxiv.group(1)
    else:
        fields["doi"] = bare
    container = item.get("container-title")
    container = container[0] if isinstance(container, list) and container else container
    if container and not arxiv:
        fields["venue"] = " ".join(str(container).split())
    types = {
        "article-journal": "article",
        "paper-conference": "inproceedings",
        "chapter": "incollection",
    }
    if item.get("type") in types:
        fields["type"] = types[item["type"]]
    return fields
