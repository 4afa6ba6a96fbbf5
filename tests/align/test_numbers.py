"""Arabic numbers written over several words are number anchors like digits."""

import pytest

from workbench.align.anchors import anchor_bags
from workbench.text.arabic_numbers import compound_numbers
from workbench.text.stems import arabic_words


@pytest.mark.parametrize(("text", "found"), [
    ("المادة (الثامنة عشرة) من النظام", [(1, 3, 18)]),
    ("وفق المادة (الثالثة والثلاثين)", [(2, 4, 33)]),
    ("خلال مائة وخمسة وعشرين يوماً", [(1, 4, 125)]),
    ("المادة الحادية والعشرون", [(1, 3, 21)]),
    ("مدة ثلاثة عشر شهراً", [(1, 3, 13)]),
    ("مائة وثلاثة عشر", [(0, 3, 113)]),
    ("في الخامس عشر من الشهر", [(1, 3, 15)]),
    ("ثلاث مائة رجل", [(0, 2, 300)]),
    ("ثاني أكسيد الكربون", []),  # one number word: the anchors' own table
    ("ثلاثة وأربعة", []),  # two numbers, not one
    ("عشرين وخمسة", []),  # the tens never come before the units
    ("عشرة أيام", []),
    ("المادة الرابعة", [(1, 2, 4)]),  # one number word after a heading noun
    ("وفقاً للمادة الخامسة", [(2, 3, 5)]),
    ("الفصل الثاني: الشركات", [(1, 2, 2)]),
    ("المادة السابقة", []),
])
def test_compound_numbers(text: str, found: list[tuple[int, int, int]]) -> None:
    assert compound_numbers(arabic_words(text)) == found


def test_an_article_number_in_words_anchors_the_article_in_digits() -> None:
    ar, en = anchor_bags(
        ["تسري أحكام المادة (الثامنة عشرة) على الشركة.", "تبدأ السنة المالية في يناير."],
        ["The provisions of Article 18 apply to the company.",
         "The fiscal year begins in January."],
    )
    assert "N:18" in ar[0] and "N:18" in en[0]
    assert "N:10" not in ar[0]  # عشرة is part of eighteen here, not ten
