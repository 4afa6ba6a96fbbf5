"""Other people's work in the editor, as it happens (the app's live link, ``tui/live.py``):

- a segment changed elsewhere is read again and its row repainted; the cursor stays where it
  is, and so does the view (segments added, removed or re-cut elsewhere: the view is read
  again around the open segment);
- the open segment changed elsewhere: an editor holding nothing unsaved takes the new English
  (the cursor kept beside the same words: :func:`moved_offset`) and says who changed it, and
  its glossary marks, findings and reference are read again (also after any change made
  elsewhere on SQLite, whose feed does not say what changed: a term added to the glossary, a
  finding accepted); one holding typed English keeps it, and the title says the segment
  changed elsewhere (saving it shows the conflict dialog); when it was approved and locked,
  the typed English is also kept as a note (``unsaved-edit``);
- a note added to the open segment by someone else is shown as a notification;
- the Dictionary panel reads the open segment's words again when the project's dictionaries
  changed elsewhere (one added or removed from the command line; on PostgreSQL, whose feed
  names only segment, note and document changes, the panel sees it at the next segment);
  so do the Matches panel and the list's 100/101 marks when the memories changed, and the
  English's spelling marks are checked again (a word added to the project's list elsewhere);
- who else has which segment open: a mark in the list, the names in the English title.
"""

from __future__ import annotations

import itertools
import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from rich.text import Text

from workbench.errors import WorkbenchError
from workbench.glossary.qa import may_change_others
from workbench.project.views import ViewSpec
from workbench.store.live import Change
from workbench.tui.display import isolate
from workbench.tui.screens.editor.host import EditorPart

# Segments changed elsewhere at once whose English is read to tell whether other rows' QA
# marks may change with them (more: assumed so, and every mark is computed again)
FEW_CHANGED = 50

if TYPE_CHECKING:
    from workbench.project import Document, Project
    from workbench.tui.rows import SegmentRows
    from workbench.tui.screens.editor.editing import OwnWrites
    from workbench.tui.widgets.dictionary_panel import DictionaryPanel


def moved_offset(old: str, new: str, at: int) -> int:
    """Where a cursor at ``at`` in ``old`` belongs in ``new`` (``old`` changed elsewhere):
    beside the same words where they are kept, after the words that replaced the ones it was
    in, at the end when it was at the end (a translator typing on at the end of a segment that
    someone changed earlier in it went on typing in the middle of a word); at the start when
    ``old`` was empty (English filled in elsewhere is read from its start)."""
    if not old:
        return 0
    if at >= len(old):
        return len(new)
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    starts = list(itertools.accumulate((len(t) for t in after), initial=0))
    offset = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        size = sum(len(t) for t in before[i1:i2])
        if offset <= at < offset + size:
            return starts[j1] + (at - offset) if tag == "equal" else starts[j2]
        offset += size
    return len(new)


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


