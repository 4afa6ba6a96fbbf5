"""``workbench score`` against sacrebleu's own command line, figure by figure, on real text.

For each of NTREX-128 (news), TICO-19 (health news), the UDHR (legal) and Hayy ibn Yaqzan
(literary), two drafts are made from the English reference (``bench.scoring.perturb``: words
dropped, repeated and swapped, at 10% and 11%: close enough that the tests are not all at their
smallest p-value) and a second reference (5%). Both tools score them against one reference
and against two; what they print at four decimals is compared: corpus BLEU, chrF++ and TER
with their signatures, every segment's sentence score (``sacrebleu --sentence-level``), the
95% intervals of ``--confidence`` and the scores, intervals and p-values of ``--paired-bs``
and ``--paired-ar``. JSON half-widths are recovered from bounds rounded to 1e-4, so they are
compared to within 1e-4.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import DATA, Row, workdir
from bench.scoring import perturb

CORPORA = ("ntrex128", "tico19", "udhr", "hayy")
KEYS = {"BLEU": "bleu", "chrF2++": "chrf", "TER": "ter"}
CELL = re.compile(r"([\d.]+)(?: \(([\d.]+) ± ([\d.]+)\))?(?: \(p = ([\d.]+)\))?")


class Tally:
    """Figures compared, those that differ (named), and the time each tool took."""

    def __init__(self) -> None:
        self.compared = 0
        self.differ: list[str] = []
        self.seconds = {"workbench": 0.0, "sacrebleu": 0.0}

    def check(self, what: str, ours: Any, theirs: Any, tolerance: float = 0.0) -> None:
        self.compared += 1
        same = (ours == theirs if tolerance == 0 or ours is None or theirs is None
                else abs(ours - theirs) <= tolerance)
        if not same:
            self.differ.append(f"{what}: workbench {ours}, sacrebleu {theirs}")

    def run(self, tool: str, args: list[str], cwd: Path) -> str:
        start = time.perf_counter()
        proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=True)
        self.seconds[tool] += time.perf_counter() - start
        return proc.stdout


def _workbench(tally: Tally, folder: Path, *args: str) -> dict[str, Any]:
    out = tally.run("workbench", [sys.executable, "-m", "workbench", "score", *args,
                                  "--format", "json"], folder)
    data: dict[str, Any] = json.loads(out)
    return data


def _sacrebleu(tally: Tally, folder: Path, *args: str) -> str:
    return tally.run("sacrebleu", [sys.executable, "-m", "sacrebleu", *args,
                                   "--chrf-word-order", "2", "-w", "4"], folder)


def _half(metric: dict[str, Any]) -> float:
    return (metric["ci"][1] - metric["ci"][0]) / 2


def compare_corpus(tally: Tally, folder: Path, hyp: str, refs: list[str],
                   options: Sequence[str] = ()) -> None:
    """Corpus scores, signatures and intervals (--confidence), and every sentence score;
    ``options`` are given to both tools (``--tokenize``, ``--lowercase``: the same names)."""
    ref_args = [a for r in refs for a in ("--ref", r)]
    ours = _workbench(tally, folder, "--hyp", hyp, *ref_args, "--confidence", *options)
    theirs = json.loads(_sacrebleu(tally, folder, *refs, "-i", hyp, "-m", "bleu", "chrf", "ter",
                                   "--confidence", *options))
    for metric in theirs:
        mine, what = ours[KEYS[metric["name"]]], f"{folder.name} {hyp} {metric['name']}"
        tally.check(what + " score", mine["score"], metric["score"])
        tally.check(what + " signature", mine["signature"], metric["signature"])
        tally.check(what + " mean", mine["mean"], metric["confidence_mean"])
        tally.check(what + " ±", _half(mine), metric["confidence_var"], 1.01e-4)
    for key in KEYS.values():
        lines = _sacrebleu(tally, folder, *refs, "-i", hyp, "-m", key, "--sentence-level",
                           *options).splitlines()
        tally.check(f"{folder.name} {hyp} {key} segment signature",
                    ours[key]["segment_signature"], lines[0].split(" = ")[0].split("|", 1)[1])
        for seg, line in zip(ours["segments"], lines, strict=True):
            tally.check(f"{folder.name} {hyp} {key} line {seg['line']}", seg[key],
                        float(line.split(" = ", 1)[1].split()[0]))


def compare_paired(tally: Tally, folder: Path, hyps: list[str], refs: list[str],
                   test: str) -> dict[str, Any]:
    """Scores, signatures, intervals (bs) and p-values of a paired test; the JSON."""
    ours = _workbench(tally, folder, *[a for h in hyps for a in ("--hyp", h)],
                      *[a for r in refs for a in ("--ref", r)], f"--paired-{test}", "--limit", "0")
    table = _sacrebleu(tally, folder, *refs, "-i", *hyps, "-m", "bleu", "chrf", "ter",
                       f"--paired-{test}", "-f", "latex")
    signatures = dict(re.findall(r"^ - (\S+)\s+(nrefs:\S+)$", table, re.MULTILINE))
    rows = [line.split(" & ") for line in table.splitlines() if line.count(" & ") == 3][1:]
    for system, row in zip(ours["systems"], rows, strict=True):
        for name, cell in zip(KEYS, row[1:], strict=True):
            mine, what = system[KEYS[name]], f"{folder.name} {test} {system['name']} {name}"
            match = CELL.search(cell)
            assert match is not None, cell
            tally.check(what + " score", mine["score"], float(match[1]))
            tally.check(what + " signature", mine["signature"], signatures[name])
            tally.check(what + " p", mine.get("p_value"), float(match[4]) if match[4] else None)
            if test == "bs":
                tally.check(what + " mean", mine["mean"], float(match[2]))
                tally.check(what + " ±", _half(mine), float(match[3]), 1.01e-4)
    return ours


def _write(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.name


def run() -> list[Row]:
    rows: list[Row] = []
    for corpus in CORPORA:
        folder = workdir(f"scoring_cli/{corpus}")
        text = (DATA / corpus / "en.txt").read_text(encoding="utf-8")
        lines = text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")
        rng = random.Random(49)
        ref, ref2 = _write(folder / "ref.txt", lines), _write(
            folder / "ref2.txt", [perturb(line, rng, 0.05) for line in lines])
        a = _write(folder / "a.txt", [perturb(line, rng, 0.10) for line in lines])
        b = _write(folder / "b.txt", [perturb(line, rng, 0.11) for line in lines])
        tally = Tally()
        p_values = []
        for refs in ([ref], [ref, ref2]):
            for hyp in (a, b):
                compare_corpus(tally, folder, hyp, refs)
            for test in ("bs", "ar"):
                paired = compare_paired(tally, folder, [a, b], refs, test)
                p_values.append(paired["systems"][1]["chrf"]["p_value"])
        for line in tally.differ[:5]:
            print(f"scoring_cli: {line}", file=sys.stderr)
        scores = json.loads(subprocess.run(
            [sys.executable, "-m", "workbench", "score", "--hyp", a, "--ref", ref, "--format",
             "json", "--limit", "0"], cwd=folder, capture_output=True, text=True, check=True,
        ).stdout)
        rows += [
            Row(f"{corpus} ({len(lines)} lines): draft a, 1 ref: BLEU / chrF++ / TER "
                f"{scores['bleu']['score']:.2f} / {scores['chrf']['score']:.2f} / "
                f"{scores['ter']['score']:.2f}; chrF++ p-values b vs a "
                f"{', '.join(f'{p:g}' for p in p_values)}",
                tally.compared, "figures compared"),
            Row(f"{corpus}: figures differing from sacrebleu's command line", len(tally.differ),
                "figures", "", None, "0"),
            Row(f"{corpus}: wall time of workbench's 8 commands and sacrebleu's 20 (its "
                "sentence scores take a run per metric)",
                tally.seconds["workbench"], "s", f"sacrebleu {tally.seconds['sacrebleu']:.1f} s",
                tally.seconds["workbench"] / tally.seconds["sacrebleu"]),
        ]
    return rows
