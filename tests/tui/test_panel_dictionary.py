"""The Dictionary panel with the pilot: the open segment's words (through clitics, from a TSV
dictionary the test writes), look-ups of the word at the cursor in the Arabic panel and in the
English, a sense inserted at the English cursor, and the layout at 140 and 80 columns."""

from __future__ import annotations

from pathlib import Path

from textual.widgets.text_area import Selection

from tests.tui.conftest import editing, screen_lines, settle
from tests.tui.screen_wait import shows
from workbench.project import Project
from workbench.tui.screens.editor.dictionary import (
    NO_DICTIONARIES,
    no_dictionaries,
    word_at,
)
from workbench.tui.widgets.dictionary_panel import DictionaryPanel, by_span
from workbench.tui.widgets.english_editor import EnglishEditor
from workbench.tui.widgets.panels import DICTIONARY_STYLE, SourceView


def add_dictionary(db: Path, folder: Path) -> None:
    """A small Arabic–English TSV dictionary in the project."""
    path = folder / "mini.tsv"
    path.write_text(
        "ثورة\trevolution; uprising\nبرجوازي\tbourgeois\nناقد\tcritic\n"
        "انقلاب\tcoup; overthrow\nكتاب\tbook\n", encoding="utf-8",
    )
    with Project.open(db) as project:
        project.dictionaries.add(path, name="mini")


def first_segment(db: Path) -> tuple[int, str]:
    with Project.open(db) as project:
        segment = project.segments(limit=1)[0]
    return segment.id, segment.source


async def test_panel_lists_the_segments_words_and_inserts_a_sense(sample_db, make_app, tmp_path):
    add_dictionary(sample_db, tmp_path)
    segment_id, source = first_segment(sample_db)
    app = make_app()
    async with editing(app, segment_id) as (pilot, screen):
        panel = screen.query_one(DictionaryPanel)
        words = [text for _span, text, _entries in by_span(panel.matches)]
        # longest first; البرجوازيون (the article, a plural) for برجوازي
        assert words == ["البرجوازيون", "ثورة", "انقلاب"]
        senses = [s.text for s in panel.senses]
        assert senses == ["bourgeois", "revolution", "uprising", "coup", "overthrow"]
        # every sense belongs to the span of its Arabic word
        coup = next(s for s in panel.senses if s.text == "coup")
        assert coup.span is not None and source[coup.span[0]:coup.span[1]] == "انقلاب"
        editor = screen.editor
        editor.load_text("It was a")
        editor.move_cursor(editor.document.end)
        await pilot.press("shift+f10")  # the panel takes the focus
        await settle(pilot)
        assert panel.has_focus
        for _ in range(panel.senses.index(coup)):
            await pilot.press("down")
        await settle(pilot)
        assert panel.selected == coup
        marked = screen.query_one(SourceView).marked
        assert marked == [(*coup.span, DICTIONARY_STYLE)]  # the Arabic word is marked
        await pilot.press("enter")
        await settle(pilot)
        assert editor.text == "It was a coup"
        assert isinstance(app.focused, EnglishEditor)
        assert screen.query_one(SourceView).marked == []


async def test_lookup_of_the_arabic_word_under_the_word_cursor(sample_db, make_app, tmp_path):
    add_dictionary(sample_db, tmp_path)
    segment_id, source = first_segment(sample_db)
    app = make_app()
    async with editing(app, segment_id) as (pilot, screen):
        await pilot.press("shift+tab")  # from the English to the Arabic panel
        await settle(pilot)
        view = screen.query_one(SourceView)
        assert view.has_focus
        target = source.split().index("ثورة")
        for _ in range(target):
            await pilot.press("left")  # Arabic runs right to left: Left is the next word
        assert view.current_word() == "ثورة"
        await pilot.press("f10")
        await settle(pilot)
        panel = screen.query_one(DictionaryPanel)
        assert panel.lookup is not None and panel.lookup.query == "ثورة"
        assert [e.headword for e in panel.lookup.entries] == ["ثورة"]
        assert panel.has_focus and panel.selected.text == "revolution"
        assert panel.selected.span is None  # a look-up's sense marks no word
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.focused, EnglishEditor)


