"""Editor actions with the pilot: enforcement and overrides, glossary insert, search, filters,
flags, direction switch, key remapping, help and the command palette."""

from __future__ import annotations

import io

from rich.console import Console

from tests.tui.conftest import editing, screen_lines, settle
from tests.tui.screen_wait import notified, open_screen, until
from workbench.config import Config, load_config
from workbench.project import Project
from workbench.text.bidi import visual
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.prompts import OverrideScreen, TermChooser
from workbench.tui.widgets.english_editor import EnglishEditor
from workbench.tui.widgets.panels import FindingsPanel, GlossaryPanel, ReferencePanel

KERENSKY = 4  # the draft writes "Kerenski", a forbidden rendering of كيرينسكي
UPRISING = 9  # the draft writes "uprising" for الانتفاضة (required: insurrection)


async def test_error_finding_blocks_confirm_until_a_reason_is_given(sample_db, make_app):
    app = make_app()
    async with editing(app, UPRISING) as (pilot, screen):
        assert any(f.check == "term-forbidden" for f in screen.findings)
        assert "armed uprising" in "\n".join(screen_lines(app))  # the English shown
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, OverrideScreen)  # not confirmed: asked for a reason
        with Project.open(sample_db) as other:
            assert other.segment(UPRISING).status == "draft"
        await pilot.press("escape")  # back to editing: still not confirmed
        await settle(pilot)
        assert screen.current.id == UPRISING
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, OverrideScreen)
        await pilot.press("enter")  # an empty reason is refused
        await settle(pilot)
        assert isinstance(app.screen, OverrideScreen)
        await pilot.press(*"the author's own word")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, OverrideScreen)
        assert screen.current.position == UPRISING + 1
    with Project.open(sample_db) as project:
        assert project.segment(UPRISING).status == "translated"
        overrides = [o for o in project.overrides() if o.segment_id == UPRISING]
        assert {o.check for o in overrides} >= {"term-forbidden"}
        assert all(o.reason == "the author's own word" for o in overrides)


async def test_fixing_the_error_confirms_without_asking(sample_db, make_app):
    app = make_app()
    async with editing(app, KERENSKY) as (pilot, screen):
        assert any(f.severity == "error" for f in screen.findings)
        fixed = screen.editor.text.replace("Kerenski", "Kerensky")
        screen.editor.load_text(fixed)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert not isinstance(app.screen, OverrideScreen)
        assert screen.current.position == KERENSKY + 1
    with Project.open(sample_db) as project:
        segment = project.segment(KERENSKY)
    assert segment.status == "translated" and "Kerensky" in segment.target


def set_confidences(path, low_segment: int) -> None:
    """Make every reference link confident but the one of ``low_segment``."""
    with Project.open(path) as project:
        project.db.execute("UPDATE links SET confidence = 0.95")
        project.db.execute(
            "UPDATE links SET confidence = 0.1 WHERE id IN (SELECT l.id FROM links l "
            "JOIN link_segments ls ON ls.link_id = l.id JOIN versions v ON v.id = l.version_id "
            "WHERE ls.segment_id = ? AND v.name = 'reference:main')", [low_segment],
        )


async def test_findings_panel_and_list_flags(sample_db, make_app):
    set_confidences(sample_db, 2)
    app = make_app()
    async with editing(app) as (pilot, screen):
        lines = screen_lines(app)
        row = {int(line[1:8]): line for line in lines[1:14] if line[1:8].strip().isdigit()}
        assert row[KERENSKY][14] == "!"  # error findings flag
        assert row[2][15] == "~"  # low alignment confidence flag
        assert row[1][14:16] == "  "
        screen.open_segment(KERENSKY)
        await settle(pilot)
        panel = screen.query_one(FindingsPanel)
        assert any(f.check == "term-forbidden" for f in panel.findings)
        assert "term-forbidden" in "\n".join(screen_lines(app))


def test_a_term_left_out_twice_is_one_line_of_the_findings_panel():
    """Its two findings (one per occurrence) were shown as the same line twice."""
    from workbench.glossary.findings import Finding
    from workbench.tui.widgets.panels import distinct_findings

    message = "سوفييتات: expected 'soviets' (0 of 2 occurrences rendered)"
    twice = [Finding("term-missing", "missing", "error", message, "سوفييتات", ["soviets"],
                     span=(6, 16)),
             Finding("term-missing", "missing", "error", message, "سوفييتات", ["soviets"],
                     span=(25, 35)),
             Finding("double-space", "double-space", "warning", "x")]
    assert distinct_findings(twice) == [twice[0], twice[2]]


