"""Hostile or broken client documents are refused with one line naming the file, before
anything of them is used: zip bombs (sizes and ratios checked before reading), lying
directories, macros, external entities, encrypted and non-zip files."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.filters import builders as B
from workbench.errors import InputError
from workbench.filters import package, read_source
from workbench.textio import decode_bytes


def _rezip(source: Path, target: Path, change: dict[str, bytes | None],
           add: dict[str, bytes] | None = None) -> Path:
    """A copy of a package with members replaced (None: removed) or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    w.writestr(info.filename, change[info.filename])
                continue
            w.writestr(info, z.read(info))
        for name, data in (add or {}).items():
            w.writestr(name, data)
    target.write_bytes(out.getvalue())
    return target


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return B.build_docx(tmp_path / "good.docx")


def _refused(path: Path, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_source(path)
    text = str(caught.value)
    assert text.startswith(str(path)) and "\n" not in text


def test_a_deflate_bomb_is_refused_by_its_ratio(good: Path, tmp_path: Path) -> None:
    zeros = b"\0" * (20 << 20)  # 20 MiB compressing about a thousand times
    bomb = _rezip(good, tmp_path / "bomb.docx", {}, {"word/media/zeros.bin": zeros})
    _refused(bomb, r"refused: word/media/zeros\.bin is compressed [\d,]+ times .*zip bomb")


def test_a_directory_that_lies_about_sizes_is_refused_before_reading(
    good: Path, tmp_path: Path
) -> None:
    data = bytearray(good.read_bytes())
    entry = data.index(b"PK\x01\x02")  # the first central directory entry
    struct.pack_into("<I", data, entry + 24, 0x7FFFFFFF)  # its uncompressed size: 2 GiB
    liar = tmp_path / "liar.docx"
    liar.write_bytes(bytes(data))
    _refused(liar, r"refused: .* would unpack to 2,048\.0 MiB .*zip bomb")


def test_too_many_members_or_too_much_in_total(
    good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package, "MAX_MEMBERS", 5)
    _refused(good, r"refused: \d+ members in the package \(at most 5\)")
    monkeypatch.setattr(package, "MAX_MEMBERS", 10_000)
    monkeypatch.setattr(package, "MAX_TOTAL", 10_000)
    _refused(good, r"refused: the package would unpack to [\d,]+ bytes \(at most 10,000")


def test_a_name_twice_is_refused(good: Path, tmp_path: Path) -> None:
    twice = tmp_path / "twice.docx"
    twice.write_bytes(good.read_bytes())
    with zipfile.ZipFile(twice, "a") as z, pytest.warns(UserWarning):
        z.writestr("word/document.xml", b"<x/>")
    _refused(twice, r"refused: the package holds 'word/document\.xml' twice")


def test_macros_are_refused(good: Path, tmp_path: Path) -> None:
    docm = tmp_path / "macro.docm"
    docm.write_bytes(good.read_bytes())
    _refused(docm, r"refused: a macro-enabled Word file \(\.docm\)")
    dotm = tmp_path / "Macro.DOTM"
    dotm.write_bytes(good.read_bytes())
    _refused(dotm, r"refused: a macro-enabled Word file \(\.dotm\)")  # it said .docm
    vba = _rezip(good, tmp_path / "vba.docx", {}, {"word/vbaProject.bin": b"\0" * 64})
    _refused(vba, r"refused: the document holds macros \(word/vbaProject\.bin\)")
    with zipfile.ZipFile(good) as z:
        types = z.read("[Content_Types].xml").replace(
            b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
    enabled = _rezip(good, tmp_path / "enabled.docx", {"[Content_Types].xml": types})
    _refused(enabled, r"refused: a macro-enabled Word document")


def test_external_entities_in_a_part_are_refused(good: Path, tmp_path: Path) -> None:
    xxe = _rezip(good, tmp_path / "xxe.docx", {"word/document.xml": (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )})
    _refused(xxe, r"xxe\.docx: word/document\.xml: refused: .*external entity \('x'\)")


def test_elements_nested_too_deep_are_refused(good: Path, tmp_path: Path) -> None:
    """Office parts and XLIFF are read without libxml2's limits (huge_tree): 1,500 nested
    smart tags or XLIFF <g>s were a RecursionError traceback in the filters."""
    nested = 1500
    deep = _rezip(good, tmp_path / "deep.docx", {"word/document.xml": (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p>" + b'<w:smartTag w:element="x">' * nested
        + "<w:r><w:t>نص</w:t></w:r>".encode() + b"</w:smartTag>" * nested
        + b"</w:p></w:body></w:document>")})
    _refused(deep, r"deep\.docx: word/document\.xml: line 1: refused: elements nested more "
                   r"than 256 deep")
    xliff = tmp_path / "deep.xlf"
    xliff.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="a" source-language="ar" datatype="plaintext"><body>'
        '<trans-unit id="1"><source>نص ' + '<g id="1">' * nested + "عميق" + "</g>" * nested
        + "</source></trans-unit></body></file></xliff>", encoding="utf-8")
    _refused(xliff, r"deep\.xlf: line 1: refused: elements nested more than 256 deep")


def test_broken_files_are_named(good: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip at all")
    _refused(junk, r"not a DOCX file \(not a readable zip package")
    for ending, what in (("epub", "an EPUB"), ("odt", "an ODT")):  # not 'a EPUB'
        half = tmp_path / f"half.{ending}"
        half.write_bytes(b"PK\x03\x04" + b"\0" * 40)
        _refused(half, rf"half\.{ending}: not {what} file \(not a readable zip package")
    ole = tmp_path / "locked.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    _refused(ole, r"an encrypted or old binary Office file \(\.doc\)")
    broken = _rezip(good, tmp_path / "broken.docx", {"word/document.xml": b"<w:document"})
    _refused(broken, r"broken\.docx: word/document\.xml: line 1: not well-formed XML")
    bad_md = tmp_path / "bad.md"
    bad_md.write_bytes("# عنوان\n\n".encode() + "نص".encode("cp1256"))
    _refused(bad_md, r"bad\.md: line 3: not UTF-8 text")
    empty = tmp_path / "empty.md"
    empty.write_text("```\ncode only\n```\n", encoding="utf-8")
    _refused(empty, r"empty\.md: no text to import")


@pytest.mark.parametrize(("codec", "message"), [
    ("utf-16", r"UTF-16 text \(its byte order mark says so\), not UTF-8: save it as UTF-8$"),
    ("utf-32", r"UTF-32 text \(its byte order mark says so\), not UTF-8: save it as UTF-8$"),
    ("cp1256", r"line 1: not UTF-8 text \(byte 0xda\); save it as UTF-8$"),
])
def test_markdown_that_is_not_utf8_is_told_what_to_do(
    tmp_path: Path, codec: str, message: str
) -> None:
    """A Markdown file saved by Notepad as "Unicode" (UTF-16 with a byte order mark) was
    "line 1: not UTF-8 text", as a Windows-1256 one was: its encoding is named, with what to
    do, as a text file's refusal says."""
    path = tmp_path / f"{codec}.md"
    path.write_bytes("# عنوان\n\nهذا نص.\n".encode(codec))
    _refused(path, message)


@pytest.mark.parametrize("ending", [".html", ".xhtml", ".md", ".xlf"])
def test_a_binary_file_given_a_markup_ending_is_refused(
    good: Path, tmp_path: Path, ending: str
) -> None:
    """A DOCX or a PDF saved under a page's ending is named, not read as a page of mojibake
    (a PDF named .html gave 289 segments of its compressed bytes), nor is a file of NULs."""
    docx = tmp_path / f"report{ending}"
    docx.write_bytes(good.read_bytes())
    _refused(docx, r"a ZIP package \(a DOCX, ODT or EPUB\?\), not text")
    pdf = tmp_path / f"paper{ending}"
    pdf.write_bytes(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Length 9>> stream\nx\x9c\x00\x01")
    _refused(pdf, r"a PDF document, not text")
    junk = tmp_path / f"junk{ending}"
    junk.write_bytes(b"<p>" + bytes(range(256)) + b"</p>")
    _refused(junk, r"line 1: binary file \(NUL bytes\)")
    utf16 = tmp_path / f"utf16{ending}"
    if ending in (".html", ".md"):  # XML is read by its declaration (below)
        utf16.write_bytes("<p>نص</p>".encode("utf-16-le"))
        _refused(utf16, r"looks like UTF-16LE text without a byte order mark")


def test_xml_in_utf16_without_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """XML may be UTF-16 without a byte order mark, its declaration saying so: an XHTML page
    (or an XLIFF file) so is read, not refused as binary for its NUL bytes."""
    page = tmp_path / "page.xhtml"
    page.write_bytes('<?xml version="1.0" encoding="UTF-16"?><html xmlns="http://www.w3.org/'
                     '1999/xhtml"><body><p>نص عربي.</p></body></html>'.encode("utf-16-le"))
    assert [b.text for b in read_source(page).blocks] == ["نص عربي."]


def test_odt_macros_and_encryption_are_refused(tmp_path: Path) -> None:
    good = B.build_odt(tmp_path / "good.odt")
    basic = _rezip(good, tmp_path / "basic.odt", {}, {"Basic/Standard/Module1.xml": b"<x/>"})
    _refused(basic, r"refused: the document holds macros \(Basic/Standard/Module1\.xml\)")
    with zipfile.ZipFile(good) as z:
        manifest = z.read("META-INF/manifest.xml").replace(
            b"</manifest:manifest>",
            b'<manifest:file-entry manifest:full-path="x" manifest:media-type="">'
            b"<manifest:encryption-data/></manifest:file-entry></manifest:manifest>")
    locked = _rezip(good, tmp_path / "locked.odt", {"META-INF/manifest.xml": manifest})
    _refused(locked, r"refused: the document is encrypted")


def test_the_cli_refuses_in_one_line_and_creates_no_project(
    good: Path, tmp_path: Path, in_tmp: Path
) -> None:
    docm = tmp_path / "macro.docm"
    docm.write_bytes(good.read_bytes())
    result = run_cli("import", str(docm), "--db", "new.db")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "macro-enabled" in result.stderr
    assert not (in_tmp / "new.db").exists()


@pytest.mark.parametrize("member", ["OEBPS/content.opf", "OEBPS/Text/ch1.xhtml"])
def test_an_epub_with_entities_or_a_bomb_is_refused(tmp_path: Path, member: str) -> None:
    from tests.filters.test_epub import make_epub

    book = make_epub(tmp_path / "book.epub")
    laughs = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY lol "lol">]>'
              b'<package xmlns="http://www.idpf.org/2007/opf">&lol;</package>')
    _refused(_rezip(book, tmp_path / "laughs.epub", {member: laughs}),
             "declares an entity")
    zeros = b"\0" * (20 << 20)
    _refused(_rezip(book, tmp_path / "bomb.epub", {}, {"OEBPS/zeros.bin": zeros}),
             "zip bomb")


def test_a_presentation_is_named_with_what_to_do(tmp_path: Path) -> None:
    """A PPTX or ODP, which no filter reads, was "a ZIP package (a DOCX, ODT or EPUB?): give it
    its own ending (.docx, .odt)", as if renaming it would do."""
    pptx = tmp_path / "slides.pptx"
    with zipfile.ZipFile(pptx, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("ppt/presentation.xml", "<p:presentation xmlns:p='x'/>")
    odp = tmp_path / "slides.odp"
    with zipfile.ZipFile(odp, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        package.writestr("content.xml", "<office:document-content/>")
    for path in (pptx, odp):
        with pytest.raises(InputError) as caught:
            decode_bytes(path.read_bytes(), path)
        assert str(caught.value) == (
            f"{path}: a presentation (PPTX or ODP), not text: no filter reads slides; copy "
            "their text into a DOCX, an ODT or a text file")
