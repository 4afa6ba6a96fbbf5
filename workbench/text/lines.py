"""One line of English: what a segment holds, whatever a paste or a memory brings."""

from __future__ import annotations

import re

BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""The characters ``str.splitlines`` (and so the TUI editor's document) breaks a line at."""
_BREAK_RUN = re.compile(f"[ \t]*[{BREAKS}]+[ \t]*")
_EDGE_BREAKS = re.compile(f"^[ \t]*[{BREAKS}][{BREAKS} \t]*|[ \t]*[{BREAKS}][{BREAKS} \t]*$")


def one_line(text: str) -> str:
    """``text`` as one line: line breaks at either end left out with the spaces around them (a
    pretty-printed TMX's indentation), each run of them inside (with the spaces around it) one
    space. Spaces at an end without a line break are kept (a paste's)."""
    return _BREAK_RUN.sub(" ", _EDGE_BREAKS.sub("", text))


def without_breaks(text: str) -> str:
    """``text`` with each run of line breaks (and the spaces around it) one space, its ends
    included: a piece written into a segment's English, which holds no break."""
    return _BREAK_RUN.sub(" ", text)
