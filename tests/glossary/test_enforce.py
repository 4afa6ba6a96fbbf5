"""Glossary enforcement: required renderings counted per occurrence, forbidden ones flagged."""

from __future__ import annotations

from workbench.glossary.enforce import check_terms
from workbench.glossary.findings import Finding
from workbench.glossary.matcher import TermMatcher
from workbench.glossary.model import Entry, Glossary


def m(*entries: Entry) -> TermMatcher:
    return TermMatcher(Glossary(list(entries)))


INSURRECTION = Entry("انتفاضة", "insurrection", "", ("uprising", "revolt"))
SOVIETS = Entry("سوفييتات", "soviets", "", ("councils",))
CONGRESS = Entry("مؤتمر السوفييتات", "Congress of Soviets", "", ("Congress of Councils",))


def kinds(findings: list[Finding]) -> list[tuple[str, str | None, str | None]]:
    return [(f.kind, f.term, f.found) for f in findings]


def test_rendered_term_has_no_finding() -> None:
    report = check_terms(m(INSURRECTION), "بدأت الانتفاضة", "The insurrection began")
    assert (report.occurrences, report.rendered, report.findings) == (1, 1, [])


def test_missing_and_forbidden() -> None:
    report = check_terms(m(INSURRECTION), "بدأت الانتفاضة", "The uprising began")
    assert kinds(report.findings) == [
        ("missing", "انتفاضة", None), ("forbidden", "انتفاضة", "uprising"),
    ]
    missing, forbidden = report.findings
    assert missing.check == "term-missing" and forbidden.check == "term-forbidden"
    assert missing.expected == ["insurrection"] and missing.severity == "error"
    assert missing.span == (5, 14)  # الانتفاضة in the Arabic
    assert (report.occurrences, report.rendered) == (1, 0)


def test_term_twice_needs_its_rendering_twice() -> None:
    source = "الانتفاضة ثم انتفاضتهم"
    report = check_terms(m(INSURRECTION), source, "the insurrection, then their revolt")
    assert kinds(report.findings) == [
        ("missing", "انتفاضة", None), ("forbidden", "انتفاضة", "revolt"),
    ]
    assert report.findings[0].span == (13, 22)  # the second occurrence is the unrendered one
    assert (report.occurrences, report.rendered) == (2, 1)
    twice = check_terms(m(INSURRECTION), source, "the insurrection, then their insurrections")
    assert twice.findings == [] and twice.rendered == 2


def test_forbidden_inflection_is_flagged() -> None:
    report = check_terms(m(SOVIETS), "في السوفييتات", "in the soviets and the Councils'")
    assert kinds(report.findings) == [("forbidden", "سوفييتات", "Councils")]


def test_forbidden_not_flagged_when_the_term_is_absent() -> None:
    assert check_terms(m(INSURRECTION), "قامت الثورة", "the uprising").findings == []


def test_longer_rendering_consumes_its_words() -> None:
    g = m(CONGRESS, SOVIETS)
    report = check_terms(g, "مؤتمر السوفييتات وفي السوفييتات", "the Congress of Soviets met")
    # "Soviets" inside "Congress of Soviets" is not also the rendering of السوفييتات
    assert kinds(report.findings) == [("missing", "سوفييتات", None)]
    report = check_terms(g, "مؤتمر السوفييتات", "the Congress of Councils met")
    assert kinds(report.findings) == [
        ("missing", "مؤتمر السوفييتات", None),
        ("forbidden", "مؤتمر السوفييتات", "Congress of Councils"),
    ]


def test_alternatives_are_accepted() -> None:
    g = m(Entry("انقلاب", "coup"), Entry("انقلاب", "coup d'état", "", ("putsch",)))
    assert check_terms(g, "انقلابا", "a coup d'état").findings == []
    assert check_terms(g, "انقلابا", "a coup").findings == []
    report = check_terms(g, "انقلابا", "a putsch")
    assert kinds(report.findings) == [
        ("missing", "انقلاب", None), ("forbidden", "انقلاب", "putsch"),
    ]
    assert report.findings[0].expected == ["coup", "coup d'état"]


def test_derived_word_requires_nothing() -> None:
    g = m(Entry("ثورة", "revolution"))
    assert check_terms(g, "كان موقفه ثوريا", "his stance was radical").occurrences == 0


