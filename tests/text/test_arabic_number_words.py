"""The quick exit of word_numbers: a text none of whose words reads as a number has none."""

from __future__ import annotations

import pytest

from workbench.text import arabic_numbers
from workbench.text.arabic_numbers import _number_words, _reads_a_number, _words, word_numbers


def test_the_number_words_are_every_word_that_reads_as_one() -> None:
    number_words = _number_words()
    words = {*number_words, *_words("وصل خمسة أشخاص إلى المدينة في الستينيات ونصف مليون")}
    for word in list(words):
        for clitic in ("", "و", "ف", "ب", "ل", "ال", "لل", "وال", "بال", "ك", "وب"):
            words |= {clitic + word, clitic + word[1:], clitic + word[2:]}
    assert all(_reads_a_number(word) == (word in number_words) for word in words)


@pytest.mark.parametrize(("text", "values"), [
    ("وصل الوفد إلى المدينة صباحا", []),
    ("وصل خمسة أشخاص", [5]),
    ("في الستينيات", [1960]),
    ("بلغ العدد مليونين", [2000000]),
    ("نصف مليون", [500000]),
    ("الفصل الثاني", [2]),
    ("بأحد وعشرين عاماً", [21]),
    ("أحد وعشرون", [21]),
    ("ثلاثمائة وإحدى وثلاثين", [331]),
    ("بأحد عشر", [11]),
    ("أحد الرجال", []),
])
def test_word_numbers_with_and_without_number_words(text: str, values: list[int]) -> None:
    assert word_numbers(text) == values


def test_a_text_without_number_words_stops_before_the_compounds(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(words: list[str]) -> list[tuple[int, int, int]]:
        raise AssertionError("read in full")

    monkeypatch.setattr(arabic_numbers, "compound_numbers", fail)
    assert word_numbers("وصل الوفد إلى المدينة صباحا يوم 5") == []
