"""The TUI's access to the Project service from the UI thread and from worker threads.

One SQLite connection is not safe for concurrent use, so:

- ``read(fn)`` runs ``fn(project)`` on the main connection under a lock (quick reads: a page of
  the segment list, one segment);
- ``write(fn)`` queues ``fn(project)`` on one writer thread, in order, under the same lock, and
  returns a Future (autosave, confirm, undo, overrides, statuses): writes never block the UI and
  are never reordered;
- ``background(fn)`` runs ``fn(project)`` on a second connection of its own (long scans in
  workers: search, filters, checks) so the UI thread never waits behind them. The jobs run one
  at a time on a daemon thread, and the worker that asked waits for the result. When that
  worker is cancelled (a newer search replaced it, its screen closed) or the app quits, a read
  is stopped — ``sqlite3.Connection.interrupt()`` for the statement running, a progress handler
  for any the job starts after — and the worker gets :class:`BackgroundCancelled` at once. A
  background write (``write=True``: merge, split, import, batch) is not interrupted when its
  worker is cancelled; only a quit stops waiting for it (it is one transaction: it commits, or
  rolls back when the process ends first). A write given a ``cancel`` event (imports, find and
  replace, batches: the dialog's Cancel) is stopped the same way as a read once the event is
  set: its transaction rolls back and the worker gets :class:`BackgroundCancelled` — unless it
  had finished first, when its result comes back as usual.

A project on a server may become unreachable (the server restarts, the network drops). The
service then goes *offline*: a thread reconnects (every ``RECONNECT_MAX`` seconds at most)
while writes queued with ``retry=True`` (the editor's autosaves and confirmations) wait, in
order, and are written when the connection returns; ``waiting`` counts the writes not done
yet. Reads made meanwhile raise :class:`ConnectionLostError` at once (the UI shows what it has
and says it is offline); a background job gets the same error.
"""

from __future__ import annotations

import contextlib
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from workbench.errors import (
    ConnectionLostError,
    LockedError,
    PermissionDeniedError,
    ProjectError,
    WorkbenchError,
)
from workbench.glossary.qa import PairCache
from workbench.store.connection import WriteLockTaken
from workbench.store.db import is_refusal, project_error
from workbench.store.sqlite import BUSY_TIMEOUT_MS
from workbench.tui.heap import full_collections_held
from workbench.tui.unsent import Journal, UnsentEdit

if TYPE_CHECKING:
    from workbench.glossary.findings import Finding
    from workbench.project import Project

T = TypeVar("T")

POLL = 0.05
"""Seconds between a waiting worker's looks at whether it was cancelled."""
PROGRESS_STEPS = 1000
"""SQLite VM steps between two looks, during a background statement, at whether its job was
cancelled."""
LOCK_WAIT = BUSY_TIMEOUT_MS / 1000
"""Seconds a write waits for another program to let go of the project's write lock."""
NOT_WRITTEN = ("not saved: do it again once it is back (only the English typed in the editor "
               "waits for the server)")
"""What a write other than the editor's (a verdict, a comment, a term, an LQA error, a batch)
tried offline says: it is not queued, so it is not lost without a word."""
RECONNECT_FIRST = 0.2
RECONNECT_MAX = 2.0
"""Seconds between two attempts to reach the server again (doubling up to the max)."""


class BackgroundCancelled(BaseException):
    """A background job was given up (its worker was cancelled, or the app is quitting).

    Like ``asyncio.CancelledError`` it is not an error: workers' ``except Exception`` handlers
    let it through, so nothing is notified; the worker just ends."""


@dataclass
class _Job:
    """One background job and, once it ran, its result or error."""

    fn: Callable[[Project], Any]
    write: bool
    done: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: BaseException | None = None
    cancelled: bool = False  # given up: nobody waits for it
    stop: bool = False  # stop its statements (a read given up, or a write cancelled)
    stoppable: bool = False  # a write given a cancel event: stopped too when the app quits


def _worker_cancelled() -> threading.Event | None:
    """The cancel event of the Textual worker running this thread (None outside workers)."""
    from textual.worker import NoActiveWorker, get_current_worker

    try:
        return get_current_worker().cancelled_event
    except NoActiveWorker:
        return None


