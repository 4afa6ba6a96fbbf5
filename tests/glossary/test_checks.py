"""The QA checks of the registry, one by one, and the registry itself."""

from __future__ import annotations

from typing import ClassVar

import pytest

from workbench.glossary.checks import REGISTRY, Check, Pair, register
from workbench.glossary.checks.number_mismatch import numbers
from workbench.glossary.findings import SEVERITIES, Finding
from workbench.glossary.qa import check_ids, run_checks, run_document


def ids(source: str, target: str) -> list[tuple[str, str]]:
    return [(f.check, f.kind) for f in run_checks(source, target, matcher=None)]


def test_registry_lists_every_check_with_a_severity() -> None:
    expected = {
        "term-missing", "term-forbidden", "number-mismatch", "empty-target", "untranslated",
        "same-as-source", "end-punctuation", "unpaired-quotes", "unpaired-brackets",
        "double-space", "repeated-word", "inconsistent-target", "inconsistent-source",
        "invisible-characters", "url-mismatch",
    }
    assert expected <= set(check_ids())
    for check in REGISTRY.values():
        assert check.severity in SEVERITIES and check.description


def test_a_new_check_is_one_class() -> None:
    @register
    class Shouting(Check):
        id: ClassVar[str] = "test-shouting"
        severity: ClassVar[str] = "info"
        description: ClassVar[str] = "All capitals."

        def run(self, pair: Pair) -> list[Finding]:
            return [self.finding("style", "shouting")] if pair.target.isupper() else []

    try:
        assert ("test-shouting", "style") in ids("نعم.", "YES.")
    finally:
        del REGISTRY["test-shouting"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("في ١٩ أكتوبر (٠١ نوفمبر)", ["19", "1"]),
        ("۲۵ و٣٫٥ و١٬٠٠٠", ["25", "3.5", "1000"]),
        ("On 19 October (1 November), 3.50 and 1,000", ["19", "1", "3.5", "1000"]),
        ("COVID-19 in 2020-2021", ["19", "2020", "2021"]),
        # a comma before exactly three digits groups thousands; any other is a decimal comma
        ("1,000 1,0005 2,5 10,50 1,000,000 2,500.75", ["1000", "1.0005", "2.5", "10.5",
                                                      "1000000", "2500.75"]),
        ("103,7 مليون و١٠٣,٧ و٢,٥ و١٢٬٥٠٠", ["103.7", "103.7", "2.5", "12500"]),
        ("section 5.2.1, then 2.5,3", ["5", "2", "1", "2.5", "3"]),
        # SI grouping: spaces (plain, no-break, thin) before groups of exactly three digits
        ("1 000 and 25\u00a0000 and ١٠\u202f٠٠٠ and 1\u2009234 567,5",
         ["1000", "25000", "10000", "1234567.5"]),
        ("in 2019, 100 000 people; 12 34 and 5 1000", ["2019", "100000", "12", "34", "5",
                                                         "1000"]),
        # a run of groups of another shape is separate numbers (a phone number)
        ("call 0800 555 111 or ١١١ ٥٥٥ ٠٨٠٠", ["800", "555", "111", "111", "555", "800"]),
    ],
)
def test_numbers_are_read_in_any_script(text: str, values: list[str]) -> None:
    assert [n for n, _ in numbers(text)] == values


def test_a_wrong_number_for_one_the_arabic_writes_in_words_says_so() -> None:
    (found,) = run_checks("سجلت ثلاث حالات.", "It recorded 4 cases.", matcher=None)
    assert found.message == ("number 4 in the target is not in the source (the source writes 3 "
                             "in words)")


@pytest.mark.parametrize("source", ["ارتفعت الأسعار 5 في المئة.", "ارتفعت الأسعار 5 بالمائة.",
                                    "ارتفعت الأسعار خمسة بالمئة."])
def test_the_hundred_of_percent_is_no_number_in_words(source: str) -> None:
    """في المئة and بالمئة are "percent": they were read as 100 written in words, so a stray
    100 in the English passed, and any other extra number was said to be "100 in words"."""
    (found,) = run_checks(source, "Prices rose 5 percent to 100.", matcher=None)
    assert found.message == "number 100 in the target is not in the source"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # NTREX-128, line 33
        ("وقد غادر جمهور الميثوديين ذوي البشرة البيضاء الأصليين في ثلاثينيات القرن العشرين.",
         "The original white Methodist congregation moved out in the 1930s."),
        ("أُغلق المصنع في الستينات من القرن الماضي.", "The factory closed in the 1960s."),
        ("وُلد في أربعينيات القرن التاسع عشر.", "He was born in the 1840s."),
        ("ازدهرت الصناعة في التسعينيات.", "The industry boomed in the 1990s."),
        ("وهو رجل في الثلاثينيات من عمره.", "He is a man in his 30s."),
        ("كانت السبعينيات فترة صعبة.", "The '70s were hard."),
        ("كانت السبعينيات فترة صعبة.", "The ’70s were hard."),
    ],
)
def test_a_decade_in_words_is_its_years(source: str, target: str) -> None:
    """ثلاثينيات القرن العشرين is the 1930s: the decade was no number and the century's 20
    was, so "1930s" was a number the source lacked ("the source writes 20 in words")."""
    assert ids(source, target) == []


