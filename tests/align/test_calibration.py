"""Confidences recalibrated against the text's median link (workbench.align.calibration)."""

from __future__ import annotations

import pytest

from bench.align import flag_figures, merged_set
from tests.align.conftest import unchanged
from workbench.align import align_sentences, aligner
from workbench.align.calibration import recalibrated
from workbench.align.scoring import Params


def test_wrong_links_next_to_left_out_sentences_are_flagged(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """News lines whose English leaves some out (bench's "ntrex merged, with omissions"):
    the links around a gap were wrong at 0.6-0.94 beside right links above 0.98, and the
    flag found 1 of 12. Judged against the text's median link, 5 of them are flagged; the
    links themselves do not change. (Without the left-out sentences' own links, which now
    put two of those gaps right: test_omissions.)"""
    ar, en, gold = merged_set("ntrex128", seed=17, p_drop=0.05)
    merged = Params(omission_links=False)
    result = align_sentences(ar, en, params=merged)
    assert all(0.0 <= c <= 1.0 for c in result.confidence)
    wrong, flagged, hit = flag_figures(result, gold)
    assert wrong >= 10 and hit >= 5 and hit >= flagged / 3
    monkeypatch.setattr(aligner, "recalibrated", unchanged)  # the aligner's own
    before = align_sentences(ar, en, params=merged)
    assert before.links == result.links
    assert flag_figures(before, gold)[2] <= hit - 4


def test_a_link_far_below_its_texts_median_is_flagged_however_high() -> None:
    """0.8 among links at 0.9999 is flagged; among links at 0.6 (free literary translation)
    it is not. Within a text the order of the links is kept, every confidence stays in
    [0, 1], and a link below 0.5 (the aligner's caps) stays below it."""
    links = [([k], [k]) for k in range(21)]
    sure = recalibrated(links, [0.9999] * 20 + [0.8])
    assert sure[-1] < 0.5 < min(sure[:-1])
    assert recalibrated(links, [0.6] * 20 + [0.8])[-1] > 0.5
    old = [0.0, 0.05, 0.3, 0.45, 0.49, 0.5, 0.6, 0.9, 0.99, 1.0]
    new = recalibrated(links[:10], old)
    assert new == sorted(new) and all(0.0 <= c <= 1.0 for c in new)
    assert all(n < 0.5 for o, n in zip(old, new, strict=True) if o < 0.5)
    assert recalibrated([], []) == []


def test_the_bar_is_set_by_the_links_that_pair_text() -> None:
    """A text's unlinked head or tail (one text translates a part of the other), certain at
    1.0, does not make its few links look unsure."""
    links = [([k], []) for k in range(50)] + [([50 + k], [k]) for k in range(5)]
    assert recalibrated(links, [1.0] * 50 + [0.95] * 5)[50:] == recalibrated(
        links[50:], [0.95] * 5)


def test_a_left_out_sentence_keeps_the_aligners_confidence() -> None:
    """A 1-0 or 0-1 link is not judged against the paired links' median: at 0.7 among links
    at 0.99 it stays 0.7 (a paired link at 0.7 there is flagged), and one below 0.5 stays as
    it was."""
    links = [([k], [k]) for k in range(20)] + [([20], []), ([], [20]), ([21], [21])]
    new = recalibrated(links, [0.99] * 20 + [0.7, 0.3, 0.7])
    assert new[20:22] == [0.7, 0.3]
    assert new[22] < 0.5


def test_the_left_out_sentences_of_news_lines_are_not_flagged_for_the_median() -> None:
    """bench's "ntrex merged, with omissions": the sentences the English leaves out get links
    of their own, all right, at 0.39-0.73 among paired links near 0.98. Recalibrated, three
    of four fell below 0.5 (the flag); now only the one the aligner itself puts there is
    flagged."""
    ar, en, gold = merged_set("ntrex128", seed=17, p_drop=0.05)
    result = align_sentences(ar, en)
    right = {(tuple(a), tuple(e)) for a, e in gold}
    alone = [(tuple(a), tuple(e), c) for (a, e), c in zip(result.links, result.confidence,
                                                           strict=True) if not a or not e]
    assert len(alone) == 4 and all((a, e) in right for a, e, _ in alone)
    assert sum(c < 0.5 for *_, c in alone) == 1
