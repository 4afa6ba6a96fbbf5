"""Find and replace in the English of a document (Shift+F2): find, replace, options (regular
expression, match case, whole words, only the segments of the editor's view), a preview of every
change (segment number, before → after, the replacements highlighted; locked segments listed as
skipped), then one change that Ctrl+F9 undoes at once.

The preview is the service's ``find_replace(..., dry_run=True)`` and the replacement the same call
without it, both in a worker on the second connection; Cancel stops either (nothing remains).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Static

from workbench.errors import WorkbenchError
from workbench.project.batch import compile_pattern, replaceable
from workbench.tui import keys
from workbench.tui.display import isolate
from workbench.tui.screens.job_dialog import JobDialog
from workbench.tui.service import BackgroundCancelled, describe_error
from workbench.wording import plural

if TYPE_CHECKING:
    from workbench.project import Document, Project
    from workbench.project.batch import Replacement, ReplaceReport

MAX_PREVIEW = 200
"""Segments drawn in the preview (all of them are replaced; the count says how many)."""
BEFORE_STYLE = "bold red strike"
AFTER_STYLE = "bold black on green"
ERROR_STYLE = "bold red"


@dataclass(frozen=True)
class ReplaceQuery:
    """What to replace, as filled in."""

    find: str
    replacement: str
    regex: bool = False
    case_sensitive: bool = False
    whole_word: bool = False
    in_view: bool = False


@dataclass
class ReplaceDone(Message):
    """A preview (dry run) or a replacement finished, failed or was stopped."""

    query: ReplaceQuery
    report: ReplaceReport | None
    error: str | None = None
    stopped: bool = False


def change_lines(change: Replacement, query: ReplaceQuery) -> Text:
    """One change of the preview: its number, the English before (matches struck out) and
    after (replacements highlighted), and the QA errors the replacement brings."""
    before = Text(change.before)
    try:
        pattern = compile_pattern(query.find, regex=query.regex,
                                  case_sensitive=query.case_sensitive,
                                  whole_word=query.whole_word)
    except WorkbenchError:
        pattern = None
    if pattern is not None:
        for match in replaceable(pattern, change.before):
            before.stylize(BEFORE_STYLE, match.start(), match.end())
    after = Text(change.after)
    for start, end in change.spans:
        after.stylize(AFTER_STYLE, start, end)
    number = f"{change.position:>6} "
    lines = Text.assemble((number, "bold"), ("− ", "red"), before, "\n",
                          " " * len(number), ("+ ", "green"), after)
    for error in change.new_errors:  # what the replacement breaks (a forbidden rendering...)
        lines.append_text(Text.assemble("\n", " " * len(number), ("✗ " + error, ERROR_STYLE)))
    return lines


def summary(report: ReplaceReport, done: bool = False) -> str:
    """``12 occurrences in 8 segments will be replaced; 2 locked segments skipped (3, 7)``."""
    verb = "replaced" if done else "will be replaced"
    if report.changes:
        line = (f"{plural(report.occurrences, 'occurrence')} in "
                f"{plural(len(report.changes), 'segment')} {verb}")
    else:
        line = "Nothing to replace"
    broken = sum(1 for c in report.changes if c.new_errors)
    if broken:
        line += f"; {plural(broken, 'segment')} {'got' if done else 'would get'} QA errors (✗)"
    if report.locked:  # named by their numbers in the list, as the preview's changes
        shown = ", ".join(str(i) for i in report.locked_positions[:10])
        more = ", …" if len(report.locked) > 10 else ""
        line += (f"; {plural(len(report.locked), 'locked segment')} skipped ({shown}{more}; "
                 "unlock them to change them)")
    return line


class ReplaceScreen(JobDialog["ReplaceReport | None"]):
    """Find and replace in the English of a document, with a preview."""

    PREFIX = "replace"
    STOPPABLE = True
    KEY_SCOPE = "replace"
    BINDINGS = keys.bindings("replace")

    DEFAULT_CSS = """
    ReplaceScreen #replace-dialog { width: 110; height: 95%; }
    ReplaceScreen .replace-row { height: 1; }
    ReplaceScreen .replace-row Static { width: 9; }
    ReplaceScreen .replace-row Input { width: 1fr; }
    ReplaceScreen #replace-options { height: auto; margin-top: 1; }
    ReplaceScreen #replace-options Checkbox { margin-right: 2; }
    ReplaceScreen #replace-preview { height: 1fr; min-height: 3; border: round $panel-lighten-2;
                                     margin-top: 1; }
    """

    def __init__(
        self, document: Document, view_ids: list[int] | None = None, view: Text | str = ""
    ) -> None:
        super().__init__()
        self.document = document
        self.view_ids = view_ids
        self.view = view
        self.preview: ReplaceReport | None = None
        self.previewed: ReplaceQuery | None = None
        self.applying = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="replace-dialog"):
            yield self.title_label()
            with Horizontal(classes="replace-row"):
                yield Static("Find")
                yield Input(placeholder="text (or a regular expression)", compact=True,
                            id="replace-find")
            with Horizontal(classes="replace-row"):
                yield Static("Replace")
                yield Input(placeholder="replacement (\\1 for a group of a regular expression)",
                            compact=True, id="replace-with")
            with Horizontal(id="replace-options"):
                yield Checkbox("regular expression", compact=True, id="replace-regex")
                yield Checkbox("match case", compact=True, id="replace-case")
                yield Checkbox("whole words", compact=True, id="replace-word")
            if self.view_ids is not None:  # a line of its own: beside them, cut at 80 columns
                yield Checkbox(f"only the {len(self.view_ids):,} segments of the view",
                               True, compact=True, id="replace-view")
            with VerticalScroll(id="replace-preview"):
                yield Static("Type what to find and press Enter for a preview of every change.",
                             id="replace-preview-text")
            yield from self.job_controls(
                "Replace",
                keys.hint(self.wb.keymap(), "Enter: preview", "replace_apply",
                          "replace_cancel"),
                extra=(Button("Preview", compact=True, id="replace-preview-button"),),
            )

    def dialog_title(self) -> Text:
        """What the dialog replaces in: the document's name isolated."""
        return Text.assemble("Find and replace in the English · ", isolate(self.document.name))

    def redraw(self) -> None:
        """Draw the preview shown again (F7, F8), where it is scrolled to."""
        if self.preview is not None and self.previewed is not None:
            self._preview_body(self.preview, self.previewed)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#replace-preview").border_title = "Preview"
        self.query_one("#replace-find", Input).focus()

    def query_values(self) -> ReplaceQuery:
        """The search as filled in now."""
        in_view = bool(self.view_ids is not None
                       and self.query_one("#replace-view", Checkbox).value)
        return ReplaceQuery(
            self.query_one("#replace-find", Input).value,
            self.query_one("#replace-with", Input).value,
            self.query_one("#replace-regex", Checkbox).value,
            self.query_one("#replace-case", Checkbox).value,
            self.query_one("#replace-word", Checkbox).value,
            in_view,
        )

    # preview ---------------------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#replace-preview-button")
    def action_preview(self) -> None:
        """Show every change the replacement would make (a dry run)."""
        if self.running:
            return
        query = self.query_values()
        if not query.find:
            self.set_status("✗ Type what to find.")
            self.query_one("#replace-find", Input).focus()
            return
        self.applying = False
        self.job_started("Looking for every occurrence…")
        self.run_replace(query, dry_run=True)

    @on(Button.Pressed, "#replace-run")
    def action_apply(self) -> None:
        """Replace as previewed (one change); without a preview of these settings, preview."""
        if self.running:
            return
        query = self.query_values()
        if self.preview is None or self.previewed != query:
            self.action_preview()
            return
        if not self.preview.changes:
            self.set_status("Nothing to replace: change the search.")
            return
        self.applying = True
        self.job_started(f"Replacing in {plural(len(self.preview.changes), 'segment')}…")
        self.run_replace(query, dry_run=False)

    @work(thread=True, exclusive=True, group="replace")
    def run_replace(self, query: ReplaceQuery, dry_run: bool) -> None:
        """The dry run or the replacement on the second connection (worker)."""
        name = self.document.name
        ids = self.view_ids if query.in_view else None

        def job(project: Project) -> ReplaceReport:
            return project.find_replace(
                name, query.find, query.replacement, regex=query.regex,
                case_sensitive=query.case_sensitive, whole_word=query.whole_word, ids=ids,
                dry_run=dry_run,
            )

        try:
            self.wb.service.flush()
            report = self.wb.service.background(job, write=not dry_run, cancel=self.stop_event)
        except BackgroundCancelled:
            self.post_message(ReplaceDone(query, None, stopped=True))
            return
        except Exception as exc:  # shown in the dialog and notified, never a crash
            self.post_message(ReplaceDone(query, None, describe_error(exc)))
            return
        self.post_message(ReplaceDone(query, report))

    def on_replace_done(self, message: ReplaceDone) -> None:
        if message.stopped:
            self.job_stopped("Replacement" if self.applying else "Preview")
            return
        report = message.report
        if not self.job_finished(message.error) or report is None:
            return
        self._progress.display = False  # the room goes to the preview
        if not report.dry_run:
            said = summary(report, done=True) + "."
            if report.group_id is not None:
                said += " " + self.wb.undo_hint("it")
            self.notify(said, timeout=15)
            self.dismiss(report)
            return
        self.preview, self.previewed = report, message.query
        self._show_preview(report, message.query)

    def _show_preview(self, report: ReplaceReport, query: ReplaceQuery) -> None:
        self._preview_body(report, query)
        self.query_one("#replace-preview", VerticalScroll).scroll_home(animate=False)
        hint = keys.key_name(self.wb.keymap(), "replace_apply")
        tail = f" · {hint}: replace" if report.changes else ""
        self.set_status(summary(report) + tail)

    def _preview_body(self, report: ReplaceReport, query: ReplaceQuery) -> None:
        bidi = self.wb.bidi
        parts = [change_lines(c, query) for c in report.changes[:MAX_PREVIEW]]
        more = len(report.changes) - MAX_PREVIEW
        if more > 0:
            parts.append(Text(f"… and {plural(more, 'more segment')} (all are replaced)",
                              style="dim"))
        body = Text("\n").join(parts) if parts else Text("No occurrence.", style="dim")
        self.query_one("#replace-preview-text", Static).update(
            bidi.text(body, right_align_rtl=False)
        )
