"""Batch work on the segments of a view (Shift+F4 in the editor; Shift+A / Shift+V in the
reviewer): confirm them through the QA policy, mark them reviewed, or approve them (which locks
them). Each run is one change that Ctrl+F9 undoes at once.

The dialog first reads the view's rows in a worker and says what each action would take
("14 drafts can be confirmed · 7 skipped: 3 empty, 4 confirmed or further"). Confirming goes
through ``project.confirm_many``: segments with open QA errors are listed as blocked, and one
override reason given for all of them confirms them in a second run. Reviews go through
``project.review_many``. Cancel stops a run under way (nothing of it remains).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from workbench.tui import keys
from workbench.tui.screens.job_dialog import JobDialog
from workbench.tui.service import BackgroundCancelled, describe_error

if TYPE_CHECKING:
    from workbench.project import Document, Project
    from workbench.project.batch import BatchReport
    from workbench.project.views import ListRow

ACTIONS = ("confirm", "reviewed", "approved")
ACTION_LABEL = {
    "confirm": "Confirm (QA checks)",
    "reviewed": "Mark reviewed",
    "approved": "Approve (locks)",
}
DONE_WORD = {"confirm": "Confirmed", "reviewed": "Marked reviewed", "approved": "Approved"}
TAKES = {
    "confirm": ("new", "draft"),
    "reviewed": ("translated",),
    "approved": ("translated", "reviewed"),
}
"""The statuses each action takes (with English); the others are skipped and counted."""
SKIP_WORD = {
    "confirm": "confirmed or further",
    "reviewed": "not confirmed yet, or reviewed or approved already",
    "approved": "not confirmed yet, or approved already",
}
PAGE = 500
MAX_BLOCKED_SHOWN = 200


@dataclass(frozen=True)
class RowState:
    """What the dialog needs of one segment of the view."""

    id: int
    position: int
    status: str
    has_text: bool
    locked: bool
    joined: bool = False  # no English of its own: its link's is on another segment


@dataclass
class Planned(Message):
    """The view's rows were read (or could not be)."""

    rows: list[RowState]
    error: str | None = None


@dataclass
class BatchDone(Message):
    """A run finished, failed or was stopped."""

    action: str
    report: BatchReport | None
    error: str | None = None
    stopped: bool = False


@dataclass
class Plan:
    """The segments one action takes, and those it skips (with why)."""

    action: str
    ids: list[int] = field(default_factory=list)
    empty: int = 0
    other: int = 0
    locked: int = 0
    joined: int = 0

    def describe(self) -> str:
        """``14 segments can be confirmed · 7 skipped: 3 empty, 4 confirmed or further``."""
        verb = {"confirm": "confirmed", "reviewed": "marked reviewed",
                "approved": "approved"}[self.action]
        n = len(self.ids)
        line = f"{n:,}" if n else "No"
        line += f" segment{'' if n == 1 else 's'} can be {verb}"
        skipped = [f"{n:,} {why}" for n, why in (
            (self.empty, "empty"), (self.joined, "joined (their English is on another segment)"),
            (self.locked, "locked"), (self.other, SKIP_WORD[self.action])
        ) if n]
        if skipped:
            count = self.empty + self.joined + self.other + self.locked
            line += f" · {count:,} skipped: " + ", ".join(skipped)
        return line


def plan(action: str, rows: list[RowState]) -> Plan:
    """Which of ``rows`` ``action`` takes: those with English whose status it takes."""
    out = Plan(action)
    for row in rows:
        if row.joined:
            out.joined += 1
        elif not row.has_text:
            out.empty += 1
        elif row.locked and action != "approved":
            out.locked += 1
        elif row.status in TAKES[action] and not row.locked:
            out.ids.append(row.id)
        else:
            out.other += 1
    return out


def row_states(rows: list[ListRow]) -> list[RowState]:
    """The dialog's view of list rows."""
    return [RowState(r.id, r.position, r.status, bool(r.target.strip()), r.locked,
                     r.english_elsewhere) for r in rows]


