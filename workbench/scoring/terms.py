"""Terminology accuracy: the share of glossary-term occurrences in the Arabic that the English
renders with a required rendering, by the glossary checker's own ``check_terms``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class TermAccuracy:
    """Term occurrences in the sources, how many the targets render as required, and per line."""

    occurrences: int = 0
    rendered: int = 0
    per_segment: list[tuple[int, int]] = field(default_factory=list)  # (rendered, occurrences)
    missed: Counter[str] = field(default_factory=Counter)  # Arabic term -> occurrences missed
    forbidden: int = 0  # forbidden renderings used

    @property
    def score(self) -> float | None:
        """rendered / occurrences as a percentage (None when the text holds no term)."""
        return 100.0 * self.rendered / self.occurrences if self.occurrences else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures, the most often missed terms first."""
        score = self.score
        return {
            "score": None if score is None else round(score, 4),
            "occurrences": self.occurrences,
            "rendered": self.rendered,
            "forbidden": self.forbidden,
            "missed": [{"term": t, "count": n} for t, n in self.missed.most_common()],
        }


def term_accuracy(matcher: Any, sources: Sequence[str], targets: Sequence[str]) -> TermAccuracy:
    """Check every (Arabic source, English target) pair with ``check_terms``.

    ``matcher`` is a ``workbench.glossary.matcher.TermMatcher``.
    """
    from workbench.glossary.enforce import check_terms

    result = TermAccuracy()
    for source, target in zip(sources, targets, strict=True):
        report = check_terms(matcher, source, target)
        result.occurrences += report.occurrences
        result.rendered += report.rendered
        result.per_segment.append((report.rendered, report.occurrences))
        for finding in report.findings:
            if finding.term is None:
                continue
            if finding.kind == "missing":
                result.missed[finding.term] += 1
            elif finding.kind == "forbidden":
                result.forbidden += 1
    return result
