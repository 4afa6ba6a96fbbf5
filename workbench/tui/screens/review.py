"""The reviewer screen: every segment of a document, one per row, with its QA findings; approve,
mark reviewed or reject any of them, clean ones included.

The rows come from ``project.check_document`` and ``project.segments`` (run in a worker on the
second connection). The list can be narrowed by status and to the segments with findings or
the clean ones (``f`` cycles all / with findings / clean; F4 opens the filter dialog). Enter
opens the segment in the editor. A approves, V marks reviewed, R rejects (a comment is required;
the segment goes back to draft), C adds a comment. Verdicts and comments are stored through
``project.review_one`` / ``project.add_note`` and land in the history; a verdict is a change of
its own, as ``workbench review ID`` records it (``changes`` lists it, Shift+F9 undoes it).
Shift+A approves and Shift+V marks reviewed every segment of the view at once (the batch
dialog, one undoable change).

LQA: E opens the error form for the selected segment (an MQM category, a severity, the span of
its English, a comment: ``project.lqa.add_error``); the segment's LQA errors are listed in the
detail, and D removes one of them (``project.lqa.remove_error``). The detail scrolls: Tab
moves into it (arrows, Page Up/Down, Home/End), Shift+Tab back to the list.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Static,
)

from workbench.config import config_path
from workbench.errors import ConnectionLostError, NotFoundError, ProjectError, WorkbenchError
from workbench.spelling.british import british_hint
from workbench.statuses import STATUSES
from workbench.tui import keys
from workbench.tui.display import BidiDisplay, finding_text, isolate, term_text
from workbench.tui.heap import forget_worker
from workbench.tui.screens.batch import BatchScreen
from workbench.tui.screens.history import HistoryScreen
from workbench.tui.screens.lqa import (
    LqaErrorScreen,
    LqaRemoveScreen,
    LqaRequest,
    error_line,
    holder_english,
    joined_notice,
    record_error,
    remove_error,
)
from workbench.tui.screens.prompts import Prompt
from workbench.tui.screens.report import ReportScreen
from workbench.tui.service import describe_error, describe_in_list
from workbench.tui.widgets.footer import FittedFooter
from workbench.tui.widgets.panels import SEVERITY_MARK, SEVERITY_STYLE

if TYPE_CHECKING:
    from workbench.project import Document, Project
    from workbench.store.live import Change
    from workbench.tui.app import WorkbenchApp

PAGE = 500  # segment ids read at once (a statement's parameters are bounded)
MAX_ROWS = 5000
"""The reviewer table holds at most this many segments of the view (the first, in document
order); narrow the view with the filters to reach the others."""

FINDINGS_WIDTH = 13  # the findings column: '✓ 12 accepted', '3✗ 12! 1·'
TEXT_COLUMN_OFFSET = 6 + 10 + FINDINGS_WIDTH + 4 * 2 + 2
"""The '#', status and findings columns, each of the four columns' padding, the scroll bar."""
TITLE_PADDING = 2  # the title line's padding, left and right (CSS below)
FINDINGS_FILTERS = ("all", "findings", "clean")
FINDINGS_LABEL = {"all": "all segments", "findings": "with findings", "clean": "clean"}


#: An open finding as the reviewer shows it: (severity, check, message, term). A plain tuple
#: of strings, which the garbage collector stops tracking (it tracks a NamedTuple or an object
#: for good): the ~200,000 findings of 30,000 segments, kept as the checks' ``Finding``
#: objects, made each full collection walk them (see :mod:`workbench.tui.heap`).
ReviewFinding = tuple[str, str, str, "str | None"]


def review_finding(finding: Any) -> ReviewFinding:
    """The reviewer's copy of a check's ``Finding``."""
    return (finding.severity, finding.check, finding.message, finding.term)