async def test_lookup_of_an_english_word_finds_this_segments_senses(sample_db, make_app,
                                                                    tmp_path):
    add_dictionary(sample_db, tmp_path)
    segment_id, _source = first_segment(sample_db)
    app = make_app()
    async with editing(app, segment_id) as (pilot, screen):
        editor = screen.editor
        text = editor.text
        at = text.index("coup") + 2
        editor.move_cursor(editor.document.get_location_from_index(at))
        await pilot.press("f10")
        await settle(pilot)
        panel = screen.query_one(DictionaryPanel)
        assert panel.lookup is not None and panel.lookup.query == "coup"
        assert [e.headword for e in panel.lookup.entries] == ["انقلاب"]
        assert await shows(pilot, 'Look-up "coup"')
        # a sense of the looked-up word takes its place, as a thesaurus does
        assert panel.has_focus and panel.selected.text == "coup"
        await pilot.press("down", "enter")
        await settle(pilot)
        assert editor.text == text.replace("a coup.", "a overthrow.")
        # the cursor after it, nothing selected: what is typed next does not replace it
        end = editor.document.get_location_from_index(editor.text.index("overthrow") + 9)
        assert editor.selection.is_empty and editor.cursor_location == end
        # a sense inserted with the cursor inside a word goes after that word
        at = editor.text.index("October") + 3
        editor.move_cursor(editor.document.get_location_from_index(at))
        await pilot.press("shift+f10")
        await settle(pilot)
        chosen = panel.selected.text
        await pilot.press("enter")
        await settle(pilot)
        assert f"the October {chosen} Revolution" in editor.text
        # a word selected backwards (the cursor at its start) is replaced, spaced as forwards
        editor.load_text("It was a coup.")
        editor.selection = Selection((0, 13), (0, 9))
        await pilot.press("shift+f10")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert editor.text == f"It was a {chosen}."
        assert editor.selection.is_empty



async def test_a_sense_of_an_arabic_word_looked_up_replaces_no_english_word(
    sample_db, make_app, tmp_path,
):
    """F10 on an English word, Escape, then the Arabic panel's word looked up (Enter): its
    sense goes in at the cursor; the English word looked up before stays."""
    add_dictionary(sample_db, tmp_path)
    segment_id, source = first_segment(sample_db)
    app = make_app()
    async with editing(app, segment_id) as (pilot, screen):
        editor = screen.editor
        editor.load_text("It was a coup")
        editor.move_cursor(editor.document.end)
        await pilot.press("f10")  # looks "coup" up
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("shift+tab")
        await settle(pilot)
        view = screen.query_one(SourceView)
        for _ in range(source.split().index("ثورة")):
            await pilot.press("left")
        await pilot.press("enter")  # looks ثورة up
        await settle(pilot)
        panel = screen.query_one(DictionaryPanel)
        assert panel.lookup is not None and panel.lookup.query == "ثورة"
        assert panel.has_focus and panel.selected.text == "revolution"
        assert view.current_word() == "ثورة"
        await pilot.press("enter")
        await settle(pilot)
        assert editor.text == "It was a coup revolution"

