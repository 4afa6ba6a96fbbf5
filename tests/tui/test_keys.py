"""One key registry with screen scopes: every binding of every screen is a KeySpec, the config's
[keys] remaps any of them, clashes are found per scope, and help (F1) and the command palette
list them by screen."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import notified, open_screen
from workbench.config import Config
from workbench.tui import keys
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.batch import BatchScreen
from workbench.tui.screens.changes import ChangesScreen, UndoConfirmScreen
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.export import ExportScreen
from workbench.tui.screens.help import HelpScreen, ScopeTable, scope_rows
from workbench.tui.screens.importer import ImportScreen
from workbench.tui.screens.overwrite import OverwriteScreen
from workbench.tui.screens.prompts import (
    FilterScreen,
    GotoScreen,
    OverrideScreen,
    SearchScreen,
    TermChooser,
    UnlockScreen,
)
from workbench.tui.screens.replace import ReplaceScreen
from workbench.tui.screens.review import (
    CommentScreen,
    ReviewFilterScreen,
    ReviewScreen,
    ReviewTable,
)
from workbench.tui.screens.scores import ScoresScreen
from workbench.tui.screens.split import SplitScreen
from workbench.tui.widgets.segment_list import SegmentList

SCREENS = [EditorScreen, ReviewScreen, CommentScreen, ReviewFilterScreen, ScoresScreen,
           ExportScreen, ImportScreen, SplitScreen, OverrideScreen, SearchScreen, FilterScreen,
           GotoScreen, TermChooser, HelpScreen, OverwriteScreen, ReplaceScreen, BatchScreen,
           UnlockScreen, ChangesScreen, UndoConfirmScreen]
TUI = Path(__file__).resolve().parents[2] / "workbench" / "tui"


def test_every_binding_of_every_screen_is_in_the_registry():
    specs = {s.id: s for s in keys.all_specs()}
    assert len(specs) == len(keys.all_specs()), "binding ids are unique"
    for cls in [*SCREENS, WorkbenchApp, SegmentList, ReviewTable]:
        scope = ({WorkbenchApp: "app", SegmentList: "list", ReviewTable: "review_list"}.get(cls)
                 or cls.KEY_SCOPE)
        bindings = cls.BINDINGS
        assert bindings, cls
        for binding in bindings:
            assert binding.id in specs, (cls.__name__, binding)
            assert specs[binding.id].scope == scope
        assert {b.id for b in bindings} == {s.id for s in keys.specs(scope)}
    # Every binding's action exists where it runs (the app's for "app." ones).
    for cls in [*SCREENS, WorkbenchApp, SegmentList, ReviewTable]:
        for binding in cls.BINDINGS:
            target = WorkbenchApp if binding.action.startswith("app.") else cls
            name = binding.action.removeprefix("app.").split("(")[0]
            assert callable(getattr(target, f"action_{name}", None)), (cls.__name__, name)
    # No screen declares bindings of its own outside the registry.
    for path in TUI.rglob("*.py"):
        if path.name != "keys.py":
            assert not re.search(r"\bBinding\(", path.read_text(encoding="utf-8")), path


def test_clashes_are_found_per_scope():
    assert keys.clashes({}) == []
    said = keys.clashes({"review_approve": "c"})
    assert said == ["Reviewer (F3): c is bound to review_approve and review_comment"]
    # An app key that works on the reviewer (not a dialog) clashes there...
    assert keys.clashes({"review_approve": "f1"}) == [
        "Reviewer (F3): F1 is bound to review_approve and help"
    ]
    # ...but not on a dialog, where only the app's priority keys work.
    assert keys.clashes({"comment_cancel": "f1"}) == []
    assert keys.clashes({"comment_cancel": "ctrl+q"}) != []  # quit works everywhere
    # The same key on two screens is no clash.
    assert keys.clashes({"export_run": "ctrl+s", "split_apply": "a"}) == []


async def test_a_reviewer_key_is_remapped_from_the_config(make_app):
    app = make_app(config=Config(keys={"review_approve": "ctrl+a", "review_show": "x"}))
    async with editing(app) as (pilot, _):
        assert not notified(app, "unknown binding ids")
        assert not notified(app, "Key clash")
        screen = await open_screen(pilot, "f3", ReviewScreen)
        await pilot.press("a")  # no longer bound
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("x")  # the findings filter, remapped
        await settle(pilot)
        assert screen.view.findings == "findings"
        await pilot.press("ctrl+a")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)


async def test_unknown_ids_and_clashes_are_said_once_at_start(make_app):
    app = make_app(config=Config(keys={"no_such_key": "f11", "review_approve": "c"}))
    said: list[str] = []  # a notification expires after 10 s: a loaded machine may settle later
    notify = app.notify
    app.notify = lambda message, **kwargs: (said.append(message), notify(message, **kwargs))[1]
    async with editing(app):
        assert sum("unknown binding ids in [keys]: no_such_key" in m for m in said) == 1
        assert sum("Reviewer (F3): c is bound to review_approve and review_comment" in m
                   for m in said) == 1


async def test_help_lists_keys_by_screen_the_current_one_first(make_app):
    app = make_app(config=Config(keys={"review_reject": "ctrl+r"}))
    async with editing(app) as (pilot, _):
        await open_screen(pilot, "f3", ReviewScreen)
        help_screen = await open_screen(pilot, "f1", HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(help_screen._content())
        text = console.export_text()
        titles = [s.title for s in keys.SCOPES]
        order = sorted((text.index(t), t) for t in titles)
        assert order[0][1] == "Reviewer (F3)" and order[1][1] == "Everywhere"
        reviewer = text[text.index("Reviewer (F3)"):text.index("Everywhere")]
        assert "review_approve" in reviewer and "review_reject" in reviewer
        assert "Ctrl+R" in reviewer
        for scope in ("editor", "export", "split", "scores", "comment"):
            assert keys.SCOPE[scope].title in text


async def test_palette_offers_the_screen_s_own_commands(make_app):
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        await pilot.press("ctrl+p")
        await pilot.press(*"show: all segments / with")
        await settle(pilot)  # the palette's search has finished
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.view.findings == "findings"


def test_keys_are_named_as_people_see_them():
    assert keys.describe_keys("ctrl+j,enter") == "Ctrl+J, Enter"
    assert keys.describe_keys("ctrl+j,enter", first=True) == "Ctrl+J"
    assert keys.describe_keys("A") == "Shift+A"
    # a plain letter as the footer shows it, not to be taken for Shift+A (the reviewer's
    # title said "A: approve" for a beside Shift+A's batch approval); in a combination upper
    assert keys.describe_keys("a,alt+h") == "a, Alt+H"
    assert keys.hint({}, "review_approve", "review_approve_view") == (
        "a: approve · Shift+A: approve every segment of the view (one change, undone at once)")
    # punctuation is shown as its character, not Textual's name for it
    assert keys.describe_keys("slash") == "/"
    assert keys.describe_keys("ctrl+question_mark") == "Ctrl+?"
    assert keys.describe_keys("space,tab,f10") == "Space, Tab, F10"


def test_key_names_no_terminal_sends_are_found():
    """``Ctrl+F`` (as help writes it), ``ctrl-f`` or ``ctrl+`` would bind nothing."""
    keymap = {"search": "Ctrl+F", "goto": "ctrl-g", "filter": "ctrl+", "save": "ctrl+s,f13",
              "next_segment": "alt+down,ctrl+pagedown", "matches_pick_1": "slash,?,ب"}
    assert keys.unknown_keys(keymap) == ["search = 'Ctrl+F'", "goto = 'ctrl-g'",
                                         "filter = 'ctrl+'"]


def test_every_default_key_is_a_known_key():
    assert keys.unknown_keys({s.id: s.keys for s in keys.all_specs()}) == []
    # and every default binding has a key tmux sends (Ctrl+Enter goes with Ctrl+J)
    assert keys.kitty_only({s.id: s.keys for s in keys.all_specs()}) == []


def test_a_binding_only_a_kitty_protocol_terminal_sends_is_found():
    """``confirm = "ctrl+enter"`` alone was taken without a word, and confirming did nothing
    in tmux (it sends Ctrl+Enter as Enter); a binding with one key every terminal sends is
    fine."""
    keymap = {"confirm": "ctrl+enter", "save": "ctrl+shift+s", "goto": "ctrl+2",
              "search": "ctrl+enter,ctrl+j", "source_back": "shift+tab", "filter": "f4"}
    assert keys.kitty_only(keymap) == ["confirm = 'ctrl+enter'", "save = 'ctrl+shift+s'",
                                       "goto = 'ctrl+2'"]


async def test_unknown_and_kitty_only_keys_are_said_at_start(make_app):
    app = make_app(config=Config(keys={"search": "Ctrl+F", "confirm": "ctrl+enter"}))
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kwargs: (said.append(message), notify(message, **kwargs))[1]
    async with editing(app):
        assert sum("keys no terminal sends in [keys]: search = 'Ctrl+F'" in m
                   for m in said) == 1
        assert sum("kitty keyboard protocol" in m and "confirm = 'ctrl+enter'" in m
                   for m in said) == 1


async def test_help_names_the_direction_key_as_remapped(make_app):
    """Help's note on the Arabic direction said "F7 switches" with F7 remapped away."""
    app = make_app(config=Config(keys={"toggle_direction": "ctrl+d"}))
    async with editing(app) as (pilot, _):
        help_screen = await open_screen(pilot, "f1", HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(help_screen._content())
        text = " ".join(console.export_text().split())
        assert "Ctrl+D switches; the choice is saved" in text
        assert "F7 switches" not in text


def test_help_never_cuts_a_key_name_in_a_narrow_terminal():
    """At 60 columns (the help body 49 cells wide) each key's name is whole on its line, never
    folded as "Ctrl+En" / "ter," or "Alt+Dow" / "n,"; each id is whole, and a description
    keeps its words ("Confi…", "segme…" when the ids took the width)."""
    for scope in keys.SCOPES:
        console = Console(width=49, record=True, file=io.StringIO())
        console.print(ScopeTable(scope, {}))
        text = console.export_text()
        words = " ".join(text.split())
        for shown, does, binding_id in scope_rows(scope, {}):
            for name in shown.split(", "):
                assert name in text, (scope.id, binding_id, name)
            assert binding_id in text
            assert " ".join(does.split()[:2]) in words, (scope.id, binding_id)
