"""XLIFF 1.2 and 2.0 from another tool as a source document: its source is the Arabic, its
targets the working translation, its segmentation kept; written back with the targets filled.

A block is a translatable unit (``trans-unit`` in 1.2, ``unit`` in 2.0; ``translate="no"``
left out); its segments are the ``<mrk mtype="seg">`` of a 1.2 ``seg-source`` (else the whole
``source``), or the ``segment`` elements of a 2.0 unit. Inline codes become placeholders
numbered across the unit: ``g``/``mrk`` (1.2) and ``pc``/``mrk`` (2.0) pairs; ``x``, ``bx``,
``ex``, ``ph``, ``bpt``, ``ept``, ``it`` (1.2) and ``ph``, ``sc``, ``ec``, ``sm``, ``em`` (2.0)
empty tags, but a 2.0 ``sc`` and its ``ec`` (a 1.2 ``bpt`` and its ``ept``, ``bx`` and ``ex``)
in one segment, properly nested, are one pair (written back as the two halves). A target's
codes are matched to the source's by element and id.

Writing fills each translated segment's target with the English, its codes copies of the
source's, and sets its state from the segment's status (``target@state``/``approved`` in 1.2,
``segment@state`` in 2.0; see :mod:`workbench.statuses`); with ``--fallback empty`` an
untranslated segment gets an empty target in state new/initial, otherwise it is left as the
file had it; so is the target of a segment whose English is still the file's (a reviewer's
comment marks, tracked changes). Every other element, attribute, note and comment is kept.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, BinaryIO

from lxml import etree

from workbench import textio
from workbench.errors import InputError
from workbench.filters.inline import InlineBuilder, Literal, Node, parse
from workbench.filters.model import Block, Rendering, SourceDocument, WriteReport
from workbench.formats import safexml
from workbench.formats.model import lang_matches
from workbench.formats.notes import comment_notes, inline_comments
from workbench.formats.phrase import PHRASE_TAG, is_phrase, phrase_tags
from workbench.formats.safexml import local
from workbench.formats.xliff import (
    NOT_TEXT,
    memoq_comments,
    sdl_comment,
    set_tool_statuses,
    tool_statuses,
)
from workbench.statuses import (
    NEEDS_WORK,
    STATUSES,
    XLIFF12_STATE,
    XLIFF20_STATE,
    Status,
    draft_qualifier,
    from_xliff12,
    from_xliff20,
)
from workbench.text.script import arabic_share, copies_source
from workbench.text.tags import strip_tags

NS20 = "urn:oasis:names:tc:xliff:document:2.0"
PAIRS = frozenset({"g", "mrk", "pc"})


@dataclass
class _Segment:
    """One segment of a unit: its source element, its target element (if any)."""

    source: etree._Element
    target: etree._Element | None
    holder: etree._Element  # the element carrying the state (trans-unit or segment)
    mid: str | None = None


@dataclass(frozen=True)
class _ScPair:
    """The item of a pair made of two standalone halves in one segment (a 2.0 ``<sc>`` and
    its ``<ec>``, a 1.2 ``<bpt>`` and its ``<ept>``, a ``<bx>`` and its ``<ex>``)."""

    start: etree._Element
    end: etree._Element


@dataclass(frozen=True)
class _PhrasePair:
    """The item of a pair of Phrase's tags (its file holds them as text: ``{1>``, ``<1}``)."""

    start: str
    end: str


#: The standalone halves of a pair: the end of each start.
_HALVES = {"sc": "ec", "bpt": "ept", "bx": "ex"}
_ENDS = {end: start for start, end in _HALVES.items()}
_HALF_TAGS = tuple("{*}" + name for name in (*_HALVES, *_ENDS))


def _half(el: etree._Element) -> tuple[bool, tuple[str, str]] | None:
    """Whether a code is the start or the end of a pair of standalone halves, and the key the
    two halves share (their kind and the id that links them); None for any other code."""
    name = local(el.tag)
    kind = name if name in _HALVES else _ENDS.get(name)
    if kind is None or el.get("isolated") == "yes":
        return None
    if kind == "sc":
        ref = el.get("id") if name == "sc" else el.get("startRef")
    else:  # 1.2: rid links the halves, else their shared id
        ref = el.get("rid") or el.get("id")
    return (name == kind, (kind, ref)) if ref else None


