"""The translation memory in the editor: the Matches panel, inserting a match, auto-insert, the
segment list's 100/101 and repetition marks, and the concordance dialog.

- Once a segment's details are shown (the selection rested), a worker reads its best matches
  on the second connection (``project.tm.segment_matches``) into the Matches panel; a result
  for a segment left meanwhile is dropped.
- Shift+F5 gives the panel the focus: 1-9 (or Enter on the match under the cursor) replace
  the English with that match, Escape goes back; Ctrl+F1 replaces it with the best match
  (pressed before the segment's matches are read, once they are, unless English was typed
  meanwhile).
  The match is written by ``project.tm.insert_match`` on the writer thread (a draft; its
  origin in the history and a note), in order with the autosaves, on the revision the editor
  read (changed meanwhile by someone else: the conflict dialog).
- With ``[tm] auto_insert_min`` set in the config file, an empty segment opened gets its best
  match at or above it (``project.tm.auto_insert``: written only if still empty).
- Layout: from :data:`~workbench.tui.screens.editor.dictionary.WIDE` columns the panel sits
  above the Dictionary panel in the third column; narrower (80x24) it takes the place of the
  glossary and the findings as a tab (Shift+F6 switches). A segment opens on the pane the
  translator last chose with Shift+F6 (the matches before any choice), as OmegaT and memoQ
  keep a chosen pane, but on the glossary and the findings when it has no match or has error
  or warning findings, which the matches would hide (:meth:`MatchesActions.opening_tab`);
  before the first segment's matches are read, on the matches when the project's memories
  hold units.
- The list's marks are read for the rows painted, a page at a time
  (``project.tm.exact_scores``); the repetitions once per view (``project.tm.repeated_ids``).
- A memory imported or removed elsewhere (``workbench tm import|remove``) while a segment is
  open: its matches and the list's marks are read again (the panel went on offering, and
  Ctrl+F1 inserting, the matches of a memory removed meanwhile).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from workbench.errors import ConflictError
from workbench.tui import keys
from workbench.tui.heap import freeze_long_lived
from workbench.tui.screens.concordance import ConcordanceScreen
from workbench.tui.screens.editor.editing import Written, _checked, _kept_locked
from workbench.tui.screens.editor.host import EditorPart
from workbench.tui.service import describe_error, severity_counts
from workbench.tui.widgets.matches_panel import MatchesPanel
from workbench.tui.widgets.panels import GlossaryPanel
from workbench.tui.widgets.segment_list import SegmentList

if TYPE_CHECKING:
    from concurrent.futures import Future

    from workbench.project import Document, Project
    from workbench.tm.results import ConcordanceHit
    from workbench.tui.screens.editor.editing import OwnWrites

MIN_SCORE = 50
"""The lowest score the panel shows."""
LIMIT = 5
"""How many matches the panel shows."""


@dataclass
class MatchesReady(Message):
    """The matches of a segment (posted by the worker)."""

    segment_id: int
    matches: list[Any]
    note: str = ""


@dataclass
class MemorySetChanged(Message):
    """The project's memories changed elsewhere while ``segment_id`` was open."""

    segment_id: int


def _memory_set(project: Project) -> tuple[tuple[int, str], ...]:
    """The memories (id, name) a segment's matches are read from (no unit counts: read at
    each segment opened)."""
    return tuple(sorted(project.tm.memory_names().items()))


@dataclass
class TmMarksReady(Message):
    """The 100/101 marks of segments (0: neither) and, when read, the repetitions."""

    scores: dict[int, int]
    repeats: set[int] | None = None
    has_units: bool | None = None


