"""Write the generated pages in a second process while MkDocs builds the site.

MkDocs converts pages one after the other on one processor. Writing our pages (templates,
formatted references, charts) can happen meanwhile on another: a child process, forked once the
records are checked, plans every page, sends the list of paths at once, then each page's text
as it is written. The parent registers the files with MkDocs from the list, and a page's text
waits for the child only when MkDocs first reads it; by then it has almost always arrived.

Given a :class:`PageFinisher` (the site generator's own work on a page: MkDocs converts Markdown
to HTML), the child also does that work: it sends each Markdown page's stand-in (what the
generator needs while it lays out the site, such as the title) and, once every page is sent,
finishes the pages in the same order and sends each result, which the generator takes in place
of its own. The generator's work on one page then runs while it builds the one before.

Where forking is not safe (outside Linux, or with threads running, as in ``mkdocs serve``) or
``LIVESURVEY_RENDER=inline`` is set, the pages are written in the process itself and the
generator does its own work, with the same result. A failure in the child is raised in the
parent with the child's traceback.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from ..core.collection import collector_paused, set_aside_what_lives
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


class PageFinisher(Protocol):
    """The site generator's work on each Markdown page, done by the second process."""

    def stand_in(self, uri: str, text: str) -> str:
        """What the generator reads in place of the page's text while it lays out the site."""
        ...

    def start(self, uris: Sequence[str]) -> None:
        """Called once, with every generated file, before any page is written (and before
        copies of the second process share the work)."""
        ...

    def finish(self, uri: str, text: str) -> object:
        """The generator's result for one page (sent to the building process: picklable)."""
        ...

    def end(self) -> None:
        """Called in each finishing process after its last page."""
        ...


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

    @property
    def finishes_elsewhere(self) -> bool:
        """Whether the finisher's work is done by the second process (:meth:`finished`)."""
        return False

    def finished(self, uri: str) -> object | None:
        """The finisher's result for a Markdown page, or None where the pages were written
        in this process (the generator then does its own work on the full text)."""
        return None

    def wait(self) -> None:
        """Wait until the work for this build has ended (the finishers keep what they did)."""

    def close(self) -> None:
        """Stop any work still running for this build (a rebuild started)."""


def _entries(plan: Sequence[PlannedPage]) -> list[PageEntry]:
    return [PageEntry(p.uri, p.record_path, p.listed) for p in plan]


SLOW = ("statistics/", "bibliography/index.md")
"""Files whose first writing is slow: the charts (drawn with matplotlib) and the bibliography
(every reference formatted). With a finisher, a copy of the second process writes them while
it writes the others; the bibliography last, as MkDocs needs it last."""


def _is_slow(page: PlannedPage) -> bool:
    return page.uri.startswith(SLOW)


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
    finisher: PageFinisher | None = None,
) -> GeneratedPages:
    """The generated files, written by a second process where that is safe (see module),
    which then also does ``finisher``'s work on each Markdown page.

    ``in_background`` overrides that choice (tests use it to compare the two ways)."""
    job = _Job(index, tuple(template_dirs), site_url, cache_dir, edition)
    if in_background is None:
        in_background = environ.get(RENDER_VARIABLE, "").lower() != "inline" and _fork_is_safe()
    return _Streamed(job, finisher) if in_background else job.inline()


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

    def plan(self) -> list[PlannedPage]:
        """Every generated file, in build order (within :func:`persisted`)."""
        renderer = Renderer(
            self.index, make_environment(self.template_dirs), self.site_url, self.edition
        )
        return build_order(renderer.plan())

    @staticmethod
    def send_pages(
        pages: Sequence[PlannedPage],
        send: Callable[[tuple[Any, ...]], None],
        finisher: PageFinisher | None = None,
    ) -> dict[str, str]:
        """Write and send each file (with a finisher, a stand-in for each Markdown page).
        Returns the texts of the pages left to finish, in build order."""
        unfinished: dict[str, str] = {}
        for page in pages:
            text = page.write()
            if finisher is not None and page.uri.endswith(".md"):
                unfinished[page.uri] = text
                text = finisher.stand_in(page.uri, text)
            send(("page", page.uri, text))
        return unfinished

    def write(self, send: Callable[[tuple[Any, ...]], None]) -> None:
        """Plan, send the list of files, then write and send each file, in build order."""
        with persisted(self.cache_dir), collector_paused():
            plan = self.plan()
            send(("entries", _entries(plan)))
            self.send_pages(plan, send)

    def inline(self) -> GeneratedPages:
        entries: list[PageEntry] = []
        contents: dict[str, str] = {}

        def keep(message: tuple[Any, ...]) -> None:
            if message[0] == "entries":
                entries.extend(message[1])
            else:
                contents[message[1]] = message[2]

        self.write(keep)
        return GeneratedPages(entries, contents)


