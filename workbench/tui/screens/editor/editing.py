"""Writing the open segment's English: autosave, confirm, overrides, undo.

Typing autosaves within a second (status draft). Confirming goes through the service's policy
(``Project.confirm``): an open error-level finding blocks it until the translator gives a reason
(stored as an override). Every write
is queued on the service's writer thread; its result comes back as a :class:`Written` message.

A segment locked meanwhile (approved by a reviewer in another program) refuses the write: the
English stays in the editor, is kept as a note of the segment (kind ``unsaved-edit``) and is
saved once the segment is unlocked, so it is never lost.

Every write names the segment's revision the English was typed on (``base_revision``, read
with the segment's row; this editor's own writes move it along, :class:`OwnWrites`). A
segment changed by someone else meanwhile refuses the write with a ConflictError: the
conflict dialog shows both texts and writes what the translator keeps (theirs, mine, a
merge, or theirs with mine as a note). The editor's writes are retried when the server was
unreachable (``ProjectService.write(retry=True)``): they wait while the app is offline.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.widgets import TextArea

from workbench.errors import (
    BlockedByFindings,
    ConflictError,
    LockedError,
    NotFoundError,
    PermissionDeniedError,
    ProjectError,
    WorkbenchError,
)
from workbench.glossary.qa import may_change_others
from workbench.tui import keys
from workbench.tui.positions import Confirming
from workbench.tui.screens.conflict import ConflictScreen, Resolution, segment_name
from workbench.tui.screens.editor.host import EditorPart
from workbench.tui.screens.prompts import OverrideScreen
from workbench.tui.service import (
    describe_error,
    describe_in_list,
    segment_findings,
    severity_counts,
)
from workbench.tui.unsent import UnsentEdit

if TYPE_CHECKING:
    from workbench.project import Project, Segment
    from workbench.tui.rows import SegmentRows

AUTOSAVE_IDLE = 0.4  # seconds without typing before an autosave
AUTOSAVE_MAX = 0.8  # longest a typed change waits while typing goes on
AUTOSAVE_TICK = 0.2


_ENGLISH_WRITES = ("save", "confirmed", "tm")
"""The writes that store the English typed (an autosave, a confirmation, a match put in)."""


@dataclass
class Written(Message):
    """A write finished (autosave, confirm, undo, override) or failed."""

    segment_id: int
    kind: str  # "save", "confirmed", "blocked", "undo", "locked", "unlocked", "conflict", "tm",
    # "merged" (the segment was merged away meanwhile: ``segment`` holds its Arabic now)
    text: str
    segment: Any = None
    findings: list[Any] | None = None
    error: str | None = None
    conflict: ConflictError | None = None
    intended: str = ""  # of a conflict: the write refused ("save", "confirmed", "undo")
    asked_on: str | None = None  # of an undo: the English in the editor when it was asked
    kept: bool = False  # of an error: refused to the user's team role, kept on this computer


@dataclass(frozen=True)
class Place:
    """Where a segment was when English was typed in it: its document, number and Arabic
    (to find the segment holding it after a merge made elsewhere)."""

    document: str
    position: int
    source: str


class OwnWrites:
    """The revisions this editor's own writes moved each segment through, so that writes
    queued on one revision do not conflict with each other: a write made on revision 4 after
    this editor moved the segment from 4 to 6 is made on 6. Used on the writer thread only."""

    def __init__(self) -> None:
        self._moves: dict[int, dict[int, int]] = {}

    def current(self, segment_id: int, base: int) -> int:
        """The revision a write typed on ``base`` is made on now."""
        moves = self._moves.get(segment_id, {})
        while base in moves:
            base = moves[base]
        return base

    def moved(self, segment_id: int, base: int, to: int) -> None:
        """This editor's write moved ``segment_id`` from revision ``base`` to ``to``."""
        if to != base:
            self._moves.setdefault(segment_id, {})[base] = to


class SessionWrites(OwnWrites):
    """The moves of the edits of one ended app as this editor writes them (see
    :meth:`SegmentEditing.write_unsent`): its edits follow its own moves only, so that two
    apps' edits typed on one revision conflict as they would have live; every move is also
    the editor's, whose own typing goes on from the English written."""

    def __init__(self, editor: OwnWrites) -> None:
        super().__init__()
        self.editor = editor

    def moved(self, segment_id: int, base: int, to: int) -> None:
        super().moved(segment_id, base, to)
        self.editor.moved(segment_id, base, to)


