"""A text whose paragraphs pair goes through the same passes inside its paragraph groups as
the sentence search (align_paragraphs and align_sentences share them): corpora/fisherman
(Lane's English, speeches run together with "--"), given in the paragraphs both sides share,
aligns as well as its sentences do, and no link crosses a pair of paragraphs."""

from __future__ import annotations

from itertools import pairwise

from bench.align import Set, fisherman_set, strict_f1
from bench.common import DATA
from workbench.align import align_paragraphs, align_sentences
from workbench.text.segment import segment_text


def shared_paragraphs(name: str, text: Set) -> tuple[list[list[str]], list[list[str]]]:
    """The paragraphs of corpora/``name`` that both sides share: its ``*_paragraphs.txt`` cut
    only where a gold link ends and both sides start a paragraph (a translation with matching
    paragraphs); a paragraph of one side only joins the next."""
    ar, en, gold = text
    starts = []
    for lang in ("ar", "en"):
        lines = (DATA / name / f"{lang}_paragraphs.txt").read_text(encoding="utf-8").splitlines()
        sizes = [len(segment_text(line, lang)) for line in lines if line.strip()]
        starts.append({sum(sizes[:k]) for k in range(len(sizes))})
    cuts = [(0, 0)]
    i = j = 0
    for a, e in gold:
        i, j = i + len(a), j + len(e)
        if i in starts[0] and j in starts[1] and i > cuts[-1][0] and j > cuts[-1][1]:
            cuts.append((i, j))
    cuts.append((len(ar), len(en)))
    return ([ar[x:y] for (x, _), (y, _) in pairwise(cuts)],
            [en[x:y] for (_, x), (_, y) in pairwise(cuts)])


def test_a_lane_text_in_matching_paragraphs_aligns_as_its_sentences() -> None:
    text = fisherman_set()
    ar, en, gold = text
    ar_pars, en_pars = shared_paragraphs("fisherman", text)
    assert len(ar_pars) == len(en_pars) >= 8
    assert [s for p in ar_pars for s in p] == ar and [s for p in en_pars for s in p] == en
    by_sentences = strict_f1(align_sentences(ar, en).links, gold)
    result = align_paragraphs(ar_pars, en_pars)
    # 0.673 without the passes (the search on the dashed sentences' parts, the cues, the
    # borders), against 0.822 for the sentences; 0.852 with them
    assert strict_f1(result.links, gold) >= by_sentences - 0.01
    group = [[k for k, p in enumerate(pars) for _ in p] for pars in (ar_pars, en_pars)]
    for a, e in result.links:
        assert len({group[0][i] for i in a} | {group[1][j] for j in e}) == 1
