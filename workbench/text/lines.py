"""One line of English: what a segment holds, whatever a paste or a memory brings."""

from __future__ import annotations

import re

BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""The characters ``str.splitlines`` (and so the TUI editor's document) breaks a line at."""
_BREAK_RUN = re.compile(f"[ \t]*[{BREAKS}]+[ \t]*")


def one_line(text: str) -> str:
    """``text`` as one line: line breaks at either end left out, each run of them inside
    (with the spaces around it) one space."""
    return _BREAK_RUN.sub(" ", text.strip(BREAKS))
