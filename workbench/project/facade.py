"""The Project facade: one object, one API over the service's parts.

Each part is a small class that receives the shared :class:`ProjectContext` and the other parts
it uses, in its constructor, so what depends on what is written down once, here. The CLI, the
TUI and scripts call the facade's methods, which are the parts' own bound methods.
"""

from __future__ import annotations

import getpass
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Self

from workbench.project.batch import Batch
from workbench.project.catalog import Catalog
from workbench.project.changes import ChangeSet
from workbench.project.checking import Checking
from workbench.project.context import ProjectContext
from workbench.project.dictionaries import Dictionaries
from workbench.project.editing import Editing
from workbench.project.exchange import Exchange
from workbench.project.importing import Importing
from workbench.project.known_words import DictionaryWords, MemoryWords
from workbench.project.lqa import Lqa
from workbench.project.memory import TranslationMemory
from workbench.project.reading import Reader
from workbench.project.restructure import Restructure
from workbench.project.review import Review
from workbench.project.scoring import Scoring
from workbench.project.sources import Sources
from workbench.project.spelling import Spelling
from workbench.project.team import Team
from workbench.project.terms import Terms
from workbench.project.views import Views
from workbench.store import Database, open_db
from workbench.store.connection import Location
from workbench.store.location import ServerAddress


class Project:
    """A translation project, stored in an SQLite file or a PostgreSQL database."""

    def __init__(self, context: ProjectContext) -> None:
        self.context = context
        self.catalog = catalog = Catalog(context)
        self.terms = terms = Terms(context)
        reader = Reader(context, catalog)
        self.spelling = spelling = Spelling(context, terms)
        self.lqa = lqa = Lqa(context, catalog, reader)
        self.checking = checking = Checking(context, catalog, reader, terms, spelling)
        editing = Editing(context, catalog, reader, checking)
        review = Review(context, reader, editing)
        changes = ChangeSet(context, catalog)
        self.dictionaries = dictionaries = Dictionaries(context)
        # team work: members and roles (PostgreSQL), presence: project.team.here(...)
        self.team = Team(context)
        importing = Importing(context, catalog, terms, changes, dictionaries)
        # client documents (DOCX, ODT, HTML, Markdown, EPUB, XLIFF):
        # project.sources.import_file(...)
        self.sources = Sources(context, catalog, importing, changes)
        exchange = Exchange(context, catalog, checking, terms, changes, lqa)
        scoring = Scoring(context, catalog, terms)
        restructure = Restructure(context, catalog, reader)
        views = Views(context, catalog, checking)
        batch = Batch(context, catalog, reader, checking, editing, review, changes)
        #: translation memories: project.tm.lookup(...), .concordance(...), .analyze(...)
        self.tm = TranslationMemory(context, catalog, reader, checking)
        editing.on_confirm = self.tm.on_confirm
        editing.before_confirm = self.tm.before_confirm
        editing.confirm_fingerprint = self.tm.propagates
        # the English of the external memories and of the dictionaries' senses: never flagged
        spelling.add_known_source(MemoryWords(context), suggest=False)
        spelling.add_known_source(DictionaryWords(dictionaries), suggest=False)
        exchange.tm_annotator = self.tm.annotate_units

        # documents and versions
        self.documents = catalog.documents
        self.document = catalog.document
        self.document_by_id = catalog.document_by_id
        self.versions = catalog.versions
        self.version_id = catalog.version_id
        self.working_id = catalog.working_id
        self.resolve_version = catalog.resolve_version
        # glossary
        self.glossary = terms.glossary
        self.set_glossary = terms.set_glossary
        self.add_term = terms.add
        self.matcher = terms.matcher
        # reading
        self.segments = reader.segments
        self.segment = reader.segment
        self.version_text = reader.version_text
        self.link = reader.link
        self.history = reader.history
        self.notes = reader.notes
        self.stats = reader.stats
        # views of the segment list
        self.view_ids = views.view_ids
        self.list_rows = views.list_rows
        self.first_open_segment = views.first_open_segment
        self.open_segments_after = views.open_segments_after
        self.link_version_id = views.link_version_id
        # editing and review
        self.save_draft = editing.save_draft
        self.confirm = editing.confirm
        self.open_findings = editing.open_findings
        self.set_status = editing.set_status
        self.undo = editing.undo
        self.lock = editing.lock
        self.unlock = editing.unlock
        self.add_note = editing.add_note
        self.review = review.review
        # batch work: one change group each
        self.select_segments = batch.select
        self.find_replace = batch.find_replace
        self.confirm_many = batch.confirm_many
        self.review_many = batch.review_many
        # checks and overrides
        self.check_text = checking.check_text
        self.check_segment = checking.check_segment
        self.check_report = checking.check_report
        self.stream_findings = checking.stream_findings
        self.check_document = checking.check_document
        self.add_override = checking.add_override
        self.overrides = checking.overrides
        # change groups (imports, replacements, batches): listed and undone as one
        self.changes = changes.groups
        self.undo_change = changes.undo_group
        self.last_import = changes.last_import
        # imports
        self.import_document = importing.import_document
        self.import_document_text = importing.import_document_text
        self.import_translation = importing.import_translation
        self.import_translation_text = importing.import_translation_text
        self.align = importing.align
        # exports and round trips
        self.export_file = exchange.export_file
        self.export_units = exchange.export_units
        self.export_header = exchange.export_header
        self.default_output = exchange.default_output
        self.document_key = exchange.document_key
        self.import_xliff = exchange.import_xliff
        self.import_tmx = exchange.import_tmx
        self.import_bilingual = exchange.import_bilingual
        # scoring
        self.score = scoring.score
        self.scoring_units = scoring.scoring_units
        self.score_history = scoring.score_history
        self.segment_scores = scoring.segment_scores
        self.last_score = scoring.last_score
        # structure
        self.merge_with_next = restructure.merge_with_next
        self.split_segment = restructure.split_segment
        self.move_reference_sentence = restructure.move_reference_sentence
        self.low_confidence_segments = restructure.low_confidence_segments

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
