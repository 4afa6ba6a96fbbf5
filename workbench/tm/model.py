"""The plain values of translation memories: units as files hold them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass
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

    def skip(self, line: int | None) -> None:
        """Count a unit left out (without both an Arabic and an English side)."""
        self.skipped += 1
        if line is not None and len(self.skipped_lines) < 10:
            self.skipped_lines.append(line)


def from_tmx_date(value: str | None) -> str | None:
    """A TMX date (YYYYMMDDThhmmssZ) as ISO 8601 UTC, or None if it is not one."""
    if not value:
        return None
    try:
        moment = datetime.strptime(value.strip(), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None
    return moment.isoformat(timespec="seconds")


def primary_language(tag: str | None) -> str | None:
    """'ar' or 'en' for a language tag such as ar-SA, AR, ara, en_GB, eng; else its subtag."""
    if not tag:
        return None
    sub = tag.replace("_", "-").split("-")[0].lower()
    return {"ara": "ar", "eng": "en"}.get(sub, sub)