def test_a_wrong_decade_is_still_reported() -> None:
    (found,) = run_checks("غادروا في ثلاثينيات القرن العشرين.", "They left in the 1940s.",
                          matcher=None)
    assert found.message == ("number 1940 in the target is not in the source (the source writes "
                             "1930 in words)")
    assert ids("كانت الثمانينيات فترة صعبة.", "The '70s were hard.") == [
        ("number-mismatch", "extra")]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("بلغ عدد الحالات نصف مليون.", "Cases reached 500,000."),
        ("يعيش في المدينة ربع مليون نسمة.", "A quarter of a million people, 250,000, live there."),
        ("بلغ عدد الزوار مليون ونصف المليون.", "Visitors reached 1.5 million."),
        ("بلغ عدد الزوار مليون ونصف.", "Visitors reached 1.5 million."),
        ("فر ثلاثة ملايين ونصف شخص.", "3.5 million people fled."),
        ("شارك ألفي شخص في المسيرة.", "2,000 people took part in the march."),
        ("تبرع بمليوني دولار.", "He gave $2 million."),
    ],
)
def test_halves_quarters_and_construct_duals_of_scales_are_their_values(
        source: str, target: str) -> None:
    """نصف مليون is 500,000 and مليون ونصف 1.5 million (they were read as a million), ألفي
    شخص 2,000 (the construct dual, ألفين without its ن, was no number)."""
    assert ids(source, target) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("بلغ عدد الحالات تسعمائة وتسعة وتسعين.", "Cases reached 999."),
        ("اندلعت الثورة عام ألف وتسعمائة وسبعة عشر.", "The revolution broke out in 1917."),
        ("في عام ألفين وعشرين.", "In 2020."),
        ("شارك ألفان وخمسمائة شخص.", "2,500 people took part."),
        ("بلغ مليون ومائتا ألف.", "It reached 1.2 million."),
        ("حضر مئتا شخص.", "200 people came."),
    ],
)
def test_compounds_over_a_scale_and_hundreds_are_read_whole(source: str, target: str) -> None:
    """تسعمائة وتسعة وتسعين was 909 and 90 (the و of the tens taken off as the start of a
    number), ألف وتسعمائة وسبعة عشر 1000 and 917, مئتا (construct) no number."""
    assert ids(source, target) == []


def test_a_wrong_year_in_words_is_still_reported() -> None:
    (found,) = run_checks("في عام ألفين وعشرين.", "In 2021.", matcher=None)
    assert found.message == ("number 2021 in the target is not in the source (the source writes "
                             "2020 in words)")


@pytest.mark.parametrize(
    ("source", "target", "clean"),
    [
        ("بلغ عدد السكان ٢،٥ مليون.", "The population reached 2.5 million.", True),
        ("نما الاقتصاد 3،7 في المئة.", "The economy grew 3.7 percent.", True),
        ("بلغ عدد السكان ٢،٥ مليون.", "The population reached 25 million.", False),
        # with a space after it, the Arabic comma separates numbers
        ("الأرقام 2، 5 و7.", "The numbers 2, 5 and 7.", True),
    ],
)
def test_an_arabic_comma_between_digits_is_a_decimal_comma(
        source: str, target: str, clean: bool) -> None:
    """٢،٥ مليون was 2 and 5 million (both missing, errors) against the English 2.5 million."""
    assert (ids(source, target) == []) is clean


@pytest.mark.parametrize(
    ("source", "target", "clean"),
    [
        ("في 2020/1/1 بدأ العام.", "On 1 Jan. 2020 the year began.", True),
        ("في 2/2/2020 بدأ الحظر.", "On 2 February 2020 the ban began.", True),
        ("في 2020/1/1 بدأ العام.", "On 1 Feb. 2020 the year began.", False),
        ("في 2020/1/1 بدأ العام.", "On 2 Jan. 2020 the year began.", False),
    ],
)
def test_a_date_whose_day_is_its_month_pairs_with_the_named_month(
        source: str, target: str, clean: bool) -> None:
    """2020/1/1 = 1 Jan. 2020: the month's 1 paired with the day and the day's 1 was missing."""
    assert (ids(source, target) == []) is clean


