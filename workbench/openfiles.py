"""The project files this process has open through SQLite, which nothing else here may open.

On POSIX, closing any descriptor of a file drops every lock the process holds on it
(https://sqlite.org/howtocorrupt.html, section 2.2). So reading a live project file as an
input (``import segments.db``, a glossary or XLIFF path that is the project) or writing an
export over it would let another program believe it is the project's last user and delete the
WAL under our connection: edits lost. The store registers each project it opens; file readers
and writers call :func:`refuse` first. No dependencies: the pure packages may use it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from workbench.errors import InputError

_lock = threading.Lock()
_held: dict[Path, int] = {}  # resolved project path -> connections open on it


def hold(path: str | Path) -> None:
    """Note that a connection to the project ``path`` is open."""
    key = Path(path).resolve()
    with _lock:
        _held[key] = _held.get(key, 0) + 1


def release(path: str | Path) -> None:
    """Note that a connection to the project ``path`` was closed."""
    key = Path(path).resolve()
    with _lock:
        left = _held.get(key, 0) - 1
        if left > 0:
            _held[key] = left
        else:
            _held.pop(key, None)


def held_project(path: str | Path) -> Path | None:
    """The open project that ``path`` is (or is the -wal, -shm or -journal of), else None."""
    with _lock:
        projects = list(_held)
    if not projects:
        return None
    p = Path(path)
    try:
        resolved = p.resolve()
    except OSError:
        return None
    for project in projects:
        if resolved in (project, *(Path(f"{project}{s}") for s in ("-wal", "-shm", "-journal"))):
            return project
        try:
            if p.exists() and os.path.samefile(p, project):  # a hard or symbolic link
                return project
        except OSError:
            continue
    return None


def refuse(path: str | Path) -> None:
    """InputError when ``path`` is a project file this process has open (see the module), or
    no file to read to its end: a device (``/dev/zero`` has none) or a socket. A pipe is read."""
    _refuse_project(path)
    p = Path(path)
    if p.exists() and not (p.is_file() or p.is_dir() or p.is_fifo()):
        what = "a device" if p.is_char_device() or p.is_block_device() else "no regular file"
        raise InputError(path, f"is {what}, not a file")


def _refuse_project(path: str | Path) -> None:
    project = held_project(path)
    if project is not None:
        raise InputError(
            path, f"is a file of the project {project.name}, open here: choose another file"
        )


def refuse_output(path: str | Path) -> None:
    """InputError when writing ``path`` would destroy a project: a project file open here (see
    :func:`refuse`), or any SQLite database (a project not open in this process). A pipe or a
    device (/dev/stdout) is no project: it is not read."""
    _refuse_project(path)
    p = Path(path)
    if not p.is_file():  # missing, a folder, or a pipe or device (reading it could wait forever)
        return
    try:
        with p.open("rb") as f:
            head = f.read(16)
    except OSError:  # missing, a folder, unreadable: the writer says so
        return
    if head == b"SQLite format 3\x00":
        raise InputError(path, "is an SQLite database (a project?): an export or a report "
                               "is never written over one; choose another file")
