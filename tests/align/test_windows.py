"""A long free translation aligned in windows, each as a text of its own
(workbench/align/windows.py)."""

from __future__ import annotations

import pytest

from workbench.align import Alignment, align_sentences
from workbench.align.paragraphs import paragraphs_between
from workbench.align.windows import WINDOW, in_windows, window_cuts


def _one_to_one(n: int) -> list[tuple[list[int], list[int]]]:
    return [([k], [k]) for k in range(n)]


def test_a_text_of_window_size_is_one_window() -> None:
    assert window_cuts(WINDOW, WINDOW, _one_to_one(WINDOW)) is None
    # (as many windows as its shorter side makes: long Arabic against a short English is one)
    long_short = [([k], [k]) for k in range(WINDOW // 2)] + [([k], []) for k in range(
        WINDOW // 2, 3 * WINDOW)]
    assert window_cuts(3 * WINDOW, WINDOW // 2, long_short) is None


def test_a_longer_text_is_cut_into_windows_of_about_equal_size_at_link_ends() -> None:
    n = 2 * WINDOW + 50  # three windows; one 2-1 link (Arabic k, k + 1) where the first cut
    k = n // 3  # would fall
    links = ([([i], [i]) for i in range(k)] + [([k, k + 1], [k])]
             + [([i], [i - 1]) for i in range(k + 2, n)])
    cuts = window_cuts(n, n - 1, links)
    assert cuts is not None and len(cuts) == 3 and cuts[-1] == (n, n - 1)
    ends = {(a[-1] + 1, e[-1] + 1) for a, e in links}
    assert all(cut in ends for cut in cuts)
    assert (k + 1, k + 1) not in cuts  # (inside the 2-1 link)
    assert abs(cuts[0][0] - n / 3) <= 2 and abs(cuts[1][0] - 2 * n / 3) <= 2


def test_links_out_of_order_make_one_window() -> None:
    links = _one_to_one(3 * WINDOW)
    links[5], links[6] = links[6], links[5]
    assert window_cuts(3 * WINDOW, 3 * WINDOW, links) is None


def test_the_windows_alignments_are_joined_in_the_whole_texts_indices() -> None:
    parts = {0: Alignment([([0], [0]), ([1], [])], [0.9, 0.4], ["w"], 0.8, [("ar", 1)]),
             2: Alignment([([0], [0, 1])], [0.7], ["w", "v"], 0.6)}
    seen = []

    def align(a0: int, a1: int, e0: int, e1: int) -> Alignment:
        seen.append((a0, a1, e0, e1))
        return parts[a0]

    out = in_windows([(2, 1), (3, 3)], align, Alignment(warnings=["u"], related=0.9))
    assert seen == [(0, 2, 0, 1), (2, 3, 1, 3)]
    assert out.links == [([0], [0]), ([1], []), ([2], [1, 2])]
    assert out.confidence == [0.9, 0.4, 0.7]
    assert out.left_out == [("ar", 1)]
    assert out.warnings == ["u"]  # (the whole text's, not a window's)
    assert out.related == 0.9


def test_a_window_of_a_related_text_is_not_warned_of_as_unrelated(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """hayy + hayy2 (170 / 173 sentences): the whole text's search finds them related (0.65),
    its second window alone 0.56; with the warning's threshold at 0.6 that window was warned
    of as texts that do not translate each other (as one with FreeDict, 0.38, in the four books
    six times over, whose whole was 1.00)."""
    import workbench.align.aligner as aligner
    from bench.align import hayy2_set, hayy_set

    monkeypatch.setattr(aligner, "RELATED_WARNING", 0.6)
    (ar1, en1, _), (ar2, en2, _) = hayy_set(), hayy2_set()
    wholes: list[Alignment] = []
    monkeypatch.setattr(aligner, "in_windows", lambda cuts, align, whole: (
        wholes.append(whole), in_windows(cuts, align, whole))[1])
    out = align_sentences(ar1 + ar2, en1 + en2)
    assert wholes and wholes[0].related >= 0.6
    assert not [w for w in out.warnings if "do not look like translations" in w], out.warnings
    assert out.related == wholes[0].related


def test_windows_of_a_text_too_large_for_a_length_model_train_none(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole text in character lengths (too many sentences to train a sentencepiece
    model on): its windows too, not a model each (1,212 / 1,996 free sentences took 4x the
    CPU)."""
    import workbench.align.aligner as aligner
    import workbench.align.lengths as lengths
    from bench.align import hayy2_set, hayy_set

    units: list[str] = []

    def spied(*args: object) -> tuple[object, object, str]:
        out = lengths.subword_lengths(*args)  # type: ignore[arg-type]
        units.append(out[2])
        return out

    monkeypatch.setattr(lengths, "MAX_TRAIN_SENTENCES", 300)  # hayy + hayy2: 343 together
    monkeypatch.setattr(aligner, "subword_lengths", spied)
    (ar1, en1, _), (ar2, en2, _) = hayy_set(), hayy2_set()
    cut = []
    monkeypatch.setattr(aligner, "in_windows", lambda cuts, align, whole: (
        cut.append(cuts), in_windows(cuts, align, whole))[1])
    align_sentences(ar1 + ar2, en1 + en2)
    assert cut and units and set(units) == {"chars"}


def test_a_windows_paragraphs_are_those_it_holds_a_cut_one_a_paragraph_of_each() -> None:
    paragraphs = [["a", "b"], ["c", "d", "e"], ["f"]]
    assert paragraphs_between(paragraphs, 0, 3) == [["a", "b"], ["c"]]
    assert paragraphs_between(paragraphs, 3, 6) == [["d", "e"], ["f"]]
    assert paragraphs_between(paragraphs, 2, 5) == [["c", "d", "e"]]


def test_unrelated_texts_are_not_cut_into_windows() -> None:
    """News against unrelated English (free: its links explain little) is one text, warned
    of once: in windows each window warned with its own relatedness (0.46 and 0.00)."""
    from bench.align import _lines
    from bench.common import DATA

    ar = _lines(DATA / "ntrex128" / "ar.txt")[:120]
    en = _lines(DATA / "tico19" / "en.txt")[:120]
    warnings = align_sentences(ar, en).warnings
    assert len([w for w in warnings if "do not look like translations" in w]) == 1, warnings


def test_a_free_translation_too_long_for_the_basic_vocabulary_is_aligned_with_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past BASIC_MAX_SENTENCES a free translation (its links without words explain little)
    is aligned with the basic vocabulary after all, in windows: here hayy + hayy2 (170 / 173
    sentences) past a limit of 150 (Ockley's and Lane's four passages six times over, 1,902 /
    2,088 sentences, past the real one: strict F1 0.383 without it, 0.672 with it)."""
    import workbench.align.aligner as aligner
    from bench.align import hayy2_set, hayy_set, strict_f1

    monkeypatch.setattr(aligner, "BASIC_MAX_SENTENCES", 150)
    (ar1, en1, gold1), (ar2, en2, gold2) = hayy_set(), hayy2_set()
    gold = list(gold1) + [([a + len(ar1) for a in ga], [e + len(en1) for e in ge])
                          for ga, ge in gold2]
    cut = []
    monkeypatch.setattr(aligner, "in_windows", lambda cuts, align, whole: (
        cut.append(cuts), in_windows(cuts, align, whole))[1])
    out = align_sentences(ar1 + ar2, en1 + en2)
    assert cut and strict_f1(out.links, gold) > 0.6


def test_unrelated_texts_too_long_for_the_basic_vocabulary_are_not_aligned_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts that do not translate each other look free too; aligned again with the basic
    vocabulary they were one window, every pass over the whole (2,088 lines of news English
    against the books' 1,902 Arabic: 58.8 s CPU, not 1.1 s). Only a probe search runs."""
    import workbench.align.aligner as aligner
    from bench.align import _lines
    from bench.common import DATA

    monkeypatch.setattr(aligner, "BASIC_MAX_SENTENCES", 150)
    ar = _lines(DATA / "ntrex128" / "ar.txt")[:160]
    en = _lines(DATA / "tico19" / "en.txt")[:160]
    free, again = [], []
    long_free, aligned = aligner._long_free, aligner._aligned
    monkeypatch.setattr(aligner, "_long_free", lambda *a: (free.append(long_free(*a)),
                                                           free[-1])[1])

    def spied(*args: object, **kwargs: object) -> Alignment:
        params = kwargs.get("params")
        again.append(params is not None and params.basic_long)  # type: ignore[attr-defined]
        return aligned(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(aligner, "_aligned", spied)
    warnings = align_sentences(ar, en).warnings
    assert True in free and True not in again
    assert len([w for w in warnings if "do not look like translations" in w]) == 1, warnings


def test_the_basic_vocabularys_probe_is_the_search_it_keeps(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A long free text aligned again with the basic vocabulary: the probe's search of the
    whole text is the search the windows are cut from, not made a second time (two searches
    of the whole text: without the vocabulary, then with it)."""
    import workbench.align.aligner as aligner
    from bench.align import hayy2_set, hayy_set

    monkeypatch.setattr(aligner, "BASIC_MAX_SENTENCES", 150)
    (ar1, en1, _), (ar2, en2, _) = hayy_set(), hayy2_set()
    whole: list[bool] = []
    run = aligner.TwoPassAligner.run

    def counted(self: aligner.TwoPassAligner) -> Alignment:
        if list(self.ar) == ar1 + ar2:  # (not a window's, nor the clauses')
            whole.append(self.params.basic_long)
        return run(self)

    monkeypatch.setattr(aligner.TwoPassAligner, "run", counted)
    align_sentences(ar1 + ar2, en1 + en2)
    assert whole == [False, True]
