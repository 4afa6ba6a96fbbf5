"""Words the project knows from its resources (issue 15): the English of its external
translation memories and of its dictionaries' senses are never flagged; the project memory's
English (the translators' own) is still checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.project import Project
from workbench.store import tm_words as q_words

MEMORY = (
    "قامت الثورة في روسيا.\tThe Bolshevization of the Zorblatt councils began.\n"
    "عقد المؤتمر في القاهرة.\tThe conference was held in Cairo.\n"
)
TEXT = "Bolshevization reached the Zorblatts and teh councils."


def flagged(project: Project, text: str = TEXT) -> list[str]:
    return [m.word for m in project.spelling.misspellings(text)]


def spelling_findings(project: Project, segment_id: int) -> list[str]:
    return [f.found for f in project.check_segment(segment_id) if f.check == "spelling"]


def memory_file(tmp_path: Path) -> Path:
    path = tmp_path / "old.tsv"
    path.write_text(MEMORY, encoding="utf-8")
    return path


def first_segment(project: Project) -> int:
    return project.segments(project.documents()[0].name, limit=1)[0].id


def test_an_external_memory_s_english_is_known_until_it_is_removed(
    project: Project, tmp_path: Path
) -> None:
    segment = first_segment(project)
    project.save_draft(segment, TEXT)
    assert flagged(project) == ["Bolshevization", "Zorblatts", "teh"]
    assert spelling_findings(project, segment) == ["Bolshevization", "Zorblatts", "teh"]
    checker = project.spelling.checker()

    project.tm.import_file(memory_file(tmp_path), "old")
    assert flagged(project) == ["teh"]  # the plural of a known word is known too
    assert spelling_findings(project, segment) == ["teh"]
    assert project.spelling.checker() is not checker
    kept = project.spelling.checker()
    assert project.spelling.checker() is kept  # rebuilt only when the memories change
    assert "zorblatt" in kept.vocabulary and "the" in kept.vocabulary

    project.tm.remove("old")
    assert flagged(project) == ["Bolshevization", "Zorblatts", "teh"]
    assert spelling_findings(project, segment) == ["Bolshevization", "Zorblatts", "teh"]
    assert list(q_words.words(project.db)) == []


def test_the_project_memory_does_not_make_a_misspelling_known(project: Project) -> None:
    project.tm.propagate = False
    first, second = (s.id for s in project.segments(project.documents()[0].name, limit=2))
    project.confirm(first, "They recieve the Zorblatt.", "not about terms")
    (own,) = [m for m in project.tm.lookup(project.segment(first).source) if m.segment_id]
    assert own.target == "They recieve the Zorblatt."  # in the project memory
    project.save_draft(second, "We recieve the Zorblatt.")
    assert flagged(project, "We recieve the Zorblatt.") == ["recieve", "Zorblatt"]
    assert spelling_findings(project, first) == ["recieve", "Zorblatt"]
    assert spelling_findings(project, second) == ["recieve", "Zorblatt"]


def test_memories_imported_before_the_words_were_kept_are_read_once(
    sample_db: object, tmp_path: Path
) -> None:
    with Project.open(sample_db, author="tester") as project:  # type: ignore[arg-type]
        project.tm.import_file(memory_file(tmp_path), "old")
        (memory_id,) = (m[0] for m in q_words.external_memories(project.db))
        with project.transaction():  # as the migration leaves an older memory
            project.db.execute("DELETE FROM tm_words")
            project.db.execute(
                "INSERT INTO tm_words_pending (memory_id) VALUES (?)", [memory_id])
    with Project.open(sample_db, read_only=True) as reader:  # type: ignore[arg-type]
        assert flagged(reader) == ["Bolshevization", "Zorblatts", "teh"]  # nothing written
        assert q_words.pending(reader.db) == [memory_id]
    with Project.open(sample_db, author="tester") as project:  # type: ignore[arg-type]
        assert flagged(project) == ["teh"]
        assert q_words.pending(project.db) == []
        assert "bolshevization" in set(q_words.words(project.db))
    with Project.open(sample_db, read_only=True) as reader:  # type: ignore[arg-type]
        assert flagged(reader) == ["teh"]


def test_a_dictionary_s_senses_are_known(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "mini.tsv"
    path.write_text(
        "arabic\tenglish\tnote\nمجلس\tZorblatt; council\t\nبلشفة\tBolshevization\t\n",
        encoding="utf-8",
    )
    assert flagged(project) == ["Bolshevization", "Zorblatts", "teh"]
    project.dictionaries.add(path)
    assert flagged(project) == ["teh"]
    kept = project.spelling.checker()
    assert project.spelling.checker() is kept  # the dictionary is not read again
    project.dictionaries.remove("mini")
    assert flagged(project) == ["Bolshevization", "Zorblatts", "teh"]


def test_a_dictionary_s_sense_words_are_kept_on_disk_for_the_next_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every `workbench check` read all of a dictionary's articles again for its words
    (FreeDict: 1.5 s a check); they are kept beside its look-up keys, and read again when
    the file changes."""
    from workbench.dictionary.tsv import TsvFile
    from workbench.project import known_words

    path = tmp_path / "mini.tsv"
    path.write_text("arabic\tenglish\nمجلس\tZorblatt; council\n", encoding="utf-8")
    assert {"zorblatt", "council"} <= known_words.sense_words(path)
    known_words._SENSES.clear()  # as a new process finds it

    def unread(self: object, k: int) -> object:
        raise AssertionError("an article was read")

    with monkeypatch.context() as patch:
        patch.setattr(TsvFile, "entry", unread)
        assert {"zorblatt", "council"} <= known_words.sense_words(path)
    known_words._SENSES.clear()
    path.write_text("arabic\tenglish\nمجلس\tGlorblatt\n", encoding="utf-8")
    words = known_words.sense_words(path)
    assert "glorblatt" in words and "zorblatt" not in words


