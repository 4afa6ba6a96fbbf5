"""The words of an English text a spell checker looks at, and how project words are compared.

What is never a word to check: numbers and anything holding a digit (``1917``, ``COVID-19``,
``3rd``), URLs, e-mail addresses, identifiers with ``_``, single letters, words written in
capitals (``UN``, ``NATO``: acronyms) and words in another script (Arabic left in the English
is the ``untranslated`` check's business). Hyphenated compounds are checked part by part;
apostrophes inside a word belong to it (``don't``, ``Soviet's``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

# A run of word characters, apostrophes and hyphens: the unit that digits or "_" disqualify.
_CHUNK = re.compile(r"[\w'’\-‐]+")
# Letters with apostrophes between them: one word of a chunk (hyphens separate words).
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SKIP = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)\S+"  # URLs
    r"|[\w.+%-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
    re.IGNORECASE,
)
_HAS_DIGIT_OR_UNDERSCORE = re.compile(r"[\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_NOT_LATIN = re.compile(r"[^A-Za-z\u00c0-\u024f'’]")


class WordSpan(NamedTuple):
    """A word of a text and where it is: ``text[start:end] == word``."""

    start: int
    end: int
    word: str


def _skipped(text: str) -> list[tuple[int, int]]:
    if "@" not in text and "://" not in text and "www." not in text.lower():
        return []
    return [m.span() for m in _SKIP.finditer(text)]


def words(text: str) -> list[WordSpan]:
    """The words of ``text`` a spell checker should look at, with their spans."""
    skipped = _skipped(text)
    out: list[WordSpan] = []
    for chunk in _CHUNK.finditer(text):
        value = chunk.group()
        if _HAS_DIGIT_OR_UNDERSCORE.search(value):
            continue
        base = chunk.start()
        if skipped and any(s <= base < e for s, e in skipped):
            continue
        for m in _WORD.finditer(value):
            word = m.group()
            if len(word) < 2 or word.isupper() or _NOT_LATIN.search(word):
                continue
            out.append(WordSpan(base + m.start(), base + m.end(), word))
    return out


def latin_words(text: str) -> set[str]:
    """The words written in Latin letters in ``text`` (e.g. names left in the Arabic), folded."""
    if not _LATIN.search(text):
        return set()
    return {word_key(m.group()) for m in _WORD.finditer(text) if _LATIN.search(m.group())}


def word_key(word: str) -> str:
    """How project words are compared: case-folded, curly apostrophe as ``'``."""
    return word.replace("’", "'").casefold()


def key_forms(word: str) -> tuple[str, ...]:
    """The keys under which a word counts as known: itself, and without a possessive or a
    plural ending (a known ``Bolshevik`` makes ``Bolsheviks`` and ``Bolshevik's`` known)."""
    key = word_key(word)
    forms = [key]
    if key.endswith("'s"):
        forms.append(key[:-2])
    elif key.endswith("es") and len(key) > 4:
        forms += [key[:-1], key[:-2]]
    elif key.endswith("s") and len(key) > 3:
        forms.append(key[:-1])
    return tuple(forms)


def phrase_words(phrases: Iterable[str]) -> dict[str, str]:
    """Every word of ``phrases`` (glossary renderings, word lists): key → the word as written.

    Words are cut as :func:`words` cuts them, except that capitals count too (an acronym in a
    glossary is a known word wherever the checker would look at it).
    """
    out: dict[str, str] = {}
    for phrase in phrases:
        for chunk in _CHUNK.finditer(phrase):
            for m in _WORD.finditer(chunk.group()):
                out.setdefault(word_key(m.group()), m.group())
    return out
