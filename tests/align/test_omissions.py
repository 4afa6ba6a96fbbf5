"""Sentences one translation leaves out get links of their own (workbench.align.omissions)."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

from bench.align import fisherman_set, merged_set, strict_f1
from tests.align.wordsets import write_dictionary
from workbench.align import align_sentences
from workbench.align.aligner import TwoPassAligner
from workbench.align.omissions import (
    SKIP_WAIVED,
    end_parts,
    is_recap,
    left_out_skip,
    split_left_out,
)
from workbench.align.scoring import LengthModel, Params, Scorer
from workbench.align.sparse import SparseRows
from workbench.dictionary import open_lexicon
from workbench.text.stems import arabic_word_stems, arabic_words_many


def _links(result) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(tuple(a), tuple(e)) for a, e in result.links}


def test_left_out_sentences_of_the_news_set_are_linked_alone() -> None:
    """bench's "ntrex merged, with omissions": English line 109 and Arabic line 163, which
    the other side leaves out, were merged into their neighbours' links ([119]→[109, 110],
    [163, 164]→[150]); each is now a 0–1/1–0 link and the neighbour's link the gold's."""
    ar, en, gold = merged_set("ntrex128", seed=17, p_drop=0.05)
    merged = align_sentences(ar, en, params=Params(omission_links=False))
    split = align_sentences(ar, en)
    assert ((119,), (109, 110)) in _links(merged) and ((163, 164), (150,)) in _links(merged)
    assert {((), (109,)), ((119,), (110,)), ((163,), ()), ((164,), (150,))} <= _links(split)
    assert strict_f1(split.links, gold) > strict_f1(merged.links, gold) + 0.015
    assert sorted(i for a, _ in split.links for i in a) == list(range(len(ar)))
    assert sorted(j for _, e in split.links for j in e) == list(range(len(en)))
    assert len(split.confidence) == len(split.links)


def test_the_link_left_beside_a_split_off_sentence_is_not_flagged() -> None:
    """The same set: the links left beside the split-off sentences ([119]→[110], [164]→[150],
    both the gold's) kept the merged link's posterior (0.54, and 0.41: flagged); weighed as
    the merged link or the split path's (either leaves them paired), both are sure (0.86,
    0.84)."""
    ar, en, _ = merged_set("ntrex128", seed=17, p_drop=0.05)
    split = align_sentences(ar, en)
    confidence = {(tuple(a), tuple(e)): c
                  for (a, e), c in zip(split.links, split.confidence, strict=True)}
    assert min(confidence[((119,), (110,))], confidence[((164,), (150,))]) > 0.7


def _scorer(ar: list[dict[int, float]], en: list[dict[int, float]],
            la: list[float], le: list[float]) -> Scorer:
    return Scorer(np.cumsum([0.0, *la]), np.cumsum([0.0, *le]), SparseRows.from_dicts(ar),
                  SparseRows.from_dicts(en), np.ones(20), LengthModel(1.0, 1.0), Params())


def test_only_a_sentence_whose_words_and_length_the_link_does_not_need_is_split() -> None:
    """Arabic 1 holds concepts 3, 4; English 1 matches them, English 2 (concept 9) nothing
    and its length is not needed: it is split off, after the link. English 2 as a real
    second half (concept 5 of Arabic 1, the length needed) stays in the link."""
    ar = [{0: 1.0, 1: 1.0}, {3: 1.0, 4: 1.0}, {6: 1.0, 7: 1.0}]
    en = [{0: 1.0, 1: 1.0}, {3: 1.0, 4: 1.0}, {9: 1.0, 10: 1.0}, {6: 1.0, 7: 1.0}]
    links = [([0], [0]), ([1], [1, 2]), ([2], [3])]
    scorer = _scorer(ar, en, [20, 20, 20], [20, 20, 20, 20])
    out, origin = split_left_out(scorer, links)
    assert out == [([0], [0]), ([1], [1]), ([], [2]), ([2], [3])]
    assert origin == [0, 1, 1, 2]
    parts = {p.sentence: p for p in end_parts(scorer, links)}
    assert sorted(parts) == [1, 2] and not parts[2].arabic
    assert parts[2].own < 0.1 and parts[2].added == 0.0 and parts[2].gain > 2.3
    assert parts[1].own > 0.9 and parts[1].added > 0.5  # what the Arabic needs
    ar[1] = {3: 1.0, 4: 1.0, 5: 1.0}
    en[2] = {5: 1.0}
    assert split_left_out(_scorer(ar, en, [20, 40, 20], [20, 20, 20, 20]), links)[0] == links


def test_verse_lines_are_the_lines_with_hemistich_marks() -> None:
    """A poem printed on one line, its short, even hemistichs marked " / " and its verses
    " // ", has the whole per-sentence skip waived; prose has not, with a slash between
    numbers, an "and/or" slash (bench's long lines without digits), or none."""
    lines = ["يَا حُرْقَةَ الدَّهْرِ كُفِّي / إِنْ لَمْ تَكُّفِّي فَعِفِّي // فَلَا بِحَظِّيَ أُعْطِي"
             " / وَلَا بِصَنْعَةِ كَفِّي",
             "هو الرزق لا حل لديك ولا ربط / ولا قلم يجدي عليك ولا خط",
             "قال: نعم.", "المادة 3/2 من القانون.",
             "وقالت الشركتان اللتان تنتجان مناديل سوربنت، أنهما تعملان / لمواصلة توفير "
             "منتجاتهما، أشار متحدث باسمهما إلى ذلك."]
    stems = [s.split() for s in lines]
    assert left_out_skip(lines, stems).tolist() == [SKIP_WAIVED, SKIP_WAIVED, 0.0, 0.0, 0.0]
    assert left_out_skip(lines[2:], stems[2:]) is None
    assert left_out_skip(lines, stems, verses=False) is None


def test_verse_lines_cost_less_to_leave_out_only_with_a_dictionary(tmp_path: Path) -> None:
    """corpora/fisherman's verse lines (Arabic 4, 7, 9 and 38) are cheaper to leave out with a
    dictionary of the user's (5,000 headwords or more: a translated poem's words are found,
    and keep its link); with the basic vocabulary alone only the recap (Arabic 49–50) is (its
    605 words find no poem's: stop 59 measured the waiver there a loss on seven of eight
    literary sets)."""
    ar, en, _ = fisherman_set()
    plain = TwoPassAligner(ar, en, None, None)
    assert plain.ar_skip is not None and np.flatnonzero(plain.ar_skip).tolist() == [49, 50]
    filler = {"ظغ" + "".join(p): "filler"
              for p in itertools.islice(itertools.product("ثخذضظغشص", repeat=5), 5000)}
    large = open_lexicon([write_dictionary(tmp_path / "large.tsv", filler)])
    found = TwoPassAligner(ar, en, None, None, lexicon=large).ar_skip
    assert found is not None and np.flatnonzero(found).tolist() == [4, 7, 9, 38, 49, 50]


def test_a_recap_is_the_run_up_to_a_repetition_of_a_sentence_just_before() -> None:
    """A sentence holding three quarters of the stems of one at most two before it, and not
    three times as long, repeats it: it and the sentences between cost as little to leave out
    as a verse line (corpora/fisherman: Arabic 49, the night break, and 50, the recap of 48)."""
    ar, _, _ = fisherman_set()
    stems = [set(s.split()) for s in ("a b c d e", "x y", "p a b c d q r", "a b z")]
    assert is_recap(stems, 0, 2) and not is_recap(stems, 0, 3) and not is_recap(stems, 1, 2)
    assert left_out_skip(["s"] * 4, [sorted(x) for x in stems]).tolist() == [0, 1, 1, 0]
    assert left_out_skip(["s"] * 4, [sorted(x) for x in stems], recaps=False) is None
    real = [arabic_word_stems(w) for w in arabic_words_many(ar)]
    assert np.flatnonzero(left_out_skip(ar, real)).tolist() == [4, 7, 9, 38, 49, 50]


def test_a_poem_the_translator_leaves_out_is_linked_to_nothing() -> None:
    """corpora/fisherman: Lane leaves out the fisherman's third poem (Arabic 9) and translates
    the line before it (Arabic 8, English 15) and the poems at Arabic 4 and 7. The poem was
    glued to its lead-in ([8, 9]→[15]); it is now a 1–0 link and the translated poems keep
    their links; the night break and its recap (Arabic 49–50), which Lane leaves out too,
    were glued to Arabic 48 ([48, 49, 50]→[55]), the links after them one English sentence
    off; they are linked to nothing now, and 48 and 51 as the gold (the omission pass takes
    the poem out: without a dictionary no verse line is cheaper to leave out). Without the
    basic vocabulary (anchors alone) no poem's words are found: Arabic 4 stays linked."""
    ar, en, _ = fisherman_set()
    links = _links(align_sentences(ar, en))
    assert ((9,), ()) in links and ((8,), (15,)) in links
    assert {4, 7} <= {i for a, e in links if e for i in a}
    assert {((48,), (54,)), ((49,), ()), ((50,), ()), ((51,), (55, 56))} <= links
    assert ((8, 9), (15,)) in _links(align_sentences(ar, en, params=Params(omission_links=False)))
    bare = _links(align_sentences(ar, en, params=Params(basic_vocabulary=False)))
    assert 4 in {i for a, e in bare if e for i in a}
