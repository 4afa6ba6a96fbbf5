"""number-mismatch: numbers in the source and the target differ.

Arabic-Indic (٠-٩) and Persian (۰-۹) digits count as their values; ٫ is the decimal separator
and ٬ the thousands separator; 1,000 = 1000; leading and trailing zeros do not count
(01 = 1, 2.50 = 2.5).
"""

from __future__ import annotations

import re
from collections import Counter

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.findings import Finding

_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)}
_DIGITS |= {chr(0x06F0 + i): str(i) for i in range(10)}
_TABLE = str.maketrans({**_DIGITS, "\u066b": ".", "\u066c": ","})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NON_ASCII_DIGIT = re.compile("[" + "".join(_DIGITS) + "\u066b\u066c]")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _canonical(token: str) -> str:
    whole, _, frac = token.partition(".")
    whole = whole.lstrip("0") or "0"
    frac = frac.rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def numbers(text: str) -> list[tuple[str, tuple[int, int]]]:
    """The numbers of ``text`` as canonical strings, with their spans."""
    out: list[tuple[str, tuple[int, int]]] = []
    if _NON_ASCII_DIGIT.search(text):
        text = text.translate(_TABLE)
    for m in _NUMBER.finditer(text):
        token = m.group()
        if _THOUSANDS.fullmatch(token):
            out.append((_canonical(token.replace(",", "")), m.span()))
            continue
        pos = m.start()
        for part in token.split(","):  # "1,2" is two numbers; a decimal point stays
            if part.count(".") > 1:
                for sub in part.split("."):
                    out.append((_canonical(sub), (pos, pos + len(sub))))
                    pos += len(sub) + 1
                continue
            out.append((_canonical(part), (pos, pos + len(part))))
            pos += len(part) + 1
    return out


@register
class NumberMismatch(Check):
    id = "number-mismatch"
    severity = "error"
    description = (
        "A number of the source is missing from the target (error) or the target has a number "
        "the source lacks (warning); Arabic-Indic/Persian digits, ٫ ٬ and leading zeros understood."
    )

    def run(self, pair: Pair) -> list[Finding]:
        src = numbers(pair.source)
        tgt = numbers(pair.target)
        src_count = Counter(n for n, _ in src)
        tgt_count = Counter(n for n, _ in tgt)
        findings: list[Finding] = []
        for number, count in (src_count - tgt_count).items():
            findings.append(
                self.finding(
                    "missing", f"number {number} of the source is not in the target",
                    expected=[number] * count,
                )
            )
        extra = tgt_count - src_count
        for number, span in tgt:
            if extra[number] > 0:
                extra[number] -= 1
                findings.append(
                    self.finding(
                        "extra", f"number {number} in the target is not in the source",
                        found=number, span=span, severity="warning",
                    )
                )
        return findings
