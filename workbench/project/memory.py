"""The translation memory part of the Project service (``project.tm``): memories, lookups,
concordance, repetitions and propagation, pre-translation and analysis.

The project's own memory is kept by the store's triggers (one unit per confirmed segment, so
edits made anywhere — TUI, CLI, imports, undo — keep it right); new units are indexed before
any match. The work is in small modules, exposed here as one API:

- :mod:`tm_files`: listing, importing (TMX, tab-separated), exporting and removing memories;
- :mod:`tm_indexing`: writing units and their matching data, indexing new project units;
- :mod:`tm_lookups` (with :mod:`tm_matcher`): matches, the list's marks, concordance;
- :mod:`tm_repetitions`: repetitions and propagation on confirmation;
- :mod:`tm_batch`: pre-translation and the analysis report.

The pure engines are in :mod:`workbench.tm`.
"""

from __future__ import annotations

from workbench.errors import WorkbenchError
from workbench.project.catalog import Catalog
from workbench.project.checking import Checking
from workbench.project.context import ProjectContext
from workbench.project.reading import Reader, Segment
from workbench.project.tm_batch import DocumentWork
from workbench.project.tm_files import PROJECT, MemoryFiles, MemoryInfo
from workbench.project.tm_indexing import Indexing
from workbench.project.tm_lookups import Lookups
from workbench.project.tm_repetitions import Repetitions
from workbench.tm.results import TmMatch


class TranslationMemory:
    """The project's translation memories."""

    def __init__(
        self, context: ProjectContext, catalog: Catalog, reader: Reader, checking: Checking
    ) -> None:
        self.indexing = indexing = Indexing(context)
        self.files = files = MemoryFiles(context, indexing)
        self.lookups = lookups = Lookups(context, catalog, reader, indexing, files)
        self._repetitions = Repetitions(context, catalog, reader, checking)
        work = DocumentWork(context, catalog, lookups)
        self.matcher = lookups.matcher
        self._auto_insert_min: int | None = None

        # memories
        self.memories = files.memories
        self.memory_names = files.names
        self.import_file = files.import_file
        self.export_file = files.export_file
        self.remove = files.remove
        self.index_pending = indexing.index_pending
        # matching
        self.lookup = lookups.lookup
        self.lookup_many = lookups.lookup_many
        self.segment_matches = lookups.segment_matches
        self.exact_scores = lookups.exact_scores
        self.insert_match = lookups.insert_match
        self.concordance = lookups.concordance
        self.annotate_units = lookups.annotate_units
        # repetitions
        self.repetitions = self._repetitions.repetitions
        self.repeated_ids = self._repetitions.repeated_ids
        self.propagate_from = self._repetitions.propagate_from
        # documents
        self.pretranslate = work.pretranslate
        self.analyze = work.analyze

    @property
    def propagate(self) -> bool | None:
        """Whether confirming propagates to repetitions (None: the config file's setting)."""
        return self._repetitions.propagate

    @propagate.setter
    def propagate(self, value: bool | None) -> None:
        self._repetitions.propagate = value

    @property
    def auto_insert_min(self) -> int:
        """The lowest score inserted into an empty segment when it is opened (0: off); unless
        set, the config file's ``[tm] auto_insert_min``."""
        if self._auto_insert_min is None:
            from workbench.config import load_config

            try:
                self._auto_insert_min = load_config().tm_auto_insert_min
            except WorkbenchError:
                self._auto_insert_min = 0
        return self._auto_insert_min

    @auto_insert_min.setter
    def auto_insert_min(self, value: int | None) -> None:
        self._auto_insert_min = value

    def auto_insert(
        self, segment_id: int, match: TmMatch, *, min_score: int | None = None
    ) -> Segment | None:
        """Put ``match`` into the segment when it scores at least ``min_score`` (None:
        :attr:`auto_insert_min`; 0: off) and the segment is still empty and unlocked: a draft,
        its origin in the history (action ``tm-auto``) and a note (kind ``tm``). The segment
        written, or None (nothing written)."""
        threshold = self.auto_insert_min if min_score is None else min_score
        if threshold <= 0 or match.score < threshold:
            return None
        return self.lookups.fill(segment_id, match, "tm-auto", only_empty=True)

    def before_confirm(self, segment_id: int) -> None:
        """Called by Editing.confirm before its transaction: what a process reads once for
        propagation (its document's repetition keys) is read before the write lock."""
        if self._repetitions.propagation_enabled():
            self._repetitions.read_keys_first(segment_id)

    def on_confirm(self, segment: Segment, fingerprint: tuple[int, int] | None = None) -> None:
        """Called by Editing.confirm inside its transaction: propagate the translation to the
        segment's repetitions (unless switched off; ``fingerprint``: its document's, read with
        the segment) and, on SQLite, index the new units. On PostgreSQL confirmations of
        different segments run at once: the next lookup indexes their units, in a transaction
        of its own (one index writer at a time)."""
        if self._repetitions.propagation_enabled():
            self._repetitions.propagate_from(
                segment.id, confirmed=segment, fingerprint=fingerprint
            )
        if self.indexing.db.dialect == "sqlite":
            self.indexing.index_pending_here()

    def propagates(self) -> bool:
        """Whether confirming propagates to repetitions (the setting, else the config's)."""
        return self._repetitions.propagation_enabled()


__all__ = ["PROJECT", "MemoryInfo", "TranslationMemory"]
