"""``bench links`` runs the low-confidence filter as the TUI does (through the Project
service: the bench imported a ``view_ids`` that had left ``workbench.tui.rows``)."""

import sqlite3
from pathlib import Path

from bench import links
from workbench.project import Project


def test_the_low_confidence_filter_runs_on_a_linked_project(tmp_path: Path) -> None:
    (tmp_path / "doc.ar.txt").write_text(
        "ذهب الولد إلى المدرسة. وعاد في المساء.\nالطقس جميل اليوم.\n", encoding="utf-8")
    (tmp_path / "ref.en.txt").write_text(
        "The boy went to school. He came back in the evening.\nThe weather is nice today.\n",
        encoding="utf-8")
    db = tmp_path / "big.db"
    with Project.open(db, create=True, author="bench") as project:
        project.import_document(tmp_path / "doc.ar.txt", "big")
        project.import_translation(tmp_path / "ref.en.txt", "big", "reference", "main")
    seconds, found = links._filter_new(db, 1.01)  # every link is below 1.01
    assert seconds >= 0 and found == 3
    assert links._filter_new(db, 0.0)[1] == 0


def _indexes(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    finally:
        conn.close()


def test_the_old_copy_has_the_indexes_of_before_issue_11(tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    Project.open(db, create=True, author="bench").close()
    sqlite3.connect(db).execute("ANALYZE").connection.close()  # statistics, as an import has
    old, bare = links._copies(db)
    indexes = _indexes(old)
    # issue 11's (the old queries were timed with them: 1 s where they take 1,840 s)
    assert not indexes & {"link_segments_segment_link", "link_sentences_sentence"}
    assert "link_segments_segment" in indexes  # schema 1's, back
    assert {"change_groups_document", "revisions_group"} <= indexes  # another migration's
    assert _indexes(bare) == _indexes(db)
