"""The document properties of a translated DOCX or ODT: its title and language in English."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from lxml import etree
from odf import dc
from odf.opendocument import OpenDocumentText
from odf.style import DefaultStyle, TextProperties
from odf.text import P

from workbench.project import Project

DC = "{http://purl.org/dc/elements/1.1/}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"


def _translate(source: Path, tmp_path: Path, english: list[str]) -> Path:
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source, "doc")
        for segment, text in zip(project.segments("doc", limit=10), english, strict=True):
            project.confirm(segment.id, text)
        return project.export_file("original", tmp_path / f"out{source.suffix}").path


def test_a_docx_title_and_language_turn_english(tmp_path: Path) -> None:
    """pandoc writes the title into the properties, which a PDF's title and the file's
    properties show: a title that is a translated paragraph's Arabic takes its English, the
    language ar turns en-US, and so does the styles' default language (all were left in
    Arabic: the PDF's language was ar-SA)."""
    document = docx.Document()
    document.add_heading("تقرير اللجنة", 0)
    document.add_paragraph("بدأت الثورة.")
    document.core_properties.title = "تقرير  اللجنة"
    document.core_properties.language = "ar-SA"
    document.core_properties.subject = "موضوع"
    lang = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    lang.set(f"{W}val", "ar")  # as pandoc writes it for an Arabic document
    document.save(tmp_path / "r.docx")
    out = _translate(tmp_path / "r.docx", tmp_path, ["Committee report", "The revolution began."])
    properties = docx.Document(str(out)).core_properties
    assert (properties.title, properties.language) == ("Committee report", "en-US")
    assert properties.subject == "موضوع"  # not a paragraph of the document: as it was
    # the default language of Latin text (a PDF's language) English, Arabic's kept
    with zipfile.ZipFile(out) as z:
        lang = etree.fromstring(z.read("word/styles.xml")).find(f".//{W}docDefaults//{W}lang")
    assert (lang.get(f"{W}val"), lang.get(f"{W}bidi")) == ("en-US", "ar-SA")


def test_an_odt_title_and_language_turn_english(tmp_path: Path) -> None:
    """The same in an ODT's meta.xml, and its default style's language (pandoc's ODT said ar:
    LibreOffice's PDF of the English said /Lang ar)."""
    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text="تقرير اللجنة"))
    document.meta.addElement(dc.Language(text="ar"))
    default = DefaultStyle(family="paragraph")  # pandoc's default language for Arabic
    default.addElement(TextProperties(language="ar", country="", languagecomplex="zxx"))
    document.styles.addElement(default)
    document.text.addElement(P(text="تقرير اللجنة"))
    document.text.addElement(P(text="بدأت الثورة."))
    document.save(str(tmp_path / "r.odt"))
    out = _translate(tmp_path / "r.odt", tmp_path, ["Committee report", "The revolution began."])
    with zipfile.ZipFile(out) as z:
        meta = etree.fromstring(z.read("meta.xml"))
        styles = etree.fromstring(z.read("styles.xml"))
    assert meta.find(f".//{DC}title").text == "Committee report"
    assert meta.find(f".//{DC}language").text == "en-US"
    props = styles.find(f".//{STYLE}default-style/{STYLE}text-properties")
    assert (props.get(f"{FO}language"), props.get(f"{FO}country")) == ("en", "US")
