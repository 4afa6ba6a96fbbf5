"""The plain values of translation memories: units as files hold them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

#: The memory file formats ``tm import`` reads (its ``--format`` choices).
MEMORY_FORMATS = ("tmx", "tsv", "sdltm", "xlsx", "ods")
#: The memory formats that are workbooks, of which a sheet is read (``--sheet``).
WORKBOOK_FORMATS = ("xlsx", "ods")


@dataclass(slots=True)
class TmUnit:
    """One Arabic–English unit of a memory file, with what the file says about it."""

    source: str
    target: str
    tuid: str | None = None
    created_at: str | None = None
    created_by: str | None = None
    changed_at: str | None = None
    changed_by: str | None = None
    status: str | None = None
    context_prev: str | None = None
    context_next: str | None = None
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    line: int | None = None
    #: another tool's inline codes' own attributes and content, by side ("ar", "en") and
    #: placeholder as a tag ("<3>": ' type="bold">&lt;cf bold="True"&gt;'), written back in a
    #: TMX export
    codes: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class TmFileInfo:
    """What a memory file says about itself, and what reading it left out."""

    path: str
    format: str
    source_lang: str | None = None
    tool: str | None = None
    props: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0
    skipped_lines: list[int] = field(default_factory=list)
    tags: int = 0
    #: the language codes of the units left out (TMX), said when none is Arabic-English
    languages: set[str] = field(default_factory=set)

    def skip(self, line: int | None) -> None:
        """Count a unit left out (without both an Arabic and an English side)."""
        self.skipped += 1
        if line is not None and len(self.skipped_lines) < 10:
            self.skipped_lines.append(line)


_TMX_DATE = re.compile(r"\d{8}T\d{6}Z")


@lru_cache(maxsize=4096)
def from_tmx_date(value: str | None) -> str | None:
    """A TMX date (YYYYMMDDThhmmssZ) as ISO 8601 UTC, or None if it is not one."""
    if not value:
        return None
    v = value.strip()
    if not _TMX_DATE.fullmatch(v):
        return None
    iso = f"{v[0:4]}-{v[4:6]}-{v[6:8]}T{v[9:11]}:{v[11:13]}:{v[13:15]}+00:00"
    try:
        datetime.fromisoformat(iso)
    except ValueError:  # 20241340T...: digits, but not a date
        return None
    return iso
