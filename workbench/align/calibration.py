"""The finished alignment's confidences recalibrated against the text's own typical link.

The aligner's confidence (each link's posterior, calibrated on coverage, with caps for the
mistakes it recognises) ranks a text's links well — on the news sets with omissions a wrong
link is below a right one 96 % of the time — but its scale differs from text to text: there
the links next to a sentence the translation leaves out stay at 0.6–0.94 while the right ones
are above 0.98, so the 0.5 flag found 2 of 22 of them. What a link's confidence means depends
on how sure the text's other links are: a link much less sure than the text's median link is
suspect even at 0.9. The new confidence is a logistic function of the link's logit, the
text's median logit, and how far the link falls below that median — monotone in the old
confidence within a text, so it only moves where the flag threshold falls. A link the aligner
flagged stays flagged (its caps: omissions, unstable runs, lengths off, excerpts).

Only links with both sides are recalibrated: the median is of such links, and a sentence left
out (a 1-0 or 0-1 link) has a posterior of another kind — its path competes with the merges
of the sentence into either neighbour, so a right one is often at 0.5-0.8 in a text whose
paired links are at 0.98. Recalibrated, such links fell below 0.5, and every one it flagged so
was right: 7 on bench's ntrex merged with omissions (seed 17, plain and FreeDict), 19 on six
other news sets with omissions (ntrex seeds 23, 29, 31; tico seeds 18, 207, 109); the wrong
ones stay flagged on their own confidence (BENCHMARKS.md, stop 54).

Tried and left out (no gain on held-out texts, see BENCHMARKS.md, stop 52): the link's
coverage on each side, the coverage its sentences would have with the neighbouring links'
other sides (a run shifted by one), its length cost, its shape, its weakest sentence's
coverage, its neighbours' confidences.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workbench.numeric import median

# Logistic regression of "the link is right" (bench/align.py's strict match to the gold) on
# the link's logit, the text's median logit (of its links with both sides: a text's unlinked
# head or tail, certain, sets no bar) and min(0, logit − median). Wrong links weigh 2 to 1
# (the flag is there to find them): the largest weight, in steps of 0.5, whose flags beyond
# those of the weight before are on wrong links at least as often as the aligner's own flags
# (43 %), each text left out in turn (1.5 -> 2: 3 of 5; 2 -> 2.5: 1 of 4). Fitted on
# the repository's texts, each without and with FreeDict (2,492 links, 168 wrong):
# corpora/hayy, hayy2, nights, udhr and udhr with its paragraphs run together, and
# bench/align.py's ntrex merged with omissions (seeds 17, 23), tico merged (with omissions,
# seed 18), legal and long lines. Leave-one-text-out figures: BENCHMARKS.md, stop 52.
BIAS = 0.367
LOGIT = 0.7633
MEDIAN = -0.1138
BELOW_MEDIAN = 0.1672
FLAGGED = 0.5  # a link below this confidence is flagged (~) for a reader to check


def recalibrated(links: Sequence[tuple[Sequence[int], Sequence[int]]],
                 confidence: Sequence[float]) -> list[float]:
    """The confidences of one alignment's ``links``, recalibrated (see the module's text)."""
    if not len(confidence):
        return []
    old = np.asarray(confidence, dtype=np.float64)
    p = np.clip(old, 1e-3, 1 - 1e-3)
    logit = np.log(p / (1 - p))
    both = np.fromiter((bool(a) and bool(e) for a, e in links), dtype=bool, count=len(links))
    typical = median(logit[both] if both.any() else logit)
    z = BIAS + LOGIT * logit + MEDIAN * typical + BELOW_MEDIAN * np.minimum(logit - typical, 0.0)
    new = 1.0 / (1.0 + np.exp(-z))
    new = np.where(old < FLAGGED, np.minimum(new, old), new)
    new = np.where(both, new, old)  # a left-out sentence's link keeps its own (see the text)
    return np.round(new, 4).tolist()
