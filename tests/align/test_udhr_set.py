"""corpora/udhr and its gold: well formed, and the run-together variant's gold carried over."""

from __future__ import annotations

import re

from bench.align import project_gold, udhr_run_together_set, udhr_set
from workbench.text.segment import segment_text


def _covers(gold, n_ar: int, n_en: int) -> bool:
    ar = [i for a, _ in gold for i in a]
    en = [j for _, e in gold for j in e]
    return ar == list(range(n_ar)) and en == list(range(n_en))


def test_udhr_sentences_are_the_segmenters_and_the_gold_covers_them() -> None:
    ar, en, gold = udhr_set()
    assert (len(ar), len(en), len(gold)) == (103, 102, 97)
    assert _covers(gold, len(ar), len(en))
    from bench.common import DATA

    for lang, sentences in (("ar", ar), ("en", en)):
        lines = (DATA / "udhr" / f"{lang}_paragraphs.txt").read_text(encoding="utf-8").splitlines()
        assert [s for line in lines for _, s in segment_text(line, lang)] == sentences


def test_udhr_headings_link_alone_to_their_article() -> None:
    ar, en, gold = udhr_set()
    headings = 0
    for a, e in gold:
        for i in a:
            m = re.fullmatch(r"المادة (\d+)", ar[i])
            if m:
                headings += 1
                assert len(a) == 1 and [en[j] for j in e] == [f"Article {m.group(1)}"]
    assert headings == 30


def test_project_gold_onto_the_same_cut_gives_the_gold_back() -> None:
    ar, en, gold = udhr_set()
    assert project_gold(gold, ar, en, ar, en) == gold


def test_run_together_gold() -> None:
    ar, en, gold = udhr_run_together_set()
    assert _covers(gold, len(ar), len(en))
    pairs = {(tuple(ar[i] for i in a), tuple(en[j] for j in e)) for a, e in gold}
    # a heading run into its article's first sentence stays 1-1 with the English
    assert any(a[0].startswith("المادة 1 يولد") and e[0].startswith("Article 1 All")
               for a, e in pairs if len(a) == len(e) == 1)
    # the splitter cuts "Article 11 1." off: a link of its own
    assert (("المادة 11 1.",), ("Article 11 1.",)) in pairs
    # the English preamble is one sentence (its clauses end in commas)
    assert (0,) in [e for _, e in gold][:1] and len(gold[0][0]) == 8
