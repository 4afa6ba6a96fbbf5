"""Wordfast Pro's TXML as a source document: its source the Arabic, its targets the working
translation, its segmentation kept; written back with the targets filled.

A block is a ``<translatable>`` (Wordfast's paragraph); its segments are its ``<segment>``
elements' ``<source>`` (a segment Wordfast commented out is no element: left alone). The white
space and codes between segments (``<ws>``) and the document's skeleton are no text. An inline
code, ``<ut x="1">&lt;b&gt;</ut>``, is an empty tag (as Okapi reads TXML), a target's codes
matched to the source's by their ``x``. A target that Wordfast filled by machine translation
(``gtmt="true"``) is a draft; another, translated. A segment's ``<comments>`` are its
paragraph's comments. Writing fills each translated segment's
``<target>`` (made after its source when it has none), its codes copies of the source's;
with ``--fallback empty`` an untranslated segment gets an empty target; every other element,
attribute and comment is kept.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

from workbench import textio
from workbench.errors import InputError
from workbench.filters.inline import InlineBuilder, parse
from workbench.filters.model import Block, Rendering, SourceDocument, WriteReport
from workbench.filters.xmltree import Whole, append_text, emit
from workbench.formats import safexml
from workbench.formats.model import lang_matches
from workbench.formats.safexml import local
from workbench.statuses import Status
from workbench.text.script import copies_source
from workbench.text.tags import strip_tags


@dataclass
class _Unit:
    """A ``<translatable>``: its segments' (segment, source, target) elements, its block, and
    each tag's ``<ut>``."""

    segments: list[tuple[etree._Element, etree._Element, etree._Element | None]]
    block: Block
    codes: dict[int, etree._Element]


class _Txml:
    """An opened TXML file and its translatables in order."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        textio.refuse_binary(data, path, xml=True)
        self.root = safexml.parse_document(data, path, huge=True)
        if local(self.root.tag) != "txml":
            raise InputError(path, f"not a Wordfast TXML file (root element "
                                   f"<{local(self.root.tag)}>)")
        self.source_lang = self.root.get("locale")
        self.target_lang = self.root.get("targetlocale")
        if self.source_lang and not lang_matches(self.source_lang, "ar"):
            raise InputError(path, f"source language (locale) is {self.source_lang!r}, not "
                                   "Arabic (ar)", self.root.sourceline)
        if self.target_lang and not lang_matches(self.target_lang, "en"):
            raise InputError(path, f"target language (targetlocale) is {self.target_lang!r}, "
                                   "not English (en)", self.root.sourceline)
        self.units: list[_Unit] = []
        for translatable in self.root.iter("{*}translatable"):
            unit = self._unit(translatable)
            if unit is not None:
                self.units.append(unit)

    def _unit(self, translatable: etree._Element) -> _Unit | None:
        segments = []
        for segment in translatable:
            if local(segment.tag) != "segment":
                continue
            source = _child(segment, "source")
            if source is not None:
                segments.append((segment, source, _child(segment, "target")))
        b = InlineBuilder()
        keys: dict[str, int] = {}  # a code's x → its tag
        texts = []
        for _, source, _ in segments:
            start = len(b.parts)
            b.text(source.text or "")
            for code in source:
                if local(code.tag) == "ut":
                    title = " ".join("".join(code.itertext()).split()) or code.get("type") or "ut"
                    keys.setdefault(code.get("x") or "", b.empty("ut", title[:80], code))
                b.text(code.tail or "")
            texts.append("".join(b.parts[start:]).strip())
        if not b.has_text:
            return None
        targets: list[str | None] = []
        statuses: list[str | None] = []
        for k, (segment, _, target) in enumerate(segments):
            english = _target_text(target, keys) if target is not None else ""
            has = bool(strip_tags(english).strip()) and not copies_source(english, texts[k])
            targets.append(english if has else None)
            machine = segment.get("gtmt") == "true"
            statuses.append((Status.DRAFT if machine else Status.TRANSLATED).value if has
                            else None)
        place = f"block {translatable.get('blockId', '?')}"
        notes = tuple(dict.fromkeys(  # Wordfast's comments on its segments, each on one line
            " ".join("".join(c.itertext()).split()) for segment, _, _ in segments
            for c in segment.iter("{*}comment")))
        block = Block(" ".join(t for t in texts if t), b.tags, place, "unit", segments=texts,
                      targets=targets, statuses=statuses, notes=tuple(n for n in notes if n))
        return _Unit(segments, block, dict(b.items))

    def write(self, out: BinaryIO, renderings: dict[int, Rendering], fallback: str,
              report: WriteReport) -> None:
        for n, unit in enumerate(self.units, start=1):
            rendering = renderings.get(n)
            if rendering is None:
                continue
            english = [s.target.strip() for s in rendering.segments]
            if len(english) != len(unit.segments):
                # segments merged or split in the project: the block's English in its first
                english = [rendering.text("empty")] + [""] * (len(unit.segments) - 1)
                report.warn(f"{unit.block.place}: {len(rendering.segments)} segments in the "
                            f"project, {len(unit.segments)} in the file: the English is "
                            "written whole in the first")
            if not any(english) and fallback == "source":
                continue
            for (_, source, target), text in zip(unit.segments, english, strict=True):
                if not text and fallback == "source":
                    continue
                if target is None:
                    target = etree.Element(f"{{{safexml.namespace(source.tag)}}}target"
                                           if safexml.namespace(source.tag) else "target")
                    source.addnext(target)
                    target.tail = source.tail
                for child in list(target):
                    target.remove(child)
                target.text = None
                # copies of the source's codes: the source keeps its own
                items = {tag: Whole(copy.deepcopy(code)) for tag, code in unit.codes.items()}
                emit(target, parse(text, rendering.tags).children, items, set(), append_text)
            report.rewritten += 1
        if not self.root.get("targetlocale"):
            self.root.set("targetlocale", "en")
        tree = self.root.getroottree()
        out.write(etree.tostring(tree, xml_declaration=True,
                                 encoding=tree.docinfo.encoding or "UTF-8"))


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if local(c.tag) == name), None)


def _target_text(target: etree._Element, keys: dict[str, int]) -> str:
    """A target's text with the placeholders of the source's codes it holds (by ``x``); a
    code the source lacks is left out."""
    out = [target.text or ""]
    for code in target:
        tag = keys.get(code.get("x") or "") if local(code.tag) == "ut" else None
        if tag is not None:
            out.append(f"<{tag}/>")
        out.append(code.tail or "")
    return "".join(out).strip()


def read_txml_source(data: bytes, path: str) -> SourceDocument:
    """The translatables of a TXML file as blocks, with their targets and statuses."""
    doc = _Txml(data, path)
    return SourceDocument(path, "txml", data, [u.block for u in doc.units],
                          source_lang=doc.source_lang, target_lang=doc.target_lang)


def write_txml_source(out: BinaryIO, data: bytes, path: str, renderings: dict[int, Rendering],
                      fallback: str) -> WriteReport:
    """Write the TXML ``data`` with the targets of ``renderings`` (translatables from 1)
    filled."""
    doc = _Txml(data, path)
    report = WriteReport(blocks=len(doc.units))
    doc.write(out, renderings, fallback, report)
    return report
