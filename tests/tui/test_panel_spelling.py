"""Spelling in the editor with the pilot: misspelled words underlined after a pause (checked in
a worker), the suggestions dialog (F11) replacing the word, and adding the word to the
project's word list so it is never flagged again."""

from __future__ import annotations

from dataclasses import replace

from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import open_screen, until
from workbench.project import Project
from workbench.tui.screens.spelling import SuggestionsScreen, verdict
from workbench.tui.widgets.english_editor import MISSPELLED_STYLE, EnglishEditor


def underlined(editor: EnglishEditor) -> list[str]:
    """The words drawn with the misspelled style on the editor's first line."""
    line = editor.get_line(0)
    return [line.plain[s.start:s.end] for s in line.spans if s.style == MISSPELLED_STYLE]


async def type_keys_handled(pilot, screen, text: str) -> None:
    """Type ``text`` a key at a time, each key's change handled by the screen before the next:
    a press returns once the app looks idle, under load maybe before the change a key makes
    (``TextArea.Changed``) has reached the screen. Its handler keeps the marks that did not
    move and restarts the pause (a new timer)."""
    for c in text:
        before = screen._spell_timer
        await pilot.press("space" if c == " " else c)
        await until(pilot, lambda before=before: screen._spell_timer is not before)


async def test_misspelled_words_are_marked_after_a_pause(make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        await until(pilot, lambda: screen.spelling_ready)  # the dictionary's message handled
        assert screen.editor.misspelled == []  # the sample's draft is spelled right
        screen.spell_delay = 3600  # no pause ends on its own under load: the test says when
        # nor is the typing saved: on SQLite the feed tells of the autosave as a change made
        # elsewhere ("all"), which checks the spelling again and brings back the marks that
        # the edit in front is to clear (a press or pause under load may span the autosave)
        screen.autosave_timer.pause()
        editor = screen.editor
        typed = editor.text + " teh revolutoin"
        await pilot.press("end")
        await type_keys_handled(pilot, screen, " teh revolutoin")
        assert editor.text == typed
        timer = screen._spell_timer  # each key restarts the pause; the check waits for it
        assert timer is not None and timer._interval == screen.spell_delay
        screen.check_spelling_now()  # what the timer does once typing pauses
        await settle(pilot)
        await until(pilot, lambda: bool(editor.misspelled))  # the worker's answer handled
        assert [w for _s, _e, w in editor.misspelled] == ["teh", "revolutoin"]
        start, end, word = editor.misspelled[0]
        assert editor.text[start:end] == word == "teh"
        assert underlined(editor) == ["teh", "revolutoin"]
        # typing on at the end keeps the marks of the words that did not move
        await type_keys_handled(pilot, screen, " x")
        assert editor.text == typed + " x"
        assert [w for _s, _e, w in editor.misspelled] == ["teh", "revolutoin"]
        # an edit in front moves them: they go until the next check
        editor.insert("A ", (0, 0))
        await until(pilot, lambda: editor.misspelled == [])


async def test_suggestions_replace_the_word_at_the_cursor(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        editor = screen.editor
        editor.load_text("The revolutoin began.")
        editor.move_cursor((0, 8))  # inside the word
        dialog = await open_screen(pilot, "f11", SuggestionsScreen)
        assert dialog.word == "revolutoin"
        assert dialog.suggestions and dialog.suggestions[0] == "revolution"
        await pilot.press("1")
        await settle(pilot)
        assert editor.text == "The revolution began."
        assert editor.cursor_location == (0, len("The revolution"))
        assert editor.misspelled == []


async def test_f11_on_a_word_cut_by_tags_replaces_its_letters_keeping_the_tags(
        sample_db, make_app):
    """'re<2>ciev</2>e' was underlined and looked up as 'ciev' (suggestions civ, Kiev; 1 wrote
    're<2>civ</2>e'). The whole word is marked, F11 on any part of it offers the suggestions of
    'recieve', and a choice replaces its letters, the tags kept with their letters."""
    app = make_app()
    async with editing(app) as (pilot, screen):
        editor = screen.editor
        await until(pilot, lambda: screen.spelling_ready)
        if screen._spell_timer is not None:
            screen._spell_timer.stop()
        text = "They re<2>ciev</2>e aid."
        editor.load_text(text)
        screen.check_spelling_now()
        await until(pilot, lambda: bool(editor.misspelled))
        assert editor.misspelled == [(5, 19, "recieve")]
        editor.keep_marks()  # the word is still there: its mark stays
        assert editor.misspelled == [(5, 19, "recieve")]
        editor.mark_misspelled([])  # F11 before the check came back: the word is found whole
        editor.move_cursor((0, 6))  # on "re"
        dialog = await open_screen(pilot, "f11", SuggestionsScreen)
        await until(pilot, lambda: bool(dialog.suggestions))
        assert dialog.word == "recieve" and dialog.suggestions[0] == "receive"
        await pilot.press("escape")
        await settle(pilot)
        editor.mark_misspelled([(5, 19, "recieve")])
        editor.move_cursor((0, 12))  # inside "ciev"
        dialog = await open_screen(pilot, "f11", SuggestionsScreen)
        await until(pilot, lambda: bool(dialog.suggestions))
        assert dialog.word == "recieve" and dialog.suggestions[0] == "receive"
        await pilot.press("1")
        await settle(pilot)
        assert editor.text == "They re<2>ceiv</2>e aid."
        assert editor.cursor_location == (0, len("They re<2>ceiv</2>e"))


async def test_a_word_added_to_the_project_list_is_no_longer_flagged(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        editor = screen.editor
        editor.load_text("Trotskyists of Smolnyites met.")
        screen.check_spelling_now()
        await settle(pilot)
        assert "Smolnyites" in [w for _s, _e, w in editor.misspelled]
        editor.move_cursor((0, len("Trotskyists of Smol")))
        await open_screen(pilot, "f11", SuggestionsScreen)
        await pilot.press("ctrl+a")
        await settle(pilot)
        assert "Smolnyites" not in [w for _s, _e, w in editor.misspelled]
    with Project.open(sample_db) as project:
        assert "Smolnyites" in [w.word for w in project.spelling.words()]


async def test_spelling_key_without_a_word_says_so(make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        screen.editor.load_text("1917 — ")
        screen.editor.move_cursor((0, 6))
        await pilot.press("f11")
        await settle(pilot)
        assert not isinstance(app.screen, SuggestionsScreen)
        assert any("No word at the cursor" in n.message for n in app._notifications)


async def test_a_word_added_elsewhere_loses_its_mark(sample_db, make_app):
    """`workbench spelling add WORD` while the TUI shows WORD underlined: the mark goes without
    waiting for the next key typed."""
    with Project.open(sample_db) as project:
        sid = project.segments()[0].id
        project.save_draft(sid, "The Senedd met.")
    app = make_app()
    async with editing(app, sid) as (pilot, screen):
        editor = screen.editor
        assert editor.text == "The Senedd met." and screen.dirty_since is None
        if screen._spell_timer is not None:  # the check of the segment's opening, done now:
            screen._spell_timer.stop()  # no later check but the one the change brings
        screen.check_spelling_now()
        await settle(pilot)
        assert "Senedd" in [w for _s, _e, w in editor.misspelled]
        with Project.open(sample_db) as project:  # another process
            project.spelling.add_word("Senedd")
        await until(pilot, lambda: "Senedd" not in [w for _s, _e, w in editor.misspelled])


async def test_a_word_spelled_right_is_said_so_without_suggestions(sample_db, make_app):
    """F11 on a correct word ('critics') listed Hunspell's 'critic', "critic's", 'critic s' as
    if it were misspelled (Enter wrote 'critic'); `spelling suggest` calls it correct. A name
    the Arabic holds in Latin letters is right in its segment too."""
    app = make_app()
    async with editing(app) as (pilot, screen):
        editor = screen.editor
        editor.load_text("The critics read Pravdaa.")
        editor.move_cursor((0, 6))
        dialog = await open_screen(pilot, "f11", SuggestionsScreen)
        await settle(pilot)
        assert dialog.word == "critics" and dialog.suggestions == []
        status = str(dialog.query_one("#spelling-status").render())
        assert "critics" in status and "spelled right" in status
        await pilot.press("enter")  # no suggestion and no word to add were offered
        await settle(pilot)
        assert editor.text == "The critics read Pravdaa."
        with Project.open(sample_db) as project:
            assert project.spelling.words() == []
        await pilot.press("escape")
        await settle(pilot)
        assert screen.current is not None
        screen.current = replace(screen.current, source="قرأ النقاد Pravdaa.")
        editor.move_cursor((0, 20))
        dialog = await open_screen(pilot, "f11", SuggestionsScreen)
        await settle(pilot)
        assert dialog.word == "Pravdaa" and dialog.suggestions == []


async def test_without_a_dictionary_the_editor_checks_without_spelling(
    sample_db, make_app, config
):
    """A [spelling] language with no dictionary (en_UK): the README says the TUI says so and
    checks without spelling, but every segment's findings, glossary and reference panels
    stayed at '…' (each read failed on the dictionary)."""
    with Project.open(sample_db) as project:
        first, _, third = (s.id for s in project.segments()[:3])
        project.save_draft(first, "The bourgeois critics of Bolshevism often describe the "
                                  "October Revolution as a coop, a putsch")
    config.spelling_language = "en_UK"
    app = make_app()
    async with editing(app, first) as (pilot, screen):
        assert screen.spelling_error and "en_UK" in screen.spelling_error
        assert screen.matches  # the glossary panel's terms
        assert {f.check for f in screen.findings} == {"term-forbidden", "term-missing",
                                                      "end-punctuation"}
        screen.open_segment(third)  # read after the dictionary failed
        await settle(pilot)
        assert screen.current is not None and screen.current.id == third
        assert screen.matches and screen.query_one("#reference").text


async def test_ctrl_a_adds_no_word_the_check_never_flags(sample_db, make_app):
    """The dialog says an acronym is never checked and a dictionary word spelled right, with
    nothing to add; Ctrl+A added them to the project's word list all the same."""
    app = make_app()
    async with editing(app) as (pilot, screen):
        editor = screen.editor
        editor.load_text("The NATO summit began.")
        for word, column in (("NATO", 6), ("began", 18)):
            editor.move_cursor((0, column))
            dialog = await open_screen(pilot, "f11", SuggestionsScreen)
            await until(pilot, lambda dialog=dialog: bool(dialog.right))
            await pilot.press("ctrl+a")
            await settle(pilot)
            assert any(f"{word}: nothing to add" in str(n.message) for n in app._notifications)
            if app.screen is dialog:
                await pilot.press("escape")
                await settle(pilot)
    with Project.open(sample_db) as project:
        assert [w.word for w in project.spelling.words()] == []


def test_f11_says_a_name_of_the_arabic_is_right_for_that_reason(sample_db) -> None:
    """F11 on a name its segment's Arabic holds transliterated (شهرزاد) says why it is not
    flagged; it said 'known to the project', which the word list did not hold."""
    with Project.open(sample_db) as project:
        said = verdict(project, "Shahrazad", "قالت شهرزاد")
        assert said.startswith("spelled right (its segment's Arabic holds it")
        assert verdict(project, "Shahrazad") == ""  # another segment: a misspelling
