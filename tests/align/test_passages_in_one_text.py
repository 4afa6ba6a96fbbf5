"""Consecutive passages of one translation aligned as one text keep the links each gets alone
(corpora/hayy and hayy2: Ockley's English of two consecutive passages of Hayy ibn Yaqzan)."""

from __future__ import annotations

from bench.align import hayy2_set, hayy_set, paragraph_files
from workbench.align import align_paragraphs, align_sentences


def _links(links: list[tuple[list[int], list[int]]], ar: range, en: range
           ) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The links within ``ar`` and ``en``, in their own indices."""
    return {(tuple(i - ar.start for i in a), tuple(j - en.start for j in e))
            for a, e in links if (a or e) and all(i in ar for i in a) and all(j in en for j in e)}


def test_two_passages_aligned_as_one_text_keep_their_own_links() -> None:
    # Aligned as one text (170 / 173 sentences) the passages were aligned as clauses, again
    # with the cues and their borders moved with what the whole text taught: hayy2 kept 35 of
    # its 52 links alone, hayy 45 of its 50. In windows each aligned alone: 45 and 49.
    (ar1, en1, _), (ar2, en2, _) = hayy_set(), hayy2_set()
    book = align_sentences(ar1 + ar2, en1 + en2).links
    for ar, en, start, least in ((ar1, en1, (0, 0), 46), (ar2, en2, (len(ar1), len(en1)), 42)):
        alone = _links(align_sentences(ar, en).links, range(len(ar)), range(len(en)))
        mine = _links(book, range(start[0], start[0] + len(ar)),
                      range(start[1], start[1] + len(en)))
        assert len(alone & mine) >= least, (len(alone & mine), len(alone))


def test_two_passages_in_their_paragraph_files_keep_their_own_links() -> None:
    # Through align_paragraphs (a project's import) as one text hayy2 kept 37 of its 52
    # links alone; in windows, each with its own paragraphs' evidence, 45.
    (ar1, en1), (ar2, en2) = paragraph_files("hayy"), paragraph_files("hayy2")
    start = sum(map(len, ar1)), sum(map(len, en1))
    n = sum(map(len, ar2)), sum(map(len, en2))
    alone = _links(align_paragraphs(ar2, en2).links, range(n[0]), range(n[1]))
    mine = _links(align_paragraphs(ar1 + ar2, en1 + en2).links,
                  range(start[0], start[0] + n[0]), range(start[1], start[1] + n[1]))
    assert len(alone & mine) >= 43, (len(alone & mine), len(alone))
