"""Each link's confidence weighed with how well it survives small changes of the evidence.

The aligner's links rest on thin evidence in places: without 1 in 40 of the English text's
stems the literary sets' F1 moves by ±0.026 (BENCHMARKS.md, stop 55, fdrecall). A link the
aligner makes again when some of the words are gone is likely right; one that a small change
of evidence moves is likely wrong. Every mechanism that sets the confidence flags right links
at about their base rate (stop 54, flags5); survival is a signal of its own: in the free
translations of the bench's literary sets a right link survives 0.75 of the runs below on
average, a wrong one 0.42 (66 % and 21 % of them survive 6 of 8 runs).

So the text is aligned again ``FOLDS`` times, each time without one fold of its word forms
(every occurrence of the words whose form hashes to that fold, on both sides: an eighth of
the evidence, and every word is left out in exactly one run), by the same passes with the
same options but lengths in characters (`Params.subwords` off: each run's texts would train a
sentencepiece model of their own, most of the runs' time; with character lengths the flags are
as good — bench's six sets 65/95 wrong links flagged, 0.57 of flags on right links, held out
90/103 and 0.51, against 63/95, 0.57 and 91/103, 0.52 — at a third of the CPU). A link's
survival share ``s`` is the share of those runs that make it too, and its confidence becomes
``s * sqrt(c)``:

- a link every run makes keeps ``sqrt(c)``: the aligner's doubt alone flags it only below
  0.25 (of the links below 0.5 before, 0.62 were right on the bench's flag rows);
- a link one run loses is flagged below c = 0.33, two runs below 0.44, three below 0.64;
  one that half the runs lose is flagged however sure the aligner is.

The links do not change; only their confidences. A link holding a sentence the aligner
found left out of the other text keeps its flag (``Alignment.left_out``). Only free
translations are weighed (``aligner.LOOSE_COVER``, where the clause pass runs too): on eight
news sets (ntrex and tico, with and without omissions) every link was weighed at first, and
the flags rose from 55 to 109 for 5 more wrong links of 68. Texts of more than
``STABLE_MAX_SENTENCES`` sentences a side (paragraphs, where they are aligned as units)
keep the aligner's confidences: each run costs
about as much CPU as an alignment in character lengths (the runs together 2.4-3.2 times the
alignment on the bench's free sets of 62-112 sentences a side; since stop 56 their aligners
share the texts' anchors and dictionary look-ups, ``aligner.Shared``: 10-25 % less CPU without
a dictionary, about 40 % less with FreeDict). A book of 444/564 sentences
(the six literary sets run together, and twice and four times that) flags as the short texts
do when weighed (plain 63 -> 68 of 79 wrong links flagged, 0.62 -> 0.57 of the flags on right
links; FreeDict 93 -> 92 of 100, 0.53 -> 0.47), but the runs cost 4-8 times its alignment at
every length (fewer runs, or folds of a quarter or half of the words, find fewer wrong links
or flag more right ones: BENCHMARKS.md, stop 56, flags7).

Tried (BENCHMARKS.md, stop 55, flags6): words left out at random (3 % or 10 % a run; 4-24
runs) rank the links less well and, with 8 runs, vary with the seed more than they gain;
``sqrt(c) * s ** 2``, ``c * s``; re-weighting the length and word costs at random (a link
survives it far more often, right or wrong).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence

from workbench.align.model import Alignment

FOLDS = 8
STABLE_MAX_SENTENCES = 300  # longer texts keep the aligner's confidence (the runs' cost)


def without_fold(sentences: Sequence[str], fold: int) -> list[str]:
    """The sentences without the words whose form hashes to ``fold`` (of ``FOLDS``); a
    sentence keeps its first word when every word would go (none becomes empty)."""
    out = []
    for sentence in sentences:
        words = sentence.split()
        kept = [w for w in words if zlib.crc32(w.encode()) % FOLDS != fold]
        out.append(" ".join(kept) if kept else (words[0] if words else sentence))
    return out


def survival(result: Alignment, runs: Sequence[Alignment]) -> list[float]:
    """Each link's share of ``runs`` that make the same link."""
    made = [{(tuple(a), tuple(e)) for a, e in run.links} for run in runs]
    return [sum((tuple(a), tuple(e)) in m for m in made) / len(made) for a, e in result.links]


def weighed(result: Alignment, share: Sequence[float]) -> list[float]:
    """The confidences ``s * sqrt(c)`` (``s`` each link's survival share), a link holding
    a left-out sentence kept at most at its own (see the module docstring)."""
    left_out = set(result.left_out)
    out = []
    for (a, e), c, s in zip(result.links, result.confidence, share, strict=True):
        new = s * c ** 0.5
        if any(("ar", i) in left_out for i in a) or any(("en", j) in left_out for j in e):
            new = min(new, c)
        out.append(new)
    return out


def stable_confidence(ar: Sequence[str], en: Sequence[str], result: Alignment,
                      align: Callable[[list[str], list[str]], Alignment],
                      size: int | None = None) -> list[float]:
    """``result``'s confidences weighed with its links' survival over ``FOLDS`` alignments
    (``align``) of the texts each without one fold of their words; unchanged for texts of
    more than ``STABLE_MAX_SENTENCES`` units a side (``size``: the larger side's count of
    what ``align`` aligns, paragraphs say; else of sentences), or without links."""
    if not result.links or (size or max(len(ar), len(en))) > STABLE_MAX_SENTENCES:
        return list(result.confidence)
    runs = [align(without_fold(ar, k), without_fold(en, k)) for k in range(FOLDS)]
    return weighed(result, survival(result, runs))