class BatchScreen(JobDialog[bool]):
    """Confirm, mark reviewed or approve the segments of a view; True when it changed any."""

    PREFIX = "batch"
    STOPPABLE = True
    KEY_SCOPE = "batch"
    BINDINGS = keys.bindings("batch")

    DEFAULT_CSS = """
    BatchScreen #batch-dialog { width: 100; height: 90%; }
    BatchScreen #batch-action { width: 100%; layout: horizontal; margin-bottom: 1; }
    BatchScreen #batch-action RadioButton { width: auto; margin-right: 2; }
    BatchScreen.-narrow #batch-action { layout: vertical; }
    BatchScreen #batch-results { height: 1fr; min-height: 3; border: round $panel-lighten-2; }
    """

    def __init__(
        self, document: Document, ids: list[int], view: Text | str = "",
        action: str | None = None,
    ) -> None:
        super().__init__()
        self.document = document
        self.ids = ids
        self.view = view
        self.action = action if action in ACTIONS else "confirm"
        self.rows: list[RowState] = []
        self.blocked: list[int] = []  # confirmations blocked by QA errors: a reason confirms
        self.changed = False
        self.positions: dict[int, int] = {}
        self._results: tuple[str, BatchReport] | None = None  # shown; drawn again on F7

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="batch-dialog"):
            yield self.title_label()
            with RadioSet(id="batch-action", compact=True):
                for action in ACTIONS:
                    yield RadioButton(ACTION_LABEL[action], action == self.action,
                                      compact=True, id=f"batch-{action}")
            yield Label("Reading the view…", id="batch-plan")
            yield Label("", id="batch-reason-label")
            yield Input(compact=True, id="batch-reason")
            with VerticalScroll(id="batch-results"):
                yield Static("", id="batch-results-text")
            yield from self.job_controls(
                "Run", keys.hint(self.wb.keymap(), "Tab: next field", "batch_run",
                                 "batch_cancel"),
                cancel_label="Close",
            )

    def dialog_title(self) -> Text:
        """The view's segments the batch works on (the view's search isolated)."""
        return Text.assemble(f"Batch · the {len(self.ids):,} segments of the view (",
                             self.view, ")")

    def redraw(self) -> None:
        """Draw the results shown again (F7, F8)."""
        if self._results is not None:
            self._results_body(*self._results)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#batch-results").border_title = "Results"
        self._show_action()
        self.query_one(RadioSet).focus()
        self.load_rows()

    # the view's rows -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="batch-plan")
    def load_rows(self) -> None:
        """Read the status and English of the view's segments (worker, second connection)."""
        document, ids = self.document, self.ids

        def read(project: Project) -> Planned:
            rows: list[ListRow] = []
            for start in range(0, len(ids), PAGE):
                rows.extend(project.list_rows(document, ids[start:start + PAGE]))
            return Planned(row_states(rows))

        try:
            self.wb.service.flush()
            message = self.wb.service.background(read)
        except Exception as exc:  # shown, never a crash
            message = Planned([], describe_error(exc))
        self.post_message(message)

    def on_planned(self, message: Planned) -> None:
        if message.error:
            self.set_status(f"✗ {message.error}")
            self.wb.notify_error(message.error)
            return
        self.rows = message.rows
        self.positions = {r.id: r.position for r in self.rows}
        self._show_action()

    # the action ------------------------------------------------------------------------------

    @on(RadioSet.Changed, "#batch-action")
    def _action_changed(self, event: RadioSet.Changed) -> None:
        pressed = event.radio_set.pressed_button
        if pressed is not None and pressed.id:
            self.action = pressed.id.removeprefix("batch-")
            self.blocked = []
            self._show_action()

    def current_plan(self) -> Plan:
        """What the chosen action takes now."""
        return plan(self.action, self.rows)

    def _show_action(self) -> None:
        label = self.query_one("#batch-reason-label", Label)
        reason = self.query_one("#batch-reason", Input)
        if self.action == "confirm":
            label.update("Override reason for QA errors (optional; kept with each finding):")
            reason.placeholder = "reason (empty: segments with errors are listed, not confirmed)"
        else:
            label.update("Comment (optional; kept as a note of each segment):")
            reason.placeholder = "comment"
        run = self.query_one("#batch-run", Button)
        if self.blocked:
            self.query_one("#batch-plan", Label).update(
                f"{len(self.blocked):,} blocked by QA errors: give one reason to confirm them "
                "anyway.")
            run.label = f"Confirm the {len(self.blocked):,} blocked"
            run.refresh(layout=True)
            return
        run.label = "Run"
        run.refresh(layout=True)
        if self.rows or not self.ids:
            self.query_one("#batch-plan", Label).update(self.current_plan().describe())

    # running ---------------------------------------------------------------------------------

    @on(Input.Submitted, "#batch-reason")
    @on(Button.Pressed, "#batch-run")
    def action_run(self) -> None:
        """Run the chosen action on the segments it takes (or confirm the blocked ones with
        the reason given)."""
        if self.running:
            return
        reason = self.query_one("#batch-reason", Input).value.strip()
        if self.blocked:
            if not reason:
                self.set_status("✗ Give the reason first (it is kept as an override of each "
                                "finding), or Escape to close.")
                self.query_one("#batch-reason", Input).focus()
                return
            ids = list(self.blocked)
        else:
            ids = self.current_plan().ids
        if not ids:
            self.set_status("Nothing to do: no segment of the view can take this action.")
            return
        self.job_started(f"{ACTION_LABEL[self.action].split(' (')[0]}: {len(ids):,} "
                         "segments…")
        self.run_batch(self.action, ids, reason or None)

    @work(thread=True, exclusive=True, group="batch")
    def run_batch(self, action: str, ids: list[int], reason: str | None) -> None:
        """Confirm or review ``ids`` as one change (worker, second connection)."""
        def job(project: Project) -> BatchReport:
            if action == "confirm":
                return project.confirm_many(ids, reason)
            return project.review_many(ids, action, reason)

        try:
            self.wb.service.flush()
            report = self.wb.service.background(job, write=True, cancel=self.stop_event)
        except BackgroundCancelled:
            self.post_message(BatchDone(action, None, stopped=True))
            return
        except Exception as exc:  # shown in the dialog and notified, never a crash
            self.post_message(BatchDone(action, None, describe_error(exc)))
            return
        self.post_message(BatchDone(action, report))

    def on_batch_done(self, message: BatchDone) -> None:
        if message.stopped:
            self.running = False
            self.notify("Batch cancelled: nothing was changed.", severity="warning")
            self.dismiss(self.changed)
            return
        report = message.report
        if not self.job_finished(message.error) or report is None:
            return
        self._progress.display = False  # the room goes to the results
        done = len(report.done)
        if done:
            self.changed = True
            said = f"{DONE_WORD[message.action]} {done:,} segment{'' if done == 1 else 's'}."
            self.notify(f"{said} {self.wb.undo_hint('it')}", timeout=12)
        qa = list(report.by_findings)
        self.blocked = qa if message.action == "confirm" else []
        self._show_results(message.action, report)
        if self.blocked:
            self.query_one("#batch-reason", Input).value = ""
            self.query_one("#batch-reason", Input).focus()
        self._show_action()
        self.load_rows()  # statuses changed: what each action takes now

    def _show_results(self, action: str, report: BatchReport) -> None:
        self._results = (action, report)
        self._results_body(action, report)
        done = len(report.done)
        status = f"{DONE_WORD[action]} {done:,}"
        if done:
            key = keys.key_name(self.wb.keymap(), "undo_change")
            status += f" (one change: {key} undoes it)"
        if self.blocked:
            status += f" · {len(self.blocked):,} blocked by QA errors: give one reason and run " \
                      "again to confirm them anyway"
        self.set_status(status)

    def _results_body(self, action: str, report: BatchReport) -> None:
        done = len(report.done)
        lines = [Text(f"{DONE_WORD[action]}: {done:,}. Left as they were: "
                      f"{len(report.blocked):,}.", style="bold")]
        for sid, why in list(report.blocked.items())[:MAX_BLOCKED_SHOWN]:
            number = self.positions.get(sid, sid)
            lines.append(Text.assemble((f"{number:>6} ", "bold"), ("✗ ", "red"),
                                       "; ".join(why)))
        if len(report.blocked) > MAX_BLOCKED_SHOWN:
            lines.append(Text(f"… and {len(report.blocked) - MAX_BLOCKED_SHOWN:,} more",
                              style="dim"))
        self.query_one("#batch-results-text", Static).update(
            self.wb.bidi.text(Text("\n").join(lines), right_align_rtl=False)
        )

    def action_cancel(self) -> None:
        """Close (a run under way is stopped first)."""
        if self.STOPPABLE and self.running and not self.stop_event.is_set():
            super().action_cancel()
            return
        self.dismiss(self.changed)

