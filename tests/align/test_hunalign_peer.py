"""The bench's hunalign peer: its ladder read as links, and a run when hunalign is here."""

from pathlib import Path

import pytest

from bench import hunalign
from bench.align import hayy_set, strict_f1


def test_a_ladder_becomes_links_between_its_rungs() -> None:
    # rungs (0,0) (1,2) (1,3) (3,3): a 1–2 link, an English sentence alone, a 2–0 link, then
    # the last bead runs to the ends (3 Arabic, 4 English sentences)
    links = hunalign.ladder_links([(0, 0), (1, 2), (1, 3), (3, 3)], 3, 4)
    assert links == [([0], [0, 1]), ([], [2]), ([1, 2], []), ([], [3])]


def test_a_ladder_that_ends_at_the_ends_adds_no_empty_link() -> None:
    assert hunalign.ladder_links([(0, 0), (1, 1), (2, 2)], 2, 2) == [([0], [0]), ([1], [1])]


def test_a_missing_hunalign_is_one_row_saying_how_to_get_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hunalign, "command", lambda: None)
    (row,) = hunalign.missing_rows()
    assert "hunalign not here" in row.figure and "npm install --prefix bench/peers" in row.figure
    monkeypatch.setattr(hunalign, "command", lambda: (["hunalign"], "native"))
    assert hunalign.missing_rows() == []


@pytest.mark.skipif(hunalign.available() is None, reason="hunalign is not here")
def test_hunalign_aligns_hayy_and_reports_its_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BENCH_OUT", str(tmp_path))  # its files there, not in bench/out
    ar, en, gold = hayy_set()
    run = hunalign.align(ar, en, name="hunalign_test")
    assert (tmp_path / "hunalign_test" / "ar.txt").is_file()
    assert run is not None and run.seconds > 0
    assert [i for a, _ in run.links for i in a] == list(range(len(ar)))
    assert [j for _, e in run.links for j in e] == list(range(len(en)))
    assert 0.0 <= strict_f1(run.links, gold) < 0.5


def test_a_native_run_reports_its_own_peak_memory_not_the_bench_s(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a child's ru_maxrss counts the memory of the process that started it, and the bench read
    # the largest child so far: a small hunalign started by a large bench process (or after
    # our aligner's larger child) had the larger figure, or none at all
    ballast = bytearray(150_000_000)
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched: resident, not just reserved
    fake = tmp_path / "hunalign"
    fake.write_text("#!/bin/sh\nprintf '0\\t0\\t0.3\\n1\\t1\\t0.3\\n'\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(hunalign, "command", lambda: ([str(fake)], "native"))
    monkeypatch.setenv("BENCH_OUT", str(tmp_path))
    run = hunalign.align(["أ", "ب"], ["a", "b"], name="hunalign_fake")
    assert run is not None and run.links == [([0], [0]), ([1], [1])]
    assert run.peak_mb is not None and 0 < run.peak_mb < 100 < len(ballast) / 1e6
    assert run.cpu is not None and run.cpu >= 0 and run.seconds > 0


def test_a_failing_native_run_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    fake = tmp_path / "hunalign"
    fake.write_text("#!/bin/sh\necho 'data error' >&2\nexit 255\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(hunalign, "command", lambda: ([str(fake)], "native"))
    monkeypatch.setenv("BENCH_OUT", str(tmp_path))
    with pytest.raises(subprocess.CalledProcessError) as failed:
        hunalign.align(["أ"], ["a"], name="hunalign_fails")
    assert "data error" in failed.value.stderr
