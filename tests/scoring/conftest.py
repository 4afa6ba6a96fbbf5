"""Real English reference lines (NTREX-128, TICO-19) with perturbed hypotheses."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.scoring import perturb

DATA = Path(__file__).resolve().parents[2] / "corpora"


def english_lines() -> list[str]:
    """Non-empty English lines of the shared data sets."""
    lines: list[str] = []
    for name in ("ntrex128", "tico19"):
        text = (DATA / name / "en.txt").read_text(encoding="utf-8")
        lines += [line for line in text.split("\n") if line.strip()]
    return lines


@dataclass
class Corpus:
    refs: list[str]
    refs2: list[str]
    hyps: list[str]
    hyps2: list[str]


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """160 segments: a reference, a second (perturbed) reference, and two systems."""
    lines = english_lines()[:160]
    rng = random.Random(7)
    refs2 = [perturb(line, rng, 0.05) for line in lines]
    hyps = [perturb(line, rng, 0.1) for line in lines]
    hyps2 = [perturb(line, rng, 0.2) for line in lines]
    hyps[3] = ""  # an empty hypothesis line is scored, not dropped
    return Corpus(lines, refs2, hyps, hyps2)
