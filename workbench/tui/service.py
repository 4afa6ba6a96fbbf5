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
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.glossary.findings import Finding
    from workbench.project import Project

T = TypeVar("T")

POLL = 0.05
"""Seconds between a waiting worker's looks at whether it was cancelled."""
PROGRESS_STEPS = 1000
"""SQLite VM steps between two looks, during a background statement, at whether its job was
cancelled."""


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
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._reader: threading.Thread | None = None
        self._state = threading.Lock()  # guards _running and the interrupt of its statement
        self._running: _Job | None = None
        self._closing = threading.Event()
        self._closed = False

    def read(self, fn: Callable[[Project], T]) -> T:
        """Run ``fn(project)`` now, on the calling thread, holding the lock."""
        with self.lock:
            return fn(self.project)

    def write(self, fn: Callable[[Project], T]) -> Future[T]:
        """Queue ``fn(project)`` on the writer thread (in order); a Future of its result."""
        def run() -> T:
            with self.lock:
                return fn(self.project)

        return self._writer.submit(run)

    def flush(self, timeout: float | None = 30.0) -> None:
        """Wait until every queued write has run."""
        if not self._closed:
            self._writer.submit(lambda: None).result(timeout=timeout)

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
        ``cancel`` is set, when the job was stopped before it finished (a write rolled back)."""
        if self._closing.is_set():
            raise BackgroundCancelled()
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
                job.result = job.fn(self._aux_project())
            except BaseException as exc:  # handed to the waiting worker
                job.error = exc
                self._roll_back()
            finally:
                with self._state:
                    self._running = None
                job.done.set()
        if self._aux is not None:
            self._aux.close()
            self._aux = None

    def _roll_back(self) -> None:
        """End a transaction a failed job left open (a statement stopped at its COMMIT)."""
        aux = self._aux
        if aux is not None and aux.db.conn.in_transaction:
            # the connection may be going away: SQLite then rolls back on close
            with contextlib.suppress(Exception):
                aux.db.conn.execute("ROLLBACK")

    def _aux_project(self) -> Project:
        if self._aux is None:
            from workbench.project import Project

            aux = Project.open(
                self.project.path, author=self.project.author,
                read_only=self.project.read_only,
            )
            aux.db.conn.set_progress_handler(self._should_abort, PROGRESS_STEPS)
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
        with self.lock:
            self.project.close()


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