class SegmentEditing(EditorPart):
    """The editor screen's writes of the open segment (a mixin of ``EditorScreen``)."""

    clock: Callable[[], float] = time.monotonic  # the autosave's clock (tests inject one)

    if TYPE_CHECKING:
        # what this part uses of the editor screen
        rows: SegmentRows | None
        current_index: int
        saved_text: str
        dirty_since: float | None
        last_change: float
        base_revision: int
        own_writes: OwnWrites
        conflicts: dict[int, tuple[ConflictError, str]]
        conflict_shown: int | None
        conflict_asked: tuple[str, str] | None
        pending_writes: dict[int, int]
        unsaved: dict[int, str]
        changed_elsewhere: str | None
        confirm_waiting: tuple[int, str, Future[Written]] | None
        lock_said: tuple[int, int, str] | None

        def refresh_segment(self, segment_id: int) -> None: ...

        @property
        def is_attached(self) -> bool: ...

        def post_message(self, message: Message) -> bool: ...

        def open_index(self, index: int) -> None: ...

        def reload(self, keep: int | None = None) -> None: ...

        def show_findings(self, findings: list[Any]) -> None: ...

        def recheck_details(self, segment_id: int, source: str) -> None: ...

        def _update_titles(self) -> None: ...

        @property
        def locked(self) -> bool: ...

        def sync_read_only(self) -> None: ...

        def say_locked(self) -> None: ...

    # autosave ----------------------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Start the autosave's clock when the English differs from what is stored."""
        if self.current is None or event.text_area is not self.editor:
            return
        if self.editor.text == self.saved_text:
            self.dirty_since = None
            return
        now = self.clock()
        self.last_change = now
        if self.dirty_since is None:
            self.dirty_since = now

    def _autosave_tick(self) -> None:
        if self.dirty_since is None:
            return
        now = self.clock()
        if now - self.last_change >= AUTOSAVE_IDLE or now - self.dirty_since >= AUTOSAVE_MAX:
            self.flush_edit()

    def flush_edit(self) -> Future[Any] | None:
        """Queue an autosave of the open segment's English if it changed."""
        if self.current is None or self.current.locked:
            return None  # a locked segment's English was kept as a note (see the module)
        text = self.editor.text
        self.dirty_since = None
        if text == self.saved_text:
            return None
        segment_id = self.current.id
        self.saved_text = text
        return self.save_text(segment_id, text, self.base_revision)

    def save_text(
        self, segment_id: int, text: str, base: int, unsent: UnsentEdit | None = None,
        own: OwnWrites | None = None,
    ) -> Future[Written]:
        """Queue an autosave of ``text`` typed on revision ``base`` of ``segment_id``
        (``unsent``: the edit of an earlier session this is, and ``own`` that session's
        moves, see :meth:`write_unsent`)."""
        own = own or self.own_writes
        place = self._place(segment_id)

        def save(project: Project) -> Written:
            revision = own.current(segment_id, base)
            try:
                segment = project.save_draft(segment_id, text, revision=revision)
            except LockedError:
                return _kept_locked(project, segment_id, text)
            except NotFoundError as missing:
                return _kept_merged(project, segment_id, text, place, missing)
            except ConflictError as conflict:
                return Written(segment_id, "conflict", text, conflict=conflict,
                               intended="save")
            own.moved(segment_id, revision, segment.revision)
            return Written(segment_id, "save", text, segment, _checked(project, segment_id))

        return self._write(segment_id, "save", text, save,
                           unsent or self._unsent(segment_id, "save", text, base))

    def keep_locked(
        self, segment_id: int, text: str, unsent: UnsentEdit | None = None
    ) -> Future[Written]:
        """The open segment was locked elsewhere under typed English: keep ``text`` as a note
        (as a refused write would) and say so."""
        return self._write(segment_id, "locked", text,
                           lambda project: _kept_locked(project, segment_id, text),
                           unsent or self._unsent(segment_id, "unsaved-edit", text))

    def keep_as_note(
        self, segment_id: int, text: str, unsent: UnsentEdit | None = None
    ) -> Future[Written]:
        """Keep ``text`` as a note of the segment (kind ``conflict``): 'keep both'."""
        return self._write(segment_id, "note", text,
                           lambda project: _kept_as_note(project, segment_id, text),
                           unsent or self._unsent(segment_id, "conflict", text))

    def write_unsent(self, edits: list[UnsentEdit]) -> None:
        """Write the edits an earlier session kept on this computer while the server could
        not be reached (:mod:`workbench.tui.unsent`), in order, each on the revision it was
        typed on: a change made since by someone else (or by another of the ended apps)
        opens the conflict dialog. The open segment's editor shows the last English kept
        for it, unless typed on already."""
        current = self.current.id if self.current is not None else None
        typed = [e.text for e in edits if e.segment_id == current and e.kind in (
            "save", "confirm")]
        if typed and self.dirty_since is None and not self.locked:
            self.saved_text = typed[-1]
            self.editor.load_text(typed[-1])
            self.editor.move_cursor(self.editor.document.end)
        sessions: dict[str, SessionWrites] = {}
        for edit in edits:
            segment_id, text, base = edit.segment_id, edit.text, edit.base
            own = sessions.setdefault(edit.session, SessionWrites(self.own_writes))
            if edit.kind == "save":
                self.save_text(segment_id, text, base, edit, own)
            elif edit.kind == "confirm":
                self.confirm_text(segment_id, text, base, edit.reason, edit, own)
            elif edit.kind == "unsaved-edit":
                self.keep_locked(segment_id, text, edit)
            else:
                self.keep_as_note(segment_id, text, edit)

    def _place(self, segment_id: int) -> Place | None:
        """Where ``segment_id`` is: the open segment as opened, or its row in the list (None
        when neither is it: the list read again without it)."""
        row: Any = self.current if self.current is not None and self.current.id == segment_id \
            else None
        if row is None and self.rows is not None:
            index = self.rows.index_of(segment_id)
            row = self.rows.row(index) if index is not None else None
        return None if row is None else Place(self.document.name, row.position, row.source)

    def _unsent(
        self, segment_id: int, kind: str, text: str, base: int = 0, reason: str | None = None
    ) -> UnsentEdit | None:
        """This write described for the journal of waiting edits (None for a file project)."""
        index = self.rows.index_of(segment_id) if self.rows is not None else None
        row = self.rows.row(index) if self.rows is not None and index is not None else None
        source = row.source if row is not None else ""
        return self.wb.service.unsent(segment_id, kind, text, base, reason, source)

    def _write(
        self, segment_id: int, kind: str, text: str, job: Callable[[Project], Written],
        unsent: UnsentEdit | None = None, *, waits: bool = True,
    ) -> Future[Written]:
        """Queue ``job`` on the writer thread (waiting while offline; ``unsent`` kept on this
        computer meanwhile); its Written message (or the error) comes back. ``waits=False``
        (an undo, an unlock: not English typed) fails at once offline, said not saved."""
        future = self.wb.service.write(job, retry=waits, unsent=unsent)
        self.pending_writes[segment_id] = self.pending_writes.get(segment_id, 0) + 1

        def done(f: Future[Written]) -> None:
            try:
                message = f.result()
            except Exception as exc:  # a store failure: keep the text dirty, say so
                kept = unsent is not None and isinstance(exc, PermissionDeniedError)
                message = Written(segment_id, kind, text, error=describe_error(exc), kept=kept)
                if kind in _ENGLISH_WRITES and not kept:  # (kept: in the journal)
                    self.unsaved[segment_id] = text
            else:
                if kind in _ENGLISH_WRITES:
                    self.unsaved.pop(segment_id, None)
            if self.is_attached:
                self.post_message(message)

        future.add_done_callback(done)
        return future

    def on_written(self, message: Written) -> None:
        left = self.pending_writes.get(message.segment_id, 1) - 1
        if left > 0:
            self.pending_writes[message.segment_id] = left
        else:
            self.pending_writes.pop(message.segment_id, None)
        is_current = self.current is not None and self.current.id == message.segment_id
        if message.error:
            self.wb.notify_error(message.error)
            # a confirmation kept on this computer is written by a later session as one:
            # saved again here, as a draft, it undid the confirmation (written after it)
            kept_confirmation = message.kept and message.kind == "confirmed"
            if is_current and message.kind in ("save", "confirmed", "blocked", "tm") \
                    and not kept_confirmation:
                self.saved_text = "\0unsaved"  # retry at the next tick
                self.dirty_since = self.clock()
            return
        if message.kind == "conflict" and message.conflict is not None:
            self.queue_conflict(message.conflict, message.intended)
            return
        if message.kind == "merged":
            self._said_merged(message, is_current)
            return
        segment: Segment | None = message.segment
        if segment is not None and self.rows is not None:
            self._say_unjoined(segment)
            self._forget_neighbours_flags(segment)
            index = self.rows.update(segment)
            for changed in ([] if index is None else [index]) + self.rows.update_joined(segment):
                self.segment_list.refresh_row(changed)
            if is_current and self.current is not None:
                self.current = self.rows.row(self.current_index) or self.current
        if segment is not None and is_current:
            self.base_revision = max(self.base_revision, segment.revision)
        if message.findings is not None and is_current:
            self.show_findings(message.findings)
        elif message.findings is not None:
            self.segment_list.set_flags({message.segment_id: severity_counts(message.findings)})
        if message.kind == "confirmed":
            self._forget_repetitions(message.segment_id)
        if message.kind == "confirmed" and is_current:
            self._after_confirm(message)
        elif message.kind == "blocked" and is_current:
            self._ask_override(message)
        elif message.kind == "blocked" and segment is not None:  # written late (offline)
            self.notify(f"Segment {segment.position} was not confirmed: its QA errors need a "
                        "reason. It is kept as a draft; open it and confirm again.",
                        severity="warning", timeout=12)
        elif (message.kind == "undo" and is_current and segment is not None
              and message.asked_on is not None and self.editor.text != message.asked_on):
            # typed on while the undo was written: the English typed stays and is saved over
            # the restored one (the autosave, queued after the undo, may have done so)
            self.sync_read_only()
            if self.locked and self.editor.text != self.saved_text:  # an undone rejection
                self.keep_locked(segment.id, self.editor.text)
                self.dirty_since = None  # saved once unlocked
            undo_key = keys.key_name(self.wb.keymap(), "undo")
            self.notify(f"Segment {segment.position}: restored ({segment.status}), then the "
                        f"English typed meanwhile was kept over it ({undo_key} again "
                        "restores).", severity="warning", timeout=8)
        elif message.kind == "undo" and is_current and segment is not None:
            # what came back: "restored (draft)" said the same after each F9, the English
            # back or only the status (an undone confirmation)
            undone = (f"its English before the last change is back ({segment.status})"
                      if segment.target != self.saved_text
                      else f"its status is back to {segment.status}, the English unchanged")
            self.saved_text = segment.target
            self.editor.load_text(segment.target)
            self.editor.move_cursor(self.editor.document.end)
            if message.findings is not None:  # the glossary's ✓ marks: of the English back
                self.show_findings(message.findings)
            self.sync_read_only()  # an undone rejection locks approved work again
            self.notify(f"Segment {segment.position} undone: {undone}.")
        elif message.kind == "locked" and segment is not None:
            self._refused_lock(message, segment, is_current)
        elif message.kind == "unlocked" and segment is not None:
            if is_current:
                self.sync_read_only()
                if self.editor.text != self.saved_text:  # English kept while it was locked
                    self.dirty_since = self.last_change = self.clock()
                self.editor.focus()
            self.notify(f"Segment {segment.position} unlocked (recorded in its history): "
                        "its English can be edited.")
        self._update_titles()

    def unsaved_report(self) -> str | None:
        """The English whose write failed and was not written since (another program held
        the project past the wait, a full disk), a line a segment, to be printed when the
        app ends; None when every English typed is stored."""
        lines = []
        for segment_id, text in sorted(self.unsaved.items()):
            index = self.rows.index_of(segment_id) if self.rows is not None else None
            row = self.rows.row(index) if self.rows is not None and index is not None else None
            name = (f"segment {row.position} of {self.document.name}" if row is not None
                    else f"segment id {segment_id}")
            lines.append(f"workbench: not saved, {name}: {text}")
        return "\n".join(lines) or None

    def _said_merged(self, message: Written, is_current: bool) -> None:
        """A write to a segment merged away elsewhere meanwhile: its English was kept as a
        note of the segment holding its Arabic now (or, none found, is said here)."""
        holder: Segment | None = message.segment
        if is_current:  # nothing more to save to it; the list is read again, on the holder
            self.saved_text = message.text
            self.dirty_since = None
            self.reload(holder.id if holder is not None else None)
        if holder is not None:
            where = (f"It is kept as a note of segment {holder.position}, which holds its "
                     "Arabic now.")
        else:
            where = f"It was: {message.text}"
        self.notify(
            f"The segment you typed in was merged with another elsewhere meanwhile: your "
            f"English was not saved. {where}", severity="warning", timeout=20,
        )

    def _refused_lock(self, message: Written, segment: Segment, is_current: bool) -> None:
        """A write met a lock set meanwhile: keep the English in the editor (saved once the
        segment is unlocked) and say where it is kept."""
        from workbench.tui.screens.editor.locks import NOT_YOURS, lock_state, unlock_key

        key = unlock_key(self.wb)
        if is_current:
            self.saved_text = segment.target  # what is stored; the editor keeps the new text
            self.dirty_since = None
            self.sync_read_only()
            how = f"{key} unlocks the segment to save it" if key else NOT_YOURS
            where = f"It stays in the editor and is kept as a note; {how}."
        else:
            where = "It is kept as a note of the segment."
        said = (segment.id, segment.revision, message.text)
        if said == self.lock_said:  # the live feed and a save in flight both met this lock
            return
        self.lock_said = said
        self.notify(
            f"Segment {segment.position} was {lock_state(segment.status)} meanwhile: your "
            f"English was not saved. {where}", severity="warning", timeout=12,
        )

    def _say_unjoined(self, segment: Segment) -> None:
        """Warn when English typed in a joined segment was stored: its link's English, on
        another segment, translates its Arabic already, and exports join the two."""
        index = self.rows.index_of(segment.id) if self.rows is not None else None
        before = self.rows.cached(index) if self.rows is not None and index is not None else None
        if before is None or not before.english_elsewhere or not segment.target.strip():
            return
        self.notify(f"Segment {segment.position} was joined to #{before.joined_to}, whose English "
                    "translates it already: take that sentence out of it there, or the "
                    "exports say it twice.", severity="warning", timeout=10)

    # actions -----------------------------------------------------------------------------------

    def action_select_all(self) -> None:
        """Select the whole English (typing or a paste then replaces it), in the editor."""
        editor = self.editor
        editor.focus()
        editor.select_all()

    def action_save(self) -> None:
        """Save the open segment's English now."""
        if self.flush_edit() is None:
            self.notify("Nothing to save.")

    def action_confirm(self) -> None:
        """Confirm the open segment (after the checks) and go to the next one."""
        if self.current is None:
            return
        if self.locked:
            self.say_locked()
            return
        text = self.editor.text
        if not text.strip() and self.current.joined_to is not None:
            self.notify(f"Segment {self.current.position} is joined: its English is in "
                        f"#{self.current.joined_to}, confirmed with it.", severity="warning")
            return
        if not text.strip():
            self.notify("Type the English first: an empty segment cannot be confirmed.",
                        severity="warning")
            return
        segment_id = self.current.id
        self.saved_text = text
        self.dirty_since = None
        future = self.confirm_text(segment_id, text, self.base_revision,
                                   moving_to=self._next_index())
        self.confirm_waiting = (segment_id, text, future)
        if not self.wb.service.online or self.wb.team_status.startswith("OFFLINE"):
            self.go_on_offline()

    def go_on_offline(self) -> None:
        """The confirmation just asked waits for the server: open the next segment meanwhile
        (as its writing would), unless the translator has moved or typed on since."""
        waiting, self.confirm_waiting = self.confirm_waiting, None
        if waiting is None or self.current is None:
            return
        segment_id, text, future = waiting
        if future.done() or self.current.id != segment_id or self.editor.text != text:
            return
        self._next_segment("Confirmed once the server is back. That was the last segment "
                           "of this view.")

    def confirm_text(
        self, segment_id: int, text: str, base: int, reason: str | None = None,
        unsent: UnsentEdit | None = None, own: OwnWrites | None = None,
        moving_to: int | None = None,
    ) -> Future[Written]:
        """Queue the confirmation of ``text`` typed on revision ``base`` of ``segment_id``
        (``unsent``, ``own``: as for :meth:`save_text`); ``moving_to``, the index of the
        segment opened once it is stored, is remembered first (:mod:`workbench.tui.positions`:
        an app killed meanwhile reopens there)."""
        own = own or self.own_writes
        place = self._place(segment_id)
        positions, document_id = self.wb.positions, self.document.id
        if moving_to is not None and self.rows is not None:
            positions.remember(document_id, self.document_created, segment_id,
                               Confirming(self.rows.ids[moving_to], base))

        def job(project: Project) -> Written:
            positions.wait_written(document_id)
            try:
                return _confirm(project, segment_id, text, reason, own=own, base=base)
            except NotFoundError as missing:
                return _kept_merged(project, segment_id, text, place, missing)

        return self._write(segment_id, "confirmed", text, job,
                           unsent or self._unsent(segment_id, "confirm", text, base, reason))

    def _forget_neighbours_flags(self, segment: Segment) -> None:
        """The list's QA marks of the other rows, computed again when the English written may
        change their findings (a quotation mark another segment's closed, or a new one): row
        7 kept no mark when segment 11's closing quote was deleted, though F3 and its panel
        reported its quotation left open."""
        assert self.rows is not None
        index = self.rows.index_of(segment.id)
        old = self.rows.cached(index) if index is not None else None
        if may_change_others(None if old is None else old.target, segment.target or ""):
            self.segment_list.forget_flags()
            self.segment_list.invalidate()

    def _forget_repetitions(self, segment_id: int) -> None:
        """A confirmation gave its English to the segment's repetitions (propagation, in the
        same transaction): their rows and QA marks are read again, before the next segment
        opens (it may be one of them). They showed new and empty until the document was
        opened again, and one opened empty."""
        repeats = self.segment_list.repeats
        if self.rows is None or segment_id not in repeats:
            return
        others = sorted(repeats - {segment_id})
        for index in self.rows.forget(others):
            self.segment_list.refresh_row(index)
        for sid in others:
            self.segment_list.flags.pop(sid, None)

    def _after_confirm(self, message: Written) -> None:
        if self.editor.text != message.text:  # typed on while confirming: stay, the
            if self.current is not None:      # autosave keeps the new text
                self.wb.positions.remember(self.document.id, self.document_created,
                                           self.current.id)
            return
        self._next_segment()

    def _next_segment(
        self, last: str = "Confirmed. That was the last segment of this view.",
    ) -> None:
        """Open the next segment of the view after a confirmation, else say ``last``."""
        index = self._next_index()
        if index is None:
            self.notify(last)
        else:
            self.open_index(index)

    def _next_index(self) -> int | None:
        """The index of the segment a confirmation moves to: the next of the view, passing
        over joined ones (their English is this link's); None after the last."""
        index = self.current_index + 1
        while self.rows is not None and index < len(self.rows):
            row = self.rows.row(index)
            if row is None or not row.english_elsewhere:
                return index
            index += 1
        return None

    def _ask_override(self, message: Written) -> None:
        """Ask for the reason that confirms the blocked English anyway; English typed on since
        the confirmation was asked is not the one blocked: the segment stays a draft."""
        if self.editor.text != message.text:
            segment = message.segment
            name = f"Segment {segment.position}" if segment is not None else "The segment"
            key = keys.key_name(self.wb.keymap(), "confirm")
            self.notify(f"{name} was not confirmed: its QA errors need a reason, and the "
                        f"English was typed on meanwhile. {key} confirms it as it is now.",
                        severity="warning", timeout=8)
            return
        errors = [f for f in message.findings or [] if f.severity == "error"]
        segment_id, text = message.segment_id, message.text

        base = message.segment.revision if message.segment is not None else self.base_revision

        def answered(reason: str | None) -> None:
            if not reason:
                self.notify("Not confirmed: fix the findings, or confirm again and give a reason.",
                            severity="warning")
                return
            self.override_and_confirm(segment_id, text, errors, reason, base)

        self.app.push_screen(OverrideScreen(errors), answered)

    def override_and_confirm(
        self, segment_id: int, text: str, errors: list[Any], reason: str,
        base: int | None = None,
    ) -> Future[Written]:
        """Confirm with ``reason`` accepting the error findings (stored as overrides)."""
        still_open = self.current is not None and self.current.id == segment_id
        return self.confirm_text(
            segment_id, text, self.base_revision if base is None else base, reason,
            moving_to=self._next_index() if still_open else None,
        )

    def action_undo(self) -> None:
        """Restore the open segment's text and status before its last change."""
        if self.current is None:
            return
        if self.locked:
            self.say_locked()
            return
        self.flush_edit()
        segment_id = self.current.id
        asked_on = self.editor.text
        base, own = self.base_revision, self.own_writes
        unlock_key = keys.key_name(self.wb.keymap(), "unlock")
        shown = {segment_id: self.current.position}

        def undo(project: Project) -> Written:
            revision = own.current(segment_id, base)
            try:
                segment = project.undo(segment_id, revision=revision)
            except ConflictError as conflict:  # changed elsewhere: nothing to undo of ours
                return Written(segment_id, "undo", "", project.segment(segment_id),
                               error=str(conflict))
            except ProjectError:  # offline, read-only...: the writer's to handle
                raise
            except WorkbenchError as refused:  # nothing to undo, a merge...: said in our numbers
                return Written(segment_id, "undo", "",
                               error=describe_in_list(refused, project, unlock_key, shown))
            own.moved(segment_id, revision, segment.revision)
            return Written(segment_id, "undo", segment.target, segment,
                           _checked(project, segment_id), asked_on=asked_on)

        self._write(segment_id, "undo", "", undo, waits=False)  # offline: said not saved

    # conflicts ---------------------------------------------------------------------------------

    def queue_conflict(self, conflict: ConflictError, intended: str) -> None:
        """Ask about ``conflict`` with the dialog, after any dialog open. The same English of
        the segment whose dialog is open (a kept edit's autosave, then its confirmation) is
        not asked about again: the answer counts for both, a confirmation staying one."""
        asked = self.conflict_asked
        if self.conflict_shown == conflict.segment_id and asked is not None \
                and asked[0] == conflict.yours:
            if intended == "confirmed":
                self.conflict_asked = (asked[0], intended)
            return
        self.conflicts[conflict.segment_id] = (conflict, intended)
        self.show_conflicts()

    def show_conflicts(self) -> None:
        """Open the conflict dialog of the next segment waiting for one (one at a time)."""
        if self.conflict_shown is not None or not self.conflicts:
            return
        current = self.current.id if self.current is not None else None
        segment_id = current if current in self.conflicts else next(iter(self.conflicts))
        conflict, intended = self.conflicts.pop(segment_id)
        self.conflict_asked = (conflict.yours, intended)
        if segment_id == current:  # the newest English typed is the one to keep or merge
            self.dirty_since = None
            yours = self.editor.text
            conflict = ConflictError(
                segment_id, base_revision=conflict.base_revision, revision=conflict.revision,
                theirs=conflict.theirs, theirs_status=conflict.theirs_status,
                author=conflict.author, yours=yours, action=conflict.action,
            )
        index = self.rows.index_of(segment_id) if self.rows is not None else None
        row = self.rows.row(index) if self.rows is not None and index is not None else None
        position = row.position if row is not None else None
        self.conflict_shown = segment_id

        def answered(resolution: Resolution | None) -> None:
            asked = self.conflict_asked
            self.conflict_shown, self.conflict_asked = None, None
            if resolution is not None:
                self.resolve_conflict(conflict, asked[1] if asked else intended, resolution,
                                      position)
            self.show_conflicts()

        self.app.push_screen(ConflictScreen(conflict, position), answered)

    def keep_unanswered_conflict(self) -> None:
        """The app quits with the conflict dialog open: yours as it stands in the dialog is
        kept as a note of the segment (kind ``conflict``), as 'keep both' keeps it; theirs
        stays (the answer was never given)."""
        dialog = self.app.screen
        if isinstance(dialog, ConflictScreen) and dialog.edited.strip():
            self.keep_as_note(dialog.conflict.segment_id, dialog.edited)

    def resolve_conflict(
        self, conflict: ConflictError, intended: str, resolution: Resolution,
        position: int | None = None,
    ) -> None:
        """Write what the translator kept of a conflict (see ``screens/conflict.py``); the
        notification names the segment by ``position``, its number in the list."""
        segment_id, choice = conflict.segment_id, resolution.choice
        is_current = self.current is not None and self.current.id == segment_id
        if is_current:
            self.changed_elsewhere = None
            self._update_titles()  # "changed by … meanwhile" is answered
            self.base_revision = max(self.base_revision, conflict.revision)
            self.saved_text = resolution.text
            self.dirty_since = None
            if self.editor.text != resolution.text:
                self.editor.load_text(resolution.text)
                self.editor.move_cursor(self.editor.document.end)
        yours = resolution.yours
        if choice == "both" and yours.strip():
            self.keep_as_note(segment_id, yours)
        elif choice == "mine" and intended == "confirmed":
            self.confirm_text(segment_id, resolution.text, conflict.revision)
        elif choice in ("mine", "merge"):
            self.save_text(segment_id, resolution.text, conflict.revision)
        if choice in ("theirs", "both"):
            self.refresh_segment(segment_id)
            if is_current and self.current is not None:  # the panels showed yours' checks
                self.recheck_details(segment_id, self.current.source)
        what = {"theirs": "kept theirs (yours is in the history)", "mine": "kept yours",
                "merge": "saved the merge", "both": "kept theirs, yours as a note"}[choice]
        self.notify(f"{segment_name(conflict, position)}: {what}.")


