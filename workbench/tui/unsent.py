"""Edits waiting for the database server, kept on this computer until they are written.

While a project's server cannot be reached, the editor's autosaves and confirmations wait in
the app (see :mod:`workbench.tui.service`). So that quitting, a closed terminal or ``kill -9``
meanwhile loses none of them, every waiting edit is also kept in a file of this computer,
``$XDG_STATE_HOME/workbench/unsent/KEY-PID-N.json`` (``~/.local/state`` when XDG_STATE_HOME is
unset), written atomically; ``KEY`` names the project's database (its host, port and name
as the connection reached them, however the address was written) and the user, ``PID-N`` the
app. An edit leaves the file once it is written (or refused by the server for a reason of its
own, which the editor shows as usual); one the server refuses to the user's team role (a member
removed meanwhile) stays, for a later session once the user may write again.

The app holds a lock on ``KEY-PID-N.lock`` while it runs (``flock``: the system lets it go when
the process ends, however it ends). The next app opened on the project by the same user takes
over the files no running app holds (:meth:`Journal.take_over`) and writes their edits through
its editor, each on the revision it was typed on: a change made meanwhile by someone else opens
the conflict dialog, a lock keeps the English as a note, as for any edit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

try:
    import fcntl
except ImportError:  # Windows: no flock; another app's files are taken whenever found
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from workbench.project import Project

KINDS = ("save", "confirm", "unsaved-edit", "conflict")
"""What an edit does: an autosave, a confirmation (with its override reason, if any), or
English kept as a note of that kind (a lock refused it; 'keep both' of a conflict)."""


@dataclass
class UnsentEdit:
    """One edit of the editor not yet written: ``base`` is the revision it was typed on,
    ``source`` the segment's Arabic when known (an edit whose segment has another Arabic now
    is not written: the project on the server is not the one it was made in; ``session``
    tells apart the edits of two ended apps, each written on its own revisions)."""

    segment_id: int
    kind: str
    text: str
    base: int = 0
    reason: str | None = None
    source: str = ""
    number: int = 0  # its place in the order of the edits, given by the journal
    at: float = 0.0  # when it was made (seconds since the epoch): the order across apps
    session: str = ""  # the app it was typed in, once another app took it over


def state_dir(env: dict[str, str] | None = None) -> Path:
    """This computer's folder of workbench state (``$XDG_STATE_HOME/workbench``)."""
    env = dict(os.environ) if env is None else env
    base = env.get("XDG_STATE_HOME") or str(
        Path(env.get("HOME") or Path.home()) / ".local" / "state")
    return Path(base) / "workbench"


def project_key(project: Project) -> str:
    """The name this computer's state files give ``project`` opened by its user: a hash of
    the database reached (on a server its host, port and name as the connection has them, so
    a URL and a key=value string naming one project find each other's files; no password)
    or the SQLite file's resolved path, and the user."""
    from workbench.store.location import ServerAddress

    where = project.path
    if isinstance(where, ServerAddress):
        named = f"{project.db.identity or where} as {project.author}"
    else:
        named = f"{Path(where).resolve()} as {project.author}"
    return hashlib.sha256(named.encode()).hexdigest()[:20]