@dataclass(frozen=True)
class SegmentRow:
    """One segment of the reviewer table: its status and its QA findings."""

    segment_id: int
    position: int
    status: str
    findings: tuple[ReviewFinding, ...]  # open findings
    accepted: tuple[tuple[Any, Any], ...]  # (finding, override) accepted with a reason
    source: str
    target: str
    joined_to: int | None = None
    """A joined segment's: the number of the segment of its link that holds its English."""

    @property
    def key(self) -> str:
        """The table's row key."""
        return str(self.segment_id)

    @property
    def clean(self) -> bool:
        """True when no finding is open (accepted ones do not count)."""
        return not self.findings

    @property
    def joined(self) -> bool:
        """A joined segment without English of its own: its findings are its holder's."""
        return self.joined_to is not None and not self.target.strip()

    def summary(self) -> Text:
        """The findings column: ``2✗ 1!`` (errors, warnings, infos), ``✓ clean`` or, when
        findings were accepted with a reason, ``✓ 1 accepted`` (short enough for the column);
        ``↑ #7`` for a joined segment (its findings are on segment 7)."""
        if self.joined:
            return Text(f"↑ #{self.joined_to}", style="dim")
        if self.clean:
            label = f"{len(self.accepted)} accepted" if self.accepted else "clean"
            return Text(f"✓ {label}", style="green")
        out = Text()
        for severity in ("error", "warning", "info"):
            n = sum(1 for f in self.findings if f[0] == severity)
            if n:
                out.append(f"{n}{SEVERITY_MARK[severity]} ", style=SEVERITY_STYLE[severity])
        return out


@dataclass(frozen=True)
class ReviewFilter:
    """Which segments the reviewer lists: statuses (none: any) and findings (all / findings /
    clean)."""

    statuses: tuple[str, ...] = ()
    findings: str = "all"

    def keeps(self, row: SegmentRow) -> bool:
        """True when ``row`` is in the view."""
        if self.statuses and row.status not in self.statuses:
            return False
        if self.findings == "findings":
            return not row.clean
        if self.findings == "clean":
            return row.clean and not row.joined  # its link's findings are its holder's
        return True

    def describe(self) -> str:
        """A short label such as ``clean · translated, reviewed``."""
        parts = [FINDINGS_LABEL[self.findings]]
        if self.statuses:
            parts.append(", ".join(self.statuses))
        return " · ".join(parts)


@dataclass
class Loaded(Message):
    """Every segment of the document with its findings (posted by the worker); ``quiet``: read
    again for others' changes (no loading state, an error left unsaid)."""

    rows: list[SegmentRow] = field(default_factory=list)
    error: str | None = None
    quiet: bool = False
    cells: dict[str, Cells] = field(default_factory=dict)
    """The table's cells of the rows the view shows first, made in the worker."""
    misspelled: tuple[str, ...] = ()
    """The words of the open spelling findings, one a finding."""


@dataclass(frozen=True)
class Cells:
    """The table's cells of a row, as drawn with the display settings ``bidi``."""

    row: SegmentRow
    bidi: BidiDisplay
    cells: tuple[Any, ...]
    width: int  # the text column's cells it was cut to


def text_width(screen_width: int) -> int:
    """The cells of the table's last column on a screen ``screen_width`` wide: what the other
    columns, the cells' padding and the scroll bar leave."""
    return max(8, screen_width - TEXT_COLUMN_OFFSET)


def row_cells(row: SegmentRow, bidi: BidiDisplay, width: int | None = None) -> tuple[Any, ...]:
    """The table's cells of ``row``: number, status, findings, its first finding or English;
    the last cut at its logical end to ``width`` cells (the screen's edge would otherwise cut
    the reordered line, an Arabic term's beginning first)."""
    if row.findings:
        _, check, message, term = row.findings[0]
        text = bidi.line(term_text(term, (f"{check}: ", "bold"), (message, "")), width=width)
    else:
        text = bidi.line(row.target or no_english(row),
                         style="" if row.target else "dim italic", width=width)
    return (Text(str(row.position), justify="right"), row.status, row.summary(), text)


@dataclass
class Reviewed(Message):
    """A verdict or comment was stored (or refused)."""

    segment_id: int
    status: str | None
    what: str
    error: str | None = None


