"""Which script a text is written in: the one ``has_arabic`` every module uses."""

from __future__ import annotations

from pathlib import Path

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


def test_characters_are_counted_alike_with_and_without_numpy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``require_language`` counts a text's characters over its code points where NumPy is
    loaded, else with a Counter: the same counts (surrogates and astral characters too)."""
    import random
    import sys
    from collections import Counter

    import numpy  # noqa: F401  (loaded: the fast way)

    from workbench.text import script

    rng = random.Random(7)
    texts = ["", "a", "\ud800x\udfff", "😀ab\U0010ffff", "الانتفاضة The uprising, ١٩١٧"]
    texts += ["".join(chr(rng.choice([rng.randrange(0x110000), rng.randrange(0x600, 0x700),
                                      rng.randrange(32, 128)])) for _ in range(rng.randrange(60)))
              for _ in range(300)]
    fast = [sorted(script._char_counts(t)) for t in texts]
    monkeypatch.delitem(sys.modules, "numpy")
    assert fast == [sorted(script._char_counts(t)) for t in texts]
    assert fast == [sorted(Counter(t).items()) for t in texts]


def test_a_file_given_for_the_other_language_is_refused_with_numpy_loaded(
    tmp_path: Path,
) -> None:
    import numpy  # noqa: F401

    from workbench.errors import InputError
    from workbench.text.script import require_language

    require_language("الانتفاضة الكبرى في سنة ١٩١٧ " * 20, "ar", tmp_path)
    with pytest.raises(InputError, match="not Arabic: 0%"):
        require_language("The great uprising of 1917. " * 20, "ar", tmp_path)
    with pytest.raises(InputError, match="not English: 100%"):
        require_language("الانتفاضة الكبرى في سنة ١٩١٧ " * 20, "en", tmp_path)
