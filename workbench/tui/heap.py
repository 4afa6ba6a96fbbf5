"""Keeping Python's cyclic garbage collector from stalling the UI.

A full collection walks every container object alive, holding the interpreter lock meanwhile:
with a large project open (the spelling dictionary's ~400,000 objects, the translation memory's
caches) one took 0.2-0.5 s, and a key pressed then waited for it. The objects made while the
editor prepares itself live as long as the app, so once that work is done they are moved out
of the collector's sight (``gc.freeze``); later collections walk only what was made since.
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Exclude every object alive now from future collections (call when a large, long-lived
    structure was just built: what is already garbage then is never collected, so call it
    rarely, right after such work)."""
    gc.freeze()
