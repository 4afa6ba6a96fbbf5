"""The words of an English text a spell checker looks at, and how project words are compared.

What is never a word to check: numbers and anything holding a digit (``1917``, ``COVID-19``,
``3rd``), URLs (host names without a scheme too: ``who.int``, ``News.com.au``), e-mail
addresses, hashtags and handles (``#StayHome``, ``@WHONews``), identifiers with ``_``,
single letters, words written in capitals (``UN``, ``NATO``: acronyms; ``MPs``, ``EU's``:
their plurals and possessives) and words in another script (Arabic left in the English is
the ``untranslated`` check's business).
Hyphenated compounds are checked part by part; apostrophes inside a word belong to it
(``don't``, ``Soviet's``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import NamedTuple

# Hyphens: ASCII's, U+2010 and the non-breaking U+2011 (Word's Ctrl+Shift+-: "COVID‑19").
_HYPHENS = "\\-\u2010\u2011"
# A run of word characters, apostrophes and hyphens: the unit that digits or "_" disqualify.
_CHUNK = re.compile(rf"[\w'’{_HYPHENS}]+")
# Letters with apostrophes between them: one word of a chunk (hyphens separate words).
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Combining accents (a decomposed "é" is "e" + U+0301) and the soft hyphen (U+00AD, a word
# processor's optional hyphen: "infor\u00admation" is one word): not word characters to \w,
# so a text that holds them (NFD, as some editors save) is cut with this slower pattern,
# letters with their accents; their words are compared in NFC without soft hyphens (see nfc).
_SOFT_HYPHEN = "\u00ad"
_ACCENTS = "\u0300-\u036f"
_MARKS = _ACCENTS + _SOFT_HYPHEN
_HAS_MARK = re.compile(f"[{_MARKS}]")
_MARKED_WORD = re.compile(
    rf"(?:[^\W\d_][{_MARKS}]*)+(?:['’](?:[^\W\d_][{_MARKS}]*)+)*"
)
_SKIP = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)\S+"  # URLs
    r"|[\w.+%-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w@#&])[#@][^\W\d_]\w*"  # hashtags and handles (#StayHome, @WHONews; not C#)
    # host names without a scheme (who.int, News.com.au, docs.python.org/3/): labels and dots,
    # then a top-level domain in lower case (a country's two letters or a common one)
    r"|\b(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+"
    r"(?-i:[a-z]{2}|com|org|net|edu|gov|int|mil|info|biz|app|dev)\b(?:/\S*)?",
    re.IGNORECASE,
)
# What a text holds before it may hold a host name: a letter or digit, a dot, two lower-case
# letters (prose puts a space after its full stops; "e.g." has one letter after the dot).
_HOST_HINT = re.compile(r"[A-Za-z0-9]\.[a-z]{2}")
_HAS_DIGIT_OR_UNDERSCORE = re.compile(r"[\d_]")
# A whole run of those characters that holds a digit or "_". Anchored at the run's start (the
# lookbehind) and checked by one lookahead, so each run is scanned once; the plain form
# [\w'’-]*[\d_][\w'’-]* finds the same runs but retries every run from each of its letters.
_DIGIT_CHUNK = re.compile(
    rf"(?<![\w'’{_HYPHENS}])(?=[\w'’{_HYPHENS}]*?[\d_])[\w'’{_HYPHENS}]+"
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_NOT_LATIN = re.compile(rf"[^A-Za-z\u00c0-\u024f{_MARKS}'’]")


class WordSpan(NamedTuple):
    """A word of a text and where it is: ``text[start:end] == word``, or ``word`` with inline
    tags inside (a word cut by tags, ``re<2>ciev</2>e``: see ``SpellChecker.misspellings``)."""

    start: int
    end: int
    word: str


def skipped_spans(text: str) -> list[tuple[int, int]]:
    """Spans no word is taken from, in order: URLs, e-mail addresses, and runs of word
    characters, apostrophes and hyphens that hold a digit or ``_``."""
    spans: list[tuple[int, int]] = []
    if _HAS_DIGIT_OR_UNDERSCORE.search(text):
        spans += [m.span() for m in _DIGIT_CHUNK.finditer(text)]
    if _may_hold_address(text):
        spans += [m.span() for m in _SKIP.finditer(text)]
        spans.sort()
    return spans


def _may_hold_address(text: str) -> bool:
    """Whether ``text`` may hold a URL, an e-mail address, a host name, a hashtag or a handle
    (a quick test)."""
    return ("@" in text or "#" in text or "://" in text or "www." in text.lower()
            or _HOST_HINT.search(text) is not None)


_CHUNK_PUNCTUATION = frozenset("_'’-\u2010\u2011")


def in_skipped_span(text: str, start: int) -> bool:
    """Whether a word starting at ``start`` lies in a span of :func:`skipped_spans`: its run
    of word characters, apostrophes and hyphens holds a digit or ``_``, or it is part of a URL
    or an e-mail address. Looks at the word's run only (the whole text when it may hold a URL
    or an address)."""
    if _may_hold_address(text):
        return any(s <= start < e for s, e in skipped_spans(text))
    first = start
    while first and (text[first - 1].isalnum() or text[first - 1] in _CHUNK_PUNCTUATION):
        first -= 1  # \w is what str.isalnum() accepts, and "_"
    run = _CHUNK.match(text, first)
    return run is not None and _HAS_DIGIT_OR_UNDERSCORE.search(run.group()) is not None


def _word_pattern(text: str) -> re.Pattern[str]:
    """The pattern that cuts ``text`` into runs of letters (accents combined or not)."""
    return _MARKED_WORD if _HAS_MARK.search(text) else _WORD


def nfc(word: str) -> str:
    """``word`` with its accents composed (NFC) and without soft hyphens, as dictionaries and
    word lists spell it."""
    if word.isascii():
        return word
    return unicodedata.normalize("NFC", word.replace(_SOFT_HYPHEN, ""))


def word_candidates(text: str) -> list[str]:
    """Every run of letters (apostrophes inside) of ``text``: a superset of :func:`words`
    without spans, found in one pass of the regular expression engine."""
    return _word_pattern(text).findall(text)


def word_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of the runs of letters of ``text`` (what :func:`word_candidates` lists)."""
    return _word_pattern(text).finditer(text)


