"""Write the generated pages in a second process while MkDocs builds the site.

MkDocs converts pages one after the other on one processor. Writing our pages (templates,
formatted references, charts) can happen meanwhile on another: a child process, forked once the
records are checked, plans every page, sends the list of paths at once, then each page's text
as it is written. The parent registers the files with MkDocs from the list, and a page's text
waits for the child only when MkDocs first reads it; by then it has almost always arrived.

Where forking is not safe (outside Linux, or with threads running, as in ``mkdocs serve``) or
``LIVESURVEY_RENDER=inline`` is set, the pages are written in the process itself, with the same
result. A failure in the child is raised in the parent with the child's traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..core.collection import collector_paused
from ..model.index import SurveyIndex
from .editions import Edition
from .generated import PlannedPage
from .memo import persisted
from .rendering import Renderer
from .templating import make_environment

RENDER_VARIABLE = "LIVESURVEY_RENDER"
"""``inline`` writes the pages in the building process itself (no second process)."""

LAST = ("bibliography/",)
"""Pages written last: the bibliography formats every reference, which a first build does
from scratch; placed last, MkDocs is busy with the other pages meanwhile."""


@dataclass(frozen=True)
class PageEntry:
    """A generated file as MkDocs needs to know it before reading its text."""

    uri: str
    record_path: str | None
    listed: bool

    @property
    def is_markdown(self) -> bool:
        return self.uri.endswith(".md")


class RenderError(RuntimeError):
    """Writing the pages failed; the message holds the cause (and the child's traceback)."""


class GeneratedPages:
    """The generated files of one build: their list at once, each text when it is ready."""

    def __init__(self, entries: list[PageEntry], contents: Mapping[str, str]) -> None:
        self._entries = entries
        self._contents = dict(contents)

    @property
    def entries(self) -> list[PageEntry]:
        """Every generated file, in the order to hand them to MkDocs."""
        return self._entries

    def content(self, uri: str) -> str:
        return self._contents[uri]

    def close(self) -> None:
        """Stop any work still running for this build (a rebuild started)."""


def build_order(pages: Sequence[PlannedPage]) -> list[PlannedPage]:
    """The order MkDocs reads pages in: Markdown pages first (it converts all of them before
    it copies other files), the slowest to write last (see :data:`LAST`)."""

    def rank(page: PlannedPage) -> tuple[bool, bool]:
        return not page.uri.endswith(".md"), page.uri.startswith(LAST)

    return sorted(pages, key=rank)  # stable: by path within each rank


def write_pages(
    index: SurveyIndex,
    *,
    template_dirs: Sequence[Path] = (),
    site_url: str | None = None,
    cache_dir: Path | None = None,
    edition: Edition | None = None,
    environ: Mapping[str, str] = os.environ,
    in_background: bool | None = None,
) -> GeneratedPages:
    """The generated files, written by a second process where that is safe (see module).

    ``in_background`` overrides that choice (tests use it to compare the two ways)."""
    job = _Job(index, tuple(template_dirs), site_url, cache_dir, edition)
    if in_background is None:
        in_background = environ.get(RENDER_VARIABLE, "").lower() != "inline" and _fork_is_safe()
    return _Streamed(job) if in_background else job.inline()


def _fork_is_safe() -> bool:
    # Linux forks cleanly; elsewhere system libraries may not survive a fork. A process with
    # threads (the live-reload server) could fork while one of them holds a lock.
    return sys.platform.startswith("linux") and threading.active_count() == 1


@dataclass(frozen=True)
class _Job:
    index: SurveyIndex
    template_dirs: tuple[Path, ...]
    site_url: str | None
    cache_dir: Path | None
    edition: Edition | None

    def run(self, send: Callable[[tuple[Any, ...]], None]) -> None:
        """Plan, send the list of files, then write and send each file, in build order."""
        with persisted(self.cache_dir), collector_paused():
            renderer = Renderer(
                self.index, make_environment(self.template_dirs), self.site_url, self.edition
            )
            plan = build_order(renderer.plan())
            send(("entries", [PageEntry(p.uri, p.record_path, p.listed) for p in plan]))
            for page in plan:
                send(("page", page.uri, page.write()))

    def inline(self) -> GeneratedPages:
        entries: list[PageEntry] = []
        contents: dict[str, str] = {}

        def keep(message: tuple[Any, ...]) -> None:
            if message[0] == "entries":
                entries.extend(message[1])
            else:
                contents[message[1]] = message[2]

        self.run(keep)
        return GeneratedPages(entries, contents)


def _child(job: _Job, connection: Connection) -> None:
    try:
        job.run(connection.send)
        connection.send(("done",))
    except BaseException:  # everything goes to the parent, which reports it
        connection.send(("error", traceback.format_exc()))
    finally:
        connection.close()


class _Streamed(GeneratedPages):
    """Files written by a child process; a thread here receives them as they come."""

    def __init__(self, job: _Job) -> None:
        super().__init__([], {})
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(job, sending), daemon=True)
        self._process.start()
        sending.close()  # the child holds the sending end; ours closed, its exit ends the pipe
        self._arrived = threading.Condition()
        self._received: dict[str, str] = {}
        self._planned: list[PageEntry] | None = None
        self._failure: str | None = None
        self._thread = threading.Thread(target=self._receive, args=(receiving,), daemon=True)
        self._thread.start()

    def _receive(self, connection: Connection) -> None:
        failure: str | None = None
        try:
            while True:
                message = connection.recv()
                with self._arrived:
                    if message[0] == "entries":
                        self._planned = message[1]
                    elif message[0] == "page":
                        self._received[message[1]] = message[2]
                    self._arrived.notify_all()
                if message[0] == "done":
                    break
                if message[0] == "error":
                    failure = f"writing the generated pages failed:\n{message[1]}"
                    break
        except EOFError:
            self._process.join()
            failure = (
                "the process writing the generated pages stopped unexpectedly "
                f"(exit code {self._process.exitcode}); set {RENDER_VARIABLE}=inline to write "
                "them in the build process and see the error"
            )
        finally:
            connection.close()
            self._process.join()
            with self._arrived:
                self._failure = failure
                self._arrived.notify_all()

    @property
    def entries(self) -> list[PageEntry]:
        with self._arrived:
            self._arrived.wait_for(lambda: self._planned is not None or self._failure is not None)
            if self._planned is None:
                raise RenderError(self._failure or "no pages were planned")
            return self._planned

    def content(self, uri: str) -> str:
        with self._arrived:
            self._arrived.wait_for(lambda: uri in self._received or self._failure is not None)
            if uri not in self._received:
                raise RenderError(self._failure or f"the page {uri} was never written")
            return self._received.pop(uri)  # MkDocs keeps the text; no need for two copies

    def close(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._thread.join()
