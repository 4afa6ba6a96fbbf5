"""A translator's first minutes at 80x24 (and 60x20): what the screen says about the keys."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from tests.tui.conftest import editor_screen, screen_lines, settle
from tests.tui.screen_wait import notified, until
from workbench.tui import keys
from workbench.tui.rows import ViewSpec
from workbench.tui.screens import help as help_screen


async def test_a_searched_list_says_which_key_shows_every_segment_again(make_app):
    """After a search or a filter only its segments are listed, and Escape does nothing: the
    list's border said nothing of F5, the way back to every segment."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = editor_screen(app)
        assert "F5: all segments" not in "\n".join(screen_lines(app))
        await pilot.press("ctrl+f")
        await pilot.press(*"الثورة", "enter")
        await until(pilot, lambda: screen.spec == ViewSpec(search="الثورة"))
        await settle(pilot)
        assert "F5: all segments · Arabic: app direction" in screen_lines(app)[6]
        await pilot.press("f5")
        await until(pilot, lambda: screen.spec.is_all)
        await settle(pilot)
        assert "F5: all segments" not in "\n".join(screen_lines(app))


async def test_help_lays_its_tables_out_once_when_it_opens(make_app, monkeypatch):
    """F1 laid every screen's table of keys out three times as it opened (its height for two
    widths, then its lines): a quarter of a second of CPU before Help showed, now ~90 ms."""
    calls: list[str] = []
    table = help_screen.scope_table

    def counted(scope, keymap, narrow=False):
        calls.append(scope.id)
        return table(scope, keymap, narrow)

    monkeypatch.setattr(help_screen, "scope_table", counted)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_help(pilot, app)
        assert "Confirm the segment" in "\n".join(screen_lines(app))
        assert sorted(calls) == sorted(s.id for s in keys.SCOPES)
        await pilot.press("down", "down")  # scrolled: drawn from the lines laid out
        await settle(pilot)
        assert sorted(calls) == sorted(s.id for s in keys.SCOPES)


def cut_hints(app) -> list[str]:
    """The screen's lines with a bottom-border hint cut by Textual ("Ctrl+F… ─╯")."""
    return [line for line in screen_lines(app) if "… ─╯" in line]


async def test_panels_key_hints_fit_their_borders_and_say_the_way_back_to_the_glossary(
        make_app):
    """The Matches panel's hint was cut mid-key at 80, 100 and 160 columns ("Shift+F5:
    choose · Ctrl+F…"), the English editor's at 60 ("Ctrl+J/Enter confirm · auto…"); and in
    the place of the glossary and the findings (under 130 columns) it never said which key
    brings them back. Each hint is now the longest of its forms that fits."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("shift+f6")  # the Matches panel in the glossary's place
        await settle(pilot)
        assert not cut_hints(app), cut_hints(app)
        assert "─ Shift+F6: glossary ─╯" in "\n".join(screen_lines(app))
        for size in ((100, 30), (120, 40), (130, 40), (160, 50), (60, 24)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert not cut_hints(app), (size, cut_hints(app))
        shown = "\n".join(screen_lines(app))
        assert "─ Ctrl+J confirm · autosaved ─╯" in shown
        assert "─ Shift+F6: glossary ─╯" in shown
        await pilot.resize_terminal(160, 50)  # a column beside the glossary: no tab hint
        await settle(pilot)
        assert "─ Shift+F5: choose · Ctrl+F1: best ─╯" in "\n".join(screen_lines(app))


async def test_a_60x20_terminal_holds_the_open_segment_without_scrolling(make_app):
    """At 20 rows the list's five, the open segment's sixteen and the footer overflowed the
    screen: the Reference lost its last line and its border, and the screen scrolled."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        screen = editor_screen(app)
        assert screen.max_scroll_y == 0
        for panel in ("#source", "#english", "#reference"):
            assert screen.query_one(panel).region.bottom <= 19, panel  # above the footer
        assert screen_lines(app)[18].startswith("╰─") and screen_lines(app)[18].endswith("─╯")
        assert screen.editor.size.height >= 3  # three lines of English still
        await pilot.resize_terminal(80, 24)  # the usual size: as it was
        await settle(pilot)
        assert screen.query_one("#open").outer_size.height == 16


async def test_each_undo_says_what_came_back(make_app):
    """F9 said "Segment 1: restored (draft)." whether it undid a confirmation (the English
    unchanged) or brought the English before an edit back: the same line after each press."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = editor_screen(app)
        first = screen.current_id
        before = screen.editor.text
        await pilot.press("end", *" Indeed.")
        await until(pilot, lambda: screen.editor.text == before + " Indeed.")
        await pilot.press("ctrl+s")  # saved as a draft first
        await settle(pilot)
        await pilot.press("enter")  # confirmed, and the next segment opens
        await settle(pilot)
        await pilot.press("alt+up")
        await settle(pilot)
        assert screen.current_id == first
        await pilot.press("f9")
        await settle(pilot)
        assert notified(app, "Segment 1 undone: its status is back to draft, the English "
                             "unchanged.")
        await pilot.press("f9")
        await settle(pilot)
        assert notified(app, "Segment 1 undone: its English before the last change is back "
                             "(draft).")
        assert screen.editor.text == before


async def test_a_dialog_taller_than_the_terminal_keeps_its_key_line_in_view(make_app):
    """At 60x20 the export dialog (F12) is taller than the screen: it scrolls, and its last
    line, the keys that export and cancel, was out of view (so were the buttons): the line
    stays at the dialog's foot."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("f12")
        await until(pilot, lambda: type(app.screen).__name__ == "ExportScreen")
        await settle(pilot)
        assert "Ctrl+J: export · Escape: cancel" in "\n".join(screen_lines(app))


