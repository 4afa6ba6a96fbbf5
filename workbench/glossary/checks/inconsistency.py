"""inconsistent-target / inconsistent-source: one source translated two ways, and the reverse."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from workbench.glossary.checks.base import DocumentCheck, register
from workbench.glossary.findings import Finding
from workbench.text.normalize import match_key

# The final punctuation a key leaves out (its whitespace is single spaces by then, after
# split and join): stripped as the regular expression [\s.,;:!?؟،؛…"'”’»)\]]+$ would.
_TRAILING_CHARS = " .,;:!?؟،؛…\"'”’»)]"


@lru_cache(maxsize=200_000)
def source_key(text: str) -> str:
    """A source compared loosely: normalised Arabic, one space, no final punctuation."""
    return match_key(text).rstrip(_TRAILING_CHARS)


@lru_cache(maxsize=200_000)
def target_key(text: str) -> str:
    """A target compared loosely: case-folded, one space, no final punctuation."""
    return " ".join(text.casefold().split()).rstrip(_TRAILING_CHARS)


def _inconsistent(
    check: DocumentCheck, keys: list[tuple[str, str]], this: str, other: str,
    lines: Sequence[int] | None,
) -> list[tuple[int, Finding]]:
    groups: dict[str, list[int]] = {}
    for i, (key, value) in enumerate(keys):
        if key and value:
            groups.setdefault(key, []).append(i)
    out: list[tuple[int, Finding]] = []
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        variants = dict.fromkeys(keys[i][1] for i in indexes)
        if len(variants) < 2:
            continue
        for i in indexes:
            others = [lines[j] if lines is not None else j + 1
                      for j in indexes if keys[j][1] != keys[i][1]]
            more = f" and {len(others) - 5} more" if len(others) > 5 else ""
            message = (
                f"same {this} as line{'s' if len(others) > 1 else ''} "
                f"{', '.join(map(str, others[:5]))}{more} but a different {other}"
            )
            out.append((i, check.finding("inconsistent", message)))
    return out


@register
class InconsistentTarget(DocumentCheck):
    id = "inconsistent-target"
    severity = "warning"
    description = "The same source is translated differently elsewhere in the document."

    def run_document(
        self, pairs: Sequence[tuple[str, str]], lines: Sequence[int] | None = None
    ) -> list[tuple[int, Finding]]:
        keys = [(source_key(s), target_key(t)) for s, t in pairs]
        return _inconsistent(self, keys, "source", "target", lines)


@register
class InconsistentSource(DocumentCheck):
    id = "inconsistent-source"
    severity = "warning"
    description = "The same target translates different sources elsewhere in the document."

    def run_document(
        self, pairs: Sequence[tuple[str, str]], lines: Sequence[int] | None = None
    ) -> list[tuple[int, Finding]]:
        keys = [(target_key(t), source_key(s)) for s, t in pairs]
        return _inconsistent(self, keys, "target", "source", lines)
