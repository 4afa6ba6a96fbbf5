"""The reviewer screen: every QA finding of a document, one per row; approve or reject segments.

The findings come from ``project.check_document`` (run in a worker on the second connection).
Enter opens the finding's segment in the editor. A approves, V marks reviewed, R rejects (a
comment is required; the segment goes back to draft), C adds a comment. Verdicts and comments
are stored through ``project.review`` / ``project.add_note`` and land in the history.
"""

from __future__ import annotations

import re
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Label, Static

from workbench.text.bidi import ARABIC_LETTERS
from workbench.tui.screens.report import ReportScreen
from workbench.tui.service import describe_error
from workbench.tui.widgets.arabic import ArabicText
from workbench.tui.widgets.panels import SEVERITY_STYLE as FINDING_STYLE
from workbench.tui.widgets.panels import arabic_inline

if TYPE_CHECKING:
    from workbench.project import Document, Project

MAX_ROWS = 5000
"""The reviewer table holds at most this many findings (the first, in document order)."""

_ARABIC_RUN = re.compile(f"[{ARABIC_LETTERS}]+(?:\\s+[{ARABIC_LETTERS}]+)*")

SEVERITY_STYLE = {**FINDING_STYLE, "accepted": "green"}


@dataclass(frozen=True)
class FindingRow:
    """One finding of the reviewer table."""

    key: str
    segment_id: int
    position: int
    status: str
    severity: str  # error, warning, info, or 'accepted' (overridden, with its reason)
    check: str
    message: str
    source: str
    target: str


@dataclass
class Loaded(Message):
    """The findings of the document (posted by the worker)."""

    rows: list[FindingRow]
    total: int
    segments: int
    error: str | None = None


@dataclass
class Reviewed(Message):
    """A verdict or comment was stored (or refused)."""

    segment_id: int
    status: str | None
    what: str
    error: str | None = None


def finding_rows(checks: list[Any], statuses: dict[int, str]) -> list[FindingRow]:
    """Rows for the per-segment check results of ``check_document`` (overrides marked)."""
    rows: list[FindingRow] = []
    for seg in checks:
        status = statuses.get(seg.segment_id, "")
        for i, finding in enumerate(seg.findings):
            rows.append(FindingRow(
                f"{seg.segment_id}:{i}", seg.segment_id, seg.position, status, finding.severity,
                finding.check, finding.message, seg.source, seg.target,
            ))
        for j, (finding, override) in enumerate(getattr(seg, "overridden", [])):
            rows.append(FindingRow(
                f"{seg.segment_id}:o{j}", seg.segment_id, seg.position, status, "accepted",
                finding.check, f"{finding.message} — accepted by {override.author}: "
                f"{override.reason}", seg.source, seg.target,
            ))
    return rows


def inline_display(text: str, reorder: bool, shaping: bool) -> str:
    """An English line holding Arabic words (a finding's term) prepared for one line: each run
    of Arabic is reordered for display in ``app`` direction."""
    return _ARABIC_RUN.sub(lambda m: arabic_inline(m.group(), reorder, shaping), text)