def _half_pairs(source: etree._Element) -> set[tuple[str, str]]:
    """The keys (see :func:`_half`) of the halves of a segment's source that pair: the end in
    it too, closing the start as a pair would (no other code opened between them left open,
    none crossing)."""
    paired: set[tuple[str, str]] = set()
    if next(source.iter(*_HALF_TAGS), None) is None:  # most segments: no half to pair
        return paired
    stack: list[object] = []
    for event, el in etree.iterwalk(source, events=("start", "end")):
        if el is source or not isinstance(el.tag, str):
            continue
        name = local(el.tag)
        if name in _HALVES or name in _ENDS:
            half = _half(el)
            if event == "end" or half is None:
                continue
            opens, key = half
            if opens:
                stack.append(key)
            elif stack and stack[-1] == key:
                stack.pop()
                paired.add(key)
            elif key in stack:
                stack.remove(key)  # crossing: both stay standalone
        elif event == "start":
            stack.append(el)
        else:
            while stack and stack.pop() is not el:
                pass  # a half opened inside it and not closed there stays standalone
    return paired


@dataclass
class _Unit:
    element: etree._Element
    segments: list[_Segment]
    block: Block
    items: dict[int, Any] = field(default_factory=dict)


def _code_key(el: etree._Element) -> tuple[str, str]:
    name = local(el.tag)
    ref = el.get("id") or el.get("rid") or el.get("startRef") or el.get("mid") or ""
    return name, ref


