"""glibc's allocator keeps freed large arrays' memory for the next ones (workbench.allocator)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

GLIBC = (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc") \
    if "CS_GNU_LIBC_VERSION" in os.confstr_names else False

# Arrays of 8 to 31 MB made and dropped in turn: the page faults after the largest.
SCRIPT = """
import json, resource, sys
import numpy as np
from workbench.allocator import keep_large_blocks
on = keep_large_blocks() if sys.argv[1] == "on" else False
a = np.ones(3_900_000); del a
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for size in (1_000_000, 3_000_000, 1_500_000, 3_500_000, 2_000_000, 3_800_000):
    a = np.ones(size); del a
print(json.dumps({"on": on, "faults": resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before}))
"""


def _faults(mode: str, env: dict[str, str] | None = None) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True,
                         check=True, env=env)
    return json.loads(out.stdout)


@pytest.mark.skipif(not GLIBC, reason="glibc's allocator only")
def test_freed_large_arrays_are_reused_without_new_pages() -> None:
    kept, default = _faults("on"), _faults("off")
    assert kept["on"] is True and default["on"] is False
    assert int(kept["faults"]) < 200 and int(default["faults"]) > 1000  # 4 KiB pages


@pytest.mark.skipif(not GLIBC, reason="glibc's allocator only")
def test_an_allocator_the_user_tunes_is_left_alone() -> None:
    env = {**os.environ, "GLIBC_TUNABLES": "glibc.malloc.trim_threshold=1000000"}
    assert _faults("on", env)["on"] is False


# A thread's arrays after the main thread freed as large ones: the page faults they take.
THREAD_SCRIPT = """
import json, resource, sys, threading
import numpy as np
from workbench.allocator import keep_large_blocks
on = keep_large_blocks() if sys.argv[1] == "on" else False
a = np.ones(3_000_000); del a
faults = []
def work():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for size in (2_000_000, 3_000_000, 2_500_000):
        a = np.ones(size); del a
    faults.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
t = threading.Thread(target=work); t.start(); t.join()
print(json.dumps({"on": on, "faults": faults[0]}))
"""


@pytest.mark.skipif(not GLIBC, reason="glibc's allocator only")
def test_a_threads_arrays_reuse_what_the_main_thread_freed() -> None:
    """One arena: a worker thread's arrays take the main heap's freed blocks, not fresh
    pages of a heap of its own."""
    def faults(mode: str) -> int:
        out = subprocess.run([sys.executable, "-c", THREAD_SCRIPT, mode], capture_output=True,
                             text=True, check=True)
        return int(json.loads(out.stdout)["faults"])

    assert faults("on") < 200 and faults("off") > 1000  # 4 KiB pages
