"""Trados Studio memories (.sdltm): SQLite databases built here with Studio's own schema."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.tm.test_import import units
from workbench.errors import InputError
from workbench.project import Project

#: The tables of a Studio memory as Trados Studio (2009 and later, TM format 8.x) creates them.
STUDIO_SCHEMA = """
CREATE TABLE parameters (id INTEGER PRIMARY KEY AUTOINCREMENT, translation_memory_id INTEGER,
  name TEXT NOT NULL, value TEXT);
CREATE TABLE translation_memories (id INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT NOT NULL,
  name TEXT NOT NULL, source_language TEXT NOT NULL, target_language TEXT NOT NULL,
  copyright TEXT, description TEXT, settings INTEGER NOT NULL, creation_user TEXT NOT NULL,
  creation_date DATETIME NOT NULL, expiration_date DATETIME, fuzzy_indexes INTEGER NOT NULL,
  last_recompute_date DATETIME, last_recompute_size INTEGER);
CREATE TABLE translation_units (id INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT NOT NULL,
  translation_memory_id INTEGER NOT NULL CONSTRAINT fk_tu_tm REFERENCES
  translation_memories(id) ON DELETE CASCADE, source_hash INTEGER NOT NULL,
  source_segment TEXT NOT NULL, target_hash INTEGER NOT NULL, target_segment TEXT NOT NULL,
  creation_date DATETIME NOT NULL, creation_user TEXT NOT NULL, change_date DATETIME NOT NULL,
  change_user TEXT NOT NULL, last_used_date DATETIME NOT NULL, last_used_user TEXT NOT NULL,
  usage_counter INTEGER NOT NULL DEFAULT 0, flags INTEGER NOT NULL DEFAULT 0,
  source_token_data BLOB, target_token_data BLOB, alignment_data BLOB,
  align_model_date DATETIME, insert_date DATETIME);
"""


def seg(culture: str, *elements: str) -> str:
    """A segment as Studio stores it (its XML serialiser's namespaces)."""
    return ('<Segment xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xmlns:xsd="http://www.w3.org/2001/XMLSchema"><Elements>' + "".join(elements)
            + f"</Elements><CultureName>{culture}</CultureName></Segment>")


def text(value: str) -> str:
    return f"<Text><Value>{value}</Value></Text>"


def tag(kind: str, anchor: int, align: int, tag_id: str) -> str:
    return (f"<Tag><Type>{kind}</Type><Anchor>{anchor}</Anchor><AlignmentAnchor>{align}"
            f"</AlignmentAnchor><TagID>{tag_id}</TagID><CanHide>false</CanHide></Tag>")


def sdltm(path: Path, languages: tuple[str, str], pairs: list[tuple[str, str]]) -> Path:
    """A Studio memory of ``languages`` (source, target) holding ``pairs`` of segment XML."""
    with sqlite3.connect(path) as db:
        db.executescript(STUDIO_SCHEMA)
        db.execute("INSERT INTO parameters (name, value) VALUES ('VERSION', '8.10')")
        db.execute(
            "INSERT INTO translation_memories (guid, name, source_language, target_language, "
            "settings, creation_user, creation_date, fuzzy_indexes) "
            "VALUES ('5e1a', 'Legal', ?, ?, 0, 'nadia', '2022-05-10 10:10:10', 15)", languages)
        for i, (source, target) in enumerate(pairs, start=1):
            db.execute(
                "INSERT INTO translation_units (guid, translation_memory_id, source_hash, "
                "source_segment, target_hash, target_segment, creation_date, creation_user, "
                "change_date, change_user, last_used_date, last_used_user, usage_counter) "
                "VALUES (?, 1, 0, ?, 0, ?, '2022-05-10 10:10:10', 'TRADOS\\nadia', "
                "'2022-05-11 11:11:11', 'TRADOS\\sami', '2022-05-12 12:12:12', 'sami', ?)",
                (f"tu-{i}", source, target, i))
    db.close()
    return path


ENGLISH_SOURCE = [
    (seg("en-US", text("Click "), tag("Start", 1, 1, "5"), text("Save"), tag("End", 1, 0, "5"),
         text(" now."), tag("Standalone", 2, 2, "7")),
     seg("ar-SA", text("انقر "), tag("Start", 1, 1, "5"), text("حفظ"), tag("End", 1, 0, "5"),
         text(" الآن."), tag("Standalone", 2, 2, "7"))),
    (seg("en-US", text("The revolution broke out in Russia in 1917 &amp; after.")),
     seg("ar-SA", text("قامت الثورة في روسيا عام 1917 وما بعده."))),
]


def assert_untouched(path: Path, before: bytes) -> None:
    """Not a byte of the memory changed, and no file of its name left beside it."""
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.stem)) == [
        path.name]


