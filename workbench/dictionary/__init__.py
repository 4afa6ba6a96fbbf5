"""Bilingual dictionaries: readers of dictd, StarDict, Lingvo DSL, FreeDict TEI and TSV files
in one registry, and look-up through Arabic morphology (pure: no project, no database)."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

from workbench.dictionary.lookup import (
    Lexicon,
    TextMatch,
    arabic_headwords,
    english_to_arabic,
    key_of,
    lookup_keys,
)
from workbench.dictionary.model import DictEntry, DictionaryFile
from workbench.dictionary.registry import FORMATS, detect, open_dictionary, set_files
from workbench.errors import WorkbenchError

__all__ = [
    "FORMATS",
    "DictEntry",
    "DictionaryFile",
    "Lexicon",
    "TextMatch",
    "arabic_headwords",
    "detect",
    "english_to_arabic",
    "file_stamp",
    "key_of",
    "lookup_keys",
    "open_dictionary",
    "open_lexicon",
    "set_files",
]

_CACHE: dict[tuple, Lexicon] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 4


def file_stamp(path: str | Path) -> tuple[str, int, int]:
    """(path, modification time, size) of a file, (path, -1, -1) when it cannot be read: a
    cache key that changes when the file does."""
    try:
        st = os.stat(path)
    except OSError:
        return (str(path), -1, -1)
    return (str(path), st.st_mtime_ns, st.st_size)


def _set_stamps(path: str | Path) -> tuple[tuple[str, int, int], ...]:
    """The stamps of every file of a dictionary's set (of ``path`` alone when the set is not
    whole): a cache key that changes when any of its files does."""
    try:
        return tuple(file_stamp(f) for f in set_files(path))
    except WorkbenchError:
        return (file_stamp(path),)


def _once(paths: Sequence[str | Path], names: Sequence[str]) -> tuple[list[str | Path],
                                                                     list[str]]:
    """``paths`` (and their ``names``) with each dictionary set once, where it comes first."""
    seen: set[Path] = set()
    kept: list[str | Path] = []
    labels: list[str] = []
    for n, path in enumerate(paths):
        try:
            same = set_files(path)[0].resolve()
        except WorkbenchError:  # opening it says what is wrong
            same = Path(path).resolve()
        if same not in seen:
            seen.add(same)
            kept.append(path)
            labels += [names[n]] if names else []
    return kept, labels


def open_lexicon(paths: Sequence[str | Path], names: Sequence[str] = (),
                 strict: bool = True) -> Lexicon:
    """A :class:`Lexicon` over the dictionaries at ``paths`` (shared while the files are
    unchanged, so every caller and thread reuses one index). ``strict``: a dictionary that
    cannot be opened is an error; else it is left out and named in the lexicon's
    ``skipped`` (with ``names``, or its file's name), and the others serve. A set given
    twice (the same file, or two files of it) is read once."""
    paths, names = _once(paths, names)
    key = (tuple(_set_stamps(p) for p in paths), tuple(names), strict)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            return hit
    if strict:
        lexicon = Lexicon([open_dictionary(p) for p in paths], names)
    else:
        lexicon = _tolerant_lexicon(paths, names)
    with _CACHE_LOCK:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = lexicon
    return lexicon


def _tolerant_lexicon(paths: Sequence[str | Path], names: Sequence[str]) -> Lexicon:
    """A non-strict :class:`Lexicon` of the dictionaries that open; the others skipped."""
    opened: list[DictionaryFile] = []
    kept: list[str] = []
    skipped: dict[str, str] = {}
    for n, path in enumerate(paths):
        try:
            reader = open_dictionary(path)
        except WorkbenchError as exc:
            skipped[names[n] if names else Path(path).name] = str(exc)
            continue
        opened.append(reader)
        kept.append(names[n] if names else reader.name)
    return Lexicon(opened, kept, strict=False, skipped=skipped)