class _Xliff:
    """An opened XLIFF file and its units in order."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        textio.refuse_binary(data, path, xml=True)
        self.root = safexml.parse_document(data, path, huge=True)
        if local(self.root.tag) != "xliff":
            raise InputError(path, f"not an XLIFF file (root element <{local(self.root.tag)}>)")
        version = self.root.get("version", "")
        ns = safexml.namespace(self.root.tag)
        self.v2 = version.startswith("2") or ns == NS20
        if not self.v2 and not version.startswith("1"):
            raise InputError(path, f"XLIFF version {version!r} is not supported (1.2 or 2.0)")
        self.ns = ns
        self.phrase = is_phrase(self.root)  # Phrase's .mxliff: tags written as text
        self.units: list[_Unit] = []
        self.warnings: list[str] = []
        #: the keys of the halves of the segment being read that pair, and those open
        self._paired: set[tuple[str, str]] = set()
        self._open_halves: dict[tuple[str, str], tuple[int, etree._Element]] = {}
        self.source_lang: str | None = None
        self.target_lang: str | None = None
        #: Trados's comments (``<cmt-def>`` of its ``doc-info``), by id
        self._sdl = {d.get("id") or "": sdl_comment(d) for d in self.root.iter("{*}cmt-def")}
        if self.v2:
            self.source_lang = self.root.get("srcLang")
            self.target_lang = self.root.get("trgLang")
            self._check_langs(self.source_lang, self.target_lang, self.root.sourceline)
        for number, file in enumerate(self._all("file"), start=1):
            if not self.v2:
                src, trg = file.get("source-language"), file.get("target-language")
                self._check_langs(src, trg, file.sourceline)
                self.source_lang = self.source_lang or src
                self.target_lang = self.target_lang or trg
            name = "trans-unit" if not self.v2 else "unit"
            for unit in file.iter(self._q(name)):
                if safexml.not_translated(unit) or unit.get("restype") in NOT_TEXT:
                    continue
                located = self._unit12(unit, number) if not self.v2 else self._unit20(unit, number)
                if located is not None:
                    self.units.append(located)

    def _q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name

    def _all(self, name: str) -> list[etree._Element]:
        return list(self.root.iter(self._q(name)))

    def _check_langs(self, src: str | None, trg: str | None, line: int | None) -> None:
        if src and trg and not lang_matches(src, "ar") and lang_matches(trg, "ar"):
            raise InputError(self.path, f"a file to translate from {src!r} into Arabic "
                             f"({trg!r}): the workbench translates Arabic into English", line)
        if src and not lang_matches(src, "ar"):
            sample = " ".join(  # po2xliff's gettext header unit is English whatever the PO
                safexml.text_of(source) for source in islice(
                    (s for s in self.root.iter(self._q("source"))
                     if s.getparent().get("restype") not in NOT_TEXT), 200))
            hint = ("; its source texts are Arabic: the tool that wrote it gave its default "
                    "(translate-toolkit's po2xliff and odf2xliff write en): set "
                    "source-language to ar"
                    if arabic_share(sample) > 0.5 else "")
            raise InputError(self.path, f"source language is {src!r}, not Arabic (ar){hint}",
                             line)
        if trg and not lang_matches(trg, "en"):
            raise InputError(self.path, f"target language is {trg!r}, not English (en)", line)

    # reading ------------------------------------------------------------------------------

    def _unit12(self, tu: etree._Element, file_number: int) -> _Unit | None:
        source = tu.find(self._q("source"))
        if source is None:
            return None
        target = tu.find(self._q("target"))
        seg_source = tu.find(self._q("seg-source"))
        segments: list[_Segment] = []
        marks = [m for m in seg_source.iter(self._q("mrk")) if m.get("mtype") == "seg"] \
            if seg_source is not None else []
        if marks:
            target_marks = {m.get("mid"): m for m in target.iter(self._q("mrk"))
                            if m.get("mtype") == "seg"} if target is not None else {}
            for mark in marks:
                segments.append(_Segment(mark, target_marks.get(mark.get("mid")), tu,
                                         mark.get("mid")))
            unmarked = all(s.target is None for s in segments) and target is not None \
                and bool(safexml.text_of(target).strip())
            if unmarked and len(segments) == 1:  # one segment: the target is its English
                segments[0].target = target  # (as import-xliff reads it)
            elif unmarked:
                self.warnings.append(
                    f"file {file_number} unit {tu.get('id', '?')} (line {tu.sourceline}): its "
                    f"English is not marked into its {len(marks)} segments (no <mrk "
                    'mtype="seg"> of theirs in its target): left out')
        else:
            segments.append(_Segment(source, target, tu))
        state = target.get("state") if target is not None else None
        qualifier = target.get("state-qualifier") if target is not None else None
        approved = tu.get("approved") == "yes"
        tools = tool_statuses(tu)
        notes = comment_notes(tu.iterfind(self._q("note")), "from") + memoq_comments(tu) \
            + inline_comments(source, seg_source, target, sdl=self._sdl)
        return self._block(tu, segments, file_number, lambda k, has: from_xliff12(
            state, approved, has, tools.get(segments[k].mid, tools.get(None)),
            qualifier).value, notes)

    def _unit20(self, unit: etree._Element, file_number: int) -> _Unit | None:
        segments = []
        states: list[str | None] = []
        for segment in unit.iter(self._q("segment")):
            source = segment.find(self._q("source"))
            if source is None:
                continue
            segments.append(_Segment(source, segment.find(self._q("target")), segment))
            states.append(segment.get("state"))
        if not segments:
            return None
        notes = comment_notes(unit.iter(self._q("note")), "category") + inline_comments(
            *unit.iter(self._q("source"), self._q("target")))
        return self._block(unit, segments, file_number,
                           lambda k, has: from_xliff20(states[k], has).value, notes)

    def _block(self, unit: etree._Element, segments: list[_Segment], file_number: int,
               status: Callable[[int, bool], str], notes: tuple[str, ...] = ()) -> _Unit | None:
        b = InlineBuilder()
        keys: dict[tuple[str, str], int] = {}
        texts: list[str] = []
        for segment in segments:
            start = len(b.parts)
            self._paired = _half_pairs(segment.source)
            self._open_halves = {}
            self._inline_content(segment.source, b, keys)
            # its white space as its xml:space says, as the target's (a pretty-printed source
            # came in with its line breaks and indentation)
            texts.append(safexml.text_as_spaced("".join(b.parts[start:]), segment.source).strip())
        if not b.has_text:
            return None
        targets: list[str | None] = []
        statuses: list[str | None] = []
        for k, segment in enumerate(segments):
            english = _target_text(segment.target, keys, b.tags, self.phrase) \
                if segment.target is not None \
                else None
            # a target of the source's tags alone (Trados copies them there) is no English
            has = bool(english and strip_tags(english).strip()) \
                and not copies_source(english, texts[k])
            targets.append(english if has else None)
            statuses.append(status(k, has) if has else None)
        where = f"file {file_number} unit {unit.get('id', '?')}"
        if unit.get("resname"):
            where += f" ({unit.get('resname')})"
        block = Block(" ".join(t for t in texts if t), b.tags, where, "unit",
                      segments=texts, targets=targets, statuses=statuses,
                      notes=tuple(dict.fromkeys(notes)))
        return _Unit(unit, segments, block, b.items)

    def _inline_content(self, el: etree._Element, b: InlineBuilder,
                        keys: dict[tuple[str, str], int]) -> None:
        self._text(el.text or "", b, keys)
        for child in el:
            self._inline(child, b, keys)
            self._text(child.tail or "", b, keys)

    def _text(self, text: str, b: InlineBuilder, keys: dict[tuple[str, str], int]) -> None:
        """Text of the file; in Phrase's, its tags (``{1>``…``<1}``, ``{2}``) as tags, each
        keyed by its text and occurrence for the target's (see :func:`_phrase_key`)."""
        tags = phrase_tags(text) if self.phrase else []
        pos = 0
        opened: dict[int, int] = {}  # the index of an opening → its tag
        for k, tag in enumerate(tags):
            b.text(text[pos : tag.start])
            if tag.role == "open":
                pair = _PhrasePair(tag.text, tags[tag.partner or 0].text)
                opened[k] = tag_id = b.open("phrase", tag.text, pair)
            elif tag.role == "close":
                tag_id = opened[tag.partner or 0]
                b.close(tag_id)
            else:
                tag_id = b.empty("phrase", tag.text, Literal(tag.text))
            keys[_phrase_key(tag.text, keys)] = tag_id
            pos = tag.end
        b.text(text[pos:])

    def _inline(self, el: etree._Element, b: InlineBuilder,
                keys: dict[tuple[str, str], int]) -> None:
        name = local(el.tag)
        if not name or safexml.is_deleted(el):
            return
        if name == "cp":
            with contextlib.suppress(ValueError, OverflowError):
                b.text(chr(int(el.get("hex", ""), 16)))
            return
        if name == "mrk" and el.get("mtype") in safexml.ANNOTATION_MARKS:
            self._inline_content(el, b, keys)  # Trados's comment or change: its text only
            return
        if name in PAIRS and not (name == "mrk" and el.get("mtype") == "seg"):
            title = el.get("ctype") or el.get("type") or el.get("equiv-text") or name
            tag = b.open("g" if name in ("g", "pc") else name, title, el)
            keys[_code_key(el)] = tag
            self._inline_content(el, b, keys)
            b.close(tag)
            return
        if self._pair_half(el, b, keys):
            return
        title = el.get("equiv-text") or el.get("disp") or el.get("ctype") or \
            " ".join("".join(el.itertext()).split()) or name
        keys[_code_key(el)] = b.empty(name, title[:80], el)

    def _pair_half(self, el: etree._Element, b: InlineBuilder,
                   keys: dict[tuple[str, str], int]) -> bool:
        """Open or close the pair of two standalone halves in one segment (see
        :func:`_half_pairs`); whether ``el`` was one."""
        half = _half(el)
        if half is None or half[1] not in self._paired:
            return False
        opens, key = half
        if opens:
            title = el.get("ctype") or el.get("type") or el.get("equiv-text") or \
                el.get("disp") or " ".join("".join(el.itertext()).split()) or key[0]
            tag = b.open("g", title[:80], None)
            self._open_halves[key] = (tag, el)
            keys[_code_key(el)] = tag
            return True
        tag, start = self._open_halves.pop(key)
        b.items[tag] = _ScPair(start, el)
        b.close(tag)
        if b.tags[tag].paired:
            keys[_code_key(el)] = tag
        return True

    # writing ------------------------------------------------------------------------------

    def write(self, out: BinaryIO, renderings: dict[int, Rendering], fallback: str,
              report: WriteReport) -> None:
        for n, unit in enumerate(self.units, start=1):
            rendering = renderings.get(n)
            if rendering is None:
                continue
            segments = rendering.segments
            blank = [k for k, text in enumerate(unit.block.segments or []) if not text]
            if blank and len(segments) + len(blank) == len(unit.segments):
                # a segment of white space or codes alone (Okapi's mark of a leading space)
                # is none of the project's: the English goes to the segments with text
                english = [("", "")] * len(unit.segments)
                texted = iter(segments)
                for k in range(len(unit.segments)):
                    if k not in blank:
                        s = next(texted)
                        english[k] = (s.target.strip(), s.status)
            elif len(segments) != len(unit.segments):
                # segments merged or split in the project: the unit's English as one target
                joined = rendering.text("empty")
                status = _least([s.status for s in segments if s.target.strip()])
                english = [("", status)] * len(unit.segments)
                first = next((k for k in range(len(unit.segments)) if k not in blank), 0)
                english[first] = (joined, status)
                report.warn(f"{unit.block.place}: {len(segments)} segments in the project, "
                            f"{len(unit.segments)} in the file: the English is written whole "
                            "in the first")
            else:
                english = [(s.target.strip(), s.status) for s in segments]
            if not any(text for text, _ in english) and fallback == "source":
                continue
            if self.v2:
                self._write20(unit, english, rendering, fallback)
            else:
                complete = all(s.target.strip() for s in segments)
                self._write12(unit, english, rendering, fallback, complete)
            report.rewritten += 1
        if self.v2 and not self.root.get("trgLang"):
            self.root.set("trgLang", "en")
        if not self.v2:
            for file in self._all("file"):
                if not file.get("target-language"):
                    file.set("target-language", "en")
        tree = self.root.getroottree()
        out.write(etree.tostring(tree, xml_declaration=True,
                                 encoding=tree.docinfo.encoding or "UTF-8"))

    def _fill(self, target: etree._Element, text: str, rendering: Rendering,
              items: dict[int, Any], source: etree._Element) -> None:
        """Write ``text`` into ``target``, with the white space that ``source`` (preserved)
        starts and ends with: a gettext string's final line break, which the segment's text
        has not, is the translation's too."""
        for child in list(target):
            target.remove(child)
        target.text = None
        parsed = parse(text, rendering.tags)
        _emit(target, parsed.children, items)
        lead, trail = _edge_space(source)
        if lead or trail:
            target.text = lead + (target.text or "")
            if len(target):
                target[-1].tail = (target[-1].tail or "") + trail
            else:
                target.text += trail
            space = source.get(safexml.XML_SPACE)
            if space and not safexml.space_preserved(target):
                target.set(safexml.XML_SPACE, space)

    def _write12(self, unit: _Unit, english: list[tuple[str, str]], rendering: Rendering,
                 fallback: str, complete: bool) -> None:
        """Fill a 1.2 unit's target (or its segments' marks); its state is the least of its
        segments' statuses, ``needs-translation`` (never approved) while some segment of it
        has no English."""
        tu = unit.element
        target = tu.find(self._q("target"))
        if target is None:
            target = etree.Element(self._q("target"))
            anchor = tu.find(self._q("seg-source"))
            if anchor is None:
                anchor = tu.find(self._q("source"))
            assert anchor is not None
            anchor.addnext(target)
            target.tail = anchor.tail
        if unit.segments[0].mid is None:  # one segment: the target is its text
            text, status = english[0]
            if not _unchanged(unit, 0, text):
                self._fill(target, text, rendering, unit.items, unit.segments[0].source)
            texts = [text]
        else:
            old = {m.get("mid"): copy.deepcopy(m) for m in target.iter(self._q("mrk"))
                   if m.get("mtype") == "seg"}
            seg_source = tu.find(self._q("seg-source"))
            assert seg_source is not None
            for child in list(target):
                target.remove(child)
            target.text = seg_source.text
            texts: list[str] = []
            self._marks(seg_source, target, unit, english, old, fallback, rendering, texts)
            status = _least([s for t, s in english if t])
        if any(texts) and not complete:
            state, approved = "needs-translation", False
        elif any(texts):
            state, approved = XLIFF12_STATE[Status(status)]
        else:
            state, approved = "new", False
        target.set("state", state)
        if draft_qualifier(target.get("state-qualifier")) and state not in NEEDS_WORK:
            del target.attrib["state-qualifier"]  # its English is no machine's draft now
        # (a segment whose English and status are the file's keeps the tool's word for it,
        # none included: Trados reads a segment without a conf as not translated)
        read = unit.block.statuses or []
        set_tool_statuses(tu, {
            segment.mid: Status(status) for k, (segment, (text, status))
            in enumerate(zip(unit.segments, english, strict=True))
            if text and not (_unchanged(unit, k, text) and k < len(read) and read[k] == status)})
        if approved:
            tu.set("approved", "yes")
        elif tu.get("approved") == "yes":
            tu.set("approved", "no")

    def _marks(self, source: etree._Element, target: etree._Element, unit: _Unit,
               english: list[tuple[str, str]], old: dict[str | None, etree._Element],
               fallback: str, rendering: Rendering, texts: list[str]) -> None:
        """Rebuild under ``target`` the children of ``source`` (a seg-source, or an element
        around segments there: Trados's ``<g>`` of a bold paragraph): each segment mark with
        its English (appended to ``texts``), an element holding marks with them rebuilt,
        anything else copied."""
        for child in source:
            if local(child.tag) == "mrk" and child.get("mtype") == "seg":
                k = next(i for i, s in enumerate(unit.segments) if s.mid == child.get("mid"))
                text, _ = english[k]
                if _blank(unit, k):
                    # white space or codes alone, no segment of the project: the file's
                    # target of it, else a copy of the source's
                    kept = old.get(child.get("mid"))
                    blank = kept if kept is not None and len(kept) + len(kept.text or "") \
                        else copy.deepcopy(child)
                    target.append(blank)
                    texts.append("")
                    target[-1].tail = child.tail
                    continue
                if _unchanged(unit, k, text) and child.get("mid") in old:
                    target.append(old[child.get("mid")])  # its comments and marks kept
                    texts.append(text)
                    target[-1].tail = child.tail
                    continue
                mark = etree.SubElement(target, child.tag, dict(child.attrib))
                if text:
                    self._fill(mark, text, rendering, unit.items, child)
                elif fallback == "source" and child.get("mid") in old:
                    mark.text = old[child.get("mid")].text
                    for sub in old[child.get("mid")]:
                        mark.append(sub)
                texts.append(text)
            elif isinstance(child.tag, str) and any(
                    m.get("mtype") == "seg" for m in child.iter(self._q("mrk"))):
                holder = etree.SubElement(target, child.tag, dict(child.attrib))
                holder.text = child.text
                self._marks(child, holder, unit, english, old, fallback, rendering, texts)
            else:
                target.append(copy.deepcopy(child))
            target[-1].tail = child.tail

    def _write20(self, unit: _Unit, english: list[tuple[str, str]], rendering: Rendering,
                 fallback: str) -> None:
        for k, (segment, (text, status)) in enumerate(
                zip(unit.segments, english, strict=True)):
            if _blank(unit, k):
                # white space or codes alone, no segment of the project: the file's target
                # of it, else a copy of the source's
                if segment.target is None:
                    target = copy.deepcopy(segment.source)
                    target.tag = self._q("target")
                    target.attrib.pop("{http://www.w3.org/XML/1998/namespace}lang", None)
                    segment.source.addnext(target)
                    target.tail = segment.source.tail
                continue
            if not text and fallback == "source":
                continue
            target = segment.target
            if target is None:
                target = etree.Element(self._q("target"))
                segment.source.addnext(target)
                target.tail = segment.source.tail
            if target is not segment.target or not _unchanged(unit, k, text):
                self._fill(target, text, rendering, unit.items, segment.source)
            state = XLIFF20_STATE[Status(status)] if text else "initial"
            segment.holder.set("state", state)


