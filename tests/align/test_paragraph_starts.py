"""Paragraphs that do not pair as groups still count: a link that starts where both sides start
a paragraph gains a bonus (paragraphs.paragraph_starts). corpora/fisherman in its real paragraph
files (as Lane and the Bulaq editor paragraphed them: 15 and 15 paragraphs, too few of them
pairing 1–1 for the groups) aligns better than its sentences alone."""

from __future__ import annotations

import numpy as np
import pytest

from bench.align import hayy2_set, paragraph_files, prince_set, strict_f1
from workbench.align import align_paragraphs, align_sentences, paragraphs
from workbench.align.paragraphs import (
    CROSSING,
    PAIRED_BONUS,
    START_BONUS,
    pair_paragraphs,
    paragraph_starts,
)


def test_without_a_pairing_each_side_marks_the_first_sentence_of_every_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(paragraphs, "pair_paragraphs", lambda *_: None)
    starts = paragraph_starts([["a", "b"], ["c", "d"], []], [["x"], ["y", "z", "w"]])
    root = np.float32(START_BONUS**0.5)
    assert starts is not None and starts.ar_crossing is None and starts.en_crossing is None
    assert starts.ar.tolist() == [root, 0.0, root, 0.0]
    assert starts.en.tolist() == [root, root, 0.0, 0.0]


def test_paired_paragraphs_mark_their_starts_and_the_ends_of_one_paired_with_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Arabic paragraphs 0-3 (two sentences each) against English 0-2: Arabic 1 left out
    monkeypatch.setattr(paragraphs, "pair_paragraphs",
                        lambda *_: [([0], [0]), ([1], []), ([2], [1]), ([3], [2])])
    starts = paragraph_starts([["a", "b"]] * 4, [["x", "y"]] * 3)
    root = np.float32(PAIRED_BONUS**0.5)
    assert starts is not None
    assert starts.ar.tolist() == [root, 0, 0, 0, root, 0, root, 0]
    assert starts.en.tolist() == [root, 0, root, 0, root, 0]
    assert starts.ar_crossing is not None and starts.en_crossing is not None
    assert starts.ar_crossing.tolist() == [0, 0, CROSSING, 0, CROSSING, 0, 0, 0]
    assert not starts.en_crossing.any()


def test_a_translation_in_its_own_paragraphs_links_where_both_start_one() -> None:
    """corpora/prince (Burton's English in its own paragraphs, 13 Arabic against 17: not
    paired as groups): a link that starts where both texts start a paragraph gains."""
    ar, en, gold = prince_set()
    pars = paragraph_files("prince")
    assert [s for p in pars[0] for s in p] == ar and [s for p in pars[1] for s in p] == en
    lengths = [[sum(map(len, p)) for p in side] for side in pars]
    assert pair_paragraphs(*lengths) is None  # not as groups
    starts = [{sum(map(len, side[:k])) for k in range(len(side))} for side in pars]
    both = [(a, e) for a, e in gold if a and e and a[0] in starts[0] and e[0] in starts[1]]
    result = align_paragraphs(pars[0], pars[1])
    made = {(tuple(a), tuple(e)) for a, e in result.links}
    # without the bonus: 4 of the 9 such gold links, strict link F1 0.626 (as the sentences)
    assert len(both) == 9
    assert sum(link in made for link in both) >= 6
    assert strict_f1(result.links, gold) >= 0.68


def test_against_a_side_one_sentence_a_paragraph_the_text_is_aligned_as_its_sentences() -> None:
    # every sentence of that side starts a paragraph: the bonus would be one on the other
    # side's paragraph starts alone (hayy2 plain 0.736 -> 0.648 with its English so)
    ar, en, _ = hayy2_set()
    ar_pars, _ = paragraph_files("hayy2")
    result = align_paragraphs(ar_pars, [[s] for s in en])
    assert result.links == align_sentences(ar, en).links


def test_paragraphs_without_sentences_are_passed_over() -> None:
    # [[], ar] against [en, []] paired 1–1 as two groups, each with one side empty: every
    # sentence was a one-sided link at confidence 1.0
    ar = ["ذهب الولد إلى المدرسة.", "وكان الجو جميلا.", "ثم عاد إلى البيت.", "وأكل طعامه.",
          "ونام مبكرا.", "وفي الصباح استيقظ."]
    en = ["The boy went to school.", "The weather was nice.", "Then he returned home.",
          "He ate his food.", "He slept early.", "In the morning he woke up."]
    result = align_paragraphs([[], ar], [en, []])
    assert result.links == [([i], [i]) for i in range(6)]
    assert result.links == align_paragraphs([ar], [en]).links
