"""``workbench check`` on files and on the sample project, ``accept`` and ``glossary``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

VIOLATION_KEYS = [
    "line", "segment", "check", "kind", "term", "expected", "found", "severity", "span", "message",
]

GLOSSARY = (
    "source\ttarget\tcomment\tforbidden\n"
    "انتفاضة\tinsurrection\t\tuprising; revolt\n"
    "سوفييتات\tsoviets\t\tcouncils\n"
    "ثورة\trevolution\n"
    "انقلاب\tcoup\t\tputsch\n"
    "اللجنة المركزية\tCentral Committee\n"
    "جماهير\tmasses\t\tcrowds\n"
)
# Held-out-style pairs: clitics, ة → ت, plurals, tanween, diacritics, tatweel, a derived word.
PAIRS = [
    ("وقعت الانتفاضة في المدينة.", "The uprising took place in the city."),  # forbidden + missing
    ("نقل الخبر للسوفييتات.", "The news was passed to the soviets."),  # clitic, fine
    ("قادوا ثورتهم بأنفسهم.", "They led their own revolt."),  # ة→ت: missing
    ("تكررت الانتفاضات.", "The insurrections recurred."),  # plural, fine
    ("كان ذلك انقلاباً.", "That was a putsch."),  # tanween: missing + forbidden
    ("اجتمعت اللَّجْنَةُ المركزيّة.", "The Central Committee met."),  # diacritics, fine
    ("خرجت الجمـاهـير.", "The crowds came out."),  # tatweel: missing + forbidden
    ("كان موقفه ثوريا.", "His stance was revolutionary."),  # derived word: nothing
    ("قامت الثورة مرتين، الثورة الأولى ثم الثانية.", "The revolution happened twice."),  # twice
]
EXPECTED = {
    (1, "missing", "انتفاضة"), (1, "forbidden", "انتفاضة"), (3, "missing", "ثورة"),
    (5, "missing", "انقلاب"), (5, "forbidden", "انقلاب"), (7, "missing", "جماهير"),
    (7, "forbidden", "جماهير"), (9, "missing", "ثورة"),
}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "g.tsv").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "ar.txt").write_text("\n".join(a for a, _ in PAIRS) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(e for _, e in PAIRS) + "\n", encoding="utf-8")
    return {k: str(tmp_path / n) for k, n in (("g", "g.tsv"), ("ar", "ar.txt"), ("en", "en.txt"))}


def file_check(files: dict[str, str], *extra: str):  # type: ignore[no-untyped-def]
    return run_cli(
        "check", "--glossary", files["g"], "--source", files["ar"], "--target", files["en"],
        *extra,
    )


def test_file_mode_json_reports_exactly_the_term_violations(files: dict[str, str]) -> None:
    result = file_check(files, "--format", "json")
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["violations", "summary"]
    for v in data["violations"]:
        assert list(v) == VIOLATION_KEYS
    terms = {
        (v["line"], v["kind"], v["term"]) for v in data["violations"]
        if v["check"] in ("term-missing", "term-forbidden")
    }
    assert terms == EXPECTED
    first = next(v for v in data["violations"] if v["line"] == 1 and v["kind"] == "missing")
    assert first["check"] == "term-missing" and first["segment"] is None
    assert first["expected"] == ["insurrection"] and first["found"] is None
    source = PAIRS[0][0]
    assert source[first["span"][0] : first["span"][1]] == "الانتفاضة"
    forbidden = next(v for v in data["violations"] if v["kind"] == "forbidden")
    assert forbidden["check"] == "term-forbidden" and forbidden["found"] == "uprising"
    summary = data["summary"]
    assert summary["terms"]["occurrences"] == 9 and summary["failed"] is True


def test_clean_files_exit_zero(tmp_path: Path, files: dict[str, str]) -> None:
    Path(files["ar"]).write_text("وقعت الانتفاضة.\n", encoding="utf-8")
    Path(files["en"]).write_text("The insurrection happened.\n", encoding="utf-8")
    result = file_check(files, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["violations"] == []
    assert file_check(files).stdout.startswith("1 segment: 0 violations")  # singular


def test_table_shows_square_brackets_as_written(tmp_path: Path, sample_db: Path) -> None:
    """Renderings are text, not rich markup: 'pandemic [sic]' lost its '[sic]' in the table
    (the report said "expected 'pandemic '"), and 'virus [/i]' was a MarkupError traceback."""
    glossary = tmp_path / "g.tsv"
    glossary.write_text("جائحة\tpandemic [sic]\nفيروس\tvirus [/i]\n", encoding="utf-8")
    ar, en = tmp_path / "ar.txt", tmp_path / "en.txt"
    ar.write_text("جائحة كبيرة\nفيروس خطير\n", encoding="utf-8")
    en.write_text("A big epidemic.\nA bad bug.\n", encoding="utf-8")
    result = run_cli("check", "--glossary", str(glossary), "--source", str(ar),
                     "--target", str(en))
    assert result.exit_code == 1
    assert "'pandemic [sic]'" in result.stdout and "'virus [/i]'" in result.stdout
    assert run_cli("glossary", "import", str(glossary), "--db", str(sample_db)).exit_code == 0
    listed = run_cli("glossary", "list", "--db", str(sample_db))
    assert listed.exit_code == 0
    assert "pandemic [sic]" in listed.stdout and "virus [/i]" in listed.stdout


def test_table_report_file_shows_colon_words_as_written(tmp_path: Path) -> None:
    """A rendering 'Annex:b:x' is not a rich emoji code: the table written by ``--output``
    said 'Annex\U0001f171x'."""
    glossary = tmp_path / "g.tsv"
    glossary.write_text("جائحة\tAnnex:b:x\n", encoding="utf-8")
    ar, en, out = tmp_path / "ar.txt", tmp_path / "en.txt", tmp_path / "report.txt"
    ar.write_text("جائحة كبيرة\n", encoding="utf-8")
    en.write_text("A big epidemic.\n", encoding="utf-8")
    result = run_cli("check", "--glossary", str(glossary), "--source", str(ar),
                     "--target", str(en), "--output", str(out))
    assert result.exit_code == 1
    assert "'Annex:b:x'" in out.read_text(encoding="utf-8")


def test_fail_on_and_warnings(files: dict[str, str]) -> None:
    Path(files["ar"]).write_text("وقعت الانتفاضة.\n", encoding="utf-8")
    Path(files["en"]).write_text("The insurrection happened\n", encoding="utf-8")
    assert file_check(files).exit_code == 0  # only a warning: end punctuation
    assert file_check(files, "--fail-on", "warning").exit_code == 1


@pytest.mark.parametrize(("key", "option"),
                         [("en", "--target"), ("ar", "--source"), ("g", "--glossary")])
def test_report_never_overwrites_an_input(
    files: dict[str, str], tmp_path: Path, key: str, option: str
) -> None:
    """``--output en.txt`` wrote the report over the English being checked (or the source,
    or the glossary): refused, exit 2, the file left as it was."""
    before = Path(files[key]).read_bytes()
    link = tmp_path / "link.txt"
    link.symlink_to(files[key])
    for output in (files[key], str(link)):
        result = file_check(files, "--format", "json", "--output", output)
        assert result.exit_code == 2
        assert f"{output}: is the {option} file" in result.stderr
        assert Path(files[key]).read_bytes() == before
    assert file_check(files, "--output", str(tmp_path / "r.json")).exit_code == 1


def test_file_mode_ignores_workbench_db_from_the_environment(
    files: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$WORKBENCH_DB (set for the project commands of a CI job) made file mode refuse with
    "--db, --doc and --version apply to project mode only"; a typed --db is still refused."""
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "team.db"))
    result = file_check(files, "--format", "json")
    assert result.exit_code == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["segments"] == len(PAIRS)
    files_args = ["--source", files["ar"], "--target", files["en"]]
    for typed in (["check", "--db", "x.db"], ["--db", "x.db", "check"]):
        result = run_cli(*typed, *files_args)
        assert result.exit_code == 2 and "project mode only" in result.stderr


