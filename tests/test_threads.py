"""A call run beside the caller's work gives its value or its exception, and the block's end
waits for it."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from workbench.threads import beside

ROOT = Path(__file__).resolve().parent.parent


def test_the_value_comes_from_another_thread() -> None:
    def where(x: int) -> tuple[int, int]:
        return x * 2, threading.get_ident()

    with beside(where, 21) as job:
        value, ident = job.result()
    assert value == 42 and ident != threading.get_ident()


def test_its_exception_is_raised_by_result() -> None:
    def fails() -> None:
        raise ValueError("no")

    with beside(fails) as job, pytest.raises(ValueError, match="no"):
        job.result()


def test_the_block_waits_for_the_call_even_when_it_raises() -> None:
    done: list[bool] = []

    def slow() -> None:
        time.sleep(0.05)
        done.append(True)

    with pytest.raises(KeyError), beside(slow):
        raise KeyError("the block's own")
    assert done == [True]


STOPPED_IN_THE_WAIT = """
import os, signal, sys, threading, time
from workbench.threads import beside

def stop(signum, frame):
    raise SystemExit(128 + signum)

def slow():
    time.sleep(1.0)
    open(sys.argv[1], "w").write("finished")

signal.signal(signal.SIGTERM, stop)
threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGTERM)).start()
with beside(slow):
    pass
"""


def test_a_signal_in_the_wait_is_raised_once_the_call_has_returned(tmp_path: Path) -> None:
    """A command stopped by SIGTERM (or Ctrl+C) while the block's end waits leaves only once
    the thread's call has returned: a thread still in sentencepiece's training while the
    interpreter shut down aborted `workbench align` (exit code 134, "terminate called without
    an active exception") 2 and 5 times in 21 stops of hayy's alignment by SIGTERM and SIGINT."""
    finished = tmp_path / "finished"
    run = subprocess.run([sys.executable, "-c", STOPPED_IN_THE_WAIT, str(finished)],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 128 + signal.SIGTERM, run.stderr
    assert finished.read_text() == "finished"  # the call ran to its end before the exit