class ProjectService:
    """Serialised access to one project for the app."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.lock = threading.RLock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbench-writer")
        self._aux: Project | None = None
        self.pair_cache = PairCache()
        """The QA pair checks' results of the second connection's whole-document checks (F3,
        the "has QA findings" filter), kept between them: only what changed is checked."""
        self._aux_stale = threading.Event()  # set on reconnecting: the second connection too
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._reader: threading.Thread | None = None
        self._state = threading.Lock()  # guards _running and the interrupt of its statement
        self._running: _Job | None = None
        self._closing = threading.Event()
        self._closed = False
        self._online = threading.Event()
        self._online.set()
        self.reconnections = 0  # times the connection was opened again after it was lost
        self._counts = threading.Lock()
        self.waiting = 0  # writes queued or running, not done yet
        self.journal = Journal.for_project(project)
        self._unsent: dict[int, UnsentEdit] = {}  # queued edits of the journal, not written

    @property
    def online(self) -> bool:
        """False while the database server cannot be reached (writes wait, reads fail)."""
        return self._online.is_set()

    def read(self, fn: Callable[[Project], T]) -> T:
        """Run ``fn(project)`` now, on the calling thread, holding the lock; offline, a
        ConnectionLostError at once; a read the server refuses to the user (removed from the
        team), a PermissionDeniedError."""
        if not self._online.is_set():
            raise self._offline_error()
        with self.lock:
            try:
                return fn(self.project)
            except Exception as exc:
                if is_refusal(exc):  # a member removed from the team: one line, its kind
                    raise project_error(exc, self.project.path) from None
                if not _connection_lost(exc):
                    raise
                self._lost()
                raise self._offline_error() from None

    def write(
        self, fn: Callable[[Project], T], *, retry: bool = False,
        unsent: UnsentEdit | None = None,
    ) -> Future[T]:
        """Queue ``fn(project)`` on the writer thread (in order); a Future of its result.

        ``retry``: when the server cannot be reached, wait for it and run ``fn`` again (it
        must be safe to run twice: a save naming the revision it was made on is — written
        once already, it finds the same English and is not a conflict). ``unsent``: what the
        write does, kept in the journal of this computer while it waits for the server
        (:mod:`workbench.tui.unsent`), so that a quit or a crash meanwhile loses nothing."""
        journal = self.journal if retry else None
        if journal is not None and unsent is not None:
            with self._counts:
                self._unsent[unsent.number] = unsent
                offline = not self._online.is_set()
            if offline:
                journal.keep([unsent])
        with self._counts:
            self.waiting += 1

        def settled(exc: Exception | None = None) -> None:
            """Written, or refused for a reason of its own; one the user's team role may
            not write (a member removed meanwhile) stays kept on this computer."""
            if journal is not None and unsent is not None:
                with self._counts:
                    self._unsent.pop(unsent.number, None)
                if isinstance(exc, PermissionDeniedError):
                    journal.keep([unsent])
                else:
                    journal.written(unsent)

        def run() -> T:
            try:
                while True:
                    if retry:
                        self._wait_online()
                    try:
                        result = self._run_write(fn)
                    except Exception as exc:
                        if not _connection_lost(exc):
                            settled(exc)
                            raise
                        self._lost()
                        if not retry:
                            raise self._offline_error(write=True) from None
                        continue
                    settled()
                    return result
            finally:
                with self._counts:
                    self.waiting -= 1

        return self._writer.submit(run)

    def unsent(
        self, segment_id: int, kind: str, text: str, base: int = 0,
        reason: str | None = None, source: str = "",
    ) -> UnsentEdit | None:
        """An editor's write described for the journal (None for a project in a file)."""
        if self.journal is None:
            return None
        return self.journal.new(UnsentEdit(segment_id, kind, text, base, reason, source))

    def _run_write(self, fn: Callable[[Project], T]) -> T:
        """Run ``fn(project)`` holding the lock, but wait for another program's write lock
        (SQLite) without holding it, so that the UI's reads go on meanwhile: ``fn`` is run
        again after each short pause (it failed at its first write transaction, before
        anything was written); after ``LOCK_WAIT`` seconds the busy error is raised."""
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            with self.lock:
                db = self.project.db
                db.no_wait_once = True
                try:
                    return fn(self.project)
                except WriteLockTaken as exc:
                    if time.monotonic() >= deadline:
                        raise exc.__cause__ or exc from None
                finally:
                    db.no_wait_once = False
            time.sleep(POLL)

    # the connection ------------------------------------------------------------------------

    def _wait_online(self) -> None:
        """Wait until the server can be reached (ConnectionLostError when the app quits)."""
        while not self._online.wait(POLL * 10):
            if self._closing.is_set():
                raise self._offline_error()

    def _offline_error(self, write: bool = False) -> ConnectionLostError:
        """The error of a read (or with ``write``, of a write that does not wait) offline."""
        if write:
            return ConnectionLostError(
                f"{self.project.path}: the database server cannot be reached: {NOT_WRITTEN}")
        return ConnectionLostError(
            f"{self.project.path}: the database server cannot be reached; working offline "
            f"(edits wait and are written when it is back)"
        )

    def _lost(self) -> None:
        """The server went away: keep the waiting edits on this computer, go offline and
        reconnect in the background."""
        if self.journal is not None:
            with self._counts:
                waiting = list(self._unsent.values())
            self.journal.keep(waiting)
        with self._state:
            if not self._online.is_set() or self._closing.is_set():
                return
            self._online.clear()
        threading.Thread(target=self._reconnect, name="workbench-reconnect",
                         daemon=True).start()

    def _reconnect(self) -> None:
        """Open a new connection until one works, then put it in place of the lost one."""
        from workbench.store import open_db

        delay = RECONNECT_FIRST
        while not self._closing.is_set():
            try:
                db = open_db(self.project.path, read_only=self.project.read_only)
            except Exception:  # still down: try again a little later
                self._closing.wait(delay)
                delay = min(RECONNECT_MAX, delay * 2)
                continue
            with self.lock:
                old, self.project.context.db = self.project.context.db, db
                with contextlib.suppress(Exception):
                    old.close()
            self._aux_stale.set()  # opened again by the next background job
            self.reconnections += 1
            self._online.set()
            return

    def flush(self, timeout: float | None = 30.0) -> None:
        """Wait until every queued write has run (offline: return at once; they wait for
        the server)."""
        if self._closed:
            return
        done = self._writer.submit(lambda: None)
        waited = 0.0
        while not self._online.is_set() or not done.done():
            if not self._online.is_set():
                return
            with contextlib.suppress(TimeoutError):
                done.result(timeout=POLL)
            waited += POLL
            if timeout is not None and waited >= timeout and not done.done():
                raise TimeoutError("the queued writes did not finish")

    def background(
        self,
        fn: Callable[[Project], T],
        *,
        write: bool = False,
        cancel: threading.Event | None = None,
    ) -> T:
        """Run ``fn(project)`` on the second connection (from worker threads; one job at a
        time) and return its result. Raises :class:`BackgroundCancelled` as soon as the
        calling worker is cancelled (a read is then stopped) or the app quits; and, once
        ``cancel`` is set, when the job was stopped before it finished (a write rolled back).
        Offline, a ConnectionLostError at once."""
        if self._closing.is_set():
            raise BackgroundCancelled()
        if not self._online.is_set():  # as read(): not an attempt to connect, which would fail
            raise self._offline_error(write)  # as "cannot connect" rather than "offline"
        job = _Job(fn, write, stoppable=cancel is not None)
        self._start_reader()
        self._jobs.put(job)
        cancelled = _worker_cancelled()
        while not job.done.wait(POLL):
            if self._closing.is_set() or (
                not write and cancelled is not None and cancelled.is_set()
            ):
                self._cancel(job)
                raise BackgroundCancelled()
            if cancel is not None and cancel.is_set() and not job.stop:
                self._stop(job)  # then wait: it rolls back at its next statement
        if job.cancelled:  # given up by close() meanwhile: its error is the interrupt
            raise BackgroundCancelled()
        if job.error is not None:
            if job.stop:  # stopped on request: nothing of it remains
                raise BackgroundCancelled()
            raise job.error
        return job.result  # type: ignore[no-any-return]

    @property
    def busy(self) -> bool:
        """True while a background job runs."""
        return self._running is not None

    def _start_reader(self) -> None:
        with self._state:
            if self._reader is None:
                self._reader = threading.Thread(
                    target=self._read_loop, name="workbench-background", daemon=True
                )
                self._reader.start()

    def _cancel(self, job: _Job) -> None:
        """Give ``job`` up: a read still running is stopped (a write runs on)."""
        with self._state:
            job.cancelled = True
        if not job.write:
            self._stop(job)

    def _stop(self, job: _Job) -> None:
        """Stop ``job``'s statements (the one running, and any it starts after)."""
        with self._state:
            job.stop = True
            if self._running is job and self._aux is not None:
                self._aux.db.conn.interrupt()

    def _should_abort(self) -> bool:
        """SQLite's progress handler: stop the statements of a job asked to stop."""
        job = self._running
        return job is not None and job.stop

    def _read_loop(self) -> None:
        """The background thread: run the jobs in order; close the connection at the end."""
        while True:
            job = self._jobs.get()
            if job is None:
                break
            if job.cancelled or job.stop or self._closing.is_set():
                job.error = BackgroundCancelled()
                job.done.set()
                continue
            with self._state:
                self._running = job
            try:
                with full_collections_held():  # see workbench.tui.heap
                    job.result = job.fn(self._aux_project())
            except BaseException as exc:  # handed to the waiting worker
                job.error = exc
                if _connection_lost(exc):  # opened again by the next job
                    self._lost()
                    job.error = self._offline_error(job.write)
                    self._drop_aux()
                else:
                    self._roll_back()
            finally:
                with self._state:
                    self._running = None
                job.done.set()
            job = None  # its result (F3's rows...) is the waiting worker's, not this thread's
        if self._aux is not None:
            self._aux.close()
            self._aux = None

    def _roll_back(self) -> None:
        """End a transaction a failed job left open (a statement stopped at its COMMIT)."""
        aux = self._aux
        if aux is not None and aux.db.in_transaction:
            # the connection may be going away: SQLite then rolls back on close
            with contextlib.suppress(Exception):
                aux.db.rollback()

    def _drop_aux(self) -> None:
        aux, self._aux = self._aux, None
        if aux is not None:
            with contextlib.suppress(Exception):
                aux.close()

    def _aux_project(self) -> Project:
        if self._aux_stale.is_set():  # its server connection went down with the main one
            self._aux_stale.clear()
            self._drop_aux()
        if self._aux is None:
            from workbench.project import Project

            aux = Project.open(
                self.project.path, author=self.project.author,
                read_only=self.project.read_only,
            )
            aux.db.conn.set_progress_handler(self._should_abort, PROGRESS_STEPS)
            # the filters' and checks' scans share this connection: memory-mapped reads made
            # every page they touch count in the app's memory (~80 MB on 100,000 segments)
            aux.tm.matcher.large_reads = False
            aux.checking.pair_cache = self.pair_cache
            self._aux = aux
        return self._aux

    def close(self) -> None:
        """Finish the queued writes and close the main connection; stop the background
        thread without waiting for it (a read running is interrupted, and so is a write given
        a cancel event: it rolls back; the thread closes the second connection when its job
        ends)."""
        if self._closed:
            return
        self._closing.set()
        with self._state:
            job = self._running
        if job is not None:
            self._cancel(job)
            if job.stoppable:  # rolled back: the queued writes need not wait for it
                self._stop(job)
        self._jobs.put(None)
        self._writer.shutdown(wait=True)
        self._closed = True
        if self.journal is not None:
            self.journal.close()
        with self.lock, contextlib.suppress(Exception):  # a lost connection closes anyway
            self.project.close()


