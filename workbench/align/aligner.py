"""The two-pass many-to-many sentence aligner.

1. Lengths in joint sentencepiece units (characters for tiny and large texts) and lexical anchors
   (numbers, months, names, Latin words, punctuation, glossary terms) for every sentence.
2. First pass: a banded dynamic-programming search with anchors and lengths.
3. A word-translation table is induced (IBM model 1, both directions) from the first pass's
   confident links; the length model and the link-shape priors are re-estimated from them
   (with a dictionary, the priors only where the first pass explains the text well).
4. Second pass: the same search with sentence vectors that hold anchors and translations.
5. Confidence: each link's posterior probability (forward-backward sums over the band of the
   final pass), calibrated on the coverage of the link and of the whole text (see
   :func:`calibrated_confidence`), scaled down when the two texts do not look like
   translations of each other (then a warning is added, see :mod:`relatedness`).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from workbench.align.anchors import Bag, anchor_bags
from workbench.align.borders import reconsidered, runs_joined
from workbench.align.calibration import FLAGGED, recalibrated
from workbench.align.clauses import by_clauses
from workbench.align.cues import WITH_DICTIONARY, confident_kept, on_clauses, taught_starts
from workbench.align.dictionary import (
    ConceptRows,
    Evidence,
    Glosser,
    Lookups,
    WithBasic,
    basic_vocabulary,
)
from workbench.align.dp import Band, posteriors, search
from workbench.align.headings import with_headings
from workbench.align.joined import searched_in_parts
from workbench.align.lengths import char_lengths, subword_lengths
from workbench.align.lexicon import Numbered, numbered_table
from workbench.align.lists import item_counts
from workbench.align.markers import openings, paired_openings, unbalanced
from workbench.align.model import Alignment
from workbench.align.omissions import left_out_skip, split_left_out
from workbench.align.paragraphs import Paragraphs, Starts, paragraph_starts, paragraphs_between
from workbench.align.relatedness import relatedness
from workbench.align.scoring import (
    MAX_GROUP,
    MOVES,
    WIDEST_GROUP,
    BlockCosts,
    LengthModel,
    Params,
    Scorer,
    moves_up_to,
    openers,
)
from workbench.align.sparse import SparseRows
from workbench.align.stability import STABLE_MAX_SENTENCES, stable_confidence
from workbench.align.windows import in_windows, window_cuts
from workbench.allocator import map_large_blocks, release_free
from workbench.collector import gc_paused
from workbench.numeric import median, unique
from workbench.text.stems import (
    arabic_content_stems,
    arabic_word_stems,
    arabic_words_many,
    english_content_stems,
    english_word_stems,
    english_words_many,
)
from workbench.threads import beside
from workbench.wording import plural

if TYPE_CHECKING:  # (the glossary's model is not loaded to align without one)
    from workbench.glossary.model import Glossary

FULL_DP_CELLS = 400_000
COARSE_ROWS = 3000  # above this, the first pass starts from a coarse alignment
COARSE_FACTOR = 6
# A coarse unit holds six sentences: a link of up to nine sentences on one side spans at most
# three units, so the coarse search prices no longer runs (a third of its cost).
COARSE_MOVES = [mv for mv in MOVES if max(mv) <= 3]
# The first pass's one-to-many links are at most MAX_GROUP sentences a side. Where a text
# pairs a sentence with more as a rule (WIDEN_AT links or more, and WIDEN_SHARE of its links,
# fill MAX_GROUP on one side with no more text there than the other side's length predicts),
# the search is made again with links up to WIDEST_GROUP on that side: the unpunctuated
# periods of a classical Arabic text that a translator cuts into a dozen English sentences
# (Hamadhani's Maqamat in Prendergast's English, a held-out text kept outside the repository:
# 0.463 -> 0.677 plain, 0.526 -> 0.782 FreeDict; 7-9 of its 67 first-pass links were 1-9, their
# English 0.6-1.3 times what the Arabic predicts). Where one text translates only part of the
# other, the full links hold what the other lacks (4-36 times too long: bench's halves of
# corpora/hayy, which widening took from 0.59 to 0.36). A text with one or two full links (an
# enlarged opening: corpora/frame; a 2-17 link: corpora/nights) is left as it was: widening
# there moved other links at random (frame with FreeDict 0.604 -> 0.561, nights plain 0.788 ->
# 0.750 at 17). BENCHMARKS.md, stop 53.
WIDEN_AT = 3
WIDEN_SHARE = 0.05
MAX_TABLE_LINKS = 4000
# A project's confirmed pair (or memory unit) trains the word table only when at least this
# share of its content words, on each side, occur in the texts being aligned: the pairs of
# another domain, cut down to the few common words they share with the text, taught the table
# wrong translations (384 news pairs: hayy 0.71 -> 0.46). Of those 384 pairs 5-13 reach 0.4
# against the literary and legal sets; of the pairs of the same book 65-81 %, of a first half's
# pairs against its second half 38 % (BENCHMARKS.md, stop 48).
PAIR_RELEVANCE = 0.4
# ... and no more of them than the text has sentences (on its longer side), the most
# relevant first: they add to the text's own links, never outweigh them.
PAIRS_PER_SENTENCE = 1.0
# Arabic content words from which a dictionary that translates hardly any (< 2 %) is
# reported (FreeDict translates 47–65 % of real texts' words; the wrong dictionary none)
UNHELPFUL_WORDS = 200
# A later pass searches within GUIDE_HALF + GUIDE_SLOPE·(English per Arabic) of the earlier path.
GUIDE_HALF = 4
GUIDE_SLOPE = 2
# With a dictionary, the link-shape penalties are re-estimated from the first pass only when
# its links explain this much of the text on average (news and legal text: 0.57-0.77 with
# FreeDict); on free literary translation (0.32-0.37) and on law (0.52) they learnt the first
# pass's mistakes, so the given penalties are kept (BENCHMARKS.md, issue 13).
TRUSTED_COVER = 0.55
# Where the final links explain less than this of their sentences on average, the translation
# is free (literary): the sentences are aligned again as clauses (see :mod:`clauses`), whose
# links may cross the sentence borders. News, legal and the synthetic sets: 0.50-0.71 with or
# without FreeDict; corpora/hayy and hayy2 0.33-0.38.
LOOSE_COVER = 0.45
# Without a dictionary, one more pass is run after the last to test the links. Where it
# changes a stretch of at least UNSTABLE_RUN consecutive links (the word table learnt from the
# final links points elsewhere: a run shifted by a sentence), its links are taken when they
# cover more of their sentences under its own word table; the other runs it would change get
# at most UNSTABLE_CAP, below the flag threshold (0.5). On law 001 plain this repairs two
# shifted runs (F1 0.908 -> 0.987); single boundaries it would move are mostly right
# (BENCHMARKS.md, issue 13).
UNSTABLE_CAP = 0.45
UNSTABLE_RUN = 3
# A sentence the clause search leaves unlinked (see _as_clauses_if_free) where the sentence
# search pairs it: its link at most DISPUTED_CAP. corpora/frame without a dictionary: its
# English opening (sentences 0-8, a part of Arabic 0's translation) unlinked at 0.98, flagged
# (bench/align.py's frame flag rows: 13/27 wrong links flagged -> 22/27).
DISPUTED_CAP = 0.45
# A link whose English is more than e (2.7) times longer or shorter than its Arabic would be
# at the text's ratio (characters, 10 added to each side for short lines) gets at most
# LENGTH_CAP: of 9,977 links of the repository's sets, hayy and AlignAR 001 none was beyond
# 2.4 times, while an article the translation leaves out, squeezed into its neighbours' links,
# makes links 5-9 times off at confidences up to 0.99 (BENCHMARKS.md, issue 13).
LENGTH_LOG_OFF = 1.0
# A sentence this long (characters) that the English gives twice within a few links, while
# the Arabic does not, is a repeat (aligner._repeated): its later copy's link is capped too.
REPEAT_MIN_CHARS = 20
REPEAT_LINKS = 3  # how many links back a repeat's twin is looked for
# A link one of whose sides shares concepts (anchors, dictionary words) worth at least
# MISPLACED_SHARED, and MISPLACED_MARGIN more than with its own other side, with a sentence of
# the other text within MISPLACED_WINDOW sentences is capped too (aligner._misplaced; a
# concept's worth is its IDF in the texts): the translation reorders there. NTREX/TICO
# documents with two runs of three sentences swapped: 16 -> 29 of 49 wrong links flagged
# (FreeDict 17 -> 25 of 39), no right one; on the other sets 1-2 more wrong links flagged,
# 1 more right one (AlignAR literature), none on AlignAR law (BENCHMARKS.md, stop 34).
MISPLACED_SHARED = 12.0
MISPLACED_MARGIN = 10.0
MISPLACED_WINDOW = 8
LENGTH_CAP = 0.45
# Without a dictionary, texts of up to this many sentences a side use the built-in basic
# vocabulary (see dictionary.basic_vocabulary): free literary translation then aligns far
# better (hayy 0.06 -> 0.46 strict F1), at about 0.2 ms a sentence. Longer texts align as
# well without it (the scale sets: the same F1 within 0.0004) and keep their speed; a free
# translation does not (it is aligned again with it: _long_free).
BASIC_MAX_SENTENCES = 2000
# A given dictionary keeps the basic vocabulary behind it, however large: FreeDict (52,996
# headwords) lacks common senses the basic vocabulary has ("assembly" for الجمعية, "general"
# for العامة, "father" for أب), and where it lacks them its other senses fire on the wrong
# sentence ("commoners" for العامة matched the preamble clause before "The General
# Assembly": udhr 0.959, with the basic vocabulary behind it 0.984; BENCHMARKS.md, stop 49).
# A dictionary smaller than this is a project's word list (for the warning below).
WORD_LIST_HEADWORDS = 5000
# A presegmented line's indent: its leading spaces, with invisible marks among them.
_LEAD = re.compile(r"[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]+")
# A link of several sentences on a side, one of which its other side does not translate
# (under OMISSION_OWN of that sentence's concepts found there, and at least OMISSION_WEIGHT of
# them: a short sentence's coverage says little) and whose length that side does not need
# (the link's length cost falls by more than OMISSION_GAIN without it), is a sentence left out
# and merged into its neighbour's link: its confidence is at most OMISSION_CAP. Chosen on the
# repository's merged news sets with omissions, seeds 100-105, and checked on seeds 106-111:
# see BENCHMARKS.md.
OMISSION_OWN = 0.3
OMISSION_GAIN = 1.5
OMISSION_WEIGHT = 5.0
OMISSION_CAP = 0.45
RELATED_WARNING = 0.5  # texts less related than this are warned about
MOSTLY_FLAGGED = 0.8  # a share of flagged links warned about (of at least ...LINKS links)
MOSTLY_FLAGGED_LINKS = 5
# English letters per Arabic letter (spaces, tatweel and vowel marks not counted) of whole
# translations: NTREX 1.08, TICO-19 1.03, the sample 1.31, legal 1.43, AlignAR 001 1.42-1.43,
# Hayy 1.66. Texts whose ratio is outside PLAUSIBLE_RATIO are not each other's whole
# translation (one covers only a part of the other): the first pass then expects USUAL_RATIO,
# not the whole texts' ratio, which would stretch the translated part over the rest.
PLAUSIBLE_RATIO = (0.8, 2.0)
USUAL_RATIO = 1.3
_NOT_COUNTED = " \t\n\u00a0\u0640\u0670" + "".join(map(chr, range(0x064B, 0x0660)))
# by code point, up to the largest of them (the last flag, False, stands for every one above)
_NOT_COUNTED_FLAGS = np.zeros(max(map(ord, _NOT_COUNTED)) + 2, dtype=bool)
_NOT_COUNTED_FLAGS[list(map(ord, _NOT_COUNTED))] = True
# A first pass that leaves unlinked more than half of the text with fewer sentences (its head
# or tail: see dp.search) is run again with every sentence linked or skipped one by one:
# texts that do not translate each other then keep their low confidences and warning.
PARTIAL_LINKED = 0.5
# A part of fewer links than this placed inside a longer text (the rest unlinked before or
# after it) has its links capped at LENGTH_CAP, with a warning: one to four sentences hold
# too little to tell where they belong (NTREX line 100 alone against its 198 Arabic lines was
# linked to the last at 1.0, three lines from 100 to the last three at 0.8-0.98; five or more
# were placed right).
EXCERPT_LINKS = 5
# Texts of this many sentences (both sides) give the memory a search freed back to the
# system after it (see TwoPassAligner._release): shorter ones reuse it, faster.
RELEASE_SENTENCES = 20_000
ANCHOR_WEIGHT = {"N": 1.2, "M": 1.0, "D": 1.0, "S": 1.0, "L": 1.0, "P": 0.5, "G": 1.2}

Link = tuple[list[int], list[int]]


class _Vectors:
    """Builds sentence presence vectors in one shared column space from bags of concepts."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def column(self, concept: str) -> int:
        return self.ids.setdefault(concept, len(self.ids))

    def build(
        self, ar: Sequence[dict[str, float]], en: Sequence[dict[str, float]],
        more: tuple[ConceptRows, ConceptRows] | None = None,
    ) -> tuple[SparseRows, SparseRows]:
        """Both sides' rows; ``more``: each sentence's further concepts (its dictionary
        concepts, none of them an anchor's), as if its bag held them after its own."""
        if more is None:
            return self._rows(ar), self._rows(en)
        return self._rows(ar, more[0]), self._rows(en, more[1])

    def _rows(self, bags: Sequence[dict[str, float]], more: ConceptRows | None = None
              ) -> SparseRows:
        ids = self.ids
        sizes = np.fromiter(map(len, bags), dtype=np.int64, count=len(bags))
        keys = list(chain.from_iterable(bags))
        if more is None:
            for concept in keys:  # new columns, in order
                if concept not in ids:
                    ids[concept] = len(ids)
        else:
            more_columns = self._columns(keys, sizes, more)
        col = np.fromiter(map(ids.__getitem__, keys), dtype=np.int64, count=len(keys))
        data = np.fromiter(chain.from_iterable(map(dict.values, bags)), dtype=np.float64,
                           count=len(keys))
        row = np.repeat(np.arange(len(bags), dtype=np.int64), sizes)
        if more is not None:  # a sentence's bag and its further concepts make one row
            more_col = more_columns[more.ids]
            more_row = np.repeat(np.arange(len(bags), dtype=np.int64), np.diff(more.start))
            merged = _merged(SparseRows(row, col, data, len(bags)), more_row, more_col,
                             more.values)
            row, col, data = merged.row, merged.col, merged.data
        keep = data != 0
        if keep.all():  # (no copies of every entry: at 100,000 sentences, 75 MB a side)
            return SparseRows(row, col, np.minimum(data, 1.0, out=data), len(bags))
        return SparseRows(row[keep], col[keep], np.minimum(data[keep], 1.0), len(bags))

    def _columns(self, keys: list[str], sizes: np.ndarray, more: ConceptRows) -> np.ndarray:
        """New columns for the bags' concepts (``keys``, ``sizes`` a bag) and ``more``'s, in
        the order they first come when each bag is read followed by its row of ``more``; the
        column of each of ``more.names`` (-1: not used)."""
        ids = self.ids
        more_sizes = np.diff(more.start)
        # where each sentence's bag starts when bags and rows of ``more`` alternate
        begin = np.concatenate([[0], np.cumsum(sizes + more_sizes)])[:-1]
        first: dict[str, int] = {}  # a new concept -> where it first comes
        at = (np.repeat(begin - np.cumsum(sizes) + sizes, sizes)
              + np.arange(len(keys))).tolist()
        for concept, place in zip(keys, at, strict=True):
            if concept not in ids and concept not in first:
                first[concept] = place
        used, entry = np.unique(more.ids, return_index=True)
        owner = np.searchsorted(more.start, entry, side="right") - 1
        places = (begin[owner] + sizes[owner] + entry - more.start[owner]).tolist()
        for number, place in zip(used.tolist(), places, strict=True):
            concept = more.names[number]
            if concept not in ids and place < first.get(concept, place + 1):
                first[concept] = place
        for concept in sorted(first, key=first.__getitem__):
            ids[concept] = len(ids)
        out = np.full(len(more.names), -1, dtype=np.int64)
        out[used] = [ids[more.names[number]] for number in used.tolist()]
        return out

    def weights(self, weight: dict[str, float]) -> np.ndarray:
        out = np.zeros(len(self.ids) + 1)
        for concept, column in self.ids.items():
            out[column] = weight.get(concept, 0.0)
        return out


