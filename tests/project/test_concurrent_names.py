"""Two people importing under one name at once: the name is checked under the write lock, so
the one who comes second gets the usual one-line refusal (or is told the version they
replaced), never a unique-constraint failure. Another client's import is played in between
the first one's reading and its write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import workbench.project.importing as importing_module
import workbench.project.tm_files as tm_files_module
from workbench.errors import WorkbenchError
from workbench.project import Project

ARABIC = "هذا نص أول. وهذه جملة ثانية؟\n"
ENGLISH = "This is a first text. And this is a second sentence?\n"


def _first_running(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str,
                   meanwhile: Callable[[], object]) -> None:
    """Run ``meanwhile`` (the other client) once, when ``owner.name`` is first called."""
    original = getattr(owner, name)
    pending = [meanwhile]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if pending:
            pending.pop()()  # the other client's call goes through here too: once only
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)


def test_a_document_imported_meanwhile_under_the_same_name_is_refused(
    sample_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(sample_db) as ana, Project.open(sample_db) as omar:
        _first_running(monkeypatch, importing_module, "require_language",
                       lambda: omar.import_document_text(ARABIC, "report"))
        with pytest.raises(WorkbenchError, match="a document named 'report' exists already"):
            ana.import_document_text(ARABIC, "report")
        assert [d.name for d in ana.documents()].count("report") == 1


def test_a_memory_imported_meanwhile_under_the_same_name_is_refused(
    sample_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = tmp_path / "mem.tsv"
    memory.write_text("هذا نص أول.\tThis is a first text.\n", encoding="utf-8")
    with Project.open(sample_db, author="lina") as lina, Project.open(sample_db) as other:
        _first_running(monkeypatch, tm_files_module, "read_batches",
                       lambda: other.tm.import_file(memory, name="news"))
        with pytest.raises(WorkbenchError, match="a translation memory named 'news' exists"):
            lina.tm.import_file(memory, name="news")
        assert [m.name for m in lina.tm.memories()].count("news") == 1


def test_a_draft_imported_meanwhile_under_the_same_name_is_reported_replaced(
    project: Project, sample_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "doc.txt"
    src.write_text(ARABIC, encoding="utf-8")
    project.import_document(src)
    en = tmp_path / "doc.en.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    with Project.open(sample_db) as other:
        _first_running(monkeypatch, project.context, "transaction",  # after the first look
                       lambda: other.import_translation(en, "doc", "draft", "mt"))
        report = project.import_translation(en, "doc", "draft", "mt")
    assert report.replaced
