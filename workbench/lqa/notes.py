"""LQA errors as one-line notes of bilingual files, and back.

The line (what XLIFF notes, DOCX and HTML comments carry)::

    LQA: SEVERITY CATEGORY[ at START-END][ "QUOTE"][ by AUTHOR][: COMMENT]

``LQA: major accuracy/mistranslation at 4-10 "Soviet" by rana: the council, not the Soviet``.
START-END is the span in the unit's English as the file holds it; QUOTE (a JSON string) is
the English it marks, for people and for checking. A reviewer in another tool can write a
shorter line (``LQA: minor style/awkward: reads like a translation``); reading is
case-insensitive and takes MQM's own dimension ids too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from workbench.errors import WorkbenchError
from workbench.lqa.typology import category_id, severity_name

PREFIX = "LQA:"
_LINE = re.compile(
    r"^\s*LQA\s*:\s*(?P<severity>[A-Za-z]+)\s+(?P<category>[A-Za-z][\w/-]*)"
    r"(?:\s+at\s+(?P<start>\d+)\s*-\s*(?P<end>\d+))?"
    r'(?:\s+(?P<quote>"(?:[^"\\]|\\.)*"))?'
    r"(?:\s+by\s+(?P<author>[^:]*?))?"
    r"\s*(?::\s*(?P<comment>.*))?$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class NoteError:
    """An LQA error as a note says it."""

    severity: str
    category: str
    span: tuple[int, int] | None = None
    quote: str | None = None
    author: str | None = None
    comment: str = ""


def format_note(error: NoteError) -> str:
    """The one-line note of an error."""
    parts = [PREFIX, error.severity, error.category]
    if error.span is not None:
        parts.append(f"at {error.span[0]}-{error.span[1]}")
    if error.quote:
        parts.append(json.dumps(error.quote, ensure_ascii=False))
    if error.author:
        parts.append(f"by {error.author.replace(':', ' ')}")
    line = " ".join(parts)
    comment = " ".join(error.comment.split())
    return f"{line}: {comment}" if comment else line


def is_note(text: str) -> bool:
    """Whether a note claims to be an LQA error (it starts with ``LQA:``)."""
    return text.lstrip()[:4].upper() == PREFIX


def parse_note(text: str) -> NoteError:
    """The error a note describes; a WorkbenchError saying what is wrong otherwise."""
    m = _LINE.match(text)
    if m is None:
        raise WorkbenchError(
            f"not an LQA note (LQA: SEVERITY CATEGORY[ at START-END][ \"QUOTE\"][ by AUTHOR]"
            f"[: COMMENT]): {text.strip()[:80]!r}"
        )
    span = None
    if m.group("start") is not None:
        span = (int(m.group("start")), int(m.group("end")))
        if span[0] >= span[1]:
            raise WorkbenchError(f"LQA note: empty span {span[0]}-{span[1]}")
    try:
        quote = json.loads(m.group("quote")) if m.group("quote") else None
    except ValueError:
        raise WorkbenchError(f"LQA note: bad quote {m.group('quote')[:40]}") from None
    return NoteError(
        severity=severity_name(m.group("severity")),
        category=category_id(m.group("category")),
        span=span,
        quote=quote,
        author=(m.group("author") or "").strip() or None,
        comment=" ".join((m.group("comment") or "").split()),
    )