async def test_without_dictionaries_the_panel_says_how_to_add_one(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        panel = app.editor.query_one(DictionaryPanel)
        assert panel.note == no_dictionaries()
        assert await shows(pilot, "No dictionaries in")
        await pilot.press("f10")  # a word at the cursor, but nothing to look it up in
        await settle(pilot)
        assert panel.note == no_dictionaries() and panel.lookup is None


async def test_a_dictionary_added_from_the_command_line_reaches_the_open_panel(
    sample_db, make_app, tmp_path
):
    segment_id, _ = first_segment(sample_db)
    app = make_app()
    async with editing(app, segment_id) as (pilot, screen):
        panel = screen.query_one(DictionaryPanel)
        assert panel.note == no_dictionaries()
        add_dictionary(sample_db, tmp_path)  # another connection, as `workbench dictionary add`
        for _ in range(200):  # the live link polls; the panel reads in a worker
            if panel.senses:
                break
            await pilot.pause(0.05)
        assert "coup" in [s.text for s in panel.senses]
        assert not panel.note.startswith(NO_DICTIONARIES)
        with Project.open(sample_db) as project:  # and removed, as `dictionary remove`
            [name] = [d.name for d in project.dictionaries.list()]
            project.dictionaries.remove(name)
        for _ in range(200):
            if not panel.senses:
                break
            await pilot.pause(0.05)
        assert not panel.senses and panel.note == no_dictionaries()


async def test_dictionary_is_a_column_when_wide_and_a_toggle_when_narrow(sample_db, make_app,
                                                                        tmp_path):
    add_dictionary(sample_db, tmp_path)
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.editor
        shown = "\n".join(screen_lines(app))
        assert "Dictionary" in shown and "Glossary" in shown and "QA findings" in shown
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        assert "Dictionary" not in shown and "Glossary" in shown
        await pilot.press("shift+f10")
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        assert "Dictionary" in shown and "Glossary" not in shown
        assert screen.query_one(DictionaryPanel).has_focus
        await pilot.press("shift+f10")  # again: back to the English and the glossary
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        assert "Dictionary" not in shown and "Glossary" in shown
        assert isinstance(app.focused, EnglishEditor)


def test_word_at_the_cursor():
    text = "It's a coup, they said: انقلاب."
    assert word_at(text, 0) == (0, 4)  # It's
    assert text[slice(*word_at(text, 9))] == "coup"
    assert text[slice(*word_at(text, 11))] == "coup"  # just after the word
    assert text[slice(*word_at(text, 26))] == "انقلاب"
    assert text[slice(*word_at(text, len(text)))] == "انقلاب"  # after the full stop
    assert word_at("  1917  ", 3) is None
    assert word_at("coup 1917", 9) is None  # a space between: not the word before


def test_senses_are_inserted_in_lower_case_inside_a_sentence(sample_db):
    from workbench.dictionary.model import DictEntry
    from workbench.tui.screens.editor.dictionary import (
        mid_sentence_forms,
        sense_form,
        starts_sentence,
    )

    entry = DictEntry("كثير", ("Many", "Cairo", "Book of hours", "UN", "X-ray"))
    with Project.open(sample_db) as project:
        forms = mid_sentence_forms(project, [entry])
    # FreeDict capitalises every sense; a name keeps its capital, an acronym is left alone
    assert forms == {"Many": "many", "Book of hours": "book of hours"}
    assert starts_sentence("") and starts_sentence("It was. ") and starts_sentence('He said: "')
    assert not starts_sentence("It was a ") and not starts_sentence("many,")
    # a sense written in lower case (an English–Arabic dictionary read backwards) gets a
    # capital at the start of a sentence
    assert sense_form("book", "It was. ", forms) == "Book"
    assert sense_form("Many", "so ", forms) == "many" and sense_form("Many", "", forms) == "Many"


async def test_a_typed_word_is_looked_up(sample_db, make_app, tmp_path):
    from textual.widgets import Input

    from workbench.tui.screens.prompts import LookupScreen

    add_dictionary(sample_db, tmp_path)
    segment_id, _source = first_segment(sample_db)
    app = make_app()
    async with editing(app, segment_id) as (pilot, screen):
        editor = screen.editor
        editor.load_text("")  # no word at the cursor: F10 asks for one
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, LookupScreen)
        await pilot.press(*"uprisings", "enter")
        await settle(pilot)
        panel = screen.query_one(DictionaryPanel)
        # an English word finds the entries whose senses render it
        assert panel.lookup is not None and panel.lookup.query == "uprisings"
        assert [e.headword for e in panel.lookup.entries] == ["ثورة"]
        assert panel.has_focus
        assert panel.border_subtitle == "F10: look up · /: type"  # the panel's keys
        # the chosen sense's line is highlighted (its background, not only bold)
        from workbench.tui.widgets.dictionary_panel import FOCUSED_CURSOR_STYLE

        first, _ = panel._ranges[panel.cursor]
        strip = panel.render_line(first - panel.scroll_offset.y)
        assert {seg.style.bgcolor for seg in strip} == {FOCUSED_CURSOR_STYLE.bgcolor}
        await pilot.press("slash")  # from the panel: another word, in Arabic
        await settle(pilot)
        assert isinstance(app.screen, LookupScreen)
        app.screen.query_one(Input).value = "وبالكتاب"
        await pilot.press("enter")
        await settle(pilot)
        assert panel.lookup.query == "وبالكتاب"
        assert [e.headword for e in panel.lookup.entries] == ["كتاب"]
        assert panel.lookup.related == ()
        await pilot.press("enter")  # its sense goes in at the cursor: nothing is replaced
        await settle(pilot)
        assert editor.text == "Book"
        await pilot.press("shift+f10", "slash")
        await settle(pilot)
        assert isinstance(app.screen, LookupScreen)
        await pilot.press("escape")  # cancelled: the panel keeps its look-up
        await settle(pilot)
        assert not isinstance(app.screen, LookupScreen) and panel.lookup.query == "وبالكتاب"


