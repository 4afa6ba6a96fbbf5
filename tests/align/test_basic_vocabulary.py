"""The aligner's built-in basic vocabulary: used without a dictionary on texts of up to
BASIC_MAX_SENTENCES, kept behind any dictionary of the user's, however large."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from bench.align import udhr_set
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


def _large(path: Path, words: dict[str, str]) -> Path:
    """A dictionary of ``words`` and 5,000 headwords no text holds: as large as a full
    dictionary (FreeDict), not a project's word list."""
    filler = {"ظغ" + "".join(p): "filler"
              for p in itertools.islice(itertools.product("ثخذضظغشص", repeat=5), 5000)}
    return write_dictionary(path, {**filler, **words})


def test_a_dictionary_small_or_large_keeps_it_behind(tmp_path: Path) -> None:
    ar, en, _ = _set(lines=12)
    few = open_lexicon([write_dictionary(tmp_path / "few.tsv", {"كتاب": "book"})])
    large = open_lexicon([_large(tmp_path / "large.tsv", {"كتاب": "book"})])
    assert WithBasic(few, basic_vocabulary()).glosses("الكتاب")[0] == "book"
    for lexicon in (few, large):
        aligner = TwoPassAligner(ar, en, lexicon=lexicon)
        assert not aligner.basic_only and aligner.evidence is not None
        keys = {c for bag in aligner.evidence.ar for c in bag if c.startswith("W:")}
        assert "W:كتاب" in keys and "W:شمس" in keys  # the user's word and a basic one


def test_a_large_dictionarys_sense_for_another_sentence_moves_no_legal_link(
    tmp_path: Path,
) -> None:
    """A large dictionary that knows "فإن الجمعية العامة" (UDHR, "The General Assembly") only
    as "association" (Article 20's word) and "common people" (whose "common" is in the
    preamble clause before it), as FreeDict does, replaced the basic vocabulary ("assembly",
    "general"): that sense took the Arabic to the clause before and "Now, therefore," to the
    next link (udhr 0.953). The basic vocabulary behind it keeps the links."""
    ar, en, gold = udhr_set()
    lexicon = open_lexicon([_large(tmp_path / "large.tsv", {
        "جمعية": "association", "عامة": "common people"})])
    links = align_sentences(ar, en, lexicon=lexicon).links
    assert ([8], [8]) in links
    assert ([9], [9, 10]) in links
    assert ([10, 11], [11]) in links
    assert strict_f1(links, set(gold)) == strict_f1(align_sentences(ar, en).links, set(gold))
