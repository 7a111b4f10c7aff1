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


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_glibc_takes_the_setting_once_and_mimalloc_is_asked_before_pyarrow_loads() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["False", "True", "True", "-1"]


def test_importing_the_library_changes_nothing() -> None:
    code = "import os, mechanisms.io.columns, mechanisms.io.column_checks; print(os.environ.get('MIMALLOC_PURGE_DELAY'))"
    env = {k: v for k, v in os.environ.items() if k != "MIMALLOC_PURGE_DELAY"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60, env=env)
    assert out.stdout.strip() == "None"