def _connection_lost(exc: BaseException) -> bool:
    from workbench.store.db import is_connection_lost

    return is_connection_lost(exc)


def describe_error(exc: BaseException) -> str:
    """What a failed job says in a notification: a WorkbenchError's own message; a database
    failure (damaged, unwritable, locked) as one line naming the project; anything else (a bug)
    with its type, so it is never mistaken for one."""
    if isinstance(exc, WorkbenchError):
        return str(exc)
    from workbench.store.db import is_database_failure, project_error

    if is_database_failure(exc):
        return str(project_error(exc))  # type: ignore[arg-type]
    return f"{type(exc).__name__}: {exc}"


# a segment named by id: in Project.not_found's start ("no segment 57 in PATH"), or anywhere
_SEGMENT_ID = re.compile(
    r"\bno segment (?P<gone>\d+) in .+?(?=: |$)|\b(?P<word>[Ss]egment) (?P<id>\d+)\b")
_HISTORY_THERE = re.compile(r"; its history is there: workbench history \d+")


def describe_in_list(exc: WorkbenchError, project: Project, unlock_key: str,
                     shown: Mapping[int, int] | None = None) -> str:
    """What a refused change of the editor's segments says: the project's message, which
    names segments by id as the command line takes them, with each segment named by its
    number in its document's list instead (the editor's numbers; after a merge, or in a
    second document, the two differ). A segment gone since (merged or split away elsewhere)
    is named by the number ``shown`` (segment id → number in the list the translator saw)
    gives it, else as "a segment merged away"; never by its id. A locked segment is said
    with the editor's ``unlock_key`` rather than the command line's ``workbench unlock
    ID`` (a locked one gone since: that it is gone, with no key to press)."""
    shown = shown or {}

    def position(segment_id: int) -> int | None:
        try:
            return project.segment(segment_id).position
        except Exception:  # gone (merged away) or unreadable
            return None

    if isinstance(exc, LockedError):
        number = position(exc.segment_id)
        if number is not None and not exc.may_unlock:
            return f"segment {number} is locked: only a reviewer or a lead may unlock it"
        if number is not None:
            return f"segment {number} is locked: unlock it first ({unlock_key} on it)"
        number = shown.get(exc.segment_id)  # gone since it was refused (merged away)
        if number is None:
            return "a locked segment has since been merged away elsewhere"
        return f"segment {number} was locked, and has since been merged away elsewhere"

    def renamed(match: re.Match[str]) -> str:
        if match["gone"] is not None:
            number = shown.get(int(match["gone"]))
            return ("the segment" if number is None else f"segment {number}") + (
                " is no longer there")
        segment_id, word = int(match["id"]), match["word"]
        number = position(segment_id)
        number = shown.get(segment_id) if number is None else number
        if number is None:
            return ("A" if word == "Segment" else "a") + " segment merged away"
        return f"{word} {number}"

    return _SEGMENT_ID.sub(renamed, _HISTORY_THERE.sub("; its history is there", str(exc)))


