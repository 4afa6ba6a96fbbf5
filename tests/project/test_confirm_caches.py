"""What a confirmation keeps between calls (issue 14: a confirmation in a few statements):
the glossary's matcher, the spell checker's known words and a document's repetition keys are
kept while the project's QA stamp or the document's fingerprint holds, and another
connection's change of any of them is seen by the next confirmation or check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbench.errors import BlockedByFindings
from workbench.glossary.model import Entry, Glossary
from workbench.project import Project
from workbench.store import dictionaries as q_dict
from workbench.store import stamps as q_stamps
from workbench.store import tm as q_tm
from workbench.store import tm_words as q_words

CLEAN = "Bourgeois critics of Bolshevism often call the October Revolution a coup."
RESOURCES = ("glossary", "spelling_words", "dictionaries", "tm_memories", "tm_words_pending")


def _statements(project: Project, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement the project's connection runs from now on (collected in the list)."""
    seen: list[str] = []
    db: Any = project.db
    for name in ("execute", "query", "executemany"):
        original = getattr(db, name)

        def wrapped(sql: str, *args: Any, _original: Any = original, **kw: Any) -> Any:
            seen.append(" ".join(sql.split()))
            return _original(sql, *args, **kw)

        monkeypatch.setattr(db, name, wrapped)
    return seen


def test_the_qa_stamp_moves_with_every_change_of_what_the_checks_read(
    project: Project, tmp_path: Path
) -> None:
    db = project.db
    stamps = [q_stamps.qa_stamp(db)]

    def moved() -> bool:
        stamps.append(q_stamps.qa_stamp(db))
        return stamps[-1] > stamps[-2]

    project.set_glossary(Glossary([Entry("ثورة", "revolution", "", ())]))
    assert moved()
    project.spelling.add_word("Zorblatt")
    assert moved()
    project.spelling.remove_word("Zorblatt")
    assert moved()
    with project.transaction():
        q_dict.add_dictionary(db, "d", str(tmp_path / "d.tsv"), "tsv", 1)
    assert moved()
    with project.transaction():
        q_dict.remove_dictionary(db, "d")
    assert moved()
    with project.transaction():
        memory = q_tm.create_memory(db, "old", "old.tmx", "{}")
    assert moved()
    with project.transaction():
        db.execute("INSERT INTO tm_words_pending (memory_id) VALUES (?)", [memory])
    assert moved()
    with project.transaction():
        q_words.take_pending(db, memory)
    assert moved()
    with project.transaction():
        q_tm.delete_memory(db, memory)
    assert moved()
    project.save_draft(1, "A draft.")  # segments' writes leave it alone
    assert not moved()


