"""Presence: who has which segment open, from heartbeats that expire (no lock is left behind
by a client that crashed); and the live feed of other people's changes."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from workbench.project import Project
from workbench.project.team import PRESENCE_TTL, client_id, process_gone
from workbench.store import open_db
from workbench.store import presence as q_presence
from workbench.store.live import Change, open_feed, parse


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def two(sample_db: Any) -> Iterator[tuple[Project, Project, Clock]]:
    clock = Clock()
    with Project.open(sample_db, author="ana") as a, Project.open(sample_db, author="ben") as b:
        a.team.clock = b.team.clock = clock
        yield a, b, clock


def test_others_see_who_has_a_segment_open_until_the_heartbeats_stop(
    two: tuple[Project, Project, Clock],
) -> None:
    a, b, clock = two
    doc = a.document()
    first, second = (s.id for s in a.segments(limit=2))
    a.team.here("a-1", doc.id, first)
    b.team.here("b-1", doc.id, first)
    assert b.team.present(doc.id, "b-1") == {first: ["ana"]}
    assert a.team.present(doc.id, "a-1") == {first: ["ben"]}
    assert a.team.present(doc.id) == {first: ["ana", "ben"]}
    a.team.here("a-1", doc.id, second)  # moved on
    assert b.team.present(doc.id, "b-1") == {second: ["ana"]}
    clock.now += PRESENCE_TTL / 2
    b.team.here("b-1", doc.id, first)  # ben's heartbeat; ana's client went silent (crashed)
    clock.now += PRESENCE_TTL / 2 + 1
    assert b.team.present(doc.id, "b-1") == {}
    assert a.team.present(doc.id, "a-1") == {first: ["ben"]}
    b.team.leave("b-1")
    assert a.team.present(doc.id, "a-1") == {}


@pytest.mark.skipif(os.name != "posix", reason="process ids are checked on POSIX only")
def test_a_client_of_this_machine_whose_process_is_gone_is_not_shown(
    two: tuple[Project, Project, Clock],
) -> None:
    a, b, _clock = two
    doc = a.document()
    first = a.segments(limit=1)[0].id
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    host = socket.gethostname()
    killed = f"ana-0123456789ab@{host}:{int(ended.stdout)}"  # a TUI killed with -9
    parent = f"ana-0123456789ab@{host}:{os.getppid()}"  # alive
    elsewhere = f"ana-0123456789ab@not-{host}:{int(ended.stdout)}"  # unknown: kept
    assert client_id("ana").startswith("ana-") and client_id("ana").endswith(f":{os.getpid()}")
    assert [process_gone(c) for c in (killed, parent, elsewhere, "ana-0123456789ab")] == [
        True, False, False, False]
    a.team.here(killed, doc.id, first)
    assert b.team.present(doc.id, "b-1") == {}  # at once, not after PRESENCE_TTL
    rows = b.db.execute("SELECT client FROM presence").fetchall()
    assert killed not in [r[0] for r in rows]  # and its row is gone
    for client in (parent, elsewhere):
        a.team.here(client, doc.id, first)
    assert b.team.present(doc.id, "b-1") == {first: ["ana"]}
    assert {r[0] for r in b.db.execute("SELECT client FROM presence").fetchall()} == {
        parent, elsewhere}


def test_who_changed_a_segment_last(project: Project) -> None:
    seg = project.segments(limit=1)[0]
    project.confirm(seg.id, "Done.", override_reason="t")
    last = project.team.last_change(seg.id)
    assert last is not None and (last["author"], last["action"]) == ("tester", "confirm")


def _wait_for(feed: Any, wanted: Any, attempts: int = 50) -> list[Change]:
    """Read the feed until ``wanted(changes so far)`` holds (a bounded wait on a condition)."""
    seen: list[Change] = []
    for _ in range(attempts):
        seen += feed.wait(0.2)
        if wanted(seen):
            return seen
    raise AssertionError(f"the feed never said it: {seen}")


def test_the_feed_reports_other_connections_changes(
    backend: str, sample_db: Any, project: Project
) -> None:
    with contextlib.closing(open_db(sample_db)) as db:
        feed = open_feed(db)
        assert feed.wait(0) == []
        doc = project.document()
        seg = project.segments(limit=3)
        project.confirm(seg[1].id, "Seen live.", override_reason="t")
        if backend == "sqlite":  # a data version that changed: read again what is shown
            assert _wait_for(feed, lambda c: Change("all") in c)
            return
        _wait_for(feed, lambda c: Change("segments", doc.id, (seg[1].id,)) in c)
        project.add_note(seg[2].id, "a note")
        _wait_for(feed, lambda c: Change("notes", None, (seg[2].id,)) in c)
        project.merge_with_next(seg[0].id)
        _wait_for(feed, lambda c: Change("structure", doc.id) in c)
        project.team.here("c", doc.id, seg[0].id)
        _wait_for(feed, lambda c: Change("presence") in c)
        feed.close()


def test_the_feed_reports_a_reference_imported_again_elsewhere(
    backend: str, sample_db: Any, project: Project
) -> None:
    """A reference translation imported (again) by another connection changes no segment's
    revision, so the schema's triggers say nothing of it: the import says it itself, and the
    editors showing that document read its segments again (the open one's Reference panel)."""
    doc = project.document()
    english = "\n".join(f"English of segment {s.position}." for s in project.segments(limit=5))
    with contextlib.closing(open_db(sample_db)) as db:
        feed = open_feed(db)
        feed.watch(lambda: project.db)  # (this connection's own writes left out)
        with Project.open(sample_db, author="ben") as ben:
            ben.import_translation_text(english, doc.name, "reference", "again",
                                        presegmented=True)
        wanted = Change("all") if backend == "sqlite" else Change("segments", doc.id, None)
        _wait_for(feed, lambda c: wanted in c)
        feed.close()


def test_payloads_parse_into_changes() -> None:
    assert parse("segments 3 1,2,5") == Change("segments", 3, (1, 2, 5))
    assert parse("segments 3 *") == Change("segments", 3, None)
    assert parse("structure 4") == Change("structure", 4)
    assert parse("notes 7,8") == Change("notes", None, (7, 8))
    assert parse("presence") == Change("presence")
    assert parse("what?") == parse("segments x y") == Change("all")


def test_the_feed_leaves_out_the_watched_connections_own_writes(
    backend: str, sample_db: Any, project: Project
) -> None:
    """The TUI's own autosaves are not told back to it (on SQLite they were an ``all``: every
    dictionary, memory and spelling mark read again after each save); another connection's
    change still is."""
    seg = project.segments(limit=2)
    with contextlib.closing(open_db(sample_db)) as db, \
            Project.open(sample_db, author="ben") as ben:
        feed = open_feed(db)
        feed.watch(lambda: project.db)
        project.save_draft(seg[0].id, "My own autosave.")
        project.confirm(seg[0].id, "My own confirmation.", override_reason="t")
        assert feed.wait(0.3) == []
        ben.confirm(seg[1].id, "Ben's.", override_reason="t")
        wanted = Change("all") if backend == "sqlite" else Change(
            "segments", project.document().id, (seg[1].id,))
        _wait_for(feed, lambda c: wanted in c)
        feed.close()


@pytest.mark.sqlite_only
def test_a_commit_by_another_during_an_own_write_is_still_told(sample_db: Any) -> None:
    """Another program committing while the watched connection writes (between the feed's
    look before the write and after it) is not taken for the own write."""
    from workbench.store.live import SqliteFeed

    with contextlib.closing(open_db(sample_db)) as db, \
            Project.open(sample_db, author="ana") as mine, \
            Project.open(sample_db, author="ben") as ben:
        feed = open_feed(db)
        assert isinstance(feed, SqliteFeed)
        seg = mine.segments(limit=2)
        mark = feed.before(mine.db)
        ben.confirm(seg[1].id, "Ben's, meanwhile.", override_reason="t")
        mine.save_draft(seg[0].id, "Mine.")  # not watched: the marks are taken by hand
        feed.after(mine.db, mark)
        assert feed.wait(0) == [Change("all")]
        mark = feed.before(mine.db)  # and nothing else: the own write is left out
        mine.save_draft(seg[0].id, "Mine again.")
        feed.after(mine.db, mark)
        assert feed.wait(0) == []
        feed.close()


@pytest.mark.sqlite_only
def test_anothers_heartbeat_is_presence_and_every_real_change_still_all(
    sample_db: Any, tmp_path: Any
) -> None:
    """On a project file another TUI's heartbeat (a commit every few seconds) is told as
    ``presence``, not ``all`` (which read every row, dictionary and memory again, and checked
    the spelling again, every 5 s per other TUI open); any change of the content still is
    ``all``, also when a heartbeat lands with it, and after the reader's own writes."""
    from tests.dictionary.builders import dictd

    memory = tmp_path / "mem.tsv"
    memory.write_text("كتاب\tbook\n", encoding="utf-8")
    translation = tmp_path / "en.txt"
    translation.write_text("One.\n", encoding="utf-8")
    source = tmp_path / "new.txt"
    source.write_text("جملة جديدة.\n", encoding="utf-8")
    with contextlib.closing(open_db(sample_db)) as db, \
            Project.open(sample_db, author="ana") as mine, \
            Project.open(sample_db, author="ben") as ben:
        feed = open_feed(db)
        feed.watch(lambda: mine.db)
        doc = ben.document()
        seg = ben.segments(limit=3)

        def beat(segment_id: int) -> None:
            ben.team.here("ben-1", doc.id, segment_id)
            assert _wait_for(feed, bool) == [Change("presence")]

        beat(seg[0].id)
        beat(seg[1].id)
        mine.save_draft(seg[2].id, "My own.")  # own: not told, and no 'all' at the next beat
        assert feed.wait(0) == []
        beat(seg[0].id)
        error = ben.lqa.add_error(seg[0].id, "accuracy", "minor")
        changes: list[Any] = [
            lambda: ben.confirm(seg[0].id, "Ben's.", override_reason="t"),
            lambda: ben.review(seg[0].id, "approved"),
            lambda: ben.add_note(seg[1].id, "a note"),
            lambda: ben.add_term("كتاب", "book"),
            lambda: ben.spelling.add_word("Wadi"),
            lambda: ben.dictionaries.add(dictd(tmp_path)),
            lambda: ben.tm.import_file(memory, name="old"),
            lambda: ben.lqa.remove_error(error.id),
            lambda: ben.lqa.configure(threshold=90),
            lambda: ben.import_translation(translation, doc.name, "reference", "x"),
            lambda: ben.import_document(source, "new"),
        ]
        for change in changes:
            for _ in range(10):  # what came before (some changes commit more than once)
                if not feed.wait(0):
                    break
            change()
            ben.team.here("ben-1", doc.id, seg[1].id)  # a heartbeat on top: still 'all'
            assert Change("all") in _wait_for(feed, bool), change
        beat(seg[2].id)
        feed.close()


def test_anothers_heartbeat_right_after_an_own_heartbeat_is_presence(sample_db: Any) -> None:
    """The link's own heartbeat (``own_write``) changes presence rows alone: another TUI's
    heartbeat landing before the feed looks again is still ``presence``, not ``all`` (with
    both TUIs beating, that race came every few seconds under load)."""
    with contextlib.closing(open_db(sample_db)) as db, \
            Project.open(sample_db, author="ana") as mine, \
            Project.open(sample_db, author="ben") as ben:
        feed = open_feed(db)
        feed.watch(lambda: mine.db)
        doc = ben.document()
        seg = ben.segments(limit=2)
        for _ in range(3):
            with feed.own_write(mine.db):
                mine.team.here("ana-1", doc.id, seg[0].id)
            ben.team.here("ben-1", doc.id, seg[1].id)  # before the feed looks again
            assert _wait_for(feed, bool) == [Change("presence")]
        feed.close()


@pytest.mark.postgresql_only
def test_heartbeats_on_a_server_use_its_clock_not_each_machines(
    sample_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two machines whose clocks differ by more than the heartbeats' time-to-live (a laptop
    whose clock is a minute off) still see each other on a server: heartbeats are stamped and
    read by the server's clock (ben was never shown to ana; a crashed client of a laptop
    ahead would have been shown long after)."""
    import workbench.project.team as team

    real = team.local_time
    with Project.open(sample_db, author="ana") as ana, \
            Project.open(sample_db, author="ben") as ben:
        doc = ana.document()
        seg = ana.segments(limit=1)[0]
        for skew in (-60.0, 60.0):
            monkeypatch.setattr(team, "local_time", lambda skew=skew: real() + skew)
            ben.team.here("ben-1", doc.id, seg.id)  # on ben's machine
            monkeypatch.setattr(team, "local_time", real)
            assert ana.team.present(doc.id, "ana-1") == {seg.id: ["ben"]}
            if skew > 0:  # and gone once the heartbeats stop, by the same clock
                ana.team.clock = lambda: q_presence.server_time(ana.db) + PRESENCE_TTL + 1
                assert ana.team.present(doc.id, "ana-1") == {}
        ben.team.leave("ben-1")
