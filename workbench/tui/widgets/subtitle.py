"""Key hints in a panel's bottom border that fit it: Textual cuts a border subtitle too long
for its border with "…", mid-word ("Shift+F5: choose · Ctrl+F…" in an 80-column terminal)."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events

SUBTITLE_FRAME = 6
"""Cells of a border around its subtitle: the corners, a rule on each side and a space."""


class FittedSubtitle:
    """Mixin for a widget whose border subtitle is given as variants, most complete first: it
    shows the first that fits its width (else the last), chosen again at each resize."""

    _subtitles: tuple[str, ...] = ()

    def set_subtitles(self, *variants: str) -> None:
        """Show the first of ``variants`` that fits the border (each a complete hint)."""
        self._subtitles = variants
        self.fit_subtitle()

    def fit_subtitle(self) -> None:
        """Show the variant that fits the border's width now."""
        variants = self._subtitles
        if not variants:
            return
        width = self.outer_size.width  # type: ignore[attr-defined]
        room = width - SUBTITLE_FRAME
        self.border_subtitle = next(  # type: ignore[attr-defined]
            (v for v in variants if width == 0 or cell_len(v) <= room), variants[-1])

    def on_resize(self, event: events.Resize) -> None:
        self.fit_subtitle()
