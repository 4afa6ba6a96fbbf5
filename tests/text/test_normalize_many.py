"""normalize_arabic_many is normalize_arabic, computed for many texts at once."""

from __future__ import annotations

import random

from tests.conftest import CORPORA
from workbench.text.normalize import (
    _COMMON,
    _FOLD_TA,
    normalize,
    normalize_arabic,
    normalize_arabic_many,
)

# Characters where the rules meet: whitespace of several kinds, marks, tatweel, bidi marks,
# yeh/alef maqsura before hamza forms, digits, a BOM, characters beyond the BMP.
TRICKY = [
    " ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "\u064b", "\u0651", "\u0670", "\u0640",
    "\u200f", "\ufeff", "ي", "ى", "ء", "ئ", "ؤ", "أ", "آ", "ة", "ۀ", "ک", "٣", "۴", "x", "😀",
    "\U00010000", "\ufe83", "\ufedb", "\ufef2", "\ufe93", "\ufefb",
]


def test_same_as_one_by_one_on_the_corpora() -> None:
    lines = [
        line for name in ("ntrex128/ar.txt", "tico19/ar.txt")
        for line in (CORPORA / name).read_text(encoding="utf-8").splitlines()
    ]
    assert normalize_arabic_many(lines) == [normalize_arabic(line) for line in lines]


def test_same_as_one_by_one_on_random_texts() -> None:
    rng = random.Random(5)
    texts = ["".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 14))) for _ in range(30_000)]
    assert normalize_arabic_many(texts) == [normalize_arabic(t) for t in texts]
    vocalised = ["شَيْءٌ", "سَيِّئ", "ي\u0651\u200fئ", "ي\u064e ء"]
    assert normalize_arabic_many(vocalised) == [normalize_arabic(t) for t in vocalised]


def test_texts_do_not_run_into_each_other() -> None:
    # a space ending one text and one starting the next are not one run; a yeh ending one
    # text is not before the hamza starting the next
    texts = ["ب ", " ا", "شي", "ء", "", "  "]
    assert normalize_arabic_many(texts) == ["ب ", " ا", "شي", "ء", "", " "]


def test_folding_does_not_depend_on_the_order_of_replacement() -> None:
    # ۀ folds to ة, and ة to ه when ta marbuta is folded: a table whose values were also its
    # keys gave ة or ه by the (per process) order of a set
    for table in (_COMMON, _FOLD_TA):
        assert not set(table.values()) & set(table)
    assert normalize_arabic("ۀة") == normalize_arabic_many(["ۀة"])[0] == "هه"
    assert normalize("ۀة", fold_ta_marbuta=False).text == "ةة"


def test_presentation_forms_are_their_letters() -> None:
    """Text pasted from a PDF (presentation forms) matches text typed (ﺃ is أ, folded to ا)."""
    assert normalize_arabic("ﺍﻟﻜﺘﺎﺏ") == normalize_arabic("الكتاب") == "الكتاب"
    assert normalize_arabic("ﺃﺣﻤﺪ ﻣﺪﺭﺳﺔ") == normalize_arabic("أحمد مدرسة")
    assert normalize("ﻛﺘﺎﺏ").text == "كتاب"  # one letter for one form: offsets kept


def test_the_tables_flag_every_character_of_the_plane_as_its_rules_say() -> None:
    """The batch tables (built once a process from the plane's text) flag each BMP character
    as the rules match it alone: a deleted mark, whitespace (re's \\s)."""
    import re

    from workbench.text.normalize import _BMP, _DELETE_CLASS, _MARK, _SPACE, _batch_tables

    _, flags = _batch_tables()
    mark, space = re.compile(f"[{_DELETE_CLASS}]"), re.compile(r"\s")
    assert [int(f) for f in flags] == [
        (_MARK if mark.match(chr(c)) else 0) | (_SPACE if space.match(chr(c)) else 0)
        for c in range(_BMP)
    ]