def _edge_space(source: etree._Element) -> tuple[str, str]:
    """The white space a source whose white space is preserved starts and ends with (none
    where it is not: a pretty-printed file's layout, no text's)."""
    if not safexml.space_preserved(source):
        return "", ""
    first = source.text or ""
    last = (source[-1].tail if len(source) else first) or ""
    if not len(source) and not first.strip():
        return "", ""
    return first[: len(first) - len(first.lstrip())], last[len(last.rstrip()):]


def _blank(unit: _Unit, k: int) -> bool:
    """Whether the unit's ``k``-th segment is white space or codes alone: no segment of the
    project (Okapi marks a leading space as a segment of its own)."""
    texts = unit.block.segments or []
    return k < len(texts) and not texts[k] and len(texts) > 1


def _unchanged(unit: _Unit, k: int, text: str) -> bool:
    """Whether ``text`` is the English the file had for the unit's ``k``-th segment: its
    target is then written as it was, a reviewer's comment marks (Trados's) and tracked
    changes in it kept."""
    targets = unit.block.targets or []
    return bool(text) and k < len(targets) and targets[k] == text


def _least(statuses: list[str]) -> str:
    valid = [s for s in statuses if s in STATUSES]
    return min(valid, key=STATUSES.index) if valid else Status.TRANSLATED.value


