"""Display helpers for Arabic in terminals that draw text left to right (pure functions).

Textual draws text in storage order. For terminals that do not reorder by themselves the app
reorders: wrap first, in logical order, to the width; then reorder each line with python-bidi
(``get_display(line, base_dir="R")``) and right-align it. Stored text is never reordered; these
functions only build what is painted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bidi import get_display
from bidi.mirror import MIRRORED
from rich.cells import cell_len

from workbench.text.script import has_arabic

_WORD = re.compile(r"\S+")
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
ELLIPSIS = "…"


# wrapping -----------------------------------------------------------------------------------


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Wrap ``text`` in logical order to ``width`` cells: (start, end) offsets of each line.

    Lines break at spaces (never inside a word unless the word alone is wider than the
    line); a newline always breaks. Each line is ``text[start:end]`` without its edge spaces.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    base = 0
    for part in text.split("\n"):
        lines.extend(_wrap_part(part, width, base))
        base += len(part) + 1
    return lines or [(0, 0)]


def _wrap_part(text: str, width: int, base: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    used = 0
    for match in _WORD.finditer(text):
        ws, we = match.span()
        w = cell_len(match.group())
        if start is not None and used + cell_len(text[end:ws]) + w <= width:
            used += cell_len(text[end:ws]) + w
            end = we
            continue
        if start is not None:
            out.append((base + start, base + end))
        if w <= width:
            start, end, used = ws, we, w
            continue
        # A word wider than the line: cut it into pieces of ``width`` cells.
        pieces = _cut(text, ws, we, width)
        for ps, pe in pieces[:-1]:
            out.append((base + ps, base + pe))
        start, end = pieces[-1]
        used = cell_len(text[start:end])
    if start is not None:
        out.append((base + start, base + end))
    return out or [(base, base)]


def _cut(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    piece_start = start
    used = 0
    for i in range(start, end):
        w = cell_len(text[i])
        if used + w > width and i > piece_start and w > 0:
            pieces.append((piece_start, i))
            piece_start, used = i, 0
        used += w
    pieces.append((piece_start, end))
    return pieces


def wrap_logical(text: str, width: int) -> list[str]:
    """The lines of ``text`` wrapped in logical (storage) order to ``width`` cells."""
    return [text[s:e] for s, e in wrap_offsets(text, width)]


# shaping ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _reshaper():  # type: ignore[no-untyped-def]
    import arabic_reshaper

    # Keep diacritics and do not fuse ligatures: one output character per input character,
    # so offsets (term highlights) and widths stay valid.
    return arabic_reshaper.ArabicReshaper(
        {"delete_harakat": False, "support_ligatures": False}
    )


def shape(text: str) -> str:
    """Arabic letters replaced by their joined presentation forms (same length as ``text``)."""
    if not has_arabic(text):
        return text
    shaped = _reshaper().reshape(text)
    return shaped if len(shaped) == len(text) else text


# reordering ---------------------------------------------------------------------------------


def visual(line: str, base_dir: str = "R") -> str:
    """One line reordered for display, brackets mirrored: in a right-to-left paragraph
    (``base_dir`` "R", Arabic text) or a left-to-right one ("L": English holding Arabic)."""
    return visual_order(line, base_dir)[0]


def base_direction(text: str) -> str:
    """"R" when the first strong character of ``text`` is right-to-left, else "L" (rules
    P2-P3 of the bidi algorithm)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "R"
        if kind == "L":
            return "L"
    return "L"


@lru_cache(maxsize=4096)
def _visual_cached(
    line: str, base_dir: str = "R", context: tuple[int, ...] | None = None
) -> tuple[str, tuple[int, ...] | None]:
    levels = _char_levels(line, base_dir) if context is None else list(context)
    order = None if levels is None else _order(line, list(levels), base_dir,
                                               checked=context is None)
    if levels is not None and order is not None:
        order = _marks_after_bases(line, order, levels)
    if levels is None or order is None:
        # python-bidi's own pure-Python implementation (it mirrors; no index map).
        from bidi.algorithm import get_display as legacy_display

        return str(legacy_display(line, base_dir=base_dir)), None
    text = "".join(
        MIRRORED.get(line[k], line[k]) if levels[k] % 2 else line[k] for k in order
    )
    return text, tuple(order)


