"""Enumerated items run into one sentence: a legal text lists "أ. … ب. … ج. …" on one Arabic
line where its translation gives each item a line of its own (or the reverse, "(a) … (b) …").

:func:`item_count` counts the items of such a list in a sentence: the longest run of list
markers in order (أ ب ج د هـ… in abjad or in alphabetical order, أولاً ثانياً ثالثاً…,
1 2 3…, a b c…, i ii iii…).
A marker stands at the start of the sentence or after a space, a bracket or punctuation, and
is followed by ``.``, ``)``, ``-`` or ``:``, or enclosed in brackets, and an item holds two
words or more. One marker alone (an abbreviation such as د. for Dr., a score such as 1-0) is
no list, nor is a reference to items ("paragraphs (1), (2) and (3)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import pairwise

import numpy as np

from workbench.text.normalize import space_flags


def _letters(text: str) -> list[str]:
    return text.split()


_ABJAD = _letters("أ ب ج د هـ و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض ظ غ")
_ALPHABETICAL = _letters("أ ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن هـ و ي")
_ROMAN = _letters("i ii iii iv v vi vii viii ix x xi xii")
_ORDINALS = _letters("أول ثاني ثالث رابع خامس سادس سابع ثامن تاسع عاشر")  # أولاً: ثانياً:
# a list's second marker, and the first before it
_FIRST = {"ب": "أ", "2": "1", "b": "a", "ii": "i", "ثاني": "أول"}
_ENDS = ".)-–:"
_WORD = re.compile(r"[^\W\d_]{2,}")
_DOT_SPACE = re.compile(r"\.\s")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")

_LETTERS = "|".join(sorted(set(_ABJAD), key=len, reverse=True))
_AR_MARKER = re.compile(
    rf"(?:^|(?<=[\s.:;،؛)]))(?:\((?P<b>{_LETTERS}|[0-9٠-٩]{{1,2}})\)"
    rf"|(?P<m>{_LETTERS}|[0-9٠-٩]{{1,2}})\s?[.)\-–:]"
    rf"|(?P<o>{'|'.join(_ORDINALS)})[اً\u064b]{{1,2}}\s?[:\-–)])"
)
_EN_MARKER = re.compile(
    r"(?:^|(?<=[\s.:;,)]))(?:\((?P<b>[a-z]|[ivx]{1,4}|[0-9]{1,2})\)"
    r"|(?P<m>[a-z]|[ivx]{1,4}|[0-9]{1,2})[.)]\s)"
)


def _follows(prev: str, cur: str) -> bool:
    """Whether list marker ``cur`` comes right after ``prev`` in some numbering."""
    if prev.isdigit() and cur.isdigit():
        return int(cur) == int(prev) + 1
    for order in (_ABJAD, _ALPHABETICAL, _ROMAN, _ORDINALS):
        if prev in order and cur in order and order.index(cur) == order.index(prev) + 1:
            return True
    return len(prev) == len(cur) == 1 and prev.isascii() and ord(cur) == ord(prev) + 1


def item_count(text: str, arabic: bool) -> int:
    """How many items of one enumerated list the sentence holds (0 when it holds no list of
    two items or more)."""
    if sum(map(text.count, _ENDS)) < 2:  # every marker has one: a quick way out
        return 0
    # an English marker holds ")" or "." and a space: most sentences have neither twice
    if not arabic and text.count(")") + len(_DOT_SPACE.findall(text)) < 2:
        return 0
    pattern = _AR_MARKER if arabic else _EN_MARKER
    found = list(pattern.finditer(text))
    runs = [1]  # lengths of the runs of markers in order
    for prev, cur in pairwise(found):
        item = text[prev.end() : cur.start()]
        if _follows(_marker(prev), _marker(cur)) and len(_WORD.findall(item)) >= 2:
            runs[-1] += 1
        else:
            runs.append(1)
    if found and runs[0] > 1:
        # A list whose first marker is its second (ب, 2, b) after an item of text: that text
        # is the first item, its marker lost ("- شركة التضامن.ب- شركة التوصية…").
        first = _marker(found[0])
        if (_follows(_FIRST.get(first, ""), first)
                and len(_WORD.findall(text[: found[0].start()])) >= 2):
            runs[0] += 1
    best = max(runs)
    return best if best > 1 else 0


# Code point flags of the Arabic pre-check (:func:`item_counts`); no code point above the
# table is any of them (U+3000 is the last whitespace).
_END, _BOUND, _SPACE, _ALEF = 1, 2, 4, 8
_TABLE_END = 0x3001


@cache
def _flag_table() -> np.ndarray:
    table = np.zeros(_TABLE_END + 1, dtype=np.uint8)  # the last entry: every code point above
    # white space as \s matches it in a str pattern (the normaliser's table of the plane: a
    # look at each of these code points in Python took 4 ms a process)
    table[:_TABLE_END][space_flags()[:_TABLE_END]] = _BOUND | _SPACE
    for chars, flag in ((_ENDS, _END), (".:;،؛)", _BOUND), ("اً", _ALEF)):
        table[[ord(char) for char in chars]] |= flag
    return table


def item_counts(texts: Sequence[str], arabic: bool) -> list[int]:
    """:func:`item_count` of each text. Arabic texts are first checked all at once over their
    code points: a marker ends at a distinct place, an end mark after (maybe one space and)
    either a mark or a word of at most three characters at the start of the text or after a
    space or punctuation (``1.``, ``(أ)``, ``هـ-``), or an alef or tanween (``أولاً:``); a
    text with fewer than two such places holds no list, as item_count finds. (English texts
    are passed over quicker by item_count's own checks.)"""
    if not arabic:
        return [item_count(text, False) for text in texts]
    out = [0] * len(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    if not lengths.any():
        return out
    cps = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    flags = _flag_table()[np.minimum(cps, _TABLE_END)]
    at = np.flatnonzero(flags & _END)  # the end marks
    bounds = np.cumsum(lengths)
    owner = np.searchsorted(bounds, at, side="right")
    start = (bounds - lengths)[owner]  # of each end mark's text

    def flag(pos: np.ndarray, bit: int) -> np.ndarray:  # False before the text's start
        return (pos >= start) & ((flags[np.maximum(pos, 0)] & bit) > 0)

    last = at - 1 - flag(at - 1, _SPACE)  # the marker's last character (one space skipped)
    held = flag(last, _ALEF)
    for back in range(3):  # the marker's first character: ``back`` before its last
        first = last - back
        held |= (first == start) | flag(first - 1, _BOUND)
    places = np.bincount(owner[held], minlength=len(texts))
    for k in np.flatnonzero(places >= 2).tolist():
        out[k] = item_count(texts[k], True)
    return out


def _marker(match: re.Match[str]) -> str:
    found = match.groupdict()
    return (found["b"] or found["m"] or found.get("o") or "").translate(_ARABIC_DIGITS)
