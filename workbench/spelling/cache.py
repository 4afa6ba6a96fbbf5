"""Loaded Hunspell dictionaries kept on disk, so that a process starts its spell checker in a
fraction of the time (as dictionaries' look-up keys are: :mod:`workbench.dictionary.keycache`).

Reading en_US's ``.dic`` through spylls takes ~0.5 s and the quick-suggestion index ~0.2 s, in
every command that checks. The loaded spylls dictionary is kept pickled (our own file, in the
cache folder: never a file a user gives) and the index as its bigrams and number arrays, in
``WORKBENCH_CACHE`` (else ``$XDG_CACHE_HOME/workbench``) under ``dictionaries/``; both are used
while the ``.aff`` and ``.dic`` keep their path, size and modification time. A cache that
cannot be read or written is rebuilt or skipped in silence: it only saves time.
"""

from __future__ import annotations

import json
import os
import pickle
import stat
import sys
from array import array
from pathlib import Path
from typing import Any

import numpy as np

from workbench.collector import gc_paused
from workbench.dictionary.keycache import (
    index_file,
    index_stamp,
    load_index,
    save_index,
    write_file,
)
from workbench.spelling.suggest import CandidateIndex

VERSION = 1  # raise when what is kept, or how, changes
_MAGIC = b"workbench-spelling-dictionary\n"


def _files(base: Path) -> list[Path]:
    return [base.with_name(base.name + ".aff"), base.with_name(base.name + ".dic")]


def _extra() -> str:
    """What the kept dictionary depends on besides its files: spylls and this Python."""
    import spylls

    return json.dumps([VERSION, getattr(spylls, "__version__", "?"),
                       list(sys.version_info[:2]), pickle.HIGHEST_PROTOCOL])


def files_stamp(base: Path) -> str | None:
    """The stamp of the dictionary ``base`` as its files are now (path, modification time and
    size of the ``.aff`` and ``.dic``), taken before they are read: what is kept of them is
    used only while it is the same. None when a file cannot be seen."""
    try:
        return index_stamp(_files(base), _extra())
    except OSError:
        return None


def load_spylls(base: Path, stamp: str) -> Any | None:
    """The spylls dictionary of ``base`` (``.aff`` + ``.dic``) kept by :func:`save_spylls`
    under ``stamp`` (:func:`files_stamp`), else None."""
    head = _MAGIC + stamp.encode() + b"\n"
    try:
        with index_file(_files(base), "spylls").open("rb") as fh:
            if fh.read(len(head)) != head or not _own(fh.fileno()):
                return None
            with gc_paused():  # a million small objects, all long-lived
                return pickle.load(fh)
    except Exception:  # no file, or a truncated or foreign one: whatever unpickling raises
        return None


def _own(fd: int) -> bool:
    """Whether the open file is this user's and only this user may write it (a pickle runs
    what it names: one another user could write is never read)."""
    if not hasattr(os, "getuid"):
        return True
    st = os.fstat(fd)
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def save_spylls(base: Path, stamp: str, dictionary: Any) -> None:
    """Keep the spylls ``dictionary`` read from ``base`` (its files stamped ``stamp`` before
    they were read) for the next process."""
    try:
        data = pickle.dumps(dictionary, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # something spylls holds that cannot be kept
        return
    write_file(index_file(_files(base), "spylls"), _MAGIC + stamp.encode() + b"\n" + data)


def candidate_index(base: Path, stamp: str | None, words: list[Any]) -> CandidateIndex:
    """The quick-suggestion index of the dictionary ``base`` whose stems are ``words``, its
    files stamped ``stamp`` when they were read: kept from an earlier process that read the
    same files, else built now (and kept, unless ``stamp`` is None)."""
    files = _files(base)
    if stamp is not None:
        hit = load_index(files, "bigrams", stamp)
        if hit is not None:
            grams, (starts, ids, lengths), _ = hit
            if len(lengths) == len(words) and len(starts) == len(grams) + 1:
                every = np.frombuffer(ids, dtype=np.int32)
                postings = {g: every[starts[i] : starts[i + 1]] for i, g in enumerate(grams)}
                return CandidateIndex.from_parts(
                    words, postings, np.frombuffer(lengths, dtype=np.int32))
    index = CandidateIndex(words)
    if stamp is not None:
        grams = list(index.postings)
        starts = array("q", [0])
        for gram in grams:
            starts.append(starts[-1] + len(index.postings[gram]))
        ids = array("i", np.concatenate([index.postings[g] for g in grams]).tobytes()
                    if grams else b"")
        lengths = array("i", index.lengths.tobytes())
        # the stamp of the files as read is the index's "extra": keycache adds their stamp
        # now, so an index built after the files changed is never taken for the new ones'
        save_index(files, "bigrams", stamp, grams, [starts, ids, lengths], {})
    return index