def test_symbols_of_renderings_are_enforced() -> None:
    us = Entry("الولايات المتحدة", "United States", "", ("U.S.",))
    g = m(us, Entry("سي بلس بلس", "C++"))
    report = check_terms(g, "اقتصاد الولايات المتحدة قوي", "The U.S. economy is strong.")
    assert kinds(report.findings) == [
        ("missing", "الولايات المتحدة", None), ("forbidden", "الولايات المتحدة", "U.S."),
    ]
    assert kinds(check_terms(g, "لغة سي بلس بلس", "The C language.").findings) == [
        ("missing", "سي بلس بلس", None),
    ]
    assert check_terms(g, "لغة سي بلس بلس", "The C++ language.").findings == []


def test_a_forbidden_acronym_is_not_a_pronoun() -> None:
    g = m(Entry("الولايات المتحدة", "United States", "", ("US",)))
    source = "قالت الولايات المتحدة إنها ستساعدنا."
    assert check_terms(g, source, "The United States said it would help us.").findings == []
    report = check_terms(g, source, "The US said it would help us.")
    assert kinds(report.findings) == [
        ("missing", "الولايات المتحدة", None), ("forbidden", "الولايات المتحدة", "US"),
    ]


def test_a_forbidden_form_of_the_required_rendering_is_matched_as_written() -> None:
    mask = Entry("كمامة", "mask", "", ("masks",))
    jhu = Entry("جامعة جونز هوبكنز", "Johns Hopkins University", "", ("John Hopkins University",))
    g = m(mask, jhu)
    assert check_terms(g, "ارتد الكمامة", "Wear the mask.").findings == []
    report = check_terms(g, "ارتد الكمامة", "Wear the masks.")
    assert kinds(report.findings) == [("missing", "كمامة", None), ("forbidden", "كمامة", "masks")]
    assert (report.occurrences, report.rendered) == (1, 0)
    source = "بحسب جامعة جونز هوبكنز"
    assert check_terms(g, source, "according to Johns Hopkins University").findings == []
    report = check_terms(g, source, "according to John Hopkins University")
    assert kinds(report.findings) == [
        ("missing", "جامعة جونز هوبكنز", None),
        ("forbidden", "جامعة جونز هوبكنز", "John Hopkins University"),
    ]
    twice = check_terms(g, "الكمامة والكمامة", "the mask's strap and the masks")
    assert kinds(twice.findings) == [("missing", "كمامة", None), ("forbidden", "كمامة", "masks")]


def test_addresses_neither_require_nor_render_a_term() -> None:
    g = m(Entry("جائحة", "pandemic"))
    url = "https://ar.wikipedia.org/wiki/جائحة"
    report = check_terms(g, f"الموقع {url} مفيد.", f"The site {url} is useful.")
    assert (report.occurrences, report.findings) == (0, [])
    english = "See https://en.wikipedia.org/wiki/pandemic and write@pandemic.org."
    assert kinds(check_terms(g, "انتهت الجائحة", english).findings) == [
        ("missing", "جائحة", None),
    ]


def test_a_forbidden_spelling_the_checker_cannot_tell_from_the_required_one() -> None:
    """COVID 19 is COVID-19 to the checker: forbidding it does not break the required one."""
    covid = Entry("كوفيد-19", "COVID-19", "", ("COVID 19",))
    g = m(covid, Entry("طبقة حاكمة", "ruling class", "", ("ruling-class",)))
    assert check_terms(g, "مرض كوفيد-19", "the COVID-19 disease").findings == []
    assert check_terms(g, "طبقة حاكمة", "a ruling class").findings == []


def test_a_forbidden_rendering_holding_the_required_one_is_flagged() -> None:
    """'vice president' forbidden for الرئيس was never flagged: its 'president' counted."""
    president = m(Entry("رئيس", "president", "", ("vice president",)),
                  Entry("عزل", "isolation", "", ("self-isolation",)))
    wrong = check_terms(president, "التقى الرئيس بالصحفيين.", "The vice president met the press.")
    assert (kinds(wrong.findings), wrong.rendered) == (
        [("missing", "رئيس", None), ("forbidden", "رئيس", "vice president")], 0)
    assert kinds(check_terms(president, "طلب العزل", "asked for self-isolation").findings) == [
        ("missing", "عزل", None), ("forbidden", "عزل", "self-isolation")]
    fine = check_terms(president, "التقى الرئيس بالصحفيين.", "The president met the press.")
    assert (fine.findings, fine.rendered) == ([], 1)
    both = check_terms(
        president, "الرئيس ونائبه", "the president and the vice president"
    )  # one occurrence rendered; the forbidden one still said
    assert (kinds(both.findings), both.rendered) == ([("forbidden", "رئيس", "vice president")], 1)
    # counted for another term, the longer rendering is that term's
    vice = m(Entry("رئيس", "president", "", ("vice president",)),
             Entry("نائب الرئيس", "vice president"))
    report = check_terms(vice, "الرئيس ونائب الرئيس", "the president and the vice president")
    assert (report.findings, report.rendered) == ([], 2)


