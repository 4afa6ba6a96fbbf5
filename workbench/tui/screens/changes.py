"""The changes list (Shift+F9): imports, find-and-replace runs and batches of the project, newest
first (``project.changes()``), each undone at once; and the question before an undo.

A change is a change group of the service: every segment it wrote is restored by one
``project.undo_change(group_id)`` (segments edited since keep their newer English). The list is
read in a worker; the undo itself runs through the app (:mod:`workbench.tui.change_actions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from workbench.tui import keys
from workbench.tui.display import BidiText, isolate
from workbench.tui.screens.prompts import Prompt, redraw_options
from workbench.tui.service import describe_error
from workbench.tui.widgets.title import DialogTitle

if TYPE_CHECKING:
    from workbench.project import Project
    from workbench.tui.app import WorkbenchApp

MAX_CHANGES = 200
"""The list shows this many changes, the newest."""

KIND_LABEL = {
    "import-translation": "import (text)",
    "replace": "find and replace",
    "confirm": "batch confirm",
    "approved": "batch approve",
    "reviewed": "batch review",
    "rejected": "batch reject",
    "undo": "undo",
}


def kind_label(kind: str) -> str:
    """A change's kind as shown: ``import-xliff`` → ``import (XLIFF)``."""
    if kind in KIND_LABEL:
        return KIND_LABEL[kind]
    if kind.startswith("import-"):
        return f"import ({kind.removeprefix('import-').upper()})"
    return kind


def undoable(change: dict[str, Any]) -> bool:
    """True when ``change`` can still be undone (not an undo, not undone, changed something)."""
    return change["kind"] != "undo" and change["undone_by"] is None and change["changes"] > 0


def newest_undoable(changes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The newest change that can be undone (``changes`` newest first), or None."""
    return next((c for c in changes if undoable(c)), None)


def headline(change: dict[str, Any]) -> Text:
    """``#12 · import (text) · sample · 21 segments`` (the document's name isolated: an
    Arabic one would take the count into its run)."""
    n = change["changes"]
    return Text.assemble(f"#{change['id']} · {kind_label(change['kind'])} · ",
                         isolate(change.get("document") or "?"),
                         f" · {n:,} segment{'' if n == 1 else 's'}")


def state(change: dict[str, Any]) -> str:
    """What became of a change: undone by which, or which it undid."""
    if change["kind"] == "undo":
        return f"undid #{change['reverts']}"
    if change["undone_by"] is not None:
        return f"undone by #{change['undone_by']}"
    return ""


@dataclass
class ChangesLoaded(Message):
    """The project's changes, newest first (or why they could not be read)."""

    changes: list[dict[str, Any]]
    error: str | None = None


