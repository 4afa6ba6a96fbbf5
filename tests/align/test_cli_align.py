"""``workbench align AR_FILE EN_FILE [--presegmented] [--format json|tsv]``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.align import _docs
from tests.conftest import run_cli

NTREX = _docs("ntrex128")


def write(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_presegmented_json(tmp_path: Path) -> None:
    ar, en = NTREX[1]
    en_merged = [*en[:3], en[3] + " " + en[4], *en[5:]]
    result = run_cli("align", write(tmp_path / "ar.txt", ar),
                     write(tmp_path / "en.txt", en_merged), "--presegmented", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"links", "confidence"}
    assert data["links"][:5] == [[[0], [0]], [[1], [1]], [[2], [2]], [[3, 4], [3]], [[5], [4]]]
    assert len(data["confidence"]) == len(data["links"])
    assert all(0 <= c <= 1 for c in data["confidence"])
    assert [a for link in data["links"] for a in link[0]] == list(range(len(ar)))
    assert [e for link in data["links"] for e in link[1]] == list(range(len(en_merged)))


def test_presegmented_blank_lines_are_no_segments_and_indices_stay_line_numbers(
    tmp_path: Path,
) -> None:
    """Blank lines (between paragraphs, at the end) are in no link; every other line keeps
    its own line number as its index."""
    ar, en = NTREX[2]
    ar_file = write(tmp_path / "ar.txt", [*ar[:4], "", *ar[4:8], "", ""])
    en_file = write(tmp_path / "en.txt", [*en[:8]])
    result = run_cli("align", ar_file, en_file, "--presegmented")
    assert result.exit_code == 0, result.stderr
    links = json.loads(result.stdout)["links"]
    assert links == [[[k], [k]] for k in range(4)] + [[[k + 1], [k]] for k in range(4, 8)]


def test_presegmented_lines_of_other_kinds_are_warned(tmp_path: Path) -> None:
    """One file a paragraph a line, the other a sentence a line: the warning says so."""
    ar, en = NTREX[2]
    ar_file = write(tmp_path / "ar.txt", [" ".join(ar[:10]), " ".join(ar[10:20])])
    en_file = write(tmp_path / "en.txt", en[:20])
    result = run_cli("align", ar_file, en_file, "--presegmented")
    assert result.exit_code == 0, result.stderr
    assert "has 2 lines and" in result.stderr and "a sentence a line?" in result.stderr


def test_plain_text_is_segmented_and_the_sentences_are_given(tmp_path: Path) -> None:
    ar, en = NTREX[2]
    ar_file = write(tmp_path / "ar.txt", [" ".join(ar[1:6]), " ".join(ar[6:10])])
    en_file = write(tmp_path / "en.txt", [" ".join(en[1:6]), " ".join(en[6:10])])
    data = json.loads(run_cli("align", ar_file, en_file).stdout)
    assert set(data) == {"links", "confidence", "ar", "en"}
    assert len(data["ar"]) >= 9 and len(data["en"]) >= 9
    assert [a for link in data["links"] for a in link[0]] == list(range(len(data["ar"])))
    assert min(data["confidence"]) > 0.5


def test_tsv_output(tmp_path: Path) -> None:
    ar, en = NTREX[0]
    result = run_cli("align", write(tmp_path / "a.txt", ar[:6]), write(tmp_path / "e.txt", en[:6]),
                     "--presegmented", "--format", "tsv")
    rows = result.stdout.splitlines()
    assert rows[0] == "ar\ten\tconfidence\tarabic\tenglish"
    assert rows[1].split("\t")[:2] == ["0", "0"]
    assert rows[1].split("\t")[3] == ar[0] and rows[1].split("\t")[4] == en[0]
    assert len(rows) == 7


def test_unrelated_files_warn_on_stderr_with_low_confidence(tmp_path: Path) -> None:
    ar = [a for x, _ in NTREX for a in x][:120]
    en = [e for _, x in _docs("tico19") for e in x][:120]
    result = run_cli("align", write(tmp_path / "a.txt", ar), write(tmp_path / "e.txt", en),
                     "--presegmented")
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: the two texts do not look like")
    confidence = sorted(json.loads(result.stdout)["confidence"])
    assert confidence[len(confidence) // 2] < 0.35


def test_bad_input_files_are_named(tmp_path: Path) -> None:
    good = write(tmp_path / "ok.txt", ["جملة."])
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x00\x00")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    for args in ((str(binary), good), (good, str(empty)), (good, str(tmp_path / "none.txt"))):
        result = run_cli("align", *args)
        assert result.exit_code == 2
        bad = args[0] if args[0] != good else args[1]
        assert bad in result.stderr and result.stderr.count("\n") == 1


def test_glossary_option(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text("انتفاضة\tinsurrection\n", encoding="utf-8")
    result = run_cli("align", write(tmp_path / "a.txt", ["قرروا الانتفاضة.", "ثم ناموا."]),
                     write(tmp_path / "e.txt", ["They chose insurrection.", "Then slept."]),
                     "--presegmented", "--glossary", str(glossary))
    assert json.loads(result.stdout)["links"] == [[[0], [0]], [[1], [1]]]


def test_tsv_output_is_written_at_once_and_the_exit_skips_its_collections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The TSV goes out in one write (a flushed echo a line cost 40 ms at 5,000 links), the
    same rows; the command leaves its objects to the exit uncollected (see
    ``collector.uncollected_at_exit``)."""
    import click

    import workbench.collector

    ar, en = NTREX[0]
    args = ("align", write(tmp_path / "a.txt", ar[:8]), write(tmp_path / "e.txt", en[:8]),
            "--presegmented", "--format", "tsv")
    echoed: list[str] = []
    real_echo = click.echo

    def echo(message: str | None = None, **kwargs: object) -> None:
        if not kwargs.get("err"):
            echoed.append(str(message))
        real_echo(message, **kwargs)  # type: ignore[arg-type]

    asked: list[bool] = []
    monkeypatch.setattr(click, "echo", echo)
    monkeypatch.setattr(workbench.collector, "uncollected_at_exit", lambda: asked.append(True))
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    assert len(echoed) == 1 and asked == [True]
    rows = result.stdout.splitlines()
    assert rows[0] == "ar\ten\tconfidence\tarabic\tenglish" and len(rows) == 9
    assert [r.split("\t")[3] for r in rows[1:]] == ar[:8]


