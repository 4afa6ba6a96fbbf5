"""Links wider than MAX_GROUP where a text pairs one sentence with a dozen as a rule (a
classical Arabic period without full stops, cut by its translator into many sentences)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from bench.align import _lines, strict_f1
from bench.common import DATA
from workbench.align import align_sentences
from workbench.align.aligner import WIDEN_AT, _widened
from workbench.align.scoring import MAX_GROUP, WIDEST_GROUP


def _periods(wide: int = 12) -> tuple[list[str], list[str], list[tuple[list[int], list[int]]]]:
    """NTREX lines, every third link one Arabic line made of ``wide`` lines run together (no
    full stops between them) facing their ``wide`` English lines; the others 1–1."""
    ar_lines = _lines(DATA / "ntrex128" / "ar.txt")
    en_lines = _lines(DATA / "ntrex128" / "en.txt")
    ar: list[str] = []
    en: list[str] = []
    gold: list[tuple[list[int], list[int]]] = []
    i = 0
    for k in range(15):
        size = wide if k % 3 == 1 else 1
        run = ar_lines[i : i + size]
        ar.append("، ".join(line.rstrip(".") for line in run) + ".")
        gold.append(([len(ar) - 1], list(range(len(en), len(en) + size))))
        en.extend(en_lines[i : i + size])
        i += size
    return ar, en, gold


def test_a_text_of_wide_periods_gets_its_wide_links() -> None:
    ar, en, gold = _periods()
    links = align_sentences(ar, en).links
    assert max(len(e) for _, e in links) > MAX_GROUP
    assert strict_f1(links, gold) >= 0.8  # 0.25 with links of at most MAX_GROUP


def _lengths(ar: list[float], en: list[float]) -> SimpleNamespace:
    """What _widened reads of a scorer: the sides' cumulative lengths and the length ratio."""
    return SimpleNamespace(ar_cum=np.concatenate([[0.0], np.cumsum(ar)]),
                           en_cum=np.concatenate([[0.0], np.cumsum(en)]),
                           lengths=SimpleNamespace(ratio=1.0))


def test_widening_needs_several_full_links_that_want_more() -> None:
    many = [([i], list(range(i * MAX_GROUP, (i + 1) * MAX_GROUP))) for i in range(WIDEN_AT)]
    fits = _lengths([90.0] * WIDEN_AT, [10.0] * (MAX_GROUP * WIDEN_AT))  # as long as predicted
    wider = _widened(many, fits)  # type: ignore[arg-type]
    assert wider is not None and (1, WIDEST_GROUP) in wider and (WIDEST_GROUP, 1) not in wider
    # one enlarged passage: as it was
    one = [([0], list(range(MAX_GROUP)))] + [([i], [MAX_GROUP + i - 1]) for i in range(1, 40)]
    assert _widened(one, _lengths([90.0] + [10.0] * 39, [10.0] * (MAX_GROUP + 39))) is None  # type: ignore[arg-type]
    # full links holding English the Arabic lacks (a translation of part of the English)
    long = _lengths([20.0] * WIDEN_AT, [10.0] * (MAX_GROUP * WIDEN_AT))
    assert _widened(many, long) is None  # type: ignore[arg-type]
