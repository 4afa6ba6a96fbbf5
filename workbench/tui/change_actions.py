"""App actions on changes of many segments: the changes list (Shift+F9), undoing the last change
(Ctrl+F9) or the last import (palette), and what a dialog does once it changed segments.

Every import into the working translation, find-and-replace and batch is one change group of the
service; each is undone at once (``project.undo_change``), after a yes
(:class:`~workbench.tui.screens.changes.UndoConfirmScreen`). Reading the changes and undoing run
in workers on the second connection; the English editor is read-only meanwhile and the editor's
list is read again afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.screen import ModalScreen

from workbench.errors import NotFoundError
from workbench.tui import keys
from workbench.tui.screens.changes import ChangesScreen, UndoConfirmScreen, newest_undoable
from workbench.tui.service import describe_error

if TYPE_CHECKING:
    from workbench.project import Project
    from workbench.tui.screens.editor import EditorScreen
    from workbench.tui.service import ProjectService

Change = dict[str, Any]


class ChangeActions:
    """The changes list and undoing changes at once (a mixin of the workbench app)."""

    if TYPE_CHECKING:
        service: ProjectService
        read_only: bool

        @property
        def editor(self) -> EditorScreen | None: ...

        @property
        def screen(self) -> Any: ...

        @property
        def screen_stack(self) -> list[Any]: ...

        def push_screen(self, screen: Any, callback: Any = None) -> Any: ...

        def notify(self, message: str, **kwargs: Any) -> None: ...

        def notify_error(self, message: str) -> None: ...

        def call_from_thread(self, callback: Callable[..., Any], *args: Any) -> Any: ...

        def reload_segments(self) -> None: ...

        def keymap(self) -> dict[str, str]: ...

        def refuse_read_only(self) -> None: ...

    def undo_hint(self, what: str) -> str:
        """``Ctrl+F9 undoes this import (Shift+F9: every change).`` with the keys as
        remapped."""
        keymap = self.keymap()
        return (f"{keys.key_name(keymap, 'undo_change')} undoes {what} "
                f"({keys.key_name(keymap, 'changes')}: every change).")

    def segments_changed(self) -> None:
        """Segments were changed in the background: read the editor's list (and an open
        reviewer's rows and changes list) again."""
        from workbench.tui.screens.review import ReviewScreen

        self.reload_segments()
        for screen in self.screen_stack:
            if isinstance(screen, ChangesScreen):
                screen.refresh_changes()
            elif isinstance(screen, ReviewScreen):
                screen.action_refresh()

    # actions ---------------------------------------------------------------------------------

    def action_changes(self) -> None:
        """Show the changes list (undo one at once)."""
        if not isinstance(self.screen, ModalScreen):
            self.push_screen(ChangesScreen())

    def action_undo_change(self) -> None:
        """Undo the newest import, replacement or batch (after a yes)."""
        self._find_change(lambda p: newest_undoable(p.changes()), "There is no change to undo.")

    def undo_last_import(self) -> None:
        """Undo the newest import not undone yet (after a yes)."""
        def find(project: Project) -> Change | None:
            try:
                group_id = project.last_import()
            except NotFoundError:
                return None
            return next((c for c in project.changes() if c["id"] == group_id), None)

        self._find_change(find, "There is no import to undo.")

    def ask_undo(self, change: Change) -> None:
        """Ask whether to undo ``change``; undo it on a yes."""
        if self.read_only:
            self.refuse_read_only()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._start_undo(change)

        self.push_screen(UndoConfirmScreen(change), answered)

    # workers ---------------------------------------------------------------------------------

    def _find_change(self, find: Callable[[Project], Change | None], none: str) -> None:
        if self.read_only:
            self.refuse_read_only()
            return
        self._run_find(find, none)

    @work(thread=True, exclusive=True, group="changes")
    def _run_find(self, find: Callable[[Project], Change | None], none: str) -> None:
        """Find the change to undo on the second connection (worker)."""
        try:
            self.service.flush()
            change = self.service.background(find)
        except Exception as exc:  # notified, never a crash
            self.notify_error(describe_error(exc))
            return
        if change is None:
            self.call_from_thread(self.notify, none, severity="warning")
        else:
            self.call_from_thread(self.ask_undo, change)

    def _start_undo(self, change: Change) -> None:
        editor = self.editor
        if editor is not None:
            editor.flush_edit()
            editor.set_busy(True)
        self._run_undo(change)

    @work(thread=True, exclusive=True, group="changes")
    def _run_undo(self, change: Change) -> None:
        """Undo ``change`` on the second connection once the queued writes landed (worker)."""
        try:
            self.service.flush()
            result = self.service.background(lambda p: p.undo_change(change["id"]), write=True)
        except Exception as exc:  # notified, never a crash
            self.call_from_thread(self._undone, None, describe_error(exc))
            return
        self.call_from_thread(self._undone, result, None)

    def _undone(self, result: dict[str, Any] | None, error: str | None) -> None:
        editor = self.editor
        if editor is not None:
            editor.set_busy(False)
        if error is not None or result is None:
            self.notify_error(error or "undo failed")
            return
        summary = str(result["summary"])
        self.notify(summary[0].upper() + summary[1:] + ".", timeout=10)
        self.segments_changed()
