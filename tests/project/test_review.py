"""Reviewer verdicts in the Project service: statuses, comments as notes, refusals."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.project import Project


def test_approve_and_review_set_statuses_and_keep_comments(project: Project) -> None:
    assert project.review(1, "approved").status == "approved"
    seg = project.review(2, "reviewed", "  fine, but see the idiom ")
    assert seg.status == "reviewed"
    notes = project.notes(2)
    assert [(n["kind"], n["text"], n["author"]) for n in notes] == [
        ("reviewed", "fine, but see the idiom", "tester")
    ]
    assert project.history(1)[-1].new_status == "approved"


def test_reject_sends_back_to_draft_with_the_comment(project: Project) -> None:
    project.confirm(3, project.segment(3).target)
    seg = project.review(3, "rejected", "marrow is literal; use 'to the core'")
    assert seg.status == "draft"
    assert project.notes(3)[-1]["kind"] == "rejected"
    assert project.history(3)[-1].action == "status"


def test_review_refusals_change_nothing(project: Project) -> None:
    with pytest.raises(WorkbenchError, match="needs a comment"):
        project.review(3, "rejected", "   ")
    with pytest.raises(WorkbenchError, match="unknown verdict"):
        project.review(3, "great")
    project.import_document_text("جملة.", "empty")
    sid = project.segments("empty")[0].id
    with pytest.raises(WorkbenchError, match="cannot approve an empty translation"):
        project.review(sid, "approved", "ok")
    assert project.notes(3) == [] and project.notes(sid) == []
    assert project.segment(3).status == "draft"


def test_a_comment_is_stored_without_control_characters(project: Project) -> None:
    """A reviewer's comment pasted with a terminal's colour codes kept its ESC and BEL: the
    HTML export and the reviewer's notes showed them; no XML export could carry them."""
    project.review(2, "reviewed", "fine\x1b[31m, see\nthe idiom\x07 ")
    project.add_note(2, "a\x1b[0m comment")
    assert [n["text"] for n in project.notes(2)] == ["fine[31m, see\nthe idiom", "a[0m comment"]
    with pytest.raises(WorkbenchError, match="needs a comment"):
        project.review(3, "rejected", "\x1b\x07")
    with pytest.raises(WorkbenchError, match="needs some text"):
        project.add_note(3, "\x1b")
    assert project.notes(3) == []


def test_a_batch_rejection_of_control_characters_alone_has_no_comment(project: Project) -> None:
    """A comment of an ESC alone passed the batch's test and was refused segment by segment
    ('3 left as they were'); it is the one error of the batch, and a comment's change summary
    carries no ESC."""
    with pytest.raises(WorkbenchError, match=r"needs a comment \(--comment\)"):
        project.review_many([1, 2, 3], "rejected", "\x1b\x07")
    project.review_many([1, 2], "reviewed")
    report = project.review_many([1, 2], "rejected", "see\x1b[31m the idiom")
    assert report.done == [1, 2]
    (change,) = [c for c in project.changes() if c["id"] == report.group_id]
    assert change["summary"] == "rejected 2 segments: see[31m the idiom"