def test_a_tsv_cell_has_single_spaces_only() -> None:
    """A cell's whitespace is one space a run, none at its ends, whatever the whitespace
    (tabs, line breaks, no-break and other Unicode spaces, marks beside them)."""
    import random

    from workbench.cli.text import _cell

    spaces = [" ", "\t", "\n", "\r", "\x0b", "\x1c", "\x85", "\u00a0", "\u2003", "\u2028",
              "\u3000", "\u200f"]
    rng = random.Random(3)
    for _ in range(20_000):
        text = "".join(rng.choice([*spaces, "a", "ب", "."]) for _ in range(rng.randrange(9)))
        assert _cell(text) == " ".join(text.split()), repr(text)
    assert [c for c in map(chr, range(0x110000)) if c != " " and c.isspace() and c.isprintable()
            ] == []  # what _cell's quick way relies on


def test_the_align_command_loads_no_segmenter_dictionary_or_glossary_to_start() -> None:
    """Importing the command and the aligner (a fresh interpreter) loads neither the
    segmenter (only without --presegmented), the dictionary lookup (only with a dictionary
    or the basic vocabulary) nor the glossary (only with --glossary): their imports were a
    fortieth of a 5,000-line alignment's command."""
    import subprocess
    import sys

    lazy = ("workbench.text.segment", "workbench.dictionary.lookup", "workbench.glossary.model",
            "workbench.glossary.morphology")
    code = ("import sys, workbench.cli.text, workbench.align\n"
            f"print([m for m in {lazy!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("given", [None, "3"])
def test_the_align_command_starts_openblas_on_one_thread_unless_told(
    tmp_path: Path, given: str | None,
) -> None:
    """In a process of its own (NumPy not loaded yet) the command sets
    OPENBLAS_NUM_THREADS=1 before NumPy loads (its threads cost 70 ms of CPU to start); a
    value the user gives is kept."""
    import os
    import subprocess
    import sys

    ar, en = NTREX[0]
    args = [write(tmp_path / "a.txt", ar[:4]), write(tmp_path / "e.txt", en[:4]), "--presegmented"]
    code = ("import os, sys\nfrom workbench.cli import main\n"
            f"main(['align', *{args!r}], standalone_mode=False)\n"
            "print(os.environ.get('OPENBLAS_NUM_THREADS'), file=sys.stderr)")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given:
        env["OPENBLAS_NUM_THREADS"] = given
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120, env=env)
    assert out.stderr.strip().splitlines()[-1] == (given or "1")


def test_the_align_command_loads_neither_numpy_ma_nor_a_thread_pool(tmp_path: Path) -> None:
    """An alignment's medians are taken without ``np.median`` (which imports numpy.ma on its
    first call) and its threads started without ``concurrent.futures`` (which imports
    logging): 15–30 ms of the command's start, in a process of its own."""
    import subprocess
    import sys

    ar, en = NTREX[0]
    args = [write(tmp_path / "a.txt", ar[:40]), write(tmp_path / "e.txt", en[:40]),
            "--presegmented", "--format", "tsv"]
    code = ("import sys\nfrom workbench.cli import main\n"
            f"main(['align', *{args!r}], standalone_mode=False)\n"
            "print([m for m in ('numpy.ma', 'concurrent.futures', 'logging') if m in sys.modules],"
            " file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stderr.strip().splitlines()[-1] == "[]"


def test_the_align_command_reads_text_files_without_the_document_model(tmp_path: Path) -> None:
    """Plain text files are known as such by their endings alone: the filters' document model
    (its data classes, the tag matching and difflib: 6 ms of the command's start) is not
    loaded; a DOCX would load it."""
    import subprocess
    import sys

    ar, en = NTREX[0]
    args = [write(tmp_path / "a.txt", ar[:20]), write(tmp_path / "e.txt", en[:20]),
            "--presegmented", "--format", "tsv"]
    code = ("import sys\nfrom workbench.cli import main\n"
            f"main(['align', *{args!r}], standalone_mode=False)\n"
            "print('workbench.filters.model' in sys.modules, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stderr.strip().splitlines()[-1] == "False"


def test_the_command_runs_without_cyclic_collections_and_turns_them_on_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """From its imports to its output the command does not collect (the aligner pauses the
    collector; after it, the output's lists made it walk what the alignment left alive, again
    and again); the collector is on again once it is done."""
    import gc

    import click

    from workbench.cli import text

    seen: list[bool] = []
    echo = click.echo
    monkeypatch.setattr(text.click, "echo", lambda *a, **k: (seen.append(gc.isenabled()),
                                                              echo(*a, **k))[1])
    ar, en = NTREX[1]
    assert gc.isenabled()
    result = run_cli("align", write(tmp_path / "ar.txt", ar[:6]),
                     write(tmp_path / "en.txt", en[:6]), "--presegmented", "--format", "tsv")
    assert result.exit_code == 0, result.stderr
    assert seen and not any(seen)
    assert gc.isenabled()
