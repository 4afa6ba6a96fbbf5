"""Changes of many segments from the editor: find and replace in the English (Shift+F2) and batch
confirm / review / approve of the segments of the view (Shift+F4). Each opens its dialog
(:mod:`workbench.tui.screens.replace`, :mod:`workbench.tui.screens.batch`) with the view's ids;
once segments changed, the editor's list is read again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.tui.screens.batch import BatchScreen
from workbench.tui.screens.editor.host import EditorPart
from workbench.tui.screens.replace import ReplaceScreen

if TYPE_CHECKING:
    from rich.text import Text

    from workbench.project import Document
    from workbench.tui.rows import SegmentRows


class BatchActions(EditorPart):
    """The editor screen's find-and-replace and batch actions (a mixin of ``EditorScreen``)."""

    if TYPE_CHECKING:
        document: Document
        rows: SegmentRows | None

        def flush_edit(self) -> Any: ...

    def _view_label(self) -> Text:
        from workbench.tui.screens.editor.screen import view_label

        return view_label(self.spec)

    def action_replace(self) -> None:
        """Find and replace in the English of the document (or of the view)."""
        self.flush_edit()
        filtered = self.rows is not None and not self.spec.is_all
        view_ids = list(self.rows.ids) if filtered and self.rows is not None else None

        def done(report: Any) -> None:
            if report is not None and report.group_id is not None:
                self.wb.segments_changed()

        self.app.push_screen(ReplaceScreen(self.document, view_ids, self._view_label()), done)

    def action_batch(self, action: str | None = None) -> None:
        """Confirm, mark reviewed or approve the segments of the view (``action`` chosen
        first: confirm, reviewed, approved)."""
        if self.rows is None:
            return
        self.flush_edit()

        def done(changed: bool | None) -> None:
            if changed:
                self.wb.segments_changed()

        self.app.push_screen(
            BatchScreen(self.document, list(self.rows.ids), self._view_label(), action), done
        )
