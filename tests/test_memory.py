"""The command line's process keeps freed memory for reuse (io/memory.py); a library user's process is left alone."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CODE = """
import os, sys
from mechanisms.io.memory import keep_freed_memory
before = "pyarrow" in sys.modules
print(before, keep_freed_memory(), keep_freed_memory(), os.environ.get("MIMALLOC_PURGE_DELAY"))
import pyarrow
"""

HUGEPAGES = """
import sys
if sys.argv[1] == "before":
    import numpy
from mechanisms.io.memory import keep_freed_memory
keep_freed_memory()
import numpy
print(numpy._core.multiarray._set_madvise_hugepage(True))  # the setting it replaces: what was in force
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_glibc_takes_the_setting_once_and_mimalloc_is_asked_before_pyarrow_loads() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["False", "True", "True", "-1"]


@pytest.mark.parametrize("numpy_first", ["before", "after"])
def test_numpy_advises_no_huge_pages_unless_the_user_says(numpy_first: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NUMPY_MADVISE_HUGEPAGE"}
    run = [sys.executable, "-c", HUGEPAGES, numpy_first]
    assert subprocess.run(run, capture_output=True, text=True, check=True, timeout=60, env=env).stdout.strip() == "False"
    mine = subprocess.run(run, capture_output=True, text=True, check=True, timeout=60,
                          env={**env, "NUMPY_MADVISE_HUGEPAGE": "1"}).stdout.strip()
    assert mine == "True"  # the user's own setting stands


def test_importing_the_library_changes_nothing() -> None:
    code = ("import os, mechanisms.io.columns, mechanisms.io.column_checks\n"
            "print(os.environ.get('MIMALLOC_PURGE_DELAY'), os.environ.get('NUMPY_MADVISE_HUGEPAGE'))")
    env = {k: v for k, v in os.environ.items() if k not in ("MIMALLOC_PURGE_DELAY", "NUMPY_MADVISE_HUGEPAGE")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60, env=env)
    assert out.stdout.strip() == "None None"
