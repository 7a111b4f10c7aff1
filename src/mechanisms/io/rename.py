"""Renames that refuse to replace, and swaps of two paths, each one system call where the kernel has it.

Why: "does it exist? then rename" races with anyone creating the path in between. Linux's
``renameat2`` does both in one step (``RENAME_NOREPLACE``), and swaps two paths in one step
(``RENAME_EXCHANGE``), so a folder is replaced whole or not at all. Where the call or the file system
lacks it, the fallbacks keep the one promise that matters: nothing of someone else's is ever replaced.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
from pathlib import Path

_AT_FDCWD = -100
_RENAME_NOREPLACE = 1
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


def _renameat2() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # not glibc ≥ 2.28 / not Linux
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_RENAMEAT2 = _renameat2()


def _call(src: Path, dst: Path, flags: int) -> bool:
    """``renameat2``; False where the kernel or the file system does not support ``flags``."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(src), _AT_FDCWD, os.fsencode(dst), flags) == 0:
        return True
    err = ctypes.get_errno()
    if err in _UNSUPPORTED:
        return False
    raise OSError(err, os.strerror(err), str(dst))


def rename_noreplace(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst``; :class:`FileExistsError` if anything (even a dangling link) is at ``dst``."""
    if _call(src, dst, _RENAME_NOREPLACE):
        return
    if src.is_dir() and not src.is_symlink():
        os.mkdir(dst)  # reserves the name: fails if anything is there
        try:
            os.rename(src, dst)  # onto our empty folder; fails (ENOTEMPTY) if someone filled it meanwhile
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.rmdir(dst)
            if exc.errno in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR):
                raise FileExistsError(errno.EEXIST, "exists", str(dst)) from None
            raise
        return
    try:
        os.link(src, dst)  # a hard link refuses an existing name; then the temporary name goes
    except FileExistsError:
        raise
    except OSError:  # no hard links here (some network and FAT file systems): reserve the name, then replace it
        os.close(os.open(dst, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        os.replace(src, dst)
        return
    os.unlink(src)


def exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` in one step; False where that cannot be done (the caller then renames twice)."""
    return _call(a, b, _RENAME_EXCHANGE)
