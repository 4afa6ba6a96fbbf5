"""The aligner's parts: the banded search, posteriors, coverage tables, anchors, the table."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from workbench.align.anchors import anchor_bags, number_key
from workbench.align.dp import Band, posteriors, search
from workbench.align.lengths import subword_lengths
from workbench.align.lexicon import induce_table
from workbench.align.sparse import SparseRows, coverage_table
from workbench.text.normalize import normalize_arabic
from workbench.text.translit import arabic_skeletons, english_skeleton

MOVES = [(1, 1), (1, 2), (2, 1), (1, 0), (2, 2), (1, 3)]


def random_problem(seed: int, band: Band) -> tuple[list[np.ndarray], np.ndarray]:
    rng = np.random.default_rng(seed)
    n, width = band.n, band.width
    costs = []
    for k, el in MOVES:
        c = rng.random((n + 1, width)) * 3
        for i in range(n + 1):
            for d in range(width):
                j = band.lo[i] + d
                if i < k or j < el or j > band.hi[i]:
                    c[i, d] = np.inf
        costs.append(c)
    return costs, rng.random(band.m) * 3


def all_paths(band: Band) -> Iterator[list[tuple[int, int]]]:
    n, m = band.n, band.m

    def walk(i: int, j: int) -> Iterator[list[tuple[int, int]]]:
        if (i, j) == (n, m):
            yield []
            return
        for k, el in [*MOVES, (0, 1)]:
            i2, j2 = i + k, j + el
            if i2 <= n and j2 <= m and band.lo[i2] <= j2 <= band.hi[i2]:
                for rest in walk(i2, j2):
                    yield [(k, el), *rest]

    yield from walk(0, 0)


def path_cost(path: list[tuple[int, int]], band: Band, costs: list[np.ndarray],
              skip: np.ndarray) -> float:
    i = j = 0
    total = 0.0
    for k, el in path:
        i2, j2 = i + k, j + el
        total += skip[j] if k == 0 else costs[MOVES.index((k, el))][i2, j2 - band.lo[i2]]
        i, j = i2, j2
    return total


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_banded_search_and_posteriors_match_brute_force(seed: int) -> None:
    band = Band.around(np.arange(6) * 7 / 5, 1.6, 7)
    costs, skip = random_problem(seed, band)
    paths = list(all_paths(band))
    best = min(paths, key=lambda p: path_cost(p, band, costs, skip))
    found = search(band, MOVES, costs, skip)
    assert found == best
    z = sum(math.exp(-path_cost(p, band, costs, skip)) for p in paths)
    expected = []
    i = j = 0
    for k, el in found:
        mass = 0.0
        for p in paths:
            pi = pj = 0
            for step in p:
                if (pi, pj) == (i, j) and step == (k, el):
                    mass += math.exp(-path_cost(p, band, costs, skip))
                    break
                pi, pj = pi + step[0], pj + step[1]
        expected.append(mass / z)
        i, j = i + k, j + el
    got = posteriors(band, MOVES, costs, skip, found)
    assert np.allclose(got, expected, atol=1e-9)


def test_search_reports_a_band_without_a_path() -> None:
    band = Band(np.array([0, 5, 5]), np.array([0, 5, 5]), 5)
    costs, skip = random_problem(4, band)
    for c in costs:
        c[:] = np.inf
    assert search(band, MOVES, costs, skip) is None


def test_coverage_counts_each_concept_once_per_run() -> None:
    rng = np.random.default_rng(0)
    n, m, columns = 25, 30, 10
    src = [{int(c): float(rng.random()) for c in rng.choice(columns, 3, replace=False)}
           for _ in range(n)]
    dst = [{int(c): 1.0 for c in rng.choice(columns, 2, replace=False)} for _ in range(m)]
    lo = np.minimum(np.arange(n), m - 1).astype(np.int64)
    table = coverage_table(SparseRows.from_dicts(src), SparseRows.from_dicts(dst), lo, 6, 4)
    for s in range(n):
        for t in range(6):
            for run in range(1, 5):
                rows = range(lo[s] + t, min(lo[s] + t + run, m))
                expected = sum(v for c, v in src[s].items() if any(c in dst[e] for e in rows))
                assert table[s, t, run - 1] == pytest.approx(expected, abs=1e-5)


def test_numbers_in_either_digits_are_the_same_anchor() -> None:
    assert number_key("٣٫٥") == number_key("3.5") == "3.5"
    assert number_key("1,051,635") == number_key("١٠٥١٦٣٥") == "1051635"
    assert number_key("01") == "1"
    ar, en = anchor_bags(
        ["بلغ النمو ٣٫٥ في المئة في أكتوبر.", "وقال كيرينسكي ذلك يوم الجمعة."],
        ["Growth reached 3.5 per cent in October.", "Kerensky said so on Friday."],
    )
    for concept in ("N:3.5", "M:10", "P:%"):
        assert concept in ar[0] and concept in en[0]
    for concept in ("S:KRNSK", "D:5"):
        assert concept in ar[1] and concept in en[1]


@pytest.mark.parametrize(("arabic", "english"), [
    ("ارتفع بنسبة 40 بالمائة.", "It rose 40 per cent."),
    ("ارتفع بنسبة 40 بالمئة.", "It rose 40 PERCENT."),
    ("ارتفع بنسبة 40 في المائة.", "It rose by a large percentage."),
    ("ارتفع بنسبة 40٪.", "It rose 40%."),
])
def test_a_percentage_is_an_anchor_however_it_is_written(arabic: str, english: str) -> None:
    # two sentences each, so that the shared concept is kept; "بالمائة" is ب + المائة
    ar, en = anchor_bags([arabic, "وقال ذلك."], [english, "He said so."])
    assert "P:%" in ar[0] and "P:%" in en[0]
    assert "P:%" not in ar[1] and "P:%" not in en[1]


def test_transliteration_skeletons() -> None:
    pairs = [("Kerensky", "كيرينسكي"), ("Kornilov", "كورنيلوف"), ("Zinoviev", "زينوفييف"),
             ("Washington", "واشنطن"), ("Chelsea", "تشيلسي"), ("Gorky", "غوركي")]
    for english, arabic in pairs:
        assert english_skeleton(english) in arabic_skeletons(normalize_arabic(arabic))
    assert english_skeleton("Lenin") not in arabic_skeletons(normalize_arabic("كيرينسكي"))
    # a doubled class counts once (its repeats anywhere in the word), an undoubled word as is
    assert english_skeleton("Mississippi") == "MSB" and english_skeleton("Kerensky") == "KRNSK"
    assert arabic_skeletons("ممدد") == ("MT",) and arabic_skeletons("كتب") == ("KTB",)


def test_the_translation_table_is_learnt_from_aligned_groups() -> None:
    ar = [["كتاب", "احمر"], ["كتاب", "ازرق"], ["قلم", "احمر"], ["قلم", "ازرق"], ["بيت", "كبير"]]
    en = [["book", "red"], ["book", "blue"], ["pen", "red"], ["pen", "blue"], ["house", "big"]]
    table = induce_table(ar * 3, en * 3)
    assert table["كتاب"][0][0] == "book"
    assert table["ازرق"][0][0] == "blue"
    assert table["قلم"][0][0] == "pen"


def test_lengths_fall_back_to_characters_for_tiny_texts() -> None:
    la, le, unit = subword_lengths(["جملة قصيرة."], ["A short one."])
    assert unit == "chars"
    assert list(la) == [10] and list(le) == [10]
    data = Path(__file__).resolve().parents[2] / "corpora" / "ntrex128"
    ar = (data / "ar.txt").read_text("utf-8").splitlines()
    en = (data / "en.txt").read_text("utf-8").splitlines()
    la, le, unit = subword_lengths(ar, en)
    assert unit == "sentencepiece"
    assert la.sum() < sum(map(len, ar)) and le.sum() < sum(map(len, en))
    assert 0.7 < le.sum() / la.sum() < 1.4
