"""bench spelling_real pairs each English line with the Arabic it translates."""

from __future__ import annotations

from bench.spelling_real import PLACES, text_pairs, with_typos


def test_lines_are_paired_by_line_or_by_gold_link() -> None:
    ntrex = text_pairs("ntrex128")
    assert len(ntrex) == 198 and all(a and e for a, e in ntrex)
    hayy = text_pairs("hayy")
    assert len(hayy) == 82
    assert hayy[0][0] == hayy[1][0] == hayy[2][0] != hayy[3][0]  # gold.tsv: 0 → 0,1,2


def test_one_typo_a_segment_in_the_words_asked_for() -> None:
    pairs = [("", "He examin'd the Shepherd."), ("", "No such word here.")]
    typed, typos = with_typos(pairs, PLACES["an elided past tense"], bool)
    assert len(typed) == len(typos) == 1
    assert typos[0] != "examin" and typos[0] + "'d" in typed[0][1]
