"""LQA in the TUI: the error form (an MQM category, a severity, the span of the English it
concerns, a comment) and the dialog that removes one of a segment's errors.

The form shows the segment's English *as stored* in a read-only text area whose selection is
the span (Shift+arrows; nothing selected: no span): the caller saves the open edit first, so
the span is over the English the service stores (``project.lqa.add_error(segment_id,
category, severity, span=(start, end) | None, comment=...)``). :func:`record_error` and
:func:`remove_error` queue the writes and call back on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    Button,
    Input,
    Label,
    OptionList,
    Select,
    TextArea,
)
from textual.widgets.option_list import Option

from workbench.lqa import CATEGORIES, SEVERITIES
from workbench.tui import keys
from workbench.tui.display import isolate
from workbench.tui.screens.prompts import Prompt, redraw_options
from workbench.tui.service import describe_error, refusals_in_list

if TYPE_CHECKING:
    from workbench.lqa import LqaError
    from workbench.tui.app import WorkbenchApp

DEFAULT_CATEGORY = "accuracy/mistranslation"
DEFAULT_SEVERITY = "minor"


@dataclass(frozen=True)
class LqaRequest:
    """An error to record on a segment."""

    category: str
    severity: str
    span: tuple[int, int] | None
    comment: str = ""
    english: str | None = None
    """The English the form showed (the error is refused when the stored one changed)."""


def category_options() -> list[tuple[str, str]]:
    """(label, id) of every MQM category, dimensions first in their groups."""
    return [
        (f"{cid} — {cat.name}" if "/" in cid else f"{cid.upper()} — {cat.name}", cid)
        for cid, cat in CATEGORIES.items()
    ]


def error_line(error: LqaError) -> Text:
    """One LQA error as the reviewer lists it: ``#3 major accuracy/omission "quote" — comment
    (by A) · outdated``."""
    quote = error.quote
    return Text.assemble(
        (f"#{error.id} ", "dim"), (f"{error.severity} ", "bold"), (error.category, "cyan"),
        *((' "', isolate(quote), '"') if quote else ()),
        *((" — ", isolate(error.comment)) if error.comment else ()),
        (f" (by {error.author})" if error.author else "", "dim"),
        (" · outdated: the English changed since" if error.outdated else "", "dim italic"),
    )


class LqaErrorScreen(Prompt):
    """Record an MQM error on one segment."""

    KEY_SCOPE = "lqa"
    BINDINGS = keys.bindings("lqa")

    DEFAULT_CSS = """
    LqaErrorScreen #lqa-english { height: 4; }
    LqaErrorScreen .lqa-row { height: auto; margin-top: 1; }
    LqaErrorScreen #lqa-category-col { width: 3fr; height: auto; margin-right: 2; }
    LqaErrorScreen #lqa-severity-col { width: 1fr; height: auto; }
    LqaErrorScreen .dialog-title { margin-bottom: 0; }
    """

    def __init__(
        self, position: int, english: str, span: tuple[int, int] | None = None
    ) -> None:
        super().__init__()
        self.position = position
        self.english = english
        self.span = span

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"LQA error · segment {self.position}", classes="dialog-title")
            yield Label("English (the selection is the span: Shift+arrows; none: no span)")
            yield TextArea(self.english, read_only=True, soft_wrap=True, id="lqa-english",
                           show_line_numbers=False, tab_behavior="focus")
            with Horizontal(classes="lqa-row"):
                with Vertical(id="lqa-category-col"):
                    yield Label("Category (MQM)")
                    yield Select(category_options(), value=DEFAULT_CATEGORY, allow_blank=False,
                                 compact=True, type_to_search=True, id="lqa-category")
                with Vertical(id="lqa-severity-col"):
                    yield Label("Severity")
                    yield Select([(s, s) for s in SEVERITIES], value=DEFAULT_SEVERITY,
                                 allow_blank=False, compact=True, id="lqa-severity")
            yield Label("Comment (optional)")
            yield Input(placeholder="comment", compact=True, id="lqa-comment")
            with Horizontal(classes="buttons"):
                yield Button("Record", variant="primary", compact=True, id="lqa-record")
                yield Button("Cancel", compact=True, id="lqa-cancel-button")
            yield self.hint("Tab: next field", "lqa_add", "lqa_cancel")

    def on_mount(self) -> None:
        """Show the span given (the editor's selection) and start at the category; without
        one, start in the English, where Shift+arrows select the span as the form says."""
        area = self.query_one(TextArea)
        if self.span is None:
            area.focus()
            return
        start, end = self.span
        location = area.document.get_location_from_index
        area.selection = area.selection.__class__(location(start), location(end))
        self.query_one("#lqa-category", Select).focus()

    def chosen(self) -> LqaRequest:
        """The error as filled in."""
        area = self.query_one(TextArea)
        start, end = sorted(area.selection)
        a = area.document.get_index_from_location(start)
        b = area.document.get_index_from_location(end)
        severity = str(self.query_one("#lqa-severity", Select).value)
        return LqaRequest(
            str(self.query_one("#lqa-category", Select).value),
            severity if severity in SEVERITIES else DEFAULT_SEVERITY,
            (a, b) if a < b else None,
            self.query_one(Input).value.strip(),
            self.english,
        )

    @on(Button.Pressed, "#lqa-record")
    @on(Input.Submitted, "#lqa-comment")
    def action_add(self) -> None:
        self.dismiss(self.chosen())

    @on(Button.Pressed, "#lqa-cancel-button")
    def action_cancel(self) -> None:
        self.dismiss(None)


class LqaRemoveScreen(Prompt):
    """Choose one of a segment's LQA errors to remove (Enter)."""

    KEY_SCOPE = "lqa_remove"
    BINDINGS = keys.bindings("lqa_remove")

    def __init__(self, position: int, errors: list[LqaError]) -> None:
        super().__init__()
        self.position = position
        self.errors = errors

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Remove an LQA error of segment {self.position}",
                        classes="dialog-title")
            yield OptionList(*[self._option(e) for e in self.errors], id="lqa-errors")
            yield self.hint("Enter: remove it (kept in the project, no longer counted)",
                            "lqa_remove_cancel")

    def _option(self, error: LqaError) -> Option:
        return Option(self.bidi.line(error_line(error)), id=str(error.id))

    def apply_display(self) -> None:
        """Draw the errors again with the app's display settings (F7, F8)."""
        redraw_options(self.query_one(OptionList), [self._option(e) for e in self.errors])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#lqa-errors")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _queue(
    app: WorkbenchApp, job: Callable[[Any], Any], done: Callable[[Any, str | None], None]
) -> None:
    """Queue ``job`` on the writer thread; ``done(result, error)`` on the UI thread (a
    refusal names segments by their numbers in the list)."""
    editor = app.editor
    shown = editor.rows.shown() if editor is not None and editor.rows is not None else None
    future = app.service.write(
        refusals_in_list(job, keys.key_name(app.keymap(), "unlock"), shown)
    )

    def finished(f: Future[Any]) -> None:
        try:
            result, error = f.result(), None
        except Exception as exc:  # said, never lost in the writer thread
            result, error = None, describe_error(exc)
        app.call_later(done, result, error)  # thread-safe; never blocks the writer

    future.add_done_callback(finished)


