"""The conflict dialog: the open segment was changed by someone else while the translator
was editing it, so their save was not written. It shows both texts, theirs and yours (yours
editable, to merge), and asks what to keep:

- keep theirs: the editor takes their English; yours stays in the history as a conflict;
- keep mine: yours is written over theirs (theirs stays in the history);
- merge: the text as edited in the dialog is written;
- keep both: theirs stays, yours is kept as a note of the segment (kind ``conflict``).

The dialog may open while the translator is still typing (an autosave found the conflict), so
it opens with the cursor at the end of yours: the keys typed on land there, never on a button,
and "mine" and "both" keep yours as it stands in the dialog.

The answer is a :class:`Resolution`; the editor writes it (``editing.SegmentEditing``).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Label, Static

from workbench.errors import ConflictError
from workbench.tui import keys
from workbench.tui.screens.prompts import Prompt
from workbench.tui.widgets.english_editor import EnglishEditor

CHOICES = ("theirs", "mine", "merge", "both")


@dataclass(frozen=True)
class Resolution:
    """The translator's answer: ``choice`` (theirs, mine, merge, both) and the English to
    write (yours, or the merged text; theirs for 'theirs' and 'both')."""

    choice: str
    text: str
    yours: str = ""  # the translator's English as it stands in the dialog (for the note)


def segment_name(conflict: ConflictError, position: int | None) -> str:
    """``Segment 12``: the segment's number in the list (its id when it is not in the view)."""
    return f"Segment {position if position is not None else conflict.segment_id}"


def what_happened(conflict: ConflictError, position: int | None) -> str:
    """``Segment 12 was changed by ana (now translated) while you were editing it``."""
    who = f" by {conflict.author}" if conflict.author else ""
    return (f"{segment_name(conflict, position)} was changed{who} (now "
            f"{conflict.theirs_status}) while you were editing it: your English was not saved.")


class ConflictScreen(Prompt):
    """Theirs or yours (or both, or a merge) for a segment changed meanwhile."""

    KEY_SCOPE = "conflict"
    BINDINGS = keys.bindings("conflict")

    def __init__(self, conflict: ConflictError, position: int | None = None) -> None:
        super().__init__()
        self.conflict = conflict
        self.position = position

    def compose(self) -> ComposeResult:
        conflict = self.conflict
        with Vertical(classes="dialog", id="conflict-dialog"):
            yield Label(what_happened(conflict, self.position), classes="dialog-title")
            # the texts' names in their borders: the dialog fits 24 rows with English of
            # four lines on each side (labels of their own made it scroll its title away);
            # longer English scrolls in its box (theirs was cut, the buttons pushed out of view)
            with VerticalScroll(id="conflict-theirs-box") as box:
                box.border_title = Content(
                    f"Theirs{f' ({conflict.author})' if conflict.author else ''}")
                box.can_focus = False  # the keys go to yours; the mouse wheel scrolls theirs
                yield Static(self.bidi.plain(conflict.theirs) or "(empty)",
                             id="conflict-theirs",
                             markup=False)  # their English as typed: "[sic]" is not markup
            yours = EnglishEditor(id="conflict-yours")
            yours.border_title = "Yours (edit it to merge the two)"
            yours.load_text(conflict.yours or "")
            yield yours
            with Horizontal(classes="buttons pairs"):
                yield Button("Keep theirs", compact=True, id="conflict-theirs-button")
                yield Button("Keep mine", variant="primary", compact=True,
                             id="conflict-mine-button")
                yield Button("Save the merge", compact=True, id="conflict-merge-button")
                yield Button("Keep both", compact=True, id="conflict-both-button")
            yield self.hint("conflict_theirs", "conflict_mine", "conflict_merge",
                            "conflict_both")

    def on_mount(self) -> None:
        yours = self.query_one("#conflict-yours", EnglishEditor)
        yours.focus()
        yours.move_cursor(yours.document.end)

    @property
    def edited(self) -> str:
        """The English in the dialog's editor (yours, as the translator changed it)."""
        return self.query_one("#conflict-yours", EnglishEditor).text

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choice = (event.button.id or "").removeprefix("conflict-").removesuffix("-button")
        if choice in CHOICES:
            self.action_choose(choice)

    def action_choose(self, choice: str) -> None:
        """Answer ``choice`` (theirs, mine, merge, both)."""
        yours = self.edited
        text = {"theirs": self.conflict.theirs, "both": self.conflict.theirs,
                "mine": yours, "merge": yours}[choice]
        if choice == "merge" and not text.strip():
            self.notify("The merged English is empty: type it, or keep theirs.",
                        severity="warning")
            return
        self.dismiss(Resolution(choice, text, yours))
