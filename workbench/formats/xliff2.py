"""XLIFF 2.0: every segment, with its state (and our status as ``subState``), notes and findings.

One ``<file>`` carrying ``wb:document-key``, one ``<group>`` per paragraph, one ``<unit>`` per
unit with our id and one ``<segment>`` in it. Streamed out, read back with the safe parser.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import BinaryIO

from lxml import etree

from workbench.formats import safexml, xmlout
from workbench.formats.codes import XLIFF20, code_numbers, encode, spaced_text
from workbench.formats.model import WB_NS, ExportHeader, ImportedUnit, Unit
from workbench.formats.notes import (
    comment_notes,
    finding_priority,
    inline_comments,
    lqa_notes,
)
from workbench.statuses import STATUSES, XLIFF20_STATE, Status, from_xliff20
from workbench.text.tags import strip_tags

NS = "urn:oasis:names:tc:xliff:document:2.0"
MTC_NS = "urn:oasis:names:tc:xliff:matches:2.0"
SUBSTATE_PREFIX = "wb:"


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def write_xliff2(out: BinaryIO, header: ExportHeader, units: Iterable[Unit]) -> int:
    """Write all units as XLIFF 2.0 to ``out``; return how many."""
    w = xmlout.Writer(out)
    file_attrs = {
        "id": "f1",
        "original": header.document,
        "srcDir": "rtl",
        "trgDir": "ltr",
        "wb:document-key": header.document_key,
        "wb:project": header.project,
        "wb:version": header.version,
        "wb:tool": f"{header.tool} {header.tool_version}",
        "wb:date": header.created,
    }
    root = {"version": "2.0", "srcLang": header.source_lang, "trgLang": header.target_lang}
    w.write(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="{NS}" xmlns:wb="{WB_NS}" '
        f'xmlns:mtc="{MTC_NS}"{xmlout.attrs(root)}>\n<file{xmlout.attrs(file_attrs)}>\n'
    )
    document = xmlout.attr(header.document)
    count = 0
    for paragraph, members in groupby(units, key=lambda u: u.paragraph):
        w.write(f'<group id="p{paragraph}" name="paragraph {paragraph}">\n')
        for unit in members:
            parts = [f'<unit id="{unit.key}" name="{document}#{unit.number}" xml:space="preserve">']
            if unit.matches:  # translation-memory matches: the Translation Candidates module
                parts.append("<mtc:matches>")
                for match in unit.matches:
                    context = ' subType="wb:context"' if match.score > 100 else ""
                    parts.append(
                        f'<mtc:match ref="#s1" type="tm"{context} '
                        f'similarity="{min(match.score, 100)}" origin="'
                        f'{xmlout.attr(match.origin)}"><source>{encode(match.source, XLIFF20)}'
                        f"</source><target>{encode(match.target, XLIFF20)}</target></mtc:match>"
                    )
                parts.append("</mtc:matches>")
            if unit.notes or unit.findings or unit.lqa:
                parts.append("<notes>")
                for note in unit.notes:
                    parts.append(f'<note category="comment">{xmlout.text(note)}</note>')
                for finding in unit.findings:
                    parts.append(
                        '<note category="qa" appliesTo="target" '
                        f'priority="{finding_priority(finding)}">{xmlout.text(finding)}</note>'
                    )
                for error in unit.lqa:
                    parts.append(
                        f'<note category="lqa" appliesTo="target">{xmlout.text(error)}</note>'
                    )
                parts.append("</notes>")
            has_target = bool(unit.target)
            # a segment past 'initial' must have a target
            state = XLIFF20_STATE[Status(unit.status)] if has_target else "initial"
            segment_id = ' id="s1"' if unit.matches else ""
            parts.append(
                f'<segment{segment_id} state="{state}" subState="{SUBSTATE_PREFIX}{unit.status}">'
                f"<source>{encode(unit.source, XLIFF20)}</source>"
            )
            if has_target:
                parts.append(f"<target>{encode(unit.target, XLIFF20)}</target>")
            parts.append("</segment></unit>\n")
            w.write("".join(parts))
            count += 1
        w.write("</group>\n")
    if not count:  # a <file> holds one or more units or groups: an empty group, not none
        w.write('<group id="p0" name="no segment pairs"/>\n')
    w.write("</file>\n</xliff>\n")
    w.flush()
    return count


def read_unit(unit: etree._Element) -> ImportedUnit | None:
    """One ``<unit>`` as an imported unit (its segments joined), or None if it has none or
    says ``translate="no"`` (or its group or file does)."""
    if safexml.not_translated(unit):
        return None
    sources: list[str] = []
    targets: list[str] = []
    statuses: list[Status] = []
    states: list[str] = []
    parts: list[ImportedUnit] = []
    any_target = False
    placed: list[int] = []  # each target's place in the unit: its ``order``, else its own
    children = [c for c in unit if isinstance(c.tag, str)
                and safexml.local(c.tag) in ("segment", "ignorable")]
    segments = [(place, c) for place, c in enumerate(children, start=1)
                if safexml.local(c.tag) == "segment"]
    for number, (place, segment) in enumerate(segments, start=1):
        source_el = segment.find(_q("source"))
        target_el = segment.find(_q("target"))
        numbers = code_numbers(source_el, target_el)  # ids that are no numbers: pc1, ph2
        source = spaced_text(source_el, numbers) if source_el is not None else ""
        sources.append(source)
        target = spaced_text(target_el, numbers) if target_el is not None else ""
        any_target = any_target or target_el is not None
        targets.append(target)
        order = target_el.get("order", "") if target_el is not None else ""
        placed.append(int(order) if order.isdigit() else place)
        state = segment.get("state")
        states.append(state or "")
        statuses.append(_status(state, segment.get("subState"), bool(target.strip())))
        parts.append(ImportedUnit(
            key=f"{unit.get('id')}/{segment.get('id') or number}", source=source,
            target=target if target_el is not None else None, state=state,
            status=statuses[-1].value, line=segment.sourceline,
        ))
    if not any(strip_tags(s).strip() for s in sources):  # none, or codes alone: no text
        return None
    status = min(statuses, key=lambda s: STATUSES.index(s.value))
    return ImportedUnit(
        key=unit.get("id"),
        source=" ".join(s for s in sources if s),
        # the English in the order its segments' targets say (a translator may reorder them)
        target=" ".join(t for _, t in sorted(zip(placed, targets, strict=True),
                                             key=lambda p: p[0]) if t) if any_target else None,
        state=states[0] or None,
        status=status.value,
        line=unit.sourceline,
        lqa=lqa_notes(unit.iter(_q("note"))),
        notes=tuple(dict.fromkeys(comment_notes(unit.iter(_q("note")), "category")
                                  + inline_comments(*unit.iter(_q("source"), _q("target"))))),
        parts=tuple(parts) if len(parts) > 1 else (),
    )


def _status(state: str | None, substate: str | None, has_target: bool) -> Status:
    """Our status from ``subState`` while ``state`` still says what we wrote, else the state's."""
    if substate and substate.startswith(SUBSTATE_PREFIX):
        ours = substate[len(SUBSTATE_PREFIX):]
        if ours in STATUSES:
            expected = XLIFF20_STATE[Status(ours)] if has_target else "initial"
            if (state or "initial") == expected:
                return Status(ours)
    return from_xliff20(state, has_target)
