"""Alignment quality on the seeded test sets (the figures of bench/align.py, with margins)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bench.align import end_to_end, gale_church, legal_set, literary_set, merged_set, strict_f1
from workbench.align import Alignment, align_paragraphs, align_sentences

Check = Callable[[Alignment, int, int], None]


@pytest.mark.parametrize("corpus", ["ntrex128", "tico19"])
def test_merged_lines(corpus: str, check_structure: Check) -> None:
    ar, en, gold = merged_set(corpus)
    result = align_sentences(ar, en)
    check_structure(result, len(ar), len(en))
    ours = strict_f1(result.links, gold)
    assert ours >= 0.95
    assert ours > strict_f1(gale_church(ar, en), gold)


def test_literary_long_arabic_lines(check_structure: Check) -> None:
    ar, en, gold = literary_set(digits=False)
    result = align_sentences(ar, en)
    check_structure(result, len(ar), len(en))
    assert max(len(e) for _, e in gold) == 9
    assert strict_f1(result.links, gold) >= 0.8


def test_legal_numbered_clauses(check_structure: Check) -> None:
    ar, en, gold = legal_set()
    result = align_sentences(ar, en)
    check_structure(result, len(ar), len(en))
    assert strict_f1(result.links, gold) >= 0.95


def test_end_to_end_on_the_ntrex_paragraphs() -> None:
    assert end_to_end(lambda a, e: align_paragraphs(a, e).links) >= 0.95


def test_the_sample_reference_gets_its_one_to_two_link(check_structure: Check) -> None:
    from importlib import resources

    from workbench.project.sample import SAMPLE_DOC  # noqa: F401  (the sample exists)
    from workbench.text.segment import segment_paragraphs, split_paragraphs

    data = resources.files("workbench") / "data"
    ar = segment_paragraphs(split_paragraphs((data / "sample.ar.txt").read_text("utf-8")), "ar")
    en = segment_paragraphs(
        split_paragraphs((data / "translations" / "reference.en.txt").read_text("utf-8")), "en"
    )
    result = align_paragraphs(ar, en)
    check_structure(result, 21, 22)
    assert ([15], [15, 16]) in result.links
    assert sum(1 for a, e in result.links if len(a) == len(e) == 1) == 20
    assert min(result.confidence) > 0.5
    assert not result.warnings
