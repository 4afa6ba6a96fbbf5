"""``workbench project copy`` carries the translation memories between PostgreSQL and SQLite:
every unit keeps its id, the index comes along as it is (no re-indexing), and the copy's
memories work on (new units get new ids, the project memory's triggers fire again)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from tests.conftest import PgServer, run_cli
from workbench.project import Project
from workbench.store import open_db
from workbench.store.copy import project_checksums

pytestmark = pytest.mark.postgresql_only

TSV = (
    "قامت الثورة في روسيا عام 1917.\tThe revolution broke out in Russia in 1917.\n"
    "وبالثورة تغير كل شيء.\tWith the revolution everything changed.\n"
    "عقد المؤتمر في القاهرة.\tThe conference was held in Cairo.\n"
)
QUERIES = (
    "قامت الثورة في روسيا عام ١٩١٨", "عقد المؤتمر في القاهره", "واستولى البلاشفة على السلطة."
)
TM_TABLES = ("tm_memories", "tm_units", "tm_keys", "tm_tokens", "tm_postings", "tm_pending",
             "tm_state", "tm_words", "tm_words_pending")


def _matches(project: Project) -> list[list[tuple[int, int, str, str]]]:
    return [
        [(m.score, m.unit_id, m.target, m.origin) for m in project.tm.lookup(q, min_score=40)]
        for q in QUERIES
    ]


def _tm_checksums(location: Path | str) -> dict[str, tuple[int, int]]:
    with contextlib.closing(open_db(location, read_only=True)) as db:
        sums = project_checksums(db)
    return {t: sums[t] for t in TM_TABLES}


def test_memories_travel_with_their_ids_and_work_on(
    empty_project: Project, tmp_path: Path, pg_server: PgServer
) -> None:
    project = empty_project
    project.tm.propagate = False
    first, second, third, _ = (s.id for s in project.segments("doc", limit=10))
    memory = tmp_path / "old.tsv"
    memory.write_text(TSV, encoding="utf-8")
    project.tm.import_file(memory, "old")
    project.confirm(first, "The revolution broke out in Russia in 1917.")
    expected = _matches(project)  # indexes the project unit
    project.save_draft(second, "And the Bolsheviks seized power.")
    project.set_status(second, "translated")  # a unit left waiting in tm_pending
    origin = str(project.path)
    project.close()
    before = _tm_checksums(origin)
    assert before["tm_pending"][0] == 1
    assert before["tm_words"][0] > 10  # the memory's English words, for the spell checker

    copy = tmp_path / "copy.db"
    result = run_cli("project", "copy", origin, str(copy))
    assert result.exit_code == 0, result.stderr
    assert _tm_checksums(copy) == before  # ids, keys, codes and posting blobs as they were
    team = pg_server.url(pg_server.create())
    result = run_cli("project", "copy", str(copy), team)
    assert result.exit_code == 0, result.stderr
    assert _tm_checksums(team) == before

    for location in (copy, team):
        with Project.open(location, author="ben") as again:
            again.tm.propagate = False
            assert _matches(again)[:2] == expected[:2]
            (found,) = again.tm.lookup(QUERIES[2])  # the waiting unit is indexed now
            assert (found.score, found.segment_id) == (100, second)
            units = {m.name: m.units for m in again.tm.memories()}
            assert units == {"project": 2, "old": 3}
            # new units get ids above the copied ones, from the triggers and from an import
            largest = max(unit for ms in _matches(again) for _, unit, _, _ in ms)
            again.confirm(third, "The conference met in Cairo.")
            (own,) = [m for m in again.tm.lookup("عقد المؤتمر في القاهرة.") if m.segment_id]
            assert own.unit_id > largest
            more = tmp_path / "more.tsv"
            more.write_text("مؤتمر جديد في القاهرة.\tA new conference in Cairo.\n",
                            encoding="utf-8")
            again.tm.import_file(more, "more")
            (new,) = again.tm.lookup("مؤتمر جديد في القاهرة.", memories=["more"])
            assert new.score == 100 and new.unit_id > own.unit_id
