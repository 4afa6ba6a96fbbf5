"""App actions that open the reviewer, scores, export and import screens and a segment's history,
and the editor's alignment fixes (merge with the next segment, split at the cursor, move a
reference sentence).

``ScreenActions`` is a mixin of :class:`~workbench.tui.app.WorkbenchApp`; its key bindings are
in :mod:`workbench.tui.keys` (``APP_KEYS`` for the screens, ``EDITOR_KEYS`` for the fixes, whose
actions are ``app.``-prefixed). Structural changes run in a worker on the second connection
after the queued writes have landed; the English editor is read-only meanwhile, then the
editor's list is read again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual import work
from textual.screen import ModalScreen

from workbench.tui import keys
from workbench.tui.screens.export import ExportScreen
from workbench.tui.screens.history import HistoryScreen
from workbench.tui.screens.importer import ImportDone, ImportScreen
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.screens.scores import ScoresScreen
from workbench.tui.screens.split import SplitChoice, SplitScreen
from workbench.tui.service import describe_error, refusals_in_list

if TYPE_CHECKING:
    from workbench.project import ImportReport, Project
    from workbench.project.exchange_results import ExchangeReport
    from workbench.tui.screens.editor import EditorScreen
    from workbench.tui.service import ProjectService


class ScreenActions:
    """Reviewer, scores, export, import and alignment-fix actions of the workbench app."""

    if TYPE_CHECKING:
        service: ProjectService

        @property
        def editor(self) -> EditorScreen | None: ...

        @property
        def screen(self) -> Any: ...

        def push_screen(self, screen: Any, callback: Any = None) -> Any: ...

        def notify(self, message: str, **kwargs: Any) -> None: ...

        def notify_error(self, message: str) -> None: ...

        def keymap(self) -> dict[str, str]: ...

        def call_from_thread(self, callback: Callable[..., Any], *args: Any) -> Any: ...

        def reload_segments(self) -> None: ...

        def open_document(self, name: str) -> None: ...

    def _editor_ready(self) -> EditorScreen | None:
        """The editor, when no dialog is open over the current screen."""
        if isinstance(self.screen, ModalScreen):
            return None
        return self.editor

    # screens ---------------------------------------------------------------------------------

    def action_review(self) -> None:
        """Open the reviewer screen: every segment with its findings; approve / review / reject."""
        editor = self._editor_ready()
        if editor is not None and not isinstance(self.screen, ReviewScreen):
            self.push_screen(ReviewScreen(editor.document))

    def action_scores(self) -> None:
        """Open the scores screen: working translation and drafts against the references."""
        editor = self._editor_ready()
        if editor is not None and not isinstance(self.screen, ScoresScreen):
            self.push_screen(ScoresScreen(editor.document))

    def action_export(self) -> None:
        """Open the export dialog."""
        editor = self._editor_ready()
        if editor is None:
            return
        editor.flush_edit()
        self.push_screen(ExportScreen(editor.document))  # the dialog says what it wrote

    def action_import(self) -> None:
        """Open the import dialog (an Arabic document, an English translation, a translation
        memory or a glossary)."""
        if isinstance(self.screen, ModalScreen):
            return
        editor = self.editor

        def imported(done: ImportDone | None) -> None:
            if done is None:
                return
            kind = done.request.kind
            current = self.editor
            if kind == "memory":
                if current is not None and current.current is not None:  # its matches again
                    current.recheck_memories(current.current.id)
                return
            if kind == "glossary":
                if current is not None:
                    current.glossary_imported()
                return
            report = cast("ImportReport | ExchangeReport", done.report)
            if kind == "document":
                self.open_document(report.document)
                return
            if current is not None and current.document.name == report.document:
                current.find_reference()
                self.reload_segments()

        self.push_screen(ImportScreen(editor.document if editor else None), imported)

    # alignment fixes -------------------------------------------------------------------------

    def _open_segment(self) -> tuple[EditorScreen, int] | None:
        """The editor and its open segment's id, when the editor is the screen in front."""
        editor = self.editor
        if editor is None or editor.current is None or self.screen is not editor:
            return None
        return editor, editor.current.id

    def action_segment_history(self) -> None:
        """Show the open segment's history: its English's changes and its notes."""
        found = self._open_segment()
        if found is not None:
            editor, segment_id = found
            self.push_screen(HistoryScreen(segment_id, editor.current.position))

    def action_merge_next(self) -> None:
        """Merge the open segment with the next one (Arabic, English, history, links)."""
        found = self._open_segment()
        if found is None:
            return
        editor, segment_id = found
        self._restructure(
            editor, segment_id, lambda p: p.merge_with_next(segment_id),
            lambda seg: f"Merged: segment {seg.position} now holds both.",
        )

    def action_split_segment(self) -> None:
        """Split the open segment: choose the Arabic cut; the English is cut at the cursor."""
        found = self._open_segment()
        if found is None:
            return
        editor, segment_id = found
        current = editor.current
        assert current is not None
        text_area = editor.editor
        english = text_area.text
        cursor = text_area.document.get_index_from_location(text_area.cursor_location)

        def chosen(choice: SplitChoice | None) -> None:
            if choice is None:
                return
            self._restructure(
                editor, segment_id,
                lambda p: p.split_segment(segment_id, choice.offset, choice.english_offset,
                                          source=current.source, english=english)[0],
                lambda seg: f"Split: segments {seg.position} and {seg.position + 1}.",
            )

        self.push_screen(SplitScreen(current.position, current.source, english, cursor), chosen)

    def action_move_sentence(self, direction: str) -> None:
        """Move a reference sentence across the boundary after the open segment: 'next' moves
        this segment's last sentence on; 'previous' pulls the next one's first sentence back."""
        found = self._open_segment()
        if found is None:
            return
        editor, segment_id = found
        version = editor.reference_version
        if version is None:
            self.notify("This document has no reference translation whose sentences these keys "
                        "move; a ~ of the working translation's own link goes once the segment "
                        "is confirmed.", severity="warning")
            return

        def move(project: Project) -> bool:
            this, nxt = project.move_reference_sentence(segment_id, version, direction)
            return this == nxt  # one link now: a segment joined it, no sentence moved

        self._restructure(
            editor, segment_id, move, partial(_moved, direction, version)
        )

    def _restructure(
        self,
        editor: EditorScreen,
        segment_id: int,
        job: Callable[[Project], Any],
        said: Callable[[Any], str],
    ) -> None:
        """Run ``job`` (a structural change returning a segment) with the English editor
        read-only, then show the list again on ``segment_id`` and say ``said(segment)``."""
        editor.flush_edit()
        editor.set_busy(True)
        unlock_key = keys.key_name(self.keymap(), "unlock")
        self._run_restructure(
            refusals_in_list(lambda project: said(job(project)), unlock_key,
                             editor.rows.shown() if editor.rows is not None else None),
            partial(self._restructured, editor, segment_id),
        )

    @work(thread=True, exclusive=True, group="restructure")
    def _run_restructure(
        self,
        job: Callable[[Project], str],
        finished: Callable[[str | None, str | None], None],
    ) -> None:
        """Run ``job`` on the second connection once the queued writes have landed (worker);
        ``finished(message, error)`` on the UI thread."""
        try:
            self.service.flush()
            message = self.service.background(job, write=True)
        except Exception as exc:  # notified, never a crash
            self.call_from_thread(finished, None, describe_error(exc))
            return
        self.call_from_thread(finished, message, None)

    def _restructured(
        self, editor: EditorScreen, segment_id: int, message: str | None, error: str | None
    ) -> None:
        editor.set_busy(False)
        if error is not None:
            self.notify_error(error)
            return
        self.reload_segments()
        editor.open_segment(segment_id)
        editor.editor.focus()
        if message:
            self.notify(message)


def _moved(direction: str, version: str, joined: bool) -> str:
    """What Alt+N / Alt+P did: moved a reference sentence, or (the giving link had none)
    joined a segment to the other link."""
    if joined:
        who = "This segment" if direction == "next" else "The next segment"
        where = "the next segment's" if direction == "next" else "this segment's"
        return (f"{who} had no reference English: it joined {where} link, whose English "
                f"translates both ({version}).")
    word = "moved to the next segment" if direction == "next" else "taken from the next segment"
    return f"Reference sentence {word} ({version})."