def _phrase_key(text: str, keys: dict[tuple[str, str], int]) -> tuple[str, str]:
    """The key of the next occurrence of Phrase's tag ``text`` in a unit whose tags so far
    are ``keys``: ``("phrase", "{b>#2")`` for the second ``{b>``."""
    seen = sum(1 for name, ref in keys if name == "phrase" and ref.rpartition("#")[0] == text)
    return "phrase", f"{text}#{seen + 1}"


def _phrase_placeholders(text: str, keys: dict[tuple[str, str], int],
                         tags: dict[int, Any]) -> str:
    """A Phrase target's text with its tags as the placeholders of the source's same tags
    (the n-th ``{b>`` as the source's n-th); one the source lacks stays as text, the closing
    of a pair that holds nothing goes (its opening stands for both)."""
    seen: dict[tuple[str, str], int] = {}

    def one(m: re.Match[str]) -> str:
        key = _phrase_key(m.group(), seen)
        tag_id = keys.get(key)
        seen[key] = 0
        if tag_id is None:
            return m.group()
        if not tags[tag_id].paired:
            return "" if m.group().startswith("<") else f"<{tag_id}/>"
        return f"</{tag_id}>" if m.group().startswith("<") else f"<{tag_id}>"

    return PHRASE_TAG.sub(one, text)


