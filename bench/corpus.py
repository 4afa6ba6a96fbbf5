"""Large Arabic/English test documents built by repeating and varying the sample and shared data."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from bench.common import DATA, ROOT

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def arabic_sentences() -> list[str]:
    """Arabic sentences from the sample, NTREX-128 and TICO-19."""
    from workbench.text.segment import segment_text

    sample = (ROOT / "workbench" / "data" / "sample.ar.txt").read_text(encoding="utf-8")
    out = [s for _, s in segment_text(sample, "ar")]
    for name in ("ntrex128/ar.txt", "tico19/ar.txt"):
        out += [line.strip() for line in (DATA / name).read_text(encoding="utf-8").splitlines()
                if line.strip()]
    # Keep sentences that end a sentence and stay whole, so joined text re-splits into them.
    return [s for s in out if s[-1] in ".!?؟" and len(segment_text(s, "ar")) == 1]


def big_arabic_text(segments: int, seed: int = 7, per_paragraph: int = 8) -> str:
    """About ``segments`` Arabic sentences, varied (numbers, digits), in paragraphs."""
    rng = random.Random(seed)
    pool = arabic_sentences()
    paragraphs: list[str] = []
    current: list[str] = []
    for i in range(segments):
        sentence = pool[i % len(pool)]
        if rng.random() < 0.3:
            sentence = f"{sentence[:-1]} {i}{sentence[-1]}" if sentence[-1] in ".؟!" else sentence
        if rng.random() < 0.2:
            sentence = sentence.translate(ARABIC_DIGITS)
        current.append(sentence)
        if len(current) == per_paragraph:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs) + "\n"


def exact_arabic_text(segments: int, per_paragraph: int = 8) -> str:
    """Arabic text that the current segmenter splits into exactly ``segments`` sentences."""
    from workbench.text.segment import segment_text, split_sentences

    sentences = [s for _, s in segment_text(big_arabic_text(int(segments * 1.2) + 10), "ar")]
    sentences = sentences[:segments]
    lines: list[str] = []
    for i in range(0, segments, per_paragraph):
        chunk = sentences[i : i + per_paragraph]
        joined = " ".join(chunk)
        # Where joining would merge two sentences, keep them on lines of their own.
        lines += [joined] if len(split_sentences(joined, "ar")) == len(chunk) else chunk
    return "\n".join(lines) + "\n"


def write_big_arabic(path: Path, segments: int) -> Path:
    """Write Arabic text of exactly ``segments`` sentences to ``path`` (in a child process,
    so that building it does not count in the caller's peak memory)."""
    code = (
        "import sys; from pathlib import Path; from bench.corpus import exact_arabic_text; "
        "Path(sys.argv[1]).write_text(exact_arabic_text(int(sys.argv[2])), encoding='utf-8')"
    )
    subprocess.run([sys.executable, "-c", code, str(path), str(segments)], check=True, cwd=ROOT)
    return path
