"""The editor screen (the default): the segment list above, the open segment below.

The open segment shows its Arabic source (read-only, glossary terms highlighted), the English
editor, the reference translation (toggle), the glossary entries of its terms and its QA
findings. Typing autosaves within a second (status draft); confirming runs the checks and
refuses an error-level finding unless the translator gives a reason (stored as an override).
"""

from __future__ import annotations

import time
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, TextArea

from workbench.errors import WorkbenchError
from workbench.glossary.english import find_rendering
from workbench.statuses import Status
from workbench.store import search as q_search
from workbench.tui import keys
from workbench.tui.rows import RowData, SegmentRows, ViewSpec
from workbench.tui.screens.prompts import (
    FilterScreen,
    GotoScreen,
    OverrideScreen,
    SearchScreen,
    TermChooser,
)
from workbench.tui.service import find_terms, segment_findings
from workbench.tui.widgets.english_editor import EnglishEditor
from workbench.tui.widgets.panels import (
    TERM_PROBLEM_STYLE,
    TERM_STYLE,
    FindingsPanel,
    GlossaryPanel,
    ReferencePanel,
    SourceView,
    TermLine,
    arabic_inline,
)
from workbench.tui.widgets.segment_list import SegmentList

if TYPE_CHECKING:
    from workbench.project import Document, Project, Segment
    from workbench.tui.app import WorkbenchApp

AUTOSAVE_IDLE = 0.4  # seconds without typing before an autosave
AUTOSAVE_MAX = 0.8  # longest a typed change waits while typing goes on
AUTOSAVE_TICK = 0.2
DETAILS_DELAY = 0.04  # seconds the selection rests before the panels' details are read
OPEN_STATUSES = (Status.NEW.value, Status.DRAFT.value)


# Messages posted from worker threads -----------------------------------------------------------


@dataclass
class Details(Message):
    """The parts of the open segment read in the background."""

    segment_id: int
    matches: list[Any]
    findings: list[Any]
    reference: str | None
    confidence: float | None


@dataclass
class Written(Message):
    """A write finished (autosave, confirm, undo, override) or failed."""

    segment_id: int
    kind: str  # "save", "confirmed", "blocked", "undo"
    text: str
    segment: Any = None
    findings: list[Any] | None = None
    error: str | None = None


@dataclass
class ViewReady(Message):
    """The ids of a searched or filtered view."""

    spec: ViewSpec
    ids: list[int]
    keep: int | None


@dataclass
class FlagsReady(Message):
    """Finding counts of segments, for the list's flags."""

    flags: dict[int, tuple[int, int]]


