"""The English editor of the open segment: a TextArea in which Enter never breaks the line.

A segment needs no hard line break (as in OmegaT), so Enter is left to the key bindings
(confirm and go to the next segment), and pasted line breaks become spaces: every break that
``str.splitlines`` knows (a Windows ``\r\n``, Word's vertical tab, U+2028...), each run of
them with the spaces around it one space, none kept at either end of the pasted text.

The text is edited as stored, so it is never reordered or sanitised: until it is edited,
:attr:`EnglishEditor.text` is the text loaded, exactly (the editor's lines are joined by
``\n``, so a stored U+2028 or vertical tab would otherwise read back changed, and opening
the segment would save it). Only the zero-width
control characters (bidi controls such as RLO, zero-width spaces, C0/C1 controls) are left
out of the cells sent to the terminal, so they cannot reorder or garble the screen. They take
no cell, so the cursor and the wrapping stay where the TextArea put them. Emoji presentation
selectors and skin-tone modifiers, which terminals count differently from Rich, are drawn as
the bare emoji padded to the cells Rich gave them, so the border stays put.

Inline tags of client documents (``<1>``, ``</1>``, ``<2/>``) are drawn as chips and kept
whole: a deletion or a replacement that reaches into a tag takes the whole tag, typing inside
one types after it, and the cursor steps over a tag as over one character. Misspelled words
(:attr:`EnglishEditor.misspelled`, found by the screen in a worker) are underlined.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import EditResult, Location

from workbench.text.lines import one_line
from workbench.text.tags import TagToken, strip_tags, tokens
from workbench.tui.display import TAG_STYLE
from workbench.tui.widgets.subtitle import FittedSubtitle

MISSPELLED_STYLE = Style(color="#e06c75", underline=True)
"""How a misspelled word is marked in the English."""

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


class EnglishEditor(FittedSubtitle, TextArea):
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
        self.misspelled: list[tuple[int, int, str]] = []  # (start, end, word) of the text
        self._loaded = ("", "")  # (the text loaded, the document's text of it)

    # the text, as loaded until it is edited ---------------------------------------------------

    def load_text(self, text: str) -> None:
        """Load ``text`` for editing; :attr:`text` gives it back exactly until it is edited."""
        super().load_text(text)
        self._loaded = (text, self.document.text)

    @property
    def text(self) -> str:
        """The English: as loaded while the document holds what was loaded, else the
        document's lines (see the module)."""
        shown = self.document.text
        loaded, as_shown = self._loaded
        return loaded if shown == as_shown else shown

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    # marks: tags and misspelled words ---------------------------------------------------------

    def mark_misspelled(self, spans: Sequence[tuple[int, int, str]]) -> None:
        """Underline the words at these (start, end, word) offsets of the text."""
        spans = list(spans)
        if spans != self.misspelled:
            self.misspelled = spans
            self._line_cache.clear()
            self.refresh()

    def keep_marks(self) -> None:
        """After an edit: keep the marks whose words are still where they were (the others
        go until the next check)."""
        if not self.misspelled:
            return
        text = self.text
        kept = [(s, e, w) for s, e, w in self.misspelled if _word_at(text, s, e, w)]
        if kept != self.misspelled:
            self.mark_misspelled(kept)

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        plain = line.plain
        if "<" not in plain and not self.misspelled:
            return line
        offset = self.document.get_index_from_location((line_index, 0))
        for start, end, _word in self.misspelled:
            if end > offset and start < offset + len(plain):
                line.stylize(MISSPELLED_STYLE, max(0, start - offset), end - offset)
        for token in tokens(plain):
            line.stylize(TAG_STYLE, token.start, token.end)
        return line

    # tags kept whole -------------------------------------------------------------------------

    def tags(self) -> list[TagToken]:
        """The inline tags of the text, in order."""
        return tokens(self.text)

    def offset_of(self, location: Location) -> int:
        """The text offset of a (row, column) location."""
        return self.document.get_index_from_location(location)

    def _widened(self, start: Location, end: Location) -> tuple[Location, Location]:
        """``start``..``end`` grown to take every tag it reaches into whole."""
        found = self.tags()
        if not found:
            return start, end
        a, b = sorted((self.offset_of(start), self.offset_of(end)))
        for tag in found:
            if a == b:
                if tag.start < a < tag.end:  # typing inside a tag types after it
                    a = b = tag.end
                continue
            if tag.start < a < tag.end:
                a = tag.start
            if tag.start < b < tag.end:
                b = tag.end
        location = self.document.get_location_from_index
        return location(a), location(b)

    def _delete_via_keyboard(self, start: Location, end: Location) -> EditResult | None:
        start, end = self._widened(start, end)
        return super()._delete_via_keyboard(start, end)

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        start, end = self._widened(start, end)
        return super()._replace_via_keyboard(insert, start, end)

    def action_cursor_left(self, select: bool = False) -> None:
        super().action_cursor_left(select)
        self._step_over_tag(-1, select)

    def action_cursor_right(self, select: bool = False) -> None:
        super().action_cursor_right(select)
        self._step_over_tag(1, select)

    def _step_over_tag(self, direction: int, select: bool) -> None:
        """A cursor that landed inside a tag moves on to its edge (in ``direction``)."""
        if "<" not in self.text:
            return
        at = self.offset_of(self.cursor_location)
        for tag in self.tags():
            if tag.start < at < tag.end:
                edge = tag.end if direction > 0 else tag.start
                self.move_cursor(self.document.get_location_from_index(edge), select=select)
                return

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

    def _on_resize(self) -> None:
        """Paint every line after a resize (the TextArea's own handler, called after this
        one, wraps the English again at the new width): it repainted only the lines whose
        length changed, so a box that grew a scrollbar (the conflict dialog's yours, past its
        six lines) showed lines of both wrappings."""
        self.refresh()

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
        text = one_line(event.text)
        if text != event.text:
            event.prevent_default()
            event.stop()
            if result := self._replace_via_keyboard(text, *self.selection):
                self.move_cursor(result.end_location)


def _word_at(text: str, start: int, end: int, word: str) -> bool:
    """True when ``word`` is still at ``text[start:end]`` (with the inline tags that cut it:
    ``re<2>ciev</2>e`` is ``recieve``), a whole word."""
    if strip_tags(text[start:end]) != word:
        return False
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()
