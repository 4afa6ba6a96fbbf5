"""The bundled sample project, built on first run, and the rules for finding a project."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import InputError, ProjectError
from workbench.glossary.tsv import read_tsv
from workbench.store.db import new_database, project_exists
from workbench.store.location import ServerAddress, parse_location

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


def build_sample(path: Path | ServerAddress | str, folder: Path | None = None) -> None:
    """Build the sample project at ``path`` (a file, or an empty PostgreSQL database): segment,
    align reference and draft, load glossary.

    The project appears only once complete (see :func:`new_project`); when another program
    built it meanwhile, theirs is kept.
    """
    files = sample_files(folder or Path.cwd())
    with contextlib.suppress(FileExistsError), new_project(path, author="workbench") as project:
        project.import_document(files["arabic"], SAMPLE_DOC)
        project.import_translation(files["reference"], SAMPLE_DOC, "reference", "main")
        project.import_translation(files["draft"], SAMPLE_DOC, "working")
        project.set_glossary(read_tsv(files["glossary"]))


def _build_sample_here(path: Path) -> None:
    """Build the sample at ``path`` in the current folder; a file of the folder it reads
    (glossary.tsv, translations/) that is refused says what it was read for: the user asked
    for no sample, and may be importing a document of their own."""
    try:
        build_sample(path)
    except InputError as exc:
        raise ProjectError(
            f"{path}: no project here, and the sample project built in its place reads this "
            f"folder's glossary.tsv and translations/ (--db NEW.db for a project of your own): "
            f"{exc}"
        ) from None


@contextlib.contextmanager
def new_project(
    path: Path | ServerAddress | str, *, author: str | None = None
) -> Iterator[Project]:
    """A new project that appears at ``path`` only if the block completes.

    A file is built in a temporary file beside ``path``, closed (SQLite checkpoints and removes
    its WAL), then hard-linked into place, which fails with FileExistsError when ``path``
    appeared meanwhile: a live project is never replaced, and no file is ever opened outside
    SQLite. A PostgreSQL project is built in one transaction of the empty database
    (FileExistsError when it holds a project by then). A failed or killed build leaves no
    project (a killed file build leaves the hidden temporary file).
    """
    from workbench.project import Project

    with new_database(path) as db:
        yield Project.attach(db, author)


@contextlib.contextmanager
def open_or_create(db: str | Path | ServerAddress | None = None) -> Iterator[Project]:
    """The project at ``db`` for a write that may create it (``workbench import``).

    An existing project (or, with no ``db``, ./segments.db, built from the sample if absent) is
    opened as by :func:`open_project`. A missing ``db`` is created only when the block
    completes, so a failed or killed import leaves no empty project behind.
    """
    path = parse_location(db) if db is not None else None
    if path is None or project_exists(path):
        with open_project(path, create=True) as project:
            yield project
        return
    try:
        with new_project(path) as project:
            yield project
    except FileExistsError:
        raise ProjectError(
            f"{path}: another program created this project meanwhile; nothing was imported, "
            f"run the import again to add to it"
        ) from None


def open_project(
    db: str | Path | ServerAddress | None = None, *, create: bool = False
) -> Project:
    """Open the project at ``db`` (a path or a ``postgresql://`` URL); with no ``db``,
    ./segments.db, built from the sample if absent.

    An explicit path that does not exist (an empty database) is an error unless ``create`` is
    set.
    """
    from workbench.project import Project

    if db is None:
        path = Path(DEFAULT_DB)
        if not path.exists():
            if not os.access(Path.cwd(), os.W_OK):
                raise ProjectError(f"{path}: cannot create the project (folder not writable)")
            _build_sample_here(path)
        return Project.open(path)
    return Project.open(parse_location(db), create=create)