@dataclasses.dataclass
class _FirstPass:
    """What the passes after the first build on: its columns, weights, vectors (None once let
    go) and length model."""

    vec: _Vectors
    weights: dict[str, float]
    x: SparseRows | None
    y: SparseRows | None
    lengths: LengthModel


class _TextStems:
    """A text's stems as numbers: sentence k's are ``ids[start[k]:start[k + 1]]``, stem i is
    ``words[i]`` and ``number`` numbers them (in the order they first occur)."""

    def __init__(self, ids: np.ndarray, start: np.ndarray, words: list[str]) -> None:
        self.ids, self.start, self.words = ids, start, words
        self.number = {w: k for k, w in enumerate(words)}
        self.owner = np.repeat(np.arange(len(start) - 1, dtype=np.int64), np.diff(start))

    @classmethod
    def of(cls, stems: Sequence[Sequence[str]]) -> _TextStems:
        """Each sentence's stems (``stems[k]``: sentence k's) numbered."""
        return cls(*Numbered.of(stems))

    def groups(self, sentences: list[list[int]], extra: list[list[str]]) -> Numbered:
        """The stems of each group of ``sentences``, then those of each ``extra`` group (a
        stem not in the text gets a number after the text's)."""
        sent = np.fromiter(chain.from_iterable(sentences), dtype=np.int64)
        first = self.start[sent]
        per = self.start[sent + 1] - first
        ends = np.cumsum(per)
        at = np.repeat(first - ends + per, per) + np.arange(int(ends[-1]) if len(ends) else 0)
        counts = np.fromiter(map(len, sentences), dtype=np.int64, count=len(sentences))
        start = np.concatenate([[0], ends])[np.concatenate([[0], np.cumsum(counts)])]
        more = list(chain.from_iterable(extra))
        words, number = self.words, self.number
        if not all(map(number.__contains__, more)):
            words, number = list(words), dict(number)
            for w in more:
                if w not in number:
                    number[w] = len(words)
                    words.append(w)
        sizes = np.fromiter(map(len, extra), dtype=np.int64, count=len(extra))
        ids = np.concatenate([self.ids[at], np.fromiter(map(number.__getitem__, more),
                                                          dtype=np.int64, count=len(more))])
        return Numbered(ids, np.concatenate([start, start[-1] + np.cumsum(sizes)]), words)

    def entries(self, number: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        """(sentence, number) of every distinct stem of every sentence that ``number``
        holds, sorted by sentence then number."""
        lookup = np.full(len(self.words), -1, dtype=np.int64)
        lookup[np.fromiter(map(self.number.__getitem__, number), dtype=np.int64,
                           count=len(number))] = np.fromiter(number.values(), dtype=np.int64,
                                                             count=len(number))
        ids = lookup[self.ids]
        found = ids >= 0
        size = int(ids.max(initial=0)) + 1
        key = unique(self.owner[found] * size + ids[found])
        return key // size, key % size


class _ConceptSets:
    """Each sentence's concepts but punctuation's (its anchors, and ``keys``: the dictionary's
    word keys it holds), as a set made when asked for (``kept``: and kept until
    :meth:`forget_before` passes it). The sets of a whole text at once took 100–130 MB at
    100,000 sentences with a dictionary."""

    def __init__(self, bags: Sequence[Bag], keys: Sequence[list[str]] | None = None,
                 kept: bool = False) -> None:
        self.bags, self.keys, self.kept = bags, keys, kept
        self._made: dict[int, frozenset[str]] = {}
        self._low = 0  # the sets before this one are forgotten

    def __len__(self) -> int:
        return len(self.bags)

    def _concepts(self, k: int) -> Iterator[str]:
        words = self.bags[k] if self.keys is None else chain(self.bags[k], self.keys[k])
        return (c for c in words if c[0] != "P")

    def __getitem__(self, k: int) -> frozenset[str]:
        made = self._made.get(k)
        if made is None:
            made = frozenset(self._concepts(k))
            if self.kept:
                self._made[k] = made
        return made

    def every(self) -> Iterator[str]:
        """The concepts of every sentence in turn, punctuation's too (a bag's keys and its
        word keys are distinct: each concept once a sentence). Read in C, not filtered
        concept by concept: a count of them serves for the others' weights."""
        if self.keys is None:
            return chain.from_iterable(self.bags)
        return chain.from_iterable(map(chain, self.bags, self.keys))

    def forget_before(self, k: int) -> None:
        """Let the sets of the sentences before ``k`` go (made again if asked for)."""
        while self._low < k:
            self._made.pop(self._low, None)
            self._low += 1


def _idf_weights(ar: Sequence[Bag], en: Sequence[Bag]) -> dict[str, float]:
    """Inverse document frequency of every concept over both sides, scaled to about [0, 1]."""
    df = Counter(chain.from_iterable(map(dict.keys, (*ar, *en))))
    total = len(ar) + len(en)
    scale = math.log(total + 2)
    out: dict[str, float] = {}
    for concept, count in df.items():
        kind = concept.split(":", 1)[0]
        factor = ANCHOR_WEIGHT.get(kind, 1.0)
        out[concept] = factor * math.log((total + 2) / (count + 0.5)) / scale
    return out


@dataclasses.dataclass(frozen=True)
class _Text:
    """What an aligner reads of its two texts before any pass (not to be changed): each
    sentence's anchors and content stems, and its enumerated items (see :func:`_item_counts`)."""

    ar_bags: list[Bag]
    en_bags: list[Bag]
    stems: tuple[list[list[str]], list[list[str]]]
    items: tuple[np.ndarray | None, np.ndarray | None]

    @classmethod
    def of(cls, ar: list[str], en: list[str], glossary: Glossary | None) -> _Text:
        # Each sentence is tokenised once, for its anchors and its content stems (the words
        # themselves are not kept: the stems are shared strings, the words are not).
        words = (arabic_words_many(ar), english_words_many(en))
        ar_bags, en_bags = anchor_bags(ar, en, glossary, words)
        return cls(ar_bags, en_bags, (list(map(arabic_word_stems, words[0])),
                                      list(map(english_word_stems, words[1]))),
                   (_item_counts(ar, True), _item_counts(en, False)))


class Shared:
    """What the aligners of one alignment share: its passes (the search again with the cues
    its links teach), clause searches and survival runs (:mod:`stability`) make aligners of
    the same texts, and of texts with the same words, again and again. Kept for the one
    alignment (see :func:`_shared`): each pair of texts' :class:`_Text` and the dictionary's
    look-ups (:class:`dictionary.Lookups`): the runs' CPU fell by 10-25 % without a
    dictionary and by about 40 % with FreeDict (BENCHMARKS.md, stop 56, survspeed)."""

    def __init__(self) -> None:
        self.lookups = Lookups()
        self._texts: dict[tuple[tuple[str, ...], tuple[str, ...], int], _Text] = {}

    def text(self, ar: list[str], en: list[str], glossary: Glossary | None) -> _Text:
        """The texts' :class:`_Text` (``glossary``: the alignment's, the same object for
        every aligner of it)."""
        key = (tuple(ar), tuple(en), id(glossary))
        found = self._texts.get(key)
        if found is None:
            found = self._texts[key] = _Text.of(ar, en, glossary)
        return found


def _shared(ar: Sequence[str], en: Sequence[str]) -> Shared | None:
    """What the aligners of an alignment of ``ar`` and ``en`` share, where survival runs may
    align them again (up to STABLE_MAX_SENTENCES a side); None for longer texts: each of their
    aligners keeps what it reads only while it needs it (the memory of 100,000 sentences)."""
    return Shared() if max(len(ar), len(en)) <= STABLE_MAX_SENTENCES else None


class TwoPassAligner:
    """Aligns Arabic to English sentences in two passes."""

    def __init__(
        self,
        ar: Sequence[str],
        en: Sequence[str],
        glossary: Glossary | None = None,
        params: Params | None = None,
        lexicon: Glosser | None = None,
        pairs: Sequence[tuple[str, str]] = (),
        starts: tuple[np.ndarray, np.ndarray] | None = None,
        clauses: bool = False,
        par_starts: Starts | None = None,
        shared: Shared | None = None,
    ) -> None:
        """``shared``: what the other aligners of the same alignment read (see
        :class:`Shared`), to be reused."""
        self.ar = list(ar)
        self.en = list(en)
        self.glossary = glossary
        self.params = params or Params()
        self.warnings: list[str] = []
        self.cells = 0  # band cells priced over all passes (the cost grows with this)
        self.moves: list[tuple[int, int]] = list(MOVES)
        self.first_moves = self.moves  # the first pass's (later passes take those they need)
        self.widths: list[int] = []  # the band width of every pass
        self.posterior: list[float] = []
        self.final_params = self.params  # the last pass's (shape penalties re-estimated)
        self.cover = 1.0  # the final two-sided links' mean coverage (see LOOSE_COVER)
        self.loose: Scorer | None = None  # the final pass's, kept when cover < LOOSE_COVER
        extra = [e.term + " " + e.rendering for e in glossary.entries] if glossary else []
        # The length model trains in a thread while this one tokenises: sentencepiece does its
        # work without the interpreter's lock, so the two overlap on a second core.
        with beside(subword_lengths, self.ar, self.en, extra) if self.params.subwords \
                else nullcontext() as lengths:
            text = (shared.text(self.ar, self.en, glossary) if shared is not None
                    else _Text.of(self.ar, self.en, glossary))
            self.ar_bags, self.en_bags, self._stem_cache = text.ar_bags, text.en_bags, text.stems
            self._vocab_cache: tuple[set[str], set[str]] | None = None
            self._number_cache: tuple[_TextStems, _TextStems] | None = None
            if lengths is not None:
                self.la, self.le, self.unit = lengths.result()
            else:
                self.la, self.le, self.unit = char_lengths(self.ar), char_lengths(self.en), "chars"
        self.pairs = list(pairs)
        self._pair_cache: tuple[list[list[str]], list[list[str]]] | None = None
        self.evidence: Evidence | None = None
        basic = self.params.basic_vocabulary and (
            self.params.basic_long or max(len(self.ar), len(self.en)) <= BASIC_MAX_SENTENCES)
        headwords = _headwords(lexicon) if lexicon is not None else 0
        if lexicon is not None and headwords == 0:
            lexicon = None  # every dictionary left out (missing, unreadable): as without one
        self.basic_only = basic and lexicon is None
        if self.basic_only:
            lexicon = basic_vocabulary()
        elif basic and lexicon is not None:
            lexicon = WithBasic(lexicon, basic_vocabulary())
        if lexicon is not None and self.ar and self.en:
            lookups = shared.lookups if shared is not None else Lookups()
            self.evidence = lookups.evidence(self.ar, self._stems()[1], lexicon)
            if (not self.basic_only and self.evidence.content >= UNHELPFUL_WORDS
                    and self.evidence.translatable < 0.02):
                question = "is it an Arabic–English dictionary?" if (
                    headwords >= WORD_LIST_HEADWORDS
                ) else (f"a word list of {plural(headwords, 'headword')} covers few of a "
                        "text's words; or is it not Arabic–English?")
                self.warnings.append(
                    f"the dictionary translates {self.evidence.translatable:.1%} of the Arabic "
                    f"text's words into words of the English text: it gives the alignment "
                    f"nothing ({question})"
                )
        if clauses and self.evidence is not None and headwords >= WORD_LIST_HEADWORDS:
            # With a dictionary (not a word list) the clause search learns its word table
            # without the project's pairs (the sentence passes keep them): every change pairs
            # made to an alignment with FreeDict came from here, each for the worse (4 of 14
            # cases: hayy2 with hayy's gold links confirmed in a project 0.811 -> 0.774, and
            # with halves of them; hayy with a half of hayy2's; none better), while without
            # one the pairs' gains are made here (hayy2 0.736 -> 0.774, with a 39-word list
            # too). BENCHMARKS.md, stop 53.
            self.pairs = []
        self.items = text.items
        self._markers: tuple[list[str], list[str], dict[str, str]] | None = None  # _unbalanced
        self.opens: tuple[np.ndarray | None, np.ndarray | None] = (None, None)  # see run
        # each sentence's bonus for starting a link (the cues', a numbered heading's)
        self.starts = with_headings(starts, self.ar, self.en) or (None, None)
        # what the paragraphs say of each sentence (see paragraphs.paragraph_starts); the
        # scorers take its start values and crossing costs
        self.paragraphs = par_starts
        self.par_starts = (None,) * 4 if par_starts is None else par_starts[:4]
        # recaps, and verse lines with a dictionary, cost less to leave out where words are
        # evidence (omissions)
        self.ar_skip = (left_out_skip(self.ar, self._stems()[0],
                                      verses=headwords >= WORD_LIST_HEADWORDS, recaps=not clauses)
                        if self.params.omission_links and self.evidence is not None else None)
        self.ar_cum = np.concatenate([[0.0], np.cumsum(self.la)])
        self.en_cum = np.concatenate([[0.0], np.cumsum(self.le)])

    # passes -------------------------------------------------------------------------------

    def run(self) -> Alignment:
        """Both passes; the final alignment with confidences."""
        vec = _Vectors()
        weights = _idf_weights(self.ar_bags, self.en_bags)
        more = None if self.evidence is None else (self.evidence.ar, self.evidence.en)
        x1, y1 = vec.build(self.ar_bags, self.en_bags, more)
        s2 = 2.0 if self.unit == "sentencepiece" else 3.5
        lengths = LengthModel(self._first_ratio(), s2)
        wa, we = self._side_weights(vec, weights)
        self.opens = openers(self.ar, x1), openers(self.en, y1)
        scorer = Scorer(
            self.ar_cum, self.en_cum, x1, y1, wa, lengths, self.params, we, *self.items,
            *self.opens, *self.starts, self.ar_skip, *self.par_starts,
        )
        passes = max(1, self.params.passes)
        both = bool(self.ar and self.en)
        links = self._align(scorer, final=passes == 1 or not both)
        if self.params.partial and _mostly_unlinked(links):
            # the texts have little in common: the best path links nearly nothing, which says
            # less to a reader than the links forced through them and their low confidence
            self.params = dataclasses.replace(self.params, partial=False)
            scorer = dataclasses.replace(scorer, params=self.params)
            links = self._align(scorer, final=passes == 1 or not both)
        wider = _widened(links, scorer)
        if wider is not None:  # links as wide as the moves allow: wider ones are searched
            self.moves = self.first_moves = wider
            links = self._align(scorer, final=passes == 1 or not both)
        if not both:
            return self._finish(scorer, links, 1.0)
        first = links
        no_dictionary = self.evidence is None or self.basic_only
        checked = no_dictionary and passes > 1 and self.params.stability_check
        base = _FirstPass(vec, weights, x1, y1, lengths)
        del x1, y1
        for done in range(1, passes):
            self._release()
            stats = scorer.link_stats(links)
            # The last pass when no check pass follows: nothing reads the first pass's vectors
            # or the numbered stems after it has its own vectors, which reuse their memory
            # (at 100,000 sentences with a dictionary, 190 MB).
            last = done == passes - 1 and not checked
            del scorer  # (it holds the first pass's vectors)
            scorer = self._next_scorer(stats, links, base, let_go=last)
            if last:
                self._number_cache = None
            links = self._align(scorer, links, final=done == passes - 1)
        self._release()
        stats = scorer.link_stats(links)
        if not checked:
            return self._finish(scorer, links, self._relatedness(first), stats[1])
        # The alignment is finished in a thread while this one runs the check pass, whose
        # word table and search run in C and NumPy without the interpreter's lock. Neither
        # reads what the other writes (the check pass sets only ``moves``, ``cells`` and
        # ``widths``), so the result is the same. (The other way round, measured when each
        # thread had an allocator arena of its own, the check pass's large arrays took a
        # second one: +45 MB at 10,000 sentences.)
        with beside(lambda: self._finish(scorer, links, self._relatedness(first),
                                         stats[1])) as finished:
            check = self._next_scorer(stats, links, base)
            again = self._align(check, links, final=False)
            return _settled(finished.result(), again, check)

    def _release(self) -> None:
        """After a search of a long text, the memory its arrays freed goes back to the system:
        what comes next (the next pass's vectors, in pages of their own; the result, in Python
        objects) cannot use it, and it stayed in the peak (100,000 sentences with a
        dictionary: 60–90 MB)."""
        if len(self.ar) + len(self.en) >= RELEASE_SENTENCES:
            release_free()

    def _first_ratio(self) -> float:
        """English length units per Arabic unit for the first pass: the whole texts' ratio
        unless their characters say one covers only part of the other (PLAUSIBLE_RATIO)."""
        whole = (self.en_cum[-1] + 1) / (self.ar_cum[-1] + 1)
        chars_a, chars_e = _letters(self.ar), _letters(self.en)
        if not chars_a or not chars_e:
            return whole
        chars = chars_e / chars_a
        low, high = PLAUSIBLE_RATIO
        return whole if low <= chars <= high else whole * USUAL_RATIO / chars

    def _next_scorer(
        self, stats: tuple[np.ndarray, np.ndarray], links: list[Link], base: _FirstPass,
        let_go: bool = False,
    ) -> Scorer:
        """The scorer of a pass after ``links`` (``stats``: their length costs and
        coverage): the word table, the lengths and (see TRUSTED_COVER) the shape penalties
        learnt from them. (The pass is its search around ``links``.) ``let_go``: ``base``
        lets each of its vectors go once this pass's are made from it."""
        length1, cover1 = stats
        confident = self._confident(links, cover1, length1)
        params2 = self.params
        if self.evidence is None or float(np.mean(cover1)) >= TRUSTED_COVER:
            params2 = self._recalibrated_params(links)
        lengths2 = self._recalibrated_lengths(links, confident, base.lengths)
        x2, y2, w2, w2e = self._second_pass_vectors(links, confident, base, let_go)
        self.moves = _moves_seen(links, self.first_moves)
        return Scorer(
            self.ar_cum, self.en_cum, x2, y2, w2, lengths2, params2, w2e, *self.items,
            *self.opens, *self.starts, self.ar_skip, *self.par_starts,
        )

    def _side_weights(
        self, vec: _Vectors, weights: dict[str, float]
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Column weights of the Arabic and the English side (dictionary concepts weigh on
        one side only; None: the same weights)."""
        if self.evidence is None:
            return vec.weights(weights), None
        w = self.params.w_dict
        wa = {**weights, **{k: v * w for k, v in self.evidence.weight_a.items()}}
        we = {**weights, **{k: v * w for k, v in self.evidence.weight_e.items()}}
        return vec.weights(wa), vec.weights(we)

    def _concept_sets(self, kept: bool = False) -> tuple[_ConceptSets, _ConceptSets]:
        """Each sentence's anchors but punctuation's, with the dictionary's word keys it holds
        (``W:`` concepts: an Arabic word, or an English translation of it)."""
        if self.evidence is None:
            return _ConceptSets(self.ar_bags, kept=kept), _ConceptSets(self.en_bags, kept=kept)
        return (_ConceptSets(self.ar_bags, self.evidence.ar.keys_of("W"), kept),
                _ConceptSets(self.en_bags, self.evidence.en.keys_of("W"), kept))

    def _stems(self) -> tuple[list[list[str]], list[list[str]]]:
        return self._stem_cache

    def _unbalanced(self, links: list[Link]) -> dict[int, tuple[bool, set[int]]]:
        """The links holding a clause marker more on one side (see :mod:`markers`), by the
        markers the first ``links`` it is given teach."""
        if self._markers is None:
            ar_open, en_open = openings(self.ar, self.en)
            self._markers = ar_open, en_open, paired_openings(ar_open, en_open, links)
        ar_open, en_open, pairs = self._markers
        return unbalanced(ar_open, en_open, links, pairs)

    def _vocabularies(self) -> tuple[set[str], set[str]]:
        """Every stem of the Arabic and of the English sentences (built once, for every pass)."""
        if self._vocab_cache is None:
            ar, en = self._numbered()
            self._vocab_cache = set(ar.number), set(en.number)
        return self._vocab_cache

    def _numbered(self) -> tuple[_TextStems, _TextStems]:
        """Every sentence's stems as numbers, Arabic and English (built once, for every
        pass: each word table and each pass's vectors read them)."""
        if self._number_cache is None:
            ar_stems, en_stems = self._stem_cache
            self._number_cache = _TextStems.of(ar_stems), _TextStems.of(en_stems)
        return self._number_cache

    def _relatedness(self, links: list[Link]) -> float:
        """How clearly the texts translate each other (see :mod:`relatedness`); warns if not."""
        # (the dictionary's word keys are anchors too)
        related = relatedness(links, *self._concept_sets(), self._stems,
                              words=self.evidence is not None)
        if related < RELATED_WARNING:
            self.warnings.append(
                "the two texts do not look like translations of each other "
                f"(relatedness {related:.2f}): the alignment is unreliable"
            )
        return related

    def _align(
        self, scorer: Scorer, guide: list[Link] | None = None, final: bool = False
    ) -> list[Link]:
        """One search over the band; ``guide`` (an earlier pass's links) centres it.

        On the ``final`` pass each link's posterior probability is kept in ``self.posterior``.
        """
        n, m = scorer.n, scorer.m
        if n == 0 or m == 0:
            self.posterior = [1.0] * (n + m)
            return [([i], []) for i in range(n)] + [([], [j]) for j in range(m)]
        limits = None  # (where the paragraphs pair: a paragraph's sentences stay near its pair)
        if self.paragraphs is not None and self.paragraphs.ar_pair is not None:
            limits = Band.paragraphs(self.paragraphs.ar_pair, self.paragraphs.en_pair)
        full = limits if limits is not None else Band.full(n, m)
        skip = scorer.skip_en()
        ends: list[tuple[int, int]] = []
        if (n + 1) * full.width <= FULL_DP_CELLS:
            band = full
            costs = BlockCosts(scorer, band, self.moves)
            tails, head = _partial(scorer)
            path = search(band, self.moves, costs, skip, tails=tails, ends=ends, head=head)
        else:
            slope = m / n
            if guide is not None:  # around the earlier pass's path
                centre = _centre_from_cells(_cells_of_links(guide), n)
                half = GUIDE_HALF + GUIDE_SLOPE * max(1.0, slope)
            elif limits is None and n > COARSE_ROWS:  # around a coarse alignment's path
                centre = _centre_from_cells(_coarse_cells(scorer), n)
                half = COARSE_FACTOR + 4 * max(1.0, slope)
            else:  # around the diagonal drawn by the lengths
                centre, half = _diagonal(scorer)
            path, band, costs = _banded_search(scorer, centre, half, limits, skip, self.moves,
                                               ends)
        self.cells += costs.cells
        self.widths.append(band.width)
        assert path is not None
        links = _path_links(path)
        origin: list[int] = []  # (for split links: the search's link each comes from)
        if guide is not None and scorer.params.omission_links:
            # after the first pass (the word table known): left-out sentences get links of
            # their own
            links, origin = split_left_out(scorer, links, self._unbalanced(links))
        if final:
            self.posterior = self._posteriors(scorer, band, costs, skip, path, ends[-1])
            if len(links) > len(path):
                self.posterior = self._split_posteriors(scorer, band, costs, skip, links,
                                                        origin, ends[-1])
        return links

    def _split_posteriors(
        self, scorer: Scorer, band: Band, costs: BlockCosts, skip: np.ndarray,
        links: list[Link], origin: list[int], end: tuple[int, int],
    ) -> list[float]:
        """The posteriors of ``links``, some split off the search's (``origin``: the search's
        link each comes from, ``self.posterior`` its posterior): a split link and the one left
        beside it get the merged link's probability plus its own on the split path (either
        keeps the rest paired, and the search chose one); the merged link's alone where the
        split path leaves the band."""
        merged = [self.posterior[k] for k in origin]
        split = [(len(a), len(e)) for a, e in links]
        if not _walkable(split, band, self.moves):
            return merged
        alone = self._posteriors(scorer, band, costs, skip, split, end)
        twice = {k for k, count in Counter(origin).items() if count > 1}
        return [min(1.0, p + q) if k in twice else p
                for p, q, k in zip(merged, alone, origin, strict=True)]

    def _posteriors(
        self, scorer: Scorer, band: Band, costs: BlockCosts, skip: np.ndarray,
        path: list[tuple[int, int]], end: tuple[int, int],
    ) -> list[float]:
        """Each link's posterior; a path ending early at cell ``end`` (the Arabic or the
        English after it unlinked: one text translates the other's beginning only) is weighed
        among the paths to where it ends, and its unlinked tail is certain."""
        (n, m), temperature = (scorer.n, scorer.m), self.params.temperature
        late = _partial(scorer)[1]
        if end == (n, m):
            return posteriors(band, self.moves, costs, skip, path, temperature, head=late)
        left = (n - end[0]) + (m - end[1])
        linked = path[: len(path) - left]
        if not linked:
            return [1.0] * len(path)
        cut = band.up_to(*end)
        probs = posteriors(cut, self.moves,
                           BlockCosts(scorer.sub(0, end[0], 0, end[1]), cut, self.moves),
                           skip[: end[1]], linked, temperature,
                           head=None if late is None else late[: end[1] + 1])
        return probs + [1.0] * left

    # between the passes ---------------------------------------------------------------------

    def _confident(self, links: list[Link], cover: np.ndarray, length: np.ndarray) -> list[int]:
        """Indices of the first pass's links trusted for the translation table."""
        candidates = [k for k, (a, e) in enumerate(links) if a and e and len(a) + len(e) <= 6]
        if not candidates:
            return []
        score = cover[candidates] - 0.05 * np.minimum(length[candidates], 10)
        order = np.argsort(-score)
        keep = max(1, int(len(candidates) * 0.7))
        chosen = sorted(candidates[k] for k in order[:keep])
        if len(chosen) > MAX_TABLE_LINKS:
            step = len(chosen) / MAX_TABLE_LINKS
            chosen = [chosen[int(t * step)] for t in range(MAX_TABLE_LINKS)]
        return chosen

    def _recalibrated_lengths(
        self, links: list[Link], confident: list[int], old: LengthModel
    ) -> LengthModel:
        ones = [links[k] for k in confident if len(links[k][0]) == 1 and len(links[k][1]) == 1]
        if len(ones) < 8:
            return old
        la = np.array([self.la[a[0]] for a, _ in ones])
        le = np.array([self.le[e[0]] for _, e in ones])
        ratio = float(le.sum() / max(la.sum(), 1.0))
        resid = (le - ratio * la) ** 2 / ((ratio * la + le) / 2 + 1.0)
        s2 = float(np.clip(median(resid) * 2.2, 0.5 * old.s2, 3 * old.s2))
        return LengthModel(ratio, s2)

    def _recalibrated_params(self, links: list[Link]) -> Params:
        base = self.params
        shapes = Counter((len(a), len(e)) for a, e in links if a and e)
        total = sum(shapes.values())
        if total < 10:
            return base
        alpha = self.params.prior_strength
        default = {mv: math.exp(-base.default_prior(*mv)) for mv in MOVES if mv[1]}
        z = sum(default.values())
        p11 = (shapes[(1, 1)] + alpha * default[(1, 1)] / z) / (total + alpha)
        priors = {}
        for mv, d in default.items():
            if min(mv) > 1:
                continue  # many-to-many links keep their penalty: they must not feed on errors
            p = (shapes[mv] + alpha * d / z) / (total + alpha)
            priors[mv] = max(0.0, math.log(p11 / p)) if mv != (1, 1) else 0.0
        return dataclasses.replace(base, priors=priors)

    def _second_pass_vectors(
        self, links: list[Link], confident: list[int], base: _FirstPass, let_go: bool,
    ) -> tuple[SparseRows, SparseRows, np.ndarray, np.ndarray | None]:
        """The first pass's vectors (``base.x``, ``base.y``: anchors and dictionary concepts)
        with the word table's translations: an Arabic sentence holds ``T:stem`` (weight √t)
        for each English stem its words may translate to, an English sentence ``T:stem`` for
        each of its stems that some Arabic word of the text translates to. ``let_go``:
        ``base`` lets each of its vectors go once merged."""
        vec = base.vec
        ar_stems, en_stems = self._stems()
        ar_num, en_num = self._numbered()
        extra_a, extra_e = self._extra_training(ar_stems, en_stems)
        table = numbered_table(ar_num.groups([links[k][0] for k in confident], extra_a),
                               en_num.groups([links[k][1] for k in confident], extra_e))
        # Only translations that some English sentence holds, and English stems that some
        # Arabic sentence may translate to, can ever match: the rest is left out at once.
        en_vocab = self._vocabularies()[1]
        source: dict[str, int] = {}  # an Arabic stem with translations -> its number
        t_count: list[int] = []
        t_col: list[int] = []
        t_weight: list[float] = []
        en_col: dict[str, int] = {}  # an English stem some Arabic stem translates to -> column
        for w in ar_num.words:  # in the text's order, not a set's (which varies by run)
            options = table.get(w)
            if options is None:
                continue
            pairs = [(target, weight) for target, weight in options if target in en_vocab]
            if pairs:
                source[w] = len(source)
                t_count.append(len(pairs))
                for target, weight in pairs:
                    col = en_col.get(target)
                    if col is None:
                        col = en_col[target] = vec.column("T:" + target)
                    t_col.append(col)
                    t_weight.append(math.sqrt(weight))
        # Arabic: every (sentence, distinct stem with translations), expanded to its columns;
        # a column reached by two stems of one sentence keeps the larger weight.
        row, sid = ar_num.entries(source)
        counts = np.asarray(t_count, dtype=np.int64)
        first = np.cumsum(counts) - counts
        per = counts[sid] if len(sid) else np.zeros(0, dtype=np.int64)
        at = np.repeat(first[sid] - np.cumsum(per) + per, per) + np.arange(int(per.sum()))
        t_rows = np.repeat(row, per)
        cols = np.asarray(t_col, dtype=np.int64)[at]
        vals = np.asarray(t_weight, dtype=np.float64)[at]
        width = len(vec.ids) + 1
        key, vals = _max_per_key(t_rows * width + cols, vals)
        assert base.x is not None and base.y is not None
        x = _merged(base.x, key // width, key % width, vals)
        del key, vals
        if let_go:
            base.x = None
        # English: every (sentence, distinct stem some Arabic stem translates to).
        e_row, e_col = en_num.entries(en_col)
        y = _merged(base.y, e_row, e_col, np.ones(len(e_row)))
        if let_go:
            base.y = None
        df = np.bincount(e_col, minlength=width)
        total = len(self.en) + 2
        scale = math.log(total + 2)
        weights = dict(base.weights)
        for target, col in en_col.items():
            weights["T:" + target] = math.log((total + 2) / (df[col] + 0.5)) / scale
        wa, we = self._side_weights(vec, weights)
        return x, y, wa, we

    def _extra_training(
        self, ar_stems: list[list[str]], en_stems: list[list[str]]
    ) -> tuple[list[list[str]], list[list[str]]]:
        """Training groups for the word table besides the confident links: the dictionary's
        pairs found in the text, and the project's confirmed segment pairs that concern it
        (see :meth:`_pair_groups`)."""
        ar_groups: list[list[str]] = []
        en_groups: list[list[str]] = []
        if self.evidence is not None:
            for a, e in self.evidence.seeds:
                ar_groups.append([a])
                en_groups.append([e])
        pair_a, pair_e = self._pair_groups()
        return ar_groups + pair_a, en_groups + pair_e

    def _pair_groups(self) -> tuple[list[list[str]], list[list[str]]]:
        """The project's pairs that train the word table (their words that occur in these
        texts): those that share enough words with the texts (PAIR_RELEVANCE), the most
        relevant first, as many as the text has sentences at most (PAIRS_PER_SENTENCE).
        Built once, for every pass."""
        if self._pair_cache is None:
            ar_vocab, en_vocab = self._vocabularies()
            taken: list[tuple[float, list[str], list[str]]] = []
            for a_text, e_text in self.pairs:
                a_all, e_all = arabic_content_stems(a_text), english_content_stems(e_text)
                a = [w for w in a_all if w in ar_vocab]
                e = [w for w in e_all if w in en_vocab]
                share = min(len(a) / max(len(a_all), 1), len(e) / max(len(e_all), 1))
                if a and e and share >= PAIR_RELEVANCE:
                    taken.append((share, a, e))
            taken.sort(key=lambda x: -x[0])  # stable: among equals, the order given
            del taken[int(PAIRS_PER_SENTENCE * max(len(self.ar), len(self.en))):]
            self._pair_cache = ([a for _, a, _ in taken], [e for _, _, e in taken])
        return self._pair_cache

    # the result -------------------------------------------------------------------------------

    def _finish(
        self, scorer: Scorer, links: list[Link], related: float,
        cover: np.ndarray | None = None,
    ) -> Alignment:
        """The alignment with confidences (see :func:`calibrated_confidence`), lowered when
        the texts do not look related; ``cover``: the links' coverage, when known."""
        self.final_params = scorer.params
        factor = 0.25 + 0.75 * related
        if cover is None:
            _, cover = scorer.link_stats(links) if links else (None, np.zeros(0))
        empty = np.array([not a or not e for a, e in links], dtype=bool)
        paired = np.asarray(cover)[~empty] if len(cover) else np.zeros(0)
        self.cover = float(np.mean(paired)) if len(paired) else 1.0
        self.loose = scorer if self.cover < LOOSE_COVER else None  # (_cued_flagged)
        part = self._linked_part(links)
        calibrated = calibrated_confidence(np.asarray(self.posterior), cover, empty, part)
        left_out: list[tuple[str, int]] = []
        if scorer.params.omission_check and links:
            weak = scorer.weakest_parts(links)
            suspect = ((weak.own < OMISSION_OWN) & (weak.gain > OMISSION_GAIN)
                       & (weak.weight >= OMISSION_WEIGHT))
            calibrated = np.where(suspect, np.minimum(calibrated, OMISSION_CAP), calibrated)
            left_out = [("ar" if weak.arabic[k] else "en", int(weak.sentence[k]))
                        for k in np.flatnonzero(suspect)]
        off = ((self._lengths_off(links) > LENGTH_LOG_OFF) | self._repeated(links)
               | self._misplaced(links))
        off[list(self._unbalanced(links))] = True  # a marked clause the other text lacks
        calibrated = np.where(off, np.minimum(calibrated, LENGTH_CAP), calibrated)
        pairs = sum(1 for a, e in links[part] if a and e)
        if pairs < EXCERPT_LINKS and (part.start > 0 or part.stop < len(links)):
            calibrated[part] = np.minimum(calibrated[part], LENGTH_CAP)
            self.warnings.append(
                f"{pairs} link{'s' if pairs != 1 else ''} in a text of {len(self.ar)} Arabic and "
                f"{len(self.en)} English sentences: where so short a part belongs is a guess "
                "(its links are flagged)")
        conf = [round(float(min(1.0, max(0.0, c * factor))), 4) for c in calibrated]
        return Alignment(links, conf, list(self.warnings), related, left_out)

    @staticmethod
    def _linked_part(links: list[Link]) -> slice:
        """The links from the first that pairs text to the last (before and after it: the
        sentences one text's translation leaves out at its ends, unlinked)."""
        both = [k for k, (a, e) in enumerate(links) if a and e]
        return slice(both[0], both[-1] + 1) if both else slice(0, len(links))

    def _misplaced(self, links: list[Link]) -> np.ndarray:
        """Links one of whose sides shares clearly more anchors and dictionary concepts
        (weighted by their rarity in the texts, IDF) with a sentence of the other text a few
        sentences away (``MISPLACED_WINDOW``) than with its own other side (at least
        ``MISPLACED_SHARED``, and ``MISPLACED_MARGIN`` more): the translation reorders there
        (paragraphs swapped), which a monotone alignment cannot follow, so the link is likely
        wrong however sure its posterior."""
        ar, en = self._concept_sets(kept=True)
        count = Counter(chain(ar.every(), en.every()))  # (punctuation's weights unused)
        idf = {c: math.log((len(ar) + len(en)) / n) for c, n in count.items()}

        def weight(shared: frozenset[str]) -> float:
            return sum(map(idf.__getitem__, shared))

        def elsewhere(bag: frozenset[str], others: _ConceptSets, own: list[int]) -> float:
            """The largest weight ``bag`` shares with a sentence near ``own`` (0: none)."""
            best = 0.0  # (weights are never negative)
            for j in (*range(max(0, own[0] - MISPLACED_WINDOW), own[0]),
                      *range(own[-1] + 1, min(len(others), own[-1] + MISPLACED_WINDOW + 1))):
                shared = bag & others[j]
                if shared:
                    best = max(best, weight(shared))
            return best

        out = np.zeros(len(links), dtype=bool)
        for k, (a, e) in enumerate(links):
            if not a or not e:
                continue
            ar.forget_before(a[0] - MISPLACED_WINDOW)
            en.forget_before(e[0] - MISPLACED_WINDOW)
            mine_a = frozenset().union(*(ar[i] for i in a))
            mine_e = frozenset().union(*(en[j] for j in e))
            need = max(MISPLACED_SHARED, weight(mine_a & mine_e) + MISPLACED_MARGIN)
            out[k] = (weight(mine_a) >= need and elsewhere(mine_a, en, e) >= need) or (
                weight(mine_e) >= need and elsewhere(mine_e, ar, a) >= need)
        return out

    def _repeated(self, links: list[Link]) -> np.ndarray:
        """Links holding an English sentence that repeats one before it, in the link or in
        the ``REPEAT_LINKS`` links before, while their Arabic repeats less (:func:`_repeats`):
        a passage the translation gives twice (pasted again), whose copy the aligner merges
        into a link at a good posterior (the first copy's link is usually right)."""
        en = [_repeat_key(s) for s in self.en]
        out = np.zeros(len(links), dtype=bool)
        seen = Counter(k for k in en if k)
        if not any(n > 1 for n in seen.values()):
            return out
        twin = _earlier_twins(en)
        # the later copy's link: the latest twin of its English comes at or after the first
        # English of the links near it (the first copy's link is usually right)
        latest = np.fromiter((max(map(twin.__getitem__, e), default=-1) for _, e in links),
                             dtype=np.int64, count=len(links))
        ar: dict[int, str] = {}  # the Arabic keys, made only where a twin is found
        for k in np.flatnonzero(latest >= _first_near(links, len(en))).tolist():
            near = links[max(0, k - REPEAT_LINKS): k + 2]
            en_near = [en[j] for _, es in near for j in es if en[j]]
            for i in (i for a_, _ in near for i in a_ if i not in ar):
                ar[i] = _repeat_key(self.ar[i])
            ar_near = [ar[i] for a_, _ in near for i in a_ if ar[i]]
            out[k] = len(en_near) - len(set(en_near)) > _repeats(ar_near)
        return out

    def _lengths_off(self, links: list[Link]) -> np.ndarray:
        """|log| of each link's English length over its Arabic length at the linked text's
        ratio (characters; 0 for a link with an empty side)."""
        ar = np.concatenate([[0], np.cumsum([len(s) for s in self.ar])])
        en = np.concatenate([[0], np.cumsum([len(s) for s in self.en])])
        out = np.zeros(len(links))
        both = [(k, ar[a[-1] + 1] - ar[a[0]], en[e[-1] + 1] - en[e[0]])
                for k, (a, e) in enumerate(links) if a and e]
        linked_a, linked_e = sum(c for _, c, _ in both), sum(c for _, _, c in both)
        if not linked_a or not linked_e:
            return out
        ratio = linked_e / linked_a  # of the linked text: a translation of a part keeps its own
        for k, chars_a, chars_e in both:
            out[k] = abs(math.log((chars_e + 10) / ((chars_a + 10) * ratio)))
        return out


def _mostly_unlinked(links: list[Link]) -> bool:
    """Whether a path leaves unlinked most of the text that has fewer sentences (the other
    may translate a part of it, or have a part more)."""
    n = sum(len(a) for a, _ in links)
    m = sum(len(e) for _, e in links)
    linked_a = sum(len(a) for a, e in links if e)
    linked_e = sum(len(e) for a, e in links if a)
    return min(n, m) > 0 and (linked_a if n <= m else linked_e) < PARTIAL_LINKED * min(n, m)


def _letters(sentences: Sequence[str]) -> int:
    """Characters of ``sentences`` but spaces and vowel marks (counted over the code points
    at once: a str.count per mark scanned the text 26 times)."""
    text = "".join(sentences)
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return len(text) - int(np.count_nonzero(_NOT_COUNTED_FLAGS.take(
        np.minimum(cps, len(_NOT_COUNTED_FLAGS) - 1))))


def _repeat_key(sentence: str) -> str:
    """A sentence as a repeat is recognised (case and spacing aside); '' when too short to
    tell a repeat from a common phrase ("Yes.", "Thank you.")."""
    key = " ".join(sentence.casefold().split())
    return key if len(key) >= REPEAT_MIN_CHARS else ""


def _first_near(links: list[Link], n_en: int) -> np.ndarray:
    """For each link, the first English sentence of the links from ``REPEAT_LINKS`` before it
    to the one after it (``n_en`` where none of them has English)."""
    lowest = np.fromiter((min(e, default=n_en) for _, e in links), dtype=np.int64,
                         count=len(links))
    padded = np.concatenate([np.full(REPEAT_LINKS, n_en), lowest, [n_en, n_en]])
    windows = np.lib.stride_tricks.sliding_window_view(padded, REPEAT_LINKS + 2)
    return windows[: len(links)].min(axis=1)


def _earlier_twins(keys: list[str]) -> list[int]:
    """For each key, where the same key was last before it (-1: nowhere, or an empty key)."""
    last: dict[str, int] = {}
    out = [-1] * len(keys)
    for j, key in enumerate(keys):
        if key:
            out[j] = last.get(key, -1)
            last[key] = j
    return out


def _repeats(keys: list[str]) -> int:
    """How many pairs of ``keys`` repeat one another, whole or inside a longer one (an Arabic
    sentence the segmentation joined to another, repeated)."""
    return sum(a in b or b in a for i, a in enumerate(keys) for b in keys[i + 1:])


# The confidence model: a logistic regression of "the link is right" on the logit of the
# link's posterior probability (lp), the mean coverage of the text's links (tc: how much of
# the texts the anchors, the dictionary and the word table explain), their product, and the
# link's own coverage. Fitted on the repository's sets (the merged ntrex/tico lines and the
# synthetic long-line and legal sets, seeds 100-103, and corpora/hayy; each with and without
# FreeDict: 7,283 links); see BENCHMARKS.md for what it flags on other texts.
CONFIDENCE_BIAS = -4.063
CONFIDENCE_LP = 0.859
CONFIDENCE_TC = 8.990
CONFIDENCE_LP_TC = 0.266
CONFIDENCE_COVER = 0.654


def calibrated_confidence(
    posterior: np.ndarray, cover: np.ndarray, empty: np.ndarray | None = None,
    part: slice = slice(None),
) -> np.ndarray:
    """The probability that each link is right, from its posterior, its coverage and the
    coverage of the whole text.

    A posterior alone is overconfident where little of the texts is explained (a free
    literary translation, few dictionary words): there the same posterior means a much
    likelier error than in a text whose every sentence shares anchors with its link.
    Links with an empty side (``empty``) keep at most their posterior: calibration never
    makes a left-out sentence look surer. Only the links of ``part`` make the text's
    coverage (not the sentences before and after one text's translation, unlinked).
    """
    if not len(posterior):
        return np.zeros(0)
    p = np.clip(posterior, 1e-4, 1 - 1e-4)
    lp = np.log(p / (1 - p))
    covered = cover[part]
    tc = float(np.mean(covered)) if len(covered) else 0.0
    z = (CONFIDENCE_BIAS + CONFIDENCE_LP * lp + CONFIDENCE_TC * tc + CONFIDENCE_LP_TC * lp * tc
         + CONFIDENCE_COVER * cover)
    out = 1.0 / (1.0 + np.exp(-z))
    if empty is not None:
        out = np.where(empty, np.minimum(out, posterior), out)
    return out


def _walkable(path: list[tuple[int, int]], band: Band, moves: list[tuple[int, int]]) -> bool:
    """Whether ``path`` takes only ``moves`` (and English skips) through cells of ``band``."""
    allowed = set(moves) | {(0, 1)}
    i = j = 0
    for k, el in path:
        i, j = i + k, j + el
        if (k, el) not in allowed or not band.lo[i] <= j <= band.hi[i]:
            return False
    return True


def _path_links(path: list[tuple[int, int]]) -> list[Link]:
    """The links a search's path of moves (Arabic, English sentences taken) makes."""
    out: list[Link] = []
    i = j = 0
    for k, el in path:  # (most links hold one sentence a side: a list of it is quicker made)
        out.append(([i] if k == 1 else list(range(i, i + k)),
                    [j] if el == 1 else list(range(j, j + el))))
        i, j = i + k, j + el
    return out


def _max_per_key(key: np.ndarray, vals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys, ascending, each with its largest value (one sort of the keys: a
    maximum does not depend on the order of a key's values)."""
    order = np.argsort(key)
    key = key[order]
    if not len(key):
        return key, vals[order]
    starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    return key[starts], np.maximum.reduceat(vals[order], starts)


def _merged(base: SparseRows, row: np.ndarray, col: np.ndarray, data: np.ndarray) -> SparseRows:
    """``base`` with more entries (in other columns; ``row`` ascending), kept sorted by row:
    a row's new entries after its own, as a stable sort of both would place them (merged
    without the sort's index arrays: at 100,000 sentences those took 150 MB)."""
    size = len(base.row) + len(row)
    new = np.zeros(size, dtype=bool)
    new[np.arange(len(row)) + np.searchsorted(base.row, row, side="right")] = True
    old = ~new

    def merged(mine: np.ndarray, more: np.ndarray) -> np.ndarray:
        out = np.empty(size, dtype=np.result_type(mine, more))
        out[old] = mine
        out[new] = more
        return out

    return SparseRows(merged(base.row, row), merged(base.col, col), merged(base.data, data),
                      base.n_rows)


def _diagonal(scorer: Scorer) -> tuple[np.ndarray, float]:
    """The centre column of every row along the diagonal the lengths draw, and a half-width
    that grows with the square root of the length (for short texts only)."""
    n, m = scorer.n, scorer.m
    ar_pos = scorer.ar_cum / max(scorer.ar_cum[-1], 1e-9)
    en_pos = scorer.en_cum / max(scorer.en_cum[-1], 1e-9)
    centre = np.interp(ar_pos, en_pos, np.arange(m + 1))
    return centre, 16 + 4 * max(1.0, m / max(n, 1)) + 0.3 * math.sqrt(n)


def _banded_search(
    scorer: Scorer, centre: np.ndarray, half: float, limits: Band | None, skip: np.ndarray,
    moves: list[tuple[int, int]] = MOVES, ends: list[tuple[int, int]] | None = None,
) -> tuple[list[tuple[int, int]], Band, BlockCosts]:
    """The cheapest path in a band around ``centre``: while the path runs along an edge of
    the band, the band is centred on that path (its width kept, up to three times: the path
    was only off-centre), then widened. ``ends``: where each search's path ends before its
    unlinked tail (``dp.search``), the last one for the path returned."""
    n, m = scorer.n, scorer.m
    path = None
    recentred = 0
    tails, head = _partial(scorer)
    for _ in range(10):
        band = Band.around(centre, half, m).within(limits)
        costs = BlockCosts(scorer, band, moves)
        path = search(band, moves, costs, skip, tails=tails, ends=ends, head=head)
        if path is None:
            half *= 2
            continue
        cells = _cells(path)
        if not band.touches(cells, limits) or band.width > m:
            break
        centre = _centre_from_cells(cells, n)
        if recentred < 3:
            recentred += 1
        else:
            half *= 2
    assert path is not None
    return path, band, costs


def _partial(scorer: Scorer) -> tuple[tuple[np.ndarray, np.ndarray] | None, np.ndarray | None]:
    """``dp.search``'s ``tails`` and ``head`` (None, None when the scorer's paths may not
    start late or end early)."""
    if not scorer.params.partial:
        return None, None
    return scorer.tails(), scorer.heads()[1]


def _coarse_cells(scorer: Scorer) -> np.ndarray:
    """Cells of the path found on units of ``COARSE_FACTOR`` sentences (recursively while
    the text is long), in this scorer's coordinates: a path fixed in linear time, so that the
    full-resolution search needs only a narrow band around it."""
    f = COARSE_FACTOR
    coarse = scorer.coarse(f)
    if coarse.n > COARSE_ROWS:
        centre = _centre_from_cells(_coarse_cells(coarse), coarse.n)
        half = f + 4 * max(1.0, coarse.m / coarse.n)
    else:
        centre, half = _diagonal(coarse)
    path, _, _ = _banded_search(coarse, centre, half, None, coarse.skip_en(), COARSE_MOVES)
    return np.minimum(_cells(path) * f, [scorer.n, scorer.m])


def _widened(links: list[Link], scorer: Scorer) -> list[tuple[int, int]] | None:
    """Every shape, with one-to-many links up to WIDEST_GROUP on a side where WIDEN_AT of
    ``links`` (the first pass's) or more, and WIDEN_SHARE of them, are two-sided links
    MAX_GROUP sentences wide on that side and no longer there than their other side predicts
    (filled to the limit, not holding text the other side lacks); None where no side is."""
    ratio = scorer.lengths.ratio
    full = [0, 0]
    for a, e in links:
        if not (a and e):
            continue
        la = scorer.ar_cum[a[-1] + 1] - scorer.ar_cum[a[0]]
        le = scorer.en_cum[e[-1] + 1] - scorer.en_cum[e[0]]
        full[0] += len(a) >= MAX_GROUP and la * ratio <= le
        full[1] += len(e) >= MAX_GROUP and le <= la * ratio
    wide = [count >= max(WIDEN_AT, WIDEN_SHARE * len(links)) for count in full]
    if not any(wide):
        return None
    return moves_up_to(*(WIDEST_GROUP if w else MAX_GROUP for w in wide))


def _moves_seen(links: list[Link], moves: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The link shapes of ``moves`` (the first pass's) a later pass needs: those up to one
    sentence larger on each side than the largest the first pass found (1–1, 1–2, 2–1, 2–2
    and 1–0 always), so that a text of simple links is not priced for 1–9 links."""
    big_a = max((len(a) for a, e in links if e), default=1)
    big_e = max((len(e) for a, e in links if a), default=1)
    return [
        mv for mv in moves
        if mv in ((1, 1), (1, 2), (2, 1), (2, 2), (1, 0))
        or (mv[0] <= big_a + 1 and mv[1] <= big_e + 1)
    ]


def _settled(result: Alignment, again: list[Link], check: Scorer) -> Alignment:
    """The alignment after the check pass (``again``, priced by ``check``): each stretch of
    UNSTABLE_RUN or more links that the check replaces takes the check's links when they
    cover more of their sentences (with the mean confidence of the links they replace);
    the other runs of changed links are flagged."""
    links, conf = result.links, result.confidence
    mine, theirs = _cells_of_links(links), _cells_of_links(again)
    width = int(max(mine[-1, 1], theirs[-1, 1])) + 1
    ends = (mine[:, 0] * width + mine[:, 1]).tolist()  # each cell as one number
    at = {cell: k for k, cell in enumerate((theirs[:, 0] * width + theirs[:, 1]).tolist())}
    # stretches between ends both paths share: (first, last + 1) of ours, then of theirs
    stretches: list[tuple[int, int, int, int]] = []
    start = 0
    for k in range(1, len(links) + 1):
        if ends[k] in at:
            stretches.append((start, k, at[ends[start]], at[ends[k]]))
            start = k
    # a stretch of several links differs (a shared link would have split it)
    long = [s for s in stretches if s[1] - s[0] >= UNSTABLE_RUN]
    taken: set[int] = set()
    if long:
        mine = check.link_stats([x for a, b, _, _ in long for x in links[a:b]])[1]
        theirs = check.link_stats([x for _, _, c, d in long for x in again[c:d]])[1]
        i = j = 0
        for a, b, c, d in long:
            if theirs[j : j + d - c].sum() > mine[i : i + b - a].sum():
                taken.add(a)
            i, j = i + b - a, j + d - c
    out_links: list[Link] = []
    out_conf: list[float] = []
    for a, b, c, d in stretches:
        if a in taken:
            out_links.extend(again[c:d])
            out_conf.extend([round(float(np.mean(conf[a:b])), 4)] * (d - c))
        else:
            out_links.extend(links[a:b])
            out_conf.extend(conf[a:b])
    out_conf = _capped_where_changed(out_links, out_conf, again, UNSTABLE_RUN)
    out = {(tuple(a), tuple(e)) for a, e in out_links} if result.left_out else set()
    left_out = [(side, i) for side, i in result.left_out  # of the links kept
                if any(i in (a if side == "ar" else e) and (tuple(a), tuple(e)) in out
                       for a, e in links)]
    return Alignment(out_links, out_conf, result.warnings, result.related, left_out)


def _warn_mostly_flagged(result: Alignment) -> None:
    """Add :func:`mostly_flagged_warning` to ``result``'s warnings when it says something.
    Called last by each public function, on the confidences it returns (after the survival
    weighing)."""
    warning = mostly_flagged_warning(result)
    if warning is not None:
        result.warnings.append(warning)


def mostly_flagged_warning(result: Alignment) -> str | None:
    """The warning when nearly every link is flagged though the texts were not found
    unrelated (a short text, or groups of sentences, share enough anchors to pass that
    test): 27 TICO-19 sentences against 198 NTREX lines were 26 links below 0.05 without a
    word. None when there is nothing to say."""
    flags = [c < FLAGGED for (a, e), c in zip(result.links, result.confidence, strict=True)
             if a and e]
    if (len(flags) >= MOSTLY_FLAGGED_LINKS and sum(flags) >= MOSTLY_FLAGGED * len(flags)
            and result.related >= RELATED_WARNING):  # else warned already: unrelated
        return (f"{sum(flags)} of {len(flags)} links are flagged (confidence below {FLAGGED}): "
                "the texts may not translate each other, or one translates only a part of "
                "the other")
    return None


def _capped_where_changed(links: list[Link], confidence: Sequence[float], other: list[Link],
                          run: int) -> list[float]:
    """``confidence`` with every link that ``other`` does not have, in a run of at least
    ``run`` such links in a row, at most UNSTABLE_CAP (flagged): the text is unsure there."""
    kept = {(tuple(a), tuple(e)) for a, e in other}
    changed = [(tuple(a), tuple(e)) not in kept for a, e in links]
    out = list(confidence)
    for k in _runs(changed, run):
        out[k] = min(out[k], UNSTABLE_CAP)
    return out


def _cued_flagged(cued: list[Link], confidence: Sequence[float], first: list[Link],
                  scorer: Scorer | None) -> list[float]:
    """``confidence`` with every link of ``cued`` (the alignment with the cues) that ``first``
    (without them) lacks at most UNSTABLE_CAP (flagged), unless it explains more of its
    sentences (its coverage under ``scorer``, the final pass's without the cues; every such
    link is capped without one) than, on average, ``first``'s two-sided links that share a
    sentence with it: the words then agree with the border the cues moved.

    Of the cue-only links the cap decides (0.5 or more without it) on corpora/hayy, hayy2 and
    nights, plain and with FreeDict, 4 are wrong and 6 right: capping every one flags all
    ten, this 3 wrong (coverage 0.06-0.15 below) and no right one (0.01-0.07 above; the
    fourth wrong one is 0.003 above). A modern literary translation (local only): 3 right
    ones, 0.05-0.19 above, none flagged (before 3). Capping the links with three sentences or
    more on a side would flag 3 wrong and 1 right (BENCHMARKS.md, stop 52)."""
    kept = {(tuple(a), tuple(e)) for a, e in first}
    changed = [k for k, (a, e) in enumerate(cued) if (tuple(a), tuple(e)) not in kept]
    paired = [(a, e) for a, e in first if a and e]
    agree: set[int] = set()
    if changed and scorer is not None and paired:
        mine, theirs = scorer.link_stats(cued)[1], scorer.link_stats(paired)[1]
        owner = [{i: j for j, link in enumerate(paired) for i in link[side]} for side in (0, 1)]
        for k in changed:
            near = sorted({owner[side][i] for side in (0, 1) for i in cued[k][side]
                           if i in owner[side]})
            if cued[k][0] and cued[k][1] and near and mine[k] > float(np.mean(theirs[near])):
                agree.add(k)
    out = list(confidence)
    for k in changed:
        if k not in agree:
            out[k] = min(out[k], UNSTABLE_CAP)
    return out


def _disputed(links: list[Link], confidence: Sequence[float], searched: list[Link]
              ) -> list[float]:
    """``confidence`` with every link of ``links`` (made of clause links) that leaves a
    sentence unlinked which the sentence search (``searched``) pairs at most DISPUTED_CAP
    (flagged): the two searches disagree whether it is translated, which the clause search's
    posterior does not weigh (its unlinked head or tail is near certain)."""
    paired = ({i for a, e in searched if a and e for i in a},
              {j for a, e in searched if a and e for j in e})
    return [min(c, DISPUTED_CAP) if (not a or not e) and (set(a) & paired[0] or
                                                          set(e) & paired[1]) else c
            for (a, e), c in zip(links, confidence, strict=True)]


def _runs(flags: Sequence[bool], length: int) -> list[int]:
    """Indices of the true items that belong to a run of at least ``length`` in a row."""
    out: list[int] = []
    start = None
    for k, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = k
        elif not flag and start is not None:
            if k - start >= length:
                out.extend(range(start, k))
            start = None
    return out


def _item_counts(sentences: Sequence[str], arabic: bool) -> np.ndarray | None:
    """Each sentence's count of enumerated items run together (None when none has a list)."""
    counts = np.array(item_counts(sentences, arabic), dtype=np.int64)
    return counts if counts.any() else None


def continuation_lines(lines: Sequence[str]) -> list[bool]:
    """Presegmented lines: which ones continue the paragraph of the line before (they start
    with a space or a tab, as in files of sentence-split paragraphs). A line continues only
    when it is indented more than the first line: a file whose every line is indented, or
    whose paragraphs start indented, marks no continuation. Any Unicode space counts, and
    invisible marks before or among the spaces (a right-to-left mark, a BOM) do not hide
    them."""
    def indent(line: str) -> int:
        lead = _LEAD.match(line)
        return sum(c.isspace() for c in lead.group()) if lead else 0

    base = indent(lines[0]) if lines else 0
    return [k > 0 and indent(line) > base for k, line in enumerate(lines)]


def _cells(path: list[tuple[int, int]]) -> np.ndarray:
    """The cells (row, column) a path of moves passes through at its move ends, from (0, 0)."""
    out = np.zeros((len(path) + 1, 2), dtype=np.int64)
    if path:
        np.cumsum(np.asarray(path, dtype=np.int64), axis=0, out=out[1:])
    return out


def _cells_of_links(links: list[Link]) -> np.ndarray:
    """The cells a path of links passes through at its link ends."""
    return _cells([(len(a), len(e)) for a, e in links])


def _centre_from_cells(cells: np.ndarray, n: int) -> np.ndarray:
    """A centre column for every row, through the given cells (interpolated between them)."""
    rows = cells[:, 0].astype(np.float64)
    cols = cells[:, 1].astype(np.float64)
    return np.maximum.accumulate(np.interp(np.arange(n + 1), rows, cols))


def _headwords(lexicon: Glosser) -> int:
    """How many headwords a dictionary holds (as many as a large one when it cannot tell)."""
    files = getattr(lexicon, "dictionaries", None)
    return sum(map(len, files)) if files is not None else WORD_LIST_HEADWORDS


@gc_paused()  # its bags, stems and tables live to the end: a tenth of the CPU collecting
def align_sentences(
    ar: Sequence[str], en: Sequence[str], *, glossary: Glossary | None = None,
    params: Params | None = None, lexicon: Glosser | None = None,
    pairs: Sequence[tuple[str, str]] = (),
    continues: tuple[Sequence[bool], Sequence[bool]] | None = None,
) -> Alignment:
    """Align two lists of sentences (many-to-many, up to 1–9/9–1 and 3–3, with 1–0 and 0–1).

    ``lexicon``: a dictionary (word translations as evidence); ``pairs``: confirmed
    (Arabic, English) pairs to learn word translations from; ``continues``: for each
    sentence of each side, whether it continues the paragraph of the one before — the
    paragraphs are then aligned as units, and every link keeps them whole.

    Where the translation is free, every path weighs the confidences with the links'
    survival (:mod:`stability`) before it warns of the flags: the sentences' (those of
    :func:`_aligned`, then merged where one side's paragraphs are kept whole: a merged link
    keeps its lowest), the paragraphs' as units (:func:`_in_units`). The command ``align
    --presegmented`` (with ``--dictionary`` or not) comes here; ``align`` without it and a
    project's ``import-translation`` go through :func:`align_paragraphs`.
    """
    # its large arrays' memory reused, not faulted in anew each time (a very long text's
    # given back when freed)
    map_large_blocks(max(len(ar), len(en)))
    side: int | None = None  # the marked side, when the other is in sentences
    if continues is not None and (any(continues[0]) or any(continues[1])):
        units = _units(continues[0]), _units(continues[1])
        side = _sentences_unmarked(len(ar), len(en), len(units[0]), len(units[1]))
        if side is None:
            shared = _shared(ar, en)  # (for every run too)
            aligner, result = _in_units(ar, en, units, glossary, params, lexicon, pairs,
                                        shared)
            if _free(aligner):  # (see _in_units)
                runs = dataclasses.replace(params or Params(), subwords=False)
                result.confidence = stable_confidence(ar, en, result, lambda pa, pe: _in_units(
                    pa, pe, units, glossary, runs, lexicon, pairs, shared)[1],
                    size=max(len(units[0]), len(units[1])))  # (each run aligns the units)
            _warn_mostly_flagged(result)
            return result

    result = _aligned(ar, en, glossary=glossary, params=params, lexicon=lexicon, pairs=pairs)
    if continues is not None and side is not None:  # sentences, then paragraphs kept whole
        result.links, result.confidence = _paragraphs_whole(
            result.links, result.confidence, continues[side], side)
    _warn_mostly_flagged(result)
    return result


def _in_units(
    ar: Sequence[str], en: Sequence[str], units: tuple[list[list[int]], list[list[int]]],
    glossary: Glossary | None, params: Params | None, lexicon: Glosser | None,
    pairs: Sequence[tuple[str, str]], shared: Shared | None,
) -> tuple[TwoPassAligner, Alignment]:
    """The aligner of the paragraphs (``units``: each one's sentences, per side) as units,
    and its alignment in sentences. Unlike :func:`_aligned` it runs no pass after the
    aligner's own (clauses, cues, borders: they move sentences, which a paragraph keeps
    whole), so its confidences are not those of the paragraphs given one a line; where the
    translation is free they are weighed as :func:`_aligned`'s are, by runs of this search
    on the sentences without a fold of their words (:mod:`stability`)."""
    aligner = TwoPassAligner([" ".join(ar[i].strip() for i in u) for u in units[0]],
                             [" ".join(en[j].strip() for j in u) for u in units[1]],
                             glossary, params, lexicon=lexicon, pairs=pairs, shared=shared)
    result = aligner.run()
    result.links = [([i for u in a for i in units[0][u]], [j for u in e for j in units[1][u]])
                    for a, e in result.links]
    result.left_out = [(kind, k) for kind, u in result.left_out
                       for k in units[0 if kind == "ar" else 1][u]]
    result.confidence = recalibrated(result.links, result.confidence)
    return aligner, result


def _aligned(
    ar: Sequence[str], en: Sequence[str], *, glossary: Glossary | None, params: Params | None,
    lexicon: Glosser | None, pairs: Sequence[tuple[str, str]],
    par_starts: Starts | None = None, perturbed: bool = False, shared: Shared | None = None,
    windows: bool = True, paragraphs: Paragraphs | None = None,
    first: tuple[TwoPassAligner, Alignment] | None = None,
) -> Alignment:
    """The sentence search and the passes after it: the search on the parts of sentences run
    together (:func:`joined.searched_in_parts`), on clauses where the translation is free, again
    with the cues its links teach, the border sentences the words move, the disputed links
    flagged. ``par_starts``: what the paragraphs say of each sentence
    (:func:`paragraphs.paragraph_starts`): in every pass, a bonus on a link that starts where
    both sides start a paragraph, a cost on one that runs over a paragraph paired with none.
    Where the translation is free, the confidences are weighed last with each link's survival
    in runs without some of the words (:mod:`stability`), unless ``perturbed`` (such a run).
    ``shared``: what the aligners of the alignment this is a run of read (:class:`Shared`).
    A long free translation is aligned in windows, each as a text of its own (:mod:`windows`),
    unless not ``windows`` (a window); with ``par_starts``, only where ``paragraphs`` (each
    side's, of sentences: what ``par_starts`` were found from) are given, each window's
    evidence then found from its own paragraphs (:func:`paragraphs.paragraphs_between`).
    ``first``: the sentence search's aligner and its run, made already (the basic
    vocabulary's probe of a long free text: not searched twice)."""
    if shared is None:  # (for every aligner below and the runs)
        shared = _shared(ar, en)

    def par_starts_of(oa: Sequence[int], oe: Sequence[int]) -> Starts | None:
        """The paragraph values of parts or clauses: their sentence's start value and
        crossing cost on its first, its pair on each."""
        if par_starts is None:
            return None
        a, e = np.asarray(oa, dtype=np.int64), np.asarray(oe, dtype=np.int64)
        return Starts(*(None if values is None else on_clauses(values, owner)
                        for values, owner in zip(par_starts[:4], (oa, oe, oa, oe), strict=True)),
                      *(None if pair is None else pair[owner]
                        for pair, owner in zip(par_starts[4:], (a, e), strict=True)))

    def searched_by(starts: tuple[np.ndarray, np.ndarray] | None
                    ) -> tuple[TwoPassAligner, Alignment]:
        """The aligner and its sentence search's alignment."""
        nonlocal first
        if starts is None and first is not None:
            (aligner, ran), first = first, None
        else:
            aligner = TwoPassAligner(ar, en, glossary, params, lexicon=lexicon, pairs=pairs,
                                     starts=starts, par_starts=par_starts, shared=shared)
            ran = aligner.run()
        # (where sentences hold sentences run together, the search on their parts gives the
        # links; the aligner's own run still gives the text's coverage for the passes after)
        return aligner, searched_in_parts(ar, en, starts, lambda pa, pe, oa, oe, ps: (
            TwoPassAligner(pa, pe, glossary, params, lexicon=lexicon, pairs=pairs, starts=ps,
                           par_starts=par_starts_of(oa, oe), shared=shared).run()), ran)

    def with_clauses(aligner: TwoPassAligner, searched: Alignment,
                     starts: tuple[np.ndarray, np.ndarray] | None) -> Alignment:
        """The alignment the sentence search's ``searched`` gives (see _as_clauses_if_free)."""
        return _as_clauses_if_free(aligner, searched, lambda ca, ce, oa, oe: (
            _with_words(TwoPassAligner(ca, ce, glossary, params, lexicon=lexicon, pairs=pairs,
                                       starts=None if starts is None else (
                                           on_clauses(starts[0], oa),
                                           on_clauses(starts[1], oe)), clauses=True,
                                       par_starts=par_starts_of(oa, oe), shared=shared))))

    def aligned(starts: tuple[np.ndarray, np.ndarray] | None
                ) -> tuple[TwoPassAligner, Alignment, Alignment]:
        """The aligner, its sentence search's alignment and the alignment it gives."""
        aligner, searched = searched_by(starts)
        return aligner, searched, with_clauses(aligner, searched, starts)

    aligner, searched = searched_by(None)
    can_cut = windows and (par_starts is None or paragraphs is not None)
    if can_cut and _long_free(aligner, lexicon):  # with the basic vocabulary, in windows
        lifted = dataclasses.replace(params or Params(), basic_long=True)
        probe = TwoPassAligner(ar, en, glossary, lifted, lexicon=lexicon, pairs=pairs,
                               par_starts=par_starts, shared=shared)
        found = probe.run()  # (unrelated texts, one window: 58 s, not 1 s, for 2,000 lines)
        if (_free(probe) and found.related >= RELATED_WARNING
                and window_cuts(len(ar), len(en), found.links) is not None):
            return _aligned(ar, en, glossary=glossary, lexicon=lexicon, pairs=pairs,
                            params=lifted, par_starts=par_starts, perturbed=perturbed,
                            shared=shared, windows=windows, paragraphs=paragraphs,
                            first=(probe, found))
    cuts = (window_cuts(len(ar), len(en), searched.links)
            if can_cut and _free(aligner) and searched.related >= RELATED_WARNING
            else None)  # (unrelated: warned once)
    if cuts is not None:  # (a window's survival runs only where the whole text's would run)
        no_runs = perturbed or max(len(ar), len(en)) > STABLE_MAX_SENTENCES
        # (the whole text's length unit: no model trained for each window of a text too
        # large for one, which made 1,212 / 1,996 sentences 4x slower)
        unit = (params if aligner.unit != "chars"
                else dataclasses.replace(params or Params(), subwords=False))
        return in_windows(cuts, lambda a0, a1, e0, e1: _aligned(
            ar[a0:a1], en[e0:e1], glossary=glossary, params=unit, lexicon=lexicon,
            pairs=pairs, perturbed=no_runs, shared=shared, windows=False,
            par_starts=None if paragraphs is None else paragraph_starts(
                paragraphs_between(paragraphs[0], a0, a1),
                paragraphs_between(paragraphs[1], e0, e1))), searched)
    result = with_clauses(aligner, searched, None)
    if _free(aligner) and aligner.params.cues:  # again, with the cues its links teach
        large = lexicon is not None and _headwords(lexicon) >= WORD_LIST_HEADWORDS
        weight = aligner.params.cues * (WITH_DICTIONARY if large else 1.0)
        first = result
        _, searched, result = aligned(taught_starts(ar, en, result.links, result.confidence,
                                                    weight))
        _keep_confident(first, result)
        # A link both make keeps the confidence it had without the cues (calibrated on such
        # alignments); one the cues alone make is flagged unless the words agree with it.
        before = {(tuple(a), tuple(e)): c
                  for (a, e), c in zip(first.links, first.confidence, strict=True)}
        result.confidence = _cued_flagged(
            result.links, [before.get((tuple(a), tuple(e)), c)
                           for (a, e), c in zip(result.links, result.confidence, strict=True)],
            first.links, aligner.loose)
    if _free(aligner) and aligner.loose is not None:  # border sentences the words clearly move
        result.links = reconsidered(result.links, aligner.loose)
        result.links, result.confidence = runs_joined(result.links, result.confidence,
                                                      aligner.loose)
    if result is not searched:  # (else a no-op: what it leaves out, the search did not pair)
        result.confidence = _disputed(result.links, result.confidence, searched.links)
    result.confidence = recalibrated(result.links, result.confidence)  # (see calibration)
    if _free(aligner) and not perturbed:  # (free translations only: see stability)
        runs = dataclasses.replace(params or Params(), subwords=False)  # (see stability)
        result.confidence = stable_confidence(ar, en, result, lambda pa, pe: _aligned(
            pa, pe, glossary=glossary, params=runs, lexicon=lexicon, pairs=pairs,
            par_starts=par_starts, perturbed=True, shared=shared, windows=windows,
            paragraphs=paragraphs))
    return result


def _keep_confident(first: Alignment, cued: Alignment) -> None:
    """``cued`` (the alignment with the cues) with ``first``'s links (without them) where
    :func:`cues.confident_kept` keeps them, and their confidences and left-out sentences."""
    kept = confident_kept(first.links, first.confidence, cued.links)
    if kept is None:
        return
    restored = {(side, k) for j in kept if j >= 0
                for side, run in zip(("ar", "en"), first.links[j], strict=True) for k in run}
    cued.links, cued.confidence = (
        [first.links[j] if j >= 0 else cued.links[-1 - j] for j in kept],
        [first.confidence[j] if j >= 0 else cued.confidence[-1 - j] for j in kept])
    cued.left_out = sorted([x for x in cued.left_out if x not in restored]
                           + [x for x in first.left_out if x in restored])


def _as_clauses_if_free(
    aligner: TwoPassAligner, result: Alignment,
    align: Callable[[list[str], list[str], list[int], list[int]], Alignment | None],
) -> Alignment:
    """``result``, or where its links explain little of their sentences (a free translation,
    LOOSE_COVER) the alignment made of clause links (:func:`clauses.by_clauses`; ``align``
    aligns the clauses, given the sentence each comes from; their groups are split only
    where ``result`` ends a link, and ``result``'s links stay where a group is too large),
    with the sentence search's warnings."""
    if not _free(aligner) or not aligner.params.clauses:
        return result  # (without words here the clauses have none either: see _with_words)
    finer = by_clauses(aligner.ar, aligner.en, align, result)
    if finer is None:
        return result
    finer.warnings, finer.related = list(aligner.warnings), result.related
    return finer


def _free(aligner: TwoPassAligner) -> bool:
    """Whether a run's links explain little of their sentences (LOOSE_COVER: a free
    translation) while it has words to go by."""
    return aligner.cover < LOOSE_COVER and aligner.evidence is not None


def _long_free(aligner: TwoPassAligner, lexicon: Glosser | None) -> bool:
    """Whether a text too long for the basic vocabulary (BASIC_MAX_SENTENCES), aligned
    without it or a dictionary, is a free translation (its links explain little: LOOSE_COVER)
    that it aligns far better, in windows: Ockley's hayy, hayy2 and Lane's frame, fisherman six
    times over (1,902 / 2,088 sentences), strict F1 0.383 without, 0.672 with it; in their
    paragraph files, warned of as unrelated texts (relatedness 0.03) and 1,206 of 1,320 links
    flagged without it. The 5,000 news lines of the scale set (cover 0.54) keep their speed."""
    return (lexicon is None and aligner.evidence is None and aligner.params.basic_vocabulary
            and not aligner.params.basic_long and aligner.cover < LOOSE_COVER
            and max(len(aligner.ar), len(aligner.en)) > BASIC_MAX_SENTENCES)


def _with_words(aligner: TwoPassAligner) -> Alignment | None:
    """The alignment, when it has words to go by (a dictionary or the basic vocabulary):
    lengths alone cannot place clauses (hayy2 0.33 as sentences, 0.02 as clauses)."""
    return aligner.run() if aligner.evidence is not None else None


def _sentences_unmarked(n_ar: int, n_en: int, ar_units: int, en_units: int) -> int | None:
    """When one side only marks its paragraphs and the other has about as many lines as the
    marked side has lines (its sentences, in paragraphs it does not mark) rather than
    paragraphs: the marked side (0 Arabic, 1 English). Else None: paragraphs are the units
    (the unmarked side's lines then are its paragraphs, an article a line, say)."""
    ar_marked, en_marked = ar_units < n_ar, en_units < n_en
    if ar_marked == en_marked:
        return None
    lines, units, other = (n_ar, ar_units, n_en) if ar_marked else (n_en, en_units, n_ar)
    if abs(other - lines) < abs(other - units):
        return 0 if ar_marked else 1
    return None


def _paragraphs_whole(
    links: list[Link], confidence: list[float], continues: Sequence[bool], side: int
) -> tuple[list[Link], list[float]]:
    """The links merged where one would cut a marked paragraph of ``side`` (0 Arabic, 1
    English); a merged link keeps the lowest confidence of its parts."""
    out: list[Link] = []
    conf: list[float] = []
    for link, c in zip(links, confidence, strict=True):
        if out:
            held = out[-1][side]  # its paragraph goes on: the link joins it
            if held and held[-1] + 1 < len(continues) and continues[held[-1] + 1]:
                out[-1] = (out[-1][0] + list(link[0]), out[-1][1] + list(link[1]))
                conf[-1] = min(conf[-1], c)
                continue
        out.append((list(link[0]), list(link[1])))
        conf.append(c)
    return out, conf


def _units(continues: Sequence[bool]) -> list[list[int]]:
    """The sentences of each paragraph, given which sentences continue the one before."""
    units: list[list[int]] = []
    for k, cont in enumerate(continues):
        if cont and units:
            units[-1].append(k)
        else:
            units.append([k])
    return units


@gc_paused()
def align_paragraphs(
    ar: Sequence[Sequence[str]], en: Sequence[Sequence[str]], *,
    glossary: Glossary | None = None, params: Params | None = None,
    lexicon: Glosser | None = None, pairs: Sequence[tuple[str, str]] = (),
    warn_flagged: bool = True,
) -> Alignment:
    """Align the sentences of two texts in paragraphs as one text, the paragraphs evidence
    (:func:`paragraphs.paragraph_starts`): a link that starts where both texts start a
    paragraph (paired ones, where the paragraphs pair) costs less, one that runs over a
    paragraph paired with none more; no link is bound to its paragraph (where they pair, the
    search keeps within a paragraph of the pairs). Indices in the result count sentences
    through the whole text. The survival runs (:mod:`stability`) keep the paragraphs'
    evidence, so the confidences are those of this alignment, not of :func:`align_sentences`'
    of the same sentences (even one paragraph a side gives the first link a start bonus). A
    long free translation is aligned in windows, each with its own paragraphs' evidence
    (:mod:`windows`). ``warn_flagged=False``: no warning of mostly flagged links, for a
    caller that changes the confidences still (it warns on those it keeps:
    :func:`mostly_flagged_warning`)."""
    map_large_blocks(max(sum(map(len, ar)), sum(map(len, en))))
    result = _aligned([s for p in ar for s in p], [s for p in en for s in p],
                      glossary=glossary, params=params, lexicon=lexicon, pairs=pairs,
                      par_starts=paragraph_starts(ar, en), paragraphs=(ar, en))
    if warn_flagged:
        _warn_mostly_flagged(result)
    return result
