"""Sentences run together with a dash are searched as their parts and linked whole
(workbench.align.joined)."""

from __future__ import annotations

from bench.align import fisherman_set
from workbench.align import align_sentences
from workbench.align.joined import (
    SPREAD_CHARS,
    joined_confidence,
    parts,
    searched_in_parts,
    whole,
)
from workbench.align.model import Alignment


def test_a_sentence_is_cut_only_where_a_sentence_end_meets_a_dash() -> None:
    text = ["Thou must inform me, even if thou die.--I cannot reveal it, said he.",
            "Nay! nay!--to which he answered, Yea!",
            "Is it so?\u2014It is.",
            'He said, "Go."--And he went.',
            "she said:--O my father; and--exclaiming, Alas!-- he wept.",
            "No dash here. Two sentences."]
    cut = parts(text)
    assert cut is not None
    pieces, owner = cut
    assert pieces == [
        "Thou must inform me, even if thou die.--", "I cannot reveal it, said he.",
        "Nay! nay!--", "to which he answered, Yea!",
        "Is it so?\u2014", "It is.",
        'He said, "Go."--', "And he went.",
        "she said:--O my father; and--exclaiming, Alas!-- he wept.",
        "No dash here. Two sentences.",
    ]
    assert owner == [0, 0, 1, 1, 2, 2, 3, 3, 4, 5]
    assert parts(["ثم قال: نعم.", "Goods -- medical -- were short.", "And--so."]) is None


def test_the_parts_of_a_sentence_join_one_link() -> None:
    # English sentence 1 is parts 1-3, each linked to an Arabic sentence of its own
    owner = [0, 1, 1, 1, 2]
    links = [([0], [0]), ([1], [1]), ([2], [2]), ([], [3]), ([3], [4])]
    out, members = whole(links, 1, owner, [10, 10, 10, 10, 10])
    assert out == [([0], [0]), ([1, 2], [1]), ([3], [2])]
    assert members == [[0], [1, 2, 3], [4]]


def test_a_small_part_in_a_link_with_another_sentence_is_left_to_its_sentence() -> None:
    """corpora/frame: "... she dies or repents?" closes English 81 while its next sentence
    begins "She would never, after that, ask him a question.--And when the merchant heard
    ...": the tail goes with the Arabic of 81, the sentence with the Arabic of the rest."""
    owner = [0, 1, 1]  # English 1: a short first part and a long second
    links = [([0], [0, 1]), ([1], [2])]
    out, _ = whole(links, 1, owner, [100, 20, 80])
    assert out == [([0], [0]), ([1], [1])]
    # its larger part there: the sentence goes there, and the link after joins it
    out, _ = whole(links, 1, owner, [100, 80, 20])
    assert out == [([0, 1], [0, 1])]
    # a link of two small parts keeps one of them: its Arabic is not left unlinked
    out, _ = whole([([0], [0]), ([1], [1, 2]), ([2], [3])], 1, [0, 0, 1, 1], [50, 10, 10, 50])
    assert out == [([0], [0]), ([1, 2], [1])]


def test_a_long_part_in_a_link_with_another_sentence_joins_the_link() -> None:
    """corpora/fisherman: Lane's English 10 ends with the opening of Arabic 6 ("--cast it again,
    and waited till it had sunk ..."): a sentence spread over two groups joins them, where a
    moved clause of a few words would stay with its own sentence."""
    owner = [0, 1, 1]  # English 1: a first part as long as a sentence, and a longer second
    links = [([0], [0, 1]), ([1], [2])]
    out, members = whole(links, 1, owner, [100, SPREAD_CHARS, SPREAD_CHARS + 50])
    assert out == [([0, 1], [0, 1])]
    assert members == [[0, 1]]
    out, _ = whole(links, 1, owner, [100, SPREAD_CHARS - 1, SPREAD_CHARS + 50])
    assert out == [([0], [0]), ([1], [1])]


def test_the_search_on_parts_gives_sentence_links_confidences_and_left_out() -> None:
    ar = ["a", "b", "c"]
    en = ["One.--Two.", "Three."]
    seen: list[tuple[list[str], list[str]]] = []

    def search(pa: list[str], pe: list[str], oa: list[int], oe: list[int], starts: object
               ) -> Alignment:
        seen.append((pa, pe))
        assert (oa, oe) == ([0, 1, 2], [0, 0, 1])
        return Alignment([([0], [0]), ([1], [1]), ([2], [])], [0.9, 0.6, 0.3],
                         left_out=[("en", 2)])

    before = Alignment([([0, 1, 2], [0, 1])], [0.5], ["a warning"], 0.7)
    after = searched_in_parts(ar, en, None, search, before)
    assert seen == [(ar, ["One.--", "Two.", "Three."])]
    assert after.links == [([0, 1], [0]), ([2], [])]
    assert after.confidence == [0.6, 0.3]
    assert after.left_out == [("en", 1)]
    assert (after.warnings, after.related) == (["a warning"], 0.7)
    assert searched_in_parts(ar, ["One.", "Two."], None, search, before) is before


def test_lanes_speeches_run_together_are_linked_as_the_gold() -> None:
    """corpora/fisherman, no dictionary: Lane runs three speeches into English 42 ("...
    liberating thee.--Why, answered the 'Efreet, ...--O Sheykh of the 'Efreets, said the
    fisherman, ...") and two into English 30; the sentence search joined the proverb's lead-in
    (Arabic 37) to the speeches and kept Arabic 19-23 a speech off. Searched as parts, these
    links are the gold's."""
    ar, en, _ = fisherman_set()
    links = {(tuple(a), tuple(e)) for a, e in align_sentences(ar, en).links}
    assert {((34, 35, 36), (42,)), ((37,), (43,)), ((19,), (30,)), ((20,), (31,)),
            ((21, 22, 23), (32, 33)), ((55, 56), (61, 62, 63))} <= links


def test_a_link_both_searches_make_is_as_sure_as_the_less_sure() -> None:
    searched = Alignment([([0], [0]), ([1], [1, 2]), ([2], [3])], [0.4, 0.9, 0.8])
    links: list[tuple[list[int], list[int]]] = [([0], [0]), ([1], [1]), ([2], [2, 3])]
    assert joined_confidence(links, [0.9, 0.7, 0.6], searched) == [0.4, 0.7, 0.6]
    assert joined_confidence([([0], [0])], [0.3], searched) == [0.3]


def test_a_sentence_spread_over_two_groups_joins_them_as_the_gold() -> None:
    """corpora/fisherman, no dictionary: English 10 holds Arabic 5 and the opening of Arabic 6
    (twelve words), so the gold links Arabic 5-6 with English 10-11; the short clauses Lane
    moved ("There is no strength nor power but in God!--" opening English 18, "Receive news,
    O fisherman!--" opening English 30) leave their sentences' links as they are."""
    ar, en, _ = fisherman_set()
    links = {(tuple(a), tuple(e)) for a, e in align_sentences(ar, en).links}
    assert {((5, 6), (10, 11)), ((11,), (17,)), ((12,), (18, 19)), ((18,), (29,)),
            ((19,), (30,))} <= links
