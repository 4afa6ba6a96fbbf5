"""TMX 1.4b: a translation memory of the segment pairs that have English.

Written as a stream of text (see :mod:`xmlout`), one ``<tu>`` per unit, valid against the
TMX 1.4 DTD. Read back element by element with the safe parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from workbench.errors import InputError
from workbench.formats import safexml, xmlout
from workbench.formats.codes import OMEGAT_TAG, TMX, counts_from_zero, encode, tagged_text
from workbench.formats.model import (
    ExportHeader,
    ImportedFile,
    ImportedUnit,
    Unit,
    iso_from_tmx_date,
    lang_matches,
    tmx_date,
)
from workbench.formats.notes import comment_notes, lqa_notes
from workbench.statuses import TOOL_STATUS

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: <prop> types in the header and in units.
PROP_DOCUMENT = "x-workbench-document"
PROP_DOCUMENT_KEY = "x-workbench-document-key"
PROP_PROJECT = "x-workbench-project"
PROP_VERSION = "x-workbench-version"
PROP_EXPORTED = "x-workbench-exported"
PROP_STATUS = "x-status"
#: Trados Studio's status of a unit in the TMX it exports (Translated, ApprovedSignOff, ...).
PROP_TRADOS_STATUS = "x-ConfirmationLevel"
PROP_PARAGRAPH = "x-paragraph"
PROP_FINDING = "x-finding"


def write_tmx(out: BinaryIO, header: ExportHeader, units: Iterable[Unit]) -> int:
    """Write the units that have English as TMX 1.4b to ``out``; return how many."""
    w = xmlout.Writer(out)
    head = {
        "creationtool": header.tool,
        "creationtoolversion": header.tool_version,
        "segtype": "sentence",
        "o-tmf": "workbench",
        "adminlang": "en",
        "srclang": header.source_lang,
        "datatype": "plaintext",
        "creationdate": tmx_date(header.created) or "",
    }
    w.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            f"<header{xmlout.attrs(head)}>\n")
    for kind, value in (
        (PROP_PROJECT, header.project),
        (PROP_DOCUMENT, header.document),
        (PROP_DOCUMENT_KEY, header.document_key),
        (PROP_VERSION, header.version),
        (PROP_EXPORTED, header.created),  # the creationdate to the millisecond
    ):
        w.write(f'  <prop type="{kind}">{xmlout.text(value)}</prop>\n')
    w.write("</header>\n<body>\n")
    source_tuv = f'<tuv xml:lang="{xmlout.attr(header.source_lang)}"><seg>'
    target_tuv = f'<tuv xml:lang="{xmlout.attr(header.target_lang)}"><seg>'
    count = 0
    for unit in units:
        if not unit.target.strip():
            continue
        parts = [f'<tu tuid="{unit.key}"']
        created = tmx_date(unit.created)
        changed = tmx_date(unit.changed)
        if created:
            parts.append(f' creationdate="{created}"')
        if unit.created_by:
            parts.append(f' creationid="{xmlout.attr(unit.created_by)}"')
        if changed:
            parts.append(f' changedate="{changed}"')
        if unit.changed_by:
            parts.append(f' changeid="{xmlout.attr(unit.changed_by)}"')
        parts.append(">")
        for note in unit.notes:
            parts.append(f"<note>{xmlout.text(note)}</note>")
        parts.append(f'<prop type="{PROP_STATUS}">{xmlout.text(unit.status)}</prop>')
        parts.append(f'<prop type="{PROP_PARAGRAPH}">{unit.paragraph}</prop>')
        for finding in unit.findings:
            parts.append(f'<prop type="{PROP_FINDING}">{xmlout.text(finding)}</prop>')
        parts.append(f"{source_tuv}{encode(unit.source, TMX)}</seg></tuv>")
        parts.append(f"{target_tuv}{encode(unit.target, TMX)}</seg></tuv></tu>\n")
        w.write("".join(parts))
        count += 1
    w.write("</body>\n</tmx>\n")
    w.flush()
    return count


#: The elements :func:`read_tmx` reads (in any namespace).
_ELEMENTS = ("{*}tmx", "{*}header", "{*}tu")


def tuv_languages(tu: etree._Element) -> set[str]:
    """The language codes of a ``<tu>``'s variants (``xml:lang``, TMX 1.1's ``lang``), in
    lower case: a file of other languages says which."""
    return {lang.strip().lower() for tuv in tu if safexml.local(tuv.tag) == "tuv"
            if (lang := tuv.get(XML_LANG) or tuv.get("lang"))}


def said_languages(languages: set[str]) -> str:
    """``"; its languages: en-gb, en-us"`` (the first ten), or nothing."""
    if not languages:
        return ""
    shown = sorted(languages)
    return "; its languages: " + ", ".join(shown[:10]) + (", …" if len(shown) > 10 else "")


def read_tmx(path: str | Path, source_lang: str = "ar", target_lang: str = "en") -> ImportedFile:
    """Read the Arabic-English pairs of a TMX file (any tool's), with our ids when present;
    its elements in a namespace (``<tmx xmlns="http://www.lisa.org/tmx14">``) read as without."""
    result = ImportedFile(str(path), "tmx", None, None)
    root_seen = False
    header_props: dict[str, str] = {}
    omegat = False  # OmegaT's own TMX: its tags are text (&lt;i0&gt;), read as codes are
    # the events of these elements alone (a unit's inner elements were a tenth of the time
    # of a large memory's import, most of it spent before a refusal)
    for _, el in safexml.iterparse(path, tag=_ELEMENTS, events=("end",)):
        if not root_seen:
            root = el.getroottree().getroot()
            if safexml.local(root.tag) != "tmx":
                raise InputError(path, f"not a TMX file (root element <{safexml.local(root.tag)}>)",
                                 root.sourceline)
            root_seen = True
        name = safexml.local(el.tag)
        if name == "header":
            safexml.refuse_entities(path, el)
            omegat = any("omegat" in (el.get(a) or "").lower()
                         for a in ("creationtool", "o-tmf"))
            for prop in el.iter("{*}prop"):
                header_props[prop.get("type", "")] = (prop.text or "").strip()
            result.document = header_props.get(PROP_DOCUMENT)
            result.document_key = header_props.get(PROP_DOCUMENT_KEY)
            if result.document_key:  # ours: when it was written, and of what
                result.exported_at = header_props.get(PROP_EXPORTED) or iso_from_tmx_date(
                    el.get("creationdate")
                )
                result.version = header_props.get(PROP_VERSION)
        elif name == "tu":
            safexml.refuse_entities(path, el)
            unit = _read_tu(el, source_lang, target_lang, omegat)
            if unit is not None:
                result.units.append(unit)
            else:
                result.without_source.append(el.sourceline)
                result.languages.update(tuv_languages(el))
            safexml.release(el)
    if not root_seen:  # no <tmx>, <header> or <tu> anywhere: the root says what it is
        root = safexml.root_element(path)
        raise InputError(path, f"not a TMX file (root element <{safexml.local(root.tag)}>)",
                         root.sourceline)
    # the units read are the file's source_lang-target_lang pairs, whatever its header says
    result.source_lang, result.target_lang = source_lang, target_lang
    return result


def _seg_and_notes(tuv: etree._Element) -> tuple[etree._Element | None, list[etree._Element]]:
    """A ``<tuv>``'s first ``<seg>`` and its notes, in one pass over its children (lxml's
    ``find`` with a namespace wildcard cost more than the rest of a unit's reading)."""
    seg = None
    notes: list[etree._Element] = []
    for child in tuv:
        name = safexml.local(child.tag)
        if name == "seg" and seg is None:
            seg = child
        elif name == "note":
            notes.append(child)
    return seg, notes


def _omegat_tags(text: str) -> str:
    """OmegaT's tags written as text (``<i0>``, ``</i0>``, numbered from 0; a standalone one
    as ``<br1>`` or ``<x1/>``) as our placeholders (``<1>``, ``</1>``, ``<2/>``), which the
    import renumbers to the segment's by their order."""
    closed = {m.group(2) for m in OMEGAT_TAG.finditer(text) if m.group(1)}

    def placeholder(m: re.Match[str]) -> str:
        end, number, empty = m.groups()
        n = int(number) + 1
        if end:
            return f"</{n}>"
        # an opening tag without its closing one is standalone (an image, a break)
        return f"<{n}/>" if empty or number not in closed else f"<{n}>"

    return OMEGAT_TAG.sub(placeholder, text)


def _read_tu(
    tu: etree._Element, source_lang: str, target_lang: str, omegat: bool = False
) -> ImportedUnit | None:
    """One unit's Arabic and English, its codes as placeholders (``omegat``: OmegaT's tags
    written as text too; the import renumbers them to the segment's by their order)."""
    source = target = None
    status = trados = None
    notes: list[etree._Element] = []
    shift: int | None = None  # 1 when the unit's codes count from 0 (OmegaT's level 2)
    for child in tu:
        name = safexml.local(child.tag)
        if name == "note":
            notes.append(child)
        elif name == "prop" and child.get("type") == PROP_STATUS:
            status = (child.text or "").strip() or None
        elif name == "prop" and child.get("type") == PROP_TRADOS_STATUS:
            found = TOOL_STATUS.get((child.text or "").strip().lower())
            trados = found.value if found is not None else None
        elif name == "tuv":
            lang = child.get(XML_LANG) or child.get("lang")
            seg, variant_notes = _seg_and_notes(child)
            if seg is None:
                continue
            if shift is None and len(seg):  # looked at once, for a unit with codes
                shift = int(counts_from_zero(tu))
            text = tagged_text(seg, shift or 0)
            if omegat and "<" in text:
                text = _omegat_tags(text)
            if source is None and lang_matches(lang, source_lang):
                source = text
            elif target is None and lang_matches(lang, target_lang):
                target = text
            else:
                continue
            notes += variant_notes  # TMX 1.4 has notes of a variant too
    if source is None:
        return None
    return ImportedUnit(
        key=tu.get("tuid"), source=source, target=target, status=status or trados,
        line=tu.sourceline,
        lqa=lqa_notes(notes), notes=comment_notes(notes),
    )
