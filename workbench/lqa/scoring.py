"""The LQA score: evaluated words, penalty points and the MQM raw score, exactly.

``score = 100 × (1 − penalty / words)``: ``words`` counts the Arabic source words of the
evaluated segments, ``penalty`` adds the weight of each error's severity. The verdict is
``score ≥ threshold``, decided on exact fractions (a score of exactly 99 passes a threshold of
99); scores are shown rounded *down* to two decimals, so a shown score never passes where the
real one fails. With no words evaluated there is no score and no verdict. A score can be
negative (more penalty points than words).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from workbench.lqa.typology import CATEGORIES, DIMENSIONS, SEVERITIES
from workbench.text.tags import strip_tags

UNKNOWN_TRANSLATOR = "(unknown)"


def source_words(text: str) -> int:
    """Words of an Arabic (or any) text: whitespace-separated tokens holding a letter or digit,
    its inline tags left out (``<2/>`` is no word; an empty tag separates words as a space)."""
    return sum(1 for token in strip_tags(text, " ").split() if any(c.isalnum() for c in token))


@dataclass(frozen=True)
class LqaError:
    """One error as the reports show it."""

    id: int
    segment_id: int
    position: int
    category: str
    severity: str
    comment: str = ""
    span: tuple[int, int] | None = None
    author: str = ""
    at: str = ""
    revision_id: int | None = None
    translator: str | None = None
    target_text: str = ""
    current_text: str = ""

    @property
    def dimension(self) -> str:
        """The MQM dimension of the error's category."""
        return self.category.split("/", 1)[0]

    @property
    def quote(self) -> str | None:
        """The English the span marks, in the text the error was made on."""
        if self.span is None:
            return None
        return self.target_text[self.span[0] : self.span[1]]

    @property
    def outdated(self) -> bool:
        """Whether the segment's English has changed since the error was made."""
        return self.target_text != self.current_text

    def to_json(self, weight: float | None = None) -> dict[str, Any]:
        """A JSON-ready dict (``weight``: the severity's weight, when known)."""
        out: dict[str, Any] = {
            "id": self.id, "segment": self.segment_id, "line": self.position,
            "category": self.category, "dimension": self.dimension,
            "name": CATEGORIES[self.category].name if self.category in CATEGORIES else None,
            "severity": self.severity,
            "span": list(self.span) if self.span is not None else None,
            "quote": self.quote, "comment": self.comment, "author": self.author, "at": self.at,
            "revision": self.revision_id, "translator": self.translator or UNKNOWN_TRANSLATOR,
            "outdated": self.outdated,
        }
        if weight is not None:
            out["weight"] = weight
        return out


@dataclass(frozen=True)
class EvaluatedSegment:
    """A segment in the evaluation: its Arabic word count and who translated it."""

    segment_id: int
    position: int
    words: int
    translator: str | None = None


def _exact(value: float) -> Fraction:
    return Fraction(str(value))


def shown(value: Fraction | None) -> float | None:
    """A score as shown: rounded down to two decimals."""
    if value is None:
        return None
    return math.floor(value * 100) / 100


@dataclass
class Tally:
    """Words, errors and penalty of one slice of the evaluation, and its score."""

    words: int = 0
    segments: int = 0
    errors: int = 0
    penalty: Fraction = Fraction(0)

    def score(self) -> Fraction | None:
        """100 × (1 − penalty / words), or None without words."""
        return 100 * (1 - self.penalty / self.words) if self.words else None

    def passed(self, threshold: Fraction) -> bool | None:
        """score ≥ threshold (None without words)."""
        score = self.score()
        return None if score is None else score >= threshold


