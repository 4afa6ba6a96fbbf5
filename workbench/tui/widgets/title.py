"""A dialog's title line that may quote Arabic (a document's or a file's name)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Label

from workbench.tui.display import BidiDisplay


class DialogTitle(Label):
    """One line in the app's display order, drawn again at each width: text wider than the
    line is cut at its logical end (a wrapped or cut reordered line showed an Arabic name's
    end first, or lost its beginning). :meth:`show` gives it new text; a refresh draws it in
    the display settings of the moment (F7, F8)."""

    DEFAULT_CSS = "DialogTitle { height: 1; }"

    def __init__(self, text: str | Text = "", *, id: str | None = None) -> None:
        super().__init__(classes="dialog-title", id=id)
        self.logical = text

    def show(self, text: str | Text) -> None:
        """Show ``text`` (in logical order)."""
        self.logical = text
        self.refresh(layout=True)

    def render(self) -> Text:
        bidi = getattr(self.app, "bidi", BidiDisplay())
        width = self.content_size.width
        return bidi.line(self.logical, width=width if width > 0 else None)
