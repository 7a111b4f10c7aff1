"""Writes that never leave a half-written file and never replace one unless asked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from ..errors import OverwriteError


def check_writable(path: Path, overwrite: bool) -> None:
    if path.exists() and not overwrite:
        raise OverwriteError(f"{path} exists; not replacing it (pass overwrite=True / --force to replace)")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: Path | str, *, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it is renamed over ``path`` in one step."""
    path = Path(path)
    check_writable(path, overwrite)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    # mkstemp makes the file private; give it the mode a plain open() would (or the old file's).
    os.chmod(tmp_path, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
    try:
        yield tmp_path
        if not overwrite and path.exists():
            # Someone created the file while we wrote: keep theirs.
            check_writable(path, overwrite)
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_text(path: Path | str, text: str, *, overwrite: bool = False, encoding: str = "utf-8") -> None:
    with atomic_path(path, overwrite=overwrite) as tmp:
        tmp.write_text(text, encoding=encoding, newline="")


def write_with(path: Path | str, writer: Callable[[IO[str]], None], *, overwrite: bool = False,
               encoding: str = "utf-8") -> None:
    with atomic_path(path, overwrite=overwrite) as tmp, tmp.open("w", encoding=encoding, newline="") as fh:
        writer(fh)
