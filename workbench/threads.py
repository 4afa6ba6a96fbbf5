"""One call run in a thread beside the caller's work (C and NumPy loops that release the
interpreter's lock then use a second core).

``concurrent.futures`` does the same with a pool, but importing it loads ``logging`` and its
helpers (5 ms of a command's start) and each pool starts its thread through a queue.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")


class Job(Generic[T]):
    """``fn(*args)`` running in a thread of its own; :meth:`result` waits for its value."""

    def __init__(self, fn: Callable[..., T], *args: Any) -> None:
        self._value: T | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()  # not join(): one a signal interrupts marks it ended
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[..., T], args: tuple[Any, ...]) -> None:
        try:
            self._value = fn(*args)
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc
        finally:
            self._done.set()

    def wait(self) -> None:
        """Until the call has returned or raised, even when a signal's handler raises in the
        wait (Ctrl+C, a CLI command's SIGTERM): that exception is raised once the thread is
        done, so no thread's C code runs on while the interpreter shuts down (sentencepiece's
        training then aborted the process: "terminate called without an active exception",
        exit code 134 instead of 143)."""
        interrupted: BaseException | None = None
        while not self._done.is_set():
            try:
                self._done.wait()
            except BaseException as exc:  # the thread runs on: wait for it, then raise
                interrupted = interrupted or exc
        if interrupted is not None:
            raise interrupted

    def result(self) -> T:
        """The call's value once it has returned (its exception raised here if it raised)."""
        self.wait()
        if self._error is not None:
            raise self._error
        return cast(T, self._value)


@contextmanager
def beside(fn: Callable[..., T], *args: Any) -> Iterator[Job[T]]:
    """``fn(*args)`` started in a thread while the ``with`` block runs; the block's end waits
    for it (as a one-thread pool's does), whether the block finished or raised."""
    job = Job(fn, *args)
    try:
        yield job
    finally:
        job.wait()