def _checked(project: Project, segment_id: int) -> list[Any] | None:
    """The findings of a segment, or None when the checks fail (the write still counts)."""
    try:
        return segment_findings(project, segment_id)
    except Exception:
        return None


def _confirm(
    project: Project, segment_id: int, text: str, reason: str | None = None, *,
    own: OwnWrites | None = None, base: int | None = None,
) -> Written:
    """Confirm through the service's policy; open error findings come back as 'blocked', a
    change made meanwhile by someone else as 'conflict'."""
    revision = None if base is None or own is None else own.current(segment_id, base)
    try:
        segment = project.confirm(segment_id, text, override_reason=reason, revision=revision)
    except LockedError:
        return _kept_locked(project, segment_id, text)
    except ConflictError as conflict:
        return Written(segment_id, "conflict", text, conflict=conflict, intended="confirmed")
    except BlockedByFindings as blocked:
        findings = _checked(project, segment_id) or blocked.findings
        now = project.segment(segment_id)  # kept as a draft, by this editor
        if own is not None and revision is not None:
            own.moved(segment_id, revision, now.revision)
        return Written(segment_id, "blocked", text, now, findings)
    if own is not None and revision is not None:
        own.moved(segment_id, revision, segment.revision)
    return Written(segment_id, "confirmed", text, segment, _checked(project, segment_id))


