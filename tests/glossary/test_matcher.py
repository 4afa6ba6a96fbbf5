"""The Arabic term matcher: clitics, suffixes, spellings, derived words, spans, overlaps."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.glossary import evaluate, read_test_set
from workbench.glossary.matcher import TermMatch, TermMatcher
from workbench.glossary.model import Entry, Glossary
from workbench.glossary.tsv import read_tsv

DATA = Path(__file__).parent / "data" / "term_matching.tsv"
ROOT = Path(__file__).resolve().parents[2]


def matcher(*terms: str) -> TermMatcher:
    return TermMatcher(Glossary([Entry(t, f"r{i}") for i, t in enumerate(terms)]))


def found(m: TermMatcher, text: str) -> list[tuple[str, str]]:
    return [(x.term, text[x.start : x.end]) for x in m.find(text)]


def test_test_set_precision_and_recall() -> None:
    rows = read_test_set(DATA)
    assert len(rows) >= 200
    assert sum(1 for r in rows if not r[2]) >= 60  # negative cases
    figures = evaluate(rows)
    assert figures["precision"] >= 0.98, figures
    assert figures["recall"] >= 0.98, figures


@pytest.mark.parametrize(
    "text",
    ["للسوفييتات", "وبالسوفييتات", "السوفييتات", "سوفييتاتهم", "السّوفييتات"],
)
def test_proclitics_and_suffixes(text: str) -> None:
    assert found(matcher("سوفييتات"), text) == [("سوفييتات", text)]


@pytest.mark.parametrize(
    "text", ["ثورتهم", "ثورات", "الثورات", "ثورتين", "ثوره", "الـثـورة", "ثَوْرَتُهُمْ"]
)
def test_ta_marbuta_forms(text: str) -> None:
    assert found(matcher("ثورة"), text) == [("ثورة", text)]


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("ثورة", "ثوريا"), ("ثورة", "الثورية"), ("ثورة", "الثوريين"), ("ثورة", "ثوار"),
        ("جماهير", "الجماهيرية"), ("عمال", "عمالة"), ("عمال", "الأعمال"), ("حزب", "تحزب"),
        ("انقلاب", "الانقلابيين"), ("لغة", "بلغت"),
    ],
)
def test_derived_and_other_words_are_not_the_term(term: str, text: str) -> None:
    assert found(matcher(term), text) == []


def test_tanween_alef_and_plural_of_a_feminine_noun() -> None:
    m = matcher("انقلاب", "انتفاضة")
    assert found(m, "كان انقلاباً") == [("انقلاب", "انقلاباً")]
    assert found(m, "الانتفاضات") == [("انتفاضة", "الانتفاضات")]


def test_multi_word_terms_with_clitics_and_article() -> None:
    m = matcher("اللجنة المركزية")
    for text in ("اللجنة المركزية", "للجنة المركزية", "وللجنة المركزية", "لجنة مركزية"):
        assert found(m, text) == [("اللجنة المركزية", text)]
    assert found(matcher("لجنة مركزية"), "للجنة المركزية") == [("لجنة مركزية", "للجنة المركزية")]
    assert found(m, "اللجنة التنفيذية") == []


def test_spans_are_in_the_original_text_and_in_order() -> None:
    text = "قرأ لينينُ بيانـاً أمام اللَّجنة المركزيّة عن الثورة"
    m = matcher("لينين", "اللجنة المركزية", "ثورة", "بيان")
    matches = m.find(text)
    assert [text[x.start : x.end] for x in matches] == [
        "لينينُ", "بيانـاً", "اللَّجنة المركزيّة", "الثورة",
    ]
    assert [x.start for x in matches] == sorted(x.start for x in matches)


def test_longest_match_wins_and_matches_do_not_overlap() -> None:
    m = matcher("ثورة", "أكتوبر", "ثورة أكتوبر")
    assert found(m, "بعد ثورة أكتوبر والثورة") == [
        ("ثورة أكتوبر", "ثورة أكتوبر"), ("ثورة", "والثورة"),
    ]


def test_exact_form_beats_an_inflected_one_on_the_same_word() -> None:
    m = matcher("سوفييت", "سوفييتات")
    assert found(m, "السوفييتات والسوفييت") == [
        ("سوفييتات", "السوفييتات"), ("سوفييت", "والسوفييت"),
    ]


def test_term_is_reported_as_written_in_the_glossary_with_its_entries() -> None:
    g = Glossary([Entry("انقلاب", "coup"), Entry("انقلاب", "coup d'état")])
    (match,) = TermMatcher(g).find("الانقلاب")
    assert isinstance(match, TermMatch)
    assert match.term == "انقلاب"
    assert [e.rendering for e in match.entries] == ["coup", "coup d'état"]


def test_spellings_of_one_term_are_merged() -> None:
    m = TermMatcher(Glossary([Entry("ثورة", "revolution"), Entry("ثوره", "revolt")]))
    assert len(m) == 1
    (match,) = m.find("ثورتهم")
    assert {e.rendering for e in match.entries} == {"revolution", "revolt"}


def test_empty_glossary_and_text() -> None:
    assert TermMatcher(Glossary([])).find("ثورة") == []
    assert matcher("ثورة").find("") == []


def test_sample_glossary_on_the_sample() -> None:
    m = TermMatcher(read_tsv(ROOT / "workbench" / "data" / "glossary.tsv"))
    text = (ROOT / "workbench" / "data" / "sample.ar.txt").read_text(encoding="utf-8")
    terms = [x.term for x in m.find(text)]
    assert terms.count("انتفاضة") == 7
    assert "الجماهيرية" not in [text[x.start : x.end] for x in m.find(text)]
    assert ("اللجنة المركزية", "للجنة المركزية") in found(m, text)


@pytest.mark.parametrize("term", ["مرض كوفيد 19", "مرض كوفيد-19", "مرض كوفيد19"])
def test_letters_and_digits_join_by_space_hyphen_or_nothing(term: str) -> None:
    m = matcher(term)
    for written in ("مرض كوفيد 19", "مرض كوفيد-19", "مرض كوفيد19", "بمرض كوفيد-19"):
        assert found(m, f"توفي بسبب {written} أمس") == [(term, written)]
    assert found(m, "مرض كوفيد 20") == []


@pytest.mark.parametrize("written", ["كوفيد - 19", "كوفيد -19", "كوفيد- 19", "كوفيد – 19"])
def test_a_spaced_hyphen_between_arabic_letters_and_digits_is_a_hyphen(written: str) -> None:
    """كوفيد - 19, as much Arabic writing spaces it, was no occurrence of كوفيد-19 (the English
    check takes COVID - 19 as COVID-19); a term written so is the same term."""
    assert found(matcher("مرض كوفيد-19"), f"بسبب مرض {written}، أمس") == [
        ("مرض كوفيد-19", f"مرض {written}")]
    assert found(matcher("كوفيد - 19"), "بكوفيد-19") == [("كوفيد - 19", "بكوفيد-19")]
    assert found(matcher("كوفيد-19"), "كوفيد - 20") == []


def test_spellings_of_a_term_with_digits_are_one_term() -> None:
    m = TermMatcher(Glossary([Entry("مرض كوفيد 19", "COVID-19"), Entry("مرض كوفيد-19", "covid19")]))
    assert len(m) == 1 and [e.rendering for e in m.entries[0]] == ["COVID-19", "covid19"]


@pytest.mark.parametrize("term", ["سارس كوف 2", "سارس-كوف-2"])
def test_a_hyphen_between_arabic_words_is_a_space_and_a_dash_a_hyphen(term: str) -> None:
    # TICO-19 writes سارس كوف-2; a glossary (or another text) may hyphenate the words
    m = matcher(term)
    for written in ("سارس كوف-2", "سارس-كوف-2", "سارس‐كوف–2", "بسارس-كوف 2"):
        assert found(m, f"أعداد إصابات فيروس {written} مليونًا") == [(term, written)]
    assert found(matcher("كوفيد-19"), "مرض كوفيد–19") == [("كوفيد-19", "كوفيد–19")]
    assert found(matcher("كمبرلي كلارك"), "شركة كمبرلي-كلارك") == [
        ("كمبرلي كلارك", "كمبرلي-كلارك")
    ]


def test_a_term_inside_an_address_is_not_an_occurrence() -> None:
    m = matcher("جائحة")
    text = "الموقع https://ar.wikipedia.org/wiki/جائحة عن الجائحة، اكتب info@who.int"
    assert [(x.start, x.end) for x in m.find(text)] == [(46, 53)]  # الجائحة only
    assert found(m, "انظر www.example.org/جائحة.") == []


def test_an_alef_with_a_hamza_before_lam_is_the_terms_own_letter() -> None:
    """ألعاب and إلغاء were keyed as the article + عاب, غاء: الألعاب, والالعاب and بالإلغاء
    went unseen, so the English was never checked there (only the bare word was found)."""
    m = matcher("ألعاب", "إلغاء", "الآن", "اللغة")
    text = "ستقام الألعاب وألعاب والالعاب. قرر إلغاء العقد وبالإلغاء الآن باللغة."
    assert found(m, text) == [
        ("ألعاب", "الألعاب"), ("ألعاب", "وألعاب"), ("ألعاب", "والالعاب"),
        ("إلغاء", "إلغاء"), ("إلغاء", "وبالإلغاء"), ("الآن", "الآن"), ("اللغة", "باللغة"),
    ]


def test_a_vocalised_term_is_not_found_where_the_text_writes_other_vowels() -> None:
    """عَرَض (a symptom) was found in عُرِضَ (was shown) and عَرْض (an offer): the glossary's
    vowels tell it from its homographs wherever the text writes its own."""
    m = matcher("عَرَض", "حَجْر صحي", "صحي")
    assert found(m, "عُرِضَ الفيلم ثم عَرْض الأربعاء") == []
    assert found(m, "عرض") == [("عَرَض", "عرض")]  # no vowels: it may be the term
    assert found(m, "والعَرَضُ") == [("عَرَض", "والعَرَضُ")]  # the case ending varies
    assert found(m, "الحَجْرُ الصحيّ") == [("حَجْر صحي", "الحَجْرُ الصحيّ")]
    assert found(m, "حِجْر صحي") == [("صحي", "صحي")]  # a shorter term is found instead
    assert found(m, "<1>عُرِضَ</1>") == []
    # spellings merged: any of them may be the one the text writes
    both = TermMatcher(Glossary([Entry("عَرَض", "symptom"), Entry("عَرْض", "display")]))
    assert len(both) == 1 and len(both.find("عَرْض")) == 1 and both.find("عُرِضَ") == []
    assert len(TermMatcher(Glossary([Entry("عَرَض", "a"), Entry("عرض", "b")])).find("عُرِض")) == 1


def test_lam_alef_ligatures_of_text_pasted_from_a_pdf_are_their_letters() -> None:
    """ﺍﻻﺧﺘﺒﺎﺭ (الاختبار with the lam-alef ligature, as a PDF gives it) was no occurrence of
    اختبار, while the PDF's one-letter forms were read as their letters."""
    m = matcher("اختبار", "لاجئ", "وزارة الصحة")
    text = "ﺃﻋﻠﻨﺖ ﻭﺯﺍﺭﺓ ﺍﻟﺼﺤﺔ ﻧﺘﺎﺋﺞ ﺍﻻﺧﺘﺒﺎﺭ ﻟﻼﺟﺌﻴﻦ"
    assert found(m, text) == [
        ("وزارة الصحة", "ﻭﺯﺍﺭﺓ ﺍﻟﺼﺤﺔ"), ("اختبار", "ﺍﻻﺧﺘﺒﺎﺭ"), ("لاجئ", "ﻟﻼﺟﺌﻴﻦ")]
    assert found(matcher("ﻻجئ"), "وصل اللاجئون") == [("ﻻجئ", "اللاجئون")]  # a pasted term
    assert found(matcher("ثورة"), "ﷲ ثورة") == [("ثورة", "ثورة")]  # spans after a ligature


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("عامل صحي", "العاملين الصحيين"),
        ("عامل صحي", "عاملون صحيون"),
        ("مؤتمر صحفي", "مؤتمرين صحفيين"),
        ("منظمة دولية", "للمنظمتين الدوليتين"),
        ("حالة مؤكدة", "حالتين مؤكدتين"),
        ("عامل إغاثة", "عاملو الإغاثة"),  # the construct state drops the plural's ن
        ("عامل إغاثة", "لعاملي الإغاثة"),
        ("موظف الأمم المتحدة", "وموظفو الأمم المتحدة"),
        ("وزارة الصحة", "وزارتا الصحة"),  # and the dual's
        ("وزارة الصحة", "بوزارتي الصحة"),
    ],
)
def test_a_sound_plural_or_dual_head_of_a_multi_word_term_is_found(term: str, text: str) -> None:
    """Only an ات plural head was (فيروسات كورونا): "health workers" written العاملين الصحيين
    was no occurrence of عامل صحي, and the check passed without looking at its English."""
    assert found(matcher(term), text) == [(term, text)]


