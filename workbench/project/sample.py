"""The bundled sample project, built on first run, and the rules for finding a project."""

from __future__ import annotations

import contextlib
import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import ProjectError
from workbench.glossary.tsv import read_tsv

if TYPE_CHECKING:
    from workbench.project import Project

DEFAULT_DB = "segments.db"
SAMPLE_DOC = "sample"


def bundled(name: str) -> Path:
    """The path of a file bundled with the package (under workbench/data)."""
    return Path(str(resources.files("workbench") / "data" / name))


def sample_files(folder: Path) -> dict[str, Path]:
    """The sample's inputs: the folder's glossary and translations, else the bundled ones."""
    def pick(local: Path, packaged: str) -> Path:
        return local if local.is_file() else bundled(packaged)

    return {
        "arabic": bundled("sample.ar.txt"),
        "glossary": pick(folder / "glossary.tsv", "glossary.tsv"),
        "reference": pick(folder / "translations" / "reference.en.txt",
                          "translations/reference.en.txt"),
        "draft": pick(folder / "translations" / "draft.en.txt", "translations/draft.en.txt"),
    }


def build_sample(path: Path, folder: Path | None = None) -> None:
    """Build the sample project at ``path``: segment, align reference and draft, load glossary.

    The project is built in a temporary file and moved into place, so a crash leaves no
    half-built project behind.
    """
    from workbench.project import Project

    files = sample_files(folder or Path.cwd())
    tmp = path.with_name(f".{path.name}.building-{os.getpid()}")
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{tmp}{suffix}")
    try:
        with Project.open(tmp, create=True, author="workbench") as project:
            project.import_document(files["arabic"], SAMPLE_DOC)
            project.import_translation(files["reference"], SAMPLE_DOC, "reference", "main")
            project.import_translation(files["draft"], SAMPLE_DOC, "working")
            project.set_glossary(read_tsv(files["glossary"]))
            project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if not path.exists():
            os.replace(tmp, path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{tmp}{suffix}")


def open_project(db: str | Path | None = None, *, create: bool = False) -> Project:
    """Open the project at ``db``; with no ``db``, ./segments.db, built from the sample if absent.

    An explicit path that does not exist is an error unless ``create`` is set.
    """
    from workbench.project import Project

    if db is None:
        path = Path(DEFAULT_DB)
        if not path.exists():
            if not os.access(Path.cwd(), os.W_OK):
                raise ProjectError(f"{path}: cannot create the project (folder not writable)")
            build_sample(path)
        return Project.open(path)
    return Project.open(Path(db), create=create)
