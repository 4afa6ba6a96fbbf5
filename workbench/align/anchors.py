"""Lexical anchors shared by an Arabic and an English sentence, found without any dictionary.

Each sentence gets a bag of *concepts*, strings that mean the same on both sides:
- ``N:3.5`` numbers, Arabic-Indic and ASCII digits alike (``٣٫٥`` = ``3.5``, ``1,051`` = ``1051``),
  and the common number words (تسعة = nine = ``N:9``);
- ``M:10`` months and ``D:5`` weekdays (أكتوبر, تشرين الأول = October; الجمعة = Friday);
- ``S:KRNSK`` names through their consonant skeletons (كيرينسكي = Kerensky);
- ``L:mwps`` Latin-script words left in the Arabic (MWPs, LiverpoolFC.com);
- ``P:?``, ``P:!``, ``P:"``, ``P:(``, ``P:%`` question and exclamation marks, quotations,
  brackets and per cent;
- ``G:<term>`` glossary terms: the Arabic matched through its morphology, the English through
  its inflections (:mod:`workbench.glossary.matcher`, :mod:`workbench.glossary.english`).

Name skeletons and Latin words are kept only when they occur on both sides of the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain, compress, count
from operator import itemgetter
from typing import TYPE_CHECKING

import numpy as np

from workbench.text.arabic_numbers import compound_numbers, number_part
from workbench.text.months import (
    ARABIC_MONTHS,
    ENGLISH_ABBREVIATIONS,
    ENGLISH_MONTHS,
    LEVANTINE_AUGUST,
)
from workbench.text.normalize import normalize_arabic
from workbench.text.stems import (
    AR_STOP,
    arabic_words,
    arabic_words_many,
    english_words,
    english_words_many,
    latin_words,
)
from workbench.text.translit import arabic_skeletons, english_skeleton

if TYPE_CHECKING:  # (the glossary's model is not loaded to align without one)
    from workbench.glossary.model import Glossary


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a literal list."""
    return text.split()

Bag = Counter[str]

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_NUMBER = re.compile(r"[\d٠-٩۰-۹]+(?:[.,٫٬][\d٠-٩۰-۹]+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_THOUSANDS_DOT = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")

_EN_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "hundreds": "100",
    "thousand": "1000", "thousands": "1000", "million": "1e6", "millions": "1e6",
    "billion": "1e9", "billions": "1e9", "half": "0.5", "dozen": "12", "once": "1",
    "twice": "2", "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16",
    "seventeen": "17", "eighteen": "18", "nineteen": "19", "sixty": "60", "seventy": "70",
    "eighty": "80", "ninety": "90", "tenths": "tenth", "tenth": "tenth", "first": "1st",
    "second": "2nd", "third": "3rd",
}
_AR_NUMBER_WORDS = {
    normalize_arabic(k): v
    for k, v in {
        "واحد": "1", "واحدة": "1", "اثنان": "2", "اثنين": "2", "اثنتان": "2", "اثنتين": "2",
        "ثلاث": "3", "ثلاثة": "3", "أربع": "4", "أربعة": "4", "خمس": "5", "خمسة": "5",
        "ستة": "6", "سبعة": "7", "ثماني": "8", "ثمانية": "8", "تسع": "9", "تسعة": "9",
        "عشر": "10", "عشرة": "10", "عشرون": "20", "عشرين": "20", "ثلاثون": "30",
        "ثلاثين": "30", "أربعون": "40", "أربعين": "40", "خمسون": "50", "خمسين": "50",
        "مئة": "100", "مائة": "100", "مئات": "100", "ألف": "1000", "آلاف": "1000",
        "مليون": "1e6", "ملايين": "1e6", "مليار": "1e9", "مليارات": "1e9", "بليون": "1e9",
        "نصف": "0.5", "أعشار": "tenth", "عُشر": "tenth", "مرة": "1", "مرتين": "2",
        "الأول": "1st", "الأولى": "1st", "الثاني": "2nd", "الثانية": "2nd", "الثالث": "3rd",
        "الثالثة": "3rd",
    }.items()
}
# The English months by their lower-cased names (workbench.text.months), and Sept: the anchors
# take no abbreviation of three letters (jan, mar, dec... are names or words as often)
_EN_MONTHS = {
    **{name.lower(): str(month) for month, name in enumerate(ENGLISH_MONTHS, start=1)},
    **{short.lower(): str(month) for short, month in ENGLISH_ABBREVIATIONS.items()
       if len(short) > 3},
}
# The Arabic months by their normalised names (workbench.text.months): the names of one word,
# and those of two (كانون الثاني = January) by their two words. The Levantine آب is left out on
# purpose: normalised it is أب "father"; _arabic_part finds it as written instead.
_AR_MONTHS = {
    normalize_arabic(name): str(month)
    for month, names in ARABIC_MONTHS.items()
    for name in names
    if " " not in name and name != LEVANTINE_AUGUST
}


