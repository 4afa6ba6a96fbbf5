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
- when the app ran in the terminal (``WorkbenchApp.run``) the process ends next: everything is
  frozen again first, so the exit does not walk it.
"""

from __future__ import annotations

import gc

from textual.worker import active_worker


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
