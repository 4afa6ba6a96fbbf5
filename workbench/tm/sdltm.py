"""Trados Studio memories (``.sdltm``): an SQLite database, read without changing a byte.

A memory's languages are its ``translation_memories`` row's (``source_language``,
``target_language``); each row of ``translation_units`` holds a source and a target segment as
XML (``<Segment><Elements>`` of ``<Text><Value>`` and ``<Tag>``), its creation and change dates
(UTC, ``2021-03-04 10:20:30``) and users, its use count and last use. An Arabic–English memory
(either way round: an English-source one gives units with the Arabic as source) is read; one of
other languages is refused. Tags become the placeholders TMX import gives (``{1}`` ``{/1}``
``{2/}``), numbered as Trados numbers them in the TMX it exports (a start and end tag by their
``Anchor``, a standalone tag or placeholder by its ``AlignmentAnchor``); a target tag takes the
number of the source tag of the same ``AlignmentAnchor`` (or ``TagID``). The database is opened
read-only (``mode=ro``; a memory in WAL mode that no program has open, ``immutable``: no
``-wal`` or ``-shm`` file is left beside it): a damaged or hostile file is refused by a clear
error naming it, and its segments' XML is read with the safe parser (no DTD, no entities).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from workbench import openfiles
from workbench.errors import InputError
from workbench.formats import safexml
from workbench.formats.model import primary_language
from workbench.text.script import mostly_arabic
from workbench.tm.model import TmFileInfo, TmUnit
from workbench.tm.tmx import ArabicSides, no_text

SQLITE_HEADER = b"SQLite format 3\x00"
_WAL_VERSIONS = slice(18, 20)  # the header's write and read versions: 2 in WAL mode
_UNIT_COLUMNS = ("id", "translation_memory_id", "source_segment", "target_segment")
#: Columns read when the memory has them (older and newer Studio versions differ).
_OPTIONAL_COLUMNS = ("creation_date", "creation_user", "change_date", "change_user",
                     "last_used_date", "usage_counter")


def _connect(path: Path) -> sqlite3.Connection:
    """A read-only connection to the database at ``path`` (nothing is written, not even a
    journal); InputError when it is no SQLite database."""
    openfiles.refuse(path)
    try:
        with path.open("rb") as f:
            head = f.read(_WAL_VERSIONS.stop)
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    if head[:len(SQLITE_HEADER)] != SQLITE_HEADER:
        raise InputError(path, "not a Trados Studio memory (a .sdltm is an SQLite database; "
                               "this file is none)")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    if 2 in head[_WAL_VERSIONS] and not path.with_name(path.name + "-wal").exists():
        # a database in WAL mode that no program has open: read as it is, without the
        # -wal and -shm files a reader would otherwise leave beside it
        uri += "&immutable=1"
    try:
        db = sqlite3.connect(uri, uri=True)
        # another program's file: SQLite's defences for a database that may be hostile
        for pragma in ("query_only = ON", "trusted_schema = OFF", "cell_size_check = ON",
                       "mmap_size = 0"):
            db.execute(f"PRAGMA {pragma}")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise InputError(path, f"cannot read the database ({exc})") from None
    return db


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def _languages(db: sqlite3.Connection, path: Path) -> dict[object, tuple[str, str]]:
    """Memory id → (source language, target language), the memory refused unless it is
    Arabic–English or English–Arabic."""
    memories = {
        row[0]: (str(row[1] or ""), str(row[2] or ""))
        for row in db.execute(
            "SELECT id, source_language, target_language FROM translation_memories")
    }
    if not memories:
        raise InputError(path, "a Trados Studio memory without its languages (no row in "
                               "translation_memories)")
    for source, target in memories.values():
        pair = {primary_language(source), primary_language(target)}
        if pair != {"ar", "en"}:
            raise InputError(path, f"a {source or '?'} to {target or '?'} memory, not Arabic–"
                                   "English: export the Arabic–English one from Trados Studio")
    return memories


def read_sdltm(path: str | Path) -> tuple[TmFileInfo, Iterator[TmUnit]]:
    """The memory's information and its Arabic–English units, streamed.

    The database's tables and languages are checked here (InputError naming the file); the
    iterator raises InputError, naming the unit, for a segment that is not Trados's XML.
    """
    p = Path(path)
    db = _connect(p)
    try:
        tables = {row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in ("translation_memories", "translation_units") if t not in tables]
        if missing:
            raise InputError(p, f"an SQLite database but not a Trados Studio memory (no table "
                                f"{' or '.join(missing)})")
        have = _columns(db, "translation_units")
        lacking = [c for c in _UNIT_COLUMNS if c not in have]
        if lacking:
            raise InputError(p, "not a Trados Studio memory (translation_units has no column "
                                f"{', '.join(lacking)})")
        memories = _languages(db, p)
        version = None
        if "parameters" in tables:
            with contextlib.suppress(sqlite3.Error):
                found = db.execute(
                    "SELECT value FROM parameters WHERE name = 'VERSION'").fetchone()
                version = str(found[0]) if found else None
    except sqlite3.Error as exc:
        raise InputError(p, f"cannot read the database ({exc})") from None
    finally:
        db.close()  # the units open their own: a reading never started leaves none open
    source_lang = next(iter(memories.values()))[0]
    info = TmFileInfo(str(p), "sdltm", source_lang=source_lang,
                      tool="Trados Studio" + (f" (TM format {version})" if version else ""))
    optional = [c for c in _OPTIONAL_COLUMNS if c in have]
    return info, _units(p, info, memories, optional)


def _units(
    path: Path, info: TmFileInfo, memories: dict[object, tuple[str, str]], optional: list[str],
) -> Iterator[TmUnit]:
    sides = ArabicSides()
    parser = safexml.safe_parser()
    columns = ", ".join((*_UNIT_COLUMNS, *optional))
    db = _connect(path)
    try:
        rows = db.execute(f"SELECT {columns} FROM translation_units ORDER BY id")
        for row in rows:
            values = dict(zip((*_UNIT_COLUMNS, *optional), row, strict=True))
            languages = memories.get(values["translation_memory_id"])
            if languages is None:
                continue  # a unit of no memory of the file: Studio deletes them with it
            unit = _unit(values, languages, path, info, parser)
            if unit is None:
                info.skip(None)
                continue
            sides.add(unit, path)
            yield unit
    except sqlite3.Error as exc:
        raise InputError(path, f"cannot read the database ({exc})") from None
    finally:
        db.close()
    sides.check(path)


def _unit(
    values: dict[str, object], languages: tuple[str, str], path: Path, info: TmFileInfo,
    parser: etree.XMLParser,
) -> TmUnit | None:
    """The unit of a ``translation_units`` row, None when it lacks an Arabic or an English
    side (or holds Arabic as the English)."""
    number = values["id"]
    source, numbers, tags = _segment(values["source_segment"], path, number, None, parser)
    target, _, target_tags = _segment(values["target_segment"], path, number, numbers, parser)
    if primary_language(languages[0]) == "en":
        source, target = target, source
    if no_text(source) or no_text(target) or mostly_arabic(target):
        return None
    info.tags += tags + target_tags
    attrs: dict[str, str] = {}
    last_used = _iso(values.get("last_used_date"))
    if last_used:
        attrs["lastusagedate"] = last_used.replace("-", "").replace(":", "")[:15] + "Z"
    if values.get("usage_counter"):
        attrs["usagecount"] = str(values["usage_counter"])
    return TmUnit(
        source=source, target=target,
        created_at=_iso(values.get("creation_date")), created_by=_user(values.get("creation_user")),
        changed_at=_iso(values.get("change_date")), changed_by=_user(values.get("change_user")),
        attrs=attrs,
    )


@lru_cache(maxsize=4096)
def _iso(value: object) -> str | None:
    """A Studio date (UTC: ``2021-03-04 10:20:30``, perhaps with a fraction) as ISO 8601 UTC,
    or None if it is none."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "T")[:19])
    except ValueError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _user(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _segment(
    xml: object, path: Path, number: object, source: dict[str, str] | None,
    parser: etree.XMLParser,
) -> tuple[str, dict[str, str], int]:
    """A segment's text with placeholders for its tags, the numbers given to its tags by
    their ``AlignmentAnchor`` and ``TagID``, and how many tags it has. The source's tags
    (``source`` None) are numbered as Trados's TMX numbers them; a target's take the number
    of the source's tag of the same alignment anchor (else tag id), or one above all."""
    if isinstance(xml, bytes):
        xml = xml.decode("utf-8", "replace")
    if not isinstance(xml, str) or not xml.strip():
        return "", {}, 0
    try:
        root = safexml.parse(xml.encode("utf-8"), path, parser)
    except InputError as exc:
        raise InputError(path, f"translation unit {number}: {exc.reason}") from None
    if safexml.local(root.tag) != "Segment":
        raise InputError(path, f"translation unit {number}: not a Trados segment (root "
                               f"element <{safexml.local(root.tag)}>)")
    elements = [e for part in root if safexml.local(part.tag) == "Elements" for e in part]
    if all(safexml.local(e.tag) == "Text" for e in elements):  # no tags: most segments
        return "".join(_field(e, "Value", strip=False) for e in elements), {}, 0
    numbers = [int(v) for e in elements for v in (_field(e, "Anchor"), _field(e, "AlignmentAnchor"))
               if v.isdigit()]
    counter = max([*numbers, *(int(n) for n in (source or {}).values())], default=0)
    parts: list[str] = []
    given: dict[str, str] = {}  # "a:<AlignmentAnchor>" and "t:<shape>:<TagID>" → number
    opened: dict[str, str] = {}  # a start tag's Anchor → its number
    taken: set[str] = set()
    for element in elements:
        name = safexml.local(element.tag)
        if name == "Text":
            parts.append(_field(element, "Value", strip=False))
            continue
        kind = _field(element, "Type") if name == "Tag" else name
        anchor, align = _field(element, "Anchor"), _field(element, "AlignmentAnchor")
        if kind == "End" and anchor in opened:
            parts.append("{/" + opened.pop(anchor) + "}")
            continue
        alone = kind not in ("Start", "End")
        keys = [f"a:{align}"] if align not in ("", "0") else []
        keys.append(f"t:{alone}:{_field(element, 'TagID')}")
        if source is None:
            n = align if alone and align not in ("", "0") else anchor
        else:
            n = next((source[k] for k in keys if source.get(k, "") not in ("", *taken)), "")
        n = str(int(n)) if n.isdigit() else ""  # "01", "١": 1
        if not n or n in taken:
            counter += 1
            n = str(counter)
        taken.add(n)
        for key in keys:
            given.setdefault(key, n)
        if kind == "Start":
            opened[anchor] = n
        parts.append("{" + n + "}" if kind == "Start" else "{/" + n + "}" if kind == "End"
                     else "{" + n + "/}")
    return "".join(parts), given, sum(safexml.local(e.tag) != "Text" for e in elements)


def _field(element: etree._Element, name: str, strip: bool = True) -> str:
    """The text of ``element``'s child called ``name`` ('' without one)."""
    for child in element:
        if safexml.local(child.tag) == name:
            return (child.text or "").strip() if strip else child.text or ""
    return ""