def _kept_as_note(project: Project, segment_id: int, text: str) -> Written:
    """Keep ``text`` as a note of the segment (kind ``conflict``): 'keep both'."""
    project.add_note(segment_id, text, kind="conflict")
    return Written(segment_id, "note", text, project.segment(segment_id))


def _kept_merged(
    project: Project, segment_id: int, text: str, place: Place | None, missing: NotFoundError
) -> Written:
    """A write to a segment that is gone (merged into its neighbour elsewhere): keep ``text``
    as a note (kind ``unsaved-edit``) of the segment near its place whose Arabic holds its
    Arabic, so it is never lost ('merged'; without such a segment, none: the text is said).
    ``missing`` is raised again when the segment is there (something else was not found)."""
    try:
        project.segment(segment_id)
    except NotFoundError:
        pass
    else:
        raise missing
    holder = None
    if place is not None and place.source.strip():
        near = project.segments(place.document, offset=max(0, place.position - 3), limit=6)
        holders = [s for s in near if s.id != segment_id and place.source in s.source]
        holder = min(holders, key=lambda s: abs(s.position - place.position), default=None)
    if holder is not None and text.strip():
        project.add_note(holder.id, text, kind="unsaved-edit")
    return Written(segment_id, "merged", text, holder)


def _kept_locked(project: Project, segment_id: int, text: str) -> Written:
    """A write refused by a lock: keep ``text`` as a note of the segment (kind
    ``unsaved-edit``) so it is never lost, and say so ('locked')."""
    segment = project.segment(segment_id)
    kept = [n["text"] for n in project.notes(segment_id) if n["kind"] == "unsaved-edit"]
    if text.strip() and text != segment.target and kept[-1:] != [text]:
        project.add_note(segment_id, text, kind="unsaved-edit")
    return Written(segment_id, "locked", text, segment)
