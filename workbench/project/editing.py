"""Writing working translations: drafts, confirmation (with the QA policy), statuses, undo, notes.

The policy lives here, so the CLI, the TUI and scripts share it: a segment with open error-level
findings is confirmed only with an override reason (stored as an override of each finding);
a check that fails is an error, never a silent confirmation.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

from workbench.errors import BlockedByFindings, ConflictError, WorkbenchError
from workbench.formats.xmlout import typed
from workbench.glossary.findings import Finding
from workbench.project.catalog import Catalog
from workbench.project.checking import Checking
from workbench.project.checking import override_reason as reason_text
from workbench.project.context import ProjectContext, Row
from workbench.project.reading import Reader, Segment, to_segment
from workbench.statuses import STATUSES, Status
from workbench.store import changes as q_changes
from workbench.store import checks as q_checks
from workbench.store import documents as q_docs
from workbench.store import history as q_history
from workbench.store import notes as q_notes
from workbench.store import versions as q_versions

#: Changes of the segments themselves, which an undo of the English cannot reverse, with how
#: to reverse them.
_STRUCTURAL = {
    "merge": "split the segment where the two met (Alt+S in the TUI) to have both back",
    "split": "merge it with the other part (Alt+M in the TUI) to have the whole back",
}


#: Revisions that wrote a translation memory match and its note (kind ``tm``: see
#: ``tm_lookups.Lookups.fill``), which an undo of the revision withdraws.
MATCH_ACTIONS = frozenset({"tm-insert", "tm-auto", "pretranslate"})


class Editing:
    """Changes of segments' working English and status, each recorded in the history.

    A change may name the segment's ``revision`` it was made on (as read with the segment:
    ``Segment.revision``, ``ListRow.revision``). When someone changed the segment since, the
    change is not written: :class:`ConflictError` says what the segment holds now (theirs)
    and what was not written (yours); a refused English is kept in the segment's history as a
    ``conflict`` record, so two people confirming one segment at once both appear there. A
    change that leaves the segment as it already is (the same English) is not a conflict.
    """

    def __init__(
        self, context: ProjectContext, catalog: Catalog, reader: Reader, checking: Checking
    ) -> None:
        self.context = context
        self.catalog = catalog
        self.reader = reader
        self.checking = checking
        #: Called with the confirmed segment and its document's fingerprint (see
        #: ``store.tm.segments_fingerprint``; None: not read) inside the confirming
        #: transaction (the facade sets it to the translation memory's repetition propagation).
        self.on_confirm: Callable[[Segment, tuple[int, int] | None], None] = (
            lambda segment, fingerprint: None
        )
        #: Called before a confirmation's transaction (the TM reads what it reads once).
        self.before_confirm: Callable[[int], None] = lambda segment_id: None
        #: Whether on_confirm uses the document's fingerprint (read with the segment's lock).
        self.confirm_fingerprint: Callable[[], bool] = lambda: False

    def save_draft(self, segment_id: int, text: str, *, revision: int | None = None) -> Segment:
        """Autosave: store the working text with status draft (a revision if it changed)."""
        with self.context.segment_transaction():
            seg, row = self._claim(segment_id, text, Status.DRAFT, "edit", revision)
            if not isinstance(seg, ConflictError):
                return self._write(seg, text, Status.DRAFT, "edit", stale=revision is not None
                                   and seg.revision != revision, working_id=row["working_id"])[0]
        raise seg

    def confirm(
        self, segment_id: int, text: str, override_reason: str | None = None, *,
        revision: int | None = None, keep_draft: bool = True,
    ) -> Segment:
        """Store the working text and mark the segment translated, unless QA blocks it.

        Open error-level findings of ``text`` raise :class:`BlockedByFindings` (the text is
        kept as a draft; with ``keep_draft=False`` nothing is written, as a batch confirming
        the stored English leaves a refused segment as it was); with ``override_reason``
        each is accepted as an override with that reason and the segment is confirmed, in one
        transaction.
        """
        if not text.strip():
            raise WorkbenchError(f"segment {segment_id}: cannot confirm an empty translation")
        reason = reason_text(override_reason or "")
        fingerprint = self.confirm_fingerprint()
        written: Callable[[], int] | None = None
        self.before_confirm(segment_id)
        with self.context.segment_transaction():
            seg, row = self._claim(
                segment_id, text, Status.TRANSLATED, "confirm", revision, fingerprint
            )
            if not isinstance(seg, ConflictError):
                errors = self._claimed_errors(seg, row, text)
                if not errors or reason:
                    stale = revision is not None and seg.revision != revision
                    segment, written = self._write(
                        seg, text, Status.TRANSLATED, "confirm", stale=stale,
                        working_id=row["working_id"], later=True,
                    )
                    # TM: repetitions, index (project/memory.py)
                    self.on_confirm(segment, _fingerprint(row) if fingerprint else None)
                    if errors:  # found just now on this English: accepted with the reason
                        vid = row["working_id"] or q_versions.working_id(
                            self.context.db, seg.document_id
                        )
                        self.checking.accept_findings(segment_id, vid, text, errors, reason)
        if written is not None:  # committed (on PostgreSQL its last statements with COMMIT)
            return replace(segment, revision=written())
        if isinstance(seg, ConflictError):
            raise seg
        if keep_draft:
            self.save_draft(segment_id, text, revision=revision)
        raise BlockedByFindings(segment_id, errors)

    def open_findings(self, segment_id: int, text: str | None = None) -> list[Finding]:
        """The segment's open findings (of ``text`` when given, else of its stored English);
        a check that fails is an error, never 'no findings'."""
        return self._checked(
            segment_id, lambda: self.checking.check_segment(segment_id, text=text)
        )

    def _claimed_errors(self, seg: Segment, row: Row, text: str) -> list[Finding]:
        """The open error findings of ``text`` for a segment just read under its lock
        (``row``: ``lock_segment``'s, with its working version and whether it is linked)."""
        return self._checked(seg.id, lambda: self.checking.open_unit_findings(
            seg.id, seg.source, row["working_id"], text, stored=seg.target,
            linked=bool(row["linked"]), stamp=int(row["qa_stamp"]), errors_only=True,
        ))

    def _checked(self, segment_id: int, check: Callable[[], list[Finding]]) -> list[Finding]:
        try:
            return check()
        except WorkbenchError:
            raise
        except Exception as exc:
            raise WorkbenchError(
                f"segment {segment_id}: the QA checks failed ({type(exc).__name__}: {exc}); "
                "not confirmed"
            ) from exc

    def set_status(
        self, segment_id: int, status: str, *, revision: int | None = None
    ) -> Segment:
        """Set a segment's status (reviewed, approved, ...), recorded in the history; with
        ``revision``, only if the segment has not changed since (else ConflictError)."""
        if status not in STATUSES:
            raise WorkbenchError(f"unknown status {status!r} (use {', '.join(STATUSES)})")
        with self.context.segment_transaction():
            seg, row = self._claim(segment_id, None, Status(status), "status", revision)
            if not isinstance(seg, ConflictError):
                return self._write(seg, seg.target, Status(status), "status",
                                   working_id=row["working_id"])[0]
        raise seg

    def _claim(
        self, segment_id: int, text: str | None, status: Status | None, action: str,
        revision: int | None, fingerprint: bool = False,
    ) -> tuple[Segment | ConflictError, Row]:
        """Lock the segment's row and read it (with ``lock_segment``'s row: the working
        version, links, the document's ``fingerprint`` when asked); a change made on an older
        ``revision`` that would leave it otherwise than it is now is a conflict (returned, not
        raised, so that the transaction keeps its record: a refused English goes into the
        history)."""
        db = self.context.db
        row = q_docs.lock_segment(db, segment_id, fingerprint=fingerprint)
        if row is None:
            self.reader.segment(segment_id)  # NotFoundError
        assert row is not None
        seg = to_segment(row)
        if seg.locked and action != "status":
            raise self.context.locked(segment_id)
        if revision is None or revision == seg.revision:
            return seg, row
        if not 0 <= revision <= seg.revision:  # no one read it there: a mistyped number,
            # not a conflict (none recorded)
            raise WorkbenchError(
                f"segment {segment_id} has no revision {revision} (it is at revision "
                f"{seg.revision}: `workbench history {segment_id}`); nothing was changed"
            )
        if text is None:  # a status change: any change since is a conflict, unless the same
            if status is not None and seg.status == status.value:
                return seg, row
        elif seg.target == text:  # the same English (a retried save that was written)
            return seg, row
        last = q_history.last_change(db, segment_id)
        if text is not None and status is not None:
            q_history.add_revision(
                db, segment_id, self.context.author, "conflict", (seg.target, seg.status),
                (text, status.value),
            )
        what = f"change to {status.value}" if action == "status" and status else action
        return ConflictError(
            segment_id, base_revision=revision, revision=seg.revision, theirs=seg.target,
            theirs_status=seg.status, author=None if last is None else last["author"],
            yours=text, action=what,
        ), row

    def _write(
        self, seg: Segment, text: str, status: Status, action: str, stale: bool = False,
        working_id: int | None = None, later: bool = False,
    ) -> tuple[Segment, Callable[[], int]]:
        """Store text and status of ``seg`` (read under its row lock; approving locks it, a
        status change of an approved segment unlocks it, a lock on other work stays; only
        status changes reach a locked one). ``stale``: the
        change was made on an older revision and leaves the segment as it is; a confirmation
        is still recorded (two people confirming at once both appear in the history).
        ``working_id``: the document's working version (None: looked up, added if missing).
        Returns the segment as written and a function giving its revision; with ``later``,
        the statements may wait for the transaction's next statement or its commit (see
        ``Database.execute_later``), and the segment returned has the revision it had (read
        the new one from the function after that)."""
        db = self.context.db
        segment_id = seg.id
        if seg.locked and action != "status":
            raise self.context.locked(segment_id)
        # approving locks; a status change of approved work unlocks it; a lead's lock on other
        # work stays (a reviewer marking it reviewed does not lift it)
        locked = status is Status.APPROVED or (
            seg.locked and seg.status != Status.APPROVED.value
        )
        new_text = seg.target != text
        new_status = seg.status != status.value
        record = new_text or new_status or (stale and action == "confirm")
        revision = q_history.write_segment(
            db, segment_id,
            version_id=(working_id or q_versions.working_id(db, seg.document_id))
            if new_text else None,
            text=text if new_text else None,
            status=status.value if new_status else None,
            locked=locked if locked != seg.locked else None,
            change=(self.context.author, action, (seg.target, seg.status), (text, status.value),
                    self.context.group_id) if record else None,
            later=later,
        )
        written = replace(seg, target=text, status=status.value, locked=locked)
        return (written if later else replace(written, revision=revision())), revision

    def undo(self, segment_id: int, *, revision: int | None = None) -> Segment:
        """Restore the text, status and lock before the last change not yet undone; with
        ``revision``, only if the segment has not changed since (else ConflictError)."""
        db = self.context.db
        with self.context.segment_transaction():
            seg, _ = self._claim(segment_id, None, None, "undo", revision)
            if isinstance(seg, ConflictError):
                conflict = seg
            else:
                last = q_history.last_undoable(db, segment_id)
                if last is None:
                    raise WorkbenchError(f"segment {segment_id}: nothing to undo")
                if last["action"] in _STRUCTURAL:
                    raise WorkbenchError(
                        f"segment {segment_id}: its last change was a {last['action']}, which "
                        f"undo does not reverse (its English alone would no longer match its "
                        f"Arabic); {_STRUCTURAL[last['action']]}: the texts are in the history"
                    )
                doc = self.catalog.document_by_id(seg.document_id)
                vid = self.catalog.version_id(doc, "working", create_working=True)
                self._refuse_relinked(segment_id, last, vid)
                old_text = last["old_text"] or ""
                old_status = last["old_status"] or Status.NEW.value
                q_versions.put_translations(db, vid, [(segment_id, old_text)])
                q_docs.set_status(db, segment_id, old_status)
                # locked as before the change (an undone rejection locks approved work again)
                q_docs.set_locked(
                    db, [segment_id], q_history.locked_before(db, segment_id, last["id"])
                )
                q_checks.withdraw_overrides(db, segment_id, vid, last["at"])
                if last["action"] in MATCH_ACTIONS:  # the match's note goes with its English
                    q_notes.withdraw_notes(db, segment_id, "tm", last["at"])
                q_history.add_revision(
                    db, segment_id, self.context.author, "undo",
                    (seg.target, seg.status), (old_text, old_status), reverts=last["id"],
                )
                return self.reader.segment(segment_id)
        raise conflict

    def _refuse_relinked(self, segment_id: int, last: Row, vid: int) -> None:
        """Refuse the undo of ``last``, a segment's revision, alone when its change group
        (an ``import-translation --as working``) replaced the alignment links and the segment
        shares a link, before it or now, with others: its English alone back would leave the
        link's other English lost (joined to English that no longer holds it) or said twice."""
        row = q_changes.replaced_alignment(self.context.db, last["group_id"]) \
            if last["group_id"] is not None else None
        if row is None or int(row["version_id"]) != vid:
            return
        before = next((ar for ar, _ in json.loads(row["before"])["links"] if segment_id in ar),
                      [segment_id])
        now = q_versions.link_group(self.context.db, vid, segment_id)
        if set(before) == set(now) or len(before) == len(now) == 1:
            return
        others = [sid for sid in dict.fromkeys([*now, *before]) if sid != segment_id]
        gid = last["group_id"]
        group = q_changes.group(self.context.db, gid)
        instead = (
            f"undo the whole import instead (`workbench undo --import {gid}`; Shift+F9 in the "
            "TUI)" if group is None or group["undone_by"] is None else
            f"its undo (change {group['undone_by']}) kept it with its link: edit it instead"
        )
        raise WorkbenchError(
            f"segment {segment_id}: its English came with change {gid}, an import that changed "
            f"which segments share an English sentence (with "
            f"{' and '.join(f'segment {sid}' for sid in others)}); undone alone, a sentence "
            f"would be lost or said twice: {instead}"
        )

    def lock(self, segment_id: int) -> Segment:
        """Lock a segment: its English changes only after an explicit unlock (recorded)."""
        return self._set_lock(segment_id, True)

    def unlock(self, segment_id: int, reason: str | None = None) -> Segment:
        """Unlock a locked (approved) segment so it can be edited; recorded in the history,
        with ``reason`` as a note."""
        segment = self._set_lock(segment_id, False)
        reason = typed(reason or "").strip()
        if reason:
            self.add_note(segment_id, reason, kind="unlock")
        return segment

    def _set_lock(self, segment_id: int, locked: bool) -> Segment:
        action = "lock" if locked else "unlock"
        with self.context.segment_transaction():
            q_docs.lock_segment(self.context.db, segment_id)
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
        """Attach a note (a comment, a review decision) to a segment, without the control
        characters (ESC, BEL...) that no export carries and a page or terminal would show."""
        text = typed(text)
        if not text.strip():
            raise WorkbenchError(f"segment {segment_id}: a note needs some text")
        self.reader.segment(segment_id)
        with self.context.segment_transaction():
            return q_notes.add_note(self.context.db, segment_id, self.context.author, kind, text)


def _fingerprint(row: Row) -> tuple[int, int]:
    """The document's fingerprint as ``lock_segment`` read it: (segment count, largest id)."""
    count, largest = str(row["doc_fingerprint"]).split()
    return int(count), int(largest)
