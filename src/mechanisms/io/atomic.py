"""Writes that never leave a half-written file and never replace one unless asked.

A file is written under a temporary name beside its target and renamed into place in one step. Without
``overwrite`` the last step is a rename that refuses to replace (a hard link, or ``renameat2``), so two
writers racing for one name never clobber each other: the check and the replace are one system call,
not "does it exist? then replace". Anything at the name counts as existing, a dangling symlink too.
SIGINT and SIGTERM during the write remove the temporary file and leave the old one (see
:mod:`.interrupts`). A folder that cannot be written or a disk that is full is a one-line
:class:`~mechanisms.errors.WriteError`, found before the work where it can be (:func:`check_writable`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from ..errors import OverwriteError, WriteError
from .interrupts import held, interruptible
from .rename import rename_noreplace

_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘空间不足", "no space left on the disk"),
    errno.EDQUOT: ("超出磁盘配额", "disk quota exceeded"),
    errno.EFBIG: ("文件超过系统允许的大小", "file larger than the system allows"),
    errno.EACCES: ("没有写入权限", "permission denied"),
    errno.EPERM: ("没有写入权限", "operation not permitted"),
    errno.EROFS: ("文件系统只读", "read-only file system"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    errno.ENAMETOOLONG: ("路径过长", "path too long"),
}


def write_error(path: Path | str, exc: OSError) -> WriteError:
    """``exc`` as a one-line error naming the output, in both languages."""
    zh, en = _REASONS.get(exc.errno or 0, (exc.strerror or str(exc), exc.strerror or str(exc)))
    return WriteError(f"cannot write {path}: {en}; nothing was written", zh=f"无法写入 {path}：{zh}；未写入任何内容")


def exists_error(path: Path | str) -> OverwriteError:
    return OverwriteError(f"{path} exists; not replacing it (pass overwrite=True / --force to replace)",
                          zh=f"{path} 已存在，不替换它（要替换请加 --force）")


def exists(path: Path | str) -> bool:
    """Anything at ``path``: a file, a folder, or a symlink even when it points nowhere."""
    return os.path.lexists(path)


def probe_folder(folder: Path, output: Path | None = None) -> None:
    """Raise :class:`WriteError` (naming ``output``) unless a file can be made in ``folder`` or the nearest one above.

    A real probe (create, then remove, a temporary file), not ``os.access``: that says yes to root on a
    read-only file system. Signals wait while the probe file exists, so it is never left behind.
    """
    output = output if output is not None else folder
    here = folder
    while not exists(here) and here != here.parent:
        here = here.parent
    if exists(here) and not here.is_dir():
        raise write_error(output, OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)))
    with interruptible(), held():
        try:
            fd, name = tempfile.mkstemp(prefix=".mechanisms-probe.", suffix=".tmp", dir=here)
        except OSError as exc:
            raise write_error(output, exc) from None
        os.close(fd)
        os.unlink(name)


def check_writable(path: Path, overwrite: bool) -> None:
    """Refuse, before any work, a file output that exists (without ``overwrite``), is a folder, or cannot be written."""
    path = Path(path)
    if exists(path):
        if not overwrite:
            raise exists_error(path)
        if path.is_dir() and not path.is_symlink():
            raise OverwriteError(f"{path} is a folder; not replacing a folder with a file",
                                 zh=f"{path} 是文件夹，不会用文件替换文件夹")
    probe_folder(path.parent, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _commit_file(tmp: Path, path: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        rename_noreplace(tmp, path)
    except FileExistsError:
        raise exists_error(path) from None  # someone created it while we wrote: theirs stays


@contextlib.contextmanager
def atomic_path(path: Path | str, *, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it takes ``path``'s place in one step."""
    path = Path(path)
    check_writable(path, overwrite)
    with interruptible():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            raise write_error(path, exc) from None
        os.close(fd)
        tmp_path = Path(tmp)
        try:
            # mkstemp makes the file private; give it the mode a plain open() would (or the old file's).
            old = path.stat().st_mode & 0o777 if overwrite and path.is_file() else None
            os.chmod(tmp_path, old if old is not None else 0o666 & ~_umask())
            yield tmp_path
            with held():
                _commit_file(tmp_path, path, overwrite)
        except OSError as exc:
            raise write_error(path, exc) from None
        finally:
            with held():
                tmp_path.unlink(missing_ok=True)


def write_text(path: Path | str, text: str, *, overwrite: bool = False, encoding: str = "utf-8") -> None:
    with atomic_path(path, overwrite=overwrite) as tmp:
        tmp.write_text(text, encoding=encoding, newline="")


def write_with(path: Path | str, writer: Callable[[IO[str]], None], *, overwrite: bool = False,
               encoding: str = "utf-8") -> None:
    with atomic_path(path, overwrite=overwrite) as tmp, tmp.open("w", encoding=encoding, newline="") as fh:
        writer(fh)
