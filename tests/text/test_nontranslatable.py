"""Segments with no letters (numbers, dates, separators): their English is the source with its
digits and Arabic punctuation converted, and the QA checks accept it."""

from __future__ import annotations

import pytest

from workbench.glossary.qa import run_checks
from workbench.text.nontranslatable import converted, is_non_translatable
from workbench.tm.results import conversion_match

CONVERTED = [
    ("٢٠١٩", "2019"),
    ("۱۳۹۸", "1398"),  # Eastern (Persian) digits
    ("١٢/٣", "12/3"),
    ("(٣)", "(3)"),
    ("١.", "1."),
    ("٥٠٪", "50%"),
    ("٥٠ ٪", "50%"),  # no space before % in English
    ("٣٫٥٪", "3.5%"),
    ("١٢٣٬٤٥٦٫٧٨", "123,456.78"),
    ("٣، ٤؛ ٥", "3, 4; 5"),
    ("٣ ، ٤ ؛ ٥ ؟", "3, 4; 5?"),
    ("؟", "?"),
    ("* * *", "* * *"),
    ("—", "—"),
    ("- ٤ -", "- 4 -"),
    ("١٢:٣٠", "12:30"),
    ("\u200f٢٠١٩\u200e", "2019"),  # direction marks: nothing to show in English
    ("<1>٢٠١٩</1>", "<1>2019</1>"),  # a client document's tags kept
    (" ٧ ", "7"),
]


@pytest.mark.parametrize(("source", "english"), CONVERTED)
def test_digits_and_punctuation_are_converted(source: str, english: str) -> None:
    assert converted(source) == english
    assert is_non_translatable(source)


@pytest.mark.parametrize("source", [
    "صفحة ٤",  # a word to translate
    "COVID-19",  # Latin letters too
    "١٠٠ ﷼",  # an Arabic sign English writes otherwise (SAR 100)
    "ـــــ",  # tatweel is a letter's stroke
    "<1/>",  # tags alone: nothing to convert
    "   ",
    "",
])
def test_a_segment_with_something_to_translate_is_none(source: str) -> None:
    assert converted(source) is None
    assert conversion_match(source) is None


@pytest.mark.parametrize(("source", "english"), CONVERTED)
def test_the_qa_checks_accept_the_converted_english(source: str, english: str) -> None:
    assert run_checks(source, english, matcher=None) == []


def test_the_conversion_is_a_match_to_insert() -> None:
    match = conversion_match("٥٠٪")
    assert match is not None and match.non_translatable
    assert (match.score, match.text, match.origin) == (100, "50%", "non-translatable")
