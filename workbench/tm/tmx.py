"""TMX 1.4b memories from other tools (OmegaT, memoQ, Trados) and our own, read and written.

Reading takes each ``<tu>``'s Arabic and English ``<tuv>`` (``ar``, ``ar-SA``, ``ara`` … and
``en``, ``en-US``, ``en-GB`` …), whatever the file's source language: an English-source file
gives units with the Arabic as source. Inline tags are kept as plain-text placeholders, never
dropped (a code's own attributes and content, another tool's formatting, are kept beside the
text for the export): ``<bpt i="1" x="3">`` → ``{3}`` (numbered by ``x``, which pairs a code
across the languages, as ``i`` does not: the TMX specification's own example swaps them), its
``<ept i="1">`` → ``{/3}``, ``<bpt i="1">`` without ``x`` → ``{1}``, ``<ph x="2"/>`` → ``{2/}``,
``<it pos="begin">`` → ``{n}``, ``<hi x="4">text</hi>`` → ``{4}text{/4}`` (a unit numbering
them from 0, as OmegaT's level-2 TMX does, one up); OmegaT's own tags,
which its TMX writes as text (``&lt;a0&gt;``, numbered from 0), → ``{1}`` ``{/1}`` ``{2/}``.
``<prop>`` and ``<note>`` (of the unit and of its variants), the creation and change dates and
authors and ``tuid`` are kept; memoQ's ``x-context-pre``/``x-context-post`` (on the unit, or on
the Arabic ``<tuv>`` with the neighbour as an escaped ``<seg>``, as memoQ writes them) and
OmegaT's ``prev``/``next`` props become the unit's context. Units without both languages (an
English side mostly in Arabic letters, another tool's source copied to the target, is none)
are counted, not silently lost; a file whose Arabic sides mostly hold no Arabic letter (UTF-8
declared ISO-8859-1) is refused. The file is read with the safe parser (no DTD, no entities, no
network).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from workbench.errors import InputError
from workbench.formats import codes, safexml, xmlout
from workbench.formats.model import primary_language, tmx_date
from workbench.formats.tmx import tuv_languages
from workbench.text.script import has_arabic, mostly_arabic
from workbench.text.tags import TAG, strip_tags
from workbench.tm.diff import UNIT_TAG, unit_tags_as_tags
from workbench.tm.model import TmFileInfo, TmUnit, from_tmx_date

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONTEXT_PREV = ("x-context-pre", "prev")
CONTEXT_NEXT = ("x-context-post", "next")
PROP_STATUS = "x-status"
_KNOWN_ATTRS = frozenset({"tuid", "creationdate", "creationid", "changedate", "changeid"})
#: A line break with the spaces around it: a pretty-printed <seg>'s layout, not its text.
_LINE_BREAK = re.compile(r"[ \t\r]*\n\s*")


def _omegat_placeholder(m: re.Match[str], closed: set[str]) -> str:
    """The placeholder of an OmegaT tag written as text (``<b0>`` → ``{1}``, numbered from 0
    as a segment's tags are from 1); an opening tag that nothing in ``closed`` closes is
    standalone (``{2/}``)."""
    end, number, empty = m.groups()
    if not end and number not in closed:
        empty = "/"
    return "{" + end + str(int(number) + 1) + empty + "}"


class _Seg:
    """Reads one ``<seg>`` into text with placeholders for its inline tags."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.tags = 0
        self._counter = 0
        #: the <tu> read, and what its tags' numbers get added (see :attr:`shift`)
        self.unit: etree._Element | None = None
        self._shift: int | None = None
        #: OmegaT's TMX (its header says so): tags written as text are placeholders too
        self.omegat = False
        self._closed: set[str] = set()  # the numbers of the OmegaT tags closed in the seg
        self._pairs: dict[str, str] = {}  # a <bpt>'s i → its placeholder's number, for its <ept>
        self._used: set[str] = set()  # the numbers of the seg's opening and standalone codes
        #: the last seg's codes' own attributes and content (XML, another tool's:
        #: `` type="bold">&lt;cf bold="True"&gt;``) by placeholder as a tag (``<3>``), where
        #: they are not the placeholder alone
        self.native: dict[str, str] = {}

    def start(self, unit: etree._Element) -> None:
        """Read the segments of ``unit`` next."""
        self.unit, self._shift = unit, None

    @property
    def shift(self) -> int:
        """What the unit's tags' numbers get added: 1 when they count from 0 (OmegaT's
        ``<bpt i="0">``), whose {0} no placeholder reader takes for a tag; else 0. Looked at
        once per unit, and only for one with tags."""
        if self._shift is None:
            self._shift = int(self.unit is not None and codes.counts_from_zero(self.unit))
        return self._shift

    def read(self, seg: etree._Element) -> str:
        text = self._read(seg)
        if self.omegat and "<" in text:
            # an opening tag that nothing closes is standalone (OmegaT 3.6 writes an image as
            # <i1>, without a slash): {2/}, not an opening {2} that no segment's tags match
            self._closed = {m.group(2) for m in codes.OMEGAT_TAG.finditer(text) if m.group(1)}
            text = codes.OMEGAT_TAG.sub(self._omegat_tag, text)
        return text

    def context(self, value: str) -> str:
        """A context prop's neighbour text (see _context_text), OmegaT's tags in it (its
        ``prev``/``next`` hold them as text, as its segs do) read as placeholders too."""
        text = _context_text(value, self.path)
        if self.omegat and "<" in text:
            closed = {m.group(2) for m in codes.OMEGAT_TAG.finditer(text) if m.group(1)}
            text = codes.OMEGAT_TAG.sub(lambda m: _omegat_placeholder(m, closed), text)
        return text

    def _omegat_tag(self, m: re.Match[str]) -> str:
        """The placeholder of an OmegaT tag; the tag (``<a0>``) kept as its code's content,
        from whose first letter OmegaT names the tag of a TMX code it reads (``<bpt>&lt;1&gt;``
        would come back to it as ``<f0>``, no tag of its segment)."""
        self.tags += 1
        placeholder = _omegat_placeholder(m, self._closed)
        self.native[unit_tags_as_tags(placeholder)] = ">" + xmlout.text(m.group(0))
        return placeholder

    def _read(self, seg: etree._Element) -> str:
        self.native = {}
        if not len(seg):  # no inline elements: the common case
            return self._text(seg.text or "")
        # a tag without a number gets one above those the others have (<ph x="1"/><ph/>)
        self._counter = max((
            int(value) + self.shift for el in seg.iter() for name in ("i", "x")
            if (value := (el.get(name) or "").strip()).isdigit()
        ), default=0)
        self._pairs = {}
        self._used = set()
        parts: list[str] = []
        self._walk(seg, parts)
        return "".join(parts)

    def _number(self, el: etree._Element, *names: str) -> str:
        for name in names:
            value = (el.get(name) or "").strip()
            if value.isdigit():
                return str(int(value) + self.shift)
        self._counter += 1
        return str(self._counter)

    def _fresh(self, number: str) -> str:
        """``number`` for a code that opens a pair or stands alone, unless another such code of
        the segment has it (a tool writing one ``x`` for every code): then one above them all."""
        if number in self._used:
            self._counter += 1
            number = str(self._counter)
        self._used.add(number)
        return number

    def _text(self, text: str) -> str:
        """``text``, a run of the segment's text; what in it reads as a placeholder (a
        program's ``{1}``, ``<1>``: the memory cannot tell them from tags) kept in
        :attr:`native` as text (``={1}``), which the export writes as it was, not as a code."""
        if "{" in text or "<" in text:
            for m in _LITERAL_TAG.finditer(text):
                self.native.setdefault(unit_tags_as_tags(m.group()), "=" + m.group())
        return text

    def _walk(self, el: etree._Element, parts: list[str]) -> None:
        parts.append(self._text(el.text or ""))
        for child in el:
            if isinstance(child, etree._Entity):
                raise InputError(
                    self.path, f"refused: entity reference {child.text!r}", child.sourceline
                )
            name = safexml.local(child.tag)
            if name == "bpt":
                # x pairs the code with the other language's; i only with its <ept>
                n = self._fresh(self._number(child, "x", "i"))
                self._pairs[(child.get("i") or "").strip()] = n
                parts.append(self._code(child, "{" + n + "}"))
            elif name == "ept":
                n = self._pairs.get((child.get("i") or "").strip()) or self._number(child, "i")
                parts.append(self._code(child, "{/" + n + "}"))
            elif name == "it":
                n = self._number(child, "x")
                parts.append(self._code(child, "{/" + n + "}" if child.get("pos") == "end"
                                        else "{" + self._fresh(n) + "}"))
            elif name in ("ph", "ut"):
                parts.append(self._code(child, "{" + self._fresh(self._number(child, "x", "i"))
                                        + "/}", name == "ut"))
            elif name == "x":
                parts.append("{" + self._fresh(self._number(child, "x", "i")) + "/}")
            elif name in ("hi", "g", "mrk"):
                n = self._fresh(self._number(child, "x"))
                parts.append("{" + n + "}")
                if name == "hi":  # its type kept, and that it is a <hi> (see codes.encode)
                    self.native[unit_tags_as_tags("{" + n + "}")] = "<hi" + xmlout.attrs(
                        self._own_attrs(child))
                self._walk(child, parts)
                parts.append("{/" + n + "}")
            elif name:
                self._walk(child, parts)
            if name in ("bpt", "ept", "it", "ph", "ut", "x", "hi", "g", "mrk"):
                self.tags += 1
            parts.append(self._text(child.tail or ""))

    def _code(self, el: etree._Element, placeholder: str, ut: bool = False) -> str:
        """``placeholder``, the code ``el``'s attributes but its numbers (``type``…) and its
        content kept in :attr:`native` (as XML: a ``<sub>`` in it stays one) unless they are
        only the placeholder; a ``<ut>``'s (``ut``) always, marked ``<ut`` (see
        codes.encode), as no placeholder's role writes one."""
        tag = unit_tags_as_tags(placeholder)
        rest = xmlout.attrs(self._own_attrs(el)) + ">" + xmlout.text(el.text or "") + "".join(
            etree.tostring(sub, encoding="unicode", with_tail=True) for sub in el)
        if ut:
            self.native[tag] = "<ut" + rest
        elif rest != ">" + xmlout.text(tag):
            self.native[tag] = rest
        return placeholder

    @staticmethod
    def _own_attrs(el: etree._Element) -> dict[str, str]:
        """A code's attributes but those that number it (names as the parser read them,
        valid XML names; one in a namespace is left out)."""
        return {k: v for k, v in el.attrib.items() if k not in _NUMBERS and "{" not in k}


#: Text that the memory reads as a placeholder: another tool's ({1} {/1} {2/}) or a segment's
#: (<1> </1> <2/>).
_LITERAL_TAG = re.compile(UNIT_TAG.pattern + "|" + TAG.pattern)

#: A code's attributes that number it (written anew by the export).
_NUMBERS = frozenset({"i", "x", "pos"})


def read_tmx(path: str | Path) -> tuple[TmFileInfo, Iterator[TmUnit]]:
    """The file's header information and its Arabic–English units, streamed.

    The iterator raises InputError (naming the file and line) for malformed or hostile XML
    and for a file that is not TMX; the info's ``skipped`` counts grow as it goes.
    """
    info = TmFileInfo(str(path), "tmx")
    return info, _units(path, info)


class ArabicSides:
    """Counts the units whose Arabic side holds no Arabic letter: most of them make a file
    read in the wrong encoding (UTF-8 declared ISO-8859-1: مرحبا read as Ù…Ø±Ø­Ø¨Ø§) or
    not Arabic at all, refused rather than stored as a memory nothing matches."""

    def __init__(self) -> None:
        self.units = 0
        self.without = 0
        self.first: TmUnit | None = None

    def add(self, unit: TmUnit, path: str | Path) -> None:
        """Count one unit read; the first :data:`EARLY` all without Arabic are refused at
        once (a large file is not read to its end to be refused)."""
        self.units += 1
        if not has_arabic(unit.source):
            self.without += 1
            if self.first is None:
                self.first = unit
            if self.without == self.units == self.EARLY:
                self.check(path)

    #: How many units, all without Arabic, are enough to refuse the file.
    EARLY = 1000

    def check(self, path: str | Path) -> None:
        """Raise InputError, naming the first such unit's line, when most units are such."""
        if self.first is None or 2 * self.without <= self.units:
            return
        text = " ".join(self.first.source.split())
        hint = ""
        try:
            if has_arabic(self.first.source.encode("latin-1").decode("utf-8")):
                hint = (f": UTF-8 read as {_declared_encoding(path)}, as the file declares "
                        "(its <?xml ... encoding=...?> should say UTF-8)")
        except UnicodeError:
            pass
        raise InputError(
            path, f"the Arabic side of {self.without} of {self.units} units holds no Arabic "
            f"letter ({text[:40]!r}){hint}", self.first.line,
        )


def _declared_encoding(path: str | Path) -> str:
    """The encoding an XML file's declaration names ('another encoding' if none is read)."""
    try:
        with open(path, "rb") as f:
            head = f.read(200)
    except OSError:
        head = b""
    found = re.search(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""", head)
    return found.group(1).decode("ascii") if found else "another encoding"


def _units(path: str | Path, info: TmFileInfo) -> Iterator[TmUnit]:
    seg = _Seg(path)
    sides = ArabicSides()
    root_checked = False
    # any namespace: some tools write <tmx xmlns="http://www.lisa.org/tmx14">
    for _, el in safexml.iterparse(path, tag=("{*}tmx", "{*}header", "{*}tu"), events=("end",)):
        if not root_checked:
            root = el.getroottree().getroot()
            if safexml.local(root.tag) != "tmx":
                raise InputError(
                    path, f"not a TMX file (root element <{safexml.local(root.tag)}>)",
                    root.sourceline,
                )
            root_checked = True
        name = safexml.local(el.tag)
        if name == "tu":
            tags = seg.tags
            unit = _read_tu(el, seg, info)
            if unit is not None:
                sides.add(unit, path)
                yield unit
            else:  # left out: its tags are not kept
                seg.tags = tags
            safexml.release(el)
        elif name == "header":
            info.source_lang = el.get("srclang")
            seg.omegat = any(
                "omegat" in (el.get(a) or "").lower() for a in ("creationtool", "o-tmf")
            )
            info.tool = " ".join(
                v for v in (el.get("creationtool"), el.get("creationtoolversion")) if v
            ) or None
            info.props = [(p.get("type") or "", p.text or "") for p in el.iter("{*}prop")]
    info.tags = seg.tags
    if not root_checked:
        raise InputError(path, "not a TMX file (no <tmx> root element)")
    sides.check(path)


def _unwrapped(text: str) -> str:
    """A ``<seg>``'s text with its line breaks and the indentation around them (a file written
    pretty-printed, or wrapped by hand) read as one space, as a segment holds no line break."""
    return _LINE_BREAK.sub(" ", text).strip() if "\n" in text else text


def no_text(side: str) -> bool:
    """Whether a side of a unit is blank but for its tags (``{1/}``: a target holding the
    source's tags alone, as a tool leaves a segment not translated)."""
    return not strip_tags(unit_tags_as_tags(side)).strip()


def _read_tu(tu: etree._Element, seg: _Seg, info: TmFileInfo) -> TmUnit | None:
    sides: dict[str, str] = {}
    native: dict[str, dict[str, str]] = {}
    seg.start(tu)
    props: list[tuple[str, str]] = []
    notes: list[str] = []
    english: etree._Element | None = None
    for child in tu:
        name = safexml.local(child.tag)
        if name == "tuv":
            lang = primary_language(child.get(XML_LANG) or child.get("lang"))
            if lang == "en" and english is None:
                english = child
            for sub in child:
                sub_name = safexml.local(sub.tag)
                if sub_name == "seg":
                    if lang in ("ar", "en") and lang not in sides:
                        sides[lang] = seg.read(sub)
                        if seg.native:
                            native[lang] = seg.native
                elif sub_name == "prop":
                    kind = sub.get("type") or ""
                    if lang == "ar" and kind in CONTEXT_PREV + CONTEXT_NEXT:
                        # memoQ: on the source's <tuv>, the neighbour as an escaped <seg>
                        props.append((kind, seg.context(sub.text or "")))
                    else:
                        props.append((f"{lang}:{kind}", sub.text or ""))
                elif sub_name == "note":
                    notes.append(sub.text or "")
                elif isinstance(sub, etree._Entity):
                    raise InputError(seg.path, f"refused: entity reference {sub.text!r}",
                                     sub.sourceline)
        elif name == "prop":
            props.append((child.get("type") or "", child.text or ""))
        elif name == "note":
            notes.append(child.text or "")
    english_text = sides.get("en") or ""
    if (no_text(sides.get("ar") or "") or no_text(english_text)
            or mostly_arabic(english_text)):  # the Arabic copied as the "translation"
        info.skip(tu.sourceline)
        info.languages.update(tuv_languages(tu))
        return None
    own = tu.attrib
    dated = own
    if english is not None and "creationdate" not in own and "changedate" not in own:
        dated = english.attrib  # OmegaT dates and signs the translation's <tuv>
    unit = TmUnit(
        source=_unwrapped(sides["ar"]),
        target=_unwrapped(english_text),
        tuid=own.get("tuid"),
        created_at=from_tmx_date(dated.get("creationdate")),
        created_by=dated.get("creationid"),
        changed_at=from_tmx_date(dated.get("changedate")),
        changed_by=dated.get("changeid"),
        notes=notes,
        line=tu.sourceline,
        codes=native,
    )
    if not _KNOWN_ATTRS.issuperset(own.keys()):
        unit.attrs = {k: v for k, v in own.items() if k not in _KNOWN_ATTRS}
    for key, read in (("creationdate", unit.created_at), ("changedate", unit.changed_at)):
        if read is None and dated.get(key):  # a date we could not read is kept as written
            unit.attrs[key] = dated.get(key) or ""
    for kind, value in props:
        if kind in CONTEXT_PREV:  # an escaped <seg> on the unit too: the tools differ
            unit.context_prev = seg.context(value)
        elif kind in CONTEXT_NEXT:
            unit.context_next = seg.context(value)
        else:
            if kind == PROP_STATUS:
                unit.status = value.strip() or None
            unit.props.append((kind, value))
    return unit


def _context_text(value: str, path: str | Path) -> str:
    """A context prop's neighbour text: memoQ writes it as a ``<seg>`` (escaped in the prop),
    read as a unit's segment is; other values as they are."""
    stripped = value.strip()
    if not (stripped.startswith("<seg") and stripped.endswith("</seg>")):
        return value
    try:
        element = safexml.parse(stripped.encode("utf-8"), path)
    except InputError:
        return value
    return _Seg(path).read(element) if safexml.local(element.tag) == "seg" else value


def write_tmx(
    out: BinaryIO, units: Iterable[TmUnit], *, header_props: Iterable[tuple[str, str]] = (),
    tool_version: str = "0", created: str | None = None,
) -> int:
    """Write units as TMX 1.4b (Arabic source, English target); return how many."""
    w = xmlout.Writer(out)
    head = {
        "creationtool": "workbench",
        "creationtoolversion": tool_version,
        "segtype": "sentence",
        "o-tmf": "workbench",
        "adminlang": "en",
        "srclang": "ar",
        "datatype": "plaintext",
    }
    stamp = tmx_date(created)
    if stamp:
        head["creationdate"] = stamp
    w.write(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header{xmlout.attrs(head)}'
    )
    props = list(header_props)
    if props:
        w.write(">\n")
        for kind, value in props:
            w.write(f'  <prop type="{xmlout.attr(kind)}">{xmlout.text(value)}</prop>\n')
        w.write("</header>\n<body>\n")
    else:
        w.write("/>\n<body>\n")
    count = 0
    for unit in units:
        attrs: dict[str, str] = {}
        if unit.tuid:
            attrs["tuid"] = unit.tuid
        for key, value in (
            ("creationdate", tmx_date(unit.created_at)),
            ("creationid", unit.created_by),
            ("changedate", tmx_date(unit.changed_at)),
            ("changeid", unit.changed_by),
        ):
            if value:
                attrs[key] = value
        for key, value in unit.attrs.items():
            if key not in attrs and key in _TU_ATTRS:
                attrs[key] = value
        parts = [f"<tu{xmlout.attrs(attrs)}>"]
        for note in unit.notes:
            parts.append(f"<note>{xmlout.text(note)}</note>")
        props = list(unit.props)
        if unit.context_prev is not None:
            props.append((CONTEXT_PREV[0], unit.context_prev))
        if unit.context_next is not None:
            props.append((CONTEXT_NEXT[0], unit.context_next))
        for kind, value in props:
            parts.append(f'<prop type="{xmlout.attr(kind)}">{xmlout.text(value)}</prop>')
        parts.append(f'<tuv xml:lang="ar"><seg>{_seg_content(unit.source, unit.codes.get("ar"))}'
                     "</seg></tuv>")
        parts.append(f'<tuv xml:lang="en"><seg>{_seg_content(unit.target, unit.codes.get("en"))}'
                     "</seg></tuv></tu>\n")
        w.write("".join(parts))
        count += 1
    w.write("</body>\n</tmx>\n")
    w.flush()
    return count


def _seg_content(text: str, native: dict[str, str] | None = None) -> str:
    """A unit's text as a ``<seg>``'s content: its tags, a segment's (<1> </1> <2/>) or another
    tool's ({1} {/1} {2/}), as TMX's inline codes (bpt, ept, ph), which other tools show as
    tags; as text, they would take them for words to translate. A code read from another
    tool's memory holds its own attributes and content again (``native``, see
    ``_Seg.native``)."""
    return codes.encode(unit_tags_as_tags(text), codes.TMX, native)


#: <tu> attributes of TMX 1.4b that are passed on as read.
_TU_ATTRS = {
    "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
    "creationtoolversion", "o-tmf", "srclang", "segtype",
}
