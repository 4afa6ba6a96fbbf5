"""Number substitution: a match that differs from the query only in numbers offers its target
with the numbers replaced (as memoQ and OmegaT do).

The words of the query and of the match's source are compared in their matching form, where a
number is canonical (``٣٫٥`` = ``3.5``, ``1,000`` = ``1000``). When every differing word is a
number on both sides (after the same proclitics: و33 and و34), each number of the source that
changed is looked up in the target by value (the QA number check's reading: Arabic-Indic
digits, ٫ and ٬, leading zeros) and replaced by the query's number as the query writes it,
zeros kept (10:05, 3.50; a number the source pads, 05, padded as the target
pads it), in ASCII digits (and with thousands separators when the target's
number had them; an English ordinal's suffix follows: 2nd → 3rd). If a number cannot be
found in the target, or which of its numbers is which cannot be told (the target has it more or
fewer times than the source, or the source's changes in one place and not in another), nothing
is offered.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

from workbench.glossary.checks.number_mismatch import numbers
from workbench.tm.tokens import PLACEHOLDER, canonical_number, tokenize

#: A number, bare or written after the proclitics و ف ب ك ل (و33, ب5, وب١٠): the tokeniser
#: keeps those as one word, the number not canonical; a minus sign first (see signed_words).
_NUMBER = re.compile(
    r"(-?[\u0648\u0641\u0628\u0643\u0644]{0,2})(\d+(?:[.,\u066b\u066c]\d+)*)"
)
_MINUS = "-\u2212"
_PROCLITICS = "\u0648\u0641\u0628\u0643\u0644"
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
#: An English ordinal's suffix right after a target's number (2nd, 21st, 4TH).
_ORDINAL = re.compile(r"(?:st|nd|rd|th)(?![^\W\d_])", re.IGNORECASE)


def is_number(word: str) -> bool:
    """Whether a matching-form word is a number (after proclitics or not)."""
    return _NUMBER.fullmatch(word) is not None


def _number(word: str) -> tuple[str, str, str] | None:
    """(sign and proclitics, canonical number, number as written: see _plain) of a word that
    is a number, else None."""
    m = _NUMBER.fullmatch(word)
    return None if m is None else (m.group(1), canonical_number(m.group(2)), _plain(m.group(2)))


def _plain(number: str) -> str:
    """A number as written, in ASCII digits with ``.`` for ٫ and no thousands separators, its
    zeros kept (``05`` of 10:05, ``3.50``): how a query's number goes into a target."""
    number = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in number)
    number = number.replace("\u066b", ".").replace("\u066c", ",")
    return number.replace(",", "") if _THOUSANDS.fullmatch(number) else number


def _as_written(span: str, word: str) -> str:
    """A number word (matching form ``word``) with its number as ``span``, its place in the
    text, writes it (see _plain)."""
    found = _DIGITS.search(_plain(span))
    if found is None:
        return word
    return word[: len(word) - len(word.lstrip(_PROCLITICS))] + _plain(found.group())


def signed_words(text: str) -> list[str]:
    """The matching-form words of ``text``, a negative number with its minus sign (``-5``; not
    the hyphen of كوفيد-19 or 5-7) and its digits as written (zeros kept, see _as_written):
    the words number substitution compares."""
    out: list[str] = []
    for word in tokenize(text):
        start = word.start
        negative = (
            start > 0 and text[start - 1] in _MINUS and word.word[:1].isdigit()
            and (start == 1 or not text[start - 2].isalnum())
        )
        written = word.word
        if is_number(written):
            written = _as_written(text[start:word.end], written)
        out.append("-" + written if negative else written)
    return out


