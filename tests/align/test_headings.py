"""Numbered headings open links (workbench/align/headings.py)."""

from __future__ import annotations

import numpy as np
import pytest

from bench.align import strict_f1, udhr_run_together_set
from workbench.align import align_sentences
from workbench.align.headings import BONUS, heading_starts


@pytest.mark.parametrize(("arabic", "english"), [
    ("المادة 1 يولد جميع الناس أحرارًا.", "Article 1 All human beings are born free."),
    ("المادة الأولى: يسري هذا القانون.", "Article 1: This Law applies."),
    ("الفصل الثاني الأحكام العامة", "Chapter II General provisions"),
    ("المادة (٣) تعريفات", "Section (3) Definitions"),
])
def test_a_heading_faces_the_heading_of_its_number(arabic: str, english: str) -> None:
    other = ("مادة 9 نص آخر.", "Article 9 Another text.")
    starts = heading_starts([arabic, "جملة.", other[0]], [english, "A sentence.", other[1]])
    assert starts is not None
    assert starts[0].tolist() == [BONUS, 0.0, BONUS] and starts[1].tolist() == [BONUS, 0.0, BONUS]


def test_no_bonus_without_two_shared_numbers_nor_for_references() -> None:
    # one shared number may be a reference; "المادة السابقة", "Articles 1 and 2" are no headings
    assert heading_starts(["المادة 1 نص.", "المادة 2 نص."], ["Article 1 text.", "Text."]) is None
    assert heading_starts(["المادة السابقة تنص.", "المادتان 1 و2."],
                          ["Article 1 text.", "Articles 1 and 2."]) is None
    starts = heading_starts(["المادة 4 نص.", "المادة 5 نص.", "المادة 7 نص."],
                            ["Article 4 text.", "Article 5 text.", "Article 6 text."])
    assert starts is not None and np.array_equal(starts[0], [BONUS, BONUS, 0.0])


def test_the_udhr_run_together_links_article_1_to_its_own_sentence() -> None:
    # Without the headings' bonus the preamble's link took "المادة 1 …" too (0.957).
    ar, en, gold = udhr_run_together_set()
    links = align_sentences(ar, en).links
    assert ([8], [1]) in links
    assert strict_f1(links, gold) >= 0.99