def finishing_processes() -> int:
    """How many processes finish pages: one per processor the building process leaves free
    (three at most), and at least one. On two processors one: a second finisher would take
    time from the building process, whose own work cannot wait (measured: 14 s against 12 s
    for a survey of 1,000 papers)."""
    return max(1, min(3, len(os.sched_getaffinity(0)) - 1))


def _child(
    job: _Job,
    finisher: PageFinisher | None,
    connections: list[Connection],
    parents_ends: list[Connection],
) -> None:
    """Write the pages. With a finisher, also finish them, helped by copies of this process:
    one writes and finishes the slow pages (:data:`SLOW`) meanwhile, on the last connection;
    others take a share of the finishing."""
    for end in parents_ends:
        end.close()  # the parent's alone: should it stop, a copy still sending learns it at once
    first, slow_connection = connections[0], connections[-1]
    mine, writes_slow_pages = first, False
    try:
        if finisher is None:
            job.write(first.send)
        else:
            with persisted(job.cache_dir), collector_paused():  # each process keeps what it used
                plan = job.plan()
                first.send(("entries", _entries(plan)))
                finisher.start([page.uri for page in plan])  # once, before any copy is made
                slow = [page for page in plan if _is_slow(page)]
                writer = os.fork() if slow else -1
                if writer == 0:
                    mine, writes_slow_pages = slow_connection, True
                    pages = sorted(slow, key=lambda page: page.uri.startswith(LAST))
                    for other in connections[:-1]:
                        other.close()
                else:
                    slow_connection.close()
                    written_elsewhere = {page.uri for page in slow} if writer > 0 else set()
                    pages = [page for page in plan if page.uri not in written_elsewhere]
                    if writer > 0:
                        first.send(("helper", len(connections) - 1, writer))
                texts = job.send_pages(pages, mine.send, finisher)
            set_aside_what_lives()  # the survey and the texts stay; the finisher's garbage goes
            if writes_slow_pages:
                _finish_share(finisher, list(texts), texts, mine)
            else:
                _finish(finisher, texts, connections[:-1])
                if writer > 0:
                    os.waitpid(writer, 0)
        mine.send(("done",))
    except BaseException:  # everything goes to the parent, which reports it
        mine.send(("error", traceback.format_exc()))
    finally:
        mine.close()
        if writes_slow_pages:
            os._exit(0)  # a copy: it ends here, its parent reports


def _finish(
    finisher: PageFinisher, unfinished: dict[str, str], connections: list[Connection]
) -> None:
    """Finish the pages in build order, shared in turn among one process per connection: this
    one and copies of it, each sending its share on its own connection."""
    order = list(unfinished)
    helpers = []
    for share in range(1, len(connections)):
        pid = os.fork()
        if pid == 0:  # a helper: finishes its share, reports on its own connection, exits
            connection, code = connections[share], 0
            try:
                for other in connections:
                    if other is not connection:
                        other.close()
                _finish_share(finisher, order[share :: len(connections)], unfinished, connection)
                connection.send(("done",))
            except BaseException:
                connection.send(("error", traceback.format_exc()))
                code = 1
            finally:
                connection.close()
                os._exit(code)
        helpers.append(pid)
        connections[0].send(("helper", share, pid))
    for helper in connections[1:]:
        helper.close()  # the helpers hold these; the parent sees the end when they exit
    _finish_share(finisher, order[:: len(connections)], unfinished, connections[0])
    for pid in helpers:
        os.waitpid(pid, 0)


def _finish_share(
    finisher: PageFinisher, uris: list[str], texts: dict[str, str], connection: Connection
) -> None:
    for uri in uris:
        connection.send(("finished", uri, finisher.finish(uri, texts.pop(uri))))
    finisher.end()


