"""``bench links`` runs the low-confidence filter as the TUI does (through the Project
service: the bench imported a ``view_ids`` that had left ``workbench.tui.rows``)."""

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
