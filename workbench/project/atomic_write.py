"""Files written whole or not at all: a temporary file beside the output replaces it only once
complete (exports, memory exports), its name cut to what file systems take."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from workbench import openfiles
from workbench.errors import WorkbenchError

#: The longest file name written, in bytes: 255 (most file systems' limit) less what the
#: temporary name of an atomic write adds (".NAME.0123456789ab.part").
NAME_BYTES = 255 - 19


def write_atomically(path: Path, force: bool, write: Callable[[BinaryIO], int]) -> int:
    """Run ``write`` on a temporary file that replaces ``path`` only once complete (an
    existing ``path`` only when ``force``; a symbolic link's file, the link staying)."""
    if path.is_symlink():
        path = path.resolve()
    openfiles.refuse_output(path)
    tmp: str | None = None
    try:
        fd, tmp = _part_file(path)
        with os.fdopen(fd, "wb") as out:
            count = write(out)
        if path.exists() and not force:  # appeared while we wrote
            raise WorkbenchError(f"{path} exists already (use --force to overwrite)")
        if path.exists():  # the file replaced keeps its permissions
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
    except OSError as exc:
        raise WorkbenchError(f"{path}: cannot write ({exc.strerror})") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.remove(tmp)
    return count


def _part_file(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path`` (descriptor, name), created as any new file is:
    its permissions are the umask's (``mkstemp``'s are 0600, and a fixed 0644 ignored it)."""
    name = shortened(path.name, NAME_BYTES)  # a name the file system takes is not refused
    while True:
        tmp = str(path.parent / f".{name}.{secrets.token_hex(6)}.part")
        with contextlib.suppress(FileExistsError):
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp


def shortened(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, at a character's end (an Arabic
    letter takes two; a byte of a name that is not UTF-8 stays as it is)."""
    return text.encode("utf-8", "surrogateescape")[:limit].decode("utf-8", "ignore")
