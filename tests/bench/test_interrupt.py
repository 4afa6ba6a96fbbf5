"""Ctrl+C during ``python -m bench``: one line and exit 130, the scratch folder removed once
the running module's process has ended (it went on writing there, and the folder stayed)."""

import subprocess
import sys
from pathlib import Path

import pytest

from bench import __main__ as runner
from bench import common


def test_an_interrupted_run_says_so_and_removes_its_scratch_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("BENCH_OUT", raising=False)
    monkeypatch.setattr(common, "WORK", tmp_path / "out")

    def interrupted(names: list[str], env: dict[str, str]) -> int:
        (Path(env["BENCH_OUT"]) / "store").mkdir()
        (Path(env["BENCH_OUT"]) / "store" / "big.db").write_text("half written")
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "_run", interrupted)
    try:
        code = runner.main(["store"])
    except KeyboardInterrupt:
        pytest.fail("Ctrl+C ended python -m bench with a traceback")
    assert code == 130
    assert capsys.readouterr().err == "bench: interrupted\n"
    assert not (tmp_path / "out").exists()


def test_an_interrupted_module_is_waited_for_while_it_cleans_up(tmp_path: Path) -> None:
    done = tmp_path / "closed"
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; time.sleep(0.3); open(sys.argv[1], 'w')",
         str(done)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    runner.stop(proc, grace=10)
    assert proc.returncode == 0 and done.exists()


def test_a_module_that_does_not_end_is_killed(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    runner.stop(proc, grace=0.2)
    assert proc.returncode is not None and proc.returncode < 0
