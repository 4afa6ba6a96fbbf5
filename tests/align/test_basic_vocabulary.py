"""The aligner's built-in basic vocabulary: used without a dictionary on texts of up to
BASIC_MAX_SENTENCES, kept behind a small dictionary of the user's, replaced by a large one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.align.test_lexical import _set
from tests.align.wordsets import strict_f1, write_dictionary
from workbench.align import align_sentences
from workbench.align import aligner as aligner_module
from workbench.align.aligner import TwoPassAligner
from workbench.align.dictionary import BASIC_VOCABULARY, WithBasic, basic_vocabulary
from workbench.align.scoring import Params
from workbench.dictionary import open_dictionary, open_lexicon


def test_the_basic_vocabulary_reads_and_finds_words_through_clitics() -> None:
    assert len(open_dictionary(BASIC_VOCABULARY)) >= 600
    basic = basic_vocabulary()
    assert "sun" in basic.glosses("والشمس")
    assert "mountains" in basic.glosses("الجبال")  # a broken plural of its own


def test_without_a_dictionary_the_basic_vocabulary_aligns_where_lengths_mislead() -> None:
    ar, en, gold = _set()  # Arabic word lists whose English lengths say little
    lengths_only = strict_f1(
        align_sentences(ar, en, params=Params(basic_vocabulary=False)).links, gold)
    basic = strict_f1(align_sentences(ar, en).links, gold)
    assert basic >= lengths_only + 0.3


def test_a_long_text_aligns_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    ar, en, _ = _set(lines=12)
    assert TwoPassAligner(ar, en).basic_only
    assert TwoPassAligner(ar, en, params=Params(basic_vocabulary=False)).evidence is None
    monkeypatch.setattr(aligner_module, "BASIC_MAX_SENTENCES", 10)
    assert TwoPassAligner(ar, en).evidence is None  # more than 10 sentences a side


def test_a_small_dictionary_keeps_it_behind_and_a_large_one_replaces_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ar, en, _ = _set(lines=12)
    few = open_lexicon([write_dictionary(tmp_path / "few.tsv", {"كتاب": "book"})])
    small = TwoPassAligner(ar, en, lexicon=few)
    assert not small.basic_only and small.evidence is not None
    keys = {c for bag in small.evidence.ar for c in bag if c.startswith("W:")}
    assert "W:كتاب" in keys and "W:شمس" in keys  # the user's word and a basic one
    assert WithBasic(few, basic_vocabulary()).glosses("الكتاب")[0] == "book"
    monkeypatch.setattr(aligner_module, "BASIC_BELOW_HEADWORDS", 1)  # "few" is large now
    large = TwoPassAligner(ar, en, lexicon=few).evidence
    assert large is not None
    assert {c for bag in large.ar for c in bag if c.startswith("W:")} == {"W:كتاب"}