def _month_pairs() -> dict[tuple[str, str], str]:
    """The months of two words by their normalised words (كانون الثاني = January...)."""
    out: dict[tuple[str, str], str] = {}
    for month, names in ARABIC_MONTHS.items():
        for name in names:
            if " " in name:
                first, second = normalize_arabic(name).split()
                out[first, second] = str(month)
    return out


_AR_MONTH_PAIRS = _month_pairs()
# The Levantine آب as written and as the number check finds it: a word of its own (not آبار),
# before a comma or a full stop too (4 آب، ...)
_AUGUST = re.compile(rf"(?<![\u0621-\u064a]){LEVANTINE_AUGUST}(?![\u0621-\u064a])")
_EN_DAYS = {
    d: str(i)
    for i, d in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), start=1
    )
}
_EN_CONCEPT_WORDS = frozenset((*_EN_NUMBER_WORDS, *_EN_MONTHS, *_EN_DAYS))
_QUOTE = re.compile("[\"“”«»]")
_AR_MONTH_FIRST = frozenset(first for first, _ in _AR_MONTH_PAIRS)
_HAS_DIGIT = re.compile(r"[\d٠-٩۰-۹]")
_HAS_LATIN = re.compile(r"[A-Za-z]")
_AR_DAYS = {
    normalize_arabic(k): v
    for k, v in {
        "الاثنين": "1", "الإثنين": "1", "الثلاثاء": "2", "الأربعاء": "3", "الخميس": "4",
        "الجمعة": "5", "السبت": "6", "الأحد": "7",
    }.items()
}
_AR_CLITICS = ("و", "ف", "ب", "ل", "ك")
# Which characters a sentence holds, as flags: a digit, a Latin letter, a quotation mark, a
# question or exclamation mark, a bracket, a per cent sign. The flags of every sentence come
# from one pass over the code points of all of them (:func:`_char_flags`), which spares a
# search per sentence and feature; a sentence's checks run only where its flag is set (its
# own searches still decide: ANY_CHAR, every flag, gives the answer of a sentence alone).
_F_DIGIT, _F_LATIN, _F_QUOTE, _F_QUESTION, _F_BANG, _F_BRACKET, _F_PERCENT = (
    1, 2, 4, 8, 16, 32, 64
)
ANY_CHAR = 127
_PLANE = 0x10000  # a character beyond the Basic Multilingual Plane sets every flag
_EN_PERCENT = re.compile(r"%|\bper ?cent\b|\bpercentage\b", re.IGNORECASE)
# في المئة, بالمئة (ب + المئة), and the spellings with ا
_AR_PERCENT = re.compile(r"[%٪]|(?:في\s?|ب)(?:المئة|المائة)")
# A capitalised word not inside a word, or a run of capitals: ``(?<![A-Za-z])[A-Z][a-z]+
# (?:['’]s)?|[A-Z]{2,}`` written to begin with its capital, which lets the engine skip to the
# capitals (three times as fast; the same matches on the repository's English)
_EN_CAPITAL = re.compile(r"[A-Z](?:(?<![A-Za-z][A-Z])[a-z]+(?:['’]s)?|[A-Z]+)")
_EN_NOT_NAMES = frozenset(
    _words(
        """The A An In On At As It He She We They I This That These Those There But And Or If When
        While For With From By To Of Mr Mrs Ms Dr After Before Since According Its His Her Their
        Our One Two Three Some Many Most All Both Each Every No Not Yet So Then Now"""
    )
)


