"""The Matches panel: the open segment's best translation-memory matches
(``project.tm.segment_matches``), numbered, best first.

Each match is a heading (number, score, origin, author and date), the match's Arabic with its
differences from the open segment highlighted (``TmMatch.diff``: words only in the match or
changed in yellow, words of the segment the match lacks struck out in red) and the English it
offers (numbers substituted when only they differ). Every match is one block the panel's
cursor can rest on (Up/Down while the panel has the focus); Enter or a digit posts
:class:`MatchesPanel.Insert`, which the editor turns into ``project.tm.insert_match``. Arabic
is drawn through the app's bidi display, like every Arabic text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.strip import Strip

from workbench.tui import keys
from workbench.tui.display import isolate
from workbench.tui.widgets.panels import TextPanel, TypeThrough, highlight

CHANGED_STYLE = Style(color="black", bgcolor="#e5c07b")
"""Words of the match that the open segment does not have (inserted or changed)."""
MISSING_STYLE = Style(color="#e06c75", strike=True)
"""Words of the open segment that the match lacks."""
CURSOR_STYLE = Style(bgcolor="#2c5d8a", bold=True)


def score_style(score: int) -> str:
    """The colour of a score: exact and context matches green, same words cyan, else yellow."""
    if score >= 100:
        return "bold green"
    return "bold cyan" if score >= 95 else "bold yellow"


def diff_text(match: Any) -> tuple[str, list[tuple[int, int, Style]]]:
    """The match's Arabic as shown, with the spans to highlight: its source as written, the
    words the open segment lacks (``insert``, ``change``) marked, and the segment's words the
    match lacks (``delete``) put in, struck out, where they would be."""
    source: str = match.source
    out: list[str] = []
    spans: list[tuple[int, int, Style]] = []
    pos = length = 0
    need_space = False  # after a word put in: a space before what follows

    def put(text: str, style: Style | None = None) -> None:
        nonlocal length, need_space
        if not text:
            return
        if need_space and not text[0].isspace():
            out.append(" ")
            length += 1
        need_space = False
        if style is not None:
            spans.append((length, length + len(text), style))
        out.append(text)
        length += len(text)

    for op in match.diff:
        if op.op == "delete":
            need_space = bool(out) and not "".join(out)[-1:].isspace()
            put(op.query, MISSING_STYLE)
            need_space = True
            continue
        start = source.find(op.match, pos) if op.match else -1
        if start < 0:  # the diff does not follow the source: show the source plainly
            return source, []
        put(source[pos:start])
        put(op.match, None if op.op == "equal" else CHANGED_STYLE)
        pos = start + len(op.match)
    put(source[pos:])
    return "".join(out), spans


class MatchesPanel(TypeThrough, TextPanel, can_focus=True):
    """The translation-memory matches of the open segment; a match cursor."""

    BINDINGS = keys.bindings("matches")

    class Insert(Message):
        """Replace the English with match ``number`` (1-based)."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    class Back(Message):
        """Back to the English (Escape)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.matches: list[Any] = []
        self.note = ""
        self.cursor = 0
        self.best: int | None = None

    def set_best(self, score: int | None) -> None:
        """Title the panel with the best match's score (None: no match)."""
        self.best = score
        self.border_title = self._title()

    def _title(self) -> str:
        """``Matches · best 100%``, or ``Matches · 100%`` where the border is too narrow for
        it (cut, it read ``Matches · best 10…``: a 10% match)."""
        if self.best is None:
            return "Matches"
        title = f"Matches · best {self.best}%"
        room = self.size.width - 6  # the corners, the rules and the spaces around the title
        return title if self.size.width == 0 or len(title) <= room else f"Matches · {self.best}%"

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
        self.border_title = self._title()

    def show_matches(self, matches: Sequence[Any], note: str = "") -> None:
        """Show ``matches`` (TmMatch, best first) with the cursor on the first."""
        self.matches = list(matches)
        self.note = note
        self.cursor = 0
        self.redraw()
        if self._laid_width > 0:
            self.scroll_to(y=0, animate=False, immediate=True)

    def redraw(self) -> None:
        """Build one block per match and lay them out."""
        bidi = self.bidi
        blocks: list[tuple[RenderableType, int | None]] = []
        if self.note:
            blocks.append((Text(self.note, style="dim italic"), None))
        elif not self.matches:
            blocks.append((Text("No translation memory match.", style="dim"), None))
        for index, match in enumerate(self.matches):
            when = (match.date or "")[:10]
            head = Text.assemble(
                (f"{index + 1} ", "bold"), (f"{match.score}%", score_style(match.score)),
                " ", isolate(match.origin, "italic"),
                (f" · {match.author}" if match.author else "", "dim"),
                (f" {when}" if when else "", "dim"),
                (" · numbers substituted" if match.substituted is not None else "", "dim"),
            )
            arabic, spans = diff_text(match)
            blocks.append((Group(
                bidi.text(head, right_align_rtl=False),
                bidi.arabic(arabic, spans),
                bidi.text(match.text, right_align_rtl=False),
            ), index))
        self._blocks = blocks
        self.cursor = min(self.cursor, max(0, len(self.matches) - 1))
        self._lay_out()

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if self.has_focus and self.matches and self._ranges:
            first, _end = self._ranges[self.cursor]
            if self.scroll_offset.y + y == first:  # the match's heading
                strip = highlight(strip, CURSOR_STYLE)
        return strip

    # the cursor ------------------------------------------------------------------------------

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_cursor(self, step: int) -> None:
        """Move the cursor ``step`` matches (kept in view)."""
        if not self.matches:
            return
        self.cursor = max(0, min(len(self.matches) - 1, self.cursor + step))
        first, end = self._ranges[self.cursor] if self._ranges else (0, 0)
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if first < top or end > top + height:
            self.scroll_to(y=first, animate=False)
        self.refresh()

    def action_insert(self) -> None:
        """Replace the English with the match under the cursor."""
        if self.matches:
            self.post_message(self.Insert(self.cursor + 1))

    def action_pick(self, number: int) -> None:
        """Replace the English with match ``number``."""
        self.post_message(self.Insert(number))

    def action_back(self) -> None:
        """Back to the English."""
        self.post_message(self.Back())
