"""What the reviewer and scores screens share: a full screen over one document whose table rows
name segments. The rows are computed in a worker (on the second connection, after the open edit
is saved); Enter opens the selected row's segment in the editor; Escape goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from rich.text import Text
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from workbench.tui.display import isolate
from workbench.tui.guard import KeepsAnswering
from workbench.tui.heap import forget_worker
from workbench.tui.service import describe_error
from workbench.tui.widgets.footer import FooterScreen

if TYPE_CHECKING:
    from workbench.project import Document, Project
    from workbench.tui.app import WorkbenchApp

M = TypeVar("M", bound=Message)


class ReportScreen(KeepsAnswering, FooterScreen, Screen[None]):
    """A document report: a title line, a table of rows that name segments, a worker to fill it.

    Subclasses set ``HEADING`` (the title's first word), ``BUSY`` (shown while the worker runs),
    ``TITLE_ID`` and ``TABLE_ID`` (the title label and the table that shows the loading state),
    and define ``load`` (the worker) and ``selected`` (the row under the cursor).
    """

    HEADING: ClassVar[str] = ""
    BUSY: ClassVar[str] = ""
    TITLE_ID: ClassVar[str] = ""
    TABLE_ID: ClassVar[str] = ""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document

    @property
    def wb(self) -> WorkbenchApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def title_label(self) -> Static:
        """The title line as it stands while the first load runs."""
        return Static(self.wb.bidi.text(self._title(self.BUSY), right_align_rtl=False),
                      id=self.TITLE_ID)

    def set_title(self, state: str) -> None:
        """Show ``state`` after the heading and the document's name (wrapped when long)."""
        self.query_one(f"#{self.TITLE_ID}", Static).update(
            self.wb.bidi.text(self._title(state), right_align_rtl=False)
        )

    def _title(self, state: str) -> Text:
        # the name isolated: an Arabic one would take the state's first number into its run
        return Text.assemble(f"{self.HEADING} · ", isolate(self.document.name), f" · {state}")

    # loading ---------------------------------------------------------------------------------

    def load(self) -> None:
        """Compute the rows (a worker of the subclass) and post them as a message.

        Each subclass defines it."""

    def run_report(self, job: Callable[[Project], M], failed: Callable[[str], M]) -> None:
        """Wait for the queued writes (the open edit was queued by :meth:`action_refresh`),
        run ``job`` on the second connection and post its message, or ``failed(error)`` when
        it raises (call from the worker thread, as its last step; a cancelled worker posts
        nothing)."""
        app = self.wb
        try:
            app.service.flush()
            message = app.service.background(job)
        except Exception as exc:  # shown on the screen and notified, never a crash
            message = failed(describe_error(exc))
        self.post_message(message)
        forget_worker()  # the executor's thread would keep this screen and its rows alive

    def loaded(self, error: str | None) -> bool:
        """End the loading state; show and notify ``error``. True when the rows can be shown."""
        table = self.query_one(f"#{self.TABLE_ID}", DataTable)
        table.loading = False
        table.focus()
        self.refresh_bindings()  # the footer left the table's keys out while it was loading
        if error:
            self.set_title(error)
            self.wb.notify_error(error)
            return False
        return True

    # the selected row ------------------------------------------------------------------------

    def selected(self) -> Any:
        """The row under the cursor (with a ``segment_id``), or None; each subclass defines it."""

    # actions ---------------------------------------------------------------------------------

    def action_jump(self) -> None:
        """Open the selected row's segment in the editor."""
        row = self.selected()
        if row is not None:
            self.wb.goto_segment(row.segment_id)

    def action_refresh(self) -> None:
        """Compute the rows again (after edits)."""
        self.set_title(self.BUSY)
        self.query_one(f"#{self.TABLE_ID}", DataTable).loading = True
        editor = self.wb.editor
        if editor is not None:
            editor.flush_edit()  # queued now, on the UI thread; the worker waits for it
        self.load()

    def action_close(self) -> None:
        """Back to the editor."""
        self.app.pop_screen()
