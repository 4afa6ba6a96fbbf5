"""Arabic normalisation for MATCHING only (never for storage), with a map back to the original.

What is folded:
- removed: harakat and tanween (U+064B-U+065F), superscript alef (U+0670), Quranic marks
  (U+06D6-U+06ED), tatweel (U+0640), zero-width and direction marks, and the extra
  characters of a whitespace run (every whitespace character becomes one space);
- alef forms أ إ آ ٱ (and the rarer wavy-hamza alefs) → ا; hamza seats ؤ ئ → ء, and a yeh
  written before a hamza is dropped (شيء = شئ; شَيْءٌ too: marks between them go first);
- alef maqsura ى and Persian ی → ي; Persian ک → ك; Arabic-Indic and Persian digits → 0-9;
- a presentation form of one letter → that letter (ligatures: :func:`expand_ligatures`);
- ta marbuta ة → ه (``fold_ta_marbuta=True``, the default), so ثوره and ثورة compare equal.
  The term matcher keeps ة distinct (it tells عمالة "labour" from عماله "his workers").

Every kept character maps to exactly one character, so the normalised text and the original
differ only by deletions; :class:`Normalized` maps normalised offsets back to the original.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

# Characters deleted for matching: diacritics, tatweel, invisible marks.
_DELETE_CLASS = (
    "\u0610-\u061a"  # Quranic honorifics and small marks
    "\u064b-\u065f"  # harakat, tanween, shadda, sukun, maddah/hamza above/below
    "\u0670"  # superscript (dagger) alef
    "\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"  # Quranic annotation marks
    "\u0640"  # tatweel
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff"  # zero-width, bidi controls, BOM
)
# One regex finds everything that is deleted: the marks above, and the extra characters of a
# whitespace run (together with any marks inside the run).
# A yeh seat before a hamza is dropped too (شيء = شئ, لاجىء = لاجئ), marks between them or
# not (the sukun of شَيْء, the shadda of سَيِّئ: vocalised text meets plain text).
#
# Written as: one character of the three kinds, then which rule holds. The original form
#   (?<=\s)[\s{D}]+ | [{D}]+ | [\u064a\u0649](?=[{D}]*[\u0621\u0626])
# finds the same matches (tests/text check it) but, starting with a choice, makes the engine try
# every rule at every character; starting with one character class lets it skip quickly to the
# characters that can begin a match (about twice as fast on Arabic text).
_DELETE_RE = re.compile(
    rf"[\s{_DELETE_CLASS}\u064a\u0649]"
    rf"(?:(?<=\s[\s{_DELETE_CLASS}])[\s{_DELETE_CLASS}]*"  # whitespace (or a mark) after whitespace
    rf"|(?<=[{_DELETE_CLASS}])[{_DELETE_CLASS}]*"  # a run of marks
    rf"|(?<=[\u064a\u0649])(?=[{_DELETE_CLASS}]*[\u0621\u0626]))"  # a yeh seat before a hamza
)

# The vowel marks and the tatweel alone (harakat, tanween, shadda, sukun, superscript alef), for
# readers that match the letters as written otherwise (قَالَ is قال, تمّوز is تموز)
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")

_COMMON: dict[str, str] = {
    "\u0622": "\u0627",  # آ
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0671": "\u0627",  # ٱ
    "\u0672": "\u0627",
    "\u0673": "\u0627",
    "\u0675": "\u0627",
    "\u0624": "\u0621",  # ؤ → ء
    "\u0626": "\u0621",  # ئ → ء
    "\u0649": "\u064a",  # ى → ي
    "\u06cc": "\u064a",  # Persian yeh
    "\u06d2": "\u064a",  # yeh barree
    "\u06a9": "\u0643",  # Persian keheh → ك
    "\u06c0": "\u0629",  # heh with yeh above (Persian ezafe ta) → ة
    "\u06d5": "\u0647",  # ae → ه
}
for _i in range(10):
    _COMMON[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _COMMON[chr(0x06F0 + _i)] = str(_i)  # Persian digits
for _ws in "\t\n\r\v\f\u00a0\u1680\u2028\u2029\u202f\u205f\u3000":
    _COMMON[_ws] = " "
for _i in range(0x2000, 0x200B):  # en quad ... hair space
    _COMMON[chr(_i)] = " "
# Presentation forms (text pasted from PDFs, old dictionaries): each form of one letter is
# that letter (ﻙ ﻛ → ك; ﺃ → ا as أ is). Ligatures of several letters (ﻻ) are
# expanded only where no offsets are kept (see expand_ligatures).
_LIGATURES = []
for _cp in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
    _base = unicodedata.normalize("NFKC", chr(_cp))
    if len(_base) > 1:
        _LIGATURES.append(chr(_cp))
    elif _base != chr(_cp):
        _COMMON[chr(_cp)] = _COMMON.get(_base, _base)

# Folding ة to ه folds what maps to ة too (ۀ): no value of a table is one of its keys, so the
# replacements give one result in whatever order they are made.
_FOLD_TA = {ch: "\u0647" if to == "\u0629" else to for ch, to in _COMMON.items()}
_FOLD_TA["\u0629"] = "\u0647"
# str.translate looks every character up in a dict; replacing only the few characters that
# need it (found by one regex scan) is several times faster on Arabic text.
_MAPPED_KEEP_TA = re.compile("[" + re.escape("".join(_COMMON)) + "]")
_MAPPED_FOLD_TA = re.compile("[" + re.escape("".join(_FOLD_TA)) + "]")


def _fold(text: str, fold_ta_marbuta: bool) -> str:
    pattern, table = (
        (_MAPPED_FOLD_TA, _FOLD_TA) if fold_ta_marbuta else (_MAPPED_KEEP_TA, _COMMON)
    )
    for ch in set(pattern.findall(text)):
        text = text.replace(ch, table[ch])
    return text


@dataclass
class Normalized:
    """A normalised text and the way back to offsets in its original."""

    original: str
    text: str
    _deleted_starts: list[int] = field(default_factory=list, repr=False)
    _deleted_before: list[int] = field(default_factory=list, repr=False)

    def to_original(self, index: int) -> int:
        """The original offset of normalised offset ``index`` (the end maps to the end)."""
        if index >= len(self.text):
            return len(self.original)
        # _deleted_starts[k] is the normalised offset at which the k-th deleted run sits;
        # every run at or before ``index`` shifts it right by the run's length.
        k = bisect_right(self._deleted_starts, index)
        return index + (self._deleted_before[k - 1] if k else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised half-open span to the original text.

        The start goes to its character; the end goes to the character after the last one
        covered, so diacritics and tatweel that trail the last letter are inside the span.
        """
        if end <= start:
            s = self.to_original(start)
            return s, s
        return self.to_original(start), self.to_original(end)

    def mapping(self) -> list[int]:
        """For every normalised character, the index of the original character it came from."""
        return [self.to_original(i) for i in range(len(self.text))]