def test_a_construct_waw_after_a_three_letter_head_is_a_names_ending() -> None:
    """Heads take the construct state's و (عاملو الإغاثة), but after three letters it is more
    often the end of a name: باولو, "Paulo", was ب + أول + و, an occurrence of الأول في."""
    assert found(matcher("الأول في"), "ملعب سان باولو في نابولي") == []
    assert found(matcher("يوم السبت"), "يومي السبت والأحد") == [("يوم السبت", "يومي السبت")]


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("التهاب", "الالتهاب"),
        ("التهاب رئوي", "بالالتهاب الرئوي"),
        ("التهاب رئوي", "للالتهاب الرئوي"),
        ("التزام", "الالتزامات"),
        ("التهاب", "بالتهاب"),
        ("الحجر الصحي", "بالحجر الصحي"),
    ],
)
def test_a_first_word_whose_al_is_its_own_letters_takes_the_article(term: str, text: str) -> None:
    """التهاب was keyed تهاب (its ال taken for the article), so الالتهاب, "the inflammation",
    was no occurrence: ال + ال is no proclitic chain."""
    assert found(matcher(term), text) == [(term, text)]


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("معدٍ", "المعدي"),  # TICO-19's term for "contagious", in the text with its article
        ("مُعدٍ", "والمعدي"),
        ("معدٍ", "المعدية"),  # الأمراض المعدية: the feminine agrees with the noun
        ("محامٍ", "المحامي"),
        ("محامٍ", "للمحامي"),
        ("محامٍ", "محاميه"),
        ("محامٍ", "محاميان"),
        ("محامٍ", "المحامون"),
        ("تفشٍ", "التفشّي"),
        ("مرض معدٍ", "المرض المعدي"),
    ],
)
def test_a_defective_noun_written_with_kasratan_is_found_with_its_ya(term: str, text: str) -> None:
    """A term written as a dictionary gives a defective noun (قاضٍ, معدٍ: its ي left out)
    was not found where the text writes the ي back (القاضي, المعدي, قاضيان)."""
    assert found(matcher(term), text) == [(term, text)]


