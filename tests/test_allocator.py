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
from workbench.allocator import LARGE_TEXT, keep_large_blocks, map_large_blocks
mode = sys.argv[1]  # on, off; large, small: a long text's alignment or a short one's
on = (keep_large_blocks() if mode == "on" else False if mode == "off" else
      map_large_blocks(LARGE_TEXT if mode == "large" else 5_000))
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


# Arrays freed below one still held (the heap's top not free): the memory the process keeps
# after them, and after release_free.
RELEASE_SCRIPT = """
import json, sys
import numpy as np
from workbench.allocator import keep_large_blocks, release_free
keep_large_blocks()
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 >> 20
arrays = [np.ones(2_500_000) for _ in range(8)]  # 20 MB each: in the heap, not mapped apart
held = np.ones(2_500_000)
before = rss()
del arrays
kept = rss()
done = release_free() if sys.argv[1] == "on" else False
print(json.dumps({"done": done, "kept": kept - before, "freed": before - rss()}))
"""


@pytest.mark.skipif(not GLIBC or not os.path.exists("/proc/self/statm"),
                    reason="glibc's allocator and /proc only")
def test_release_free_gives_freed_array_memory_back() -> None:
    def run(mode: str) -> dict[str, int]:
        out = subprocess.run([sys.executable, "-c", RELEASE_SCRIPT, mode], capture_output=True,
                             text=True, check=True)
        return json.loads(out.stdout)

    released, kept = run("on"), run("off")
    assert released["done"] and released["freed"] > 120  # of the 160 MB freed
    assert kept["kept"] > -40 and kept["freed"] < 40  # without it, the process keeps them



@pytest.mark.skipif(not GLIBC, reason="glibc's allocator only")
def test_a_long_texts_large_arrays_are_given_back_when_freed() -> None:
    """The same arrays for a long text's alignment (map_large_blocks): each gets pages of its
    own, given back when freed, so they fault in anew each time (the heap's holes did not)."""
    large, small = _faults("large"), _faults("small")
    assert large["on"] is True and small["on"] is True
    assert int(large["faults"]) > 1000 and int(small["faults"]) < 200  # 4 KiB pages
