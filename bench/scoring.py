"""Scoring cost against sacrebleu's own Python API, side by side on the same 6,000 segments.

The corpus: real English reference lines (NTREX-128, TICO-19, the sample's reference), cycled
to 6,000 segments, each with a hypothesis perturbed differently (words dropped, repeated,
swapped). The baseline is what a user of sacrebleu's Python API runs for corpus AND
per-segment scores: ``corpus_score`` of BLEU, chrF++ and TER, and ``sentence_score`` of each
segment (BLEU with effective order).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

from bench.common import DATA, ROOT, Row, peak_rss_mb, timed, workdir

SEGMENTS = 6000
SIGNIFICANCE_SEGMENTS = 2000


def english_lines() -> list[str]:
    """Non-empty English reference lines of the shared data and the sample."""
    files = [DATA / "ntrex128" / "en.txt", DATA / "tico19" / "en.txt",
             ROOT / "workbench" / "data" / "translations" / "reference.en.txt"]
    lines: list[str] = []
    for path in files:
        lines += [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return lines


def perturb(line: str, rng: random.Random, rate: float) -> str:
    """Drop, repeat and swap words."""
    words = line.split()
    out = []
    for word in words:
        r = rng.random()
        if r < rate:
            continue
        out.append(rng.choice(words) if r < rate * 1.6 else word)
    if len(out) > 3 and rng.random() < 0.3:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    return " ".join(out)


def build(n: int, seed: int, rate: float) -> tuple[list[str], list[str]]:
    """``n`` (reference, hypothesis) lines."""
    lines = english_lines()
    rng = random.Random(seed)
    refs = [lines[i % len(lines)] for i in range(n)]
    return refs, [perturb(r, rng, rate) for r in refs]


def sacrebleu_api(hyps: list[str], refs: list[str]) -> dict[str, float]:
    """Corpus and per-segment BLEU, chrF++ and TER the plain sacrebleu way."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    out = {}
    for key, corpus, sentence in (
        ("bleu", BLEU(), BLEU(effective_order=True)),
        ("chrf", CHRF(word_order=2), CHRF(word_order=2)),
        ("ter", TER(), TER()),
    ):
        out[key] = corpus.corpus_score(hyps, [refs]).score
        out[key + "_segments"] = [sentence.sentence_score(h, [r]).score
                                  for h, r in zip(hyps, refs, strict=True)]
    return out


def sacrebleu_corpus_only(hyps: list[str], refs: list[str]) -> None:
    from sacrebleu.metrics import BLEU, CHRF, TER

    for metric in (BLEU(), CHRF(word_order=2), TER()):
        metric.corpus_score(hyps, [refs])


