"""XLIFF 1.2: every segment, with its state, notes and findings; streamed out, read back safely.

One ``<file>`` per document carrying ``wb:document-key`` (so a file of another project or
document is recognised), one ``<group restype="x-paragraph">`` per paragraph, one
``<trans-unit>`` per unit with our id. Statuses map through :mod:`workbench.statuses`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from workbench.errors import InputError
from workbench.formats import safexml, xmlout
from workbench.formats.codes import XLIFF12, code_numbers, encode, spaced_text
from workbench.formats.model import (
    WB_NS,
    ExportHeader,
    ImportedFile,
    ImportedUnit,
    Unit,
    primary_language,
)
from workbench.formats.notes import (
    comment_notes,
    finding_priority,
    inline_comments,
    lqa_notes,
)
from workbench.formats.phrase import PHRASE_NS, is_phrase, phrase_placeholders
from workbench.statuses import (
    MEMOQ_STATUS,
    STATUSES,
    TOOL_STATUS,
    TRADOS_CONF,
    XLIFF12_STATE,
    Status,
    from_xliff12,
)
from workbench.text.tags import strip_tags

NS = "urn:oasis:names:tc:xliff:document:1.2"


def write_xliff(out: BinaryIO, header: ExportHeader, units: Iterable[Unit]) -> int:
    """Write all units as XLIFF 1.2 to ``out``; return how many."""
    w = xmlout.Writer(out)
    file_attrs = {
        "original": header.document,
        "source-language": header.source_lang,
        "target-language": header.target_lang,
        "datatype": "plaintext",
        "tool-id": header.tool,
        "date": header.created,
        "wb:document-key": header.document_key,
        "wb:project": header.project,
        "wb:version": header.version,
    }
    tool = {"tool-id": header.tool, "tool-name": header.tool, "tool-version": header.tool_version}
    w.write(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{NS}" '
        f'xmlns:wb="{WB_NS}">\n<file{xmlout.attrs(file_attrs)}>\n'
        f"<header><tool{xmlout.attrs(tool)}/></header>\n<body>\n"
    )
    source_lang = xmlout.attr(header.source_lang)
    target_lang = xmlout.attr(header.target_lang)
    count = 0
    for paragraph, members in groupby(units, key=lambda u: u.paragraph):
        w.write(f'<group id="p{paragraph}" restype="x-paragraph">\n')
        for unit in members:
            copied = header.copy_source and not unit.target.strip()
            # a copied source is untranslated whatever the status (a draft emptied): new
            state, approved = XLIFF12_STATE[Status.NEW if copied else Status(unit.status)]
            parts = [
                f'<trans-unit id="{unit.key}" resname="{xmlout.attr(header.document)}#'
                f'{unit.number}" xml:space="preserve"',
                ' approved="yes"' if approved else "",
                f' wb:status="{unit.status}">',
                f'<source xml:lang="{source_lang}">{encode(unit.source, XLIFF12)}</source>',
                f'<target xml:lang="{target_lang}" state="{state}">'
                f"{encode(unit.source if copied else unit.target, XLIFF12)}</target>",
            ]
            for note in unit.notes:
                parts.append(
                    f'<note from="translator" annotates="general">{xmlout.text(note)}</note>'
                )
            for finding in unit.findings:
                parts.append(
                    '<note from="workbench-qa" annotates="target" '
                    f'priority="{finding_priority(finding)}">{xmlout.text(finding)}</note>'
                )
            for error in unit.lqa:
                parts.append(
                    f'<note from="workbench-lqa" annotates="target">{xmlout.text(error)}</note>'
                )
            for match in unit.matches:  # translation-memory matches
                parts.append(
                    f'<alt-trans match-quality="{match.score}" origin="'
                    f'{xmlout.attr(match.origin)}"><source xml:lang="{source_lang}">'
                    f'{encode(match.source, XLIFF12)}</source><target xml:lang="{target_lang}">'
                    f"{encode(match.target, XLIFF12)}</target></alt-trans>"
                )
            parts.append("</trans-unit>\n")
            w.write("".join(parts))
            count += 1
        w.write("</group>\n")
    w.write("</body>\n</file>\n</xliff>\n")
    w.flush()
    return count


def read_xliff(path: str | Path) -> ImportedFile:
    """Read an XLIFF 1.2 or 2.0 file (detected from its root element)."""
    events = safexml.iterparse(path)
    for event, el in events:
        if event != "start":
            continue
        if safexml.local(el.tag) != "xliff":
            raise InputError(
                path, f"not an XLIFF file (root element <{safexml.local(el.tag)}>)", el.sourceline
            )
        version = el.get("version", "")
        ns = safexml.namespace(el.tag)
        if version.startswith("2") or ns.endswith(":2.0"):
            from workbench.formats.xliff2 import read_unit

            result = ImportedFile(str(path), "xliff2", el.get("srcLang"), el.get("trgLang"))
            return _read_units(path, events, result, "unit", read_unit)
        if not version.startswith("1"):
            raise InputError(path, f"XLIFF version {version!r} is not supported (1.2 or 2.0)")
        result = ImportedFile(str(path), "xliff", None, None)
        comments: dict[str, tuple[str, ...]] = {}  # Trados's, by id (before the <file>s)
        return _read_units(path, events, result, "trans-unit",
                           partial(_read_trans_unit, sdl_comments=comments), comments)
    raise InputError(path, "not an XLIFF file (empty)")


def _read_units(
    path: str | Path,
    events: Iterable[tuple[str, etree._Element]],
    result: ImportedFile,
    unit_name: str,
    read_unit: Callable[[etree._Element], ImportedUnit | None],
    comments: dict[str, tuple[str, ...]] | None = None,
) -> ImportedFile:
    """Fill ``result`` from the ``<file>``s of an XLIFF document whose root has been read.

    ``read_unit`` turns each closed ``unit_name`` element (``trans-unit`` in 1.2, ``unit`` in
    2.0) into a unit, or None to leave it out. The languages come from ``<file>`` in 1.2 and
    from the root in 2.0.
    """
    files = 0
    for event, el in events:
        name = safexml.local(el.tag)
        if event == "start":
            if name == "file":
                files += 1
                _read_file_element(path, el, result, files)
            continue
        if name == "cmt-def" and comments is not None:
            comments[el.get("id") or ""] = sdl_comment(el)
        elif name == unit_name:
            unit = read_unit(el)
            if unit is not None:
                result.units.append(unit)
            safexml.release(el)
    return result


def _read_file_element(
    path: str | Path, el: etree._Element, result: ImportedFile, number: int
) -> None:
    """Take what the ``number``-th ``<file>`` says into ``result``. Another tool's file may
    hold several (Trados's merged .sdlxliff, a multi-file package), read as one whose units
    are matched by their Arabic: it names no one document, and its languages are the first
    ``<file>``'s (another pair refused). Ours hold one, with its document key."""
    key = el.get(f"{{{WB_NS}}}document-key")
    if number > 1:
        if key or result.document_key:
            raise InputError(
                path, "holds several <file> elements; export one document per file",
                el.sourceline,
            )
        result.document = None
        if result.format == "xliff" and any(
            el.get(name) and primary_language(el.get(name)) != primary_language(first)
            for name, first in (("source-language", result.source_lang),
                                ("target-language", result.target_lang))
        ):
            raise InputError(
                path, f"this <file> is {el.get('source-language')}→{el.get('target-language')}"
                f", the first {result.source_lang}→{result.target_lang}", el.sourceline,
            )
        return
    if result.format == "xliff":
        result.source_lang = el.get("source-language")
        result.target_lang = el.get("target-language")
    result.document = el.get("original")
    result.document_key = key
    if key:  # ours: when it was written, and of what
        result.exported_at = el.get("date") or el.get(f"{{{WB_NS}}}date")
        result.version = el.get(f"{{{WB_NS}}}version")


NOT_TEXT = frozenset({"x-gettext-domain-header"})
"""``restype``s of units that hold no text to translate (translate-toolkit's po2xliff writes
the PO file's header as such a unit): left out, as ``translate="no"`` units are."""


def sdl_comment(definition: etree._Element) -> tuple[str, ...]:
    """The texts, each on one line, of a Trados comment definition (``<cmt-def id>`` of the
    .sdlxliff's ``doc-info``: a ``<Comment>`` per reply)."""
    texts = (" ".join(safexml.text_of(c).split()) for c in definition.iter("{*}Comment"))
    return tuple(t for t in texts if t)


def _read_trans_unit(
    tu: etree._Element, sdl_comments: dict[str, tuple[str, ...]] | None = None
) -> ImportedUnit | None:
    if tu.get("restype") in NOT_TEXT or safexml.not_translated(tu):
        return None
    # the unit's own namespace: 1.2's, 1.0's or 1.1's (translate-toolkit writes 1.1), or none
    ns = safexml.namespace(tu.tag)

    def child(name: str) -> str:
        return f"{{{ns}}}{name}" if ns else name

    source_el = tu.find(child("source"))
    target_el = tu.find(child("target"))
    numbers = code_numbers(source_el, target_el)  # ids that are no numbers: x1, pc1
    source = spaced_text(source_el, numbers) if source_el is not None else ""
    target = spaced_text(target_el, numbers) if target_el is not None else None
    if is_phrase(tu):  # Phrase's tags, written as text: {1>…<1}, {2}
        source, target = phrase_placeholders(source, target)
    if not strip_tags(source).strip():  # codes alone (Trados's unit of a comment): no text
        return None
    state = target_el.get("state") if target_el is not None else None
    qualifier = target_el.get("state-qualifier") if target_el is not None else None
    approved = tu.get("approved") == "yes"
    tools = tool_statuses(tu)
    seg_source = tu.find(child("seg-source"))
    marks = _segment_marks(seg_source)
    tool = tools.get(marks[0].get("mid"), tools.get(None)) if len(marks) == 1 else tools.get(None)
    status = _status(state, approved, bool(target and target.strip()),
                     tu.get(f"{{{WB_NS}}}status"), tool, qualifier)
    notes = tu.findall(child("note"))
    parts: list[ImportedUnit] = []
    if marks:  # segmented: <mrk mtype="seg" mid="N"> in the seg-source and in the target
        numbers = code_numbers(seg_source, target_el)
        targets = {m.get("mid"): spaced_text(m, numbers) for m in _segment_marks(target_el)}
        for mark in marks:
            mid = mark.get("mid")
            text = targets.get(mid)
            parts.append(ImportedUnit(
                key=f"{tu.get('id')}/{mid}", source=spaced_text(mark, numbers), target=text,
                state=state,
                status=_status(state, approved, bool(text and text.strip()), None,
                               tools.get(mid, tools.get(None)), qualifier).value,
                line=mark.sourceline,
            ))
    return ImportedUnit(
        key=tu.get("id"), source=source, target=target, state=state, status=status.value,
        line=tu.sourceline, lqa=lqa_notes(notes),
        notes=tuple(dict.fromkeys(comment_notes(notes, "from") + memoq_comments(tu)
                                  + inline_comments(source_el, seg_source, target_el,
                                                    sdl=sdl_comments))),
        parts=tuple(parts) if len(parts) > 1 else (),
    )


SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
MQ_NS = "MQXliff"


def tool_statuses(tu: etree._Element) -> dict[str | None, str]:
    """The statuses Trados (per segment, by ``mid``), memoQ or Phrase (the unit's, key None)
    gave; Phrase's ``m:confirmed="1"`` is a confirmation (a reviewer's in a file of its
    second workflow step or later, ``m:level`` of the root, when the unit says it was edited
    in that step, ``m:level-edited``), its ``0`` no status."""
    out: dict[str | None, str] = {}
    memoq = tu.get(f"{{{MQ_NS}}}status")
    if memoq:
        out[None] = memoq
    elif tu.get(f"{{{PHRASE_NS}}}confirmed") == "1":
        level = tu.getroottree().getroot().get(f"{{{PHRASE_NS}}}level") or ""
        reviewed = level.isdigit() and int(level) > 1 \
            and tu.get(f"{{{PHRASE_NS}}}level-edited") == "true"
        out[None] = "approvedtranslation" if reviewed else "confirmed"
    defs = tu.find(f"{{{SDL_NS}}}seg-defs")
    for seg in defs.iterfind(f"{{{SDL_NS}}}seg") if defs is not None else ():
        if seg.get("conf"):
            out[seg.get("id")] = seg.get("conf", "")
    return out


def memoq_comments(tu: etree._Element) -> tuple[str, ...]:
    """The comments memoQ keeps of a unit (``<mq:comments><mq:comment>`` of a .mqxliff), each
    on one line; those it marks deleted left out."""
    texts = (" ".join(safexml.text_of(c).split()) for c in tu.iterfind(
        f"{{{MQ_NS}}}comments/{{{MQ_NS}}}comment") if c.get("deleted") != "true")
    return tuple(t for t in texts if t)


def set_tool_statuses(tu: etree._Element, statuses: dict[str | None, Status]) -> None:
    """Give a unit of Trados's or memoQ's file the statuses of its segments (by ``mid``; key
    None: a unit of one segment) where that tool keeps its own: Trados's ``conf`` of each
    ``sdl:seg``, memoQ's ``mq:status`` (the least of the unit's), Phrase's ``m:confirmed``
    (1 when all of the unit's are translated or further)."""
    def give(element: etree._Element, name: str, status: Status | None,
             names: dict[Status, str]) -> None:
        # a name the tool reads as that status already (memoQ's Pretranslated: draft) stays
        old = element.get(name) or ""
        if status in names and TOOL_STATUS.get(old.lower()) != status:
            element.set(name, names[status])

    if statuses and tu.get(f"{{{MQ_NS}}}status") is not None:
        least = min(statuses.values(), key=lambda s: STATUSES.index(s.value))
        give(tu, f"{{{MQ_NS}}}status", least, MEMOQ_STATUS)
    if statuses and tu.get(f"{{{PHRASE_NS}}}confirmed") is not None:
        done = all(STATUSES.index(s.value) >= STATUSES.index(Status.TRANSLATED.value)
                   for s in statuses.values())
        tu.set(f"{{{PHRASE_NS}}}confirmed", "1" if done else "0")
    defs = tu.find(f"{{{SDL_NS}}}seg-defs")
    for seg in defs.iterfind(f"{{{SDL_NS}}}seg") if defs is not None else ():
        give(seg, "conf", statuses.get(seg.get("id")), TRADOS_CONF)


def _segment_marks(element: etree._Element | None) -> list[etree._Element]:
    """The segment markers (``<mrk mtype="seg">``) of an element, in order."""
    if element is None:
        return []
    return [m for m in element.iter() if safexml.local(m.tag) == "mrk" and m.get("mtype") == "seg"]


def _status(state: str | None, approved: bool, has_target: bool, ours: str | None,
            tool: str | None = None, qualifier: str | None = None) -> Status:
    """The status of a unit: ours when the state still says what we wrote, else the state's
    (or, without one, the status another tool gave it)."""
    if ours in STATUSES and XLIFF12_STATE[Status(ours)] == (state, approved):
        return Status(ours)
    return from_xliff12(state, approved, has_target, tool, qualifier)