class Journal:
    """The waiting edits of one app on one server project (thread-safe)."""

    def __init__(self, folder: Path, key: str, label: str) -> None:
        self.folder = folder
        self.key = key
        self.label = label  # the project, for the file and messages
        own = f"{key}-{os.getpid()}-{uuid.uuid4().hex[:8]}"  # two apps of one process differ
        self.path = folder / f"{own}.json"
        self._lock_path = folder / f"{own}.lock"
        self._lock_file: IO[str] | None = None
        self._edits: dict[int, UnsentEdit] = {}
        self._next = 1
        self._mutex = threading.Lock()
        self.error: str | None = None  # why the file could not be written (edits wait in memory)

    @classmethod
    def for_project(cls, project: Project, folder: Path | None = None) -> Journal | None:
        """The journal of ``project`` when it lives on a server (None for a file: it cannot
        go offline)."""
        from workbench.store.location import ServerAddress

        where = project.path
        if not isinstance(where, ServerAddress):
            return None
        label = f"{where} as {project.author}"
        return cls(folder or state_dir() / "unsent", project_key(project), label)

    def new(self, edit: UnsentEdit) -> UnsentEdit:
        """``edit`` numbered in this journal's order (not kept yet: see :meth:`keep`)."""
        with self._mutex:
            edit.number = self._next
            self._next += 1
        edit.at = edit.at or time.time()
        return edit

    def keep(self, edits: list[UnsentEdit]) -> None:
        """Keep ``edits`` in the file (those kept already stay as they are). An edit that
        repeats the newest one kept of its segment (the editor saving again, at every tick,
        English the server refuses to the user's role) is kept once: the file grew by an
        edit a second while a removed member's TUI stayed open, each written in turn later."""
        with self._mutex:
            fresh = [e for e in edits if e.number not in self._edits]
            added = False
            for edit in fresh:
                if not self._repeats(edit):
                    self._edits[edit.number] = edit
                    added = True
            if added:
                self._save()

    def _repeats(self, edit: UnsentEdit) -> bool:
        """True when the newest edit kept of ``edit``'s segment does the same thing."""
        same = [e for e in self._edits.values() if e.segment_id == edit.segment_id]
        if not same:
            return False
        last = max(same, key=lambda e: e.number)
        return (last.kind, last.text, last.base, last.reason, last.source, last.session) == (
            edit.kind, edit.text, edit.base, edit.reason, edit.source, edit.session)

    def written(self, edit: UnsentEdit) -> None:
        """``edit`` reached the server (or was refused there): it leaves the file, and so do
        the earlier edits of its segment in the same app kept because the server refused them
        to the user's role: the English written was typed on top of theirs (they stayed, to
        be written again over it by the next session, once the user could write again)."""
        with self._mutex:
            gone = [n for n, e in self._edits.items() if n == edit.number or (
                n < edit.number and e.segment_id == edit.segment_id
                and e.session == edit.session)]
            for number in gone:
                del self._edits[number]
            if gone:
                self._save()

    @property
    def kept(self) -> int:
        """How many edits the file holds."""
        return len(self._edits)

    def waiting_elsewhere(self) -> int:
        """How many edits the files of other apps on this project hold (read, not taken)."""
        count = 0
        for data in self.folder.glob(f"{self.key}-*.json"):
            if data != self.path:
                with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                    count += len(json.loads(data.read_text(encoding="utf-8"))["edits"])
        return count

    def take_over(self) -> list[UnsentEdit]:
        """The edits other apps on this project left (they ended before the server came
        back), in the order they were made (by their time; an edit of an older file without
        one by its file's); from now on kept in this journal's file, theirs removed."""
        taken: list[tuple[float, int, str, UnsentEdit]] = []
        others: list[tuple[Path, IO[str]]] = []
        for lock_path in sorted(self.folder.glob(f"{self.key}-*.lock")):
            if lock_path == self._lock_path:
                continue
            held = _try_lock(lock_path)
            if held is None:  # its app still runs
                continue
            data = lock_path.with_suffix(".json")
            try:
                when = data.stat().st_mtime
                rows = json.loads(data.read_text(encoding="utf-8"))["edits"]
                edits = [UnsentEdit(**row) for row in rows]
            except FileNotFoundError:
                edits, when = [], 0.0
            except (OSError, ValueError, KeyError, TypeError):
                held.close()  # unreadable: left where it is for a person to look at
                continue
            taken += [(e.at or when, e.number, e.session or lock_path.stem, e) for e in edits]
            others.append((lock_path, held))
        edits = [self.new(UnsentEdit(**{**asdict(e), "number": 0, "session": session}))
                 for _, _, session, e in sorted(taken, key=lambda t: (t[0], t[1]))]
        self.keep(edits)  # ours first: a crash now repeats an edit, never loses one
        for lock_path, held in others:
            with contextlib.suppress(OSError):
                lock_path.with_suffix(".json").unlink(missing_ok=True)
                lock_path.unlink(missing_ok=True)
            held.close()
        return edits

    def close(self) -> None:
        """The app ends: remove the files when nothing waits; let go of the lock."""
        with self._mutex:
            if not self._edits:
                for path in (self.path, self._lock_path):
                    with contextlib.suppress(OSError):
                        path.unlink(missing_ok=True)
            if self._lock_file is not None:
                self._lock_file.close()
                self._lock_file = None

    def _save(self) -> None:
        """Write the file anew (atomically, synced), holding the app's lock; when it cannot
        be written, say why in ``error`` (the edits still wait in the app)."""
        try:
            self._write_file()
        except OSError as exc:
            self.error = f"{self.path}: {exc.strerror or exc}"
        else:
            self.error = None

    def _write_file(self) -> None:
        if not self._edits:  # the file exists only while edits wait
            self.path.unlink(missing_ok=True)
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._lock_file is None:
            self._lock_file = _try_lock(self._lock_path)
        rows = [asdict(e) for e in self._edits.values()]
        body = json.dumps({"project": self.label, "edits": rows}, ensure_ascii=False, indent=1)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".unsent-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(body)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        with contextlib.suppress(OSError):  # the rename itself survives a power cut
            dir_fd = os.open(self.folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _try_lock(path: Path) -> IO[str] | None:
    """The lock file ``path`` opened and locked by this process; None when another holds it."""
    handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 (held open while locked)
    if fcntl is None:
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle
