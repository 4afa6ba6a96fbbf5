"""Dictionary evidence for the aligner: which Arabic words have a translation on the English
side of a link, and which English words have one on the Arabic side.

For every content word of the Arabic text, its dictionary senses (looked up through clitics
and suffixes, see :mod:`workbench.dictionary.lookup`) are reduced to English content stems
and kept when the English text uses them. An Arabic sentence then holds a concept ``W:key``
for each of its translatable words and ``V:stem`` for each translation they allow; an
English sentence holds ``V:stem`` for each of its stems that some Arabic word translates, and
``W:key`` for every such Arabic word. ``W:`` concepts weigh only on the Arabic side and
``V:`` only on the English side, so that the link cost sees, both ways, the share of
IDF-weighted content words whose translation the other side holds (what hunalign scores,
made a coverage).

The same pairs seed the induced word table (:mod:`lexicon`). Without a dictionary the
aligner uses :func:`basic_vocabulary`: about 600 common words (``workbench/data``).
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Protocol, overload

import numpy as np

from workbench.text.normalize import normalize_arabic
from workbench.text.stems import AR_STOP, english_content_stems
from workbench.text.stems import arabic_content_stem as align_stem

MAX_SENSE_WORDS = 2
MAX_TRANSLATIONS = 12
MIN_SHARED = 6  # letters a sense's stem and a text's stem must share to count as one word
RELATED = 0.3  # the weight of a word's concepts when only a related headword gives them
BASIC_VOCABULARY = Path(__file__).resolve().parents[1] / "data" / "basic-ara-eng.tsv"
_WORD = re.compile(r"[\u0621-\u064a\u0674]+")  # and dictionary_text's marked alef
_EN_WORD = re.compile(r"[A-Za-z]+")


class Glosser(Protocol):
    """What the aligner needs of a dictionary (a :class:`~workbench.dictionary.Lexicon`)."""

    def glosses(self, word: str) -> tuple[str, ...]:
        """The English senses of a normalised Arabic word."""
        ...  # pragma: no cover

    def best_keys(self, word: str) -> list[str]:
        """The headword keys the word most likely is."""
        ...  # pragma: no cover


def basic_vocabulary() -> Glosser:
    """The built-in basic vocabulary (the Swadesh and Leipzig–Jakarta concepts and common
    words, see the file's header), opened once and shared."""
    from workbench.dictionary import open_lexicon

    return open_lexicon([BASIC_VOCABULARY], ["basic vocabulary"])


@dataclass(frozen=True)
class WithBasic:
    """A dictionary of the user's (``primary``) with the basic vocabulary behind it:
    the senses of both, the primary's keys first."""

    primary: Glosser
    basic: Glosser

    def glosses(self, word: str) -> tuple[str, ...]:
        """Both dictionaries' senses of a normalised Arabic word, the primary's first."""
        mine = self.primary.glosses(word)
        return mine + tuple(s for s in self.basic.glosses(word) if s not in mine)

    def best_keys(self, word: str) -> list[str]:
        """The primary's keys for the word, else the basic vocabulary's."""
        return self.primary.best_keys(word) or self.basic.best_keys(word)

    def related_glosses(self, word: str) -> tuple[str, ...]:
        """Senses of related headwords in either dictionary."""
        return _related(self.primary, word) + _related(self.basic, word)


def _related(glosser: Glosser, word: str) -> tuple[str, ...]:
    """Senses of headwords related to a word no headword matches (when the dictionary can
    tell: :meth:`~workbench.dictionary.Lexicon.related_glosses`)."""
    related = getattr(glosser, "related_glosses", None)
    return related(word) if related is not None else ()


class ConceptRows(Sequence[dict[str, float]]):
    """Each sentence's concepts with their strengths, kept as arrays: sentence k holds
    ``names[ids[i]]`` at ``values[i]`` for ``start[k] <= i < start[k + 1]``, in the order it
    gained them (``rows[k]`` gives them as a dict). At 100,000 sentences a dict a sentence
    took 160 MB for the whole alignment; these take 25 once packed (:meth:`pack`)."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self._ids = array("i")
        self._values: array[float] | None = array("d")
        self._start = array("q", [0])
        # once packed: the entries whose strength is not 1, and their strengths
        self._other_at = np.zeros(0, dtype=np.int64)
        self._other = np.zeros(0)

    def append(self, bag: dict[int, float]) -> None:
        """Add a sentence's concepts (by their numbers in ``names``) and strengths."""
        if self._values is None:
            raise ValueError("packed: no more rows")
        self._ids.extend(bag)
        self._values.extend(bag.values())
        self._start.append(len(self._ids))

    def pack(self) -> None:
        """Keep only the strengths that are not 1 (most are 1: a headword's)."""
        if self._values is not None:
            values = np.frombuffer(self._values, dtype=np.float64)
            self._other_at = np.flatnonzero(values != 1.0)
            self._other = values[self._other_at]
            self._values = None

    @property
    def ids(self) -> np.ndarray:
        return np.frombuffer(self._ids, dtype=np.int32)

    @property
    def values(self) -> np.ndarray:
        """Every entry's strength (made anew once packed)."""
        if self._values is not None:
            return np.frombuffer(self._values, dtype=np.float64)
        out = np.ones(len(self._ids))
        out[self._other_at] = self._other
        return out

    @property
    def start(self) -> np.ndarray:
        return np.frombuffer(self._start, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._start) - 1

    @overload
    def __getitem__(self, k: int) -> dict[str, float]: ...

    @overload
    def __getitem__(self, k: slice) -> list[dict[str, float]]: ...

    def __getitem__(self, k: int | slice) -> dict[str, float] | list[dict[str, float]]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        if not -len(self) <= k < len(self):
            raise IndexError(k)
        k %= len(self)
        lo, hi = self._start[k], self._start[k + 1]
        if self._values is not None:
            values = self._values[lo:hi].tolist()
        else:
            values = [1.0] * (hi - lo)
            at = slice(*np.searchsorted(self._other_at, [lo, hi]))
            for i, v in zip(self._other_at[at].tolist(), self._other[at].tolist(), strict=True):
                values[i - lo] = v
        names = self.names
        return {names[i]: v for i, v in zip(self._ids[lo:hi], values, strict=True)}

    def keys_of(self, kind: str) -> list[list[str]]:
        """Each sentence's concepts of a kind (``W``: those named ``W:...``), in order."""
        wanted = np.fromiter((n.startswith(kind + ":") for n in self.names), dtype=bool,
                             count=len(self.names))
        ids = self.ids
        keep = wanted[ids]
        row = np.repeat(np.arange(len(self)), np.diff(self.start))
        bounds = np.concatenate([[0], np.cumsum(np.bincount(row[keep], minlength=len(self)))])
        names = np.array(self.names, dtype=object)[ids[keep]].tolist()
        ends = bounds.tolist()
        return [names[lo:hi] for lo, hi in pairwise(ends)]

    def counts(self, kind: str) -> dict[str, int]:
        """In how many sentences each concept of a kind (``W``: named ``W:...``) is."""
        per = np.bincount(self.ids, minlength=len(self.names)).tolist()
        return {n: c for n, c in zip(self.names, per, strict=True)
                if c and n.startswith(kind + ":")}


@dataclass
class Evidence:
    """Dictionary concepts of every sentence, the weights of the concepts on each side, and
    the (Arabic stem, English stem) pairs found (to seed the word table)."""

    ar: ConceptRows = field(default_factory=lambda: ConceptRows([]))
    en: ConceptRows = field(default_factory=lambda: ConceptRows([]))
    weight_a: dict[str, float] = field(default_factory=dict)
    weight_e: dict[str, float] = field(default_factory=dict)
    seeds: list[tuple[str, str]] = field(default_factory=list)
    translatable: float = 0.0  # share of Arabic content words with a translation in the text
    content: int = 0  # Arabic content words looked up


def _sense_stems(sense: str) -> list[str]:
    """The content stems of a short sense (a definition of many words gives none)."""
    stems = english_content_stems(" ".join(w.lower() for w in _EN_WORD.findall(sense)))
    return stems if 0 < len(stems) <= MAX_SENSE_WORDS else []


def text_forms(vocab: set[str]) -> Callable[[str], tuple[str, ...]]:
    """Matches a sense's stem to the English text's stems: the same stem, or one that shares
    its first six letters, or of which one (six letters or more) is a prefix of the other:
    revolution ~ revolutionary, physic ~ physical, movement ~ movements. Shorter shared
    beginnings (form ~ former, grow ~ growth) matched more wrong words than right ones on real
    literary text."""
    by_head: dict[str, list[str]] = {}
    for t in vocab:
        if len(t) >= 4:
            by_head.setdefault(t[:4], []).append(t)
    cache: dict[str, tuple[str, ...]] = {}

    def forms(stem: str) -> tuple[str, ...]:
        hit = cache.get(stem)
        if hit is not None:
            return hit
        out = [stem] if stem in vocab else []
        if len(stem) >= 4:
            for t in by_head.get(stem[:4], ()):
                if t == stem:
                    continue
                short = min(len(t), len(stem))
                common = 4
                while common < short and t[common] == stem[common]:
                    common += 1
                if common >= MIN_SHARED:
                    out.append(t)
        cache[stem] = tuple(out)
        return cache[stem]

    return forms


def lookup_words(text: str) -> list[str]:
    """The words of an Arabic sentence as the dictionary looks them up (normalised as keys)."""
    # here, not at the top: a text aligned without a dictionary does not load the lookup
    from workbench.dictionary.lookup import dictionary_text

    return _WORD.findall(dictionary_text(text).text)


def content_key(word: str) -> str:
    """A looked-up word folded for matching, or "" for a stop word or a single letter."""
    from workbench.glossary.morphology import plain

    folded = normalize_arabic(plain(word))
    return "" if folded in AR_STOP or len(word) <= 1 else folded


def word_translations(
    word: str, glosser: Glosser, doc_forms: Callable[[str], tuple[str, ...]]
) -> tuple[str, tuple[str, ...], float]:
    """A content word's headword key ("" when its senses give nothing in the text), the English
    text's stems its senses give, and their strength: 1 through its own headwords, RELATED
    through related ones (keyed ``~word``) when no headword matches it."""
    key, stems, strength = _senses(word, glosser)
    chosen = _forms_of(stems, doc_forms)
    return key if key and chosen else "", chosen, strength


def _senses(word: str, glosser: Glosser) -> tuple[str, tuple[str, ...], float]:
    """A word's headword key ("" when it has none), the content stems of its senses (in
    order, each once) and their strength: of its own headwords at 1, else of related ones
    (keyed ``~word``) at RELATED."""
    senses = glosser.glosses(word)
    if not senses:  # no headword matches the word: a related one, weaker
        return "~" + word, _stems_of(_related(glosser, word)), RELATED
    keys = glosser.best_keys(word)
    return keys[0] if keys else "", _stems_of(senses), 1.0


def _stems_of(senses: Sequence[str]) -> tuple[str, ...]:
    """The content stems of every short sense, in order, each once."""
    return tuple(dict.fromkeys(s for sense in senses for s in _sense_stems(sense)))


def _forms_of(stems: Sequence[str], doc_forms: Callable[[str], tuple[str, ...]]
              ) -> tuple[str, ...]:
    """The English text's stems that sense stems give (at most ``MAX_TRANSLATIONS``)."""
    out: dict[str, None] = {}
    for s in stems:
        for t in doc_forms(s):
            out[t] = None
    return tuple(out)[:MAX_TRANSLATIONS]


def _idf(df: Mapping[str, int], total: int) -> dict[str, float]:
    scale = math.log(total + 2)
    return {c: math.log((total + 2) / (n + 0.5)) / scale for c, n in df.items()}


def _numbered(name: str, names: list[str], number: dict[str, int]) -> int:
    """The number of concept ``name`` (a new one numbered next)."""
    k = number.get(name)
    if k is None:
        k = number[name] = len(names)
        names.append(name)
    return k


def dictionary_evidence(
    ar: Sequence[str], en_stems: Sequence[Sequence[str]], glosser: Glosser
) -> Evidence:
    """The dictionary concepts of Arabic sentences ``ar`` and English sentences (given as
    their content stems). With a :class:`WithBasic` glosser, ``translatable`` is the share
    the user's own dictionary translates."""
    return Lookups().evidence(ar, en_stems, glosser)


# A content word as the aligner looks it up, whatever the English text: its headword key (""
# when it has none; "~word" through related headwords), its stem, the English content stems
# of its senses (in order, each once), their strength, and the stems of the primary
# dictionary's senses (with a WithBasic glosser).
_Entry = tuple[str, str, tuple[str, ...], float, tuple[str, ...]]


class Lookups:
    """What a dictionary gives the sentences and words of one alignment's texts, kept for
    all its aligners: the passes (the search again with its cues), the clause searches and
    the survival runs (:mod:`stability`) look up the same sentences and words again (with
    FreeDict, most of the runs' CPU went to it). Kept: each sentence's words, each word's
    headword key and sense stems, each English text's matches of them (a run's sentences and
    clauses have the same) and each (texts, glosser)'s evidence."""

    def __init__(self) -> None:
        self._words: dict[str, list[str]] = {}  # a sentence -> its looked-up words
        self._entries: dict[Glosser, dict[str, _Entry | None]] = {}  # a glosser's words
        self._evidence: dict[tuple[Glosser, tuple[str, ...], tuple[tuple[str, ...], ...]],
                             Evidence] = {}
        # (glosser, an English text's stems in order, each once) -> its text_forms, and each
        # word's translations in it and whether the primary dictionary alone translates it
        self._matched: dict[tuple[Glosser, tuple[str, ...]], tuple[
            Callable[[str], tuple[str, ...]], dict[str, tuple[tuple[str, ...], bool]]]] = {}

    def _looked_up(self, text: str) -> list[str]:
        """:func:`lookup_words` of a sentence (not to be changed)."""
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = lookup_words(text)
        return found

    def evidence(
        self, ar: Sequence[str], en_stems: Sequence[Sequence[str]], glosser: Glosser
    ) -> Evidence:
        """:func:`dictionary_evidence` (the same object for the same texts: not to be
        changed)."""
        key = (glosser, tuple(ar), tuple(map(tuple, en_stems)))
        found = self._evidence.get(key)
        if found is None:
            found = self._evidence[key] = self._made(ar, en_stems, glosser)
        return found

    def _made(
        self, ar: Sequence[str], en_stems: Sequence[Sequence[str]], glosser: Glosser
    ) -> Evidence:
        """The evidence of texts not seen before, from what is kept of their words."""
        with_primary = isinstance(glosser, WithBasic)
        own: set[str] = set()  # words the primary dictionary alone translates
        key = (glosser, tuple(dict.fromkeys(s for stems in en_stems for s in stems)))
        if key not in self._matched:  # (a text of an equal key makes an equal set, alike
            # iterated: the same stems added in the same order; text_forms reads its order)
            self._matched[key] = text_forms({s for stems in en_stems for s in stems}), {}
        doc_forms, matched = self._matched[key]
        # word -> key, translations, stem, strength (1, or RELATED through a related headword)
        word_info: dict[str, tuple[str, tuple[str, ...], str, float]] = {}
        ar_words: list[list[str]] = []
        entries = self._entries.setdefault(glosser, {})
        for text in ar:
            words = self._looked_up(text)
            ar_words.append(words)
            for w in words:
                if w in word_info:
                    continue
                if w not in entries:
                    entries[w] = _entry(w, glosser)
                entry = entries[w]
                if entry is None:
                    word_info[w] = ("", (), "", 0.0)
                    continue
                head, stem, sense_stems, strength, primary_stems = entry
                if w not in matched:
                    matched[w] = (_forms_of(sense_stems, doc_forms),
                                  with_primary and bool(_forms_of(primary_stems, doc_forms)))
                chosen, alone = matched[w]
                if alone:
                    own.add(w)
                word_info[w] = (head if head and chosen else "", chosen, stem, strength)
        return _evidence(ar, en_stems, word_info, ar_words, own if with_primary else None)


def _entry(word: str, glosser: Glosser) -> _Entry | None:
    """What ``glosser`` gives a looked-up word whatever the English text (see ``_Entry``;
    None: not a content word, see :func:`content_key`)."""
    folded = content_key(word)
    if not folded:
        return None
    primary = glosser.primary if isinstance(glosser, WithBasic) else None
    key, stems, strength = _senses(word, glosser)
    return (key, align_stem(folded), stems, strength,
            _stems_of(primary.glosses(word)) if primary is not None else ())


def _evidence(
    ar: Sequence[str], en_stems: Sequence[Sequence[str]],
    word_info: dict[str, tuple[str, tuple[str, ...], str, float]],
    ar_words: list[list[str]], own: set[str] | None,
) -> Evidence:
    """The evidence of the texts given each Arabic word's key, translations in the English
    text, stem and strength (``word_info``, in order of first use), each sentence's words, and
    the words the primary dictionary alone translates (None: no primary)."""
    reverse: dict[str, dict[str, float]] = {}  # English stem -> Arabic keys, strength
    seeds: set[tuple[str, str]] = set()
    names: list[str] = []  # every concept, numbered in order of first use
    number: dict[str, int] = {}
    concepts: dict[str, tuple[tuple[int, ...], float]] = {}  # a translatable word's concepts
    for w, (key, stems, stem, strength) in word_info.items():  # in order of first use
        if not key:
            continue
        concepts[w] = ((_numbered("W:" + key, names, number),
                        *(_numbered("V:" + s, names, number) for s in stems)), strength)
        for s in stems:
            keys_of = reverse.setdefault(s, {})
            keys_of[key] = max(keys_of.get(key, 0.0), strength)
            if stem and strength == 1.0:  # only headwords seed the table
                seeds.add((stem, s))
    ar_rows, en_rows = ConceptRows(names), ConceptRows(names)
    content = translated = 0
    for words in ar_words:
        content += sum(1 for w in words if word_info[w][2])
        translated += sum(1 for w in words if w in concepts and (own is None or w in own))
        bag: dict[int, float] = {}
        for w in dict.fromkeys(words):
            found = concepts.get(w)
            if found is None:
                continue
            ids, strength = found
            for concept in ids:  # as strong as its strongest source
                if bag.get(concept, 0.0) < strength:
                    bag[concept] = strength
        ar_rows.append(bag)
    # each English stem some Arabic word translates: its V: concept (as strong as its
    # strongest source) and the W: keys of the words it translates
    en_concepts = {
        s: [(_numbered("V:" + s, names, number), max(keys_of.values()))]
        + [(_numbered("W:" + k, names, number), v) for k, v in keys_of.items()]
        for s, keys_of in reverse.items()
    }
    for stems in en_stems:
        bag = {}
        for s in stems:
            found = en_concepts.get(s)
            if found:
                bag.update(found)
        en_rows.append(bag)
    ar_rows.pack()
    en_rows.pack()
    out = Evidence(ar_rows, en_rows)
    out.weight_a = _idf(ar_rows.counts("W"), len(ar))
    out.weight_e = _idf(en_rows.counts("V"), len(en_stems))
    out.seeds = sorted(seeds)
    out.translatable = translated / content if content else 0.0
    out.content = content
    return out