class MatchesActions(EditorPart):
    """The editor screen's translation memory (a mixin of ``EditorScreen``)."""

    tm_matches: list[Any]  # the matches shown, of the open segment
    tm_matches_for: int | None  # the segment they are of
    findings: list[Any]  # the open segment's QA findings
    # (segment, match number, its English then): an insertion asked before its matches came
    _insert_wanted: tuple[int, int, str] | None = None
    _memories: tuple[tuple[int, str], ...] | None = None  # the memories they were read from

    if TYPE_CHECKING:
        document: Document
        saved_text: str
        dirty_since: float | None
        base_revision: int
        own_writes: OwnWrites

        @property
        def locked(self) -> bool: ...

        def post_message(self, message: Message) -> bool: ...

        def set_class(self, add: bool, *class_names: str) -> Any: ...

        def has_class(self, *class_names: str) -> bool: ...

        def insert_text(self, text: str) -> None: ...

        def refuse_edit(self) -> bool: ...

        def flush_edit(self) -> Any: ...

        def show_dictionary(self, shown: bool = True) -> None: ...

        def _write(self, segment_id: int, kind: str, text: str, job: Any,
                   unsent: Any = None) -> Future[Written]: ...

        def _unsent(self, segment_id: int, kind: str, text: str, base: int = 0) -> Any: ...

    @property
    def matches_panel(self) -> MatchesPanel:
        """The Matches panel."""
        return self.query_one(MatchesPanel)

    # the panel -------------------------------------------------------------------------------

    def clear_matches(self) -> None:
        """A new segment is open: its matches are not read yet."""
        self.tm_matches, self.tm_matches_for = [], None
        self._insert_wanted = None
        panel = self.matches_panel
        panel.show_matches([], "…")
        panel.set_best(None)
        self.show_tab_hint()  # not the last segment's best score

    @work(thread=True, exclusive=True, group="matches")
    def load_matches(self, segment_id: int) -> None:
        """Read the best matches of segment ``segment_id`` into the panel (worker)."""
        def read(project: Project) -> list[Any]:
            self._memories = _memory_set(project)
            return project.tm.segment_matches(segment_id, min_score=MIN_SCORE, limit=LIMIT)

        try:
            found = self.wb.service.background(read)
        except Exception as exc:  # said in the panel and notified, never a crash
            error = describe_error(exc)
            self.wb.notify_error(error)
            self.post_message(MatchesReady(segment_id, [], f"✗ {error}"))
            return
        self.post_message(MatchesReady(segment_id, found))

    def on_matches_ready(self, message: MatchesReady) -> None:
        if self.current is None or self.current.id != message.segment_id:
            return  # late: another segment is open now
        self.tm_matches, self.tm_matches_for = message.matches, message.segment_id
        self.matches_panel.show_matches(message.matches, message.note)
        self.matches_panel.set_best(message.matches[0].score if message.matches else None)
        self.show_matches_tab(self.opening_tab(message.matches))
        wanted, self._insert_wanted = self._insert_wanted, None
        if wanted is not None and wanted[0] == message.segment_id:
            if wanted[2] == self.editor.text:  # nothing typed since the key: asked for
                self.action_insert_match(wanted[1])
            return
        self._auto_insert()

    @work(thread=True, exclusive=True, group="memory-set")
    def recheck_memories(self, segment_id: int) -> None:
        """Something changed elsewhere: read the segment's matches and the list's marks again
        if the project's memories are not those they were read from (one imported or removed
        elsewhere)."""
        try:
            now = self.wb.service.background(_memory_set)
        except Exception:  # offline, say: looked at again at the next change
            return
        if now != self._memories:
            self.post_message(MemorySetChanged(segment_id))

    def on_memory_set_changed(self, message: MemorySetChanged) -> None:
        self.segment_list.forget_tm()
        if self.current is not None and self.current.id == message.segment_id:
            self.clear_matches()  # no match of a removed memory is offered meanwhile
            self.load_matches(message.segment_id)

    # inserting -------------------------------------------------------------------------------

    def action_insert_match(self, number: int) -> None:
        """Replace the English with match ``number`` of the panel (asked before the
        segment's matches are read, as Ctrl+F1 right after Alt+Down: once they are)."""
        if self.current is None:
            return
        if self.tm_matches_for != self.current.id:
            self._insert_wanted = (self.current.id, number, self.editor.text)
            return
        if not 0 < number <= len(self.tm_matches):
            have = len(self.tm_matches)
            self.notify("This segment has no translation memory matches." if not have else
                        f"No match {number}: this segment has {have} translation memory "
                        f"match{'es' if have != 1 else ''}.", severity="warning")
            return
        if self.refuse_edit():
            return
        self.flush_edit()  # the English typed so far stays in the history
        self.put_match(self.tm_matches[number - 1], auto=False)

    def put_match(self, match: Any, *, auto: bool) -> None:
        """Queue the write of ``match`` into the open segment: ``insert_match`` (its English
        is shown in the editor at once), or ``auto_insert`` when ``auto`` (shown once written:
        the segment may have been filled meanwhile)."""
        assert self.current is not None
        segment_id, text = self.current.id, match.text
        base, own = self.base_revision, self.own_writes
        threshold = self.wb.config.tm_auto_insert_min
        if not auto:
            editor = self.editor
            editor.load_text(text)
            editor.move_cursor(editor.document.end)
            self.saved_text = text
            self.dirty_since = None

        def job(project: Project) -> Written:
            revision = own.current(segment_id, base)
            now = project.segment(segment_id)
            if auto:
                if now.revision != revision:  # changed meanwhile: leave it alone
                    return Written(segment_id, "tm", now.target, now)
                segment = project.tm.auto_insert(segment_id, match, min_score=threshold)
                if segment is None:  # filled or locked meanwhile: nothing written
                    return Written(segment_id, "tm", now.target, now)
            elif now.locked:
                return _kept_locked(project, segment_id, text)
            elif now.revision != revision:
                return Written(segment_id, "conflict", text, intended="save", conflict=(
                    ConflictError(segment_id, base_revision=revision, revision=now.revision,
                                  theirs=now.target, theirs_status=now.status, author=None,
                                  yours=text, action="save")))
            else:
                segment = project.tm.insert_match(segment_id, match)
            own.moved(segment_id, revision, segment.revision)
            return Written(segment_id, "tm", segment.target, segment,
                           _checked(project, segment_id))

        # an inserted match waiting for the server is kept as English typed (an autosave)
        self._write(segment_id, "tm", text, job,
                    None if auto else self._unsent(segment_id, "save", text, base))

    def _auto_insert(self) -> None:
        """Put the best match into the open segment if the config asks for it and the
        segment is still empty and untouched."""
        threshold = self.wb.config.tm_auto_insert_min
        row = self.current
        if (threshold <= 0 or row is None or not self.tm_matches
                or self.tm_matches[0].score < threshold or row.target.strip()
                or self.editor.text or self.saved_text or self.dirty_since is not None
                or self.wb.read_only or self.locked):
            return
        self.put_match(self.tm_matches[0], auto=True)

    def on_written(self, message: Written) -> None:  # besides SegmentEditing.on_written
        """An auto-inserted match is shown once written (if nothing was typed meanwhile); a
        confirmation can make other segments 100% matches: the list's marks are read again."""
        if message.kind == "confirmed":
            self.segment_list.forget_tm()
        segment = message.segment
        if (message.kind != "tm" or segment is None or self.current is None
                or self.current.id != message.segment_id):
            return
        editor = self.editor
        if (segment.target and not editor.text and not self.saved_text
                and self.dirty_since is None):
            editor.load_text(segment.target)
            editor.move_cursor(editor.document.end)
            self.saved_text = segment.target
            self.notify(f"Segment {segment.position}: {self._auto_inserted()} was inserted "
                        "(auto-insert; a draft).")

    def _auto_inserted(self) -> str:
        """What auto-insert put into the open segment, for its notice."""
        best = self.tm_matches[0] if self.tm_matches else None
        if best is not None and best.non_translatable:
            return "its digits and punctuation converted (no letters to translate)"
        return "the best translation memory match"

    # focus and layout ------------------------------------------------------------------------

    def opening_tab(self, matches: list[Any]) -> bool:
        """Whether the narrow layout shows the matches (else the glossary and the findings)
        for the open segment, once its matches are read: the translator's pane (Shift+F6;
        the matches before any choice), unless there is no match to show or a finding
        (error or warning) to see before confirming."""
        return self._prefer_matches and bool(matches) and not any(
            severity_counts(self.findings))

    def show_matches_tab(self, shown: bool = True) -> None:
        """Narrow terminals: the matches (``shown``) or the glossary and the findings."""
        self.set_class(shown, "-matches")
        self.show_tab_hint()

    def show_tab_hint(self) -> None:
        """The glossary's subtitle names the key to the matches where they are a tab (narrow
        terminals showing the glossary), and the Matches panel's the key back to the glossary
        (it said nothing of it: the glossary and the findings seemed gone); a wide terminal
        shows both: no tab hint. The panel's keys come first where there is room."""
        keymap = self.wb.keymap()
        tab = "" if self.has_class("wide") else keys.key_name(keymap, "side_panels")
        best = self.matches_panel.best
        if not tab or self.has_class("-matches"):
            hint: tuple[str, ...] = ("",)
        elif best is not None:  # the hidden tab holds a match: said, and how good
            hint = (f"{tab}: matches {best}%", f"{tab}: matches")
        else:
            hint = (f"{tab}: matches",)
        self.query_one(GlossaryPanel).set_subtitles(*hint)
        choose = f"{keys.key_name(keymap, 'matches_panel')}: choose"
        insert = keys.key_name(keymap, "insert_match")
        full = f"{choose} · {insert}: insert 1"
        if tab:
            variants = (f"{full} · {tab}: glossary", f"{choose} · {tab}: glossary",
                        f"{tab}: glossary")
        else:
            variants = (full, f"{choose} · {insert}: best", choose)
        self.matches_panel.set_subtitles(*variants)

    def action_side_panels(self) -> None:
        """Switch the narrow layout's tab: matches / glossary and findings."""
        self.show_dictionary(False)
        self._tm_tab_chosen = True
        self._prefer_matches = not self.has_class("-matches")
        self.show_matches_tab(self._prefer_matches)

    def action_matches_panel(self) -> None:
        """Show the Matches panel and give it the focus; again: back to the English."""
        panel = self.matches_panel
        if panel.has_focus:
            self.editor.focus()
            return
        self.show_dictionary(False)
        self.show_matches_tab()
        panel.focus()

    def on_matches_panel_insert(self, event: MatchesPanel.Insert) -> None:
        event.stop()
        self.editor.focus()
        self.action_insert_match(event.number)

    def on_matches_panel_back(self, event: MatchesPanel.Back) -> None:
        event.stop()
        self.editor.focus()

    # the list's marks ------------------------------------------------------------------------

    def on_segment_list_tm_wanted(self, event: SegmentList.TmWanted) -> None:
        self.read_tm_marks(event.ids)

    @work(thread=True, group="tm-marks")
    def read_tm_marks(self, ids: list[int], repeats: bool = False, units: bool = False) -> None:
        """Read the 100/101 marks of ``ids``, and the document's repetitions (``repeats``) or
        whether the memories hold units (``units``) (worker)."""
        name = self.document.name

        def read(project: Project) -> TmMarksReady:
            scores = project.tm.exact_scores(ids) if ids else {}
            ready = TmMarksReady({sid: scores.get(sid, 0) for sid in ids})
            if repeats:
                ready.repeats = set(project.tm.repeated_ids(name))
            if units:
                ready.has_units = any(m.units for m in project.tm.memories())
            return ready

        try:
            ready = self.wb.service.background(read)
        except Exception as exc:  # notified; the rows stay without marks
            self.wb.notify_error(describe_error(exc))
            return
        self.post_message(ready)

    def on_tm_marks_ready(self, message: TmMarksReady) -> None:
        self.segment_list.set_tm(message.scores, message.repeats)
        if message.repeats is not None:
            freeze_long_lived()  # the repetitions, and the memory's caches read on the way
        if message.has_units is not None and not self._tm_tab_chosen:
            self._tm_tab_chosen = True
            if self.tm_matches_for is None:  # until the open segment's matches are read
                self.show_matches_tab(message.has_units)

    _tm_tab_chosen = False
    _prefer_matches = True  # the narrow layout's pane Shift+F6 chose: the matches or not
    _repeats_wanted = False

    def prepare_tm(self) -> None:
        """Start the list's marks (again after segments were merged or split: the repetitions
        too) and find which tab the narrow layout opens on."""
        self.segment_list.tm_enabled = True
        self.segment_list.forget_tm()
        self._repeats_wanted = True
        if not self._tm_tab_chosen:
            self.read_tm_marks([], units=True)

    def want_repetitions(self) -> None:
        """Read the document's repetitions if they are wanted: called once the open segment's
        details are shown, so that on a large document (a second for 100,000 segments) the
        first segment's panels are read before them."""
        if self._repeats_wanted:
            self._repeats_wanted = False
            self.read_tm_marks([], repeats=True)

    # concordance -----------------------------------------------------------------------------

    def action_concordance(self) -> None:
        """Search the memories (starting from the English selected in the editor); the
        chosen unit's English is inserted at the cursor (over the selection)."""

        def chosen(hit: ConcordanceHit | None) -> None:
            self.editor.focus()
            if hit is not None and self.current is not None and not self.refuse_edit():
                # another tool's {1} {/1} as the segment's tags, never as text
                english = hit.english_for(self.current.source)
                if english:
                    self.insert_text(english)

        self.wb.push_screen(ConcordanceScreen(self.editor.selected_text), chosen)
