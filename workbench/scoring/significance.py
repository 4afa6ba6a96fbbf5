"""Paired significance tests between systems, as sacrebleu's ``PairedTest`` runs them.

sacrebleu's test re-extracts every system's statistics from its hypotheses; the systems here
were scored already, so for approximate randomisation each metric is handed to ``PairedTest``
behind a thin proxy that answers ``_extract_corpus_statistics`` with the statistics computed
while scoring (the same numbers sacrebleu would compute) and delegates everything else to the
real metric. The paired bootstrap follows sacrebleu's ``_paired_bs_test`` (and the baseline's
interval ``PairedTest`` adds) step for step on those statistics, with the resamples summed in
blocks (``workbench.scoring.bootstrap``): sacrebleu holds 1000 x segments x statistics floats
at once for each metric and system (2 GB for two drafts of 20,000 segments); the figures are
the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.scoring.metrics import METRICS, Refs, Scorer, SystemScore

TESTS = {"bs": "paired bootstrap resampling", "ar": "approximate randomisation"}


class _KnownStats:
    """A sacrebleu metric whose statistics for known hypothesis lists are already computed."""

    def __init__(self, metric: Any, stats: dict[int, list[list[float]]]) -> None:
        self._metric = metric
        self._stats = stats

    def _extract_corpus_statistics(self, hypotheses: Sequence[str], references: Any) -> Any:
        known = self._stats.get(id(hypotheses))
        if known is None:
            return self._metric._extract_corpus_statistics(hypotheses, references)
        return known

    def __getattr__(self, name: str) -> Any:
        return getattr(self._metric, name)


def _p_value(p_value: Any, same_as_baseline: bool) -> float | None:
    """sacrebleu's p-value, or 1.0 for a system the metric cannot tell from the baseline.

    sacrebleu counts only resampled differences *greater* than the observed one, so two
    systems with the same statistics (identical drafts) get its smallest p-value, 1/(n+1):
    "significantly different". No difference at all is never significant.
    """
    if p_value is None:
        return None
    return 1.0 if same_as_baseline else float(p_value)


def paired_test(
    scorer: Scorer,
    systems: Sequence[tuple[SystemScore, Sequence[str]]],
    refs: Refs,
    test: str = "bs",
    *,
    n_samples: int = 0,
    confidence: int = 0,
) -> None:
    """Compare every system with the first (the baseline) by sacrebleu's paired ``test``.

    ``test`` is 'bs' (paired bootstrap, 1000 resamples by default) or 'ar' (approximate
    randomisation, 10000 trials by default). Each system's metric scores receive the
    p-value (not the baseline's), the bootstrap mean and 95% interval where sacrebleu gives
    them (always for 'bs', from its resamples; for 'ar' from ``confidence`` bootstrap
    resamples, none when 0), and the test's signature. A system whose statistics of a
    metric are the baseline's gets p = 1 for it (see :func:`_p_value`).
    """
    from sacrebleu.significance import PairedTest

    if test not in TESTS:
        raise ValueError(f"unknown paired test {test!r} (use bs or ar)")
    if len(systems) < 2:
        raise ValueError("a paired test needs a baseline and at least one other system")
    from workbench.scoring.bootstrap import seed_setting

    _, seed = seed_setting()  # refuses a SACREBLEU_SEED that sacrebleu's test would stop on
    if test == "bs":
        _paired_bootstrap(scorer, [system for system, _ in systems], n_samples or 1000, seed)
        return
    named = [(system.name, hyps) for system, hyps in systems]
    metrics: dict[str, Any] = {}
    for key in METRICS:
        known = {id(hyps): system.stats[key] for system, hyps in systems}
        scorer.corpus[key].n_bootstrap = scorer.corpus[key].seed = None
        metrics[key] = _KnownStats(scorer.corpus[key], known)
    tester = PairedTest(
        named, metrics, refs, test_type=test, n_samples=n_samples,
        n_ar_confidence=confidence if (test == "ar" and confidence > 0) else -1,
    )
    signatures, results = tester()
    for key in METRICS:
        name = systems[0][0].metrics[key].name
        signature = str(signatures[name].format())
        baseline = systems[0][0].stats[key]
        for (system, _), result in zip(systems, results[name], strict=True):
            score = system.metrics[key]
            score.signature = signature
            score.p_value = _p_value(result.p_value, system.stats[key] == baseline)
            score.mean = score.ci = None
            if result.mean is not None and result.ci is not None:
                mean, half = float(result.mean), float(result.ci)
                score.mean, score.ci = mean, (mean - half, mean + half)


def _paired_bootstrap(
    scorer: Scorer, systems: Sequence[SystemScore], n_samples: int, seed: int | None
) -> None:
    """sacrebleu's paired bootstrap of every system against the first, on their statistics.

    The resample indices of the baseline's interval and of each system's test are drawn as
    sacrebleu draws them (a generator seeded afresh for each: the same indices unless the
    seed is 'none'); the p-value is sacrebleu's ``_compute_p_value`` of the centred absolute
    differences, the interval its ``estimate_ci``.
    """
    import numpy as np
    from sacrebleu.significance import _compute_p_value, estimate_ci

    from workbench.scoring.bootstrap import resample_indices, resample_scores

    size = len(systems[0].segments)
    fixed = None if seed is None else resample_indices(size, n_samples, seed)

    def indices() -> Any:
        return fixed if fixed is not None else resample_indices(size, n_samples, seed)

    tests = [indices() for _ in systems[1:]]  # one set per system, shared by its metrics
    baseline = systems[0]
    for key in METRICS:
        metric = scorer.corpus[key]
        metric.n_bootstrap = metric.seed = None
        signature = metric.get_signature()
        signature.update("seed", str(seed).lower())
        signature.update("bs", n_samples)
        bl_stats, bl_score = baseline.stats[key], baseline.metrics[key]
        resampled = resample_scores(bl_stats, indices(), metric)
        results = [estimate_ci(np.array(resampled))]
        p_values: list[float | None] = [None]
        for system, idxs in zip(systems[1:], tests, strict=True):
            if fixed is None:  # each test's own resamples
                resampled = resample_scores(bl_stats, idxs, metric)
            scores_bl = np.array(resampled)
            scores_sys = np.array(resample_scores(system.stats[key], idxs, metric))
            results.append(estimate_ci(scores_sys))
            sample_diffs = np.abs(scores_sys - scores_bl)
            diff = abs(bl_score.score - system.metrics[key].score)
            p_value = _compute_p_value(sample_diffs - sample_diffs.mean(), diff)
            p_values.append(_p_value(p_value, system.stats[key] == bl_stats))
        for system, result, p_value in zip(systems, results, p_values, strict=True):
            score = system.metrics[key]
            score.signature = str(signature.format())
            score.p_value = p_value
            mean, half = float(result[0]), float(result[1])
            score.mean, score.ci = mean, (mean - half, mean + half)
