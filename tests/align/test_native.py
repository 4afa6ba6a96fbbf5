"""The aligner's C loops (``workbench/align/_dpcore.c``, optional) compute exactly what the
NumPy loops compute: the same coverage tables, paths, posteriors and word tables, and the
same alignments."""

from __future__ import annotations

import numpy as np
import pytest

import workbench.align.aligner as aligner
import workbench.align.lexicon as lexicon
import workbench.align.scoring as scoring
from bench.align import hayy_set, layout_set, scale_set
from workbench.align import align_sentences, native
from workbench.align.dp import Band
from workbench.align.sparse import SparseRows

needs_core = pytest.mark.skipif(native.core is None, reason="the C part is not built here")

TEXTS = {
    "hayy": lambda: hayy_set()[:2],
    "news, 3,000 lines (coarse pass, blocks of rows)": lambda: scale_set(3000),
}


@needs_core
@pytest.mark.parametrize("name", list(TEXTS))
def test_every_table_search_posterior_and_word_table_is_the_same_in_c_and_numpy(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = {"search": 0, "posteriors": 0, "ibm1": 0, "coverage": 0, "costs": 0}
    search, posteriors, ibm1 = aligner.search, aligner.posteriors, lexicon._ibm1
    coverage, link_costs = scoring.coverage_table, scoring.Scorer.link_costs

    def both_coverage(*args: object) -> np.ndarray:
        fast = coverage(*args)
        assert np.array_equal(fast, coverage(*args, native=False))
        seen["coverage"] += 1
        return fast

    def both_search(*args: object, **kwargs: object) -> object:
        ends = kwargs.pop("ends", None)
        slow: list[object] = []
        path = search(*args, **kwargs, ends=ends)
        assert path == search(*args, **kwargs, native=False, ends=slow)
        assert ends is None or ends[-1:] == slow
        seen["search"] += 1
        return path

    def both_posteriors(*args: object, **kwargs: object) -> object:
        fast = posteriors(*args, **kwargs)
        assert fast == posteriors(*args, **kwargs, native=False)
        seen["posteriors"] += 1
        return fast

    def both_ibm1(*args: object) -> np.ndarray:
        fast = ibm1(*args)
        assert np.array_equal(fast, ibm1(*args, native=False))
        seen["ibm1"] += 1
        return fast

    def both_costs(scorer: scoring.Scorer, *args: object) -> np.ndarray:
        fast = link_costs(scorer, *args)
        assert np.array_equal(fast, link_costs(scorer, *args, native=False))
        seen["costs"] += 1
        return fast

    monkeypatch.setattr(aligner, "search", both_search)
    monkeypatch.setattr(scoring.Scorer, "link_costs", both_costs)
    monkeypatch.setattr(aligner, "posteriors", both_posteriors)
    monkeypatch.setattr(lexicon, "_ibm1", both_ibm1)
    monkeypatch.setattr(scoring, "coverage_table", both_coverage)
    ar, en = TEXTS[name]()
    align_sentences(ar, en)
    # a free translation is aligned again as clauses, and the whole again with its cues
    runs = 4 if name == "hayy" else 1
    assert seen["search"] >= 3 and seen["posteriors"] == runs and seen["ibm1"] >= 4
    assert seen["coverage"] >= 6 and seen["costs"] >= 3


@needs_core
@pytest.mark.parametrize("seed", range(6))
def test_link_costs_are_the_same_in_c_and_numpy_with_lists(seed: int) -> None:
    """Every move's cost in every cell of a random band, bit for bit: with and without
    enumerated lists on either side, moves seen after a first pass."""
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 60)), int(rng.integers(1, 60))

    def vectors(rows: int) -> SparseRows:
        count = rows * 4
        key = np.unique(rng.integers(0, rows, count) * 50 + rng.integers(0, 40, count))
        return SparseRows(key // 50, key % 50, rng.random(len(key)), rows)

    def cum(rows: int) -> np.ndarray:
        return np.concatenate([[0.0], np.cumsum(rng.integers(1, 40, rows).astype(float))])

    scorer = scoring.Scorer(
        cum(n), cum(m), vectors(n), vectors(m), rng.random(50) + 0.1,
        scoring.LengthModel(float(rng.uniform(0.8, 1.6)), float(rng.uniform(1, 4))),
        scoring.Params(priors={(1, 2): 0.7, (2, 1): 1.1}),
        rng.random(50) + 0.2 if seed % 3 == 0 else None,
        rng.integers(0, 5, n) if seed % 3 != 2 else None,
        rng.integers(0, 5, m) if seed % 3 != 1 else None,
    )
    centre = np.linspace(0, m, n + 1) + rng.normal(0, 2, n + 1)
    band = Band.around(centre, float(rng.uniform(2, 8)), m) if seed > 1 else Band.full(n, m)
    moves = scoring.MOVES if seed < 4 else [(1, 1), (1, 2), (2, 1), (1, 3), (2, 2), (1, 0)]
    fast = scorer.link_costs(band, moves)
    slow = scorer.link_costs(band, moves, native=False)
    assert np.isfinite(slow).any()
    assert np.array_equal(fast, slow)


@needs_core
def test_link_costs_of_a_large_band_taken_in_two_halves_at_once_are_numpys() -> None:
    """A band of more than 200,000 cells (link_lex and link_finish then run its rows in two
    halves at once, one in a thread of its own): every cost as NumPy's, bit for bit."""
    rng = np.random.default_rng(7)
    n, m = 2500, 2700

    def vectors(rows: int) -> SparseRows:
        key = np.unique(rng.integers(0, rows, rows * 5) * 300 + rng.integers(0, 300, rows * 5))
        return SparseRows(key // 300, key % 300, rng.random(len(key)), rows)

    def cum(rows: int) -> np.ndarray:
        return np.concatenate([[0.0], np.cumsum(rng.integers(1, 40, rows).astype(float))])

    scorer = scoring.Scorer(
        cum(n), cum(m), vectors(n), vectors(m), rng.random(300) + 0.1,
        scoring.LengthModel(1.1, 2.0), scoring.Params(), None,
        rng.integers(0, 5, n), rng.integers(0, 5, m),
    )
    band = Band.around(np.linspace(0, m, n + 1), 12.0, m)
    assert (n + 1) * band.width * len(scoring.MOVES) > 200_000
    fast = scorer.link_costs(band, scoring.MOVES)
    assert np.isfinite(fast).sum() > 200_000
    assert np.array_equal(fast, scorer.link_costs(band, scoring.MOVES, native=False))


def test_without_the_c_part_the_alignment_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    ar, en, _, marks = layout_set(5, both=False)
    before = align_sentences(ar, en, continues=marks)
    monkeypatch.setattr(native, "core", None)
    after = align_sentences(ar, en, continues=marks)
    assert after.links == before.links
    assert after.confidence == before.confidence


@needs_core
@pytest.mark.parametrize("seed", range(5))
def test_the_coverage_index_by_column_is_the_sorted_keys_index(seed: int) -> None:
    """``_dpcore.column_runs`` (a counting sort of the destination's columns and a search in
    each) gives the order and the run bounds that sorting the (column, row) keys and
    searching them gave: repeated entries, columns the other side lacks, bounds at 0 and m."""
    from workbench.align.sparse import _column_runs, _key_runs

    rng = np.random.default_rng(seed)
    m = int(rng.integers(1, 60))
    d_row = np.sort(rng.integers(0, m, 400)).astype(np.int64)
    dst = SparseRows(d_row, rng.integers(0, 30, 400).astype(np.int64), rng.random(400), m)
    if seed % 2:  # no entry twice
        keep = np.unique(dst.col * (m + 1) + dst.row, return_index=True)[1]
        keep.sort()
        dst = SparseRows(dst.row[keep], dst.col[keep], dst.data[keep], m)
    src_col = rng.integers(0, 40, 300).astype(np.int64)
    s_lo = rng.integers(0, m + 1, 300).astype(np.int64)
    s_hi = np.minimum(s_lo + rng.integers(0, 12, 300), m)
    fast = _column_runs(dst, src_col, s_lo, s_hi)
    slow = _key_runs(dst, src_col, s_lo, s_hi, m)
    for a, b in zip(fast, slow, strict=True):
        assert np.array_equal(a, b)


@needs_core
@pytest.mark.parametrize("seed", range(4))
def test_the_coverage_index_follows_source_entries_by_row(seed: int) -> None:
    """Source entries by row (as coverage tables give them), each bound a few rows on from
    its column's last or far ahead or back, in long columns: the bounds that searching the
    sorted keys gives (the C part walks on from where the column's last entry left them)."""
    from workbench.align.sparse import _column_runs, _key_runs

    rng = np.random.default_rng(seed)
    m = 500
    d_row = np.sort(rng.integers(0, m, 3000)).astype(np.int64)
    d_col = rng.integers(0, 4, 3000).astype(np.int64)  # four long columns
    keep = np.unique(d_col * (m + 1) + d_row, return_index=True)[1]
    keep.sort()
    dst = SparseRows(d_row[keep], d_col[keep], rng.random(len(keep)), m)
    s_lo = np.sort(rng.integers(0, m, 2000)).astype(np.int64)
    jumps = rng.random(2000) < 0.05  # now and then far back or far ahead
    s_lo[jumps] = rng.integers(0, m, int(jumps.sum()))
    src_col = rng.integers(0, 5, 2000).astype(np.int64)
    s_hi = np.minimum(s_lo + rng.integers(0, 40, 2000), m)
    fast = _column_runs(dst, src_col, s_lo, s_hi)
    slow = _key_runs(dst, src_col, s_lo, s_hi, m)
    for a, b in zip(fast, slow, strict=True):
        assert np.array_equal(a, b)


@needs_core
def test_a_coverage_table_over_rows_out_of_order_is_numpys() -> None:
    """Entries not sorted by row (never made so by the aligner) take the sorted keys' way."""
    from workbench.align.sparse import coverage_table

    rng = np.random.default_rng(3)
    src = SparseRows(np.sort(rng.integers(0, 20, 80)), rng.integers(0, 15, 80),
                     rng.random(80), 20)
    dst = SparseRows(rng.integers(0, 25, 90), rng.integers(0, 15, 90), rng.random(90), 25)
    lo = np.minimum(np.arange(20) + 1, 25)
    assert np.array_equal(coverage_table(src, dst, lo, 4, 3),
                          coverage_table(src, dst, lo, 4, 3, native=False))


@needs_core
@pytest.mark.parametrize("chunk_pairs", [3, 7, 40, 1_000_000])
def test_a_coverage_table_in_chunks_cut_inside_a_row_is_numpys(
    chunk_pairs: int, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The core sums a row's cells in a buffer of that row, added to the table where the
    row's entries end or where a chunk ends among them: a cell some of whose instances fall
    in the next chunk is rounded to float32 twice, as NumPy's chunk by chunk sums do."""
    import workbench.align.sparse as sparse
    from workbench.align.sparse import coverage_table

    monkeypatch.setattr(sparse, "_CHUNK_PAIRS", chunk_pairs)
    rng = np.random.default_rng(7)
    src = SparseRows(np.sort(rng.integers(0, 30, 200)), rng.integers(0, 6, 200),
                     rng.random(200) * 1e-3 + rng.random(200), 30)
    dst = SparseRows(np.sort(rng.integers(0, 33, 260)), rng.integers(0, 6, 260),
                     rng.random(260), 33)
    lo = np.minimum(np.arange(30), 33)
    fast = coverage_table(src, dst, lo, 6, 4)
    assert fast.any()
    assert fast.tobytes() == coverage_table(src, dst, lo, 6, 4, native=False).tobytes()


@needs_core
@pytest.mark.parametrize("missing", ["column_runs", "running_sums"])
def test_a_core_built_before_column_runs_still_gives_the_coverage_tables(
    missing: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ``_dpcore`` built from an older source (no ``column_runs`` or ``running_sums``: the
    extension not rebuilt after an update) is still used for the rest, the index by column
    or the sums over run lengths then made by NumPy."""
    import workbench.align.sparse as sparse
    from workbench.align.sparse import coverage_table

    rng = np.random.default_rng(5)
    src = SparseRows(np.sort(rng.integers(0, 30, 120)), rng.integers(0, 20, 120),
                     rng.random(120), 30)
    dst = SparseRows(np.sort(rng.integers(0, 33, 140)), rng.integers(0, 20, 140),
                     rng.random(140), 33)
    lo = np.minimum(np.arange(30), 33)
    expected = coverage_table(src, dst, lo, 5, 3)
    core = native.core

    monkeypatch.setattr(sparse._native, "core", _OlderCore(core, missing))
    assert np.array_equal(coverage_table(src, dst, lo, 5, 3), expected)


@needs_core
@pytest.mark.parametrize("missing", ["ibm1_numbered", "first_numbers"])
def test_a_core_built_before_ibm1_numbered_still_gives_the_word_tables(
    missing: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ``_dpcore`` built before IBM 1's EM took the pairs by number (its ``ibm1_em`` took
    them by rank; ``ibm1_32`` took the instances joined; ``ibm1`` read int64: the extension
    not rebuilt after an update) is left out for the EM, which NumPy does; without the
    numbering the pairs keep their ranks."""
    rng = np.random.default_rng(2)
    ar = [[f"a{k}" for k in rng.integers(0, 30, 5)] for _ in range(60)]
    en = [[f"e{k}" for k in rng.integers(0, 30, 4)] for _ in range(60)]
    expected = lexicon.induce_table(ar, en)
    core = native.core

    monkeypatch.setattr(lexicon._native, "core", _OlderCore(core, missing))
    assert lexicon.induce_table(ar, en) == expected


@needs_core
@pytest.mark.parametrize("seed", range(4))
def test_the_em_by_the_pairs_first_numbers_is_the_em_by_their_ranks(seed: int) -> None:
    """The pairs numbered in the order the instances first name them (a link's new pairs side
    by side for the EM): each rank's number, a permutation; the instances renamed in place;
    and the EM over them, in C and in NumPy, gives every pair's t by rank bit for bit as over
    the ranks (each source's total still summed by rank), the null pairs after the word pairs
    keeping their numbers."""
    rng = np.random.default_rng(seed)
    n_real, nulls, n_src = int(rng.integers(1, 3000)), int(rng.integers(1, 50)), 60
    word = rng.integers(0, n_real, int(rng.integers(1, 40_000))).astype(np.int32)
    word[: n_real] = rng.permutation(n_real)[: len(word)]  # every word pair named
    tail = (n_real + rng.integers(0, nulls, 500)).astype(np.int32)
    slots = (rng.integers(0, 700, len(word)).astype(np.int32),
             rng.integers(0, 700, len(tail)).astype(np.int32))
    pair_src = rng.integers(0, n_src, n_real + nulls).astype(np.int32)
    by_rank = lexicon._ibm1(pair_src, slots, (word, tail), n_src)

    renamed = word.copy()
    number = lexicon._first_numbers(renamed, n_real)
    assert number is not None and sorted(number) == list(range(n_real))
    assert np.array_equal(renamed, number[word])
    firsts = renamed[np.sort(np.unique(renamed, return_index=True)[1])]
    assert np.array_equal(firsts, np.arange(len(firsts)))  # numbered as first named
    for native_ in (True, False):
        t = lexicon._ibm1(pair_src, slots, (renamed, tail), n_src, number, native=native_)
        assert t.tobytes() == by_rank.tobytes()


@needs_core
@pytest.mark.parametrize("seed", range(6))
def test_the_word_pairs_are_numbered_as_numpy_numbers_them(seed: int) -> None:
    """The C numbering of the word pairs (their keys never stored: a bitmap of the keys
    present) gives ``unique_inverse``'s distinct keys and ranks: many and few words a side,
    keys at a bitmap word's last bit, one instance; for wide keys (more than 64 a pair), int64
    entries or an int64 inverse NumPy numbers them."""
    from workbench.numeric import unique_inverse

    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 200_000))
    n_a, n_e = (int(x) for x in rng.choice([1, 2, 63, 64, 500, 3000], 2))
    a_w = rng.integers(0, n_a, int(rng.integers(1, 5000))).astype(np.int64)
    e_w = rng.integers(0, n_e, int(rng.integers(1, 5000))).astype(np.int64)
    a_w[0], e_w[0] = n_a - 1, n_e - 1
    for pos_type, dtype in ((np.int32, np.int32), (np.int32, np.int64), (np.int64, np.int32)):
        a_pos = rng.integers(0, len(a_w), n).astype(pos_type)
        e_pos = rng.integers(0, len(e_w), n).astype(pos_type)
        a_pos[0] = e_pos[0] = 0
        uniq, inverse = lexicon._pair_numbers(a_w, e_w, a_pos, e_pos, n_a, n_e, dtype)
        expected_uniq, expected_inverse = unique_inverse(a_w[a_pos] * (n_e + 1) + e_w[e_pos],
                                                         dtype)
        assert uniq.dtype == expected_uniq.dtype and inverse.dtype == expected_inverse.dtype
        assert np.array_equal(uniq, expected_uniq)
        assert np.array_equal(inverse, expected_inverse)


@needs_core
def test_a_core_built_before_pair_ranks_still_gives_the_word_tables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ``_dpcore`` built before the word pairs were numbered in C (not rebuilt after an
    update) leaves the numbering to NumPy: the same tables."""
    rng = np.random.default_rng(3)
    ar = [[f"a{k}" for k in rng.integers(0, 300, 6)] for _ in range(400)]
    en = [[f"e{k}" for k in rng.integers(0, 300, 5)] for _ in range(400)]
    calls: list[int] = []
    core = native.core
    real = core.pair_ranks

    class Spy:
        def __getattr__(self, name: str) -> object:
            if name == "pair_ranks":
                return lambda *args: calls.append(1) or real(*args)
            return getattr(core, name)

    monkeypatch.setattr(lexicon._native, "core", Spy())
    expected = lexicon.induce_table(ar, en)
    assert calls  # the C numbering served

    monkeypatch.setattr(lexicon._native, "core", _OlderCore(core, "pair_ranks"))
    assert lexicon.induce_table(ar, en) == expected


@needs_core
@pytest.mark.parametrize("seed", range(6))
def test_each_groups_words_are_numbered_in_c_as_numpy_numbers_them(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``_group_ids`` in C (one pass, a short sort per group) and in NumPy (sorts): the same
    entries, new numbers and old numbers, of the same types; empty groups, long groups
    (sorted by qsort), words repeated in a group, a core built before it, and numbers far
    beyond the ids' count (left to NumPy)."""
    rng = np.random.default_rng(seed)
    sizes = rng.choice([0, 1, 3, 12, 40, 300], int(rng.integers(1, 400)))
    vocabulary = 10**7 if seed == 5 else int(rng.choice([1, 5, 2000, 50_000]))
    ids = rng.integers(0, vocabulary, int(sizes.sum())).astype(np.int64)
    groups = lexicon.Numbered(ids, np.concatenate([[0], np.cumsum(sizes)]), [])
    expected = lexicon._group_ids(groups, native=False)
    for a, b in zip(lexicon._group_ids(groups), expected, strict=True):
        assert a.dtype == b.dtype and np.array_equal(a, b)
    monkeypatch.setattr(lexicon._native, "core", _OlderCore(native.core, "group_words"))
    for a, b in zip(lexicon._group_ids(groups), expected, strict=True):
        assert np.array_equal(a, b)


class _OlderCore:
    """A ``_dpcore`` built before ``missing`` was added to it (an extension not rebuilt
    after an update): every other function of ``core``."""

    def __init__(self, core: object, missing: str) -> None:
        self.core, self.missing = core, missing

    def __getattr__(self, name: str) -> object:
        if name == self.missing:
            raise AttributeError(name)
        return getattr(self.core, name)
