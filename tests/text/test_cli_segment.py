"""``workbench segment FILE --lang ar|en``."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli


def test_segment_prints_a_sentence_a_line_and_a_blank_line_between_paragraphs(
    tmp_path: Path,
) -> None:
    text = (
        "قال د. أحمد إن النمو بلغ 3.5 في المئة. وأضاف أن الساعة 10.30 صباحا.\n"
        "هل هذا صحيح؟ نعم!\n"
    )
    path = tmp_path / "ar.txt"
    path.write_text(text, encoding="utf-8")
    result = run_cli("segment", str(path), "--lang", "ar")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "قال د. أحمد إن النمو بلغ 3.5 في المئة.",
        "وأضاف أن الساعة 10.30 صباحا.",
        "",
        "هل هذا صحيح؟",
        "نعم!",
    ]
    assert "".join(result.stdout.split()) == "".join(text.split())


def test_segment_reads_windows_1256_and_english(tmp_path: Path) -> None:
    path = tmp_path / "ar.txt"
    path.write_bytes("جملة أولى. جملة ثانية.".encode("cp1256"))
    assert run_cli("segment", str(path), "--lang", "ar").stdout.splitlines() == [
        "جملة أولى.", "جملة ثانية."
    ]
    en = tmp_path / "en.txt"
    en.write_text("Dr. Smith left at 7 a.m. on Friday. He came back.", encoding="utf-8")
    assert run_cli("segment", str(en), "--lang", "en").stdout.splitlines() == [
        "Dr. Smith left at 7 a.m. on Friday.", "He came back."
    ]


def test_segment_takes_extra_abbreviations(tmp_path: Path) -> None:
    path = tmp_path / "ar.txt"
    path.write_text("وصل اللواء م.ع. خالد إلى المقر.", encoding="utf-8")
    assert len(run_cli("segment", str(path), "--lang", "ar").stdout.split("\n")) >= 1
    extra = tmp_path / "abbr.tsv"
    extra.write_text("العقيد\tar\ttitle\n", encoding="utf-8")
    text = tmp_path / "b.txt"
    text.write_text("وصل العقيد. خالد إلى المقر.", encoding="utf-8")
    assert run_cli("segment", str(text), "--lang", "ar").stdout.splitlines() == [
        "وصل العقيد.", "خالد إلى المقر."
    ]
    result = run_cli("segment", str(text), "--lang", "ar", "--abbreviations", str(extra))
    assert result.stdout.splitlines() == ["وصل العقيد. خالد إلى المقر."]


def test_bad_files_get_one_line_naming_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "data.bin"
    binary.write_bytes(b"\x00\x01\x02abc")
    pdf = tmp_path / "translation.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    rtf = tmp_path / "translation.rtf"  # text, but not the text to read
    rtf.write_bytes(b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Hello}")
    for path in (empty, binary, tmp_path / "missing.txt", pdf, rtf):
        result = run_cli("segment", str(path), "--lang", "ar")
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1
        assert str(path) in result.stderr and result.stderr.startswith("workbench: error:")
    assert "an RTF document" in run_cli("segment", str(rtf), "--lang", "ar").stderr
    bad = tmp_path / "abbr.tsv"
    bad.write_text("x\ty\n", encoding="utf-8")
    ok = tmp_path / "ok.txt"
    ok.write_text("نص.", encoding="utf-8")
    result = run_cli("segment", str(ok), "--lang", "ar", "--abbreviations", str(bad))
    assert result.exit_code == 2 and "abbr.tsv: line 1" in result.stderr


def test_segment_previews_the_text_import_reads(tmp_path: Path) -> None:
    joined = tmp_path / "joined.txt"  # two files with BOMs joined by cat, a page break
    joined.write_bytes("\ufeffالفصل الأول. بدأ كل شيء.\n\ufeffالفصل الثاني.\x0cانتهى كل شيء.\n"
                       .encode("utf-8"))
    lines = run_cli("segment", str(joined), "--lang", "ar").stdout.splitlines()
    assert lines == ["الفصل الأول.", "بدأ كل شيء.", "", "الفصل الثاني.", "انتهى كل شيء."]
    en = tmp_path / "en.txt"
    en.write_bytes("\ufeffChapter one.\n\ufeffChapter two.\n".encode("utf-8"))
    assert run_cli("segment", str(en), "--lang", "en").stdout.splitlines() == [
        "Chapter one.", "", "Chapter two."]
    escape = tmp_path / "esc.txt"  # import refuses it: so does its preview
    escape.write_text("سطر أول.\nنص \x1b[31m أحمر.\n", encoding="utf-8")
    result = run_cli("segment", str(escape), "--lang", "ar")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"workbench: error: {escape}: line 2: binary content (control " \
                            "character U+001B)\n"


def test_segment_reads_a_document_as_import_and_import_translation_do(tmp_path: Path) -> None:
    """A Markdown or HTML document is read by its filter, not as text: the Arabic with the
    inline tags `import` stores, the English without its formatting."""
    ar = tmp_path / "ar.md"
    ar.write_text("قال **د. أحمد** إن النمو بلغ 3.5%. ثم *غادر*.\n\nهل هذا صحيح؟ نعم!\n",
                  encoding="utf-8")
    result = run_cli("segment", str(ar), "--lang", "ar")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "قال <1>د. أحمد</1> إن النمو بلغ 3.5%.", "ثم <2>غادر</2>.", "", "هل هذا صحيح؟", "نعم!",
    ]
    en = tmp_path / "en.html"
    en.write_text("<html><head><title>T</title></head><body><p>Dr. <b>Smith</b> left. "
                  "He came back.</p></body></html>", encoding="utf-8")
    result = run_cli("segment", str(en), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["Dr. Smith left.", "He came back."]
