"""EPUB books in, translated EPUB books out: pages in reading order, the package rewritten."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import QUICK_JVM
from tests.filters.readback import members
from workbench.errors import InputError
from workbench.filters import read_source
from workbench.filters.epub import css_to_english
from workbench.project import Project

OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:x</dc:identifier>
<dc:title>حي بن يقظان</dc:title><dc:language>ar</dc:language>
<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta></metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="c2" href="Text/ch%202.xhtml" media-type="application/xhtml+xml"/>
<item id="c1" href="Text/ch1.xhtml" media-type="application/xhtml+xml"/>
<item id="css" href="style.css" media-type="text/css"/>
<item id="rtl" href="rtl.css" media-type="text/css"/>
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/></manifest>
<spine page-progression-direction="rtl" toc="ncx"><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>"""
PAGE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="ar" dir="rtl"><head><title>حي بن يقظان</title>
<link rel="stylesheet" href="../style.css"/></head><body>{}</body></html>"""
NAV = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>المحتويات</title></head><body><nav epub:type="toc"><ol>
<li><a href="Text/ch1.xhtml">الفصل الأول</a></li></ol></nav></body></html>"""
NCX = """<?xml version="1.0" encoding="UTF-8"?>
<ncx version="2005-1" xmlns="http://www.daisy.org/z3986/2005/ncx/" xml:lang="ar">
<head><meta name="dtb:uid" content="urn:x"/></head><docTitle><text>حي بن يقظان</text></docTitle>
<navMap><navPoint id="n1"><navLabel><text>الفصل الأول</text></navLabel>
<content src="Text/ch1.xhtml"/></navPoint></navMap></ncx>"""
CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>
<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles></container>"""
ARABIC = [
    "حي بن يقظان",  # the book's title first
    "الفصل الأول", "كان في <1>جزيرة</1> من جزر الهند.", "وولد فيها حي.",
    "الفصل الثاني", "ثم كبر.",
    "<1>الفصل الأول</1>",  # the table of contents, after the spine
    "حي بن يقظان", "الفصل الأول",  # EPUB 2's table of contents (toc.ncx) last
]
ENGLISH = ["Hayy ibn Yaqzan", "Chapter One", "There was on an <1>island</1> of the Indies.",
           "And Hayy was born there.", "Chapter Two", "Then he grew up.", "<1>Chapter One</1>",
           "Hayy ibn Yaqzan", "Chapter One"]


def make_epub(path: Path, opf: str = OPF, pages: dict[str, str] | None = None) -> Path:
    """An EPUB 3 book (the mimetype first and stored, as the format requires)."""
    pages = pages if pages is not None else {
        "OEBPS/Text/ch1.xhtml": PAGE.format(
            "<h1>الفصل الأول</h1><p>كان في <b>جزيرة</b> من جزر الهند.</p><p>وولد فيها حي.</p>"),
        "OEBPS/Text/ch 2.xhtml": PAGE.format("<h1>الفصل الثاني</h1><p>ثم كبر.</p>"),
    }
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        for name, text in [("META-INF/container.xml", CONTAINER), ("OEBPS/content.opf", opf),
                           ("OEBPS/nav.xhtml", NAV), ("OEBPS/style.css", "p { margin: 0 }"),
                           ("OEBPS/toc.ncx", NCX),
                           ("OEBPS/rtl.css", "body { text-align: right; }"),
                           *pages.items()]:
            z.writestr(name, text, zipfile.ZIP_DEFLATED)
    return path


@pytest.fixture
def book(tmp_path: Path) -> Iterator[tuple[Project, Path]]:
    source = make_epub(tmp_path / "hayy.epub")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        yield project, source


def test_pages_are_read_in_reading_order_with_the_title_and_contents(book: tuple) -> None:
    project, source = book
    assert [s.source for s in project.segments("hayy", limit=100)] == ARABIC
    places = [b.place for b in read_source(source).blocks]
    assert places[0] == "OEBPS/content.opf: dc:title"
    assert places[1].startswith("OEBPS/Text/ch1.xhtml: ")  # the spine's order, not the manifest's
    assert places[-3].startswith("OEBPS/nav.xhtml: ")
    assert places[-2:] == ["OEBPS/toc.ncx: docTitle text", "OEBPS/toc.ncx: navLabel text"]


def test_the_translated_book_is_an_english_epub(book: tuple, tmp_path: Path) -> None:
    project, source = book
    for segment, text in zip(project.segments("hayy", limit=100), ENGLISH, strict=True):
        project.confirm(segment.id, text)
    out = project.export_file("original", tmp_path / "hayy.en.epub").path
    with zipfile.ZipFile(out) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert [i.filename for i in z.infolist()] == [i.filename for i in
                                                      zipfile.ZipFile(source).infolist()]
    parts = members(out)
    assert parts["OEBPS/style.css"] == b"p { margin: 0 }"  # untouched members as they were
    # a stylesheet's right-to-left would outweigh the pages' dir="ltr": mirrored
    assert parts["OEBPS/rtl.css"] == b"body { text-align: left; }"
    assert css_to_english("p{direction:RTL !important}\nh1 { text-align: center }") == \
        "p{direction:ltr !important}\nh1 { text-align: center }"
    page = etree.fromstring(parts["OEBPS/Text/ch1.xhtml"])
    assert page.get("dir") == "ltr" and page.get("lang") == "en"
    # the page's <title>, the book's title again (as pandoc writes it), in English too
    assert page.find(".//{http://www.w3.org/1999/xhtml}title").text == "Hayy ibn Yaqzan"
    assert "".join(page.itertext()).count("There was on an island of the Indies.") == 1
    assert page.find(".//{http://www.w3.org/1999/xhtml}b").text == "island"
    opf = etree.fromstring(parts["OEBPS/content.opf"])
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert opf.find(f".//{dc}language").text == "en"
    assert opf.find(f".//{dc}title").text == "Hayy ibn Yaqzan"
    assert opf.find(".//{http://www.idpf.org/2007/opf}spine").get(
        "page-progression-direction") == "ltr"
    link = etree.fromstring(parts["OEBPS/nav.xhtml"]).find(".//{http://www.w3.org/1999/xhtml}a")
    assert link.get("href") == "Text/ch1.xhtml" and link.text == "Chapter One"
    ncx = etree.fromstring(parts["OEBPS/toc.ncx"])
    assert [t.text for t in ncx.iter("{http://www.daisy.org/z3986/2005/ncx/}text")] == [
        "Hayy ibn Yaqzan", "Chapter One"]
    assert ncx.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert [b.text for b in read_source(out).blocks] == ENGLISH


def test_a_guide_reference_titled_as_the_book_takes_the_english_title(tmp_path: Path) -> None:
    """pandoc writes an EPUB 2 guide into every book, its reference titled with the book's
    title: it takes the English title, as the pages' <title> do (it was left in Arabic)."""
    guide = '<guide><reference type="toc" title="حي بن يقظان" href="nav.xhtml"/></guide>'
    source = make_epub(tmp_path / "g.epub", OPF.replace("</package>", guide + "</package>"))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        for segment, text in zip(project.segments("g", limit=100), ENGLISH, strict=True):
            project.confirm(segment.id, text)
        out = project.export_file("original", tmp_path / "g.en.epub").path
    opf = etree.fromstring(members(out)["OEBPS/content.opf"])
    reference = opf.find(".//{http://www.idpf.org/2007/opf}reference")
    assert reference.get("title") == "Hayy ibn Yaqzan" and reference.get("href") == "nav.xhtml"


