"""The editor screen: the segment list above, the open segment below.

The open segment shows its Arabic source (read-only, glossary terms highlighted), the English
editor, the reference translation (toggle), the glossary entries of its terms, its QA
findings, its translation memory matches and its dictionary words. This module lays the
screen out, opens segments and fills the panels; writing the English, choosing the view,
inserting glossary renderings, locked segments, changes of many segments (find and replace,
batches), the Dictionary panel, the translation memory (matches, the list's marks,
concordance), spelling, inline tags, LQA errors and other people's work as it happens are the
parts in ``editing``, ``views``, ``terms``, ``locks``, ``batch``, ``dictionary``, ``matches``,
``spelling``, ``tags``, ``lqa`` and ``live``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from workbench.errors import ConnectionLostError, NotFoundError
from workbench.glossary.english import find_rendering
from workbench.project.views import OPEN_STATUSES
from workbench.statuses import CONFIRMED
from workbench.tui import keys
from workbench.tui.display import isolate
from workbench.tui.guard import KeepsAnswering
from workbench.tui.rows import RowData, SegmentRows, ViewSpec
from workbench.tui.screens.editor.batch import BatchActions
from workbench.tui.screens.editor.dictionary import DictionaryActions
from workbench.tui.screens.editor.editing import (
    AUTOSAVE_TICK,
    OwnWrites,
    SegmentEditing,
    Written,
)
from workbench.tui.screens.editor.live import LiveUpdates
from workbench.tui.screens.editor.locks import LOCK_HINT_ID, LockActions
from workbench.tui.screens.editor.lqa import LqaActions
from workbench.tui.screens.editor.matches import MatchesActions
from workbench.tui.screens.editor.spelling import SpellingActions
from workbench.tui.screens.editor.tags import TagActions
from workbench.tui.screens.editor.terms import TermActions
from workbench.tui.screens.editor.views import ViewActions
from workbench.tui.service import describe_error, find_terms, segment_findings, severity_counts
from workbench.tui.widgets.dictionary_panel import DictionaryPanel
from workbench.tui.widgets.english_editor import EnglishEditor
from workbench.tui.widgets.footer import FittedFooter, FooterScreen
from workbench.tui.widgets.matches_panel import MatchesPanel
from workbench.tui.widgets.panels import (
    TERM_PROBLEM_STYLE,
    TERM_STYLE,
    FindingsPanel,
    GlossaryPanel,
    ReferencePanel,
    SourceView,
    TermLine,
)
from workbench.tui.widgets.segment_list import SegmentList
from workbench.wording import plural

if TYPE_CHECKING:
    from concurrent.futures import Future

    from workbench.project import Document, Project
    from workbench.tui.app import WorkbenchApp

DETAILS_DELAY = 0.04  # seconds the selection rests before the panels' details are read
OPEN_BATCH = 500  # segments still to translate read from the store at a time (Ctrl+N)


def _still_open(row: RowData) -> bool:
    """True when the row's segment still needs translating (not a joined one: its English is
    its link's, on another segment)."""
    return row.status in OPEN_STATUSES and not row.english_elsewhere


def _confirmed_since(project: Project, segment_id: int, revision: int) -> bool:
    """True when segment ``segment_id`` is confirmed (or further) in a revision after
    ``revision``: a confirmation asked on that revision was stored."""
    try:
        segment = project.segment(segment_id)
    except NotFoundError:
        return False
    return segment.status in CONFIRMED and segment.revision > revision


# Messages posted from worker threads -----------------------------------------------------------


@dataclass
class Details(Message):
    """The parts of the open segment read in the background."""

    segment_id: int
    matches: list[Any]
    findings: list[Any]
    reference: str | None
    confidence: float | None
    full: bool = True  # False: a recheck (glossary, findings, reference), not a new segment
    last_note: int = 0  # a new segment's newest note there when it opened (not news)


