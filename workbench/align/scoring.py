"""The cost of a link between a group A of Arabic and a group E of English sentences.

cost(A, E) = w_len · length(A, E) + w_lex · [Σ_{a∈A} (1 − cov(a|E)) + Σ_{e∈E} (1 − cov(e|A))]
             + prior(|A|, |E|)

- *length*: δ²/2 with δ = (L_E − c·L_A) / sqrt(s²·(c·L_A + L_E)/2 + 1), lengths in
  subword units, ``c`` and ``s²`` calibrated on the document pair (Gale–Church's model);
- *coverage* ``cov(a|E)``: the share of sentence a's concept mass (anchors in the first pass,
  anchors and word translations in the second, weighted by rarity) found in the sentences of
  E, capped at 1 and smoothed towards a neutral ``tau`` when a holds little evidence. Every
  sentence of the link is judged on its own, so merging links that each match well gains
  nothing, while a sentence whose content is spread over two sentences of the other side
  (a true 1–2 link) is covered only by both;
- *prior*: a penalty for every link shape but 1–1 (re-estimated after the first pass).
Leaving a sentence unlinked costs ``skip`` plus its lexical cost with nothing to cover it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain
from typing import NamedTuple

import numpy as np

from workbench.align import native as _native
from workbench.align.dp import Band
from workbench.align.native import f32, f64, i64
from workbench.align.sparse import SparseRows, coverage_table
from workbench.numeric import sorted_intersection, unique_inverse
from workbench.threads import beside

MAX_GROUP = 9
# The search is made again with one-to-many links up to this many sentences a side where the
# first pass filled MAX_GROUP in several links (see aligner._widened): a translator who cuts
# unpunctuated Arabic periods into a dozen English sentences each.
WIDEST_GROUP = 24
# An opener (see :func:`openers`) has at most this many words ("Now, therefore,", "In witness
# whereof,", "وعليه،"): a longer line without a concept is a sentence the aligner has no words
# for (a long text has no basic vocabulary), not a fragment
OPENER_WORDS = 4
# The end of an opener: a comma, colon or semicolon (Latin or Arabic),
# then closing quotes or brackets
_OPENER_END = re.compile(r"[,:;\u060c\u061b][\s\"'”’»)\]]*$")
MAX_MANY = 3
DENSE_SHARE = 0.5  # a move possible in more than this share of the band is priced on all of it
STATS_BLOCK = 1_000_000  # entries (both sides) :meth:`Scorer.link_stats` groups at a time
# From this many cells a side (the coverage tables, log1p's values), the two sides or halves
# are computed at once, one in a thread (as _dpcore's SPLIT_CELLS: a thread's start is
# nothing beside them).
SIDE_BY_SIDE_CELLS = 200_000
# ... and only up to this many sentences (both sides) in the band or block priced: beyond, the
# two tables' temporaries held at once raised the peak (100,000 sentences with a dictionary,
# second-pass blocks of 40,000 rows: the import's peak 1,118-1,141 MB, in turn 950-973 MB).
SIDE_BY_SIDE_ROWS = 40_000


def moves_up_to(group_a: int, group_e: int) -> list[tuple[int, int]]:
    """The link shapes searched: 1–1, 1–l up to ``group_e``, k–1 up to ``group_a``, k–l up to
    MAX_MANY a side, and 1–0 (0–1 is a step of the search itself)."""
    return (
        [(1, 1)]
        + [(1, el) for el in range(2, group_e + 1)]
        + [(k, 1) for k in range(2, group_a + 1)]
        + [(k, el) for k in range(2, MAX_MANY + 1) for el in range(2, MAX_MANY + 1)]
        + [(1, 0)]
    )


MOVES: list[tuple[int, int]] = moves_up_to(MAX_GROUP, MAX_GROUP)


@dataclass
class Params:
    """Weights of the cost terms (see the module docstring)."""

    w_len: float = 1.0
    w_lex: float = 3.0
    eps: float = 0.3
    tau: float = 0.3
    skip: float = 4.0
    skip_lex: float = 1.0
    len_cap: float = 40.0
    nu: float = 4.0
    passes: int = 2
    prior_strength: float = 20.0
    subwords: bool = True
    merge: float = 1.5
    per_sentence: float = 0.5
    many: float = 4.5
    w_dict: float = 1.0
    temperature: float = 1.0
    priors: dict[tuple[int, int], float] = field(default_factory=dict)
    stability_check: bool = True  # without a dictionary: a check pass settles or flags runs
    basic_vocabulary: bool = True  # without a dictionary: the built-in basic vocabulary
    basic_long: bool = False  # ...on a text of any length (a long free one: aligner._aligned)
    omission_check: bool = True  # flag a link holding a sentence its other side leaves out
    omission_links: bool = True  # ...and give it a link of its own where clear, and let verse
    # lines and recaps be left out for less (omissions.py)
    end_gap: float = 10.0  # the cost of a text's head or tail left unlinked, beside its words
    partial: bool = True  # a path may start late and end early (heads and tails)
    clauses: bool = True  # a free translation aligned again as clauses (aligner.LOOSE_COVER)
    # and again with the cues its own links teach, at this weight (0: not; at 0.5 the literary
    # mean rises 0.673 -> 0.710 and every bench F1 row is the same or higher, but hayy with a
    # 38-word dictionary and no basic vocabulary falls 0.735 -> 0.687: BENCHMARKS.md, stop 51)
    cues: float = 0.5  # (times cues.WITH_DICTIONARY with a large dictionary of the user's)

    def default_prior(self, k: int, el: int) -> float:
        """The shape penalty before calibration."""
        if (k, el) == (1, 1):
            return 0.0
        many = self.many if k > 1 and el > 1 else 0.0
        return self.merge + (k + el - 3) * self.per_sentence + many

    def prior(self, k: int, el: int) -> float:
        """The shape penalty of a k–l link."""
        return self.priors.get((k, el), self.default_prior(k, el))


@dataclass
class LengthModel:
    """Expected English length per Arabic unit (``ratio``) and variance per unit (``s2``)."""

    ratio: float
    s2: float


@dataclass
class Scorer:
    """Everything needed to price links: cumulative lengths and sentence concept vectors.

    ``x`` (Arabic) and ``y`` (English) hold presence values in [0, 1] over shared columns;
    ``weight`` gives each column's weight (its rarity).
    """

    ar_cum: np.ndarray  # n + 1
    en_cum: np.ndarray  # m + 1
    x: SparseRows
    y: SparseRows
    weight: np.ndarray
    lengths: LengthModel
    params: Params
    weight_e: np.ndarray | None = None  # the English side's column weights (else ``weight``)
    # items of an enumerated list each sentence runs together (see :mod:`lists`): a 1–l link
    # of an Arabic sentence of c ≤ l items (k–1 of an English one) pays only the shape
    # penalty of its sentences beyond c (an item may take two sentences)
    ar_items: np.ndarray | None = None
    en_items: np.ndarray | None = None
    # openers (see :func:`openers`): a 1–l link whose English run starts with one (k–1: whose
    # Arabic run does) pays the shape penalty of its other sentences only, when the sentence
    # the opener opens shares a concept with the link's other side
    ar_open: np.ndarray | None = None
    en_open: np.ndarray | None = None
    # a bonus taken off every two-sided link that starts at the sentence (see :mod:`cues`)
    ar_start: np.ndarray | None = None
    en_start: np.ndarray | None = None
    # the share of ``skip`` waived for leaving each Arabic sentence unlinked (a verse line, a
    # recap: see :func:`omissions.left_out_skip`); its words' cost stays
    ar_skip: np.ndarray | None = None
    # a bonus taken off every two-sided link that starts where both sides start a paragraph
    # (see :func:`paragraphs.paragraph_starts`): the Arabic sentence's value times the English
    ar_par_start: np.ndarray | None = None
    en_par_start: np.ndarray | None = None
    # a cost added to every link of several sentences for each sentence after its first that
    # starts a paragraph the translation leaves out or adds, or the one after such a paragraph
    # (see :func:`paragraphs.paragraph_starts`)
    ar_par_cross: np.ndarray | None = None
    en_par_cross: np.ndarray | None = None

    @property
    def we(self) -> np.ndarray:
        """The column weights of the English side."""
        return self.weight if self.weight_e is None else self.weight_e

    @property
    def n(self) -> int:
        return len(self.ar_cum) - 1

    @property
    def m(self) -> int:
        return len(self.en_cum) - 1

    def sub(self, a0: int, a1: int, e0: int, e1: int) -> Scorer:
        """The scorer of Arabic sentences ``a0..a1-1`` and English ``e0..e1-1`` alone (same
        column weights and model), for pricing one block of rows."""
        return Scorer(
            self.ar_cum[a0 : a1 + 1] - self.ar_cum[a0], self.en_cum[e0 : e1 + 1] - self.en_cum[e0],
            self.x.rows(a0, a1), self.y.rows(e0, e1), self.weight, self.lengths, self.params,
            self.weight_e,
            None if self.ar_items is None else self.ar_items[a0:a1],
            None if self.en_items is None else self.en_items[e0:e1],
            None if self.ar_open is None else self.ar_open[a0:a1],
            None if self.en_open is None else self.en_open[e0:e1],
            None if self.ar_start is None else self.ar_start[a0:a1],
            None if self.en_start is None else self.en_start[e0:e1],
            None if self.ar_skip is None else self.ar_skip[a0:a1],
            None if self.ar_par_start is None else self.ar_par_start[a0:a1],
            None if self.en_par_start is None else self.en_par_start[e0:e1],
            None if self.ar_par_cross is None else self.ar_par_cross[a0:a1],
            None if self.en_par_cross is None else self.en_par_cross[e0:e1],
        )

    def coarse(self, factor: int) -> Scorer:
        """A scorer of units of ``factor`` consecutive sentences on each side (their lengths
        summed, their concepts merged): a short text whose alignment fixes the path."""

        def merge(v: SparseRows, rows: int) -> SparseRows:
            count = (rows + factor - 1) // factor
            width = int(v.col.max(initial=0)) + 1
            key = (v.row // factor) * width + v.col
            uniq, inv = unique_inverse(key)
            data = np.minimum(np.bincount(inv, weights=v.data), 1.0)
            return SparseRows(uniq // width, uniq % width, data, count)

        def cum(c: np.ndarray) -> np.ndarray:
            idx = np.arange(0, len(c) - 1, factor)
            return np.concatenate([c[idx], c[-1:]])

        return Scorer(
            cum(self.ar_cum), cum(self.en_cum), merge(self.x, self.n), merge(self.y, self.m),
            self.weight, self.lengths, self.params, self.weight_e,
        )

    def masses(self) -> tuple[np.ndarray, np.ndarray]:
        """The weighted concept mass of every Arabic and English sentence (read-only arrays,
        computed once a scorer: a pass's link costs, tails, heads and skip costs, and its
        posteriors', read them again, 23 times over the passes of a 10,000-sentence text; a
        scorer's vectors and weights are never changed, ``dataclasses.replace`` makes a new
        one)."""
        found: tuple[np.ndarray, np.ndarray] | None = self.__dict__.get("_masses")
        if found is None:
            ma = np.bincount(self.x.row, self.x.data * self.weight[self.x.col], minlength=self.n)
            me = np.bincount(self.y.row, self.y.data * self.we[self.y.col], minlength=self.m)
            ma.flags.writeable = me.flags.writeable = False
            found = self.__dict__["_masses"] = (ma, me)
        return found

    def length_cost(self, la: np.ndarray, le: np.ndarray) -> np.ndarray:
        """A robust (Student-t) cost of the length difference: δ²/2 near 0, log-like beyond."""
        c, s2 = self.lengths.ratio, self.lengths.s2
        delta = (le - c * la) / np.sqrt(s2 * (c * la + le) / 2 + 1.0)
        nu = self.params.nu
        return np.minimum(nu / 2 * np.log1p(delta * delta / nu), self.params.len_cap)

    def link_costs(
        self, band: Band, moves: list[tuple[int, int]], native: bool = True
    ) -> np.ndarray:
        """``out[x, i, d]``: the cost of move ``moves[x]`` ending at cell ``(i, lo[i] + d)``.

        inf where the move is impossible. ``native``: the cells' sums in C when it is built
        (False: NumPy; the same values).
        """
        n, m, p = self.n, self.m, self.params
        lo, hi = band.lo, band.hi
        cols = band.columns()
        shape = cols.shape
        row_ids = np.arange(n + 1)
        jc = np.minimum(cols, m)
        reach = max(max(k, el) for k, el in moves)  # the longest run any move prices
        eps, tau = p.eps, p.tau
        mass_a, mass_e = self.masses()
        w = self.weight
        # Arabic sentence a: English runs starting at e_lo[a] + t (every start a link holding
        # a may have in this band). English sentence e: Arabic runs starting at a_lo[e] + t.
        a_idx = np.arange(n)
        e_lo = np.maximum(lo[np.minimum(a_idx + 1, n)] - reach, 0)
        e_hi = np.minimum(hi[np.minimum(a_idx + reach, n)], m)
        win_a = int((e_hi - e_lo).max()) + 1 if n else 1
        e_idx = np.arange(m)
        first_row = np.searchsorted(hi, e_idx + 1, side="left")
        last_row = np.searchsorted(lo, e_idx + reach, side="right") - 1
        a_lo = np.maximum(first_row - reach, 0)
        win_e = int(np.maximum(last_row - a_lo, 0).max()) + 1 if m else 1
        xw = SparseRows(self.x.row, self.x.col, self.x.data * w[self.x.col], n)
        yw = SparseRows(self.y.row, self.y.col, self.y.data * self.we[self.y.col], m)
        # gap = 1 − coverage, per sentence and run (start offset, run length), flattened.
        def arabic_gaps() -> np.ndarray:
            return _gaps(coverage_table(xw, self.y, e_lo, win_a, reach), mass_a, eps, tau)

        def english_gaps() -> np.ndarray:
            return _gaps(coverage_table(yw, self.x, a_lo, win_e, reach), mass_e, eps, tau)

        if (n * win_a + m * win_e) * reach >= 2 * SIDE_BY_SIDE_CELLS and n + m <= SIDE_BY_SIDE_ROWS:
            # the two tables at once: their loops are C and NumPy's, without the
            # interpreter's lock, and neither reads what the other writes
            with beside(arabic_gaps) as arabic:
                gap_e = english_gaps()
                gap_a = arabic.result()
        else:
            gap_a, gap_e = arabic_gaps(), english_gaps()
        base_a = (a_idx * win_a - e_lo) * reach
        base_e = (e_idx * win_e - a_lo) * reach
        if native and _native.core is not None and n and m:
            out = self._costs_in_c(band, moves, (gap_a, gap_e), (base_a, base_e), reach)
            self._skip_costs(out, moves, band, mass_a)
            self._opener_waivers(out, moves, band, (gap_a, gap_e), (base_a, base_e), reach,
                                 (mass_a, mass_e))
            self._start_bonus(out, moves, band)
            return out
        jc_reach = jc * reach
        rows_reach = (row_ids * reach)[:, None]
        last_a = max(len(gap_a) - 1, 0)
        last_e = max(len(gap_e) - 1, 0)
        e_base: dict[int, np.ndarray] = {}

        def arabic_gap(t: int, el: int) -> np.ndarray:
            """1 − coverage of Arabic sentence i−t by the English run j−l .. j−1."""
            if not n:
                return np.ones(shape, dtype=np.float32)
            a = np.clip(row_ids - t, 0, n - 1)
            idx = (base_a[a] + (el - 1) - el * reach)[:, None] + jc_reach
            np.clip(idx, 0, last_a, out=idx)
            return gap_a.take(idx)

        def english_gap(u: int, k: int) -> np.ndarray:
            """1 − coverage of English sentence j−u by the Arabic run i−k .. i−1."""
            if not m:
                return np.ones(shape, dtype=np.float32)
            if u not in e_base:
                e_base[u] = base_e.take(np.clip(jc - u, 0, m - 1))
            idx = e_base[u] + (rows_reach + ((k - 1) - k * reach))
            np.clip(idx, 0, last_e, out=idx)
            return gap_e.take(idx)

        usable = (cols <= hi[:, None]) & (cols <= m)

        out = np.empty((len(moves), *shape), dtype=np.float32)
        slot = {mv: x for x, mv in enumerate(moves)}

        def finish(k: int, el: int, lex: np.ndarray) -> None:
            ok = usable & (row_ids >= k)[:, None] & (cols >= el)
            target = out[slot[(k, el)]]
            waived = self._listed(k, el, row_ids, jc)
            if np.count_nonzero(ok) > DENSE_SHARE * ok.size:
                # Possible in most cells: priced on the whole band at once.
                before = np.maximum(row_ids - k, 0)
                la = (self.ar_cum - self.ar_cum[before])[:, None]
                le = self.en_cum[jc] - self.en_cum[np.maximum(jc - el, 0)]
                cost = self.length_cost(la, le) * p.w_len
                cost += p.w_lex * lex
                cost += p.prior(k, el)
                if waived is not None:
                    cost -= waived
                np.copyto(target, np.where(ok, cost, np.inf), casting="same_kind")
                return
            # Priced only where the move is possible (often a small share of the band).
            at = np.flatnonzero(ok)
            row_at = at // shape[1]
            la = (self.ar_cum - self.ar_cum[np.maximum(row_ids - k, 0)])[row_at]
            jc_at = jc.reshape(-1)[at]
            le = self.en_cum[jc_at] - self.en_cum[np.maximum(jc_at - el, 0)]
            cost = self.length_cost(la, le) * p.w_len
            cost += p.w_lex * lex.reshape(-1)[at]
            cost += p.prior(k, el)
            if waived is not None:
                cost -= np.broadcast_to(waived, shape).reshape(-1)[at]
            target.fill(np.inf)
            target.reshape(-1)[at] = cost

        # Moves come in families that share their coverage terms: 1–l, k–1, then k–l.
        wanted = set(moves)
        english_run = np.zeros(shape, dtype=np.float32)  # Σ_u gap(e = j−u | a = i−1)
        for el in range(1, reach + 1):
            english_run += english_gap(el, 1)
            if (1, el) in wanted:
                finish(1, el, arabic_gap(1, el) + english_run)
        arabic_run = arabic_gap(1, 1)  # Σ_t gap(a = i−t | e = j−1)
        for k in range(2, reach + 1):
            arabic_run = arabic_run + arabic_gap(k, 1)
            if (k, 1) in wanted:
                finish(k, 1, arabic_run + english_gap(1, k))
        for k, el in moves:
            if k > 1 and el > 1:
                lex = np.zeros(shape, dtype=np.float32)
                for t in range(1, k + 1):
                    lex += arabic_gap(t, el)
                for u in range(1, el + 1):
                    lex += english_gap(u, k)
                finish(k, el, lex)
        self._skip_costs(out, moves, band, mass_a)
        self._opener_waivers(out, moves, band, (gap_a, gap_e), (base_a, base_e), reach,
                             (mass_a, mass_e))
        self._start_bonus(out, moves, band)
        return out

    def _start_bonus(self, out: np.ndarray, moves: list[tuple[int, int]], band: Band) -> None:
        """Lowers in ``out`` the cost of every two-sided move by the bonuses of the sentences
        it starts with (``ar_start``, ``en_start``) and the product of their paragraph-start
        values (``ar_par_start``, ``en_par_start``), and raises it by the paragraph-crossing
        costs of its sentences after the first (``ar_par_cross``, ``en_par_cross``), when
        they are given."""
        n, m = self.n, self.m
        starts = self.ar_start is not None and self.en_start is not None
        pars = self.ar_par_start is not None and self.en_par_start is not None
        cross = self.ar_par_cross is not None and self.en_par_cross is not None
        if not (starts or pars or cross) or not (n and m):
            return
        rows = np.arange(n + 1)[:, None]
        cols = np.minimum(band.columns(), m)
        if cross:  # (the costs of sentences 0 .. i - 1, per side)
            ca = np.concatenate([[0.0], np.cumsum(self.ar_par_cross)]).astype(np.float32)
            ce = np.concatenate([[0.0], np.cumsum(self.en_par_cross)]).astype(np.float32)
        for x, (k, el) in enumerate(moves):
            if k and el:
                a = np.clip(rows - k, 0, n - 1)
                if starts:
                    out[x] -= self.ar_start[a]
                    out[x] -= self.en_start[np.clip(cols - el, 0, m - 1)]
                if pars:  # (on the rows of links that start at an Arabic paragraph start)
                    hit = np.flatnonzero(self.ar_par_start[a[:, 0]])
                    out[x, hit] -= self.ar_par_start[a[hit]] * self.en_par_start[
                        np.clip(cols[hit] - el, 0, m - 1)]
                if cross and (k > 1 or el > 1):  # (sentences i - k + 1 .. i - 1, j - l + 1 ..)
                    out[x] += ca[np.minimum(rows, n)] - ca[np.clip(rows - k + 1, 0, n)]
                    out[x] += ce[cols] - ce[np.clip(cols - el + 1, 0, m)]

    def _skip_costs(
        self, out: np.ndarray, moves: list[tuple[int, int]], band: Band, mass_a: np.ndarray
    ) -> None:
        """The slot of move (1, 0) in ``out``: leaving the Arabic sentence i − 1 unlinked."""
        if (1, 0) not in moves:
            return
        n, p = self.n, self.params
        row_ids = np.arange(n + 1)
        cols = band.columns()
        a = np.clip(row_ids - 1, 0, max(n - 1, 0))
        own = (self.flat_skip_ar()[a] + self._unexplained(mass_a[a]) if n
               else np.full(n + 1, p.skip))
        skip = np.broadcast_to(own[:, None], cols.shape)
        valid = (cols <= band.hi[:, None]) & (cols <= self.m) & (row_ids >= 1)[:, None]
        out[moves.index((1, 0))] = np.where(valid, skip, np.inf)

    def _costs_in_c(
        self, band: Band, moves: list[tuple[int, int]], gaps: tuple[np.ndarray, np.ndarray],
        bases: tuple[np.ndarray, np.ndarray], reach: int,
    ) -> np.ndarray:
        """:meth:`link_costs` of every move but (1, 0), by ``_dpcore``'s ``link_lex`` and
        ``link_finish`` around NumPy's log1p (so that every value is NumPy's, bit for bit)."""
        assert _native.core is not None
        p, lengths = self.params, self.lengths
        shape = (len(band.lo), band.width)
        out = np.empty((len(moves), *shape), dtype=np.float32)
        z = np.empty(out.shape, dtype=np.float64)
        move_arr = np.asarray(moves, dtype=np.int64).reshape(-1)
        none = np.zeros(0, dtype=np.int64)
        _native.core.link_lex(
            out, z, f32(gaps[0]), f32(gaps[1]), i64(bases[0]), i64(bases[1]),
            i64(band.lo), i64(band.hi), f64(self.ar_cum), f64(self.en_cum), move_arr,
            self.n, self.m, band.width, reach, lengths.ratio, lengths.s2, p.nu, p.w_lex,
        )
        _log1p_in_place(z.reshape(-1))
        side = np.zeros(len(moves), dtype=np.int64)
        waive = np.zeros((len(moves), MAX_GROUP + 1), dtype=np.float32)
        for x, (k, el) in enumerate(moves):
            if max(k, el) > MAX_GROUP:  # the C loop's table of waivers stops there
                continue
            if k == 1 and el > 1 and self.ar_items is not None:
                side[x] = 1
            elif el == 1 and k > 1 and self.en_items is not None:
                side[x] = 2
            else:
                continue
            table = self._waivers(k, el)
            waive[x, : len(table)] = table
        _native.core.link_finish(
            out, z, i64(band.lo), move_arr, np.array([p.prior(k, el) for k, el in moves]),
            side, waive, none if self.ar_items is None else i64(self.ar_items),
            none if self.en_items is None else i64(self.en_items), self.n, self.m,
            band.width, p.nu / 2, p.len_cap, p.w_len,
        )
        return out

    def _opener_waivers(
        self, out: np.ndarray, moves: list[tuple[int, int]], band: Band,
        gaps: tuple[np.ndarray, np.ndarray], bases: tuple[np.ndarray, np.ndarray], reach: int,
        masses: tuple[np.ndarray, np.ndarray],
    ) -> None:
        """Lowers in ``out`` the cost of every 1–l (k–1) move whose English (Arabic) run
        starts with an opener by the shape penalty it adds (that of a 1–l over a 1–(l−1)
        link), where the sentence after the opener shares a concept with the link's one
        sentence on the other side (its coverage by it is above nothing; else nothing tells
        which link the opener belongs to). ``gaps``, ``bases``, ``reach``, ``masses``: as
        :meth:`link_costs` computed them."""
        n, m, p = self.n, self.m, self.params
        has_e = self.en_open is not None and bool(self.en_open[:-1].any())
        has_a = self.ar_open is not None and bool(self.ar_open[:-1].any())
        if not (n and m and (has_e or has_a)):
            return
        slot = {mv: x for x, mv in enumerate(moves)}
        cols = np.minimum(band.columns(), m)
        rows = np.arange(n + 1)[:, None]
        for arabic in (False, True):
            if not (has_a if arabic else has_e):
                continue
            # run: the cells' row (Arabic) or column (English) index; other: the other's
            opens, run, other = ((self.ar_open, rows, cols) if arabic
                                 else (self.en_open, cols, rows))
            gap, base = gaps[0 if arabic else 1], bases[0 if arabic else 1]
            size = n if arabic else m
            nothing = _gaps(np.zeros((size, 1, 1), dtype=np.float32),
                            masses[0 if arabic else 1], p.eps, p.tau)
            items = self.en_items if arabic else self.ar_items
            assert opens is not None
            for el in range(2, reach + 1):
                move = (el, 1) if arabic else (1, el)
                x = slot.get(move)
                if x is None:
                    continue
                ok = (run >= el) & opens[np.clip(run - el, 0, size - 1)] & (other >= 1)
                if not ok.any():
                    continue
                opened = np.clip(run - el + 1, 0, size - 1)  # the sentence the opener opens
                # its coverage by the link's one sentence on the other side (other - 1)
                idx = np.clip(base[opened] + (other - 1) * reach, 0, len(gap) - 1)
                ok &= gap.take(idx) < nothing[opened]
                if items is not None:  # a list's waiver is not added to
                    ok &= items[np.clip(other - 1, 0, len(items) - 1)] <= 1
                shorter = (el - 1, 1) if arabic else (1, el - 1)
                out[x][ok] -= p.prior(*move) - p.prior(*shorter)

    def _listed(
        self, k: int, el: int, row_ids: np.ndarray, jc: np.ndarray
    ) -> np.ndarray | None:
        """For a 1–l (k–1) move: at each cell, the shape penalty its Arabic (English) sentence's
        list waives, that of a 1–c (c–1) link for c items (c ≤ l); None if none does (nor
        for a move wider than MAX_GROUP, as in the C loop)."""
        if max(k, el) > MAX_GROUP:
            return None
        if k == 1 and el > 1 and self.ar_items is not None and self.n:
            count = self.ar_items[np.clip(row_ids - 1, 0, self.n - 1)][:, None]
        elif el == 1 and k > 1 and self.en_items is not None and self.m:
            count = self.en_items[np.clip(jc - 1, 0, self.m - 1)]
        else:
            return None
        size = max(k, el)
        hit = (count > 1) & (count <= size)
        if not hit.any():
            return None
        waived = np.asarray(self._waivers(k, el), dtype=np.float32)
        return np.where(hit, waived[np.minimum(count, size)], 0.0)

    def _waivers(self, k: int, el: int) -> list[float]:
        """For a 1–l (k–1) move, by the count c of list items: the shape penalty waived, that
        of a 1–c (c–1) link (none for c < 2)."""
        p = self.params
        return [0.0, 0.0] + [min(p.prior(k, el), p.prior(c, 1) if k > 1 else p.prior(1, c))
                             for c in range(2, max(k, el) + 1)]

    def _unexplained(self, mass: np.ndarray) -> np.ndarray:
        """The lexical cost of sentences (of these concept masses) that nothing covers."""
        p = self.params
        return p.skip_lex * p.w_lex * (1.0 - (p.eps * p.tau) / (mass + p.eps))

    def tails(self) -> tuple[np.ndarray, np.ndarray]:
        """The costs of ending a path early (``dp.search``'s ``tails``): leaving the Arabic
        sentences i.. (or the English j..) unlinked costs ``end_gap`` once plus each one's
        lexical cost with nothing to cover it — the per-sentence ``skip`` waived, so that a
        translation of the text's beginning only (or of a longer text) leaves the rest
        unlinked instead of stretching its last sentences over it."""

        def tail(mass: np.ndarray) -> np.ndarray:
            out = np.concatenate([np.cumsum(self._unexplained(mass)[::-1])[::-1], [0.0]])
            out[:-1] += self.params.end_gap
            return out

        mass_a, mass_e = self.masses()
        return tail(mass_a), tail(mass_e)

    def heads(self) -> tuple[np.ndarray, np.ndarray]:
        """The costs of starting a path late, the mirror of :meth:`tails` (one text
        translates the other's end only, or adds a preface): ``heads()[0][i]`` leaves the
        Arabic sentences ..i-1 unlinked before the first link, ``[1][j]`` the English ..j-1,
        for ``end_gap`` once plus their lexical costs (0 at 0)."""

        def head(mass: np.ndarray) -> np.ndarray:
            out = np.concatenate([[0.0], np.cumsum(self._unexplained(mass))])
            out[1:] += self.params.end_gap
            return out

        mass_a, mass_e = self.masses()
        return head(mass_a), head(mass_e)

    def flat_skip_ar(self) -> np.ndarray:
        """The per-sentence part of leaving each Arabic sentence unlinked (``skip``, less
        the share ``ar_skip`` waives)."""
        if self.ar_skip is None:
            return np.full(self.n, self.params.skip)
        return self.params.skip * (1.0 - self.ar_skip)

    def skip_en(self) -> np.ndarray:
        """The cost of leaving each English sentence unlinked."""
        _, mass_e = self.masses()
        return self.params.skip + self._unexplained(mass_e)

    def link_stats(self, links: list[tuple[list[int], list[int]]]) -> tuple[np.ndarray, np.ndarray]:
        """Per link: its length cost and its coverage (0..1, both sides' sentences averaged),
        read-only. The last links' are kept: a pass's search asks for its links' (to find
        the sentences they leave out, :func:`omissions.split_left_out`), and the pass for
        them again after it when none was split off."""
        key = _links_key(links)
        last = self.__dict__.get("_last_stats")
        if last is not None and all(map(np.array_equal, last[0], key)):
            return last[1]
        stats = self._link_stats(links)
        for values in stats:
            values.flags.writeable = False
        self.__dict__["_last_stats"] = (key, stats)
        return stats

    def _link_stats(self, links: list[tuple[list[int], list[int]]]
                    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`link_stats`, computed."""
        count = len(links)
        length = np.zeros(count)
        a_link = _owners(self.n, [ar for ar, _ in links])
        e_link = _owners(self.m, [en for _, en in links])
        spans = _spans(links)
        both = spans[:, 1] > spans[:, 0]
        la = self.ar_cum[spans[:, 1]] - self.ar_cum[spans[:, 0]]
        le = self.en_cum[spans[:, 3]] - self.en_cum[spans[:, 2]]
        length[both] = self.length_cost(la[both], le[both])
        width = int(max(self.x.col.max(initial=0), self.y.col.max(initial=0))) + 1
        owner_a, owner_e = a_link[self.x.row], e_link[self.y.row]
        mass_a, mass_e = np.zeros(count), np.zeros(count)
        found_a, found_e = np.zeros(count), np.zeros(count)
        # A link's sums read its own entries only, in the same order however the links are
        # cut: a block of links at a time keeps the keys and sort of every entry at once out
        # of memory (at 100,000 sentences with a dictionary, 9 million entries).
        step = max(1, count * STATS_BLOCK // max(len(owner_a) + len(owner_e), 1))
        for first in range(0, count, step):
            part = (first, first + step)
            ka, va = _grouped(self.x, owner_a, part, width)
            ke, ve = _grouped(self.y, owner_e, part, width)
            mass_a += np.bincount(ka // width, weights=va * self.weight[ka % width],
                                  minlength=count)
            mass_e += np.bincount(ke // width, weights=ve * self.we[ke % width], minlength=count)
            common, ia, ie = sorted_intersection(ka, ke)
            both = np.minimum(va[ia], ve[ie])
            found_a += np.bincount(common // width, weights=both * self.weight[common % width],
                                   minlength=count)
            found_e += np.bincount(common // width, weights=both * self.we[common % width],
                                   minlength=count)
        p = self.params
        smooth = p.eps * p.tau
        cover = ((found_a + smooth) / (mass_a + p.eps) + (found_e + smooth) / (mass_e + p.eps)) / 2
        return length, np.minimum(cover, 1.0)

    def weakest_parts(self, links: list[tuple[list[int], list[int]]]) -> WeakParts:
        """Per link of several sentences on a side: the lowest coverage of one of them by the
        link's other side (its own concepts found there), how much the link's length cost
        falls when that sentence is taken out (positive: it fits better without), and that
        sentence's concept weight (how far its coverage can be trusted), index and side.
        Other links: 1, 0, 0, -1. A sentence the translator left out, merged into its
        neighbour's link, shows as a part the other side does not translate and whose length
        it does not need."""
        count = len(links)
        own, gain, weight_of = np.ones(count), np.zeros(count), np.zeros(count)
        spans = _spans(links)
        a_link = np.full(self.n, -1)
        e_link = np.full(self.m, -1)
        linked = np.flatnonzero(spans[:, 1] > spans[:, 0])
        for owner, lo, hi in ((a_link, 0, 1), (e_link, 2, 3)):
            size = spans[linked, hi] - spans[linked, lo]
            owner[np.repeat(spans[linked, lo], size) + _ranks(size)] = np.repeat(linked, size)
        width = int(max(self.x.col.max(initial=0), self.y.col.max(initial=0))) + 1
        p = self.params
        best = np.full(count, np.inf)
        best_sentence = np.full(count, -1)
        best_arabic = np.zeros(count, dtype=bool)
        for vecs, weight, owner, other, other_owner, side in (
            (self.x, self.weight, a_link, self.y, e_link, (0, 1)),
            (self.y, self.we, e_link, self.x, a_link, (2, 3)),
        ):
            many = spans[:, side[1]] - spans[:, side[0]] > 1
            keep = (owner[vecs.row] >= 0) & many[np.maximum(owner[vecs.row], 0)]
            sents = np.flatnonzero((owner >= 0) & many[np.maximum(owner, 0)])
            if not len(sents):
                continue
            mass = np.zeros(len(owner))
            got = np.zeros(len(owner))
            if keep.any():
                key, inv = unique_inverse(vecs.row[keep] * width + vecs.col[keep])
                mine = np.minimum(np.bincount(inv, weights=vecs.data[keep]), 1.0)
                sent, col = key // width, key % width
                theirs_keep = other_owner[other.row] >= 0
                tkey, tinv = unique_inverse(other_owner[other.row][theirs_keep] * width
                                            + other.col[theirs_keep])
                theirs = np.minimum(np.bincount(tinv, weights=other.data[theirs_keep]), 1.0)
                found = np.zeros(len(key))
                if len(tkey):
                    look = owner[sent] * width + col
                    at = np.minimum(np.searchsorted(tkey, look), len(tkey) - 1)
                    found = np.where(tkey[at] == look, np.minimum(mine, theirs[at]), 0.0)
                mass = np.bincount(sent, weights=mine * weight[col], minlength=len(owner))
                got = np.bincount(sent, weights=found * weight[col], minlength=len(owner))
            part = (got[sents] + p.eps * p.tau) / (mass[sents] + p.eps)
            order = np.lexsort((part, owner[sents]))  # each link's weakest sentence first
            first = order[np.r_[True, np.diff(owner[sents][order]) != 0]]
            links_of, weakest = owner[sents][first], sents[first]
            better = part[first] < best[links_of]
            links_of, weakest = links_of[better], weakest[better]
            best[links_of] = part[first][better]
            best_sentence[links_of] = weakest
            best_arabic[links_of] = side[0] == 0
            weight_of[links_of] = mass[weakest]
        found_links = np.flatnonzero(best_sentence >= 0)
        if not len(found_links):
            return WeakParts(own, gain, weight_of, best_sentence, best_arabic)
        own[found_links] = np.minimum(best[found_links], 1.0)
        sp = spans[found_links]
        la = self.ar_cum[sp[:, 1]] - self.ar_cum[sp[:, 0]]
        le = self.en_cum[sp[:, 3]] - self.en_cum[sp[:, 2]]
        k = best_sentence[found_links]
        arabic = best_arabic[found_links]
        ka, ke = np.where(arabic, k, 0), np.where(arabic, 0, k)
        cut_a = np.where(arabic, self.ar_cum[ka + 1] - self.ar_cum[ka], 0.0)
        cut_e = np.where(arabic, 0.0, self.en_cum[ke + 1] - self.en_cum[ke])
        gain[found_links] = self.length_cost(la, le) - self.length_cost(la - cut_a, le - cut_e)
        return WeakParts(own, gain, weight_of, best_sentence, best_arabic)


class WeakParts(NamedTuple):
    """:meth:`Scorer.weakest_parts`, one value per link."""

    own: np.ndarray  # the weakest sentence's coverage by the link's other side
    gain: np.ndarray  # the link's length cost less its cost without that sentence
    weight: np.ndarray  # that sentence's concept weight
    sentence: np.ndarray  # its index (-1: no link of several sentences on a side)
    arabic: np.ndarray  # whether it is Arabic


class BlockCosts:
    """Link costs of a band computed block by block of rows (the whole cube never exists at
    once when it is large): ``get(k)`` gives ``out[x, i - start, d]`` for the rows of block k.

    Down the first column, leaving an Arabic sentence unlinked (move (1, 0)) costs what
    :meth:`Scorer.heads` adds for it when that is cheaper: a path may start late."""

    DTYPE = np.float32  # of every block (the full band's width), as the C loops read them
    BUDGET = 16 * 1024 * 1024  # bytes of one block's costs
    CACHE = 128 * 1024 * 1024  # all blocks are kept when they fit in this

    def __init__(self, scorer: Scorer, band: Band, moves: list[tuple[int, int]]) -> None:
        self.scorer, self.band, self.moves = scorer, band, moves
        self.reach = max(max(mv) for mv in moves)  # the longest run a move prices
        n = band.n
        per_row = len(moves) * band.width * 4
        size = max(64, self.BUDGET // max(per_row, 1))
        self.blocks = [(i, min(i + size, n + 1)) for i in range(0, n + 1, size)]
        self.keep = per_row * (n + 1) <= self.CACHE
        self._cache: dict[int, np.ndarray] = {}
        self._head: np.ndarray | None = None
        self.cells = 0  # cells priced (all blocks, every time), for tests and figures

    def get(self, k: int) -> np.ndarray:
        """The costs of block ``k`` (moves × its rows × band width)."""
        hit = self._cache.get(k)
        if hit is not None:
            return hit
        start, stop = self.blocks[k]
        band, sc = self.band, self.scorer
        if len(self.blocks) == 1:
            out = sc.link_costs(band, self.moves)
        else:
            a0 = max(0, start - self.reach)
            a1 = stop - 1
            e0 = max(0, int(band.lo[a0]) - self.reach)
            e1 = int(band.hi[a1])
            local = Band(band.lo[a0 : a1 + 1] - e0, band.hi[a0 : a1 + 1] - e0, e1 - e0)
            part = sc.sub(a0, a1, e0, e1).link_costs(local, self.moves)
            out = np.full((len(self.moves), stop - start, band.width), np.inf, dtype=self.DTYPE)
            out[:, :, : part.shape[2]] = part[:, start - a0 :, :]
        self._first_column(start, out)
        self.cells += out.shape[1] * out.shape[2]
        if self.keep:
            self._cache[k] = out
        return out


    def _first_column(self, start: int, out: np.ndarray) -> None:
        """Move (1, 0) at the first column's cells of the rows from ``start``: the step of
        the Arabic head's cost (:meth:`Scorer.heads`)."""
        if (1, 0) not in self.moves or not self.scorer.params.partial:
            return
        if self._head is None:  # the cheaper of the head and skipping each sentence
            late, p = self.scorer.heads()[0], self.scorer.params
            flat = np.concatenate([[0.0], np.cumsum(self.scorer.flat_skip_ar())])
            skipped = late + (flat[: len(late)] - p.end_gap)
            skipped[0] = 0.0
            self._head = np.diff(np.minimum(late, skipped), prepend=0.0)
        rows = start + np.flatnonzero(self.band.lo[start : start + out.shape[1]] == 0)
        rows = rows[rows >= 1]
        out[self.moves.index((1, 0)), rows - start, 0] = self._head[rows]


def openers(sentences: list[str], concepts: SparseRows) -> np.ndarray:
    """Which sentences are openers: a fragment of at most ``OPENER_WORDS`` words with no
    concept to match it by (no anchor, no dictionary word), ending with a comma, colon or
    semicolon, as a line of connectives does ("Now, therefore,", "وعليه،"). Nothing but
    lengths places it, and lengths join it to the longer neighbour; its punctuation says
    it opens the next sentence."""
    out = np.bincount(concepts.row, minlength=len(sentences)) == 0  # bare, then openers
    for k in np.flatnonzero(out):  # the words and the end read only where no concept is
        s = sentences[k]
        out[k] = len(s.split()) <= OPENER_WORDS and bool(_OPENER_END.search(s))
    return out


def _log1p_in_place(z: np.ndarray) -> None:
    """``np.log1p(z, out=z)``, in two halves at once when ``z`` is large (each value is
    NumPy's log1p of its own, whichever part it is in: the same values, bit for bit)."""
    half = len(z) // 2
    if half < SIDE_BY_SIDE_CELLS:
        np.log1p(z, out=z)
        return
    with beside(np.log1p, z[:half], z[:half]) as first:
        np.log1p(z[half:], out=z[half:])
        first.result()


def _gaps(covered: np.ndarray, mass: np.ndarray, eps: float, tau: float) -> np.ndarray:
    """1 − smoothed coverage share, in place, flattened to float32."""
    covered += eps * tau
    covered /= (mass + eps).astype(np.float32)[:, None, None]
    np.minimum(covered, 1.0, out=covered)
    np.subtract(1.0, covered, out=covered)
    return covered.astype(np.float32, copy=False).ravel()


def _ranks(sizes: np.ndarray) -> np.ndarray:
    """0, 1, …, size − 1 for each size, concatenated."""
    total = int(sizes.sum())
    starts = np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.arange(total) - starts


def _spans(links: list[tuple[list[int], list[int]]]) -> np.ndarray:
    """Per link with both sides: its first and end Arabic and English sentence (int64,
    links x 4); zeros for a link with an empty side."""
    rows = [(ar[0], ar[-1] + 1, en[0], en[-1] + 1) if ar and en else (0, 0, 0, 0)
            for ar, en in links]
    return np.array(rows, dtype=np.int64).reshape(len(links), 4)


def _grouped(
    v: SparseRows, owner: np.ndarray, part: tuple[int, int], width: int
) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (link, column) keys of the entries of ``v`` whose link (``owner``, one
    an entry) is in ``part`` (first, stop), ascending, and each key's presence (summed, at
    most 1)."""
    keep = (owner >= part[0]) & (owner < part[1])
    key = owner[keep] * width + v.col[keep]
    uniq, inv = unique_inverse(key)
    return uniq, np.minimum(np.bincount(inv, weights=v.data[keep]), 1.0)


def _links_key(links: list[tuple[list[int], list[int]]]) -> tuple[np.ndarray, np.ndarray]:
    """``links`` as two arrays, equal for equal links: each side's size in turn, and every
    index in turn (a copy of their lists took 18 MB at 100,000 links, these 3)."""
    sides = list(chain.from_iterable(links))
    sizes = np.fromiter(map(len, sides), dtype=np.int64, count=len(sides))
    return sizes, np.fromiter(chain.from_iterable(sides), dtype=np.int64, count=int(sizes.sum()))


def _owners(size: int, sides: list[list[int]]) -> np.ndarray:
    """For each of ``size`` sentences, the index of the link whose side holds it (-1: none)."""
    out = np.full(size, -1)
    counts = np.fromiter(map(len, sides), dtype=np.int64, count=len(sides))
    held = np.fromiter(chain.from_iterable(sides), dtype=np.int64, count=int(counts.sum()))
    out[held] = np.repeat(np.arange(len(sides)), counts)
    return out