def visual_order(
    line: str, base_dir: str = "R", levels: Sequence[int] | None = None
) -> tuple[str, list[int] | None]:
    """One line reordered for display, and for each visual position its logical index.

    The order comes from python-bidi (``get_display(line, base_dir)``, rules up to L2);
    mirrored characters (brackets) at right-to-left levels are then mirrored (rule L4),
    which python-bidi's Rust core leaves to the renderer. The index map is None when it
    cannot be derived (the text is still right; highlights needing positions are dropped).
    ``levels``, when given, are the line's characters' levels resolved in its whole paragraph
    (:func:`paragraph_levels`), used in place of the line's own.
    """
    if not line:
        return line, []
    context = None if levels is None else tuple(levels)
    text, order = _visual_cached(line, base_dir, context)
    return text, None if order is None else list(order)


@lru_cache(maxsize=256)
def paragraph_levels(
    text: str, base_dir: str = "R", *, checked: bool = True
) -> tuple[int, ...] | None:
    """The embedding level of each character of ``text`` (each newline ends a paragraph),
    resolved over its whole paragraph, for a line wrapped from it to be reordered as part
    of it (rules L1-L2 are a line's; the rest are the paragraph's): a number that starts a
    line after Arabic is an Arabic number there too, so ``3.5%`` and ``10-12`` read as they
    do mid-line (``%3.5``, ``12-10``). None when python-bidi's levels cannot be read (or,
    ``checked``, do not give its own display of each paragraph)."""
    out: list[int] = []
    for part in text.split("\n"):
        levels = _char_levels(part, base_dir) if part else []
        if levels is None or (checked and part and _order(part, list(levels), base_dir) is None):
            return None
        out.extend(levels)
        out.append(1 if base_dir == "R" else 0)  # the newline, never in a line
    return tuple(out[:-1])


def _order(
    line: str, levels: list[int], base_dir: str = "R", *, checked: bool = True
) -> list[int] | None:
    """The visual order of ``line`` from its embedding ``levels`` (changed in place), or None
    when it disagrees with python-bidi's own display of the line (``checked``; levels of
    the line's paragraph are not the line's own, and may order it otherwise)."""
    # Rule L1: trailing whitespace goes back to the paragraph level (RTL: 1, LTR: 0).
    i = len(line) - 1
    while i >= 0 and line[i] in " \t":
        levels[i] = 1 if base_dir == "R" else 0
        i -= 1
    # Rule L2: from the highest level down to the lowest odd level, reverse every run at
    # that level or higher.
    order = list(range(len(line)))
    lowest_odd = min(levels)
    if lowest_odd % 2 == 0:
        lowest_odd += 1
    n = len(order)
    for level in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < n:
            if levels[order[i]] >= level:
                j = i
                while j < n and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    if checked and "".join(line[k] for k in order) != str(get_display(line, base_dir=base_dir)):
        return None
    return order


def _marks_after_bases(line: str, order: list[int], levels: list[int]) -> list[int]:
    """Rule L3: the combining marks (harakat) of a right-to-left character, which reversing
    its run put before it, moved back after it, where a terminal draws them on it."""
    out: list[int] = []
    marks: list[int] = []
    for k in order:
        if levels[k] % 2 and unicodedata.category(line[k]) in ("Mn", "Me"):
            marks.append(k)
            continue
        if marks and levels[k] % 2 and marks[::-1] == list(range(k + 1, k + 1 + len(marks))):
            out.append(k)
            out.extend(reversed(marks))
        else:
            out.extend(marks)
            out.append(k)
        marks = []
    out.extend(marks)
    return out


