"""Documents and their English versions: finding them by name and resolving version names."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from workbench.errors import NotFoundError, WorkbenchError
from workbench.project.context import ProjectContext, Row
from workbench.store import documents as q_docs
from workbench.store import versions as q_versions

VERSION_KINDS = ("working", "reference", "draft")
WORKING = "working"


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates: in a name they reorder whatever a table, a file name
or a message shows after it (an override makes "txt.exe" read "exe.txt")."""


def _has_control(name: str) -> bool:
    """Whether ``name`` holds a line break, another control character or a bidi control."""
    return any(unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS for ch in name)


def version_name(kind: str, name: str | None) -> str:
    """The stored name of a version: 'working', 'reference:NAME' or 'draft:NAME' (NAME without
    surrounding spaces, 'main' when blank; one with a colon or a control character is
    refused)."""
    if kind not in VERSION_KINDS:
        raise WorkbenchError(f"unknown version kind {kind!r} (use {', '.join(VERSION_KINDS)})")
    if kind == WORKING:
        return WORKING
    label = (name or "").strip() or "main"
    if ":" in label or _has_control(label):
        raise WorkbenchError(
            f"the version name {label!r} holds a colon, a line break or a control character "
            "(bidi controls too)"
        )
    return f"{kind}:{label}"


def document_name(name: str) -> str:
    """A new document's name as it is stored: without surrounding spaces; a blank name, or one
    holding a line break or another control character, is refused."""
    stripped = name.strip()
    if not stripped:
        raise WorkbenchError("the document name is empty: give one with --doc NAME")
    if _has_control(stripped):
        raise WorkbenchError(
            f"the document name {stripped!r} holds a line break or a control character "
            "(bidi controls too)"
        )
    return stripped


def document_taken(project: object, name: str) -> WorkbenchError:
    """The refusal of a second document called ``name``, saying how to bring in a new version."""
    return WorkbenchError(
        f"{project}: a document named {name!r} exists already (a new version of it: import it "
        "under another name — --doc NAME, the import dialog's document field — then "
        "pre-translate it from the project's memory: `workbench pretranslate --doc NAME`)"
    )


def qualify(name: str, bare_kind: str = "draft") -> str:
    """A version name as a user types it, made whole: 'working' and 'KIND:NAME' stay as they
    are; a bare NAME is a version of ``bare_kind`` ('draft' or 'reference')."""
    if name == WORKING or ":" in name:
        return name
    return version_name(bare_kind, name)


@dataclass(frozen=True)
class Document:
    """A document of the project."""

    id: int
    name: str
    segments: int


@dataclass(frozen=True)
class VersionRef:
    """A resolved version of a document: its stored name and id (None for a working
    translation that has not been started yet)."""

    document: Document
    name: str
    id: int | None

    @property
    def is_working(self) -> bool:
        """True for the working translation (edited in place, not imported)."""
        return self.name == WORKING


class Catalog:
    """The project's documents and versions."""

    def __init__(self, context: ProjectContext) -> None:
        self.context = context

    def documents(self) -> list[Document]:
        """All documents, oldest first."""
        return [_document(r) for r in q_docs.documents(self.context.db)]

    def document(self, name: str | None = None) -> Document:
        """The document called ``name`` (spaces around it ignored, as an import drops them);
        without a name, the only (or first) document."""
        db = self.context.db
        row = q_docs.document_by_name(db, name) if name is not None else q_docs.first_document(db)
        if row is None and name is not None and name.strip() != name:
            row = q_docs.document_by_name(db, name.strip())
        if row is not None:
            return _document(row)
        docs = self.documents()
        if not docs:
            raise NotFoundError(f"{self.context.path}: the project has no documents "
                                "(add one: workbench import FILE)")
        known = ", ".join(d.name for d in docs)
        raise NotFoundError(f"no document {name!r} in {self.context.path} (documents: {known})")

    def document_by_id(self, document_id: int) -> Document:
        """The document with id ``document_id``."""
        row = q_docs.document_by_id(self.context.db, document_id)
        if row is None:
            raise NotFoundError(f"no document {document_id} in {self.context.path}")
        return _document(row)

    def versions(self, doc: str | None = None) -> list[str]:
        """The version names of a document."""
        return [v["name"] for v in q_versions.versions(self.context.db, self.document(doc).id)]

    def version_id(self, doc: Document, name: str, *, create_working: bool = False) -> int:
        """The id of version ``name`` of ``doc``; 'working' is created on demand if asked."""
        db = self.context.db
        row = q_versions.version(db, doc.id, name)
        if row is not None:
            return int(row["id"])
        if name == WORKING and create_working:
            return q_versions.ensure_version(db, doc.id, WORKING, WORKING)
        known = ", ".join(v["name"] for v in q_versions.versions(db, doc.id)) or "none"
        raise NotFoundError(f"no version {name!r} of document {doc.name!r} (versions: {known})")

    def working_id(self, doc: Document) -> int | None:
        """The id of the working version of ``doc``, or None when nothing is translated yet."""
        row = q_versions.version(self.context.db, doc.id, WORKING)
        return None if row is None else int(row["id"])

    def resolve_version(
        self, doc: Document | str | None, name: str = WORKING, *, bare_kind: str = "draft"
    ) -> VersionRef:
        """Resolve a version as a user names it ('working', 'reference:main', a bare NAME of
        ``bare_kind``) in a document; an unknown version is an error, a working translation not
        started yet resolves with id None."""
        document = doc if isinstance(doc, Document) else self.document(doc)
        full = qualify(name, bare_kind)
        if full == WORKING:
            return VersionRef(document, full, self.working_id(document))
        return VersionRef(document, full, self.version_id(document, full))


def _document(row: Row) -> Document:
    return Document(row["id"], row["name"], row["segments"])
