"""The TUI's live link on a project file: there is no server to lose."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from workbench.project.team import HEARTBEAT, Team
from workbench.tui.live import LinkState, LiveChanged, LiveLink


def test_a_file_held_by_another_program_is_not_called_an_unreachable_server(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A heartbeat that fails on a project file (a batch of another program held the write
    lock past the busy timeout, or the disk is full) is no lost server: the link says nothing
    (the TUI said "The database server cannot be reached: OFFLINE", then "Back online"), tries
    again, and once back reads everything again (the batch's changes are not missed)."""
    link = LiveLink(sample_db, "ana")
    link.watch(1, 1)
    beats: list[int | None] = []
    real_here = Team.here

    def here(self: Team, client: str, document_id: int | None, segment_id: int | None) -> None:
        beats.append(segment_id)
        if len(beats) == 1:
            raise sqlite3.OperationalError("database is locked")
        real_here(self, client, document_id, segment_id)
        link.stop()

    monkeypatch.setattr(Team, "here", here)
    posted: list[Any] = []
    link.run(posted.append)
    assert len(beats) == 2
    assert not [m for m in posted if isinstance(m, LinkState)]
    assert any(isinstance(m, LiveChanged) and [c.kind for c in m.changes] == ["all"]
               for m in posted)


def _beating(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch, on_beat: Callable[[int, LiveLink], None]
) -> list[Any]:
    """Run a live link watching document 1's segment 1, a heartbeat each look, calling
    ``on_beat(beats so far, link)`` after each (it stops the link); what the link posted."""
    ticks = itertools.count()
    link = LiveLink(sample_db, "ana", clock=lambda: next(ticks) * HEARTBEAT)  # one each look
    link.watch(1, 1)
    beats = itertools.count(1)
    real_here = Team.here

    def here(self: Team, client: str, document_id: int | None, segment_id: int | None) -> None:
        real_here(self, client, document_id, segment_id)
        on_beat(next(beats), link)

    monkeypatch.setattr(Team, "here", here)
    posted: list[Any] = []
    link.run(posted.append)
    return posted


def test_the_links_own_heartbeats_are_no_change(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The link's heartbeats are its own writes: on a project file they are no change to read
    everything again for (every few seconds, the open segment's dictionaries, memories and
    spelling read again)."""
    seen: list[int] = []

    def on_beat(count: int, link: LiveLink) -> None:
        seen.append(count)
        if count == 4:
            link.stop()

    posted = _beating(sample_db, monkeypatch, on_beat)
    assert seen == [1, 2, 3, 4]
    assert not [m for m in posted if isinstance(m, LiveChanged)]


def test_a_merge_by_another_program_right_after_opening_is_a_structure_change(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The document's shape is taken when it is opened: a merge made elsewhere before any
    other change is told as ``structure`` (it was not: the list kept the merged-away row,
    blank, and Alt+Down stopped there)."""
    from workbench.project import Project

    def on_beat(count: int, link: LiveLink) -> None:
        if count == 1:
            with Project.open(sample_db, author="ben") as ben:
                ben.merge_with_next(2)
        if count == 3:
            link.stop()

    posted = _beating(sample_db, monkeypatch, on_beat)
    told = [c.kind for m in posted if isinstance(m, LiveChanged) for c in m.changes]
    assert "structure" in told