def test_a_wrong_half_million_is_still_reported() -> None:
    (found,) = run_checks("بلغ عدد الزوار مليون ونصف.", "Visitors reached 2.5 million.",
                          matcher=None)
    assert found.message == ("number 2.5 (= 2,500,000) in the target is not in the source (the "
                             "source writes 1500000 in words)")


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("تبرع بمليار و200 مليون دولار.", "He gave $1.2 billion."),
        ("بلغت الخسائر ٢ مليار و٥٠٠ مليون دولار.", "Losses reached $2.5bn."),
        ("بلغت 3 مليارات و200 مليون و500 ألف.", "It reached 3,200,500,000."),
        ("ملياران و300 مليون.", "2.3 billion."),
    ],
)
def test_a_sum_of_scales_is_one_number(source: str, target: str) -> None:
    """مليار و200 مليون is 1.2 billion: the 200 million was an error (missing), the 1.2
    billion a warning (extra)."""
    assert ids(source, target) == []


def test_a_wrong_sum_of_scales_is_still_reported() -> None:
    found = run_checks("تبرع بمليار و200 مليون دولار.", "He gave $1.3 billion.", matcher=None)
    assert [(f.kind, f.severity) for f in found] == [("missing", "error"), ("extra", "warning")]


@pytest.mark.parametrize(
    ("source", "target", "clean"),
    [
        ("ركض سباق 100 متر في 9.58 ثانية.", "He ran the 100m in 9.58 seconds.", True),
        ("جسر بطول 300 متر.", "A 300m-long bridge.", True),
        ("يبلغ عدد سكانها 125 مليون.", "125m people live there.", True),
        # after a currency sign the m is millions: a price 1,000,000 times the source's
        ("باعتها مقابل 125 جنيه.", "She sold it for £125m.", False),
        ("ربح 50 دولار.", "He won $50k.", False),
    ],
)
def test_an_m_written_onto_a_number_is_metres_or_millions(
        source: str, target: str, clean: bool) -> None:
    """"the 100m" for سباق 100 متر was 100 million: an error (100 missing) and a warning."""
    assert (ids(source, target) == []) is clean


@pytest.mark.parametrize(
    ("source", "target", "clean"),
    [
        ("شارك ما بين 20 و30 ألف شخص.", "Between 20,000 and 30,000 people took part.", True),
        ("ارتفع من 1.2 إلى 1.5 مليار.", "It rose from 1.2 billion to 1.5 billion.", True),
        ("شارك ما بين 20 و30 ألف شخص.", "Between 20 and 30 thousand people took part.", True),
        ("شارك ما بين 20 و30 ألف شخص.", "Between 25,000 and 30,000 people took part.", False),
        # the number of a code shares no scale: COVID-19 is no 19 million
        ("أصيب 19 مليون شخص بكوفيد و5 ملايين بغيره.", "COVID-19 and 5 million cases.", False),
    ],
)
def test_a_number_may_share_the_next_ones_scale(source: str, target: str, clean: bool) -> None:
    """20 و30 ألف is 20,000 to 30,000: the 20 was missing (an error) and 20,000 extra."""
    assert (ids(source, target) == []) is clean


def test_number_mismatch() -> None:
    assert ids("في 18 أكتوبر", "On 18 October") == []
    assert ids("في ٠١ نوفمبر.", "On 1 November.") == []
    found = run_checks("في 18 أكتوبر.", "On 17 October.", matcher=None)
    assert [(f.kind, f.severity) for f in found] == [("missing", "error"), ("extra", "warning")]
    assert found[1].found == "17" and found[1].span == (3, 5)


