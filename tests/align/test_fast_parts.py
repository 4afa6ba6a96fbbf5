"""The aligner's array-built parts give what the plain definitions give: the word table
against IBM model 1 written group by group, coverage tables against counting, link costs
priced on the whole band against pricing cell by cell, the second pass's vectors against
bags built sentence by sentence; and a large text's lengths are its characters, no model
trained."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter
from contextlib import contextmanager

import numpy as np
import pytest

import workbench.align.aligner as aligner_module
import workbench.align.lengths as lengths_module
import workbench.align.scoring as scoring_module
import workbench.align.sparse as sparse_module
from tests.align.wordsets import second_pass_scorer
from tests.conftest import CORPORA
from workbench.align.aligner import TwoPassAligner, _diagonal
from workbench.align.dp import Band
from workbench.align.lengths import subword_lengths
from workbench.align.lexicon import (
    ITERATIONS,
    MIN_WEIGHT,
    TOP,
    Numbered,
    induce_table,
    numbered_table,
)
from workbench.align.scoring import MOVES
from workbench.align.sparse import SparseRows, coverage_table

NULL = None


def _ibm1_by_group(
    src_groups: list[list[str]], tgt_groups: list[list[str]]
) -> dict[tuple[str | None, str], float]:
    """t(target | source) by EM, written plainly: each target word of a group is explained
    by the group's source words or by its null word."""
    t: dict[tuple[str | None, str], float] = {}
    groups = [(sorted(set(s)), sorted(set(e))) for s, e in zip(src_groups, tgt_groups,
                                                               strict=True) if s and e]
    for s, e in groups:
        for w in [*s, NULL]:
            for v in e:
                t[(w, v)] = 1.0
    for _ in range(ITERATIONS):
        counts: Counter[tuple[str | None, str]] = Counter()
        for s, e in groups:
            for v in e:
                norm = sum(t[(w, v)] for w in [*s, NULL])
                for w in [*s, NULL]:
                    counts[(w, v)] += t[(w, v)] / norm
        totals: Counter[str | None] = Counter()
        for (w, _), c in counts.items():
            totals[w] += c
        t = {(w, v): c / max(totals[w], 1e-12) for (w, v), c in counts.items()}
    return t


def test_the_word_table_is_ibm1_both_ways_group_by_group() -> None:
    rng = random.Random(5)
    ar_words = [f"a{k}" for k in range(40)]
    en_words = [f"e{k}" for k in range(40)]
    ar_groups: list[list[str]] = []
    en_groups: list[list[str]] = []
    for _ in range(120):
        picks = rng.sample(range(40), rng.randrange(0, 6))  # some groups are empty
        ar_groups.append([ar_words[k] for k in picks] + [rng.choice(ar_words)])
        en_groups.append([en_words[k] for k in picks if rng.random() < 0.8])
    forward = _ibm1_by_group(ar_groups, en_groups)
    backward = _ibm1_by_group(en_groups, ar_groups)
    expected: dict[str, list[tuple[str, float]]] = {}
    for (a, e), value in forward.items():
        if a is None:
            continue
        weight = math.sqrt(value * backward.get((e, a), 0.0))
        if weight >= MIN_WEIGHT:
            expected.setdefault(a, []).append((e, weight))
    table = induce_table(ar_groups, en_groups)
    assert set(table) == set(expected)
    for a, options in table.items():
        best = sorted(expected[a], key=lambda x: -x[1])[:TOP]
        assert [e for e, _ in options] == [e for e, _ in best]
        assert [w for _, w in options] == pytest.approx([w for _, w in best], rel=1e-9)