@dataclass
class LqaReport:
    """An LQA evaluation of one document: figures, verdict and the errors counted."""

    document: str
    weights: dict[str, float]
    threshold: float
    total: Tally
    errors: list[LqaError]
    translators: dict[str, Tally] = field(default_factory=dict)
    scope: str = "reviewed, approved or with errors"

    @property
    def words(self) -> int:
        """The Arabic words of the evaluated segments."""
        return self.total.words

    @property
    def penalty(self) -> float:
        """The sum of the weights of the errors' severities."""
        return float(self.total.penalty)

    @property
    def score(self) -> float | None:
        """The score (rounded down to two decimals), None without words."""
        return shown(self.total.score())

    @property
    def passed(self) -> bool | None:
        """Whether the score reaches the threshold (exactly compared), None without words."""
        return self.total.passed(_exact(self.threshold))

    def by_severity(self) -> dict[str, dict[str, float]]:
        """Per severity: errors, weight and penalty points (every severity listed)."""
        counts = Counter(e.severity for e in self.errors)
        return {
            s: {"errors": counts[s], "weight": self.weights[s],
                "penalty": float(counts[s] * _exact(self.weights[s]))}
            for s in SEVERITIES
        }

    def by_dimension(self) -> dict[str, dict[str, float]]:
        """Per MQM dimension (all seven): errors per severity, errors and penalty points."""
        out: dict[str, dict[str, float]] = {}
        for dimension in DIMENSIONS:
            mine = [e for e in self.errors if e.dimension == dimension]
            row: dict[str, float] = {s: sum(1 for e in mine if e.severity == s) for s in SEVERITIES}
            row["errors"] = len(mine)
            row["penalty"] = float(sum(_exact(self.weights[e.severity]) for e in mine))
            out[dimension] = row
        return out

    def by_category(self) -> dict[str, dict[str, float]]:
        """Per category that has errors (typology order): errors and penalty points."""
        out: dict[str, dict[str, float]] = {}
        for category in [*CATEGORIES, *sorted({e.category for e in self.errors} - set(CATEGORIES))]:
            mine = [e for e in self.errors if e.category == category]
            if mine:
                out[category] = {
                    "errors": len(mine),
                    "penalty": float(sum(_exact(self.weights[e.severity]) for e in mine)),
                }
        return out

    def by_translator(self) -> list[dict[str, Any]]:
        """Per translator (the author of the evaluated revision): words, errors, score."""
        threshold = _exact(self.threshold)
        return [
            {
                "translator": name, "segments": t.segments, "words": t.words,
                "errors": t.errors, "penalty": float(t.penalty),
                "score": shown(t.score()), "pass": t.passed(threshold),
            }
            for name, t in sorted(self.translators.items())
        ]

    def to_json(self) -> dict[str, Any]:
        """The JSON document of the report."""
        return {
            "document": self.document,
            "scope": self.scope,
            "segments": self.total.segments,
            "words": self.words,
            "penalty": self.penalty,
            "score": self.score,
            "threshold": self.threshold,
            "pass": self.passed,
            "weights": dict(self.weights),
            "by_severity": self.by_severity(),
            "by_dimension": self.by_dimension(),
            "by_category": self.by_category(),
            "by_translator": self.by_translator(),
            "errors": [e.to_json(self.weights.get(e.severity)) for e in self.errors],
        }


def lqa_report(
    document: str,
    segments: Iterable[EvaluatedSegment],
    errors: Iterable[LqaError],
    weights: Mapping[str, float],
    threshold: float,
    *,
    scope: str = "reviewed, approved or with errors",
) -> LqaReport:
    """Score the evaluated ``segments`` with the ``errors`` made on them.

    Errors on segments outside the evaluation are left out. Each segment's words count for
    its translator; each error counts against the author of the revision it was made on.
    """
    evaluated = list(segments)
    inside = {s.segment_id for s in evaluated}
    counted = [e for e in errors if e.segment_id in inside]
    total = Tally()
    translators: dict[str, Tally] = {}
    for seg in evaluated:
        total.words += seg.words
        total.segments += 1
        who = translators.setdefault(seg.translator or UNKNOWN_TRANSLATOR, Tally())
        who.words += seg.words
        who.segments += 1
    for error in counted:
        weight = _exact(weights[error.severity])
        total.errors += 1
        total.penalty += weight
        who = translators.setdefault(error.translator or UNKNOWN_TRANSLATOR, Tally())
        who.errors += 1
        who.penalty += weight
    return LqaReport(
        document, dict(weights), threshold, total, counted, translators, scope
    )
