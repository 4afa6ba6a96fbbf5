"""The Project facade: one object, one API over the service's parts.

Each part is a small class that receives the shared :class:`ProjectContext` and the other parts
it uses, in its constructor, so what depends on what is written down once, here. The CLI, the
TUI and scripts call the facade's methods, which are the parts' own bound methods.
"""

from __future__ import annotations

import getpass
import threading
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from workbench.project.catalog import Catalog
from workbench.project.context import ProjectContext
from workbench.project.reading import Reader
from workbench.store import Database, open_db
from workbench.store.connection import Location
from workbench.store.location import ServerAddress

if TYPE_CHECKING:
    from workbench.project.checking import Checking
    from workbench.project.dictionaries import Dictionaries
    from workbench.project.lqa import Lqa
    from workbench.project.memory import TranslationMemory
    from workbench.project.sources import Sources
    from workbench.project.spelling import Spelling
    from workbench.project.team import Team
    from workbench.project.terms import Terms

#: The facade's names for its parts' methods: name -> (part, the part's attribute).
BOUND: dict[str, tuple[str, str]] = {
    # glossary
    "glossary": ("terms", "glossary"), "set_glossary": ("terms", "set_glossary"),
    "merge_glossary": ("terms", "merge"),
    "add_term": ("terms", "add"), "matcher": ("terms", "matcher"),
    # views of the segment list
    "view_ids": ("views", "view_ids"), "list_rows": ("views", "list_rows"),
    "first_open_segment": ("views", "first_open_segment"),
    "document_created": ("views", "document_created"),
    "open_segments_after": ("views", "open_segments_after"),
    "link_version_id": ("views", "link_version_id"),
    # editing and review
    "save_draft": ("editing", "save_draft"), "confirm": ("editing", "confirm"),
    "open_findings": ("editing", "open_findings"), "set_status": ("editing", "set_status"),
    "undo": ("editing", "undo"), "lock": ("editing", "lock"), "unlock": ("editing", "unlock"),
    "add_note": ("editing", "add_note"), "review": ("review_part", "review"),
    # batch work: one change group each
    "select_segments": ("batch", "select"), "find_replace": ("batch", "find_replace"),
    "confirm_many": ("batch", "confirm_many"), "review_many": ("batch", "review_many"),
    "review_one": ("batch", "review_one"),
    # checks and overrides
    "check_text": ("checking", "check_text"), "check_segment": ("checking", "check_segment"),
    "check_report": ("checking", "check_report"),
    "stream_findings": ("checking", "stream_findings"),
    "check_document": ("checking", "check_document"),
    "add_override": ("checking", "add_override"), "overrides": ("checking", "overrides"),
    # change groups (imports, replacements, batches): listed and undone as one
    "changes": ("change_set", "groups"), "undo_change": ("change_set", "undo_group"),
    "last_import": ("change_set", "last_import"),
    # imports
    "import_document": ("importing", "import_document"),
    "import_document_text": ("importing", "import_document_text"),
    "import_translation": ("importing", "import_translation"),
    "import_translation_text": ("importing", "import_translation_text"),
    "align": ("importing", "align"),
    # exports and round trips
    "export_file": ("exports", "export_file"), "export_units": ("exports", "export_units"),
    "export_header": ("exports", "export_header"),
    "default_output": ("exports", "default_output"), "document_key": ("exports", "document_key"),
    "import_xliff": ("bilingual_imports", "import_xliff"),
    "import_tmx": ("bilingual_imports", "import_tmx"),
    "import_bilingual": ("bilingual_imports", "import_bilingual"),
    # scoring
    "score": ("scoring", "score"), "scoring_units": ("scoring", "scoring_units"),
    "score_history": ("scoring", "score_history"),
    "segment_scores": ("scoring", "segment_scores"), "last_score": ("scoring", "last_score"),
    # structure
    "merge_with_next": ("restructure", "merge_with_next"),
    "split_segment": ("restructure", "split_segment"),
    "move_reference_sentence": ("restructure", "move_reference_sentence"),
    "low_confidence_segments": ("restructure", "low_confidence_segments"),
}
#: The parts that are public attributes of the facade (``project.tm``, ``project.terms``...).
PUBLIC_PARTS = frozenset(
    {"terms", "spelling", "lqa", "checking", "dictionaries", "team", "sources", "tm"}
)