async def looked_up(pilot, screen, word: str) -> DictionaryPanel:
    """The Dictionary panel once ``word``'s look-up (in a worker) has reached it."""
    screen.look_up(word)
    panel = screen.query_one(DictionaryPanel)
    for _ in range(100):
        if panel.lookup is not None:
            break
        await pilot.pause(0.05)
    await settle(pilot)
    return panel


async def test_an_entrys_examples_are_shown_under_its_senses(sample_db, make_app, tmp_path):
    from tests.dictionary import builders

    with Project.open(sample_db) as project:
        project.dictionaries.add(builders.dsl(tmp_path), name="dsl")
    segment_id, _source = first_segment(sample_db)
    app = make_app()
    async with editing(app, segment_id) as (pilot, screen):
        panel = await looked_up(pilot, screen, "كتاب")
        assert [s.text for s in panel.senses] == ["book", "a letter"]  # the example is none
        assert await shows(pilot, "e.g.") and await shows(pilot, "a new book")


async def test_a_word_with_no_headword_shows_the_headwords_of_its_consonants(
    sample_db, make_app, tmp_path
):
    add_dictionary(sample_db, tmp_path)
    segment_id, _source = first_segment(sample_db)
    app = make_app()
    async with editing(app, segment_id) as (pilot, screen):
        panel = await looked_up(pilot, screen, "يكتبون")  # a verb form: no headword
        assert panel.lookup.entries == ()
        assert [e.headword for e in panel.lookup.related] == ["كتاب"]
        assert panel.senses[0].text == "book"  # its senses can be inserted, first
        assert await shows(pilot, "Related headwords")


async def test_a_dictionary_whose_data_file_has_gone_is_named_and_the_others_serve(
    sample_db, make_app, tmp_path
):
    from tests.dictionary import builders

    add_dictionary(sample_db, tmp_path)
    index = builders.dictd(tmp_path)
    with Project.open(sample_db) as project:
        project.dictionaries.add(index, name="fd")
    index.with_name("test-ara-eng.dict.dz").unlink()  # the index is there, not its data
    segment_id, _source = first_segment(sample_db)
    app = make_app()
    async with editing(app, segment_id) as (pilot, screen):
        panel = screen.query_one(DictionaryPanel)
        assert "coup" in [s.text for s in panel.senses]
        assert panel.note.startswith("dictionary 'fd' is missing (")
        assert panel.note.endswith(": not looked in")
        panel = await looked_up(pilot, screen, "كتاب")
        assert [e.dictionary for e in panel.lookup.entries] == ["mini"]
        assert "dictionary 'fd' is missing" in panel.note


async def test_the_word_cursor_scrolls_a_long_source_into_view(sample_db, make_app):
    words = ["الثورة", "والعمال", "والفلاحين", "في", "المدن", "والقرى"] * 12 + ["الأخيرة"]
    with Project.open(sample_db) as project:
        project.import_document_text(" ".join(words) + "\n", "long")
        segment_id = project.segments(doc="long", limit=1)[0].id
    app = make_app(document="long")
    async with editing(app, segment_id) as (pilot, screen):
        view = screen.query_one(SourceView)
        assert view.virtual_size.height > view.scrollable_content_region.height
        await pilot.press("shift+tab", "end")  # the last word, on the panel's last line
        await settle(pilot)
        assert view.current_word() == "الأخيرة"
        assert view.scroll_offset.y == view.max_scroll_y
        assert any("ةريخألا" in line for line in screen_lines(app))  # shown, not scrolled away
        await pilot.press("home")
        await settle(pilot)
        assert view.scroll_offset.y == 0
        await pilot.press("escape")  # back to the English: a dictionary sense's word is shown
        last = view.text.rindex("الأخيرة")
        view.mark([(last, last + len("الأخيرة"), DICTIONARY_STYLE)])
        await settle(pilot)
        assert view.scroll_offset.y == view.max_scroll_y


