"""95% confidence intervals by sacrebleu's bootstrap resampling, from statistics already computed.

This follows ``sacrebleu.significance._bootstrap_resample`` step for step (same seed from
``SACREBLEU_SEED``, default 12345, same resample indices, float32 sums, the metric's own
``_compute_score_from_stats`` and ``Score.estimate_ci``), but sums the resamples in blocks:
sacrebleu materialises all of them at once (1000 x segments x statistics floats, 0.5 GB for
6,000 segments of chrF++), the figures are the same. The paired bootstrap
(``workbench.scoring.significance``) sums its resamples here too.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from sacrebleu.metrics.base import Metric

from workbench.errors import WorkbenchError

BLOCK_ELEMENTS = 4_000_000  # floats summed per block (16 MB)


def seed_setting() -> tuple[str, int | None]:
    """sacrebleu's seed: ``SACREBLEU_SEED`` (default 12345; 'none' for OS entropy).

    Another value (empty, a word, a negative number), which sacrebleu's resampling would
    stop on with a traceback, is refused as an input error naming the variable.
    """
    seed = os.environ.get("SACREBLEU_SEED", "12345")
    if seed.lower() == "none":
        return "none", None
    if not seed.strip().isdecimal():
        raise WorkbenchError(
            f"SACREBLEU_SEED={seed!r}: not a seed (a whole number of 0 or more, or 'none' "
            "for a different resampling each run)"
        )
    return seed.lower(), int(seed)


def resample_indices(size: int, n_samples: int, seed: int | None) -> Any:
    """sacrebleu's resamples: ``n_samples`` rows of ``size`` segment indices, drawn with
    replacement by numpy's default generator seeded with ``seed``."""
    import numpy as np

    return np.random.default_rng(seed).choice(size, size=(n_samples, size), replace=True)


def resample_scores(stats: Sequence[Sequence[float]], idxs: Any, metric: Metric) -> list[Any]:
    """The metric's score of each resample (a row of ``idxs``) of the segments' statistics,
    summed as float32 as sacrebleu sums them, a block of resamples at a time. The scores are
    the metric's own objects (numpy float32 for chrF and TER, but a plain float for a
    special case; plain floats for BLEU)."""
    import numpy as np

    stats_np = np.array(stats, dtype="float32")
    block = max(1, BLOCK_ELEMENTS // max(1, stats_np.size))
    compute = metric._compute_score_from_stats
    scores: list[Any] = []
    for start in range(0, len(idxs), block):
        sums = stats_np[idxs[start : start + block]].sum(1)
        scores.extend(compute(row).score for row in sums)
    return scores


def bootstrap_scores(
    stats: Sequence[Sequence[float]], metric: Metric, n_samples: int = 1000
) -> list[Any]:
    """The metric's corpus score on each of ``n_samples`` bootstrap resamples of the segments.

    Sets ``metric.n_bootstrap`` and ``metric.seed`` so that its signature records them, as
    sacrebleu's ``corpus_score(n_bootstrap=...)`` does.
    """
    import numpy as np

    label, seed = seed_setting()
    scores = resample_scores(stats, resample_indices(len(stats), n_samples, seed), metric)
    # chrF and TER score the float32 sums as numpy float32, and sacrebleu's mean and interval
    # of them are float32 (a double mean printed 92.7739 where sacrebleu prints 92.7738); but
    # a resample the metric scores by a special case (every segment empty) gives a plain 0.0
    # among them, which statistics.mean cannot add up (sacrebleu's own --confidence stops
    # there): it becomes a float32 too. BLEU's scores are all plain floats.
    if any(isinstance(s, np.float32) for s in scores):
        scores = [np.float32(s) for s in scores]
    metric.n_bootstrap = n_samples
    metric.seed = label
    return scores


def confidence_interval(
    stats: Sequence[Sequence[float]], metric: Metric, n_samples: int = 1000
) -> tuple[float, tuple[float, float]]:
    """sacrebleu's bootstrap estimate: (mean, (mean - half-width, mean + half-width))."""
    from sacrebleu.metrics.base import Score

    holder = Score(metric.__class__.__name__, 0.0)
    holder.estimate_ci([Score("", s) for s in bootstrap_scores(stats, metric, n_samples)])
    mean, half = float(holder._mean), float(holder._ci)
    return mean, (mean - half, mean + half)
