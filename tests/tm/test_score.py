"""Match scores at every band boundary, the clitic-aware word similarity, and OmegaT's floor."""

from __future__ import annotations

import random

import pytest
from rapidfuzz.distance import Levenshtein

from tests.conftest import CORPORA
from workbench.tm.codes import Vocabulary
from workbench.tm.score import (
    band_of,
    band_score,
    word_similarity,
)
from workbench.tm.tokens import words_and_stems

# Distinct words that no clitic rule touches (none starts with و ف ب ك ل س ا).
WORDS = [f"م{a}{b}ن" for a in "جحدذرزش" for b in "صضطظعغق"] + [
    f"ن{a}{b}ت" for a in "جحدذرزش" for b in "صضطظعغق"
]


def score(query: str, source: str) -> int:
    vocabulary = Vocabulary()
    (qw, qs), (uw, us) = words_and_stems(query), words_and_stems(source)
    return band_score(
        query, vocabulary.encode(qs), vocabulary.encode(qw), source,
        vocabulary.encode(us), vocabulary.encode(uw),
    )


def sentence(n: int, changed: int = 0, start: int = 0) -> str:
    """``n`` words, the last ``changed`` of them replaced by other words."""
    words = WORDS[start : start + n]
    for i in range(changed):
        words[n - 1 - i] = WORDS[-1 - i]
    return " ".join(words)


BASE = "قامت الثورة في روسيا عام 1917 وانتصر البلاشفة."


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (BASE, 100),
        (f"  {BASE} ", 100),  # outer whitespace is not part of the text
        ("قامت الثَّورة في روسيا عام 1917 وانتصر البلاشفة.", 99),  # diacritics
        ("قامت الثـورة في روسيا عام 1917 وانتصر البلاشفة.", 99),  # tatweel
        ("قامت الثوره في روسيا عام 1917 وانتصر البلاشفة.", 99),  # ta marbuta
        ("قامت الثورة في روسيا عام ١٩١٧ وانتصر البلاشفة.", 99),  # Arabic-Indic digits
        ("قامت الثورة في روسيا عام 1917 وانتصر البلاشفة", 99),  # punctuation
        ("قامت  الثورة في روسيا عام 1917 وانتصر البلاشفة.", 99),  # spaces
        ("قامت الثورة في روسيا عام 1917 وانتصر البلاشفة!", 99),  # another mark
        ("{1}قامت الثورة في روسيا عام 1917 وانتصر البلاشفة.{/1}", 98),  # two tags
        ("<1>قامت الثورة في روسيا عام 1917 وانتصر البلاشفة.</1>", 98),  # a segment's tags
        ("قامت الثَّورة في روسيا عام ١٩١٧ وانتصر البلاشفه", 96),  # four differences
        ("قامَت الثَّورة فى روسيا عام ١٩١٧ وانتصر البلاشفه!!", 95),  # seven: at least 95
        ("قامت الثورة في روسيا عام 1918 وانتصر البلاشفة.", 87),  # another number: a word
        ("قامت الثورة في روسيا عام 1917 وانتصر البلاشفة الشيوعيون.", 88),
    ],
)
def test_bands_of_near_matches(source: str, expected: int) -> None:
    assert score(BASE, source) == expected


def test_word_level_band_boundaries() -> None:
    assert score(sentence(20), sentence(20, 1)) == 94  # 95 would say "same words"
    assert score(sentence(20), sentence(20, 3)) == 85  # 100·(20 − 3)/20
    assert score(sentence(25), sentence(25, 4)) == 84
    assert score(sentence(20), sentence(20, 5)) == 75
    assert score(sentence(50), sentence(50, 13)) == 74
    assert score(sentence(10), sentence(10, 5)) == 50
    assert score(sentence(50), sentence(50, 26)) == 48
    assert score(sentence(10), sentence(10, 10, start=20)) == 0


@pytest.mark.parametrize(
    ("score_", "band"),
    [(101, "101"), (100, "100"), (99, "95-99"), (95, "95-99"), (94, "85-94"), (85, "85-94"),
     (84, "75-84"), (75, "75-84"), (74, "50-74"), (50, "50-74"), (49, "no-match"),
     (None, "no-match")],
)
def test_analysis_bands(score_: int | None, band: str) -> None:
    assert band_of(score_) == band


def test_clitics_cost_half_a_word() -> None:
    assert score("الثورة", "وبالثورة") == 50  # OmegaT: 0
    ten = sentence(9) + " الثورة"
    assert score(ten, sentence(9) + " وبالثورة") == 94  # 100·(10 − ½)/10, capped
    assert score(sentence(19) + " الثورة", sentence(19) + " للثورة") == 94
    assert score(sentence(3) + " الثورة", sentence(3) + " وبالثورة") == 87  # OmegaT: 75


def omegat_similarity(n: int, m: int, distance: int) -> int:
    """OmegaT's score for an edit distance over word tokens (FuzzyMatcher), to compare with."""
    longest = max(n, m)
    return 0 if longest == 0 else (100 * (longest - distance)) // longest


def test_lengths_count_like_omegat() -> None:
    # an inserted word: LD 1 over max(n, m) = 11
    assert word_similarity(10, 11, 1, 1) == 90 == omegat_similarity(10, 11, 1)
    assert word_similarity(0, 0, 0, 0) == 0