def changed_numbers(query: Sequence[str], source: Sequence[str]) -> list[tuple[str, str]] | None:
    """(source number, query number) pairs when the two word sequences differ only in numbers
    (at least one; a number's sign and proclitics, as in -5 or و33, the same on both sides);
    None otherwise, and when a number of the source changes in one place and not in another
    (3 days in 3 cities → 3 days in 4 cities: which 3 of the target is which cannot be told).
    Numbers are compared by value (3.50 is 3.5); the source's is its canonical form, the query's
    as the query writes it (10:05 gives 05, not 5)."""
    if len(query) != len(source):
        return None
    pairs: list[tuple[str, str]] = []
    becomes: dict[str, set[str]] = {}  # each number of the source: what the query has there
    for q, s in zip(query, source, strict=True):
        s_number, q_number = _number(s), _number(q)
        if q == s and s_number is None:
            continue
        if q_number is None or s_number is None or q_number[0] != s_number[0]:
            return None
        becomes.setdefault(s_number[1], set()).add(q_number[1])
        if q_number[1] != s_number[1]:
            new = q_number[2]
            if _padded(s_number[2]):  # the target pads it, or not: see _render
                new = _unpadded(new)
            pairs.append((s_number[1], new))
    if any(len(becomes[old]) > 1 for old, _ in pairs):
        return None
    return pairs or None


def _padded(number: str) -> bool:
    """Whether a number is written with leading zeros (05, 0124; not 0.5)."""
    return len(number) > 1 and number[0] == "0" and number[1].isdigit()


def _unpadded(number: str) -> str:
    """A number without its leading zeros (06 → 6, 00.5 → 0.5)."""
    whole, dot, frac = number.partition(".")
    return (whole.lstrip("0") or "0") + dot + frac


def _render(value: str, written: str) -> str:
    """A new number as the target writes the one it replaces (``written``): with thousands
    separators if it has them; padded with zeros to its width if it is (a source's 05 that
    the target writes 5 gives 6 for 06, one it writes 05 gives 06)."""
    whole, dot, frac = value.partition(".")
    if ("," in written or "٬" in written) and len(whole) > 3 and whole.isdigit():
        whole = f"{int(whole):,}"
    elif _padded(written) and whole.isdigit():
        whole = whole.zfill(len(written.partition(".")[0]))
    return whole + dot + frac


def _target_numbers(target: str) -> list[tuple[str, tuple[int, int]]]:
    """The numbers of a unit's target with their spans, the numbers of its tags' placeholders
    (``{1}`` ``{/1}`` ``{2/}``, ``<1>``) left out."""
    return numbers(PLACEHOLDER.sub(lambda m: " " * len(m.group()), target))


def _ordinal(number: int, written: str) -> str:
    """The English ordinal suffix of ``number`` (st, nd, rd, th) in the case of ``written``."""
    suffix = "th"
    if number % 100 not in (11, 12, 13):
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return suffix.upper() if written.isupper() else suffix


def substitute(target: str, pairs: Sequence[tuple[str, str]]) -> str | None:
    """``target`` with each (old, new) number replaced, or None if an old one is missing."""
    found = _target_numbers(target)
    used: set[int] = set()
    edits: list[tuple[int, int, str]] = []
    for old, new in pairs:
        for k, (value, (start, end)) in enumerate(found):
            if k not in used and value == old:
                used.add(k)
                suffix = _ORDINAL.match(target, end)
                text = _render(new, target[start:end])
                if suffix is not None and new.isdigit():  # 2nd → 3rd, not 3nd
                    end, text = suffix.end(), text + _ordinal(int(new), suffix.group())
                edits.append((start, end, text))
                break
        else:
            return None
    out = target
    for start, end, text in sorted(edits, reverse=True):
        out = out[:start] + text + out[end:]
    return out


def substituted_target(
    query_words: Sequence[str], source_words: Sequence[str], target: str
) -> str | None:
    """The target with the query's numbers, when the source differs from it only in numbers."""
    pairs = changed_numbers(query_words, source_words)
    if pairs is None:
        return None
    in_source = Counter(n[1] for n in map(_number, source_words) if n is not None)
    in_target = Counter(value for value, _ in _target_numbers(target))
    if any(in_target[old] != in_source[old] for old, _ in pairs):
        return None  # the target has the number more or fewer times: which is the source's?
    return substitute(target, pairs)
