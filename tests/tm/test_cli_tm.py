"""The translation-memory commands, their JSON and their errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from tests.conftest import run_cli
from tests.tm.conftest import MEMOQ, TRADOS, write

TSV = (
    "قامت الثورة في روسيا عام 1917.\tThe revolution broke out in Russia in 1917.\n"
    "وبالثورة تغير كل شيء.\tWith the revolution everything changed.\n"
)


def _project(folder: Path, new_db: Any) -> str:
    db = str(new_db)
    (folder / "doc.ar.txt").write_text(
        "قامت الثورة في روسيا عام 1918. عقد المؤتمر في القاهرة.\n", encoding="utf-8"
    )
    assert run_cli("import", str(folder / "doc.ar.txt"), "--db", db).exit_code == 0
    (folder / "old.tsv").write_text(TSV, encoding="utf-8")
    result = run_cli("tm", "import", str(folder / "old.tsv"), "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"imported 2 units from {folder / 'old.tsv'} as memory 'old'"
    return db


def test_lookup_json(tmp_path: Path, new_db: Any) -> None:
    db = _project(tmp_path, new_db)
    result = run_cli("tm", "lookup", "قامت الثورة في روسيا عام ١٩١٧", "--db", db,
                     "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["query", "matches"]
    assert data["query"] == "قامت الثورة في روسيا عام ١٩١٧"
    (match,) = data["matches"]
    assert list(match) == [
        "score", "source", "target", "origin", "diff", "author", "date", "memory", "unit",
        "segment", "document", "position", "substituted",
    ]
    assert (match["score"], match["origin"], match["memory"]) == (98, "old", "old")
    assert match["target"] == "The revolution broke out in Russia in 1917."
    assert match["diff"] == [
        {"op": "equal", "query": "قامت الثورة في روسيا عام ١٩١٧",
         "match": "قامت الثورة في روسيا عام 1917"},
        {"op": "insert", "query": "", "match": "."},
    ]
    assert match["substituted"] is None and match["segment"] is None


def test_lookup_file_min_limit_and_table(tmp_path: Path, new_db: Any) -> None:
    db = _project(tmp_path, new_db)
    queries = tmp_path / "queries.txt"
    queries.write_text("قامت الثورة في روسيا عام 1918.\n\nالثورة تغير كل شيء.\n", encoding="utf-8")
    result = run_cli("tm", "lookup", "--file", str(queries), "--db", db, "--format", "json")
    data = json.loads(result.stdout)
    assert [d["query"] for d in data] == ["قامت الثورة في روسيا عام 1918.", "الثورة تغير كل شيء."]
    first, second = data
    assert first["matches"][0]["score"] == 99  # only a number differs, and it is substituted
    assert first["matches"][0]["substituted"] == "The revolution broke out in Russia in 1918."
    assert second["matches"][0]["score"] == 87
    result = run_cli("tm", "lookup", "--file", str(queries), "--db", db, "--format", "json",
                     "--min", "90")
    assert [len(d["matches"]) for d in json.loads(result.stdout)] == [1, 0]
    result = run_cli("tm", "lookup", "الثورة في روسيا", "--db", db, "--min", "0",
                     "--limit", "1", "--format", "json")
    assert len(json.loads(result.stdout)["matches"]) == 1
    result = run_cli("tm", "lookup", "قامت الثورة في روسيا عام 1918.", "--db", db)
    assert result.exit_code == 0
    assert "numbers replaced" in result.stdout and "99" in result.stdout


def test_lookup_errors(tmp_path: Path, new_db: Any) -> None:
    db = _project(tmp_path, new_db)
    for args, message in (
        ([], "give either TEXT or --file"),
        ([" "], "nothing to look up"),
        (["نص", "--min", "120"], "--min must be between 0 and 101"),
        (["نص", "--limit", "0"], "--limit must be at least 1"),
        (["نص", "--memory", "absent"], "no translation memory named 'absent'"),
        (["--file", str(tmp_path / "absent.txt")], "absent.txt: no such file"),
    ):
        result = run_cli("tm", "lookup", *args, "--db", db)
        assert result.exit_code == 2, args
        assert message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_list_export_remove(tmp_path: Path, new_db: Any) -> None:
    db = _project(tmp_path, new_db)
    write(tmp_path / "memoq.tmx", MEMOQ)
    run_cli("tm", "import", str(tmp_path / "memoq.tmx"), "--db", db)
    result = run_cli("tm", "import", str(write(tmp_path / "trados.tmx", TRADOS, encoding="utf-16")),
                     "--db", db, "--name", "studio")
    assert "source language en-US: the Arabic side is the source" in result.stdout
    assert "10 inline tags kept as placeholders" in result.stdout
    # memoQ's srclang="*all*" is no English source
    every = write(tmp_path / "all.tmx", MEMOQ.replace('srclang="ar-sa"', 'srclang="*all*"'))
    assert 'srclang="*all*"' in every.read_text(encoding="utf-8")
    result = run_cli("tm", "import", str(every), "--db", db, "--name", "all")
    assert result.exit_code == 0 and "source language" not in result.stdout
    run_cli("tm", "remove", "all", "--db", db)
    listed = json.loads(run_cli("tm", "list", "--db", db, "--format", "json").stdout)
    assert [(m["name"], m["kind"], m["units"]) for m in listed] == [
        ("project", "project", 0), ("old", "external", 2), ("memoq", "external", 1),
        ("studio", "external", 2),
    ]
    out = tmp_path / "old.tmx"
    result = run_cli("tm", "export", "--name", "old", "--output", str(out), "--db", db)
    assert result.stdout.strip() == f"exported 2 units of old to {out}"
    result = run_cli("tm", "export", "--name", "old", "--output", str(out), "--db", db)
    assert result.exit_code == 2 and "exists already" in result.stderr
    # a .tsv would be read back as tab-separated text and refused: TMX needs its ending
    result = run_cli("tm", "export", "--output", str(tmp_path / "all.tsv"), "--db", db)
    assert result.exit_code == 2 and "writes TMX, not .tsv" in result.stderr
    assert not (tmp_path / "all.tsv").exists()
    assert run_cli("tm", "remove", "OLD", "--db", db).stdout.strip() == (
        "removed memory 'old' (2 units)"  # as it is called, not as typed
    )
    result = run_cli("tm", "import", str(out), "--db", db, "--name", "back")
    assert result.exit_code == 0 and "imported 2 units" in result.stdout


def test_bad_file_is_one_line(tmp_path: Path, new_db: Any) -> None:
    db = _project(tmp_path, new_db)
    bad = tmp_path / "bad.tmx"
    bad.write_text('<tmx version="1.4">\n<body>\n<tu>\n</body></tmx>', encoding="utf-8")
    result = run_cli("tm", "import", str(bad), "--db", db)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"workbench: error: {bad}: line 4: not well-formed XML")
    assert len(result.stderr.strip().splitlines()) == 1


def test_pretranslate_lists_its_bands_best_first(tmp_path: Path, new_db: Any) -> None:
    db = _project(tmp_path, new_db)
    (tmp_path / "more.tsv").write_text(
        "عقد المؤتمر في القاهرة.\tThe conference met in Cairo.\n", encoding="utf-8"
    )
    assert run_cli("tm", "import", str(tmp_path / "more.tsv"), "--db", db).exit_code == 0
    result = run_cli("pretranslate", "--db", db, "--min", "80")
    assert result.stdout.splitlines()[0] == (  # 100 before 95-99 (it came after)
        "pre-translated 2 of 2 empty segments of doc.ar with matches of 80% or more "
        "(100: 1, 95-99: 1)"
    )


def test_concordance_pretranslate_analyze(tmp_path: Path, new_db: Any) -> None:
    db = _project(tmp_path, new_db)
    data = json.loads(run_cli("concordance", "الثورة", "--db", db, "--format", "json",
                              "--lang", "ar").stdout)
    assert [h["source"] for h in data["hits"]] == [
        "وبالثورة تغير كل شيء.", "قامت الثورة في روسيا عام 1917."
    ]
    assert data["hits"][0]["spans"] == [[0, 8]]
    table = run_cli("concordance", "revolution", "--db", db)
    assert table.exit_code == 0 and "revolution" in table.stdout
    analysis = json.loads(run_cli("analyze", "--db", db, "--format", "json").stdout)
    assert analysis["bands"]["95-99"]["segments"] == 1  # 1918 for 1917: substituted
    assert analysis["bands"]["no-match"]["segments"] == 1
    assert analysis["total"] == {"segments": 2, "words": 10, "characters": 45}
    rows = list(csv.reader(io.StringIO(run_cli("analyze", "--db", db, "--format",
                                               "csv").stdout)))
    assert rows[0] == ["band", "segments", "words", "characters"]
    assert [r[0] for r in rows[1:]] == [
        "101", "repetitions", "100", "95-99", "85-94", "75-84", "50-74", "no-match",
        "non-translatable", "total",
    ]
    result = run_cli("pretranslate", "--db", db)
    assert result.stdout.strip() == (
        "pre-translated 0 of 2 empty segments of doc.ar with matches of 100% or more"
    )
    result = run_cli("pretranslate", "--db", db, "--min", "80")
    filled, change = result.stdout.strip().splitlines()
    assert filled == (
        "pre-translated 1 of 2 empty segments of doc.ar with matches of 80% or more (95-99: 1)"
    )
    assert re.fullmatch(r"change (\d+): undo it with `workbench undo --change \1`", change)
    history = json.loads(run_cli("history", "1", "--db", db, "--format", "json").stdout)
    assert history[-1]["action"] == "pretranslate"
    stats = json.loads(run_cli("stats", "--db", db, "--format", "json").stdout)
    assert stats["by_status"]["draft"] == 1
    # the number was replaced: the TM says 1917, the document 1918
    assert "1918" in json.loads(
        run_cli("history", "1", "--db", db, "--format", "json").stdout
    )[-1]["new_text"]


def test_pretranslate_and_analyze_segments_without_letters(tmp_path: Path, new_db: Any) -> None:
    """Page numbers, figures and separators need no memory: pretranslate converts them, the
    analysis counts them apart."""
    db = str(new_db)
    (tmp_path / "numbers.ar.txt").write_text(
        "٢٠١٩\n\n* * *\n\nعقد المؤتمر في القاهرة.\n\n٥٠٪\n", encoding="utf-8"
    )
    assert run_cli("import", str(tmp_path / "numbers.ar.txt"), "--db", db).exit_code == 0
    analysis = json.loads(run_cli("analyze", "--db", db, "--format", "json").stdout)
    assert analysis["bands"]["non-translatable"] == {"segments": 3, "words": 2, "characters": 10}
    assert analysis["bands"]["no-match"]["segments"] == 1
    result = run_cli("pretranslate", "--db", db)
    filled, _ = result.stdout.strip().splitlines()
    assert filled == (
        "pre-translated 3 of 4 empty segments of numbers.ar with matches of 100% or more "
        "(non-translatable: 3)"
    )
    out = tmp_path / "out.csv"
    assert run_cli("export", "--format", "csv", "--db", db, "--output", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["english"] for r in rows] == ["2019", "* * *", "", "50%"]


def test_the_analysis_table_cuts_no_band_or_figure_in_a_narrow_terminal() -> None:
    """In 40 columns the table showed 'non-tr…', 'no-mat…' and 'charac…' (rich's ellipsis);
    folded, every band and figure is there whole."""
    from rich.console import Console

    from workbench.cli.tm import _analysis_table
    from workbench.tm.results import ANALYSIS_BANDS

    rows = [(band, {"segments": 12345, "words": 1234567, "characters": 12345678})
            for band in ANALYSIS_BANDS]
    buffer = io.StringIO()
    _analysis_table(["a long document name"], rows, Console(file=buffer, width=40,
                                                              color_system=None))
    text = buffer.getvalue()
    assert "…" not in text
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines()
             if line.startswith("│")]
    # a folded cell goes on over the next line
    rows_shown: list[list[str]] = []
    for row in cells:
        if row[1]:
            rows_shown.append(row)
        else:
            rows_shown[-1] = [a + b for a, b in zip(rows_shown[-1], row, strict=True)]
    assert [r[0] for r in rows_shown] == list(ANALYSIS_BANDS)
    assert {(r[1], r[2], r[3]) for r in rows_shown} == {("12345", "1234567", "12345678")}


def test_tm_list_cuts_no_path_or_date_in_an_80_column_terminal() -> None:
    """At 80 columns `tm list` showed the file a memory came from as '/tmp/notext-3/cl…' and
    its date as '2026-12-06T18:08…'; folded, both are there whole."""
    from rich.console import Console

    from workbench.cli.tm import _memories_table
    from workbench.project.memory import MemoryInfo

    path = "/srv/clients/2024/ministry-of-health/memories/health-memory-2024.tsv"
    memories = [MemoryInfo("Ministry of Health 2024", "external", 120, path,
                           "2024-03-01T10:30:00.000+00:00")]
    buffer = io.StringIO()
    _memories_table(memories, Console(file=buffer, width=80, color_system=None))
    text = buffer.getvalue()
    assert "…" not in text
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines()
             if line.startswith("│")]
    assert "".join(row[3] for row in cells) == path
    assert "".join(row[4] for row in cells) == "2024-03-01T10:30:00"


def test_tm_lookup_table_cuts_no_origin_in_a_narrow_terminal() -> None:
    from rich.console import Console

    from workbench.cli.tm import _match_table
    from workbench.tm.diff import DiffOp
    from workbench.tm.results import TmMatch

    source = "قامت الثورة في روسيا عام 1917."
    origin = "ministry-of-health-memory-2024"
    match = TmMatch(100, source, "The revolution broke out in Russia in 1917.", origin,
                    origin, 1, (DiffOp("equal", source, source),))
    buffer = io.StringIO()
    Console(file=buffer, width=60, color_system=None).print(_match_table(source, [match]))
    text = buffer.getvalue()
    assert "…" not in text
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines()
             if line.startswith("│")]
    assert "".join(row[1] for row in cells) == origin
