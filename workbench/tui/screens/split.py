"""The split dialog: choose where a segment's Arabic is cut (word by word) and whether its
English is cut at the editor's cursor; the result is applied with ``project.split_segment``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from workbench.tui import keys
from workbench.tui.guard import KeepsAnswering

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp
    from workbench.tui.widgets.arabic import ArabicText

_SPACE = re.compile(r"\s+")
PART_LINES = 4  # the Arabic lines each part's box shows
ELIDED = "…"
_SENTENCE_END = (".", "!", "?", "؟", "؛", ":")
_CLAUSE_END = (*_SENTENCE_END, "…", "،", ",")


def cut_points(source: str) -> list[int]:
    """The offsets where ``source`` can be cut: the start of every inner run of spaces."""
    stripped_end = len(source.rstrip())
    return [m.start() for m in _SPACE.finditer(source) if 0 < m.start() < stripped_end]


def default_cut(source: str, points: list[int], share: float | None = None) -> int:
    """The cut to propose: nearest to ``share`` of the text when given, else after the first
    word that ends a sentence or clause, else the middle."""
    if not points:
        return -1
    if share is not None:
        target = share * len(source)
        return min(range(len(points)), key=lambda i: abs(points[i] - target))
    for i, offset in enumerate(points):
        if source[:offset].rstrip().endswith(_SENTENCE_END):
            return i
    for i, offset in enumerate(points):
        if source[:offset].rstrip().endswith(_CLAUSE_END):
            return i
    return len(points) // 2


class LastLines:
    """The last ``count`` lines of a renderable as laid out, the first of them an ellipsis
    when lines were left out: the end of a long first part, where the cut is."""

    def __init__(self, renderable: RenderableType, count: int) -> None:
        self.renderable = renderable
        self.count = count

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        count = max(1, min(self.count, options.height or self.count))  # a short screen: fewer
        whole = options.update(height=None)  # laid out whole, not cut to the box first
        lines = console.render_lines(self.renderable, whole, pad=False, new_lines=False)
        if len(lines) > count:
            width = options.max_width
            lines = [[Segment(ELIDED.rjust(width))], *lines[len(lines) - count + 1:]]
        for line in lines:  # each line ends with a newline: Textual counts them for the height
            yield from line
            yield Segment.line()


@dataclass(frozen=True)
class SplitChoice:
    """Where to split: the Arabic offset and the English offset (None: English stays first)."""

    offset: int
    english_offset: int | None


class SplitScreen(KeepsAnswering, ModalScreen[SplitChoice | None]):
    """Choose the cut of a segment: Left/Right move it by a word, E toggles the English cut."""

    KEY_SCOPE = "split"
    BINDINGS = keys.bindings("split")

    DEFAULT_CSS = f"""
    SplitScreen .split-part {{ height: auto; max-height: {PART_LINES + 2};
                              border: round $panel-lighten-2; padding: 0 1; }}
    """

    def __init__(self, position: int, source: str, english: str, cursor: int | None) -> None:
        super().__init__()
        self.position = position
        self.source = source
        self.english = english
        self.points = cut_points(source)
        inside = cursor is not None and 0 < cursor < len(english.rstrip())
        self.english_cursor = cursor if inside else None
        self.split_english = inside
        share = cursor / max(1, len(english)) if inside and cursor is not None else None
        self.index = default_cut(source, self.points, share)

    @property
    def wb(self) -> WorkbenchApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Split segment {self.position}", classes="dialog-title")
            yield Static("", id="split-first", classes="split-part")
            yield Static("", id="split-second", classes="split-part")
            yield Static("", id="split-english")
            yield Label(keys.hint(self.wb.keymap(), "split_later", "split_earlier",
                                  "split_english",
                                  "split_apply", "split_cancel"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#split-first").border_title = "first segment"
        self.query_one("#split-second").border_title = "new segment"
        self.redraw()

    def choice(self) -> SplitChoice | None:
        """The split as chosen now."""
        if not self.points:
            return None
        english = self.english_cursor if self.split_english else None
        return SplitChoice(self.points[self.index], english)

    def _arabic(self, text: str) -> ArabicText:
        return self.wb.bidi.arabic(text)

    def apply_display(self) -> None:
        """Draw again with the app's display settings."""
        self.redraw()

    def redraw(self) -> None:
        """Show both parts as they would be."""
        choice = self.choice()
        if choice is None:
            self.query_one("#split-first", Static).update(self._arabic(self.source))
            self.query_one("#split-english", Static).update(
                Text("This segment is a single word: it cannot be split.", style="bold red")
            )
            return
        first, second = self.source[: choice.offset], self.source[choice.offset :].lstrip()
        # the first part's end and the new part's start: the two sides of the cut
        self.query_one("#split-first", Static).update(LastLines(self._arabic(first), PART_LINES))
        self.query_one("#split-second", Static).update(self._arabic(second))
        if choice.english_offset is None:
            note = Text.assemble(("English: ", "bold"), "stays with the first segment",
                                 ("" if self.english_cursor is None else " (E: cut at cursor)"))
        else:
            cut = choice.english_offset
            note = Text.assemble(
                ("English: ", "bold"), self.english[:cut].rstrip(), (" ✂ ", "bold red"),
                self.english[cut:].lstrip(),
            )
        self.query_one("#split-english", Static).update(
            self.wb.bidi.text(note, right_align_rtl=False)
        )

    def action_move(self, step: int) -> None:
        """Move the cut by ``step`` words (in reading order)."""
        if self.points:
            self.index = max(0, min(len(self.points) - 1, self.index + step))
            self.redraw()

    def action_toggle_english(self) -> None:
        """Cut the English at the editor's cursor, or keep it whole with the first part."""
        if self.english_cursor is None:
            self.notify("Put the editor's cursor inside the English to cut it there.")
            return
        self.split_english = not self.split_english
        self.redraw()

    def action_apply(self) -> None:
        """Split as shown."""
        choice = self.choice()
        if choice is None:
            self.notify("Nothing to split.", severity="warning")
            return
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
