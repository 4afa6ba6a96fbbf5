"""A word-translation table induced from confidently aligned sentence groups (IBM model 1).

The first alignment pass gives groups of Arabic and English sentences that surely translate
each other; a few EM iterations of IBM model 1 in both directions over their content-word
stems give t(english | arabic) and t(arabic | english). A pair's weight is the geometric
mean of the two, so that a pair must be likely both ways.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

ITERATIONS = 6
MIN_WEIGHT = 0.08
TOP = 3


def _ibm1(
    src: np.ndarray, tgt: np.ndarray, slot: np.ndarray, pair: np.ndarray, n_pairs: int
) -> np.ndarray:
    """t(target | source) for every distinct pair, by EM over pair instances.

    ``slot`` numbers the (link, target word) the instance explains; ``pair`` its distinct pair.
    """
    t = np.ones(n_pairs)
    n_src = int(src.max()) + 1 if len(src) else 0
    for _ in range(ITERATIONS):
        p = t[pair]
        norm = np.bincount(slot, weights=p)
        post = p / norm[slot]
        counts = np.bincount(pair, weights=post, minlength=n_pairs)
        pair_src = np.zeros(n_pairs, dtype=np.int64)
        pair_src[pair] = src
        totals = np.bincount(pair_src, weights=counts, minlength=n_src)
        t = counts / np.maximum(totals[pair_src], 1e-12)
    return t


def induce_table(
    ar_groups: Sequence[Sequence[str]], en_groups: Sequence[Sequence[str]]
) -> dict[str, list[tuple[str, float]]]:
    """For each Arabic stem, its likely English stems with weights, from aligned groups.

    ``ar_groups[g]`` and ``en_groups[g]`` are the stems of the g-th pair of aligned groups.
    """
    ar_vocab: dict[str, int] = {}
    en_vocab: dict[str, int] = {}
    rows_a: list[np.ndarray] = []
    rows_e: list[np.ndarray] = []
    rows_g: list[np.ndarray] = []
    for g, (a_words, e_words) in enumerate(zip(ar_groups, en_groups, strict=True)):
        a_ids = np.array(sorted({ar_vocab.setdefault(w, len(ar_vocab)) for w in a_words}))
        e_ids = np.array(sorted({en_vocab.setdefault(w, len(en_vocab)) for w in e_words}))
        if not len(a_ids) or not len(e_ids):
            continue
        aa, ee = np.meshgrid(a_ids, e_ids, indexing="ij")
        rows_a.append(aa.ravel())
        rows_e.append(ee.ravel())
        rows_g.append(np.full(aa.size, g))
    if not rows_a:
        return {}
    a = np.concatenate(rows_a)
    e = np.concatenate(rows_e)
    g = np.concatenate(rows_g)
    n_e = len(en_vocab)
    n_a = len(ar_vocab)
    # Null words: one per group on each side, explaining what has no counterpart.
    null_a = n_a
    null_e = n_e
    ge = np.unique(g * (n_e + 1) + e)
    ga = np.unique(g * (n_a + 1) + a)
    a_fw = np.concatenate([a, np.full(len(ge), null_a)])
    e_fw = np.concatenate([e, ge % (n_e + 1)])
    g_fw = np.concatenate([g, ge // (n_e + 1)])
    a_bw = np.concatenate([a, ga % (n_a + 1)])
    e_bw = np.concatenate([e, np.full(len(ga), null_e)])
    g_bw = np.concatenate([g, ga // (n_a + 1)])

    def forward() -> tuple[np.ndarray, np.ndarray]:  # t(e | a)
        key = a_fw * (n_e + 1) + e_fw
        uniq, pair = np.unique(key, return_inverse=True)
        _, slot = np.unique(g_fw * (n_e + 1) + e_fw, return_inverse=True)
        return uniq, _ibm1(a_fw, e_fw, slot, pair, len(uniq))

    def backward() -> tuple[np.ndarray, np.ndarray]:  # t(a | e)
        key = a_bw * (n_e + 1) + e_bw
        uniq, pair = np.unique(key, return_inverse=True)
        _, slot = np.unique(g_bw * (n_a + 1) + a_bw, return_inverse=True)
        return uniq, _ibm1(e_bw, a_bw, slot, pair, len(uniq))

    fk, ft = forward()
    bk, bt = backward()
    common, fi, bi = np.intersect1d(fk, bk, return_indices=True)
    weight = np.sqrt(ft[fi] * bt[bi])
    keep = weight >= MIN_WEIGHT
    common, weight = common[keep], weight[keep]
    src = common // (n_e + 1)
    tgt = common % (n_e + 1)
    ok = (src < n_a) & (tgt < n_e)
    ar_words = list(ar_vocab)
    en_words = list(en_vocab)
    table: dict[str, list[tuple[str, float]]] = {}
    for s, t, w in zip(src[ok], tgt[ok], weight[ok], strict=True):
        table.setdefault(ar_words[s], []).append((en_words[t], float(w)))
    for key, options in table.items():
        options.sort(key=lambda x: -x[1])
        table[key] = options[:TOP]
    return table
