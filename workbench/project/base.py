"""The core of the Project service: opening a project and finding its documents and versions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from workbench.errors import NotFoundError, WorkbenchError
from workbench.store import documents as q_docs
from workbench.store import open_db, transaction
from workbench.store import versions as q_versions

Row = dict[str, Any]

VERSION_KINDS = ("working", "reference", "draft")


def version_name(kind: str, name: str | None) -> str:
    """The stored name of a version: 'working', 'reference:NAME' or 'draft:NAME'."""
    if kind not in VERSION_KINDS:
        raise WorkbenchError(f"unknown version kind {kind!r} (use {', '.join(VERSION_KINDS)})")
    if kind == "working":
        return "working"
    return f"{kind}:{name or 'main'}"


@dataclass(frozen=True)
class Document:
    """A document of the project."""

    id: int
    name: str
    segments: int


class ProjectBase:
    """Opens a project database and resolves documents and versions for the other parts."""

    def __init__(self, db: sqlite_utils.Database, path: Path, author: str = "translator") -> None:
        self.db = db
        self.path = path
        self.author = author
        # Why the project cannot be written ('' when it can): see store.db.open_db.
        self.read_only_reason: str = getattr(db, "read_only_reason", "")
        self.read_only = bool(self.read_only_reason)

    @classmethod
    def open(
        cls, path: str | Path, *, create: bool = False, author: str | None = None,
        read_only: bool = False,
    ) -> Any:
        """Open a project (with ``create``, create it when missing). A project that cannot be
        written, or any with ``read_only``, opens read-only: its writes raise
        ReadOnlyProjectError."""
        import getpass

        who = author or getpass.getuser() or "translator"
        return cls(open_db(path, create=create, read_only=read_only), Path(path), who)

    def close(self) -> None:
        """Close the database connection."""
        self.db.conn.close()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> Any:
        """A write transaction on the project (nested calls are savepoints)."""
        return transaction(self.db)

    # documents and versions -------------------------------------------------------------

    def documents(self) -> list[Document]:
        """All documents, oldest first."""
        return [Document(r["id"], r["name"], r["segments"]) for r in q_docs.documents(self.db)]

    def document(self, name: str | None = None) -> Document:
        """The document called ``name``; without a name, the only (or first) document."""
        row = (
            q_docs.document_by_name(self.db, name) if name is not None
            else q_docs.first_document(self.db)
        )
        if row is not None:
            return Document(row["id"], row["name"], row["segments"])
        docs = self.documents()
        if not docs:
            raise NotFoundError(f"{self.path}: the project has no documents")
        known = ", ".join(d.name for d in docs)
        raise NotFoundError(f"no document {name!r} in {self.path} (documents: {known})")

    def document_by_id(self, document_id: int) -> Document:
        """The document with id ``document_id``."""
        row = q_docs.document_by_id(self.db, document_id)
        if row is None:
            raise NotFoundError(f"no document {document_id} in {self.path}")
        return Document(row["id"], row["name"], row["segments"])

    def versions(self, doc: str | None = None) -> list[str]:
        """The version names of a document."""
        return [v["name"] for v in q_versions.versions(self.db, self.document(doc).id)]

    def version_id(self, doc: Document, name: str, *, create_working: bool = False) -> int:
        """The id of version ``name`` of ``doc``; 'working' is created on demand if asked."""
        row = q_versions.version(self.db, doc.id, name)
        if row is not None:
            return int(row["id"])
        if name == "working" and create_working:
            return q_versions.create_version(self.db, doc.id, "working", "working", None)
        known = ", ".join(v["name"] for v in q_versions.versions(self.db, doc.id)) or "none"
        raise NotFoundError(f"no version {name!r} of document {doc.name!r} (versions: {known})")

    def working_id(self, doc: Document) -> int | None:
        """The id of the working version of ``doc``, or None when nothing is translated yet."""
        row = q_versions.version(self.db, doc.id, "working")
        return None if row is None else int(row["id"])
