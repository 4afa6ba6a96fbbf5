"""LQA from the editor (Shift+F12): record an MQM error on the open segment, its span the
English selected in the editor. The open edit is saved first and the span is taken over the
English as stored (when the editor holds other text, nothing is preselected)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.tui.screens.editor.host import EditorPart
from workbench.tui.screens.lqa import (
    LqaErrorScreen,
    LqaRequest,
    holder_english,
    joined_notice,
    record_error,
)

if TYPE_CHECKING:
    from workbench.lqa import LqaError


class LqaActions(EditorPart):
    """The editor screen's LQA error key (a mixin of ``EditorScreen``)."""

    if TYPE_CHECKING:
        def flush_edit(self) -> Any: ...

    def action_lqa_error(self) -> None:
        """Record an LQA error on the open segment (span: the selected English)."""
        current = self.current
        if current is None:
            return
        if self.wb.read_only:
            self.wb.refuse_read_only()
            return
        editor = self.editor
        self.flush_edit()
        self.wb.service.flush()  # the span is over the English as stored
        segment_id, position = current.id, current.position
        stored = self.wb.service.read(lambda p: p.segment(segment_id).target)
        span: tuple[int, int] | None = None
        holder = None
        if not stored.strip():
            holder = self.wb.service.read(lambda p: holder_english(p, segment_id))
        if holder is not None and current.joined_to is not None:
            # its English is on the link's segment holding it: the error judges that English
            self.notify(joined_notice(position, current.joined_to))
            (segment_id, stored), position = holder, current.joined_to
        elif not stored.strip():
            self.notify("This segment has no English to evaluate yet.", severity="warning")
            return
        else:
            start, end = sorted(editor.selection)
            a, b = editor.offset_of(start), editor.offset_of(end)
            span = (a, b) if a < b and editor.text == stored else None

        def answered(request: LqaRequest | None) -> None:
            if request is not None:
                record_error(self.wb, segment_id, request, self._lqa_recorded)

        self.app.push_screen(LqaErrorScreen(position, stored, span), answered)

    def _lqa_recorded(self, error: LqaError | None, message: str | None) -> None:
        if message is not None or error is None:
            self.wb.notify_error(message or "the error was not recorded")
            return
        self.notify(f"LQA error #{error.id} recorded on segment {error.position}: "
                    f"{error.severity} {error.category}.")
