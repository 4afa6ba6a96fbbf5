"""Reviewing: approve or send back segments with a comment (stored as a note of the verdict)."""

from __future__ import annotations

from workbench.errors import PermissionDeniedError, WorkbenchError
from workbench.formats.xmlout import typed
from workbench.project.context import ProjectContext
from workbench.project.editing import Editing
from workbench.project.reading import Reader, Segment
from workbench.statuses import Status
from workbench.store import notes as q_notes
from workbench.store import team as q_team

VERDICTS = ("reviewed", "approved", "rejected")
"""What a reviewer can decide: the segment is checked, signed off, or sent back."""


class Review:
    """Reviewers' verdicts on segments."""

    def __init__(self, context: ProjectContext, reader: Reader, editing: Editing) -> None:
        self.context = context
        self.reader = reader
        self.editing = editing

    def review(
        self, segment_id: int, verdict: str, comment: str | None = None, *,
        revision: int | None = None,
    ) -> Segment:
        """Record a reviewer's verdict: 'reviewed', 'approved' or 'rejected' (comment required).

        Reviewed and approved set those statuses; rejected sends the segment back to draft.
        The comment is stored as a note whose kind is the verdict. One transaction. With
        ``revision`` (of the segment as the reviewer read it), a segment changed since is a
        ConflictError: nobody approves English they have not seen.
        """
        if verdict not in VERDICTS:
            raise WorkbenchError(f"unknown verdict {verdict!r} (use {', '.join(VERDICTS)})")
        comment = typed(comment or "").strip()  # no ESC, BEL... for a report or a page
        if verdict == "rejected" and not comment:
            raise WorkbenchError(f"segment {segment_id}: a rejection needs a comment")
        if verdict == "rejected":
            self.check_may_reject()
        seg = self.reader.segment(segment_id)
        if verdict != "rejected" and not seg.target.strip():
            verb = {"reviewed": "review", "approved": "approve"}[verdict]
            raise WorkbenchError(f"segment {segment_id}: cannot {verb} an empty translation")
        status = Status.DRAFT.value if verdict == "rejected" else verdict
        with self.context.segment_transaction():
            self.editing.set_status(segment_id, status, revision=revision)
            if comment:
                q_notes.add_note(
                    self.context.db, segment_id, self.context.author, verdict, comment
                )
        return self.reader.segment(segment_id)

    def check_may_reject(self) -> None:
        """On a team's server a rejection is a reviewer's verdict, as approving is (which the
        database refuses a translator by the status it sets; a rejection sets draft, which a
        translator's edit may also set, so the service refuses it)."""
        db = self.context.db
        if db.dialect == "postgresql" and q_team.role_of(db) == "translator":  # type: ignore[arg-type]
            raise PermissionDeniedError(
                f"{self.context.author} is a translator: only reviewers and leads may reject "
                "a segment; nothing was changed")