@pytest.mark.parametrize(
    ("source", "target", "clean"),
    [
        ("بلغت الإيرادات 103,7 مليون دولار.", "Revenue reached $103.7 million.", True),
        ("نما بنسبة 2,5 في المئة.", "It grew by 2.5 per cent.", True),
        ("نما بنسبة ٢٫٥ في المئة.", "It grew by 2,5 per cent.", True),
        ("بلغ 10,50 دولارا.", "It was $10.50.", True),
        ("حضر 1,000 شخص.", "1000 people came.", True),
        # a scale word after the number: written out whole on the other side, or not
        ("بلغ عدد القتلى ١٠ آلاف شخص.", "The death toll reached 10,000.", True),
        ("بلغت الميزانية 2.5 مليون دولار.", "The budget reached $2,500,000.", True),
        ("بلغت الميزانية 2500000 دولار.", "The budget reached 2.5 million dollars.", True),
        ("بلغ عدد القتلى ١٠ آلاف شخص.", "The death toll reached 10,001.", False),
        ("توفي 5 أشخاص و 5 آلاف جريح.", "5 died and 5,000 were hurt.", True),
        # the scale word counts: the same digits with another scale are another number
        ("تكلف المشروع 50 مليار دولار.", "The project cost US$50 million.", False),
        ("تكلف المشروع 50 مليار دولار.", "The project cost US$50bn.", True),
        ("تكلف المشروع 2 مليون دولار.", "The project cost 2 billion dollars.", False),
        ("توفي ٥٢ ألف شخص.", "52 million people died.", False),
        ("مات ١٠ آلاف شخص.", "10 people died.", False),
        ("مات ١٠ آلاف شخص.", "10 thousand people died.", True),
        ("بلغت الديون 3 تريليونات دولار.", "Debts reached $3 trillion.", True),
        ("باعتها مقابل 125 مليون جنيه.", "She sold it for £125m.", True),
        ("ربح 50 ألف دولار.", "He won $50k.", True),
        ("اشترى حبلا طوله 5 أمتار.", "He bought 5 m of rope.", True),
        ("تجاوز عدد إصابات فيروس سارس كوف-2 مليون إصابة", "SARS-CoV-2 passes a million cases",
         True),
        ("حضر ١٬٠٠٠ شخص.", "1,000 people came.", True),
        ("دفع 25000 يورو.", "He paid 25 000 euros.", True),
        ("دفع ٢٥ ٠٠٠ يورو.", "He paid €25,000.", True),
        ("دفع 25000 يورو.", "He paid 25 500 euros.", False),
        # spaced groups without a partner are compared as groups (typed in another order)
        ("اتصل على الرقم 111 555 أو 1000", "Call 555 111 or 1 000", True),
        ("اتصل على الرقم 111 555", "Call 555 112", False),
        ("حضر 1,000 شخص.", "1.000 people came.", False),
        ("بلغ 1,0005 ملم.", "It was 10005 mm.", False),
        ("نما بنسبة 2,5 في المئة.", "It grew by 25 per cent.", False),
        # a number spelt out in English, as house styles write small ones
        ("قتل 3 أشخاص.", "Three people were killed.", True),
        ("قال 5 من 10.", "Five out of 10 said.", True),
        ("أصيب 25 شخصا في القرن 21.", "Twenty-five were hurt in the twenty-first century.", True),
        ("مات ١٠ آلاف شخص.", "Ten thousand people died.", True),
        ("مات ١٠ آلاف شخص.", "Ten people died.", False),
        ("قتل 3 أشخاص.", "Four people were killed.", False),
        ("توفي 100 شخص في 1000 يوم.", "A hundred people died in a thousand days.", True),
        ("توفي 100 شخص.", "A thousand people died.", False),
        # a number of several words (it was 100 and 20: "120 missing")
        ("عاش 120 سنة.", "He lived a hundred and twenty years.", True),
        ("عاش 120 سنة.", "He lived one hundred twenty years.", True),
        ("مضى 365 يوما.", "Three hundred and sixty-five days passed.", True),
        ("صدر عام 1948.", "Done in one thousand nine hundred and forty-eight.", True),
        ("مات 100 رجل و20 امرأة.", "A hundred men and twenty women died.", True),
        ("عاش 120 سنة.", "He lived a hundred and ten years.", False),
        ("قتل 3 أشخاص و3 جرحى.", "Three people were killed and others hurt.", False),
        # a number the Arabic writes in words, the English in digits
        ("سجلت أربع حالات جديدة وخمسة وعشرين وفاة خلال ثلاثة أيام.",
         "It recorded 4 new cases and 25 deaths in 3 days.", True),
        ("قتل ثلاثة آلاف شخص في القرن التاسع عشر.", "3,000 people died in the 19th century.",
         True),
        ("بلغت الخسائر مليون دولار ولقي ثلاث مائة حتفهم.", "Losses hit $1,000,000; 300 died.",
         True),
        ("سجلت ثلاث حالات.", "It recorded 4 cases.", False),
        # ten alone, eleven with أحد/إحدى, a teen after a hundred (10 and 10,000 were extra
        # numbers, the source said to write 1000 in words)
        ("قتل عشرة أشخاص منذ عشر سنوات.", "10 people were killed 10 years ago.", True),
        ("سجلت عشرة آلاف حالة.", "10,000 cases were recorded.", True),
        ("سجلت عشرة آلاف حالة.", "1,000 cases were recorded.", False),
        ("قتل أحد عشر شخصا وأصيبت إحدى عشرة امرأة.", "11 men were killed, 11 women hurt.", True),
        ("قال أحد الأطباء.", "1 doctor said.", False),
        # أحد/إحدى before tens, and a clitic on it (Hayy ibn Yaqzan: بأحد وعشرين عاماً = the
        # Age of 21 Years was "21 not in the source, which writes 20")
        ("وذلك في المدة التي حددنا منتهاها بأحد وعشرين عاماً.", "of the Age of 21 Years.", True),
        ("مكث إحدى وثلاثين ليلة.", "He stayed 31 nights.", True),
        ("عاد بعد أحد وعشرين يوما.", "He came back after 20 days.", False),
        ("سجلت لإحدى عشرة حالة.", "It recorded 11 cases.", True),
        ("بلغ مائة وإحدى وعشرين.", "It reached 121.", True),
        ("سجلت مائة وعشرة حالات.", "110 cases were recorded.", True),
        # a range's end written short, as English styles write it
        ("في موسم 2019-2020.", "In the 2019–20 season.", True),
        ("انظر الصفحات 120-125.", "See pages 120–25.", True),
        ("في موسم 2019-20.", "In the 2019-2020 season.", True),
        ("في موسم 2019-2020.", "In the 2019–21 season.", False),
        ("في 2019-05.", "In 2005.", False),
        # after any hyphen or dash (a word processor's no-break hyphen), a year and a slash
        ("في موسم 2019-2020.", "In the 2019\u201120 season.", True),
        ("في موسم 2019-2020.", "In the 2019\u201420 season.", True),
        ("العام الدراسي 2020/2021.", "The 2020/21 school year.", True),
        ("العام الدراسي 2020-2021.", "The 2020/21 school year.", True),
        ("العام الدراسي 2020/2021.", "The 2020/22 school year.", False),
        ("في 15 مايو.", "On 12/5.", False),
        # the month of a date in digits, named in English (it was an error: 5 missing)
        ("أغلق في 1/5/2020.", "It closed on 1 May 2020.", True),
        ("أغلق في ٢٠٢٠/٥/١.", "It closed on May 1, 2020.", True),
        ("أغلق في 01-05-2020.", "It closed on 1 May 2020.", True),
        ("أغلق في 1.9.2020.", "It closed on 1 Sept. 2020.", True),
        ("أغلق في 1/5/2020.", "It closed on 1 June 2020.", False),
        ("أغلق في 1/5/2020 و2/5/2020.", "It closed on 1 and 2 May 2020.", False),
        ("أغلق في الشهر 5.", "It closed in May.", False),
        # a time written with a point, British style (it was two errors and a warning)
        ("وصل في الساعة 10:30 صباحا.", "He arrived at 10.30am.", True),
        ("وصل في الساعة 9:05 مساء.", "He arrived at 9.05pm.", True),
        ("وصل في الساعة 10:30 صباحا.", "He arrived at 10.45am.", False),
        ("بلغت النسبة 10.30 بالمئة.", "The rate was 10.3 per cent.", True),
        # a clock time: the minutes of a whole hour left out, the 12-hour clock (it was an
        # error: number 0 missing; and 15 missing, 3 extra)
        ("تبدأ المباراة الساعة 3:00 مساءً.", "The match starts at 3 p.m.", True),
        ("تبدأ المباراة الساعة ٣:٠٠.", "The match starts at three o'clock.", True),
        ("تبدأ المباراة الساعة 15:30.", "The match starts at 3:30 p.m.", True),
        ("تبدأ المباراة الساعة 3 مساءً.", "The match starts at 3:00 p.m.", True),
        ("تبدأ المباراة الساعة 00:15.", "The match starts at 12:15 a.m.", True),
        ("تبدأ المباراة الساعة 3:00 مساءً.", "The match starts at 4 p.m.", False),
        ("تبدأ المباراة الساعة 3:30 مساءً.", "The match starts at 3 p.m.", False),
        ("تبدأ المباراة الساعة 15:30.", "The match starts at 5:30 p.m.", False),
        ("كانت النتيجة 2:0.", "The score was 2-1.", False),
    ],
)
def test_decimal_commas_and_thousands(source: str, target: str, clean: bool) -> None:
    found = [f for f in run_checks(source, target, matcher=None) if f.check == "number-mismatch"]
    assert (found == []) is clean


