"""Freed memory kept for reuse in a command-line process that reads a big county.

Why: the data layer works on whole columns, and each step makes and frees arrays of the table's size (80 MB
per column of a ten-million-household province). glibc returns every block over its mmap threshold (32 MB at
most, by default) to the system when it is freed, so the next array of that size is fresh memory, and each of
its pages is a fault when first written. On a virtual machine a fault is dear: coverage of a 10M-household
province spent more time in faults (15 s of system time, 400,000 faults) than in its work (12 s). With the
threshold raised and the heap not trimmed, freed arrays are handed out again: a third of the faults and of the
system time. Arrow's allocator (mimalloc) is asked the same through its environment, before pyarrow is first
imported (it reads its options once).

numpy is asked not to advise huge pages for its arrays (``NUMPY_MADVISE_HUGEPAGE=0``, unless the user set it). With
the kernel's usual ``defrag=madvise``, every fault in an advised array may stall to compact memory into a 2 MB
page: ``coverage --format json`` of a 1M-household county took 1.73-2.19 s with the advice (0.57-0.81 s of it
system time) and 1.47-1.71 s without (0.24-0.36 s), six runs of each taken in turns.

This changes how the *process* allocates, so only the command line calls it (see ``cli/context.py``,
``compact_for``, and ``validate``); a library user's process is left alone, as a long-running one may want its
memory back. The price: the process holds its peak memory until it exits (a command exits right after).
"""

from __future__ import annotations

import ctypes
import os
import sys

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 1 << 30
"""Blocks up to 1 GiB come from the heap (and go back to it), not fresh from the system."""
TRIM_THRESHOLD = (1 << 31) - 1
"""The heap's free top is given back only past 2 GiB."""

_done = False


def keep_freed_memory() -> bool:
    """Ask glibc (and Arrow's mimalloc, if pyarrow is not loaded yet) to reuse freed memory; once per process.

    Returns whether glibc took the setting (False elsewhere: musl, macOS, Windows — nothing changes there)."""
    global _done
    if _done:
        return True
    _done = True
    if "pyarrow" not in sys.modules:
        os.environ.setdefault("MIMALLOC_PURGE_DELAY", "-1")  # mimalloc: never hand freed pages back early
    if "NUMPY_MADVISE_HUGEPAGE" not in os.environ:
        os.environ["NUMPY_MADVISE_HUGEPAGE"] = "0"  # read when numpy is imported; if it is already, the same switch:
        multiarray = getattr(getattr(sys.modules.get("numpy"), "_core", None), "multiarray", None)
        advise = getattr(multiarray, "_set_madvise_hugepage", None)
        if advise is not None:
            advise(False)
    if not sys.platform.startswith("linux"):
        return False
    try:
        # the process's own symbols, libc's among them: ctypes.util.find_library would import subprocess,
        # tempfile and shutil (9 ms of every command) and may run ldconfig
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