def holder_english(project: Any, segment_id: int) -> tuple[int, str] | None:
    """The id and English of the segment holding a joined segment's English (an error on
    the joined segment is recorded there), or None when ``segment_id`` is not joined."""
    holder = project.lqa.joined_holder(segment_id)
    return None if holder is None else (holder, project.segment(holder).target)


def joined_notice(position: int, holder_position: int) -> str:
    """The line saying an error on a joined segment goes to its English's segment."""
    return (f"Segment {position} is joined to segment {holder_position}, whose English "
            f"translates it: the error is recorded on segment {holder_position}.")


def record_error(
    app: WorkbenchApp, segment_id: int, request: LqaRequest,
    done: Callable[[LqaError | None, str | None], None],
) -> None:
    """Store ``request`` as an LQA error of ``segment_id`` (refused when its English is no
    longer the one the form showed); ``done(error, message)`` after."""
    _queue(app, lambda p: p.lqa.add_error(
        segment_id, request.category, request.severity, span=request.span,
        comment=request.comment, on_text=request.english,
    ), done)


def remove_error(
    app: WorkbenchApp, error_id: int, done: Callable[[LqaError | None, str | None], None]
) -> None:
    """Remove LQA error ``error_id``; ``done(error, message)`` after."""
    _queue(app, lambda p: p.lqa.remove_error(error_id), done)