def test_unusable_input_exits_two(files: dict[str, str], tmp_path: Path) -> None:
    Path(files["en"]).write_text("one line\n", encoding="utf-8")
    result = file_check(files)
    assert result.exit_code == 2 and "has 1 line but the source" in result.stderr
    assert run_cli("check", "--source", files["ar"]).exit_code == 2
    missing = run_cli("check", "--source", str(tmp_path / "nope.txt"), "--target", files["en"])
    assert missing.exit_code == 2 and "nope.txt" in missing.stderr
    bad = tmp_path / "bad.tsv"
    bad.write_text("ثورة revolution\n", encoding="utf-8")
    result = run_cli(
        "check", "--glossary", str(bad), "--source", files["ar"], "--target", files["en"]
    )
    assert result.exit_code == 2 and "line 1" in result.stderr


def test_csv_and_html_reports(files: dict[str, str], tmp_path: Path) -> None:
    result = file_check(files, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"line", "check", "kind", "term", "span_start", "status"} <= set(rows[0])
    out = tmp_path / "report.html"
    Path(files["en"]).write_text(
        "\n".join(["<script>alert(1)</script> uprising", *[e for _, e in PAIRS[1:]]]) + "\n",
        encoding="utf-8",
    )
    result = file_check(files, "--format", "html", "--output", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script>" not in page
    assert "&lt;script&gt;" in page and "<mark>" in page and "http" not in page
    assert '<td class="text" lang="en">' in page  # its spaces shown as typed (pre-wrap)


def test_a_csv_report_is_safe_to_open_in_a_spreadsheet(tmp_path: Path) -> None:
    """A cell starting with = ran as a formula in LibreOffice, and the file had no BOM (its
    Arabic read as Latin-1 by Excel), unlike the CSV export and the LQA report."""
    glossary, ar, en = tmp_path / "g.tsv", tmp_path / "ar.txt", tmp_path / "en.txt"
    glossary.write_text('سوفييتات\t=HYPERLINK("http://x","y")\n', encoding="utf-8")
    ar.write_text("تشكلت السوفييتات.\n", encoding="utf-8")
    en.write_text("-councils were formed.\n", encoding="utf-8")
    out = tmp_path / "report.csv"
    result = run_cli("check", "--glossary", str(glossary), "--source", str(ar), "--target",
                     str(en), "--format", "csv", "--output", str(out))
    assert result.exit_code == 1, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    (row,) = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    assert row["term"] == "سوفييتات" and row["expected"] == '\'=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "html"])
def test_invisible_characters_in_every_report_format_and_skip(
    files: dict[str, str], tmp_path: Path, fmt: str
) -> None:
    Path(files["ar"]).write_text("وقعت الانتفاضة.\n", encoding="utf-8")
    Path(files["en"]).write_text("The insurrection \u202ehappened.\n", encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    args = ["--format", fmt] + (["--output", str(out)] if fmt != "table" else [])
    result = file_check(files, *args)
    assert result.exit_code == 1, result.stderr  # an RLO is an error
    text = result.stdout if fmt == "table" else out.read_text(encoding="utf-8")
    assert "invisible-characters" in text and "U+202E" in text
    if fmt == "json":
        (v,) = json.loads(text)["violations"]
        assert (v["check"], v["kind"], v["severity"], v["span"], v["found"]) == (
            "invisible-characters", "bidi-override", "error", [17, 18], "U+202E"
        )
    if fmt == "csv":
        (row,) = csv.DictReader(io.StringIO(text))
        assert (row["span_start"], row["span_end"]) == ("17", "18")
    if fmt == "html":  # the character is shown by name, never left to reorder the page
        assert "\u202e" not in text and "⟨RLO⟩" in text
    skipped = file_check(files, "--format", "json", "--skip", "invisible-characters")
    assert skipped.exit_code == 0 and json.loads(skipped.stdout)["violations"] == []


def test_sample_project_finds_the_deliberate_violations(in_tmp: Path, sample_db: Path) -> None:
    result = run_cli("check", "--db", str(sample_db), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    found = {(v["check"], v["found"]) for v in data["violations"]}
    assert ("term-forbidden", "Kerenski") in found
    assert ("term-forbidden", "uprising") in found
    assert ("term-forbidden", "councils") in found
    assert ("number-mismatch", "17") in found
    assert any(
        v["check"] == "number-mismatch" and v["expected"] == ["18"] for v in data["violations"]
    )
    assert all(v["segment"] is not None for v in data["violations"])
    reference = run_cli("check", "--db", str(sample_db), "--version", "reference:main",
                        "--format", "json")
    ref = json.loads(reference.stdout)
    assert not any(v["check"] == "term-forbidden" for v in ref["violations"])
    table = run_cli("check", "--db", str(sample_db))
    assert table.exit_code == 1 and "violations" in table.stdout


def test_accept_hides_a_finding_until_the_text_changes(sample_db: Path) -> None:
    from workbench.project import Project

    data = json.loads(run_cli("check", "--db", str(sample_db), "--format", "json").stdout)
    v = next(
        v for v in data["violations"] if v["check"] == "number-mismatch" and v["kind"] == "missing"
    )
    segment = str(v["segment"])
    result = run_cli("accept", segment, "--db", str(sample_db), "--check", "number-mismatch",
                     "--reason", "the source has the Old Style date")
    assert result.exit_code == 0, result.stderr
    after = json.loads(run_cli("check", "--db", str(sample_db), "--format", "json").stdout)
    assert not any(
        x["segment"] == v["segment"] and x["check"] == "number-mismatch"
        for x in after["violations"]
    )
    accepted = after["summary"]["overrides"]
    assert [a["check"] for a in accepted] == ["number-mismatch"] * 2
    assert {a["reason"] for a in accepted} == {"the source has the Old Style date"}
    with Project.open(sample_db) as p:
        seg = p.segment(v["segment"])
        p.save_draft(seg.id, seg.target.replace("17", "16"))
        assert p.overrides() == []
    again = json.loads(run_cli("check", "--db", str(sample_db), "--format", "json").stdout)
    assert any(x["segment"] == v["segment"] and x["check"] == "number-mismatch"
               for x in again["violations"])



def test_accept_stores_and_prints_its_reason_on_one_line(sample_db: Path, tmp_path: Path) -> None:
    """A reason pasted with a line break and a terminal's colour code was printed and stored
    as typed: `check`'s table, CSV and HTML carried the ESC (and the break) to the reviewer."""
    data = json.loads(run_cli("check", "--db", str(sample_db), "--format", "json").stdout)
    v = next(v for v in data["violations"] if v["check"] == "number-mismatch")
    result = run_cli("accept", str(v["segment"]), "--db", str(sample_db), "--check",
                     "number-mismatch", "--reason", "Old Style\n date\x1b[1m, as the source")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("): Old Style date[1m, as the source\n"), result.stdout
    out = tmp_path / "r.csv"
    run_cli("check", "--db", str(sample_db), "--format", "csv", "--output", str(out))
    rows = [r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
            if r["status"] == "accepted"]
    assert {r["reason"] for r in rows} == {"Old Style date[1m, as the source"}

def test_a_link_units_findings_are_reported_once_over_its_texts(tmp_path: Path) -> None:
    """Two Arabic sentences facing one English sentence are checked as one unit; each of them
    carried the unit's findings, so the report counted every finding twice, and the second
    segment's row had spans into the unit's Arabic over its own (HTML marked other words)."""
    db = str(tmp_path / "s.db")
    (tmp_path / "ar.txt").write_text(
        "أعلنت منظمة الصحة العالمية حالة الطوارئ. وقالت إن الجائحة خطيرة.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(
        "The WHO declared an emergency, saying the epidemic was serious.\n", encoding="utf-8")
    (tmp_path / "g.tsv").write_text(
        "منظمة الصحة العالمية\tWorld Health Organization\nجائحة\tpandemic\t\tepidemic\n",
        encoding="utf-8")
    assert run_cli("import", str(tmp_path / "ar.txt"), "--db", db, "--doc", "d").exit_code == 0
    assert run_cli("import-translation", str(tmp_path / "en.txt"), "--db", db, "--doc", "d",
                   "--as", "working").exit_code == 0
    assert run_cli("glossary", "import", str(tmp_path / "g.tsv"), "--db", db).exit_code == 0
    data = json.loads(run_cli("check", "--db", db, "--skip", "spelling", "--format", "json").stdout)
    assert [(v["segment"], v["check"], v["term"]) for v in data["violations"]] == [
        (1, "term-missing", "منظمة الصحة العالمية"), (1, "term-missing", "جائحة"),
        (1, "term-forbidden", "جائحة"),
    ]
    summary = data["summary"]
    assert (summary["segments"], summary["violations"], summary["segments_with_violations"]) == (
        2, 3, 1)
    page = run_cli("check", "--db", db, "--skip", "spelling", "--format", "html").stdout
    assert "<mark>الجائحة</mark>" in page and "<mark>منظمة الصحة العالمية</mark>" in page
    joined = run_cli("accept", "2", "--db", db, "--check", "term-forbidden", "--reason", "x")
    assert joined.exit_code == 2 and "segment 2 is joined to segment 1, which holds their " \
        "English and their findings: accept them on segment 1" in joined.stderr
    assert run_cli("accept", "1", "--db", db, "--check", "term-forbidden",
                   "--reason", "quoted").exit_code == 0
    data = json.loads(run_cli("check", "--db", db, "--skip", "spelling", "--format", "json").stdout)
    assert data["summary"]["violations"] == 2
    assert [o["check"] for o in data["summary"]["overrides"]] == ["term-forbidden"]


def test_accept_takes_a_term_in_any_spelling_the_matcher_takes_as_it(tmp_path: Path) -> None:
    """The glossary's عَرَض, typed as the text writes it (عرض), was 'no finding for it'."""
    db = str(tmp_path / "s.db")
    (tmp_path / "ar.txt").write_text("لم تستطع المتاجر توفير عرض الأربعاء.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Stores could not run the Wednesday special.\n",
                                     encoding="utf-8")
    (tmp_path / "g.tsv").write_text("عَرَض\tsymptom\nالأربعاء\tWednesday\n", encoding="utf-8")
    assert run_cli("import", str(tmp_path / "ar.txt"), "--db", db, "--doc", "d").exit_code == 0
    assert run_cli("import-translation", str(tmp_path / "en.txt"), "--db", db, "--doc", "d",
                   "--as", "working").exit_code == 0
    assert run_cli("glossary", "import", str(tmp_path / "g.tsv"), "--db", db).exit_code == 0
    wrong = run_cli("accept", "1", "--db", db, "--check", "term-missing", "--term", "سعال",
                    "--reason", "x")
    assert wrong.exit_code == 2
    assert "no 'term-missing' finding for 'سعال' to accept (its findings are for عَرَض)" in (
        wrong.stderr)
    result = run_cli("accept", "1", "--db", db, "--check", "term-missing", "--term", "عرض",
                     "--reason", "an offer, not a symptom")
    assert result.exit_code == 0, result.stderr
    assert "accepted term-missing for عَرَض" in result.stdout
    assert run_cli("check", "--db", db, "--skip", "spelling").exit_code == 0


def test_a_table_report_written_to_a_file_is_what_the_terminal_shows(
    sample_db: Path, tmp_path: Path
) -> None:
    """--output without --format wrote bare tab-separated lines: no header, no figures, and
    no accepted finding."""
    data = json.loads(run_cli("check", "--db", str(sample_db), "--format", "json").stdout)
    v = next(v for v in data["violations"] if v["check"] == "number-mismatch")
    assert run_cli("accept", str(v["segment"]), "--db", str(sample_db), "--check",
                   "number-mismatch", "--reason", "OldStyle").exit_code == 0
    out = tmp_path / "report.txt"
    result = run_cli("check", "--db", str(sample_db), "--output", str(out))
    assert result.exit_code == 1 and "wrote table report" in result.stderr
    text = out.read_text(encoding="utf-8")
    shown = run_cli("check", "--db", str(sample_db)).stdout
    assert "QA findings" in text and "│ accepted │" in text and "OldStyle" in text
    assert text.rstrip().splitlines()[-1] == shown.rstrip().splitlines()[-1]
    assert "accepted; glossary terms rendered" in text


def test_accept_refuses_what_is_not_there(sample_db: Path) -> None:
    assert run_cli("accept", "1", "--db", str(sample_db), "--check", "nope",
                   "--reason", "x").exit_code == 2
    assert run_cli("accept", "1", "--db", str(sample_db), "--check", "double-space",
                   "--reason", "x").exit_code == 2


def test_accept_with_a_term_of_findings_that_name_none_says_so(sample_db: Path) -> None:
    """It said the segment had no such finding, next to a report listing it."""
    from workbench.project import Project

    with Project.open(sample_db) as p:
        p.save_draft(1, "Two  spaces here.")
    result = run_cli("accept", "1", "--db", str(sample_db), "--check", "double-space",
                     "--term", "spaces", "--reason", "x")
    assert result.exit_code == 2 and "name no term; accept them without --term" in result.stderr
    assert run_cli("accept", "1", "--db", str(sample_db), "--check", "double-space",
                   "--reason", "x").exit_code == 0


def test_glossary_import_export(sample_db: Path, tmp_path: Path) -> None:
    tico = Path(__file__).resolve().parents[2] / "corpora" / "tico19" / "g_ar_en.csv"
    result = run_cli("glossary", "import", str(tico), "--db", str(sample_db))
    assert result.exit_code == 0 and "49" in result.stdout
    # it replaced the sample's glossary, and says so (it said "imported 49 ..." alone)
    assert "in place of the project's 39 entries (--merge adds to them)" in result.stdout
    tbx = tmp_path / "g.tbx"
    assert run_cli("glossary", "export", "--db", str(sample_db), "--format", "tbx",
                   "--output", str(tbx)).exit_code == 0
    assert "جائحة" in tbx.read_text(encoding="utf-8")
    tsv = run_cli("glossary", "export", "--db", str(sample_db))
    assert tsv.stdout.startswith("source\ttarget") and "pandemic" in tsv.stdout
    sample = Path(__file__).resolve().parents[2] / "workbench" / "data" / "glossary.tsv"
    merged = run_cli("glossary", "import", str(sample), "--merge", "--db", str(sample_db))
    assert merged.exit_code == 0 and "added" in merged.stdout
    assert run_cli("glossary", "import", str(tbx), "--columns", "1,2",
                   "--db", str(sample_db)).exit_code == 2


def test_glossary_add_one_term_and_what_it_refuses(sample_db: Path) -> None:
    db = str(sample_db)
    before = run_cli("glossary", "export", "--db", db).stdout
    added = run_cli("glossary", "add", "مجلس", " local  council ", "--forbidden", "board",
                    "--comment", "a town's", "--db", db)
    assert added.exit_code == 0 and "added مجلس → local council (forbidden: board)" in added.stdout
    exported = run_cli("glossary", "export", "--db", db).stdout
    assert exported == before + "مجلس\tlocal council\ta town's\tboard\n"
    refused = {
        ("مجلس", "Local Council"): "is in the glossary already",
        ("مجلس", "board"): "'board' is forbidden by its entry مجلس → local council",
        ("council", "مجلس"): "the term is the Arabic side",
        ("مجلس", "مجلس"): "the rendering is the English side",
        ("مجلس", "ﻣﺠﻠﺲ"): "the rendering is the English side",
        ("سوفييتات", "councils"): "forbidden by its entry سوفييتات → soviets",
        ("مجلس", " "): "needs an Arabic term and its English rendering",
    }
    for (term, rendering), message in refused.items():
        result = run_cli("glossary", "add", term, rendering, "--db", db)
        assert result.exit_code == 2 and message in result.stderr, (term, result.stderr)
    clash = run_cli("glossary", "add", "مجلس", "assembly", "--forbidden", "Local council",
                    "--db", db)
    assert clash.exit_code == 2 and "accepted by another of its entries" in clash.stderr
    assert run_cli("glossary", "export", "--db", db).stdout == exported  # nothing else added


def test_glossary_add_takes_a_term_pasted_from_a_pdf(sample_db: Path) -> None:
    """ﻻﺟﺊ (presentation forms, as a PDF gives them) was refused: "the term is the Arabic side
    of the entry"; the matcher finds it as لاجئ, and then the spelling لاجئ is the same term."""
    db = str(sample_db)
    added = run_cli("glossary", "add", "ﻻﺟﺊ", "refugee", "--db", db)
    assert added.exit_code == 0, added.stderr
    again = run_cli("glossary", "add", "لاجئ", "refugee", "--db", db)
    assert again.exit_code == 2 and "is in the glossary already" in again.stderr


def test_glossary_add_leaves_a_pastes_control_characters_out(
    sample_db: Path, tmp_path: Path
) -> None:
    """A rendering or comment pasted with a terminal's colour code was stored with its ESC:
    `glossary list` sent it to the terminal, and the project's own TSV export was refused by
    `glossary import` ("binary content (control characters)")."""
    db = str(sample_db)
    added = run_cli("glossary", "add", "قناع", "face\x1b[0m mask", "--comment",
                    "see\x1b[31m the note\x07", "--forbidden", "vis\x07or", "--db", db)
    assert added.exit_code == 0, added.stderr
    entries = json.loads(run_cli("glossary", "list", "--format", "json", "--db", db).stdout)
    entry = next(e for e in entries if e["term"] == "قناع")
    assert entry == {"term": "قناع", "rendering": "face[0m mask",
                     "comment": "see[31m the note", "forbidden": ["visor"]}
    out = tmp_path / "g.tsv"
    assert run_cli("glossary", "export", "--output", str(out), "--db", db).exit_code == 0
    again = run_cli("glossary", "import", str(out), "--db", db)
    assert again.exit_code == 0, again.stderr


def test_glossary_add_compares_spellings_of_a_term_as_one(sample_db: Path) -> None:
    db = str(sample_db)
    assert run_cli("glossary", "add", "جائحة", "pandemic", "--forbidden", "epidemic",
                   "--db", db).exit_code == 0
    before = run_cli("glossary", "export", "--db", db).stdout
    for spelling in ("جَائِحَة", "جائـحة", "الجائحة"):
        clash = run_cli("glossary", "add", spelling, "epidemic", "--db", db)
        assert clash.exit_code == 2
        assert "'epidemic' is forbidden by its entry جائحة → pandemic" in clash.stderr
        again = run_cli("glossary", "add", spelling, "Pandemic", "--db", db)
        assert again.exit_code == 2 and "جائحة → pandemic is in the glossary already" in (
            again.stderr)
    forbids = run_cli("glossary", "add", "جَائِحَة", "plague", "--forbidden", "pandemic",
                      "--db", db)
    assert forbids.exit_code == 2 and "accepted by another of its entries" in forbids.stderr
    assert run_cli("glossary", "export", "--db", db).stdout == before


def test_glossary_merge_adds_a_files_forbidden_renderings_to_an_entry_there(
    sample_db: Path, tmp_path: Path
) -> None:
    """An entry the project has already (term and rendering) lost the file's forbidden
    renderings and comment without a word: 'added 0 glossary entries'."""
    db = str(sample_db)
    assert run_cli("glossary", "add", "كمامة", "face mask", "--forbidden", "muzzle",
                   "--db", db).exit_code == 0
    more = tmp_path / "more.tsv"
    more.write_text("كِمامة\tFace mask\tsurgical or cloth\tgag\nلقاح\tvaccine\n",
                    encoding="utf-8")
    result = run_cli("glossary", "import", str(more), "--merge", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert f"added 1 glossary entry from {more}, 1 given forbidden renderings or a comment" in (
        result.stdout)
    rows = [line.split("\t") for line in run_cli("glossary", "export", "--db", db).stdout
            .splitlines() if line.startswith(("كمامة", "كِمامة"))]
    assert rows == [["كمامة", "face mask", "surgical or cloth", "muzzle; gag"]]
    data = json.loads(run_cli("check", "--db", db, "--format", "json").stdout)
    assert data["summary"]["segments"] > 0  # the project checks with it


def test_glossary_merge_conflict_names_the_project_glossary(
    sample_db: Path, tmp_path: Path
) -> None:
    db = str(sample_db)
    assert run_cli("glossary", "add", "جائحة", "pandemic", "--forbidden", "epidemic",
                   "--db", db).exit_code == 0
    new = tmp_path / "new.tsv"
    new.write_text("وباء\tepidemic\nجَائِحَة\tepidemic\n", encoding="utf-8")
    result = run_cli("glossary", "import", str(new), "--merge", "--db", db)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"workbench: error: {new}: line 2: جَائِحَة: 'epidemic' is accepted here but forbidden "
        "in the project glossary (as جائحة)"
    )
    forbids = tmp_path / "forbids.tsv"
    forbids.write_text("جائحة\tplague\t\tpandemic\n", encoding="utf-8")
    result = run_cli("glossary", "import", str(forbids), "--merge", "--db", db)
    assert result.stderr.strip() == (
        f"workbench: error: {forbids}: line 1: جائحة: 'pandemic' is forbidden here but "
        "accepted in the project glossary"
    )


def test_glossary_import_refuses_a_swapped_tsv(sample_db: Path, tmp_path: Path) -> None:
    before = run_cli("glossary", "export", "--db", str(sample_db)).stdout
    swapped = tmp_path / "swapped.tsv"
    swapped.write_text("pandemic\tجائحة\nUnited States\tالولايات المتحدة\n", encoding="utf-8")
    result = run_cli("glossary", "import", str(swapped), "--db", str(sample_db))
    assert result.exit_code == 2 and "the columns look swapped" in result.stderr
    assert run_cli("glossary", "export", "--db", str(sample_db)).stdout == before


def test_glossary_import_reports_every_bad_row_and_imports_nothing(
    sample_db: Path, tmp_path: Path
) -> None:
    before = run_cli("glossary", "list", "--db", str(sample_db), "--format", "json").stdout
    bad = tmp_path / "bad.tsv"
    bad.write_text("ثورة\tuprising\nانقلاب coup\n\tcoup\nجماهير\t\n", encoding="utf-8")
    result = run_cli("glossary", "import", str(bad), "--db", str(sample_db))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"workbench: error: {bad}: 3 bad rows; nothing was read from the file:",
        f"  {bad}: line 2: no tab: expected 'term<TAB>rendering'",
        f"  {bad}: line 3: empty Arabic term",
        f"  {bad}: line 4: empty English rendering for 'جماهير'",
    ]
    merged = run_cli("glossary", "import", str(bad), "--merge", "--db", str(sample_db))
    assert merged.exit_code == 2
    after = run_cli("glossary", "list", "--db", str(sample_db), "--format", "json").stdout
    assert after == before


def test_a_report_written_to_a_file_counts_one_violation_in_the_singular(
    files: dict[str, str], tmp_path: Path
) -> None:
    """`check --output` said "wrote … report: 1 violations" on stderr."""
    Path(files["ar"]).write_text(PAIRS[2][0] + "\n", encoding="utf-8")  # the term missing
    Path(files["en"]).write_text(PAIRS[2][1] + "\n", encoding="utf-8")
    result = file_check(files, "--format", "json", "--output", str(tmp_path / "r.json"))
    assert result.exit_code == 1
    assert result.stderr.rstrip().endswith(": 1 violation, 0 accepted"), result.stderr


def test_an_english_file_given_as_the_source_is_refused(files: dict[str, str]) -> None:
    """--source en.txt found no term and passed every check: 0 violations, exit 0."""
    result = file_check({**files, "ar": files["en"]})
    assert result.exit_code == 2
    assert f"{files['en']}: not Arabic: 0% of its letters are Arabic" in result.stderr


def test_glossary_list_title_counts_one_entry_in_the_singular(sample_db: Path,
                                                             tmp_path: Path) -> None:
    """A glossary of one entry is listed as "Glossary (1 entry)" (it said "1 entries")."""
    glossary = tmp_path / "one.tsv"
    glossary.write_text("عقد\tcontract\n", encoding="utf-8")
    assert run_cli("glossary", "import", str(glossary), "--db", str(sample_db)).exit_code == 0
    listed = run_cli("glossary", "list", "--db", str(sample_db))
    assert "Glossary (1 entry)" in listed.stdout


def test_glossary_convert_never_writes_over_its_input(tmp_path: Path) -> None:
    """`glossary convert g.csv --output g.csv` replaced the file by its TSV conversion: its
    other columns (ids, parts of speech) and comment lines were lost, and a .csv held TSV."""
    original = ("stringID,sourceLang,targetLang,pos,sourceString,targetString\n"
                "x1,ar,en,noun,جائحة,pandemic\n")
    path = tmp_path / "g.csv"
    path.write_text(original, encoding="utf-8")
    for output in (str(path), str(tmp_path / "." / "g.csv")):
        result = run_cli("glossary", "convert", str(path), "--output", output)
        assert result.exit_code == 2
        assert result.stderr.strip() == (
            f"workbench: error: {output}: is the input file; the converted glossary would "
            "overwrite it (choose another --output)")
    assert path.read_text(encoding="utf-8") == original
    other = tmp_path / "g.tsv"
    assert run_cli("glossary", "convert", str(path), "--output", str(other)).exit_code == 0
    assert other.read_text(encoding="utf-8").splitlines()[1] == "جائحة\tpandemic\t\t"


def test_the_table_names_the_segment_accept_takes(sample_db: Path, tmp_path: Path) -> None:
    """A second document's segments have ids past the first's: the table showed only their
    positions (line 1), and `accept 1` then named segment 1 of the first document."""
    db = str(sample_db)
    (tmp_path / "b.txt").write_text("اندلعت الانتفاضة في المدينة.\n", encoding="utf-8")
    (tmp_path / "b.en.txt").write_text("The uprising broke out in the city.\n", encoding="utf-8")
    assert run_cli("import", str(tmp_path / "b.txt"), "--db", db, "--doc", "b").exit_code == 0
    assert run_cli("import-translation", str(tmp_path / "b.en.txt"), "--db", db, "--doc", "b",
                   "--as", "working").exit_code == 0
    data = json.loads(run_cli("check", "--db", db, "--doc", "b", "--format", "json").stdout)
    segment = data["violations"][0]["segment"]
    assert data["violations"][0]["line"] == 1 and segment > 1
    shown = run_cli("check", "--db", db, "--doc", "b", "--skip", "spelling").stdout
    assert "segment" in shown.splitlines()[2]  # the header row
    assert f"│ 1    │ {segment} " in shown
    same = run_cli("check", "--db", db, "--skip", "spelling").stdout  # ids are positions
    assert "segment" not in same.splitlines()[2]


def test_glossary_export_writes_the_format_its_output_ending_names(
    sample_db: Path, tmp_path: Path
) -> None:
    """`glossary export --output g.tbx` wrote TSV into the .tbx, which `glossary import`
    (choosing its reader by the ending) then refused as XML that is not well-formed; a
    `.csv` got TSV too. The ending chooses the format now, and one naming a format the
    file would not be is refused, nothing written."""
    tbx = tmp_path / "g.tbx"
    result = run_cli("glossary", "export", "--db", str(sample_db), "--output", str(tbx))
    assert result.exit_code == 0, result.stderr
    assert tbx.read_text(encoding="utf-8").startswith("<?xml")
    assert run_cli("glossary", "import", str(tbx), "--db", str(sample_db)).exit_code == 0
    for name, args in (("g.csv", ()), ("h.tbx", ("--format", "tsv"))):
        result = run_cli("glossary", "export", "--db", str(sample_db), "--output",
                         str(tmp_path / name), *args)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"workbench: error: {tmp_path / name}: the ending says ")
        assert not (tmp_path / name).exists()
    converted = tmp_path / "c.tbx"
    assert run_cli("glossary", "convert", str(tbx), "--output", str(converted)).exit_code == 0
    assert converted.read_text(encoding="utf-8").startswith("<?xml")


def test_a_glossary_from_a_pipe_is_read_whole(sample_db: Path) -> None:
    """``glossary import <(iconv ...)`` (the shell names the pipe /dev/fd/63): the look for
    XML read ahead a buffer's worth (8 KB) of the pipe, which the reader then never saw: the
    first entries were lost and the next cut in the middle of a word, replacing the project
    glossary, exit 0 (a small file: "file is empty")."""
    import os

    rows = "".join(f"مصطلح{i}\tterm{i}\n" for i in range(1000)).encode()  # 22 KB
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, rows)  # the pipe holds 64 KB
        os.close(write_end)
        result = run_cli("glossary", "import", f"/dev/fd/{read_end}", "--db", str(sample_db))
    finally:
        os.close(read_end)
    assert result.exit_code == 0, result.stderr
    entries = json.loads(run_cli("glossary", "list", "--db", str(sample_db), "--format",
                                 "json").stdout)
    assert len(entries) == 1000 and entries[0]["term"] == "مصطلح0"


def test_the_html_reports_arabic_keeps_its_inline_tags_unmirrored(tmp_path: Path) -> None:
    """A segment's Arabic is a right-to-left cell, where a browser drew ``</1>`` as ``<1/>``:
    each tag is a left-to-right ``<bdi>`` there (the English, left to right, is as it was)."""
    db = str(tmp_path / "t.db")
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>جملة <i>مائلة</i> هنا.</p></body></html>", encoding="utf-8")
    assert run_cli("import", str(page), "--db", db).exit_code == 0
    assert run_cli("confirm", "1", "--db", db, "--text", "A <1>slanted sentence.",
                   "--override-reason", "test").exit_code == 0
    html = run_cli("check", "--db", db, "--skip", "spelling", "--format", "html").stdout
    assert ('جملة <bdi dir="ltr">&lt;1&gt;</bdi>مائلة<bdi dir="ltr">&lt;/1&gt;</bdi> هنا.'
            in html)
    assert '<td class="text" lang="en">A &lt;1&gt;slanted sentence.</td>' in html