def normalize(text: str, *, fold_ta_marbuta: bool = True) -> Normalized:
    """Normalise ``text`` for matching and keep what is needed to map offsets back."""
    runs = [m.span() for m in _DELETE_RE.finditer(text)]
    if not runs:
        return Normalized(text, _fold(text, fold_ta_marbuta))
    before = list(accumulate(e - s for s, e in runs))
    starts = [runs[0][0]] + [s - removed for (s, _), removed in zip(runs[1:], before, strict=False)]
    # the text without the runs (what _DELETE_RE.sub("", text) gives, without a second scan)
    pieces = []
    pos = 0
    for s, e in runs:
        pieces.append(text[pos:s])
        pos = e
    pieces.append(text[pos:])
    return Normalized(text, _fold("".join(pieces), fold_ta_marbuta), starts, before)


#: Words whose normalised forms fingerprint the normalisation: what is stored normalised (the
#: dictionaries' key caches, the translation memory's index) is stale when theirs change. A
#: change to the normalisation adds a word it changes.
PROBE_WORDS = ("الكتاب", "وبالمدرسة", "أَحْمَد", "إبراهيم", "مستشفى", "رئيسـة", "لِلْبيت", "الذين",
               "ﻻ", "إلغاء", "شَيْءٌ", "Book")


def normalize_arabic(text: str) -> str:
    """Normalise Arabic for matching only (diacritics, tatweel, alefs, ى/ي, ة/ه, hamza seats)."""
    return _fold(_DELETE_RE.sub("", text), True)


def match_key(text: str) -> str:
    """The key under which Arabic text is matched: :func:`normalize_arabic`, white space
    collapsed to single spaces, none at the ends."""
    return " ".join(normalize_arabic(text).split())


_LIGATURE = re.compile("[" + "".join(_LIGATURES) + "]")


def expand_ligatures(text: str) -> str:
    """``text`` with Arabic ligature presentation forms written as their letters (ﻻ → لا,
    ﷲ → الله), for keys that keep no offsets (dictionary headwords and queries)."""
    if not _LIGATURE.search(text):
        return text
    return _LIGATURE.sub(lambda m: unicodedata.normalize("NFKC", m.group()).strip(), text)


