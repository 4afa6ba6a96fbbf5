"""Inline tags of client documents in the editor: drawn whole (never ``<1/>`` for ``</1>`` in
right-to-left text), listed with what they stand for, kept whole in the English editor (a
deletion takes a whole tag or none), and inserted in order by Shift+F11."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import editing, screen_lines, settle
from workbench.project import Project
from workbench.text.bidi import visual
from workbench.tui.display import TAG_STYLE, BidiDisplay, protect_tags, restore_tags
from workbench.tui.widgets.english_editor import EnglishEditor
from workbench.tui.widgets.panels import SourceView

PAGE = """<html dir="rtl" lang="ar"><body>
<p>بدأت الثورة في <b>بتروغراد</b> عام ١٩١٧.</p>
<p>قرأت <a href="https://example.org/a">المقال</a> كاملا<br/>على الموقع.</p>
</body></html>
"""


def import_page(db: Path, folder: Path) -> list[int]:
    """Import the page as document 'client'; the ids of its segments."""
    path = folder / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    with Project.open(db) as project:
        project.sources.import_file(path, "client")
        return [s.id for s in project.segments("client", limit=10)]


def test_tags_are_reordered_whole_in_arabic():
    text = "بدأت الثورة في <1>بتروغراد</1> عام ١٩١٧.<2/>"
    assert restore_tags(protect_tags(text)) == text
    assert len(protect_tags(text)) == len(text)
    naive = visual(text)
    assert "<1/>" in naive  # what the bidi algorithm alone makes of </1>: a wrong tag
    shown = BidiDisplay(reorder=True).fit_arabic(text, 60)
    assert "</1>" in shown and "<1>" in shown and "<2/>" in shown and "<1/>" not in shown
    # read right to left: the opening tag comes first, then the word, then the closing one
    assert shown.index("</1>") < shown.index("<1>")
    lines = BidiDisplay(reorder=True).arabic(text).lines(40)
    chips = [(line.plain[s.start:s.end]) for line in lines for s in line.spans
             if s.style == TAG_STYLE]
    assert sorted(chips) == ["</1>", "<1>", "<2/>"]


def test_a_memory_units_placeholders_are_reordered_whole_in_arabic():
    # the Matches panel and the concordance draw another tool's unit ({1} {/1} {2/}): a
    # closing {/1} turned into {1/}, an empty tag's notation, and {2/} into {/2}
    text = "قامت {1}الثورة{/1} في روسيا.{2/}"
    assert "{1/}" in visual(text)
    shown = BidiDisplay(reorder=True).fit_arabic(text, 60)
    assert "{/1}" in shown and "{2/}" in shown and "{1/}" not in shown and "{/2}" not in shown
    assert shown.index("{/1}") < shown.index("{1}")  # read right to left: opening first
    assert restore_tags(protect_tags("{x} {/1/} {1}")) == "{x} {/1/} {1}"


async def test_arabic_panel_shows_tags_whole_and_what_they_stand_for(sample_db, make_app,
                                                                     tmp_path):
    ids = import_page(sample_db, tmp_path)
    app = make_app(document="client")
    async with editing(app, ids[1]) as (_pilot, screen):
        view = screen.query_one(SourceView)
        assert view.tag_lines == [("<1>…</1>", "link: https://example.org/a"),
                                  ("<2/>", "br")]
        text = "\n".join(screen_lines(app))
        assert "</1>" in text and "<1/>" not in text
        assert "<1>…</1> link: https://example.org/a" in text
        assert "<2/> br" in text


async def test_shift_f11_inserts_the_missing_tags_in_order(sample_db, make_app, tmp_path):
    ids = import_page(sample_db, tmp_path)
    app = make_app(document="client")
    async with editing(app, ids[0]) as (pilot, screen):
        editor = screen.editor
        assert editor.text == ""
        editor.load_text("The revolution began in ")
        editor.move_cursor(editor.document.end)
        await pilot.press("shift+f11")
        await pilot.press(*"Petrograd")
        await pilot.press("shift+f11")
        await settle(pilot)
        assert editor.text == "The revolution began in <1>Petrograd</1>"
        await pilot.press("shift+f11")
        await settle(pilot)
        assert editor.text == "The revolution began in <1>Petrograd</1>"
        assert any("Every tag" in n.message for n in app._notifications)


async def test_a_tag_is_deleted_whole_or_not_at_all(make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        editor = screen.editor
        editor.load_text("A <1>bold</1> word<2/>.")
        editor.move_cursor((0, len("A <1>bold</1>")))
        await pilot.press("backspace")  # right after </1>: the whole tag goes
        assert editor.text == "A <1>bold word<2/>."
        editor.move_cursor((0, len("A <1")))  # inside <1>
        await pilot.press("delete")
        assert editor.text == "A bold word<2/>."
        editor.move_cursor((0, len("A bold word<2")))
        await pilot.press(*"xy")  # typing inside a tag types after it
        assert editor.text == "A bold word<2/>xy."
        editor.load_text("A <1>bold</1> word<2/>.")
        # a selection reaching into a tag takes the tag whole
        editor.selection = editor.selection.__class__((0, 3), (0, 7))  # "1>bo"
        await pilot.press("backspace")
        assert editor.text == "A ld</1> word<2/>."
        editor.load_text("A <1>bold</1> word.")
        editor.move_cursor((0, 2))
        await pilot.press("right")  # the cursor steps over a tag as over one character
        assert editor.cursor_location == (0, 5)
        await pilot.press("left")
        assert editor.cursor_location == (0, 2)
        line = editor.get_line(0)
        assert [line.plain[s.start:s.end] for s in line.spans if s.style == TAG_STYLE] == [
            "<1>", "</1>"]
        assert isinstance(app.focused, EnglishEditor)
