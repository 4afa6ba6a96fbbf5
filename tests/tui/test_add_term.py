"""Adding a glossary term from the editor (Alt+T): from a chosen dictionary sense, from the
Arabic word cursor and the selected English; refused duplicates are said and change
nothing."""

from __future__ import annotations

from textual.widgets import Input
from textual.widgets.text_area import Selection

from tests.tui.conftest import editing, settle
from tests.tui.test_panel_dictionary import add_dictionary, first_segment
from workbench.project import Project
from workbench.tui.screens.prompts import AddTermScreen
from workbench.tui.widgets.dictionary_panel import DictionaryPanel
from workbench.tui.widgets.panels import GlossaryPanel, SourceView


def glossary(db) -> list[tuple[str, str, tuple[str, ...], str]]:
    with Project.open(db) as project:
        return [(e.term, e.rendering, e.forbidden, e.comment)
                for e in project.glossary().entries]


async def wait_for(pilot, predicate) -> None:
    for _ in range(100):
        if predicate():
            return
        await pilot.pause(0.05)


async def test_a_dictionary_sense_becomes_a_glossary_term(sample_db, make_app, tmp_path):
    add_dictionary(sample_db, tmp_path)
    before = glossary(sample_db)
    segment_id, _source = first_segment(sample_db)
    app = make_app()
    async with editing(app, segment_id) as (pilot, screen):
        await pilot.press("shift+f10")
        await settle(pilot)
        panel = screen.query_one(DictionaryPanel)
        while panel.selected.text != "overthrow":
            await pilot.press("down")
        await pilot.press("alt+t")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AddTermScreen)
        values = {i.id: i.value for i in dialog.query(Input)}
        assert values["term-term"] == "انقلاب" and values["term-rendering"] == "overthrow"
        dialog.query_one("#term-forbidden", Input).value = "revolt; rising"
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(glossary(sample_db)) > len(before))
        assert glossary(sample_db)[-1] == ("انقلاب", "overthrow", ("revolt", "rising"), "")
        await settle(pilot)
        # the segment's glossary panel shows the new entry (another rendering of انقلاب)
        await wait_for(pilot, lambda: any(
            line.rendering == "overthrow" for line in screen.query_one(GlossaryPanel).lines))
        assert any(line.term == "انقلاب" and line.rendering == "overthrow"
                   for line in screen.query_one(GlossaryPanel).lines)
        # the same again is refused, said, and changes nothing
        panel.focus()
        await settle(pilot)
        while panel.selected.text != "overthrow":
            await pilot.press("down")
        await pilot.press("alt+t")
        await settle(pilot)
        app.screen.query_one("#term-comment", Input).value = "typed before the refusal"
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("already" in n.message for n in app._notifications))
        assert any("in the glossary already" in n.message for n in app._notifications)
        assert len(glossary(sample_db)) == len(before) + 1
        # refused: the dialog is back with what was typed, to be put right or cancelled
        await wait_for(pilot, lambda: isinstance(app.screen, AddTermScreen))
        values = {i.id: i.value for i in app.screen.query(Input)}
        assert values["term-rendering"] == "overthrow"
        assert values["term-comment"] == "typed before the refusal"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, AddTermScreen)


async def test_the_word_cursor_and_the_selected_english_become_a_term(sample_db, make_app):
    before = glossary(sample_db)
    segment_id, source = first_segment(sample_db)
    app = make_app()
    async with editing(app, segment_id) as (pilot, screen):
        editor = screen.editor
        at = editor.text.index("critics")
        where = editor.document.get_location_from_index
        editor.selection = Selection(where(at), where(at + len("critics")))
        await pilot.press("shift+tab")  # the Arabic panel's word cursor
        await settle(pilot)
        view = screen.query_one(SourceView)
        for _ in range(source.split().index("نقاد")):
            await pilot.press("left")
        assert view.current_word() == "نقاد"
        await pilot.press("alt+t")
        await settle(pilot)
        values = {i.id: i.value for i in app.screen.query(Input)}
        assert values["term-term"] == "نقاد" and values["term-rendering"] == "critics"
        await pilot.press("escape")  # cancelled: nothing added
        await settle(pilot)
        assert not isinstance(app.screen, AddTermScreen) and glossary(sample_db) == before
        await pilot.press("alt+t")
        await settle(pilot)
        app.screen.query_one("#term-comment", Input).value = "literary critics"
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(glossary(sample_db)) > len(before))
        assert glossary(sample_db)[-1] == ("نقاد", "critics", (), "literary critics")


def test_a_word_of_the_text_becomes_a_term_without_its_article_and_proclitics():
    from workbench.tui.screens.editor.terms import term_of

    assert term_of("والثورة") == "ثورة" and term_of("للمدرسة") == "مدرسة"
    assert term_of("بالسوفييتات") == "سوفييتات" and term_of("نقاد") == "نقاد"
    assert term_of("الى") == "الى"  # too short without it: left as it is
