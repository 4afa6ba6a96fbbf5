"""Markdown: a bilingual table (number, Arabic, English, status) under a title."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import BinaryIO

from workbench.formats.model import ExportHeader, Unit

_ESCAPES = str.maketrans({
    "\\": "\\\\", "|": "\\|", "<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": "<br>", "\r": "",
    "*": "\\*", "_": "\\_", "`": "\\`", "[": "\\[", "]": "\\]",
})


def cell(text: str) -> str:
    """Text made safe for a Markdown table cell: pipes, markup and line breaks escaped."""
    return text.translate(_ESCAPES)


def write_md(out: BinaryIO, header: ExportHeader, units: Iterable[Unit]) -> int:
    """Write units as a Markdown table; return how many rows."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    text.write(f"# {cell(header.document)} — Arabic–English ({cell(header.version)})\n\n")
    text.write(
        f"Exported by {header.tool} {header.tool_version} from {cell(header.project)} "
        f"on {header.created}.\n\n"
    )
    text.write("| # | Arabic | English | status |\n|---:|---|---|---|\n")
    count = 0
    for unit in units:
        text.write(
            f"| {unit.key} | {cell(unit.source)} | {cell(unit.target)} | {unit.status} |\n"
        )
        count += 1
    text.flush()
    text.detach()
    return count
