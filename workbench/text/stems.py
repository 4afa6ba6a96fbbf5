"""Words for lexical matching (the aligner, dictionary look-ups): normalised, light-stemmed
Arabic and English tokens, stop words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from workbench.text.normalize import (
    decode_texts,
    encode_texts,
    normalize_arabic,
    normalize_codepoints,
)


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a literal list."""
    return text.split()


# The code points of Arabic words (letters, Arabic-Indic digits, extended letters)
_AR_WORD_RANGES = ((0x0621, 0x064A), (0x0660, 0x0669), (0x0671, 0x06D3))
_AR_WORD = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _AR_WORD_RANGES) + "]+")
_EN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_LATIN_IN_AR = re.compile(r"[A-Za-z][A-Za-z0-9&'’.\-]*[A-Za-z0-9]|[A-Za-z]")

AR_STOP = frozenset(
    normalize_arabic(w)
    for w in _words(
        """في من على إلى الى عن أن إن ان أو او ثم قد لقد كان كانت يكون تكون كانوا هو هي هم هما هن
        نحن أنا انت أنت التي الذي الذين اللذين اللتين اللواتي هذا هذه ذلك تلك هؤلاء أولئك ما
        ماذا لا لم لن ليس ليست مع بين عند عندما حتى كل بعض غير أي أيضا أيضًا وقد فقد كما لكن
        ولكن بل إذا اذا لو منذ خلال حول ضد تحت فوق أمام بعد قبل حيث حين إلا الا سوف هناك هنا وهو
        وهي وهم وفي ومن وعلى وإلى وعن وأن وإن وكان وكانت وما ولا ولم ولن به بها بهم له لها لهم
        منه منها منهم عليه عليها عليهم فيه فيها فيهم إليه إليها عنه عنها أنه أنها إنه إنها وأنه
        يمكن التى الى ولا"""
    )
)
EN_STOP = frozenset(
    _words(
        """a an the of and or in on at to for by with from as into onto about than then that this
        these those there here is are was were be been being am has have had having do does did
        it its it's he she they them his her their him we us our you your i me my not no nor so
        but if while when which who whom whose what where why how all any each some such very
        can could would should will shall may might must also just only over under up down out
        more most other own same too s t don't didn't doesn't isn't wasn't aren't weren't said
        says"""
    )
)

_AR_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك", "س")
_AR_SUFFIXES = (
    "هما", "كما", "تين", "تان", "ات", "ون", "ين", "ان", "ها", "هم", "هن", "نا", "كم", "ية", "ه",
    "ة", "ي", "ا",
)


def arabic_words(text: str) -> list[str]:
    """Normalised Arabic words of ``text`` (diacritics, alef forms, ة/ه folded)."""
    return _AR_WORD.findall(normalize_arabic(text))


@lru_cache(maxsize=1)
def _word_table() -> Any:
    """Per code point of the Basic Multilingual Plane: whether it is in an Arabic word."""
    import numpy as np

    table = np.zeros(0x10000, dtype=bool)  # (0xFFFF, where characters beyond it go, is not)
    for first, last in _AR_WORD_RANGES:
        table[first : last + 1] = True
    return table


def arabic_words_many(texts: Sequence[str]) -> list[list[str]]:
    """:func:`arabic_words` of each text, normalised all at once (the same words, faster: every
    character outside a word made a space, a text's words are its whitespace-separated parts,
    which spares a search character by character)."""
    import numpy as np

    cps, owner = normalize_codepoints(*encode_texts(texts))
    cps = np.where(_word_table().take(np.minimum(cps, 0xFFFF)), cps, 32)
    return [t.split() for t in decode_texts(cps, owner, len(texts))]


def latin_words(text: str) -> list[str]:
    """Latin-script tokens inside Arabic text, lower-cased (MWPs, twp, LiverpoolFC.com)."""
    return [w.lower().rstrip(".") for w in _LATIN_IN_AR.findall(text)]


@lru_cache(maxsize=200_000)
def _english_word(token: str) -> str:
    w = token.lower().replace("’", "'")
    return w[:-2] if w.endswith("'s") else w


def english_words(text: str) -> list[str]:
    """Lower-cased English words (possessive 's removed)."""
    return list(map(_english_word, _EN_WORD.findall(text)))


# A sentence's bytes (UTF-8) with ASCII capitals lowered and every byte but an ASCII letter a
# space: its words are then its whitespace-separated parts (a character beyond ASCII has no
# byte below 0x80, so none of it is kept)
_LETTER_BYTES = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256)
)


def english_words_many(texts: Sequence[str]) -> list[list[str]]:
    """:func:`english_words` of each text (the same words, faster: a text without an
    apostrophe is split at its bytes that are no letter, not searched word by word). A word
    is one string however often it comes, as with :func:`english_words` (a string a token
    took 5 MB more at 10,000 sentences)."""
    same: dict[str, str] = {}
    out: list[list[str]] = []
    for t in texts:
        if "'" in t or "’" in t:
            out.append(english_words(t))
        else:
            words = t.encode("utf-8", "surrogatepass").translate(_LETTER_BYTES).decode().split()
            out.append(list(map(same.setdefault, words, words)))
    return out


# The letters a proclitic begins with and a suffix ends with: a word with neither is its own
# stem without a look at the lists (most words of a text)
_AR_PROCLITIC_FIRST = "".join({p[0] for p in _AR_PROCLITICS})
_AR_SUFFIX_LAST = "".join({s[-1] for s in _AR_SUFFIXES})


@lru_cache(maxsize=200_000)
def arabic_stem(word: str) -> str:
    """A light stem: one proclitic chain and one suffix off, keeping at least 3 letters."""
    if len(word) < 4:  # (nothing comes off and leaves 3 letters)
        return word
    if word[0] in _AR_PROCLITIC_FIRST:
        for p in _AR_PROCLITICS:
            if word.startswith(p) and len(word) - len(p) >= 3:
                word = word[len(p) :]
                break
    if word[-1] in _AR_SUFFIX_LAST:
        for s in _AR_SUFFIXES:
            if word.endswith(s) and len(word) - len(s) >= 3:
                return word[: -len(s)]
    return word


@lru_cache(maxsize=200_000)
def english_stem(word: str) -> str:
    """A light stem: plural, past, gerund and adverb endings off (keeping 3+ letters)."""
    if len(word) < 4 or word[-1] not in "sdgy":  # (no ending comes off)
        return word
    for suffix, repl in (
        ("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("ly", ""),
        ("es", ""), ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: -len(suffix)] + repl
    return word


@lru_cache(maxsize=200_000)
def arabic_content_stem(word: str) -> str:
    """The light stem of an Arabic content word, or "" for a stop word or a single letter."""
    return "" if word in AR_STOP or len(word) <= 1 else arabic_stem(word)


@lru_cache(maxsize=200_000)
def _english_content_stem(word: str) -> str:
    return "" if word in EN_STOP or len(word) <= 1 else english_stem(word)


def arabic_content_stems(text: str) -> list[str]:
    """Stems of the Arabic content words of ``text``."""
    return arabic_word_stems(arabic_words(text))


def english_content_stems(text: str) -> list[str]:
    """Stems of the English content words of ``text``."""
    return english_word_stems(english_words(text))


def arabic_word_stems(words: list[str]) -> list[str]:
    """Stems of the content words among :func:`arabic_words` of a text."""
    return list(filter(None, map(arabic_content_stem, words)))


def english_word_stems(words: list[str]) -> list[str]:
    """Stems of the content words among :func:`english_words` of a text."""
    return list(filter(None, map(_english_content_stem, words)))
