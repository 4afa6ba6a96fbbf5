"""The help screen (F1): every key binding of the key registry, screen by screen (the screen it
was opened on first), with its id for remapping; the list's flags; the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from workbench.tui import keys

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp


def scope_of(screen: object) -> str | None:
    """The key scope of a screen (its ``KEY_SCOPE``), or None."""
    return getattr(screen, "KEY_SCOPE", None)


def scope_order(first: str | None) -> list[keys.Scope]:
    """Every scope, ``first`` (the screen help was opened on) leading, then the app's."""
    lead = [s for s in keys.SCOPES if s.id == first]
    app = [s for s in keys.SCOPES if s.id == "app" and s.id != first]
    rest = [s for s in keys.SCOPES if s.id not in (first, "app")]
    return lead + app + rest


def widest_key(scope: keys.Scope, keymap: dict[str, str]) -> int:
    """Cells of the longest single key name (``Ctrl+Enter``) of a scope, as remapped."""
    names = (name for spec in keys.specs(scope.id)
             for name in keys.describe_keys(keys.effective_keys(spec, keymap)).split(", "))
    return max((cell_len(name) for name in names), default=0)


NARROW_TABLE = 70
"""Cells: a scope's table narrower than this puts each binding's id under its description
(three columns left the description a few cells, its words cut: "Confi…", "segme…")."""


def scope_rows(scope: keys.Scope, keymap: dict[str, str]) -> list[tuple[str, str, str]]:
    """The rows of one scope: keys (as remapped), what they do, id; a group (Alt+1 … Alt+9)
    is one row."""
    rows: list[tuple[str, str, str]] = []
    groups: set[str] = set()
    for spec in keys.specs(scope.id):
        if spec.group:
            if spec.group in groups:
                continue
            groups.add(spec.group)
            members = [s for s in keys.specs(scope.id) if s.group == spec.group]
            rows.append((
                f"{keys.describe_keys(keys.effective_keys(members[0], keymap))} … "
                f"{keys.describe_keys(keys.effective_keys(members[-1], keymap))}",
                spec.group, f"{members[0].id}…{members[-1].id.rsplit('_', 1)[-1]}",
            ))
            continue
        rows.append((keys.describe_keys(keys.effective_keys(spec, keymap)),
                     spec.description, spec.id))
    return rows


def scope_table(scope: keys.Scope, keymap: dict[str, str], narrow: bool = False) -> Table:
    """The bindings of one scope: keys (as remapped), what they do, id (``narrow``: the id
    under what they do)."""
    table = Table(title=scope.title, title_justify="left", title_style="bold", expand=True,
                  box=box.SIMPLE_HEAD, show_header=False, padding=(0, 1))
    # As wide as its longest key name and comma at least: a line break goes between keys,
    # never inside one ("Ctrl+En" / "ter," in a narrow terminal).
    table.add_column("keys", style="bold", ratio=2, overflow="fold",
                     width=widest_key(scope, keymap) + 1)  # with a ratio: the least width
    table.add_column("does", ratio=3)
    if not narrow:
        table.add_column("id", style="dim", no_wrap=True)
    for shown, does, binding_id in scope_rows(scope, keymap):
        if narrow:
            table.add_row(shown, Text.assemble(does, "\n", (binding_id, "dim")))
        else:
            table.add_row(shown, does, binding_id)
    return table


class ScopeTable:
    """A scope's table laid out for the width it is drawn in (see :data:`NARROW_TABLE`)."""

    def __init__(self, scope: keys.Scope, keymap: dict[str, str]) -> None:
        self.scope = scope
        self.keymap = keymap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield scope_table(self.scope, self.keymap, narrow=options.max_width < NARROW_TABLE)


class DrawnOnce:
    """A renderable laid out once per width: Textual draws Help's content several times as
    it opens (to measure its height, then its lines), and each drawing of its hundreds of
    bindings' tables took ~60 ms, so F1 took a quarter of a second to respond."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._lines: dict[int, list[list[Segment]]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self._lines.get(options.max_width)
        if lines is None:
            lines = console.render_lines(self.renderable, options, pad=False)
            self._lines[options.max_width] = lines
        new_line = Segment.line()
        for line in lines:
            yield from line
            yield new_line


class HelpScreen(ModalScreen[None]):
    """Keys, flags and settings."""

    KEY_SCOPE = "help"
    BINDINGS = keys.bindings("help")

    def __init__(self, under: Screen[object] | None = None) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Static(DrawnOnce(self._content()))

    def _content(self) -> Group:
        app: WorkbenchApp = self.app  # type: ignore[assignment]
        keymap = app.keymap()
        parts: list[RenderableType] = [
            Text("Keys, screen by screen (remap any by its id in the config file's [keys] "
                 "table)", style="bold"),
            # the way out, said first too: the last line is hundreds of lines down
            Text(keys.hint(keymap, f"{keys.key_name(keymap, 'help_up')}/"
                           f"{keys.key_name(keymap, 'help_down')}: scroll", "help_close"),
                 style="dim"),
        ]
        parts.extend(ScopeTable(scope, keymap) for scope in scope_order(scope_of(self.under)))
        legend = Text.assemble(
            ("\nSegment list flags: ", "bold"), ("!", "bold red"), " error findings  ",
            ("?", "bold yellow"), " warnings  ", ("~", "bold"), " low alignment confidence  ",
            "🔒 locked (approved work; ", keys.key_name(keymap, "unlock"),
            " unlocks it, the reason kept in its history)\n",
            ("Glossary panel: ", "bold"), ("✓", "bold green"), " rendered in the English  ",
            ("✗", "bold red"), " a finding names the term  ", ("·", "dim"),
            " not rendered yet\n",
            ("Statuses: ", "bold"), "new · draft (autosaved) · done (translated, confirmed) · "
            "revwd (reviewed) · apprv (approved)\n",
            ("Changes of many segments: ", "bold"),
            "an import into the working translation, a find and replace ",
            f"({keys.key_name(keymap, 'replace')}) or a batch "
            f"({keys.key_name(keymap, 'batch')}) is one change; "
            f"{keys.key_name(keymap, 'undo_change')} undoes the last one at once, "
            f"{keys.key_name(keymap, 'changes')} lists them. Imports never replace confirmed or "
            "approved work unasked.\n",
            ("Enter", "bold"), " in the English editor confirms (a segment needs no line break); ",
            "confirming runs the QA checks and an error must be fixed or overridden with a "
            "reason.\n",
            ("Arabic direction: ", "bold"),
            f"{app.direction} (setting: {app.direction_setting}). 'app' reorders Arabic lines "
            "itself, for terminals without bidi (tmux, kitty, xterm, Windows Terminal); "
            "'terminal' sends logical order for terminals that reorder (GNOME Terminal, Konsole, "
            "mlterm); 'auto' chooses from the environment. "
            f"{keys.key_name(keymap, 'toggle_direction')} switches; the choice is saved. "
            "Invisible characters (bidi controls, zero-width spaces) show as ¤.\n",
            ("Config file: ", "bold"), str(app.config.path or ""), "\n",
            (keys.hint(keymap, "help_close"), "bold"),
        )
        parts.append(legend)
        return Group(*parts)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up()
