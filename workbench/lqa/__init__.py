"""Language quality assessment with the MQM-Core typology: error types, severities, the score.

Pure: the typology (:mod:`typology`), the arithmetic (:mod:`scoring`), the reports
(:mod:`report`) and the one-line notes exports carry (:mod:`notes`). The project part
:mod:`workbench.project.lqa` stores errors with the revision they were made on.
"""

from __future__ import annotations

from workbench.lqa.scoring import EvaluatedSegment, LqaError, LqaReport, lqa_report, source_words
from workbench.lqa.typology import (
    CATEGORIES,
    DEFAULT_THRESHOLD,
    DEFAULT_WEIGHTS,
    DIMENSIONS,
    SEVERITIES,
    Category,
    category_id,
    severity_name,
)

__all__ = [
    "CATEGORIES",
    "DEFAULT_THRESHOLD",
    "DEFAULT_WEIGHTS",
    "DIMENSIONS",
    "SEVERITIES",
    "Category",
    "EvaluatedSegment",
    "LqaError",
    "LqaReport",
    "category_id",
    "lqa_report",
    "severity_name",
    "source_words",
]
