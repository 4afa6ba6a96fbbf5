"""corpora/companies2 and its gold: each article heading linked alone to its English heading,
and the held-out set aligned whole (well formed: test_real_sets)."""

from __future__ import annotations

import re

from bench.align import companies2_set, strict_f1
from workbench.align import align_sentences

# the Arabic headings name their article in words: 51-60
NUMBERS = {"الحادية والخمسون": 51, "الثانية والخمسون": 52, "الثالثة والخمسون": 53,
           "الرابعة والخمسون": 54, "الخامسة والخمسون": 55, "السادسة والخمسون": 56,
           "السابعة والخمسون": 57, "الثامنة والخمسون": 58, "التاسعة والخمسون": 59, "الستون": 60}


def test_companies2_headings_link_alone_to_their_article() -> None:
    ar, en, gold = companies2_set()
    numbers = []
    for a, e in gold:
        if any(ar[i].startswith("المادة ") for i in a):
            assert len(a) == len(e) == 1
            m = re.fullmatch(r"المادة (.+): .+", ar[a[0]])
            assert m
            n = NUMBERS[m.group(1)]
            assert en[e[0]].startswith(f"Article {n}: ")
            numbers.append(n)
    assert numbers == list(range(51, 61))


def test_companies2_aligns_whole() -> None:
    ar, en, gold = companies2_set()
    assert strict_f1(align_sentences(ar, en).links, gold) == 1.0
