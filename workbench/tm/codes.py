"""Words as single characters, so that word-level edit distances run at string speed.

Every distinct word or stem of a memory gets a *code*: a code point (never a surrogate), kept
in the store's vocabulary. A text's words then become a short string of codes, one character
a word, and rapidfuzz's Levenshtein on those strings is the word-level edit distance. Codes
never change once given, so code strings stored with the units stay valid. When the code
points run out (over a million distinct words), further words share 65,536 overflow codes by
hash — they may then compare equal to another rare word, nothing worse.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

FIRST_CODE = 0x100
SURROGATES = range(0xD800, 0xE000)
OVERFLOW = 0x100000  # codes from here on are shared by hash
LAST_CODE = 0x10FFFF
_MASK = (1 << 64) - 1
#: The multiplier of the polynomial hash of a word sequence (odd, so invertible mod 2**64).
HASH_BASE = 0x100000001B3


def next_code(code: int) -> int:
    """The code after ``code`` (skipping surrogates)."""
    code += 1
    if code in SURROGATES:
        code = SURROGATES.stop
    return code


def overflow_code(token: str) -> int:
    """The shared code of a word that arrives when the code points are all given."""
    digest = hashlib.blake2b(token.encode("utf-8"), digest_size=4).digest()
    return OVERFLOW + int.from_bytes(digest, "little") % (LAST_CODE - OVERFLOW + 1)


class Vocabulary:
    """Token → code character, growing as new tokens come (new ones are remembered in
    ``added`` until the caller stores them)."""

    def __init__(self, known: Iterable[tuple[str, int]] = (), last: int | None = None) -> None:
        self.codes: dict[str, str] = {token: chr(code) for token, code in known}
        self.last = last if last is not None else FIRST_CODE - 1
        self.added: list[tuple[int, str]] = []

    def code(self, token: str) -> str:
        """The code character of ``token`` (given one if new)."""
        found = self.codes.get(token)
        if found is not None:
            return found
        if self.last + 1 < OVERFLOW:
            self.last = next_code(self.last)
            value = self.last
            self.added.append((value, token))
        else:
            value = overflow_code(token)
        char = chr(value)
        self.codes[token] = char
        return char

    def encode(self, tokens: Sequence[str]) -> str:
        """The code string of a token sequence (new tokens get codes)."""
        codes = self.codes
        if all(t in codes for t in tokens):
            return "".join(map(codes.__getitem__, tokens))
        return "".join(self.code(t) for t in tokens)


def sequence_hash(codes: str) -> int:
    """The 64-bit hash of a code string, as a signed integer (SQLite's INTEGER)."""
    value = 0
    power = 1
    for char in codes:
        value = (value + (ord(char) + 1) * power) & _MASK
        power = (power * HASH_BASE) & _MASK
    value = (value + len(codes) * 0x9E3779B97F4A7C15) & _MASK
    return value - (1 << 64) if value >= 1 << 63 else value


def sequence_hashes(codes: Any, counts: Any) -> Any:
    """:func:`sequence_hash` of many code strings at once: ``codes`` all their code points in
    order (uint32), ``counts`` how many each string has. Returns int64."""
    import numpy as np

    counts = np.asarray(counts, dtype=np.int64)
    total = int(counts.sum())
    ends = np.cumsum(counts)
    starts = ends - counts
    if total == 0:
        lengths = counts.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        return lengths.view(np.int64)
    owner = np.repeat(np.arange(len(counts)), counts)
    position = np.arange(total, dtype=np.int64) - starts[owner]
    longest = int(counts.max())
    powers = np.empty(longest, np.uint64)
    power = 1
    for i in range(longest):
        powers[i] = power
        power = (power * HASH_BASE) & _MASK
    with np.errstate(over="ignore"):
        terms = (codes.astype(np.uint64) + np.uint64(1)) * powers[position]
        running = np.concatenate([np.zeros(1, np.uint64), np.cumsum(terms, dtype=np.uint64)])
        sums = running[ends] - running[starts]
        sums += counts.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return sums.view(np.int64)