async def test_an_arabic_sense_holding_english_reads_right_to_left(sample_db, make_app, tmp_path):
    from workbench.text.bidi import visual

    sense = "يجمع الملف بصيغة Binary أو ASCII"  # as FreeDict eng-ara's Uuencode
    path = tmp_path / "en-ar.tsv"
    path.write_text(f"uuencode\t{sense}\n", encoding="utf-8")
    with Project.open(sample_db) as project:
        project.dictionaries.add(path, name="en-ar")
    segment_id, _source = first_segment(sample_db)
    app = make_app()
    async with editing(app, segment_id) as (pilot, screen):
        panel = await looked_up(pilot, screen, "uuencode")
        assert [s.text for s in panel.senses] == [sense]
        # one right-to-left unit: read from the right, Binary comes after بصيغة, not first
        assert await shows(pilot, f"1 {visual(sense)}")


LONG_SENSE = "the state of things as they actually exist, as opposed to an idea of them"
LONG_EXAMPLE = "الواقع المرير — the bitter reality of the workers in the cities"


async def test_a_wrapped_sense_and_example_hang_under_their_start(sample_db, make_app, tmp_path):
    """A sense or an example too long for the panel went on at its edge, under the sense's
    number (as glossary renderings did): it hangs under its own start, the Arabic of the
    example in its order."""
    from workbench.text.bidi import visual

    path = tmp_path / "long.dsl"
    path.write_text(
        '#NAME "Long"\n#INDEX_LANGUAGE "Arabic"\n#CONTENTS_LANGUAGE "English"\n\nواقع\n'
        f"\t[m1]1) [trn]{LONG_SENSE}[/trn][/m]\n\t[m2][ex]{LONG_EXAMPLE}[/ex][/m]\n",
        encoding="utf-8")
    with Project.open(sample_db) as project:
        project.dictionaries.add(path, name="long")
    segment_id, _source = first_segment(sample_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.editor
        screen.open_segment(segment_id)
        await settle(pilot)
        panel = await looked_up(pilot, screen, "واقع")
        assert [s.text for s in panel.senses] == [LONG_SENSE]
        left, right = panel.content_region.x, panel.content_region.right
        rows = [line[left:right].rstrip() for line in screen_lines(app)]
        first = next(i for i, row in enumerate(rows) if row.startswith("    1 the state"))
        sense = [rows[first]]
        while rows[first + len(sense)].startswith("      ") and "e.g." not in rows[
                first + len(sense)]:
            sense.append(rows[first + len(sense)])
        assert len(sense) > 2  # wrapped, each line under the sense's first letter
        assert " ".join(row.strip() for row in sense).removeprefix("1 ") == LONG_SENSE
        example = [row for row in rows[first + len(sense):] if row.startswith("      ")]
        assert example[0].startswith("      e.g. ") and len(example) > 1
        words = " ".join(row.strip() for row in example).removeprefix("e.g. ")
        assert visual("الواقع المرير", "R") in words and words.endswith("in the cities")


async def test_the_hints_path_wraps_whole_in_a_narrow_panel(make_app, monkeypatch):
    """The hint names an installed dictionary's path, wider than the panel at 80 and 60
    columns: it wraps after a folder's ``/`` (or a ``-``), never inside a name (it showed
    ``freedict-a`` / ``ra-eng.index``)."""
    from workbench.dictionary import installed

    path = "/usr/share/dictd/freedict-ara-eng.index"
    monkeypatch.setattr(installed, "installed_dictionaries", lambda folders=None: [Path(path)])
    no_dictionaries.cache_clear()
    try:
        for width, lines in ((80, ["/usr/share/dictd/", "freedict-ara-eng.index (an"]),
                             (60, ["/usr/share/dictd/", "freedict-ara-", "eng.index (an"])):
            app = make_app()
            async with app.run_test(size=(width, 30)) as pilot:
                await settle(pilot)
                await pilot.press("shift+f10")  # the Dictionary panel in the Glossary's place
                await settle(pilot)
                panel = app.editor.query_one(DictionaryPanel)
                assert panel.note == no_dictionaries() and path in panel.note
                shown = [line.split("│")[-2].strip() for line in screen_lines(app)
                         if line.count("│") >= 2]
                at = shown.index(lines[0])
                assert shown[at: at + len(lines)] == lines, (width, shown)
    finally:
        no_dictionaries.cache_clear()
