"""Which script a text is written in: the one ``has_arabic`` every module uses."""

from __future__ import annotations

import pytest

from workbench.text import bidi
from workbench.text.script import copies_source, has_arabic, mostly_arabic


@pytest.mark.parametrize("text", [
    "الانتفاضة", "سنة ١٩١٧", "٣", "Kerensky كيرينسكي", "\u064b", "ﻻﺟﺊ", "\ufeffمرحبا",
])
def test_arabic_letters_digits_marks_and_presentation_forms_are_arabic(text: str) -> None:
    assert has_arabic(text)


@pytest.mark.parametrize("text", ["", "Kerensky 1917", "\ufeff", "\ufeffabc", "שלום"])
def test_latin_hebrew_and_a_byte_order_mark_are_not(text: str) -> None:
    assert not has_arabic(text)


def test_bidi_display_helpers_use_the_same_test() -> None:
    # A lone byte order mark (pasted at a file's start) is no Arabic to shape or search.
    assert bidi.has_arabic is has_arabic
    assert bidi.shape("\ufeffabc") == "\ufeffabc"


def test_mostly_arabic_counts_letters_not_a_byte_order_mark() -> None:
    assert mostly_arabic("\ufeffالانتفاضة in 1917")
    assert not mostly_arabic("\ufeffThe uprising of 1917, الانتفاضة")
    assert not mostly_arabic("\ufeff")


@pytest.mark.parametrize(("target", "source", "copied"), [
    ("هذه جملة عربية.", "هذه جملة عربية.", True),
    ("هذه  جملةٌ عربيه.", "هذه جملة عربية.", True),  # spaces, a vowel mark, ta marbuta as ha
    ("٢٠٢٠", "٢٠٢٠", False),  # a number, in any digits, may stay (no Arabic letter)
    ("IEDCR", "IEDCR", False),  # a name or a number without Arabic is its own translation
    ("This is an Arabic sentence.", "هذه جملة عربية.", False),
    ("هذه جملة أخرى.", "هذه جملة عربية.", False),
])
def test_a_target_that_copies_its_arabic_source(target: str, source: str, copied: bool) -> None:
    # One rule for the XLIFF filter (another tool's XLIFF as a source) and the re-import of
    # translations (project.exchange_import): both kept their own, differing on Arabic-Indic digits.
    assert copies_source(target, source) is copied
