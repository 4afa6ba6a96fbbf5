"""Bounded suggestions: Hunspell's algorithm on a short list of candidate words, and a quick
nearest-words ranking for batch checks.

Hunspell (and spylls) compare a misspelling with *every* stem of the dictionary for their
n-gram and phonetic suggestions, ~0.5–2 s a word in pure Python. Here a character-bigram
index picks the few hundred stems that share the most bigrams with the word (and are of a
similar length) and only those are scored: the same suggestions in most cases, ~10× faster.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from spylls.hunspell.algo import ngram_suggest, phonet_suggest
from spylls.hunspell.algo.lookup import Lookup
from spylls.hunspell.algo.suggest import Suggest

#: stems scored by the n-gram and phonetic stages of a full suggestion
CANDIDATES = 300
#: stems ranked by edit distance for a quick suggestion
QUICK_CANDIDATES = 40
#: the length difference beyond which a stem is never a candidate (Hunspell's own bound is 4)
MAX_LENGTH_DIFFERENCE = 4


def bigrams(word: str) -> set[str]:
    """The character bigrams of a word, its start and end marked by a space."""
    padded = f" {word} "
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


class CandidateIndex:
    """Dictionary stems by character bigram, to find the stems most like a word quickly."""

    def __init__(self, words: list[Any]) -> None:
        self.words = words
        self.stems = [w.stem.lower() for w in words]
        postings: dict[str, list[int]] = {}
        for i, stem in enumerate(self.stems):
            for gram in bigrams(stem):
                postings.setdefault(gram, []).append(i)
        self.postings = {g: np.array(ids, dtype=np.int32) for g, ids in postings.items()}
        self.lengths = np.array([len(s) for s in self.stems], dtype=np.int32)

    @classmethod
    def from_parts(cls, words: list[Any], postings: dict[str, np.ndarray],
                   lengths: np.ndarray) -> CandidateIndex:
        """The index of ``words`` whose postings and stem lengths were built before (kept
        on disk: :func:`workbench.spelling.cache.candidate_index`)."""
        index = cls.__new__(cls)
        index.words, index.postings, index.lengths = words, postings, lengths
        index.stems = [w.stem.lower() for w in words]
        return index

    def ranked(self, word: str, limit: int) -> list[tuple[int, int]]:
        """(stem index, shared bigrams) of the ``limit`` stems sharing most bigrams with
        ``word`` and within MAX_LENGTH_DIFFERENCE of its length, best first."""
        lists = [self.postings[g] for g in bigrams(word.lower()) if g in self.postings]
        if not lists or not self.stems:
            return []
        counts = np.bincount(np.concatenate(lists), minlength=len(self.stems))
        counts[np.abs(self.lengths - len(word)) > MAX_LENGTH_DIFFERENCE] = 0
        limit = min(limit, len(counts))
        top = np.argpartition(-counts, limit - 1)[:limit]
        top = top[np.argsort(-counts[top], kind="stable")]
        return [(int(i), int(counts[i])) for i in top if counts[i] > 0]


class SimpleLookup(Lookup):  # type: ignore[misc]
    """spylls' Lookup that does not try a word as a compound when the dictionary compounds
    only numbers (English: COMPOUNDRULE on digits for 21st, 22nd) and the word has none."""

    def good_forms(self, word: str, **kwargs: Any) -> Iterator[Any]:
        if "compound_forms" not in kwargs and not compounding(self.aff, word):
            kwargs["compound_forms"] = False
        return super().good_forms(word, **kwargs)


def compounding(aff: Any, word: str) -> bool:
    """Whether ``word`` may be a compound of the dictionary whose .aff is ``aff``."""
    flags = (aff.COMPOUNDFLAG, aff.COMPOUNDBEGIN, aff.COMPOUNDMIDDLE, aff.COMPOUNDEND)
    return any(flags) or (bool(aff.COMPOUNDRULE) and any(c.isdigit() for c in word))


class BudgetExhausted(Exception):
    """The lookups allowed for one suggestion are spent."""


class CountingLookup:
    """A spylls Lookup that, while ``armed``, allows ``budget`` word checks, then raises
    BudgetExhausted."""

    def __init__(self, lookup: Any, budget: int) -> None:
        self._lookup = lookup
        self.left = budget
        self.armed = False

    def _spend(self) -> None:
        if self.armed:
            self.left -= 1
            if self.left < 0:
                raise BudgetExhausted

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._spend()
        return self._lookup(*args, **kwargs)

    def good_forms(self, *args: Any, **kwargs: Any) -> Any:
        self._spend()
        return self._lookup.good_forms(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._lookup, name)


class LowerCaseTry:
    """A dictionary's .aff whose TRY letters (those inserted and substituted by the edits)
    are only its lower-case ones: what a word in lower case after its first letter needs."""

    def __init__(self, aff: Any) -> None:
        self._aff = aff
        self.TRY = "".join(c for c in aff.TRY if not c.isupper())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._aff, name)


class BoundedSuggest(Suggest):  # type: ignore[misc]
    """spylls' suggestion algorithm with bounded work (one object per word): its edit stages
    may check ``budget`` edits of the word in all (trying no capitals inside a word written
    without any), and its n-gram and phonetic stages see only the candidates of the index."""

    def __init__(
        self, base: Suggest, index: CandidateIndex, budget: int, word: str = ""
    ) -> None:
        # no super().__init__: it would list the dictionary's words again
        inner_capitals = any(c.isupper() for c in word[1:])
        self.aff = base.aff if inner_capitals or not word else LowerCaseTry(base.aff)
        self.dic = base.dic
        self.words_for_ngram = base.words_for_ngram
        self.lookup = CountingLookup(base.lookup, budget)
        self.index = index

    def edit_suggestions(
        self, word: str, handle_found: Any, *, compounds: bool, limit: int
    ) -> Iterator[Any]:
        # English dictionaries compound only ordinals (COMPOUNDRULE on digits: 21st, 22nd):
        # checking every edit of a word without digits as a compound finds nothing, slowly.
        if (compounds and not compounding(self.aff, word)) or self.lookup.left <= 0:
            return
        self.lookup.armed = True
        try:
            yield from super().edit_suggestions(
                word, handle_found, compounds=compounds, limit=limit
            )
        except BudgetExhausted:
            return
        finally:
            self.lookup.armed = False

    def _candidates(self, word: str) -> list[Any]:
        return [self.index.words[i] for i, _ in self.index.ranked(word, CANDIDATES)]

    def ngram_suggestions(self, word: str, handled: set[str]) -> Iterator[str]:
        if self.aff.MAXNGRAMSUGS == 0:
            return
        yield from ngram_suggest.ngram_suggest(
            word.lower(),
            dictionary_words=self._candidates(word),
            prefixes=self.aff.PFX,
            suffixes=self.aff.SFX,
            known={w.lower() for w in handled},
            maxdiff=self.aff.MAXDIFF,
            onlymaxdiff=self.aff.ONLYMAXDIFF,
            has_phonetic=self.aff.PHONE is not None,
        )

    def phonet_suggestions(self, word: str) -> Iterator[str]:
        if not self.aff.PHONE:
            return
        yield from phonet_suggest.phonet_suggest(
            word, dictionary_words=self._candidates(word), table=self.aff.PHONE
        )


def edit_distance(a: str, b: str, bound: int) -> int:
    """Optimal-string-alignment distance of ``a`` and ``b`` (``bound`` + 1 once it exceeds
    ``bound``): insertions, deletions, substitutions and swaps of neighbours cost 1."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > bound:
            return bound + 1
        previous2, previous = previous, current
    return previous[-1]


