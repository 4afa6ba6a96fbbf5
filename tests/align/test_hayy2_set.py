"""corpora/hayy2 (the passage of Hayy ibn Yaqzan after corpora/hayy's) and its gold: the
sentences are the splitter's, the gold covers every sentence once, in order."""

from __future__ import annotations

from bench.align import hayy2_set
from bench.common import DATA
from workbench.text.segment import segment_text


def test_hayy2_sentences_are_the_segmenters_and_the_gold_covers_them_in_order() -> None:
    ar, en, gold = hayy2_set()
    assert (len(ar), len(en), len(gold)) == (81, 91, 54)
    assert [a for link, _ in gold for a in link] == list(range(len(ar)))
    assert [e for _, link in gold for e in link] == list(range(len(en)))
    for a, e in gold:
        for side in (a, e):
            assert list(side) == list(range(side[0], side[0] + len(side))) if side else True
    for lang, sentences in (("ar", ar), ("en", en)):
        lines = (DATA / "hayy2" / f"{lang}_paragraphs.txt").read_text(encoding="utf-8").splitlines()
        assert [s for line in lines for _, s in segment_text(line, lang)] == sentences


def test_hayy2_follows_hayy_in_both_texts() -> None:
    ar, en, gold = hayy2_set()
    assert ar[0].startswith("فعزم على شق صدرها") and en[0].startswith("Upon this he resolv'd")
    assert ((), (76,)) in gold  # Ockley's sentence on the gap in the Wikisource text
    assert ((0,), (0, 1, 2, 3)) in gold