def _pairs() -> list[tuple[str, str]]:
    lines = [
        line.strip() for line in (CORPORA / "ntrex128" / "ar.txt").read_text(
            encoding="utf-8").splitlines() if line.strip()
    ]
    rng = random.Random(11)
    pairs = []
    for line in lines:
        words = line.split()
        edited = list(words)
        for _ in range(rng.randint(0, 4)):
            i = rng.randrange(len(edited))
            choice = rng.random()
            if choice < 0.3:
                edited[i] = "و" + edited[i]
            elif choice < 0.6:
                del edited[i]
            else:
                edited.insert(i, rng.choice(words))
            if not edited:
                edited = ["كلمة"]
        pairs.append((line, " ".join(edited)))
        pairs.append((line, rng.choice(lines)))
    return pairs


def test_never_below_omegat_and_100_only_when_identical() -> None:
    for query, source in _pairs():
        ours = score(query, source)
        qw, uw = words_and_stems(query)[0], words_and_stems(source)[0]
        omegat = omegat_similarity(len(qw), len(uw), Levenshtein.distance(qw, uw))
        assert ours >= min(omegat, 94), (query, source)
        assert (ours == 100) == (query.strip() == source.strip())  # (no invisible marks here)
        assert ours <= 94 or qw == uw


def test_marks_in_another_canonical_order_are_the_same_text() -> None:
    """A shadda typed before or after its kasra (keyboards differ) is one text: 100."""
    memory = "قد سج\u0651\u0650لت 17 حالة وفاة."
    typed = "قد سج\u0650\u0651لت 17 حالة وفاة."
    assert memory != typed and score(typed, memory) == 100
    assert score(typed.replace("\u0650", ""), memory) == 99  # a mark left out: not the same


def test_direction_marks_that_word_and_trados_write_are_the_same_text() -> None:
    """A memory unit whose Arabic holds invisible direction marks (RLE…PDF around a number,
    RLM after it, the Arabic letter mark, a zero-width space) is the same text as the
    segment without them: 100 (tests/tm/test_memory.py: pretranslate takes it); a visible
    difference is still one (99)."""
    plain = "قد سجلت 17 حالة وفاة في 2020."
    marked = "\u202bقد سجلت \u200e17\u200f حالة وفاة\u061c في \u202a2020\u202c.\u200b\u202c"
    assert score(plain, marked) == 100 and score(marked, plain) == 100
    assert score(plain.replace(".", "!"), marked) == 99


def test_presentation_forms_copied_from_a_pdf_are_the_same_text() -> None:
    """Arabic copied from a PDF comes in presentation forms (ﻗﺪ ﺳﺠﻠﺖ): the same letters to a
    reader, so the same text (100) as the segment in plain letters; with one visible
    difference more, 99 (every word counted a difference, it was 95)."""
    plain = "قد سجلت 17 حالة وفاة، أكثر من العام."
    pdf = "ﻗﺪ ﺳﺠﻠﺖ 17 ﺣﺎﻟﺔ ﻭﻓﺎﺓ، ﺃﻛﺜﺮ ﻣﻦ ﺍﻟﻌﺎﻡ."
    assert pdf != plain and score(plain, pdf) == 100 and score(pdf, plain) == 100
    assert score(plain.replace(".", "!"), pdf) == 99
    assert score("قد سجلت 17 حالة وفاة، اكثر من العام.", pdf) == 99  # أ against ا: one


def test_segment_tags_are_not_words_and_match_tmx_placeholders() -> None:
    # a client document's segment (<1>…</1>) against another tool's unit ({1}…{/1}) of the
    # same sentence: the same tags in the same places are the same text (100), one tag
    # missing is one difference; the tags' numbers are no words
    segment = "انتهت الحرب <1>أخيرا</1> عام 1945<2/>."
    assert words_and_stems(segment)[0] == ["انتهت", "الحرب", "اخيرا", "عام", "1945"]
    assert score(segment, "انتهت الحرب {1}أخيرا{/1} عام 1945{2/}.") == 100
    assert score(segment, "انتهت الحرب {1}أخيرا{/1} عام 1945{1/}.") == 99  # another tag
    assert score(segment, "انتهت الحرب {1}أخيرا{/1} عام 1945.") == 99
    assert score(segment, "انتهت الحرب أخيرا عام 1945.") == 97


def test_tags_inside_a_word_are_tags_not_a_word_break() -> None:
    """A segment formatting a word but not its clitic (و<2>الجامعات</2>) against OmegaT's
    level-1 TMX of it (tags dropped: والجامعات): the same words, each tag a difference (96,
    not the 81 of a word split in two); the other tool's level-2 unit of it is 100."""
    segment = "أغلقت السلطات <1>المدارس</1> و<2>الجامعات</2> لمدة 14 يوما."
    assert score(segment, "أغلقت السلطات المدارس والجامعات لمدة 14 يوما.") == 96
    assert score("أغلقت السلطات المدارس والجامعات لمدة 14 يوما.", segment) == 96
    assert score(segment, "أغلقت السلطات {1}المدارس{/1} و{2}الجامعات{/2} لمدة 14 يوما.") == 100
    assert score(segment, "أغلقت السلطات {1}المدارس{/1} و{1}الجامعات{/1} لمدة 14 يوما.") == 98
