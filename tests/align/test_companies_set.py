"""corpora/companies and its gold: the segmenter's sentences, every sentence in one link in
order, and each article heading linked alone to its English heading."""

from __future__ import annotations

import re

from bench.align import companies_set
from bench.common import DATA
from workbench.text.segment import segment_text

# the Arabic headings name their article in words: units and tens of 70-88
UNITS = {"": 0, "الحادية": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5,
         "السادسة": 6, "السابعة": 7, "الثامنة": 8, "التاسعة": 9}
TENS = {"السبعون": 70, "الثمانون": 80}


def test_companies_sentences_are_the_segmenters_and_the_gold_covers_them() -> None:
    ar, en, gold = companies_set()
    assert (len(ar), len(en), len(gold)) == (103, 115, 102)
    assert [i for a, _ in gold for i in a] == list(range(len(ar)))
    assert [j for _, e in gold for j in e] == list(range(len(en)))
    for lang, sentences in (("ar", ar), ("en", en)):
        lines = (DATA / "companies" / f"{lang}_paragraphs.txt").read_text(
            encoding="utf-8").splitlines()
        assert [s for line in lines for _, s in segment_text(line, lang)] == sentences


def _number(heading: str) -> int:
    m = re.fullmatch(r"المادة (?:(\S+) و)?(السبعون|الثمانون): .+", heading)
    assert m, heading
    return UNITS[m.group(1) or ""] + TENS[m.group(2)]


def test_companies_headings_link_alone_to_their_article() -> None:
    ar, en, gold = companies_set()
    numbers = []
    for a, e in gold:
        if any(ar[i].startswith("المادة ") for i in a):
            assert len(a) == len(e) == 1
            n = _number(ar[a[0]])
            assert en[e[0]].startswith(f"Article {n}: ")
            numbers.append(n)
    assert numbers == list(range(70, 89))
