"""url-mismatch: a web address or e-mail address of the source is missing from the target."""

from __future__ import annotations

from collections import Counter
from urllib.parse import unquote

from workbench.glossary.checks.base import Check, Pair, register
from workbench.glossary.findings import Finding
from workbench.text.addresses import addresses


def _key(address: str) -> str:
    """An address as compared: percent-escapes read (a browser copies
    /wiki/جائحة as /wiki/%D8%AC...), case and a final / left out."""
    return unquote(address).casefold().removesuffix("/")


@register
class UrlMismatch(Check):
    id = "url-mismatch"
    severity = "warning"
    description = (
        "A web or e-mail address of the source is not in the target as written (a localised "
        "address, /ar/ for /en/, is reported too: accept it)."
    )

    def run(self, pair: Pair) -> list[Finding]:
        wanted = addresses(pair.source)
        if not wanted:
            return []
        have = Counter(_key(a) for a in addresses(pair.target))
        findings: list[Finding] = []
        for address in wanted:
            key = _key(address)
            if have[key] > 0:
                have[key] -= 1
                continue
            findings.append(self.finding(
                "missing", f"address {address} of the source is not in the target",
                expected=[address],
            ))
        return findings