def test_a_texts_numbered_stems_give_the_word_table_of_the_groups_stems() -> None:
    """The aligner numbers a text's stems once; a table learnt from links of its sentences
    (and from extra groups: a dictionary's pairs, words the text lacks among them) is the
    table of the groups' stems as strings, option for option, weight for weight."""
    rng = random.Random(8)
    ar_text = [[f"a{rng.randrange(60)}" for _ in range(rng.randrange(0, 7))] for _ in range(90)]
    en_text = [[f"e{rng.randrange(60)}" for _ in range(rng.randrange(0, 7))] for _ in range(90)]
    links = [([k, k + 1], [k]) if k % 3 == 0 else ([k], [k, k + 1]) for k in range(0, 88, 2)]
    extra_a = [["a3"], ["a999"], ["a5", "a998"]]
    extra_e = [["e3"], ["e7"], ["e999"]]
    ar_num = aligner_module._TextStems.of(ar_text)
    en_num = aligner_module._TextStems.of(en_text)
    ar_groups = [[w for i in a for w in ar_text[i]] for a, _ in links] + extra_a
    en_groups = [[w for j in e for w in en_text[j]] for _, e in links] + extra_e
    a_num = ar_num.groups([a for a, _ in links], extra_a)
    e_num = en_num.groups([e for _, e in links], extra_e)
    for numbered, groups in ((a_num, ar_groups), (e_num, en_groups)):
        assert [[numbered.words[i] for i in numbered.ids[lo:hi]]
                for lo, hi in itertools.pairwise(numbered.start)] == groups
    table = numbered_table(a_num, e_num)
    assert table and table == induce_table(ar_groups, en_groups)
    assert list(table) == list(induce_table(ar_groups, en_groups))
    assert "a999" not in ar_num.number  # the text's own numbering is left as it was


@pytest.mark.parametrize("reach", [1, 5, 9])
def test_coverage_tables_count_in_chunks_and_every_run_length(
    reach: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sparse_module, "_CHUNK_PAIRS", 40)  # many chunks, rows split across
    rng = np.random.default_rng(reach)
    n, m, columns, width = 30, 34, 12, 7
    src = [{int(c): float(rng.random()) for c in rng.choice(columns, 4, replace=False)}
           for _ in range(n)]
    dst = [{int(c): float(rng.random()) for c in rng.choice(columns, 3, replace=False)}
           for _ in range(m)]
    lo = np.minimum(np.arange(n) + rng.integers(0, 3, n), m - 1).astype(np.int64)
    table = coverage_table(SparseRows.from_dicts(src), SparseRows.from_dicts(dst), lo, width,
                           reach)
    for s in range(n):
        for t in range(width):
            for run in range(1, reach + 1):
                rows = range(lo[s] + t, min(lo[s] + t + run, m))
                expected = sum(v * dst[next(e for e in rows if c in dst[e])][c]
                               for c, v in src[s].items() if any(c in dst[e] for e in rows))
                assert table[s, t, run - 1] == pytest.approx(expected, abs=1e-5)


def _texts(size: int) -> tuple[list[str], list[str]]:
    ar = (CORPORA / "ntrex128" / "ar.txt").read_text(encoding="utf-8").splitlines()[:size]
    en = (CORPORA / "ntrex128" / "en.txt").read_text(encoding="utf-8").splitlines()[:size]
    return ar, [*en[:30], en[30] + " " + en[31], *en[32:]]


def test_costs_priced_on_the_whole_band_equal_costs_priced_cell_by_cell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ar, en = _texts(120)
    aligner = TwoPassAligner(ar, en)
    scorer = second_pass_scorer(aligner)
    centre, half = _diagonal(scorer)
    band = Band.around(centre, half, scorer.m)
    monkeypatch.setattr(scoring_module, "DENSE_SHARE", -1.0)  # always the whole band
    whole = scorer.link_costs(band, MOVES)
    monkeypatch.setattr(scoring_module, "DENSE_SHARE", 2.0)  # never the whole band
    cells = scorer.link_costs(band, MOVES)
    assert np.isfinite(whole).sum() > whole.size // 4
    np.testing.assert_array_equal(whole, cells)


