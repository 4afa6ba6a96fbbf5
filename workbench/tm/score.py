"""Match scores, in the bands translators know from memoQ, Trados and OmegaT.

- **101** context match: the source is identical and so are the previous and next source
  segments (decided by the caller, who knows the context);
- **100**: the source is identical (outer whitespace, invisible direction marks and a PDF's
  presentation forms aside; a TMX unit's ``{1}`` is the segment's ``<1>``);
- **95–99**: the same words, differing only in diacritics, tatweel, alef/hamza/ya/ta-marbuta
  spelling, digits (Arabic-Indic ↔ ASCII), punctuation, inline tags or spaces: 99 for one
  difference, one point less for each further one, 95 at least; so too the same words but for
  numbers that the match's target takes substituted (decided by the caller, who reads it);
- **below 95**: a word-level similarity. OmegaT scores ``100·(max(n,m) − LD)/max(n,m)`` with LD
  the edit distance over word tokens. Here LD is the mean of the distance over the words and
  the distance over their stems (the words without their proclitics), so وبالثورة against
  الثورة costs half a word, not a whole one; the stems' distance is never larger than the
  words', so this score is never below OmegaT's on the same tokens. It is floored, and capped
  at 94 (95 and above are reserved for the same words).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from workbench.tm.diff import Item, items, tag_key, unit_tags_as_tags
from workbench.tm.tokens import PLACEHOLDER

CONTEXT = 101
EXACT = 100
#: Direction marks and zero-width spaces: invisible, no difference between two sources.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
#: Arabic presentation forms (text copied from a PDF): the letters they draw.
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")


def _as_read(text: str) -> str:
    """``text`` as a reader sees it: without invisible marks, presentation forms written as
    their letters (ﻛﺘﺎﺏ is كتاب)."""
    text = _INVISIBLE.sub("", text)
    if _PRESENTATION.search(text):
        text = _PRESENTATION.sub(
            lambda m: "".join(unicodedata.normalize("NFKC", c).strip() for c in m.group()), text)
    return text.strip()


SAME_WORDS_MAX = 99
SAME_WORDS_MIN = 95
FUZZY_MAX = 94


def word_similarity(n: int, m: int, stem_distance: int, word_distance: int) -> int:
    """The word-level score of two texts of ``n`` and ``m`` words (floored)."""
    longest = max(n, m)
    if longest == 0:
        return 0
    return (100 * (2 * longest - stem_distance - word_distance)) // (2 * longest)


def fuzzy_score(q_stems: str, q_words: str, u_stems: str, u_words: str) -> int:
    """The below-95 score of two texts given as code strings (see workbench/tm/codes.py)."""
    return min(
        FUZZY_MAX,
        word_similarity(
            len(q_words), len(u_words),
            Levenshtein.distance(q_stems, u_stems), Levenshtein.distance(q_words, u_words),
        ),
    )


def identical(query: str, source: str) -> bool:
    """Whether two sources count as the same text (100%): equal once Unicode's canonical
    order is restored (a shadda typed before or after its kasra is one text), another tool's
    tag placeholders are read as the segment tags they stand for (``{1}`` is ``<1>``: the
    same tags in the same places, as a tagged segment's own TMX reads back), and read as a
    reader sees them: without the invisible direction marks and zero-width spaces that Word
    and Trados write into Arabic (RLM, RLE…PDF, the Arabic letter mark), presentation forms
    (a PDF's) as their letters."""
    query, source = query.strip(), source.strip()
    if query == source:
        return True
    query, source = _as_read(unit_tags_as_tags(query)), _as_read(unit_tags_as_tags(source))
    return query == source or (
        unicodedata.normalize("NFC", query) == unicodedata.normalize("NFC", source))


def same_words_score(query: str, source: str) -> int:
    """The 95–99 score of two different texts that have the same words (read as a reader
    sees them: invisible marks and presentation forms no difference)."""
    query, source = _as_read(query), _as_read(source)
    return max(SAME_WORDS_MIN, SAME_WORDS_MAX + 1 - differences(_items(query), _items(source)))


#: Texts' words and marks, kept: a query is scored against many units, a memory's unit for
#: many queries (an analysis).
_items = lru_cache(maxsize=16_384)(items)


def differences(a: Sequence[Item], b: Sequence[Item]) -> int:
    """How many things differ between two texts with the same words: each word written
    differently, each punctuation mark or tag added, removed or changed (at least 1; a
    segment's tag ``<1>`` and a TMX unit's ``{1}`` are the same tag)."""
    words_a = [_untagged(i.text) for i in a if i.is_word]
    words_b = [_untagged(i.text) for i in b if i.is_word]
    count = sum(x != y for x, y in zip(words_a, words_b, strict=False))
    count += abs(len(words_a) - len(words_b))
    count += Levenshtein.distance(_mark_keys(a), _mark_keys(b))
    return max(1, count)


def _untagged(word: str) -> str:
    """A word as written, without the tags inside it (و<1>الكتاب</1> is والكتاب)."""
    return PLACEHOLDER.sub("", word) if "{" in word or "<" in word else word


def _mark_keys(seq: Sequence[Item]) -> list[str]:
    """The keys of the marks of a text in order, the tags inside its words too."""
    out: list[str] = []
    for i in seq:
        if not i.is_word:
            out.append(i.key)
        elif "{" in i.text or "<" in i.text:
            out.extend(tag_key(m.group()) for m in PLACEHOLDER.finditer(i.text))
    return out


def band_score(
    query: str, q_stems: str, q_words: str, source: str, u_stems: str, u_words: str
) -> int:
    """The score (at most 100) of a unit with ``source`` for the text ``query``; the code
    strings are those of the two texts."""
    if identical(query, source):
        return EXACT
    if q_words and q_words == u_words:
        return same_words_score(query, source)
    return fuzzy_score(q_stems, q_words, u_stems, u_words)


BANDS: tuple[tuple[str, int, int], ...] = (
    ("101", 101, 101),
    ("100", 100, 100),
    ("95-99", 95, 99),
    ("85-94", 85, 94),
    ("75-84", 75, 84),
    ("50-74", 50, 74),
)


def band_of(score: int | None) -> str:
    """The analysis band of a best score ('no-match' below 50)."""
    if score is not None:
        for name, low, high in BANDS:
            if low <= score <= high:
                return name
    return "no-match"
