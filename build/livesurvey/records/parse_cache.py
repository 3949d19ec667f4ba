"""Parsed record files kept between runs, by the hash of their path and bytes.

Reading YAML is the slowest part of ``check`` (and of the check each build starts with): a third
of its time at 3,000 papers. A record file that has not changed parses to the same document, so
the documents of the last run (their data; positions come from the text when a problem needs
one) are kept in the cache folder and reused for every file whose bytes are the same. Only
files that parsed without a problem are kept (a problem is reported afresh each run). The file
is a pickle read back with a loader that accepts nothing but plain data and dates: it cannot run
code. It is tied to the reader's code and PyYAML's version, ignored whole when either changes or
it cannot be read, and holds only what the last run used: deleting it costs one slower run.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from . import yaml_source
from .files import write_atomically, write_cache_tag
from .yaml_source import SourceDocument

DISABLE_VARIABLE = "LIVESURVEY_CACHE"
"""Set to ``off`` to run without the cache folder (every result computed afresh)."""
CACHE_FILE = "parsed-records.pickle"


def caching_off(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether ``LIVESURVEY_CACHE=off`` asks for a run without the cache folder."""
    return environ.get(DISABLE_VARIABLE, "").lower() == "off"


_SAFE_CLASSES = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "timezone")}
_SAFE_CLASSES |= {("datetime", "timedelta")}
"""What YAML's safe types need beyond plain data (a timestamp with its time zone)."""

_Entry = tuple[Any, dict[Any, Any]]
"""A document's data and raw scalars (positions come from the text when asked for)."""


@cache
def reader_signature() -> str:
    """A hash of the code that parses records and of PyYAML's version."""
    digest = hashlib.sha256(yaml.__version__.encode())
    for module in (yaml_source.__file__, __file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


class _PlainData(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _SAFE_CLASSES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


class ParseCache:
    """One run's view of the parsed-record cache in ``folder`` (None: no cache)."""

    def __init__(self, folder: Path | None, environ: Mapping[str, str] = os.environ) -> None:
        self.path = None if folder is None or caching_off(environ) else folder / CACHE_FILE
        self.stored: dict[str, _Entry] = self._read() if self.path else {}
        self.used: dict[str, _Entry] = {}

    def _read(self) -> dict[str, _Entry]:
        assert self.path is not None
        try:
            signature, entries = _PlainData(io.BytesIO(self.path.read_bytes())).load()
        except Exception:  # missing, damaged or foreign: start afresh
            return {}
        return entries if signature == reader_signature() and isinstance(entries, dict) else {}

    @staticmethod
    def key(relative: str, content: bytes) -> str:
        return hashlib.blake2b(relative.encode() + b"\0" + content, digest_size=20).hexdigest()

    def get(self, key: str, relative: str, text: str) -> SourceDocument | None:
        """The document parsed from these bytes (``text``) in an earlier run, or None."""
        entry = self.stored.get(key)
        if entry is None:
            return None
        self.used[key] = entry
        data, raw = entry
        return SourceDocument(relative, data, raw, text=text)  # read once: no copy needed

    def put(self, key: str, document: SourceDocument) -> None:
        """Keep a document that parsed without a problem (written by :meth:`save` right after
        loading)."""
        if self.path is not None:
            self.used[key] = (document.data, document.raw_scalars)

    def save(self) -> None:
        """Write what this run used, if it differs from what was read."""
        if self.path is None or self.used.keys() == self.stored.keys():
            return
        content = pickle.dumps((reader_signature(), self.used), protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(OSError):  # a cache not written only slows the next run
            write_cache_tag(self.path.parent)
            write_atomically(self.path, content)
