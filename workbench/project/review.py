"""Reviewing: approve or send back segments with a comment (stored as a note of the verdict)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.project.base import ProjectBase
from workbench.statuses import Status
from workbench.store import notes as q_notes

if TYPE_CHECKING:
    from workbench.project.editing import Segment

VERDICTS = ("reviewed", "approved", "rejected")
"""What a reviewer can decide: the segment is checked, signed off, or sent back."""


class ReviewMixin(ProjectBase):
    """Review operations of the Project service."""

    if TYPE_CHECKING:

        def segment(self, segment_id: int) -> Segment: ...

        def set_status(self, segment_id: int, status: str) -> Segment: ...

    def review(self, segment_id: int, verdict: str, comment: str | None = None) -> Segment:
        """Record a reviewer's verdict: 'reviewed', 'approved' or 'rejected' (comment required).

        Reviewed and approved set those statuses; rejected sends the segment back to draft.
        The comment is stored as a note whose kind is the verdict. One transaction.
        """
        if verdict not in VERDICTS:
            raise WorkbenchError(f"unknown verdict {verdict!r} (use {', '.join(VERDICTS)})")
        comment = (comment or "").strip()
        if verdict == "rejected" and not comment:
            raise WorkbenchError(f"segment {segment_id}: a rejection needs a comment")
        seg = self.segment(segment_id)
        if verdict != "rejected" and not seg.target.strip():
            verb = {"reviewed": "review", "approved": "approve"}[verdict]
            raise WorkbenchError(f"segment {segment_id}: cannot {verb} an empty translation")
        status = Status.DRAFT.value if verdict == "rejected" else verdict
        with self.transaction():
            self.set_status(segment_id, status)
            if comment:
                q_notes.add_note(self.db, segment_id, self.author, verdict, comment)
        return self.segment(segment_id)