def test_a_scaled_number_is_named_with_its_value() -> None:
    found = run_checks("توفي ٥٢ ألف شخص.", "52 million people died.", matcher=None)
    assert [f.message for f in found if f.check == "number-mismatch"] == [
        "number 52 (= 52,000) of the source is not in the target",
        "number 52 (= 52,000,000) in the target is not in the source"]


def test_empty_target_is_the_only_finding_of_an_untranslated_segment() -> None:
    assert ids("قامت الثورة في 1917.", "  ") == [("empty-target", "empty")]
    assert ids("", "") == []


def test_untranslated_and_same_as_source() -> None:
    assert ("untranslated", "untranslated") in ids("قامت الثورة", "The الثورة began")
    severity = {f.check: f.severity for f in run_checks(
        "قامت الثورة", "The الثورة began", matcher=None)}
    assert severity["untranslated"] == "warning"
    arabic = [f for f in run_checks("قامت الثورة في روسيا", "اندلعت الثورة in Russia",
                                    matcher=None) if f.check == "untranslated"]
    assert [(f.severity, f.message) for f in arabic] == [
        ("error", "the target is Arabic, not English: اندلعت الثورة")]
    assert ("same-as-source", "same") in ids("قامت الثورة", "قامت الثورة")
    assert ("same-as-source", "same") not in ids("1917", "1917")
    assert ("same-as-source", "same") not in ids("COVID-19 Dashboard", "COVID-19 Dashboard")
    assert ("same-as-source", "same") not in ids("https://who.int/ar", "https://who.int/ar")


