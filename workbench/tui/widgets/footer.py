"""The footer of keys, each shown whole or not at all: Textual's footer cuts the key that
reaches the command palette's key ("e LQA erro" in the reviewer at 80 columns, "^q Qu" in the
editor at 60). The keys left out are in Help (F1), whose key is always shown, and the command
palette (Ctrl+P). Under a dialog the footer is blank (:class:`FooterScreen`)."""

from __future__ import annotations

from typing import Any, cast

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def key_width(key: FooterKey) -> int:
    """Cells a key takes in a compact footer: its key, a space and its description, and the
    margin after it (the command palette's key: its rule before it, and a space after)."""
    label = cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0)
    return label + (2 if key.has_class("-command-palette") else 1)


class FittedFooter(Footer):
    """A compact footer that leaves out, from the end, the keys it has no room for. Where
    some are left out, the command palette's key goes without its label (``^p``), and Help's
    key (the app's ``help`` action) is kept whatever the width, its room set aside first: on
    a narrow terminal it is the way to every key left out."""

    KEPT_ACTIONS = frozenset({"help"})

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._fitted_width = 0
        self._composed: tuple[object, ...] | None = None  # what the keys shown were made of
        self._palette_label = ""  # the command palette key's ("Commands")

    def _shown(self) -> tuple[object, ...]:
        """What :meth:`compose` makes the keys of: the screen's active bindings shown and
        the command palette's (each one's key, as shown, description, action and whether it
        is enabled)."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, self.app.get_key_display(binding), binding.description, binding.action,
             enabled)
            for key, (_node, binding, enabled, _tip) in self.screen.active_bindings.items()
            if binding.show or key == palette)

    async def recompose(self) -> None:
        """Make the keys again, unless they would be the same: Textual's footer makes them
        again at every change of the focus or the bindings (nine times as the scores screen
        opened), each time styling every key anew."""
        if self._composed is not None and self.children and self._shown() == self._composed:
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        self._composed = self._shown() if widgets else None
        keys = [w for w in widgets if isinstance(w, FooterKey)]
        self._palette_label = next(
            (k.description for k in keys if k.has_class("-command-palette")), "")
        if len(keys) == len(widgets):  # no group of keys (none here): fitted
            self._fit(keys, self.size.width)
        yield from widgets

    def _fit(self, keys: list[FooterKey], width: int) -> None:
        """Show the keys that fit ``width`` cells (none left out before it is known)."""
        self._fitted_width = width
        if not width:
            return
        palette = [k for k in keys if k.has_class("-command-palette")]
        for key in palette:  # its label, and without it where not all the keys fit
            key.description = self._palette_label
            if sum(key_width(k) for k in keys) > width + 1:
                key.description = ""
            key.refresh(layout=True)
        kept = palette + [k for k in keys if k.action in self.KEPT_ACTIONS]
        room = width - sum(key_width(k) for k in kept)
        for key in keys:
            if key not in kept:
                room -= key_width(key)
                key.display = room >= -1  # the last one's margin may go under the palette

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._fitted_width:
            self._fit(list(self.query_children(FooterKey)), event.size.width)


class FooterScreen:
    """For screens with a :class:`FittedFooter`: while a dialog (or another screen) covers
    the screen, its footer is blank, as its keys do nothing there (the dialog says its own);
    its row is kept, so nothing beneath moves."""

    def on_screen_suspend(self) -> None:
        self._show_footer(False)

    def on_screen_resume(self) -> None:
        self._show_footer(True)

    def _show_footer(self, shown: bool) -> None:
        for footer in cast("Screen[Any]", self).query(FittedFooter):
            footer.visible = shown
