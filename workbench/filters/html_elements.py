"""HTML's elements as the page filter reads them: names in lower case, the inline ones, those
whose content is not prose (empty tags), which are block-level, and Word's prefixed XML
islands."""

from __future__ import annotations

from lxml import etree

from workbench.formats import safexml

XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

INLINE = frozenset({
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn", "em",
    "font", "i", "ins", "label", "mark", "nobr", "q", "s", "small", "span", "strike", "strong",
    "sub", "sup", "time", "tt", "u",
})
#: Inline elements whose content is not prose: empty tags (``sdfield``: a field of a page
#: LibreOffice wrote, its page number or date; read as a block, it cut its sentence apart).
PROTECTED = frozenset({
    "br", "wbr", "img", "code", "kbd", "samp", "var", "input", "select", "textarea",
    "iframe", "object", "embed", "audio", "video", "canvas", "svg", "math", "script", "style",
    "noscript", "map", "ruby", "picture", "output", "meter", "progress", "sdfield",
})


def local(tag: object) -> str:
    """An element's local name in lower case (HTML's tags are case-insensitive)."""
    return safexml.local(tag).lower()


def is_block(el: etree._Element) -> bool:
    """Whether ``el`` is block-level: not inline, or an inline one holding a block."""
    name = local(el.tag)
    if not name or name in PROTECTED:
        return False
    if name in INLINE or office(name):
        return any(is_block(c) for c in el)
    return True


def office(name: str) -> bool:
    """Whether ``name`` is a prefixed one, as Word's HTML writes its XML islands inside the
    text (``o:p`` ending each paragraph, smart tags such as ``st1:place``): none is a block,
    and none a tag (its text read as the block's)."""
    return ":" in name
