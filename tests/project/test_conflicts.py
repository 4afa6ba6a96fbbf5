"""Revisions and conflicts: a change made on a stale revision is refused with both texts,
never a silent overwrite; the refused English is kept in the history; the same English is
not a conflict; two people confirming at once both appear in the history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from workbench.errors import ConflictError, LockedError
from workbench.project import Project


@pytest.fixture
def other(sample_db: Any) -> Any:
    """A second person on the same project (a connection of their own)."""
    with Project.open(sample_db, author="ben") as p:
        yield p


def test_every_change_of_english_status_or_lock_raises_the_revision(project: Project) -> None:
    seg = project.segments(limit=1)[0]
    seen = [seg.revision]

    def step(segment: Any) -> None:
        assert segment.revision > seen[-1]
        seen.append(segment.revision)

    step(project.save_draft(seg.id, "One."))
    step(project.confirm(seg.id, "One, confirmed.", override_reason="t"))
    step(project.set_status(seg.id, "reviewed"))
    step(project.review(seg.id, "approved"))  # locks it
    step(project.unlock(seg.id))
    step(project.undo(seg.id))
    # a batch (one change group) and a raw SQL change of the English count too
    project.find_replace(None, "One", "Two")
    step(project.segment(seg.id))
    with project.transaction() as db:
        db.execute("UPDATE translations SET text = 'raw' WHERE segment_id = ?", [seg.id])
    step(project.segment(seg.id))
    step(project.save_draft(seg.id, "raw"))  # draft now
    unchanged = project.save_draft(seg.id, "raw")
    assert unchanged.revision == seen[-1]  # nothing changed: no new revision


def test_a_stale_save_is_a_conflict_with_both_texts(project: Project, other: Project) -> None:
    seg = project.segments(limit=1)[0]
    theirs = other.confirm(seg.id, "Their English.", override_reason="t")
    with pytest.raises(ConflictError) as caught:
        project.save_draft(seg.id, "My English.", revision=seg.revision)
    conflict = caught.value
    assert (conflict.theirs, conflict.yours) == ("Their English.", "My English.")
    assert (conflict.revision, conflict.base_revision) == (theirs.revision, seg.revision)
    assert conflict.author == "ben" and conflict.theirs_status == "translated"
    assert "changed by ben since you read it" in str(conflict) and "\n" not in str(conflict)
    now = project.segment(seg.id)
    assert (now.target, now.status, now.revision) == ("Their English.", "translated",
                                                      theirs.revision)
    last = project.history(seg.id)[-1]  # the refused English is kept for the record
    assert (last.action, last.author, last.new_text) == ("conflict", "tester", "My English.")
    assert project.undo(seg.id).target == seg.target  # undo steps over the record
    # on the revision now held, the save goes through
    fresh = project.segment(seg.id)
    assert project.save_draft(seg.id, "My English.", revision=fresh.revision).target == (
        "My English."
    )


def test_the_same_english_is_not_a_conflict(project: Project, other: Project) -> None:
    seg = project.segments(limit=1)[0]
    other.save_draft(seg.id, "Same words.")
    saved = project.save_draft(seg.id, "Same words.", revision=seg.revision)
    assert saved.target == "Same words."
    assert [r.action for r in project.history(seg.id)][-1] == "edit"


def test_two_confirming_at_once_both_appear_in_the_history(
    project: Project, other: Project
) -> None:
    seg = project.segments(limit=2)[1]
    other.confirm(seg.id, "Ben's version.", override_reason="t", revision=seg.revision)
    with pytest.raises(ConflictError):
        project.confirm(seg.id, "Tester's version.", override_reason="t",
                        revision=seg.revision)
    tail = [(r.author, r.action, r.new_text) for r in project.history(seg.id)][-2:]
    assert tail == [("ben", "confirm", "Ben's version."),
                    ("tester", "conflict", "Tester's version.")]
    # two who confirm the same English at once: both confirmations are recorded
    seg2 = project.segments(limit=3)[2]
    other.confirm(seg2.id, "Agreed.", override_reason="t", revision=seg2.revision)
    project.confirm(seg2.id, "Agreed.", override_reason="t", revision=seg2.revision)
    assert [(r.author, r.action) for r in project.history(seg2.id)][-2:] == [
        ("ben", "confirm"), ("tester", "confirm")]


def test_stale_status_changes_and_undo_are_conflicts(project: Project, other: Project) -> None:
    seg = project.segments(limit=1)[0]
    other.save_draft(seg.id, "Changed meanwhile.")
    with pytest.raises(ConflictError, match="your change to approved was not applied"):
        project.review(seg.id, "approved", revision=seg.revision)
    with pytest.raises(ConflictError, match="your undo was not applied"):
        project.undo(seg.id, revision=seg.revision)
    now = project.segment(seg.id)
    assert (now.status, now.locked, now.target) == ("draft", False, "Changed meanwhile.")
    assert project.history(seg.id)[-1].action == "edit"  # nothing recorded for them
    assert project.review(seg.id, "approved", revision=now.revision).status == "approved"


def test_a_lock_set_meanwhile_wins_over_a_conflict(project: Project, other: Project) -> None:
    seg = project.segments(limit=1)[0]
    other.review(seg.id, "approved")
    with pytest.raises(LockedError):
        project.save_draft(seg.id, "Too late.", revision=seg.revision)


def test_the_cli_confirm_with_a_stale_revision_exits_2_in_one_line(sample_db: Any) -> None:
    db = str(sample_db)
    with Project.open(sample_db, author="ana") as p:
        seg = p.segments(limit=1)[0]
        p.save_draft(seg.id, "Ana's draft.")
    result = run_cli("confirm", str(seg.id), "--text", "Mine.", "--revision",
                     str(seg.revision), "--override-reason", "t", "--db", db)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "since you read it" in result.stderr
    assert "theirs \"Ana's draft.\"" in result.stderr and "yours 'Mine.'" in result.stderr
    history = run_cli("history", str(seg.id), "--db", db)
    assert "revision" in history.stdout
    now = Project.open(sample_db).segment(seg.id)
    result = run_cli("confirm", str(seg.id), "--text", "Mine.", "--revision",
                     str(now.revision), "--override-reason", "t", "--db", db)
    assert result.exit_code == 0 and "confirmed (revision" in result.stdout


def test_the_cli_review_with_a_stale_revision_records_nothing(sample_db: Any) -> None:
    """`workbench review ID --approve` signed off whatever English was there, a translator's
    edit saved seconds before included; with --revision (as confirm takes) such a change is
    a conflict: exit 2, nothing recorded."""
    db = str(sample_db)
    with Project.open(sample_db, author="ana") as p:
        seg = p.segments(limit=1)[0]
        p.save_draft(seg.id, "Ana's late edit.")
    result = run_cli("review", str(seg.id), "--approve", "--revision", str(seg.revision),
                     "--db", db)
    assert result.exit_code == 2 and "since you read it" in result.stderr
    now = Project.open(sample_db).segment(seg.id)
    assert (now.status, now.locked) == ("draft", False)
    result = run_cli("review", str(seg.id), "--approve", "--revision", str(now.revision),
                     "--db", db)
    assert result.exit_code == 0
    assert Project.open(sample_db).segment(seg.id).status == "approved"
    batch = run_cli("review", "--doc", "sample", "--approve", "--revision", "1", "--db", db)
    assert batch.exit_code == 2 and "--revision goes with one SEGMENT_ID" in batch.stderr


def test_revisions_survive_a_project_copy(sample_db: Any, tmp_path: Path) -> None:
    with Project.open(sample_db) as p:
        seg = p.segments(limit=1)[0]
        revision = p.save_draft(seg.id, "Copied.").revision
    copy = tmp_path / "copy.db"
    assert run_cli("project", "copy", str(sample_db), str(copy)).exit_code == 0
    with Project.open(copy) as p:
        assert p.segment(seg.id).revision == revision
