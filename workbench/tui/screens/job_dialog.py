"""What the export and import dialogs share: one job run in a worker, a progress bar while it
runs, a status line that says why it failed (the dialog stays open), Run and Cancel buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Label, ProgressBar

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp

R = TypeVar("R")


class JobDialog(ModalScreen[R]):
    """A dialog that runs one job. Its widgets' ids start with ``PREFIX``: ``-progress``,
    ``-status``, ``-run`` and ``-cancel`` (yielded by :meth:`job_controls`)."""

    PREFIX: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__()
        self.running = False

    @property
    def wb(self) -> WorkbenchApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def job_controls(self, run_label: str, help_text: str) -> ComposeResult:
        """The progress bar, the status line, the buttons and the help line (for ``compose``)."""
        yield ProgressBar(total=None, show_eta=False, id=f"{self.PREFIX}-progress")
        yield Label("", id=f"{self.PREFIX}-status")
        with Horizontal(classes="buttons"):
            yield Button(run_label, variant="primary", compact=True, id=f"{self.PREFIX}-run")
            yield Button("Cancel", compact=True, id=f"{self.PREFIX}-cancel")
        yield Label(help_text, classes="dialog-help")

    def on_mount(self) -> None:
        self._progress.display = False

    @property
    def _progress(self) -> ProgressBar:
        return self.query_one(f"#{self.PREFIX}-progress", ProgressBar)

    def set_status(self, text: str) -> None:
        """Show ``text`` on the status line."""
        self.query_one(f"#{self.PREFIX}-status", Label).update(
            self.wb.bidi.text(text, right_align_rtl=False)
        )

    def job_started(self, status: str) -> None:
        """Show the job as running (the caller starts the worker)."""
        self.running = True
        self._progress.display = True
        self._progress.update(total=None, progress=0)
        self.set_status(status)
        self.query_one(f"#{self.PREFIX}-run", Button).disabled = True

    def job_finished(self, error: str | None) -> bool:
        """Show the job as ended: failed with ``error`` (shown and notified; the dialog stays)
        or done (the caller dismisses the dialog). True when it succeeded."""
        self.running = False
        self.query_one(f"#{self.PREFIX}-run", Button).disabled = False
        if error:
            self._progress.display = False
            self.set_status(f"✗ {error}")
            self.wb.notify_error(error)
            return False
        self._progress.update(total=1, progress=1)
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == f"{self.PREFIX}-cancel":
            self.action_cancel()

    def action_cancel(self) -> None:
        """Close the dialog (a job under way finishes in the background)."""
        self.dismiss(None)
