"""invisible-characters: zero-width, bidi and other control characters in the target.

An English target should hold nothing a reader cannot see. Each run of one such character is a
finding naming it (code point and short name) with its span in the target. Severities:

- error: the bidi overrides LRO and RLO, which force the display order of the characters they
  govern; RLE and RLI (and FSI opening on an Arabic letter) when what they govern holds Latin
  letters, which they then lay out right to left; and C0/C1 control characters (ESC, BEL...;
  not tab or newline), which no export format can carry;
- warning: the other bidi controls (LRE, LRI, FSI, PDF, PDI, and RLE/RLI around Arabic only),
  the direction marks LRM, RLM and ALM, the zero-width ZWSP, ZWJ and ZWNJ, the byte order mark
  (ZWNBSP), the word joiner, line and paragraph separators and other format characters;
- info: the soft hyphen (a hyphenation hint, invisible unless a line breaks there).

Expected uses are left alone: ZWNJ and ZWJ between two Arabic-script letters (a Persian or
Arabic word left in the target, which ``untranslated`` reports), ZWJ inside an emoji sequence,
and tag characters of an emoji flag sequence.
"""

from __future__ import annotations

import re
import unicodedata

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.findings import Finding

_SHORT = {
    "\u00ad": "SHY", "\u034f": "CGJ", "\u061c": "ALM", "\u180e": "MVS",
    "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u200e": "LRM", "\u200f": "RLM",
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2028": "LS", "\u2029": "PS", "\u2060": "WJ",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI", "\ufeff": "ZWNBSP/BOM",
}
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u034f\u180e")
# Format (Cf) and control (Cc) characters, line/paragraph separators and other default-ignorable
# fillers; tab, newline and carriage return are ordinary whitespace.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f"
    "\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]+"
)
_ARABIC_SCRIPT = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f]")
_LATIN = re.compile("[A-Za-z]")
_STRONG = re.compile("[A-Za-z\u00c0-\u024f]|[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_TAGS = re.compile("\U0001f3f4[\U000e0020-\U000e007f]+")


def label(ch: str) -> str:
    """A visible stand-in for an invisible character: its short name or code point (RLO, U+001B)."""
    return _SHORT.get(ch) or f"U+{ord(ch):04X}"


def describe(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE (RLO)``: a character's code point, name and short name."""
    name = unicodedata.name(ch, "")
    if not name:
        name = "CONTROL CHARACTER" if unicodedata.category(ch) == "Cc" else "FORMAT CHARACTER"
    short = _SHORT.get(ch)
    return f"U+{ord(ch):04X} {name}" + (f" ({short})" if short else "")


def _is_emoji(ch: str) -> bool:
    return ch in "\ufe0f\u20e3" or unicodedata.category(ch) == "So" or (
        "\U0001f3fb" <= ch <= "\U0001f3ff"
    )


def _expected_joiner(text: str, start: int, end: int) -> bool:
    """ZWNJ/ZWJ between Arabic-script letters, or ZWJ between emoji."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if not before or not after:
        return False
    if _ARABIC_SCRIPT.match(before) and _ARABIC_SCRIPT.match(after):
        return True
    return set(text[start:end]) == {"\u200d"} and _is_emoji(before) and _is_emoji(after)


def _governed(text: str, pos: int, closer: str) -> str:
    """The text an embedding or isolate at ``pos`` governs: up to its terminator or the end."""
    end = text.find(closer, pos + 1)
    return text[pos + 1 : end if end >= 0 else len(text)]


def _severity(ch: str, text: str, pos: int) -> tuple[str, str]:
    """(kind, severity) of one invisible character at ``pos``."""
    if ch in "\u202d\u202e":
        return "bidi-override", "error"
    if ch in "\u202b\u2067\u2068":  # RLE, RLI, FSI
        governed = _governed(text, pos, "\u202c" if ch == "\u202b" else "\u2069")
        first = _STRONG.search(governed)
        rtl = ch != "\u2068" or (first is not None and not first.group().isascii())
        if rtl and _LATIN.search(governed):
            return "bidi-override", "error"
        return "bidi", "warning"
    if ch in _BIDI:
        return "bidi", "warning"
    if ch in _ZERO_WIDTH:
        return "zero-width", "warning"
    if ch == "\u00ad":
        return "soft-hyphen", "info"
    if unicodedata.category(ch) == "Cc":
        return "control", "error"
    return "format", "warning"


@register
class InvisibleCharacters(Check):
    id = "invisible-characters"
    severity = "warning"
    description = (
        "The target holds invisible characters: bidi controls (RLO/LRO, and RLE/RLI over "
        "English: error), zero-width characters, BOM, controls (error), soft hyphens (info)."
    )

    def run(self, pair: Pair) -> list[Finding]:
        text = pair.target
        if text.isascii() and text.isprintable():
            return []  # the ASCII characters INVISIBLE holds are all control characters
        found = list(INVISIBLE.finditer(text))
        if not found:
            return []
        tag_spans = [m.span() for m in _TAGS.finditer(text)] if "\U0001f3f4" in text else []
        out: list[Finding] = []
        for m in found:
            i = m.start()
            while i < m.end():  # one finding per run of one character
                ch = text[i]
                j = i + 1
                while j < m.end() and text[j] == ch:
                    j += 1
                if not self._expected(text, ch, i, j, tag_spans):
                    out.append(self._finding(text, ch, i, j))
                i = j
        return out

    @staticmethod
    def _expected(
        text: str, ch: str, start: int, end: int, tag_spans: list[tuple[int, int]]
    ) -> bool:
        if ch in "\u200c\u200d":
            return _expected_joiner(text, start, end)
        if "\U000e0020" <= ch <= "\U000e007f" or ch == "\U000e0001":
            return any(s <= start and end <= e for s, e in tag_spans)
        return False

    def _finding(self, text: str, ch: str, start: int, end: int) -> Finding:
        kind, severity = _severity(ch, text, start)
        count = end - start
        times = f" ×{count}" if count > 1 else ""
        where = f"at offset {start}" if count == 1 else f"at offsets {start}–{end}"
        return self.finding(
            kind,
            f"invisible character {describe(ch)}{times} in the target {where}",
            severity=severity,
            found=f"U+{ord(ch):04X}",
            span=(start, end),
        )
