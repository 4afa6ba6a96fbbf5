"""glibc's allocator set to keep the memory of large arrays for reuse (numpy's temporaries).

By default glibc gives each array from 128 KiB up pages of its own (mmap) and returns
memory above the top of its heap beyond 128 KiB; it raises both thresholds only as large
blocks are freed (to at most 32 MiB and 64 MiB). Work that makes and drops many large
arrays in turn (an alignment) meanwhile has the system hand out fresh zeroed pages again
and again: at 5,000 sentences 50,000 page faults, a tenth of the alignment's CPU time in
the kernel. Set to those ceilings from the start, the freed pages are used again (19,000
faults), and no more memory is kept at the peak (memory beyond 64 MiB free at the top of
the heap is still returned). Nothing is computed differently.

Threads share the main heap (one arena): the arrays a worker thread makes (a coverage table,
the forward sums, the finished alignment's) reuse the blocks the main thread freed instead of
growing a heap of the thread's own, which the trim threshold then keeps (the scale set's
alignment, peak: 5,000 sentences 130 -> 115 MB, 10,000 189 -> 169 MB).

Only where the C library is glibc, and not when the user tunes its allocator
(``GLIBC_TUNABLES`` or ``MALLOC_*`` in the environment).
"""

from __future__ import annotations

import ctypes
import os
from typing import Any

M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
MMAP_THRESHOLD = 32 << 20  # glibc's ceilings for its own thresholds on 64-bit systems
TRIM_THRESHOLD = 64 << 20

_done = False


def keep_large_blocks() -> bool:
    """Set glibc's thresholds to their ceilings, once a process; whether they are set."""
    global _done
    if _done:
        return True
    try:
        glibc = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (ValueError, OSError):  # not a glibc system
        glibc = ""
    if not glibc.startswith("glibc"):
        return False
    if "malloc" in os.environ.get("GLIBC_TUNABLES", "") or any(
        name.startswith("MALLOC_") for name in os.environ
    ):
        return False
    mallopt = _mallopt()
    if mallopt is None:  # pragma: no cover - glibc has it
        return False
    _done = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)) and bool(mallopt(M_ARENA_MAX, 1))
    return _done


LARGE_TEXT = 30_000
"""Sentences a side from which an alignment has large blocks mapped (:func:`map_large_blocks`)."""
MAPPED_FROM = 1 << 20


def map_large_blocks(sentences: int) -> bool:
    """Before aligning a text of ``sentences`` a side (sets :func:`keep_large_blocks`' too):
    from ``LARGE_TEXT`` on, every block of ``MAPPED_FROM`` up gets pages of its own, given back
    when it is freed; below, the heap keeps them. Kept in the heap, the freed blocks of a
    100,000-sentence import with FreeDict left holes that the next ones did not fill in the
    same order every run: its peak was 924-972 MB from run to run (1,092 sampled), 903-904 MB
    mapped, for 8-15 % more time (what the heap saves at 5,000 sentences). Whether it set
    them."""
    mallopt = _mallopt() if keep_large_blocks() else None
    return mallopt is not None and bool(mallopt(
        M_MMAP_THRESHOLD, MAPPED_FROM if sentences >= LARGE_TEXT else MMAP_THRESHOLD))


def _mallopt() -> Any:
    """glibc's ``mallopt(param, value)``, or None."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return None
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt


def release_free() -> bool:
    """Give the pages of the memory glibc holds free back to the system (``malloc_trim``):
    freed arrays' memory below the top of its heap is kept for its own reuse, which Python's
    objects (allocated apart, in arenas of their own) cannot use. Whether it did."""
    if not keep_large_blocks():  # (not glibc, or tuned by the user: left alone)
        return False
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # pragma: no cover - glibc has it
        return False
    trim.argtypes = (ctypes.c_size_t,)
    trim.restype = ctypes.c_int
    return bool(trim(0))
