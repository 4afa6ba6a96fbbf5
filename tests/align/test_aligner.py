"""The aligner's behaviour: shapes, skips, unrelated texts, glossary anchors, scale."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

from bench.align import _docs, scale_set
from workbench.align import Alignment, align_paragraphs, align_sentences
from workbench.align.scoring import Params
from workbench.glossary.model import Entry, Glossary
from workbench.text.segment import segment_text

Check = Callable[[Alignment, int, int], None]

NTREX = _docs("ntrex128")
AR = [a for ar, _ in NTREX for a in ar]
EN = [e for _, en in NTREX for e in en]


def test_empty_and_one_sided_inputs() -> None:
    assert align_sentences([], []).links == []
    only_ar = align_sentences(["جملة."], [])
    assert only_ar.links == [([0], [])]
    only_en = align_sentences([], ["One.", "Two."])
    assert only_en.links == [([], [0]), ([], [1])]
    assert all(0 <= c <= 1 for c in only_en.confidence)


def test_tiny_texts_align_one_to_one() -> None:
    result = align_sentences(AR[1:4], EN[1:4])
    assert result.links == [([0], [0]), ([1], [1]), ([2], [2])]


def test_a_sentence_missing_from_the_translation_is_skipped(check_structure: Check) -> None:
    ar = AR[20:60]
    en = EN[20:40] + EN[41:60]  # English sentence 40 dropped
    result = align_sentences(ar, en)
    check_structure(result, len(ar), len(en))
    assert ([20], []) in result.links or ([21], []) in result.links or any(
        20 in a and len(a) == 2 for a, _ in result.links
    )
    correct = sum(1 for a, e in result.links if len(a) == len(e) == 1 and
                  (a[0] == e[0] if a[0] < 20 else a[0] == e[0] + 1))
    assert correct >= 36


def test_a_translation_of_the_beginning_only_leaves_the_rest_unlinked(
    check_structure: Check,
) -> None:
    """A draft (or a reference) that translates the first half of a text: its last sentences
    were stretched over the untranslated rest as 7–1 and 9–1 links (and the links before them
    lost their confidence); the rest is left unlinked."""
    ar, en = AR[:60], EN[:30]
    result = align_sentences(ar, en)
    check_structure(result, len(ar), len(en))
    assert [link for link in result.links if link[0] and link[1]] == [
        ([i], [i]) for i in range(30)]
    assert [link for link in result.links if not link[1]] == [([i], []) for i in range(30, 60)]
    sure = [c for (a, e), c in zip(result.links, result.confidence, strict=True) if a and e]
    assert sorted(sure)[len(sure) // 2] > 0.9


def test_the_translation_of_a_longer_text_leaves_its_end_unlinked(check_structure: Check) -> None:
    """Thirty Arabic lines and the English of sixty: the thirty lines link one to one and the
    English after them stays unlinked (it was stretched over the Arabic's last lines)."""
    ar, en = AR[:30], EN[:60]
    result = align_sentences(ar, en)
    check_structure(result, len(ar), len(en))
    assert [link for link in result.links if link[0]] == [([i], [i]) for i in range(30)]
    assert [link for link in result.links if not link[0]] == [([], [j]) for j in range(30, 60)]
    sure = [c for (a, e), c in zip(result.links, result.confidence, strict=True) if a and e]
    assert sorted(sure)[len(sure) // 2] > 0.9


def test_a_translation_of_a_later_part_leaves_the_text_before_it_unlinked(
    check_structure: Check,
) -> None:
    """The English of NTREX lines 30-59 against the Arabic of 0-59, and the Arabic of 20-39
    against the English of 0-59: the text before the part (and after it) stays unlinked; its
    first sentences were stretched over the part's first links (8-1 and 9-1 links)."""
    for ar, en, at_a, at_e in ((AR[:60], EN[30:60], 30, 0), (AR[20:40], EN[:60], 0, 20)):
        result = align_sentences(ar, en)
        check_structure(result, len(ar), len(en))
        part = min(len(ar), len(en))
        assert [link for link in result.links if link[0] and link[1]] == [
            ([at_a + i], [at_e + i]) for i in range(part)]
        sure = [c for (a, e), c in zip(result.links, result.confidence, strict=True) if a and e]
        assert sorted(sure)[len(sure) // 2] > 0.9


def test_a_part_of_one_to_four_sentences_in_a_long_text_is_flagged_and_said() -> None:
    """NTREX line 100 alone against the 198 Arabic lines: it holds too little to place (it
    went to the last line at 1.0); its link is flagged, with a warning. Five lines are
    placed right, and sure."""
    one = align_sentences(AR[:198], EN[100:101])
    assert [c for (a, e), c in zip(one.links, one.confidence, strict=True) if a and e] == [0.45]
    assert one.warnings == ["1 link in a text of 198 Arabic and 1 English sentences: where so "
                            "short a part belongs is a guess (its links are flagged)"]
    five = align_sentences(AR[:198], EN[50:55])
    assert [link for link in five.links if link[0] and link[1]] == [
        ([50 + i], [i]) for i in range(5)]
    assert min(c for (a, e), c in zip(five.links, five.confidence, strict=True) if a and e) > 0.9
    assert not five.warnings


def test_where_lengths_decide_a_translation_of_the_beginning_only_is_not_stretched() -> None:
    """The sample's 21 sentences and its reference's first nine: the whole texts' length
    ratio (the English of less than half) stretched the nine over all 21 (2–1 to 6–1 links);
    the first pass now expects a translation's usual ratio there."""
    text = files("workbench.data")
    ar = [s for _, s in segment_text(text.joinpath("sample.ar.txt").read_text("utf-8"), "ar")]
    reference = text.joinpath("translations").joinpath("reference.en.txt").read_text("utf-8")
    en = [s for _, s in segment_text(reference, "en")][:9]
    assert len(ar) == 21
    result = align_sentences(ar, en)
    assert result.links == [([i], [i]) for i in range(9)] + [([i], []) for i in range(9, 21)]


def test_an_inserted_unrelated_sentence_becomes_a_zero_to_one_link(check_structure: Check) -> None:
    ar = AR[100:140]
    inserted = (
        "The committee, which last met in Geneva in the spring of 2016, will meet again in "
        "Vienna next year to review the budget, the staff rules and the new reporting "
        "procedures for all member states."
    )
    en = [*EN[100:120], inserted, *EN[120:140]]
    result = align_sentences(ar, en)
    check_structure(result, len(ar), len(en))
    assert ([], [20]) in result.links
    inserted = result.links.index(([], [20]))
    assert result.confidence[inserted] < 0.9


def test_one_arabic_line_facing_nine_english_sentences() -> None:
    ar = AR[:30]
    en = EN[:30]
    joined = " ".join(ar[10:19])
    result = align_sentences([*ar[:10], joined, *ar[19:]], en)
    assert ([10], list(range(10, 19))) in result.links


def test_unrelated_texts_give_low_confidence_and_a_warning(check_structure: Check) -> None:
    tico = _docs("tico19")
    en = [e for _, en in tico for e in en][:120]
    result = align_sentences(AR[:120], en)
    check_structure(result, 120, 120)
    assert result.warnings and "translations of each other" in result.warnings[0]
    assert sorted(result.confidence)[len(result.confidence) // 2] < 0.35
    related = align_sentences(AR[:120], EN[:120])
    assert not related.warnings
    assert sorted(related.confidence)[60] > 0.8


def test_paragraphs_are_aligned_one_by_one_when_the_counts_agree() -> None:
    ar_pars = [AR[0:5], AR[5:12]]
    en_pars = [EN[0:5], EN[5:12]]
    result = align_paragraphs(ar_pars, en_pars)
    assert result.links == [([k], [k]) for k in range(12)]
    # different counts: aligned as one text
    flat = align_paragraphs([AR[0:12]], [EN[0:5], EN[5:12]])
    assert flat.links == [([k], [k]) for k in range(12)]


def test_glossary_terms_anchor_sentences() -> None:
    from workbench.align.anchors import anchor_bags

    glossary = Glossary([Entry("انتفاضة", "insurrection"), Entry("سوفييتات", "soviets")])
    ar = ["قرروا الانتفاضة المسلحة.", "كانت السوفييتات قوية."]
    en = ["They decided on an armed insurrection.", "The soviets were strong."]
    ar_bags, en_bags = anchor_bags(ar, en, glossary)
    assert "G:انتفاضة" in ar_bags[0] and "G:انتفاضة" in en_bags[0]
    assert "G:سوفييتات" in ar_bags[1] and "G:سوفييتات" in en_bags[1]
    assert "G:انتفاضة" not in en_bags[1]
    result = align_sentences(ar, en, glossary=glossary)
    assert result.links == [([0], [0]), ([1], [1])]


def test_ten_thousand_sentences_align_whole(check_structure: Check) -> None:
    """A long text aligns into a complete, ordered path (its time is bench align_scale's)."""
    ar, en = scale_set(2000)
    check_structure(align_sentences(ar, en), len(ar), len(en))


def test_a_sentence_the_translation_puts_in_the_paragraph_before_keeps_its_link() -> None:
    """The English moves a paragraph break by a sentence: English 3 ends the first paragraph,
    Arabic 3 starts the second. The paragraphs still pair 1–1 by their lengths; bound to the
    pairs, Arabic 3 could not reach English 3 (a 3–4 link, or English 3 left out)."""
    ar_pars = [AR[0:3], AR[3:8], AR[8:12]]
    en_pars = [EN[0:4], EN[4:8], EN[8:12]]
    # lengths and anchors only: the basic vocabulary's "concern" (قلق) pulls Arabic 3 to
    # English 4 here
    result = align_paragraphs(ar_pars, en_pars, params=Params(basic_vocabulary=False))
    assert result.links == [([k], [k]) for k in range(12)]
