"""Editing, confirming, statuses, history and undo through the Project service."""

from __future__ import annotations

import pytest

from workbench.errors import LockedError, NotFoundError, WorkbenchError
from workbench.project import Project


def test_save_draft_confirm_and_history(project: Project) -> None:
    seg = project.segments(limit=1)[0]
    project.save_draft(seg.id, "Bourgeois critics")
    after = project.confirm(
        seg.id, "Bourgeois critics of Bolshevism call October a coup.", override_reason="test"
    )
    assert after.status == "translated"
    assert after.target == "Bourgeois critics of Bolshevism call October a coup."
    actions = [r.action for r in project.history(seg.id)]
    assert actions == ["import", "edit", "confirm"]
    last = project.history(seg.id)[-1]
    assert last.old_text == "Bourgeois critics" and last.author == "tester"
    assert (last.old_status, last.new_status) == ("draft", "translated")


def test_undoing_a_rejection_locks_the_approved_work_again(project: Project) -> None:
    # the undo restored "approved" unlocked: the approved English could be confirmed over
    seg = project.segments(limit=1)[0]
    project.review(seg.id, "approved")
    project.review(seg.id, "rejected", "wrong term")
    assert not project.segment(seg.id).locked
    restored = project.undo(seg.id)
    assert (restored.status, restored.locked) == ("approved", True)
    with pytest.raises(LockedError):
        project.confirm(seg.id, "Overwritten.", override_reason="test")
    # a segment unlocked before the undone edit stays unlocked
    project.unlock(seg.id)
    project.save_draft(seg.id, "An edit after the unlock.")
    assert not project.undo(seg.id).locked


def test_a_reviewers_verdict_keeps_a_leads_lock(project: Project) -> None:
    """Marking a locked segment reviewed unlocked it (only approved work is unlocked by a
    status change)."""
    seg = project.segments(limit=1)[0]
    project.confirm(seg.id, "Locked by the lead.", override_reason="test")
    project.lock(seg.id)
    assert project.review(seg.id, "reviewed").locked
    assert project.review(seg.id, "approved").locked
    assert not project.review(seg.id, "rejected", "wrong term").locked  # as documented


def test_undo_restores_a_lock_kept_through_earlier_verdicts(project: Project) -> None:
    """The lock before an undone change was read from the one revision before it alone: a
    lead's lock kept through a 'reviewed' verdict was taken for no lock (the undo of a later
    verdict, or of a batch of them, left the segment unlocked)."""
    first, second = (s.id for s in project.segments(limit=2))
    for seg_id in (first, second):
        project.confirm(seg_id, "Locked by the lead.", override_reason="test")
        project.lock(seg_id)
        project.review(seg_id, "reviewed")
    project.review(first, "rejected", "wrong term")
    batch = project.review_many([second], "rejected", "wrong term")
    for seg_id in (first, second):
        assert project.segment(seg_id).locked
        project.unlock(seg_id)
    restored = project.undo(first)
    assert (restored.status, restored.locked) == ("reviewed", True)
    assert batch.group_id is not None
    project.undo_change(batch.group_id)
    assert (project.segment(second).status, project.segment(second).locked) == (
        "reviewed", True)


def test_a_revision_the_segment_never_had_is_no_conflict(project: Project) -> None:
    """`confirm --revision 99` said someone had changed the segment since revision 99."""
    seg = project.segments(limit=1)[0]
    before = len(project.history(seg.id))
    with pytest.raises(WorkbenchError, match=f"has no revision {seg.revision + 5} "):
        project.confirm(seg.id, "Typed on a number never read.", revision=seg.revision + 5)
    assert project.segment(seg.id).target == seg.target
    assert len(project.history(seg.id)) == before  # no conflict record either


def test_a_negative_revision_is_no_conflict(project: Project) -> None:
    """`confirm --revision -1` said the segment was changed since, and recorded a
    conflict."""
    seg = project.segments(limit=1)[0]
    before = len(project.history(seg.id))
    with pytest.raises(WorkbenchError, match="has no revision -1 "):
        project.confirm(seg.id, "Typed on a number never read.", revision=-1)
    assert len(project.history(seg.id)) == before


def test_unchanged_save_records_nothing(project: Project) -> None:
    seg = project.segments(limit=1)[0]
    project.save_draft(seg.id, seg.target)
    assert len(project.history(seg.id)) == 1


def test_undo_steps_back_through_history(project: Project) -> None:
    seg = project.segments(limit=1)[0]
    project.save_draft(seg.id, "one")
    project.confirm(seg.id, "two", override_reason="test")
    assert project.undo(seg.id).target == "one"
    undone = project.undo(seg.id)
    assert undone.target == seg.target and undone.status == "draft"
    assert project.undo(seg.id).target == ""
    with pytest.raises(WorkbenchError, match="nothing to undo"):
        project.undo(seg.id)
    assert [r.action for r in project.history(seg.id)].count("undo") == 3


def test_set_status_and_stats(project: Project) -> None:
    seg = project.segments(limit=1)[0]
    project.set_status(seg.id, "approved")
    stats = project.stats()
    assert stats["by_status"]["approved"] == 1
    assert stats["by_status"]["draft"] == 20
    with pytest.raises(WorkbenchError, match="unknown status"):
        project.set_status(seg.id, "done")


def test_confirm_empty_is_refused(project: Project) -> None:
    seg = project.segments(limit=1)[0]
    with pytest.raises(WorkbenchError, match="empty"):
        project.confirm(seg.id, "   ")
    assert project.segment(seg.id).target == seg.target


def test_pages_are_in_document_order(project: Project) -> None:
    first = project.segments(limit=10)
    second = project.segments(offset=10, limit=10)
    assert [s.position for s in first + second] == list(range(1, 21))


def test_unknown_segment(project: Project) -> None:
    with pytest.raises(NotFoundError):
        project.segment(99999)
    with pytest.raises(NotFoundError):
        project.history(99999)


def test_notes(project: Project) -> None:
    seg = project.segments(limit=1)[0]
    project.add_note(seg.id, "Check the term coup here.")
    project.add_note(seg.id, "Looks right.", kind="review")
    notes = project.notes(seg.id)
    assert [(n["kind"], n["text"], n["author"]) for n in notes] == [
        ("comment", "Check the term coup here.", "tester"), ("review", "Looks right.", "tester")
    ]
    with pytest.raises(WorkbenchError):
        project.add_note(seg.id, "  ")
