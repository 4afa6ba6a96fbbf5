"""Building tagged text, reading a translation back as a tree, and segmenting a block."""

from __future__ import annotations

from workbench.filters.inline import InlineBuilder, Literal, Node, parse
from workbench.filters.model import Block, Tag
from workbench.filters.segmenting import segment_block


def test_the_builder_numbers_tags_as_they_appear() -> None:
    b = InlineBuilder()
    b.text("هذا ")
    bold = b.open("b", "bold", "B")
    b.text("نص")
    b.close(bold)
    b.empty("br", "line break", "BR")
    empty = b.open("span", "", "SPAN")  # a pair around nothing is an empty tag
    b.close(empty)
    assert b.result() == "هذا <1>نص</1><2/><3/>"
    assert [(t.id, t.paired, t.label) for t in b.tags.values()] == [
        (1, True, "b"), (2, False, "br"), (3, False, "span"),
    ]
    assert b.items == {1: "B", 2: "BR", 3: "SPAN"}


def test_text_that_looks_like_a_placeholder_becomes_an_empty_tag() -> None:
    b = InlineBuilder(collapse=True)
    b.text("  القيمة   <1> ثابتة\n")
    assert b.result() == "القيمة <1/> ثابتة"
    assert b.items[1] == Literal("<1>") and not b.tags[1].paired


def _tags(*spec: tuple[int, bool]) -> dict[int, Tag]:
    return {i: Tag(i, paired, "x") for i, paired in spec}


def test_parse_reads_nested_tags_and_drops_what_it_cannot_place() -> None:
    tags = _tags((1, True), (2, True), (3, False))
    parsed = parse("a <1>b <2>c</2></1> d<3/> <9/> e</2>", tags)
    assert parsed.children == [
        "a ", Node(1, True, ["b ", Node(2, True, ["c"])]), " d", Node(3, False), " ", " e",
    ]
    assert parsed.used == {3} and parsed.dropped == ["<9/>", "</2>"]
    # crossed: </1> closes the <2> opened inside it; tags left open close at the end
    assert parse("<1>a <2>b</1> c</2>", tags).children == [
        Node(1, True, ["a ", Node(2, True, ["b"])]), " c",
    ]
    assert parse("<1>a", tags).children == [Node(1, True, ["a"])]


def test_two_pieces_of_one_source_item_are_joined_again() -> None:
    tags = {1: Tag(1, True, "b", origin=1), 2: Tag(2, True, "b", origin=1)}
    assert parse("<1>A.</1> <2>B</2> c", tags).children == [
        Node(1, True, ["A.", " ", "B"]), " c",
    ]


def test_a_pair_across_a_sentence_end_is_closed_and_reopened() -> None:
    block = Block(
        "هذا <1>نص عريض. وهذه</1> جملة.<2/> ثم <3>ثالثة</3>.",
        {1: Tag(1, True, "b"), 2: Tag(2, False, "fn"), 3: Tag(3, True, "i")}, "p1",
    )
    segments, tags = segment_block(block)
    assert segments == ["هذا <1>نص عريض.</1>", "<2>وهذه</2> جملة.<3/>", "ثم <4>ثالثة</4>."]
    assert [(t.id, t.label, t.source_id) for t in tags.values()] == [
        (1, "b", 1), (2, "b", 1), (3, "fn", 2), (4, "i", 3),
    ]


def test_a_bilingual_block_keeps_its_segmentation() -> None:
    block = Block("أ. ب.", {}, "unit 1", segments=["أ. ب."], targets=["A. B."])
    assert segment_block(block) == (["أ. ب."], {})


def test_a_pair_around_the_whole_block_wraps_english_without_tags() -> None:
    from workbench.text.tags import whole_pairs

    assert whole_pairs("<1>الفصل الأول</1>", "Chapter One") == "<1>Chapter One</1>"
    assert whole_pairs("<1><2>عنوان</2></1>", "Title") == "<1><2>Title</2></1>"
    assert whole_pairs("<1>أ</1> ب <2>ج</2>", "A b c") == "A b c"  # not the whole block
    assert whole_pairs("<1>أ</1>", "<1>A</1>") == "<1>A</1>"  # the English has it


