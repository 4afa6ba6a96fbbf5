"""What a long alignment with a dictionary holds in memory (issue 13: 100,000 sentences with
FreeDict under 1 GB): the dictionary's concepts as arrays, not a dict a sentence; the first
pass's vectors let go before the last search; link statistics and the misplaced-link check a
part of the text at a time. No timing and no large text: the shapes are checked, and that the
results are those of the whole at once."""

from __future__ import annotations

import dataclasses
import random
import weakref
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import workbench.align.aligner as aligner_module
import workbench.align.scoring as scoring_module
from tests.align.wordsets import second_pass_scorer, word_set, write_dictionary
from workbench.align.aligner import TwoPassAligner, _merged
from workbench.align.dictionary import ConceptRows
from workbench.align.sparse import SparseRows
from workbench.dictionary import open_lexicon

WORDS = {"كتاب": "book", "شمس": "sun", "قمر": "moon", "بحر": "sea", "جبل": "mountain",
         "نهر": "river", "مدينة": "city", "قرية": "village", "بيت": "house", "شجرة": "tree",
         "حصان": "horse", "ملك": "king", "سفينة": "ship", "مطر": "rain", "نار": "fire"}


def _aligner(tmp_path: Path, lines: int = 30) -> TwoPassAligner:
    ar, en, _ = word_set(WORDS, seed=4, lines=lines,
                         arabic=lambda rng, words: " ".join("ال" + w for w in words) + ".",
                         english=lambda parts: f"The {' and the '.join(parts)}")
    lexicon = open_lexicon([write_dictionary(tmp_path / "words.tsv", WORDS)])
    return TwoPassAligner(ar, en, lexicon=lexicon)


def test_the_dictionarys_concepts_are_kept_as_arrays(tmp_path: Path) -> None:
    evidence = _aligner(tmp_path).evidence
    assert evidence is not None
    for rows in (evidence.ar, evidence.en):
        assert isinstance(rows, ConceptRows)
        assert rows.ids.dtype == np.int32 and rows.values.dtype == np.float64
        bags = list(rows)  # each sentence's concepts, as a dict when asked for
        assert len(rows.ids) == sum(map(len, bags)) > 0
        assert rows.keys_of("W") == [[c for c in bag if c.startswith("W:")] for bag in bags]
        assert rows.counts("V") == {c: sum(c in bag for bag in bags)
                                    for c in rows.names if any(c in bag for bag in bags)
                                    and c.startswith("V:")}


def test_the_first_passs_vectors_are_let_go_before_the_last_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aligner = _aligner(tmp_path)
    first: list[weakref.ref[np.ndarray]] = []
    alive_in_last_search: list[bool] = []
    next_scorer, align = TwoPassAligner._next_scorer, TwoPassAligner._align

    def scorer(self: TwoPassAligner, stats: Any, links: Any, base: Any, **kwargs: Any) -> Any:
        first.append(weakref.ref(base.x.col))  # the first pass's Arabic vectors
        return next_scorer(self, stats, links, base, **kwargs)

    def searched(self: TwoPassAligner, *args: Any, final: bool = False) -> Any:
        if final and first:
            alive_in_last_search.append(first[0]() is not None)
        return align(self, *args, final=final)

    monkeypatch.setattr(TwoPassAligner, "_next_scorer", scorer)
    monkeypatch.setattr(TwoPassAligner, "_align", searched)
    aligner.run()
    assert alive_in_last_search == [False]


def test_link_stats_group_a_block_of_links_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aligner = _aligner(tmp_path, lines=60)
    scorer = second_pass_scorer(aligner)
    links = [([i], [i]) for i in range(min(scorer.n, scorer.m))]
    whole = scorer.link_stats(links)
    entries = len(scorer.x.row) + len(scorer.y.row)
    grouped: list[int] = []
    unique_inverse = scoring_module.unique_inverse

    def counted(values: np.ndarray) -> Any:
        grouped.append(len(values))
        return unique_inverse(values)

    monkeypatch.setattr(scoring_module, "unique_inverse", counted)
    monkeypatch.setattr(scoring_module, "STATS_BLOCK", entries // 6)
    parts = dataclasses.replace(scorer).link_stats(links)  # (a scorer that kept none)
    assert len(grouped) >= 10 and max(grouped) < entries // 4
    for got, want in zip(parts, whole, strict=True):
        np.testing.assert_array_equal(got, want)  # the same sums, not nearly


def test_the_misplaced_check_keeps_the_concepts_of_the_sentences_near_its_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aligner = _aligner(tmp_path, lines=80)
    result = aligner.run()
    held: list[int] = []
    forget = aligner_module._ConceptSets.forget_before

    def counted(self: Any, k: int) -> None:
        forget(self, k)
        held.append(len(self._made))

    monkeypatch.setattr(aligner_module._ConceptSets, "forget_before", counted)
    flags = aligner._misplaced(result.links)
    assert len(flags) == len(result.links)
    assert max(held) <= 2 * (2 * aligner_module.MISPLACED_WINDOW + 4)


def test_rows_merge_as_a_stable_sort_would() -> None:
    rng = random.Random(5)
    for _ in range(200):
        rows = rng.randint(1, 8)
        base_row = np.sort(np.array([rng.randrange(rows) for _ in range(rng.randrange(30))],
                                    dtype=np.int64))
        base = SparseRows(base_row, np.arange(len(base_row)), np.ones(len(base_row)), rows)
        row = np.sort(np.array([rng.randrange(rows) for _ in range(rng.randrange(30))],
                               dtype=np.int64))
        col = 100 + np.arange(len(row))
        got = _merged(base, row, col, np.full(len(row), 0.5))
        every = np.concatenate([base.row, row])
        order = np.argsort(every, kind="stable")
        np.testing.assert_array_equal(got.row, every[order])
        np.testing.assert_array_equal(got.col, np.concatenate([base.col, col])[order])
        data = np.concatenate([base.data, np.full(len(row), 0.5)])
        np.testing.assert_array_equal(got.data, data[order])


def test_packed_concept_rows_keep_only_the_strengths_below_one() -> None:
    names = ["W:a", "V:x", "V:y"]
    rows = ConceptRows(names)
    for bag in ({0: 1.0, 1: 0.3}, {}, {2: 1.0}, {1: 1.0, 2: 0.3, 0: 0.3}):
        rows.append(bag)
    before, values = list(rows), rows.values.copy()
    rows.pack()
    assert list(rows) == before and rows[-1] == {"V:x": 1.0, "V:y": 0.3, "W:a": 0.3}
    np.testing.assert_array_equal(rows.values, values)
    assert rows._values is None and len(rows._other) == 3  # the strengths of 1 are not kept
    with pytest.raises(ValueError):
        rows.append({0: 1.0})
