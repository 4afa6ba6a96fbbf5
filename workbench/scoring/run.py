"""One scoring run: every system scored against the same references, with terminology accuracy
and a paired test. The one loop behind both file mode and project mode of ``workbench score``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workbench.errors import WorkbenchError
from workbench.scoring.metrics import Refs, Scorer, SystemScore
from workbench.scoring.report import ScoreReport


@dataclass(frozen=True)
class ScoreOptions:
    """How to score: chrF word order (2: chrF++, 0: chrF), bootstrap resamples for 95%
    intervals (0: none), a paired test ('bs', 'ar' or None) and its resamples (0: default),
    BLEU's tokenizer and case (sacrebleu's ``--tokenize``, ``--lowercase``)."""

    chrf_word_order: int = 2
    confidence: int = 0
    paired: str | None = None
    n_samples: int = 0
    tokenize: str = "13a"
    lowercase: bool = False


@dataclass(frozen=True)
class SegmentOrigin:
    """Where a scored line comes from in a project: its segments' ids and positions."""

    segment_ids: tuple[int, ...]
    positions: tuple[int, ...]


def score_systems(
    systems: Sequence[tuple[str, Sequence[str]]],
    references: Refs,
    ref_names: Sequence[str],
    options: ScoreOptions = ScoreOptions(),
    *,
    lines: Sequence[int] | None = None,
    sources: Sequence[str] | None = None,
    matcher: Any = None,
    origins: Sequence[SegmentOrigin] | None = None,
) -> ScoreReport:
    """Score each (name, hypothesis lines) system against ``references`` (one stream each).

    The first system is the baseline of the paired test. ``lines`` numbers the segments
    (default 1..n); ``origins`` ties each to project segments. With a ``matcher``
    (``TermMatcher``) and the Arabic ``sources``, terminology accuracy is added per system and
    per segment. A paired test with fewer than two systems is refused before anything is
    scored (a project's run is then not recorded either).
    """
    if options.paired and len(systems) < 2:
        raise WorkbenchError(
            f"--paired-{options.paired} needs two or more drafts (repeat --hyp or --draft)"
        )
    scorer = Scorer(options.chrf_word_order, options.tokenize, options.lowercase)
    scored: list[tuple[SystemScore, Sequence[str]]] = []
    for name, hyps in systems:
        system = scorer.score(name, hyps, references, confidence=options.confidence, lines=lines)
        if origins is not None:
            for seg, origin in zip(system.segments, origins, strict=True):
                seg.segment_ids = list(origin.segment_ids)
                seg.positions = list(origin.positions)
        if matcher is not None and sources is not None:
            from workbench.scoring.terms import term_accuracy

            system.terms = term_accuracy(matcher, sources, hyps)
            for seg, counts in zip(system.segments, system.terms.per_segment, strict=True):
                seg.terms = counts
        scored.append((system, hyps))
    test = None
    if options.paired:
        from workbench.scoring.significance import paired_test

        paired_test(
            scorer, scored, references, options.paired, n_samples=options.n_samples,
            confidence=options.confidence,
        )
        test = options.paired
    return ScoreReport([s for s, _ in scored], list(ref_names), test)
