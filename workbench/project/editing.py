"""Reading and editing segments, their statuses and their revision history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.errors import NotFoundError, WorkbenchError
from workbench.project.base import ProjectBase
from workbench.statuses import STATUSES, Status
from workbench.store import documents as q_docs
from workbench.store import history as q_history
from workbench.store import notes as q_notes
from workbench.store import versions as q_versions


@dataclass(frozen=True)
class Segment:
    """A segment with its working English."""

    id: int
    document_id: int
    paragraph: int
    position: int
    source: str
    status: str
    target: str


@dataclass(frozen=True)
class Revision:
    """One recorded change of a working translation."""

    id: int
    at: str
    author: str
    action: str
    old_text: str | None
    new_text: str | None
    old_status: str | None
    new_status: str | None


def _segment(row: dict[str, Any]) -> Segment:
    return Segment(
        row["id"], row["document_id"], row["paragraph"], row["position"], row["source"],
        row["status"], row.get("target") or "",
    )


class EditingMixin(ProjectBase):
    """Segment reading and editing operations of the Project service."""

    def segments(self, doc: str | None = None, offset: int = 0, limit: int = 100) -> list[Segment]:
        """A page of segments in document order, starting after position ``offset``."""
        document = self.document(doc)
        rows = q_docs.segments_page(self.db, document.id, self.working_id(document), offset, limit)
        return [_segment(r) for r in rows]

    def segment(self, segment_id: int) -> Segment:
        """One segment with its working English."""
        row = q_docs.segment(self.db, segment_id)
        if row is None:
            raise NotFoundError(f"no segment {segment_id} in {self.path}")
        doc = self.document_by_id(row["document_id"])
        wid = self.working_id(doc)
        text = q_versions.translation(self.db, wid, segment_id) if wid else None
        return _segment({**row, "target": text})

    def version_text(self, segment_id: int, version: str) -> str | None:
        """The English of a segment in another version ('reference:main', 'draft:x')."""
        seg = self.segment(segment_id)
        vid = self.version_id(self.document_by_id(seg.document_id), version)
        return q_versions.translation(self.db, vid, segment_id)

    def link(self, segment_id: int, version: str) -> dict[str, Any] | None:
        """The alignment link of a segment in a version: confidence and sentences."""
        seg = self.segment(segment_id)
        vid = self.version_id(self.document_by_id(seg.document_id), version)
        return q_versions.segment_link(self.db, vid, segment_id)

    # editing -----------------------------------------------------------------------------

    def save_draft(self, segment_id: int, text: str) -> Segment:
        """Autosave: store the working text with status draft (a revision if it changed)."""
        return self._write(segment_id, text, Status.DRAFT, "edit")

    def confirm(self, segment_id: int, text: str) -> Segment:
        """Store the working text and mark the segment translated."""
        if not text.strip():
            raise WorkbenchError(f"segment {segment_id}: cannot confirm an empty translation")
        return self._write(segment_id, text, Status.TRANSLATED, "confirm")

    def set_status(self, segment_id: int, status: str) -> Segment:
        """Set a segment's status (reviewed, approved, ...), recorded in the history."""
        if status not in STATUSES:
            raise WorkbenchError(f"unknown status {status!r} (use {', '.join(STATUSES)})")
        seg = self.segment(segment_id)
        return self._write(segment_id, seg.target, Status(status), "status")

    def _write(self, segment_id: int, text: str, status: Status, action: str) -> Segment:
        with self.transaction():
            seg = self.segment(segment_id)
            if seg.target == text and seg.status == status.value:
                return seg
            doc = self.document_by_id(seg.document_id)
            vid = self.version_id(doc, "working", create_working=True)
            if seg.target != text:
                q_versions.put_translations(self.db, vid, [(segment_id, text)])
            if seg.status != status.value:
                q_docs.set_status(self.db, segment_id, status.value)
            q_history.add_revision(
                self.db, segment_id, self.author, action,
                (seg.target, seg.status), (text, status.value),
            )
        return self.segment(segment_id)

    def history(self, segment_id: int) -> list[Revision]:
        """Every change of a segment's working translation, oldest first."""
        self.segment(segment_id)
        return [
            Revision(
                r["id"], r["at"], r["author"], r["action"], r["old_text"], r["new_text"],
                r["old_status"], r["new_status"],
            )
            for r in q_history.revisions(self.db, segment_id)
        ]

    def undo(self, segment_id: int) -> Segment:
        """Restore the text and status before the last change not yet undone."""
        with self.transaction():
            seg = self.segment(segment_id)
            last = q_history.last_undoable(self.db, segment_id)
            if last is None:
                raise WorkbenchError(f"segment {segment_id}: nothing to undo")
            old_text = last["old_text"] or ""
            old_status = last["old_status"] or Status.NEW.value
            doc = self.document_by_id(seg.document_id)
            vid = self.version_id(doc, "working", create_working=True)
            q_versions.put_translations(self.db, vid, [(segment_id, old_text)])
            q_docs.set_status(self.db, segment_id, old_status)
            q_history.add_revision(
                self.db, segment_id, self.author, "undo",
                (seg.target, seg.status), (old_text, old_status), reverts=last["id"],
            )
        return self.segment(segment_id)

    # notes -------------------------------------------------------------------------------

    def add_note(self, segment_id: int, text: str, kind: str = "comment") -> int:
        """Attach a note (a comment, a review decision) to a segment."""
        if not text.strip():
            raise WorkbenchError(f"segment {segment_id}: a note needs some text")
        self.segment(segment_id)
        with self.transaction():
            return q_notes.add_note(self.db, segment_id, self.author, kind, text)

    def notes(self, segment_id: int) -> list[dict[str, Any]]:
        """The notes of a segment, oldest first (id, at, author, kind, text)."""
        return q_notes.notes(self.db, segment_id)

    # figures -----------------------------------------------------------------------------

    def stats(self, doc: str | None = None) -> dict[str, Any]:
        """Counts: documents, segments, with_english, by_status (every status listed)."""
        document_id = self.document(doc).id if doc else None
        counts = q_docs.counts(self.db, document_id)
        counts["by_status"] = {s: counts["by_status"].get(s, 0) for s in STATUSES}
        return counts
