"""corpora/nights (nights 2-3 of the Thousand and One Nights, Bulaq text, with Burton's English)
and its gold: the sentences are the splitter's, the gold covers every sentence once, in order."""

from __future__ import annotations

from bench.align import nights_set
from bench.common import DATA
from workbench.text.segment import segment_text


def test_nights_sentences_are_the_segmenters_and_the_gold_covers_them_in_order() -> None:
    ar, en, gold = nights_set()
    assert (len(ar), len(en), len(gold)) == (62, 104, 51)
    assert [a for link, _ in gold for a in link] == list(range(len(ar)))
    assert [e for _, link in gold for e in link] == list(range(len(en)))
    for a, e in gold:
        for side in (a, e):
            assert list(side) == list(range(side[0], side[0] + len(side))) if side else True
    for lang, sentences in (("ar", ar), ("en", en)):
        path = DATA / "nights" / f"{lang}_paragraphs.txt"
        lines = path.read_text(encoding="utf-8").splitlines()
        assert [s for line in lines for _, s in segment_text(line, lang)] == sentences


def test_nights_is_the_merchant_and_the_jinni_from_night_two() -> None:
    ar, en, gold = nights_set()
    assert ar[0].startswith("قالت دنيازاد لأختها شهرزاد")
    assert en[0].startswith("When it was the Second Night, said Dunyazad")
    assert ar[-1].endswith("ورجع كل واحد إلى بلده.") and en[-1].endswith("for his own city.")
    assert ((), (48,)) in gold  # Burton's (Calcutta II's) sentence that Bulaq lacks
    assert ((19, 20), tuple(range(24, 41))) in gold  # one brother in Bulaq, both in Burton
    assert not any("[FN#" in s for s in en)
