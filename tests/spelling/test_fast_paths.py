"""The spell checker's quick paths give what its full paths give."""

from __future__ import annotations

import random
import re

from workbench.spelling.checker import SpellChecker
from workbench.spelling.dictionary import load_dictionary_files
from workbench.spelling.tokens import _DIGIT_CHUNK, in_skipped_span, skipped_spans, word_matches

from .conftest import bundled_en_us

PLAIN_DIGIT_CHUNK = re.compile(r"[\w'’\-‐]*[\d_][\w'’\-‐]*")


def test_runs_holding_a_digit_are_found_as_the_plain_form_finds_them() -> None:
    rng = random.Random(2)
    alphabet = "ab1_'’-‐ .٣é,"
    texts = ["COVID-19", "3rd-party", "a_b c", "x-1-y z", "’9", "--", "٣ابc"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
              for _ in range(5000)]
    for text in texts:
        assert [m.span() for m in _DIGIT_CHUNK.finditer(text)] == [
            m.span() for m in PLAIN_DIGIT_CHUNK.finditer(text)
        ], repr(text)


def test_a_checker_that_has_seen_texts_finds_what_a_fresh_one_finds() -> None:
    dictionary = load_dictionary_files(bundled_en_us() / "en_US", "en_US")
    texts = [
        "The council met in Petrograd.", "The councel met.", "the Bolsheviks won",
        "A recieve and a receive", "COVID-19 cases in 3rd week", "Visit www.exmaple.org now",
        "The council met in Petrograd.", "Bolsheviks", "recieve",
    ]
    shared = SpellChecker(dictionary, ["Bolshevik"])
    for _ in range(2):
        for text in texts:
            fresh = SpellChecker(dictionary, ["Bolshevik"])
            assert shared.misspellings(text) == fresh.misspellings(text), text
    assert [w.word for w in shared.misspellings("The councel met.")] == ["councel"]
    assert shared.misspellings("The council met in London.") == []


def test_a_words_skipped_span_is_found_from_the_word() -> None:
    rng = random.Random(4)
    alphabet = "ab1_'’-‐ .٣é,@:/w"
    texts = ["COVID-19 cases", "mail a@b.org now", "see https://x.org/a b", "www.a.b c", "x_y z"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
              for _ in range(5000)]
    for text in texts:
        spans = skipped_spans(text)
        for m in word_matches(text):
            expected = any(s <= m.start() < e for s, e in spans)
            assert in_skipped_span(text, m.start()) == expected, (text, m.start())
