"""The one way the TUI shows text that may hold Arabic: every widget and screen passes such
text (sources, terms, finding messages, notes, titles, searches, document names,
notifications) through the app's :class:`BidiDisplay` (``app.bidi``).

What it does, for display only (stored text never changes):

- **sanitise**: bidi controls (RLO, LRI, RLM…), zero-width spaces, the BOM, the soft hyphen and
  other format or control characters become a visible placeholder (``¤``), so they neither
  reach the terminal raw nor hide in the text; joiners, variation selectors, emoji modifiers
  and tags are dropped, so Rich's cell widths (``cell_len``) agree with the terminal's and
  borders stay put;
- **shape** Arabic letters when the shaping setting is on;
- **keep inline tags whole** (``<1>``, ``</1>``, ``<2/>`` of client documents, and a memory
  unit's ``{1}``, ``{/1}``, ``{2/}``): each is reordered as one unit, so ``</1>``
  never turns into ``<1/>`` inside Arabic (nor ``{/1}`` into ``{1/}``), placed where the bidi
  algorithm places a neutral (between Arabic words it is one of their run), and drawn as a chip
  (:data:`TAG_STYLE`) in the Arabic panel;
- **reorder** each line for display when the direction setting is ``app``: text is wrapped first,
  in logical order, to the width it is drawn at, then each line is reordered (python-bidi, via
  :mod:`workbench.text.bidi`, with the levels of its whole paragraph) — in a left-to-right
  paragraph for English holding Arabic words (``base="L"``), a right-to-left one for Arabic
  (``base="R"``), or the first strong letter's (``base="auto"``). A user's text quoted inside
  an English line (a search, a document name) is marked with :func:`isolate`: it is reordered
  as one unit (a first-strong isolate), so the quotes and numbers around it stay where they
  are. In ``terminal`` direction lines are sent in logical order.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Span, Text

from workbench.text.bidi import (
    ELLIPSIS,
    base_direction,
    fit,
    paragraph_levels,
    shape,
    visual_order,
)

if TYPE_CHECKING:
    from workbench.tui.widgets.arabic import ArabicText

TAG_STYLE = Style(color="black", bgcolor="#56b6c2")
"""How an inline tag (``<1>``, ``</1>``, ``<2/>``) is drawn: a chip, in the Arabic panel and
the English editor alike."""

# Tags are reordered as units: their characters are swapped for private-use letters (bidi
# class L: one left-to-right run, never mirrored) before reordering and swapped back after.
_TAG_CHARS = "<>/0123456789{}"
_TAG_PUA = "".join(chr(0xF8E0 + i) for i in range(len(_TAG_CHARS)))
# A tag that the bidi algorithm would put at a right-to-left level (between Arabic words) takes
# Arabic letters instead (bidi class AL, never joined or shaped: U+08A0…), written backwards,
# so it stays in the Arabic run (an Arabic phrase of an English line keeps its word order) and
# reads forwards once the run is reversed.
_TAG_AL = "".join(chr(0x08A0 + i) for i in range(len(_TAG_CHARS)))
#: A memory unit's placeholders for another tool's tags ({1} {/1} {2/}), kept whole as well.
_UNIT_TAG = re.compile(r"\{/?[0-9]{1,6}\}|\{[0-9]{1,6}/\}")
_TO_PUA = str.maketrans(_TAG_CHARS, _TAG_PUA)
_TO_AL = str.maketrans(_TAG_CHARS, _TAG_AL)
_FROM_PUA = str.maketrans(_TAG_PUA + _TAG_AL, _TAG_CHARS * 2)
_STAND_INS = frozenset(_TAG_PUA + _TAG_AL)

TOAST_WIDTH, TOAST_SHARE, TOAST_FRAME, TOAST_RACK_BAR = 60, 2, 3, 2
"""Textual's notifications: 60 cells wide at most and half of their rack (the screen less
the rack's 2-cell scrollbar), the text inside a 1-cell border and 1 cell of padding a side."""
_PLAIN_CONSOLE = Console(width=200, color_system=None, highlight=False)

