"""Words the spell checker knows from the project's resources: the English of its external
translation memories and of the senses of its bilingual dictionaries (issue 15).

Both are sources for :meth:`Spelling.add_known_source` (``suggest=False``): they return word
keys, the same frozenset object until the memories or the dictionary files change, so the
checker is rebuilt only then. The project memory is not one of them: its English is the
translators' own, which the checker is there to check.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable
from pathlib import Path

from workbench.dictionary import file_stamp
from workbench.dictionary.keycache import current_stamp, load_index, save_index
from workbench.dictionary.model import DictionaryFile
from workbench.errors import WorkbenchError
from workbench.project.context import ProjectContext
from workbench.project.dictionaries import Dictionaries
from workbench.spelling.tokens import text_word_keys
from workbench.store import tm_words as q_words

#: Dictionary entries whose senses are cut into words at once.
ENTRY_BATCH = 2_000


def english_vocabulary(texts: Iterable[list[str]]) -> set[str]:
    """The word keys of pages of English texts (what a memory's English adds)."""
    seen: set[str] = set()
    out: set[str] = set()
    for page in texts:
        out |= text_word_keys(page, seen)
    return out


class MemoryWords:
    """The words of the external memories' English (stored per memory when it is imported)."""

    #: called with the project's QA stamp (see ``Spelling.add_known_source``)
    stamped = True

    def __init__(self, context: ProjectContext) -> None:
        self.context = context
        self._cache: tuple[object, frozenset[str]] | None = None
        self._stamp: int | None = None  # the QA stamp the cache was last found right under

    def __call__(self, stamp: int | None = None) -> frozenset[str]:
        """The words; ``stamp``: the project's QA stamp as the caller read it (the words
        read before under the same stamp are still right: no statement)."""
        cached = self._cache
        if stamp is not None and cached is not None and stamp == self._stamp:
            return cached[1]
        words = self._read()
        self._stamp = stamp
        return words

    def _read(self) -> frozenset[str]:
        db = self.context.db
        self.backfill()
        stamp = (q_words.external_memories(db), tuple(q_words.pending(db)))
        cached = self._cache
        if cached is not None and cached[0] == stamp:
            return cached[1]
        words = frozenset(q_words.words(db))
        self._cache = (stamp, words)
        return words

    def backfill(self) -> int:
        """Store the words of memories imported before they were kept (one transaction each;
        nothing on a project open read-only); how many memories were read."""
        db = self.context.db
        if db.read_only:
            return 0
        done = 0
        for memory_id in q_words.pending(db):
            with self.context.transaction():
                if not q_words.take_pending(db, memory_id):
                    continue  # another client read it meanwhile
                q_words.add_words(
                    db, memory_id, english_vocabulary(q_words.targets(db, memory_id))
                )
                done += 1
        return done


_SENSES: dict[tuple[str, int, int], frozenset[str]] = {}
_SENSES_LOCK = threading.Lock()
_SENSES_SIZE = 16


def sense_words(path: str | Path) -> frozenset[str]:
    """The word keys of the senses of every entry of a dictionary file (read once a process
    while the file is unchanged; empty when it cannot be read)."""
    from workbench.dictionary import open_dictionary

    stamp = file_stamp(path)
    with _SENSES_LOCK:
        hit = _SENSES.get(stamp)
    if hit is not None:
        return hit
    try:
        reader = open_dictionary(path)
        try:
            words = _kept_words(reader)
        finally:
            reader.close()
    except (WorkbenchError, OSError, ValueError):
        words = frozenset()  # `workbench dictionary` reports a broken file; checks go on
    with _SENSES_LOCK:
        if len(_SENSES) >= _SENSES_SIZE:
            _SENSES.pop(next(iter(_SENSES)))
        _SENSES[stamp] = words
    return words


#: Words whose keys show how the checker cuts and keys words: a kept list of a dictionary's
#: sense words is used only while they are keyed as when it was written.
_KEY_PROBE = ("Seperate, untill: don't co-operate — CAFÉ naïve colour's x-ray e-mail",)


def _kept_words(reader: DictionaryFile) -> frozenset[str]:
    """The word keys of a dictionary's senses: kept on disk beside its look-up keys
    (:mod:`workbench.dictionary.keycache`), so that each check does not read every article
    again (FreeDict ara-eng: 1.5 s a `workbench check`); read and kept when not there."""
    files = reader.files()
    extra = json.dumps(sorted(text_word_keys(_KEY_PROBE)))
    hit = load_index(files, "spelling", extra)
    if hit is not None:
        return frozenset(hit[0])
    stamp = current_stamp(files, extra)  # before the articles are read
    seen: set[str] = set()
    out: set[str] = set()
    for start in range(0, len(reader), ENTRY_BATCH):
        senses = [
            sense
            for k in range(start, min(start + ENTRY_BATCH, len(reader)))
            for sense in reader.entry(k).senses
        ]
        out |= text_word_keys(senses, seen)
    if stamp is not None:
        save_index(files, "spelling", extra, sorted(out), [], {}, stamp)
    return frozenset(out)


class DictionaryWords:
    """The words of the senses of the project's available dictionaries."""

    #: called with the project's QA stamp (see ``Spelling.add_known_source``)
    stamped = True
    #: their senses hold typos (FreeDict's seperate, untill): see ``SpellChecker.typo_prone``
    typo_prone = True

    def __init__(self, dictionaries: Dictionaries) -> None:
        self.dictionaries = dictionaries
        self._cache: tuple[object, frozenset[str]] | None = None
        self._paths: tuple[int | None, list[str]] | None = None

    def __call__(self, stamp: int | None = None) -> frozenset[str]:
        """The words; ``stamp``: the project's QA stamp as the caller read it (the list of
        dictionaries read under the same stamp is still right; their files are looked at
        every time)."""
        known = self._paths
        if stamp is None or known is None or known[0] != stamp:
            known = self._paths = (stamp, [d.path for d in self.dictionaries.list()])
        paths = [p for p in known[1] if os.path.isfile(p)]
        stamp_ = tuple(file_stamp(p) for p in paths)
        cached = self._cache
        if cached is not None and cached[0] == stamp_:
            return cached[1]
        words = frozenset().union(*(sense_words(p) for p in paths))
        self._cache = (stamp_, words)
        return words