class LiveUpdates(EditorPart):
    """The editor screen's view of the others' work (a mixin of ``EditorScreen``)."""

    changed_elsewhere: str | None = None  # who changed the open segment under typed English
    last_note_id: int = 0  # notes up to this id were there (or said) already
    notes_known: int = 0  # the project's newest note, as last read
    notes_at_open: int = 0  # ... when the open segment opened
    notes_stale = False  # others changed something since the newest note was read

    if TYPE_CHECKING:
        document: Document
        rows: SegmentRows | None
        current_index: int
        saved_text: str
        dirty_since: float | None
        base_revision: int
        pending_writes: dict[int, int]
        own_writes: OwnWrites
        conflicts: dict[int, Any]
        conflict_shown: int | None

        def load_view(self, spec: ViewSpec, keep: int | None = None,
                      ids: list[int] | None = None) -> None: ...

        def compute_view(self, spec: ViewSpec, keep: int | None = None) -> None: ...

        def sync_read_only(self) -> None: ...

        def keep_locked(self, segment_id: int, text: str) -> Any: ...

        def load_dictionary(self, segment_id: int) -> None: ...

        def recheck_dictionaries(self, segment_id: int) -> None: ...

        def recheck_memories(self, segment_id: int) -> None: ...

        def check_spelling_now(self) -> None: ...

        def recheck_details(self, segment_id: int, source: str) -> None: ...

        @property
        def dictionary_panel(self) -> DictionaryPanel: ...

        def _update_titles(self) -> None: ...

    @property
    def others_here(self) -> list[str]:
        """The others who have the open segment open too."""
        if self.current is None:
            return []
        return self.segment_list.others.get(self.current.id, [])

    def _others_marks_stale(self, ids: set[int]) -> bool:
        """Whether English changed elsewhere may change the QA marks of rows it did not touch
        (a quotation mark that closed another segment's, deleted): the English of a few
        segments is read and compared with the list's; more are assumed to."""
        assert self.rows is not None
        if len(ids) > FEW_CHANGED:
            return True
        before: dict[int, str | None] = {}
        for sid in ids:
            index = self.rows.index_of(sid)
            row = self.rows.cached(index) if index is not None else None
            before[sid] = None if row is None else row.target
        document = self.document
        try:  # one query (this runs on the UI thread)
            after = {r.id: r.target for r in self.wb.service.read(
                lambda p: p.list_rows(document, sorted(ids)))}
        except WorkbenchError:  # offline: read everything again
            return True
        return any(sid not in after or may_change_others(before[sid], after[sid])
                   for sid in ids)  # (one merged away meanwhile: everything again)

    def live_changed(self, changes: list[Change]) -> None:
        """Show what others changed (see the module)."""
        if self.rows is None:
            return
        doc = self.document.id
        everything, structure = False, False
        ids: set[int] = set()
        notes: set[int] = set()
        for change in changes:
            if change.kind == "all":
                everything = True
            elif change.kind == "structure" and change.document_id == doc:
                structure = True
            elif change.kind == "segments" and change.document_id == doc:
                if change.segment_ids is None:
                    everything = True
                else:
                    ids.update(change.segment_ids)
            elif change.kind == "notes":
                notes.update(change.segment_ids or ())
        if structure:
            self.reread_view()
            everything = True
        if everything:
            self.rows.clear()
            self.segment_list.forget_flags()
            self.segment_list.invalidate()
        elif ids:
            if self._others_marks_stale(ids):
                self.segment_list.forget_flags()
                self.segment_list.invalidate()
            for index in self.rows.forget(sorted(ids)):
                self.segment_list.refresh_row(index)
            for sid in ids:
                self.segment_list.flags.pop(sid, None)
        if self.current is not None and (everything or self.current.id in ids):
            self.refresh_open()
            if not self._busy():  # typed English is checked when it is saved
                self.recheck_details(self.current.id, self.current.source)
        self.notes_stale = self.notes_stale or everything or bool(notes)
        if self.current is not None and (everything or self.current.id in notes):
            self.say_new_notes()
        if self.current is not None and everything:  # a dictionary or memory added or removed?
            self.recheck_dictionaries(self.current.id)
            self.recheck_memories(self.current.id)
            self.check_spelling_now()  # a word added to the project's word list?

    def reread_view(self) -> None:
        """Segments were added, removed or re-cut elsewhere: read the view again, keeping the
        open segment (and what is typed in it)."""
        spec = self.spec
        keep = self.current.id if self.current is not None else None
        if not spec.is_all:
            self.compute_view(spec, keep)
            return
        try:
            ids = self.wb.service.read(lambda p: p.view_ids(self.document, ViewSpec(), 0, 0))
        except WorkbenchError:
            return  # offline: read again when the link is back
        self.load_view(spec, keep, ids)

    def refresh_segment(self, segment_id: int) -> None:
        """Read one segment's row again (after a change of it that this editor did not make
        through its own writes)."""
        if self.rows is None:
            return
        for index in self.rows.forget([segment_id]):
            self.segment_list.refresh_row(index)
        if self.current is not None and self.current.id == segment_id:
            self.refresh_open()

    def refresh_open(self) -> None:
        """The open segment may have changed elsewhere: take it in (see the module)."""
        if self.rows is None or self.current is None:
            return
        try:
            row = self.rows.row(self.current_index)
        except WorkbenchError:
            return
        old = self.current
        if row is None or row.id != old.id or row.revision <= self.base_revision:
            return
        if row.revision <= self.own_writes.current(row.id, self.base_revision):
            return  # this editor's own write, its answer not back yet (its checks running)
        self.current = row
        busy = self._busy()
        same_english = row.target == self.editor.text
        nothing_seen = (row.target, row.status) == (old.target, old.status) and not busy
        if same_english or nothing_seen:  # our own write came back, or nothing to show
            self.base_revision = row.revision
            if not busy:
                self.saved_text = row.target
        elif busy and row.locked and not old.locked:  # approved meanwhile: keep the typing
            self.keep_locked(row.id, self.editor.text)
        elif busy and self._own_write_landing(row.id):
            pass  # its message brings the revision; a change by someone else makes it conflict
        elif busy:
            self.changed_elsewhere = self._who_changed(row.id) or "someone"
            if row.revision != old.revision:  # once a change (the feed may tell it again)
                self.notify(
                    f"Segment {row.position} was changed by {self.changed_elsewhere} while you "
                    "were editing it: your English is kept; saving it shows both.",
                    severity="warning", timeout=8,
                )
        else:
            who = self._who_changed(row.id)
            self.base_revision = row.revision
            self.saved_text = row.target
            self.changed_elsewhere = None
            editor = self.editor
            before = editor.document.text
            at = editor.document.get_index_from_location(editor.cursor_location)
            editor.load_text(row.target)
            editor.move_cursor(editor.document.get_location_from_index(
                moved_offset(before, editor.document.text, at)))
            self.notify(f"Segment {row.position} was changed by {who or 'someone'} "
                        f"({row.status}).", timeout=5)
        self.sync_read_only()
        self._update_titles()

    def _busy(self) -> bool:
        """Is English typed in the open segment not yet saved (or being saved, or refused by a
        conflict the translator has not answered yet)?"""
        if self.current is None:
            return False
        segment_id = self.current.id
        pending = self.pending_writes.get(segment_id, 0) > 0
        in_conflict = self.conflict_shown == segment_id or segment_id in self.conflicts
        return (self.editor.text != self.saved_text or self.dirty_since is not None or pending
                or in_conflict)

    def _own_write_landing(self, segment_id: int) -> bool:
        """Is the change seen one of this editor's queued writes, written but its message not
        yet handled (the edits that waited offline, written one by one when the server is
        back)? Then it is not a change made elsewhere."""
        if self.pending_writes.get(segment_id, 0) <= 0:
            return False
        return self._who_changed(segment_id) == self.wb.service.project.author

    def _who_changed(self, segment_id: int) -> str | None:
        try:
            last = self.wb.service.read(lambda p: p.team.last_change(segment_id))
        except WorkbenchError:
            return None
        return None if last is None else str(last["author"])

    def mark_notes_at_open(self) -> None:
        """A segment opens: the notes it holds now are not news (those added from now on
        are). The project's newest note is read again only when others changed something
        since (the feed): a note added a moment before, not told yet, counts as news."""
        if self.notes_stale:
            try:
                self.notes_known = self.wb.service.read(lambda p: p.team.last_note_id())
                self.notes_stale = False
            except WorkbenchError:  # offline: the last one known
                pass
        self.notes_at_open = self.notes_known

    def say_new_notes(self) -> None:
        """Show the notes others added to the open segment since they were last looked at."""
        if self.current is None:
            return
        segment_id, position = self.current.id, self.current.position

        def read(project: Project) -> list[dict[str, Any]]:
            return project.notes(segment_id)

        try:
            notes = self.wb.service.read(read)
        except WorkbenchError:
            return
        me = self.wb.service.project.author
        for note in notes:
            if note["id"] > self.last_note_id and note["author"] != me:
                self.notify(Text.assemble(f"Note on segment {position} from {note['author']} "
                                          f"({note['kind']}): ", isolate(note["text"])),
                            timeout=10)
        self.last_note_id = max([self.last_note_id, *(n["id"] for n in notes)])

    def presence_changed(self, others: dict[int, list[str]]) -> None:
        """Show who else has which segment open."""
        self.segment_list.set_others(others)
        self._update_titles()

    def presence_title(self) -> str:
        """The English editor's title part about the others: `` · also here: ana`` and
        `` · changed by ben meanwhile`` (typed English kept; saving shows both)."""
        parts = ""
        if self.others_here:
            parts += f" · also open by {', '.join(self.others_here)}"
        if self.changed_elsewhere:
            parts += f" · changed by {self.changed_elsewhere} meanwhile"
        return parts