PLACEHOLDER = "¤"
"""What an invisible format or control character looks like on screen."""

ISOLATE = Style(meta={"bidi-isolate": True})
"""The style that marks a span of a Text to reorder as one unit (see :func:`isolate`); its
direction is the first strong letter's of each line's part of it (a first-strong isolate)."""
_FSI, _PDI = "\u2068", "\u2069"
_OPENERS = {True: _FSI, "R": "\u2067", "L": "\u2066"}  # FSI, RLI, LRI
_MARKS = frozenset([*_OPENERS.values(), _PDI])

_DROPPED = frozenset([
    0x200C, 0x200D,  # ZWNJ, ZWJ (emoji sequences: each emoji then shows on its own)
    *range(0xFE00, 0xFE10),  # variation selectors (text / emoji presentation)
    *range(0x1F3FB, 0x1F400),  # emoji skin-tone modifiers
    *range(0xE0020, 0xE0080),  # tag characters (subdivision flags)
    *range(0xE0100, 0xE01F0),  # variation selectors supplement
])
_RTL_CLASSES = frozenset({"R", "AL", "RLE", "RLO", "RLI"})
_QUOTED = re.compile(
    r"(?<!\w)'([^'\n]+)'(?!\w)|(?<!\w)\"([^\"\n]+)\"(?!\w)|‘([^’\n]+)’|“([^”\n]+)”|«([^»\n]+)»"
)
"""A quoted text of a message (a name, a term, a search, a file): its content is a group; an
apostrophe inside a word (segment's) opens or closes none."""


@lru_cache(maxsize=2048)
def _clean_char(ch: str, newlines: bool) -> str:
    """What ``ch`` becomes on screen: itself, ``""`` (dropped), a space or the placeholder."""
    if ch == "\n" or ch in "\u2028\u2029":
        return "\n" if newlines else " "
    if ch in "\t\r":
        return " " if ch == "\t" else ""
    code = ord(ch)
    if code in _DROPPED:
        return ""
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs"):
        return PLACEHOLDER
    return ch


def needs_cleaning(text: str) -> bool:
    """True when :func:`sanitize` would change ``text``."""
    return any(_clean_char(ch, True) != ch for ch in text)


def sanitize(text: str, *, newlines: bool = True) -> str:
    """``text`` as it may be drawn: format and control characters made visible, joiners and
    emoji modifiers dropped (see the module). ``newlines=False`` turns line breaks into spaces."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(_clean_char(ch, newlines) for ch in text)


def sanitize_map(text: str, *, newlines: bool = True) -> tuple[str, list[int]]:
    """:func:`sanitize` and, for each character of the result, its index in ``text``."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in _clean_char(ch, newlines):
            out.append(c)
            origin.append(i)
    return "".join(out), origin


def sanitize_text(text: Text, *, newlines: bool = True) -> Text:
    """A Rich Text sanitised, its styled spans kept on the same characters."""
    plain = text.plain
    if not needs_cleaning(plain) and (newlines or "\n" not in plain):
        return text
    clean, origin = sanitize_map(plain, newlines=newlines)
    spans = []
    for span in text.spans:
        start, end = map_span(origin, span.start, span.end)
        if start < end:
            spans.append(Span(start, end, span.style))
    return Text(clean, style=text.style, justify=text.justify, overflow=text.overflow,
                no_wrap=text.no_wrap, end=text.end, spans=spans)


