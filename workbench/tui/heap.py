"""Keeping Python's cyclic garbage collector from stalling the UI and the exit.

A full collection walks every container object alive, holding the interpreter lock meanwhile:
with a large project open (the spelling dictionary's ~400,000 objects, the translation memory's
caches) one took 0.2-0.5 s, and a key pressed then waited for it; the interpreter's exit walks
them all again (seconds on a loaded machine). So:

- once the editor has prepared itself (the dictionary loaded, the list's repetitions read), the
  objects alive then — nearly all of them live as long as the app — are moved out of the
  collector's sight (``gc.freeze``); later collections walk only what was made since;
- they stay frozen after the app ended (handing them back then made the next collection walk
  them all: a second); the next app started in the same process (tests) hands them back
  (``gc.unfreeze``) when it mounts, so an ended app is never kept uncollectable for long;
- a thread worker runs in a thread of asyncio's executor, which Textual leaves pointing at the
  worker (its ``active_worker``) until the thread runs another: the worker, its screen and
  every row the screen read stayed alive after the screen closed (30,000 rows and ~600,000
  objects per F3 on a large project, each later full collection walking them all). A worker
  that reads large data ends with :func:`forget_worker`;
- while a background job runs (F3's whole-document check, the "has QA findings" filter, a
  report: thousands of objects kept per segment) full collections wait
  (:func:`full_collections_held`): each walks every object made since the freeze, and as the
  job's results grew they came ten or so times per F3 on 30,000 segments, 0.3-1.2 s each, on
  whichever thread allocated, the UI's keys waiting for them. The young generations are still
  collected meanwhile; the threshold is given back when the last such job ends;
- when the app ran in the terminal (``WorkbenchApp.run``) the process ends next: everything is
  frozen again first, so the exit does not walk it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from textual.worker import active_worker

#: The oldest generation's threshold while a job holds full collections: never reached.
HELD_THRESHOLD = 1_000_000_000

_hold_lock = threading.Lock()
_holders = 0
_saved: tuple[int, int, int] | None = None


def freeze_long_lived() -> None:
    """Exclude every object alive now from future collections (what is garbage already then
    is not collected until :func:`release_frozen`: call it right after building large,
    long-lived structures, not often)."""
    gc.freeze()


def release_frozen() -> None:
    """Let the collector see the frozen objects again (a new app starts)."""
    gc.unfreeze()


def forget_worker() -> None:
    """In a thread worker, as its last step: let its thread no longer point at the worker (so
    at its screen), which Textual's executor thread otherwise does until its next worker."""
    active_worker.set(None)  # type: ignore[arg-type]  # Textual sets it again for the next


@contextmanager
def full_collections_held() -> Iterator[None]:
    """While the block runs (a long job in a background thread), no full collection of the
    garbage collector starts; the young generations are collected as usual. Blocks may nest
    and overlap across threads: the threshold is restored when the last one ends."""
    global _holders, _saved
    with _hold_lock:
        if _holders == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(_saved[0], _saved[1], HELD_THRESHOLD)
        _holders += 1
    try:
        yield
    finally:
        with _hold_lock:
            _holders -= 1
            if _holders == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
