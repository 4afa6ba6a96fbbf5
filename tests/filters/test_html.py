"""HTML in, translated HTML out: a page with nested inline markup, read back with lxml.html."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from workbench.errors import InputError
from workbench.filters import read_source
from workbench.project import Project

PAGE = """<!DOCTYPE html>
<html dir="rtl" lang="ar">
<head><meta charset="utf-8"><title>عنوان الصفحة</title>
<meta name="description" content="وصف قصير للصفحة"></head>
<body>
<h1>تقرير <em>اللجنة</em></h1>
<p class="lead">بدأت <b>الثورة <i>الكبرى</i> في</b> بتروغراد. ثم <a href="https://example.org/a"
   title="المصدر">انتشرت</a> بسرعة.<br>
سطر بعد الكسر <img src="map.png" alt="خريطة المدينة"> هنا.</p>
<ul>
  <li>عنصر أول<ul><li>عنصر فرعي</li></ul></li>
  <li>عنصر مع <code>x = 1</code> داخل</li>
</ul>
<table><tr><th>اسم</th><td>قيمة</td></tr></table>
<script>var s = "<p>لا تترجم</p>";</script>
</body>
</html>
"""
ARABIC = [
    "عنوان الصفحة", "وصف قصير للصفحة", "تقرير <1>اللجنة</1>",
    "بدأت <1>الثورة <2>الكبرى</2> في</1> بتروغراد.", "ثم <3>انتشرت</3> بسرعة.<4/>",
    "سطر بعد الكسر <5/> هنا.",
    "المصدر", "خريطة المدينة", "عنصر أول", "عنصر فرعي", "عنصر مع <1/> داخل", "اسم", "قيمة",
]


@pytest.fixture
def page(tmp_path: Path) -> Iterator[tuple[Project, Path]]:
    source = tmp_path / "page.html"
    source.write_text(PAGE, encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        yield project, source


def _one_segment_translated(source: Path, arabic: str, english: str) -> Path:
    """``source`` imported into a new project beside it, its one segment read as ``arabic``
    (asserted), confirmed as ``english``, and exported as the original: the exported file."""
    with Project.open(source.with_name("p.db"), create=True, author="tester") as project:
        project.sources.import_file(source)
        (segment,) = project.segments(source.stem, limit=10)
        assert segment.source == arabic
        project.confirm(segment.id, english)
        return project.export_file("original", source.with_suffix(".en.htm")).path


def _tree(path: Path) -> etree._Element:
    return lxml.html.parse(str(path)).getroot()


def test_the_import_reads_blocks_attributes_and_nested_tags(page: tuple) -> None:
    project, _ = page
    segments = project.segments("page", limit=100)
    assert [x.source for x in segments] == ARABIC
    tags = project.sources.block(segments[3].id)["tags"]
    assert [(x.label, x.title, x.paired) for x in tags.values()] == [
        ("b", "b", True), ("i", "i", True), ("link", "https://example.org/a", True),
        ("br", "br", False), ("img", "خريطة المدينة", False),
    ]
    assert project.sources.block(segments[3].id)["place"] == "p"
    assert project.sources.block(segments[9].id)["place"] == "ul/li[1]/ul/li"


def test_the_translated_page_reads_back_with_lxml(page: tuple, tmp_path: Path) -> None:
    project, _ = page
    segments = project.segments("page", limit=100)
    english = {
        3: "Report of the <1>committee</1>",
        4: "The <1>great <2>revolution</2> began in</1> Petrograd.",
        5: "Then it <3>spread</3> quickly.<4/>",
        7: "The source",
        8: "Map of the city",
        11: "An item with <1/> inside",
    }
    for number, text in english.items():
        project.confirm(segments[number - 1].id, text)
    out = project.export_file("original", tmp_path / "page.en.html").path
    root = _tree(out)
    assert (root.get("dir"), root.get("lang")) == ("ltr", "en")
    p = root.find(".//p")
    assert p.get("class") == "lead"
    b = p.find("b")
    assert b.text == "great " and b.find("i").text == "revolution" and \
        b.find("i").tail == " began in"
    a = p.find("a")
    assert (a.get("href"), a.get("title"), a.text) == ("https://example.org/a", "The source",
                                                        "spread")
    assert p.find("img").get("alt") == "Map of the city"
    assert p.text_content().startswith("The great revolution began in Petrograd. Then it "
                                       "spread quickly.")
    assert "سطر بعد الكسر" in p.text_content()  # the untranslated sentence stays Arabic
    assert [x.text_content() for x in root.iter("h1")] == ["Report of the committee"]
    assert root.find(".//h1").find("em").text == "committee"
    code = root.find(".//code")
    assert code.text == "x = 1" and code.getparent().text == "An item with "
    # blocks left in Arabic say so, now that the page is English
    li = root.find(".//li")
    assert (li.get("dir"), li.get("lang")) == ("rtl", "ar")
    assert root.find(".//script").text == 'var s = "<p>لا تترجم</p>";'


def test_imported_and_exported_without_translation_is_the_same_tree(
    page: tuple, tmp_path: Path
) -> None:
    project, source = page
    out = project.export_file("original", tmp_path / "same.html").path
    assert etree.tostring(_tree(out)) == etree.tostring(_tree(source))


def test_rebuilt_blocks_keep_their_markup(page: tuple, tmp_path: Path) -> None:
    """Every block rebuilt from its segments (the Arabic as the translation): the same tree,
    but for the direction the page now declares and the spans that label its Arabic."""
    project, source = page
    for segment in project.segments("page", limit=100):
        project.save_draft(segment.id, segment.source)
    out = project.export_file("original", tmp_path / "rebuilt.html").path
    rebuilt, original = _tree(out), _tree(source)
    for bdi in list(rebuilt.iter("bdi")):
        bdi.drop_tag()
    for tree in (rebuilt, original):
        for el in tree.iter():
            el.attrib.pop("dir", None)
            el.attrib.pop("lang", None)
            # white space as a browser reads it: a run of it is one space
            el.text = re.sub(r"\s+", " ", el.text) if el.text else el.text
            el.tail = re.sub(r"\s+", " ", el.tail) if el.tail else el.tail
            if el.tag == "br" and el.tail:  # and a line opens without it
                el.tail = el.tail.lstrip()
    assert etree.tostring(rebuilt) == etree.tostring(original)


def test_xhtml_is_read_as_xml_and_written_back_as_xml(tmp_path: Path) -> None:
    source = tmp_path / "page.xhtml"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
        'xml:lang="ar" lang="ar" dir="rtl"><head><title>عنوان</title></head><body>'
        "<p>نص <strong>مهم</strong>.</p><!-- كما هو --></body></html>", encoding="utf-8",
    )
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segments = project.segments("page", limit=10)
        assert [x.source for x in segments] == ["عنوان", "نص <1>مهم</1>."]
        project.confirm(segments[1].id, "An <1>important</1> text.")
        out = project.export_file("original", tmp_path / "page.en.xhtml").path
    root = etree.parse(str(out)).getroot()
    ns = "{http://www.w3.org/1999/xhtml}"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    p = root.find(f"{ns}body/{ns}p")
    assert p.text == "An " and p.find(f"{ns}strong").text == "important"
    assert "<!-- كما هو -->" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("declaration, refused", [
    ('<!ENTITY x SYSTEM "file:///etc/passwd">', r"external entity \('x'\)"),
    ('<!ENTITY nbsp "x">', r"entity \('nbsp'\)"),  # a page's own, even of an HTML name
])
def test_xhtml_with_an_entity_is_refused(tmp_path: Path, declaration: str, refused: str) -> None:
    source = tmp_path / "evil.xhtml"
    name = declaration.split()[1]
    source.write_text(
        f'<?xml version="1.0"?><!DOCTYPE html [{declaration}]>'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>a&{name};b</p></body></html>',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=rf"evil\.xhtml: refused: .*{refused}"):
        read_source(source)


def test_an_html_page_with_declarations_in_its_doctype_is_refused(tmp_path: Path) -> None:
    """An HTML parser shows an internal subset's ``]>`` as text and its entities unexpanded:
    such a page is an attack (or broken), refused as XML's are."""
    source = tmp_path / "lol.html"
    source.write_text('<!DOCTYPE html [\n <!ENTITY lol "lol">\n]>\n'
                      "<html><body><p>مرحبا &lol;</p></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"lol\.html: line 1: refused: a DOCTYPE with decl"):
        read_source(source)
    plain = tmp_path / "plain.html"  # an ordinary DOCTYPE is read
    plain.write_text('<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN">\n'
                     "<html><body><p>مرحبا</p></body></html>", encoding="utf-8")
    assert [b.text for b in read_source(plain).blocks] == ["مرحبا"]


def test_a_page_nested_deeper_than_libxml2_reads_is_refused(tmp_path: Path) -> None:
    """libxml2 stops at 256 nested elements and drops the rest of the page without an
    error: the text after them was neither imported nor exported."""
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body><p>نص قبل.</p>\n" + "<div>" * 300 + "<p>نص عميق.</p>"
                    + "</div>" * 300 + "<p>نص بعد.</p></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"deep\.html: line 2: refused: elements nested "
                                         r"more than 256 deep"):
        read_source(deep)
    shallow = tmp_path / "shallow.html"
    shallow.write_text("<html><body>" + "<div>" * 200 + "<p>نص عميق.</p>" + "</div>" * 200
                       + "<p>نص بعد.</p></body></html>", encoding="utf-8")
    assert [b.text for b in read_source(shallow).blocks] == ["نص عميق.", "نص بعد."]