def _target_text(target: etree._Element, keys: dict[tuple[str, str], int],
                 tags: dict[int, Any], phrase: bool = False) -> str:
    """A target's text with the placeholders of the source codes it holds (and, in
    Phrase's file, of its tags written as text), its white space read as its ``xml:space``
    says (as the source's is)."""
    out: list[str] = [target.text or ""]

    def walk(el: etree._Element) -> None:
        for child in el:
            name = local(child.tag)
            tag_id = keys.get(_code_key(child))
            if safexml.is_deleted(child):
                pass  # a tracked deletion: its tail only
            elif name == "cp":
                with contextlib.suppress(ValueError, OverflowError):
                    out.append(chr(int(child.get("hex", ""), 16)))
            elif tag_id is not None and tags[tag_id].paired and name in _HALVES:
                out.append(f"<{tag_id}>")
            elif tag_id is not None and tags[tag_id].paired and name in _ENDS:
                out.append(f"</{tag_id}>")
            elif tag_id is not None and tags[tag_id].paired and name in PAIRS:
                out.append(f"<{tag_id}>")
                out.append(child.text or "")
                walk(child)
                out.append(f"</{tag_id}>")
            elif tag_id is not None and not tags[tag_id].paired:
                out.append(f"<{tag_id}/>")
            elif name in PAIRS:  # a code the source lacks: its text only
                out.append(child.text or "")
                walk(child)
            out.append(child.tail or "")

    walk(target)
    text = "".join(out)
    if phrase:
        text = _phrase_placeholders(text, keys, tags)
    return safexml.text_as_spaced(text, target).strip()


