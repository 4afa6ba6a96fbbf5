"""`workbench export`: defaults, every format, refusals; `import-xliff` / `import-tmx` errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tests.conftest import run_cli
from workbench.formats import EXPORT_FORMATS
from workbench.formats.xliff import read_xliff
from workbench.project import Project

DEFAULT_NAMES = {
    "tmx": "sample.tmx", "xliff": "sample.xlf", "xliff2": "sample.xliff2.xlf",
    "docx": "sample.docx", "html": "sample.html", "csv": "sample.csv", "tsv": "sample.tsv",
    "md": "sample.md", "txt": "sample.en.txt",
    # imported from text: the English text, all its paragraphs (not txt's file: each its own)
    "original": "sample.original.en.txt",
}


def test_every_format_exports_the_sample_under_translations(in_tmp: Path) -> None:
    assert set(EXPORT_FORMATS) == set(DEFAULT_NAMES)
    for fmt, name in DEFAULT_NAMES.items():
        result = run_cli("export", "--format", fmt)
        assert result.exit_code == 0, result.stderr
        path = in_tmp / "translations" / name
        assert path.is_file() and path.stat().st_size > 0
        assert f"to translations/{name}" in result.stdout
        what = "segments with English" if fmt == "original" else "segment pairs"
        assert f"21 {what} of sample (working)" in result.stdout


def test_never_overwrites_without_force(in_tmp: Path) -> None:
    out = in_tmp / "mine.tmx"
    out.write_text("precious", encoding="utf-8")
    result = run_cli("export", "--format", "tmx", "--output", str(out))
    assert result.exit_code == 2
    assert "exists already (use --force to overwrite)" in result.stderr
    assert out.read_text(encoding="utf-8") == "precious"
    result = run_cli("export", "--format", "tmx", "--output", str(out), "--force")
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    assert not [p for p in in_tmp.iterdir() if p.name.endswith(".part")]


def test_an_export_is_created_as_the_umask_says_and_keeps_the_permissions_it_replaces(
    tmp_path: Path, sample_db: Path
) -> None:
    """A private umask (077) gave a world-readable file (0644 always), and --force made a
    0600 file 0644."""
    out = tmp_path / "news.csv"
    old = os.umask(0o077)
    try:
        result = run_cli("--db", str(sample_db), "export", "--format", "csv", "--output", str(out))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    out.chmod(0o640)
    out.write_text("old", encoding="utf-8")
    result = run_cli("--db", str(sample_db), "export", "--format", "csv", "--output", str(out),
                     "--force")
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_text(encoding="utf-8-sig").startswith("id,paragraph")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_force_through_a_symbolic_link_replaces_the_file_it_points_to(
    tmp_path: Path, sample_db: Path
) -> None:
    """latest.tmx -> team/project.tmx: the link was replaced by a file of its own, and the
    file it pointed to kept its old content without a word."""
    shared = tmp_path / "team" / "project.tmx"
    shared.parent.mkdir()
    shared.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.tmx"
    link.symlink_to(shared)
    result = run_cli("--db", str(sample_db), "export", "--format", "tmx", "--output", str(link),
                     "--force")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and shared.read_text(encoding="utf-8").startswith("<?xml")
    assert [p.name for p in shared.parent.iterdir()] == ["project.tmx"]


def test_long_file_names_are_exported_or_refused_in_one_line(in_tmp: Path) -> None:
    """A document named after a long Arabic file name (two bytes a letter): its default file
    name, or the temporary name written first, went over the file system's 255 bytes (a
    traceback, OSError: File name too long, or 'cannot write'); a name too long given on the
    command line was a traceback too; a long one the file system takes was refused for the
    temporary name."""
    name = ("تقرير اللجنة " * 12)[:124]
    (in_tmp / f"{name}.txt").write_text("هذه جملة أولى. وهذه جملة ثانية.\n", encoding="utf-8")
    db = ["--db", str(in_tmp / "p.db")]
    assert run_cli("import", *db, f"{name}.txt").exit_code == 0
    result = run_cli("export", *db, "--format", "xliff2")
    assert result.exit_code == 0, result.stderr
    (written,) = (in_tmp / "translations").iterdir()
    assert written.name.endswith(".xliff2.xlf") and len(written.name.encode()) <= 255
    assert written.name.startswith(name[:50].replace(" ", "-"))
    result = run_cli("export", *db, "--format", "csv", "--output", "a" * 300 + ".csv")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(".csv: file name too long")
    result = run_cli("import-csv", *db, "a" * 300 + ".csv")
    assert (result.exit_code, result.stderr.count("\n")) == (2, 1)
    long_name = "b" * 250 + ".csv"
    result = run_cli("export", *db, "--format", "csv", "--output", long_name)
    assert result.exit_code == 0, result.stderr
    assert (in_tmp / long_name).is_file()


def test_status_version_and_doc_options(in_tmp: Path, sample_db: Path) -> None:
    db = ["--db", str(sample_db)]
    with Project.open(sample_db) as project:
        project.confirm(3, "The revolution lasted nine months.", override_reason="test")
        project.set_status(4, "approved")
    result = run_cli(
        "export", "--format", "xliff", "--output", "done.xlf", "--status", "translated",
        "--status", "approved", *db,
    )
    assert result.exit_code == 0, result.stderr
    assert [(u.key, u.status) for u in read_xliff("done.xlf").units] == [
        ("3", "translated"), ("4", "approved"),
    ]
    result = run_cli(
        "export", "--format", "csv", "--output", "some.csv", "--status", "draft,approved", *db
    )
    assert result.exit_code == 0 and "20 segment pairs" in result.stdout
    result = run_cli(
        "export", "--format", "xliff", "--output", "ref.xlf", "--version", "reference:main",
        "--doc", "sample", *db,
    )
    assert result.exit_code == 0, result.stderr
    units = read_xliff("ref.xlf").units
    assert len(units) == 21
    # the reference's English is nobody's confirmed work here: drafts, whatever the working
    # statuses (segment 4's approved went out as signed-off, segment 3's as translated)
    assert {u.status for u in units} == {"draft"}
    result = run_cli("export", "--format", "csv", "--output", "ref.csv", "--version",
                     "reference:main", "--status", "approved", *db)
    assert result.exit_code == 0 and "0 segment pairs" in result.stdout
    assert not Path("translations").exists()  # --output given: nothing under translations/


def test_bad_options_are_one_line_errors(in_tmp: Path, sample_db: Path) -> None:
    db = ["--db", str(sample_db)]
    cases = [
        (["--status", "finished"], "unknown status 'finished'"),
        (["--version", "draft:nope"], "no version 'draft:nope'"),
        (["--doc", "nope"], "no document 'nope'"),
        (["--output", "missing/dir/x.tmx"], "folder missing/dir does not exist"),
        (["--output", "afile/x.tmx"], "afile/x.tmx: cannot write"),
    ]
    Path("afile").write_text("not a folder", encoding="utf-8")
    for args, message in cases:
        result = run_cli("export", "--format", "tmx", *args, *db)
        assert result.exit_code == 2, args
        assert message in result.stderr and result.stderr.count("\n") == 1
    assert not Path("translations").exists()


def test_an_original_export_named_as_another_format_is_refused(in_tmp: Path,
                                                              sample_db: Path) -> None:
    """The sample is a text document: its translated text written to ``x.html`` or ``x.md``
    would open as a page or as Markdown, wrongly; a text ending or an unknown one is taken."""
    db = ["--db", str(sample_db)]
    for name in ("out.html", "out.md", "out.DOCX"):
        result = run_cli("export", "--format", "original", "--output", name, *db)
        assert result.exit_code == 2, name
        assert "is plain text, one paragraph per line, not" in result.stderr
        assert "give the file the ending .txt" in result.stderr
        assert not Path(name).exists()
    for name in ("out.txt", "out.en"):
        assert run_cli("export", "--format", "original", "--output", name, *db).exit_code == 0
    # a page's: each format named as a sentence names it, with its article
    Path("page.html").write_text("<html><body><p>مرحبا بكم في البيت.</p></body></html>",
                                 encoding="utf-8")
    assert run_cli("import", "page.html", *db).exit_code == 0
    said = {name: run_cli("export", "--doc", "page", "--format", "original", "--output", name,
                          *db).stderr for name in ("x.md", "x.docx", "x.epub")}
    assert "document 'page' is an HTML or XHTML page, not Markdown: give" in said["x.md"]
    assert "is an HTML or XHTML page, not a Word document (DOCX): give" in said["x.docx"]
    assert "is an HTML or XHTML page, not an EPUB book: give" in said["x.epub"]


def test_import_commands_refuse_missing_and_wrong_files(in_tmp: Path, sample_db: Path) -> None:
    db = ["--db", str(sample_db)]
    result = run_cli("import-xliff", "absent.xlf", *db)
    assert result.exit_code == 2 and "absent.xlf: no such file" in result.stderr
    Path("t.tmx").write_text('<?xml version="1.0"?><tmx version="1.4"><body/></tmx>')
    result = run_cli("import-xliff", "t.tmx", *db)
    assert result.exit_code == 2 and "not an XLIFF file" in result.stderr
    result = run_cli("import-tmx", "t.tmx", *db)
    assert result.exit_code == 2 and "no Arabic-English translation units" in result.stderr
    run_cli("export", "--format", "tmx", "--output", "ok.tmx", *db)
    result = run_cli("import-tmx", "ok.tmx", "--format", "json", *db)
    assert result.exit_code == 0 and '"left_alone": 21' in result.stdout


def test_a_bilingual_export_named_as_another_format_is_refused(in_tmp: Path,
                                                              sample_db: Path) -> None:
    """``--format docx --output review.tmx`` wrote a Word file named as a TMX (a CSV named
    .docx, a page named .md): it opened as nothing its name said. Another format's ending is
    refused; the format's own endings, a text ending or an unknown one are taken."""
    db = ["--db", str(sample_db)]
    refused = [("docx", "out.tmx", "TMX"), ("csv", "out.DOCX", "DOCX"), ("csv", "out.tsv", "TSV"),
               ("html", "out.md", "Markdown"), ("tmx", "out.xlf", "XLIFF"),
               ("txt", "out.odt", "OpenDocument text")]
    for fmt, name, said in refused:
        result = run_cli("export", "--format", fmt, "--output", name, *db)
        assert result.exit_code == 2, (fmt, name)
        assert f"{name}: the ending says {said}" in result.stderr
        assert f"the format {fmt} writes" in result.stderr and result.stderr.count("\n") == 1
        assert not Path(name).exists()
    with Project.open(sample_db) as project:
        for fmt, name in [("xliff", "a.xliff2.xlf"), ("xliff2", "b.xlf"), ("tsv", "c.txt"),
                          ("md", "e.markdown"), ("csv", "f.dat")]:
            assert project.export_file(fmt, name).path.is_file(), name


def test_findings_asked_of_a_format_without_them_is_refused(in_tmp: Path,
                                                           sample_db: Path) -> None:
    """``--format csv --findings all`` wrote a CSV without a finding and said nothing, where
    ``--tm-matches`` and ``--fallback`` given to a format without them are refused."""
    db = ["--db", str(sample_db)]
    for fmt in ("csv", "tsv", "md", "txt", "original"):
        result = run_cli("export", "--format", fmt, "--findings", "all", "--output", "x", *db)
        assert result.exit_code == 2, fmt
        assert result.stderr == (f"workbench: error: QA findings go into tmx, xliff, xliff2, "
                                 f"docx, html, not {fmt}\n")
        assert not Path("x").exists()
    result = run_cli("export", "--format", "csv", "--findings", "none", "--output", "x", *db)
    assert result.exit_code == 0, result.stderr