def test_xhtml_named_references_are_read_as_their_characters(tmp_path: Path) -> None:
    """Pages of older EPUBs (XHTML 1.1 with its DOCTYPE) use HTML's named references, which
    the XHTML DTD defines: read as characters, never by loading the DTD."""
    source = tmp_path / "page.xhtml"
    doctype = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" '
               '"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">')
    source.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n<html '
        'xmlns="http://www.w3.org/1999/xhtml"><body><p>نص&nbsp;مهم &mdash; caf&eacute; '
        "&amp; &lt;b&gt;</p></body></html>", encoding="utf-8",
    )
    [block] = read_source(source).blocks
    assert block.text == "نص\u00a0مهم — café & <b>"
    cdata = tmp_path / "cdata.xhtml"  # a CDATA section's text is not markup: kept as written
    cdata.write_text(source.read_text(encoding="utf-8").replace(
        "</p>", "</p><!-- &nbsp; --><p><![CDATA[a &nbsp; b]]></p>"), encoding="utf-8")
    assert [b.text for b in read_source(cdata).blocks][1] == "a &nbsp; b"
    unknown = tmp_path / "unknown.xhtml"
    unknown.write_text(source.read_text(encoding="utf-8").replace("&mdash;", "&madeup;"),
                       encoding="utf-8")
    with pytest.raises(InputError,
                       match=r"unknown\.xhtml: line 3: refused: entity reference '&madeup;'"):
        read_source(unknown)


