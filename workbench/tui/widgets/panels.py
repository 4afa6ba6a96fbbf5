"""The panels beside the editor: the Arabic source, the glossary terms of the segment, its QA
findings and its reference translation.

The Arabic panel can take the focus (Shift+Tab from the English): a word cursor then moves
word by word (Left is the next word: Arabic runs right to left) and the dictionary key looks
the word up. Its inline tags are drawn as chips; what each tag stands for is listed below the
text (``project.sources.segment_tags``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from workbench.text.tags import mask_tags
from workbench.tui import keys
from workbench.tui.display import BidiDisplay, finding_text, isolate
from workbench.tui.widgets.subtitle import FittedSubtitle

TERM_STYLE = Style(color="black", bgcolor="#e5c07b", bold=True)
TERM_PROBLEM_STYLE = Style(color="white", bgcolor="#be5046", bold=True)
DICTIONARY_STYLE = Style(color="black", bgcolor="#98c379")
"""An Arabic word whose dictionary sense is selected in the Dictionary panel."""
WORD_CURSOR_STYLE = Style(reverse=True, bold=True, underline=True)
"""The Arabic panel's word cursor (while it has the focus)."""
_ARABIC_WORD = re.compile(r"[\w\u0640\u064B-\u065F\u0670]+")
SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "cyan"}
SEVERITY_MARK = {"error": "✗", "warning": "!", "info": "i"}
PENDING = Text("…", style="dim italic")
"""What a panel shows while its part of the open segment is being read."""


def highlight(strip: Strip, style: Style) -> Strip:
    """``strip`` with ``style`` over its own styles: a cursor line's background shows
    (``Strip.apply_style`` puts a style under the segments', whose background then wins)."""
    return Strip(Segment.apply_style(list(strip), post_style=style), strip.cell_length)


class TypedAway(Message):
    """A printable key reached a read-only panel that does not bind it: it belongs to the
    English (a click gave the panel the focus, and the translator typed on)."""

    def __init__(self, key: str, character: str) -> None:
        super().__init__()
        self.key = key
        self.character = character


class TypeThrough:
    """For read-only panels that can take the focus: a printable key that no binding of the
    panel, its screen or the app takes is posted on as :class:`TypedAway`, not dropped."""

    screen: Any

    def on_key(self, event: events.Key) -> None:
        if not (event.is_printable and event.character):
            return
        # the bindings of the focused panel up to the app, as the keymap remaps them (a
        # Textual without this private chain: the key is left to the panel, as before)
        chain = getattr(self.screen, "_binding_chain", None)
        if chain is None or any(event.key in bindings.key_to_bindings
                                for _node, bindings in chain):
            return
        event.stop()
        event.prevent_default()
        self.post_message(TypedAway(event.key, event.character))  # type: ignore[attr-defined]


class TextPanel(FittedSubtitle, ScrollView, can_focus=False):
    """A read-only panel that lays its content out to its width once and then only paints.

    Changing the content never asks the screen for a new layout (the panel's size is set by
    CSS), which keeps moving from segment to segment cheap. The content is laid out again
    whenever the width it is painted at changes (a resized terminal): Arabic lines are wrapped
    and reordered for the new width, never cropped. The scrollbar's column is always kept, so
    a scrollbar appearing never narrows laid-out lines.
    """

    DEFAULT_CSS = """
    TextPanel {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content: RenderableType = ""
        self._lines: list[Strip] = []
        self._laid_width = -1
        #: For panels of items a cursor moves over (senses, matches): the renderables to lay
        #: out, each with the index of the item it shows (or None), and the lines of each item.
        self._blocks: list[tuple[RenderableType, int | None]] = []
        self._ranges: list[tuple[int, int]] = []
        self.pending = False  # its content is being read (see pend)

    @property
    def bidi(self) -> BidiDisplay:
        """The app's display settings (how Arabic is drawn)."""
        return getattr(self.app, "bidi", BidiDisplay())

    def pend(self) -> None:
        """A new segment is open and this panel's part of it is being read: show "…" (not the
        last segment's content) until the panel is shown again."""
        self.pending = True
        self.redraw()

    def set_content(self, content: RenderableType) -> None:
        """Show ``content`` (a Rich renderable) from its top."""
        self._content = content
        self._lay_out()
        if self._laid_width > 0:
            self.scroll_to(y=0, animate=False, immediate=True)

    def redraw(self) -> None:
        """Lay the content out again (after a display setting changed)."""
        self._lay_out()

    def _show_pending(self) -> bool:
        """Show "…" when the content is being read (True), for the panels' redraw."""
        if self.pending:
            self.set_content(PENDING)
        return self.pending

    def _lay_out(self) -> None:
        """Render the content to the width the panel paints at now."""
        width = self.scrollable_content_region.width
        if width <= 0:
            self._laid_width = -1
            return
        console = self.app.console
        options = console.options.update_width(width).update(highlight=False, height=None)
        lines: list[Strip] = []
        blocks = self._blocks or [(self._content, None)]
        ranges = [(0, 0)] * (1 + max((i for _, i in blocks if i is not None), default=-1))
        for renderable, index in blocks:
            first = len(lines)
            for line in console.render_lines(renderable, options, pad=False, new_lines=False):
                lines.append(Strip(Segment.adjust_line_length(line, width), width))
            if index is not None:
                ranges[index] = (first, len(lines))
        self._lines = lines
        self._ranges = ranges
        self._laid_width = width
        size = Size(width, len(self._lines))
        if size != self.virtual_size:
            # Not through the reactive (it asks the whole screen for a layout): the panel's
            # own size is fixed by CSS; only its scrollbar needs to know.
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._laid_width:
            self._lay_out()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._laid_width and width > 0:
            self._lay_out()  # painted at another width than laid out at: wrap again
        index = self.scroll_offset.y + y
        if 0 <= index < len(self._lines):
            line = self._lines[index]
            if line.cell_length != width:
                line = line.adjust_cell_length(width)
            return line.apply_style(self.rich_style)
        return Strip.blank(width, self.rich_style)