def is_checked(word: str) -> bool:
    """Whether a word is one the checker looks at: two letters or more, not in capitals (nor
    an acronym's plural or possessive: ``MPs``, ``EU's``), in Latin letters (where it stands
    may still exempt it: in a URL, beside a digit)."""
    if len(word) < 2 or word.isupper() or (word[-1] == "s" and is_acronym_form(word)):
        return False
    return word.isascii() or not _NOT_LATIN.search(word)


def is_acronym_form(word: str) -> bool:
    """Whether ``word`` is an acronym of two capitals or more with a plural or possessive
    ending: ``MPs``, ``NGOs``, ``EU's``, ``NHS’s`` (not ``Is`` or ``A's``)."""
    for ending in ("'s", "’s", "s"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            return len(stem) > 1 and stem.isupper()
    return False


def words(text: str) -> list[WordSpan]:
    """The words of ``text`` a spell checker should look at, with their spans."""
    skipped = skipped_spans(text)
    out: list[WordSpan] = []
    append = out.append
    at = 0  # the first skipped span that may still lie ahead
    for m in word_matches(text):
        word = m.group()
        if not is_checked(word):
            continue
        start = m.start()
        if skipped:
            while at < len(skipped) and skipped[at][1] <= start:
                at += 1
            if at < len(skipped) and skipped[at][0] <= start:
                continue
        append(WordSpan(start, m.end(), word))
    return out


def latin_words(text: str) -> set[str]:
    """The words written in Latin letters in ``text`` (e.g. names left in the Arabic), folded."""
    if not _LATIN.search(text):
        return set()
    return {word_key(m.group()) for m in word_matches(text) if _LATIN.search(m.group())}


# Punctuation around a word (not letters, digits, "_" nor combining accents; a soft hyphen
# there is none of its word).
_AROUND = re.compile(rf"^[^\w{_ACCENTS}]+|[^\w{_ACCENTS}]+$")


def bare_word(word: str) -> str:
    """``word`` without the spaces and punctuation around it (``"Sturridge,"`` copied from a
    sentence is ``Sturridge``; ``workers'`` is ``workers``); apostrophes and hyphens inside
    stay."""
    return _AROUND.sub("", word.strip())


def word_key(word: str) -> str:
    """How project words are compared: accents composed, case-folded, curly apostrophe as
    ``'``."""
    return nfc(word).replace("’", "'").casefold()


def key_forms(word: str) -> tuple[str, ...]:
    """The keys under which a word counts as known: itself, and without a possessive or a
    plural ending (a known ``Bolshevik`` makes ``Bolsheviks`` and ``Bolshevik's`` known)."""
    key = word_key(word)
    forms = [key]
    if key.endswith("'s"):
        forms.append(key[:-2])
    elif key.endswith("es") and len(key) > 4 and not key.endswith("eses"):
        forms += [key[:-1], key[:-2]]
    elif key.endswith("s") and len(key) > 3 and not key.endswith("ss"):
        forms.append(key[:-1])  # not twice: "workerss" is no form of "workers"
    return tuple(forms)


def phrase_words(phrases: Iterable[str]) -> dict[str, str]:
    """Every word of ``phrases`` (glossary renderings, word lists): key → the word as written.

    Words are cut as :func:`words` cuts them, except that capitals count too (an acronym in a
    glossary is a known word wherever the checker would look at it).
    """
    out: dict[str, str] = {}
    for phrase in map(nfc, phrases):
        for chunk in _CHUNK.finditer(phrase):
            for m in _WORD.finditer(chunk.group()):
                out.setdefault(word_key(m.group()), m.group())
    return out


def text_word_keys(texts: Iterable[str], seen: set[str] | None = None) -> set[str]:
    """The keys of the words of ``texts`` the checker could look at (two letters or more, not
    in capitals, Latin letters), each once: a large text's vocabulary (a memory's English) in
    one pass of the regular expression engine. ``seen``: runs of letters met already (updated),
    skipped quickly across calls."""
    found = set(word_candidates("\n".join(texts)))
    if seen is not None:
        found -= seen
        seen |= found
    return {word_key(w) for w in found if is_checked(w)}

