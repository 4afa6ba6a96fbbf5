"""Clause markers that pair across the texts (workbench.align.markers)."""

from __future__ import annotations

from bench.align import udhr_set
from workbench.align import align_sentences
from workbench.align.markers import openings, paired_openings, unbalanced

AR = ["ولما كان الأول.", "ولما كان الثاني.", "ولما كان الثالث.", "فإن الجمعية تنادي."]
EN = ["Whereas the first,", "Whereas the second,", "Whereas the third,",
      "Whereas one more,", "Now, therefore, the Assembly proclaims."]


def test_markers_pair_and_a_link_with_one_more_is_unbalanced() -> None:
    ar_open, en_open = openings(AR, EN)
    assert ar_open[0] == "ولما" and en_open[0] == "whereas"
    links = [([0], [0]), ([1], [1]), ([2], [2, 3]), ([3], [4])]
    pairs = paired_openings(ar_open, en_open, links)
    assert pairs == {"whereas": "ولما"}
    assert unbalanced(ar_open, en_open, links, pairs) == {2: (False, {2, 3})}
    # two links of each are too few to teach a pair
    assert paired_openings(ar_open, en_open, links[1:]) == {}


def test_udhr_preamble_clause_the_arabic_leaves_out_gets_a_link_of_its_own() -> None:
    """The English "Whereas ... friendly relations between nations," has no Arabic: it was
    joined to the next clause's link (Arabic 6, one "ولما", with two "Whereas")."""
    ar, en, gold = udhr_set()
    result = align_sentences(ar, en)
    assert ([], [5]) in result.links and ([6], [6]) in result.links
    assert sorted(map(lambda link: (tuple(link[0]), tuple(link[1])), result.links)) == sorted(gold)
