"""An HTML or XHTML page's bytes and libxml2: whether it is XHTML, its encoding, HTML's named
references in XHTML, and what libxml2 does not do as a browser does (void elements it does not
know, a page nested too deep, a Content-Type meta its serialiser leaves out)."""

from __future__ import annotations

import codecs
import html.entities
import re

import lxml.html
from lxml import etree

from workbench import textio
from workbench.errors import InputError
from workbench.filters.html_elements import XHTML

# a named reference, or a CDATA section or comment (group 1), whose text is kept as it is
_NAMED_REFERENCE = re.compile(rb"(<!\[CDATA\[.*?\]\]>|<!--.*?-->)|&([A-Za-z][A-Za-z0-9]{1,31});",
                              re.DOTALL)
_XML_NAMED = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})


def numeric_references(data: bytes) -> bytes:
    """XHTML bytes with HTML's named character references (``&nbsp;``) as numeric ones
    (``&#160;``); the XML ones and unknown names are left for the parser, CDATA sections and
    comments as they are."""
    def numeric(found: re.Match[bytes]) -> bytes:
        name = found.group(2)
        if name is None:
            return found.group(0)
        point = None if name in _XML_NAMED else html.entities.name2codepoint.get(name.decode())
        return found.group(0) if point is None else b"&#%d;" % point

    return _NAMED_REFERENCE.sub(numeric, data) if b"&" in data else data


#: A DOCTYPE with declarations (an internal subset), never meant for an HTML page.
INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)


#: HTML5's void elements libxml2's HTML parser does not know: it reads the rest of their
#: parent as their content.
UNKNOWN_VOIDS = ("wbr", "source", "track")


def empty_voids(root: etree._Element) -> None:
    """Give the text and elements libxml2 put inside a void element it does not know (``a<wbr>b
    <b>c</b>``) back to its parent, after it: they were a ``wbr`` tag's content, never read."""
    for el in list(root.iter(*UNKNOWN_VOIDS)):
        children = list(el)
        if not children and not el.text:
            continue
        parent = el.getparent()
        if parent is None:
            continue
        tail, el.tail, el.text = el.tail, el.text, None
        at = parent.index(el)
        for k, child in enumerate(children):
            parent.insert(at + 1 + k, child)
        last = children[-1] if children else el
        last.tail = (last.tail or "") + (tail or "") or None


def refuse_truncated(parser: etree.HTMLParser, path: str) -> None:
    """Refuse a page libxml2 stopped reading: past 256 nested elements it drops the rest of
    the page without raising (its text was neither imported nor exported)."""
    for error in parser.error_log:
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            raise InputError(path, "refused: elements nested more than 256 deep (the rest "
                             "of the page cannot be read)", error.line)


def keep_content_type(root: etree._Element) -> None:
    """Spell a ``<meta http-equiv="Content-Type">`` in lower case, as HTML allows: libxml2's
    serialiser leaves out the one spelt exactly so (Word's and most editors' HTML), and the
    page lost its declared charset (a Windows-1256 page's Arabic was read as Latin)."""
    for el in root.iter("meta"):
        if el.get("http-equiv") == "Content-Type":
            el.set("http-equiv", "content-type")


def is_xhtml(data: bytes, path: str) -> bool:
    """Whether a page is XHTML: it starts with an XML declaration, or it is named so and is
    not an HTML page (LibreOffice's ``--convert-to xhtml`` of a text document writes its HTML,
    with neither a declaration nor XHTML's namespace: read as XML, it was refused)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf").lstrip()
    if not path.lower().endswith((".xhtml", ".xht")):
        return head.startswith(b"<?xml")
    return head.startswith(_XML_STARTS) or XHTML.encode() in data[:65536]


#: How an XML file starts: its declaration (in UTF-16 too, with or without a byte order mark).
_XML_STARTS = (b"<?xml", "<?xml".encode("utf-16-le"), "<?xml".encode("utf-16-be"),
               codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def page_encoding(data: bytes, path: str) -> str:
    """The encoding of an HTML page: its BOM, UTF-8 when it decodes (what its meta says
    when the page is all ASCII: its Arabic written as character references, its English is
    written in the declared encoding too, not as UTF-8 under a Windows-1256 meta), what its
    meta says, else Windows-1256 or ISO-8859-6 when its bytes read as Arabic in it (see
    :func:`_code_page`)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        declared = _declared(data) if data.isascii() else None
        return declared if declared and _ascii_compatible(declared) else "utf-8"
    sniffed = _declared(data)
    if sniffed and sniffed.lower().replace("_", "-") not in ("utf-8", "iso-8859-1"):
        return sniffed
    return _code_page(data, path)


#: A meta naming a Latin-1 code page (libxml2 reports ISO-8859-1 for a page naming none too).
_LATIN_CHARSET = re.compile(
    rb"charset\s*=\s*[\"']?\s*(?:iso[-_]?8859[-_]1|latin-?1|windows-1252|cp1252)\b", re.I
)


def _code_page(data: bytes, path: str) -> str:
    """The code page of a page that is not UTF-8 and declares none (or Latin-1, which Arabic
    pages often declare wrongly): Windows-1256 or ISO-8859-6 when its bytes read as Arabic
    text in it (as a text file's are told apart); else the Windows-1252 a Latin-1 meta
    names; else refused, as a text file in another encoding is: Windows-1256 would read a
    Windows-1252 English page's accents as Arabic letters (Málaga as Mلlaga)."""
    reading = textio.arabic_reading(data)
    if reading is not None:
        return {"cp1256": "windows-1256", "iso8859_6": "iso-8859-6"}[reading[1]]
    if _LATIN_CHARSET.search(data[:4096]):
        return "windows-1252"
    bad = next(i for i, b in enumerate(data) if b > 127)
    raise InputError(path, f"not UTF-8 text (byte 0x{data[bad]:02x} at offset {bad}) and no "
                           "charset declared; save it as UTF-8", data.count(b"\n", 0, bad) + 1)


def _declared(data: bytes) -> str | None:
    """The encoding libxml2 finds declared in a page (UTF-8 when none is)."""
    try:
        return lxml.html.document_fromstring(data).getroottree().docinfo.encoding
    except (etree.ParserError, ValueError):
        return None


def _ascii_compatible(encoding: str) -> bool:
    """Whether ``encoding`` writes ASCII as ASCII (a page's bytes read the same in it)."""
    try:
        return "<p>".encode(encoding) == b"<p>"
    except (LookupError, UnicodeError):
        return False
