"""The file of edits waiting for the database server (workbench.tui.unsent): kept while they
wait, gone once written, taken over by the next app only when the app that kept them ended."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.tui.unsent import Journal, UnsentEdit


def _journal(folder: Path) -> Journal:
    return Journal(folder, "key", "postgresql://ana@host/project as ana")


def _edit(journal: Journal, segment_id: int, text: str, kind: str = "save") -> UnsentEdit:
    return journal.new(UnsentEdit(segment_id, kind, text, base=3, source="نص"))


def test_edits_are_kept_until_written(tmp_path: Path) -> None:
    journal = _journal(tmp_path)
    one, two = _edit(journal, 1, "One."), _edit(journal, 2, "Two.", "confirm")
    assert not journal.path.exists()  # nothing waits: no file
    journal.keep([one, two])
    journal.keep([one])  # kept once
    rows = json.loads(journal.path.read_text(encoding="utf-8"))["edits"]
    assert [(r["segment_id"], r["kind"], r["text"], r["base"]) for r in rows] == [
        (1, "save", "One.", 3), (2, "confirm", "Two.", 3)]
    journal.written(one)
    assert [r["text"] for r in json.loads(journal.path.read_text())["edits"]] == ["Two."]
    journal.written(two)
    assert not journal.path.exists()
    journal.close()
    assert list(tmp_path.iterdir()) == []


def test_an_edit_repeating_the_last_of_its_segment_is_kept_once(tmp_path: Path) -> None:
    """The editor saving refused English again at every tick adds nothing; English typed
    back to an earlier text after another is an edit of its own (the order matters)."""
    journal = _journal(tmp_path)
    texts = ["One.", "One.", "One.", "Two.", "One.", "One."]
    journal.keep([_edit(journal, 1, text) for text in texts])
    journal.keep([_edit(journal, 1, "One.", "confirm"), _edit(journal, 2, "One.")])
    rows = json.loads(journal.path.read_text(encoding="utf-8"))["edits"]
    assert [(r["segment_id"], r["kind"], r["text"]) for r in rows] == [
        (1, "save", "One."), (1, "save", "Two."), (1, "save", "One."), (1, "confirm", "One."),
        (2, "save", "One.")]
    assert journal.kept == 5
    journal.written(_edit(journal, 1, "Typed on."))  # a later save of segment 1 went through
    rows = json.loads(journal.path.read_text(encoding="utf-8"))["edits"]
    assert [(r["segment_id"], r["text"]) for r in rows] == [(2, "One.")]


def test_the_next_app_takes_over_what_an_ended_app_kept_in_order(tmp_path: Path) -> None:
    earlier, later = _journal(tmp_path), _journal(tmp_path)
    earlier.keep([_edit(earlier, 5, "First typed.")])
    later.keep([_edit(later, 5, "Typed after."), _edit(later, 6, "Other.", "confirm")])
    running = _journal(tmp_path)
    assert running.take_over() == []  # both still run: their locks are held
    for ended in (earlier, later):  # as kill -9 ends them: the lock goes, the files stay
        assert ended._lock_file is not None
        ended._lock_file.close()
    taken = running.take_over()
    assert [(e.segment_id, e.text, e.kind) for e in taken] == [
        (5, "First typed.", "save"), (5, "Typed after.", "save"), (6, "Other.", "confirm")]
    assert {p.name for p in tmp_path.iterdir()} == {running.path.name,
                                                   running._lock_path.name}
    assert _journal(tmp_path).take_over() == []  # taken once: its app runs
    for edit in taken:
        running.written(edit)
    running.close()
    assert list(tmp_path.iterdir()) == []


def test_an_unreadable_file_is_left_for_a_person(tmp_path: Path) -> None:
    ended = _journal(tmp_path)
    ended.keep([_edit(ended, 1, "One.")])
    ended._lock_file.close()
    ended.path.write_text("{not json", encoding="utf-8")
    assert _journal(tmp_path).take_over() == []
    assert ended.path.read_text(encoding="utf-8") == "{not json"


def test_a_file_that_cannot_be_written_is_said(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    journal = _journal(tmp_path / "file" / "unsent")
    journal.keep([_edit(journal, 1, "One.")])
    assert journal.error is not None and str(journal.path) in journal.error
    assert journal.kept == 1  # still waiting, in memory


def test_edits_of_other_apps_are_counted_without_taking_them(tmp_path: Path) -> None:
    """A read-only session says how many edits wait in other apps' files (it said nothing);
    counting takes none of them."""
    ended, running = _journal(tmp_path), _journal(tmp_path)
    ended.keep([_edit(ended, 1, "One."), _edit(ended, 2, "Two.")])
    ended._lock_file.close()
    running.keep([_edit(running, 3, "Mine.")])
    assert running.waiting_elsewhere() == 2
    assert _journal(tmp_path).waiting_elsewhere() == 3
    assert [e.text for e in _journal(tmp_path).take_over()] == ["One.", "Two."]  # still there


def test_the_edits_of_ended_apps_are_taken_in_the_order_they_were_made(tmp_path: Path) -> None:
    """Edits were ordered by their files' last writes: an app that kept a later edit last
    had its first one written after another app's newer edit."""
    first, second = _journal(tmp_path), _journal(tmp_path)
    a1 = first.new(UnsentEdit(1, "save", "A at 1.", at=1.0))
    b2 = second.new(UnsentEdit(1, "save", "B at 2.", at=2.0))
    a3 = first.new(UnsentEdit(1, "save", "A at 3.", at=3.0))
    first.keep([a1])
    second.keep([b2])
    first.keep([a3])  # the first app's file is written last
    for ended in (first, second):
        ended._lock_file.close()
    taken = _journal(tmp_path).take_over()
    assert [e.text for e in taken] == ["A at 1.", "B at 2.", "A at 3."]
    assert all(e.at for e in taken)