class CommentScreen(ModalScreen[str | None]):
    """Ask for a comment (Enter accepts; Escape cancels). ``required`` refuses an empty one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="comment_cancel"),
    ]

    def __init__(self, title: str, *, required: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder="comment" + ("" if self.required else " (optional)"),
                        id="comment-input")
            yield Label("Enter: accept · Escape: cancel", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#comment-input")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.required and not text:
            self.notify("A comment is needed.", severity="warning")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReviewScreen(ReportScreen):
    """Walk the findings of a document and approve or reject its segments."""

    HEADING, BUSY, TITLE_ID, TABLE_ID = "Review", "checking…", "review-title", "review-table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "jump", "Open in the editor", id="review_jump", show=True),
        Binding("a", "verdict('approved')", "Approve", id="review_approve", show=True),
        Binding("v", "verdict('reviewed')", "Mark reviewed", id="review_reviewed", show=True),
        Binding("r", "verdict('rejected')", "Reject (comment)", id="review_reject", show=True),
        Binding("c", "comment", "Comment", id="review_comment", show=True),
        Binding("f5", "refresh", "Check again", id="review_refresh", show=True),
        Binding("escape", "close", "Back", id="review_close", show=True),
    ]

    DEFAULT_CSS = """
    ReviewScreen { layout: vertical; }
    ReviewScreen #review-title { height: 1; padding: 0 1; text-style: bold; }
    ReviewScreen #review-table { height: 1fr; }
    ReviewScreen #review-detail { height: 9; border: round $panel-lighten-2; padding: 0 1; }
    """

    def __init__(self, document: Document, version: str = "working") -> None:
        super().__init__(document)
        self.version = version
        self.rows: list[FindingRow] = []
        self.by_key: dict[str, FindingRow] = {}

    def compose(self) -> ComposeResult:
        yield self.title_label()
        table: DataTable[Any] = DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="review-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("#", key="position", width=6)
        table.add_column("status", key="status", width=10)
        table.add_column("severity", key="severity", width=8)
        table.add_column("check", key="check", width=18)
        table.add_column("finding", key="message")
        self.query_one("#review-detail").border_title = "Segment"
        table.focus()
        self.action_refresh()

    # loading ---------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="review-load")
    def load(self) -> None:
        """Check the whole document on the second connection (worker)."""
        name, version = self.document.name, self.version

        def read(project: Project) -> Loaded:
            checks = project.check_document(name, version)
            statuses = {s.id: s.status for s in project.segments(name, 0, 1 << 62)}
            rows = finding_rows(checks, statuses)
            return Loaded(rows[:MAX_ROWS], len(rows), len({r.segment_id for r in rows}))

        self.run_report(read, lambda error: Loaded([], 0, 0, error))

    def on_loaded(self, message: Loaded) -> None:
        if not self.loaded(message.error):
            return
        self.rows = message.rows
        self.by_key = {r.key: r for r in message.rows}
        table = self.query_one(DataTable)
        table.clear()
        for row in message.rows:
            table.add_row(*self._cells(row), key=row.key)
        shown = "" if message.total <= len(message.rows) else f" (first {len(message.rows):,})"
        self.set_title(
            f"{message.total:,} findings{shown} in {message.segments:,} segments · "
            "Enter opens · A approve · V reviewed · R reject"
        )
        if message.rows:
            table.move_cursor(row=0)
            self._show_detail(message.rows[0])
        else:
            self.query_one("#review-detail", Static).update("No findings: nothing to review.")

    def _cells(self, row: FindingRow) -> tuple[Any, ...]:
        return (
            Text(str(row.position), justify="right"),
            row.status,
            Text(row.severity, style=SEVERITY_STYLE.get(row.severity, "")),
            row.check,
            inline_display(row.message, self.wb.reorders_arabic, self.wb.shaping),
        )

    # the selected row ------------------------------------------------------------------------

    def selected(self) -> FindingRow | None:
        """The finding under the cursor."""
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0 or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.by_key.get(str(key))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = self.by_key.get(str(event.row_key.value))
        if row is not None:
            self._show_detail(row)

    def _show_detail(self, row: FindingRow) -> None:
        app = self.wb
        detail = self.query_one("#review-detail", Static)
        detail.border_title = f"Segment {row.position} · {row.status}"
        english = Text(row.target or "(no English)", style="" if row.target else "dim italic")
        notes = app.service.read(lambda p: p.notes(row.segment_id))
        parts: list[Any] = [
            ArabicText(row.source, reorder=app.reorders_arabic, shaping=app.shaping), english
        ]
        if notes:
            last = notes[-1]
            parts.append(Text(f"{last['kind']} · {last['author']}: {last['text']}", style="dim"))
        detail.update(Group(*parts))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_jump()

    # actions ---------------------------------------------------------------------------------

    def action_verdict(self, verdict: str) -> None:
        """Approve, mark reviewed, or reject (asking for a comment) the selected segment."""
        row = self.selected()
        if row is None:
            return
        if verdict == "rejected":
            title = f"Reject segment {row.position}: why? (it goes back to draft)"
        else:
            word = "Approve" if verdict == "approved" else "Mark reviewed"
            title = f"{word} segment {row.position}: comment"

        def answered(comment: str | None) -> None:
            if comment is not None:
                self._store(row.segment_id, verdict, comment)

        self.app.push_screen(CommentScreen(title, required=verdict == "rejected"), answered)

    def action_comment(self) -> None:
        """Add a comment to the selected segment."""
        row = self.selected()
        if row is None:
            return

        def answered(comment: str | None) -> None:
            if comment:
                self._store(row.segment_id, "comment", comment)

        self.app.push_screen(
            CommentScreen(f"Comment on segment {row.position}", required=True), answered
        )

    def _store(self, segment_id: int, what: str, comment: str) -> None:
        def job(project: Project) -> Reviewed:
            if what == "comment":
                project.add_note(segment_id, comment)
                return Reviewed(segment_id, None, what)
            segment = project.review(segment_id, what, comment or None)
            return Reviewed(segment_id, segment.status, what)

        future = self.wb.service.write(job)

        def done(f: Future[Reviewed]) -> None:
            try:
                message = f.result()
            except Exception as exc:  # notified, never lost in the writer thread
                message = Reviewed(segment_id, None, what, describe_error(exc))
            if self.is_attached:
                self.post_message(message)

        future.add_done_callback(done)

    def on_reviewed(self, message: Reviewed) -> None:
        if message.error:
            self.wb.notify_error(message.error)
            return
        if message.status is not None:
            table = self.query_one(DataTable)
            for i, row in enumerate(self.rows):
                if row.segment_id == message.segment_id:
                    updated = replace(row, status=message.status)
                    self.rows[i] = updated
                    self.by_key[row.key] = updated
                    table.update_cell(row.key, "status", message.status)
            editor = self.wb.editor
            if editor is not None and editor.rows is not None:
                editor.rows.clear()  # the list shows the new status when we go back
                editor.segment_list.invalidate()
        current = self.selected()
        if current is not None:
            self._show_detail(current)
        done = {"approved": "approved", "reviewed": "marked reviewed",
                "rejected": "rejected (back to draft)", "comment": "commented"}[message.what]
        position = next((r.position for r in self.rows if r.segment_id == message.segment_id), "")
        self.notify(f"Segment {position} {done}.")