def _nothing_imported(project: Project) -> None:
    assert [m.name for m in project.tm.memories()] == ["project"]
    assert project.db.execute("SELECT count(*) FROM tm_units").fetchone()[0] == 0


def test_an_english_source_memory_gives_arabic_source_units(
    empty_project: Project, tmp_path: Path
) -> None:
    path = sdltm(tmp_path / "legal.sdltm", ("en-US", "ar-SA"), ENGLISH_SOURCE)
    before = path.read_bytes()
    result = empty_project.tm.import_file(path)
    assert (result.name, result.format, result.units, result.source_lang, result.tags) == (
        "legal", "sdltm", 2, "en-US", 6)
    first, second = units(empty_project, "legal")
    assert first["source"] == "انقر {1}حفظ{/1} الآن.{2/}"
    assert first["target"] == "Click {1}Save{/1} now.{2/}"
    assert second["target"] == "The revolution broke out in Russia in 1917 & after."
    assert (first["created_at"], first["created_by"], first["changed_at"],
            first["changed_by"]) == ("2022-05-10T10:10:10+00:00", "TRADOS\\nadia",
                                     "2022-05-11T11:11:11+00:00", "TRADOS\\sami")
    assert json.loads(first["meta"])["attrs"] == {
        "lastusagedate": "20220512T121212Z", "usagecount": "1"}
    matches = empty_project.tm.lookup("انقر حفظ الآن.")
    assert (matches[0].score, matches[0].origin) == (97, "legal")  # three tags differ
    assert_untouched(path, before)  # read-only: no journal left beside it


def test_target_tags_take_the_numbers_of_the_source_tags_they_align_with(
    empty_project: Project, tmp_path: Path
) -> None:
    # Studio numbers each segment's tags on its own (Anchor); AlignmentAnchor pairs them
    path = sdltm(tmp_path / "ar.sdltm", ("ar-EG", "en-GB"), [(
        seg("ar-EG", text("الخطة "), tag("Start", 1, 3, "b"), text("الجديدة"),
            tag("End", 1, 0, "b"), tag("TextPlaceholder", 2, 4, "n")),
        seg("en-GB", text("The "), tag("Start", 4, 3, "b"), text("new"), tag("End", 4, 0, "b"),
            text(" plan"), tag("TextPlaceholder", 9, 4, "n"), tag("Standalone", 7, 0, "x")),
    )])
    result = empty_project.tm.import_file(path, "ar")
    assert (result.source_lang, result.tags) == ("ar-EG", 7)
    [unit] = units(empty_project, "ar")
    assert unit["source"] == "الخطة {1}الجديدة{/1}{4/}"
    assert unit["target"] == "The {1}new{/1} plan{4/}{10/}"


def test_a_memory_of_other_languages_is_refused(empty_project: Project, tmp_path: Path) -> None:
    path = sdltm(tmp_path / "fr.sdltm", ("fr-FR", "en-US"), [
        (seg("fr-FR", text("Bonjour.")), seg("en-US", text("Hello.")))])
    with pytest.raises(InputError, match=r"fr\.sdltm: a fr-FR to en-US memory, not Arabic–"
                                         r"English"):
        empty_project.tm.import_file(path)
    _nothing_imported(empty_project)


def test_a_malformed_segment_changes_nothing(empty_project: Project, tmp_path: Path) -> None:
    broken = (seg("en-US", text("Broken.")).replace("</Value>", ""), seg("ar", text("مكسور.")))
    path = sdltm(tmp_path / "broken.sdltm", ("en-US", "ar"), [*ENGLISH_SOURCE, broken])
    with pytest.raises(InputError) as caught:
        empty_project.tm.import_file(path)
    assert str(caught.value).startswith(
        f"{path}: translation unit 3: not well-formed XML (Opening and ending tag mismatch")
    _nothing_imported(empty_project)


