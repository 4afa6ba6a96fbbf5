"""Client documents: DOCX, ODT, HTML, Markdown, EPUB and XLIFF imported with their formatting kept.

A document read by a filter (:mod:`workbench.filters`) is stored as its segments (each block,
a paragraph of the original, segmented across its tags; ``segments.paragraph`` is the block's
number), its blocks' places and tag maps, and the original file's bytes, which the export
``original`` writes back translated. A bilingual XLIFF brings its targets: they fill the
working translation as one change group (``undo --last-import`` undoes it). Plain text goes
through the classic import, unchanged.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.errors import InputError, NotFoundError
from workbench.filters import (
    FILTER_VERSION,
    SOURCE_FORMATS,
    SourceDocument,
    SourceFormat,
    Tag,
    read_source,
    source_format_for,
)
from workbench.filters.model import tags_from_json, tags_to_json
from workbench.filters.segmenting import segment_block
from workbench.project.catalog import Catalog, document_name, document_taken
from workbench.project.changes import Change, ChangeSet, FillReport
from workbench.project.context import ProjectContext
from workbench.project.importing import Importing, ImportReport
from workbench.statuses import STATUSES, Status
from workbench.store import documents as q_docs
from workbench.store import notes as q_notes
from workbench.store import sources as q_sources
from workbench.store.db import analyze
from workbench.text.script import require_language
from workbench.text.segment import Abbreviations, Segmenter, has_visible_text
from workbench.text.tags import strip_tags, tokens
from workbench.textio import file_name_text
from workbench.wording import plural


@dataclass
class DocumentImportReport(ImportReport):
    """What the import of a client document added: also its format, blocks and tags."""

    format: str = "txt"
    blocks: int = 0
    tags: int = 0
    notes_added: int = 0
    """A bilingual file's comments (its units' notes), added to their first segments."""


@dataclass(frozen=True)
class OriginalInfo:
    """What is stored of a document's original file (its bytes aside)."""

    document: str
    format: str
    file_name: str
    size: int
    sha256: str
    blocks: int
    filter_version: int
    imported_at: str


