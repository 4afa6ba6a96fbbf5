"""Inline tags in segment text: the placeholder syntax, what is wrong with a translation's
tags, and sentence splitting across tags."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from workbench.text.segment import split_sentences
from workbench.text.tagged import split_tagged
from workbench.text.tags import (
    LRI,
    PDI,
    TagToken,
    isolate_tags,
    mask_tags,
    next_missing_tag,
    renumber_tags,
    strip_tags,
    tag_problems,
    tokens,
)


def test_tokens_read_the_three_kinds_and_nothing_else() -> None:
    text = "a <1>b</1> <2/> <0> <01> </3/> <x> <1234567> c"
    assert [(t.kind, t.id, text[t.start : t.end]) for t in tokens(text)] == [
        ("open", 1, "<1>"), ("close", 1, "</1>"), ("empty", 2, "<2/>"),
    ]
    assert strip_tags("هذا <1>نص</1><2/>.") == "هذا نص."
    assert mask_tags("<1>5</1>") == "   5    "
    assert isolate_tags("هذا <1>نص</1><2/> </3/> <0>.") == (
        f"هذا {LRI}<1>{PDI}نص{LRI}</1>{PDI}{LRI}<2/>{PDI} </3/> <0>."
    )
    assert isolate_tags("بلا وسوم < 3") == "بلا وسوم < 3"


def kinds(source: str, target: str) -> list[tuple[str, str]]:
    return [(p.kind, p.tag) for p in tag_problems(source, target)]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("The <1>bold</1> word<2/>.", []),
        ("The bold word<2/>.", [("missing", "<1>"), ("missing", "</1>")]),
        ("The <1>bold</1> word.", [("missing", "<2/>")]),
        ("The <1>bold</1> <1>word</1><2/>.", [("duplicated", "<1>"), ("duplicated", "</1>")]),
        ("The <1>bold</1> word<2/><3/>.", [("extra", "<3/>")]),
        ("The </1>bold<1> word<2/>.", [("nesting", "</1>")]),
    ],
)
def test_problems_of_a_translation(target: str, expected: list[tuple[str, str]]) -> None:
    assert kinds("الكلمة <1>العريضة</1><2/>.", target) == expected


def test_crossed_pairs_are_bad_nesting_but_the_sources_nesting_is_the_reference() -> None:
    source = "<1>أ <2>ب</2></1>"
    assert kinds(source, "<1>a <2>b</2></1>") == []
    assert kinds(source, "<1>a <2>b</1></2>") == [("nesting", "<2>")]
    # a half whose partner is in another segment is left out of the nesting
    assert kinds("<1>أ", "<1>a") == []
    assert kinds("ب</1>", "b</1>") == []


def test_the_next_missing_tag_for_an_editor_key() -> None:
    source = "هذا <1>نص</1> و<2/>."
    assert next_missing_tag(source, "") == "<1>"
    assert next_missing_tag(source, "This <1>text") == "</1>"
    assert next_missing_tag(source, "This <1>text</1> and") == "<2/>"
    assert next_missing_tag(source, "This <1>text</1> and<2/>.") is None
    # at the cursor, a pair opened before it is closed first
    assert next_missing_tag("<1>أ</1> <2>ب</2>", "<1>a", cursor=4) == "</1>"


def test_split_tagged_is_split_sentences_without_tags() -> None:
    text = "بدأت الثورة. ثم انتشرت! وماذا بعد؟ انتهى."
    assert split_tagged(text, "ar") == split_sentences(text, "ar")


def test_no_cut_inside_a_placeholder_and_tags_go_with_their_sentence() -> None:
    assert split_tagged("هذا <1>نص عريض.</1> وهذه<2/> جملة.<3/> ثم <4>ثالثة</4>.", "ar") == [
        "هذا <1>نص عريض.</1>", "وهذه<2/> جملة.<3/>", "ثم <4>ثالثة</4>.",
    ]
    # a placeholder is no sentence end, and a sentence end hidden between tags is still one
    assert split_tagged("العدد <12/> كبير<1>.</1> التالي.", "ar") == [
        "العدد <12/> كبير<1>.</1>", "التالي.",
    ]
    # the plain splitter misses the sentence end the closing tag hides
    assert len(split_sentences("جملة <1>أولى.</1> جملة ثانية.", "ar")) == 1
    assert split_tagged("جملة <1>أولى.</1> جملة ثانية.", "ar") == [
        "جملة <1>أولى.</1>", "جملة ثانية.",
    ]


def test_a_tag_glued_to_the_next_sentence_opens_it() -> None:
    assert split_tagged("First one. <1>Second</1> one.", "en") == [
        "First one.", "<1>Second</1> one.",
    ]
    assert split_tagged("Note.<1/> <2/>Next.", "en") == ["Note.<1/>", "<2/>Next."]


def test_the_checks_report_a_lost_tag_once() -> None:
    """tag-mismatch reports it; number-mismatch does not read the digits of tags."""
    from workbench.glossary.qa import run_checks

    found = run_checks("بدأت <1>الثورة</1> عام ١٩١٧.<2/>", "The <1>revolution</1> began in 1917.",
                       matcher=None)
    assert [(f.check, f.kind, f.severity, f.expected) for f in found] == [
        ("tag-mismatch", "missing", "error", ["<2/>"])
    ]


def test_another_tools_numbers_become_ours_by_order() -> None:
    source, ours = "نص <7>مهم <9>جدا</9></7><8/>.", "نص <1>مهم <2>جدا</2></1><3/>."
    assert renumber_tags("A <7>very <9>important</9></7><8/> text.", source, ours) == (
        "A <1>very <2>important</2></1><3/> text.")
    # a tag the source lacks is left out; tags of another shape leave the text bare
    assert renumber_tags("A <7>text</7><5/>.", source, ours) == "A <1>text</1>."
    assert renumber_tags("A <7>text</7>.", "نص <7>مهم</7>.", ours) == "A text."


def test_a_lone_half_of_another_tool_meets_our_empty_tag() -> None:
    """OmegaT's level-2 TMX writes an image as ``<it pos="begin" x="1">`` (read as a lone
    ``<2>``) where our segment has an empty tag ``<2/>``: the shapes differed and the English
    came in with none of its tags ("See the picture  below.")."""
    source, ours = "انظر <1>الصورة</1> <2> أدناه.", "انظر <1>الصورة</1> <2/> أدناه."
    assert renumber_tags("See <1>the picture</1> <2> below.", source, ours) == (
        "See <1>the picture</1> <2/> below.")
    # our lone half (its partner in another segment) meets another tool's the same way
    assert renumber_tags("A <5>b", "ا <5>ب", "ا <3>ب") == "A <3>b"


def test_a_note_reference_written_as_a_pair_ends_its_sentence() -> None:
    """An HTML page's note reference is a link around a number (pandoc's
    ``<a class="footnote-ref"><sup>1</sup></a>``, Word's ``[1]``): glued to the stop, its
    number hid the sentence end, and two sentences were one segment."""
    assert split_tagged("بأنها انقلاب.<2><3>1</3></2> هذا الادعاء كاذب.", "ar") == [
        "بأنها انقلاب.<2><3>1</3></2>", "هذا الادعاء كاذب.",
    ]
    assert split_tagged("جملة أولى.<1>[٢]</1> جملة ثانية.", "ar") == [
        "جملة أولى.<1>[٢]</1>", "جملة ثانية.",
    ]
    # words in a pair after the stop are a sentence's, as before
    assert split_tagged("جملة أولى. <1>جملة</1> ثانية.", "ar") == [
        "جملة أولى.", "<1>جملة</1> ثانية.",
    ]


def test_an_empty_tag_between_a_stop_and_the_next_line_parts_them_as_a_space() -> None:
    """A DOCX paragraph whose lines a manual line break (``<1/>``) parts: the splitter saw the
    stop glued to the next line (``يلي.1.``, ``السوق.«لن``, ``السوق.Then``), so a list number
    ended a segment and its item went into the next, and a quote or Latin line was no new
    sentence, where the English, read with the break as a space, was split line by line."""
    text = "يشترط ما يلي.<1/>1. أن يكون مواطنا.<2/>«لن نتراجع» قال الوزير.<3/>Then he left."
    assert split_tagged(text, "ar") == [
        "يشترط ما يلي.<1/>", "1. أن يكون مواطنا.<2/>", "«لن نتراجع» قال الوزير.<3/>",
        "Then he left.",
    ]
    # a tab after a list number, and a break inside a sentence, still part nothing
    assert split_tagged("1.<1/>أن يكون مواطنا. قال د.<2/>أحمد ذلك.", "ar") == [
        "1.<1/>أن يكون مواطنا.", "قال د.<2/>أحمد ذلك."]


def test_a_list_number_opening_a_line_after_a_break_is_no_sentence_end() -> None:
    """A DOCX paragraph listing items on lines of their own (Shift+Enter), without stops:
    the splitter read ``الماء<2/>٢. الملح`` as a sentence ending in ``٢.``, so each item's number
    closed the segment before and its words opened the next (``…الماء<2/>٢.`` | ``الملح<3/>3.``)."""
    assert split_tagged("يجب:<1/>١. الماء<2/>٢. الملح<3/>3. السكر", "ar") == [
        "يجب:<1/>١. الماء<2/>٢. الملح<3/>3. السكر"]
    assert split_tagged("المكونات:<1/>1. الماء <2/>2. الملح", "ar") == [
        "المكونات:<1/>1. الماء <2/>2. الملح"]
    # and a list's letters (أ. ب.), as legal texts number their items
    assert split_tagged("الشروط:<1/>أ. الماء<2/>ب. الملح", "ar") == [
        "الشروط:<1/>أ. الماء<2/>ب. الملح"]
    # a year after a tag, and a number ending a sentence without one, still end it
    assert split_tagged("زرت عام<1/>2019. ثم عدت.", "ar") == ["زرت عام<1/>2019.", "ثم عدت."]
    assert split_tagged("<1>الفصل</1> 12. ثم عدت.", "ar") == ["<1>الفصل</1> 12.", "ثم عدت."]


class _CountedTags(list[TagToken]):
    """A paragraph's tags that count how many are looked at."""

    seen = 0

    def __iter__(self) -> Iterator[TagToken]:
        for token in list.__iter__(self):
            _CountedTags.seen += 1
            yield token

    def __getitem__(self, key: Any) -> Any:
        _CountedTags.seen += 1
        return list.__getitem__(self, key)


def test_a_long_paragraph_with_tags_is_split_in_linear_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each cut between two sentences scanned the paragraph's tags from its first (and copied
    the rest of the text): a 560 KB HTML paragraph with tags took half a minute to segment,
    one of 5,000 note references seven seconds."""
    import workbench.text.tagged as tagged

    monkeypatch.setattr(tagged, "tokens", lambda text: _CountedTags(tokens(text)))
    _CountedTags.seen = 0
    assert len(split_tagged("<1>ذهب</1> الرجل إلى السوق. " * 1000, "ar")) == 1000
    assert _CountedTags.seen < 20 * 2000  # 2000 tags
    # each note reference after a stop looked at every tag of the paragraph for each of its
    # characters
    _CountedTags.seen = 0
    notes = "".join(f"ذهب الرجل.<{i}>1</{i}> " for i in range(1, 1001))
    assert len(split_tagged(notes, "ar")) == 1000
    assert _CountedTags.seen < 20 * 2000
