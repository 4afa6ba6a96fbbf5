"""A free translation's border sentences moved where the words clearly say so
(workbench/align/borders.py)."""

from __future__ import annotations

import numpy as np
import pytest

from bench.align import frame_set, hayy2_set
from workbench.align import align_sentences
from workbench.align.borders import CLEAR_COVER, evidence, reconsidered, runs_joined
from workbench.align.scoring import LengthModel, Params, Scorer
from workbench.align.sparse import SparseRows


def _scorer(ar: list[dict[int, float]], en: list[dict[int, float]]) -> Scorer:
    """A scorer of sentences given as {concept: presence}, every concept of weight 1."""
    width = 1 + max(c for bag in [*ar, *en] for c in bag)
    return Scorer(np.arange(len(ar) + 1.0), np.arange(len(en) + 1.0), SparseRows.from_dicts(ar),
                  SparseRows.from_dicts(en), np.ones(width), LengthModel(1.0, 1.0), Params())


# Arabic 0 (concepts 0-3) faces English 0 and 1, Arabic 1 (concepts 4-7) English 2 and 3; the
# links below give English 2 to Arabic 0, though its words are all Arabic 1's.
ARABIC = [{0: 1, 1: 1, 2: 1, 3: 1}, {4: 1, 5: 1, 6: 1, 7: 1}]
ENGLISH = [{0: 1, 1: 1}, {2: 1, 3: 1}, {4: 1, 5: 1, 6: 1}, {7: 1}]


def test_a_border_sentence_goes_where_its_words_are() -> None:
    scorer = _scorer(ARABIC, ENGLISH)
    links = [([0], [0, 1, 2]), ([1], [3])]
    assert reconsidered(links, scorer) == [([0], [0, 1]), ([1], [2, 3])]
    # already right: nothing moves
    assert reconsidered([([0], [0, 1]), ([1], [2, 3])], scorer) == [([0], [0, 1]), ([1], [2, 3])]


def test_a_sentence_without_words_on_either_side_stays() -> None:
    """English 2 shares nothing with either Arabic sentence. Taken from the small first link
    into the large second one, it raises their summed coverage past CLEAR_COVER (the first
    link's English is then all found, the second's share hardly falls), but no more of their
    words is found: it stays where the search put it."""
    arabic = [{0: 1, 1: 1, 2: 1, 3: 1}, {c: 1 for c in range(10, 50)}]
    english = [{0: 1, 1: 1}, {2: 1, 3: 1}, {c: 1 for c in range(60, 64)},
               {c: 1 for c in range(10, 50)}]
    scorer = _scorer(arabic, english)
    links = [([0], [0, 1, 2]), ([1], [3])]
    moved = [([0], [0, 1]), ([1], [2, 3])]
    (cover, found, _), (moved_cover, moved_found, _) = (evidence(scorer, x) for x in (links, moved))
    assert moved_cover - cover >= CLEAR_COVER and moved_found == found
    assert reconsidered(links, scorer) == links


def test_the_evidence_counts_coverage_as_the_scorer_does() -> None:
    scorer = _scorer(ARABIC, ENGLISH)
    links = [([0], [0, 1, 2]), ([1], [3])]
    cover, found, mass = evidence(scorer, links)
    assert cover == pytest.approx(float(np.sum(scorer.link_stats(links)[1])))
    assert (found, mass) == (10.0, 16.0)  # of each side, 4 + 4 and 1 + 1 concepts found


def test_hayy2s_english_56_goes_with_the_arabic_it_translates() -> None:
    """corpora/hayy2: Ockley's "And if this Spirit depart wholly from the Body…" (English 56)
    translates Arabic 59 with English 57; the search (sentences, clauses and cues) gave it to
    Arabic 58's link (strict F1 0.698 without the move, 0.736 with it)."""
    ar, en, _ = hayy2_set()
    links = {(tuple(a), tuple(e)) for a, e in align_sentences(ar, en).links}
    assert ((58,), (55,)) in links
    assert ((59,), (56, 57)) in links


# Arabic 0 (concepts 0-7) is translated by English 0-3, of which the search linked only English
# 3 and left English 0-2 out; Arabic 1 faces English 4, and English 5 shares nothing with it.
OPENING_AR = [{c: 1 for c in range(8)}, {c: 1 for c in range(10, 14)}]
OPENING_EN = [{0: 1, 1: 1}, {2: 1, 3: 1}, {4: 1, 5: 1}, {6: 1, 7: 1},
              {c: 1 for c in range(10, 14)}, {20: 1, 21: 1}]
OPENING = [([], [0]), ([], [1]), ([], [2]), ([0], [3]), ([1], [4]), ([], [5])]


def test_a_run_left_out_joins_the_link_whose_words_it_holds() -> None:
    scorer = _scorer(OPENING_AR, OPENING_EN)
    links, confidence = runs_joined(OPENING, [0.4, 0.45, 0.45, 0.2, 0.9, 0.3], scorer)
    assert links == [([0], [0, 1, 2, 3]), ([1], [4]), ([], [5])]
    assert confidence == [0.2, 0.9, 0.3]  # the joined link's lowest; English 5 stays out


def test_a_run_part_of_which_the_link_lacks_stays_out() -> None:
    """English 0, long, shares nothing with Arabic 0 (as where one text translates only part
    of the other, the sentences it lacks running on past the link): the run stays out whole,
    though English 1 and 2 alone would join."""
    english = [{c: 1 for c in range(30, 40)}, *OPENING_EN[1:]]
    arabic = [{c: 1 for c in range(2, 8)}, OPENING_AR[1]]
    scorer = _scorer(arabic, english)
    assert runs_joined(OPENING, [0.5] * len(OPENING), scorer)[0] == OPENING
    assert runs_joined(OPENING[1:], [0.5] * 5, scorer)[0][0] == ([0], [1, 2, 3])


def test_frames_enlarged_opening_is_one_link() -> None:
    """corpora/frame: Lane's English 0-16 expands the Arabic's first sentence (889 characters
    against 3,738; the text's ratio 1.76). The search, by the lengths, linked English 9-16 and
    left English 0-8 out (strict F1 0.623); their words are the Arabic's (0.701)."""
    ar, en, _ = frame_set()
    links = align_sentences(ar, en).links
    assert ([0], list(range(17))) in links
