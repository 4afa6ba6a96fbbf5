"""The matching of a bilingual file's units to a document's segments: by our ids (checked
against the Arabic), by normalised Arabic (a segment's, or a unit of several segments' joined),
by the text without inline codes, a unit of several segments segment by segment, and a run of
a paragraph's segments whose Arabic a unit holds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from workbench.formats.model import ImportedUnit, parse_unit_key
from workbench.project.exchange_results import ExchangeReport, warn
from workbench.project.groups import group_source, group_status, group_text
from workbench.project.segment_runs import SegmentRuns
from workbench.text.normalize import match_key
from workbench.text.tags import has_tags, renumber_tags, strip_tags


def match_units(
    units: Iterable[ImportedUnit], current: dict[int, dict[str, Any]],
    by_source: dict[str, list[tuple[int, ...]]], by_text: dict[str, list[int]],
    report: ExchangeReport, runs: SegmentRuns,
) -> Iterator[tuple[ImportedUnit, list[tuple[int, ...]] | None]]:
    """Each unit with the segment groups it applies to (None: it matches none). A unit of
    several segments (another tool's) that matches no segment whole is matched segment by
    segment; one of a paragraph's segments (a tool's unit of a paragraph, or of a
    sentence our segmenter cut) to the run of them whose Arabic it holds."""
    for unit in units:
        targets = _match(unit.key, unit.source, current, by_source, report)
        if targets is None:  # inline codes (another tool's, or none) unlike ours?
            matched, targets = _match_codes(unit, current, by_source, by_text, report)
            if targets is None and unit.parts:
                _warn_unmarked(unit, report)
                # the unit's comments and LQA errors go with its first segment
                first, *rest = unit.parts
                parts = _joined_parts([replace(first, notes=unit.notes, lqa=unit.lqa),
                                       *rest], by_source, by_text)
                yield from match_units(parts, current, by_source, by_text, report, runs)
                continue
            if targets is None and (found := runs.find(unit.source)):
                ours = group_source(current[i]["source"] for i in found[0])
                target = None if unit.target is None else renumber_tags(
                    unit.target, unit.source, ours)
                report.matched_by_source += 1
                matched, targets = replace(unit, source=ours, target=target), found
            unit = matched
        yield unit, targets


def _match_codes(
    unit: ImportedUnit, current: dict[int, dict[str, Any]],
    by_source: dict[str, list[tuple[int, ...]]], by_text: dict[str, list[int]],
    report: ExchangeReport,
) -> tuple[ImportedUnit, list[tuple[int, ...]] | None]:
    """A unit matched by its text alone: a unit with inline codes to a segment without
    tags (the codes left out), or any unit to a segment with tags, which the unit has in
    another numbering (another tool's XLIFF: the target's codes renumbered to ours by
    order) or not at all (a TMX whose codes were not read: the QA check names the tags
    its English lacks)."""
    source = unit.source
    if has_tags(unit.source):
        plain = replace(unit, source=strip_tags(unit.source),
                        target=None if unit.target is None else strip_tags(unit.target))
        targets = _match(plain.key, plain.source, current, by_source, report)
        if targets is not None:
            return plain, targets
        source = plain.source
    if not by_text:  # no segment has tags (the units of a memory that matches nothing)
        return unit, None
    found = by_text.get(match_key(source))
    if not found:
        return unit, None
    ours = current[found[0]]["source"]
    target = None if unit.target is None else renumber_tags(unit.target, unit.source, ours)
    report.matched_by_source += 1
    return replace(unit, source=ours, target=target), [(sid,) for sid in found]


def _match(
    key: str | None,
    source: str,
    current: dict[int, dict[str, Any]],
    by_source: dict[str, list[tuple[int, ...]]],
    report: ExchangeReport,
) -> list[tuple[int, ...]] | None:
    """The segment groups a unit applies to: by our id (``1`` or ``1_2_3`` of a joined
    unit, in any file: checked against the Arabic), else by normalised Arabic (a
    segment's, or a unit of several segments' joined as exported)."""
    wanted = match_key(source)
    ids = parse_unit_key(key)
    if ids and all(i in current for i in ids):
        joined = match_key(" ".join(current[i]["source"] for i in ids))
        if joined == wanted:
            report.matched_by_id += 1
            return [ids]
    found = by_source.get(wanted)
    if found:
        report.matched_by_source += 1
        return list(found)
    return None


def _joined_parts(parts: list[ImportedUnit], by_source: dict[str, list[tuple[int, ...]]],
                  by_text: dict[str, list[int]]) -> list[ImportedUnit]:
    """A unit's segments, two or three consecutive ones that match no segment alone joined
    where together they are one of ours (the file's tool cut a sentence ours keeps whole: at
    a colon, say)."""
    def known(source: str) -> bool:
        plain = match_key(strip_tags(source))
        return match_key(source) in by_source or plain in by_source or plain in by_text

    out: list[ImportedUnit] = []
    k = 0
    while k < len(parts):
        end = k + 1
        if not known(parts[k].source):
            end = next((j for j in range(k + 2, min(k + 3, len(parts)) + 1)
                        if known(group_source(p.source for p in parts[k:j]))), end)
        if end == k + 1:
            out.append(parts[k])
        else:
            run = parts[k:end]
            texts = [p.target for p in run]
            out.append(replace(
                run[0], key=f"{run[0].key}+{end - k - 1}", source=group_source(
                    p.source for p in run),
                target=None if all(t is None for t in texts) else group_text(texts),
                status=group_status([(p.target, p.status or "new") for p in run]),
                notes=tuple(n for p in run for n in p.notes),
                lqa=tuple(e for p in run for e in p.lqa)))
        k = end
    return out


def _warn_unmarked(unit: ImportedUnit, report: ExchangeReport) -> None:
    """Say that a unit of several segments (XLIFF 1.2 ``<seg-source>`` marks) whose target
    holds English not marked into them (no ``<mrk mtype="seg">``) brings none of it: which
    sentence is which is not known. A target of tags alone (Trados keeps a unit's codes
    outside its empty marks: ``<x id="ph9"/><mrk mtype="seg" mid="9"/>``) holds none."""
    if strip_tags(unit.target or "").strip() and not any(
            (p.target or "").strip() for p in unit.parts):
        where = f"line {unit.line}: " if unit.line else ""
        warn(report, f"{where}unit {unit.key}: its English is not marked into its "
              f"{len(unit.parts)} segments (no <mrk mtype=\"seg\"> in its target): left alone")