def footer_cut(app) -> list[str]:
    """The footer's keys shown but cut by the command palette's key (none, when fitted)."""
    keys_shown = [k for k in app.screen.query(FooterKey) if k.display]
    palette = next(k for k in keys_shown if k.has_class("-command-palette"))
    return [k.description for k in keys_shown
            if k is not palette and k.region.right - 1 > palette.region.x]


async def test_the_footer_shows_each_key_whole_or_not_at_all(make_app):
    """The footer cut the key reaching the command palette's: "e LQA erro" in the reviewer
    and "f3 Rev" in the scores at 80 columns, "^q Qu" in the editor at 60 (with the screen's
    scrollbar)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not footer_cut(app)
        assert screen_lines(app)[-1].startswith("^j Confirm alt+↓ Next ^g Term ^f Search "
                                                "^q Quit f1 Help f3 Review")
        await pilot.press("f3")
        await until(pilot, lambda: type(app.screen).__name__ == "ReviewScreen")
        await settle(pilot)
        assert not footer_cut(app), footer_cut(app)
        assert "LQA erro▏" not in screen_lines(app)[-1]  # cut by the palette's key
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert not footer_cut(app), footer_cut(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not footer_cut(app), footer_cut(app)
        assert "^f Search ^q Quit f1 Help ▏^p" in screen_lines(app)[-1]
        await pilot.resize_terminal(120, 30)  # room again: every key shown
        await settle(pilot)
        assert "^q Quit f1 Help f3 Review" in screen_lines(app)[-1]
        await pilot.resize_terminal(80, 24)
        await pilot.press("ctrl+t")  # the scores: "f3 Rev" at 80 columns
        await until(pilot, lambda: type(app.screen).__name__ == "ScoresScreen")
        await settle(pilot)
        assert not footer_cut(app), footer_cut(app)


async def test_f6_shows_that_the_segment_list_has_the_focus(make_app):
    """F6 gave the list the focus with nothing to see but the editor's cursor going: the
    list's border is the focused panel's colour while it has the focus."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = editor_screen(app)
        seg_list = screen.segment_list
        unfocused = seg_list.styles.border_top
        await pilot.press("f6")
        await until(pilot, lambda: seg_list.has_focus)
        assert seg_list.styles.border_top != unfocused
        assert seg_list.styles.border_top == screen.editor.styles.border_top
        await pilot.press("f6")
        await until(pilot, lambda: screen.editor.has_focus)
        assert seg_list.styles.border_top == unfocused


async def test_the_not_confirmed_dialog_keeps_its_title_and_reason_box_in_view(make_app):
    """With five findings the "Not confirmed" dialog was taller than an 80x24 screen (and
    three at 60x20): it scrolled to its reason box, and its title went out of view. The
    findings now scroll in the lines the dialog leaves them (Tab, then the arrows)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = editor_screen(app)
        screen.editor.load_text("Critics call October a putsch.")  # five error findings
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "OverrideScreen")
        await settle(pilot)
        for size in ((80, 24), (60, 20)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            shown = "\n".join(screen_lines(app))
            assert "Not confirmed: this segment has errors" in shown, size
            assert "✗ term-missing" in shown and "reason" in shown, size
            assert "Enter: confirm with this reason" in shown, size
        scroll = app.screen.query_one("#override-scroll")
        await pilot.press("tab", "down", "down")  # the findings left below come into view
        await settle(pilot)
        assert scroll.has_focus and scroll.scroll_y > 0


async def test_help_says_how_to_close_it_on_its_first_screen(make_app):
    """Help (F1) said how to close it only on its last line, hundreds of lines down."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_help(pilot, app)
        assert "Up/Down: scroll · Escape: close" in "\n".join(screen_lines(app)[:8])


async def _open_help(pilot, app) -> None:
    """The editor settled, then F1 and Help on screen."""
    await settle(pilot)
    await pilot.press("f1")
    await until(pilot, lambda: isinstance(app.screen, help_screen.HelpScreen))
    await settle(pilot)


@pytest.mark.parametrize("key, screen_name", [
    (None, "EditorScreen"), ("f3", "ReviewScreen"), ("ctrl+t", "ScoresScreen")])
async def test_a_narrow_footer_keeps_help(make_app, key, screen_name):
    """At 60x20 the footer had no room for Help (F1): a translator on a narrow terminal could
    not find it, nor through it the keys left out. Help's key is kept (the command palette's
    key then goes without its label), the screen's first keys still shown; F1 opens Help and
    F1 closes it."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        if key is not None:
            await pilot.press(key)
            await until(pilot, lambda: type(app.screen).__name__ == screen_name)
            await settle(pilot)
        footer = screen_lines(app)[-1]
        assert "f1 Help" in footer and footer.rstrip().endswith("▏^p"), footer
        assert not footer_cut(app), footer_cut(app)
        first = {"EditorScreen": "^j Confirm alt+↓ Next ^g Term ^f Search ^q Quit",
                 "ReviewScreen": "a Approve r Reject c Comment esc Back",
                 "ScoresScreen": "esc Back ^q Quit"}[screen_name]
        assert first in footer, footer
        await pilot.press("f1")
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        await pilot.press("f1")
        await until(pilot, lambda: type(app.screen).__name__ == screen_name)