def source_words(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the words of an Arabic text (tags and punctuation left out;
    diacritics and tatweel belong to their word)."""
    return [m.span() for m in _ARABIC_WORD.finditer(mask_tags(text))
            if not m.group().isdigit() and "_" not in m.group()]


class SourceView(TypeThrough, TextPanel, can_focus=True):
    """The open segment's Arabic source, read-only, glossary terms highlighted; with the
    focus, a word cursor for dictionary look-ups."""

    BINDINGS = keys.bindings("source")

    class LookUp(Message):
        """The word under the cursor is to be looked up (Enter)."""

        def __init__(self, word: str) -> None:
            super().__init__()
            self.word = word

    class Back(Message):
        """Back to the English (Escape)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.spans: list[tuple[int, int, Style | str]] = []
        self.marked: list[tuple[int, int, Style | str]] = []  # e.g. a dictionary word
        self.words: list[tuple[int, int]] = []
        self.word_index = 0
        self.tag_lines: list[tuple[str, str]] = []  # (placeholder, what it stands for)

    def show(self, text: str, spans: Sequence[tuple[int, int, Style | str]] = ()) -> None:
        """Show ``text`` with highlighted (start, end, style) spans of the original text."""
        if text != self.text:
            self.words = source_words(text)
            self.word_index = 0
            self.marked = []
            self.tag_lines = []
            self.scroll_to(y=0, animate=False, immediate=True)  # a new text: from its top
        self.text = text
        self.spans = list(spans)
        self.redraw()

    def mark(self, spans: Sequence[tuple[int, int, Style | str]]) -> None:
        """Highlight these spans too (over the terms), e.g. the word of a dictionary sense."""
        self.marked = list(spans)
        self.redraw()

    def show_tags(self, lines: Sequence[tuple[str, str]]) -> None:
        """List what the segment's tags stand for below the text: (placeholder, meaning)."""
        self.tag_lines = list(lines)
        self.tooltip = "\n".join(f"{tag} {what}" for tag, what in lines) or None
        self.redraw()

    def redraw(self) -> None:
        """Lay the text out again (after a display setting changed)."""
        spans = [*self.spans, *self.marked]
        word = self.current_word_span()
        if word is not None and self.has_focus:
            spans.append((*word, WORD_CURSOR_STYLE))
        else:
            word = self.marked[0][:2] if self.marked else None
        arabic = self.bidi.arabic(self.text, spans)
        top = self.scroll_offset.y
        if not self.tag_lines:
            self.set_content(arabic)
        else:
            legend = Text.assemble(*[
                part for tag, what in self.tag_lines
                for part in ((tag, "bold"), " ", isolate(what or "—"), "  ")
            ], style="dim")
            self.set_content(Group(arabic, self.bidi.text(legend, right_align_rtl=False)))
        if word is not None:
            self._show_line(arabic.line_of(word[0], self._laid_width), top)
        elif self._laid_width > 0:  # the same text shown again: where it was read
            self.scroll_to(y=top, animate=False, immediate=True)

    def _show_line(self, line: int, top: int) -> None:
        """Scroll as little as possible from ``top`` so that ``line`` is in view (the word
        cursor, or the word of a dictionary sense, in a long segment)."""
        height = self.scrollable_content_region.height
        if self._laid_width > 0 and height > 0:
            y = min(max(top, line - height + 1), line)
            self.scroll_to(y=y, animate=False, immediate=True)

    # the word cursor -------------------------------------------------------------------------

    def current_word_span(self) -> tuple[int, int] | None:
        """The (start, end) of the word under the cursor, or None (no words)."""
        if not self.words:
            return None
        return self.words[min(self.word_index, len(self.words) - 1)]

    def current_word(self) -> str:
        """The word under the cursor ('' when the text has none)."""
        span = self.current_word_span()
        return self.text[span[0]:span[1]] if span else ""

    def on_focus(self) -> None:
        self.redraw()

    def on_blur(self) -> None:
        self.redraw()

    def action_move(self, step: int) -> None:
        """Move the word cursor ``step`` words on (in reading order)."""
        if self.words:
            self.word_index = max(0, min(len(self.words) - 1, self.word_index + step))
            self.redraw()

    def action_first(self) -> None:
        """To the first word."""
        self.word_index = 0
        self.redraw()

    def action_last(self) -> None:
        """To the last word."""
        self.word_index = max(0, len(self.words) - 1)
        self.redraw()

    def action_lookup(self) -> None:
        """Ask for the word under the cursor to be looked up."""
        word = self.current_word()
        if word:
            self.post_message(self.LookUp(word))

    def action_back(self) -> None:
        """Back to the English."""
        self.post_message(self.Back())


@dataclass(frozen=True)
class TermLine:
    """One glossary entry of a term found in the segment."""

    number: int
    term: str
    rendering: str
    forbidden: tuple[str, ...]
    comment: str
    problem: str | None  # e.g. "missing", "forbidden" when a finding names this term
    rendered: bool = False  # the English holds the rendering


TERM_MARKS = {
    "problem": (" ✗ ", "bold red"),  # a finding names the term
    "rendered": (" ✓ ", "bold green"),  # the English holds the rendering
    "open": (" · ", "dim"),  # not rendered yet (e.g. no English), no finding
}


def term_mark(line: TermLine) -> str:
    """Which mark a glossary entry gets: 'problem', 'rendered' or 'open'."""
    if line.problem is not None:
        return "problem"
    return "rendered" if line.rendered else "open"


class GlossaryPanel(TextPanel):
    """The glossary entries of the terms found in the open segment, numbered for insertion:
    ✓ rendered in the English, ✗ a finding names the term, · not rendered yet."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[TermLine] = []

    def show(self, lines: Sequence[TermLine]) -> None:
        """Show the entries."""
        self.lines = list(lines)
        self.pending = False
        self.redraw()

    def redraw(self) -> None:
        """Paint again (after a display setting changed)."""
        if self._show_pending():
            return
        if not self.lines:
            self.set_content(Text("No glossary terms in this segment.", style="dim"))
            return
        bidi = self.bidi
        parts: list[RenderableType] = []
        for line in self.lines:
            mark = TERM_MARKS[term_mark(line)]
            head = Text.assemble((f"{line.number}", "bold"), mark)
            # an Arabic term with a Latin letter or word; a rendering that wraps hangs under
            # its own start, a term that wraps under the term's
            lead = Text.assemble(isolate(line.term, TERM_STYLE), " → ")
            parts.append(bidi.hanging(lead, Text(line.rendering, style="bold"), head))
            if line.forbidden:  # indented whole: the lines it wraps to too
                parts.append(Padding(bidi.text("not: " + "; ".join(line.forbidden),
                                               style="red"), (0, 0, 0, 4)))
            if line.comment:
                parts.append(Padding(bidi.text(line.comment, style="dim italic", base="auto"),
                                     (0, 0, 0, 4)))
        self.set_content(Group(*parts))


class FindingsPanel(TextPanel):
    """The QA findings of the open segment."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Any] = []

    def show(self, findings: Sequence[Any]) -> None:
        """Show findings (objects with severity, check, message)."""
        self.findings = list(findings)
        self.pending = False
        self.redraw()

    def redraw(self) -> None:
        """Paint again (after a display setting changed)."""
        if self._show_pending():
            return
        if not self.findings:
            self.set_content(Text("✓ No findings.", style="green"))
            return
        parts: list[RenderableType] = []
        for finding in distinct_findings(self.findings):
            severity = getattr(finding, "severity", "info")
            overridden = bool(getattr(finding, "overridden", False))
            style = "dim" if overridden else SEVERITY_STYLE.get(severity, "")
            parts.append(self.bidi.hanging(  # a finding that wraps hangs under its start
                Text(f"{SEVERITY_MARK.get(severity, '·')} ", style=style),
                finding_text(
                    finding,
                    (f"{finding.check}: ", "bold" if not overridden else "dim"),
                    (finding.message, "dim" if overridden else ""),
                    (" (overridden)" if overridden else "", "dim italic"),
                ),
            ))
        self.set_content(Group(*parts))


def distinct_findings(findings: Sequence[Any]) -> list[Any]:
    """The findings to show, once per line: a term left out twice is two findings (one per
    occurrence, each with its span) with the same message ("0 of 2 occurrences rendered")."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for f in findings:
        key = (getattr(f, "severity", ""), f.check, f.message, getattr(f, "overridden", False))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


class ReferencePanel(TextPanel):
    """The reference translation of the open segment, with its alignment confidence."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text: str | None = None

    def show(self, text: str | None, confidence: float | None, low: float) -> None:
        """Show the reference English (None: no reference for this segment)."""
        self.text = text
        self.pending = False
        self.redraw()
        if confidence is None:
            self.border_subtitle = ""
        else:
            flag = " low" if confidence < low else ""
            self.border_subtitle = f"link confidence {confidence:.2f}{flag}"

    def redraw(self) -> None:
        """Paint again (after a display setting changed)."""
        text = self.text
        if self._show_pending():
            self.border_subtitle = ""
        elif text is None:
            self.set_content(Text("No reference translation for this segment.", style="dim"))
        else:
            self.set_content(self.bidi.text(text, right_align_rtl=False))