def refusals_in_list(job: Callable[[Project], T], unlock_key: str,
                     shown: Mapping[int, int] | None = None) -> Callable[[Project], T]:
    """``job``, with a refusal it raises (a WorkbenchError naming segments) raised again as
    :func:`describe_in_list` says it (``shown``: as there). A ProjectError (offline,
    read-only, a damaged file) is raised as it is: the writer and the callers act on its
    kind."""

    def run(project: Project) -> T:
        try:
            return job(project)
        except ProjectError:
            raise
        except WorkbenchError as refused:
            said = describe_in_list(refused, project, unlock_key, shown)
            if said == str(refused):
                raise
            raise WorkbenchError(said) from refused

    return run


# Checks and glossary matching, shared by the editor's workers. ------------------------------


def find_terms(project: Project, source: str) -> list[Any]:
    """Glossary terms in ``source`` (TermMatch: term, entries, start, end), in text order."""
    return list(project.matcher().find(source))


def segment_findings(project: Project, segment_id: int) -> list[Finding]:
    """The open QA findings of a segment's working text (overridden ones left out)."""
    return list(project.check_segment(segment_id))


def severity_counts(findings: Iterable[Any]) -> tuple[int, int]:
    """(errors, warnings) among ``findings``: the segment list's flags of a segment."""
    severities = [f.severity for f in findings]
    return severities.count("error"), severities.count("warning")