def map_span(origin: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """The span of sanitised text that shows ``text[start:end]`` (``origin`` from
    :func:`sanitize_map`)."""
    return bisect_left(origin, start), bisect_left(origin, end)


def isolating(text: str) -> Style:
    """The style that marks ``text`` to be reordered as one unit in the direction of its
    first strong letter, kept on every line the unit is wrapped to."""
    return Style(meta={"bidi-isolate": base_direction(text)})


def isolate(text: str, style: str | Style = "") -> Text:
    """``text`` (a user's search, a name, a term, a comment quoted in an English line) marked
    to be reordered as one unit, so the text around it keeps its order; in the direction of
    its first strong letter, on each line it is wrapped to (an Arabic comment whose second
    line starts with an English word still reads right to left)."""
    return Text(text, style=Style.combine([Style.parse(style) if isinstance(style, str)
                                           else style, isolating(text)]))


def isolate_terms(text: Text, terms: Iterable[str]) -> Text:
    """Mark every occurrence of ``terms`` (e.g. a finding's Arabic term) in ``text`` to be
    reordered as one unit (in place; returns ``text``)."""
    plain = text.plain
    for term in terms:
        if not term:
            continue
        start = plain.find(term)
        while start >= 0:
            text.stylize(isolating(term), start, start + len(term))
            start = plain.find(term, start + len(term))
    return text


def isolate_quoted(message: str | Text) -> Text:
    """``message`` (an error or notice in plain text: a service's, an exception's) with each
    quoted text holding Arabic marked as one unit, so the quotes, numbers and words around it
    keep their places ('الثورة': 3 columns, not '3 :'الثورة columns). A Rich Text is
    returned as it is: its user texts are isolated where it is built."""
    if isinstance(message, Text):
        return message
    text = Text(message)
    if not has_rtl(message):
        return text
    for match in _QUOTED.finditer(message):
        group = next(g for g in range(1, 6) if match.group(g) is not None)
        if has_rtl(match.group(group)):
            text.stylize(isolating(match.group(group)), *match.span(group))
    return text


def finding_text(finding: object, *parts: tuple[str, str | Style] | Text) -> Text:
    """``parts`` ((text, style) or Text) assembled, the finding's term (if any) isolated."""
    term = getattr(finding, "term", None)
    return term_text(term if isinstance(term, str) else None, *parts)


def term_text(term: str | None, *parts: tuple[str, str | Style] | Text) -> Text:
    """``parts`` ((text, style) or Text) assembled, ``term`` (if any) isolated."""
    return isolate_terms(Text.assemble(*parts), [term] if term else [])


def protect_tags(text: str, base: str | None = None) -> str:
    """``text`` with the characters of its inline tags swapped for stand-in letters (same
    length, same cells), so the bidi algorithm keeps each tag whole and unmirrored; undo with
    :func:`restore_tags` after reordering. A memory unit's ``{1}`` ``{/1}`` ``{2/}`` are kept
    whole too. Each tag is a left-to-right unit; with ``base`` (the paragraph's direction: the
    text is about to be reordered) a tag the bidi algorithm puts at a right-to-left level, as
    a neutral (between Arabic words, or Arabic and English in an Arabic paragraph), is one of
    the Arabic run around it instead. Unchanged without tags (or when ``text`` holds the
    stand-ins itself)."""
    if any(ch in _STAND_INS for ch in text):
        return text
    found = _tag_bounds(text)
    if not found:
        return text
    levels = None if base is None else _neutral_levels(text, found, _base(text, base))
    parts, pos = [], 0
    for start, end in found:
        parts.append(text[pos:start])
        tag = text[start:end]
        inside = levels is not None and levels[start] % 2 == 1
        parts.append(tag[::-1].translate(_TO_AL) if inside else tag.translate(_TO_PUA))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _tag_bounds(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each inline tag of ``text`` and each memory unit's ``{1}``."""
    if "<" not in text and "{" not in text:
        return []
    from workbench.text.tags import tokens

    return sorted([(t.start, t.end) for t in tokens(text)]
                  + [m.span() for m in _UNIT_TAG.finditer(text)])


def _neutral_levels(
    text: str, tags: list[tuple[int, int]], base: str
) -> tuple[int, ...] | None:
    """The embedding levels of ``text`` with each of its ``tags`` a run of neutrals."""
    masked, pos = [], 0
    for start, end in tags:
        masked.append(text[pos:start])
        masked.append("*" * (end - start))
        pos = end
    masked.append(text[pos:])
    return paragraph_levels("".join(masked), base, checked=False)


def restore_tags(text: str) -> str:
    """Undo :func:`protect_tags` (on reordered text too)."""
    return text.translate(_FROM_PUA) if any(ch in _STAND_INS for ch in text) else text


def tag_spans(text: str, style: Style | str = TAG_STYLE) -> list[tuple[int, int, Style | str]]:
    """(start, end, style) of every inline tag of ``text``: its chips."""
    if "<" not in text:
        return []
    from workbench.text.tags import tokens

    return [(t.start, t.end, style) for t in tokens(text)]


def toast_text_width(screen_width: int) -> int:
    """The cells a notification's text is wrapped at on a screen ``screen_width`` wide."""
    rack = max(0, screen_width - TOAST_RACK_BAR)
    return max(1, min(TOAST_WIDTH, rack // TOAST_SHARE) - TOAST_FRAME)


def has_rtl(text: str) -> bool:
    """True when ``text`` holds a right-to-left letter (Arabic, Hebrew…)."""
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text if ord(ch) > 0x58F)


def display_width(text: str) -> int:
    """The cells ``text`` takes once sanitised (Rich's ``cell_len``)."""
    return cell_len(sanitize(text, newlines=False))


@dataclass(frozen=True)
class BidiDisplay:
    """The display settings (direction ``app`` reorders; shaping joins letters) and every way
    of drawing text with them."""

    reorder: bool = True
    shaping: bool = False

    # one line ---------------------------------------------------------------------------

    def plain(self, text: str | Text, *, base: str = "L") -> str:
        """``text`` on one line, ready for a terminal (a notification, a select option)."""
        return self.line(text, base=base).plain

    def line(self, text: str | Text, *, base: str = "L", style: str | Style = "",
             width: int | None = None) -> Text:
        """``text`` on one line (titles, labels, table cells), styles kept. With ``width``,
        text wider than that is cut at its logical end before it is reordered (a widget
        cutting the reordered line would cut an Arabic name's beginning instead)."""
        rich = Text(text, style=style) if isinstance(text, str) else text
        rich = sanitize_text(rich, newlines=False)
        if width is not None:
            rich = _cut_logically(rich, width)
        out = self._order(_shaped(rich, self.shaping), base)
        out.no_wrap = True
        out.overflow = "ellipsis"
        return out

    def wrapped(self, text: str | Text, width: int, *, base: str = "L") -> str:
        """``text`` on lines of at most ``width`` cells, each ordered for display, joined
        with line breaks: for a widget that wraps plain text itself (a notification), which
        would otherwise cut a line already reordered and show an Arabic phrase's end first."""
        rich = Text(text) if isinstance(text, str) else text
        lines = BidiText(sanitize_text(rich, newlines=False), self, base, False)
        return "\n".join(line.plain for line in lines.lines(_PLAIN_CONSOLE, width))

    # paragraphs -------------------------------------------------------------------------

    def text(
        self, text: str | Text, *, base: str = "L", style: str | Style = "",
        right_align_rtl: bool = True,
    ) -> BidiText:
        """A paragraph (messages, notes, English) wrapped to the width it is drawn at, then
        each line ordered for display; lines of a right-to-left paragraph are right-aligned."""
        rich = Text(text, style=style) if isinstance(text, str) else text
        return BidiText(sanitize_text(rich), self, base, right_align_rtl)

    def hanging(self, lead: str | Text, text: str | Text, head: str | Text = "") -> HangingText:
        """``lead`` (an entry's term, a sense's number) then ``text``, whose wrapped lines
        hang under its own first line, not under the lead; ``head`` (an entry's number and
        mark) goes before the lead, whose own lines, when it wraps, hang under the lead's
        start (see :class:`HangingText`)."""
        def rich(part: str | Text) -> Text:
            return Text(part) if isinstance(part, str) else part

        return HangingText(rich(lead), self.text(text, right_align_rtl=False), rich(head))

    def arabic(
        self, text: str, spans: Sequence[tuple[int, int, Style | str]] = ()
    ) -> ArabicText:
        """An Arabic paragraph, right-aligned, with highlighted (start, end, style) spans of
        ``text`` (glossary terms); its inline tags drawn as chips, each kept whole."""
        from workbench.tui.widgets.arabic import ArabicText

        chips = tag_spans(text)
        return ArabicText(text, [*chips, *spans] if chips else spans, reorder=self.reorder,
                          shaping=self.shaping)

    # fixed-width columns ------------------------------------------------------------------

    def fit_arabic(self, text: str, width: int) -> str:
        """The beginning of an Arabic text in ``width`` cells, right-aligned (list columns)."""
        clean = sanitize(text, newlines=False)
        return restore_tags(fit(protect_tags(clean, "R" if self.reorder else None), width,
                                reorder=self.reorder, shaping=self.shaping))

    def fit_left(self, text: str, width: int, *, base: str = "L") -> str:
        """The beginning of ``text`` in ``width`` cells, cut with an ellipsis, padded on the
        right (English columns; Arabic words inside are ordered for display)."""
        if width <= 0:
            return ""
        flat = " ".join(sanitize(text, newlines=False).split())
        if cell_len(flat) > width:
            out, used = [], 0
            for ch in flat:
                w = cell_len(ch)
                if used + w > width - 1:
                    break
                out.append(ch)
                used += w
            flat = flat[:_before_tag(flat, len(out))] + ELLIPSIS
        if self.shaping:
            flat = shape(flat)
        if self.reorder and has_rtl(flat):
            direction = _base(flat, base)
            flat = restore_tags(visual_order(protect_tags(flat, direction), direction)[0])
        return flat + " " * max(0, width - cell_len(flat))

    # internals ----------------------------------------------------------------------------

    def _order(
        self, line: Text, base: str, part: tuple[str, Sequence[int]] | None = None
    ) -> Text:
        """One wrapped line in display order (styles follow their characters; the isolate
        marks are gone; inline tags kept whole, as in the Arabic panel). ``part``: the
        line's text with its tags protected, and its levels, as parts of its paragraph."""
        plain = line.plain
        if not self.reorder or not (has_rtl(plain) if part is None else any(part[1])):
            return _unmarked(line)  # a line of an Arabic paragraph is reordered, Arabic or not
        direction = _base(plain, base)
        if part is not None:
            protected = shape(part[0]) if self.shaping else part[0]
            shown, order = visual_order(protected, direction, part[1])
        else:
            shown, order = _isolated_order(protect_tags(plain, direction), direction,
                                           _isolates(line))
        shown = restore_tags(shown)
        if order is None or not line.spans:
            return Text(shown, style=line.style, end=line.end)
        styles = _char_styles(len(plain), line.spans)
        out = Text(style=line.style, end=line.end)
        start = 0
        for i in range(1, len(order) + 1):
            if i == len(order) or styles[order[i]] != styles[order[start]]:
                out.append(shown[start:i], styles[order[start]])
                start = i
        return _unmarked(out)


class BidiText:
    """A paragraph of mixed text wrapped in logical order to the width it is drawn at, each
    line then ordered for display (see :meth:`BidiDisplay.text`)."""

    def __init__(
        self, text: Text, display: BidiDisplay, base: str, right_align_rtl: bool
    ) -> None:
        self.text = text
        self.display = display
        self.base = base
        self.right_align_rtl = right_align_rtl

    def lines(self, console: Console, width: int) -> list[Text]:
        """The painted lines for ``width`` cells. A base of "auto" is the direction of each
        paragraph's first strong letter, kept on every line it wraps to (as a bidi paragraph
        has one direction: an Arabic comment's line that starts with an English word is
        still right to left)."""
        out: list[Text] = []
        for paragraph in self.text.split("\n", allow_blank=True):
            plain = paragraph.plain
            base = _base(plain, self.base)
            context = self._context(paragraph, base)
            pos = 0
            for line in paragraph.wrap(console, max(1, width), justify="left",
                                       overflow="fold"):
                line.rstrip()
                end = pos + len(line.plain)
                part = None
                if context is not None and plain[pos:end] == line.plain:
                    part = (context[0][pos:end], context[1][pos:end])
                shown = self.display._order(_shaped(line, self.display.shaping), base, part)
                pos = end
                while pos < len(plain) and plain[pos].isspace():
                    pos += 1
                pad = width - shown.cell_len
                if base == "R" and self.right_align_rtl and pad > 0:
                    shown = Text(" " * pad) + shown
                out.append(shown)
        return out

    def _context(self, paragraph: Text, base: str) -> tuple[str, tuple[int, ...]] | None:
        """The paragraph with its tags protected and its levels, for its lines to be ordered
        as parts of it (see :func:`paragraph_levels`); None when each line is ordered alone
        (nothing to reorder, or isolated spans, whose marks each line gets)."""
        plain = paragraph.plain
        if not self.display.reorder or not has_rtl(plain) or _isolates(paragraph):
            return None
        protected = protect_tags(plain, base)
        levels = paragraph_levels(protected, base)
        return None if levels is None else (protected, levels)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        joined = Text("\n").join(self.lines(console, options.max_width))
        joined.no_wrap = True
        joined.overflow = "crop"
        yield joined

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(p) for p in self.text.plain.split("\n")), default=0)
        return Measurement(min(widest, 1), min(widest, options.max_width))


HANG_FALLBACK = 4
"""The indent of a hanging text's lines when its lead leaves no room for its longest word."""


class HangingText:
    """A head and a lead (ordered for display as one line) and a text wrapped to the room
    they leave: its second and later lines start under its first letter, not at the panel's
    edge ("3 ✓ ثورة أكتوبر → October" over "                  Revolution"; a dictionary's
    "    1 " and its sense). When that room is narrower than the text's longest word (a long
    term in a narrow panel), the lead is wrapped alone, its own lines hanging under its start
    (under the term, not the entry's number: the head), and the text follows on lines
    indented by :data:`HANG_FALLBACK`."""

    def __init__(self, lead: Text, text: BidiText, head: Text | None = None) -> None:
        self.head = head or Text()  # in logical order, as the lead
        self.lead = lead
        self.text = text

    def lines(self, console: Console, width: int) -> list[Text]:
        """The painted lines for ``width`` cells."""
        display = self.text.display
        shown = display.line(Text.assemble(self.head, self.lead))
        indent = shown.cell_len
        longest = max((cell_len(w) for w in self.text.text.plain.split()), default=0)
        if width - indent >= max(1, longest):
            body = self.text.lines(console, width - indent)
            first = Text.assemble(shown, body[0]) if body else shown
            return [first, *(Text.assemble(" " * indent, line) for line in body[1:])]
        lead = display.text(self.lead, right_align_rtl=False)
        if self.head:
            lead_lines = HangingText(self.head, lead).lines(console, width)
        else:
            lead_lines = lead.lines(console, width)
        body = self.text.lines(console, max(1, width - HANG_FALLBACK))
        return [*lead_lines, *(Text.assemble(" " * HANG_FALLBACK, line) for line in body)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        joined = Text("\n").join(self.lines(console, options.max_width))
        joined.no_wrap = True
        joined.overflow = "crop"
        yield joined


def _unmarked(text: Text) -> Text:
    """``text`` without the isolate marks in its styles (they only steer the reordering)."""
    if not any(isinstance(s.style, Style) and s.style.meta for s in text.spans):
        return text
    out = text.copy()
    out.spans = [
        Span(s.start, s.end, s.style.clear_meta_and_links())
        if isinstance(s.style, Style) and s.style.meta.get("bidi-isolate") else s
        for s in text.spans
    ]
    return out


def _isolates(line: Text) -> list[tuple[int, int, bool | str]]:
    """The (start, end, direction) spans of ``line`` marked to be isolated (:func:`isolate`):
    direction "R", "L", or True for the first strong letter's."""
    out = []
    for span in line.spans:
        style = span.style
        kind = style.meta.get("bidi-isolate") if isinstance(style, Style) else None
        if kind in _OPENERS and span.start < span.end:
            out.append((span.start, span.end, kind))
    return sorted(set(out), key=lambda span: (span[0], span[1], str(span[2])))


def _isolated_order(
    plain: str, base: str, isolates: list[tuple[int, int, bool | str]]
) -> tuple[str, list[int] | None]:
    """Visual order of ``plain`` with each span of ``isolates`` reordered as one unit: the
    spans are wrapped in RLI, LRI or FSI…PDI for the bidi algorithm, and the marks dropped
    again."""
    if not isolates:
        return visual_order(plain, base)
    starts = {s: _OPENERS[kind] for s, _, kind in isolates}
    ends = {e for _, e, _ in isolates}
    marked: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(plain):
        for _ in range(sum(1 for e in ends if e == i)):
            marked.append(_PDI)
            origin.append(-1)
        if i in starts:
            marked.append(starts[i])
            origin.append(-1)
        marked.append(ch)
        origin.append(i)
    if len(plain) in ends:
        marked.append(_PDI)
        origin.append(-1)
    shown, order = visual_order("".join(marked), base)
    if order is None:
        return "".join(ch for ch in shown if ch not in _MARKS), None
    kept = [k for k in range(len(order)) if origin[order[k]] >= 0]
    return "".join(shown[k] for k in kept), [origin[order[k]] for k in kept]


def _cut_logically(text: Text, width: int) -> Text:
    """``text`` cut to ``width`` cells at its logical end, an ellipsis in place of the rest;
    the ellipsis belongs to the spans (an isolated name) the cut falls in."""
    if text.cell_len <= width:
        return text
    kept, used = 0, 0
    for ch in text.plain:
        used += cell_len(ch)
        if used > max(0, width - 1):
            break
        kept += 1
    out = text[:_before_tag(text.plain, kept)]
    out.rstrip()
    end = len(out.plain)
    out.append(ELLIPSIS)
    out.spans = [Span(s.start, end + 1, s.style) if s.end == end else s for s in out.spans]
    return out


def _before_tag(text: str, cut: int) -> int:
    """``cut``, or the start of the inline tag it falls in (a cut tag, ``</1``, is no tag:
    its brackets would be mirrored, its pieces scattered)."""
    return next((start for start, end in _tag_bounds(text) if start < cut < end), cut)


def _base(text: str, base: str) -> str:
    return base_direction(text) if base == "auto" else base


def _shaped(line: Text, shaping: bool) -> Text:
    if not shaping:
        return line
    plain = line.plain
    shaped = shape(plain)
    if shaped == plain:
        return line
    return Text(shaped, style=line.style, end=line.end, spans=list(line.spans),
                justify=line.justify, overflow=line.overflow, no_wrap=line.no_wrap)


def _char_styles(length: int, spans: Iterable[Span]) -> list[Style | str | None]:
    styles: list[Style | str | None] = [None] * length
    for span in spans:
        for i in range(max(0, span.start), min(length, span.end)):
            current = styles[i]
            if current is None:
                styles[i] = span.style
            else:
                styles[i] = Style.combine([Style.parse(str(current)) if isinstance(current, str)
                                           else current,
                                           Style.parse(span.style) if isinstance(span.style, str)
                                           else span.style])
    return styles