def test_a_final_kasratan_does_not_make_other_words_the_term() -> None:
    """Only a final kasratan restores the ي (كتاب is not found in كتابي), and a defective
    noun takes no ات without it: معدٍ was found in معدات, "equipment"."""
    assert found(matcher("كتاب"), "كتابي") == []
    assert found(matcher("معدٍ"), "معدات") == []
    assert found(matcher("معدٍ"), "معدتي") == []


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("حجر صحي", "حجرًا صحيًا"),  # فرضت الحكومة حجرًا صحيًا: an indefinite object
        ("إغلاق عام", "إغلاقا عاما"),
        ("عزل ذاتي", "عزلاً ذاتياً"),
        ("مرض معدٍ", "مرضاً معدياً"),
    ],
)
def test_a_multi_word_term_is_found_with_the_tanween_alef_of_an_indefinite_object(
    term: str, text: str
) -> None:
    """The tanween alef of a one-word term's object was found (انقلابا), a multi-word term's
    first word with it was not: its last word took the ا, its first did not."""
    assert found(matcher(term), f"فرضت الحكومة {text} أمس") == [(term, text)]


@pytest.mark.parametrize(
    ("terms", "text"),
    [
        (("كمامة الوجه", "كمامات الوجه"), "كمامات الوجه"),  # both in TICO-19's term list
        (("لقاح فيروس كورونا", "لقاحات فيروس كورونا"), "للقاحات فيروس كورونا"),
        (("فيروس كورونا", "فيروسات كورونا"), "فيروسات كورونا"),
    ],
)
def test_a_multi_word_term_written_plural_wins_its_own_words_over_its_singular(
    terms: tuple[str, ...], text: str
) -> None:
    """A plural head was a tie with the term written so, the first in the glossary winning:
    كمامات الوجه was reported as كمامة الوجه (face mask) with كمامات الوجه (face masks) there."""
    for order in (terms, terms[::-1]):
        assert found(matcher(*order), text) == [(terms[1], text)]


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("إجراء احترازي", "الإجراءات الاحترازية"),
        ("اختبار سريع", "واختبارات سريعة"),
        ("تعديل دستوري", "بالتعديلات الدستورية"),
    ],
)
def test_the_last_word_after_an_at_plural_head_agrees_in_the_feminine(
    term: str, text: str
) -> None:
    """A plural of things takes its adjective in the feminine singular; the matcher took
    اختبارات سريعات, which Arabic does not write, and not اختبارات سريعة."""
    assert found(matcher(term), text) == [(term, text)]


