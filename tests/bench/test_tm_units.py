"""``BENCH_TM_UNITS`` that is no number: one line naming it, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_bad_unit_count_is_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import bench.tm"], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "BENCH_TM_UNITS": "abc"}, check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "bench tm: BENCH_TM_UNITS must be a whole number of units, not 'abc'")