def test_a_pair_around_a_note_number_at_a_segments_edge_wraps_it_in_english() -> None:
    """English without tags (a delivery's text) keeps an HTML note reference's link and
    superscript, and a back link, around the same number or arrow at the same end."""
    from workbench.text.tags import whole_pairs

    assert whole_pairs("ويلز.<1><2>1</2></1>", "Parliament.1") == "Parliament.<1><2>1</2></1>"
    assert whole_pairs("الناتو.<3>↩</3> ", "NATO.↩") == "NATO.<3>↩</3>"
    assert whole_pairs("<1>1</1> <2>ومع</2> ذلك.", "1 However.") == "<1>1</1> However."
    assert whole_pairs("عام <1>2017</1>", "in 2017") == "in <1>2017</1>"
    assert whole_pairs("عام <1>17</1>", "in 2017") == "in 2017"  # part of a number
    assert whole_pairs("ويلز.<1>1</1>", "Wales.") == "Wales."  # not in the English
    assert whole_pairs("<1>في</1> ويلز", "in Wales") == "in Wales"  # letters: no number
    assert whole_pairs("ويلز.<1>1</1>", "Wales.<1>1</1>") == "Wales.<1>1</1>"


def test_a_pair_around_a_note_number_inside_a_segment_wraps_it_in_english() -> None:
    """A note reference after a word (pandoc's ``word[^1] more``) keeps its link around the
    same number in English without tags; the number is taken only when the English holds it
    once and not inside another number, and only a number or a note mark is."""
    from workbench.text.tags import whole_pairs

    assert whole_pairs("فيها حاشية<1><2>1</2></1> في آخرها.", "has a footnote1 at its end.") \
        == "has a footnote<1><2>1</2></1> at its end."
    assert whole_pairs("عام <1>1917</1> هنا", "in 1917 here") == "in <1>1917</1> here"
    assert whole_pairs("حاشية<1>1</1> في 1917", "note1 in 1917") == "note<1>1</1> in 1917"
    assert whole_pairs("حاشية<1>1</1> في", "note1 in 1") == "note1 in 1"  # twice
    assert whole_pairs("حاشية<1>1</1> في", "note 1.5 in") == "note 1.5 in"  # a number's part
    assert whole_pairs("حاشية<3>1</3> في", "note <1/>1 in") == "note <1/><3>1</3> in"
    assert whole_pairs("أ<1> - </1>ب", "a - b") == "a - b"  # not a number or a note mark
    assert whole_pairs("أ<1>2</1> ب", "a<1>2</1> b") == "a<1>2</1> b"  # the English has it
    assert whole_pairs("صفحة <4>٣</4>.", "page 3.") == "page <4>3</4>."  # Arabic-Indic


def test_a_blocks_segments_keep_their_whole_pairs_in_the_export_text() -> None:
    """Each segment wrapped by a pair (a pair split at a sentence end is two) keeps it when
    its English has no tags, whatever the format's writer."""
    from workbench.filters.model import Rendering, SegmentText

    rendering = Rendering([SegmentText("<1>الجملة الأولى.</1>", "The first sentence."),
                           SegmentText(" <3>الثانية.</3>", "The second."),
                           SegmentText("بلا وسم.", "")], {})
    assert rendering.text() == "<1>The first sentence.</1> <3>The second.</3> بلا وسم."


def test_a_blocks_segment_after_a_line_break_follows_it_without_a_space() -> None:
    """Two sentences on two lines: no space opens the second line, nor follows a tab (a
    footnote reference still gets one)."""
    from workbench.filters.model import Rendering, SegmentText, Tag

    tags = {1: Tag(1, False, "br", "line break"), 2: Tag(2, False, "tab", "tab"),
            3: Tag(3, False, "fn", "footnote 1")}
    rendering = Rendering([SegmentText("فهد.<1/>", "Street.<1/>"),
                           SegmentText("الرياض.<2/>", "Riyadh.<2/>"),
                           SegmentText("السعودية.<3/>", ""), SegmentText("تم.", "Done.")], tags)
    assert rendering.text() == "Street.<1/>Riyadh.<2/>السعودية.<3/> Done."
