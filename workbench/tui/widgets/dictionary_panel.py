"""The Dictionary panel: the open segment's words found in the project's dictionaries (longest
headwords first, through clitics: ``project.dictionaries.find_in_segment``), and the entries
of the last look-up (the word at the cursor: ``project.dictionaries.lookup_entries``).

Every sense is one line that the panel's cursor can rest on (Up/Down while the panel has the
focus); Enter posts :class:`DictionaryPanel.Insert` with the sense, which the editor inserts at
the English cursor. Moving the cursor posts :class:`DictionaryPanel.Selected`, so the editor
can mark the Arabic word the sense belongs to. An entry's usage examples (DSL ``[ex]``, XDXF
``<ex>``, TEI ``cit type="example"``) are shown under its senses, dimmed, and are not senses.
Headwords and Arabic words are drawn through the app's bidi display, like every Arabic text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.strip import Strip

from workbench.tui import keys
from workbench.tui.display import BidiDisplay, isolate
from workbench.tui.widgets.panels import TextPanel, TypeThrough, highlight

HEADWORD_STYLE = Style(bold=True, color="#e5c07b")
CURSOR_STYLE = Style(bgcolor="#3e4451", bold=True)
FOCUSED_CURSOR_STYLE = Style(bgcolor="#2c5d8a", bold=True)
MAX_EXAMPLES = 6  # an entry's usage examples shown under its senses


@dataclass(frozen=True)
class Sense:
    """One sense a translator can insert: its text, the entry's headword and dictionary, and
    the span of the Arabic word it was found for (None for a look-up)."""

    text: str
    headword: str
    dictionary: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class LookupResult:
    """What a look-up found: the query and its entries (``DictEntry``-like objects); when
    there are none, the entries of related headwords (the same consonants)."""

    query: str
    entries: tuple[Any, ...]
    related: tuple[Any, ...] = ()


class SeparatorsWrapped:
    """A line (drawn through ``bidi``, as every line of the panel) whose words too long for
    the width (a file's path: the hint names an installed dictionary's,
    ``/usr/share/dictd/freedict-ara-eng.index``) wrap after a ``/`` or ``-`` of theirs, not
    wherever the width ends (``freedict-a`` / ``ra-eng``)."""

    def __init__(self, text: str, style: str, bidi: BidiDisplay) -> None:
        self.text, self.style, self.bidi = text, style, bidi

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        broken = " ".join(_broken(word, width) for word in self.text.split(" "))
        yield self.bidi.text(Text(broken, style=self.style), right_align_rtl=False)


def _broken(word: str, width: int) -> str:
    """``word`` cut into lines of at most ``width`` cells after its ``/`` (its folders), else
    also after its ``-``: as it is when it fits, or has nowhere to be cut."""
    if len(word) <= width:
        return word
    for separators in (r"/", r"/-"):
        pieces = re.findall(rf"[^{separators}]*[{separators}]|[^{separators}]+", word)
        if all(len(piece) <= width for piece in pieces):
            break
    lines = [""]
    for piece in pieces:
        if lines[-1] and len(lines[-1]) + len(piece) > width:
            lines.append("")
        lines[-1] += piece
    return "\n".join(lines)


def by_span(matches: Sequence[Any]) -> list[tuple[tuple[int, int], str, list[Any]]]:
    """The matches grouped by the span of the text they were found for (one word read as
    several headwords gives one group), in their order; each entry once."""
    groups: dict[tuple[int, int], tuple[str, list[Any]]] = {}
    for match in matches:
        _text, found = groups.setdefault((match.start, match.end), (match.text, []))
        for entry in match.entries:
            if entry not in found:
                found.append(entry)
    return [(span, text, found) for span, (text, found) in groups.items()]


class DictionaryPanel(TypeThrough, TextPanel, can_focus=True):
    """The dictionary entries of the open segment and of the last look-up; a sense cursor."""

    BINDINGS = keys.bindings("dictionary")

    class Selected(Message):
        """The cursor moved to ``sense`` (None: no sense)."""

        def __init__(self, sense: Sense | None) -> None:
            super().__init__()
            self.sense = sense

    class Insert(Message):
        """Insert ``sense`` into the English (Enter)."""

        def __init__(self, sense: Sense) -> None:
            super().__init__()
            self.sense = sense

    class Back(Message):
        """Back to the English (Escape)."""

    class TypeWord(Message):
        """Type a word to look up (/)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.matches: list[Any] = []  # TextMatch of the segment, longest first
        self.lookup: LookupResult | None = None
        self.note = ""  # e.g. no dictionaries in the project; looking up…
        self.senses: list[Sense] = []
        self.cursor = 0

    # content ---------------------------------------------------------------------------------

    def show_matches(
        self, matches: Sequence[Any], note: str = "", *, keep_lookup: bool = False
    ) -> None:
        """Show the segment's dictionary words; the look-up shown is cleared (a new segment)
        unless ``keep_lookup`` (the words of the segment whose look-up it is)."""
        self.matches = list(matches)
        if not keep_lookup:
            self.lookup = None
            self.cursor = 0
        self.note = note
        self.redraw()

    def show_lookup(self, result: LookupResult | None, note: str = "") -> None:
        """Show a look-up's entries above the segment's words; the cursor on its first sense."""
        self.lookup = result
        self.note = note
        self.cursor = 0
        self.redraw()

    @property
    def selected(self) -> Sense | None:
        """The sense under the cursor."""
        return self.senses[self.cursor] if 0 <= self.cursor < len(self.senses) else None

    def redraw(self) -> None:
        """Build the blocks (one per sense, headings between) and lay them out."""
        bidi = self.bidi
        blocks: list[tuple[RenderableType, int | None]] = []
        senses: list[Sense] = []
        named = {e.dictionary for m in self.matches for e in m.entries} | {
            e.dictionary for e in (self.lookup.entries if self.lookup else ())}
        several = len(named) > 1  # name the dictionary only when there are several

        def heading(text: Text, indent: int = 0) -> None:
            """A line that is no sense; one that wraps goes on ``indent`` cells in."""
            shown = bidi.text(text, right_align_rtl=False)
            blocks.append((Padding(shown, (0, 0, 0, indent)) if indent else shown, None))

        def entries(items: Sequence[Any], span: tuple[int, int] | None) -> None:
            # a line that wraps hangs under its start, as a glossary rendering does
            for entry in items:
                heading(Text.assemble(
                    isolate(entry.headword, HEADWORD_STYLE),
                    (f" /{entry.pronunciation}/" if entry.pronunciation else "", "dim"),
                    (f" · {entry.dictionary}" if several and entry.dictionary else "", "dim"),
                ), 2)
                for number, sense in enumerate(entry.senses, start=1):
                    index = len(senses)
                    senses.append(Sense(sense, entry.headword, entry.dictionary, span))
                    # an Arabic sense (an English–Arabic dictionary's) reads right to left
                    blocks.append((bidi.hanging(Text(f"    {number} ", style="dim"),
                                                Text.assemble(isolate(sense))), index))
                examples = entry.examples
                for example in examples[:MAX_EXAMPLES]:  # shown, not chosen: no sense
                    heading(Text.assemble(("e.g. ", "dim"), isolate(example, "italic")), 6)
                if len(examples) > MAX_EXAMPLES:
                    heading(Text(f"… {len(examples) - MAX_EXAMPLES} more examples",
                                 style="dim"), 6)

        if self.note:  # a path in it wraps whole, at its separators
            blocks.append((SeparatorsWrapped(self.note, "dim italic", bidi), None))
        if self.lookup is not None:
            heading(Text.assemble(("Look-up ", "bold"), '"', isolate(self.lookup.query), '"'))
            if not self.lookup.entries:
                heading(Text("  no entry", style="dim"))
            entries(self.lookup.entries, None)
            if self.lookup.related:
                heading(Text("  Related headwords (same consonants):", style="dim italic"))
                entries(self.lookup.related, None)
        if self.matches:
            if self.lookup is not None:
                heading(Text("In this segment", style="bold"))
            for (start, end), text, found in by_span(self.matches):
                heading(Text.assemble(isolate(text, "bold"), (" :", "dim")))
                entries(found, (start, end))
        elif self.lookup is None and not self.note:
            heading(Text("No dictionary words in this segment.", style="dim"))
        self._blocks = blocks
        self.senses = senses
        self.cursor = min(self.cursor, max(0, len(senses) - 1))
        self._lay_out()
        if self.has_focus:
            self.post_message(self.Selected(self.selected))

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = self.scroll_offset.y + y
        if self.senses and self._ranges:
            first, end = self._ranges[self.cursor]
            if first <= index < end:
                style = FOCUSED_CURSOR_STYLE if self.has_focus else CURSOR_STYLE
                strip = highlight(strip, style)
        return strip

    # the cursor ------------------------------------------------------------------------------

    def on_focus(self) -> None:
        self.refresh()
        self.post_message(self.Selected(self.selected))

    def on_blur(self) -> None:
        self.refresh()
        self.post_message(self.Selected(None))

    def move_to(self, index: int) -> None:
        """Put the cursor on sense ``index`` (kept in view)."""
        if not self.senses:
            return
        self.cursor = max(0, min(len(self.senses) - 1, index))
        first, end = self._ranges[self.cursor] if self._ranges else (0, 0)
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if first < top:
            self.scroll_to(y=max(0, first - 1), animate=False)
        elif end > top + height:
            self.scroll_to(y=end - height, animate=False)
        self.refresh()
        if self.has_focus:
            self.post_message(self.Selected(self.selected))

    def action_cursor(self, step: int) -> None:
        """Move the cursor ``step`` senses."""
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        """Move the cursor about a page of lines."""
        if not self.senses or not self._ranges:
            return
        target = self._ranges[self.cursor][0] + step * max(1, self.size.height - 1)
        nearest = min(range(len(self.senses)),
                      key=lambda i: abs(self._ranges[i][0] - target))
        self.move_to(nearest)

    def action_insert(self) -> None:
        """Insert the sense under the cursor into the English."""
        sense = self.selected
        if sense is not None:
            self.post_message(self.Insert(sense))

    def action_back(self) -> None:
        """Back to the English."""
        self.post_message(self.Back())

    def action_type_word(self) -> None:
        """Type a word or phrase to look up."""
        self.post_message(self.TypeWord())
