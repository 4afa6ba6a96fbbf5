"""Numbered headings that open a link: "المادة 5" faces "Article 5", "الفصل الثاني" "Chapter II".

A law's translation keeps its articles: where both texts open sentences with a heading of the
same number, the link starts there. Lengths alone may join the heading's sentence to a long
link before it (the UDHR run together without its layout: the preamble's eight Arabic
sentences face one English sentence, and the link took "المادة 1 …" too); a number anchor
inside so large a link weighs little. :func:`heading_starts` gives such sentences a bonus for
starting a link (the same bonus :mod:`cues` teaches), on each side, when at least two heading
numbers occur on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

# The bonus of a heading sentence on each side (a cost in the search's units). Strict link F1
# of the UDHR run together (bench/align.py): 0.957 without, 0.950 at 1.0, 1.000 from 1.5 to 4;
# the legal sets and the UDHR as laid out unchanged at every weight.
BONUS = 2.0
# Headings of at least this many numbers on both sides (one shared number may be a reference)
SHARED = 2

_ORDINALS = {
    w: n + 1
    for n, words in enumerate((
        "اول اولى", "ثاني ثانية", "ثالث ثالثة", "رابع رابعة", "خامس خامسة", "سادس سادسة",
        "سابع سابعة", "ثامن ثامنة", "تاسع تاسعة", "عاشر عاشرة",
    ))
    for w in words.split()
}
_ONES = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix")
_ROMAN = {tens + ones: 10 * t + n for t, tens in enumerate(("", "x", "xx"))
          for n, ones in enumerate(_ONES) if tens + ones}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_AR_HEADING = re.compile(
    r"\s*(?:ال)?(?:مادة|فصل|بند|باب|قسم|جزء|فرع)\s*[(\[]?\s*"
    r"(?:(?P<d>[0-9٠-٩۰-۹]{1,4})|ال(?P<o>[اأ]ول[ىي]?|[\u0621-\u064a]{3,5}))(?![\u0621-\u064a])"
)
_EN_HEADING = re.compile(
    r"\s*(?:Article|Section|Chapter|Part|Clause|Title|Book)\s+[(\[]?\s*"
    r"(?:(?P<d>[0-9]{1,4})|(?P<r>[IVXivx]{1,5}))\b"
)


def _arabic_number(text: str) -> int | None:
    m = _AR_HEADING.match(text)
    if m is None:
        return None
    if m["d"]:
        return int(m["d"].translate(_DIGITS))
    word = m["o"].replace("أ", "ا").replace("ى", "ي")
    return _ORDINALS.get(word) or _ORDINALS.get(word.removesuffix("ي") + "ى")


def _english_number(text: str) -> int | None:
    m = _EN_HEADING.match(text)
    if m is None:
        return None
    return int(m["d"]) if m["d"] else _ROMAN.get(m["r"].lower())


def heading_starts(
    ar: Sequence[str], en: Sequence[str]
) -> tuple[np.ndarray, np.ndarray] | None:
    """Per Arabic and per English sentence, BONUS where it opens with a numbered heading whose
    number also opens a sentence of the other text (None: fewer than SHARED such numbers)."""
    ar_numbers = [_arabic_number(s) for s in ar]
    en_numbers = [_english_number(s) for s in en]
    shared = set(ar_numbers) & set(en_numbers)
    shared.discard(None)
    if len(shared) < SHARED:
        return None
    def bonuses(numbers: list[int | None]) -> np.ndarray:
        return np.array([BONUS if k in shared else 0.0 for k in numbers], dtype=np.float32)

    return bonuses(ar_numbers), bonuses(en_numbers)


def with_headings(
    starts: tuple[np.ndarray, np.ndarray] | None, ar: Sequence[str], en: Sequence[str]
) -> tuple[np.ndarray, np.ndarray] | None:
    """``starts`` (each sentence's bonus for starting a link, or None) with the headings'."""
    heads = heading_starts(ar, en)
    if heads is None:
        return starts
    if starts is None or starts[0] is None:
        return heads
    return (starts[0] + heads[0]).astype(np.float32), (starts[1] + heads[1]).astype(np.float32)