def command(*args: str) -> tuple[float, str]:
    """Wall time and stdout of one ``workbench`` command (a fresh process, start-up included)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True,
                          text=True, check=True)
    return time.perf_counter() - start, proc.stdout


def run() -> list[Row]:
    from workbench.scoring.metrics import Scorer
    from workbench.scoring.significance import paired_test

    folder = workdir("scoring")
    refs, hyps = build(SEGMENTS, 1, 0.1)
    hyp_file, ref_file = Path(folder / "hyp.txt"), Path(folder / "ref.txt")
    hyp_file.write_text("\n".join(hyps) + "\n", encoding="utf-8")
    ref_file.write_text("\n".join(refs) + "\n", encoding="utf-8")

    base_t, base = timed(lambda: sacrebleu_api(hyps, refs))
    corpus_t, _ = timed(lambda: sacrebleu_corpus_only(hyps, refs))
    ours_t, ours = timed(lambda: Scorer().score("hyp", hyps, [refs]))
    cmd_t, out = command("score", "--hyp", str(hyp_file), "--ref", str(ref_file),
                         "--format", "json")
    data = json.loads(out)
    diff = max(
        max(abs(data[k]["score"] - base[k]) for k in ("bleu", "chrf", "ter")),
        max(abs(getattr(s, k) - base[k + "_segments"][i])
            for k in ("bleu", "chrf", "ter") for i, s in enumerate(ours.segments)),
        max(abs(seg[k] - base[k + "_segments"][i])
            for k in ("bleu", "chrf", "ter") for i, seg in enumerate(data["segments"])),
    )
    assert len(data["segments"]) == SEGMENTS
    ci_t, _ = timed(lambda: Scorer().score("hyp", hyps[:SIGNIFICANCE_SEGMENTS],
                                           [refs[:SIGNIFICANCE_SEGMENTS]], confidence=1000))

    # Significance on 2,000 segments: two systems, each test on top of scoring both.
    n = SIGNIFICANCE_SEGMENTS
    _, hyps2 = build(n, 2, 0.15)
    scorer = Scorer()
    a = scorer.score("a", hyps[:n], [refs[:n]])
    b = scorer.score("b", hyps2, [refs[:n]])
    systems = [(a, hyps[:n]), (b, hyps2)]
    bs_t, _ = timed(lambda: paired_test(scorer, systems, [refs[:n]], "bs"))
    ar_t, _ = timed(lambda: paired_test(scorer, systems, [refs[:n]], "ar"))
    h2_file, r2_file = Path(folder / "hyp2k.txt"), Path(folder / "ref2k.txt")
    h2_file.write_text("\n".join(hyps2) + "\n", encoding="utf-8")
    r2_file.write_text("\n".join(refs[:n]) + "\n", encoding="utf-8")
    h1_file = Path(folder / "hyp1k.txt")
    h1_file.write_text("\n".join(hyps[:n]) + "\n", encoding="utf-8")
    cmd_bs_t, _ = command("score", "--hyp", str(h1_file), "--hyp", str(h2_file), "--ref",
                          str(r2_file), "--paired-bs", "--format", "json")
    cmd_ar_t, _ = command("score", "--hyp", str(h1_file), "--hyp", str(h2_file), "--ref",
                          str(r2_file), "--paired-ar", "--format", "json")
    small = folder / "small"
    small.mkdir()
    (small / "h.txt").write_text("\n".join(hyps[:5]) + "\n", encoding="utf-8")
    (small / "r.txt").write_text("\n".join(refs[:5]) + "\n", encoding="utf-8")
    start_t, _ = command("score", "--hyp", str(small / "h.txt"), "--ref", str(small / "r.txt"),
                         "--format", "json")

    api = f"sacrebleu API {base_t:.2f} s"
    return [
        Row("sacrebleu Python API: corpus + per-segment, 6,000 segments", base_t, "s"),
        Row("sacrebleu Python API: corpus only, 6,000 segments", corpus_t, "s"),
        Row("workbench.scoring Scorer.score, 6,000 segments", ours_t, "s", api,
            ours_t / base_t, "<= 1.3x"),
        Row("`workbench score --hyp --ref --format json`, 6,000 segments (whole command)",
            cmd_t, "s", api, cmd_t / base_t, "<= 1.3x"),
        Row("max |workbench - sacrebleu| (corpus and every segment, 3 metrics)", diff,
            "points", "", None, "<= 0.01"),
        Row("`workbench score` on 5 lines (start-up: Python, click, sacrebleu)", start_t, "s"),
        Row("95% CIs (1000 bootstrap resamples, 3 metrics), 2,000 segments incl. scoring",
            ci_t, "s"),
        Row("paired bootstrap (1000), 2 systems x 2,000 segments, 3 metrics", bs_t, "s",
            "", None, "seconds"),
        Row("approximate randomisation (10000), 2 systems x 2,000 segments", ar_t, "s",
            "", None, "seconds"),
        Row("`workbench score` 2 hyps x 2,000 --paired-bs (whole command)", cmd_bs_t, "s",
            "", None, "seconds"),
        Row("`workbench score` 2 hyps x 2,000 --paired-ar (whole command)", cmd_ar_t, "s",
            "", None, "seconds"),
        Row("peak memory of this bench process", peak_rss_mb(), "MB"),
    ]