def test_the_second_pass_vectors_are_the_bags_built_sentence_by_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ar, en = _texts(150)
    tables: list[dict[str, list[tuple[str, float]]]] = []
    real = aligner_module.numbered_table

    def keep(a: Numbered, e: Numbered) -> dict[str, list[tuple[str, float]]]:
        tables.append(real(a, e))
        return tables[-1]

    monkeypatch.setattr(aligner_module, "numbered_table", keep)
    calls: list[tuple[object, ...]] = []
    method = TwoPassAligner._second_pass_vectors

    def spy(self: TwoPassAligner, *args: object) -> object:
        out = method(self, *args)
        calls.append((self, args, out))
        return out

    monkeypatch.setattr(TwoPassAligner, "_second_pass_vectors", spy)
    TwoPassAligner(ar, en).run()
    aligner, (_, _, base, _), (x, y, wa, _) = calls[0]  # the second pass's
    vec = base.vec
    table = tables[0]
    ar_stems, en_stems = aligner._stems()
    en_vocab = {w for stems in en_stems for w in stems}
    # a sentence's first-pass bag: its anchors, then its basic-vocabulary concepts
    evidence = aligner.evidence
    assert evidence is not None
    base_a = [{**a, **d} for a, d in zip(aligner.ar_bags, evidence.ar, strict=True)]
    base_e = [{**a, **d} for a, d in zip(aligner.en_bags, evidence.en, strict=True)]
    ar_bags = []
    for stems, anchors in zip(ar_stems, base_a, strict=True):
        bag = dict(anchors)
        for w in set(stems):
            for target, weight in table.get(w, ()):
                if target in en_vocab and math.sqrt(weight) > bag.get("T:" + target, 0.0):
                    bag["T:" + target] = math.sqrt(weight)
        ar_bags.append(bag)
    reached = {t for bag in ar_bags for t in bag if t.startswith("T:")}
    en_bags = [{**anchors, **{"T:" + w: 1.0 for w in stems if "T:" + w in reached}}
               for stems, anchors in zip(en_stems, base_e, strict=True)]

    def as_dicts(rows: SparseRows) -> list[dict[int, float]]:
        out: list[dict[int, float]] = [{} for _ in range(rows.n_rows)]
        for r, c, d in zip(rows.row, rows.col, rows.data, strict=True):
            out[int(r)][int(c)] = float(d)
        return out

    assert as_dicts(x) == [{vec.ids[k]: min(1.0, v) for k, v in bag.items()} for bag in ar_bags]
    assert as_dicts(y) == [{vec.ids[k]: min(1.0, v) for k, v in bag.items()} for bag in en_bags]
    assert all(np.diff(x.row) >= 0) and all(np.diff(y.row) >= 0)
    for rows in (x, y):  # each concept once in a sentence
        assert len(set(zip(rows.row.tolist(), rows.col.tolist(), strict=True))) == len(rows.row)
    df = Counter(k for bag in en_bags for k in bag if k.startswith("T:"))
    total = len(en) + 2
    for key, count in df.items():
        idf = math.log((total + 2) / (count + 0.5)) / math.log(total + 2)
        assert wa[vec.ids[key]] == pytest.approx(idf)