def test_arabic_pasted_from_a_pdf_into_the_target_is_untranslated() -> None:
    """Arabic in presentation forms (ﻭﺻﻞ ﺍﻟﻼﺟﺊ, as a PDF gives it) passed: no finding, and a
    target wholly of it was confirmed as English."""
    left = [(f.severity, f.found) for f in run_checks(
        "وصل اللاجئ", "The ﻻﺟﺊ arrived", matcher=None) if f.check == "untranslated"]
    assert left == [("warning", "ﻻﺟﺊ")]
    arabic = [f.severity for f in run_checks(
        "وصل اللاجئ", "ﻭﺻﻞ ﺍﻟﻼﺟﺊ", matcher=None) if f.check == "untranslated"]
    assert arabic == ["error"]


@pytest.mark.parametrize(
    ("source", "target", "bad"),
    [
        ("هل قامت الثورة؟", "Did the revolution happen?", False),
        ("قامت الثورة؛", "The revolution happened;", False),
        ("أولا،", "First,", False),
        ("قال: «نعم».", "He said: “yes”.", False),
        ("هل قامت الثورة؟", "Did the revolution happen.", True),
        ("قامت الثورة.", "The revolution happened", True),
        # a direction mark or a pop formatting after the stop is invisible: still a stop
        ("قامت الثورة.\u200f", "The revolution happened.\u200e", False),
        ("قامت الثورة.", "The revolution happened.\u202c ", False),
        ("قامت الثورة.", "The revolution happened\u200e", True),
        # a question exclaimed, its marks in either order
        ("ماذا!؟", "What?!", False),
        ("ماذا؟!", "What!?", False),
        ("ماذا!؟", "What?", True),
        ("ماذا؟", "What?!", True),
    ],
)
def test_end_punctuation(source: str, target: str, bad: bool) -> None:
    assert (("end-punctuation", "mismatch") in ids(source, target)) is bad


@pytest.mark.parametrize(
    ("source", "target", "bad"),
    [
        ("ترامب يعلن حالة الطوارئ في الولايات المتحدة", "Trump declares emergency in the U.S.",
         False),
        ("يبدأ الحظر الساعة 7 مساءً", "The curfew starts at 7 p.m.", False),
        ("أقلام وكتب وغيرها", "Pens, books, etc.", False),
        ("في الولايات المتحدة.", "In the U.S.", False),
        # a full stop after an ordinary word, or a question the English turns into a statement
        ("ترامب يعلن حالة الطوارئ", "Trump declares an emergency.", True),
        ("هل هي الولايات المتحدة؟", "It is the U.S.", True),
    ],
)
def test_an_abbreviation_ending_the_english_is_no_full_stop_of_its_own(
        source: str, target: str, bad: bool) -> None:
    """A headline ending "in the U.S." was said to end with a full stop where its Arabic had
    none: English writes no second full stop after an abbreviation's."""
    assert (("end-punctuation", "mismatch") in ids(source, target)) is bad


def test_url_mismatch() -> None:
    source = "زوروا https://example.org/ar/news. أو اكتبوا إلى info@example.org، أو www.who.int"
    found = run_checks(source, "Visit https://example.org/en/news, write to INFO@example.org "
                       "or www.who.int/.", matcher=None)
    [finding] = [f for f in found if f.check == "url-mismatch"]
    assert (finding.kind, finding.severity) == ("missing", "warning")
    assert finding.expected == ["https://example.org/ar/news"]  # its full stop left out
    assert ids("بلا عنوان.", "No address at https://example.org.") == []  # added: fine


