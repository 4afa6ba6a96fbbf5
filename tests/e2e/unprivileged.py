"""Running a child process that file permissions apply to, even when the tests run as root.

Root ignores a file's or folder's write bits (capability CAP_DAC_OVERRIDE), so ``chmod`` alone
cannot make a project unwritable for it. A child started with ``preexec_fn=lose_override``
drops CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER from its capability bounding set
before it executes the command, so the command runs as root, reads everything root owns, but
is refused a write wherever the owner's write bit is off — as an ordinary user would be.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from collections.abc import Callable

import pytest

PR_CAPBSET_DROP = 24
CAPABILITIES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def lose_override() -> None:
    """In a child before exec: drop the capabilities that bypass file permissions."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in CAPABILITIES:
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def preexec() -> Callable[[], None] | None:
    """What a child needs so that permissions apply to it: None when not root; skips the test
    when root cannot drop the capabilities (no CAP_SETPCAP, not Linux)."""
    if os.geteuid() != 0:
        return None
    if not sys.platform.startswith("linux"):
        pytest.skip("dropping root's file-permission override needs Linux")
    probe = subprocess.run(
        ["sh", "-c", "grep CapEff /proc/self/status"], preexec_fn=_try_lose_override,
        capture_output=True, text=True, check=False,
    )
    if probe.returncode != 0:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here")
    return lose_override


def _try_lose_override() -> None:
    try:
        lose_override()
    except OSError:
        os._exit(3)
