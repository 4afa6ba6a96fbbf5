"""Inserting glossary renderings into the English at the cursor (Ctrl+G, Alt+1…9, Ctrl+L)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.glossary.english import find_rendering
from workbench.tui.screens.editor.host import EditorPart
from workbench.tui.screens.prompts import TermChooser
from workbench.tui.widgets.panels import GlossaryPanel, TermLine

_WORD_REST = re.compile(r"[^\W_]*(?:['’][^\W_]+)*")  # the rest of a word: don't, O’Brien


class TermActions(EditorPart):
    """The editor screen's glossary insertion (a mixin of ``EditorScreen``)."""

    if TYPE_CHECKING:
        # what this part uses of the editor screen
        def query_one(self, selector: type[GlossaryPanel]) -> GlossaryPanel: ...

    def action_insert_term(self, number: int | None = None) -> None:
        """Insert a glossary rendering at the cursor: entry ``number``, or the first entry of
        the first term of the segment whose rendering the English does not hold yet."""
        lines = self.query_one(GlossaryPanel).lines
        if not lines:
            self.notify("No glossary terms in this segment.")
            return
        if number is not None:
            if not 1 <= number <= len(lines):
                self.notify(f"No glossary entry {number}.")
                return
            chosen = lines[number - 1]
        else:
            chosen = next((ln for ln in lines if not _rendered(self.editor.text, ln)), lines[0])
        self.insert_text(chosen.rendering)

    def action_choose_term(self) -> None:
        """Choose which glossary rendering to insert at the cursor."""
        panel = self.query_one(GlossaryPanel)
        if not panel.lines:
            self.notify("No glossary terms in this segment.")
            return
        entries = [(line.term, line.rendering) for line in panel.lines]

        def chosen(number: int | None) -> None:
            if number is not None:
                self.action_insert_term(number)

        self.app.push_screen(TermChooser(entries), chosen)

    def insert_text(self, text: str) -> None:
        """Insert ``text`` at the editor's cursor, with spaces where words would touch; a
        cursor inside a word inserts after that word (a word is never split)."""
        editor = self.editor
        start, end = editor.selection
        before = editor.get_text_range((start[0], 0), start) if start[1] else ""
        line_end = len(editor.document[end[0]]) if end[0] < editor.document.line_count else 0
        after = editor.get_text_range(end, (end[0], line_end))
        if start == end and before[-1:].isalnum() and after[:1].isalnum():
            rest = _WORD_REST.match(after).end()  # type: ignore[union-attr]
            end = start = (end[0], end[1] + rest)
            before, after = before + after[:rest], after[rest:]
        if before and (before[-1].isalnum() or before[-1] in ".,;:!?"):
            text = " " + text
        if after and after[0].isalnum():
            text = text + " "
        editor.replace(text, start, end)
        editor.focus()


def _rendered(english: str, line: TermLine) -> bool:
    return bool(find_rendering(english, line.rendering))
