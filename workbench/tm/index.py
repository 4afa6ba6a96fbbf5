"""Indexing units for matching, many at once: code strings, hashes and posting lists.

For each batch of sources :meth:`Indexer.index` gives, per unit, the words and stems as code
strings (see :mod:`codes`) and the hash of the word sequence; the (stem, unit) pairs gather
until :meth:`Indexer.take_postings` turns them into posting lists (per stem, the sorted ids of
the units holding it and their word counts). Tokenising and posting lists are done with numpy
over whole batches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from workbench.errors import WorkbenchError
from workbench.tm.candidates import MAX_LEN, Postings, form_of
from workbench.tm.codes import Vocabulary, sequence_hashes
from workbench.tm.tokens import token_strings, word_and_stem

#: Bits of a unit id in the packed posting entries (134 million units).
UNIT_BITS = 27


@dataclass
class IndexedBatch:
    """The matching data of a batch of units (in the order given)."""

    stems: list[str]
    words: list[str]
    hashes: list[int]


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


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
        self._codes: dict[str, str] = {}  # token → its word's code + its stem's code
        self._pairs: list[np.ndarray] = []
        self._lens: list[tuple[np.ndarray, np.ndarray]] = []

    def _learn(self, tokens: Iterable[str]) -> None:
        new = [t for t in set(tokens) if t not in self._codes]
        if not new:
            return
        pairs = {t: word_and_stem(t) for t in new}
        codes = self.vocabulary.codes
        wanted = {x for pair in pairs.values() for x in pair if x not in codes}
        if wanted:
            for token, code in self._known(sorted(wanted)).items():
                codes[token] = chr(code)
        for token, (word, stem) in pairs.items():
            self._codes[token] = self.vocabulary.code(word) + self.vocabulary.code(stem)

    def index(self, unit_ids: Sequence[int], sources: Sequence[str]) -> IndexedBatch:
        """The matching data of units ``unit_ids`` with ``sources`` (their posting entries
        are kept for :meth:`take_postings`)."""
        return self.index_tokens(unit_ids, *token_strings(sources))

    def index_tokens(
        self, unit_ids: Sequence[int], tokens: list[str], counts: np.ndarray
    ) -> IndexedBatch:
        """:meth:`index` of sources already cut into tokens (tokens.token_strings)."""
        self._learn(tokens)
        both = "".join(map(self._codes.__getitem__, tokens))
        del tokens
        words_all, stems_all = both[0::2], both[1::2]
        ends = (2 * np.cumsum(counts)).tolist()
        words: list[str] = []
        stems: list[str] = []
        start = 0
        for end in ends:
            words.append(both[start:end:2])
            stems.append(both[start + 1 : end : 2])
            start = end
        hashes = sequence_hashes(_codepoints(words_all), counts).tolist()
        ids = np.asarray(unit_ids, dtype=np.uint64)
        if stems_all:
            if int(ids.max()) >= 1 << UNIT_BITS:
                raise WorkbenchError(f"a memory unit id above {1 << UNIT_BITS} is not supported")
            # stem (21 bits) | unit (27) | position in the unit (8) | form of the word (8):
            # sorted, the first entry of each (stem, unit) holds the stem's first position
            total = int(counts.sum())
            starts = np.repeat(np.cumsum(counts) - counts, counts)
            position = np.minimum(np.arange(total) - starts, MAX_LEN).astype(np.uint64)
            pairs = (
                (_codepoints(stems_all).astype(np.uint64) << np.uint64(43))
                | (np.repeat(ids, counts) << np.uint64(16))
                | (position << np.uint64(8))
                | form_of(_codepoints(words_all)).astype(np.uint64)
            )
            self._pairs.append(pairs)
        self._lens.append((ids, np.minimum(counts, MAX_LEN).astype(np.uint8)))
        return IndexedBatch(stems, words, hashes)

    def pending_entries(self) -> int:
        """How many (stem, unit) entries wait for :meth:`take_postings`."""
        return sum(len(p) for p in self._pairs)

    def take_postings(self) -> list[tuple[int, Postings]]:
        """The posting lists of the units indexed since the last call, per stem code."""
        lens_parts, self._lens = self._lens, []
        pairs_parts, self._pairs = self._pairs, []
        if not pairs_parts:
            return []
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
        cuts = np.flatnonzero(np.diff(tokens)) + 1
        starts = [0, *cuts.tolist()]
        ends = [*cuts.tolist(), len(tokens)]
        return [
            (int(tokens[s]), Postings(units[s:e], lens[s:e], positions[s:e], forms[s:e]))
            for s, e in zip(starts, ends, strict=True)
        ]
