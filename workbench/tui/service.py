"""The TUI's access to the Project service from the UI thread and from worker threads.

One SQLite connection is not safe for concurrent use, so:

- ``read(fn)`` runs ``fn(project)`` on the main connection under a lock (quick reads: a page of
  the segment list, one segment);
- ``write(fn)`` queues ``fn(project)`` on one writer thread, in order, under the same lock, and
  returns a Future (autosave, confirm, undo, overrides, statuses): writes never block the UI and
  are never reordered;
- ``background(fn)`` runs ``fn(project)`` on a second connection of its own (long scans in
  workers: search, filters, checks) so the UI thread never waits behind them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.glossary.findings import Finding
    from workbench.project import Project

T = TypeVar("T")


class ProjectService:
    """Serialised access to one project for the app."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.lock = threading.RLock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workbench-writer")
        self._aux: Project | None = None
        self._aux_lock = threading.Lock()
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

    def background(self, fn: Callable[[Project], T]) -> T:
        """Run ``fn`` on the second connection (for worker threads; serialised among them)."""
        with self._aux_lock:
            if self._aux is None:
                from workbench.project import Project

                self._aux = Project.open(
                    self.project.path, author=self.project.author,
                    read_only=self.project.read_only,
                )
            return fn(self._aux)

    def close(self) -> None:
        """Finish the queued writes and close both connections."""
        if self._closed:
            return
        self._writer.shutdown(wait=True)
        self._closed = True
        with self._aux_lock:
            if self._aux is not None:
                self._aux.close()
                self._aux = None
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
