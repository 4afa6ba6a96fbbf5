"""The help screen (F1): every key binding with its id, the list's flags, the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from workbench.tui import keys

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp


class HelpScreen(ModalScreen[None]):
    """Keys, flags and settings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "close", "Close", id="help_close"),
        Binding("down", "scroll_down", show=False),
        Binding("up", "scroll_up", show=False),
    ]

    def __init__(self, under: Screen[object] | None = None) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Static(self._content())

    def _content(self) -> Group:
        app: WorkbenchApp = self.app  # type: ignore[assignment]
        keymap = app.keymap()
        table = Table(title="Keys (remap by id in the config file's \\[keys] table)",
                      expand=True, show_lines=False, box=box.SIMPLE_HEAD)
        table.add_column("keys", style="bold", no_wrap=True, max_width=30)
        table.add_column("does", ratio=1)
        table.add_column("id", style="dim", no_wrap=True)
        known = set()
        for spec in keys.all_specs():
            known.add(spec.id)
            if spec.id.startswith("insert_term_"):
                if spec.id == "insert_term_1":
                    table.add_row(
                        "Alt+1 … Alt+9",
                        "Insert the rendering of glossary entry 1-9 (terminals with the kitty "
                        "keyboard protocol)", "insert_term_1 … insert_term_9",
                    )
                continue
            table.add_row(keys.describe_keys(keys.effective_keys(spec, keymap)),
                          spec.description, spec.id)
        # Bindings of other screens (reviewer, scores...) shown as they are bound.
        if self.under is not None:
            for key, active in self.under.active_bindings.items():
                binding = active.binding
                if binding.id in known or not binding.description or binding.system:
                    continue
                known.add(binding.id or binding.action)
                table.add_row(keys.describe_keys(key), binding.description, binding.id or "")
        legend = Text.assemble(
            ("\nSegment list flags: ", "bold"), ("!", "bold red"), " error findings  ",
            ("?", "bold yellow"), " warnings  ", ("~", "bold"), " low alignment confidence\n",
            ("Statuses: ", "bold"), "new · draft (autosaved) · done (translated, confirmed) · "
            "revwd (reviewed) · apprv (approved)\n",
            ("Enter", "bold"), " in the English editor confirms (a segment needs no line break); ",
            "confirming runs the QA checks and an error must be fixed or overridden with a "
            "reason.\n",
            ("Arabic direction: ", "bold"),
            f"{app.direction} (setting: {app.direction_setting}). 'app' reorders Arabic lines "
            "itself, for terminals without bidi (tmux, kitty, xterm, Windows Terminal); "
            "'terminal' sends logical order for terminals that reorder (GNOME Terminal, Konsole, "
            "mlterm); 'auto' chooses from the environment. F7 switches; the choice is saved.\n",
            ("Config file: ", "bold"), str(app.config.path or ""), "\n",
            ("Escape", "bold"), " closes this help.",
        )
        return Group(table, legend)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up()
