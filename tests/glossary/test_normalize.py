"""Arabic normalisation for matching, and the map back to original offsets."""

from __future__ import annotations

import pytest

from workbench.text.normalize import normalize, normalize_arabic, normalize_with_map


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("الثَّوْرَةُ", "الثوره"),  # harakat, shadda; ة → ه
        ("الـثـورة", "الثوره"),  # tatweel
        ("أإآٱا", "ااااا"),  # alef forms
        ("على مستشفى", "علي مستشفي"),  # ى → ي
        ("مسؤول مسئول", "مسءول مسءول"),  # hamza seats
        ("شيء شئ", "شء شء"),  # yeh before hamza
        ("١٩١٧ ۱۹۱۷", "1917 1917"),  # Arabic-Indic and Persian digits
        ("قرآنٰ", "قران"),  # superscript alef
        ("a  \t b\n\nc", "a b c"),  # whitespace runs become one space
        ("ک ی", "ك ي"),  # Persian letters
    ],
)
def test_normalize_arabic(raw: str, expected: str) -> None:
    assert normalize_arabic(raw) == expected


def test_ta_marbuta_can_be_kept_for_the_matcher() -> None:
    assert normalize("ثورة عمالة", fold_ta_marbuta=False).text == "ثورة عمالة"


def test_map_points_every_character_at_its_original() -> None:
    raw = "وَالـثَّوْرَةُ   المُسَلَّحَة"
    text, mapping = normalize_with_map(raw)
    assert text == "والثوره المسلحه"
    assert len(mapping) == len(text)
    assert mapping == sorted(mapping)
    for i, ch in enumerate(text):
        assert normalize_arabic(raw[mapping[i]]) in (ch, " ")


def test_span_covers_trailing_diacritics() -> None:
    raw = "في ثورةٍ كبيرة"
    norm = normalize(raw)
    start = norm.text.index("ثوره")
    s, e = norm.span(start, start + 4)
    assert raw[s:e] == "ثورةٍ"


def test_storage_text_is_never_changed() -> None:
    raw = "الثَّوْرَةُ"
    normalize_arabic(raw)
    assert raw == "الثَّوْرَةُ"
