"""Each link's confidence weighed with its survival in runs without a fold of the words
(workbench.align.stability)."""

from __future__ import annotations

import pytest

from bench.align import companies2_set, flag_figures, frame_set, hayy2_set
from workbench.align import Alignment, align_sentences, aligner, stability
from workbench.align.stability import FOLDS, survival, weighed, without_fold

pytestmark = pytest.mark.usefixtures("survival")


def test_every_word_is_left_out_in_exactly_one_run() -> None:
    """Each word form goes in one fold, every occurrence of it; no sentence becomes empty."""
    sentences = ["the cat sat on the mat", "a dog", "x", ""]
    folds = [without_fold(sentences, k) for k in range(FOLDS)]
    for j, sentence in enumerate(sentences[:2]):
        for word in set(sentence.split()):
            assert sum(word not in fold[j].split() for fold in folds) == 1
    assert all(fold[2] == "x" and fold[3] == "" for fold in folds)


def test_a_link_the_runs_move_is_flagged_and_one_they_keep_is_raised() -> None:
    """``s * sqrt(c)``: a link every run makes at 0.3 is no longer flagged; one at 0.95 that
    half the runs lose is; a link holding a left-out sentence keeps its flag."""
    result = Alignment([([0], [0]), ([1], [1]), ([2], []), ([3], [2])],
                       [0.3, 0.95, 0.45, 0.9], left_out=[("ar", 2)])
    same = Alignment([([0], [0]), ([1], [1]), ([2], []), ([3], [2])])
    moved = Alignment([([0], [0]), ([1, 2], [1]), ([3], [2])])
    share = survival(result, [same, moved])
    assert share == [1.0, 0.5, 0.5, 1.0]
    new = weighed(result, share)
    assert new[0] == pytest.approx(0.3 ** 0.5) and new[0] > 0.5
    assert new[1] < 0.5 and new[2] < 0.5 and new[3] > 0.9


def test_wrong_links_are_flagged_more_and_right_ones_less(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """hayy2 (a free translation, without a dictionary): the links are the same; 12 of its
    13 wrong links are flagged (7 without the runs), and 0.61 of the flags are on right
    links (0.71)."""
    ar, en, gold = hayy2_set()
    result = align_sentences(ar, en)
    monkeypatch.setattr(aligner, "stable_confidence", lambda ar, en, result, align: list(
        result.confidence))
    before = align_sentences(ar, en)
    assert before.links == result.links
    _, flagged, hit = flag_figures(result, gold)
    _, flagged_before, hit_before = flag_figures(before, gold)
    assert hit >= hit_before + 3
    assert (flagged - hit) / flagged < (flagged_before - hit_before) / flagged_before - 0.05


def test_long_texts_keep_the_aligners_confidence(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above STABLE_MAX_SENTENCES no run is made (their cost)."""
    ar, en, _ = frame_set()
    monkeypatch.setattr(stability, "STABLE_MAX_SENTENCES", len(en) - 1)
    runs: list[int] = []
    monkeypatch.setattr(stability, "without_fold", lambda s, k: runs.append(k) or list(s))
    align_sentences(ar, en)
    assert runs == []


def test_a_literal_translation_keeps_the_aligners_confidence(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A literal translation (companies, Articles 51-60: its links cover much of their
    sentences) is not aligned again: on news sets the runs flagged right links."""
    ar, en, _ = companies2_set()
    runs: list[int] = []
    monkeypatch.setattr(stability, "without_fold", lambda s, k: runs.append(k) or list(s))
    align_sentences(ar, en)
    assert runs == []


def test_the_runs_train_no_length_model_of_their_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runs measure lengths in characters: the alignment's own texts train their models
    (hayy2's sentences and clauses) and the eight runs none (each trained as many, most of
    the runs' time)."""
    from workbench.align import lengths

    trained: list[int] = []
    real = lengths._lengths
    monkeypatch.setattr(lengths, "_lengths", lambda *a: trained.append(1) or real(*a))
    lengths._trained.cache_clear()
    ar, en, _ = hayy2_set()
    weighed_conf = align_sentences(ar, en).confidence
    assert len(trained) == 2
    lengths._trained.cache_clear()
    monkeypatch.setattr(stability, "STABLE_MAX_SENTENCES", 0)
    assert align_sentences(ar, en).confidence != weighed_conf and len(trained) == 4
