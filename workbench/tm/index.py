"""Indexing units for matching, many at once: code strings, hashes and posting lists.

For each batch of sources :meth:`Indexer.index` gives, per unit, the words and stems as code
strings (see :mod:`codes`) and the hash of the word sequence; the (stem, unit) pairs gather
until :meth:`Indexer.take_postings` turns them into posting lists (per stem, the sorted ids of
the units holding it and their word counts). Tokenising and posting lists are done with numpy
over whole batches.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from workbench.errors import WorkbenchError
from workbench.tm.candidates import MAX_LEN, Postings, form_of
from workbench.tm.codes import Vocabulary, sequence_hashes
from workbench.tm.tokens import token_strings, word_and_stem

#: Bits of a unit id in the packed posting entries (134 million units).
UNIT_BITS = 27


class TokenNumbers:
    """Numbers tokens in the order they are first seen, with their (word, stem)."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def number(self, tokens: Sequence[str]) -> tuple[np.ndarray, list[tuple[str, str]]]:
        """The tokens' numbers, and the (word, stem) of those numbered now, in order."""
        numbers = self._numbers
        new: list[tuple[str, str]] = []
        # the distinct tokens in order of first appearance: one pass in C, then only the few
        # new ones in Python
        for token in dict.fromkeys(tokens):
            if token not in numbers:
                numbers[token] = len(numbers)
                new.append(word_and_stem(token))
        return np.fromiter(map(numbers.__getitem__, tokens), np.int64, len(tokens)), new


@dataclass
class IndexedBatch:
    """The matching data of a batch of units (in the order given)."""

    stems: list[str]
    words: list[str]
    hashes: list[int]


