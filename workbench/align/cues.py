"""Where a free translation's links start, as its own confident links teach it.

A literary translator's sentence openings say whether a sentence begins a new link or
continues the one before: in Ockley's and Burton's English (their gold links) "Then" and
"When" mostly begin one, "But" and "This" mostly continue it; in the Arabic a sentence after "؟"
continues the link before as often as it starts one, after "." one time in three. Which cues
mean what differs from text to text, so nothing here is a fixed list: each text's own links
with a confidence of at least ``CONFIDENT`` count, for every cue, how often a sentence with it
starts a link and how often it continues one, and the smoothed log-odds (against the text's
own rate) become a bonus on every link that starts with that sentence, in a second alignment
of the text.

The cues decide only what the text leaves open: between two points where the alignments with
and without them both end a link, a stretch that holds a link of at least ``CONFIDENT`` keeps
the links it had without them (:func:`confident_kept`).

Cues of a sentence: its first word (English lower-cased; Arabic without its marks, a listed
particle as itself, another word with a proclitic و or ف as that proclitic) and how the
sentence before it ends (its last mark, and whether a quotation closes there).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from workbench.align.clauses import link_ends, stretches

# Links at or above this confidence teach the cues. Strict link F1, mean of corpora/hayy,
# hayy2, nights and a modern literary translation, each plain and with FreeDict (0.673
# without cues; weight 0.5): 0.706 at 0.5, 0.708 at 0.7, 0.710 at 0.8; below 0.8 some bench
# set falls (BENCHMARKS.md, stop 51).
CONFIDENT = 0.8
# With a dictionary of the user's (not a project's word list: aligner.WORD_LIST_HEADWORDS) the
# cues weigh this many times more; links the text is sure of stay (see confident_kept).
# FreeDict with 10 % / 20 % of its keys left out (seeds 1-3; corpora/hayy, hayy2, nights and a
# modern literary text: 24 runs), mean strict link F1 at weight 0.5 / 1.0 / 1.5 / 2.0: 0.701 /
# 0.726 / 0.731 / 0.733 (before confident_kept, at 0.5: 0.705; 1.5 against it: 18 runs rose,
# 2 fell). Leaving each text out in turn, the other three choose 2.0 three times and 1.0 once;
# at 2.0 the whole FreeDict's hayy falls (0.713 -> 0.700), at 1.5 no text does. Without a
# dictionary 0.5 stays: above it nights falls; with a word list too (hayy with
# tests/align/test_confidence's 38 words and no basic vocabulary: 0.687 at 0.5, 0.646 at 1.0,
# 0.598 at 1.5). BENCHMARKS.md, stop 52.
WITH_DICTIONARY = 3.0
# Smoothing: a cue's counts are pulled toward the text's own rate as if it had been seen this
# many times more (a cue seen once says little).
PRIOR = 4.0
_EN_WORD = re.compile(r"[A-Za-z]+")
_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_AR_WORD = re.compile("[\u0621-\u064a]+")
_HAMZA_ALEF = re.compile("[\u0622\u0623\u0625]")
# Arabic openers kept as they are (compared without marks, every alef with hamza as ا)
PARTICLES = frozenset({"فلما", "ولما", "لما", "ثم", "حتى", "فاذا", "واذا", "اذا", "فان", "وان"})
_CLOSING = "\"'”’»«“)"

Link = tuple[Sequence[int], Sequence[int]]


def english_opening(sentence: str) -> str:
    """The first word, lower-cased ("" if none)."""
    found = _EN_WORD.search(sentence)
    return found.group(0).lower() if found else ""


def arabic_opening(sentence: str) -> str:
    """The first word without marks: a listed particle as itself, a longer word with a
    proclitic و or ف as that letter and a dash, any other word as itself."""
    found = _AR_WORD.search(_HAMZA_ALEF.sub("ا", _AR_MARKS.sub("", sentence)))
    word = found.group(0) if found else ""
    if word in PARTICLES:
        return word
    return word[0] + "-" if len(word) > 3 and word[0] in "وف" else word


def ending(sentence: str) -> str:
    """The sentence's last mark, with "q" after it when closing quotes or brackets follow."""
    text = sentence.rstrip()
    bare = text.rstrip(_CLOSING)
    return bare[-1:] + ("q" if bare != text else "")