@lru_cache(maxsize=100_000)
def number_key(raw: str) -> str:
    """The canonical value of a written number (``٣٫٥`` → ``3.5``, ``1,051`` → ``1051``)."""
    s = raw.translate(_DIGITS)
    if _THOUSANDS.fullmatch(s):
        s = s.replace(",", "")
    elif _THOUSANDS_DOT.fullmatch(s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    if "." in s:
        whole, _, frac = s.partition(".")
        frac = frac.rstrip("0")
        s = (whole.lstrip("0") or "0") + ("." + frac if frac else "")
    else:
        s = s.lstrip("0") or "0"
    return s


def _strip_clitic(word: str) -> str:
    if len(word) > 3 and word[0] in _AR_CLITICS:
        return word[1:]
    return word


def _new_bag() -> Bag:
    """An empty bag (``Counter()`` without its constructor's overhead, which shows at 10⁵
    sentences)."""
    return dict.__new__(Counter)


def _char_flag(char: str) -> int:
    """The flags of one character (see ``_F_DIGIT``)."""
    flag = 0
    for bit, pattern in ((_F_DIGIT, _HAS_DIGIT), (_F_LATIN, _HAS_LATIN), (_F_QUOTE, _QUOTE)):
        if pattern.match(char):
            flag |= bit
    for bit, chars in ((_F_QUESTION, "?؟"), (_F_BANG, "!"), (_F_BRACKET, "(["),
                       (_F_PERCENT, "%٪")):
        if char in chars:
            flag |= bit
    return flag


def _char_flags(texts: Sequence[str]) -> list[int]:
    """The character flags of each text (see ``_F_DIGIT``), from one pass over the code points
    of all of them: each distinct character is looked at once."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    if not lengths.any():
        return [0] * len(texts)
    cps = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    index = np.minimum(cps, _PLANE)
    table = np.zeros(_PLANE + 1, dtype=np.uint8)
    table[_PLANE] = ANY_CHAR
    for cp in np.flatnonzero(np.bincount(index, minlength=_PLANE + 1)[:_PLANE]).tolist():
        table[cp] = _char_flag(chr(cp))
    starts = np.cumsum(lengths) - lengths
    held = lengths > 0
    out = np.zeros(len(texts), dtype=np.uint8)
    out[held] = np.bitwise_or.reduceat(table.take(index), starts[held])
    return out.tolist()


def _punctuation(text: str, bag: Bag, arabic: bool, flags: int = ANY_CHAR) -> None:
    if flags & _F_QUESTION and ("?" in text or "؟" in text):
        bag["P:?"] = 1
    if flags & _F_BANG and "!" in text:
        bag["P:!"] = 1
    if flags & _F_QUOTE and _QUOTE.search(text):
        bag['P:"'] = 1
    if flags & _F_BRACKET and ("(" in text or "[" in text):
        bag["P:("] = 1
    # the expressions are slow (ب begins a match anywhere; case-blind word ends): they only
    # look where they may match
    if arabic:
        if (flags & _F_PERCENT and ("%" in text or "٪" in text)) or (
            ("المئة" in text or "المائة" in text) and _AR_PERCENT.search(text)
        ):
            bag["P:%"] = 1
    elif ((flags & _F_PERCENT and "%" in text) or "cent" in text.lower()) \
            and _EN_PERCENT.search(text):
        bag["P:%"] = 1


@lru_cache(maxsize=200_000)
def _arabic_word(word: str) -> tuple[tuple[str, ...], str, tuple[str, ...], bool]:
    """Per distinct word: its number/month/day concepts, its clitic-less form (the word itself
    when it is the first of a two-word month: the ك of كانون is no clitic), its skeletons
    and whether it may start a two-word month (كانون الثاني) or number (الثامنة عشرة)."""
    base = word if word in _AR_MONTH_FIRST else _strip_clitic(word)
    concepts = []
    for table, prefix in ((_AR_NUMBER_WORDS, "N:"), (_AR_MONTHS, "M:"), (_AR_DAYS, "D:")):
        value = table.get(word) or table.get(base)
        if value:
            concepts.append(prefix + value)
    skeletons: tuple[str, ...] = ()
    if word not in AR_STOP and len(word) >= 3:
        skeletons = tuple(sk for sk in arabic_skeletons(word) if len(sk) >= 2)
    starts = number_part(word, False)  # may start a number of several words
    sequence = base in _AR_MONTH_FIRST or (starts is not None and starts[0] != "teen")
    return tuple(concepts), base, skeletons, sequence


def arabic_bag(text: str, words: list[str] | None = None) -> tuple[Bag, list[str], list[str]]:
    """Concepts of an Arabic sentence, with its candidate name skeletons and Latin words
    (``words``: its :func:`arabic_words`, when they are known)."""
    if words is None:
        words = arabic_words(text)
    return _arabic_part(text, words, _special_words(words, None))


_Info = tuple[tuple[str, ...], str, tuple[str, ...], bool]


def _special_words(words: Iterable[str], names: set[str] | None) -> dict[str, _Info]:
    """The words (each once) that give a sentence anything: number, month or day concepts,
    the first word of a two-word month, or name skeletons (only those in ``names`` when it
    is given: a skeleton the other side never uses can never be shared)."""
    out: dict[str, _Info] = {}
    for w in dict.fromkeys(words):
        concepts, base, skeletons, first = _arabic_word(w)
        if names is not None and skeletons:
            skeletons = tuple(sk for sk in skeletons if sk in names)
        if concepts or skeletons or first:
            out[w] = (concepts, base, skeletons, first)
    return out


def _arabic_part(
    text: str, words: list[str], special: dict[str, _Info], flags: int = ANY_CHAR
) -> tuple[Bag, list[str], list[str]]:
    """:func:`arabic_bag` with the sentence's words and the text's special words known
    (``flags``: its :func:`_char_flags`, when they are known)."""
    bag = _new_bag()
    if flags & _F_DIGIT:
        for m in _NUMBER.finditer(text):
            bag["N:" + number_key(m.group())] = 1
    infos: list[_Info] = list(filter(None, map(special.get, words)))
    if any(map(itemgetter(3), infos)):  # a month or number of two words may be there
        last = len(words) - 1
        inside: set[int] = set()  # the words of numbers of several words
        for start, end, value in compound_numbers(words):
            bag[f"N:{value}"] = 1
            inside.update(range(start, end))
        for k in compress(count(), map(special.__contains__, words)):  # the special words
            if k in inside:
                continue
            concepts, base, _, first = special[words[k]]
            for concept in concepts:
                bag[concept] = 1
            if first and k < last:
                month = _AR_MONTH_PAIRS.get((base, words[k + 1]))
                if month:
                    bag["M:" + month] = 1
    else:  # (most words give skeletons only)
        for concepts in filter(None, map(itemgetter(0), infos)):
            for concept in concepts:
                bag[concept] = 1
    skeletons = list(chain.from_iterable(map(itemgetter(2), infos)))
    if LEVANTINE_AUGUST in text and _AUGUST.search(text):  # not in _AR_MONTHS
        bag["M:8"] = 1
    _punctuation(text, bag, True, flags)
    return bag, skeletons, latin_words(text) if flags & _F_LATIN else []


@lru_cache(maxsize=200_000)
def _english_word(word: str) -> tuple[str, ...]:
    """Per distinct lower-cased word: its number/month/day concepts."""
    out = []
    for table, prefix in ((_EN_NUMBER_WORDS, "N:"), (_EN_MONTHS, "M:"), (_EN_DAYS, "D:")):
        value = table.get(word)
        if value:
            out.append(prefix + value)
    return tuple(out)


@lru_cache(maxsize=200_000)
def _english_name(word: str) -> str:
    """The skeleton of a capitalised word when it may be a name, else ``""``."""
    if word in _EN_NOT_NAMES:
        return ""
    sk = english_skeleton(word)
    return sk if len(sk) >= 2 else ""


def english_bag(
    text: str, words: list[str] | None = None, flags: int = ANY_CHAR
) -> tuple[Bag, list[str], list[str]]:
    """Concepts of an English sentence, with its candidate name skeletons and its words
    (``words``: its :func:`english_words`, ``flags``: its :func:`_char_flags`, when they
    are known; the words are returned as they are, one-letter words included)."""
    bag = _new_bag()
    if flags & _F_DIGIT:
        for m in _NUMBER.finditer(text):
            bag["N:" + number_key(m.group())] = 1
    if words is None:
        words = english_words(text)
    if not _EN_CONCEPT_WORDS.isdisjoint(words):
        for w in filter(_EN_CONCEPT_WORDS.__contains__, words):
            for concept in _english_word(w):
                bag[concept] = 1
        if "May" not in text:
            bag.pop("M:5", None)  # "may" the verb
    skeletons = list(filter(None, map(_english_name, _EN_CAPITAL.findall(text))))
    _punctuation(text, bag, False, flags)
    return bag, skeletons, words


def _with_shared(
    parts: list[tuple[Bag, Iterable[str], Iterable[str]]], skeletons: set[str], latin: set[str]
) -> list[Bag]:
    """Each part's bag with its name skeletons and Latin words that the other side shares."""
    bags: list[Bag] = []
    for bag, sks, words in parts:
        if sks and not skeletons.isdisjoint(sks):
            for sk in sks:
                if sk in skeletons:
                    bag["S:" + sk] = 1
        if latin and not latin.isdisjoint(words):
            for w in words:
                if w in latin:
                    bag["L:" + w] = 1
        bags.append(bag)
    return bags


def anchor_bags(
    ar: Sequence[str], en: Sequence[str], glossary: Glossary | None = None,
    words: tuple[Sequence[list[str]], Sequence[list[str]]] | None = None,
) -> tuple[list[Bag], list[Bag]]:
    """The anchor concepts of every sentence of both sides (``words``: the sentences'
    :func:`arabic_words` and :func:`english_words`, when they are known)."""
    if words is None:
        words = (arabic_words_many(ar), english_words_many(en))
    en_parts = list(map(english_bag, en, words[1], _char_flags(en)))
    names = {sk for _, sks, _ in en_parts for sk in sks}
    special = _special_words(chain.from_iterable(words[0]), names)
    ar_parts = [_arabic_part(text, ws, special, flags)
                for text, ws, flags in zip(ar, words[0], _char_flags(ar), strict=True)]
    ar_sk = Counter(chain.from_iterable(map(set, map(itemgetter(1), ar_parts))))
    en_sk = Counter(chain.from_iterable(map(set, map(itemgetter(1), en_parts))))
    # A skeleton is a name only when both sides use it about as often (a common Arabic word
    # whose skeleton happens to match some English name is not).
    shared_sk = {
        sk for sk, count in ar_sk.items()
        if sk in en_sk and min(count, en_sk[sk]) * 2 + 1 >= max(count, en_sk[sk])
    }
    ar_latin = {w for _, _, lat in ar_parts for w in lat if len(w) > 1}
    # (the English words are gathered only when the Arabic holds Latin words to share)
    shared_latin = ar_latin.intersection(chain.from_iterable(ws for _, _, ws in en_parts)) \
        if ar_latin else ar_latin
    ar_bags = _with_shared(ar_parts, shared_sk, shared_latin)
    en_bags = _with_shared(en_parts, shared_sk, shared_latin)
    if glossary is not None and len(glossary):
        _glossary_anchors(ar, en, glossary, ar_bags, en_bags)
    # keep_shared, in place (the bags are this function's own)
    shared = {c for bag in ar_bags for c in bag} & {c for bag in en_bags for c in bag}
    for bag in (*ar_bags, *en_bags):
        if not shared.issuperset(bag):
            for c in [c for c in bag if c not in shared]:
                del bag[c]
    return ar_bags, en_bags


def keep_shared(ar_bags: list[Bag], en_bags: list[Bag]) -> tuple[list[Bag], list[Bag]]:
    """The bags without concepts that occur on one side only (they can never match)."""
    ar_seen = {c for bag in ar_bags for c in bag}
    en_seen = {c for bag in en_bags for c in bag}
    shared = ar_seen & en_seen
    ar_out = [Counter({c: v for c, v in bag.items() if c in shared}) for bag in ar_bags]
    en_out = [Counter({c: v for c, v in bag.items() if c in shared}) for bag in en_bags]
    return ar_out, en_out


def _glossary_anchors(
    ar: Sequence[str],
    en: Sequence[str],
    glossary: Glossary,
    ar_bags: list[Bag],
    en_bags: list[Bag],
) -> None:
    """Add ``G:<term>`` to Arabic sentences holding a term and English ones holding a rendering."""
    from workbench.glossary.english import find_rendering
    from workbench.glossary.matcher import TermMatcher

    matcher = TermMatcher(glossary)
    found: set[str] = set()
    for text, bag in zip(ar, ar_bags, strict=True):
        for match in matcher.find(text):
            bag["G:" + match.term] = 1
            found.add(match.term)
    if not found:
        return
    renderings: list[tuple[str, str, str]] = []  # (term, rendering, cheap prefilter)
    by_term = glossary.terms()
    for term in found:
        for entry in by_term.get(term, []):
            words = [w for w in re.split(r"[\s\-]+", entry.rendering.lower()) if w]
            if words:
                key = max(words, key=len)[:4]
                renderings.append((term, entry.rendering, key))
    for text, bag in zip(en, en_bags, strict=True):
        lower = text.lower()
        for term, rendering, key in renderings:
            if "G:" + term in bag or key not in lower:
                continue
            if find_rendering(text, rendering):
                bag["G:" + term] = 1
