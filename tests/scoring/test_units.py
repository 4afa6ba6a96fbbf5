"""Scoring units: segments tied together by stored links; every sentence counted once."""

from __future__ import annotations

from workbench.scoring.units import Link, SegmentRow, build_units

SEGS = [SegmentRow(i, i, f"ع{i}") for i in range(1, 6)]


def test_a_sentence_linked_to_two_segments_counts_once() -> None:
    ref = [Link((1,), ("A.",)), Link((2, 3), ("B and C.",)), Link((4,), ("D.",)),
           Link((5,), ("E.",))]
    working = {1: "a", 2: "b", 3: "c", 4: "", 5: "e"}
    units = build_units(SEGS, {"reference:main": ref}, {"working": working})
    assert [u.segment_ids for u in units] == [[1], [2, 3], [4], [5]]
    assert [u.texts["reference:main"] for u in units] == ["A.", "B and C.", "D.", "E."]
    assert [u.texts["working"] for u in units] == ["a", "b c", "", "e"]
    assert units[1].source == "ع2 ع3" and units[1].positions == [2, 3]


def test_draft_links_across_reference_links_join_the_units() -> None:
    ref = [Link((1,), ("A.",)), Link((2,), ("B.",)), Link((3,), ("C.",)), Link((4, 5), ("D.",))]
    # The draft has one sentence for segments 2-3: scored once, against B. and C. together.
    draft = [Link((1,), ("a",)), Link((2, 3), ("bc",)), Link((4,), ("d",)), Link((5,), ("e",))]
    units = build_units(SEGS, {"reference:main": ref, "draft:x": draft}, {})
    assert [u.segment_ids for u in units] == [[1], [2, 3], [4, 5]]
    assert [u.texts["draft:x"] for u in units] == ["a", "bc", "d e"]
    assert [u.texts["reference:main"] for u in units] == ["A.", "B. C.", "D."]


def test_sentences_without_segments_join_a_neighbour() -> None:
    ref = [Link((), ("Intro.",)), Link((1,), ("A.",)), Link((2,), ("B.",)), Link((), ("Extra.",)),
           Link((3,), ("C.",)), Link((4,), ()), Link((5,), ("E.",))]
    units = build_units(SEGS, {"reference:main": ref}, {})
    texts = [u.texts["reference:main"] for u in units]
    assert texts == ["Intro. A.", "B. Extra.", "C.", "", "E."]
    joined = " ".join(texts)
    for sentence in ("Intro.", "A.", "B.", "Extra.", "C.", "E."):
        assert joined.count(sentence) == 1


def test_segments_without_any_link_are_their_own_units() -> None:
    ref = [Link((1, 2), ("AB.",)), Link((99,), ("gone",))]  # 99: not a segment any more
    units = build_units(SEGS, {"reference:main": ref}, {"working": {3: "c"}})
    assert [u.segment_ids for u in units] == [[1, 2], [3], [4], [5]]
    assert units[0].texts["reference:main"] == "AB. gone"
    assert units[1].texts == {"working": "c", "reference:main": ""}


def test_the_english_is_scored_without_inline_tags() -> None:
    """A client document's working translation carries its tags (the tag QA check asks for
    them), a reference delivered as a document has none: sacrebleu counted '<1>' as three
    words, and a perfect translation scored BLEU 8."""
    ref = [Link((1,), ("The president arrived in Paris.",)), Link((2,), ("He met him.",))]
    working = {1: "The <1>president</1> arrived in<2/>Paris.", 2: "He <3>met</3>  him."}
    units = build_units(SEGS[:2], {"reference:main": ref}, {"working": working})
    assert [u.texts["working"] for u in units] == [u.texts["reference:main"] for u in units]
