"""The shared table of month names: the aligner's date anchors and the number check agree."""

from __future__ import annotations

import pytest

from workbench.align.anchors import arabic_bag, english_bag
from workbench.glossary.checks.base import Pair
from workbench.glossary.checks.number_mismatch import NumberMismatch
from workbench.text.months import (
    ARABIC_MONTHS,
    ENGLISH_ABBREVIATIONS,
    ENGLISH_MONTHS,
    LEVANTINE_AUGUST,
)
from workbench.text.number_units import arabic_months

_NAMES = [(month, name) for month, names in ARABIC_MONTHS.items() for name in names]


def _anchor_months(text: str) -> list[str]:
    """The month concepts the anchors give an Arabic sentence."""
    return sorted(c for c in arabic_bag(text)[0] if c.startswith("M:"))


@pytest.mark.parametrize(("month", "name"), _NAMES)
def test_every_month_of_the_number_check_is_a_date_anchor(month: int, name: str) -> None:
    """Each Gregorian and Levantine name the number check knows is that month's date anchor
    too (آب as written only)."""
    text = f"وصل في 15 {name} 2020 إلى المدينة"
    assert arabic_months(text) == [month]
    assert _anchor_months(text) == [f"M:{month}"]


def test_both_sets_of_names_for_every_month() -> None:
    """Twelve months, each with an Egyptian name of one word and a Levantine one."""
    assert sorted(ARABIC_MONTHS) == list(range(1, 13))
    assert LEVANTINE_AUGUST in ARABIC_MONTHS[8]


def test_father_is_no_month() -> None:
    """أب "father", which آب normalises to, is no month for either reader; آب with a clitic
    is one for the number check only (the anchors find it as written)."""
    assert arabic_months("زار أب صديقه") == []
    assert _anchor_months("زار أب صديقه") == []
    assert _anchor_months("زار آب صديقه") == ["M:8"]
    assert arabic_months("في 15 آب 2020") == [8]


def test_the_anchors_read_normalised_names() -> None:
    """The anchors normalise (a clitic, an alef without its hamza, harakat) where the number
    check reads the text as written."""
    assert _anchor_months("وأكتوبر") == ["M:10"]
    assert _anchor_months("في تشرين الأوَّل") == ["M:10"]
    assert arabic_months("في تشرين الاول") == [10]


def test_kanun_keeps_its_kaf() -> None:
    """كانون الثاني (January) and كانون الأول (December) are date anchors, with a clitic
    or not: the ك of كانون was taken off as a clitic and the month never found."""
    assert _anchor_months("في كانون الثاني 2020") == ["M:1"]
    assert _anchor_months("وكانون الأول") == ["M:12"]
    assert _anchor_months("منذ كانون الاول الماضي") == ["M:12"]


@pytest.mark.parametrize(("month", "name"), list(enumerate(ENGLISH_MONTHS, start=1)))
def test_english_months_for_both_readers(month: int, name: str) -> None:
    """Each English month is a date anchor and names the month of a date in digits for the
    number check (1/5/2020 = 1 May 2020)."""
    assert sorted(c for c in english_bag(f"On 1 {name} 2020 he left.")[0]
                  if c.startswith("M:")) == [f"M:{month}"]
    pair = Pair(source=f"غادر في 1/{month}/2020.", target=f"He left on 1 {name} 2020.")
    assert list(NumberMismatch().run(pair)) == []


def test_english_abbreviations() -> None:
    """The number check reads every abbreviation (Sept. 1); the anchors only Sept, as a three
    letter one is a name or a word as often (Jan, Mar)."""
    for short, month in ENGLISH_ABBREVIATIONS.items():
        pair = Pair(source=f"في 1/{month}/2020", target=f"on {short}. 1, 2020")
        assert list(NumberMismatch().run(pair)) == [], short
    assert "M:9" in english_bag("Sept. 1")[0]
    assert "M:1" not in english_bag("Jan. 1")[0]


@pytest.mark.parametrize("text", ["انفجر المرفأ في 4 آب، وقتل المئات", "بدأ العمل في آب.",
                                  "(آب)", "في 4 آبَ 2020", "في آب/أغسطس"])
def test_levantine_august_before_punctuation(text: str) -> None:
    """آب before a comma, a full stop, a bracket or with its vowel is August for the anchors
    as for the number check (it was found only between spaces)."""
    assert arabic_months(text)[:1] == [8]
    assert _anchor_months(text) == ["M:8"]


def test_words_of_alef_madda_ba_are_no_august() -> None:
    """آبار (wells) and آباء (fathers) are no month."""
    assert _anchor_months("حفر آبار النفط وزار آباء الطلاب") == []


@pytest.mark.parametrize(("arabic", "english"), [
    ("وصل الوفد في 3 تشرين الأوّل 2019.", "The delegation arrived on 3/10/2019."),
    ("في 3 أيّار 2019.", "on 3/5/2019."),
    ("في 3 تمّوز 2019.", "on 3/7/2019."),
    ("في 3 كانونَ الثاني 2019.", "on 3/1/2019."),
    ("في 3 كانون\u00a0الثاني 2019.", "on 3/1/2019."),
    ("في 3 نيسـان 2019.", "on 3/4/2019."),
])
def test_month_names_with_vowel_marks(arabic: str, english: str) -> None:
    """A month's name with a shadda or a vowel (تمّوز, أيّار, الأوّل), a tatweel or a
    no-break space names the month of the English date in digits: no "number 7 in the target
    is not in the source" (the anchors, which normalise, found them already)."""
    assert list(NumberMismatch().run(Pair(arabic, english))) == []
    assert len(_anchor_months(arabic)) == 1


def test_hijri_month_with_vowel_marks() -> None:
    """The Gregorian date of a Hijri date whose month has a shadda (ربيع الأوّل)."""
    arabic = "في 24 ربيع الأوّل 1428هـ"
    assert list(NumberMismatch().run(Pair(arabic, "on 24 Rabi' I 1428 AH (12/4/2007)"))) == []