def test_a_no_break_space_is_no_white_space_to_collapse(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text("<html><body><p>١٠&nbsp;كم  و\u00a0\u00a0 ٢٠\n كم</p></body></html>",
                      encoding="utf-8")
    [block] = read_source(source).blocks
    assert block.text == "١٠\u00a0كم و\u00a0\u00a0 ٢٠ كم"


def test_a_windows_1256_page_keeps_its_encoding(tmp_path: Path) -> None:
    """The page is written in its encoding and keeps the meta that declares it (libxml2
    left out a ``http-equiv="Content-Type"`` spelt so: the Arabic left untranslated was
    read as Windows-1252 by whatever opened the page)."""
    source = tmp_path / "old.htm"
    source.write_bytes(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        "</head><body><p>نص قديم.</p><p>نص باق.</p></body></html>".encode("cp1256")
    )
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segment = project.segments("old", limit=10)[0]
        assert segment.source == "نص قديم."
        project.confirm(segment.id, "Old text.")
        out = project.export_file("original", tmp_path / "old.en.htm").path
    assert b"Old text." in out.read_bytes()
    assert "Old text." in out.read_bytes().decode("cp1256")
    assert b"charset=windows-1256" in out.read_bytes()
    root = lxml.html.document_fromstring(out.read_bytes())  # the charset as the page says
    assert [p.text for p in root.iter("p")] == ["Old text.", "نص باق."]


def test_a_page_declaring_no_charset_is_read_as_arabic_only_when_it_is(tmp_path: Path) -> None:
    """A page that is not UTF-8 and names no charset was always read as Windows-1256: a
    Windows-1252 English delivery's accents became Arabic letters (Málaga as Mلlaga, São as
    Sمo) in the stored English. Its bytes choose now, as a text file's do: Arabic in
    Windows-1256 (or ISO-8859-6) is read so, a Latin-1 meta is honoured, else the page is
    refused naming its first byte that is not UTF-8."""
    arabic = tmp_path / "ar.htm"
    arabic.write_bytes("<p>مرحبا بالعالم في القاهرة.</p>".encode("cp1256"))
    assert read_source(arabic).blocks[0].text == "مرحبا بالعالم في القاهرة."
    latin = tmp_path / "latin.htm"
    latin.write_bytes('<meta charset="iso-8859-1"><p>The café in Málaga.</p>'.encode("cp1252"))
    assert read_source(latin).blocks[0].text == "The café in Málaga."
    english = tmp_path / "en.htm"
    english.write_bytes("<p>The café in Málaga.</p><p>São Paulo.</p>".encode("cp1252"))
    with pytest.raises(InputError, match=r"en\.htm: line 1: not UTF-8 text \(byte 0xe9 at "
                                         r"offset 10\) and no charset declared"):
        read_source(english)


def test_an_ascii_page_is_written_in_the_encoding_its_meta_declares(tmp_path: Path) -> None:
    """A Windows-1256 page whose Arabic is character references is all ASCII: its English
    was written as UTF-8 under the meta's charset, so its quotes and dashes read as Latin
    garbage ('â€œ')."""
    source = tmp_path / "refs.htm"
    page = ('<html><head><meta http-equiv="content-type" content="text/html; '
            'charset=windows-1256"></head><body><p>نص قديم.</p><p>نص باق.</p></body></html>')
    source.write_bytes(page.encode("ascii", "xmlcharrefreplace"))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segment = project.segments("refs", limit=10)[0]
        assert segment.source == "نص قديم."
        project.confirm(segment.id, "An “old” text – café.")
        out = project.export_file("original", tmp_path / "refs.en.htm").path
    root = lxml.html.document_fromstring(out.read_bytes())  # the charset as the page says
    assert [p.text for p in root.iter("p")] == ["An “old” text – café.", "نص باق."]


@pytest.mark.parametrize("kind", ["html", "txt"])
def test_a_joined_links_other_segment_leaves_no_arabic_in_the_english(
    tmp_path: Path, kind: str
) -> None:
    """Two Arabic sentences, one English sentence (a 2–1 link): the English is in the first
    segment, and the second, empty, is no untranslated segment left in Arabic."""
    arabic = "قال أحمد إن الجو جميل اليوم. وأضاف أنه سيخرج."
    source = tmp_path / f"h.{kind}"
    source.write_text(f"<html><body><p>{arabic}</p><p>هذه جملة ثانية.</p></body></html>"
                      if kind == "html" else f"{arabic}\nهذه جملة ثانية.\n", encoding="utf-8")
    english = tmp_path / "h.en.txt"
    english.write_text("Ahmed said the weather was nice today and that he would go out.\n"
                       "This is a second sentence.\n", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source, "h")
        project.import_translation(english, "h", "working")
        assert project.segments("h", limit=10)[1].target == ""  # the link's other segment
        out = project.export_file("original", tmp_path / f"out.{kind}").path
    text = out.read_text(encoding="utf-8")
    assert "go out." in text and "This is a second sentence." in text
    assert "وأضاف" not in text


@pytest.mark.parametrize("kind", ["html", "md", "txt"])
def test_a_paragraph_joined_to_the_one_before_is_not_left_in_arabic(
    tmp_path: Path, kind: str
) -> None:
    """A 2–1 link across two paragraphs (the English of both in one sentence): the second
    paragraph, its only segment joined, was left whole in Arabic, after its own English."""
    first, second = "وصل الخبر إلى موسكو بعد يومين.", "كانت النتيجة مفاجئة للجميع."
    source = tmp_path / f"j.{kind}"
    source.write_text(f"<html><body><p>{first}</p><p>{second}</p></body></html>"
                      if kind == "html" else f"{first}\n\n{second}\n", encoding="utf-8")
    english = tmp_path / "j.en.txt"
    english.write_text("The news reached Moscow two days later, and the result was a "
                       "surprise to everyone.\n", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source, "j")
        project.import_translation(english, "j", "working")
        segments = project.segments("j", limit=10)
        assert [s.paragraph for s in segments] == [1, 2] and segments[1].target == ""
        out = project.export_file("original", tmp_path / f"out.{kind}").path
    text = out.read_text(encoding="utf-8")
    assert "surprise to everyone." in text
    assert "مفاجئة" not in text


@pytest.mark.parametrize("kind", ["html", "txt"])
def test_a_joined_segment_keeps_its_arabic_when_status_leaves_its_links_english_out(
    tmp_path: Path, kind: str
) -> None:
    """--status leaving out the English of a 2–1 link's first segment (a draft) leaves both
    its sentences in Arabic; the second (joined, status new) had been lost."""
    arabic = "قال أحمد إن الجو جميل اليوم. وأضاف أنه سيخرج."
    source = tmp_path / f"h.{kind}"
    source.write_text(f"<html><body><p>{arabic}</p></body></html>"
                      if kind == "html" else f"{arabic}\n", encoding="utf-8")
    english = tmp_path / "h.en.txt"
    english.write_text("Ahmed said the weather was nice today and that he would go out.\n",
                       encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source, "h")
        project.import_translation(english, "h", "working")
        assert [s.status for s in project.segments("h", limit=10)] == ["draft", "new"]
        out = project.export_file("original", tmp_path / f"out.{kind}",
                                  statuses=["new", "translated"]).path
    text = out.read_text(encoding="utf-8")
    assert "قال أحمد" in text and "وأضاف أنه سيخرج." in text and "go out" not in text


def test_a_note_reference_inside_a_sentence_keeps_its_anchor_from_a_texts_english(
    tmp_path: Path,
) -> None:
    """pandoc's note reference after a word, English imported from a delivery's text: the
    link that holds the anchor ``fnref1``, which the back link points to, is kept (it was lost:
    EPUBCheck's RSC-012, a fragment identifier not defined)."""
    source = tmp_path / "n.html"
    source.write_text(
        '<html><body><p>هذه الجملة فيها حاشية<a href="#fn1" id="fnref1"><sup>1</sup></a> في '
        'آخرها.</p><ol><li id="fn1"><p>حاشية قصيرة.<a href="#fnref1">↩</a></p></li></ol>'
        "</body></html>", encoding="utf-8")
    english = tmp_path / "n.en.txt"
    english.write_text("This sentence has a footnote1 at its end.\nA short note.↩\n",
                       encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source, "n")
        project.import_translation(english, "n", "working")
        out = project.export_file("original", tmp_path / "out.html").path
    root = lxml.html.document_fromstring(out.read_bytes())
    ref = root.get_element_by_id("fnref1")
    assert ref.get("href") == "#fn1" and ref.text_content() == "1"
    assert root.find(".//p").text_content() == "This sentence has a footnote1 at its end."


def test_a_note_reference_keeps_its_link_when_the_english_came_from_a_text(
    tmp_path: Path,
) -> None:
    """pandoc's note reference and back link (pairs around '1' and '↩') kept their link when
    the English, imported from a delivery, has the number but no tags; it was a bare '1'."""
    source = tmp_path / "n.html"
    source.write_text(
        '<html><body><p>بدأت الثورة في بتروغراد.<a href="#fn1" id="fnref1"><sup>1</sup></a>'
        '</p><ol><li id="fn1"><p>حاشية قصيرة.<a href="#fnref1">↩</a></p></li></ol>'
        "</body></html>", encoding="utf-8")
    english = tmp_path / "n.en.txt"
    english.write_text("The revolution began in Petrograd.1\nA short note.↩\n", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source, "n")
        project.import_translation(english, "n", "working")
        out = project.export_file("original", tmp_path / "out.html").path
    text = out.read_text(encoding="utf-8")
    assert 'Petrograd.<a href="#fn1" id="fnref1"><sup>1</sup></a></p>' in text
    assert 'A short note.<a href="#fnref1">↩</a></p>' in text


def test_a_note_reference_the_english_leaves_out_is_put_back_with_a_warning(
    tmp_path: Path,
) -> None:
    """English without the note's number (a translator's text): the note reference and the
    back link, pairs around '1' and '↩', are put back at the end of their sentence, as a
    DOCX footnote reference (an empty tag) is; they had been dropped without a word, the
    note left without its reference."""
    source = tmp_path / "n.html"
    source.write_text(
        '<html><body><p>بدأت الثورة في بتروغراد.<a href="#fn1" id="fnref1"><sup>1</sup></a>'
        ' وانتشرت بسرعة.</p><ol><li id="fn1"><p>حاشية قصيرة.<a href="#fnref1">↩</a></p>'
        "</li></ol></body></html>", encoding="utf-8")
    english = tmp_path / "n.en.txt"
    english.write_text("The revolution began in Petrograd.\nIt spread quickly.\nA short note.\n",
                       encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source, "n")
        project.import_translation(english, "n", "working")
        result = project.export_file("original", tmp_path / "out.html")
    text = result.path.read_text(encoding="utf-8")
    assert ('Petrograd.<a href="#fn1" id="fnref1"><sup>1</sup></a> It spread quickly.</p>'
            in text)
    assert 'A short note.<a href="#fnref1">↩</a></p>' in text
    assert sorted(result.warnings) == [
        "ol/li/p: <1>↩</1> (#fnref1) not in the English: put back at the end of its sentence",
        "p: <1><2>1</2></1> (#fn1) not in the English: put back at the end of its sentence",
    ]


def test_libreoffices_note_number_is_put_back_at_the_start_of_its_note(tmp_path: Path) -> None:
    """LibreOffice's EPUB page: the reference a link inside ``sup``, the note's own number a
    back link at the start of its text, inside a span around the whole note; English without
    the numbers gets both back, the note's at its start."""
    source = tmp_path / "lo.xhtml"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        '<body><p><span>انتشرت بسرعة.</span><sup id="c1"><a href="#d1">1</a></sup></p>'
        '<aside id="d1"><p><span><sup><a href="#c1">1</a></sup>نص الحاشية.</span></p></aside>'
        "</body></html>", encoding="utf-8")
    english = tmp_path / "lo.en.txt"
    english.write_text("It spread quickly.\nThe note.\n", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source, "lo")
        project.import_translation(english, "lo", "working")
        result = project.export_file("original", tmp_path / "out.xhtml")
    text = result.path.read_text(encoding="utf-8")
    assert '<p>It spread quickly.<sup id="c1"><a href="#d1">1</a></sup></p>' in text
    assert '<p><span><sup><a href="#c1">1</a></sup>The note.</span></p>' in text
    assert sorted(result.warnings) == [
        "aside/p/span: <1><2>1</2></1> (#c1) not in the English: put back at the start of its "
        "sentence",
        "p: <1><2>1</2></1> (#d1) not in the English: put back at the end of its sentence",
    ]


