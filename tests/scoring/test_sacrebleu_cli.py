"""``workbench score`` prints what sacrebleu's own command line prints on the same files, to the
fourth decimal: corpus scores, signatures, sentence-level scores, bootstrap intervals and paired
tests (real NTREX-128 and TICO-19 lines, perturbed drafts, two references, an empty line)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.scoring.conftest import Corpus

KEYS = {"BLEU": "bleu", "chrF2++": "chrf", "TER": "ter"}
# a cell of sacrebleu's LaTeX table of a paired test: score [(mean ± half-width)] [(p = P)]
CELL = re.compile(r"([\d.]+)(?: \(([\d.]+) ± ([\d.]+)\))?(?: \(p = ([\d.]+)\))?")


@pytest.fixture
def files(tmp_path: Path, corpus: Corpus) -> dict[str, str]:
    paths = {}
    for name, lines in (("hyp", corpus.hyps), ("hyp2", corpus.hyps2), ("ref", corpus.refs),
                        ("ref2", corpus.refs2)):
        path = tmp_path / f"{name}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths[name] = str(path)
    return paths


def sacrebleu(*args: str) -> str:
    """sacrebleu's command line: all three metrics, chrF++, four decimals."""
    out = subprocess.run(
        [sys.executable, "-m", "sacrebleu", *args, "--chrf-word-order", "2", "-w", "4"],
        capture_output=True, text=True, check=True, timeout=120,
    )
    return out.stdout


def workbench(*args: str) -> dict[str, Any]:
    result = run_cli("score", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def half_width(metric: dict[str, Any]) -> Any:
    """The interval's half-width, to the 1e-4 its bounds are rounded to."""
    return pytest.approx((metric["ci"][1] - metric["ci"][0]) / 2, abs=1.01e-4)


@pytest.mark.parametrize("options", [(), ("--tokenize", "intl", "--lowercase")])
def test_scores_signatures_and_sentence_scores_are_the_clis(
    files: dict[str, str], options: tuple[str, ...]
) -> None:
    refs = [files["ref"], files["ref2"]]
    ours = workbench("--hyp", files["hyp"], "--ref", refs[0], "--ref", refs[1], *options)
    theirs = json.loads(sacrebleu(*refs, "-i", files["hyp"], "-m", "bleu", "chrf", "ter",
                                  *options))
    for metric in theirs:
        mine = ours[KEYS[metric["name"]]]
        assert (mine["name"], mine["score"], mine["signature"]) == (
            metric["name"], metric["score"], metric["signature"])
    for key in KEYS.values():
        lines = sacrebleu(*refs, "-i", files["hyp"], "-m", key, "--sentence-level",
                          *options).splitlines()
        signature, _ = lines[0].split(" = ", 1)
        assert ours[key]["segment_signature"] == signature.split("|", 1)[1]
        scores = [float(line.split(" = ", 1)[1].split()[0]) for line in lines]
        assert [s[key] for s in ours["segments"]] == scores
    assert ours["segments"][3]["bleu"] == 0  # the empty draft line, scored


def test_confidence_intervals_are_the_clis(files: dict[str, str]) -> None:
    """The mean and the half-width to the last printed digit (chrF and TER average float32
    scores, as sacrebleu does)."""
    refs = [files["ref"], files["ref2"]]
    ours = workbench("--hyp", files["hyp2"], "--ref", refs[0], "--ref", refs[1], "--confidence")
    theirs = json.loads(sacrebleu(*refs, "-i", files["hyp2"], "-m", "bleu", "chrf", "ter",
                                  "--confidence"))
    for metric in theirs:
        mine = ours[KEYS[metric["name"]]]
        assert mine["signature"] == metric["signature"]
        assert (mine["mean"], half_width(mine)) == (
            metric["confidence_mean"], metric["confidence_var"])


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_paired_tests_are_the_clis(files: dict[str, str], test: str) -> None:
    ours = workbench("--hyp", files["hyp"], "--hyp", files["hyp2"], "--ref", files["ref"],
                     f"--paired-{test}", "--paired-n", "200")
    table = sacrebleu(files["ref"], "-i", files["hyp"], files["hyp2"], "-m", "bleu", "chrf",
                      "ter", f"--paired-{test}", f"--paired-{test}-n", "200", "-f", "latex")
    signatures = dict(re.findall(r"^ - (\S+)\s+(nrefs:\S+)$", table, re.MULTILINE))
    rows = [line.split(" & ") for line in table.splitlines() if line.count(" & ") == 3]
    assert len(rows) == 3  # the header, the baseline and the other draft
    for system, row in zip(ours["systems"], rows[1:], strict=True):
        assert row[0].strip().removeprefix("Baseline: ").replace("\\_", "_") == system["name"]
        for name, cell in zip(KEYS, row[1:], strict=True):
            mine = system[KEYS[name]]
            assert mine["signature"] == signatures[name]
            match = CELL.search(cell)
            assert match is not None, cell
            assert mine["score"] == float(match[1])
            assert mine.get("p_value") == (float(match[4]) if match[4] else None)
            if test == "bs":  # the AR test gives no intervals
                assert (mine["mean"], half_width(mine)) == (float(match[2]), float(match[3]))
