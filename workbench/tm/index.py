"""Indexing units for matching, many at once: code strings, hashes and posting lists.

For a batch of sources this computes, per unit, the words and stems as code strings (see
:mod:`codes`) and the hash of the word sequence, and, per stem, the sorted ids of the units
holding it with their word counts — everything the store keeps for candidate search. The
tokenising and the posting lists are done with numpy over the whole batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from workbench.tm.candidates import MAX_LEN, Postings
from workbench.tm.codes import Vocabulary, sequence_hashes
from workbench.tm.tokens import token_strings, word_and_stem


@dataclass
class IndexedBatch:
    """The matching data of a batch of units (in the order given)."""

    stems: list[str]
    words: list[str]
    hashes: list[int]
    postings: list[tuple[int, Postings]]


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
        self._word: dict[str, str] = {}
        self._stem: dict[str, str] = {}

    def _learn(self, tokens: Iterable[str]) -> None:
        new = [t for t in set(tokens) if t not in self._word]
        if not new:
            return
        pairs = {t: word_and_stem(t) for t in new}
        codes = self.vocabulary.codes
        wanted = {x for pair in pairs.values() for x in pair if x not in codes}
        if wanted:
            for token, code in self._known(sorted(wanted)).items():
                codes[token] = chr(code)
        for token, (word, stem) in pairs.items():
            self._word[token] = self.vocabulary.code(word)
            self._stem[token] = self.vocabulary.code(stem)

    def index(self, unit_ids: Sequence[int], sources: Sequence[str]) -> IndexedBatch:
        """The matching data of units ``unit_ids`` with ``sources``."""
        tokens, counts = token_strings(sources)
        self._learn(tokens)
        words_all = "".join(map(self._word.__getitem__, tokens))
        stems_all = "".join(map(self._stem.__getitem__, tokens))
        ends = np.cumsum(counts).tolist()
        words: list[str] = []
        stems: list[str] = []
        start = 0
        for end in ends:
            words.append(words_all[start:end])
            stems.append(stems_all[start:end])
            start = end
        hashes = sequence_hashes(_codepoints(words_all), counts).tolist()
        return IndexedBatch(stems, words, hashes, self._postings(unit_ids, stems_all, counts))

    @staticmethod
    def _postings(
        unit_ids: Sequence[int], stems_all: str, counts: np.ndarray
    ) -> list[tuple[int, Postings]]:
        if not stems_all:
            return []
        ids = np.asarray(unit_ids, dtype=np.uint64)
        owner = np.repeat(ids, counts)
        keys = np.unique((_codepoints(stems_all).astype(np.uint64) << np.uint64(32)) | owner)
        tokens = (keys >> np.uint64(32)).astype(np.int64)
        units = (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        order = np.argsort(ids, kind="stable")
        capped = np.minimum(counts, MAX_LEN).astype(np.uint8)[order]
        lens = capped[np.searchsorted(ids[order], units.astype(np.uint64))]
        cuts = np.flatnonzero(np.diff(tokens)) + 1
        out: list[tuple[int, Postings]] = []
        for start, end in zip(
            [0, *cuts.tolist()], [*cuts.tolist(), len(tokens)], strict=True
        ):
            out.append((int(tokens[start]), Postings(units[start:end], lens[start:end])))
        return out
