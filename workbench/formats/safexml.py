"""Reading untrusted XML (TMX, XLIFF, TBX) safely.

The parser never loads a DTD, never touches the network and never expands entities; a
document that declares entities at all (external entities, parameter entities, expansion
bombs) is refused before any of its content is used, as is one whose internal DTD gives
attributes default values (libxml2 would answer ``el.get`` with them). A
``<!DOCTYPE ... SYSTEM "...">`` without declarations is accepted and its DTD is not fetched.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from lxml import etree

from workbench import openfiles
from workbench.errors import InputError


def local(tag: object) -> str:
    """The local name of an element tag (without its namespace)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: object) -> str:
    """The namespace URI of an element tag, or ''."""
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1:].split("}", 1)[0]
    return ""


#: Parser options for untrusted input: no DTD, no network, no entity expansion, no huge trees.
_SAFE = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def iterparse(
    path: str | Path,
    tag: str | Sequence[str] | None = None,
    events: tuple[str, ...] = ("start", "end"),
) -> Iterator[tuple[str, etree._Element]]:
    """Yield ("start"|"end", element) events of an XML file, refusing hostile constructs.

    Raises InputError (naming the file and line) for malformed XML, entity declarations
    and entity references. With ``tag`` only the events of elements with those names come
    (much faster on large files; entity references are then checked in those elements'
    children only, so the caller checks deeper content it reads); ``events`` chooses the
    events.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(p, "not a file" if p.exists() else "no such file")
    openfiles.refuse(p)
    try:
        # bytes: lxml encodes a str name as UTF-8, which a name not in UTF-8 is not
        parsed = etree.iterparse(os.fsencode(p), events=events, tag=tag, **_SAFE)
    except OSError as exc:  # lxml opens the file here: unreadable, say
        raise InputError(p, f"cannot read ({exc.strerror})") from None
    checked = False
    try:
        for event, element in parsed:
            if not checked:
                _check_doctype(p, element)
                checked = True
            if event == "end":
                _check_entities(p, element)
            yield event, element
    except etree.XMLSyntaxError as exc:
        raise _malformed(p, exc, _head(p)) from None
    except OSError as exc:  # lxml reads as it goes: a failing disk or network share
        raise InputError(p, f"cannot read ({exc.strerror})") from None


def root_element(path: str | Path) -> etree._Element:
    """The root element of an XML file, its start tag read and no further (a file that is
    malformed later, such as an HTML page, still shows its root), refused as
    :func:`iterparse` refuses. The element has its attributes, not its content."""
    p = Path(path)
    if not p.is_file():
        raise InputError(p, "not a file" if p.exists() else "no such file")
    openfiles.refuse(p)
    parser = etree.XMLPullParser(events=("start",), **_SAFE)
    try:
        with p.open("rb") as fh:
            while chunk := fh.read(512):
                parser.feed(chunk)
                for _, element in parser.read_events():
                    _check_doctype(p, element)
                    return element
            parser.close()
    except etree.XMLSyntaxError as exc:
        with contextlib.suppress(etree.XMLSyntaxError):
            for _, element in parser.read_events():  # the root came before the error
                _check_doctype(p, element)
                return element
        raise _malformed(p, exc, _head(p)) from None
    except OSError as exc:
        raise InputError(p, f"cannot read ({exc.strerror})") from None
    raise InputError(p, "not well-formed XML (Document is empty)")


def safe_parser() -> etree.XMLParser:
    """A parser with the safe options, for :func:`parse` to reuse over many small documents
    (one thread's: a parser is not shared between threads)."""
    return etree.XMLParser(**_SAFE)


def parse(data: bytes, path: str | Path, parser: etree.XMLParser | None = None) -> etree._Element:
    """The root element of an XML document given as bytes, refused as :func:`iterparse` does.

    For small documents read whole (glossaries, a database's segments: ``parser``, of
    :func:`safe_parser`, reused); ``path`` names the file in errors.
    """
    try:
        root = etree.fromstring(data, parser if parser is not None else safe_parser())
    except etree.XMLSyntaxError as exc:
        raise _malformed(path, exc, data[:65536]) from None
    _check_doctype(path, root)
    for element in root.iter():
        _check_entities(path, element)
    return root


#: How deep a document read with ``huge`` may nest: libxml2's own limit without it (the
#: filters walk a tree recursively: 1,500 nested elements were a RecursionError traceback).
MAX_DEPTH = 256


def parse_document(data: bytes, path: str | Path, *, huge: bool = False) -> etree._Element:
    """The root of an XML document given as bytes, for a document that is written back:
    comments and processing instructions are kept. Refused as :func:`iterparse` refuses
    (no DTD, no network, no entities); ``huge`` lifts libxml2's limit on text nodes for large
    office documents (their size is checked before they are read), elements nested more
    than :data:`MAX_DEPTH` deep are still refused."""
    parser = etree.XMLParser(
        **{**_SAFE, "remove_comments": False, "remove_pis": False, "huge_tree": huge}
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _malformed(path, exc, data[:65536]) from None
    _check_doctype(path, root)
    for entity in root.iter(etree.Entity):
        raise InputError(path, f"refused: entity reference {entity.text!r}", line=entity.sourceline)
    if huge:
        _refuse_deep(path, root)
    return root


#: The elements one level deeper than :data:`MAX_DEPTH` (the root is the first level).
_TOO_DEEP = etree.XPath("/".join(["*"] * MAX_DEPTH))


def _refuse_deep(path: str | Path, root: etree._Element) -> None:
    """Refuse a tree whose elements nest more than :data:`MAX_DEPTH` deep."""
    deep = _TOO_DEEP(root)
    if deep:
        raise InputError(path, f"refused: elements nested more than {MAX_DEPTH} deep",
                         line=deep[0].sourceline)


def _malformed(path: str | Path, exc: etree.XMLSyntaxError, head: bytes = b"") -> InputError:
    """The error for a document the parser refused: an entity declaration in its prolog is
    named as such (libxml2 may stop at an expansion bomb before the DTD can be read)."""
    declared = _declared_entity(head)
    if declared is not None:
        return _entity_error(path, *declared)
    message, line = (exc.msg or str(exc)).split(", line ")[0], exc.lineno
    if not line:  # iterparse's own "no element found": libxml2's error for the file says why
        logged = [e for e in exc.error_log if e.filename == str(path)]
        if logged:
            message, line = logged[-1].message, logged[-1].line
    message = " ".join(message.split())  # libxml2's messages may end with a new line
    hint = _encoding_hint(head)
    return InputError(path, f"not well-formed XML ({message}){hint}", line=line or None)


_DECLARED_ENCODING = re.compile(rb"""\A<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _encoding_hint(head: bytes) -> str:
    """Why a file is malformed when it is UTF-8 but declares UTF-16 or UTF-32 (a script that
    wrote ``encoding="utf-16"`` into a UTF-8 file; its ``<?xml`` in single bytes shows it
    is not UTF-16, and libxml2 reports whatever the misread bytes make); else ''."""
    found = _DECLARED_ENCODING.match(head)
    if found is None:
        return ""
    declared = found.group(1).decode("ascii")
    if not declared.lower().startswith(("utf-16", "utf16", "utf-32", "utf32", "ucs")):
        return ""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return ""
    return (f": the file is UTF-8 but declares {declared} (its <?xml ... encoding=...?> "
            "should say UTF-8)")


_ENTITY = re.compile(r"<!ENTITY\s+(?:%\s*)?([^\s\"'>]+)\s*(SYSTEM|PUBLIC)?")
_GENERAL_ENTITY = re.compile(r"<!ENTITY\s+([^\s\"'>%]+)\s*(SYSTEM|PUBLIC)?")


def _declared_entity(head: bytes, general: bool = False) -> tuple[str, bool] | None:
    """The first entity (``general``: general entity) a document's prolog (``head``, its
    first bytes) declares: its name and whether it is external."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            text = head[len(bom):].decode(codec, "ignore")
            break
    else:
        text = head.decode("utf-8", "ignore")
    if "<!DOCTYPE" not in text:
        return None
    found = (_GENERAL_ENTITY if general else _ENTITY).search(text)
    if found is None:
        return None
    return found.group(1), bool(found.group(2))


def refuse_general_entities(path: str | Path, head: bytes) -> None:
    """Raise the entity refusal when the prolog in ``head`` (a document's first bytes)
    declares a general entity: for readers that parse a document's parts without its prolog,
    where a parameter entity (TEI P4's ``<!ENTITY % TEI.dictionaries "INCLUDE">``) is never
    read but a general one would be referenced."""
    declared = _declared_entity(head, general=True)
    if declared is not None:
        raise _entity_error(path, *declared)


def _entity_error(path: str | Path, name: str, external: bool) -> InputError:
    what = "an external entity" if external else "an entity"
    return InputError(
        path,
        f"refused: the document declares {what} ({name!r}); "
        "XML entity declarations are not accepted",
    )


def _head(path: Path, size: int = 65536) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


#: An attribute declaration with a default value: libxml2 gives every element it names that
#: attribute (``el.get`` finds it), so a DTD could approve every unit of a file unseen.
_ATTRIBUTE_DEFAULT = re.compile(r"<!ATTLIST\b[^>]*?[\"']")


def _check_doctype(path: str | Path, root: etree._Element) -> None:
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is None:
        return
    for entity in dtd.iterentities():
        raise _entity_error(path, entity.name, bool(entity.system_url))
    # lxml lists no attribute declarations; the serialised document shows its internal subset
    # (its text is escaped there, and comments and PIs are the only other raw markup)
    found = _ATTRIBUTE_DEFAULT.search(etree.tostring(tree, encoding="unicode"))
    if found is not None:
        declared = found.group(0).split()
        name = " ".join(declared[1:3]) if len(declared) > 2 else "?"
        raise InputError(
            path,
            f"refused: the document's DTD gives attributes default values (<!ATTLIST {name} "
            "...>); XML attribute declarations are not accepted",
        )


def refuse_entities(path: str | Path, element: etree._Element) -> None:
    """Refuse an entity reference anywhere inside ``element`` (for the elements read whole
    out of an :func:`iterparse` given ``tag``, which checks their children only)."""
    for entity in element.iter(etree.Entity):
        raise InputError(path, f"refused: entity reference {entity.text!r}",
                         line=entity.sourceline)


def _check_entities(path: str | Path, element: etree._Element) -> None:
    for child in element:
        if isinstance(child, etree._Entity):
            raise InputError(
                path, f"refused: entity reference {child.text!r}", line=child.sourceline
            )


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_XML_WHITESPACE = re.compile("[ \t\r\n]+")


def space_preserved(element: etree._Element) -> bool:
    """Whether ``xml:space="preserve"`` is in effect for an element: its own ``xml:space``, else
    its nearest ancestor's (the elements of a file read with :func:`iterparse` keep their
    ancestors)."""
    node: etree._Element | None = element
    while node is not None:
        value = node.get(XML_SPACE)
        if value is not None:
            return value.strip() == "preserve"
        node = node.getparent()
    return False


def text_as_spaced(text: str, element: etree._Element) -> str:
    """The ``text`` of ``element`` as its ``xml:space`` says: as it is where white space is
    preserved, else (the default, e.g. a pretty-printed file of another tool) each run of XML
    white space one space and none at the ends, as translate-toolkit and Okapi read it."""
    if space_preserved(element):
        return text
    return _XML_WHITESPACE.sub(" ", text).strip()


#: Inline elements that hold native codes, not text (TMX, XLIFF 1.2 and 2.0).
CODE_TAGS = frozenset({"bpt", "ept", "it", "ph", "ut", "x", "bx", "ex", "sc", "ec", "sm", "em"})

#: Trados's tracked deletions in a .sdlxliff (``<mrk mtype="x-sdl-deleted">``, and a TQA
#: reviewer's ``x-sdl-feedback-deleted``): text no longer in the segment, as Trados shows it
#: with its changes accepted; its additions (``x-sdl-added``) are text like any other.
DELETED_MARKS = frozenset({"x-sdl-deleted", "x-sdl-feedback-deleted"})


#: Trados's annotations of a .sdlxliff's text, no formatting of the document: its comments,
#: tracked additions and location markers (text only: no inline tag of the segment).
ANNOTATION_MARKS = frozenset({
    "x-sdl-comment", "x-sdl-added", "x-sdl-feedback-comment", "x-sdl-feedback-added",
    "x-sdl-location",
})


def is_deleted(element: etree._Element) -> bool:
    """Whether an inline element is a tracked deletion (see :data:`DELETED_MARKS`)."""
    return local(element.tag) == "mrk" and element.get("mtype") in DELETED_MARKS


def not_translated(unit: etree._Element) -> bool:
    """Whether an XLIFF unit is not to be translated: ``translate="no"`` on it or, when it
    says nothing, on the nearest enclosing ``<group>`` or ``<file>`` that does (XLIFF 2.0
    inherits it; a 1.2 group's is its units')."""
    for element in (unit, *unit.iterancestors()):
        value = element.get("translate")
        if value is not None:
            return value == "no"
    return False


def text_of(element: etree._Element) -> str:
    """The text of a segment element: inline markup flattened, native codes left out."""
    parts = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if name == "cp":
            with contextlib.suppress(ValueError, OverflowError):
                parts.append(chr(int(child.get("hex", ""), 16)))
        elif name and name not in CODE_TAGS and not is_deleted(child):
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)


def release(element: etree._Element) -> None:
    """Free a processed element and its earlier siblings (keeps iterparse memory flat)."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