def test_a_large_text_is_measured_in_characters_without_training(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ar = (CORPORA / "ntrex128" / "ar.txt").read_text(encoding="utf-8").splitlines()
    en = (CORPORA / "ntrex128" / "en.txt").read_text(encoding="utf-8").splitlines()
    import sentencepiece as spm

    trained: list[object] = []
    monkeypatch.setattr(spm.SentencePieceTrainer, "train", lambda **kw: trained.append(kw))
    monkeypatch.setattr(lengths_module, "MAX_TRAIN_SENTENCES", 300)  # 396 sentences here
    la, le, unit = subword_lengths(ar, en)
    assert unit == "chars" and not trained
    np.testing.assert_array_equal(la, lengths_module.char_lengths(ar))
    np.testing.assert_array_equal(le, lengths_module.char_lengths(en))
    monkeypatch.undo()  # 396 sentences are not large: a model is trained on them
    assert subword_lengths(ar, en)[2] == "sentencepiece"


def test_the_words_of_many_arabic_sentences_at_once_are_each_ones_words() -> None:
    from workbench.text.stems import arabic_words, arabic_words_many

    texts = [
        *(CORPORA / "hayy" / "ar.txt").read_text(encoding="utf-8").splitlines(),
        "", "وَقَالَ  الرَّئِيسُ ـــ إنّ شيئاً", "مسئول\u00a0\u00a0بالمائة ٣٫٥", "𝔸 يـا ى ئ",
        # the word class's edges (every character outside it is a space to the split)
        "\u0620\u0621\u064a\u064b\u065f\u0660\u0669\u066a\u0670\u0671\u06d3\u06d4\uffff\tب\nب",
    ]
    assert arabic_words_many(texts) == [arabic_words(t) for t in texts]


def test_a_texts_letters_are_its_characters_but_spaces_and_vowel_marks() -> None:
    from workbench.align.aligner import _NOT_COUNTED, _letters

    for texts in (
        (CORPORA / "hayy" / "ar.txt").read_text(encoding="utf-8").splitlines(),
        (CORPORA / "hayy" / "en.txt").read_text(encoding="utf-8").splitlines(),
        ["وَقَالَ  الرَّئِيسُ ـــ", "\u0670\u065f\u0660 \u00a0\t\n", "𝔸 \ud800 ٱ ۰"], [], [""],
    ):
        text = "".join(texts)
        assert _letters(texts) == len(text) - sum(map(text.count, _NOT_COUNTED))


def test_the_words_of_many_english_sentences_at_once_are_each_ones_words() -> None:
    from workbench.text.stems import english_words, english_words_many

    texts = [
        *(CORPORA / "hayy" / "en.txt").read_text(encoding="utf-8").splitlines(),
        "", "Café ÀBC İstanbul naïve co-op\tX2Y", "DON'T it’s Ali's O’Brien", "a\ud800b 𝔸bc",
        "ＡＢＣ (Fullwidth) ß STRASSE",
    ]
    assert english_words_many(texts) == [english_words(t) for t in texts]


def test_capitalised_words_are_found_as_the_plain_expression_finds_them() -> None:
    """The name finder's expression, written to start at its capital, matches what the
    plain one (a word start, then a capital) matches."""
    import re

    from workbench.align.anchors import _EN_CAPITAL

    plain = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?:['’]s)?|[A-Z]{2,}")
    texts = [
        *(CORPORA / "hayy" / "en.txt").read_text(encoding="utf-8").splitlines(),
        "ABc Abc aBc xAbc", "McDonald's IBM's X A AB", "É Ab 1Ab _Ab", "AB’s Ab’s NATO-led",
    ]
    assert [_EN_CAPITAL.findall(t) for t in texts] == [plain.findall(t) for t in texts]


def test_the_anchor_bags_from_the_texts_character_flags_are_each_sentences_own() -> None:
    """Each sentence's character flags, found for all sentences at once, give the bags that
    each sentence's own searches give (ANY_CHAR: every check runs), a flag is set only for
    a character the sentence holds, and a character beyond the BMP (a digit ``𝟙``) sets
    them all (a lone surrogate is read as it is)."""
    from workbench.align.anchors import (
        ANY_CHAR,
        _arabic_part,
        _char_flag,
        _char_flags,
        _special_words,
        anchor_bags,
        english_bag,
    )
    from workbench.text.stems import arabic_words

    ar = [*(CORPORA / "hayy" / "ar.txt").read_text(encoding="utf-8").splitlines()[:60],
          "", "٣٫٥ في المئة ؟ «نعم» (أ) عام 2020! abc", "𝟙𝟚 يوم", "بالمائة ٪ [ب]"]
    en = [*(CORPORA / "hayy" / "en.txt").read_text(encoding="utf-8").splitlines()[:60],
          "", "3.5 per cent? “Yes” (a) in 2020! Abc", "𝟙𝟚 days", "\ud800 PERCENT % [b]"]
    for texts in (ar, en):
        flags = _char_flags(texts)
        assert flags == [ANY_CHAR if t and max(map(ord, t)) >= 0x10000
                         else _or(map(_char_flag, t)) for t in texts]
        assert flags[-4] == 0 and flags[-2] == ANY_CHAR and 0 < flags[-3] < ANY_CHAR
    special = _special_words([w for t in ar for w in arabic_words(t)], None)
    alone = ([_arabic_part(t, arabic_words(t), special) for t in ar],
             [english_bag(t) for t in en])
    flagged = ([_arabic_part(t, arabic_words(t), special, f)
                for t, f in zip(ar, _char_flags(ar), strict=True)],
               [english_bag(t, None, f) for t, f in zip(en, _char_flags(en), strict=True)])
    assert [[(list(b.items()), sks, w) for b, sks, w in side] for side in flagged] \
        == [[(list(b.items()), sks, w) for b, sks, w in side] for side in alone]
    assert any(b for b, _, _ in flagged[0][-3:]) and "N:3.5" in flagged[1][-3][0]
    bags = anchor_bags(ar, en)
    assert "P:%" in bags[0][-1] and "P:%" in bags[1][-1] and "P:?" in bags[1][-3]


def _or(flags: object) -> int:
    out = 0
    for flag in flags:  # type: ignore[attr-defined]
        out |= flag
    return out


class _Done:
    """A call's value, as :class:`workbench.threads.Job` gives it."""

    def __init__(self, value: object) -> None:
        self.value = value

    def result(self) -> object:
        return self.value


@contextmanager
def _in_place(fn, *args):  # type: ignore[no-untyped-def]
    """:func:`workbench.threads.beside` that runs its call at once, in the calling thread."""
    yield _Done(fn(*args))


def test_the_check_pass_in_its_thread_gives_what_it_gives_in_turn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check pass runs beside the finishing of the alignment: the links, confidences
    and warnings are those of running one after the other (shifted hayy lines, which the
    check pass flags)."""
    ar = (CORPORA / "hayy" / "ar.txt").read_text(encoding="utf-8").splitlines()[:120]
    en = (CORPORA / "hayy" / "en.txt").read_text(encoding="utf-8").splitlines()[:120]
    threaded = TwoPassAligner(ar, en).run()
    monkeypatch.setattr(aligner_module, "beside", _in_place)
    in_turn = TwoPassAligner(ar, en).run()
    assert threaded.links == in_turn.links and threaded.confidence == in_turn.confidence
    assert threaded.warnings == in_turn.warnings and threaded.left_out == in_turn.left_out


@pytest.mark.parametrize("by_paragraphs", [False, True])
def test_the_collector_is_paused_while_aligning_and_on_again_after(
    monkeypatch: pytest.MonkeyPatch, by_paragraphs: bool,
) -> None:
    """The cyclic garbage collector does not run during an alignment (it walked the bags and
    stems again and again: a tenth of the CPU at 5,000 sentences) and is on again after it,
    also when the alignment fails; one paused by the caller stays paused."""
    import gc

    from workbench.align import align_paragraphs, align_sentences

    seen: list[bool] = []
    real = aligner_module.anchor_bags

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(aligner_module, "anchor_bags", spy)
    ar, en = ["جملة أولى.", "جملة ثانية."], ["A first sentence.", "A second one."]
    run = (lambda: align_paragraphs([ar], [en])) if by_paragraphs else (
        lambda: align_sentences(ar, en))
    assert gc.isenabled()
    run()
    assert seen and not any(seen) and gc.isenabled()
    monkeypatch.setattr(aligner_module, "anchor_bags", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        run()
    assert gc.isenabled()
    gc.disable()
    try:
        monkeypatch.undo()
        align_sentences(ar, en)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("size", [0, 1, 50, 5000])
def test_the_largest_value_per_key_is_the_one_sorting_by_key_and_value_keeps(size: int) -> None:
    """The second pass's Arabic vectors keep, of a column reached twice in a sentence, the
    larger weight: one sort of the keys gives what sorting by key and value gave."""
    from workbench.align.aligner import _max_per_key

    rng = np.random.default_rng(size)
    key = rng.integers(0, max(size // 3, 1), size).astype(np.int64)
    vals = np.sqrt(rng.choice([0.08, 0.2, 0.5, 1.0], size))  # ties within a key too
    order = np.lexsort((vals, key))
    last = np.ones(len(order), dtype=bool)
    last[:-1] = key[order][1:] != key[order][:-1]
    got_key, got_vals = _max_per_key(key, vals)
    assert np.array_equal(got_key, key[order[last]])
    assert np.array_equal(got_vals, vals[order[last]])


def _repeated_plainly(ar: list[str], en: list[str], links: list) -> np.ndarray:
    """The repeat check as first written: every key made, every link's neighbours read."""
    from workbench.align.aligner import REPEAT_LINKS, _repeat_key, _repeats

    en_k = [_repeat_key(s) for s in en]
    out = np.zeros(len(links), dtype=bool)
    seen = Counter(k for k in en_k if k)
    if not any(n > 1 for n in seen.values()):
        return out
    ar_k = [_repeat_key(s) for s in ar]
    for k, (_, e) in enumerate(links):
        if not any(seen[en_k[j]] > 1 for j in e if en_k[j]):
            continue
        near = links[max(0, k - REPEAT_LINKS): k + 2]
        first = min(j for _, es in near for j in es)
        en_near = [en_k[j] for _, es in near for j in es if en_k[j]]
        ar_near = [ar_k[i] for a_, _ in near for i in a_ if ar_k[i]]
        out[k] = any(en_k[j] and en_k[j] in en_k[first:j] for j in e) and (
            len(en_near) - len(set(en_near)) > _repeats(ar_near))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_repeated_passages_are_found_as_the_plain_check_finds_them(
    monkeypatch: pytest.MonkeyPatch, seed: int,
) -> None:
    """A link whose English repeats an earlier one nearby while its Arabic does not is found
    as the plain definition finds it; the Arabic sentences' keys are made only around the
    links whose English has an earlier twin (the scale sets repeat most English sentences
    somewhere: every key and every link's neighbours were read)."""
    rng = random.Random(seed)
    phrases = [f"sentence number {k} of a text long enough" for k in range(3)]
    en = [rng.choice(phrases) if rng.random() < 0.1 else f"an unrepeated line {k} here"
          for k in range(300)]
    ar = [rng.choice(["جملة مكررة في النص مرة بعد مرة", f"جملة عربية رقم {k} في النص"])
          for k in range(280)]
    links: list = []
    i = j = 0
    while i < len(ar) or j < len(en):
        k = min(rng.choice([0, 1, 1, 1, 2]), len(ar) - i)
        el = min(rng.choice([0, 1, 1, 2, 3]), len(en) - j)
        if not k and not el:
            k, el = (1, 0) if i < len(ar) else (0, 1)
        links.append((list(range(i, i + k)), list(range(j, j + el))))
        i, j = i + k, j + el
    aligner = TwoPassAligner.__new__(TwoPassAligner)
    aligner.ar, aligner.en = ar, en
    made: list[str] = []
    real = aligner_module._repeat_key
    monkeypatch.setattr(aligner_module, "_repeat_key", lambda s: made.append(s) or real(s))
    got = aligner._repeated(links)
    arabic_keys = len(made) - len(en)
    assert np.array_equal(got, _repeated_plainly(ar, en, links))
    twins = sum(1 for _, e in links if any(en[x] in en[:x] for x in e))
    assert arabic_keys <= 5 * 3 * twins and arabic_keys < len(ar) // 2


@pytest.mark.parametrize("seed", range(3))
def test_the_links_owners_and_spans_are_those_set_link_by_link(seed: int) -> None:
    """link_stats and weakest_parts read which link holds each sentence and each two-sided
    link's first and end sentences from arrays built at once, as setting them link by link
    gave (links with an empty side, and none at all)."""
    from workbench.align.scoring import _owners, _spans

    rng = random.Random(seed)
    links: list[tuple[list[int], list[int]]] = []
    i = j = 0
    for _ in range(rng.randint(0, 60)):
        k, el = rng.choice([(1, 1), (1, 0), (0, 1), (2, 1), (1, 3), (3, 3)])
        links.append((list(range(i, i + k)), list(range(j, j + el))))
        i, j = i + k, j + el
    a_link, e_link = np.full(i + 2, -1), np.full(j + 2, -1)
    spans = np.zeros((len(links), 4), dtype=np.int64)
    for idx, (ar, en) in enumerate(links):
        a_link[ar] = idx
        e_link[en] = idx
        if ar and en:
            spans[idx] = (ar[0], ar[-1] + 1, en[0], en[-1] + 1)
    assert np.array_equal(_owners(i + 2, [ar for ar, _ in links]), a_link)
    assert np.array_equal(_owners(j + 2, [en for _, en in links]), e_link)
    got = _spans(links)
    assert got.dtype == spans.dtype and np.array_equal(got, spans)


def test_a_paths_links_are_its_moves_sentence_by_sentence() -> None:
    """Each move of a search's path takes the next k Arabic and l English sentences."""
    from workbench.align.aligner import _path_links

    path = [(1, 1), (0, 1), (2, 1), (1, 0), (1, 3), (3, 3)]
    assert _path_links(path) == [
        ([0], [0]), ([], [1]), ([1, 2], [2]), ([3], []), ([4], [3, 4, 5]),
        ([5, 6, 7], [6, 7, 8]),
    ]
    assert _path_links([]) == []


@pytest.mark.parametrize("size", [10, 2 * scoring_module.SIDE_BY_SIDE_CELLS + 7])
def test_log1p_in_two_halves_is_numpys_bit_for_bit(size: int) -> None:
    """Large cost cubes take log1p in two halves at once: each value as NumPy's alone."""
    values = np.random.default_rng(size).random(size) * 10.0 ** np.linspace(-9, 3, size)
    got = values.copy()
    scoring_module._log1p_in_place(got)
    assert got.tobytes() == np.log1p(values).tobytes()