def _char_levels(line: str, base_dir: str = "R") -> list[int] | None:
    """Embedding levels of each character (from python-bidi's debug report, per UTF-8 byte)."""
    try:
        report = str(get_display(line, base_dir=base_dir, debug=True))
        section = report.split("levels:", 1)[1].split("paragraphs:", 1)[0]
    except (IndexError, TypeError, ValueError):
        return None
    levels = [int(v) for v in _LEVEL.findall(section)]
    encoded = line.encode("utf-8")
    if len(levels) == len(line):
        return levels
    if len(levels) != len(encoded):
        return None
    out: list[int] = []
    offset = 0
    for ch in line:
        out.append(levels[offset])
        offset += len(ch.encode("utf-8"))
    return out


# lines ready to paint -----------------------------------------------------------------------


@dataclass(frozen=True)
class DisplayLine:
    """One painted line: its text as drawn, the logical span it shows, and the index map."""

    text: str
    start: int
    end: int
    order: list[int] | None  # visual position -> logical index within text[start:end]


def display_lines(
    text: str, width: int, *, reorder: bool = True, shaping: bool = False, index_map: bool = False
) -> list[DisplayLine]:
    """``text`` wrapped to ``width`` in logical order, then each line prepared for painting.

    With ``reorder`` (the app direction setting) each line is put in visual order; without it
    (the terminal reorders) lines stay in logical order. ``shaping`` joins Arabic letters.
    With ``index_map`` each line carries the map from visual positions to logical ones.
    """
    out: list[DisplayLine] = []
    levels = paragraph_levels(text) if reorder else None
    for start, end in wrap_offsets(text, width):
        line = text[start:end]
        painted = shape(line) if shaping else line
        if not reorder:
            order = list(range(len(line))) if index_map else None
            out.append(DisplayLine(painted, start, end, order))
            continue
        shown, order = visual_order(painted, "R", None if levels is None else levels[start:end])
        out.append(DisplayLine(shown, start, end, order if index_map else None))
    return out


def fit(text: str, width: int, *, reorder: bool = True, shaping: bool = False) -> str:
    """The beginning of ``text`` as one line of at most ``width`` cells, right-aligned.

    The first wrapped line is kept (with an ellipsis at its logical end when text was cut),
    reordered for display when ``reorder`` is set, and padded on the left to ``width``.
    """
    if width <= 0:
        return ""
    line = " ".join(text.split())
    if cell_len(line) > width:
        start, end = wrap_offsets(line, max(1, width - 1))[0]
        line = line[start:end] + ELLIPSIS
    if shaping:
        line = shape(line)
    if reorder:
        line = visual(line)
    return " " * max(0, width - cell_len(line)) + line


_RTL_LETTER = frozenset({"R", "AL"})
_RTL_TAIL = re.compile(r"(?:[ \u00a0]*[0-9\u0660-\u0669\u06f0-\u06f9][0-9\u0660-\u0669\u06f0-\u06f9"
                       r".,:/\u066b\u066c-]*)*[.!?\u061f\u060c\u061b:\u2026]*")
_RTL_HEAD = re.compile(r"(?:^|(?<=[.!?:;] ))[0-9\u0660-\u0669\u06f0-\u06f9][0-9\u0660-\u0669"
                       r"\u06f0-\u06f9.,:/\u066b\u066c-]*[ \u00a0]+$")


def rtl_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each right-to-left stretch of ``text`` (Arabic left in an English
    paragraph, a term quoted in it): from a right-to-left letter to the last one before the
    next left-to-right letter, with the numbers and stops that end it (في عام 2024.) and a
    number that opens it at a sentence's start; for an export to label them Arabic."""
    spans: list[tuple[int, int]] = []
    start = last = -1
    for i, ch in enumerate(text):
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL_LETTER:
            if start < 0:
                start = i
            last = i
        elif kind == "L" and start >= 0:
            spans.append(_rtl_span(text, start, last + 1))
            start = -1
    if start >= 0:
        spans.append(_rtl_span(text, start, last + 1))
    return spans


def _rtl_span(text: str, start: int, end: int) -> tuple[int, int]:
    tail = _RTL_TAIL.match(text, end)
    end = tail.end() if tail else end
    head = _RTL_HEAD.search(text[:start])
    return (head.start() if head else start, end)
