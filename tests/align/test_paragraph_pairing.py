"""Pairing paragraphs when the counts differ: one joined paragraph is found, and then the
sentence search keeps to the pairs (a narrow band, as when the counts agree)."""

from __future__ import annotations

import random

import pytest

import workbench.align.paragraphs as paragraphs_module
from tests.conftest import CORPORA
from workbench.align import align_paragraphs
from workbench.align.paragraphs import group_ids, pair_paragraphs


def _paragraphs(size: int) -> tuple[list[list[str]], list[list[str]]]:
    ar = (CORPORA / "ntrex128" / "ar.txt").read_text(encoding="utf-8").splitlines()
    en = (CORPORA / "ntrex128" / "en.txt").read_text(encoding="utf-8").splitlines()
    rng = random.Random(4)
    ar_pars: list[list[str]] = []
    en_pars: list[list[str]] = []
    i = 0
    while i < size:
        k = rng.randint(2, 7)
        ar_pars.append(ar[i : i + k])
        en_pars.append(en[i : i + k])
        i += k
    return ar_pars, en_pars


def test_one_joined_paragraph_is_found() -> None:
    ar, en = _paragraphs(190)
    joined = [*en[:10], en[10] + en[11], *en[12:]]
    links = pair_paragraphs([sum(map(len, p)) for p in ar], [sum(map(len, p)) for p in joined])
    assert links is not None
    assert ([10, 11], [10]) in links
    assert all(a == e for a, e in links[:10])
    assert all(a == [e[0] + 1] for a, e in links[11:])
    ar_group, en_group = group_ids(links, ar, joined)
    assert len(ar_group) == sum(map(len, ar)) and len(en_group) == sum(map(len, joined))
    assert max(ar_group) == max(en_group) == len(links) - 1


def test_unrelated_structures_are_not_paired() -> None:
    rng = random.Random(1)
    ar = [rng.randint(50, 2000) for _ in range(60)]
    en = [rng.randint(50, 2000) for _ in range(45)]
    assert pair_paragraphs(ar, en) is None


def test_sentences_align_within_the_paired_paragraphs() -> None:
    ar, en = _paragraphs(190)
    joined = [*en[:10], en[10] + en[11], *en[12:]]
    result = align_paragraphs(ar, joined)
    ones = [(a, e) for a, e in result.links if len(a) == 1 and len(e) == 1]
    assert all(a == e for a, e in ones)
    assert len(ones) >= sum(map(len, ar)) - 4


def test_blocks_of_rows_pair_the_paragraphs_as_one_block(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(9)
    ar = [float(rng.randrange(80, 2000)) for _ in range(300)]
    en = [x * rng.uniform(0.85, 1.2) for x in ar]
    en[40:42] = [en[40] + en[41]]  # one joined,
    en[200:201] = [en[200] * 0.4, en[200] * 0.6]  # and one split (Arabic 201)
    whole = pair_paragraphs(ar, en)
    assert whole is not None and ([40, 41], [40]) in whole and ([201], [200, 201]) in whole
    monkeypatch.setattr(paragraphs_module, "BLOCK", 7)
    assert pair_paragraphs(ar, en) == whole
