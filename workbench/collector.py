"""Pausing Python's cyclic garbage collector around work that makes many long-lived objects."""

from __future__ import annotations

import atexit
import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused(oldest: bool = False) -> Iterator[None]:
    """No cyclic garbage collection inside (also usable as a decorator, ``@gc_paused()``).

    Work that builds large structures that live until it ends (an import's batches, an
    alignment's bags, stems and tables) makes the collector walk them again and again: a
    tenth or more of the work. What it would have found is collected after. Nested or
    concurrent pauses are safe: only the pause that found the collector on turns it back on.
    ``oldest``: that pause first moves every object alive to the collector's oldest
    generation, without a walk (``gc.freeze`` then ``gc.unfreeze``, where nothing else is
    frozen): else the first allocation after it starts a young collection that walks all the
    pause made and kept (13 ms after the align command's 10,000 lines). Garbage among them is
    found by the next full collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if oldest and not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def uncollected_at_exit() -> None:
    """At the interpreter's exit, leave the objects alive then to the operating system: its
    last garbage collections walk every one of them (27 ms after a 5,000-sentence alignment,
    a thirtieth of the command). For a command whose output is written and whose files are
    closed: an object in a reference cycle is then not finalised at exit."""
    atexit.unregister(gc.freeze)  # once, however often it is asked (tests run many commands)
    atexit.register(gc.freeze)