def test_a_forbidden_word_inside_another_terms_rendering_is_that_rendering() -> None:
    # America is forbidden for الولايات المتحدة الأمريكية (the longer rendering, checked
    # first); the America of Latin America, counted for أمريكا اللاتينية, is no violation.
    matcher = m(
        Entry("الولايات المتحدة الأمريكية", "United States of America", "", ("America",)),
        Entry("أمريكا اللاتينية", "Latin America"),
    )
    source = "زار الرئيس الولايات المتحدة الأمريكية ثم أمريكا اللاتينية."
    report = check_terms(
        matcher, source, "The president visited the United States of America, then Latin America."
    )
    assert (report.findings, report.rendered) == ([], 2)
    wrong = check_terms(matcher, source, "The president visited America, then Latin America.")
    assert kinds(wrong.findings) == [
        ("missing", "الولايات المتحدة الأمريكية", None),
        ("forbidden", "الولايات المتحدة الأمريكية", "America"),
    ]


def test_a_solid_spelling_renders_a_spaced_rendering_unless_forbidden() -> None:
    virus = m(Entry("فيروس كورونا", "corona virus"))
    source = "تفشي فيروس كورونا"
    assert check_terms(virus, source, "the coronavirus outbreak").findings == []
    house = m(Entry("فيروس كورونا", "corona virus", "", ("coronavirus",)))
    assert kinds(check_terms(house, source, "the coronavirus outbreak").findings) == [
        ("missing", "فيروس كورونا", None), ("forbidden", "فيروس كورونا", "coronavirus"),
    ]
    assert check_terms(house, source, "the corona virus outbreak").findings == []
    # the forbidden spelling's plural is forbidden too, and no form of the required one
    assert kinds(check_terms(house, source, "the coronaviruses spread").findings) == [
        ("missing", "فيروس كورونا", None), ("forbidden", "فيروس كورونا", "coronaviruses"),
    ]
    assert check_terms(house, source, "the corona viruses spread").findings == []


def test_a_spaced_spelling_the_glossary_forbids_does_not_render_a_solid_rendering() -> None:
    """coronavirus required, corona virus forbidden: the spaced spelling was counted as the
    required one written as two words, and the forbidden rendering passed unseen."""
    house = m(Entry("فيروس كورونا", "coronavirus", "", ("corona virus",)))
    source = "تفشي فيروس كورونا"
    for text, found in (("the corona virus outbreak", "corona virus"),
                        ("the Corona-Virus outbreak", "Corona-Virus"),
                        ("the corona viruses spread", "corona viruses")):
        report = check_terms(house, source, text)
        assert (kinds(report.findings), report.rendered) == (
            [("missing", "فيروس كورونا", None), ("forbidden", "فيروس كورونا", found)], 0)
    fine = check_terms(house, source, "the coronavirus outbreak; coronaviruses")
    assert (fine.findings, fine.rendered) == ([], 1)
    lockdown = m(Entry("إغلاق", "lockdown", "", ("lock-down",)))
    assert kinds(check_terms(lockdown, "الإغلاق مستمر", "The lock down goes on").findings) == [
        ("missing", "إغلاق", None), ("forbidden", "إغلاق", "lock down")]
    # without the forbidden spelling, two words still render the one-word rendering
    assert check_terms(m(Entry("إغلاق", "lockdown")), "الإغلاق مستمر",
                       "The lock down goes on").findings == []


def test_inline_tags_inside_a_term_or_its_rendering_are_looked_through() -> None:
    """A client document's link or bold over part of a term (<1>منظمة</1> الصحة العالمية) hid
    the term: nothing was required of the English, so 'WHO' passed unseen; and a rendering
    with a tag between its words (World Health <1>Organization</1>) was not found."""
    who = m(Entry("منظمة الصحة العالمية", "World Health Organization"))
    source = "أعلنت <1>منظمة</1> الصحة العالمية حالة الطوارئ."
    wrong = check_terms(who, source, "<1>WHO</1> declared an emergency.")
    assert kinds(wrong.findings) == [("missing", "منظمة الصحة العالمية", None)]
    assert wrong.findings[0].span == (9, 33)  # from منظمة to العالمية, the tag inside
    fine = check_terms(who, source, "The <1>World</1> Health Organization declared it.")
    assert (fine.findings, fine.rendered) == ([], 1)
    tagged = check_terms(who, "أعلنت منظمة الصحة <2>العالمية</2> ذلك.",
                         "The World Health <2>Organization</2> said so.")
    assert (tagged.findings, tagged.rendered) == ([], 1)