class ChangesScreen(Prompt):
    """The project's changes, newest first; U (or Enter) undoes the selected one at once."""

    KEY_SCOPE = "changes"
    BINDINGS = keys.bindings("changes")

    DEFAULT_CSS = """
    ChangesScreen #changes-dialog { width: 100; height: 90%; }
    ChangesScreen #changes-list { height: 1fr; }
    ChangesScreen #changes-status { height: auto; margin-top: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[dict[str, Any]] = []

    @property
    def wb(self) -> WorkbenchApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="changes-dialog"):
            yield Label("Changes: imports, replacements and batches, newest first",
                        classes="dialog-title")
            yield OptionList(id="changes-list")
            yield Static("Reading the changes…", id="changes-status")
            yield self.hint("changes_undo", "Enter: undo", "changes_close")

    def on_mount(self) -> None:
        self.query_one(OptionList).loading = True
        self.query_one(OptionList).focus()
        self.refresh_changes()

    @work(thread=True, exclusive=True, group="changes-list")
    def refresh_changes(self) -> None:
        """Read the changes on the second connection (worker)."""
        def read(project: Project) -> ChangesLoaded:
            return ChangesLoaded(project.changes()[:MAX_CHANGES])

        try:
            self.wb.service.flush()
            message = self.wb.service.background(read)
        except Exception as exc:  # shown, never a crash
            message = ChangesLoaded([], describe_error(exc))
        self.post_message(message)

    def on_changes_loaded(self, message: ChangesLoaded) -> None:
        options = self.query_one(OptionList)
        options.loading = False
        status = self.query_one("#changes-status", Static)
        if message.error:
            status.update(message.error)
            self.wb.notify_error(message.error)
            return
        self.changes = message.changes
        options.clear_options()
        options.add_options([self._option(c) for c in self.changes])
        newest = newest_undoable(self.changes)
        if newest is not None:
            options.highlighted = self.changes.index(newest)
        if not self.changes:
            status.update("No change yet: imports into the working translation, find and "
                          "replace and batches are listed here.")
        else:
            count = len(self.changes)
            status.update(f"{count:,} change{'' if count == 1 else 's'}" + (
                "" if newest else " · none left to undo"))

    def apply_display(self) -> None:
        """Draw the changes again with the app's display settings (F7, F8)."""
        redraw_options(self.query_one(OptionList), [self._option(c) for c in self.changes])

    def _option(self, change: dict[str, Any]) -> Option:
        bidi = self.wb.bidi
        live = undoable(change)
        n = change["changes"]
        first = Text.assemble(
            (f"#{change['id']} ", "bold"), (kind_label(change["kind"]), "bold" if live else ""),
            " · ", isolate(change.get("document") or "?"),
            f" · {n:,} segment{'' if n == 1 else 's'} · "
            f"{str(change['at'])[:16].replace('T', ' ')}",
        )
        said = state(change)
        second = Text.assemble(
            (f"{said} · " if said else "", "italic"), f"{change['author']}: ",
            change.get("summary") or "",
        )
        lines = Text("\n").join([bidi.line(first), bidi.line(Text("  ") + second)])
        if not live:
            lines.stylize("dim")
        lines.no_wrap = True
        lines.overflow = "ellipsis"
        return Option(lines, id=str(change["id"]))

    def selected(self) -> dict[str, Any] | None:
        """The change under the cursor."""
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.changes):
            return None
        return self.changes[index]

    @on(OptionList.OptionSelected, "#changes-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_undo_selected()

    def action_undo_selected(self) -> None:
        """Undo the selected change (after a yes)."""
        change = self.selected()
        if change is None:
            return
        if not undoable(change):
            why = state(change) or "it changed nothing"
            self.notify(f"Change #{change['id']} cannot be undone: {why}.", severity="warning")
            return
        self.wb.ask_undo(change)

    def action_close(self) -> None:
        self.dismiss(None)


class UndoConfirmScreen(Prompt):
    """Ask before undoing a change (an undo is not itself undone): True to undo."""

    KEY_SCOPE = "undo_confirm"
    BINDINGS = keys.bindings("undo_confirm")

    def __init__(self, change: dict[str, Any]) -> None:
        super().__init__()
        self.change = change

    def compose(self) -> ComposeResult:
        change = self.change
        with Vertical(classes="dialog"):
            yield DialogTitle(Text.assemble("Undo change ", headline(change), "?"))
            yield Static(self._summary(), id="undo-summary")
            yield Label("Every segment it changed is restored at once; a segment edited since "
                        "keeps its newer English. The undo is recorded in the history.")
            with Horizontal(classes="buttons"):
                yield Button("Undo", variant="warning", compact=True, id="undo-yes")
                yield Button("Keep", compact=True, id="undo-no")
            yield self.hint("undo_confirm_yes", "undo_confirm_no")

    def apply_display(self) -> None:
        """Draw the title and the summary again with the app's display settings (F7, F8)."""
        self.query_one(DialogTitle).refresh(layout=True)
        self.query_one("#undo-summary", Static).update(self._summary())

    def _summary(self) -> BidiText:
        return self.bidi.text(self.change.get("summary") or "", right_align_rtl=False)

    def on_mount(self) -> None:
        self.query_one("#undo-yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "undo-yes")

    def action_answer(self, yes: bool) -> None:
        """Undo (True) or keep (False)."""
        self.dismiss(yes)