class Indexer:
    """Turns sources into matching data, giving new words codes in ``vocabulary``.

    ``known(tokens)`` returns the stored codes of those tokens that have one (so a batch asks
    the store only for the words it has not seen yet).
    """

    def __init__(
        self, vocabulary: Vocabulary, known: Callable[[list[str]], dict[str, int]]
    ) -> None:
        self.vocabulary = vocabulary
        self._known = known
        self._words = array("I")  # token number → its word's code
        self._stems = array("I")  # token number → its stem's code
        self._tokens = TokenNumbers()  # for index(): tokens numbered here
        self._pairs: list[np.ndarray] = []
        self._lens: list[tuple[np.ndarray, np.ndarray]] = []

    def _learn(self, new: Sequence[tuple[str, str]]) -> None:
        """Codes for the (word, stem) of tokens numbered since the last batch."""
        if not new:
            return
        codes = self.vocabulary.codes
        wanted = {x for pair in new for x in pair if x not in codes}
        if wanted:
            for token, code in self._known(sorted(wanted)).items():
                codes[token] = chr(code)
        code = self.vocabulary.code
        self._words.extend(ord(code(word)) for word, _ in new)
        self._stems.extend(ord(code(stem)) for _, stem in new)

    def index(self, unit_ids: Sequence[int], sources: Sequence[str]) -> IndexedBatch:
        """The matching data of units ``unit_ids`` with ``sources`` (their posting entries
        are kept for :meth:`take_postings`)."""
        tokens, counts = token_strings(sources)
        numbers, new = self._tokens.number(tokens)
        return self.index_numbers(unit_ids, numbers, counts, new)

    def index_numbers(
        self,
        unit_ids: Sequence[int],
        numbers: np.ndarray,
        counts: np.ndarray,
        new: Sequence[tuple[str, str]],
    ) -> IndexedBatch:
        """:meth:`index` of sources already cut into tokens and numbered (TokenNumbers):
        ``numbers`` the tokens' numbers in order, ``new`` the (word, stem) of the tokens
        numbered since the previous batch."""
        self._learn(new)
        word_codes = np.frombuffer(self._words, np.uint32)[numbers]
        stem_codes = np.frombuffer(self._stems, np.uint32)[numbers]
        words_all = word_codes.tobytes().decode("utf-32-le")
        stems_all = stem_codes.tobytes().decode("utf-32-le")
        ends = np.cumsum(counts).tolist()
        words: list[str] = []
        stems: list[str] = []
        start = 0
        for end in ends:
            words.append(words_all[start:end])
            stems.append(stems_all[start:end])
            start = end
        hashes = sequence_hashes(word_codes, counts).tolist()
        ids = np.asarray(unit_ids, dtype=np.uint64)
        if len(stem_codes):
            if int(ids.max()) >= 1 << UNIT_BITS:
                raise WorkbenchError(f"a memory unit id above {1 << UNIT_BITS} is not supported")
            # stem (21 bits) | unit (27) | position in the unit (8) | form of the word (8):
            # sorted, the first entry of each (stem, unit) holds the stem's first position
            total = int(counts.sum())
            starts = np.repeat(np.cumsum(counts) - counts, counts)
            position = np.minimum(np.arange(total) - starts, MAX_LEN).astype(np.uint64)
            pairs = (
                (stem_codes.astype(np.uint64) << np.uint64(43))
                | (np.repeat(ids, counts) << np.uint64(16))
                | (position << np.uint64(8))
                | form_of(word_codes).astype(np.uint64)
            )
            self._pairs.append(pairs)
        self._lens.append((ids, np.minimum(counts, MAX_LEN).astype(np.uint8)))
        return IndexedBatch(stems, words, hashes)

    def pending_entries(self) -> int:
        """How many (stem, unit) entries wait for :meth:`take_postings`."""
        return sum(len(p) for p in self._pairs)

    def take_postings(self) -> list[tuple[int, Postings]]:
        """The posting lists of the units indexed since the last call, per stem code."""
        tokens, cuts, ids, lens, pos, forms = self._gather()
        return [
            (token, Postings(ids[s:e], lens[s:e], pos[s:e], forms[s:e]))
            for token, s, e in zip(tokens, cuts[:-1], cuts[1:], strict=True)
        ]

    def take_posting_blobs(self) -> list[tuple[int, int, tuple[bytes, bytes, bytes]]]:
        """:meth:`take_postings` in their stored form, (stem code, count, blobs as in
        :meth:`Postings.blobs`), cut from three buffers (no object per list)."""
        tokens, cuts, ids, lens, pos, forms = self._gather()
        where = ((pos.astype(np.uint16) << np.uint16(8)) | forms).astype("<u2").tobytes()
        id_bytes, len_bytes = ids.astype("<u4").tobytes(), lens.tobytes()
        return [
            (token, e - s, (id_bytes[4 * s : 4 * e], len_bytes[s:e], where[2 * s : 2 * e]))
            for token, s, e in zip(tokens, cuts[:-1], cuts[1:], strict=True)
        ]

    def _gather(self) -> tuple[list[int], list[int], Any, Any, Any, Any]:
        """The entries gathered since the last call, sorted by stem then unit: each list's
        stem, where the lists start (and the end), and the ids, word counts, positions and
        forms of all lists together."""
        lens_parts, self._lens = self._lens, []
        pairs_parts, self._pairs = self._pairs, []
        if not pairs_parts:
            return [], [0], *(np.zeros(0, t) for t in (np.uint32, np.uint8, np.uint8, np.uint8))
        keys = np.concatenate(pairs_parts)
        del pairs_parts
        keys.sort()
        pairs = keys >> np.uint64(16)
        if len(keys) > 1:
            first = np.concatenate(([True], pairs[1:] != pairs[:-1]))
            keys, pairs = keys[first], pairs[first]
        tokens = (pairs >> np.uint64(UNIT_BITS)).astype(np.int64)
        units = (pairs & np.uint64((1 << UNIT_BITS) - 1)).astype(np.uint32)
        positions = ((keys >> np.uint64(8)) & np.uint64(0xFF)).astype(np.uint8)
        forms = (keys & np.uint64(0xFF)).astype(np.uint8)
        del keys, pairs
        ids = np.concatenate([i for i, _ in lens_parts])
        capped = np.concatenate([c for _, c in lens_parts])
        order = np.argsort(ids, kind="stable")
        lens = capped[order][np.searchsorted(ids[order], units.astype(np.uint64))]
        cuts = [0, *(np.flatnonzero(np.diff(tokens)) + 1).tolist(), len(tokens)]
        return tokens[cuts[:-1]].tolist(), cuts, units, lens, positions, forms
