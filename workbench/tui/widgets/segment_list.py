"""The segment list: a virtual scroll view that paints only the visible rows.

Rows come from a :class:`~workbench.tui.rows.SegmentRows` page cache; painted lines are cached
as strips. Nothing is built for rows that are never on screen (the pattern of toolong's
``LogLines``), so opening and moving stay fast on 100,000 segments.

Columns: number, status, flags (``!`` error findings, ``?`` warnings, ``~`` low alignment
confidence, :data:`LOCK_MARK` locked: approved work, edited only after an unlock,
:data:`PRESENCE_MARK` open by someone else now), the translation memory's marks (``101`` or
``100``: a context or exact match; :data:`REPEAT_MARK`: a repetition, its source occurs more
than once in the document; read for the painted rows together, a page at a time), the Arabic
source (right-aligned; reordered for display in ``app`` direction) and
the working English, both drawn through the app's :class:`~workbench.tui.display.BidiDisplay`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from workbench.tui import keys
from workbench.tui.display import BidiDisplay
from workbench.tui.rows import RowData, SegmentRows
from workbench.tui.widgets.panels import TypeThrough

STATUS_LABEL = {
    "new": "new",
    "draft": "draft",
    "translated": "done",
    "reviewed": "revwd",
    "approved": "apprv",
}
NUMBER_WIDTH = 6
STATUS_WIDTH = 5
FLAGS_WIDTH = 5  # finding, link, lock (two cells), presence
LOCK_MARK = "🔒"
"""The flag of a locked segment: an emoji of two cells (Rich and tmux agree)."""
PRESENCE_MARK = "@"
"""The flag of a segment someone else has open (their name is in the editor's title)."""
TM_WIDTH = 4  # "101" / "100", then the repetition mark
REPEAT_MARK = "="
"""The mark of a repetition (the same normalised source elsewhere in the document)."""
FIXED = NUMBER_WIDTH + 1 + STATUS_WIDTH + 1 + FLAGS_WIDTH + 1 + TM_WIDTH + 1
SEPARATOR = " │ "
TITLE_FRAME = 4  # the border's cells beside its title: a corner and a space each side


class _Requests:
    """Segments whose details (QA flags, TM marks) the list wants: collected while a frame is
    painted and asked for once after it, never twice until forgotten."""

    def __init__(self, widget: Widget, message: Callable[[list[int]], Message]) -> None:
        self.widget = widget
        self.message = message
        self.wanted: set[int] = set()
        self.requested: set[int] = set()

    def want(self, segment_id: int) -> None:
        if segment_id in self.requested:
            return
        if not self.wanted:
            self.widget.call_after_refresh(self._send)
        self.wanted.add(segment_id)

    def _send(self) -> None:
        ids, self.wanted = sorted(self.wanted), set()
        self.requested.update(ids)
        if ids:
            self.widget.post_message(self.message(ids))


class SegmentList(TypeThrough, ScrollView, can_focus=True):
    """A virtual list of segments with a cursor row."""

    DEFAULT_CSS = """
    SegmentList {
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
    }
    SegmentList > .segment-list--cursor { background: $primary 40%; text-style: bold; }
    SegmentList:focus > .segment-list--cursor { background: $primary 70%; }
    SegmentList > .segment-list--number { color: $text-muted; }
    SegmentList > .segment-list--status-new { color: $text-muted; }
    SegmentList > .segment-list--status-draft { color: $warning; }
    SegmentList > .segment-list--status-done { color: $success; }
    SegmentList > .segment-list--flag-error { color: $error; text-style: bold; }
    SegmentList > .segment-list--flag-warning { color: $warning; text-style: bold; }
    SegmentList > .segment-list--flag-link { color: $accent; text-style: bold; }
    SegmentList > .segment-list--flag-lock { color: $warning; }
    SegmentList > .segment-list--flag-presence { color: $accent; text-style: bold reverse; }
    SegmentList > .segment-list--separator { color: $text-muted; }
    SegmentList > .segment-list--tm { color: $success; text-style: bold; }
    SegmentList > .segment-list--repeat { color: $accent; text-style: bold; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "segment-list--cursor",
        "segment-list--number",
        "segment-list--status-new",
        "segment-list--status-draft",
        "segment-list--status-done",
        "segment-list--flag-error",
        "segment-list--flag-warning",
        "segment-list--flag-link",
        "segment-list--flag-lock",
        "segment-list--flag-presence",
        "segment-list--separator",
        "segment-list--tm",
        "segment-list--repeat",
    }
    BINDINGS = keys.bindings("list")

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Chosen(Message):
        """A row was chosen (clicked, or Enter pressed in the list)."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    class Highlighted(Message):
        """The cursor was moved with the list's own keys."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    class FlagsWanted(Message):
        """Painted rows whose finding flags are not known yet."""

        def __init__(self, ids: list[int]) -> None:
            self.ids = ids
            super().__init__()

    class TmWanted(Message):
        """Painted rows whose translation memory marks are not known yet."""

        def __init__(self, ids: list[int]) -> None:
            self.ids = ids
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tm_enabled = False
        self.tm_scores: dict[int, int] = {}  # segment id -> 101, 100 or 0 (neither)
        self.repeats: set[int] = set()  # segments whose source repeats in the document
        self._tm_known: set[int] = set()  # read since the memory last changed
        self._tm_requests = _Requests(self, self.TmWanted)
        self.rows: SegmentRows | None = None
        self.low_confidence = 0.5
        self.flags: dict[int, tuple[int, int]] = {}  # segment id -> (errors, warnings)
        self.flags_enabled = False
        self.others: dict[int, list[str]] = {}  # segment id -> who else has it open
        self._flag_requests = _Requests(self, self.FlagsWanted)
        self._strips: LRUCache[tuple[int, int, bool], Strip] = LRUCache(maxsize=512)
        self._title: Text | None = None  # before it is fitted to the border

    # content ---------------------------------------------------------------------------------

    def set_rows(self, rows: SegmentRows, cursor: int = 0) -> None:
        """Show ``rows`` with the cursor on ``cursor``."""
        self.rows = rows
        self.invalidate()
        self.virtual_size = Size(self.size.width, len(rows))
        self.set_reactive(SegmentList.cursor, max(0, min(cursor, len(rows) - 1)))
        self.scroll_to(y=0, animate=False, immediate=True)
        self.show_cursor(center=True)
        self.refresh()

    def invalidate(self) -> None:
        """Forget painted lines (after data or display settings changed)."""
        self._strips.clear()
        self.refresh()

    def refresh_row(self, index: int) -> None:
        """Repaint one row (its data changed)."""
        width = self._width()
        for is_cursor in (True, False):
            self._strips.discard((index, width, is_cursor))
        self.refresh_line(index)

    def _width(self) -> int:
        return self.scrollable_content_region.width or self.size.width

    @property
    def row_count(self) -> int:
        """Rows in the current view."""
        return 0 if self.rows is None else len(self.rows)

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self.virtual_size = Size(event.size.width, self.row_count)
        self.show_cursor()
        self.fit_title()

    def set_title(self, title: Text) -> None:
        """Show ``title`` (it may name an Arabic document) in the border, fitted to it."""
        self._title = title
        self.fit_title()

    def fit_title(self) -> None:
        """The title cut, at its logical end, to the border's width, then put in display
        order (cut after reordering, a long Arabic name lost its beginning)."""
        title = self._title
        if title is not None:
            bidi: BidiDisplay = getattr(self.app, "bidi", BidiDisplay())
            room = self.size.width - TITLE_FRAME
            self.border_title = bidi.line(title, width=room if room > 0 else None)

    # cursor ----------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self.show_cursor()

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.row_count - 1))

    def show_cursor(self, center: bool = False) -> None:
        """Scroll so the cursor row is visible."""
        if not self.row_count:
            return
        height = self.scrollable_content_region.height or self.size.height
        if center:
            self.scroll_to(y=max(0, self.cursor - height // 2), animate=False, immediate=True)
            return
        self.scroll_to_region(
            Region(0, self.cursor, 1, 1), animate=False, immediate=True, force=True
        )

    def _move(self, index: int) -> None:
        self.cursor = index
        self.post_message(self.Highlighted(self.cursor))

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_page_up(self) -> None:
        self._move(self.cursor - max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self._move(self.cursor + max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(self.row_count - 1)

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if 0 <= index < self.row_count:
            self.cursor = index
            self.post_message(self.Chosen(index))

    # painting --------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self._width()
        index = self.scroll_offset.y + y
        if self.rows is None or index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        key = (index, width, index == self.cursor)
        strip = self._strips.get(key)
        if strip is None:
            row = self.rows.row(index)
            strip = self._paint(row, width, index == self.cursor)
            self._strips[key] = strip
        return strip

    def _paint(self, row: RowData | None, width: int, is_cursor: bool) -> Strip:
        base = self.rich_style
        if row is None:
            return Strip.blank(width, base)
        cursor = self.get_component_rich_style("segment-list--cursor") if is_cursor else None

        def style(name: str | None = None) -> Style:
            s = base + self.get_component_rich_style(name) if name else base
            return s + cursor if cursor else s

        status = row.status
        status_class = {
            "new": "segment-list--status-new",
            "draft": "segment-list--status-draft",
        }.get(status, "segment-list--status-done")
        errors, warnings = self.flags.get(row.id, (0, 0))
        if self.flags_enabled and row.id not in self.flags:
            self._flag_requests.want(row.id)
        finding_flag = ("!", "segment-list--flag-error") if errors else (
            ("?", "segment-list--flag-warning") if warnings else (" ", None)
        )
        if self.tm_enabled and row.id not in self._tm_known:
            self._tm_requests.want(row.id)
        score = self.tm_scores.get(row.id, 0)
        low_link = row.low_link(self.low_confidence)
        link_flag = ("~", "segment-list--flag-link") if low_link else (" ", None)
        bidi: BidiDisplay = getattr(self.app, "bidi", BidiDisplay())
        rest = max(0, width - FIXED - len(SEPARATOR))
        ar_width = rest // 2
        en_width = rest - ar_width
        segments = [
            Segment(f"{row.position:>{NUMBER_WIDTH}} ", style("segment-list--number")),
            Segment(f"{STATUS_LABEL.get(status, status)[:STATUS_WIDTH]:<{STATUS_WIDTH}} ",
                    style(status_class)),
            Segment(finding_flag[0], style(finding_flag[1])),
            Segment(link_flag[0], style(link_flag[1])),
            Segment(LOCK_MARK if row.locked else "  ",
                    style("segment-list--flag-lock" if row.locked else None)),
            Segment(PRESENCE_MARK if row.id in self.others else " ",
                    style("segment-list--flag-presence" if row.id in self.others else None)),
            Segment(" ", style()),
            Segment(f"{score:>3}" if score else "   ", style("segment-list--tm")),
            Segment(REPEAT_MARK if row.id in self.repeats else " ",
                    style("segment-list--repeat")),
            Segment(" ", style()),
            Segment(bidi.fit_arabic(row.source, ar_width), style()),
            Segment(SEPARATOR, style("segment-list--separator")),
            Segment(bidi.fit_left(row.target, en_width), style())
            if not row.english_elsewhere else Segment(  # its English is its link's, elsewhere
                bidi.fit_left(f"↑ joined: its English is in #{row.joined_to}", en_width),
                style("segment-list--number"),
            ),
        ]
        strip = Strip(segments)
        return strip.adjust_cell_length(width, style())

    def set_tm(self, scores: dict[int, int], repeats: set[int] | None = None) -> None:
        """Record the translation memory marks of segments (101, 100 or 0) and, when given,
        every repetition of the document; repaint the rows that changed."""
        changed = {sid for sid, value in scores.items() if self.tm_scores.get(sid) != value}
        self.tm_scores.update(scores)
        self._tm_known.update(scores)
        self._tm_requests.requested.difference_update(scores)
        if repeats is not None and repeats != self.repeats:
            self.repeats = set(repeats)
            self.invalidate()  # thousands of rows may change: repaint what is shown
            return
        if self.rows is None:
            return
        for sid in changed:
            index = self.rows.index_of(sid)
            if index is not None:
                self.refresh_row(index)

    def forget_tm(self) -> None:
        """Drop the known 100/101 marks so the painted rows read them again (the memory
        changed); the marks stay shown until then."""
        self._tm_known.clear()
        self._tm_requests.requested.clear()
        self.invalidate()

    def set_flags(self, flags: dict[int, tuple[int, int]]) -> None:
        """Record finding counts (errors, warnings) of segments and repaint."""
        changed = [sid for sid, value in flags.items() if self.flags.get(sid) != value]
        self.flags.update(flags)
        self._flag_requests.requested.difference_update(flags)
        if self.rows is None:
            return
        for sid in changed:
            index = self.rows.index_of(sid)
            if index is not None:
                self.refresh_row(index)

    def set_others(self, others: dict[int, list[str]]) -> None:
        """Show who else has which segment open (segment id → names); repaint what moved."""
        changed = set(others) ^ set(self.others)
        changed |= {sid for sid in others if others[sid] != self.others.get(sid)}
        self.others = dict(others)
        if self.rows is None:
            return
        for sid in changed:
            index = self.rows.index_of(sid)
            if index is not None:
                self.refresh_row(index)

    def forget_flags(self) -> None:
        """Drop every known flag so they are computed again."""
        self.flags.clear()
        self._flag_requests.requested.clear()
