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

import sqlite_utils

from workbench.project.catalog import Catalog
from workbench.project.checking import Checking
from workbench.project.context import ProjectContext
from workbench.project.editing import Editing
from workbench.project.exchange import Exchange
from workbench.project.importing import Importing
from workbench.project.memory import TranslationMemory
from workbench.project.reading import Reader
from workbench.project.restructure import Restructure
from workbench.project.review import Review
from workbench.project.scoring import Scoring
from workbench.project.terms import Terms
from workbench.project.views import Views
from workbench.store import open_db


class Project:
    """A translation project stored in one SQLite file."""

    def __init__(self, context: ProjectContext) -> None:
        self.context = context
        self.catalog = catalog = Catalog(context)
        self.terms = terms = Terms(context)
        reader = Reader(context, catalog)
        checking = Checking(context, catalog, reader, terms)
        editing = Editing(context, catalog, reader, checking)
        review = Review(context, reader, editing)
        importing = Importing(context, catalog, terms)
        exchange = Exchange(context, catalog, checking, terms)
        scoring = Scoring(context, catalog, terms)
        restructure = Restructure(context, catalog, reader)
        views = Views(context, catalog, checking)
        #: translation memories: project.tm.lookup(...), .concordance(...), .analyze(...)
        self.tm = TranslationMemory(context, catalog, reader, checking)
        editing.on_confirm = self.tm.on_confirm
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
        self.link_version_id = views.link_version_id
        # editing and review
        self.save_draft = editing.save_draft
        self.confirm = editing.confirm
        self.open_findings = editing.open_findings
        self.set_status = editing.set_status
        self.undo = editing.undo
        self.add_note = editing.add_note
        self.review = review.review
        # checks and overrides
        self.check_text = checking.check_text
        self.check_segment = checking.check_segment
        self.check_report = checking.check_report
        self.check_document = checking.check_document
        self.add_override = checking.add_override
        self.overrides = checking.overrides
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
    def open(cls, path: str | Path, *, create: bool = False, author: str | None = None) -> Self:
        """Open a project (with ``create``, create it when missing)."""
        who = author or getpass.getuser() or "translator"
        return cls(ProjectContext(open_db(path, create=create), Path(path), who))

    @property
    def db(self) -> sqlite_utils.Database:
        """The project's database connection (for the store's queries)."""
        return self.context.db

    @property
    def path(self) -> Path:
        """Where the project lives."""
        return self.context.path

    @property
    def author(self) -> str:
        """Who is recorded in the history for this session's changes."""
        return self.context.author

    def transaction(self) -> AbstractContextManager[sqlite_utils.Database]:
        """A write transaction on the project (nested calls are savepoints)."""
        return self.context.transaction()

    def close(self) -> None:
        """Close the database connection."""
        self.context.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
