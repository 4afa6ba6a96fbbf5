"""Pausing the cyclic garbage collector (workbench/collector.py)."""

from __future__ import annotations

import gc

from workbench.collector import gc_paused


def _generation(obj: object) -> int | None:
    """The collector's generation holding ``obj`` (None: none)."""
    return next((g for g in range(3) if any(o is obj for o in gc.get_objects(g))), None)


def test_a_pause_turns_the_collector_back_on_only_where_it_found_it_on() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused(oldest=True):
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_what_a_pause_kept_goes_to_the_oldest_generation_without_a_collection() -> None:
    """With ``oldest``, the objects the pause made and kept are in the oldest generation
    after it, and no young collection walked them (none ran at all); without it they are
    young, for the next allocation's collection to walk (which may have run)."""
    ran: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            ran.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        with gc_paused(oldest=True):
            kept = [[k] for k in range(5000)]
        assert _generation(kept[0]) == 2 and _generation(kept) == 2
        assert ran == [] and gc.get_count()[0] < 100
        with gc_paused():
            young = [[k] for k in range(5000)]
        assert _generation(young) in (0, 1)  # (1: the next allocation's collection ran)
    finally:
        gc.callbacks.remove(seen)
    assert gc.get_freeze_count() == 0


def test_objects_frozen_before_stay_frozen() -> None:
    """Where something froze objects already, the pause leaves them frozen (and its own
    objects where they are)."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused(oldest=True):
            made = [[k] for k in range(100)]
        assert gc.get_freeze_count() == frozen and _generation(made) in (0, 1)
    finally:
        gc.unfreeze()