def max_distance(word: str) -> int:
    """How far a quick suggestion may be from ``word``: 1 up to 4 letters, 2 up to 8, else 3."""
    return 1 if len(word) <= 4 else 2 if len(word) <= 8 else 3


def match_case(suggestion: str, word: str) -> str:
    """``suggestion`` written with the capitalisation of ``word`` (a proper noun keeps its own)."""
    if word[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


#: letters most often written for one another in English (vowels; s/z, c/k/s, y/i), and the
#: apostrophe of an elided e (older English's "turn'd", "happen'd": turned, happened)
CONFUSED: dict[str, str] = {
    "a": "eiou", "e": "aiou", "i": "aeouy", "o": "aeiu", "u": "aeio", "y": "i",
    "s": "zc", "z": "s", "c": "ks", "k": "c", "'": "e", "’": "e",
}


def simple_edits(word: str) -> list[str]:
    """The cheap edits of ``word``, in this order: a doubled letter made single or a letter
    doubled, the commonest slips (``writting`` → ``writing``, ``realy`` → ``really``,
    ``begining`` → ``beginning``, ``traveling`` → ``travelling``), neighbours swapped, one
    letter left out, a ``u`` after an ``o`` (``neighboring`` → ``neighbouring``), one letter
    replaced by an often confused one (``organising`` → ``organizing``; an elided e:
    ``turn'd`` → ``turned``). The added letters find the inflected forms the dictionary's
    stems do not hold."""
    out = [word[:i] + word[i + 1 :] for i in range(1, len(word)) if word[i] == word[i - 1]]
    out += [word[: i + 1] + c + word[i + 1 :] for i, c in enumerate(word) if c.isalpha()]
    out += [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)]
    out += [word[:i] + word[i + 1 :] for i in range(len(word))]
    out += [word[: i + 1] + "u" + word[i + 1 :] for i, c in enumerate(word) if c == "o"]
    out += [
        word[:i] + c + word[i + 1 :]
        for i in range(len(word))
        for c in CONFUSED.get(word[i], "")
    ]
    return list(dict.fromkeys(e for e in out if e != word and len(e) > 1))


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edits(word: str) -> Iterator[str]:
    """Every string one edit from ``word`` (:func:`simple_edits` and more: a letter added, any
    letter replaced), the likeliest typos first: ``immediatly`` → ``immediately``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    yield from (a + c + b for a, b in splits for c in _LETTERS)  # a letter left out
    yield from (a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    yield from (a + b[1:] for a, b in splits if b)
    yield from (a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0])


def quick_suggestions(
    index: CandidateIndex, word: str, limit: int, lookup: Callable[[str], bool]
) -> list[str]:
    """Up to ``limit`` suggestions for ``word`` in milliseconds: its swaps and deletions that
    ``lookup`` accepts, then the dictionary stems nearest by edit distance (ties: more shared
    bigrams, then alphabetical), written in its capitalisation."""
    folded = word.lower()
    bound = max_distance(folded)
    scored: list[tuple[int, int, int, int, str]] = [
        (1, 0, 0, rank, edit) for rank, edit in enumerate(simple_edits(word)) if lookup(edit)
    ]
    for i, shared in index.ranked(folded, QUICK_CANDIDATES):
        stem = index.stems[i]
        distance = edit_distance(folded, stem, bound)
        if distance <= bound and stem != folded:
            written = index.words[i].stem
            other_case = int(written[:1].isupper() != word[:1].isupper())
            scored.append((distance, 1, other_case, -shared, written))
    scored.sort()
    out: list[str] = []
    seen: set[str] = set()
    for *_, suggestion in scored:
        cased = match_case(suggestion, word)
        if cased.casefold() not in seen:
            seen.add(cased.casefold())
            out.append(cased)
        if len(out) == limit:
            break
    return out


class LazyIndex:
    """A CandidateIndex made by ``build`` on first use, once, whatever the thread."""

    def __init__(self, build: Callable[[], CandidateIndex]) -> None:
        self._build = build
        self._index: CandidateIndex | None = None
        self._lock = threading.Lock()

    def get(self) -> CandidateIndex:
        """The index (built now if it was not yet)."""
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = self._build()
        return self._index