def _cues(sentences: Sequence[str], arabic: bool) -> list[list[str]]:
    """Every sentence's cues: its opening and the ending of the sentence before it."""
    opening = arabic_opening if arabic else english_opening
    return [[opening(s), ending(sentences[k - 1]) if k else ""]
            for k, s in enumerate(sentences)]


def _labels(links: Sequence[Link], confidence: Sequence[float], size: int, side: int
            ) -> np.ndarray:
    """Per sentence of one side: 1 when a confident two-sided link starts with it, 0 when
    one holds it after its first, -1 otherwise."""
    out = np.full(size, -1)
    for link, conf in zip(links, confidence, strict=True):
        run = link[side]
        if conf >= CONFIDENT and link[0] and link[1]:
            out[run[0]] = 1
            out[list(run[1:])] = 0
    return out


def _log_odds(cues: list[list[str]], labels: np.ndarray) -> np.ndarray:
    """Per sentence: the sum over its cues of log(starts / continues) smoothed toward the
    text's rate, less that rate's log-odds (0 for a cue never seen)."""
    starts: Counter[tuple[int, str]] = Counter()
    goes_on: Counter[tuple[int, str]] = Counter()
    for keys, label in zip(cues, labels, strict=True):
        if label >= 0:
            for kind, key in enumerate(keys):
                (starts if label else goes_on)[kind, key] += 1
    begun, held = int((labels == 1).sum()), int((labels == 0).sum())
    rate = (begun + 1) / (begun + held + 2)
    base = math.log(rate / (1 - rate))
    return np.array([
        sum(math.log((starts[kind, key] + PRIOR * rate) / (goes_on[kind, key] + PRIOR * (1 - rate)))
            - base for kind, key in enumerate(keys))
        for keys in cues
    ], dtype=np.float32)


def taught_starts(
    ar: Sequence[str], en: Sequence[str], links: Sequence[Link], confidence: Sequence[float],
    weight: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Per Arabic and per English sentence, ``weight`` × the log-odds its cues give that a
    link starts with it, learnt from the text's own ``links`` of at least CONFIDENT."""
    ar_start, en_start = (
        weight * _log_odds(_cues(text, side == 0), _labels(links, confidence, len(text), side))
        for side, text in enumerate((ar, en))
    )
    return ar_start, en_start


def on_clauses(starts: np.ndarray, owner: Sequence[int]) -> np.ndarray:
    """A sentence's bonus on the first of its clauses (``owner``: the sentence of each
    clause); none on the clauses after it."""
    first = [k == 0 or owner[k - 1] != o for k, o in enumerate(owner)]
    return np.where(first, starts[np.asarray(owner, dtype=np.int64)], 0.0).astype(np.float32)


def confident_kept(first: Sequence[Link], first_conf: Sequence[float], cued: Sequence[Link]
                   ) -> list[int] | None:
    """Which of ``first``'s links (the alignment without the cues) stay in place of the
    ``cued`` alignment's: between two points where both end a link, those of a stretch that
    holds a link of at least CONFIDENT (the links that taught the cues: the cues were learnt
    to decide the borders the text leaves open, not to overturn them). The indices, in order,
    of ``first``'s links to keep and, as ``-1 - k``, of ``cued``'s; None when either is out
    of order (the cued alignment is taken whole)."""
    ends, other = link_ends(first), link_ends(cued)
    if ends is None or other is None or ends[-1:] != other[-1:]:
        return None
    out: list[int] = []
    for here, there in stretches(ends, other):
        if any(first_conf[k] >= CONFIDENT for k in here):
            out.extend(here)
        else:
            out.extend(-1 - k for k in there)
    return out