def test_the_feminine_of_a_last_word_needs_a_plural_head() -> None:
    """The nisba's ة stays another word after a singular or dual head (and as one word)."""
    assert found(matcher("إجراء احترازي"), "إجراء احترازية") == []
    assert found(matcher("اختبار سريع"), "اختبارين سريعة") == []
    assert found(matcher("اشتراكي"), "الاشتراكية") == []


def test_the_latin_letters_of_a_term_are_found_in_any_case() -> None:
    """TICO-19's Google list writes مرض فيروس كورونا (covid-19), Arabic text (COVID-19): the
    term was not found, and the two spellings were two terms."""
    m = matcher("مرض فيروس كورونا (covid-19)", "منظمة الصحة العالمية (WHO)")
    text = "بمرض فيروس كورونا (COVID-19) وفق منظمة الصحة العالمية (who)"
    assert found(m, text) == [
        ("مرض فيروس كورونا (covid-19)", "بمرض فيروس كورونا (COVID-19)"),
        ("منظمة الصحة العالمية (WHO)", "منظمة الصحة العالمية (who)"),
    ]
    assert len(matcher("مرض (covid-19)", "مرض (COVID-19)")) == 1


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("قناع واقٍ من الفيروس", "القناع الواقي من الفيروس"),  # both in TICO-19's term lists
        ("مريض متعافٍ من فيروس كورونا", "للمريض المتعافي من فيروس كورونا"),
    ],
)
def test_a_later_word_written_with_kasratan_is_found_with_its_ya(term: str, text: str) -> None:
    assert found(matcher(term), text) == [(term, text)]
    assert found(matcher("فيروس سارس-كوف-2 المستجد"), "فيروس سارس كوف 2 المستجد") != []