def segment_rows(
    checks: list[Any], statuses: dict[int, str], joined: dict[int, int] | None = None
) -> list[SegmentRow]:
    """One row per segment for the per-segment results of ``check_document``; ``joined``:
    segment id -> the number of the segment holding its English (see ``ListRow.joined_to``).
    A joined segment without English of its own carries no findings: its link's are listed
    (and accepted, as `workbench accept` says) on the segment holding the English, once."""
    joined = joined or {}
    rows = []
    for seg in checks:
        own = not (seg.segment_id in joined and not seg.target.strip())
        rows.append(SegmentRow(
            seg.segment_id, seg.position, statuses.get(seg.segment_id, ""),
            tuple(review_finding(f) for f in seg.findings) if own else (),
            tuple(getattr(seg, "overridden", ())) if own else (), seg.source, seg.target,
            joined.get(seg.segment_id),
        ))
    return rows


def say_british(app: WorkbenchApp, words: tuple[str, ...]) -> None:
    """Notify that most spelling findings (``words``) are British spellings, when they are
    (an app's worker: the spelling dictionary may still be loading; no screen is held)."""
    from workbench.tui.app import Notice

    config = app.config
    hint = british_hint(words, config.spelling_language, config.spelling_dictionaries,
                        config.path or config_path())
    if hint:
        app.post_message(Notice(hint, "information"))
    forget_worker()


def no_english(row: SegmentRow) -> str:
    """What the reviewer is shown for a segment without English: a joined one says where its
    English is (as the editor's list does), not that it has none."""
    if row.joined_to is not None:
        return f"↑ joined: its English is in #{row.joined_to}"
    return "(no English)"


class ReviewTable(DataTable[Any], inherit_bindings=False):
    """The reviewer's list: a DataTable whose keys are in the registry, Down shown in the
    footer (``↑↓ Move``) as the way to the next and previous segment. Not its own Enter: it
    hid the screen's (which opens the segment) from the footer, as a key bound nearer the
    focus does; Enter is the screen's, and the footer shows ``⏎ Open``."""

    BINDINGS = keys.bindings("review_list")


class CommentScreen(Prompt):
    """Ask for a comment (Enter accepts; Escape cancels). ``required`` refuses an empty one."""

    KEY_SCOPE = "comment"
    BINDINGS = keys.bindings("comment")

    def __init__(self, title: str, *, required: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder="comment" + ("" if self.required else " (optional)"),
                        id="comment-input")
            yield self.hint("Enter: accept", "comment_cancel")

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


