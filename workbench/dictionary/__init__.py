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
)
from workbench.dictionary.model import DictEntry, DictionaryFile
from workbench.dictionary.registry import FORMATS, detect, open_dictionary

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
    "open_dictionary",
    "open_lexicon",
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


def open_lexicon(paths: Sequence[str | Path], names: Sequence[str] = ()) -> Lexicon:
    """A :class:`Lexicon` over the dictionaries at ``paths`` (shared while the files are
    unchanged, so every caller and thread reuses one index)."""
    key = (tuple(file_stamp(Path(p)) for p in paths), tuple(names))
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            return hit
    lexicon = Lexicon([open_dictionary(p) for p in paths], names)
    with _CACHE_LOCK:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = lexicon
    return lexicon
