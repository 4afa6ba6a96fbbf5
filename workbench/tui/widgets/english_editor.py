"""The English editor of the open segment: a TextArea in which Enter never breaks the line.

A segment needs no hard line break (as in OmegaT), so Enter is left to the key bindings
(confirm and go to the next segment), and pasted line breaks become spaces.

The text is edited as stored, so it is never reordered or sanitised; only the zero-width
control characters (bidi controls such as RLO, zero-width spaces, C0/C1 controls) are left
out of the cells sent to the terminal, so they cannot reorder or garble the screen. They take
no cell, so the cursor and the wrapping stay where the TextArea put them. Emoji presentation
selectors and skin-tone modifiers, which terminals count differently from Rich, are drawn as
the bare emoji padded to the cells Rich gave them, so the border stays put.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea

_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]"
)


def _shown(text: str) -> str:
    """``text`` without hidden characters, padded to the cells Rich measured for it."""
    bare = _HIDDEN.sub("", text)
    return bare + " " * max(0, cell_len(text) - cell_len(bare))


EDITING_ACTIONS = frozenset({
    "delete_left", "delete_right", "delete_word_left", "delete_word_right",
    "delete_to_start_of_line", "delete_to_end_of_line", "delete_to_end_of_line_or_delete_line",
    "delete_line", "cut", "paste", "undo", "redo",
})
"""The TextArea's actions that change the text: off while the editor is read-only, so their
keys reach the screen (Ctrl+U unlocks a locked segment)."""


class EnglishEditor(TextArea):
    """A soft-wrapping TextArea for one segment's English. While it is read-only (a locked
    segment, a read-only project, a batch under way) typing and pasting are refused with a
    :class:`Refused` message, so the screen can say why: nothing typed vanishes unnoticed."""

    class Refused(Message):
        """Text was typed or pasted while the editor is read-only."""

    DEFAULT_CSS = """
    EnglishEditor { height: 5; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            "", id=id, soft_wrap=True, tab_behavior="focus", show_line_numbers=False,
            language=None,
        )

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if not any(_HIDDEN.search(segment.text) for segment in strip):
            return strip
        return Strip(
            [Segment(_shown(s.text), s.style, s.control) for s in strip],
            strip.cell_length,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Editing actions are off while read-only (their keys go on to the screen)."""
        if self.read_only and action in EDITING_ACTIONS:
            return False
        return super().check_action(action, parameters)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            # Not a newline: let the key reach the bindings (confirm).
            event.prevent_default()
            return
        if self.read_only and (event.is_printable or event.key in ("backspace", "delete")):
            self.post_message(self.Refused())

    def _on_paste(self, event: events.Paste) -> None:
        if self.read_only:
            event.prevent_default()
            event.stop()
            self.post_message(self.Refused())
            return
        if "\n" in event.text or "\r" in event.text:
            event.prevent_default()
            event.stop()
            text = " ".join(event.text.replace("\r", "\n").split("\n"))
            if not self.read_only:
                self.replace(text, *self.selection)
