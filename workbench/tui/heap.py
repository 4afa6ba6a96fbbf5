"""Keeping Python's cyclic garbage collector from stalling the UI and the exit.

A full collection walks every container object alive, holding the interpreter lock meanwhile:
with a large project open (the spelling dictionary's ~400,000 objects, the translation memory's
caches) one took 0.2-0.5 s, and a key pressed then waited for it; the interpreter's exit walks
them all again (seconds on a loaded machine). So:

- once the editor has prepared itself (the dictionary loaded, the list's repetitions read), the
  objects alive then — nearly all of them live as long as the app — are moved out of the
  collector's sight (``gc.freeze``); later collections walk only what was made since;
- when the app ends they are handed back (``gc.unfreeze``: an app run in a test process leaves
  nothing behind that could not be collected);
- when the app ran in the terminal (``WorkbenchApp.run``) the process ends next: everything is
  frozen again first, so the exit does not walk it.
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Exclude every object alive now from future collections (what is garbage already then
    is not collected until :func:`release_frozen`: call it right after building large,
    long-lived structures, not often)."""
    gc.freeze()


def release_frozen() -> None:
    """Let the collector see the frozen objects again (the app ended)."""
    gc.unfreeze()