def test_an_arabic_address_in_the_target_is_no_finding_but_url_mismatch() -> None:
    """A browser copies an Arabic address percent-escaped: it was 'not in the target', its
    escapes' digits were numbers of the target, and the Arabic of an address kept as it is
    was 'Arabic text left in the target'."""
    assert ids("راجع https://ar.wikipedia.org/wiki/جائحة",
               "See https://ar.wikipedia.org/wiki/%D8%AC%D8%A7%D8%A6%D8%AD%D8%A9") == []
    assert ids("راجع https://ar.wikipedia.org/wiki/%d8%ac%d8%a7%d8%a6%d8%ad%d8%a9",
               "See https://ar.wikipedia.org/wiki/جائحة") == []
    assert ("url-mismatch", "missing") in ids("راجع https://ar.wikipedia.org/wiki/جائحة",
                                              "See https://en.wikipedia.org/wiki/Pandemic")
    assert ids("راجع https://example.org/ar/2020/5", "See https://example.org/en/2020/6") == [
        ("url-mismatch", "missing")]  # the address's numbers are the address's
    assert ids("انظر جائحة", "See جائحة") == [("untranslated", "untranslated")]


def test_unpaired_quotes_and_brackets() -> None:
    assert ids("نص.", "A (fine) “quote”.") == []
    found = ids("نص.", "A (broken “quote.")
    assert ("unpaired-brackets", "unpaired") in found and ("unpaired-quotes", "unpaired") in found
    assert ("unpaired-quotes", "unpaired") in ids("نص.", 'An "odd quote.')
    assert ("unpaired-brackets", "unpaired") in ids("نص.", "closing ] first.")


def test_a_quotation_or_bracket_open_over_sentences_as_in_the_source_is_not_reported() -> None:
    # the first and last sentences of a quotation split into segments (NTREX)
    assert ids('"لقد كنا على وشك شن حرب على كوريا الشمالية.', '"We were going to war.') == []
    assert ids("والآن، نتمتع بعلاقات طيبة معها.»", 'Now we have this relationship."') == []
    assert ids("(وهو ما حدث في ٢٠١٩.", "(As happened in 2019.") == []
    # more unpaired marks than the source: reported, every one
    found = run_checks('"لقد كنا على وشك الحرب.', '"We were “going to war.', matcher=None)
    assert [f.found for f in found if f.check == "unpaired-quotes"] == ["“", '"']
    assert ("unpaired-quotes", "unpaired") in ids("قال: «نعم».", 'He said: "yes.')
    assert ("unpaired-brackets", "unpaired") in ids("(وهو ما حدث.", "(As (it happened.")


@pytest.mark.parametrize(
    ("source", "target", "bad"),
    [
        ("(1) المقدمة", "1) Introduction", False),
        ("تشمل الأعراض: (أ) الحمى، (ب) السعال.", "Symptoms include: a) fever, b) cough.", False),
        ("(أ) الحمى و(ب) السعال.", "a) fever and b) cough.", False),
        # a stray bracket after a number in a sentence is still one
        ("انظر الفصل 1 ثم الفصل 2.", "See chapter 1) then chapter 2.", True),
        ("انظر الملحق ب.", "See annex b).", True),
    ],
)
def test_a_list_items_closing_bracket_is_no_unpaired_bracket(
        source: str, target: str, bad: bool) -> None:
    """"1) Introduction" for "(1) المقدمة" was an unpaired ')'."""
    assert (("unpaired-brackets", "unpaired") in ids(source, target)) is bad


def test_double_space_and_repeated_word() -> None:
    found = run_checks("نص.", "The  the text.", matcher=None)
    assert ("double-space", "info") in [(f.check, f.severity) for f in found]
    repeated = [f for f in found if f.check == "repeated-word"]
    assert repeated and repeated[0].found == "The  the"
    assert ids("نص.", "He had had enough.") == []
    assert ids("قال بطرس بطرس غالي.", "Boutros Boutros-Ghali said.") == []  # a name


def test_inconsistency_both_ways() -> None:
    pairs = [
        ("قامت الثورة.", "The revolution began."),
        ("قامت الثورة.", "The revolt began."),
        ("بدأت الانتفاضة.", "The revolution began."),
        ("شيء آخر.", "Something else."),
    ]
    result = run_document(pairs, matcher=None)
    checks = [sorted(f.check for f in fs) for fs in result.findings]
    assert checks[0] == ["inconsistent-source", "inconsistent-target"]
    assert checks[1] == ["inconsistent-target"]
    assert checks[2] == ["inconsistent-source"]
    assert checks[3] == []
    # many other lines: five named, the rest counted
    many = [("قامت الثورة.", f"The revolution began ({k}).") for k in range(8)]
    [finding] = [f for f in run_document(many, matcher=None).findings[0]
                 if f.check == "inconsistent-target"]
    assert finding.message == ("same source as lines 2, 3, 4, 5, 6 and 2 more but a different "
                               "target")


def test_skip() -> None:
    assert run_checks("نص.", "text", matcher=None, skip=["end-punctuation"]) == []