class _Streamed(GeneratedPages):
    """Files written by a child process (and finished by it and its helpers); a thread here
    per connection receives them as they come."""

    def __init__(self, job: _Job, finisher: PageFinisher | None) -> None:
        super().__init__([], {})
        context = multiprocessing.get_context("fork")
        # the child; with a finisher, helpers that share the finishing, and the slow pages' writer
        count = finishing_processes() + 1 if finisher is not None else 1
        pipes = [context.Pipe(duplex=False) for _ in range(count)]
        sending = [end for _, end in pipes]
        receiving = [end for end, _ in pipes]
        self._process = context.Process(
            target=_child, args=(job, finisher, sending, receiving), daemon=True
        )
        self._process.start()
        for end in sending:
            end.close()  # the child and its helpers hold these; their exit ends each pipe
        self._arrived = threading.Condition()
        self._received: dict[str, str] = {}
        self._finishes = finisher is not None
        self._finished: dict[str, object] = {}
        self._planned: list[PageEntry] | None = None
        self._failure: str | None = None
        self._helpers: dict[int, int] = {}
        """The process sending on each connection after the first, once it has started."""
        self._open = count
        self._threads = [
            threading.Thread(target=self._receive, args=(receiving, n), daemon=True)
            for n, (receiving, _) in enumerate(pipes)
        ]
        for thread in self._threads:
            thread.start()

    def _receive(self, connection: Connection, number: int) -> None:
        from_child = number == 0
        failure: str | None = None
        reported = False  # the failure came with its cause (the traceback)
        started = False  # something came: a process sends on this connection
        try:
            while True:
                message = connection.recv()
                started = True
                with self._arrived:
                    if message[0] == "entries":
                        self._planned = message[1]
                    elif message[0] == "page":
                        self._received[message[1]] = message[2]
                    elif message[0] == "finished":
                        self._finished[message[1]] = message[2]
                    elif message[0] == "helper":
                        self._helpers[message[1]] = message[2]
                    self._arrived.notify_all()
                if message[0] == "done":
                    break
                if message[0] == "error":
                    failure, reported = f"writing the generated pages failed:\n{message[1]}", True
                    break
        except EOFError:
            if from_child:
                self._process.join()
            with self._arrived:
                announced = number in self._helpers
            if from_child or started or announced:  # (unused if no process started for it)
                code = f" (exit code {self._process.exitcode})" if from_child else ""
                failure = (
                    f"the process writing the generated pages stopped unexpectedly{code}; set "
                    f"{RENDER_VARIABLE}=inline to write them in the build process and see the "
                    "error"
                )
        finally:
            connection.close()
            if from_child:
                self._process.join()
            with self._arrived:
                if failure is not None and (self._failure is None or reported):
                    self._failure = failure
                self._open -= 1
                self._arrived.notify_all()

    def _wait_for(self, ready: Callable[[], bool]) -> None:
        """Wait until ``ready()``, a failure, or the end of every connection."""
        with self._arrived:
            self._arrived.wait_for(lambda: ready() or self._failure is not None or self._open == 0)

    @property
    def entries(self) -> list[PageEntry]:
        self._wait_for(lambda: self._planned is not None)
        if self._planned is None:
            raise RenderError(self._failure or "no pages were planned")
        return self._planned

    def content(self, uri: str) -> str:
        self._wait_for(lambda: uri in self._received)
        with self._arrived:
            if uri not in self._received:
                raise RenderError(self._failure or f"the page {uri} was never written")
            return self._received.pop(uri)  # MkDocs keeps the text; no need for two copies

    @property
    def finishes_elsewhere(self) -> bool:
        return self._finishes

    def finished(self, uri: str) -> object | None:
        if not self._finishes:
            return None
        self._wait_for(lambda: uri in self._finished)
        with self._arrived:
            if uri not in self._finished:
                raise RenderError(self._failure or f"the page {uri} was never finished")
            return self._finished.pop(uri)

    def wait(self) -> None:
        for thread in self._threads:
            thread.join()
        if self._failure is not None:
            raise RenderError(self._failure)

    def close(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        with self._arrived:
            helpers = dict(self._helpers)
        for number, pid in helpers.items():
            if self._threads[number].is_alive():  # its connection is open: still running
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        for thread in self._threads:
            thread.join()