def test_a_contents_link_survives_english_without_tags(book: tuple, tmp_path: Path) -> None:
    """English from a plain text (an imported translation) has no tags: a link (or bold)
    that wraps a whole block wraps its English too."""
    project, _ = book
    segments = project.segments("hayy", limit=100)
    project.save_draft(segments[-3].id, "Chapter One")
    out = project.export_file("original", tmp_path / "toc.epub").path
    link = etree.fromstring(members(out)["OEBPS/nav.xhtml"]).find(
        ".//{http://www.w3.org/1999/xhtml}a")
    assert link is not None and link.text == "Chapter One"


def test_an_english_epub_is_read_as_a_translation(book: tuple, tmp_path: Path) -> None:
    project, _ = book
    pages = {"OEBPS/Text/ch1.xhtml": PAGE.format(
        "<h1>Chapter One</h1><p>There was an island.</p><p>And Hayy was born there.</p>"),
        "OEBPS/Text/ch 2.xhtml": PAGE.format("<h1>Chapter Two</h1><p>Then he grew up.</p>")}
    english = make_epub(tmp_path / "english.epub", OPF.replace("حي بن يقظان", "Hayy"), pages)
    report = project.import_translation(english, "hayy", "reference", name="en")
    assert report.segments == len(ARABIC)


