"""The translator's workbench: a keyboard-first Textual app over the Project service.

Other screens (reviewer, scores, export/import dialogs) plug in through:

- ``app.service``: the :class:`~workbench.tui.service.ProjectService` (``read``/``write``/
  ``background``; never touch ``service.project`` from a worker thread without ``read``);
- ``app.goto_segment(segment_id)``: back to the editor with that segment open;
- ``app.reload_segments()``: re-read the editor's list after segments were merged or split;
- ``app.segments_changed()``: the same after a change of many segments (and the changes list);
- ``app.undo_hint(what)``: "Ctrl+F9 undoes <what> …" for a notification after such a change;
- ``app.notify_error(message)``: a notification, from the UI thread or a worker thread;
- ``app.save_all()``: store the open edit and wait for every queued write (any thread);
- ``app.bidi``: the :class:`~workbench.tui.display.BidiDisplay` every text that may hold Arabic
  is drawn through (``app.reorders_arabic`` and ``app.shaping`` are its settings);
- ``app.live``: the link to the others on the project (``tui/live.py``): their changes and
  presence come to the editor as they happen; ``app.team_status`` is the one-line state of the
  connection (``OFFLINE — 2 edits waiting``), the user's role and how many others are here;
- their bindings (with ids and descriptions) appear in the help screen and the palette.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from workbench.config import Config, load_config, resolve_direction, save_setting
from workbench.errors import (
    EXIT_CRASH,
    ConnectionLostError,
    PermissionDeniedError,
    WorkbenchError,
)
from workbench.tui import heap, keys
from workbench.tui import service as service_module
from workbench.tui.actions import ScreenActions
from workbench.tui.change_actions import ChangeActions
from workbench.tui.commands import WorkbenchCommands
from workbench.tui.display import BidiDisplay, has_rtl, isolate_quoted, toast_text_width
from workbench.tui.driver import terminal_driver
from workbench.tui.guard import KeepsAnswering
from workbench.tui.live import LinkState, LiveChanged, LiveLink, PresenceChanged, RoleChanged
from workbench.tui.positions import LastPositions
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.service import NOT_WRITTEN, ProjectService

if TYPE_CHECKING:
    from textual.driver import Driver

    from workbench.project import Document, Project


# Actions that change the project: refused, with a notification, on a read-only project.
WRITING_ACTIONS = frozenset({
    "confirm", "save", "undo", "insert_term", "choose_term", "merge_next", "split_segment",
    "move_sentence", "import", "verdict", "comment", "unlock", "replace", "batch",
    "undo_change", "undo_selected", "verdict_view", "insert_tag", "lqa_error", "lqa_remove",
})


QUIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                     if hasattr(signal, name))
"""Signals that quit the app as Ctrl+Q does (``kill``, a shutdown, the terminal closed)."""


ERROR_SHOWN = 8.0
"""Seconds an error notice stays on screen (the same error is not shown again meanwhile)."""

NARROW = 70
"""Columns: a narrower terminal gives every screen the class ``-narrow`` (dialogs laid out for
it: a long row of buttons two to a row)."""

SHORT = 22
"""Rows: a lower terminal gives every screen the class ``-short`` (the editor's open segment
gets fewer lines, so the screen holds them)."""

QUIT_PATIENCE = 0.5
"""Seconds the quit waits for the writes before saying what it waits for."""


@dataclass
class Notice(Message):
    """A notification posted from a worker thread."""

    text: str | Text
    severity: SeverityLevel = "error"


NO_ACCESS = "NO ACCESS — not in the project's team"
"""The connection status while the server refuses the user (removed from the team)."""


class WorkbenchApp(KeepsAnswering, ChangeActions, ScreenActions, App[None]):
    """The workbench TUI on one project."""

    CSS_PATH = "app.tcss"
    TITLE = "workbench"
    # Each screen's class for the terminal's width: "-narrow" under NARROW columns.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (NARROW, "-roomy")]
    # ... and for its height: "-short" under SHORT rows
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (SHORT, "-high")]
    BINDINGS = keys.bindings("app")
    COMMANDS = App.COMMANDS | {WorkbenchCommands}

    def __init__(
        self,
        project_path: str | Path | Project,
        *,
        config: Config | None = None,
        direction: str | None = None,
        document: str | None = None,
        author: str | None = None,
        live: bool = True,
    ) -> None:
        super().__init__()
        from workbench.project import Project

        if isinstance(project_path, Project):
            project = project_path
        else:
            project = Project.open(project_path, author=author)
        self.service = ProjectService(project)
        self.config = config if config is not None else load_config()
        self.direction_setting = direction or self.config.direction
        self.direction = resolve_direction(self.direction_setting)
        self.shaping = self.config.shaping
        from workbench.project.importing import LOW_CONFIDENCE

        self.low_confidence = (
            self.config.low_confidence if self.config.low_confidence is not None
            else LOW_CONFIDENCE
        )
        # Resolved now, so a project without documents is an error before the screen opens.
        try:
            self.positions = LastPositions.for_project(project)  # where documents were left
            self.document = self.service.read(
                lambda p: _document_to_open(p, document, self.positions))
        except Exception:
            self.service.close()
            raise
        self._main_thread = threading.get_ident()
        self.error_message: str | None = None  # why the app ended early (exit code 2)
        self.quit_offline_asked = False  # Ctrl+Q said once that waiting edits would be lost
        # the English Ctrl+Q said could not be saved (asked again once it is other English)
        self.quit_unsaved_said: dict[int, str] = {}
        self._quitting = False  # Ctrl+Q waits for the writes (another program holds the file)
        self.farewell: str | None = None  # said by the CLI once the terminal is restored
        self._errors_shown: dict[str, float] = {}  # error notices on screen, since when
        self._unsent_taken = False  # earlier sessions' waiting edits taken over
        self.live: LiveLink | None = None
        if live:
            self.live = LiveLink(project.path, project.author, read_only=project.read_only,
                                 own=lambda: self.service.project.db)
        self.link_online = True
        self.link_refused = ""  # why the server refuses the user (removed from the team)
        self.team_status = ""
        self._reconnections = 0  # the service's reconnections the editor has read again after
        self.role: str | None = None
        self.british_looked = False  # the reviewer's spelling findings looked at for en_GB
        self._others = 0

    # start and stop ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        heap.release_frozen()  # what an earlier app of this process froze (tests)
        if self.config.keys:
            unknown = keys.unknown_ids(self.config.keys)
            if unknown:
                self.notify(
                    f"{self.config.path}: unknown binding ids in [keys]: {', '.join(unknown)}",
                    severity="warning", timeout=10,
                )
            if wrong := keys.unknown_keys(self.config.keys):
                self.notify(
                    f"{self.config.path}: keys no terminal sends in [keys]: {', '.join(wrong)} "
                    "(write them as ctrl+f, alt+down, shift+f5, enter, slash)",
                    severity="warning", timeout=10,
                )
            if only := keys.kitty_only(self.config.keys):
                self.notify(
                    f"{self.config.path}: keys in [keys] that only terminals with the kitty "
                    f"keyboard protocol tell apart (tmux and xterm send other keys): "
                    f"{', '.join(only)} (bind each action to a key every terminal sends as "
                    "well: an F key, ctrl or alt with a letter)",
                    severity="warning", timeout=10,
                )
            for clash in keys.clashes(self.config.keys):
                self.notify(f"Key clash in the config's [keys]: {clash}", severity="warning",
                            timeout=10)
            self.set_keymap(self.config.keys)
        self._send_bidi_mode()
        self._quit_on_signals(True)
        self._start_live()
        self.push_screen(EditorScreen(self.document))
        if self.read_only:
            self.notify(
                f"{self.service.project.path} is open read-only: "
                f"{self.service.project.read_only_reason}. You can read and export; "
                "nothing can be changed.",
                severity="warning", timeout=15,
            )

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Push ``screen`` with the breakpoint classes of the terminal's size already set:
        Textual sets them at the screen's first resize, restyling every widget it had just
        styled (a third of the CPU a dialog took to open)."""
        if isinstance(screen, Screen):
            screen.update_classes(self.breakpoint_classes(), update=False)
        return super().push_screen(screen, *args, **kwargs)

    def breakpoint_classes(self) -> dict[str, bool]:
        """The classes of :data:`HORIZONTAL_BREAKPOINTS` and :data:`VERTICAL_BREAKPOINTS` a
        screen of the terminal's size has (True) and has not (False), as Textual sets them."""
        classes: dict[str, bool] = {}
        for size, points in ((self.size.width, self.HORIZONTAL_BREAKPOINTS),
                             (self.size.height, self.VERTICAL_BREAKPOINTS)):
            reached = [name for at, name in sorted(points) if size >= at]
            classes.update({name: bool(reached) and name == reached[-1] for _, name in points})
        return classes

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: Any) -> None:
        """Textual reports a clash at every key press; they are found once, per scope, when
        the app starts (:func:`keys.clashes`), so nothing more is said here."""

    def _handle_exception(self, error: Exception) -> None:
        """A damaged, vanished or locked project (or any WorkbenchError) met outside a worker's
        own handling ends the app with exit code 2 and ``error_message``, not a traceback."""
        from workbench.store.db import is_database_failure, project_error

        cause = getattr(error, "error", error)  # a WorkerFailed carries the worker's error
        if isinstance(cause, ConnectionLostError):  # offline: said in the status, not fatal
            self._show_connection()
            return
        if isinstance(cause, PermissionDeniedError):  # removed from the team: said, not fatal
            self.notify_error(str(cause))
            return
        if isinstance(cause, WorkbenchError):
            message = str(cause)
        elif is_database_failure(cause):
            message = str(project_error(cause, self.service.project.path))
        else:
            super()._handle_exception(error)
            self._return_code = EXIT_CRASH  # a bug, as in a command (Textual's 1: unsaved)
            return
        self.error_message = message  # printed by the CLI once the terminal is restored
        self.exit(return_code=2)

    async def action_quit(self) -> None:
        """Save the open segment, wait for the writes, quit. Offline with edits waiting for
        the server, they stay kept on this computer and are written the next time the
        project is opened (:mod:`workbench.tui.unsent`), as are edits the server refused to
        the user's team role; only when they could not be kept there, the app quits when
        asked twice: they are lost (the first time says so)."""
        if self.quit_offline_asked:
            self.exit()
            return
        if self._quitting:  # the first Ctrl+Q still waits for the project
            self.notify("Still saving before quitting: the project is busy.", timeout=5)
            return
        with contextlib.suppress(Exception):  # store the open edit
            if self.editor is not None:
                self.editor.flush_edit()
        # the writes are waited for in a worker: the app stays drawn and answers meanwhile
        self._quitting = True
        self.run_worker(self._quit_when_written(), group="quit", exit_on_error=False)

    async def _quit_when_written(self) -> None:
        """The rest of Ctrl+Q, once the queued writes are stored (or could not be)."""
        service = self.service
        try:
            with contextlib.suppress(Exception):
                await self._writes_done()  # at once when offline (or on the server gone)
        finally:
            self._quitting = False
        journal = service.journal
        if not service.online and service.waiting and journal and journal.kept \
                and not journal.error:
            count = _edits(journal.kept)
            self.farewell = (
                f"{count} waiting for the database server {_are(journal.kept)} kept on this "
                f"computer ({journal.path}) and written the next time you open "
                f"{journal.label}."
            )
        elif service.online and journal and journal.kept and not journal.error:
            # refused to the user's team role (removed meanwhile), or kept from an
            # earlier session and not written: they stay in the file
            self.farewell = (
                f"{_edits(journal.kept)} not written {_are(journal.kept)} kept on this "
                f"computer ({journal.path}) and tried again the next time you open "
                f"{journal.label}."
            )
        elif self.editor is not None and self.editor.unsaved \
                and self.editor.unsaved != self.quit_unsaved_said:
            self.quit_unsaved_said = dict(self.editor.unsaved)
            count = len(self.editor.unsaved)
            self.notify(
                f"The English of {count} segment{'' if count == 1 else 's'} could not be "
                "saved (see the error). Quit again to quit anyway (it is printed when the "
                "workbench ends), or wait and quit again: it is saved when it can be.",
                severity="error", timeout=15,
            )
            return
        elif not service.online and service.waiting:
            self.quit_offline_asked = True
            why = f" (they cannot be kept on this computer: {journal.error})" if (
                journal and journal.error) else ""
            self.notify(
                f"{_edits(service.waiting)} waiting for the database server would be "
                f"lost{why}. Quit again to quit anyway, or wait: "
                f"{'it is' if service.waiting == 1 else 'they are'} written when the "
                "server is back.",
                severity="warning", timeout=15,
            )
            return
        self.exit()

    async def _writes_done(self) -> None:
        """Wait for the queued writes off the event loop: when another program holds the
        project (a long import), the screen stays drawn and says what it waits for."""
        waiting = asyncio.ensure_future(asyncio.to_thread(self.service.flush))
        done, _ = await asyncio.wait({waiting}, timeout=QUIT_PATIENCE)
        if not done:
            wait = service_module.LOCK_WAIT
            self.notify(
                "Saving before quitting: the project is busy (another program writing to "
                f"it?); the English is saved as soon as it can be (waiting up to {wait:.0f} s).",
                timeout=wait,
            )
        await waiting

    def write_unsent(self, editor: EditorScreen) -> None:
        """Write through ``editor`` the edits that earlier sessions of this user on this
        project kept on this computer when they could not be written (the server down, or
        refusing them to the user's team role; once an app,
        when its first editor opens; see :mod:`workbench.tui.unsent`)."""
        journal = self.service.journal
        if journal is None or self._unsent_taken:
            return
        self._unsent_taken = True
        if self.read_only:  # not written now, nor lost: said
            waiting = journal.waiting_elsewhere()
            if waiting:
                self.notify(
                    f"{_edits(waiting)} that an earlier session could not write {_are(waiting)} "
                    f"kept on this computer ({journal.folder}); the project is "
                    "open read-only: they are written the next time you open it with the "
                    "right to change it.", severity="warning", timeout=20,
                )
            return
        edits = journal.take_over()
        if not edits:
            return

        def matching(project: Project) -> list[bool]:
            out = []
            for edit in edits:
                try:
                    source = project.segment(edit.segment_id).source
                except WorkbenchError:
                    source = None
                out.append(source is not None and (not edit.source or source == edit.source))
            return out

        try:
            fits = self.service.read(matching)
        except ConnectionLostError:  # gone again: they stay kept, for the next session
            return
        ready = [e for e, ok in zip(edits, fits, strict=True) if ok]
        if ready:
            editor.write_unsent(ready)
            self.notify(
                f"{_edits(len(ready))} that an earlier session could not write (the server "
                "down, or refusing them to your team role) and kept on this computer "
                f"{_are(len(ready))} being written.", timeout=10,
            )
        left = len(edits) - len(ready)
        if left:
            self.notify(
                f"{_edits(left)} kept on this computer {_are(left)} for segments that are gone "
                f"or have other Arabic now: not written; kept in {journal.path}.",
                severity="warning", timeout=20,
            )

    def exit(
        self, result: None = None, return_code: int = 0, message: Any = None
    ) -> None:
        """Quit by any path (key, palette, error): the open edit is stored first; English
        that could not be is printed once the terminal is restored (exit code 1)."""
        with contextlib.suppress(Exception):
            self.save_all()
        editor = self.editor
        report = editor.unsaved_report() if editor is not None else None
        if report is not None:
            self.farewell = f"{self.farewell}\n{report}" if self.farewell else report
            return_code = return_code or 1
        super().exit(result, return_code, message)

    def save_all(self) -> None:
        """Queue the open segment's edit and wait until every write is stored (from the UI
        thread or a worker thread)."""
        editor = self.editor
        if editor is not None:

            def store() -> None:
                editor.keep_unanswered_conflict()
                editor.flush_edit()

            if threading.get_ident() == self._main_thread:
                store()
            else:
                self.call_from_thread(store)
        self.service.flush()

    def _quit_on_signals(self, on: bool) -> None:
        """While the app runs, SIGTERM and SIGHUP quit it as Ctrl+Q does: the open edit is
        stored and the terminal restored (by default they end the process at once, losing
        the English typed in the last second and leaving the terminal in the app's modes).
        The exit code is then 128 + the signal's number, as the shell gives a killed one."""
        loop = asyncio.get_running_loop()
        for sig in QUIT_SIGNALS:
            # a loop without signal handlers (Windows) raises NotImplementedError, one off
            # the main thread RuntimeError or ValueError: the default behaviour stays
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                if on:
                    loop.add_signal_handler(sig, lambda sig=sig: self.exit(return_code=128 + sig))
                else:
                    loop.remove_signal_handler(sig)

    def on_unmount(self) -> None:
        self._quit_on_signals(False)
        if self.live is not None:
            self.live.stop()
        try:
            self.save_all()
        finally:
            self.positions.close()
            if os.environ.get("VTE_VERSION"):
                self._write_terminal("\x1b[8h")
            self.service.close()

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal, whose output survives the terminal closing
        (see :mod:`workbench.tui.driver`), so that SIGHUP quits the app."""
        return terminal_driver(super().get_driver_class())

    def run(self, *args: Any, **kwargs: Any) -> Any:
        """Run the app in the terminal. The process ends once it returns: what the session
        made is frozen first, so that the interpreter's exit need not walk it (see
        :mod:`workbench.tui.heap`)."""
        try:
            return super().run(*args, **kwargs)
        finally:
            heap.freeze_long_lived()

    # read-only projects -------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when the project is open read-only (see ``service.project.read_only_reason``)."""
        return bool(self.service.project.read_only)

    async def run_action(
        self, action: Any, default_namespace: Any = None, namespaces: Any = None
    ) -> bool:
        """Run an action; on a read-only project, refuse those that would change it."""
        if self.read_only and _action_name(action) in WRITING_ACTIONS:
            self.refuse_read_only()
            return True
        return await super().run_action(action, default_namespace, namespaces)

    def refuse_read_only(self) -> None:
        """Say that the project cannot be changed, and why."""
        project = self.service.project
        self.notify(
            f"Read-only: {project.read_only_reason}. Nothing was changed.",
            severity="warning", timeout=8,
        )

    # plug-in points ----------------------------------------------------------------------------

    @property
    def editor(self) -> EditorScreen | None:
        """The editor screen, if it is open."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, EditorScreen):
                return screen
        return None

    def goto_segment(self, segment_id: int) -> None:
        """Show the editor with segment ``segment_id`` open and the English editor focused."""
        editor = self.editor
        if editor is None:
            return
        while self.screen is not editor and len(self.screen_stack) > 1:
            self.pop_screen()
        try:
            segment = self.service.read(lambda p: p.segment(segment_id))
        except WorkbenchError as exc:  # e.g. merged away since the list was made
            self.notify_error(str(exc))
            return
        if segment.document_id != editor.document.id:
            self.open_document_id(segment.document_id, segment_id)
            return
        editor.open_segment(segment_id)
        editor.editor.focus()

    def reload_segments(self) -> None:
        """Read the editor's segment list again (after merges and splits)."""
        editor = self.editor
        if editor is not None:
            editor.reload()

    def notify_error(self, message: str | Text) -> None:
        """Show an error notification (safe from worker threads); offline, the status says
        what is wrong and reads that fail are not notified one by one (a write that did not
        wait for the server is: it was not saved). A Rich Text marks the user's texts it
        quotes (:func:`~workbench.tui.display.isolate`)."""
        if not self.service.online and NOT_WRITTEN not in str(message):
            return
        if threading.get_ident() == self._main_thread:
            self._notify_once(message, "error")
        else:  # never block a worker (it may hold the store's lock)
            self.post_message(Notice(message))

    def on_notice(self, message: Notice) -> None:
        self._notify_once(message.text, message.severity)

    def _notify_once(self, message: str | Text, severity: SeverityLevel) -> None:
        """Notify ``message`` unless the same one is still on screen (a write refused at
        every autosave, as a removed team member's: one notice, not a growing stack)."""
        now = time.monotonic()
        said = str(message)
        if now - self._errors_shown.get(said, -ERROR_SHOWN) < ERROR_SHOWN:
            return
        self._errors_shown = {m: t for m, t in self._errors_shown.items()
                              if now - t < ERROR_SHOWN}
        self._errors_shown[said] = now
        self.notify(message, severity=severity, timeout=ERROR_SHOWN)

    def keymap(self) -> dict[str, str]:
        """The key remappings in force (binding id → keys)."""
        return dict(self.config.keys)

    def documents(self) -> list[Document]:
        """The project's documents."""
        return self.service.read(lambda p: p.documents())

    def open_document(self, name: str) -> None:
        """Open another document of the project in the editor."""
        try:
            document = self.service.read(lambda p: p.document(name))
        except WorkbenchError as exc:  # e.g. removed by another program since
            self.notify_error(str(exc))
            return
        self._switch_editor(document)

    def open_document_id(self, document_id: int, segment_id: int | None = None) -> None:
        """Open the document with id ``document_id`` (and a segment of it)."""
        document = next(d for d in self.documents() if d.id == document_id)
        screen = self._switch_editor(document)
        if segment_id is not None and screen is not None:
            self.call_after_refresh(screen.open_segment, segment_id)

    def _switch_editor(self, document: Document) -> EditorScreen | None:
        editor = self.editor
        if editor is not None:
            if editor.document.id == document.id:
                return editor
            editor.flush_edit()
            self.service.flush()
        while len(self.screen_stack) > 1 and self.screen is not editor:
            self.pop_screen()
        screen = EditorScreen(document)
        if editor is not None:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        return screen

    # team work: live changes, presence, the connection -------------------------------------

    def _start_live(self) -> None:
        """Start the live link's worker, and the status of the connection."""
        with contextlib.suppress(Exception):
            self.role = self.service.read(lambda p: p.team.role())
        self.set_interval(0.25, self._show_connection)
        self._show_connection()
        link = self.live
        if link is None:
            return
        # A thread of its own rather than a Textual worker: it runs as long as the app (the
        # app's workers are waited for after each action; this one never ends by itself).
        threading.Thread(target=link.run, args=(self.post_message,), name="workbench-live",
                         daemon=True).start()

    def watch_segment(self, document_id: int, segment_id: int) -> None:
        """The editor opened a segment: the others are told (the live link's heartbeat)."""
        if self.live is not None:
            self.live.watch(document_id, segment_id)

    def _editor_shown(self) -> EditorScreen | None:
        """The editor, if it is open with its widgets (not while it is built or torn down:
        the live link's messages come at any time)."""
        editor = self.editor
        return editor if editor is not None and editor.is_attached and editor.ready else None

    def on_live_changed(self, message: LiveChanged) -> None:
        from workbench.tui.screens.review import ReviewScreen

        editor = self._editor_shown()
        if editor is not None:
            editor.live_changed(message.changes)
        for screen in self.screen_stack:  # an open reviewer's rows follow them too
            if isinstance(screen, ReviewScreen) and screen.is_attached:
                screen.live_changed(message.changes)

    def on_presence_changed(self, message: PresenceChanged) -> None:
        self._others = len({name for names in message.others.values() for name in names})
        editor = self._editor_shown()
        if editor is not None:
            editor.presence_changed(message.others)
        self._show_connection()

    def on_role_changed(self, message: RoleChanged) -> None:
        """A lead changed the user's team role: the title and the lock hints follow."""
        if message.role == self.role:
            return
        self.role = message.role
        editor = self._editor_shown()
        if editor is not None:
            editor.sync_read_only()
        self._show_connection()

    def on_link_state(self, message: LinkState) -> None:
        self.link_online = message.online
        self.link_refused = message.refused
        self._show_connection()

    def connection_status(self) -> str:
        """``OFFLINE — 2 edits waiting``; ``NO ACCESS — not in the project's team`` when the
        server answers but refuses the user; online on a server ``ana (translator) ·
        online``; and how many others are here."""
        service = self.service
        if service.online and not self.link_online and self.link_refused:
            return NO_ACCESS
        if not service.online or not self.link_online:
            waiting = service.waiting
            return (f"OFFLINE — {waiting} edit{'s' if waiting != 1 else ''} waiting"
                    if waiting else "OFFLINE — nothing waiting")
        parts = []
        if self.service.project.db.dialect == "postgresql":
            who = self.service.project.author
            parts.append(f"{who} ({self.role}) · online" if self.role else f"{who} · online")
        if self._others:
            parts.append(f"{self._others} other{'s' if self._others != 1 else ''} here")
        return " · ".join(parts)

    def _show_connection(self) -> None:
        status = self.connection_status()
        reconnected = self.service.reconnections != self._reconnections
        self._reconnections = self.service.reconnections
        if status == self.team_status:
            if reconnected and not status.startswith(("OFFLINE", NO_ACCESS)):
                self._read_again()  # offline and back between two looks: never shown
            return
        was_offline = self.team_status.startswith("OFFLINE")
        was_down = self.team_status.startswith(("OFFLINE", NO_ACCESS))
        down = status.startswith(("OFFLINE", NO_ACCESS))
        self.team_status = status
        if status == NO_ACCESS:  # the server answers: it is not down, the user was removed
            self.notify(f"{self.link_refused}. What you type is kept on this computer and "
                        "written once the project's owner adds you back to the team.",
                        severity="warning", timeout=12)
        elif status.startswith("OFFLINE") and not was_offline:
            self.notify(f"The database server cannot be reached: {status}. Keep working; "
                        "edits are written when it is back.", severity="warning", timeout=8)
        elif was_down and not down:
            self.quit_offline_asked = False  # a later outage asks again
            self.notify("Back online: the waiting edits are being written.", timeout=5)
        editor = self._editor_shown()
        if editor is not None:
            editor._update_titles()
            if status.startswith("OFFLINE"):
                editor.go_on_offline()  # a confirmation waiting for the server
        if (was_down or reconnected) and not down:
            self._read_again()

    def _read_again(self) -> None:
        """Back online: the editor's rows painted meanwhile are blank and its panels may say
        they could not be read, and an open reviewer's rows may be unread; read them again."""
        from workbench.tui.screens.review import ReviewScreen

        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen) and screen.is_attached:
                screen.load(quiet=True)
        editor = self._editor_shown()
        if editor is None:
            return
        editor.segment_list.invalidate()
        if editor.current is not None:
            editor.load_details(editor.current.id, editor.current.source)

    # display settings --------------------------------------------------------------------------

    @property
    def reorders_arabic(self) -> bool:
        """True when the app puts Arabic lines in display order itself (direction 'app')."""
        return self.direction == "app"

    @property
    def bidi(self) -> BidiDisplay:
        """How text that may hold Arabic is drawn now (direction and shaping settings)."""
        return BidiDisplay(self.reorders_arabic, self.shaping)

    def notify(self, message: str | Text, *, title: str = "",
               severity: SeverityLevel = "information", timeout: float | None = None,
               markup: bool = True) -> None:
        """A notification; its text goes through :attr:`bidi` (Arabic in display order) and
        is never read as markup (it may quote a user's search or a file name). A Rich Text
        message may mark a user's text with :func:`~workbench.tui.display.isolate`; in a plain
        one, each quoted text holding Arabic is isolated
        (:func:`~workbench.tui.display.isolate_quoted`)."""
        super().notify(self._toast_text(isolate_quoted(message)),
                       title=self.bidi.plain(isolate_quoted(title)),
                       severity=severity, timeout=timeout, markup=False)

    def _toast_text(self, message: str | Text) -> str:
        """A notification's text for display: in ``app`` direction, text holding Arabic is
        wrapped to the notification's width first and each line reordered (Textual's own
        wrapping of a reordered line put the end of an Arabic phrase on the first line)."""
        bidi = self.bidi
        if not bidi.reorder or not has_rtl(str(message)):
            return bidi.plain(message)
        return bidi.wrapped(message, toast_text_width(self.size.width))

    def set_direction(self, setting: str) -> None:
        """Use direction ``setting`` (app, terminal or auto) now and save it in the config."""
        self.direction_setting = setting
        self.direction = resolve_direction(setting)
        saved = self._save_setting("direction", setting)
        self._send_bidi_mode()
        self._apply_display()
        self.notify(f"Arabic direction: {self.direction} (setting {setting}, {saved}).")

    def action_toggle_direction(self) -> None:
        """Switch between reordering Arabic in the app and leaving it to the terminal."""
        self.set_direction("terminal" if self.direction == "app" else "app")

    def action_toggle_shaping(self) -> None:
        """Turn Arabic letter shaping on or off (saved in the config)."""
        self.shaping = not self.shaping
        saved = self._save_setting("shaping", self.shaping)
        self._apply_display()
        self.notify(f"Arabic letter shaping {'on' if self.shaping else 'off'} ({saved}).")

    def action_help(self) -> None:
        """Show the keys and settings."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def _apply_display(self) -> None:
        for screen in self.screen_stack:
            apply = getattr(screen, "apply_display", None)
            if apply is not None:
                apply()

    def _save_setting(self, key: str, value: str | bool) -> str:
        """Keep a [display] setting in the config file: ``saved``, or ``not saved`` (no file,
        or one that cannot be written, which a warning names)."""
        path = self.config.path
        if key == "direction":
            self.config.direction = str(value)
        else:
            self.config.shaping = bool(value)
        if path is None:
            return "not saved"
        try:
            save_setting(path, "display", key, value)
        except OSError as exc:
            self.notify(f"{path}: cannot save the setting ({exc})", severity="warning")
            return "not saved"
        return "saved"

    def _send_bidi_mode(self) -> None:
        """Tell VTE terminals who reorders: CSI 8 l (explicit: the app) or CSI 8 h (implicit)."""
        if os.environ.get("VTE_VERSION"):
            self._write_terminal("\x1b[8l" if self.direction == "app" else "\x1b[8h")

    def _write_terminal(self, sequence: str) -> None:
        driver = getattr(self, "_driver", None)
        if driver is not None and not self.is_headless:
            with contextlib.suppress(Exception):  # the terminal may be going away
                driver.write(sequence)


def _document_to_open(project: Project, name: str | None, positions: LastPositions
                      ) -> Document:
    """The document called ``name``; without a name, the one the translator left last
    (while the project has it), else the first."""
    left = positions.last_document() if name is None else None
    if left is not None:
        with contextlib.suppress(WorkbenchError):
            return project.document_by_id(left)
    return project.document(name)


def _edits(count: int) -> str:
    return f"{count} edit{'' if count == 1 else 's'}"


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


def _action_name(action: Any) -> str:
    """The bare name of an action: 'app.merge_next' and "verdict('approved')" give
    'merge_next' and 'verdict'."""
    if isinstance(action, str):
        return action.split("(", 1)[0].rsplit(".", 1)[-1].strip()
    return str(action[1]) if isinstance(action, tuple) and len(action) > 1 else ""