async def test_glossary_panel_and_insert_keys(make_app):
    app = make_app()
    async with editing(app, UPRISING) as (pilot, screen):
        lines = screen.query_one(GlossaryPanel).lines
        terms = {line.term: line for line in lines}
        assert terms["انتفاضة"].rendering == "insurrection"
        assert "uprising" in terms["انتفاضة"].forbidden
        assert terms["انتفاضة"].problem is not None
        screen.editor.load_text("the armed ")
        screen.editor.move_cursor(screen.editor.document.end)
        await pilot.press("ctrl+g")  # the first term whose rendering is not there yet
        first_missing = screen.editor.text[len("the armed "):]
        assert first_missing in {line.rendering for line in lines}
        screen.editor.load_text("x")
        screen.editor.move_cursor(screen.editor.document.end)
        await pilot.press("alt+1")
        assert screen.editor.text == "x " + lines[0].rendering
        assert isinstance(app.focused, EnglishEditor)
        screen.editor.load_text("")
        await pilot.press("ctrl+l")  # the chooser: a digit picks the entry
        await pilot.pause()
        assert isinstance(app.screen, TermChooser)
        await pilot.press("2")
        await pilot.pause()
        assert screen.editor.text == lines[1].rendering
        assert isinstance(app.focused, EnglishEditor)


async def test_inserted_rendering_is_spaced_from_closing_quotes_and_brackets(make_app):
    app = make_app()
    async with editing(app, UPRISING) as (pilot, screen):
        rendering = screen.query_one(GlossaryPanel).lines[0].rendering
        cases = [  # (English before the cursor, after it) -> what alt+1 makes of it
            (('He said "it rhymes."', ""), f'He said "it rhymes." {rendering}'),
            (("the AMs'", ""), f"the AMs' {rendering}"),
            (("(MWPs)", ""), f"(MWPs) {rendering}"),
            (("a 25%", ""), f"a 25% {rendering}"),
            (('he said "', ""), f'he said "{rendering}'),
            (("(", ""), f"({rendering}"),
            (("", '"it rhymes"'), f'{rendering} "it rhymes"'),
            (("", "(MWPs)"), f"{rendering} (MWPs)"),
            (('"it rhymes', '"'), f'"it rhymes {rendering}"'),
            (("The <1>president</1>", ""), f"The <1>president</1> {rendering}"),
            (("The <1>", "</1>"), f"The <1>{rendering}</1>"),
            (("", "<1>president</1> said"), f"{rendering} <1>president</1> said"),
        ]
        for (before, after), expected in cases:
            screen.editor.load_text(before + after)
            screen.editor.move_cursor(screen.editor.document.get_location_from_index(
                len(before)))
            await pilot.press("alt+1")
            assert screen.editor.text == expected, (before, after)