@pytest.mark.parametrize(("change", "message"), [
    (lambda opf: opf.replace('idref="c2"', 'idref="gone"').replace(
        'href="Text/ch%202.xhtml"', 'href="Text/missing.xhtml"').replace(
        'idref="gone"', 'idref="c2"'), "which it lacks"),
    (lambda opf: opf.replace("<itemref idref=\"c1\"/><itemref idref=\"c2\"/>", "").replace(
        'properties="nav"', ""), "lists no XHTML pages"),
])
def test_a_broken_book_is_one_line_naming_it(tmp_path: Path, change, message: str) -> None:
    path = make_epub(tmp_path / "broken.epub", change(OPF))
    with pytest.raises(InputError, match=message) as exc:
        read_source(path)
    assert "broken.epub" in str(exc.value) and "\n" not in str(exc.value)


def test_a_zip_that_is_no_book_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photos.epub"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.jpg", b"\xff\xd8")
    with pytest.raises(InputError, match=r"no META-INF/container\.xml"):
        read_source(path)



def _encrypted(path: Path, uris: list[str]) -> Path:
    """The test book with a META-INF/encryption.xml naming ``uris``."""
    make_epub(path)
    refs = "".join(f'<enc:EncryptedData><enc:CipherData><enc:CipherReference URI="{uri}"/>'
                   "</enc:CipherData></enc:EncryptedData>" for uri in uris)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("META-INF/encryption.xml",
                   '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                   f'xmlns:enc="http://www.w3.org/2001/04/xmlenc#">{refs}</encryption>')
    return path


def test_a_book_with_encrypted_pages_is_refused_as_drm(tmp_path: Path) -> None:
    """Its pages are ciphertext: it said "not well-formed XML"; obfuscated fonts are fine."""
    locked = _encrypted(tmp_path / "drm.epub", ["OEBPS/Text/ch1.xhtml", "OEBPS/toc.ncx"])
    with pytest.raises(InputError, match=r"encrypted \(DRM\): OEBPS/Text/ch1\.xhtml and 1 "
                                         r"more; ask for a copy without DRM"):
        read_source(locked)
    fonts = _encrypted(tmp_path / "fonts.epub", ["OEBPS/Fonts/amiri.ttf"])
    assert read_source(fonts).blocks

@pytest.mark.skipif(not (shutil.which("epubcheck") and shutil.which("java")),
                    reason="epubcheck is not installed")
def test_the_english_book_passes_epubcheck(book: tuple, tmp_path: Path) -> None:
    """W3C's EPUBCheck (Debian's epubcheck) finds no error in the book or its English (the
    one warning of both: a page name with a space, which this test book has on purpose)."""
    project, source = book
    for segment, text in zip(project.segments("hayy", limit=100), ENGLISH, strict=True):
        project.confirm(segment.id, text)
    out = project.export_file("original", tmp_path / "hayy.en.epub").path
    jar = shutil.which("epubcheck")
    for path in (source, out):
        run = subprocess.run(["java", *QUICK_JVM, "-jar", str(jar), str(path)], capture_output=True,
                             text=True, timeout=120)
        assert "0 fatals / 0 errors /" in run.stdout + run.stderr, run.stderr


def test_a_translations_contents_are_left_out_of_a_text_document(tmp_path: Path) -> None:
    """An English EPUB aligned to an Arabic text: its tables of contents (kind ``toc``) match
    nothing there, so they are left out and named."""
    pages = {"OEBPS/Text/ch1.xhtml": PAGE.format(
        "<h1>Chapter One</h1><p>There was an island.</p><p>And Hayy was born there.</p>"),
        "OEBPS/Text/ch 2.xhtml": PAGE.format("<h1>Chapter Two</h1><p>Then he grew up.</p>")}
    english = make_epub(tmp_path / "english.epub", OPF.replace("حي بن يقظان", "Hayy"), pages)
    assert [b.kind for b in read_source(english).blocks][-3:] == ["toc", "toc", "toc"]
    arabic = tmp_path / "hayy.txt"
    arabic.write_text("حي بن يقظان\nالفصل الأول\nكان في جزيرة من جزر الهند.\nوولد فيها حي.\n"
                      "الفصل الثاني\nثم كبر.\n", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.import_document(arabic, "hayy")
        report = project.import_translation(english, "hayy", "reference", name="en")
    assert any("3 toc" in w for w in report.warnings), report.warnings
    assert report.sentences == 6  # title, two headings, three sentences: no contents


def test_two_books_align_from_the_command_line(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    arabic = make_epub(tmp_path / "ar.epub")
    pages = {"OEBPS/Text/ch1.xhtml": PAGE.format(
        "<h1>Chapter One</h1><p>There was an island.</p><p>And Hayy was born there.</p>"),
        "OEBPS/Text/ch 2.xhtml": PAGE.format("<h1>Chapter Two</h1><p>Then he grew up.</p>")}
    english = make_epub(tmp_path / "en.epub", OPF.replace("حي بن يقظان", "Hayy"), pages)
    result = run_cli("align", str(arabic), str(english))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ar"][:2] == ["حي بن يقظان", "الفصل الأول"]  # the pages' text, no markup
    assert data["en"][-1] == "Then he grew up."  # the contents left out
    assert [[0], [0]] in data["links"] and len(data["links"]) == 6
    xliff = tmp_path / "other.xlf"
    xliff.write_text('<?xml version="1.0"?><xliff version="1.2"/>', encoding="utf-8")
    refused = run_cli("align", str(xliff), str(english))  # not read as a text
    assert refused.exit_code == 2 and "a bilingual file" in refused.stderr
    assert refused.stderr.count("\n") == 1


def test_a_paragraph_left_in_arabic_keeps_the_direction_of_the_books_css(
    tmp_path: Path
) -> None:
    """An older book's ``p.ar { direction: rtl }`` turned ``ltr`` outweighed the ``dir="rtl"``
    of a paragraph of that class left in Arabic: it says ``direction: rtl`` itself now."""
    made = make_epub(tmp_path / "made.epub", pages={
        "OEBPS/Text/ch1.xhtml": PAGE.format('<p class="ar">كان في جزيرة.</p>'
                                            '<p class="ar">وولد فيها حي.</p>'),
        "OEBPS/Text/ch 2.xhtml": PAGE.format("<p>ثم كبر.</p>")})
    source = tmp_path / "classes.epub"
    with zipfile.ZipFile(made) as old, zipfile.ZipFile(source, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "OEBPS/rtl.css":
                data = b"p.ar { direction: rtl }"
            new.writestr(info, data)
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        first = next(s for s in project.segments("classes", limit=20)
                     if s.source == "كان في جزيرة.")
        project.confirm(first.id, "There was an island.")
        out = project.export_file("original", tmp_path / "classes.en.epub").path
    page = etree.fromstring(members(out)["OEBPS/Text/ch1.xhtml"])
    english, arabic = page.iter("{http://www.w3.org/1999/xhtml}p")
    assert english.get("style") is None
    assert arabic.get("style") == "direction: rtl" and arabic.get("dir") == "rtl"
    assert members(out)["OEBPS/rtl.css"] == b"p.ar { direction: ltr }"
