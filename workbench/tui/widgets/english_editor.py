"""The English editor of the open segment: a TextArea in which Enter never breaks the line.

A segment needs no hard line break (as in OmegaT), so Enter is left to the key bindings
(confirm and go to the next segment), and pasted line breaks become spaces.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea


class EnglishEditor(TextArea):
    """A soft-wrapping TextArea for one segment's English."""

    DEFAULT_CSS = """
    EnglishEditor { height: 5; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            "", id=id, soft_wrap=True, tab_behavior="focus", show_line_numbers=False,
            language=None,
        )

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            # Not a newline: let the key reach the bindings (confirm).
            event.prevent_default()
            return

    def _on_paste(self, event: events.Paste) -> None:
        if "\n" in event.text or "\r" in event.text:
            event.prevent_default()
            event.stop()
            text = " ".join(event.text.replace("\r", "\n").split("\n"))
            if not self.read_only:
                self.replace(text, *self.selection)
