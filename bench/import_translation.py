"""Importing (aligning) an English translation onto a 100,000-line Arabic document.

Not in the default run (about a minute): ``python -m bench import_translation``.
"""

from __future__ import annotations

from pathlib import Path

from bench.common import DATA, Row, peak_rss_mb, timed, workdir

LINES = 100_000
PER_PARAGRAPH = 8


def _lines(name: str) -> list[str]:
    return [
        line.strip()
        for part in ("ntrex128", "tico19")
        for line in (DATA / part / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _write(path: Path, lines: list[str]) -> None:
    repeated = (lines * (LINES // len(lines) + 1))[:LINES]
    path.write_text(
        "\n".join(
            " ".join(repeated[i : i + PER_PARAGRAPH]) for i in range(0, LINES, PER_PARAGRAPH)
        ),
        encoding="utf-8",
    )


def run() -> list[Row]:
    from workbench.project import Project

    folder = workdir("import_translation")
    _write(folder / "doc.ar.txt", _lines("ar.txt"))
    _write(folder / "doc.en.txt", _lines("en.txt"))
    with Project.open(folder / "p.db", create=True) as project:
        doc_seconds, doc = timed(lambda: project.import_document(folder / "doc.ar.txt", "doc"))
        seconds, report = timed(
            lambda: project.import_translation(folder / "doc.en.txt", "doc", "working")
        )
    return [
        Row(f"import the Arabic document ({doc.segments:,} segments)", doc_seconds, "s"),
        Row(
            f"import-translation: align {report.sentences:,} English sentences to "
            f"{report.segments:,} segments and store them",
            seconds, "s", "", None, "< 30 s",
        ),
        Row("links with confidence < 0.5", report.low_confidence, "links"),
        Row("peak memory of the process", peak_rss_mb(), "MB"),
    ]