@dataclass
class FlagsReady(Message):
    """Finding counts of segments, for the list's flags."""

    flags: dict[int, tuple[int, int]]


def view_label(spec: ViewSpec) -> Text:
    """What the list shows, as its title says it: ``search "…" · draft, new``; the search is
    isolated, so an Arabic query keeps the quotes and the words around it in place."""
    rest = replace(spec, search="")
    if not spec.search:
        return Text(rest.describe())
    label = Text.assemble('search "', isolate(spec.search), '"')
    if not rest.is_all:
        label.append(f" · {rest.describe()}")
    return label


class EditorScreen(
    SegmentEditing, LiveUpdates, LockActions, BatchActions, ViewActions, TermActions,
    DictionaryActions, MatchesActions, SpellingActions, TagActions, LqaActions, KeepsAnswering,
    FooterScreen, Screen[None],
):
    """Translate segment by segment."""

    KEY_SCOPE = "editor"
    BINDINGS = keys.bindings("editor")

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.rows: SegmentRows | None = None
        self.current: RowData | None = None
        self.current_index = -1
        self.saved_text = ""
        self.dirty_since: float | None = None
        self.last_change = 0.0
        self.base_revision = 0  # the open segment's revision its English was typed on
        self.own_writes = OwnWrites()
        self.pending_writes: dict[int, int] = {}  # segment id -> writes queued, not done
        self.confirm_waiting: tuple[int, str, Future[Written]] | None = None  # the last asked
        self.unsaved: dict[int, str] = {}  # segment id -> English whose write failed
        self.conflicts: dict[int, tuple[Any, str]] = {}  # waiting for the conflict dialog
        self.conflict_shown: int | None = None
        self.conflict_asked: tuple[str, str] | None = None  # the dialog's (yours, intent)
        self.lock_said: tuple[int, int, str] | None = None  # the last lock refusal said
        self.matches: list[Any] = []
        self.tm_matches: list[Any] = []
        self.tm_matches_for: int | None = None
        self.findings: list[Any] = []
        self.show_reference = True
        self.reference_version: str | None = None
        self._details_timer: Timer | None = None
        self._forms: dict[str, str] = {}
        self.document_created = ""  # when the document was imported (see _first_open)

    @property
    def wb(self) -> WorkbenchApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    # layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.wb.read_only:
            project = self.wb.service.project
            yield Static(
                f"READ-ONLY · {project.path}: {project.read_only_reason} · nothing can be "
                "changed", id="read-only-banner",
            )
        yield SegmentList(id="segments")
        with Horizontal(id="open"):
            with Vertical(id="main-col"):
                yield SourceView(id="source")
                yield Static("", id=LOCK_HINT_ID)
                yield EnglishEditor(id="english")
                yield ReferencePanel(id="reference")
            with Vertical(id="side-col"):
                yield GlossaryPanel(id="glossary")
                yield FindingsPanel(id="findings")
            with Vertical(id="dict-col"):
                yield MatchesPanel(id="matches")
                yield DictionaryPanel(id="dictionary")
        yield FittedFooter()

    @property
    def ready(self) -> bool:
        """Whether the screen's widgets are there (composed and not torn down)."""
        return bool(self.query(SegmentList))

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
        dictionary = self.query_one("#dictionary")
        dictionary.border_title = "Dictionary"
        look_up = f"{keys.key_name(self.wb.keymap(), 'lookup_word')}: look up"
        dictionary.set_subtitles(
            f"{look_up} · {keys.key_name(self.wb.keymap(), 'dictionary_type')}: type", look_up)
        self.query_one("#matches").border_title = "Matches"
        self.apply_display()
        self.segment_list.flags_enabled = True
        self.segment_list.low_confidence = self.wb.low_confidence
        self.find_reference()
        self.last_note_id = self.notes_known = self.wb.service.read(
            lambda p: p.team.last_note_id())
        self.load_view(ViewSpec(), self.wb.service.read(self._first_open))
        self.prepare_tm()
        self.sync_read_only()
        self.editor.focus()
        self.autosave_timer = self.set_interval(AUTOSAVE_TICK, self._autosave_tick)
        self.prepare_spelling()
        self.wb.write_unsent(self)

    def find_reference(self) -> None:
        """Choose the reference shown beside the English (reference:main, else the first
        reference), unless one is chosen already."""
        if self.reference_version is not None:
            return

        def find(project: Project) -> str | None:
            names = [n for n in project.versions(self.document.name) if n.startswith("reference:")]
            if "reference:main" in names:
                return "reference:main"
            return names[0] if names else None

        self.reference_version = self.wb.service.read(find)

    def _first_open(self, project: Project) -> int | None:
        """The segment to open first: where the translator left the document, while it is
        still there, else the first one to translate (see :mod:`workbench.tui.positions`);
        the next one when it was left being confirmed and that confirmation is stored."""
        self.document_created = project.document_created(self.document)
        left, confirming = self.wb.positions.left(self.document.id, self.document_created)
        if left is not None and confirming is not None and _confirmed_since(
                project, left, confirming.revision):
            left = confirming.next
        return project.first_open_segment(self.document, left)

    def apply_display(self) -> None:
        """Take the app's direction and shaping settings (and repaint)."""
        self.segment_list.invalidate()
        for panel in (self.query_one(SourceView), self.query_one(GlossaryPanel),
                      self.query_one(FindingsPanel), self.query_one(ReferencePanel),
                      self.query_one(DictionaryPanel), self.query_one(MatchesPanel)):
            panel.redraw()
        self._update_titles()

    def _update_titles(self) -> None:
        seg_list = self.segment_list
        rows = self.rows
        label = view_label(rows.spec) if rows else Text("")
        count = len(rows) if rows else 0
        seg_list.set_title(Text.assemble(isolate(self.document.name), " · ", label,
                                         f" · {plural(count, 'segment')}"))
        # the project's state first (others here, OFFLINE and the edits waiting): a narrow
        # list cuts the subtitle's end; then how a searched or filtered list shows every
        # segment again (Escape does not), then the Arabic's display
        show_all = ("" if rows is None or rows.spec.is_all else
                    f"{keys.key_name(self.wb.keymap(), 'clear_filter')}: all segments")
        seg_list.border_subtitle = " · ".join(part for part in (
            self.wb.team_status, show_all,
            f"Arabic: {self.wb.direction} direction" + (", shaped" if self.wb.shaping else ""),
        ) if part)
        source = next(iter(self.query(SourceView)), None)  # gone while the app shuts down
        if self.current is not None and source is not None:
            source.border_title = (
                f"Arabic · segment {self.current.position} · {self.current.status}"
            )
            self.editor.border_title = (
                "English" + (" · locked" if self.current.locked else "") + self._joined_title()
                + self.presence_title()
            )
            if self.wb.read_only or self.current.locked:
                self.editor.set_subtitles("read-only")
            else:
                self.editor.set_subtitles(*(
                    f"{keys.key_name(self.wb.keymap(), 'confirm', count)} confirm · autosaved"
                    for count in (2, 1)))

    def _joined_title(self) -> str:
        """' · ↑ joined to #7' for a joined segment (its English is its link's, on segment 7):
        the list says so, but a narrow one cuts it off, and the editor alone showed an empty
        English that invited typing the link's English again."""
        row = self.current
        if row is None or not row.english_elsewhere:
            return ""
        return f" · ↑ joined to #{row.joined_to}"

    # views -------------------------------------------------------------------------------------

    def load_view(self, spec: ViewSpec, keep: int | None = None, ids: list[int] | None = None
                  ) -> None:
        """Show the segments of ``spec`` (``ids`` when computed already); open ``keep`` if held."""
        if ids is None:
            ids = self.wb.service.read(
                lambda p: p.view_ids(self.document, ViewSpec(), 0.0, 0.0)
            )
        keep = self._still_shown(keep, ids)
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

    def _still_shown(self, keep: int | None, ids: list[int]) -> int | None:
        """``keep``, or when it is gone (merged elsewhere into the segment before it) the
        nearest segment before it in the view shown now that is in ``ids``: the translator
        stays where they were, not sent to the first segment."""
        old = self.rows
        if keep is None or old is None or keep in set(ids):
            return keep
        at = old.index_of(keep)
        if at is None:
            return keep
        present = set(ids)
        return next((sid for sid in reversed(old.ids[:at]) if sid in present), keep)

    def reload(self, keep: int | None = None) -> None:
        """Read the view again from the store (after segments were merged or split), on
        segment ``keep`` when given and shown, else on the open one."""
        self.flush_edit()
        self.wb.service.flush()
        spec, keep = self.spec, keep if keep is not None else self.current_id
        self.current = None
        self.segment_list.forget_flags()
        self.prepare_tm()
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
        self.base_revision = row.revision
        self.changed_elsewhere = None
        self.wb.watch_segment(self.document.id, row.id)
        self.wb.positions.remember(self.document.id, self.document_created, row.id)
        self.mark_notes_at_open()
        editor = self.editor
        editor.load_text(row.target)
        editor.move_cursor(editor.document.end)  # typing goes on from the end of the English
        # ... but a long English is read from its first line (moving the cursor scrolled to
        # its end; this scroll is deferred as that one is, so it comes after it)
        editor.scroll_home(animate=False)
        self._refused_for = None
        self.sync_read_only()
        self.matches, self.findings = [], []
        self.query_one(SourceView).show(row.source)
        editor.mark_misspelled([])
        self._forms.clear()
        self.dictionary_panel.show_matches([], "…")
        self.clear_matches()
        for panel in (self.query_one(GlossaryPanel), self.query_one(FindingsPanel),
                      self.query_one(ReferencePanel)):
            panel.pend()  # never the last segment's terms, findings or reference
        self._update_titles()
        # Read the panels' details once the selection rests (holding Alt+Down stays fast).
        if self._details_timer is not None:
            self._details_timer.stop()
        self._details_timer = self.set_timer(
            DETAILS_DELAY, partial(self.load_details, row.id, row.source)
        )

    def on_screen_resume(self) -> None:
        """Back from another screen (the reviewer may have approved, and so locked, the open
        segment): read the open segment's row again."""
        if self.rows is None or self.current is None:
            return
        row = self.rows.row(self.current_index)
        if row is not None and row.id == self.current.id and row != self.current:
            self.current = row
            self.sync_read_only()
            self._update_titles()

    @property
    def current_id(self) -> int | None:
        """The id of the open segment (None before one is open)."""
        return self.current.id if self.current is not None else None

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
        """Read the glossary matches, findings and reference of a segment, then its slower
        panels (worker)."""
        self._read_details(segment_id, source, full=True)

    @work(thread=True, exclusive=True, group="recheck")
    def recheck_details(self, segment_id: int, source: str) -> None:
        """Read the glossary matches, findings and reference of the open segment again, after
        a change made elsewhere (its English, the glossary, an override) (worker)."""
        self._read_details(segment_id, source, full=False)

    def _read_details(self, segment_id: int, source: str, full: bool) -> None:
        reference_version, notes_at_open = self.reference_version, self.notes_at_open

        def read(project: Project) -> Details:
            matches = find_terms(project, source)
            findings = segment_findings(project, segment_id)
            reference, confidence = None, None
            if reference_version is not None:
                reference = project.version_text(segment_id, reference_version)
                link = project.link(segment_id, reference_version)
                confidence = None if link is None else link["confidence"]
            notes = project.notes(segment_id) if full else []
            return Details(segment_id, matches, findings, reference, confidence, full,
                           max((n["id"] for n in notes if n["id"] <= notes_at_open), default=0))

        try:
            details = self.wb.service.background(read)
        except Exception as exc:  # shown, never a crash of the editor
            self.wb.notify_error(describe_error(exc))
            if isinstance(exc, ConnectionLostError):
                self.app.call_from_thread(self._details_unavailable, segment_id)
            return
        self.post_message(details)

    def _details_unavailable(self, segment_id: int) -> None:
        """Offline: the panels of the open segment say its details cannot be read, rather
        than go on showing the previous segment's (read again once back online)."""
        if self.current is None or self.current.id != segment_id:
            return
        note = Text("Not available: the database server cannot be reached.", style="dim")
        reference = self.query_one(ReferencePanel)
        reference.text, reference.border_subtitle = None, ""
        for panel in (reference, self.query_one(FindingsPanel), self.query_one(GlossaryPanel)):
            panel.set_content(note)

    def on_details(self, message: Details) -> None:
        if self.current is None or message.segment_id != self.current.id:
            return
        self.matches = message.matches
        self.query_one(ReferencePanel).show(
            message.reference, message.confidence, self.wb.low_confidence
        )
        self.show_findings(message.findings)
        if not message.full:
            return
        self.last_note_id = max(self.last_note_id, message.last_note)
        # then the slower panels, each in its own worker
        self.load_matches(message.segment_id)
        self.show_tag_titles(message.segment_id, self.current.source)
        self.load_dictionary(message.segment_id)
        self.check_spelling_now()
        self.want_repetitions()

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
        english = self.editor.text
        seen: set[str] = set()
        for match in self.matches:
            if match.term in seen:
                continue
            seen.add(match.term)
            for entry in match.entries:
                lines.append(TermLine(
                    len(lines) + 1, match.term, entry.rendering, tuple(entry.forbidden),
                    entry.comment, problems.get(match.term),
                    bool(english.strip()) and bool(find_rendering(english, entry.rendering)),
                ))
        self.query_one(GlossaryPanel).show(lines)
        self.segment_list.set_flags({self.current.id: severity_counts(findings)})

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
                out[sid] = severity_counts(found)
            return out

        try:
            flags = self.wb.service.background(read)
        except Exception as exc:  # notified; the rows stay without flags
            self.wb.notify_error(describe_error(exc))
            return
        self.post_message(FlagsReady(flags))

    def on_flags_ready(self, message: FlagsReady) -> None:
        self.segment_list.set_flags(message.flags)

    # moving -----------------------------------------------------------------------------------

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
        index = self._next_open_index()
        if index is None:
            self.notify("No untranslated segment after this one.")
        else:
            self.open_index(index)

    def _next_open_index(self) -> int | None:
        """The index of the next segment of the view that still needs translating: found by
        the store (no page of rows read on the way), the rows cached here (edits whose write
        is still queued) winning over it."""
        rows, current = self.rows, self.current
        if rows is None or current is None:
            return None
        start, position = self.current_index + 1, current.position
        while True:
            found = self.wb.service.read(
                lambda p, after=position: p.open_segments_after(self.document, after, OPEN_BATCH))
            for segment_id, _ in found:
                index = rows.index_of(segment_id)
                if index is None or index < start:
                    continue
                cached = rows.first_cached(start, index, _still_open)
                if cached is not None:
                    return cached
                row = rows.row(index)
                if row is not None and _still_open(row):
                    return index
                start = index + 1  # confirmed meanwhile, its write still queued
            if len(found) < OPEN_BATCH:
                return rows.first_cached(start, len(rows), _still_open)
            position = found[-1][1]

    def action_switch_focus(self) -> None:
        """Move the focus between the segment list and the English editor."""
        if self.editor.has_focus:
            self.segment_list.focus()
        else:
            self.editor.focus()

    def action_toggle_reference(self) -> None:
        """Show or hide the reference translation."""
        self.show_reference = not self.show_reference
        self.query_one(ReferencePanel).display = self.show_reference

