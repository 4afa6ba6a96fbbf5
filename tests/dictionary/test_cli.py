"""``workbench dictionary``: add, list, remove, lookup (with and without a project)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.dictionary import builders
from workbench.cli import main
from workbench.project import Project
from workbench.store.schema import SCHEMA_VERSION


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_lookup_without_a_project(tmp_path: Path) -> None:
    index = builders.dictd(tmp_path)
    result = _run("dictionary", "lookup", "وبكتابه", "--dictionary", str(index),
                  "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["query"] == "وبكتابه"
    first = data["entries"][0]
    assert first == {"headword": "كتاب", "dictionary": "Test Arabic-English",
                     "senses": ["book", "letter"], "pronunciation": "kitaːb"}
    assert not (tmp_path / "segments.db").exists()
    table = _run("dictionary", "lookup", "للمدرسة", "--dictionary", str(index))
    assert "مدرسة  /madrasa/" in table.output and "1. school" in table.output
    related = _run("dictionary", "lookup", "يكتبون", "--dictionary", str(index))
    assert related.output.startswith("يكتبون: not found\nrelated headwords (the same "
                                     "consonants, not this word):\nكتاب  /kitaːb/")
    as_json = _run("dictionary", "lookup", "يكتبون", "--dictionary", str(index),
                   "--format", "json")
    assert json.loads(as_json.output) == {"query": "يكتبون", "entries": []}
    empty = _run("dictionary", "lookup", "  ", "--dictionary", str(index))
    assert empty.exit_code == 2 and "give a word" in empty.output


def test_add_list_lookup_remove(sample_db: Path, tmp_path: Path) -> None:
    ifo = builders.stardict(tmp_path)
    db = str(sample_db)
    added = _run("dictionary", "add", "--db", db, str(ifo.with_suffix(".dict")), "--name", "star")
    assert added.exit_code == 0 and "stardict" in added.output
    dup = CliRunner().invoke(main, ["dictionary", "add", "--db", db, str(ifo)])  # named star
    assert dup.exit_code == 2 and "exists already" in dup.output
    again = CliRunner().invoke(main, ["dictionary", "add", "--db", db, str(ifo.with_suffix(
        ".idx")), "--name", "star2"])  # the same files under another name: every entry twice
    assert again.exit_code == 2 and "already in the project as 'star'" in again.output
    other = _run("dictionary", "add", "--db", db, str(builders.tsv(tmp_path)), "--name", "star2")
    assert other.exit_code == 0
    listed = json.loads(_run("dictionary", "list", "--db", db, "--format", "json").output)
    assert [d["name"] for d in listed] == ["star", "star2"]
    assert listed[0]["format"] == "stardict" and listed[0]["available"]
    found = json.loads(_run("dictionary", "lookup", "--db", db, "بالمدرسة", "--format",
                            "json").output)
    assert found["entries"][0]["senses"] == ["school"]
    blank = CliRunner().invoke(main, ["dictionary", "add", "--db", db, str(builders.dictd(
        tmp_path)), "--name", ""])  # an unset variable: refused, not named after the file
    assert blank.exit_code == 2 and "bad dictionary name ''" in blank.output
    # a name is found in any case, and said as it is stored
    assert _run("dictionary", "remove", "--db", db, "STAR").output == "removed dictionary 'star'\n"
    missing = CliRunner().invoke(main, ["dictionary", "remove", "--db", db, "star"])
    assert missing.exit_code == 2 and "no dictionary named 'star'" in missing.output
    with Project.open(sample_db) as project:
        assert len(project.dictionaries.list()) == 1
        assert project.db.schema_version() == SCHEMA_VERSION


def test_dictionary_names_are_found_whatever_their_case(sample_db: Path, tmp_path: Path) -> None:
    """'remove freedict' said there was none while 'FreeDict' was there."""
    db = str(sample_db)
    assert _run("dictionary", "add", "--db", db, str(builders.tsv(tmp_path)), "--name",
                "FreeDict").exit_code == 0
    taken = CliRunner().invoke(main, ["dictionary", "add", "--db", db,
                                      str(builders.dictd(tmp_path)), "--name", "freedict"])
    assert taken.exit_code == 2 and "exists already" in taken.output
    assert _run("dictionary", "remove", "--db", db, "freedict").exit_code == 0
    with Project.open(sample_db) as project:
        assert project.dictionaries.list() == []


def test_an_english_arabic_dictionary_is_shown_as_read_backwards(
    sample_db: Path, tmp_path: Path
) -> None:
    from tests.dictionary.test_lookup import ENGLISH_ARABIC

    db = str(sample_db)
    eng_ara = builders.dictd(tmp_path, "test-eng-ara", articles=ENGLISH_ARABIC)
    added = _run("dictionary", "add", "--db", db, str(eng_ara))
    assert "English–Arabic: Arabic words are looked up in its senses" in added.output
    plain = _run("dictionary", "add", "--db", db, str(builders.dictd(tmp_path)))
    assert "English–Arabic" not in plain.output
    listed = json.loads(_run("dictionary", "list", "--db", db, "--format", "json").output)
    assert [(d["name"], d["direction"]) for d in listed] == [
        ("test-eng-ara", "en-ar"), ("test-ara-eng", "ar-en")]
    table = _run("dictionary", "list", "--db", db).output.splitlines()
    assert "English-Arabic (read backwards)" in table[0] and "\tArabic-English\t" in table[1]
    german = builders.dictd(tmp_path, "deu-eng", articles=[("Haus", "haʊs", ["house"])])
    added = _run("dictionary", "add", "--db", db, str(german))
    assert "(dictd, 1 headword, no Arabic)" in added.stdout  # not "Arabic-English", "headwords"
    assert added.stderr == ("warning: dictionary 'deu-eng' has no Arabic in its headwords or "
                            "senses: Arabic words are not found in it (not Arabic–English or "
                            "English–Arabic?)\n")  # a warning, as README says, not a remark
    assert "\tdictd\t1 headword\t" in _run("dictionary", "list", "--db", db).output
    listed = json.loads(_run("dictionary", "list", "--db", db, "--format", "json").output)
    assert listed[2]["direction"] == "none"
    eng_ara.unlink()  # a file gone: its direction cannot be told
    listed = json.loads(_run("dictionary", "list", "--db", db, "--format", "json").output)
    assert listed[0]["direction"] is None and not listed[0]["available"]


def _corrupt_last_chunk(index: Path) -> None:
    dz = index.with_suffix(".dict.dz")
    data = bytearray(dz.read_bytes())
    for i in range(len(data) - 60, len(data) - 20):
        data[i] ^= 0x55
    dz.write_bytes(bytes(data))


def test_a_dictionary_with_a_broken_article_is_refused_and_listed_without_direction(
    sample_db: Path, tmp_path: Path
) -> None:
    """Telling an English–Arabic dictionary reads some of its articles: a broken one is a
    one-line error before anything is stored, or (broken later) an unknown direction."""
    from tests.dictionary.test_lookup import ENGLISH_ARABIC

    db = str(sample_db)
    broken = builders.dictd(tmp_path, "eng-ara", articles=ENGLISH_ARABIC)
    _corrupt_last_chunk(broken)
    result = CliRunner().invoke(main, ["dictionary", "add", "--db", db, str(broken)])
    assert result.exit_code == 2 and "corrupt dictzip chunk" in result.output
    assert result.output.strip().count("\n") == 0
    assert json.loads(_run("dictionary", "list", "--db", db, "--format", "json").output) == []
    (tmp_path / "later").mkdir()
    later = builders.dictd(tmp_path / "later", "eng-ara", articles=ENGLISH_ARABIC)
    assert _run("dictionary", "add", "--db", db, str(later)).exit_code == 0
    _corrupt_last_chunk(later)  # broken after it was added: listed, its direction unknown
    listed = json.loads(_run("dictionary", "list", "--db", db, "--format", "json").output)
    assert [(d["available"], d["direction"]) for d in listed] == [(True, None)]


def test_examples_are_shown_in_the_table_and_left_out_of_the_json(tmp_path: Path) -> None:
    path = builders.dsl(tmp_path)
    table = _run("dictionary", "lookup", "كتاب", "--dictionary", str(path))
    assert "  2. a letter\n     e.g. كتاب جديد — a new book\n" in table.output
    data = json.loads(_run("dictionary", "lookup", "كتاب", "--dictionary", str(path),
                           "--format", "json").output)
    assert set(data["entries"][0]) == {"headword", "dictionary", "senses", "pronunciation"}


def test_a_dictionary_whose_files_have_gone_is_named(sample_db: Path, tmp_path: Path) -> None:
    db = str(sample_db)
    gone = builders.tsv(tmp_path / "gone" if (tmp_path / "gone").mkdir() is None else tmp_path)
    assert _run("dictionary", "add", "--db", db, str(gone), "--name", "gone").exit_code == 0
    assert _run("dictionary", "add", "--db", db, str(builders.dictd(tmp_path))).exit_code == 0
    gone.unlink()
    found = _run("dictionary", "lookup", "--db", db, "كتاب", "--format", "json")
    assert found.exit_code == 0
    assert "dictionary 'gone' is missing" in found.stderr and "not looked in" in found.stderr
    assert json.loads(found.stdout)["entries"][0]["headword"] == "كتاب"  # the others serve
    (tmp_path / "en.txt").write_text("The bourgeois critics.\n", encoding="utf-8")
    with Project.open(sample_db) as project:
        doc = project.documents()[0].name
        report = project.import_translation(tmp_path / "en.txt", doc, "reference", "x")
    assert any("dictionary 'gone' is missing" in w and "aligned without it" in w
               for w in report.warnings)


def test_an_import_whose_every_dictionary_cannot_be_read_aligns_as_without_one(
    sample_db: Path, tmp_path: Path
) -> None:
    """The dictionaries left out gave the aligner an empty one: 'the dictionary translates
    0.0% of the Arabic text's words ... a word list of 0 headwords', and an alignment made as
    with a dictionary (no check pass of the basic vocabulary's)."""
    words = tmp_path / "words.tsv"
    words.write_text("كتاب\tbook\n", encoding="utf-8")
    english = Path(__file__).resolve().parents[2] / "translations" / "reference.en.txt"
    with Project.open(sample_db) as project:
        doc = project.documents()[0].name
        without = project.import_translation(english, doc, "reference", "without")
        project.dictionaries.add(words)
        words.write_text("كتاب\tbook\nno tab\n", encoding="utf-8")  # unreadable since
        report = project.import_translation(english, doc, "reference", "left-out")
    assert any("cannot be read" in w and "aligned without it" in w for w in report.warnings)
    assert not any("translates 0.0%" in w for w in report.warnings), report.warnings
    assert (report.links, report.low_confidence) == (without.links, without.low_confidence)


def test_bad_file_is_one_line(sample_db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("no tab\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["dictionary", "add", "--db", str(sample_db), str(bad)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "bad.tsv: line 1" in result.output
    none = CliRunner().invoke(main, ["dictionary", "lookup", "--db", str(sample_db), "كتاب"])
    assert none.exit_code == 2 and "no dictionaries" in none.output


def test_a_pipe_given_as_a_dictionary_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A FIFO named x.tsv with no writer blocked the look-up for ever."""
    import os

    pipe = tmp_path / "x.tsv"
    os.mkfifo(pipe)
    result = CliRunner().invoke(main, ["dictionary", "lookup", "كتاب", "--dictionary", str(pipe)])
    assert result.exit_code == 2
    assert "x.tsv: not a regular file" in result.output
    assert result.output.strip().count("\n") == 0


def test_segment_lookup_for_the_panel(project: Project, tmp_path: Path) -> None:
    project.dictionaries.add(builders.tsv(tmp_path))
    project.dictionaries.add(builders.dictd(tmp_path), "freedict")
    seg = project.segments(None, 0, 1)[0]
    text = "ثورة في الخطاب الرسمي"
    matches = project.dictionaries.find_in_text(text)
    assert next(m.words for m in matches) == 2
    assert {m.key for m in matches} == {"خطاب رسمي", "ثورة"}
    ours = project.dictionaries.find_in_segment(seg.id)
    assert all(seg.source[m.start : m.end] == m.text for m in ours)


def test_a_set_missing_its_data_file_is_missing_and_the_others_serve(
    sample_db: Path, tmp_path: Path
) -> None:
    """The index is remembered, the data file beside it has gone: the dictionary is listed
    missing (no direction), and look-ups and imports name it and go on with the others."""
    db = str(sample_db)
    assert _run("dictionary", "add", "--db", db, str(builders.tsv(tmp_path)),
                "--name", "good").exit_code == 0
    index = builders.dictd(tmp_path)
    assert _run("dictionary", "add", "--db", db, str(index), "--name", "fd").exit_code == 0
    index.with_name("test-ara-eng.dict.dz").unlink()
    listed = json.loads(_run("dictionary", "list", "--db", db, "--format", "json").output)
    assert [(d["name"], d["available"], d["direction"]) for d in listed] == [
        ("good", True, "ar-en"), ("fd", False, None)]
    assert "fd\tdictd" in (table := _run("dictionary", "list", "--db", db).output)
    assert table.splitlines()[1].endswith("[missing]")
    found = _run("dictionary", "lookup", "--db", db, "كتاب", "--format", "json")
    assert found.exit_code == 0
    assert "dictionary 'fd' is missing (" in found.stderr and "not looked in" in found.stderr
    assert "dictd set without test-ara-eng.dict[.dz])" in found.stderr
    assert {e["dictionary"] for e in json.loads(found.stdout)["entries"]} == {"good"}
    (tmp_path / "en.txt").write_text("The bourgeois critics.\n", encoding="utf-8")
    with Project.open(sample_db) as project:
        doc = project.documents()[0].name
        report = project.import_translation(tmp_path / "en.txt", doc, "reference", "x")
        assert project.dictionaries.find_in_text("كتاب")[0].entries[0].dictionary == "good"
    assert any("dictionary 'fd' is missing" in w and "aligned without it" in w
               for w in report.warnings)


def _star_with_gzipped_index(folder: Path) -> Path:
    ifo = builders.stardict(folder, synonyms=False)
    idx = ifo.with_suffix(".idx")
    ifo.with_suffix(".idx.gz").write_bytes(gzip.compress(idx.read_bytes()))
    idx.unlink()
    return ifo


def _corrupt_gzip(path: Path) -> None:
    """An invalid deflate block type (3) in the first block: zlib cannot inflate it."""
    data = bytearray(path.read_bytes())
    data[10] |= 0b110
    path.write_bytes(bytes(data))


def test_a_corrupt_idx_gz_is_one_line_and_left_out_of_project_lookups(
    sample_db: Path, tmp_path: Path
) -> None:
    db = str(sample_db)
    ifo = _star_with_gzipped_index(tmp_path)
    assert _run("dictionary", "add", "--db", db, str(ifo), "--name", "star").exit_code == 0
    assert _run("dictionary", "add", "--db", db, str(builders.tsv(tmp_path)),
                "--name", "good").exit_code == 0
    _corrupt_gzip(ifo.with_suffix(".idx.gz"))
    for args in (["dictionary", "lookup", "كتاب", "--dictionary", str(ifo)],
                 ["dictionary", "add", "--db", db, str(ifo), "--name", "again"],
                 ["align", str(tmp_path / "ar.txt"), str(tmp_path / "en.txt"),
                  "--dictionary", str(ifo)]):
        (tmp_path / "ar.txt").write_text("كتاب جديد.\n", encoding="utf-8")
        (tmp_path / "en.txt").write_text("A new book.\n", encoding="utf-8")
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert "star.idx.gz" in result.output and "corrupt gzip data" in result.output
        assert result.output.strip().count("\n") == 0
    listed = CliRunner().invoke(main, ["dictionary", "list", "--db", db, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert [(d["name"], d["available"], d["direction"]) for d in json.loads(listed.output)] == [
        ("star", True, None), ("good", True, "ar-en")]
    table = _run("dictionary", "list", "--db", db).output.splitlines()
    assert table[0].endswith("[cannot be read]") and not table[1].endswith("]")
    found = _run("dictionary", "lookup", "--db", db, "كتاب", "--format", "json")
    assert found.exit_code == 0
    assert "dictionary 'star' cannot be read (" in found.stderr
    assert "star.idx.gz: corrupt gzip data" in found.stderr
    assert {e["dictionary"] for e in json.loads(found.stdout)["entries"]} == {"good"}
    with Project.open(sample_db) as project:
        doc = project.documents()[0].name
        report = project.import_translation(tmp_path / "en.txt", doc, "reference", "x")
    assert any("dictionary 'star' cannot be read" in w and "aligned without it" in w
               for w in report.warnings)


def test_an_article_that_cannot_be_read_leaves_its_dictionary_out_of_project_lookups(
    sample_db: Path, tmp_path: Path
) -> None:
    """A damaged dictzip chunk is found when an article in it is read: given with
    --dictionary, a one-line error; in a project, the dictionary is named and left out."""
    db = str(sample_db)
    index = builders.dictd(tmp_path)
    assert _run("dictionary", "add", "--db", db, str(index), "--name", "fd").exit_code == 0
    (tmp_path / "good.tsv").write_text("عامل\tworker; labourer\n", encoding="utf-8")
    assert _run("dictionary", "add", "--db", db, str(tmp_path / "good.tsv")).exit_code == 0
    _corrupt_last_chunk(index)  # عامل, the last article
    alone = CliRunner().invoke(main, ["dictionary", "lookup", "عامل", "--dictionary",
                                      str(index)])
    assert alone.exit_code == 2 and "test-ara-eng.dict.dz: corrupt dictzip chunk" in alone.output
    assert alone.output.strip().count("\n") == 0
    found = _run("dictionary", "lookup", "--db", db, "عامل", "--format", "json")
    assert found.exit_code == 0
    assert "dictionary 'fd' cannot be read (" in found.stderr
    assert "corrupt dictzip chunk" in found.stderr
    assert [e["senses"] for e in json.loads(found.stdout)["entries"]] == [
        ["worker", "labourer"]]


@pytest.mark.parametrize("name", ["two\tcols", "nl\n", "trailing ", " leading", "a/b", "a\\b",
                                  "", "x\r"])
def test_a_name_with_a_tab_a_new_line_or_spaces_at_an_end_is_refused(
    sample_db: Path, tmp_path: Path, name: str
) -> None:
    db = str(sample_db)
    result = CliRunner().invoke(main, ["dictionary", "add", "--db", db,
                                       str(builders.tsv(tmp_path)), "--name", name or " "])
    assert result.exit_code == 2 and "bad dictionary name" in result.output
    assert json.loads(_run("dictionary", "list", "--db", db, "--format", "json").output) == []
    good = _run("dictionary", "add", "--db", db, str(builders.tsv(tmp_path)), "--name",
                "FreeDict ara-eng 0.6 (Debian)")
    assert good.exit_code == 0


def test_a_dictionary_given_twice_is_read_once(tmp_path: Path) -> None:
    index = builders.dictd(tmp_path)
    once = _run("dictionary", "lookup", "كتاب", "--dictionary", str(index), "--format", "json")
    for again in (index, tmp_path / "." / index.name, index.with_name("test-ara-eng.dict.dz")):
        twice = _run("dictionary", "lookup", "كتاب", "--dictionary", str(index),
                     "--dictionary", str(again), "--format", "json")
        assert json.loads(twice.output) == json.loads(once.output)


def test_a_file_name_that_is_no_dictionary_name_asks_for_one(sample_db: Path,
                                                             tmp_path: Path) -> None:
    """A file named ' terms.tsv' (a space kept by a download) was refused as a 'bad
    dictionary name' that the user never gave; the error says the name is the file's."""
    path = tmp_path / " terms.tsv"
    path.write_text("كتاب\tbook\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["dictionary", "add", "--db", str(sample_db), str(path)])
    assert result.exit_code == 2
    assert "bad dictionary name ' terms'" in result.output
    assert "the file's name: give one with --name" in result.output
    good = _run("dictionary", "add", "--db", str(sample_db), str(path), "--name", "terms")
    assert good.exit_code == 0


def test_an_arabic_english_dictionary_with_a_broken_article_is_refused_when_added(
    sample_db: Path, tmp_path: Path
) -> None:
    """Adding reads what every look-up reads first (its keys: every dictd article's head
    line), so a damaged data file is a one-line error there, not a dictionary that is listed
    as sound and that every look-up then leaves out."""
    db = str(sample_db)
    index = builders.dictd(tmp_path)
    _corrupt_last_chunk(index)
    result = CliRunner().invoke(main, ["dictionary", "add", "--db", db, str(index)])
    assert result.exit_code == 2
    assert "test-ara-eng.dict.dz: corrupt dictzip chunk" in result.output
    assert result.output.strip().count("\n") == 0
    assert json.loads(_run("dictionary", "list", "--db", db, "--format", "json").output) == []


def test_a_stardict_set_with_a_broken_article_is_refused_when_added(
    sample_db: Path, tmp_path: Path
) -> None:
    """The same for a StarDict set whose .dict.dz has a damaged chunk."""
    db = str(sample_db)
    ifo = builders.stardict(tmp_path, zipped=True)
    dz = tmp_path / "star.dict.dz"
    data = bytearray(dz.read_bytes())
    for i in range(len(data) - 60, len(data) - 20):
        data[i] ^= 0x55
    dz.write_bytes(bytes(data))
    result = CliRunner().invoke(main, ["dictionary", "add", "--db", db, str(ifo)])
    assert result.exit_code == 2 and "star.dict.dz: corrupt dictzip chunk" in result.output
    assert result.output.strip().count("\n") == 0
    assert json.loads(_run("dictionary", "list", "--db", db, "--format", "json").output) == []
