"""Older English forms of dictionary words (Ockley's call'd, Burton's knowest) are right; a
typo in their letters, or a superlative's typo, is still flagged."""

from __future__ import annotations

import pytest

from tests.spelling.conftest import bundled_en_us
from workbench.spelling import SpellChecker
from workbench.spelling.archaic import elided_forms, second_person_stems
from workbench.spelling.dictionary import load_dictionary_files


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return SpellChecker(load_dictionary_files(bundled_en_us() / "en_US", "en_US"))


def test_the_full_forms_of_an_elided_past_tense() -> None:
    assert elided_forms("call'd") == ("called",)
    assert elided_forms("ty’d") == ("tyed", "tied")
    assert elided_forms("I'd") == () and elided_forms("called") == ()
    assert "see" in second_person_stems("seest")
    assert "know" in second_person_stems("knowest")
    assert "desire" in second_person_stems("desirest")
    assert second_person_stems("best") == () and second_person_stems("first") == ()


def test_elided_past_tenses_and_old_second_persons_are_right(checker: SpellChecker) -> None:
    text = ("He call'd the Deer, she ty'd it, Suck’d and us'd; thou knowest what thou "
            "sayest and desirest, and seest it.")
    assert checker.misspellings(text) == []
    assert checker.is_correct("perceiv'd") and checker.is_correct("bringest")


def test_typos_in_them_are_still_flagged(checker: SpellChecker) -> None:
    text = "He examn'd the bigest, the hotest; calld, knowst, joyn'd."
    assert [w.word for w in checker.misspellings(text)] == [
        "examn'd", "bigest", "hotest", "calld", "knowst", "joyn'd"]
