"""Inline tags of an English line holding Arabic (a TM match, the reviewer's table, its
detail, a history entry) are drawn as written: each tag kept whole, never mirrored
(``</1>`` never turns into ``<1/>``), as in the Arabic panel."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from tests.tui.conftest import editing, screen_lines, settle
from tests.tui.screen_wait import open_screen
from workbench.project import Project
from workbench.text.bidi import visual
from workbench.tui.display import BidiDisplay
from workbench.tui.screens.review import ReviewScreen, SegmentRow, row_cells

TARGET = "Click <1>هنا</1> to open the file <2/> now."
SHOWN = f"Click <1>{visual('هنا')}</1> to open the file <2/> now."


def test_a_line_keeps_the_tags_of_arabic_words_whole_and_unmirrored():
    bidi = BidiDisplay()
    assert bidi.plain(TARGET) == SHOWN
    term = Text.assemble(("Click ", "bold"), "<1>هنا</1>")
    line = bidi.line(term)
    assert line.plain == f"Click <1>{visual('هنا')}</1>"
    assert [(s.start, s.end) for s in line.spans] == [(0, 6)]  # styles stay on their letters


def test_a_wrapped_paragraph_keeps_its_tags_on_every_line():
    lines = BidiDisplay().text(TARGET).lines(Console(width=200), 20)
    assert [line.plain.rstrip() for line in lines] == [
        f"Click <1>{visual('هنا')}</1> to", "open the file <2/>", "now."]
    assert BidiDisplay().wrapped(TARGET, 20).split("\n")[0] == f"Click <1>{visual('هنا')}</1> to"


def test_an_arabic_paragraph_through_text_reads_as_in_the_arabic_panel():
    source = "انقر <1>هنا</1> لفتح الملف <2/> ثم احفظه."
    bidi = BidiDisplay()
    panel = bidi.arabic(source).lines(60)[0].plain.strip()
    assert bidi.plain(source, base="R") == panel
    assert "</1>" in panel and "<1/>" not in panel


def test_the_reviewers_table_shows_an_english_target_with_tags_as_written():
    row = SegmentRow(1, 1, "translated", (), (), "انقر <1>هنا</1>", TARGET)
    assert str(row_cells(row, BidiDisplay(), 80)[3]) == SHOWN


def test_an_arabic_phrase_with_tags_in_an_english_line_keeps_its_word_order():
    # A target left in Arabic (untranslated): its tags sit between Arabic words, so they belong
    # to the Arabic run, as the bidi algorithm puts neutrals there; as left-to-right units they
    # cut the phrase into runs shown in the wrong order (انقر first at the left).
    arabic = "انقر <1>هنا</1> لفتح الملف"
    panel = "فلملا حتفل </1>انه<1> رقنا"
    bidi = BidiDisplay()
    assert bidi.plain(arabic) == panel
    assert bidi.fit_left(arabic, 30).rstrip() == panel
    row = SegmentRow(1, 1, "draft", (), (), arabic, arabic)
    assert str(row_cells(row, bidi, 80)[3]) == panel
    assert bidi.arabic(arabic).lines(40)[0].plain.strip() == panel


def test_a_tag_between_english_and_arabic_follows_the_arabic_paragraph():
    # In an Arabic paragraph a tag between an English word and an Arabic one takes the
    # paragraph's direction: read right to left, each tag is met where it is written.
    bidi = BidiDisplay()
    assert bidi.arabic("Click <1>هنا</1> now").lines(30)[0].plain.strip() \
        == f"now </1>{visual('هنا')}<1> Click"
    assert bidi.fit_arabic("انقر <1>WHO</1> هنا", 30).strip() \
        == f"{visual('هنا')} </1>WHO<1> {visual('انقر')}"


def test_in_terminal_direction_tags_stay_as_written():
    terminal = BidiDisplay(reorder=False)
    arabic = "انقر <1>هنا</1> لفتح <2/> الملف"
    assert terminal.fit_arabic(arabic, 40).strip() == arabic
    assert terminal.arabic(arabic).lines(40)[0].plain.strip() == arabic
    assert terminal.plain(arabic) == arabic


def test_a_column_cut_never_leaves_half_a_tag():
    # "Click <1>هنا</1" + "…" showed "</" or a mirrored "1/>" beside the Arabic word.
    bidi = BidiDisplay()
    for width in range(10, 17):
        for shown in (bidi.fit_left(TARGET, width), bidi.line(TARGET, width=width).plain):
            rest = shown.replace("<1>", "").replace("</1>", "")
            assert "<" not in rest and ">" not in rest and "/" not in rest, (width, shown)
    assert bidi.fit_left(TARGET, 16) == f"Click <1>{visual('هنا')}…".ljust(16)


async def test_the_reviewer_shows_an_arabic_target_with_tags_in_reading_order(
    sample_db, make_app
):
    with Project.open(sample_db) as project:
        first = project.segments(limit=1)[0].id
        project.save_draft(first, "انقر <1>هنا</1> لفتح الملف")
    app = make_app()
    async with editing(app) as (pilot, _):
        await open_screen(pilot, "f3", ReviewScreen)
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
    assert "فلملا حتفل </1>انه<1> رقنا" in shown  # the detail of the first segment
