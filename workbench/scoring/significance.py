"""Paired significance tests between systems, by sacrebleu's own ``PairedTest``.

sacrebleu's test re-extracts every system's statistics from its hypotheses; the systems here
were scored already, so each metric is handed to ``PairedTest`` behind a thin proxy that
answers ``_extract_corpus_statistics`` with the statistics computed while scoring (the same
numbers sacrebleu would compute) and delegates everything else to the real metric.
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

    seed_setting()  # refuses a SACREBLEU_SEED that sacrebleu's test would stop on
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