class Project:
    """A translation project, stored in an SQLite file or a PostgreSQL database.

    The catalog and the reader are made with the project; every other part (and the modules
    it needs: checks, memories, scoring, ...) when first used, so that a command that only
    reads (``stats``, ``history``) does not import them. A name of :data:`BOUND` is the part's
    bound method, as an attribute of the project once first read.
    """

    terms: Terms
    spelling: Spelling
    lqa: Lqa
    checking: Checking
    dictionaries: Dictionaries
    #: team work: members and roles (PostgreSQL), presence: project.team.here(...)
    team: Team
    #: client documents (DOCX, ODT, HTML, Markdown, EPUB, XLIFF): project.sources.import_file
    sources: Sources
    #: translation memories: project.tm.lookup(...), .concordance(...), .analyze(...)
    tm: TranslationMemory

    def __init__(self, context: ProjectContext) -> None:
        self.context = context
        self._parts: dict[str, Any] = {}
        # parts are made once each, whichever thread (a TUI worker) asks first
        self._parts_lock = threading.RLock()
        self.catalog = catalog = Catalog(context)
        self._parts.update(catalog=catalog, reader=Reader(context, catalog))
        reader = self._parts["reader"]
        # documents and versions
        self.documents = catalog.documents
        self.document = catalog.document
        self.document_by_id = catalog.document_by_id
        self.versions = catalog.versions
        self.version_id = catalog.version_id
        self.working_id = catalog.working_id
        self.resolve_version = catalog.resolve_version
        # reading
        self.segments = reader.segments
        self.segment = reader.segment
        self.version_text = reader.version_text
        self.link = reader.link
        self.history = reader.history
        self.notes = reader.notes
        self.stats = reader.stats

    def __getattr__(self, name: str) -> Any:
        """A part (``tm``, ``terms``...) or a part's method (``confirm``...), made when first
        read and kept as the project's attribute."""
        if name in BOUND:
            part, attribute = BOUND[name]
            value = getattr(self._part(part), attribute)
        elif name in PUBLIC_PARTS:
            value = self._part(name)
        else:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        setattr(self, name, value)
        return value

    def _part(self, name: str) -> Any:
        """The part called ``name``, made (with the parts it uses) on first use."""
        part = self._parts.get(name)
        if part is None:
            with self._parts_lock:
                part = self._parts.get(name)
                if part is None:
                    part = getattr(self, f"_make_{name}")()
                    self._parts[name] = part
        return part

    def _make_terms(self) -> Any:
        from workbench.project.terms import Terms

        return Terms(self.context)

    def _make_dictionaries(self) -> Any:
        from workbench.project.dictionaries import Dictionaries

        return Dictionaries(self.context)

    def _make_spelling(self) -> Any:
        from workbench.project.known_words import DictionaryWords, MemoryWords
        from workbench.project.spelling import Spelling

        spelling = Spelling(self.context, self._part("terms"))
        # the English of the external memories and of the dictionaries' senses: never flagged
        spelling.add_known_source(MemoryWords(self.context), suggest=False)
        spelling.add_known_source(DictionaryWords(self._part("dictionaries")), suggest=False)
        return spelling

    def _make_lqa(self) -> Any:
        from workbench.project.lqa import Lqa

        return Lqa(self.context, self.catalog, self._part("reader"))

    def _make_checking(self) -> Any:
        from workbench.project.checking import Checking

        return Checking(self.context, self.catalog, self._part("reader"), self._part("terms"),
                        self._part("spelling"))

    def _make_tm(self) -> Any:
        from workbench.project.memory import TranslationMemory

        return TranslationMemory(self.context, self.catalog, self._part("reader"),
                                 self._part("checking"))

    def _make_editing(self) -> Any:
        from workbench.project.editing import Editing

        editing = Editing(self.context, self.catalog, self._part("reader"),
                          self._part("checking"))
        tm = self._part("tm")
        editing.on_confirm = tm.on_confirm
        editing.before_confirm = tm.before_confirm
        editing.confirm_fingerprint = tm.propagates
        return editing

    def _make_review_part(self) -> Any:
        from workbench.project.review import Review

        return Review(self.context, self._part("reader"), self._part("editing"))

    def _make_change_set(self) -> Any:
        from workbench.project.changes import ChangeSet

        return ChangeSet(self.context, self.catalog)

    def _make_team(self) -> Any:
        from workbench.project.team import Team

        return Team(self.context)

    def _make_importing(self) -> Any:
        from workbench.project.importing import Importing

        return Importing(self.context, self.catalog, self._part("terms"),
                         self._part("change_set"), self._part("dictionaries"))

    def _make_sources(self) -> Any:
        from workbench.project.sources import Sources

        return Sources(self.context, self.catalog, self._part("importing"),
                       self._part("change_set"))

    def _make_exports(self) -> Any:
        from workbench.project.exchange_export import Exports

        exports = Exports(self.context, self.catalog, self._part("checking"), self._part("terms"),
                          self._part("lqa"))
        exports.tm_annotator = self._part("tm").annotate_units
        return exports

    def _make_bilingual_imports(self) -> Any:
        from workbench.project.exchange_import import BilingualImports

        return BilingualImports(self.context, self.catalog, self._part("change_set"),
                                self._part("exports").document_key, self._part("lqa"))

    def _make_scoring(self) -> Any:
        from workbench.project.scoring import Scoring

        return Scoring(self.context, self.catalog, self._part("terms"))

    def _make_restructure(self) -> Any:
        from workbench.project.restructure import Restructure

        return Restructure(self.context, self.catalog, self._part("reader"))

    def _make_views(self) -> Any:
        from workbench.project.views import Views

        return Views(self.context, self.catalog, self._part("checking"))

    def _make_batch(self) -> Any:
        from workbench.project.batch import Batch

        part = self._part
        return Batch(self.context, self.catalog, part("reader"), part("checking"),
                     part("editing"), part("review_part"), part("change_set"))

    @classmethod
    def open(
        cls, path: str | Path | ServerAddress, *, create: bool = False,
        author: str | None = None, read_only: bool = False,
    ) -> Self:
        """Open a project: an SQLite file's path, or a ``postgresql://`` URL (with ``create``,
        create it when missing or the database is empty). A project that cannot be written, or
        any with ``read_only``, opens read-only: its writes raise ReadOnlyProjectError."""
        return cls.attach(open_db(path, create=create, read_only=read_only), author)

    @classmethod
    def attach(cls, db: Database, author: str | None = None) -> Self:
        """The project on an open database connection (closing the project closes it)."""
        # On a server the author is the database user (a team member's login).
        who = author or db.user or getpass.getuser() or "translator"
        return cls(ProjectContext(db, db.location, who))

    @property
    def db(self) -> Database:
        """The project's database connection (for the store's queries)."""
        return self.context.db

    @property
    def path(self) -> Location:
        """Where the project lives: its file, or its server address (whose ``str`` shows no
        password); ``Project.open(project.path)`` opens it again."""
        return self.context.path

    @property
    def read_only_reason(self) -> str:
        """Why the project cannot be written ('' when it can): see store.db.open_db."""
        return str(getattr(self.context.db, "read_only_reason", ""))

    @property
    def read_only(self) -> bool:
        """True when the project is open read-only."""
        return bool(self.read_only_reason)

    @property
    def author(self) -> str:
        """Who is recorded in the history for this session's changes."""
        return self.context.author

    def transaction(self) -> AbstractContextManager[Database]:
        """A write transaction on the project (nested calls are savepoints)."""
        return self.context.transaction()

    def close(self) -> None:
        """Close the database connection."""
        self.context.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
