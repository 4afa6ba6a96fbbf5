"""The deletion pattern of the normaliser finds what its plain form finds (it is written to let
the regular expression engine skip ahead; see workbench/text/normalize.py)."""

from __future__ import annotations

import random
import re

from workbench.text.normalize import _DELETE_CLASS, _DELETE_RE, normalize, normalize_arabic

PLAIN = re.compile(
    rf"(?<=\s)[\s{_DELETE_CLASS}]+|[{_DELETE_CLASS}]+"
    rf"|[\u064a\u0649](?=[{_DELETE_CLASS}]*[\u0621\u0626])"
)
ALPHABET = (
    " \t\n\u00a0\u2003\u3000ab1٣ابتيىءئؤأة\u064b\u064e\u0651\u0640\u0670\u06d6\u200b\u200c"
    "\u200f\u202b\u2066\ufeff\u061c\u0610"
)


def samples(count: int = 5000, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    out = ["", " ", "  ", "شيء", "شىء", "لاجئ", "بَيْتٌ", "a \u064e b", "\u064e ", " \u0640 \u0640",
           "شَيْءٌ", "سَيِّئ"]
    out += ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 30)))
            for _ in range(count)]
    return out


def test_the_pattern_finds_the_plain_forms_matches() -> None:
    for text in samples():
        assert [m.span() for m in _DELETE_RE.finditer(text)] == [
            m.span() for m in PLAIN.finditer(text)
        ], repr(text)


def test_normalised_text_is_the_plain_deletion_then_the_folding() -> None:
    for text in samples(1000, seed=5):
        assert normalize(text).text == normalize_arabic(text)
        assert normalize(text, fold_ta_marbuta=False).text.replace("ة", "ه") == (
            normalize_arabic(text)
        )
        assert len(normalize_arabic(text)) == len(PLAIN.sub("", text))


def test_a_yeh_seat_before_a_hamza_goes_with_marks_between_them() -> None:
    """Vocalised شَيْءٌ (a sukun on the yeh) was شيء, plain شيء شء: they never met (a glossary
    term, a dictionary headword, a memory unit), and سَيِّئ (a shadda) was not سيئ."""
    assert normalize_arabic("شَيْءٌ") == normalize_arabic("شيء") == "شء"
    assert normalize_arabic("سَيِّئ") == normalize_arabic("سيئ")
    assert normalize_arabic("بَرِيءٌ") == normalize_arabic("بريء")
    assert normalize("شَيْءٌ").span(0, 2) == (0, 6)  # ش and ء: the original's letters