def test_an_html_pages_xml_lang_turns_english_with_its_lang(tmp_path: Path) -> None:
    """pandoc's HTML says ``lang="ar" xml:lang="ar"`` (a plain attribute in an HTML page):
    both say ``en`` once translated; xml:lang stayed ``ar``, which validators report (it must
    equal ``lang``)."""
    source = tmp_path / "x.html"
    source.write_text(
        '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="ar" xml:lang="ar" '
        'dir="rtl"><body><p xml:lang="ar" lang="ar">فقرة.</p></body></html>', encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source, "x")
        project.confirm(project.segments("x", limit=10)[0].id, "A paragraph.")
        out = project.export_file("original", tmp_path / "out.html").path
    root = lxml.html.document_fromstring(out.read_bytes())
    assert (root.get("lang"), root.get("xml:lang"), root.get("dir")) == ("en", "en", "ltr")
    p = root.find(".//p")
    assert (p.get("lang"), p.get("xml:lang")) == ("en", "en")


def test_the_text_after_a_wbr_is_read_and_translated(tmp_path: Path) -> None:
    """libxml2 does not know HTML5's void wbr (nor source, track): the rest of the paragraph
    was the wbr's content, an empty tag's, never a segment, and stayed Arabic in the export."""
    source = tmp_path / "w.html"
    source.write_text("<html><body><p>كلمة<wbr>طويلة هنا. <b>جملة</b> ثانية.</p><p>صورة "
                      '<picture><source srcset="a.webp"><img src="a.png"></picture> بعدها.</p>'
                      "</body></html>", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source, "w")
        segments = project.segments("w", limit=10)
        assert [s.source for s in segments] == [
            "كلمة<1/>طويلة هنا.", "<2>جملة</2> ثانية.", "صورة <1/> بعدها."]
        for segment, english in zip(segments, ("A long<1/>word here.", "<2>Second</2> one.",
                                               "An image <1/> after it."), strict=True):
            project.confirm(segment.id, english)
        out = project.export_file("original", tmp_path / "out.html").path
    tree = lxml.html.parse(str(out))
    assert [p.text_content() for p in tree.iter("p")] == [
        "A longword here. Second one.", "An image  after it."]
    assert len(list(tree.iter("wbr"))) == 1 and len(list(tree.iter("img"))) == 1


