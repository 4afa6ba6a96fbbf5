"""Writing working translations: drafts, confirmation (with the QA policy), statuses, undo, notes.

The policy lives here, so the CLI, the TUI and scripts share it: a segment with open error-level
findings is confirmed only with an override reason (stored as an override of each finding);
a check that fails is an error, never a silent confirmation.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.errors import BlockedByFindings, LockedError, WorkbenchError
from workbench.glossary.findings import Finding
from workbench.project.catalog import Catalog
from workbench.project.checking import Checking
from workbench.project.context import ProjectContext
from workbench.project.reading import Reader, Segment
from workbench.statuses import STATUSES, Status
from workbench.store import documents as q_docs
from workbench.store import history as q_history
from workbench.store import notes as q_notes
from workbench.store import versions as q_versions


class Editing:
    """Changes of segments' working English and status, each recorded in the history."""

    def __init__(
        self, context: ProjectContext, catalog: Catalog, reader: Reader, checking: Checking
    ) -> None:
        self.context = context
        self.catalog = catalog
        self.reader = reader
        self.checking = checking
        #: Called with the confirmed segment inside the confirming transaction (the facade
        #: sets it to the translation memory's repetition propagation).
        self.on_confirm: Callable[[Segment], None] = lambda segment: None

    def save_draft(self, segment_id: int, text: str) -> Segment:
        """Autosave: store the working text with status draft (a revision if it changed)."""
        return self._write(segment_id, text, Status.DRAFT, "edit")

    def confirm(
        self, segment_id: int, text: str, override_reason: str | None = None
    ) -> Segment:
        """Store the working text and mark the segment translated, unless QA blocks it.

        Open error-level findings of ``text`` raise :class:`BlockedByFindings` (the text is
        kept as a draft); with ``override_reason`` each is accepted as an override with that
        reason and the segment is confirmed, in one transaction.
        """
        if not text.strip():
            raise WorkbenchError(f"segment {segment_id}: cannot confirm an empty translation")
        reason = (override_reason or "").strip()
        with self.context.transaction():
            errors = [f for f in self.open_findings(segment_id, text) if f.severity == "error"]
            if not errors or reason:
                segment = self._write(segment_id, text, Status.TRANSLATED, "confirm")
                self.on_confirm(segment)  # TM: repetitions, index (project/memory.py)
                for check, term in dict.fromkeys((f.check, f.term) for f in errors):
                    self.checking.add_override(segment_id, check, term, reason)
                return segment
        self.save_draft(segment_id, text)
        raise BlockedByFindings(segment_id, errors)

    def open_findings(self, segment_id: int, text: str | None = None) -> list[Finding]:
        """The segment's open findings (of ``text`` when given, else of its stored English);
        a check that fails is an error, never 'no findings'."""
        try:
            return self.checking.check_segment(segment_id, text=text)
        except WorkbenchError:
            raise
        except Exception as exc:
            raise WorkbenchError(
                f"segment {segment_id}: the QA checks failed ({type(exc).__name__}: {exc}); "
                "not confirmed"
            ) from exc

    def set_status(self, segment_id: int, status: str) -> Segment:
        """Set a segment's status (reviewed, approved, ...), recorded in the history."""
        if status not in STATUSES:
            raise WorkbenchError(f"unknown status {status!r} (use {', '.join(STATUSES)})")
        seg = self.reader.segment(segment_id)
        return self._write(segment_id, seg.target, Status(status), "status")

    def _write(self, segment_id: int, text: str, status: Status, action: str) -> Segment:
        """Store text and status (a status change of an approved segment unlocks it; only
        status changes reach a locked one)."""
        db = self.context.db
        with self.context.transaction():
            seg = self.reader.segment(segment_id)
            if seg.locked and action != "status":
                raise LockedError(segment_id)
            locked = status is Status.APPROVED
            if locked != seg.locked:
                q_docs.set_locked(db, [segment_id], locked)
            if seg.target == text and seg.status == status.value:
                return self.reader.segment(segment_id)
            doc = self.catalog.document_by_id(seg.document_id)
            vid = self.catalog.version_id(doc, "working", create_working=True)
            if seg.target != text:
                q_versions.put_translations(db, vid, [(segment_id, text)])
            if seg.status != status.value:
                q_docs.set_status(db, segment_id, status.value)
            q_history.add_revision(
                db, segment_id, self.context.author, action,
                (seg.target, seg.status), (text, status.value), group_id=self.context.group_id,
            )
            return self.reader.segment(segment_id)

    def undo(self, segment_id: int) -> Segment:
        """Restore the text and status before the last change not yet undone."""
        db = self.context.db
        with self.context.transaction():
            seg = self.reader.segment(segment_id)
            if seg.locked:
                raise LockedError(segment_id)
            last = q_history.last_undoable(db, segment_id)
            if last is None:
                raise WorkbenchError(f"segment {segment_id}: nothing to undo")
            old_text = last["old_text"] or ""
            old_status = last["old_status"] or Status.NEW.value
            doc = self.catalog.document_by_id(seg.document_id)
            vid = self.catalog.version_id(doc, "working", create_working=True)
            q_versions.put_translations(db, vid, [(segment_id, old_text)])
            q_docs.set_status(db, segment_id, old_status)
            q_history.add_revision(
                db, segment_id, self.context.author, "undo",
                (seg.target, seg.status), (old_text, old_status), reverts=last["id"],
            )
            return self.reader.segment(segment_id)

    def lock(self, segment_id: int) -> Segment:
        """Lock a segment: its English changes only after an explicit unlock (recorded)."""
        return self._set_lock(segment_id, True)

    def unlock(self, segment_id: int, reason: str | None = None) -> Segment:
        """Unlock a locked (approved) segment so it can be edited; recorded in the history,
        with ``reason`` as a note."""
        segment = self._set_lock(segment_id, False)
        if reason and reason.strip():
            self.add_note(segment_id, reason.strip(), kind="unlock")
        return segment

    def _set_lock(self, segment_id: int, locked: bool) -> Segment:
        action = "lock" if locked else "unlock"
        with self.context.transaction():
            seg = self.reader.segment(segment_id)
            if seg.locked == locked:
                raise WorkbenchError(f"segment {segment_id} is {action}ed already")
            q_docs.set_locked(self.context.db, [segment_id], locked)
            q_history.add_revision(
                self.context.db, segment_id, self.context.author, action,
                (seg.target, seg.status), (seg.target, seg.status),
            )
            return self.reader.segment(segment_id)

    def add_note(self, segment_id: int, text: str, kind: str = "comment") -> int:
        """Attach a note (a comment, a review decision) to a segment."""
        if not text.strip():
            raise WorkbenchError(f"segment {segment_id}: a note needs some text")
        self.reader.segment(segment_id)
        with self.context.transaction():
            return q_notes.add_note(self.context.db, segment_id, self.context.author, kind, text)
