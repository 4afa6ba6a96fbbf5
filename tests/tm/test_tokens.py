"""Tokens for matching: the glossary's normalisation, canonical numbers, clitics split off."""

from __future__ import annotations

import random

import pytest

from tests.conftest import CORPORA
from workbench.tm.codes import Vocabulary, sequence_hash, sequence_hashes
from workbench.tm.index import Indexer
from workbench.tm.tokens import (
    canonical_number,
    split_clitics,
    token_strings,
    tokenize,
    words_and_stems,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("وبالثوره", ("وبال", "ثوره")),
        ("للثوره", ("لل", "ثوره")),
        ("الثوره", ("ال", "ثوره")),
        ("فالثوره", ("فال", "ثوره")),
        ("سيذهب", ("س", "يذهب")),  # the future س before an imperfect verb
        ("سلام", ("", "سلام")),  # س before ل is not the future
        ("وفي", ("", "وفي")),  # too short a stem would be left
        ("كتاب", ("", "كتاب")),  # a bare preposition is not split: كتاب is not ك + تاب
        ("وكتاب", ("و", "كتاب")),
        ("والكتاب", ("وال", "كتاب")),  # so concordance كتاب finds والكتاب
        ("لبنان", ("", "لبنان")),
        ("كالثوره", ("كال", "ثوره")),
    ],
)
def test_clitics(word: str, expected: tuple[str, str]) -> None:
    assert split_clitics(word) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [("3٫5", "3.5"), ("3.50", "3.5"), ("1,000", "1000"), ("1٬000٫25", "1000.25"),
     ("007", "7"), ("1,2", "1,2"), ("0.0", "0")],
)
def test_canonical_numbers(token: str, expected: str) -> None:
    assert canonical_number(token) == expected


def test_words_and_stems_of_a_sentence() -> None:
    words, stems = words_and_stems("وبالثَّورة قامت الثورةُ عام ١٩١٧، و{1}المجد{/1} لـ 3.5%!")
    assert words == ["وبالثوره", "قامت", "الثوره", "عام", "1917", "والمجد", "ل", "3.5"]
    assert stems == ["ثوره", "قامت", "ثوره", "عام", "1917", "مجد", "ل", "3.5"]


def test_tags_inside_a_word_leave_it_whole() -> None:
    """A tag pair around a word but not its clitic (و<1>الجامعات</1>, as a client document
    formats it) leaves one word, والجامعات, as a tool that drops tags writes it; an empty tag
    written between two words (a line break) still parts them."""
    text = "السطر الأول<1/>السطر الثاني وَ<2>الجامعات</2> MP{3}3{/3}"
    words = tokenize(text)
    assert [w.word for w in words] == ["السطر", "الاول", "السطر", "الثاني", "والجامعات", "mp3"]
    assert text[words[4].start : words[4].end] == "وَ<2>الجامعات"
    assert token_strings([text])[0] == ["السطر", "الاول", "السطر", "الثاني", "والجامعات", "MP3"]


def test_spans_point_into_the_original() -> None:
    text = "وبالثَّورةِ قامت"
    first, second = tokenize(text)
    assert text[first.start : first.end] == "وبالثَّورةِ"
    assert (first.word, first.stem) == ("وبالثوره", "ثوره")
    assert text[second.start : second.end] == "قامت"


def test_latin_is_lower_cased() -> None:
    assert words_and_stems("COVID-19 Covid")[0] == ["covid", "19", "covid"]


def _single(texts: list[str]) -> list[list[str]]:
    return [[w.word for w in tokenize(t)] for t in texts]


def _batch(texts: list[str]) -> list[list[str]]:
    from workbench.tm.tokens import word_and_stem

    tokens, counts = token_strings(texts)
    out, pos = [], 0
    for count in counts.tolist():
        out.append([word_and_stem(t)[0] for t in tokens[pos : pos + count]])
        pos += count
    return out


def test_batch_tokens_equal_single_tokens_on_the_corpora() -> None:
    lines = [
        line for name in ("ntrex128/ar.txt", "tico19/ar.txt", "ntrex128/en.txt")
        for line in (CORPORA / name).read_text(encoding="utf-8").splitlines()
    ]
    assert _batch(lines) == _single(lines)


def test_batch_tokens_equal_single_tokens_on_random_texts() -> None:
    alphabet = [" ", "\t", "\u064b", "\u0640", "ي", "ى", "ء", "أ", "ة", "٣", "3", ".", ",",
                "٫", "٬", "x", "A", "_", "-", "{", "}", "/", "1", "😀", "و", "ب", "ال", "ثور"]
    rng = random.Random(3)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
             for _ in range(20_000)]
    assert _batch(texts) == _single(texts)


def test_batch_hashes_equal_single_hashes() -> None:
    texts = ["الثورة قامت", "", "عام ١٩١٧", "الثورة قامت", "قامت الثورة"]
    indexer = Indexer(Vocabulary(), lambda tokens: {})
    batch = indexer.index([1, 2, 3, 4, 5], texts)
    assert batch.hashes == [sequence_hash(w) for w in batch.words]
    assert batch.hashes[0] == batch.hashes[3] != batch.hashes[4]
    assert len(set(batch.words[0])) == 2 and batch.stems[0][0] == batch.stems[4][1]
    import numpy as np

    codes = np.frombuffer("".join(batch.words).encode("utf-32-le"), np.uint32)
    assert sequence_hashes(codes, [len(w) for w in batch.words]).tolist() == batch.hashes


def test_posting_lists_hold_each_unit_once_per_stem() -> None:
    indexer = Indexer(Vocabulary(), lambda tokens: {})
    batch = indexer.index([7, 8], ["الثورة والثورة", "ثورة قامت"])
    lists = dict(indexer.take_postings())
    thawra = batch.stems[0][0]
    assert lists[ord(thawra)].ids.tolist() == [7, 8]
    assert lists[ord(thawra)].lens.tolist() == [2, 2]
    assert indexer.take_postings() == []


def test_posting_blobs_are_the_lists_stored_form() -> None:
    texts = ["الثورة والثورة قامت", "ثورة قامت في روسيا", "قامت", "عام ١٩١٧ في روسيا"]

    def indexed() -> Indexer:
        indexer = Indexer(Vocabulary(), lambda tokens: {})
        indexer.index([3, 5, 8, 9], texts)
        return indexer

    lists = indexed().take_postings()
    blobs = indexed().take_posting_blobs()
    assert [(t, len(p), p.blobs()) for t, p in lists] == blobs
    assert len(blobs) == len({s for t in texts for s in words_and_stems(t)[1]})
    nothing = Indexer(Vocabulary(), lambda tokens: {})
    assert nothing.take_posting_blobs() == nothing.take_postings() == []