def expand_ligatures_mapped(text: str) -> tuple[str, list[int] | None]:
    """``text`` with its ligatures expanded (:func:`expand_ligatures`) and, for each of its
    characters and one past the end, the offset in ``text`` it came from (None when ``text``
    has no ligature: nothing moved)."""
    if not _LIGATURE.search(text):
        return text, None
    pieces: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if _LIGATURE.match(ch):
            ch = expand_ligatures(ch)
        pieces.append(ch)
        where.extend([i] * len(ch))
    where.append(len(text))
    return "".join(pieces), where


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, per normalised character, the index of its original character."""
    norm = normalize(text)
    return norm.text, norm.mapping()


# --- many texts at once ---------------------------------------------------------------------
# The same normalisation as normalize_arabic, computed over arrays of code points with numpy
# (a few nanoseconds a character instead of regular expressions' tens): the translation memory
# normalises a million units at import. The tables come from the ones above; the rules are the
# three of _DELETE_RE: the deleted marks, a yeh before a hamza (in the text without the marks),
# and the whitespace after a whitespace character (in the text without those). tests/text check that
# both give the same result.

_BMP = 0x10000
_MARK, _SPACE = 1, 2
_tables: tuple[Any, Any] | None = None


def _batch_tables() -> tuple[Any, Any]:
    """(fold map, flags: 1 deleted mark, 2 whitespace) over the Basic Multilingual Plane."""
    global _tables
    if _tables is None:
        import numpy as np

        fold = np.arange(_BMP, dtype=np.uint32)
        for ch, to in _FOLD_TA.items():
            fold[ord(ch)] = ord(to)
        # one scan of the whole plane per rule (a call per character took ten times as long);
        # re's \s is str.isspace. The plane's text decoded from its code points (a third of
        # the time of joining a chr of each: this is paid once a process, at the first call)
        plane = np.arange(_BMP, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
        flags = np.zeros(_BMP, dtype=np.uint8)
        for rule, flag in ((f"[{_DELETE_CLASS}]", _MARK), (r"\s", _SPACE)):
            flags[[m.start() for m in re.finditer(rule, plane)]] |= flag
        _tables = (fold, flags)
    return _tables


def space_flags() -> Any:
    """Per code point of the Basic Multilingual Plane: whether it is white space (str.isspace,
    re's \\s), from the batch tables (made once a process)."""
    return (_batch_tables()[1] & _SPACE) != 0


def normalize_codepoints(cps: Any, owner: Any) -> tuple[Any, Any]:
    """normalize_arabic over many texts given as code points (uint32) and, per code point, the
    index of its text (non-decreasing); returns both arrays for the normalised texts."""
    import numpy as np

    fold, flags = _batch_tables()
    size = len(cps)
    if not size:
        return cps, owner
    wide = bool((cps >= _BMP).any())  # characters beyond the BMP are never changed
    index = np.minimum(cps, _BMP - 1) if wide else cps
    flag = flags.take(index)
    if wide:
        flag[cps >= _BMP] = 0
    # kept: not a mark; then not a yeh before a hamza of the same text (the marks between
    # them, if any, gone)
    keep = (flag & _MARK) == 0
    if not keep.all():
        cps, owner, index, flag = cps[keep], owner[keep], index[keep], flag[keep]
    # (each rule finds its few candidates first, then looks at their texts)
    before = np.flatnonzero((cps[1:] == 0x0621) | (cps[1:] == 0x0626))
    yeh = cps[before]
    before = before[((yeh == 0x064A) | (yeh == 0x0649)) & (owner[before + 1] == owner[before])]
    if len(before):
        keep = np.ones(len(cps), bool)
        keep[before] = False
        cps, owner, index, flag = cps[keep], owner[keep], index[keep], flag[keep]
    # then a whitespace character right after a whitespace character of the same text (among
    # the characters kept so far) goes too
    space = (flag & _SPACE) != 0
    after = np.flatnonzero(space[1:] & space[:-1]) + 1
    after = after[owner[after] == owner[after - 1]]
    if len(after):
        keep = np.ones(len(cps), bool)
        keep[after] = False
        cps, owner, index = cps[keep], owner[keep], index[keep]
    out = fold.take(index)
    if wide:
        big = cps >= _BMP
        out[big] = cps[big]
    return out, owner


def encode_texts(texts: Sequence[str]) -> tuple[Any, Any]:
    """The code points of ``texts`` (uint32) and, per code point, the index of its text."""
    import numpy as np

    lengths = np.fromiter((len(t) for t in texts), np.int64, len(texts))
    cps = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    owner = np.repeat(np.arange(len(texts), dtype=np.int32), lengths)
    return cps, owner


def decode_texts(cps: Any, owner: Any, count: int) -> list[str]:
    """The texts (``count`` of them) whose code points and owners are given."""
    import numpy as np

    joined = cps.astype(np.uint32).tobytes().decode("utf-32-le")
    ends = np.cumsum(np.bincount(owner, minlength=count)).tolist()
    out: list[str] = []
    start = 0
    for end in ends:
        out.append(joined[start:end])
        start = end
    return out


def normalize_arabic_many(texts: Sequence[str]) -> list[str]:
    """normalize_arabic of each text, computed for all of them at once (the same results)."""
    cps, owner = normalize_codepoints(*encode_texts(texts))
    return decode_texts(cps, owner, len(texts))
