"""Fast, safe XML text for the streaming TMX and XLIFF writers.

The writers emit one unit at a time as text (far cheaper than building an element per tag:
100,000 units stream in a couple of seconds). Everything goes through :func:`text` or
:func:`attr`, which escape markup and drop the characters that XML 1.0 cannot carry at all
(C0 controls other than tab/newline/return, lone surrogates, U+FFFE/U+FFFF); the tests read
every written file back with real XML parsers.
"""

from __future__ import annotations

import re
from typing import BinaryIO

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_EXTRA = (('"', "&quot;"), ("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#9;"))


def carried(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry (what an export keeps of it)."""
    if _INVALID.search(value):
        return _INVALID.sub("", value)
    return value


_BREAKS = re.compile("[\x0b\x0c\x1c-\x1f]")


def typed(value: str) -> str:
    """What a person typed or pasted (a comment, a reason, a term), as it is stored: Word's
    line break (U+000B), a form feed and the separators U+001C-U+001F a line break (the
    words either side of one stay apart), the other characters XML cannot carry (a
    terminal's ESC, a BEL) left out."""
    return carried(_BREAKS.sub("\n", value)) if _INVALID.search(value) else value


def text(value: str) -> str:
    """``value`` as XML character data."""
    value = carried(value)
    # chained str.replace runs in C; str.translate with a dict is far slower on Arabic text
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(value: str) -> str:
    """``value`` as the inside of a double-quoted XML attribute."""
    value = text(value)
    for char, ref in _ATTR_EXTRA:
        if char in value:
            value = value.replace(char, ref)
    return value


def attrs(pairs: dict[str, str]) -> str:
    """`` name="value"`` for each pair (values escaped; names are ours, or an XML parser's,
    never other text)."""
    return "".join(f' {name}="{attr(value)}"' for name, value in pairs.items())


class Writer:
    """Buffered UTF-8 output of XML text to a binary stream."""

    def __init__(self, out: BinaryIO, buffer: int = 1 << 16) -> None:
        self._out = out
        self._parts: list[str] = []
        self._size = 0
        self._limit = buffer

    def write(self, chunk: str) -> None:
        """Queue ``chunk`` (already escaped XML)."""
        self._parts.append(chunk)
        self._size += len(chunk)
        if self._size >= self._limit:
            self.flush()

    def flush(self) -> None:
        """Write what is queued."""
        if self._parts:
            self._out.write("".join(self._parts).encode("utf-8"))
            self._parts.clear()
            self._size = 0