class EditorScreen(Screen[None]):
    """Translate segment by segment."""

    BINDINGS = keys.bindings(keys.EDITOR_KEYS)

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.rows: SegmentRows | None = None
        self.current: RowData | None = None
        self.current_index = -1
        self.saved_text = ""
        self.dirty_since: float | None = None
        self.last_change = 0.0
        self.matches: list[Any] = []
        self.findings: list[Any] = []
        self.show_reference = True
        self.reference_version: str | None = None
        self.pending: set[Future[Any]] = set()
        self._details_timer: Timer | None = None

    @property
    def wb(self) -> WorkbenchApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    # layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SegmentList(id="segments")
        with Horizontal(id="open"):
            with Vertical(id="main-col"):
                yield SourceView(id="source")
                yield EnglishEditor(id="english")
                yield ReferencePanel(id="reference")
            with Vertical(id="side-col"):
                yield GlossaryPanel(id="glossary")
                yield FindingsPanel(id="findings")
        yield Footer()

    @property
    def segment_list(self) -> SegmentList:
        """The segment list widget."""
        return self.query_one(SegmentList)

    @property
    def editor(self) -> EnglishEditor:
        """The English editor widget."""
        return self.query_one(EnglishEditor)

    def on_mount(self) -> None:
        self.query_one("#glossary").border_title = "Glossary"
        self.query_one("#findings").border_title = "QA findings"
        self.query_one("#reference").border_title = "Reference"
        self.apply_display()
        self.segment_list.flags_enabled = True
        self.segment_list.low_confidence = self.wb.low_confidence
        self.reference_version = self.wb.service.read(self._find_reference)
        self.load_view(ViewSpec(), self.wb.service.read(self._first_open))
        self.editor.focus()
        self.set_interval(AUTOSAVE_TICK, self._autosave_tick)

    def _find_reference(self, project: Project) -> str | None:
        names = [n for n in project.versions(self.document.name) if n.startswith("reference:")]
        if "reference:main" in names:
            return "reference:main"
        return names[0] if names else None

    def _first_open(self, project: Project) -> int | None:
        return q_search.first_with_status(project.db, self.document.id, OPEN_STATUSES)

    def apply_display(self) -> None:
        """Take the app's direction and shaping settings (and repaint)."""
        reorder = self.wb.direction == "app"
        shaping = self.wb.shaping
        seg_list = self.segment_list
        seg_list.reorder, seg_list.shaping = reorder, shaping
        seg_list.invalidate()
        for panel in (self.query_one(SourceView), self.query_one(GlossaryPanel)):
            panel.reorder, panel.shaping = reorder, shaping
            panel.redraw()
        self._update_titles()

    def _update_titles(self) -> None:
        seg_list = self.segment_list
        rows = self.rows
        label = rows.spec.describe() if rows else ""
        count = len(rows) if rows else 0
        seg_list.border_title = f"{self.document.name} · {label} · {count:,} segments"
        seg_list.border_subtitle = f"Arabic: {self.wb.direction} direction" + (
            ", shaped" if self.wb.shaping else ""
        )
        if self.current is not None:
            self.query_one(SourceView).border_title = (
                f"Arabic · segment {self.current.position} · {self.current.status}"
            )
            self.editor.border_title = "English"
            self.editor.border_subtitle = "Enter/Ctrl+J confirm · autosaved"

    # views -------------------------------------------------------------------------------------

    def load_view(self, spec: ViewSpec, keep: int | None = None, ids: list[int] | None = None
                  ) -> None:
        """Show the segments of ``spec`` (``ids`` when computed already); open ``keep`` if held."""
        if ids is None:
            ids = self.wb.service.read(lambda p: q_search.ordered_ids(p.db, self.document.id))
        self.rows = SegmentRows(self.wb.service, self.document, ids, spec)
        index = self.rows.index_of(keep) if keep is not None else None
        if index is None:
            index = 0
        self.segment_list.set_rows(self.rows, index)
        self._update_titles()
        if ids and (self.current is None or self.current.id != self.rows.ids[index]):
            self.open_index(index)
        elif self.current is not None:
            self.current_index = index

    def reload(self) -> None:
        """Read the view again from the store (after segments were merged or split)."""
        self.flush_edit()
        self.wb.service.flush()
        spec = self.rows.spec if self.rows else ViewSpec()
        keep = self.current.id if self.current else None
        self.current = None
        self.segment_list.forget_flags()
        if spec.is_all:
            self.load_view(spec, keep)
        else:
            self.compute_view(spec, keep)

    # opening segments --------------------------------------------------------------------------

    def open_index(self, index: int) -> None:
        """Open the segment at ``index`` of the view (saving the one being left)."""
        if self.rows is None or not 0 <= index < len(self.rows):
            return
        row = self.rows.row(index)
        if row is None:
            return
        self.flush_edit()
        self.current = row
        self.current_index = index
        seg_list = self.segment_list
        if seg_list.cursor != index:
            seg_list.cursor = index
        self.saved_text = row.target
        self.dirty_since = None
        editor = self.editor
        editor.load_text(row.target)
        editor.move_cursor(editor.document.end)
        self.matches, self.findings = [], []
        self.query_one(SourceView).show(row.source)
        self._update_titles()
        # Read the panels' details once the selection rests (holding Alt+Down stays fast).
        if self._details_timer is not None:
            self._details_timer.stop()
        self._details_timer = self.set_timer(
            DETAILS_DELAY, partial(self.load_details, row.id, row.source)
        )

    def open_segment(self, segment_id: int) -> bool:
        """Open a segment by id (showing every segment if the view hides it)."""
        if self.rows is not None:
            index = self.rows.index_of(segment_id)
            if index is not None:
                self.open_index(index)
                return True
        self.load_view(ViewSpec(), segment_id)
        return self.current is not None and self.current.id == segment_id

    @work(thread=True, exclusive=True, group="details")
    def load_details(self, segment_id: int, source: str) -> None:
        """Read the glossary matches, findings and reference of a segment (worker)."""
        reference_version = self.reference_version

        def read(project: Project) -> Details:
            matches = find_terms(project, source)
            findings = segment_findings(project, segment_id)
            reference, confidence = None, None
            if reference_version is not None:
                reference = project.version_text(segment_id, reference_version)
                link = project.link(segment_id, reference_version)
                confidence = None if link is None else link["confidence"]
            return Details(segment_id, matches, findings, reference, confidence)

        try:
            details = self.wb.service.background(read)
        except Exception as exc:  # shown, never a crash of the editor
            self.wb.notify_error(_describe(exc))
            return
        self.post_message(details)

    def on_details(self, message: Details) -> None:
        if self.current is None or message.segment_id != self.current.id:
            return
        self.matches = message.matches
        self.query_one(ReferencePanel).show(
            message.reference, message.confidence, self.wb.low_confidence
        )
        self.show_findings(message.findings)

    def show_findings(self, findings: list[Any]) -> None:
        """Show the findings of the open segment, its highlighted terms and glossary panel."""
        self.findings = findings
        if self.current is None:
            return
        self.query_one(FindingsPanel).show(findings)
        problems = {f.term: f.kind for f in findings if getattr(f, "term", None)}
        spans = [
            (m.start, m.end, TERM_PROBLEM_STYLE if m.term in problems else TERM_STYLE)
            for m in self.matches
        ]
        self.query_one(SourceView).show(self.current.source, spans)
        lines: list[TermLine] = []
        seen: set[str] = set()
        for match in self.matches:
            if match.term in seen:
                continue
            seen.add(match.term)
            for entry in match.entries:
                lines.append(TermLine(
                    len(lines) + 1, match.term, entry.rendering, tuple(entry.forbidden),
                    entry.comment, problems.get(match.term),
                ))
        self.query_one(GlossaryPanel).show(lines)
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = sum(1 for f in findings if f.severity == "warning")
        self.segment_list.set_flags({self.current.id: (errors, warnings)})

    # list events -------------------------------------------------------------------------------

    @on(SegmentList.Highlighted)
    def _highlighted(self, event: SegmentList.Highlighted) -> None:
        if event.index != self.current_index:
            self.open_index(event.index)

    @on(SegmentList.Chosen)
    def _chosen(self, event: SegmentList.Chosen) -> None:
        if event.index != self.current_index:
            self.open_index(event.index)
        self.editor.focus()

    @on(SegmentList.FlagsWanted)
    def _flags_wanted(self, event: SegmentList.FlagsWanted) -> None:
        self.compute_flags(event.ids)

    @work(thread=True, group="flags")
    def compute_flags(self, ids: list[int]) -> None:
        """Count the findings of segments for the list's flags (worker)."""
        def read(project: Project) -> dict[int, tuple[int, int]]:
            out: dict[int, tuple[int, int]] = {}
            for sid in ids:
                try:
                    found = segment_findings(project, sid)
                except Exception:  # a segment that cannot be checked gets no flag
                    continue
                out[sid] = (
                    sum(1 for f in found if f.severity == "error"),
                    sum(1 for f in found if f.severity == "warning"),
                )
            return out

        self.post_message(FlagsReady(self.wb.service.background(read)))

    def on_flags_ready(self, message: FlagsReady) -> None:
        self.segment_list.set_flags(message.flags)

    # editing and autosave ------------------------------------------------------------------

    @on(TextArea.Changed, "#english")
    def _changed(self, event: TextArea.Changed) -> None:
        if self.current is None:
            return
        if self.editor.text == self.saved_text:
            self.dirty_since = None
            return
        now = time.monotonic()
        self.last_change = now
        if self.dirty_since is None:
            self.dirty_since = now

    def _autosave_tick(self) -> None:
        if self.dirty_since is None:
            return
        now = time.monotonic()
        if now - self.last_change >= AUTOSAVE_IDLE or now - self.dirty_since >= AUTOSAVE_MAX:
            self.flush_edit()

    def flush_edit(self) -> Future[Any] | None:
        """Queue an autosave of the open segment's English if it changed."""
        if self.current is None:
            return None
        text = self.editor.text
        self.dirty_since = None
        if text == self.saved_text:
            return None
        segment_id = self.current.id
        self.saved_text = text

        def save(project: Project) -> Written:
            segment = project.save_draft(segment_id, text)
            return Written(segment_id, "save", text, segment, _checked(project, segment_id))

        return self._write(segment_id, "save", text, save)

    def _write(self, segment_id: int, kind: str, text: str, job: Any) -> Future[Any]:
        future = self.wb.service.write(job)
        self.pending.add(future)

        def done(f: Future[Any]) -> None:
            self.pending.discard(f)
            try:
                message = f.result()
            except Exception as exc:  # a store failure: keep the text dirty, say so
                message = Written(segment_id, kind, text, error=_describe(exc))
            if self.is_attached:
                self.post_message(message)

        future.add_done_callback(done)
        return future

    def on_written(self, message: Written) -> None:
        is_current = self.current is not None and self.current.id == message.segment_id
        if message.error:
            self.wb.notify_error(message.error)
            if is_current and message.kind in ("save", "confirmed", "blocked"):
                self.saved_text = "\0unsaved"  # retry at the next tick
                self.dirty_since = time.monotonic()
            return
        segment: Segment | None = message.segment
        if segment is not None and self.rows is not None:
            index = self.rows.update(segment)
            if index is not None:
                self.segment_list.refresh_row(index)
            if is_current and self.current is not None:
                self.current = self.rows.row(self.current_index) or self.current
        if message.findings is not None and is_current:
            self.show_findings(message.findings)
        elif message.findings is not None:
            found = message.findings
            self.segment_list.set_flags({message.segment_id: (
                sum(1 for f in found if f.severity == "error"),
                sum(1 for f in found if f.severity == "warning"),
            )})
        if message.kind == "confirmed" and is_current:
            self._after_confirm(message)
        elif message.kind == "blocked" and is_current:
            self._ask_override(message)
        elif message.kind == "undo" and is_current and segment is not None:
            self.saved_text = segment.target
            self.editor.load_text(segment.target)
            self.editor.move_cursor(self.editor.document.end)
            self.notify(f"Segment {segment.position}: restored ({segment.status}).")
        self._update_titles()

    # actions -------------------------------------------------------------------------------

    def action_next_segment(self) -> None:
        """Open the next segment of the view."""
        if self.rows is not None and self.current_index + 1 < len(self.rows):
            self.open_index(self.current_index + 1)

    def action_previous_segment(self) -> None:
        """Open the previous segment of the view."""
        if self.current_index > 0:
            self.open_index(self.current_index - 1)

    def action_next_open(self) -> None:
        """Open the next segment (after this one) that is not yet translated."""
        if self.rows is None:
            return
        for index in range(self.current_index + 1, len(self.rows)):
            row = self.rows.row(index)
            if row is not None and row.status in OPEN_STATUSES:
                self.open_index(index)
                return
        self.notify("No untranslated segment after this one.")

    def action_switch_focus(self) -> None:
        """Move the focus between the segment list and the English editor."""
        if self.editor.has_focus:
            self.segment_list.focus()
        else:
            self.editor.focus()

    def action_save(self) -> None:
        """Save the open segment's English now."""
        if self.flush_edit() is None:
            self.notify("Nothing to save.")

    def action_confirm(self) -> None:
        """Confirm the open segment (after the checks) and go to the next one."""
        if self.current is None:
            return
        text = self.editor.text
        if not text.strip():
            self.notify("Type the English first: an empty segment cannot be confirmed.",
                        severity="warning")
            return
        segment_id = self.current.id
        self.saved_text = text
        self.dirty_since = None

        def confirm(project: Project) -> Written:
            project.save_draft(segment_id, text)
            findings = _checked(project, segment_id)
            if findings is None:
                self.wb.notify_error("The QA checks failed; confirmed without them.")
                findings = []
            if any(f.severity == "error" for f in findings):
                return Written(segment_id, "blocked", text, project.segment(segment_id), findings)
            segment = project.confirm(segment_id, text)
            return Written(segment_id, "confirmed", text, segment, findings)

        self._write(segment_id, "confirmed", text, confirm)

    def _after_confirm(self, message: Written) -> None:
        if self.editor.text != message.text:
            return  # typed on while confirming: stay, the autosave keeps the new text
        if self.rows is not None and self.current_index + 1 < len(self.rows):
            self.open_index(self.current_index + 1)
        else:
            self.notify("Confirmed. That was the last segment of this view.")

    def _ask_override(self, message: Written) -> None:
        errors = [f for f in message.findings or [] if f.severity == "error"]
        segment_id, text = message.segment_id, message.text

        def answered(reason: str | None) -> None:
            if not reason:
                self.notify("Not confirmed: fix the findings, or confirm again and give a reason.",
                            severity="warning")
                return
            self.override_and_confirm(segment_id, text, errors, reason)

        self.app.push_screen(OverrideScreen(errors), answered)

    def override_and_confirm(
        self, segment_id: int, text: str, errors: list[Any], reason: str
    ) -> Future[Any]:
        """Store an override of each error finding with ``reason``, then confirm."""
        def job(project: Project) -> Written:
            for finding in errors:
                project.add_override(
                    segment_id, finding.check, getattr(finding, "term", None), reason
                )
            findings = segment_findings(project, segment_id)
            if any(f.severity == "error" for f in findings):
                return Written(segment_id, "blocked", text, project.segment(segment_id), findings)
            segment = project.confirm(segment_id, text)
            return Written(segment_id, "confirmed", text, segment, findings)

        return self._write(segment_id, "confirmed", text, job)

    def action_undo(self) -> None:
        """Restore the open segment's text and status before its last change."""
        if self.current is None:
            return
        self.flush_edit()
        segment_id = self.current.id

        def undo(project: Project) -> Written:
            segment = project.undo(segment_id)
            return Written(segment_id, "undo", segment.target, segment,
                           _checked(project, segment_id))

        self._write(segment_id, "undo", "", undo)

    def action_toggle_reference(self) -> None:
        """Show or hide the reference translation."""
        self.show_reference = not self.show_reference
        self.query_one(ReferencePanel).display = self.show_reference

    def action_insert_term(self, number: int | None = None) -> None:
        """Insert a glossary rendering at the cursor: entry ``number``, or the first entry of
        the first term of the segment whose rendering the English does not hold yet."""
        lines = self.query_one(GlossaryPanel).lines
        if not lines:
            self.notify("No glossary terms in this segment.")
            return
        if number is not None:
            if not 1 <= number <= len(lines):
                self.notify(f"No glossary entry {number}.")
                return
            chosen = lines[number - 1]
        else:
            chosen = next((ln for ln in lines if not _rendered(self.editor.text, ln)), lines[0])
        self.insert_text(chosen.rendering)

    def action_choose_term(self) -> None:
        """Choose which glossary rendering to insert at the cursor."""
        panel = self.query_one(GlossaryPanel)
        if not panel.lines:
            self.notify("No glossary terms in this segment.")
            return
        entries = [
            (arabic_inline(line.term, panel.reorder, panel.shaping), line.rendering)
            for line in panel.lines
        ]

        def chosen(number: int | None) -> None:
            if number is not None:
                self.action_insert_term(number)

        self.app.push_screen(TermChooser(entries), chosen)

    def insert_text(self, text: str) -> None:
        """Insert ``text`` at the editor's cursor, with spaces where words would touch."""
        editor = self.editor
        start, end = editor.selection
        before = editor.get_text_range((start[0], 0), start) if start[1] else ""
        line_end = len(editor.document[end[0]]) if end[0] < editor.document.line_count else 0
        after = editor.get_text_range(end, (end[0], line_end))
        if before and before[-1].isalnum():
            text = " " + text
        if after and after[0].isalnum():
            text = text + " "
        editor.replace(text, start, end)
        editor.focus()

    # search, filters, goto -----------------------------------------------------------------

    def action_search(self) -> None:
        """Search the Arabic (normalised) or the English (case-insensitive)."""
        current = self.rows.spec if self.rows else ViewSpec()

        def searched(query: str | None) -> None:
            if query is None:
                return
            spec = ViewSpec(query.strip(), current.statuses, current.has_findings,
                            current.low_score, current.low_confidence)
            self.compute_view(spec, self.current.id if self.current else None)

        self.app.push_screen(SearchScreen(current.search), searched)

    def action_filter(self) -> None:
        """Filter by status, findings, low score, low alignment confidence."""
        current = self.rows.spec if self.rows else ViewSpec()

        def chosen(spec: ViewSpec | None) -> None:
            if spec is not None:
                self.compute_view(spec, self.current.id if self.current else None)

        self.app.push_screen(FilterScreen(current), chosen)

    def action_clear_filter(self) -> None:
        """Show every segment again."""
        self.flush_edit()
        self.load_view(ViewSpec(), self.current.id if self.current else None)

    def apply_filter(self, **changes: Any) -> None:
        """Set filter fields (keeping the search), e.g. ``apply_filter(statuses=("new",))``."""
        current = self.rows.spec if self.rows else ViewSpec()
        values = {
            "search": current.search, "statuses": current.statuses,
            "has_findings": current.has_findings, "low_score": current.low_score,
            "low_confidence": current.low_confidence, **changes,
        }
        self.compute_view(ViewSpec(**values), self.current.id if self.current else None)

    def compute_view(self, spec: ViewSpec, keep: int | None) -> None:
        """Show the view ``spec`` once its ids are found (in a worker)."""
        self.flush_edit()
        self._compute_view(spec, keep)

    @work(thread=True, exclusive=True, group="view")
    def _compute_view(self, spec: ViewSpec, keep: int | None) -> None:
        """Find the ids of a searched/filtered view on the second connection (worker)."""
        self.wb.service.flush()  # searches see the edits made so far
        low_confidence, low_score = self.wb.low_confidence, self.wb.config.low_score
        document = self.document

        def find(project: Project) -> list[int]:
            return view_ids(project, document, spec, low_confidence, low_score)

        try:
            ids = self.wb.service.background(find)
        except Exception as exc:
            self.wb.notify_error(_describe(exc))
            return
        self.post_message(ViewReady(spec, ids, keep))

    def on_view_ready(self, message: ViewReady) -> None:
        if not message.ids:
            self.notify(f"No segment matches: {message.spec.describe()}.", severity="warning")
            return
        self.load_view(message.spec, message.keep, message.ids)
        self.notify(f"{len(message.ids):,} segments: {message.spec.describe()}.")

    def action_goto(self) -> None:
        """Open the segment with a given number."""
        def chosen(number: int | None) -> None:
            if number is None:
                return
            found = self.wb.service.read(lambda p: p.segments(self.document.name, number - 1, 1))
            if not found:
                self.notify(f"No segment {number}.", severity="warning")
                return
            self.open_segment(found[0].id)
            self.editor.focus()

        self.app.push_screen(GotoScreen(), chosen)