class ReviewFilterScreen(Prompt):
    """Choose which segments the reviewer lists: statuses and findings."""

    KEY_SCOPE = "review_filter"
    BINDINGS = keys.bindings("review_filter")

    def __init__(self, current: ReviewFilter) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Review: which segments", classes="dialog-title")
            yield Label("Status (none ticked: any status)")
            with Grid(classes="status-grid"):
                for status in STATUSES:
                    yield Checkbox(status, status in self.current.statuses, compact=True,
                                   id=f"review-status-{status}")
            yield Label("Findings")
            with RadioSet(id="review-findings", compact=True):
                for name in FINDINGS_FILTERS:
                    yield RadioButton(FINDINGS_LABEL[name], name == self.current.findings,
                                      compact=True, id=f"review-findings-{name}")
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", compact=True, id="review-apply")
                yield Button("Cancel", compact=True, id="review-cancel")
            yield self.hint("Space: tick", "Tab: next", "review_filter_apply",
                            "review_filter_cancel")

    def on_mount(self) -> None:
        self.query(Checkbox).first().focus()

    def chosen(self) -> ReviewFilter:
        """The filter as ticked."""
        statuses = tuple(
            s for s in STATUSES if self.query_one(f"#review-status-{s}", Checkbox).value
        )
        pressed = self.query_one(RadioSet).pressed_button
        findings = (pressed.id or "").removeprefix("review-findings-") if pressed else "all"
        return ReviewFilter(statuses, findings if findings in FINDINGS_FILTERS else "all")

    @on(Button.Pressed, "#review-apply")
    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    @on(Button.Pressed, "#review-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ReviewScreen(ReportScreen):
    """Walk the segments of a document and approve, mark reviewed or reject any of them."""

    HEADING, BUSY, TITLE_ID, TABLE_ID = "Review", "checking…", "review-title", "review-table"
    KEY_SCOPE = "review"
    BINDINGS = keys.bindings("review")

    DEFAULT_CSS = """
    ReviewScreen { layout: vertical; }
    ReviewScreen #review-title { height: auto; padding: 0 1; text-style: bold; }
    ReviewScreen #review-table { height: 1fr; }
    ReviewScreen #review-detail { height: 11; border: round $panel-lighten-2; padding: 0 1; }
    ReviewScreen #review-detail:focus { border: round $accent; }
    """

    def __init__(
        self, document: Document, version: str = "working",
        view: ReviewFilter | None = None,
    ) -> None:
        super().__init__(document)
        self.version = version
        self.view = view or ReviewFilter()
        self.all_rows: list[SegmentRow] = []
        self.rows: list[SegmentRow] = []  # the view, as in the table
        self.by_key: dict[str, SegmentRow] = {}
        self.in_view = 0  # segments of the view (the table holds the first MAX_ROWS)
        self._cells_made: dict[str, Cells] = {}  # by row key: made for that row and display
        self.shown_width = 0  # the text column's width the table's rows were cut to

    def compose(self) -> ComposeResult:
        yield self.title_label()
        table = ReviewTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield table
        with VerticalScroll(id="review-detail"):  # focusable: a long detail scrolls
            yield Static("", id="review-detail-body")
        yield FittedFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("#", key="position", width=6)
        table.add_column("status", key="status", width=10)
        table.add_column("findings", key="findings", width=FINDINGS_WIDTH)
        table.add_column("first finding, or the English", key="text")
        self.query_one("#review-detail").border_title = "Segment"
        table.focus()
        self.action_refresh()

    def on_unmount(self) -> None:
        """Let go of the rows (30,000 segments' findings on a large project) and the table's
        cells: a screen that was alive when the editor froze the heap
        (:mod:`workbench.tui.heap`) is never collected, and would keep them for good."""
        self.all_rows, self.rows, self.by_key, self._cells_made = [], [], {}, {}
        for table in self.query(DataTable):
            table.clear()

    # loading ---------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="review-load")
    def load(self, quiet: bool = False) -> None:
        """Check the whole document on the second connection, and make the cells of the rows
        the view shows first (worker: thousands of lines put in display order)."""
        document, version, view, bidi = self.document, self.version, self.view, self.wb.bidi
        width = text_width(self.app.size.width)

        def read(project: Project) -> Loaded:
            checks = project.check_document(document.name, version)
            ids = [c.segment_id for c in checks]
            rows = [row for start in range(0, len(ids), PAGE)
                    for row in project.list_rows(document, ids[start:start + PAGE])]
            statuses = {r.id: r.status for r in rows}
            joined = {r.id: r.joined_to for r in rows if r.joined_to is not None}
            segments = segment_rows(checks, statuses, joined)
            shown = [r for r in segments if view.keeps(r)][:MAX_ROWS]
            cells = {r.key: Cells(r, bidi, row_cells(r, bidi, width), width) for r in shown}
            misspelled = tuple(f.found for c in checks for f in c.findings
                               if f.check == "spelling" and f.found)
            return Loaded(segments, quiet=quiet, cells=cells, misspelled=misspelled)

        self.run_report(read, lambda error: Loaded([], error, quiet))

    def live_changed(self, changes: list[Change]) -> None:
        """Others changed the project: read the rows again, quietly, keeping the cursor's
        segment (as the editor's list follows them)."""
        doc = self.document.id
        if any(c.kind in ("all", "notes") or c.document_id == doc for c in changes):
            self.load(quiet=True)

    def on_loaded(self, message: Loaded) -> None:
        quiet = message.quiet and not self.query_one(DataTable).loading
        if quiet:
            if message.error:  # offline, say: the next change or F5 reads them again
                return
        elif not self.loaded(message.error):  # a first load or F5's (which it may replace)
            return
        current = self.selected()
        keep = current.segment_id if current else None
        before = self.all_rows
        self.all_rows = message.rows
        self._cells_made.update(message.cells)
        if not (quiet and self._update_rows({r.key for r in before})):
            self.show_view(self._still_there(keep, before))
        if message.misspelled and not self.wb.british_looked:
            self.wb.british_looked = True  # said once a session, as `workbench check` does
            self.wb.run_worker(partial(say_british, self.wb, message.misspelled), thread=True,
                               group="review-british", exit_on_error=False)

    def _update_rows(self, known: set[str]) -> bool:
        """Put the rows read again in place of the view's: the same segments, in place (the
        view itself changes with F5 or a filter, as the editor's list does); False when one
        of them is gone (merged, say) or the view gains a segment not among ``known`` (the
        rows' keys before: a split made elsewhere)."""
        fresh = {r.key: r for r in self.all_rows}
        if not self.rows or any(r.key not in fresh for r in self.rows):
            return False
        if any(r.key not in known and self.view.keeps(r) for r in self.all_rows):
            return False
        table = self.query_one(DataTable)
        for i, old in enumerate(self.rows):
            new = fresh[old.key]
            if new != old:
                self.rows[i] = self.by_key[new.key] = new
                for column, cell in zip(("position", "status", "findings", "text"),
                                        self._cells(new), strict=True):
                    table.update_cell(new.key, column, cell)
        self._update_title(self.in_view)
        current = self.selected()
        if current is not None:
            self._show_detail(current, scroll=False)  # its notes too; where it was scrolled
        return True

    def _still_there(self, keep: int | None, before: list[SegmentRow]) -> int | None:
        """``keep``, or when the rows read again have lost it (merged elsewhere into the
        segment before it, which holds its Arabic now) the nearest segment before it that
        they still have."""
        there = {r.segment_id for r in self.all_rows}
        order = [r.segment_id for r in before]
        if keep is None or keep in there or keep not in order:
            return keep
        earlier = reversed(order[:order.index(keep)])
        return next((sid for sid in earlier if sid in there), None)

    def show_view(self, keep: int | None = None) -> None:
        """Fill the table with the segments of the view (the cursor on ``keep`` if shown)."""
        view = [r for r in self.all_rows if self.view.keeps(r)]
        self.rows = view[:MAX_ROWS]
        self.by_key = {r.key: r for r in self.rows}
        self.shown_width = text_width(self.app.size.width)
        table = self.query_one(DataTable)
        table.clear()
        for row in self.rows:
            table.add_row(*self._cells(row), key=row.key)
        self._update_title(len(view))
        if not self.rows:
            self.query_one("#review-detail-body", Static).update(
                Text(f"No segment is {self.view.describe()}.", style="dim")
            )
            return
        index = self._index_near(keep)
        table.move_cursor(row=index)
        self._show_detail(self.rows[index])

    def _index_near(self, keep: int | None) -> int:
        """The row of segment ``keep``, or when the view has lost it (approved out of a view of
        translated segments) the row of the next segment of the view in document order."""
        order = {r.segment_id: i for i, r in enumerate(self.all_rows)}
        spot = order.get(keep) if keep is not None else None
        if spot is None:
            return 0
        return next((i for i, r in enumerate(self.rows) if order[r.segment_id] >= spot),
                    len(self.rows) - 1)

    def _update_title(self, in_view: int) -> None:
        self.in_view = in_view
        total = len(self.all_rows)
        flagged = sum(1 for r in self.all_rows if not r.clean)
        shown = "" if in_view <= len(self.rows) else f" (first {len(self.rows):,})"
        state = (f"{in_view:,} of {total:,} segments{shown} · {self.view.describe()} · "
                 f"{flagged:,} with findings")
        with_keys = f"{state} · " + keys.hint(
            self.wb.keymap(), "review_approve", "review_reviewed", "review_reject", "review_show")
        # the keys where they fit on the title's line (the footer shows them too): they
        # wrapped it to two lines at 100 columns, three at 60
        fits = self._title(with_keys).cell_len <= self.app.size.width - TITLE_PADDING
        self.set_title(with_keys if fits else state)

    def _cells(self, row: SegmentRow) -> tuple[Any, ...]:
        """The table's cells of ``row``: made by the worker that read it, else now."""
        bidi, width = self.wb.bidi, text_width(self.app.size.width)
        made = self._cells_made.get(row.key)
        if made is not None and made.row == row and made.bidi == bidi and made.width == width:
            return made.cells
        cells = row_cells(row, bidi, width)
        self._cells_made[row.key] = Cells(row, bidi, cells, width)
        return cells

    def on_resize(self) -> None:
        """Cut the rows' text again for the new width (the cells of the view are made again);
        fit the title to it."""
        if self.rows and self.shown_width != text_width(self.app.size.width):
            self.apply_display()
        elif self.all_rows:
            self._update_title(self.in_view)

    def apply_display(self) -> None:
        """Draw again with the app's display settings."""
        if self.all_rows:
            current = self.selected()
            self.show_view(current.segment_id if current else None)

    # the selected row ------------------------------------------------------------------------

    def selected(self) -> SegmentRow | None:
        """The segment under the cursor."""
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

    def _show_detail(self, row: SegmentRow, scroll: bool = True) -> None:
        bidi = self.wb.bidi
        detail = self.query_one("#review-detail", VerticalScroll)
        detail.border_title = f"Segment {row.position} · {row.status}"
        unread: Text | None = None
        try:
            notes, lqa_errors = self.wb.service.read(
                lambda p: (p.notes(row.segment_id), p.lqa.errors(segment_id=row.segment_id))
            )
        except ConnectionLostError:  # escaping this handler, it ended the screen's key handling
            notes, lqa_errors = [], []
            unread = Text("Notes and LQA errors not available: the database server cannot be "
                          "reached.", style="dim italic")
        parts: list[RenderableType] = [
            bidi.arabic(row.source),
            bidi.text(row.target or no_english(row), style="" if row.target else "dim italic",
                      right_align_rtl=False),
        ]
        if unread is not None:
            parts.append(unread)
        for severity, check, message, term in dict.fromkeys(row.findings):  # each line once
            parts.append(bidi.text(term_text(
                term, (f"{SEVERITY_MARK.get(severity, '·')} ", SEVERITY_STYLE.get(severity, "")),
                (f"{check}: ", "bold"), (message, ""),
            ), right_align_rtl=False))
        for finding, override in row.accepted:
            parts.append(bidi.text(finding_text(
                finding, ("✓ ", "green"), (f"{finding.check}: ", "bold"), (finding.message, ""),
                (f" — accepted by {override.author}: ", "dim"), isolate(override.reason, "dim"),
            ), right_align_rtl=False))
        if row.joined:
            parts.append(Text(f"↑ Its findings are those of #{row.joined_to}, which holds its "
                              "English.", style="dim italic"))
        elif not row.findings and not row.accepted:
            parts.append(Text("✓ No findings.", style="green"))
        for error in lqa_errors:
            parts.append(bidi.text(Text.assemble(("LQA ", "bold magenta"), error_line(error)),
                                   right_align_rtl=False))
        if notes:
            last = notes[-1]
            parts.append(bidi.text(Text.assemble(f"{last['kind']} · {last['author']}: ",
                                                 isolate(last["text"]), style="dim")))
        self.query_one("#review-detail-body", Static).update(Group(*parts))
        if scroll:
            detail.scroll_home(animate=False)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_jump()

    # the view --------------------------------------------------------------------------------

    def set_view(self, view: ReviewFilter) -> None:
        """List the segments of ``view``."""
        current = self.selected()
        self.view = view
        if self.all_rows:
            self.show_view(current.segment_id if current else None)

    def action_cycle_findings(self) -> None:
        """Show all segments, then those with findings, then the clean ones."""
        index = FINDINGS_FILTERS.index(self.view.findings)
        self.set_view(replace(self.view, findings=FINDINGS_FILTERS[(index + 1) % 3]))

    def action_filter(self) -> None:
        """Choose the statuses and findings listed."""
        def chosen(view: ReviewFilter | None) -> None:
            if view is not None:
                self.set_view(view)

        self.app.push_screen(ReviewFilterScreen(self.view), chosen)

    # actions ---------------------------------------------------------------------------------

    def action_verdict(self, verdict: str) -> None:
        """Approve, mark reviewed, or reject (asking for a comment) the selected segment."""
        row = self.selected()
        if row is None:
            return
        if row.joined_to is not None and not row.target:  # as `workbench review` leaves it
            self.notify(f"Segment {row.position} is joined: its English is in "
                        f"#{row.joined_to}, whose verdict it takes.", severity="warning")
            return
        if self._refused_to_translator(verdict):
            return
        if verdict == "rejected":
            title = f"Reject segment {row.position}: why? (it goes back to draft)"
        else:
            word = "Approve" if verdict == "approved" else "Mark reviewed"
            title = f"{word} segment {row.position}: comment"

        def answered(comment: str | None) -> None:
            if comment is not None:
                self._store(row, verdict, comment, seen=row.target)

        self.app.push_screen(CommentScreen(title, required=verdict == "rejected"), answered)

    def _refused_to_translator(self, verdict: str) -> bool:
        """Said and True when the user is a translator of a team project, whom the server
        refuses any verdict: before a comment is asked for, which would be typed in vain."""
        if self.wb.role != "translator":
            return False
        word = {"approved": "approve", "reviewed": "mark reviewed",
                "rejected": "reject"}.get(verdict, verdict)
        self.notify(f"You are a translator on this project: only reviewers and leads may "
                    f"{word} segments. Nothing was changed.", severity="warning")
        return True

    def action_verdict_view(self, verdict: str) -> None:
        """Approve or mark reviewed every segment of the view (the batch dialog)."""
        if not self.all_rows or self._refused_to_translator(verdict):
            return
        ids = [r.segment_id for r in self.all_rows if self.view.keeps(r)]

        def done(changed: bool | None) -> None:
            if changed:
                self.wb.segments_changed()  # this screen's rows too

        self.app.push_screen(
            BatchScreen(self.document, ids, self.view.describe(), verdict), done
        )

    def action_lqa_error(self) -> None:
        """Record an LQA error on the selected segment (category, severity, span, comment)."""
        row = self.selected()
        if row is None:
            return
        editor = self.wb.editor
        if editor is not None:
            editor.flush_edit()
        self.wb.service.flush()  # the span is over the English as stored
        segment_id, position = row.segment_id, row.position
        english = self._read_or_say(lambda p: p.segment(segment_id).target)
        if english is None:
            return
        holder = None
        if not english.strip():
            holder = self._read_or_say(lambda p: holder_english(p, segment_id))
        if holder is not None and row.joined_to is not None:
            # its English is on the link's segment holding it: the error judges that English
            self.notify(joined_notice(position, row.joined_to))
            (segment_id, english), position = holder, row.joined_to
        elif not english.strip():
            self.notify(f"Segment {position} has no English to evaluate yet.",
                        severity="warning")
            return

        def answered(request: LqaRequest | None) -> None:
            if request is not None:
                record_error(self.wb, segment_id, request, partial(self._lqa_changed, "recorded"))

        self.app.push_screen(LqaErrorScreen(position, english), answered)

    def _read_or_say(self, fn: Any) -> Any:
        """``fn(project)`` read now; None, said, when the server cannot be reached (the error
        escaping a key's handler ended the screen's key handling)."""
        try:
            return self.wb.service.read(fn)
        except ConnectionLostError as lost:
            self.wb.notify_error(str(lost))
            return None

    def action_lqa_remove(self) -> None:
        """Remove one of the selected segment's LQA errors."""
        row = self.selected()
        if row is None:
            return
        errors = self._read_or_say(lambda p: p.lqa.errors(segment_id=row.segment_id))
        if errors is None:
            return
        if not errors:
            self.notify(f"Segment {row.position} has no LQA errors.")
            return

        def answered(error_id: int | None) -> None:
            if error_id:
                remove_error(self.wb, error_id, partial(self._lqa_changed, "removed"))

        self.app.push_screen(LqaRemoveScreen(row.position, errors), answered)

    def _lqa_changed(self, done: str, error: Any, message: str | None) -> None:
        if message is not None or error is None:
            self.wb.notify_error(message or "nothing was changed")
            return
        current = self.selected()
        if current is not None:
            self._show_detail(current)
        self.notify(f"LQA error #{error.id} {done}: segment {error.position}, "
                    f"{error.severity} {error.category}.")

    def action_history(self) -> None:
        """Show the selected segment's history: its English's changes and its notes."""
        row = self.selected()
        if row is not None:
            self.app.push_screen(HistoryScreen(row.segment_id, row.position))

    def action_comment(self) -> None:
        """Add a comment to the selected segment."""
        row = self.selected()
        if row is None:
            return

        def answered(comment: str | None) -> None:
            if comment:
                self._store(row, "comment", comment)

        self.app.push_screen(
            CommentScreen(f"Comment on segment {row.position}", required=True), answered
        )

    def _store(
        self, row: SegmentRow, what: str, comment: str, seen: str | None = None
    ) -> None:
        """Store a verdict (of the English ``seen``: changed by someone since, it is refused
        and the reviewer reads it again) or a comment on ``row``'s segment (gone meanwhile,
        merged elsewhere: said by the number the reviewer saw). A refusal gives the comment
        back."""
        unlock_key = keys.key_name(self.wb.keymap(), "unlock")
        segment_id = row.segment_id
        undone = (f"your comment was not added: {comment}" if what == "comment" else
                  f"not {what}" + (f" (your comment: {comment})" if comment else ""))

        def job(project: Project) -> Reviewed:
            try:
                if what == "comment":
                    project.add_note(segment_id, comment)
                    return Reviewed(segment_id, None, what)
                now = project.segment(segment_id)
                if seen is not None and (now.target or "") != (seen or ""):
                    return Reviewed(segment_id, None, what, (
                        f"Segment {now.position} was changed since you read it (now: "
                        f"{now.target!r}): {undone}. F5 reads it again."))
                segment = project.review_one(segment_id, what, comment or None,
                                             revision=now.revision)
            except ProjectError:  # offline, read-only...: the writer's to handle
                raise
            except NotFoundError:  # merged away (or its document imported again) meanwhile
                return Reviewed(segment_id, None, what, (
                    f"Segment {row.position} is no longer there (merged with another or "
                    f"removed elsewhere meanwhile): {undone}"))
            except WorkbenchError as refused:  # an empty English...: said in the list's numbers
                return Reviewed(segment_id, None, what,
                                describe_in_list(refused, project, unlock_key,
                                                 {segment_id: row.position}))
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
            self.all_rows = [
                replace(r, status=message.status) if r.segment_id == message.segment_id else r
                for r in self.all_rows
            ]
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
            self.load(quiet=True)  # a reading begun before the verdict must not undo it here
        current = self.selected()
        if current is not None:
            self._show_detail(current)
        done = {"approved": "approved", "reviewed": "marked reviewed",
                "rejected": "rejected (back to draft)", "comment": "commented"}[message.what]
        position = next(
            (r.position for r in self.all_rows if r.segment_id == message.segment_id), ""
        )
        self.notify(f"Segment {position} {done}.")
