"""Checks every input file passes before a reader touches its bytes, so hostile input is refused in bounded time.

A reader calls :func:`check_input` first: special files (``/dev/zero``, FIFOs, devices) and files larger than the
caller's cap are refused with a located :class:`~mechanisms.errors.DataError`, never read forever.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import DataError, DataProblem

MAX_INPUT_BYTES = 4 * 1024**3
"""The largest input file read at all (4 GiB); a province's Parquet is far below it."""


def check_input(path: Path | str, *, max_bytes: int = MAX_INPUT_BYTES) -> int:
    """The size of ``path`` once it is known to be a regular file no larger than ``max_bytes``."""
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise DataError([DataProblem(str(p), None, None, "文件不存在", "no such file")]) from None
    except OSError as exc:
        raise DataError([DataProblem(str(p), None, None, f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}")]) from None
    if not stat.S_ISREG(st.st_mode):
        raise DataError([DataProblem(str(p), None, None, "不是普通文件（设备、管道或套接字不能作为数据读取）",
                                     "not a regular file (a device, pipe or socket cannot be read as data)")])
    if st.st_size > max_bytes:
        raise DataError([DataProblem(str(p), None, None,
                                     f"文件过大：{st.st_size:,} 字节，上限 {max_bytes:,} 字节",
                                     f"file too large: {st.st_size:,} bytes, the limit is {max_bytes:,}")])
    return st.st_size