def test_sense_words_read_while_the_dictionary_changed_are_not_kept_for_the_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kept words were stamped with the files as they were after reading: a dictionary
    saved again meanwhile kept its old words under its new stamp."""
    from workbench.dictionary.tsv import TsvFile
    from workbench.project import known_words

    path = tmp_path / "mini.tsv"
    path.write_text("arabic\tenglish\nمجلس\tZorblatt\n", encoding="utf-8")
    entry = TsvFile.entry

    def saved_meanwhile(self: TsvFile, k: int) -> object:
        read = entry(self, k)
        path.write_text("arabic\tenglish\nمجلس\tGlorblatt\n", encoding="utf-8")
        return read

    with monkeypatch.context() as patch:
        patch.setattr(TsvFile, "entry", saved_meanwhile)
        assert "zorblatt" in known_words.sense_words(path)
    known_words._SENSES.clear()  # as a new process finds it
    assert "glorblatt" in known_words.sense_words(path)


def test_a_typo_a_dictionary_holds_is_still_flagged(project: Project, tmp_path: Path) -> None:
    """FreeDict's senses hold seperate, untill and immediatly: with it added, a reviewer's
    check let the commonest misspellings pass. A word in lower case known only from a
    dictionary or a memory and one edit from a word of the spelling dictionary is still
    flagged; names written with a capital, and words no spelling-dictionary word is near,
    stay known."""
    path = tmp_path / "typos.tsv"
    path.write_text(
        "arabic\tenglish\tnote\nفصل\tSeperate; untill\t\nفوري\timmediatly\t\n"
        "مجهر\tLeeuwenhoek; zorblatt\t\n",
        encoding="utf-8",
    )
    text = "They seperate untill Leeuwenhoek and the zorblatt immediatly."
    project.dictionaries.add(path)
    assert flagged(project, text) == ["seperate", "untill", "immediatly"]


def test_a_memory_s_british_spellings_stay_known(project: Project, tmp_path: Path) -> None:
    """A memory's English is the translators' own: its British spellings, one edit from
    en_US words, stay known (only the dictionaries' senses are suspected of typos)."""
    path = tmp_path / "uk.tsv"
    path.write_text("سافر.\tThey travelled to the neighbouring town.\n", encoding="utf-8")
    text = "They travelled to neighbouring towns."
    assert flagged(project, text) == ["travelled", "neighbouring"]
    project.tm.import_file(path, "uk")
    assert flagged(project, text) == []
