"""Locked segments in the editor: approved work is locked, so its English is read-only under a
hint line saying how to unlock it; the unlock key asks for an optional reason (kept in the
segment's history); typing or pasting into a read-only editor is said, never silently lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Static

from workbench.tui import keys
from workbench.tui.screens.editor.editing import Written
from workbench.tui.screens.editor.host import EditorPart
from workbench.tui.screens.prompts import UnlockScreen
from workbench.tui.widgets.english_editor import EnglishEditor

if TYPE_CHECKING:
    from concurrent.futures import Future

    from workbench.project import Project
    from workbench.tui.app import WorkbenchApp

LOCK_HINT_ID = "lock-hint"


def lock_state(status: str) -> str:
    """How a locked segment is named: approved work, or one a reviewer or lead locked in
    another status (``workbench lock`` of a draft)."""
    return "approved and locked" if status == "approved" else "locked"


def unlock_key(wb: WorkbenchApp) -> str | None:
    """The unlock key as shown; None when the user may not unlock (a translator of a team
    project: the server refuses it to them)."""
    if wb.role == "translator":
        return None
    return keys.key_name(wb.keymap(), "unlock")


NOT_YOURS = "only a reviewer or a lead may unlock it"


class LockActions(EditorPart):
    """The editor screen's handling of locked segments (a mixin of ``EditorScreen``)."""

    busy: bool = False
    """True while a change of many segments is written: the English editor is read-only."""
    _refused_for: int | None = None  # the segment whose refused typing was already said

    if TYPE_CHECKING:
        def query_one(self, selector: str, expect_type: type[Static]) -> Static: ...

        def _write(
            self, segment_id: int, kind: str, text: str, job: Any, unsent: Any = None, *,
            waits: bool = True,
        ) -> Future[Written]: ...

    @property
    def locked(self) -> bool:
        """True when the open segment is locked."""
        return self.current is not None and self.current.locked

    def sync_read_only(self) -> None:
        """Make the English editor read-only on a read-only project, during a batch and on a
        locked segment; show the lock's hint line."""
        locked = self.locked
        editor = self.editor
        editor.read_only = self.wb.read_only or self.busy or locked
        editor.set_class(locked, "locked")
        hint = self.query_one(f"#{LOCK_HINT_ID}", Static)
        hint.display = locked
        if locked and self.current is not None:
            key = unlock_key(self.wb)
            how = f"{key}: unlock to edit" if key else NOT_YOURS
            hint.update(f"🔒 {lock_state(self.current.status).capitalize()} · {how}")

    def set_busy(self, busy: bool) -> None:
        """Mark a change of many segments as under way (or ended)."""
        self.busy = busy
        self.sync_read_only()

    def say_locked(self) -> None:
        """Say that the open segment is locked and how to unlock it."""
        if self.current is None:
            return
        key = unlock_key(self.wb)
        how = f"{key} unlocks it to edit (the reason is kept in its history)" if key else \
            NOT_YOURS
        self.notify(f"Segment {self.current.position} is {lock_state(self.current.status)}: "
                    f"{how}.", severity="warning")

    def refuse_edit(self) -> bool:
        """When the English cannot be changed now (read-only project, locked segment, a
        change of many segments under way), say why and return True."""
        if self.wb.read_only:
            self.wb.refuse_read_only()
        elif self.locked:
            self.say_locked()
        elif self.busy:
            self.notify("A change of many segments is being written: the English is "
                        "read-only until it ends.", severity="warning")
        else:
            return False
        return True

    def on_english_editor_refused(self, event: EnglishEditor.Refused) -> None:
        """Typing into a read-only editor: say why it was not taken (once per segment)."""
        event.stop()
        if self.current is None or self._refused_for == self.current.id:
            return
        self._refused_for = self.current.id
        if self.wb.read_only:
            self.wb.refuse_read_only()
        elif self.locked:
            key = unlock_key(self.wb)
            how = f"{key} unlocks it (the reason is kept in its history)" if key else \
                NOT_YOURS.capitalize()
            self.notify(
                f"Segment {self.current.position} is {lock_state(self.current.status)}: what "
                f"you typed was not taken. {how}.", severity="warning", timeout=8,
            )
        elif self.busy:
            self.notify("A change of many segments is being written: the English is "
                        "read-only until it ends. Type again then.", severity="warning")

    def action_unlock(self) -> None:
        """Unlock the open segment (asking for an optional reason) so it can be edited."""
        current = self.current
        if current is None:
            return
        if not current.locked:
            self.notify(f"Segment {current.position} is not locked.")
            return
        segment_id = current.id

        def answered(reason: str | None) -> None:
            if reason is None:
                return

            def unlock(project: Project) -> Written:
                segment = project.unlock(segment_id, reason or None)
                return Written(segment_id, "unlocked", segment.target, segment)

            self._write(segment_id, "unlocked", "", unlock, waits=False)

        self.app.push_screen(UnlockScreen(current.position, current.status), answered)
