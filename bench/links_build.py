"""The linked 100,000-segment project of ``bench.links``, built through the Project API.

Run in a child process (the aligner's memory stays out of the measuring process):
``python -m bench.links_build FOLDER``.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from bench.common import corpus_lines

LINES = 108_000  # the Arabic splitter makes about 100,000 segments of them
PER_PARAGRAPH = 8
DOC = "big"


def _text(lines: list[str]) -> str:
    repeated = (lines * (LINES // len(lines) + 1))[:LINES]
    return "\n".join(
        " ".join(repeated[i : i + PER_PARAGRAPH]) for i in range(0, LINES, PER_PARAGRAPH)
    ) + "\n"


def build(folder: Path) -> dict[str, float]:
    """Write the texts and build ``folder/big.db``: the Arabic document, the sample glossary,
    the English lines (words dropped, repeated or swapped in 4 %) imported as ``reference:main``
    and more perturbed ones (10 %) as the working version (both aligned, so both have links).
    Seconds per step."""
    from bench.scoring import perturb
    from workbench.glossary.tsv import read_tsv
    from workbench.project import Project
    from workbench.project.sample import bundled

    english = corpus_lines("en.txt")
    rng = random.Random(5)
    (folder / "doc.ar.txt").write_text(_text(corpus_lines("ar.txt")), encoding="utf-8")
    for name, rate in (("reference", 0.04), ("working", 0.1)):
        lines = [perturb(line, rng, rate) or line for line in english]
        (folder / f"{name}.en.txt").write_text(_text(lines), encoding="utf-8")
    seconds: dict[str, float] = {}
    with Project.open(folder / "big.db", create=True, author="bench") as project:
        project.set_glossary(read_tsv(bundled("glossary.tsv")))
        for step, call in (
            ("document", lambda: project.import_document(folder / "doc.ar.txt", DOC)),
            ("reference", lambda: project.import_translation(
                folder / "reference.en.txt", DOC, "reference", "main")),
            ("working", lambda: project.import_translation(
                folder / "working.en.txt", DOC, "working")),
        ):
            start = time.perf_counter()
            call()
            seconds[step] = time.perf_counter() - start
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return seconds


if __name__ == "__main__":
    import json

    print(json.dumps(build(Path(sys.argv[1]))))