class Sources:
    """Imports of client documents, and what is stored of their originals."""

    def __init__(
        self, context: ProjectContext, catalog: Catalog, importing: Importing,
        changes: ChangeSet,
    ) -> None:
        self.context = context
        self.catalog = catalog
        self.importing = importing
        self.changes = changes

    # formats --------------------------------------------------------------------------------

    @staticmethod
    def formats() -> list[SourceFormat]:
        """The kinds of document ``import_file`` reads, in order (txt first)."""
        return list(SOURCE_FORMATS)

    @staticmethod
    def format_for(path: str | Path, fmt: str | None = None) -> SourceFormat:
        """The kind of document of a file: ``fmt`` when given, else by its ending (text
        when the ending names none)."""
        return source_format_for(path, fmt)

    @staticmethod
    def read(path: str | Path, fmt: str | None = None) -> SourceDocument:
        """Read a client document (no project needed): refused with one line naming the file
        when hostile, broken or empty. Not for plain text."""
        return read_source(path, fmt)

    # import ---------------------------------------------------------------------------------

    def import_file(
        self, path: str | Path, name: str | None = None, fmt: str | None = None
    ) -> ImportReport:
        """Import a client document (``fmt`` or by its ending) as document ``name`` (default:
        the file name without its ending). Plain text takes the classic import."""
        spec = source_format_for(path, fmt)
        if spec.plain:
            return self.importing.import_document(path, name)
        name = file_name_text(Path(path).stem) if name is None else name
        return self.import_source(read_source(path, spec.name), name)

    def import_source(
        self, source: SourceDocument, name: str, abbreviations: Abbreviations | None = None
    ) -> DocumentImportReport:
        """Store a document read by a filter as document ``name`` (one transaction): its
        segments, its blocks' places and tag maps, its original bytes; a bilingual file's
        English fills the working translation as one change group. ``abbreviations``: the
        segmenter's, with a user's own."""
        name = document_name(name)
        segmenter = Segmenter(abbreviations) if abbreviations else None
        rows: list[tuple[int, int, str]] = []
        blocks: list[tuple[int, str, str, dict[str, Any]]] = []
        english: list[tuple[int, str, str]] = []  # (row index, text, status)
        noted: list[tuple[int, tuple[str, ...]]] = []  # (row index, a block's comments)
        tag_count = 0
        for number, block in enumerate(source.blocks, start=1):
            segments, tags = segment_block(block, "ar", segmenter)
            kept = [(i, s) for i, s in enumerate(segments) if has_visible_text(s)]
            if not kept:
                continue
            paragraph = number  # the block's number in the filter's order
            blocks.append((paragraph, block.place, block.kind, tags_to_json(tags)))
            tag_count += len(tags)
            if block.notes:
                noted.append((len(rows), block.notes))
            for i, text in kept:
                target = block.targets[i] if block.targets and i < len(block.targets) else None
                if target and target.strip():
                    status = (block.statuses or [None] * (i + 1))[i] or Status.DRAFT.value
                    if status not in STATUSES or status == Status.NEW.value:
                        status = Status.DRAFT.value
                    english.append((len(rows), target.strip(), status))
                rows.append((paragraph, len(rows) + 1, text))
        if not rows:
            raise InputError(source.path, "no text to import")
        require_language(strip_tags(" ".join(text for _, _, text in rows)), "ar", source.path)
        db = self.context.db
        file_name = Path(source.path).name
        report = DocumentImportReport(
            document=name, segments=len(rows), format=source.format, blocks=len(source.blocks),
            tags=tag_count, warnings=list(source.warnings),
        )
        with self.context.transaction():
            if q_docs.document_by_name(db, name) is not None:
                raise document_taken(self.context.path, name)
            doc_id = q_docs.insert_document(db, name, source.path, None)
            q_docs.insert_segments(db, doc_id, rows)
            q_sources.insert_original(
                db, doc_id, source.format, file_name, source.data,
                hashlib.sha256(source.data).hexdigest(), len(source.blocks), FILTER_VERSION,
            )
            q_sources.insert_blocks(db, doc_id, blocks)
            if english or noted:
                document = self.catalog.document(name)
                ids = q_docs.segment_ids(db, doc_id)
                changes: list[Change] = [
                    (ids[i], None, text, Status.NEW.value, status) for i, text, status in english
                ]

                def comments() -> str:
                    """The units' comments, in the import's change group (its undo takes
                    them away)."""
                    for i, texts in noted:
                        for text in texts:
                            q_notes.add_note(db, ids[i], self.context.author, "comment", text,
                                             self.context.group_id)
                    report.notes_added = sum(len(texts) for _, texts in noted)
                    return plural(report.notes_added, "comment") if noted else ""

                fill = FillReport(filled=len(changes))
                fill.group_id = self.changes.apply(
                    document, changes, f"import-{source.format}", f"import-{source.format}",
                    f"{file_name} into {name}: {fill.describe()}", also=comments,
                )
                report.fill = fill
            analyze(db)
        return report

    # what is stored -------------------------------------------------------------------------

    def original(self, doc: str | None = None) -> OriginalInfo | None:
        """What is stored of a document's original file, or None (imported from text)."""
        document = self.catalog.document(doc)
        row = q_sources.original_info(self.context.db, document.id)
        if row is None:
            return None
        return OriginalInfo(
            document.name, row["format"], row["file_name"], row["size"], row["sha256"],
            row["blocks"], row["filter_version"], row["imported_at"],
        )

    def original_bytes(self, doc: str | None = None) -> bytes:
        """The bytes of a document's original file (NotFoundError without one)."""
        document = self.catalog.document(doc)
        data = q_sources.original_bytes(self.context.db, document.id)
        if data is None:
            raise NotFoundError(f"document {document.name!r} was imported from text: it has "
                                "no original file")
        return data

    def block(self, segment_id: int) -> dict[str, Any] | None:
        """The block of a segment: ``paragraph``, ``place``, ``kind`` and ``tags`` (number ->
        Tag), or None for a segment of a document imported from text."""
        row = q_sources.block_of_segment(self.context.db, segment_id)
        if row is None:
            return None
        return {**row, "tags": tags_from_json(json.loads(row["tags"]))}

    def segment_tags(self, segment_id: int, text: str | None = None) -> dict[int, Tag]:
        """The tags of a segment's Arabic (or of ``text``), by number: what each placeholder
        stands for (label, title, paired), for an editor that shows tags compactly. Empty
        for a segment without tags."""
        block = self.block(segment_id)
        if block is None:
            return {}
        if text is None:
            row = q_docs.segment(self.context.db, segment_id)
            text = row["source"] if row is not None else ""
        used = {t.id for t in tokens(text or "")}
        return {k: v for k, v in block["tags"].items() if k in used}
