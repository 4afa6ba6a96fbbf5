"""Importing documents and translations, and refusing bad input without changing anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import InputError, NotFoundError, WorkbenchError
from workbench.project import Project

ARABIC = "هذا نص أول. وهذه جملة ثانية؟\nفقرة ثانية هنا!\n"
ENGLISH = "This is a first text. And this is a second sentence?\nA second paragraph here!\n"


def _counts(project: Project) -> tuple[int, int, int]:
    db = project.db
    return tuple(  # type: ignore[return-value]
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("documents", "segments", "revisions")
    )


def test_import_document_segments_and_stores(project: Project, tmp_path: Path) -> None:
    src = tmp_path / "doc.txt"
    src.write_text(ARABIC, encoding="utf-8")
    report = project.import_document(src)
    assert report.segments == 3
    segs = project.segments("doc")
    assert [s.position for s in segs] == [1, 2, 3]
    assert [s.paragraph for s in segs] == [1, 1, 2]
    assert segs[1].source == "وهذه جملة ثانية؟"
    assert all(s.status == "new" and s.target == "" for s in segs)


def test_import_translation_as_working_and_reference(project: Project, tmp_path: Path) -> None:
    _imported(project, tmp_path)
    en = tmp_path / "doc.en.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    project.import_translation(en, "doc", "reference", "pro")
    project.import_translation(en, "doc", "working")
    segs = project.segments("doc")
    assert [s.target for s in segs] == [
        "This is a first text.", "And this is a second sentence?", "A second paragraph here!"
    ]
    assert project.version_text(segs[2].id, "reference:pro") == "A second paragraph here!"
    assert all(s.status == "draft" for s in segs)
    assert project.history(segs[0].id)[-1].action == "import"
    assert project.stats("doc")["with_english"] == 3


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
     ("cp1256", b"")],
)
def test_import_detects_encodings(
    project: Project, tmp_path: Path, encoding: str, bom: bytes
) -> None:
    src = tmp_path / "enc.txt"
    src.write_bytes(bom + ARABIC.encode(encoding))
    project.import_document(src)
    assert project.segments("enc")[0].source == "هذا نص أول."


def test_iso_8859_6_is_told_from_windows_1256() -> None:
    """Both code pages read Arabic bytes as Arabic letters: the reading with the likelier
    letters is the right one (ISO-8859-6 read as Windows-1256 gave هرحبا بانظانه for
    مرحبا بالعالم, and Windows-1256 read as ISO-8859-6 جكفة أنفٌ for جملة أولى)."""
    from workbench.textio import decode_bytes

    for text in ("مرحبا بالعالم\tHello world\nالسلام عليكم في الصباح\tGood morning\n",
                 "جملة أولى. جملة ثانية.\n", "وَقَالَ الرَّجُلُ: نَعَمْ.\n"):
        for encoding in ("cp1256", "iso8859_6"):
            assert decode_bytes(text.encode(encoding), "f.tsv") == (text, encoding)
    for latin in ("déjà vu, à la carte\n", "Le garçon était très fâché à cause de ça.\n"):
        with pytest.raises(InputError, match="not UTF-8"):  # accents read as Arabic letters
            decode_bytes(latin.encode("latin-1"), "f.txt")


def test_windows_1252_english_is_not_read_as_windows_1256() -> None:
    """Latin-1 accents are Arabic letters in Windows-1256: an English text saved as
    Windows-1252 was read as Arabic inside its words (Málaga as Mلlaga, São as Sمo), silently;
    it is refused. Arabic with Latin words beside it still reads."""
    from workbench.textio import decode_bytes

    for english in ("The mayor of Málaga met officials in Bogotá and Asunción.\n",
                    "São Paulo and Brasília\n", "Ángel Álvarez\n", "Ó Súilleabháin\n"):
        with pytest.raises(InputError, match="not UTF-8"):
            decode_bytes(english.encode("cp1252"), "f.txt")
    mixed = "قالت منظمة الصحة العالمية (WHO) إن COVID-19 جائحة.\n"
    assert decode_bytes(mixed.encode("cp1256"), "f.txt") == (mixed, "cp1256")


def test_iso_8859_6_glossary_whose_english_outweighs_its_arabic() -> None:
    """An ISO-8859-6 glossary with more English letters than Arabic was read as Windows-1256
    (متلازمة الشرق الأوسط as هتنازهة انشرâ انأèس×), silently: its Arabic words hold Latin
    accents there, and its ISO-8859-6 reading has whole Arabic words."""
    from workbench.textio import decode_bytes

    text = ("source\ttarget\tcomment\tforbidden\n"
            "متلازمة الشرق الأوسط التنفسية\tMiddle East respiratory syndrome\t\t\n"
            "فحوص مختبرية\tlaboratory tests\t\t\n")
    assert decode_bytes(text.encode("iso8859_6"), "g.tsv") == (text, "iso8859_6")
    assert decode_bytes(text.encode("cp1256"), "g.tsv") == (text, "cp1256")
    with pytest.raises(InputError, match="not UTF-8"):  # a Latin-1 accent is no Arabic word
        decode_bytes("Ele é médico e ela é professora.\n".encode("latin-1"), "f.txt")


BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
        b'"&lol;&lol;&lol;">]><tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&lol2;'
        b"</seg></tuv></tu></body></tmx>")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("caf\u00e9 cr\u00e8me br\u00fbl\u00e9e\n".encode("latin-1"), "not UTF-8"),
        (b"\xff\xfe" + b"\x00\xd8", "UTF-16"),
        ("هذا نص أول.\n".encode("utf-16-le"), "looks like UTF-16LE text without a byte order"),
        ("هذا نص أول.\n".encode("utf-16-be"), "looks like UTF-16BE text without a byte order"),
        (BOMB, "an XML or HTML document, not text"),
        ("<!doctype html>\n<p>هذا نص أول.</p>\n".encode(), "an XML or HTML document"),
        # LibreOffice's flat ODT: renamed .html or .xlf as the message said, it is no page
        (b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:oasis:'
         b'names:tc:opendocument:xmlns:office:1.0" office:version="1.3" office:mimetype='
         b'"application/vnd.oasis.opendocument.text"/>', r"flat OpenDocument.*save it as ODT"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(
    project: Project, tmp_path: Path, content: bytes, message: str
) -> None:
    src = tmp_path / "bad.txt"
    src.write_bytes(content)
    before = _counts(project)
    with pytest.raises(InputError, match=message) as info:
        project.import_document(src)
    assert str(src) in str(info.value)
    assert _counts(project) == before


def test_markup_given_as_an_english_translation_is_refused(
    project: Project, tmp_path: Path
) -> None:
    """Its tags would have become the English (an entity bomb was stored as a reference)."""
    _imported(project, tmp_path)
    before = _counts(project)
    bomb = tmp_path / "doc.en.xml"
    bomb.write_bytes(BOMB)
    with pytest.raises(InputError, match="an XML or HTML document") as info:
        project.import_translation(bomb, "doc", "reference", "pro")
    assert str(bomb) in str(info.value)
    assert _counts(project) == before


def test_bad_utf8_names_the_line(project: Project, tmp_path: Path) -> None:
    src = tmp_path / "bad.txt"
    src.write_bytes("سطر أول\nسطر ثان\n".encode() + b"\xff\xfe bad \xc3\n")
    with pytest.raises(InputError, match="line 3"):
        project.import_document(src)


def test_missing_file_is_refused(project: Project, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        project.import_document(tmp_path / "absent.txt")


def test_translation_for_unknown_document_is_refused(project: Project, tmp_path: Path) -> None:
    en = tmp_path / "en.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    before = _counts(project)
    with pytest.raises(NotFoundError, match="no document 'nope'"):
        project.import_translation(en, "nope", "reference")
    assert _counts(project) == before


def test_a_blank_translation_file_is_refused_and_keeps_the_version(
    project: Project, tmp_path: Path
) -> None:
    _imported(project, tmp_path)
    en = tmp_path / "en.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    project.import_translation(en, "doc", "reference")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n\u200f\n", encoding="utf-8")  # spaces and invisible marks only
    for kind in ("reference", "working"):
        with pytest.raises(InputError, match=r"blank\.txt: no text to import"):
            project.import_translation(blank, "doc", kind)
    first = project.segments("doc")[0].id
    assert project.version_text(first, "reference:main") == "This is a first text."


def test_duplicate_document_name_is_refused(project: Project, tmp_path: Path) -> None:
    src = tmp_path / "sample.txt"
    src.write_text(ARABIC, encoding="utf-8")
    with pytest.raises(WorkbenchError, match="exists already") as caught:
        project.import_document(src)
    # a new version of the document: the message says what to do with it
    assert "--doc NAME" in str(caught.value) and "pretranslate" in str(caught.value)
    markdown = tmp_path / "sample.md"
    markdown.write_text(ARABIC, encoding="utf-8")
    with pytest.raises(WorkbenchError, match="pretranslate"):
        project.sources.import_file(markdown)


@pytest.mark.parametrize("ending", ["txt", "md"])
def test_a_blank_or_padded_document_name(project: Project, tmp_path: Path, ending: str) -> None:
    """``--doc ""`` silently took the file's name, ``--doc " "`` made a document named by a
    space, and ``--doc "doc "`` one that ``--doc doc`` never found."""
    src = tmp_path / f"doc.{ending}"
    src.write_text(ARABIC, encoding="utf-8")
    before = _counts(project)
    for blank in ("", "  ", "two\nlines"):
        with pytest.raises(WorkbenchError, match="document name"):
            project.sources.import_file(src, blank)  # a text file, or a client document
    assert _counts(project) == before
    project.sources.import_file(src, " doc ")
    assert project.segments("doc")[0].source == "هذا نص أول."


def test_reimporting_a_reference_replaces_its_alignment(project: Project, tmp_path: Path) -> None:
    _imported(project, tmp_path)
    en = tmp_path / "en.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    project.import_translation(en, "doc", "reference")
    en.write_text(ENGLISH.replace("first", "1st"), encoding="utf-8")
    project.import_translation(en, "doc", "reference")
    first = project.segments("doc")[0]
    assert project.version_text(first.id, "reference:main") == "This is a 1st text."
    links = project.db.execute(
        "SELECT count(*) FROM links l JOIN versions v ON v.id = l.version_id "
        "JOIN documents d ON d.id = v.document_id WHERE d.name = 'doc'"
    ).fetchone()[0]
    assert links == 3


def test_reimporting_a_reference_says_it_replaces_links_set_by_hand(
    project: Project, tmp_path: Path
) -> None:
    """A reference whose links were fixed with Alt+N / Alt+P, imported again, loses those
    fixes (no undo): the report says so first, dry run or not (it said only 'replaced the
    previous reference:main'). The aligner's sure links (1.0 on this small text) are not
    taken for fixes."""
    _imported(project, tmp_path)
    en = tmp_path / "en.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    project.import_translation(en, "doc", "reference")
    again = project.import_translation(en, "doc", "reference")
    assert again.replaced and not any("by hand" in w for w in again.warnings)
    project.move_reference_sentence(project.segments("doc")[0].id, "reference:main", "next")

    dry = project.import_translation(en, "doc", "reference", dry_run=True)
    again = project.import_translation(en, "doc", "reference")

    said = "the previous reference:main held 2 links set by hand (Alt+N / Alt+P): this import"
    assert dry.warnings[0].startswith(f"{said} would replace them")
    assert again.warnings[0].startswith(f"{said} replaced them")
    third = project.import_translation(en, "doc", "reference")
    assert not any("by hand" in w for w in third.warnings)


def test_a_file_in_the_other_language_is_refused(project: Project, tmp_path: Path) -> None:
    """English given as the Arabic document, or Arabic as its English: one line naming the
    file, nothing changed."""
    english = tmp_path / "english.txt"
    english.write_text("The revolution lasted nine months and changed the country.\n",
                       encoding="utf-8")
    arabic = tmp_path / "arabic.txt"
    arabic.write_text("استمرت الثورة تسعة أشهر وغيرت البلاد تغييرا كبيرا.\n", encoding="utf-8")
    before = _counts(project)
    with pytest.raises(InputError, match="not Arabic: 0% of its letters") as info:
        project.import_document(english)
    assert str(english) in str(info.value)
    doc = project.documents()[0].name
    with pytest.raises(InputError, match="not English: 100% of its letters are Arabic"):
        project.import_translation(arabic, doc, "working")
    assert _counts(project) == before
    # Arabic with English names and a web address is Arabic
    mixed = tmp_path / "mixed.txt"
    mixed.write_text("زار وفد من Microsoft و Google الموقع https://example.com/news أمس.\n",
                     encoding="utf-8")
    assert project.import_document(mixed).segments == 1


def test_a_stray_carriage_return_among_line_feeds_is_no_line_break() -> None:
    """'one\\rtwo\\nthree\\n' is 2 lines for wc -l, sacrebleu and editors; it was read as 3,
    so a hypothesis with a stray CR no longer matched its reference line for line. A file of
    CR line ends alone (an old Mac file) still has its lines."""
    from workbench.textio import decode_bytes

    assert decode_bytes(b"one\rtwo\nthree\n", "f.txt")[0] == "one two\nthree\n"
    assert decode_bytes(b"one\r\ntwo\r\n", "f.txt")[0] == "one\ntwo\n"
    assert decode_bytes(b"one\rtwo\r", "f.txt")[0] == "one\ntwo\n"


def test_a_dos_end_of_file_mark_is_no_text(project: Project, tmp_path: Path) -> None:
    """A file ending in Ctrl+Z (DOS's end-of-file mark, written by old editors and code-page
    tools): the Arabic was refused as binary, and the English gave the last segment a
    U+001A, an error of the QA checks, which refused its confirmation."""
    ar = tmp_path / "dos.txt"
    ar.write_bytes("هذا نص أول. وهذه جملة ثانية؟\r\nفقرة ثانية هنا!\r\n\x1a".encode("cp1256"))
    en = tmp_path / "dos.en.txt"
    en.write_bytes(ENGLISH.replace("\n", "\r\n").encode() + b"\x1a")
    project.import_document(ar)
    project.import_translation(en, "dos", "working")
    assert [s.target for s in project.segments("dos")] == [
        "This is a first text.", "And this is a second sentence?", "A second paragraph here!"]


def test_an_english_file_of_arabic_and_english_lines_is_refused(
    project: Project, tmp_path: Path
) -> None:
    """A bilingual file (Arabic and English lines in turn) passed as the English: its Arabic,
    under half of its letters, was aligned and stored as the translation without a word."""
    _imported(project, tmp_path)
    mixed = tmp_path / "mixed.txt"
    mixed.write_text("".join(f"{a}\n{e}\n" for a, e in zip(
        (ARABIC * 2).splitlines(), (ENGLISH * 2).splitlines(), strict=True)), encoding="utf-8")
    with pytest.raises(InputError, match=r"6 of its 12 sentences are Arabic \(sentence 1: "):
        project.import_translation(mixed, "doc", "reference")
    assert project.versions("doc") == []
    quoted = tmp_path / "quoted.txt"  # one Arabic sentence left in: imported, and named
    quoted.write_text(ENGLISH + "قال تعالى: ﴿إن الله يأمر بالعدل﴾.\n", encoding="utf-8")
    report = project.import_translation(quoted, "doc", "reference")
    assert any("1 English sentence is mostly Arabic" in w and "sentence 4: قال تعالى" in w
               for w in report.warnings)


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_our_bilingual_review_table_given_as_the_english_is_refused(
    project: Project, tmp_path: Path, fmt: str
) -> None:
    """The review table (`export --format docx`/`html`) sent back by a reviewer and given to
    import-translation: its Arabic cells are fewer than a quarter of its sentences (the
    legend, the statuses and the findings are English), so every segment was given its
    Arabic with its English as the translation. Its Arabic is near half its letters."""
    name = project.documents()[0].name
    table = project.export_file(fmt, tmp_path / f"review.{fmt}", name, findings="none").path
    with pytest.raises(InputError, match=r"sentences are Arabic .*a bilingual file\?"):
        project.import_translation(table, name, "draft", "review")
    assert "draft:review" not in project.versions(name)


def test_control_characters_no_export_carries_never_reach_the_arabic(
    project: Project, tmp_path: Path
) -> None:
    """A vertical tab (Word's manual line break) or a form feed (pdftotext's page break) in an
    Arabic text was stored inside the segment; every XML export drops it (سطر ثالث\\vرابع as
    سطر ثالثرابع), so the document's own XLIFF and TMX no longer matched it when brought back.
    They are read as a space now, and other C0 controls (ESC, U+001A) refuse the file."""
    from workbench.formats.xmlout import carried
    from workbench.textio import decode_bytes

    src = tmp_path / "pdf.txt"
    src.write_bytes("الفقرة الأولى.\x0cالفقرة الثانية.\nسطر ثالث\x0bرابع.\n".encode())
    project.import_document(src)
    sources = [s.source for s in project.segments("pdf")]
    assert sources == ["الفقرة الأولى.", "الفقرة الثانية.", "سطر ثالث رابع."]
    assert all(carried(s) == s for s in sources)
    for control in ("\x1b", "\x1a", "\x0e", "\x1f"):
        bad = tmp_path / "bad.txt"
        bad.write_bytes(f"سطر أول.\nسطر{control} ثان.\n".encode())
        before = _counts(project)
        with pytest.raises(InputError, match=rf"line 2: .*U\+{ord(control):04X}") as info:
            project.import_document(bad)
        assert str(bad) in str(info.value)
        assert _counts(project) == before
    # an English file keeps them: `check` reports them
    assert decode_bytes(b"red \x1b[31m text\x0c.\n", "en.txt")[0] == "red \x1b[31m text\x0c.\n"


def test_the_byte_order_marks_of_joined_files_stay_out_of_the_segments(
    project: Project, tmp_path: Path
) -> None:
    """``cat a.txt b.txt`` of two files saved with a BOM has one at the start of b's first
    line: it was stored in that segment (shown as ¤ before its Arabic)."""
    part = "\ufeffالفقرة الأولى. جملة ثانية.\n"
    src = tmp_path / "joined.txt"
    src.write_bytes((part + part.replace("الأولى", "الثالثة")).encode())
    project.import_document(src)
    assert [s.source for s in project.segments("joined")] == [
        "الفقرة الأولى.", "جملة ثانية.", "الفقرة الثالثة.", "جملة ثانية."]


def test_the_byte_order_marks_of_joined_translation_files_stay_out_of_the_english(
    project: Project, tmp_path: Path
) -> None:
    """An English delivery joined by ``cat`` from files saved with a BOM: the BOM starting
    the second file's first line was stored at the start of that segment's English (a
    warning of every check, an invisible character in every export)."""
    _imported(project, tmp_path)
    first, second = ENGLISH.split("\n", 1)
    en = tmp_path / "joined.en.txt"
    en.write_bytes(("\ufeff" + first + "\n\ufeff" + second).encode())
    for version in ("reference", "working"):
        project.import_translation(en, "doc", version)
    segs = project.segments("doc")
    assert [s.target for s in segs] == [
        "This is a first text.", "And this is a second sentence?", "A second paragraph here!"
    ]
    assert project.version_text(segs[2].id, "reference:main") == "A second paragraph here!"


def test_a_paragraph_of_invisible_marks_is_no_segment(project: Project, tmp_path: Path) -> None:
    """A word processor's empty paragraph holding a right-to-left mark was imported as a
    segment with nothing to translate."""
    src = tmp_path / "marks.txt"
    src.write_text("الفقرة الأولى.\n\u200f\nالفقرة الثانية.\n", encoding="utf-8")
    project.import_document(src)
    assert [(s.paragraph, s.source) for s in project.segments("marks")] == [
        (1, "الفقرة الأولى."), (2, "الفقرة الثانية.")]


def test_a_device_is_refused_before_it_is_read(project: Project) -> None:
    """``workbench import /dev/zero`` read without end, its memory growing: a device is
    refused as no file before it is read (/dev/null here, which ends; a pipe is still read)."""
    before = _counts(project)
    with pytest.raises(InputError, match="/dev/null: is a device, not a file"):
        project.import_document("/dev/null")
    assert _counts(project) == before


def test_a_version_name_with_a_colon_or_a_line_break_is_refused(
    project: Project, tmp_path: Path
) -> None:
    """``--name a:b`` stored draft:a:b, which `--draft a:b` never found (a colon names the
    kind); a line break broke the tables, a bidi override reorders what follows it in any
    table or message. Spaces around a name are dropped."""
    _imported(project, tmp_path)
    en = tmp_path / "en.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    before = _counts(project)
    for bad in ("a:b", "two\nlines", "txt.\u202eexe"):
        with pytest.raises(WorkbenchError, match="version name"):
            project.import_translation(en, "doc", "draft", bad)
    assert _counts(project) == before
    spoof = tmp_path / "report\u202etxt.exe"  # shows as "reportexe.txt"
    spoof.write_text(ARABIC, encoding="utf-8")
    with pytest.raises(WorkbenchError, match="bidi controls"):
        project.import_document(spoof)  # a name from the file: refused as well
    assert _counts(project) == before
    project.import_document(spoof, "report")
    assert project.import_translation(en, "doc", "draft", " second ").version == "draft:second"


def test_imports_take_the_users_abbreviations(tmp_path: Path) -> None:
    """`import` and `import-translation --abbreviations FILE` split sentences as `segment
    --abbreviations FILE` does (they could not: the file previewed a segmentation that no
    import made); a bad file is an error naming its line, and nothing is imported."""
    from tests.conftest import run_cli

    db = ["--db", str(tmp_path / "p.db")]
    (tmp_path / "ar.txt").write_text("انظر مج. الأول من الكتاب. ثم انتهى.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("See Sec. One of the book. Then it ended.\n",
                                     encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<html><body><p>انظر <b>مج.</b> الأول من الكتاب. ثم انتهى.</p></body></html>",
        encoding="utf-8")
    (tmp_path / "abbr.tsv").write_text("مج\tar\ttitle\tvolume\nSec\ten\ttitle\tsection\n",
                                       encoding="utf-8")
    (tmp_path / "bad.tsv").write_text("مج\tar\ttitle\nSec\tfr\ttitle\n", encoding="utf-8")
    abbr = ["--abbreviations", str(tmp_path / "abbr.tsv")]
    assert run_cli("import", str(tmp_path / "ar.txt"), "--doc", "plain", *db).exit_code == 0
    assert run_cli("import", str(tmp_path / "ar.txt"), "--doc", "own", *abbr, *db).exit_code == 0
    html = run_cli("import", str(tmp_path / "page.html"), "--doc", "html", *abbr, *db)
    assert html.exit_code == 0, html.stderr
    result = run_cli("import-translation", str(tmp_path / "en.txt"), "--doc", "own", "--as",
                     "reference", *abbr, *db)
    assert result.exit_code == 0 and "2 English sentences" in result.stdout, result.stdout
    bad = run_cli("import", str(tmp_path / "ar.txt"), "--doc", "bad", "--abbreviations",
                  str(tmp_path / "bad.tsv"), *db)
    assert bad.exit_code == 2 and "bad.tsv: line 2: language must be" in bad.stderr
    with Project.open(tmp_path / "p.db") as project:
        assert [len(project.segments(d)) for d in ("plain", "own", "html")] == [3, 2, 2]
        assert project.segments("own")[0].source == "انظر مج. الأول من الكتاب."
        assert project.version_text(project.segments("own")[0].id, "reference:main") == \
            "See Sec. One of the book."
        assert [d.name for d in project.documents()] == ["plain", "own", "html"]


def _imported(project: Project, tmp_path: Path) -> Path:
    """``ARABIC`` written to doc.txt and imported as the document ``doc``; its path."""
    src = tmp_path / "doc.txt"
    src.write_text(ARABIC, encoding="utf-8")
    project.import_document(src)
    return src
