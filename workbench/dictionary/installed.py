"""Arabic–English dictionaries installed on this machine (by the system's packages or the
user), to suggest when a project has none: Debian's ``dict-freedict-ara-eng`` puts
``/usr/share/dictd/freedict-ara-eng.index`` there."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

FOLDERS: tuple[Path, ...] = (
    Path("/usr/share/dictd"),
    Path("/usr/share/stardict/dic"),
    Path.home() / ".stardict" / "dic",
)
_ARABIC_ENGLISH = re.compile(r"ara.*eng|arabic.*english", re.IGNORECASE)
_ENGLISH_ARABIC = re.compile(r"eng.*ara|english.*arabic", re.IGNORECASE)


def installed_dictionaries(folders: Sequence[Path] | None = None) -> list[Path]:
    """The dictd indexes and StarDict ``.ifo`` files in ``folders`` (:data:`FOLDERS`) whose
    names say Arabic and English, Arabic–English ones first (English–Arabic ones are read
    backwards)."""
    found: list[tuple[int, Path]] = []
    for folder in FOLDERS if folders is None else folders:
        try:  # a dictionary's files, or its own folder of them (StarDict): two levels
            files = sorted([*folder.glob("*"), *folder.glob("*/*")])
        except OSError:  # not readable
            continue
        for path in files:
            if path.suffix not in (".index", ".ifo") or not path.is_file():
                continue
            if _ARABIC_ENGLISH.search(path.stem):
                found.append((0, path))
            elif _ENGLISH_ARABIC.search(path.stem):
                found.append((1, path))
    return [path for _, path in sorted(found, key=lambda item: item[0])]


def add_hint(folders: Sequence[Path] | None = None) -> str:
    """How to add a dictionary: the command, with an installed dictionary's path when there
    is one."""
    installed = installed_dictionaries(folders)
    if not installed:
        return "workbench dictionary add PATH"
    kind = "Arabic–English" if _ARABIC_ENGLISH.search(installed[0].stem) else "English–Arabic"
    return f"workbench dictionary add {installed[0]} (an {kind} dictionary installed here)"