async def test_search_arabic_normalised_and_english_case_insensitive(make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        await pilot.press("ctrl+f")
        await pilot.press(*"الانتفاضه")  # ه for ة, no hamza: still found
        await pilot.press("enter")
        await settle(pilot)
        found = list(screen.rows.ids)
        assert UPRISING in found and len(found) < 21
        assert screen.current.id in found
        # The title shows the query in display order, the quotes around it kept in place.
        assert f'search "{visual("الانتفاضه")}"' in screen.segment_list.border_title
        await pilot.press("ctrl+f", "ctrl+a", "ctrl+k")  # empty the search box
        await pilot.press(*"KERENSKI", "enter")
        await settle(pilot)
        assert screen.rows.ids == [KERENSKY]
        assert screen.current.id == KERENSKY
        await pilot.press("f5")  # every segment again
        await settle(pilot)
        assert len(screen.rows) == 21
        assert screen.current.id == KERENSKY


async def test_filters_by_status_findings_and_confidence(sample_db, make_app):
    with Project.open(sample_db) as project:
        project.confirm(1, project.segment(1).target)
    set_confidences(sample_db, 3)
    app = make_app()
    async with editing(app) as (pilot, screen):
        screen.apply_filter(statuses=("translated",))
        await settle(pilot)
        assert screen.rows.ids == [1]
        screen.apply_filter(statuses=(), has_findings=True)
        await settle(pilot)
        assert set(screen.rows.ids) == {4, 9, 12, 15, 17, 18}
        screen.apply_filter(has_findings=False, low_confidence=True)
        await settle(pilot)
        assert screen.rows.ids == [3]
        screen.apply_filter(low_confidence=False, low_score=True)  # no score run yet
        await settle(pilot)
        assert screen.rows.ids == [3]  # refused with a notification, view kept
        # The filter dialog: tick "draft" (the second status box) and apply with Ctrl+J.
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("f4")
        await pilot.press("tab", "space", "ctrl+j")
        await settle(pilot)
        assert 1 not in screen.rows.ids and len(screen.rows) == 20
        assert "draft" in screen.segment_list.border_title


async def test_low_score_filter_after_a_score_run(sample_db, make_app, config):
    with Project.open(sample_db) as project:
        project.score()
        scores = project.segment_scores()
    threshold = config.low_score
    low = sorted(sid for sid, s in scores.items() if s["chrf"] < threshold)
    high = [sid for sid, s in scores.items() if s["chrf"] >= threshold]
    assert low and high  # the draft has both kinds
    app = make_app()
    async with editing(app) as (pilot, screen):
        screen.apply_filter(low_score=True)
        await settle(pilot)
        assert screen.rows.ids == low
        assert "low score" in screen.segment_list.border_title


async def test_direction_switch_at_run_time_is_saved(make_app, config):
    app = make_app()
    async with editing(app) as (pilot, screen):
        source = screen.current.source
        first_word = source.split()[0]
        text = "\n".join(screen_lines(app))
        assert first_word[::-1] in text  # app: reordered, first word read right to left
        await pilot.press("f7")
        await settle(pilot)
        assert app.direction == "terminal"
        text = "\n".join(screen_lines(app))
        assert first_word in text  # terminal: logical order sent as stored
        assert load_config(config.path).direction == "terminal"
        await pilot.press("f7")
        assert app.direction == "app"
        assert load_config(config.path).direction == "app"
        app.set_direction("auto")
        assert load_config(config.path).direction == "auto"
        assert app.direction in ("app", "terminal")


async def test_a_setting_that_cannot_be_saved_is_not_said_saved(tmp_path, make_app):
    """F7 and F8 with a config file that cannot be written (its folder is a file) still
    switch, and say that the setting was not saved (they said "saved" after the warning)."""
    (tmp_path / "blocked").write_text("", encoding="utf-8")
    app = make_app(config=Config(path=tmp_path / "blocked" / "workbench" / "config.toml"))
    async with editing(app) as (pilot, _):
        await pilot.press("f7")
        await pilot.press("f8")
        await settle(pilot)
        assert app.direction == "terminal" and app.shaping is True
        said = [str(n.message) for n in app._notifications]
        assert not any("saved)" in m and "not saved" not in m for m in said), said
        assert any(m.startswith("Arabic direction: terminal") and "not saved" in m
                   for m in said), said
        assert any(m.startswith("Arabic letter shaping on") and "not saved" in m
                   for m in said), said


async def test_keys_remapped_from_the_config_file(tmp_path, make_app):
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nnext_segment = "f11"\nconfirm = "ctrl+b"\n', encoding="utf-8")
    app = make_app(config=load_config(path))
    async with editing(app) as (pilot, screen):
        await pilot.press("alt+down")  # no longer bound
        assert screen.current.position == 1
        await pilot.press("f11")
        assert screen.current.position == 2
        await pilot.press("ctrl+b")  # confirm remapped
        await settle(pilot)
        assert screen.current.position == 3
        footer = screen_lines(app)[-1]
        assert "f11" in footer.lower()
        # the English box says the confirm key as remapped (it said Enter/Ctrl+J, which no
        # longer confirm)
        assert screen.editor.border_subtitle == "Ctrl+B confirm · autosaved"


async def test_help_screen_lists_bindings_with_ids(make_app):
    app = make_app(config=Config(keys={"undo": "f11"}))
    async with editing(app) as (pilot, _):
        await open_screen(pilot, "f1", HelpScreen)
        assert "Keys, screen by screen" in "\n".join(screen_lines(app))
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen._content())
        text = console.export_text()
        assert "next_segment" in text and "Alt+Down, Ctrl+Down" in text
        assert "Ctrl+J, Enter" in text
        undo_row = next(line for line in text.splitlines() if line.rstrip().endswith(" undo"))
        assert "F11" in undo_row and "F9" not in undo_row  # the remapped key is shown
        assert "Ctrl+U" in text and "Shift+F2" in text and "Shift+F4" in text  # new keys
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_runs_actions(make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        await pilot.press("ctrl+p")
        await pilot.press(*"next segment")
        await settle(pilot)  # the palette's search has finished
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current.position == 2
        await pilot.press("ctrl+p")
        await pilot.press(*"direction: terminal")
        await settle(pilot)  # the palette's search has finished
        await pilot.press("enter")
        await settle(pilot)
        assert app.direction == "terminal"


async def test_command_palette_finds_an_arabic_document_by_its_name_as_typed(
    sample_db, make_app
):
    with Project.open(sample_db) as project:
        project.import_document_text("نص قصير.\n", "تقرير الصحة")
    app = make_app()
    async with editing(app) as (pilot, _screen):
        await pilot.press("ctrl+p")
        await pilot.press(*"تقرير")  # typed in logical order, as it is written
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.editor.document.name == "تقرير الصحة"


async def test_goto_refuses_numbers_outside_the_document(make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        # past SQLite's largest integer too: said, not an OverflowError (exit 70)
        for number in ("0", "99", "99999999999999999999999"):
            await pilot.press("f2", *number, "enter")
            await settle(pilot)
            assert screen.current.position == 1
            assert notified(app, f"No segment {number}.")


async def test_goto_and_reference_toggle(make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        await pilot.press("f2", "1", "7", "enter")
        await settle(pilot)
        assert screen.current.position == 17
        reference = screen.query_one(ReferencePanel)
        assert reference.display
        assert "─ Reference " in "\n".join(screen_lines(app))
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not reference.display
        assert "─ Reference " not in "\n".join(screen_lines(app))
        await pilot.press("ctrl+r")
        assert reference.display


def test_ctrl_g_takes_a_term_rendered_by_any_of_its_alternatives_as_held():
    """A term whose second accepted rendering the English held had its first inserted."""
    from workbench.tui.screens.editor.terms import first_unrendered
    from workbench.tui.widgets.panels import TermLine

    lines = [TermLine(1, "انقلاب", "coup", (), "", None),
             TermLine(2, "انقلاب", "coup d'état", (), "", None),
             TermLine(3, "ثورة", "revolution", (), "", None)]
    assert first_unrendered("It was no coup d'état.", lines) == lines[2]
    assert first_unrendered("", lines) == lines[0]
    assert first_unrendered("the coup was a revolution", lines) is None


async def test_ctrl_g_inserts_nothing_when_every_term_is_rendered(make_app):
    """It inserted the first rendering again, a second time."""
    app = make_app()
    async with editing(app, UPRISING) as (pilot, screen):
        lines = screen.query_one(GlossaryPanel).lines
        held = " ".join(line.rendering for line in lines)
        screen.editor.load_text(held)
        screen.editor.move_cursor(screen.editor.document.end)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert screen.editor.text == held
        assert notified(app, "holds a rendering of every glossary term")


async def test_a_confirmed_segment_loses_the_tilde_of_its_working_link(sample_db, make_app):
    """A document whose only English is the working translation (no reference:main): its
    `~` links never cleared (Alt+N / Alt+P move a reference's sentences, and confirming
    left the flag), so the 'low alignment confidence' filter kept listing finished work.
    Confirming vouches for the English: the flag goes, and the filter leaves it out."""
    with Project.open(sample_db) as project:
        project.db.execute("DELETE FROM versions WHERE name = 'reference:main'")
        project.db.execute("UPDATE links SET confidence = 0.95")
        project.db.execute(
            "UPDATE links SET confidence = 0.1 WHERE id IN (SELECT l.id FROM links l "
            "JOIN link_segments ls ON ls.link_id = l.id JOIN versions v ON v.id = l.version_id "
            "WHERE ls.segment_id IN (2, 3) AND v.name = 'working')")

    def flag(app, position: int) -> str:
        rows = {int(line[1:8]): line for line in screen_lines(app)[1:14]
                if line[1:8].strip().isdigit()}
        return rows[position][15]

    app = make_app()
    async with editing(app, 2) as (pilot, screen):
        assert flag(app, 2) == "~" and flag(app, 3) == "~"
        await pilot.press("alt+n")
        await until(pilot, lambda: notified(app, "goes once the segment is confirmed"))
        screen.action_confirm()
        await until(pilot, lambda: flag(app, 2) == " ")
        assert flag(app, 3) == "~"
        screen.apply_filter(low_confidence=True)
        await settle(pilot)
        assert screen.rows.ids == [3]


async def test_a_filter_hiding_the_open_segment_opens_the_next_one_it_shows(sample_db, make_app):
    """On segment 10, confirmed, the translator filters to drafts: the first draft after it
    opens (the nearest draft before it opened, sending them back to segment 5); with no
    draft after it, the last one before it."""
    with Project.open(sample_db) as project:
        by_position = {s.position: s.id for s in project.segments()}
        for position in (6, 7, 8, 9, 10, 11, 12, 21):
            segment = project.segment(by_position[position])
            project.confirm(segment.id, segment.target, "test")
    app = make_app()
    async with editing(app, by_position[10]) as (pilot, screen):
        screen.apply_filter(statuses=("draft",))
        await settle(pilot)
        assert screen.current.position == 13
        await pilot.press("f5")
        await settle(pilot)
        screen.open_segment(by_position[21])
        screen.apply_filter(statuses=("draft",))
        await settle(pilot)
        assert screen.current.position == 20