def test_an_entity_in_a_segment_is_refused(empty_project: Project, tmp_path: Path) -> None:
    bomb = ('<!DOCTYPE Segment [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            + seg("en-US", text("&b;")))
    path = sdltm(tmp_path / "bomb.sdltm", ("en-US", "ar"), [(bomb, seg("ar", text("قنبلة")))])
    with pytest.raises(InputError, match=r"bomb\.sdltm: translation unit 1: .*entit"):
        empty_project.tm.import_file(path)
    _nothing_imported(empty_project)


@pytest.mark.parametrize(("content", "reason"), [
    (b"PK\x03\x04 not a database", r"not a Trados Studio memory \(a \.sdltm is an SQLite "
                                   r"database; this file is none\)"),
    (b"SQLite format 3\x00" + b"\x10\x00" + b"\xff" * 3000, r"cannot read the database \("),
    (None, r"an SQLite database but not a Trados Studio memory \(no table translation_"
           r"memories or translation_units\)"),
], ids=["no database", "damaged database", "another database"])
def test_what_is_no_studio_memory_is_named(
    empty_project: Project, tmp_path: Path, content: bytes | None, reason: str
) -> None:
    path = tmp_path / "memory.sdltm"
    if content is None:
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE other (x TEXT)")
        db.close()
    else:
        path.write_bytes(content)
    with pytest.raises(InputError, match=rf"^{path}: {reason}"):
        empty_project.tm.import_file(path)
    _nothing_imported(empty_project)


def test_tm_import_then_lookup(tmp_path: Path, new_db: Any) -> None:
    db = str(new_db)
    (tmp_path / "doc.ar.txt").write_text("قامت الثورة في روسيا عام 1918 وما بعده.\n",
                                         encoding="utf-8")
    assert run_cli("import", str(tmp_path / "doc.ar.txt"), "--db", db).exit_code == 0
    path = sdltm(tmp_path / "client memory.sdltm", ("en-US", "ar-SA"), ENGLISH_SOURCE)
    result = run_cli("tm", "import", str(path), "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"imported 2 units from {path} as memory 'client memory' (source language en-US: "
        "the Arabic side is the source)")
    result = run_cli("tm", "lookup", "قامت الثورة في روسيا عام 1918 وما بعده.", "--db", db,
                     "--format", "json")
    assert result.exit_code == 0, result.stderr
    [match] = json.loads(result.stdout)["matches"]
    assert (match["origin"], match["target"]) == (
        "client memory", "The revolution broke out in Russia in 1917 & after.")


def test_a_unit_without_english_is_left_out_with_a_warning(tmp_path: Path, new_db: Any) -> None:
    db = str(new_db)
    (tmp_path / "doc.ar.txt").write_text("قامت الثورة.\n", encoding="utf-8")
    assert run_cli("import", str(tmp_path / "doc.ar.txt"), "--db", db).exit_code == 0
    empty = (seg("en-US"), seg("ar-SA", text("وحدة بلا ترجمة.")))
    path = sdltm(tmp_path / "m.sdltm", ("en-US", "ar-SA"), [*ENGLISH_SOURCE, empty])
    result = run_cli("tm", "import", str(path), "--db", db)
    assert result.exit_code == 0, result.stderr
    # a database has no lines to name
    assert result.stderr.strip() == (
        "warning: 1 unit without both an Arabic and an English side (or with Arabic as the "
        "English) left out")


def test_a_memory_in_wal_mode_is_read_without_leaving_files_beside_it(
    empty_project: Project, tmp_path: Path
) -> None:
    """A memory some program switched to WAL mode: read as it is, and nothing is left beside
    it (a read-only reader of such a database otherwise leaves its -wal and -shm files)."""
    path = sdltm(tmp_path / "legal.sdltm", ("en-US", "ar-SA"), ENGLISH_SOURCE)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    db.close()
    before = path.read_bytes()
    assert empty_project.tm.import_file(path).units == 2
    assert_untouched(path, before)


def test_a_memory_open_in_another_program_is_read_with_its_latest_changes(
    empty_project: Project, tmp_path: Path
) -> None:
    """A memory in WAL mode that another program has open, its last change still in the -wal
    file: the import reads that change too."""
    path = sdltm(tmp_path / "legal.sdltm", ("en-US", "ar-SA"), ENGLISH_SOURCE)
    other = sqlite3.connect(path)
    try:
        other.execute("PRAGMA journal_mode = WAL")
        other.execute("PRAGMA wal_autocheckpoint = 0")
        other.execute("DELETE FROM translation_units WHERE id = 2")
        other.commit()
        assert (tmp_path / "legal.sdltm-wal").exists()
        assert empty_project.tm.import_file(path).units == 1
    finally:
        other.close()