def test_a_warm_confirmation_reads_none_of_the_check_resources(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.confirm(1, CLEAN)
    statements = _statements(project, monkeypatch)
    seg = project.confirm(1, CLEAN + " Indeed.")
    done = list(statements)
    assert seg.status == "translated" and seg.revision == project.segment(1).revision
    lock = [s for s in done if "AS qa_stamp" in s]
    assert len(lock) == 1  # the segment, its working version and links: one statement
    again = [
        s for s in done if s not in lock and s.startswith("SELECT")
        and any(f"FROM {t}" in s for t in (*RESOURCES, "documents", "versions", "segments s"))
    ]
    assert again == []  # nor the segment, its document or version read again
    # begin, lock, its link's segments, English, history, revision, commit (and on SQLite
    # the memory's index brought up to date)
    assert len(done) <= 9, done


def test_a_glossary_changed_by_another_connection_blocks_the_next_confirmation(
    project: Project,
) -> None:
    project.confirm(1, CLEAN)  # the matcher is built and kept
    entries = project.glossary().entries
    assert any(e.term == "ثورة أكتوبر" for e in entries)
    with Project.open(project.path, author="lead") as other:
        other.set_glossary(Glossary([
            Entry(e.term, "October Uprising", e.comment, e.forbidden)
            if e.term == "ثورة أكتوبر" else e for e in entries
        ]))
        with pytest.raises(BlockedByFindings) as blocked:
            project.confirm(1, CLEAN + " Really.")
        assert "term-missing" in {f.check for f in blocked.value.findings}
        other.set_glossary(Glossary(list(entries)))
    assert project.confirm(1, CLEAN + " Really.").status == "translated"


def test_a_word_listed_by_another_connection_is_known_at_the_next_check(
    project: Project,
) -> None:
    text = CLEAN + " Zorblatts agree."

    def flagged() -> list[str]:
        return [f.found for f in project.open_findings(1, text) if f.check == "spelling"]

    assert flagged() == ["Zorblatts"]
    kept = project.spelling.checker()
    assert project.spelling.checker() is kept  # kept while nothing changes
    with Project.open(project.path, author="lead") as other:
        other.spelling.add_word("Zorblatt")
        assert flagged() == []
        other.spelling.remove_word("Zorblatt")
    assert flagged() == ["Zorblatts"]


def test_an_external_memory_imported_by_another_connection_is_known(
    project: Project, tmp_path: Path
) -> None:
    text = CLEAN + " Zorblatts agree."
    project.confirm(1, text)
    memory = tmp_path / "old.tsv"
    memory.write_text("قامت الثورة في روسيا.\tThe Zorblatt councils began.\n", encoding="utf-8")
    with Project.open(project.path, author="lead") as other:
        other.tm.import_file(memory, "old")
    findings = project.open_findings(1, text)
    assert [f.found for f in findings if f.check == "spelling"] == []


def test_a_repetition_made_by_another_connection_is_propagated_to(project: Project) -> None:
    project.import_document_text("ذهب الرجل\n\nإلى السوق.\n\nذهب الرجل إلى السوق.", "market")
    first, _, third = (s.id for s in project.segments("market"))
    project.confirm(third, "The man went to the market.")  # nothing repeats it yet
    assert project.segment(first).status == "new"
    with Project.open(project.path, author="lead") as other:
        merged = other.merge_with_next(first)  # now the same Arabic as the third
    seg = project.confirm(third, "The man went to the souk.")
    assert seg.status == "translated"
    repeated = project.segment(merged.id)
    assert (repeated.target, repeated.status) == ("The man went to the souk.", "translated")
    assert project.history(merged.id)[-1].action == "propagate"


def test_what_a_process_reads_once_is_read_before_the_write_lock_is_taken(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process's first confirmation reads its document's repetition keys (0.7 s at 100,000
    segments) before its transaction, and never loads the Hunspell dictionary (0.5–2 s; the QA
    policy runs no spelling check): other writers never wait on the project's write lock
    meanwhile (they did, 7–15 s, with 20 processes starting at once: ``python -m bench
    team``)."""
    from workbench.project import spelling as spelling_part
    from workbench.project import tm_repetitions

    in_transaction: dict[str, list[bool]] = {"dictionary": [], "keys": []}

    def watched(what: str, original: Any) -> Any:
        def call(*args: Any, **kw: Any) -> Any:
            in_transaction[what].append(project.db.in_transaction)
            return original(*args, **kw)
        return call

    monkeypatch.setattr(spelling_part, "load_dictionary",
                        watched("dictionary", spelling_part.load_dictionary))
    monkeypatch.setattr(tm_repetitions.q_tm, "segment_sources",
                        watched("keys", tm_repetitions.q_tm.segment_sources))
    project.spelling._dictionary = None  # as in a process that has not confirmed yet
    project.tm._repetitions._keys.clear()
    segment = project.segments(limit=1)[0]
    project.confirm(segment.id, CLEAN, override_reason="test")
    assert in_transaction["dictionary"] == []
    assert in_transaction["keys"] and not any(in_transaction["keys"])
    assert project.segment(segment.id).status == "translated"