def _checked(project: Project, segment_id: int) -> list[Any] | None:
    """The findings of a segment, or None when the checks fail (the write still counts)."""
    try:
        return segment_findings(project, segment_id)
    except Exception:
        return None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, WorkbenchError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _rendered(english: str, line: TermLine) -> bool:
    return bool(find_rendering(english, line.rendering))


def view_ids(
    project: Project, document: Document, spec: ViewSpec, low_confidence: float, low_score: float
) -> list[int]:
    """The ids, in document order, of the segments that ``spec`` shows."""
    working = project.working_id(document)
    names = project.versions(document.name)
    link = project.version_id(document, "reference:main") if "reference:main" in names else working
    ids: list[int] | None = None
    if spec.search:
        ids = q_search.search_ids(project.db, document.id, working, spec.search)
    if spec.statuses or spec.low_confidence or spec.low_score:
        if spec.low_score and not q_search.has_scores(project.db, working):
            raise WorkbenchError("no scores yet: run `workbench score` to score the translation")
        found = q_search.filter_ids(
            project.db, document.id,
            statuses=spec.statuses or None,
            link_version_id=link,
            confidence_below=low_confidence if spec.low_confidence else None,
            score_version_id=working,
            chrf_below=low_score if spec.low_score else None,
        )
        if ids is None:
            ids = found
        else:
            allowed = set(found)
            ids = [i for i in ids if i in allowed]
    if spec.has_findings:
        with_findings = _ids_with_findings(project, document)
        if ids is None:
            ids = with_findings
        else:
            keep = set(with_findings)
            ids = [i for i in ids if i in keep]
    if ids is None:
        ids = q_search.ordered_ids(project.db, document.id)
    return ids


def _ids_with_findings(project: Project, document: Document) -> list[int]:
    return [s.segment_id for s in project.check_document(document.name) if s.findings]
