"""Where the translator left each document: the editor reopens it on that segment, and the
TUI opens the document left last.

The segment open in each document (the last one opened: when the translator leaves the
document, quits, or the app is killed) is kept on this computer, not in the project, in
``$XDG_STATE_HOME/workbench/positions.json`` (``~/.local/state`` when XDG_STATE_HOME is unset):
one entry per project (:func:`~workbench.tui.unsent.project_key`, the key of the unsent
edits' files) and document, the ``KEEP`` most recently opened. The file is written anew by a
thread of its own (atomically: a temporary file renamed over it) each time a segment opens,
several openings in a row once; the UI never waits for it. A file that cannot be read, or is
not what it should be, counts as empty; one that cannot be written is left as it is (a
position is a convenience: nothing is said; the app still reopens the documents it switches
between where they were left). Two apps running at once each merge their own
entries into what the file holds when they write.

A confirmation moves the editor to the next segment once it is stored: the segment being
confirmed is remembered with that next one and its revision before the confirmation, written
before the confirmation is (:meth:`LastPositions.wait_written`), so an app killed between the
two reopens on the next segment when the confirmation was stored, on the same one when not.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from workbench.tui.unsent import project_key, state_dir

if TYPE_CHECKING:
    from workbench.project import Project

FILE_NAME = "positions.json"
KEEP = 200
"""How many documents the file remembers (the most recently opened)."""

_WRITING = threading.Lock()  # the apps of one process write the file one at a time


class LastPositions:
    """The segments where one project's documents were left, read and written for an app."""

    def __init__(self, path: Path, project: str) -> None:
        self.path = path
        self.project = project  # the project's key
        self._known: dict[str, dict[str, Any]] = {}  # entries of this app (written or not)
        self._pending: dict[str, dict[str, Any]] = {}  # entries not written yet
        self._wake = threading.Condition()
        self._closing = False
        self._writer: threading.Thread | None = None

    @classmethod
    def for_project(cls, project: Project, folder: Path | None = None) -> LastPositions:
        """The positions of ``project``'s documents, in this computer's state folder."""
        return cls((folder or state_dir()) / FILE_NAME, project_key(project))

    def _key(self, document_id: int) -> str:
        return f"{self.project}:{document_id}"

    def segment(self, document_id: int, created: str) -> int | None:
        """The segment open when the document was left, or None: nothing remembered, or
        remembered of another document of that id (``created``, the document's import time,
        differs: it was imported again)."""
        return self.left(document_id, created)[0]

    def left(self, document_id: int, created: str) -> tuple[int | None, Confirming | None]:
        """The segment open when the document was left (as :meth:`segment`) and, when it was
        being confirmed then, the segment the confirmation moves to."""
        key = self._key(document_id)
        with self._wake:
            entry = self._known.get(key)
        if entry is None:
            entry = _read(self.path).get(key)
        if not isinstance(entry, dict) or entry.get("created") != created:
            return None, None
        segment = entry.get("segment")
        if not _is_id(segment):
            return None, None
        then = entry.get("confirming")
        confirming = (Confirming(then["next"], then["revision"])
                      if isinstance(then, dict) and _is_id(then.get("next"))
                      and _is_id(then.get("revision")) else None)
        return segment, confirming

    def last_document(self) -> int | None:
        """The id of the project's document left most recently (None: none remembered)."""
        with self._wake:
            known = dict(self._known)
        mine = {key: entry for key, entry in {**_read(self.path), **known}.items()
                if key.startswith(f"{self.project}:") and isinstance(entry, dict)}
        if not mine:
            return None
        newest = max(mine, key=lambda key: _when(mine[key])).rpartition(":")[2]
        return int(newest) if newest.isdigit() else None

    def remember(self, document_id: int, created: str, segment_id: int,
                 confirming: Confirming | None = None) -> None:
        """Segment ``segment_id`` of the document is open (``confirming``: being confirmed,
        the editor moving on to ``confirming.next`` once it is): written soon, in the
        background."""
        entry: dict[str, Any] = {"segment": segment_id, "created": created, "at": time.time()}
        if confirming is not None:
            entry["confirming"] = confirming._asdict()
        with self._wake:
            if self._closing:
                return
            self._known[self._key(document_id)] = self._pending[self._key(document_id)] = entry
            if self._writer is None:
                self._writer = threading.Thread(target=self._write_loop, daemon=True,
                                                name="workbench-positions")
                self._writer.start()
            self._wake.notify_all()  # the writer, not only a wait_written

    def wait_written(self, document_id: int, timeout: float = 2.0) -> None:
        """Return once the document's entry remembered last is written (or superseded, or
        ``timeout`` seconds passed, or the file cannot be written: nothing is said)."""
        key = self._key(document_id)
        with self._wake:
            entry = self._pending.get(key)
            if entry is not None:
                self._wake.wait_for(lambda: self._pending.get(key) is not entry, timeout)

    def close(self) -> None:
        """The app ends: write what is pending, and stop the writer."""
        with self._wake:
            self._closing = True
            self._wake.notify_all()
            writer = self._writer
        if writer is not None:
            writer.join(timeout=5)

    def _write_loop(self) -> None:
        while True:
            with self._wake:
                while not self._pending and not self._closing:
                    self._wake.wait()
                if not self._pending:  # closing, nothing left
                    return
                entries = dict(self._pending)
            with contextlib.suppress(OSError):
                _merge(self.path, entries)
            with self._wake:  # those remembered meanwhile stay pending
                for key, entry in entries.items():
                    if self._pending.get(key) is entry:
                        del self._pending[key]
                self._wake.notify_all()  # wait_written


class Confirming(NamedTuple):
    """A confirmation asked: the segment opened once it is stored, and the revision of the
    segment confirmed before it."""

    next: int
    revision: int


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _read(path: Path) -> dict[str, Any]:
    """The file's entries; empty when it is missing, unreadable or not of this form."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    documents = data.get("documents") if isinstance(data, dict) else None
    return documents if isinstance(documents, dict) else {}


def _merge(path: Path, entries: dict[str, dict[str, Any]]) -> None:
    """Write ``entries`` into the file (over theirs), keeping the ``KEEP`` most recent."""
    with _WRITING:
        kept = {k: e for k, e in _read(path).items() if isinstance(e, dict)}
        kept.update(entries)
        newest = sorted(kept.items(), key=lambda item: _when(item[1]), reverse=True)[:KEEP]
        body = json.dumps({"documents": dict(newest)}, indent=0)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".positions-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(body)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _when(entry: dict[str, Any]) -> float:
    at = entry.get("at")
    return float(at) if isinstance(at, int | float) else 0.0
