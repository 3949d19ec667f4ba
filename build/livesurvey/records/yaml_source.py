"""Read one YAML file into plain values, and the position of every value when one is asked for.

PyYAML keeps the last of two equal keys in a mapping and forgets the first;
here that is a problem to report. Anchors and aliases are refused: records are
plain data, and aliases are the way to build exponentially large documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
import yaml.reader
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..core.problems import Location, ProblemLog
from .files import MAX_RECORD_BYTES, size_problem

try:  # the C parser is much faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """The safe loader, with its choice of a scalar's type made quicker (the same choice)."""

    _candidates: dict[str, list[tuple[str, Any]]] = _BaseLoader.yaml_implicit_resolvers

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # Resolver.resolve, for the safe schema (no wildcard or path resolvers): an unquoted
        # scalar is the first type whose pattern matches, by its first character; else text.
        if kind is not ScalarNode:
            return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        if implicit[0]:
            for tag, pattern in self._candidates.get(value[:1], ()):
                if pattern.match(value):
                    return tag
        return self.DEFAULT_SCALAR_TAG


PathKey = tuple[str | int, ...]
"""Where a value sits inside a document: mapping keys and sequence indexes."""


Positions = dict[PathKey, tuple[int, int]]
"""Line and column (from 1) by place in a document."""


@dataclass
class SourceDocument:
    """A parsed YAML file: its data and where each value came from.

    Positions are needed only to report a problem, rarely: they are worked out from the file's
    text the first time one is asked for (parsing it again), not while every file is read."""

    path: str
    data: Any
    raw_scalars: dict[PathKey, str] = field(default_factory=dict)
    """The text of each value YAML read as something else than text (a number, a date)."""
    reported: set[PathKey] = field(default_factory=set)
    """Values the reader already reported; validation does not report them again."""
    text: str | None = field(default=None, repr=False)
    """The file's text, which the positions come from (None: every position is line 1)."""
    _positions: tuple[Positions, Positions] | None = field(default=None, repr=False, compare=False)

    def forget_source(self) -> None:
        """Drop the text, the positions and the parsed data, needed only to check the record and
        report its problems (a build frees the memory once the records are checked and the pages
        written: the validated record holds the values; a location asked for afterwards is the
        file's first line)."""
        self.data = None
        self.text = None
        self.raw_scalars = {}
        self._positions = ({}, {})

    @property
    def value_positions(self) -> Positions:
        """Where each value starts."""
        return self._tables()[0]

    @property
    def key_positions(self) -> Positions:
        """Where each mapping key that names a value starts."""
        return self._tables()[1]

    def has(self, key: PathKey) -> bool:
        """Whether the document holds a value at ``key``."""
        return key in self.value_positions

    def at(self, key: PathKey) -> Location:
        """The location of the value at ``key``, or of its nearest parent that exists."""
        return self._locate(key, self.value_positions)

    def key_at(self, key: PathKey) -> Location:
        """The location of the mapping key that names ``key`` (falls back to the value)."""
        if key in self.key_positions:
            line, column = self.key_positions[key]
            return Location(self.path, line, column)
        return self.at(key)

    def _locate(self, key: PathKey, table: Positions) -> Location:
        probe = tuple(key)
        while probe not in table and probe:
            probe = probe[:-1]
        line, column = table.get(probe, (1, 1))
        return Location(self.path, line, column)

    def _tables(self) -> tuple[Positions, Positions]:
        if self._positions is None:
            self._positions = _positions_of(self.text, self.path) if self.text else ({}, {})
        return self._positions


_TEXT_TAG = "tag:yaml.org,2002:str"


class _ScalarBuilder(SafeConstructor):
    """Turns one scalar node into a Python value with YAML's safe rules."""


def load_yaml(text: str, path: str, log: ProblemLog) -> SourceDocument | None:
    """Parse ``text``; report syntax errors, duplicate keys and aliases to ``log``.

    Returns ``None`` when the file cannot be parsed at all.
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as error:
        log.add(_position(path, text, error.position), _reader_message(error), code="yaml-syntax")
        return None
    except RecursionError:
        log.add(Location(path), _TOO_DEEP, code="yaml-depth")
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or error.context or "not valid YAML"
        log.add(
            Location(path, line, column),
            f"YAML syntax error: {what}; check indentation and quoting around this place",
            code="yaml-syntax",
        )
        return None
    except yaml.YAMLError:
        log.add(Location(path), "not valid YAML; check the file's syntax", code="yaml-syntax")
        return None
    document = SourceDocument(path=path, data=None, text=text)
    if root is None:
        document.data = {}
        return document
    builder = _Converter(document, log)
    document.data = builder.convert(root, ())
    builder.report_aliases()
    return None if builder.too_deep else document


def _positions_of(text: str, path: str) -> tuple[Positions, Positions]:
    """Where each value and each key of a document that :func:`load_yaml` read starts: its
    text read again, the same way, its problems already reported then."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):  # not a document load_yaml returned
        return {}, {}
    builder = _Converter(SourceDocument(path=path, data=None), ProblemLog(), positions=True)
    if root is not None:
        builder.convert(root, ())
    return builder.values, builder.keys


MAX_DEPTH = 20
"""Deepest nesting of mappings and lists a record may have (records need about five)."""
_TOO_DEEP = (
    f"values are nested more than {MAX_DEPTH} levels deep; records are shallow: "
    "check the brackets and indentation"
)


def _position(path: str, text: str, offset: int) -> Location:
    before = text[:offset]
    return Location(path, before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def _reader_message(error: yaml.reader.ReaderError) -> str:
    character = error.character
    code = character if isinstance(character, int) else ord(str(character)[:1] or "?")
    return (
        f"the character U+{code:04X} is not allowed in YAML ({error.reason}); "
        "remove it or write the text again"
    )


class _Converter:
    def __init__(self, document: SourceDocument, log: ProblemLog, positions: bool = False) -> None:
        self.document = document
        self.log = log
        self.positions = positions
        self.values: Positions = {}
        self.keys: Positions = {}
        self.scalars = _ScalarBuilder()
        self.seen: set[int] = set()
        self.aliases: list[Location] = []
        self.too_deep = False

    def report_aliases(self) -> None:
        """One problem for all aliases of a file: an alias bomb gives one line, not thousands."""
        if not self.aliases:
            return
        more = len(self.aliases) - 1
        also = f" (and {more} more use{'s' if more > 1 else ''} in this file)" if more else ""
        self.log.add(
            self.aliases[0],
            "YAML anchors and aliases are not allowed in records; write the value out in full"
            + also,
            code="yaml-alias",
        )

    def _location(self, node: Node) -> Location:
        return Location(self.document.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def convert(self, node: Node, key: PathKey) -> Any:
        if id(node) in self.seen:
            self.aliases.append(self._location(node))
            return None
        self.seen.add(id(node))
        if len(key) > MAX_DEPTH:
            if not self.too_deep:
                self.log.add(self._location(node), _TOO_DEEP, code="yaml-depth")
            self.too_deep = True
            return None
        if self.positions:
            self.values[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, key)
        if isinstance(node, SequenceNode):
            return [self.convert(item, (*key, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.tag == _TEXT_TAG:
            return node.value  # text needs no construction (most values of a record)
        try:
            value = self.scalars.construct_object(node, deep=True)
        except (ConstructorError, ValueError) as error:
            self.document.reported.add(key)
            if node.tag == "tag:yaml.org,2002:timestamp":
                message = (
                    f"'{node.value}' is not a real date ({error}); write an existing day "
                    "as YYYY-MM-DD"
                )
            else:
                message = f"cannot read value {node.value!r}: {error}; quote it to keep it as text"
            self.log.add(self._location(node), message, code="yaml-value")
            return node.value
        if not isinstance(value, str):
            self.document.raw_scalars[key] = node.value
        return value

    def _mapping(self, node: MappingNode, key: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.log.add(
                    self._location(key_node),
                    "YAML merge keys ('<<') are not allowed in records; "
                    "write the fields out in full",
                    code="yaml-alias",
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.log.add(
                    self._location(key_node),
                    "a mapping key must be plain text",
                    code="yaml-value",
                )
                continue
            name = key_node.value
            if name in first_seen:
                earlier = first_seen[name].start_mark.line + 1
                self.log.add(
                    self._location(key_node),
                    f"duplicate key '{name}' (first given on line {earlier}); "
                    "YAML would silently keep only the last value: merge them into one",
                    code="duplicate-key",
                )
                continue
            first_seen[name] = key_node
            child = (*key, name)
            if self.positions:
                self.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[name] = self.convert(value_node, child)
        return result


class ParsedDocuments(Protocol):
    """Documents parsed in earlier runs (:class:`livesurvey.records.parse_cache.ParseCache`)."""

    def key(self, relative: str, content: bytes) -> str: ...
    def get(self, key: str, relative: str, text: str) -> SourceDocument | None: ...
    def put(self, key: str, document: SourceDocument) -> None: ...


def read_yaml_file(
    file: Path,
    relative: str,
    log: ProblemLog,
    *,
    limit: int = MAX_RECORD_BYTES,
    parsed: ParsedDocuments | None = None,
) -> SourceDocument | None:
    """Read and parse one record file; unreadable, oversized or non-UTF-8 files are reported.

    The caller has checked that ``file`` is a plain file inside the data folder
    (:func:`livesurvey.records.files.confinement_problem`). With ``parsed``, a file whose
    bytes were parsed before is not parsed again.
    """
    try:
        too_large = size_problem(file, limit)
        if too_large:
            log.add(Location(relative), too_large, code="too-large")
            return None
        content = file.read_bytes()
        # as a text-mode read gives it: every line break a '\n'
        text = content.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        key = parsed.key(relative, content) if parsed else ""
        known = parsed.get(key, relative, text) if parsed else None
        if known is not None:
            return known
    except UnicodeDecodeError as error:
        log.add(
            Location(relative),
            f"file is not valid UTF-8 ({error.reason} at byte {error.start}); save it as UTF-8",
            code="encoding",
        )
        return None
    except OSError as error:
        log.add(Location(relative), f"cannot read file: {error.strerror}", code="io")
        return None
    before = len(log.problems)
    document = load_yaml(text, relative, log)
    if parsed and document is not None and len(log.problems) == before:
        parsed.put(key, document)
    return document