def test_parallel_run_gives_the_same_results() -> None:
    from workbench.glossary.matcher import TermMatcher
    from workbench.glossary.model import Entry, Glossary

    matcher = TermMatcher(Glossary([Entry("انتفاضة", "insurrection", "", ("uprising",))]))
    pairs = [("وقعت الانتفاضة في 1917.", "The uprising happened in 1918")] * 20
    pairs += [("نص.", "Text.")] * 20
    one = run_document(pairs, matcher=matcher, jobs=1)
    two = run_document(pairs, matcher=matcher, jobs=2)
    assert one.findings == two.findings and one.findings[0]
    assert (one.terms.occurrences, one.terms.rendered) == (two.terms.occurrences, 0)


def test_document_checks_name_the_lines_given_in_either_run() -> None:
    pairs = [("شكرا.", "Thanks."), ("نص.", "Text."), ("شكرا.", "Thank you.")]
    pairs += [(f"نص {i}.", f"Text {i}.") for i in range(10)]
    lines = [2 * i + 1 for i in range(len(pairs))]
    for jobs in (1, 2):
        found = run_document(pairs, matcher=None, jobs=jobs, lines=lines).findings
        assert [f.message for f in found[0] if f.check == "inconsistent-target"] == [
            "same source as line 5 but a different target"]


def invisible(target: str) -> list[tuple[str, str, tuple[int, int] | None, str | None]]:
    return [
        (f.kind, f.severity, f.span, f.found)
        for f in run_checks("نص.", target, matcher=None)
        if f.check == "invisible-characters"
    ]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # overrides reorder what a reader sees: errors
        ("Pay \u202e0001\u202c now.", [("bidi-override", "error", (4, 5), "U+202E"),
                                       ("bidi", "warning", (9, 10), "U+202C")]),
        ("\u202dSigned.", [("bidi-override", "error", (0, 1), "U+202D")]),
        # an embedding or isolate laying English right to left is an error; around Arabic only
        # it is a warning, as are marks and left-to-right controls
        ("The \u2067word order\u2069.", [("bidi-override", "error", (4, 5), "U+2067"),
                                        ("bidi", "warning", (15, 16), "U+2069")]),
        ("The \u2067نوفايا\u2069 paper.", [("bidi", "warning", (4, 5), "U+2067"),
                                          ("bidi", "warning", (11, 12), "U+2069")]),
        ("The \u2068نوفايا and more\u2069.", [("bidi-override", "error", (4, 5), "U+2068"),
                                             ("bidi", "warning", (20, 21), "U+2069")]),
        ("The \u2068word order\u2069.", [("bidi", "warning", (4, 5), "U+2068"),
                                        ("bidi", "warning", (15, 16), "U+2069")]),
        ("Done.\u200f", [("bidi", "warning", (5, 6), "U+200F")]),
        ("Done\u061c.", [("bidi", "warning", (4, 5), "U+061C")]),
        # zero-width characters: a run of one character is one finding
        ("Hi\u200b\u200b\u200bthere.", [("zero-width", "warning", (2, 5), "U+200B")]),
        ("\ufeffStart.", [("zero-width", "warning", (0, 1), "U+FEFF")]),
        ("co\u200dop.", [("zero-width", "warning", (2, 3), "U+200D")]),
        ("co\u200cop.", [("zero-width", "warning", (2, 3), "U+200C")]),
        ("re\u00adcover.", [("soft-hyphen", "info", (2, 3), "U+00AD")]),
        ("red \x1b[31m text.", [("control", "error", (4, 5), "U+001B")]),
        ("one\u2028two.", [("format", "warning", (3, 4), "U+2028")]),
        # expected uses: joiners inside Arabic-script words and emoji, emoji tag sequences
        ("The word میخواهم\u200cرا stays.", []),
        ("A family \U0001F468\u200d\U0001F469\u200d\U0001F467.", []),
        ("Flag \U0001F3F4\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F.", []),
        ("Tabs\tand\nnewlines are visible whitespace.", []),
    ],
)
def test_invisible_characters(
    target: str, expected: list[tuple[str, str, tuple[int, int], str]]
) -> None:
    assert invisible(target) == expected


def test_invisible_characters_name_the_character() -> None:
    found = [f for f in run_checks("نص.", "Pay\u202e now.", matcher=None)
             if f.check == "invisible-characters"]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE (RLO)" in found[0].message
    assert "offset 3" in found[0].message
    assert "\u202e" not in found[0].message


def test_number_words_with_lookalike_letters_do_not_crash_the_check() -> None:
    """"fıve" (a dotless ı, as a Turkish keyboard types it) matched the case-blind pattern of
    number words but not the table of their values: a KeyError stopped the whole check."""
    found = run_checks("قتل 5 أشخاص.", "Fıve people were killed.", matcher=None)
    assert not [f for f in found if f.check == "number-mismatch"]
