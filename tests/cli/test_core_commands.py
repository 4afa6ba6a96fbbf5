"""The project commands: stats, import, import-translation, history, undo, and their errors."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli
from workbench.store.db import project_exists


def test_stats_json_builds_the_sample_on_first_run(in_tmp: Path) -> None:
    result = run_cli("stats", "--format", "json")
    assert result.exit_code == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["documents"] == 1
    assert stats["segments"] == 21
    assert stats["with_english"] == stats["segments"]
    assert set(stats["by_status"]) == {"new", "draft", "translated", "reviewed", "approved"}
    assert (in_tmp / "segments.db").exists()


def test_stats_of_a_blank_doc_name_is_an_error_as_in_every_command(sample_db: Path) -> None:
    """``workbench stats --doc "$DOC"`` with DOC unset counted the whole project in silence,
    where every other command says there is no such document."""
    for name in ("", "  "):
        result = run_cli("stats", "--db", str(sample_db), "--doc", name)
        assert result.exit_code == 2, name
        assert f"no document {name!r}" in result.stderr


def test_stats_table(sample_db: Path) -> None:
    result = run_cli("stats", "--db", str(sample_db))
    assert result.exit_code == 0
    assert "with_english" in result.stdout and "21" in result.stdout


def test_a_doc_name_with_spaces_around_finds_the_document(sample_db: Path) -> None:
    """An import drops the spaces around a name; --doc " sample " (a pasted name) finds it."""
    result = run_cli("stats", "--db", str(sample_db), "--doc", " sample ", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["segments"] == 21


def test_missing_db_is_an_error_for_reading_commands(in_tmp: Path) -> None:
    for args in (["stats"], ["history", "1"], ["undo", "1"]):
        result = run_cli(*args, "--db", "absent.db")
        assert result.exit_code == 2
        assert "no project at absent.db" in result.stderr
    assert not (in_tmp / "absent.db").exists()


def test_an_empty_db_is_named_as_such_not_as_the_current_folder(in_tmp: Path) -> None:
    """``--db "$PROJECT"`` with the variable unset: the error said "'.': is a folder"."""
    (in_tmp / "a.txt").write_text("جملة أولى.\n", encoding="utf-8")
    for args in (["stats"], ["import", "a.txt"], ["project", "copy", "--", "", "x.db"]):
        result = run_cli(*args) if args[0] == "project" else run_cli("--db", "", *args)
        assert result.exit_code == 2, (args, result.stderr)
        assert result.stderr == ("workbench: error: '': an empty project name: give a file "
                                 "path or a postgresql:// URL\n")
    assert sorted(p.name for p in in_tmp.iterdir()) == ["a.txt"]


def test_a_pipe_imported_without_doc_asks_for_a_name(in_tmp: Path) -> None:
    """``workbench import <(iconv …)`` reads /dev/fd/63: the document was named "63"."""
    import threading

    fifo = in_tmp / "63"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("w", encoding="utf-8") as pipe:
            pipe.write("جملة أولى. جملة ثانية.\n")

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    result = run_cli("import", "63", "--db", "new.db")
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # the writer ends, read or not
    writer.join(10)
    os.close(reader)
    assert result.exit_code == 2
    assert result.stderr == ("workbench: error: 63: a pipe has no name to give the document: "
                             "give one with --doc NAME\n")
    assert not (in_tmp / "new.db").exists()


def test_a_memory_or_glossary_imported_as_a_document_is_told_its_command(in_tmp: Path) -> None:
    """``workbench import client.tmx`` was told to "give it the ending of its format (.html,
    .tmx, .xlf, .tbx)": it had it. A TMX or TBX is named for what it is, with the command
    that reads it, and no project is made."""
    (in_tmp / "client.tmx").write_text('<tmx version="1.4"><body/></tmx>\n', encoding="utf-8")
    (in_tmp / "terms.TBX").write_text("<martif/>\n", encoding="utf-8")
    result = run_cli("import", "client.tmx", "--db", "new.db")
    assert result.exit_code == 2
    assert "client.tmx: a TMX file is a translation memory" in result.stderr
    assert "`workbench tm import FILE`" in result.stderr and "give it the ending" not in (
        result.stderr)
    result = run_cli("import", "terms.TBX", "--db", "new.db")
    assert result.exit_code == 2
    assert "`workbench glossary import FILE`" in result.stderr
    # Poedit's catalogue was imported as text: its msgid, msgstr and comment lines segments
    (in_tmp / "ar.po").write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n\n#: app.py:12\n'
                                  'msgid "مرحبا بالعالم"\nmsgstr "Hello world"\n',
                                  encoding="utf-8")
    result = run_cli("import", "ar.po", "--db", "new.db")
    assert result.exit_code == 2
    assert "ar.po: a gettext PO file is a catalogue of strings" in result.stderr
    assert "po2xliff" in result.stderr
    assert not (in_tmp / "new.db").exists()


def test_a_glossary_imported_as_a_translation_is_told_its_command(
    sample_db: Path, tmp_path: Path
) -> None:
    """``import-translation terms.tbx`` was told to give it the ending it had (.tbx)."""
    tbx = tmp_path / "terms.tbx"
    tbx.write_text('<?xml version="1.0"?>\n<martif type="TBX"/>\n', encoding="utf-8")
    result = run_cli("import-translation", str(tbx), "--doc", "sample", "--as", "reference",
                     "--db", str(sample_db))
    assert result.exit_code == 2
    assert "a TBX file is a glossary, not a document: `workbench glossary import FILE`" in (
        result.stderr)


def test_import_creates_the_project(in_tmp: Path, new_db: Path | str) -> None:
    db = str(new_db)
    (in_tmp / "doc.txt").write_text("جملة أولى. جملة ثانية.\n", encoding="utf-8")
    result = run_cli("import", "doc.txt", "--db", db, "--doc", "mydoc")
    assert result.exit_code == 0, result.stderr
    assert "2 segments" in result.stdout
    stats = json.loads(run_cli("stats", "--db", db, "--format", "json").stdout)
    assert stats["segments"] == 2 and stats["with_english"] == 0
    (in_tmp / "doc.en.txt").write_text("First sentence. Second sentence.\n", encoding="utf-8")
    result = run_cli(
        "import-translation", "doc.en.txt", "--db", db, "--doc", "mydoc", "--as", "working"
    )
    assert result.exit_code == 0, result.stderr
    stats = json.loads(run_cli("stats", "--db", db, "--format", "json").stdout)
    assert stats["with_english"] == 2


def test_bad_file_does_not_create_a_project(in_tmp: Path, new_db: Path | str) -> None:
    (in_tmp / "empty.txt").write_bytes(b"")
    result = run_cli("import", "empty.txt", "--db", str(new_db))
    assert result.exit_code == 2 and "empty.txt: file is empty" in result.stderr
    assert not project_exists(new_db)


def test_a_file_of_blank_lines_is_named_as_such(in_tmp: Path, new_db: Path | str) -> None:
    # "file is empty" alone puzzled: the file has 9 bytes
    (in_tmp / "blank.txt").write_bytes(b"   \r\n\t\n  \n")
    result = run_cli("import", "blank.txt", "--db", str(new_db))
    assert result.exit_code == 2
    assert "blank.txt: file is empty (only spaces and blank lines)" in result.stderr
    assert not project_exists(new_db)
    result = run_cli("stats", "--db", str(new_db))
    assert result.exit_code == 2 and "no project" in result.stderr


def test_import_translation_takes_the_only_document(sample_db: Path, tmp_path: Path) -> None:
    """``--doc`` was required even in a project of one document; with several it still is (a
    translation aligned to the wrong document is no small mistake), and the error names them."""
    en = tmp_path / "en.txt"
    en.write_text("Hello.\n", encoding="utf-8")
    args = ("import-translation", str(en), "--db", str(sample_db), "--as", "draft")
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    assert "imported sample as draft:main" in result.stdout
    (tmp_path / "more.txt").write_text("جملة أولى.\n", encoding="utf-8")
    assert run_cli("import", str(tmp_path / "more.txt"), "--db", str(sample_db)).exit_code == 0
    changes = run_cli("changes", "--db", str(sample_db), "--format", "json").stdout
    result = run_cli(*args, "--name", "second")
    assert result.exit_code == 2
    assert result.stderr == ("workbench: error: --doc is needed: the project has 2 documents "
                             "(sample, more)\n")
    assert run_cli("changes", "--db", str(sample_db), "--format", "json").stdout == changes


def test_import_translation_unknown_document(sample_db: Path, tmp_path: Path) -> None:
    en = tmp_path / "en.txt"
    en.write_text("Hello.\n", encoding="utf-8")
    result = run_cli(
        "import-translation", str(en), "--db", str(sample_db), "--doc", "nope", "--as", "draft"
    )
    assert result.exit_code == 2
    assert "no document 'nope'" in result.stderr
    assert result.stderr.count("\n") == 1


def test_an_empty_file_name_is_named_as_such(sample_db: Path) -> None:
    """``workbench import "$FILE"`` with FILE unset said ": a folder, not a file" (click reads
    "" as the current folder)."""
    for args, name in ((["import", ""], "FILE"), (["check", "--glossary", ""], "--glossary"),
                       (["export", "--format", "tmx", "--output", ""], "--output")):
        result = run_cli(*args, "--db", str(sample_db))
        assert result.exit_code == 2 and result.stderr == (
            f"workbench: error: {name}: an empty file name; give the path of a file\n"), args


def test_bad_input_files_one_line_error(sample_db: Path, tmp_path: Path) -> None:
    cases = {
        "empty.txt": b"",
        "binary.txt": b"\x00\x01\x02\x03binary",
        "latin1.txt": "déjà vu\n".encode("latin-1"),
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = run_cli("import", str(path), "--db", str(sample_db))
        assert result.exit_code == 2, name
        assert str(path) in result.stderr and result.stderr.count("\n") == 1
    result = run_cli("import", str(tmp_path / "missing.txt"), "--db", str(sample_db))
    assert result.exit_code == 2 and "no such file" in result.stderr
    # a folder where a file belongs, and "-", are the same one line (not a usage message)
    for args in (["import", str(tmp_path)], ["tm", "import", str(tmp_path)],
                 ["glossary", "import", str(tmp_path)],
                 ["export", "--format", "tmx", "--output", str(tmp_path)]):
        result = run_cli(*args, "--db", str(sample_db))
        assert result.exit_code == 2 and result.stderr == (
            f"workbench: error: {tmp_path}: a folder, not a file\n"), args
    result = run_cli("export", "--format", "tmx", "--output", "-", "--db", str(sample_db))
    assert result.exit_code == 2 and result.stderr.startswith("workbench: error: -: give a file")
    assert not Path("-").exists()
    stats = json.loads(run_cli("stats", "--db", str(sample_db), "--format", "json").stdout)
    assert stats["documents"] == 1


def test_not_a_project_and_newer_schema(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("hello")
    result = run_cli("stats", "--db", str(bogus))
    assert result.exit_code == 2 and "not an SQLite database" in result.stderr
    future = tmp_path / "future.db"
    with sqlite3.connect(future) as conn:
        conn.execute("PRAGMA user_version = 999")
    result = run_cli("stats", "--db", str(future))
    assert result.exit_code == 2 and "newer" in result.stderr


def test_history_and_undo(sample_db: Path) -> None:
    from workbench.project import Project

    with Project.open(sample_db) as project:
        seg = project.segments(limit=1)[0]
        project.confirm(seg.id, "Edited text.", override_reason="test")
    result = run_cli("history", str(seg.id), "--db", str(sample_db), "--format", "json")
    assert result.exit_code == 0
    revisions = json.loads(result.stdout)
    assert [r["action"] for r in revisions] == ["import", "confirm"]
    result = run_cli("undo", str(seg.id), "--db", str(sample_db))
    assert result.exit_code == 0
    assert seg.target in result.stdout
    result = run_cli("history", str(seg.id), "--db", str(sample_db))
    assert "undo" in result.stdout


def test_history_json_holds_the_revision_confirm_and_review_take(sample_db: Path) -> None:
    """`review --revision N` needs the segment's revision, which README says `workbench
    history` shows: its JSON held no revision, so a script could not get it. Each change
    now carries the segment's current revision, and the conflict check accepts it."""
    from workbench.project import Project

    db = ["--db", str(sample_db)]
    with Project.open(sample_db) as project:
        seg = project.segments(limit=1)[0]
        project.confirm(seg.id, "Edited text.", override_reason="test")
        now = project.segment(seg.id).revision
    changes = json.loads(run_cli("history", str(seg.id), "--format", "json", *db).stdout)
    assert [c["current_revision"] for c in changes] == [now, now]
    assert set(changes[0]) == {"id", "at", "author", "action", "old_text", "new_text",
                               "old_status", "new_status", "current_revision"}
    reviewed = run_cli("review", str(seg.id), "--approve", "--revision",
                       str(changes[-1]["current_revision"]), *db)
    assert reviewed.exit_code == 0, reviewed.stderr


def test_history_numbers_a_segments_changes_1_2_3(sample_db: Path) -> None:
    """The table's `#` is a change's place in the segment's history, not its row's id
    (the third segment's changes were rows 3, 22, 23: a reviewer read `#` as the revision);
    the JSON keeps each row's `id`."""
    from workbench.project import Project

    db = ["--db", str(sample_db)]
    with Project.open(sample_db) as project:
        seg = project.segments(limit=3)[2]
        project.save_draft(seg.id, "Edited once.")
        project.confirm(seg.id, "Edited twice.", override_reason="test")
    ids = [c["id"] for c in json.loads(
        run_cli("history", str(seg.id), "--format", "json", *db).stdout)]
    assert len(ids) == 3 and ids != [1, 2, 3]
    table = run_cli("history", str(seg.id), *db).stdout.splitlines()
    heading = next(line for line in table if "time" in line)
    assert heading.split("┃")[1].strip() == "#"
    shown = [cells[1].strip() for line in table if len(cells := line.split("│")) > 2]
    assert [n for n in shown if n] == ["1", "2", "3"]


def test_undo_last_import_of_a_document(sample_db: Path, tmp_path: Path) -> None:
    """``undo --last-import --doc NAME`` takes back the newest import into that document, not
    a later one into another (whose undo cannot be undone); the undo names its document."""
    db = ["--db", str(sample_db)]
    (tmp_path / "b.txt").write_text("جملة أولى هنا.\nجملة ثانية هناك.\n", encoding="utf-8")
    (tmp_path / "b.en").write_text("First sentence here.\nSecond one there.\n", encoding="utf-8")
    (tmp_path / "s.en").write_text("An English draft.\n", encoding="utf-8")
    assert run_cli("import", str(tmp_path / "b.txt"), "--doc", "second", *db).exit_code == 0
    assert run_cli("import-translation", str(tmp_path / "b.en"), "--doc", "second", "--as",
                   "working", *db).exit_code == 0
    changes = json.loads(run_cli("changes", "--format", "json", *db).stdout)
    second = next(c["id"] for c in changes if c["document"] == "second")
    assert run_cli("import", str(tmp_path / "b.txt"), "--doc", "third", *db).exit_code == 0
    none = run_cli("undo", "--last-import", "--doc", "third", *db)  # a new document: no change
    assert none.exit_code == 2 and "no import of document 'third' to undo" in none.stderr
    undone = run_cli("undo", "--last-import", "--doc", "second", *db)
    assert undone.exit_code == 0
    assert f"undid change {second} (import-translation of 'second')" in undone.stdout
    alone = run_cli("undo", "--doc", "second", "--change", str(second), *db)
    assert alone.exit_code == 2 and "--doc goes with --last-import" in alone.stderr


def test_an_import_that_changed_nothing_says_undo_last_import_is_not_its_own(
    sample_db: Path, tmp_path: Path
) -> None:
    """An import-translation that changes no segment records no change, so `undo
    --last-import` right after it undoes the import before it (on the sample: every draft
    emptied). It said only 'unchanged 21'; it now says what that undo would take back."""
    db = ["--db", str(sample_db)]
    (tmp_path / "b.txt").write_text("جملة أولى هنا.\nجملة ثانية هناك.\n", encoding="utf-8")
    (tmp_path / "b.en").write_text("First sentence here.\nSecond one there.\n", encoding="utf-8")
    assert run_cli("import", str(tmp_path / "b.txt"), "--doc", "b", *db).exit_code == 0
    first = run_cli("import-translation", str(tmp_path / "b.en"), "--doc", "b", "--as",
                    "working", *db)
    assert "undo it with" in first.stdout and "no change recorded" not in first.stdout
    again = run_cli("import-translation", str(tmp_path / "b.en"), "--doc", "b", "--as",
                    "working", *db)
    assert again.exit_code == 0 and "undo it with" not in again.stdout
    assert ("no change recorded (no segment changed): `undo --last-import` would undo the "
            "newest import before it") in again.stdout
    dry = run_cli("import-translation", str(tmp_path / "b.en"), "--doc", "b", "--as",
                  "working", "--dry-run", *db)
    assert dry.exit_code == 0 and "no change recorded" not in dry.stdout


def test_history_replace_and_changes_show_square_brackets_as_written(sample_db: Path) -> None:
    """English is text, not rich markup: 'Sic [/i] here' made history and replace end in a
    MarkupError traceback, and '[sic]' vanished from their tables."""
    from workbench.project import Project

    with Project.open(sample_db) as project:
        seg = project.segments(limit=1)[0]
        project.confirm(seg.id, "Sic [/i] here [sic].", override_reason="test")
    db = ["--db", str(sample_db)]
    history = run_cli("history", str(seg.id), *db)
    assert history.exit_code == 0 and "[/i]" in history.stdout and "[sic]" in history.stdout
    replaced = run_cli("replace", "[sic]", "[/b]", *db)
    assert replaced.exit_code == 0
    assert "[sic]" in replaced.stdout and "[/b]" in replaced.stdout
    changes = run_cli("changes", *db)
    assert changes.exit_code == 0 and "[/b]" in changes.stdout


def test_tables_show_colon_words_as_written_not_as_emoji(sample_db: Path) -> None:
    """Text between colons is text, not a rich emoji code: 'Warning:fire:' showed as
    'Warning\U0001f525' in history, a rendering 'test:dog:x' as 'test\U0001f436x' in the
    glossary list."""
    from workbench.project import Project

    with Project.open(sample_db) as project:
        seg = project.segments(limit=1)[0]
        project.confirm(seg.id, "Warning:fire: the ratio is 3:a: now.", override_reason="test")
    db = ["--db", str(sample_db)]
    history = run_cli("history", str(seg.id), "--format", "table", *db)
    assert history.exit_code == 0 and "Warning:fire:" in history.stdout
    assert "3:a:" in history.stdout
    added = run_cli("glossary", "add", "تجربة", "test:dog:x", *db)
    assert added.exit_code == 0 and "test:dog:x" in added.stdout
    listed = run_cli("glossary", "list", *db)
    assert "test:dog:x" in listed.stdout


def test_tables_show_control_characters_as_placeholders(sample_db: Path) -> None:
    """An ESC stored in the English (an English file keeps it, for ``check`` to report) was
    sent raw to the terminal by history and replace's preview (colouring or clearing it);
    shown ``¤``, as in the TUI."""
    from workbench.project import Project

    with Project.open(sample_db) as project:
        seg = project.segments(limit=1)[0]
        project.confirm(seg.id, "Bad \x1b[31mred\x1b[0m text.", override_reason="test")
    db = ["--db", str(sample_db)]
    history = run_cli("history", str(seg.id), *db)
    preview = run_cli("replace", "Bad", "Good", "--dry-run", *db)
    for result in (history, preview):
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout and "¤[31mred¤[0m" in result.stdout


def test_db_before_the_command_is_the_project_of_its_subcommands(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `workbench --db X tm list` works on X, never on ./segments.db
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    result = run_cli("--db", str(sample_db), "tm", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert any(m["name"] == "project" for m in json.loads(result.stdout))
    result = run_cli("--db", str(cwd / "missing.db"), "stats")
    assert result.exit_code == 2 and "missing.db" in result.stderr
    assert list(cwd.iterdir()) == []


def test_db_between_a_group_and_its_command_is_the_project(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``workbench glossary --db X list`` (and tm, lqa, dictionary, spelling, team) was refused
    as "No such option '--db'", where README says --db goes before or after a command's name."""
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    for group, command in (("glossary", "list"), ("tm", "list"), ("dictionary", "list"),
                           ("lqa", "categories"), ("spelling", "languages")):
        result = run_cli(group, "--db", str(sample_db), command)
        assert result.exit_code == 0, (group, result.stderr)
    result = run_cli("glossary", "--db", str(sample_db), "list", "--format", "json")
    assert len(json.loads(result.stdout)) == 39
    missing = str(cwd / "missing.db")  # the nearer one wins, either way round
    assert run_cli("glossary", "--db", missing, "list", "--db", str(sample_db)).exit_code == 0
    assert run_cli("--db", missing, "glossary", "--db", str(sample_db), "list").exit_code == 0
    result = run_cli("glossary", "--db", str(sample_db), "list", "--db", missing)
    assert result.exit_code == 2 and "missing.db" in result.stderr
    assert list(cwd.iterdir()) == []  # no ./segments.db built


def test_the_commands_own_db_wins_over_one_typed_before_it(
    sample_db: Path, tmp_path: Path
) -> None:
    """``alias wb='workbench --db ~/main.db'`` then ``wb stats --db other.db``: the command's
    own --db is the project, as the nearer one. The one before the command won (click sets a
    parameter's source only after its callback), so the command worked on another project."""
    missing = str(tmp_path / "missing.db")
    result = run_cli("--db", missing, "stats", "--db", str(sample_db), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["segments"] == 21
    result = run_cli("--db", str(sample_db), "tm", "list", "--db", missing)
    assert result.exit_code == 2 and "missing.db" in result.stderr
    result = run_cli("--db", str(sample_db), "doctor", "--db", missing)
    assert result.exit_code == 2 and "missing.db" in result.stderr


def test_a_typed_db_wins_over_workbench_db(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `WORKBENCH_DB=server workbench --db offline.db ...` works on offline.db, never the server
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "elsewhere.db"))
    for args in (["--db", str(sample_db), "stats"], ["stats", "--db", str(sample_db)]):
        result = run_cli(*args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["segments"] == 21
    result = run_cli("stats")
    assert result.exit_code == 2 and "elsewhere.db" in result.stderr


def test_help_and_usage_errors_load_no_project_store() -> None:
    """click's own exits (--help, a usage error) are not project failures: telling them apart
    must not import the store (sqlite-utils: a fifth of a second of start-up)."""
    code = (
        "import sys\n"
        "from workbench.cli import main\n"
        "codes = []\n"
        "for args in (['align', '--help'], ['align'], ['dictionary', 'lookup', '--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit as exc:\n"
        "        codes.append(exc.code)\n"
        "store = ('workbench.store', 'sqlite_utils')\n"
        "print(codes, sorted(m for m in sys.modules if m.startswith(store)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # help, the missing files' usage error, help; and no store module
    assert out.stdout.splitlines()[-1] == "[0, 2, 0] []"


def test_a_reference_import_says_what_it_would_do_and_what_it_replaces(
    sample_db: Path, tmp_path: Path
) -> None:
    """A dry run of a reference import says "would import" and writes nothing; importing a
    reference of a name already there says that the previous one is replaced."""
    english = str(Path(__file__).resolve().parents[2] / "translations" / "draft.en.txt")
    args = ("import-translation", english, "--db", str(sample_db), "--doc", "sample")
    dry = run_cli(*args, "--as", "reference", "--name", "other", "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout.startswith("would import sample as reference:other: 21 segments")
    assert "replace" not in dry.stdout
    export = run_cli("export", "--db", str(sample_db), "--format", "txt", "--version",
                     "reference:other", "--output", str(tmp_path / "out.txt"))
    assert export.exit_code == 2 and "reference:other" in export.stderr
    again = run_cli(*args, "--as", "reference", "--dry-run")  # the sample's reference:main
    assert "; would replace the previous reference:main" in again.stdout
    done = run_cli(*args, "--as", "reference")
    assert done.stdout.startswith("imported sample as reference:main")
    assert "; replaced the previous reference:main" in done.stdout


def test_options_of_another_kind_of_import_are_refused(sample_db: Path) -> None:
    english = str(Path(__file__).resolve().parents[2] / "translations" / "draft.en.txt")
    args = ("import-translation", english, "--db", str(sample_db), "--doc", "sample")
    draft = run_cli(*args, "--as", "draft", "--overwrite", "confirmed")
    assert draft.exit_code == 2 and "--overwrite applies to --as working" in draft.stderr
    working = run_cli(*args, "--as", "working", "--name", "x")
    assert working.exit_code == 2 and "--name names a reference or draft" in working.stderr
    blank = run_cli(*args, "--as", "draft", "--name", "  ")  # had replaced draft:main
    assert blank.exit_code == 2 and "--name is blank" in blank.stderr


@pytest.mark.sqlite_only  # the project is a file
def test_no_report_or_export_is_written_over_a_project(sample_db: Path, tmp_path: Path) -> None:
    """``--output`` naming the project itself, or another project's file: refused in one line,
    both files unchanged (a report written over a project destroyed it)."""
    other = tmp_path / "other.db"
    other.write_bytes(sample_db.read_bytes())
    before = sample_db.read_bytes(), other.read_bytes()
    for target in (sample_db, other):
        out = str(target)
        for args in (["check", "--format", "json", "--output", out],
                     ["lqa", "report", "--output", out],
                     ["glossary", "export", "--output", out],
                     ["tm", "export", "--output", out, "--force"],
                     ["export", "--format", "tmx", "--output", out, "--force"]):
            result = run_cli(*args, "--db", str(sample_db))
            assert result.exit_code == 2, (args, result.stdout, result.stderr)
            assert result.stderr.count("\n") == 1 and out in result.stderr, result.stderr
    assert (sample_db.read_bytes(), other.read_bytes()) == before


@pytest.mark.sqlite_only
def test_a_pipe_as_the_output_never_hangs_and_is_never_replaced(
    sample_db: Path, tmp_path: Path
) -> None:
    """``--output`` a pipe (``/dev/stdout`` piped, a FIFO): a report is written into it; an
    export (an atomic write, which would replace the node) is refused in one line. Before,
    the check for a project's header read the pipe and waited forever."""
    import os
    import threading

    from workbench.openfiles import refuse_output

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    keep_open = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # a reader and a writer: no data
    try:
        done = threading.Event()
        threading.Thread(target=lambda: (refuse_output(fifo), done.set()), daemon=True).start()
        assert done.wait(10), "refuse_output read the pipe"
        result = run_cli("export", "--format", "tsv", "--output", str(fifo), "--force",
                         "--db", str(sample_db))
        assert result.exit_code == 2 and "not a regular file" in result.stderr, result.stderr
        assert fifo.is_fifo()
    finally:
        os.close(keep_open)


def test_a_closed_standard_output_exits_141_never_the_1_of_findings(tmp_path: Path) -> None:
    """``workbench check | head -1``: a clean check whose reader went away exits 141 (128 +
    SIGPIPE) in silence; rich's and click's own handling exited 1, "findings" to a CI job."""
    (tmp_path / "ar.txt").write_text("بدأت الثورة.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The revolution began.\n", encoding="utf-8")
    (tmp_path / "g.tsv").write_text("ثورة\trevolution\n", encoding="utf-8")
    check = [sys.executable, "-m", "workbench", "check", "--glossary", "g.tsv", "--source",
             "ar.txt", "--target", "en.txt", "--skip", "spelling"]
    assert subprocess.run(check, cwd=tmp_path, capture_output=True).returncode == 0
    for fmt in ("table", "json"):  # a rich table, click.echo
        read, write = os.pipe()
        os.close(read)
        try:
            done = subprocess.run([*check, "--format", fmt], cwd=tmp_path, stdout=write,
                                  stderr=subprocess.PIPE, text=True)
        finally:
            os.close(write)
        assert (done.returncode, done.stderr) == (141, ""), (fmt, done.stderr)



@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_a_reader_gone_in_the_middle_of_a_large_report_exits_141(
    tmp_path: Path, unbuffered: str
) -> None:
    """``workbench check --format json | head -1`` on a report larger than a pipe holds: the
    reader leaves during the one write of the JSON, which an unbuffered standard output
    (PYTHONUNBUFFERED=1, as many CI images set it) ends short without an error; the check
    exited 1 ("findings") where it must exit 141."""
    (tmp_path / "ar.txt").write_text("بدأت الثورة.\n" * 1000, encoding="utf-8")
    (tmp_path / "en.txt").write_text("The uprising began.\n" * 1000, encoding="utf-8")
    (tmp_path / "g.tsv").write_text("ثورة\trevolution\n", encoding="utf-8")
    check = [sys.executable, "-m", "workbench", "check", "--glossary", "g.tsv", "--source",
             "ar.txt", "--target", "en.txt", "--skip", "spelling", "--format", "json"]
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    with subprocess.Popen(check, cwd=tmp_path, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert os.read(proc.stdout.fileno(), 64).startswith(b"{")  # the report has begun
        proc.stdout.close()
        stderr = proc.stderr.read()
        returncode = proc.wait(30)
    assert (returncode, stderr) == (141, b"")


def test_a_short_report_reaches_its_pipe_whole_and_the_check_ends_as_it_would(
    tmp_path: Path,
) -> None:
    """``workbench check | head -1`` on a short document: the report (its table, then its
    summary line) reaches the pipe in one piece, so a reader that takes what came first and
    goes has had it all, and the check ends 1 (findings), as ``seq 9 | head -1`` ends 0. Two
    pieces made it 141 or 1 by a race."""
    (tmp_path / "ar.txt").write_text("بدأت الثورة.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The uprising began.\n", encoding="utf-8")
    (tmp_path / "g.tsv").write_text("ثورة\trevolution\n", encoding="utf-8")
    check = [sys.executable, "-m", "workbench", "check", "--glossary", "g.tsv", "--source",
             "ar.txt", "--target", "en.txt", "--skip", "spelling"]
    whole = subprocess.run(check, cwd=tmp_path, capture_output=True).stdout
    assert whole.count(b"\n") > 2  # a table and its summary line
    with subprocess.Popen(check, cwd=tmp_path, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        first = os.read(proc.stdout.fileno(), 1 << 16)  # head -1: what came first, then gone
        proc.stdout.close()
        stderr = proc.stderr.read()
        returncode = proc.wait(30)
    assert first == whole
    assert (returncode, stderr) == (1, b"")


def _bug(*args: object, **kwargs: object) -> None:
    raise ZeroDivisionError("a bug")


def test_a_bug_exits_70_with_its_traceback_never_the_1_of_findings(
    sample_db: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in a command printed its traceback and exited 1, which a CI job reads as
    `check`'s findings; it exits 70 (EX_SOFTWARE), the traceback kept."""
    monkeypatch.setattr("workbench.project.checking.Checking.check_report", _bug)
    result = run_cli("check", "--db", str(sample_db))
    assert result.exit_code == 70
    assert "Traceback" in result.stderr and "ZeroDivisionError: a bug" in result.stderr


@pytest.mark.parametrize("command", [("history",), ("undo",), ("confirm",), ("lqa", "list",
                                                                            "--segment")])
def test_an_id_past_the_stores_integers_is_a_usage_error(
    sample_db: Path | str, command: tuple[str, ...]
) -> None:
    """`workbench history 99999999999999999999999` crashed the query (OverflowError, exit 70);
    an id past the store's integers is refused as click refuses any bad value (exit 2)."""
    result = run_cli(*command, "99999999999999999999999", "--db", str(sample_db))
    assert result.exit_code == 2
    assert "is not in the range" in result.stderr and "Traceback" not in result.stderr


def test_a_password_prompt_whose_input_ended_is_an_error_of_exit_2() -> None:
    """`team add-user omar --role reviewer </dev/null` printed click's "Aborted!" and exited
    1 (a verdict of no); it is an error naming what is missing."""
    from click.testing import CliRunner

    from workbench.cli.team import _password
    from workbench.errors import WorkbenchError

    with CliRunner().isolation(input=""), pytest.raises(WorkbenchError,
                                                        match="no password for omar"):
        _password(None, None, "omar")


def test_a_password_file_saved_by_a_windows_editor_gives_the_password_typed(
    tmp_path: Path,
) -> None:
    """`team add-user --password-file` of a file with a UTF-8 byte order mark set a password
    starting with U+FEFF (no login with the one typed); UTF-16 (Notepad's 'Unicode') or
    bytes that are not UTF-8 crashed with a UnicodeDecodeError traceback, exit 70."""
    from workbench.cli.team import _password
    from workbench.errors import WorkbenchError

    for name, data in (("bom8.pw", "\ufeffs3cret\r\n".encode()),
                       ("utf16.pw", "s3cret\r\n".encode("utf-16"))):
        (tmp_path / name).write_bytes(data)
        assert _password(None, str(tmp_path / name), "omar") == "s3cret"
    latin = tmp_path / "latin.pw"
    latin.write_bytes(b"caf\xe9\n")
    with pytest.raises(WorkbenchError, match=r"latin.pw: line 1: not UTF-8 text"):
        _password(None, str(latin), "omar")


def test_a_password_file_of_nul_bytes_is_refused(tmp_path: Path) -> None:
    """A password file saved as UTF-16 without a byte order mark was read as UTF-8: its NUL
    bytes went into the password, which no one can type (the login was made all the same)."""
    from workbench.cli.team import _password
    from workbench.errors import WorkbenchError

    utf16 = tmp_path / "utf16.pw"
    utf16.write_bytes("s3cret\n".encode("utf-16-le"))
    with pytest.raises(WorkbenchError, match=r"utf16.pw: looks like UTF-16LE text without a "
                                             r"byte order mark; save it as UTF-8"):
        _password(None, str(utf16), "omar")
    nul = tmp_path / "nul.pw"
    nul.write_bytes(b"s3\x00cret!\n")
    with pytest.raises(WorkbenchError, match=r"nul.pw: line 1: binary file \(NUL bytes\)"):
        _password(None, str(nul), "omar")


def _interrupt(*args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt


def test_ctrl_c_during_an_import_says_nothing_was_changed(
    in_tmp: Path, sample_db: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (in_tmp / "doc.txt").write_text("جملة أولى. جملة ثانية.\n", encoding="utf-8")
    before = json.loads(run_cli("stats", "--db", str(sample_db), "--format", "json").stdout)
    monkeypatch.setattr("workbench.store.documents.insert_segments", _interrupt)
    result = run_cli("import", "doc.txt", "--db", str(sample_db), "--doc", "extra")
    assert result.exit_code == 130  # 128 + SIGINT, not click's 1 ("findings" to a CI job)
    assert result.stderr == "workbench: interrupted; nothing was changed\n"
    assert result.stdout == ""
    monkeypatch.undo()
    after = json.loads(run_cli("stats", "--db", str(sample_db), "--format", "json").stdout)
    assert after == before


def test_ctrl_c_after_an_import_was_stored_does_not_say_nothing_was_changed(
    in_tmp: Path, sample_db: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (in_tmp / "doc.txt").write_text("جملة أولى. جملة ثانية.\n", encoding="utf-8")
    monkeypatch.setattr("workbench.cli.core._report", _interrupt)  # after the commit
    result = run_cli("import", "doc.txt", "--db", str(sample_db), "--doc", "extra")
    assert result.exit_code == 130
    assert "nothing was changed" not in result.stderr
    assert result.stderr.startswith("workbench: interrupted; what it had finished is stored")
    monkeypatch.undo()
    stats = json.loads(run_cli("stats", "--db", str(sample_db), "--format", "json").stdout)
    assert stats["documents"] == 2


def test_ctrl_c_during_the_commit_of_an_import_says_it_is_stored(
    in_tmp: Path, sample_db: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C while SQLite's COMMIT runs is raised once it returned: the import is stored."""
    if isinstance(sample_db, str):
        pytest.skip("SQLite's COMMIT")
    from workbench.store.sqlite import ProjectConnection

    def commit_then_interrupt(conn: ProjectConnection, sql: str, *args: object) -> object:
        cursor = sqlite3.Connection.execute(conn, sql, *args)
        if sql == "COMMIT":
            raise KeyboardInterrupt
        return cursor

    (in_tmp / "doc.txt").write_text("جملة أولى. جملة ثانية.\n", encoding="utf-8")
    monkeypatch.setattr(ProjectConnection, "execute", commit_then_interrupt)
    result = run_cli("import", "doc.txt", "--db", str(sample_db), "--doc", "extra")
    assert result.exit_code == 130
    assert result.stderr.startswith("workbench: interrupted; what it had finished is stored")
    monkeypatch.undo()
    stats = json.loads(run_cli("stats", "--db", str(sample_db), "--format", "json").stdout)
    assert stats["documents"] == 2


def _terminate(*args: object, **kwargs: object) -> None:
    """SIGTERM to this process in the middle of an import (a CI job's time-out)."""
    assert callable(signal.getsignal(signal.SIGTERM)), "SIGTERM would end the process at once"
    os.kill(os.getpid(), signal.SIGTERM)


def test_sigterm_during_the_import_of_a_new_project_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    (tmp_path / "doc.txt").write_text("جملة أولى. جملة ثانية.\n", encoding="utf-8")
    monkeypatch.setattr("workbench.store.documents.insert_segments", _terminate)
    result = run_cli("import", str(tmp_path / "doc.txt"), "--db", str(folder / "new.db"))
    assert result.exit_code == 143  # 128 + SIGTERM
    assert result.stderr == "workbench: stopped by SIGTERM; nothing was changed\n"
    assert list(folder.iterdir()) == []  # no project, and no hidden file it was built in
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # given back


def test_confirm_text_is_one_line_as_the_tui_takes_a_paste(sample_db: Path) -> None:
    """``confirm --text`` stored a line break inside the segment's English (a script's
    ``$(cat en.txt)``, a CRLF), which the TUI's editor never lets in."""
    result = run_cli("confirm", "10", "--db", str(sample_db),
                     "--text", "The hour of decisive work\r\n  has arrived.\n")
    assert result.exit_code == 0, result.stderr
    history = json.loads(run_cli("history", "10", "--db", str(sample_db), "--format",
                                 "json").stdout)
    assert history[-1]["new_text"] == "The hour of decisive work has arrived."


def test_an_import_that_builds_the_sample_first_says_so(in_tmp: Path) -> None:
    """`workbench import mine.txt` where there is no project builds the sample and adds the
    document to it: said on stderr, with the way to a project of one's own."""
    (in_tmp / "mine.txt").write_text("مرحبا بكم في المشروع الجديد.\n", encoding="utf-8")
    result = run_cli("import", "mine.txt")
    assert result.exit_code == 0, result.stderr
    assert "built the sample project in segments.db and added mine to it" in result.stderr
    assert "--db NEW.db" in result.stderr
    again = run_cli("import", "mine.txt", "--doc", "second")
    assert again.exit_code == 0 and again.stderr == ""


def test_a_bad_glossary_of_the_folder_says_the_sample_read_it(in_tmp: Path) -> None:
    """A folder's own glossary.tsv with a bad row, read to build the sample where there is no
    project, fails `workbench import` saying why it was read at all; nothing is created."""
    (in_tmp / "glossary.tsv").write_text("عقد\tcontract\nبند\n", encoding="utf-8")
    (in_tmp / "mine.txt").write_text("مرحبا بكم في المشروع الجديد.\n", encoding="utf-8")
    result = run_cli("import", "mine.txt")
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line
    assert "segments.db: no project here, and the sample project built in its place" in line
    assert "--db NEW.db" in line and "glossary.tsv: line 2: no tab" in line
    assert not (in_tmp / "segments.db").exists()


def test_history_and_changes_tables_keep_every_time_in_80_columns(sample_db: Path) -> None:
    """A pipe's (or an 80-column terminal's) history and changes tables cut each time to
    "2026-12…" or "2026-12-05T23…": when a segment changed was lost. Now the time is shown to
    the second and folded, never cut."""
    assert run_cli("confirm", "2", "--db", str(sample_db)).exit_code == 0
    revisions = json.loads(run_cli("history", "2", "--db", str(sample_db), "--format",
                                   "json").stdout)
    groups = json.loads(run_cli("changes", "--db", str(sample_db), "--format", "json").stdout)
    for command, times in ((["history", "2"], [r["at"] for r in revisions]),
                           (["changes"], [g["at"] for g in groups])):
        table = run_cli(*command, "--db", str(sample_db)).stdout
        cells = "".join(line.split("│")[2].strip() for line in table.splitlines()
                        if line.startswith("│"))
        assert "…" not in table
        assert cells.replace(" ", "") == "".join(t[:10] + t[11:19] for t in times), command


def test_a_password_prompt_without_a_terminal_shows_no_python_warning() -> None:
    """`team add-user omar --role reviewer </dev/null` in CI (no terminal) printed Python's
    `GetPassWarning` with a source path and line of the standard library before the error."""
    import os
    import subprocess
    import sys

    root = str(Path(__file__).resolve().parents[2])
    code = ("from workbench.cli.team import _password\n"
            "try:\n    _password(None, None, 'omar')\nexcept Exception as exc:\n    print(exc)")
    done = subprocess.run([sys.executable, "-c", code], stdin=subprocess.DEVNULL,
                          capture_output=True, cwd=root, timeout=20, start_new_session=True,
                          env={**os.environ, "PYTHONWARNINGS": "default"})
    assert "no password for omar" in done.stdout.decode()
    assert "GetPassWarning" not in done.stderr.decode()


def test_confirm_text_on_a_joined_segment_warns_it_is_said_twice(tmp_path: Path) -> None:
    """English given to a joined segment (its link's English, on the segment before,
    translates it already) was stored without a word, as the TUI's editor did; an import
    refuses it (the exports would say the sentence twice)."""
    db = str(tmp_path / "p.db")
    (tmp_path / "ar.txt").write_text("ذهب الرجل إلى السوق. واشترى خبزا.\n\nثم عاد إلى البيت.\n",
                                     encoding="utf-8")
    (tmp_path / "en.txt").write_text(
        "The man went to the market and bought bread.\n\nThen he returned home.\n",
        encoding="utf-8")
    assert run_cli("import", str(tmp_path / "ar.txt"), "--doc", "pair", "--db", db).exit_code == 0
    assert run_cli("import-translation", str(tmp_path / "en.txt"), "--doc", "pair", "--as",
                   "working", "--db", db).exit_code == 0
    result = run_cli("confirm", "2", "--db", db, "--text", "And he bought bread.")
    assert result.exit_code == 0, result.stderr
    assert "segment 2 was joined to #1, whose English translates it already" in result.stderr
    again = run_cli("confirm", "2", "--db", db, "--text", "And he bought some bread.")
    assert again.exit_code == 0 and "joined" not in again.stderr


def test_a_verdict_on_a_joined_segment_names_the_segment_holding_its_english(
    tmp_path: Path,
) -> None:
    """`workbench review 2 --approve` on a joined segment said "approved: 0 segments (1
    already so)", though it was a draft and nothing was approved: it goes with segment 1."""
    db = str(tmp_path / "p.db")
    (tmp_path / "ar.txt").write_text("ذهب الرجل إلى السوق. واشترى خبزا.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The man went to the market and bought bread.\n",
                                     encoding="utf-8")
    assert run_cli("import", str(tmp_path / "ar.txt"), "--doc", "pair", "--db", db).exit_code == 0
    assert run_cli("import-translation", str(tmp_path / "en.txt"), "--doc", "pair", "--as",
                   "working", "--db", db).exit_code == 0
    result = run_cli("review", "2", "--approve", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "approved: 0 segments; 1 joined to another; 0 left as they were",
        "  segment 2 is joined to segment 1, which holds its English: it goes with 1's status",
    ]
    report = json.loads(run_cli("review", "1", "2", "--approve", "--db", db, "--format",
                                "json").stdout)
    assert (report["done"], report["unchanged"], report["joined"]) == ([1], [], {"2": 1})
