"""corpora/companies and its gold: each article heading linked alone to its English heading
(well formed: test_real_sets)."""

from __future__ import annotations

import re

from bench.align import companies_set

# the Arabic headings name their article in words: units and tens of 70-88
UNITS = {"": 0, "الحادية": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5,
         "السادسة": 6, "السابعة": 7, "الثامنة": 8, "التاسعة": 9}
TENS = {"السبعون": 70, "الثمانون": 80}


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
