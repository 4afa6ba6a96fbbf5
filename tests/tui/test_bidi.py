"""Arabic display helpers: wrap in logical order, reorder each line, index maps, shaping."""

from __future__ import annotations

from rich.cells import cell_len

from workbench.text.bidi import (
    display_lines,
    fit,
    shape,
    visual,
    visual_order,
    wrap_logical,
    wrap_offsets,
)
from workbench.tui.widgets.arabic import ArabicText

MIXED = "في عام 1917 قال Lenin إن السوفييتات (المجالس) قوية."


def test_pure_arabic_line_is_reversed():
    assert visual("مرحبا بكم") == "مكب ابحرم"


def test_numbers_and_latin_names_keep_their_order_inside_arabic():
    shown = visual(MIXED)
    # Read left to right on screen: the sentence end first, the beginning at the right.
    assert shown.startswith(".ةيوق")
    assert shown.endswith("ماع يف")
    assert "1917" in shown and "Lenin" in shown  # not reversed into 7191 / nineL
    assert shown.index("Lenin") < shown.index("1917")  # Lenin comes later in reading order
    assert "(سلاجملا)" in shown  # brackets mirrored so they still enclose the word


def test_index_map_points_each_cell_at_its_character():
    shown, order = visual_order(MIXED)
    assert order is not None and sorted(order) == list(range(len(MIXED)))
    for cell, logical in zip(shown, order, strict=True):
        assert cell == MIXED[logical] or (cell, MIXED[logical]) in {("(", ")"), (")", "(")}


def test_wrap_first_then_reorder_keeps_the_sentence_start_on_the_first_line():
    lines = wrap_logical(MIXED, 20)
    assert lines[0].startswith("في عام")
    assert all(cell_len(line) <= 20 for line in lines)
    assert " ".join(lines) == MIXED
    painted = display_lines(MIXED, 20)
    assert painted[0].text == visual(lines[0])
    assert [line.text for line in display_lines(MIXED, 20, reorder=False)] == lines


def test_wrap_offsets_cut_overlong_words_and_keep_newlines():
    assert wrap_offsets("abcdefghij", 4) == [(0, 4), (4, 8), (8, 10)]
    assert wrap_logical("ab cd\nef", 10) == ["ab cd", "ef"]


def test_diacritics_take_no_cells_and_survive_shaping():
    text = "إِلَهَ الكَوْن"
    assert cell_len(text) == len(text.replace("ِ", "").replace("َ", "").replace("ْ", ""))
    shaped = shape(text)
    assert len(shaped) == len(text)
    assert "َ" in shaped and shaped != text


def test_diacritics_stay_after_their_letter_once_reordered():
    # Rule L3: a terminal draws a combining mark on the cell before it, so each harakah must
    # follow its own letter in the painted line, not precede it (where it lands on a neighbour).
    text = "وَقَالَ الرَّئِيسُ"
    shown, order = visual_order(text)
    assert shown == "سُيئِرَّلا لَاقَوَ"
    assert order is not None and sorted(order) == list(range(len(text)))
    assert fit(text, 20).lstrip() == shown
    assert visual("café مرحبا") == "ابحرم café"  # left-to-right marks were right already


def test_fit_right_aligns_and_marks_the_cut_at_the_logical_end():
    line = fit(MIXED, 20)
    assert cell_len(line) == 20
    assert line.lstrip().startswith("…")  # the cut end is at the left in RTL display
    assert line.endswith("ماع يف")
    short = fit("نعم", 10)
    assert short == " " * 7 + "معن"
    assert fit("نعم", 10, reorder=False) == " " * 7 + "نعم"


def test_arabic_text_highlights_follow_the_characters():
    term = "السوفييتات"
    start = MIXED.index(term)
    rendered = ArabicText(MIXED, [(start, start + len(term), "bold")]).lines(80)
    assert len(rendered) == 1
    line = rendered[0]
    assert cell_len(line.plain) == 80
    bold = "".join(
        line.plain[span.start:span.end] for span in line.spans if "bold" in str(span.style)
    )
    assert bold == term[::-1]


def test_a_number_that_starts_a_wrapped_line_reads_as_it_does_mid_line():
    # Levels are the paragraph's: after Arabic, 3.5% and 10-12 are Arabic numbers (rule W2),
    # their % and - right to left, on a line of their own as in the middle of one.
    text = "ارتفعت الأسعار بنسبة 3.5% في الصفحات 10-12 هنا"
    assert visual(text) == "انه 12-10 تاحفصلا يف %3.5 ةبسنب راعسألا تعفترا"
    wrapped = [line.text for line in display_lines(text, 20)]
    assert wrapped == ["ةبسنب راعسألا تعفترا", "تاحفصلا يف %3.5", "انه 12-10"]
    assert [line.plain.strip() for line in ArabicText(text, [(21, 25, "bold")]).lines(20)] \
        == wrapped  # with an index map (highlights) as well
