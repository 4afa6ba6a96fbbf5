"""A segment's history (Alt+H in the editor, H in the reviewer): every change of its working
translation (``project.history``) and its notes (verdicts' comments, comments; ``project.notes``),
oldest first, as ``workbench history`` lists them. Read-only; read in a worker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Label, Static

from workbench.tui import keys
from workbench.tui.display import BidiText, isolate
from workbench.tui.screens.prompts import Prompt
from workbench.tui.service import describe_error

if TYPE_CHECKING:
    from workbench.project import Project
    from workbench.tui.app import WorkbenchApp


@dataclass
class HistoryLoaded(Message):
    """A segment's revisions and notes (or why they could not be read)."""

    revisions: list[Any]
    notes: list[dict[str, Any]]
    error: str | None = None


def _when(at: Any) -> str:
    return str(at)[:16].replace("T", " ")


def history_lines(revisions: list[Any], notes: list[dict[str, Any]]) -> Text:
    """The revisions and notes of a segment, oldest first: a heading line each (a revision's
    place in the history, 1, 2, 3 … as ``workbench history`` numbers them; time, author,
    action, status change), then its English (the English before it, when it
    changed; a change of status alone shows none; a ``conflict`` record is English refused,
    the segment's own then beside it) or the note's text, each text isolated (an Arabic
    comment keeps its order)."""
    entries: list[tuple[str, int, Text]] = []
    for place, r in enumerate(revisions, 1):
        refused = r.action == "conflict"  # English refused: the segment had changed meanwhile
        moved = (" · refused, not stored (the segment had changed)" if refused
                 else f" · {r.old_status} → {r.new_status}"
                 if r.new_status and r.new_status != r.old_status else "")
        lines = [Text.assemble((f"#{place} ", "bold"), f"{_when(r.at)} · {r.author} · ",
                               (r.action, "bold"), moved)]
        if r.old_text != r.new_text or not entries:  # the first, or a new English
            if r.old_text:
                lines.append(Text.assemble(("  theirs: " if refused else "  before: ", "dim"),
                                           isolate(r.old_text, "dim")))
            lines.append(Text.assemble("  ", isolate(r.new_text)) if r.new_text
                         else Text("  (no English)", style="dim italic"))
        entries.append((str(r.at), 0, Text("\n").join(lines)))
    for n in notes:
        head = Text.assemble(("note ", "bold"), f"{_when(n['at'])} · {n['author']} · ",
                             (str(n["kind"]), "bold"))
        entries.append((str(n["at"]), 1, Text("\n").join(
            [head, Text.assemble("  ", isolate(n["text"] or ""))])))
    entries.sort(key=lambda e: (e[0], e[1]))
    if not entries:
        return Text("No change recorded yet.", style="dim")
    return Text("\n").join(e[2] for e in entries)


class HistoryScreen(Prompt):
    """The history of one segment, oldest first (the newest at the bottom, in view)."""

    KEY_SCOPE = "history"
    BINDINGS = keys.bindings("history")

    DEFAULT_CSS = """
    HistoryScreen #history-dialog { width: 100; max-width: 100%; height: 90%; }
    HistoryScreen #history-scroll { height: 1fr; }
    """

    def __init__(self, segment_id: int, position: int) -> None:
        super().__init__()
        self.segment_id = segment_id
        self.position = position
        self.loaded: HistoryLoaded | None = None

    @property
    def wb(self) -> WorkbenchApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="history-dialog"):
            yield Label(f"History of segment {self.position}: its English and notes, "
                        "oldest first", classes="dialog-title")
            with VerticalScroll(id="history-scroll"):
                yield Static("Reading the history…", id="history-body")
            yield self.hint("Up/Down, Page Up/Down: scroll", "history_close")

    def on_mount(self) -> None:
        self.query_one("#history-scroll").focus()
        self.read_history()

    @work(thread=True, exclusive=True, group="segment-history")
    def read_history(self) -> None:
        """Read the revisions and notes on the second connection (worker)."""
        segment_id = self.segment_id

        def read(project: Project) -> HistoryLoaded:
            return HistoryLoaded(project.history(segment_id), project.notes(segment_id))

        try:
            self.wb.service.flush()
            message = self.wb.service.background(read)
        except Exception as exc:  # shown, never a crash
            message = HistoryLoaded([], [], describe_error(exc))
        self.post_message(message)

    def on_history_loaded(self, message: HistoryLoaded) -> None:
        self.loaded = message
        self._draw()
        scroll = self.query_one("#history-scroll", VerticalScroll)
        self.call_after_refresh(scroll.scroll_end, animate=False)  # the newest in view

    def _body(self) -> BidiText | Text:
        message = self.loaded
        if message is None:
            return Text("Reading the history…")
        if message.error:
            return Text(message.error, style="red")
        return self.bidi.text(history_lines(message.revisions, message.notes),
                              right_align_rtl=False)

    def _draw(self) -> None:
        self.query_one("#history-body", Static).update(self._body())

    def apply_display(self) -> None:
        """Draw the history again with the app's display settings (F7, F8)."""
        self._draw()

    def action_close(self) -> None:
        self.dismiss(None)
