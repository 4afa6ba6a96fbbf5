"""What the export, import, find-and-replace and batch dialogs share: one job run in a worker, a
progress bar while it runs, a status line that says why it failed (the dialog stays open), Run
and Cancel buttons. In a ``STOPPABLE`` dialog Cancel stops the job under way (its transaction
rolls back: the service's ``background(..., cancel=dialog.stop_event)``)."""

from __future__ import annotations

import shlex
import threading
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Label, ProgressBar

from workbench.tui.display import isolate_quoted
from workbench.tui.guard import KeepsAnswering
from workbench.tui.widgets.title import DialogTitle

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp

R = TypeVar("R")


def typed_path(raw: str) -> Path:
    """The path typed in the export or import dialog, ``~`` the home folder (``~user`` that
    user's); a ``~user`` the system does not know stays as typed (then said missing, never a
    crash). A file dropped on the terminal, pasted as a shell word, is read without its
    quotes or escapes (see :func:`_shell_word`)."""
    try:
        path = Path(raw if Path(raw).exists() else _shell_word(raw))
    except OSError:  # a name too long: said by the dialog
        path = Path(raw)
    try:
        return path.expanduser()
    except RuntimeError:  # no such user: "Could not determine home directory"
        return path


def _shell_word(raw: str) -> str:
    """``raw`` without the quoting of a file dropped on a terminal — in quotes (GNOME
    Terminal, Konsole: ``'/home/me/My draft.txt'``) or with its spaces escaped (iTerm2:
    ``My\\ draft.txt``) — when it is one such word; else as typed (``it's.txt``)."""
    if not raw.startswith(("'", '"')) and "\\ " not in raw:
        return raw
    try:
        words = shlex.split(raw)
    except ValueError:  # an unbalanced quote: a name holding one
        return raw
    return words[0] if len(words) == 1 else raw


class JobDialog(KeepsAnswering, ModalScreen[R]):
    """A dialog that runs one job. Its widgets' ids start with ``PREFIX``: ``-progress``,
    ``-status``, ``-run`` and ``-cancel`` (yielded by :meth:`job_controls`)."""

    PREFIX: ClassVar[str] = ""
    STOPPABLE: ClassVar[bool] = False
    """True when Cancel stops the job under way (else it finishes in the background)."""

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self.stop_event = threading.Event()
        self._status: str | Text = ""  # the status line as said, drawn again by apply_display

    @property
    def wb(self) -> WorkbenchApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def dialog_title(self) -> str | Text:
        """The dialog's title, in logical order (a document's name in it isolated)."""
        return ""

    def title_label(self) -> DialogTitle:
        """The title line (for ``compose``), drawn with the app's display settings."""
        return DialogTitle(self.dialog_title(), id=f"{self.PREFIX}-title")

    def apply_display(self) -> None:
        """Draw the title, the status line and what :meth:`redraw` draws again with the app's
        display settings (F7, F8): they kept the old order while the editor behind changed."""
        self.query_one(f"#{self.PREFIX}-title", DialogTitle).show(self.dialog_title())
        self._show_status()
        self.redraw()

    def redraw(self) -> None:
        """Draw again the dialog's own text that may hold Arabic (none here)."""

    def job_controls(
        self, run_label: str, help_text: str, extra: tuple[Button, ...] = (),
        cancel_label: str = "Cancel",
    ) -> ComposeResult:
        """The progress bar, the status line, the buttons (``extra`` ones first) and the help
        line (for ``compose``)."""
        yield ProgressBar(total=None, show_eta=False, id=f"{self.PREFIX}-progress")
        yield Label("", id=f"{self.PREFIX}-status")
        with Horizontal(classes="buttons"):
            yield from extra
            yield Button(run_label, variant="primary", compact=True, id=f"{self.PREFIX}-run")
            yield Button(cancel_label, compact=True, id=f"{self.PREFIX}-cancel")
        yield Label(help_text, classes="dialog-help")

    def on_mount(self) -> None:
        self._progress.display = False

    @property
    def _progress(self) -> ProgressBar:
        return self.query_one(f"#{self.PREFIX}-progress", ProgressBar)

    def set_status(self, text: str | Text) -> None:
        """Show ``text`` on the status line."""
        self._status = text
        self._show_status()

    def _show_status(self) -> None:
        self.query_one(f"#{self.PREFIX}-status", Label).update(
            self.wb.bidi.text(isolate_quoted(self._status), right_align_rtl=False)
        )

    def job_started(self, status: str | Text) -> None:
        """Show the job as running (the caller starts the worker)."""
        self.running = True
        self.stop_event = threading.Event()
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

    def job_paused(self, status: str | Text) -> None:
        """Show the job as waiting for an answer (or ended without error): not running."""
        self.running = False
        self._progress.display = False
        self.query_one(f"#{self.PREFIX}-run", Button).disabled = False
        self.set_status(status)

    def job_stopped(self, what: str) -> None:
        """The job was stopped on request: nothing of it remains. Say so and close."""
        self.running = False
        self.notify(f"{what} cancelled: nothing was changed.", severity="warning")
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == f"{self.PREFIX}-cancel":
            self.action_cancel()

    def action_cancel(self) -> None:
        """Close the dialog. A job under way is stopped in a ``STOPPABLE`` dialog (a second
        Cancel closes at once); otherwise it finishes in the background."""
        if self.STOPPABLE and self.running and not self.stop_event.is_set():
            self.stop_event.set()
            self.set_status("Stopping… nothing of it will remain.")
            return
        self.dismiss(None)
