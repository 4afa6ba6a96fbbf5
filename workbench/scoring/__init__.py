"""Pure scoring: sacrebleu BLEU, chrF++ and TER per corpus and per segment, bootstrap confidence
intervals, paired significance tests, terminology accuracy, and scoring units of a project.

Nothing here touches SQLite or the screen; every metric figure comes from sacrebleu.
"""

from workbench.scoring.metrics import METRICS, MetricScore, Scorer, SegmentScore, SystemScore
from workbench.scoring.report import ScoreReport

__all__ = ["METRICS", "MetricScore", "ScoreReport", "Scorer", "SegmentScore", "SystemScore"]
