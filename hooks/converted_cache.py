"""Generated pages converted by an earlier build, reused while nothing they depend on changed.

Converting a page's Markdown to HTML depends on the page's text, on MkDocs' configuration and
the code of MkDocs, its extensions and plugins, and on the files the page links to (whether
each exists, its address, whether it is excluded). A converted page is kept with all three: a
hash of the first two (:func:`signature`) and the lookups made while converting it, and is
reused only if the hash is equal and every lookup gives the same answer in this build. A
build that changes one record converts again only the pages whose text changed.

Kept in ``.cache/livesurvey/pages/`` as packs of zlib-compressed JSON (plain data, nothing to
run), one pack per process that finished pages: one file to write per build rather than one
per page (creating thousands of small files cost a second or two here). The folder is safe to
delete; an entry that cannot be read is converted again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import struct
import zlib
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path, PurePath
from typing import Any

from livesurvey.outputs.memo import engine_signature
from livesurvey.records.files import write_atomically, write_cache_tag
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink, TableOfContents

FORMAT = 3
"""Changes when the layout of a cache file changes; older files are then converted again."""
_HOOKS = Path(__file__).resolve().parent
_LIBRARIES = (
    "mkdocs",
    "markdown",
    "pymdown-extensions",
    "mkdocs-material",
    "mkdocs-autorefs",
    "mkdocstrings",
)
"""Libraries that take part in converting a page: a new version converts every page again."""

Lookup = list[Any] | None
"""What a lookup of a path found: the file's address and inclusion level, or None."""


def _described(value: Any) -> Any:
    """A stable description of a configuration value that JSON cannot hold as it is."""
    if isinstance(value, type) or callable(value):
        return f"{value.__module__}.{value.__qualname__}"
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, set | frozenset | tuple):
        return sorted(map(str, value))
    return f"{type(value).__module__}.{type(value).__qualname__}"  # an object: by its kind


def signature(config: MkDocsConfig) -> str:
    """A hash of everything a page's conversion depends on besides its text and its links."""
    pages_logger = logging.getLogger("mkdocs.structure.pages")
    parts = {
        "format": FORMAT,
        "extensions": list(config.markdown_extensions),
        "extension_settings": config.mdx_configs,
        "use_directory_urls": config.use_directory_urls,
        "validation": dict(config.validation.links),
        "plugins": list(config.plugins),
        # MkDocs collects links to anchors only when it does not log at debug level
        "links_collected": pages_logger.getEffectiveLevel() > logging.DEBUG,
        "libraries": {name: version(name) for name in _LIBRARIES},
        "engine": engine_signature(),
        "hooks": {
            path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(_HOOKS.glob("*.py"))
        },
    }
    text = json.dumps(parts, sort_keys=True, default=_described)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1 << 16)
def _posix_form(path: str) -> str:
    return PurePath(path).as_posix()


def looked_up(file: File | None) -> Lookup:
    return None if file is None else [file.url, file.inclusion.name]


class LookupsKept(Files):
    """The build's files, noting each lookup of a path (what a page being converted links to)."""

    def __init__(self, files: Iterable[File]) -> None:
        super().__init__(list(files))
        self.lookups: dict[str, Lookup] = {}

    def get_file_from_path(self, path: str) -> File | None:
        # Files.get_file_from_path, with the path's normal form worked out once per path: the
        # same targets are linked from thousands of pages.
        file = self.src_uris.get(_posix_form(path))
        self.lookups[path] = looked_up(file)
        return file

    def still_finds(self, lookups: dict[str, Lookup]) -> bool:
        """Whether every lookup in ``lookups`` gives the same answer now."""
        find = super().get_file_from_path
        return all(looked_up(find(path)) == found for path, found in lookups.items())


def toc_as_data(items: Iterable[AnchorLink]) -> list[Any]:
    return [[item.title, item.id, item.level, toc_as_data(item.children)] for item in items]


def toc_from_data(data: list[Any]) -> TableOfContents:
    def links(rows: list[Any]) -> list[AnchorLink]:
        made = []
        for title, anchor, level, children in rows:
            link = AnchorLink(title, anchor, level)
            link.children = links(children)
            made.append(link)
        return made

    return TableOfContents(links(data))


class ConvertedCache:
    """One finishing process's view of the folder of converted pages.

    :meth:`load` reads every pack the previous build left (before the finishing processes part
    ways, so that each has them) and deletes them; each process then writes one pack of the
    pages it finished (:meth:`save`), so the folder holds one build's worth."""

    def __init__(self, folder: Path, config: MkDocsConfig) -> None:
        self.folder = folder
        self._signature = signature(config)
        self._stored: dict[str, bytes] = {}
        self._finished: dict[str, bytes] = {}

    def key(self, uri: str, text: str) -> str:
        digest = hashlib.sha256(self._signature.encode())
        digest.update(b"\0" + uri.encode("utf-8") + b"\0" + text.encode("utf-8"))
        return digest.hexdigest()

    def load(self) -> None:
        try:
            for pack in sorted(self.folder.glob(f"*{PACK_SUFFIX}")):
                self._stored.update(unpacked(pack.read_bytes()))
                pack.unlink()
            for unfinished in self.folder.glob(f".*{PACK_SUFFIX}.*.tmp"):
                unfinished.unlink()  # a write that an interrupted build left
        except OSError:
            pass  # no folder yet, or a read-only checkout: converted again

    def read(self, uri: str, key: str, files: LookupsKept) -> dict[str, Any] | None:
        """The kept conversion of the page, if it was made from the same text and
        configuration and its links find the same files."""
        packed = self._stored.pop(uri, None)
        if packed is None:
            return None
        try:
            data = json.loads(zlib.decompress(packed))
        except (ValueError, zlib.error):
            return None  # damaged: converted again
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        lookups = data.get("lookups")
        if not isinstance(lookups, dict) or not files.still_finds(lookups):
            return None
        self._finished[uri] = packed
        return data

    def write(self, uri: str, data: dict[str, Any]) -> None:
        text = json.dumps(data, ensure_ascii=False)
        self._finished[uri] = zlib.compress(text.encode("utf-8"), 1)

    def save(self) -> None:
        """Write the pages this process finished, as one pack."""
        if not self._finished:
            return
        try:
            write_cache_tag(self.folder)
            path = self.folder / f"pages-{os.getpid()}{PACK_SUFFIX}"
            write_atomically(path, packed(self._finished))
        except OSError:
            pass  # a read-only checkout builds as well, only without reuse next time
        self._finished = {}


PACK_SUFFIX = ".pack"
_LENGTH = struct.Struct(">I")


def packed(entries: dict[str, bytes]) -> bytes:
    """Entries as one file: for each, its path's and its data's lengths and bytes."""
    parts: list[bytes] = []
    for uri, data in entries.items():
        name = uri.encode("utf-8")
        parts += [_LENGTH.pack(len(name)), name, _LENGTH.pack(len(data)), data]
    return b"".join(parts)


def unpacked(pack: bytes) -> dict[str, bytes]:
    """The entries of a pack; a damaged end loses only the entries it holds."""
    entries: dict[str, bytes] = {}
    view, at = memoryview(pack), 0
    try:
        while at < len(view):
            (size,) = _LENGTH.unpack_from(view, at)
            name = bytes(view[at + 4 : at + 4 + size]).decode("utf-8")
            at += 4 + size
            (size,) = _LENGTH.unpack_from(view, at)
            if at + 4 + size > len(view):
                break
            entries[name] = bytes(view[at + 4 : at + 4 + size])
            at += 4 + size
    except (struct.error, UnicodeDecodeError):
        pass
    return entries