def _emit(parent: etree._Element, children: list[str | Node], items: dict[int, Any]) -> None:
    for child in children:
        if isinstance(child, str):
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + child
            else:
                parent.text = (parent.text or "") + child
            continue
        item = items.get(child.origin)
        if isinstance(item, Literal):
            _emit(parent, [item.text], items)
        elif isinstance(item, _PhrasePair):  # Phrase's tags, written back as its text
            _emit(parent, [item.start, *child.children, item.end], items)
        elif item is None:
            continue
        elif isinstance(item, _ScPair):  # written back as the file had it: sc ... ec
            _append(parent, item.start)
            _emit(parent, child.children, items)
            _append(parent, item.end)
        elif not child.paired:
            element = copy.deepcopy(item)
            element.tail = None
            parent.append(element)
        else:
            shell = etree.SubElement(parent, item.tag, dict(item.attrib))
            _emit(shell, child.children, items)


def _append(parent: etree._Element, item: etree._Element) -> None:
    element = copy.deepcopy(item)
    element.tail = None
    parent.append(element)


def read_xliff_source(data: bytes, path: str) -> SourceDocument:
    """The units of an XLIFF 1.2 or 2.0 file as blocks, with their targets and statuses."""
    doc = _Xliff(data, path)
    return SourceDocument(path, "xliff", data, [u.block for u in doc.units],
                          source_lang=doc.source_lang, target_lang=doc.target_lang,
                          warnings=doc.warnings)


def write_xliff_source(out: BinaryIO, data: bytes, path: str, renderings: dict[int, Rendering],
                       fallback: str) -> WriteReport:
    """Write the XLIFF ``data`` with the targets of ``renderings`` (units from 1) filled."""
    doc = _Xliff(data, path)
    report = WriteReport(blocks=len(doc.units))
    doc.write(out, renderings, fallback, report)
    return report