def test_the_pages_css_direction_turns_left_to_right(tmp_path: Path) -> None:
    """A ``<style>`` or ``style`` attribute saying ``direction: rtl`` outweighs
    ``dir="ltr"``: translated, the page's CSS says ``ltr`` (and ``text-align: left``); a
    block left in Arabic keeps its own."""
    source = tmp_path / "styled.html"
    source.write_text(
        '<html dir="rtl"><head><style>body { direction: rtl; text-align: right }</style>'
        '</head><body style="direction:rtl"><p style="text-align: right; color: red">'
        'فقرة أولى.</p><p style="text-align:right">فقرة ثانية.</p></body></html>',
        encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        first = project.segments("styled", limit=10)[0]
        project.confirm(first.id, "First paragraph.")
        out = project.export_file("original", tmp_path / "styled.en.html").path
    root = lxml.html.fromstring(out.read_bytes())
    assert root.find(".//style").text == "body { direction: ltr; text-align: left }"
    assert root.find("body").get("style") == "direction:ltr"
    english, arabic = root.findall(".//p")
    assert english.get("style") == "text-align: left; color: red"
    assert arabic.get("style") == "text-align:right" and arabic.get("dir") == "rtl"


def test_the_englishs_inline_elements_are_left_to_right(tmp_path: Path) -> None:
    """A span saying ``dir="rtl" lang="ar"`` or a ``bdo dir="rtl"`` around the English shows
    it right-to-left (a ``bdo``: reversed, "tfel"): they say ``ltr``/``en`` now."""
    source = tmp_path / "spans.html"
    source.write_text('<html dir="rtl"><body><p>قال <span dir="rtl" lang="ar">الرئيس</span> '
                      'ثم <bdo dir="rtl">غادر</bdo>.</p></body></html>', encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segment = project.segments("spans", limit=10)[0]
        project.confirm(segment.id, "Then <1>the president</1> <2>left</2>.")
        out = project.export_file("original", tmp_path / "spans.en.html").path
    p = lxml.html.fromstring(out.read_bytes()).find(".//p")
    assert [(el.tag, el.get("dir"), el.get("lang"), el.text) for el in p] == [
        ("span", "ltr", "en", "the president"), ("bdo", "ltr", None, "left"),
    ]


def test_buttons_options_and_button_inputs_are_translated(tmp_path: Path) -> None:
    """The labels a form shows — a button's text, a list's options, a submit input's value —
    were empty tags or not read, left in Arabic in the English page; a text input's value (what
    the reader typed) and a text area stay as they are."""
    source = tmp_path / "form.html"
    source.write_text(
        '<html dir="rtl" lang="ar"><head><meta charset="utf-8"></head><body><form>'
        '<p>اختر <select><option value="a">خيار أول'
        '</option><option>خيار ثان</option></select> ثم اضغط.</p>'
        '<button type="button">زر الإرسال</button><input type="submit" value="أرسل">'
        '<input type="text" value="قيمة"><textarea>نص المساحة</textarea></form></body></html>',
        encoding="utf-8",
    )
    english = {"اختر <1/> ثم اضغط.": "Choose <1/> then press.", "خيار أول": "First choice",
               "خيار ثان": "Second choice", "زر الإرسال": "Send button", "أرسل": "Send"}
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segments = project.segments("form", limit=100)
        assert sorted(x.source for x in segments) == sorted(english)
        for segment in segments:
            project.confirm(segment.id, english[segment.source])
        out = project.export_file("original", tmp_path / "form.en.html").path
    root = _tree(out)
    assert [o.text for o in root.iter("option")] == ["First choice", "Second choice"]
    assert root.find(".//option").get("value") == "a"
    assert root.find(".//p").text_content() == "Choose First choiceSecond choice then press."
    assert root.find(".//button").text == "Send button"
    assert [i.get("value") for i in root.iter("input")] == ["Send", "قيمة"]
    assert root.find(".//textarea").text == "نص المساحة"


def test_control_characters_in_a_page_are_no_text(tmp_path: Path) -> None:
    """LibreOffice's HTML of a document with input fields leaves its field marks in the text
    (U+0004, U+0005, U+0001): a segment '\\x05' alone was made, which the TSV export writes
    empty and import-csv refused ('empty Arabic'); the marks are left out."""
    source = tmp_path / "lo.html"
    source.write_bytes(
        '<html><head><meta charset="utf-8"></head><body><p>\x04<font face="DejaVu Sans">فقرة '
        'في حقل</font>.\r\x05</p><p>الاسم: أحمد\x01 علي.</p></body></html>'.encode())
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        assert [x.source for x in project.segments("lo", limit=10)] == [
            "فقرة في حقل.", "الاسم: أحمد علي.",
        ]


def test_a_right_aligned_paragraph_of_libreoffices_html_is_left_aligned_in_english(
    tmp_path: Path,
) -> None:
    """LibreOffice's HTML of an Arabic document right-aligns each paragraph with
    ``align="right"``: the English stayed right-aligned; a paragraph left in Arabic keeps it."""
    source = tmp_path / "lo.html"
    source.write_text(
        '<html><head><meta charset="utf-8"></head><body lang="ar-SA" dir="rtl">'
        '<h1 align="right">عنوان.</h1><p align="right">فقرة أولى.</p>'
        '<p align="center">فقرة في الوسط.</p><p align="right">فقرة ثانية.</p></body></html>',
        encoding="utf-8")
    english = {"عنوان.": "Title.", "فقرة أولى.": "First paragraph.",
               "فقرة في الوسط.": "Centred paragraph."}
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        for segment in project.segments("lo", limit=10):
            if segment.source in english:
                project.confirm(segment.id, english[segment.source])
        out = project.export_file("original", tmp_path / "lo.en.html").path
    root = _tree(out)
    assert [(el.text, el.get("align")) for el in root.iter("h1", "p")] == [
        ("Title.", "left"), ("First paragraph.", "left"), ("Centred paragraph.", "center"),
        ("فقرة ثانية.", "right"),
    ]


def test_a_libreoffice_field_is_an_empty_tag_and_its_footer_mark_no_text(tmp_path: Path) -> None:
    """LibreOffice writes a page number or a date of its HTML as ``<sdfield>``, which libxml2
    does not know: read as a block, it cut ``صفحة 1 من 2`` into four segments. It is an empty
    tag holding its result, written back where the English puts it. The ``title`` of the div
    around its footer is its mark of the footer, no segment (translated, the footer was lost
    to LibreOffice)."""
    source = tmp_path / "lo.html"
    source.write_text(
        '<html><body><p dir="rtl">التاريخ: <span><sdfield type=DATETIME sdnum="1033;0;M/D/YY">'
        "12/5/26</sdfield></span>. انتهى.</p>"
        '<div title="footer"><p>صفحة <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield>'
        " من <sdfield type=DOCSTAT subtype=PAGE format=PAGE>2</sdfield></p></div></body></html>",
        encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source, "lo")
        segments = project.segments("lo", limit=10)  # the div's title: LibreOffice's mark
        assert [s.source for s in segments] == [
            "التاريخ: <1/>.", "انتهى.", "صفحة <1/> من <2/>"]
        assert project.sources.segment_tags(segments[2].id)[1].label == "field"
        for segment, english in zip(segments, ("Date: <1/>.", "The end.",
                                               "Page <1/> of <2/>"), strict=True):
            project.confirm(segment.id, english)
        out = project.export_file("original", tmp_path / "out.html").path
    tree = lxml.html.parse(str(out))
    assert [p.text_content() for p in tree.iter("p")] == ["Date: 12/5/26. The end.",
                                                          "Page 1 of 2"]
    assert len(list(tree.iter("sdfield"))) == 3
    assert [d.get("title") for d in tree.iter("div")] == ["footer"]


def test_a_long_pages_places_are_found_once_per_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each block's place numbered it among all its siblings, and each run between a page's
    blocks copied their list: a page of 60,000 paragraphs took over ten minutes to import
    (now half a minute). The steps of a parent's children are found once, the places as
    before."""
    from workbench.filters import html
    from workbench.filters.html_elements import local

    calls: list[str] = []
    steps = html._steps

    def counted(parent: etree._Element) -> dict:
        calls.append(local(parent.tag))
        return steps(parent)

    monkeypatch.setattr(html, "_steps", counted)
    paragraphs = "".join(f"<p>فقرة رقم {n}.</p>\n" for n in range(300))
    source = tmp_path / "long.html"
    source.write_text(f"<html><body>{paragraphs}<div><p>أولى.</p><p>ثانية.</p></div>"
                      "<div><ul><li>بند.</li></ul></div></body></html>", encoding="utf-8")
    places = [b.place for b in read_source(source).blocks]
    assert places[:2] == ["p[1]", "p[2]"] and places[299] == "p[300]"
    assert places[300:] == ["div[1]/p[1]", "div[1]/p[2]", "div[2]/ul/li"]
    assert sorted(calls) == ["body", "div", "div", "ul"]


def test_a_span_around_a_paragraphs_whole_text_is_no_tag(tmp_path: Path) -> None:
    """LibreOffice's EPUB wraps each paragraph's text in a styling span: every segment was
    ``<1>…</1>``, and English typed without the pair was a tag-mismatch error. The span is
    read through and kept around the English; an untranslated paragraph says ``rtl`` on
    itself, not on the span."""
    source = tmp_path / "lo.xhtml"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        '<body><p class="p0"> <span class="s0">مقدمة</span> </p>'
        '<p class="p1"><span class="s1">نص <span class="s2">بارز</span> هنا.</span></p>'
        '<p><span class="s1">نص</span> آخر.</p><p><span> </span></p></body></html>',
        encoding="utf-8")
    assert [b.text for b in read_source(source).blocks] == \
        ["مقدمة", "نص <1>بارز</1> هنا.", "<1>نص</1> آخر."]
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source, "lo")
        first = project.segments("lo", limit=10)[0]
        project.confirm(first.id, "Introduction")
        text = project.export_file("original", tmp_path / "out.xhtml").path \
            .read_text(encoding="utf-8")
    assert '<p class="p0"> <span class="s0">Introduction</span> </p>' in text
    assert '<p class="p1" dir="rtl" lang="ar"><span class="s1">نص <span' in text


@pytest.mark.parametrize("xhtml", [False, True])
def test_arabic_left_in_a_translated_block_is_labelled_arabic(
    tmp_path: Path, xhtml: bool
) -> None:
    """--fallback source: an untranslated sentence of a translated paragraph is put in a
    bdi (XHTML: a span) that says right to left and Arabic (the paragraph says ltr/en; it
    read as English); a page title's Arabic gets none (a title holds text alone)."""
    body = ("<title>عنوان الصفحة. سطر</title></head><body>"
            "<p>كتب الطالب رسالة طويلة. ثم <b>أرسلها</b> في عام 2024.</p>"
            "<ul><li><b>مصطلح</b> معناه الثورة.</li></ul></body></html>")
    if xhtml:
        source = tmp_path / "page.xhtml"
        source.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns='
                          '"http://www.w3.org/1999/xhtml" dir="rtl" xml:lang="ar"><head>'
                          + body, encoding="utf-8")
    else:
        source = tmp_path / "page.html"
        source.write_text('<!DOCTYPE html>\n<html dir="rtl" lang="ar"><head><meta '
                          'charset="utf-8">' + body, encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segments = project.segments(source.stem, limit=10)
        project.confirm(segments[0].id, "Page title.")
        project.confirm(segments[2].id, "The student wrote a long letter.")
        project.confirm(segments[4].id, "<1>The term الثورة</1> means revolution.")
        out = project.export_file("original", tmp_path / f"out{source.suffix}").path
    text = out.read_text(encoding="utf-8")
    assert "<title>Page title. سطر</title>" in text
    label = ' dir="rtl" lang="ar"' + (' xml:lang="ar"' if xhtml else "")
    tag = "span" if xhtml else "bdi"
    # one isolate over the sentence, its bold inside (isolates of its parts would be laid
    # out left to right: the Arabic words in the wrong order)
    assert (f'<p>The student wrote a long letter. <{tag}{label}>ثم <b>أرسلها</b> في عام '
            f'2024.</{tag}></p>') in text
    # a bold holding English and an Arabic term: the term is labelled inside it
    assert f'<li><b>The term <{tag}{label}>الثورة</{tag}></b> means revolution.</li>' in text


#: LibreOffice's HTML of an Arabic DOCX (``soffice --convert-to html``, 7.4): each sentence
#: in ``<font face="">`` and ``<span lang="ar-SA">``, its stop outside.
LO_PAGE = (
    '<html><head><meta charset="utf-8"></head><body lang="en-US" dir="ltr">'
    '<h1 class="western"><font face=""><span lang="ar-SA">تقرير الصحة</span></font></h1>'
    '<p style="margin-bottom: 0.14in"><font face=""><span lang="ar-SA">ذهب\nالولد إلى '
    'المدرسة</span></font>. <font face=""><span lang="ar-SA"><b>وكان الجو</b> جميلا</span>'
    '</font>. <font face=""><span lang="ar-SA"><font color="#ff0000">كلمة</font> '
    'حمراء</span></font>.</p>'
    '<p><font face=""><span lang="ar-SA">قال <span lang="en-US">iPhone</span> '
    '<span dir="ltr">نص</span></span></font> هنا.</p>'
    '<table><tr><td><p><font face=""><font size="3" style="font-size: 12pt">خلية أولى</font>'
    '</font><font face="Cambria, serif"><font size="3" style="font-size: 12pt">.</font></font>'
    '</p></td></tr></table></body></html>'
)


def test_libreoffices_sentence_wrappers_are_no_tags_and_wrap_the_english(
    tmp_path: Path,
) -> None:
    """LibreOffice's HTML wraps each Arabic sentence in a ``font`` and a ``span`` that say
    only its font and language, the full stop outside: every segment was
    ``<1><2>…</2></1>.``, two pairs to carry through the English for nothing. They are no
    tags (bold, a colour, a direction still are); a copy of them wraps the paragraph's
    English, in English, when they held all its words. Alike styling elements holding all
    a block's words (a table cell's size, around its words and around its stop) are no
    tags either, and a copy of the first wraps the English."""
    source = tmp_path / "lo.html"
    source.write_text(LO_PAGE, encoding="utf-8")
    english = {"تقرير الصحة": "Health report", "ذهب الولد إلى المدرسة.": "The boy went.",
               "<1>وكان الجو</1> جميلا.": "<1>The weather</1> was nice.",
               "<2>كلمة</2> حمراء.": "A <2>red</2> word.",
               "قال iPhone <1>نص</1> هنا.": "He said iPhone <1>text</1> here.",
               "خلية أولى.": "First cell."}
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segments = project.segments("lo", limit=10)
        assert [s.source for s in segments] == list(english)
        for segment in segments:
            project.confirm(segment.id, english[segment.source])
        out = project.export_file("original", tmp_path / "lo.en.html").path
    text = out.read_text(encoding="utf-8")
    assert '<h1 class="western"><font face=""><span lang="en">Health report</span></font>' \
        in text
    assert ('<p style="margin-bottom: 0.14in"><font face=""><span lang="en">The boy went. '
            '<b>The weather</b> was nice. A <font color="#ff0000">red</font> word.</span>'
            '</font></p>') in text
    assert '<p>He said iPhone <span dir="ltr">text</span> here.</p>' in text
    assert ('<td><p><font face=""><font size="3" style="font-size: 12pt">First cell.</font>'
            '</font></p></td>') in text


def test_a_pre_of_libreoffice_is_a_paragraph_a_line(tmp_path: Path) -> None:
    """LibreOffice's HTML of a DOCX of plain text is one ``pre``, a paragraph a line: it was
    one block (its lines' segments one paragraph of the exports). Each line is a paragraph;
    written back, the lines, the empty line and the indentation are as they were."""
    source = tmp_path / "pre.html"
    source.write_text(
        '<html><head><meta charset="utf-8"></head><body><pre class="western">'
        '<font face="Liberation Mono"><span lang="hi-IN">عنوان بلا نقطة</span></font>\n'
        '  <font face="Liberation Mono"><span lang="hi-IN">السطر الثاني</span></font>.\n\n'
        "سطر <b>ثالث</b>.\n</pre></body></html>", encoding="utf-8")
    document = read_source(source)
    assert [(b.text, b.place) for b in document.blocks] == [
        ("عنوان بلا نقطة", "pre/line[1]/font/span"), ("السطر الثاني.", "pre/line[2]"),
        ("سطر <1>ثالث</1>.", "pre/line[3]")]
    english = {"عنوان بلا نقطة": "A title", "سطر <1>ثالث</1>.": "A <1>third</1> line."}
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        for segment in project.segments("pre", limit=10):
            if segment.source in english:
                project.confirm(segment.id, english[segment.source])
        out = project.export_file("original", tmp_path / "pre.en.html").path
    text = out.read_text(encoding="utf-8")
    assert ('<pre class="western"><font face="Liberation Mono"><span lang="hi-IN">A title'
            '</span></font>\n  <font face="Liberation Mono"><span lang="hi-IN">السطر الثاني'
            '</span></font>.\n\nA <b>third</b> line.\n</pre>') in text


def test_a_bookmark_at_a_blocks_edge_is_no_tag(tmp_path: Path) -> None:
    """LibreOffice's HTML of a DOCX with bookmarks on its headings (pandoc's, Word's
    contents) puts ``<a name="…"></a>`` before each heading's text: every heading was
    ``<1/>المقدمة``, and English without the tag a tag-mismatch error. A bookmark at the start
    or end of a block stays where it is, outside the text; inside, it is still an empty tag."""
    source = tmp_path / "lo.html"
    source.write_text(
        '<html><head><meta charset="utf-8"></head><body>'
        '<h1 dir="rtl" align="right"><a name="intro"></a>\n<font face="">المقدمة</font></h1>'
        '<p>نص <a name="m"></a>هنا.<a name="end"></a> </p></body></html>', encoding="utf-8")
    english = {"المقدمة": "Introduction", "نص <1/>هنا.": "Text <1/>here."}
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segments = project.segments("lo", limit=10)
        assert [s.source for s in segments] == list(english)
        for segment in segments:
            project.confirm(segment.id, english[segment.source])
        out = project.export_file("original", tmp_path / "lo.en.html").path
    text = out.read_text(encoding="utf-8")
    assert ('<h1 dir="ltr" align="left"><a name="intro"></a>\n<font face="">Introduction'
            '</font></h1>') in text
    assert '<p>Text <a name="m"></a>here.<a name="end"></a> </p>' in text


def test_the_blocks_after_a_text_with_an_empty_tag_are_kept(tmp_path: Path) -> None:
    """A block's text before a block child (``<li>text <code>x</code><ul>…``, a div's text
    with an image before its paragraph) had its nodes found after its empty tags' elements
    moved into the English: the block elements after them took their places and were removed,
    the nested list or paragraph lost from the translated page."""
    source = tmp_path / "d.html"
    source.write_text(
        '<html><head><meta charset="utf-8"></head><body><div>نص <img src="x.png"> هنا.'
        '<p>فقرة.</p></div><ul><li>بند <code>x</code><ul><li>فرعي.</li></ul></li></ul>'
        '</body></html>', encoding="utf-8")
    english = {"نص <1/> هنا.": "Text <1/> here.", "بند <1/>": "Item <1/>"}
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        for segment in project.segments("d", limit=10):
            if segment.source in english:
                project.confirm(segment.id, english[segment.source])
        out = project.export_file("original", tmp_path / "d.en.html").path
    text = out.read_text(encoding="utf-8")
    assert '<div>Text <img src="x.png"> here.<p dir="rtl" lang="ar">فقرة.</p></div>' in text
    assert '<li>Item <code>x</code><ul><li dir="rtl" lang="ar">فرعي.</li></ul></li>' in text


def test_the_advice_for_a_document_the_filters_now_read_otherwise_fills_it(
    tmp_path: Path,
) -> None:
    """A LibreOffice page imported by version 9 held ``<1><2>…</2></1>.`` in each segment; the
    export refuses it and said to import it again and ``pretranslate --doc NAME``, which
    filled nothing: its memory matches differ in their tags (95-99%, below the default 100).
    The advice says ``--min 95``, which fills it."""
    import json
    import sqlite3

    from workbench.errors import WorkbenchError

    source = tmp_path / "lo.html"
    source.write_text('<html><head><meta charset="utf-8"></head><body><p>ذهب <b>الولد</b> إلى '
                      'المدرسة.</p></body></html>', encoding="utf-8")
    again = tmp_path / "again.html"
    again.write_text('<html><head><meta charset="utf-8"></head><body><p>ذهب الولد إلى '
                     'المدرسة.</p></body></html>', encoding="utf-8")
    db = tmp_path / "p.db"
    with Project.open(db, create=True, author="tester") as project:
        project.sources.import_file(source)
        project.confirm(project.segments("lo", limit=1)[0].id, "The <1>boy</1> went.")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE document_sources SET filter_version = 9")
        conn.execute("UPDATE source_blocks SET tags = ?", [json.dumps(
            {"1": [1, "font", "font", 1]})])
    with Project.open(db, author="tester") as project:
        with pytest.raises(WorkbenchError, match=r"import it again") as refused:
            project.export_file("original", tmp_path / "lo.en.html")
        advice = re.search(r"pretranslate --doc NAME --min (\d+)", str(refused.value))
        assert advice is not None
        project.sources.import_file(again, "lo2")
        assert project.tm.pretranslate("lo2").filled == 0
        assert project.tm.pretranslate("lo2", int(advice.group(1))).filled == 1


def test_libreoffices_html_named_xhtml_is_read_as_html(tmp_path: Path) -> None:
    """``soffice --convert-to xhtml`` of a text document writes LibreOffice's HTML (no XML
    declaration, no XHTML namespace, ``<li>`` left open) under ``.xhtml``: read as XML by its
    ending, it was refused (not well-formed), ``--format html`` too. It is read and written
    back as the HTML it is; a page with the namespace is still XML."""
    source = tmp_path / "lo.xhtml"
    source.write_text(
        '<!DOCTYPE html>\n<html>\n<head><meta http-equiv="content-type" content="text/html; '
        'charset=utf-8"/></head><body><ul><li><p>البند الأول.</p><li><p>البند الثاني.</p>'
        '</ul></body></html>', encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segments = project.segments("lo", limit=10)
        assert [s.source for s in segments] == ["البند الأول.", "البند الثاني."]
        project.confirm(segments[0].id, "The first item.")
        out = project.export_file("original", tmp_path / "lo.en.xhtml").path
    assert [li.text_content() for li in _tree(out).iter("li")] == [
        "The first item.", "البند الثاني."]
    xml = tmp_path / "x.xhtml"
    xml.write_text('<html xmlns="http://www.w3.org/1999/xhtml"><body><p>نص &amp; نص.</p>'
                   '<p/></body></html>', encoding="utf-8")
    assert [b.text for b in read_source(xml).blocks] == ["نص & نص."]


def test_words_xml_islands_in_its_html_are_no_blocks_nor_tags(tmp_path: Path) -> None:
    """Word's HTML (Save as Web Page) ends each paragraph's last span with ``<o:p></o:p>`` and
    wraps names in smart tags (``<st1:place>``): libxml2 keeps such prefixed elements, which
    were read as blocks, so each sentence was cut in two paragraphs at its last span."""
    source = tmp_path / "word.htm"
    source.write_bytes(
        "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><meta "
        "http-equiv=Content-Type content='text/html; charset=windows-1256'></head><body>"
        "<p class=MsoNormal dir=RTL><span lang=AR-SA>هناك استياء بين </span><b><span "
        "lang=AR-SA>أعضاء</span></b><span lang=AR-SA> جمعية <st1:place w:st='on'>ويلز"
        "</st1:place> الوطنية.<o:p></o:p></span></p>"
        "<p class=MsoNormal dir=RTL><o:p>&nbsp;</o:p></p></body></html>".encode("cp1256"))
    out = _one_segment_translated(
        source, "هناك استياء بين <1>أعضاء</1> جمعية ويلز الوطنية.",
        "Consternation among <1>members</1> of the Welsh assembly.")
    body = lxml.html.fromstring(out.read_bytes()).find("body")
    assert [p.text_content() for p in body.iter("p")] == [
        "Consternation among members of the Welsh assembly.", "\xa0"]


def test_words_own_css_and_empty_direction_spans_are_no_tags(tmp_path: Path) -> None:
    """Word's HTML wraps each Arabic run in ``<span lang=AR-SA style='mso-bidi-font-family:
    Arial'>`` (Word's own CSS, which no browser reads) and puts an empty ``<span dir=RTL>``
    after a list's number: each was a tag, the sentence ``<4/><5>البند…</5>``. The span of the
    list's number (``mso-list:Ignore``, which Word leaves out of the text) stays a tag."""
    source = tmp_path / "list.htm"
    source.write_text(
        "<html><head><meta charset=utf-8></head><body><p class=MsoListParagraph dir=RTL "
        "style='mso-list:l0 level1 lfo1'><span lang=AR-SA style='mso-bidi-font-family:Arial'>"
        "<span style='mso-list:Ignore'>1.</span></span><span dir=RTL></span><span lang=AR-SA "
        "style='mso-bidi-font-family:Arial;font-family:Arial'> البند الأول.</span></p>"
        "</body></html>", encoding="utf-8")
    out = _one_segment_translated(source, "<1>1.</1> البند الأول.", "<1>1.</1> The first item.")
    paragraph = lxml.html.fromstring(out.read_bytes()).find("body/p")
    assert paragraph.text_content() == "1. The first item."
    (number,) = [s for s in paragraph.iter("span") if "mso-list" in (s.get("style") or "")]
    assert number.text == "1." and number.tail == " The first item."


def test_a_block_left_in_arabic_keeps_the_direction_a_class_rule_gave_it(
    tmp_path: Path
) -> None:
    """``p.ar { direction: rtl }`` turned ``ltr`` in the English page outweighed the
    ``dir="rtl"`` of a paragraph of that class left in Arabic: it was drawn left to right,
    its full stop on the right. It says ``direction: rtl`` itself now; a rule of ``body``
    alone, which ``dir`` outweighs, adds nothing."""
    source = tmp_path / "classes.html"
    source.write_text(
        '<html dir="rtl"><head><style>body { text-align: right }\n'
        'p.ar, li.ar { direction: rtl; color: navy }</style></head><body>'
        '<p class="ar">فقرة أولى.</p><p class="ar" style="color: red">فقرة ثانية.</p>'
        '</body></html>', encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        first = project.segments("classes", limit=10)[0]
        project.confirm(first.id, "First paragraph.")
        out = project.export_file("original", tmp_path / "classes.en.html").path
    root = lxml.html.fromstring(out.read_bytes())
    assert "p.ar, li.ar { direction: ltr" in root.find(".//style").text
    english, arabic = root.findall(".//p")
    assert english.get("style") is None
    assert arabic.get("style") == "color: red; direction: rtl" and arabic.get("dir") == "rtl"


def test_alike_spans_holding_most_of_a_paragraph_are_no_tags(tmp_path: Path) -> None:
    """Google Docs' HTML puts each run in a span of its class, a link or a bold word in
    another: each sentence was ``<1>…</1><2><3>link</3></2><4>…</4>``. The alike spans
    holding most of its words are no tags, a copy of the first holding the English and the
    others' tags; a span holding fewer stays a tag."""
    source = tmp_path / "gdocs.html"
    source.write_text(
        '<html><body><p class="c1" dir="rtl"><span class="c0">بدأت الثورة ثم انتشرت في '
        '</span><span class="c3"><a href="https://example.org">بتروغراد</a></span>'
        '<span class="c0"> بسرعة.</span></p>'
        '<p><span class="c0">كلمة</span><span class="c4">عريضة في جملة طويلة</span></p>'
        '</body></html>', encoding="utf-8")
    assert [b.text for b in read_source(source).blocks] == [
        "بدأت الثورة ثم انتشرت في <1><2>بتروغراد</2></1> بسرعة.",
        "<1>كلمة</1>عريضة في جملة طويلة"]
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source, "gdocs")
        first = project.segments("gdocs", limit=10)[0]
        project.confirm(first.id, "The revolution began, then spread in <1><2>Petrograd</2></1>"
                                  " quickly.")
        text = project.export_file("original", tmp_path / "out.html").path \
            .read_text(encoding="utf-8")
    assert '<p class="c1" dir="ltr"><span class="c0">The revolution began, then spread in ' \
           '<span class="c3"><a href="https://example.org">Petrograd</a></span> quickly.' \
           '</span></p>' in text


def test_an_aria_label_is_translated(tmp_path: Path) -> None:
    """A menu's or an icon button's aria-label, what a screen reader says of it, stayed
    Arabic in the English page."""
    source = tmp_path / "nav.html"
    source.write_text('<html lang="ar" dir="rtl"><body><nav aria-label="التنقل الرئيسي">'
                      '<a href="/">الرئيسية</a></nav></body></html>', encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segments = project.segments("nav", limit=10)
        assert [x.source for x in segments] == ["التنقل الرئيسي", "<1>الرئيسية</1>"]
        project.confirm(segments[0].id, "Main navigation")
        project.confirm(segments[1].id, "<1>Home</1>")
        out = project.export_file("original", tmp_path / "nav.en.html").path
    nav = _tree(out).find(".//nav")
    assert (nav.get("aria-label"), nav.find("a").text) == ("Main navigation", "Home")
