"""A folder of tables written whole: into a temporary sibling, then swapped in with one rename.

Why a folder, not file by file: a county's tables belong together. Replacing ``units.csv`` and then
``assignments.csv`` leaves, when interrupted between them, new units with old assignments; replacing the
tables written and keeping the others lets an old optional table (``visits.csv``, ``走访.csv``) attach
silently to the new units. So the new tables are written into ``.NAME.XXXX.tmp`` beside the target and
the finished folder takes the target's place in one step (``renameat2``: a rename that refuses to replace
for a new folder, an exchange for ``--force``); the old folder, swapped out, is then removed.

What may be replaced: a folder is ours to replace when it holds only tables (a file whose name is a
table's, English or Chinese, in a table format). Without ``overwrite`` a folder holding any table is
refused; an empty folder is filled. A folder holding anything else (a README, a subfolder, a workbook)
is never replaced, even with ``overwrite``: its other files would go with it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import OverwriteError
from .atomic import _umask, exists, exists_error, probe_folder, write_error
from .interrupts import held, interruptible
from .rename import exchange, rename_noreplace

TABLE_SUFFIXES = (".csv", ".parquet")


def is_table_file(path: Path) -> bool:
    """A file a county folder reader would take for a table: a table's name (English or Chinese), a table format."""
    from .tables import table_for_name

    return path.suffix.lower() in TABLE_SUFFIXES and not path.name.startswith(".") \
        and table_for_name(path.stem) is not None and (path.is_file() or path.is_symlink())


def _contents(folder: Path, is_table: Callable[[Path], bool]) -> tuple[list[str], list[str]]:
    """The folder's tables and its other entries, by name."""
    tables: list[str] = []
    other: list[str] = []
    for entry in sorted(os.listdir(folder)):
        (tables if is_table(folder / entry) else other).append(entry)
    return tables, other


def _foreign(dest: Path, other: list[str]) -> OverwriteError:
    shown = ", ".join(other[:5]) + (f" … (+{len(other) - 5})" if len(other) > 5 else "")
    return OverwriteError(f"{dest} holds files that are not tables ({shown}); not replacing the folder, even with "
                          "--force (write to a new folder, or move them out)",
                          zh=f"{dest} 中有不是数据表的文件（{shown}）；即使加 --force 也不替换该文件夹"
                             "（请写到新文件夹，或先移走这些文件）")


def check_folder(dest: Path, overwrite: bool, is_table: Callable[[Path], bool] = is_table_file) -> None:
    """Refuse, before any work, a folder output that cannot or must not be replaced; see the module doc."""
    dest = Path(dest)
    if exists(dest):
        if dest.is_symlink():  # a link, dangling or not, is something there: replaced (the link only) on overwrite
            if not overwrite:
                raise exists_error(dest)
        elif not dest.is_dir():
            raise OverwriteError(f"{dest} is a file, not a folder; not replacing it",
                                 zh=f"{dest} 是文件，不是文件夹；不替换它")
        else:
            tables, other = _contents(dest, is_table)
            if other:
                raise _foreign(dest, other)
            if tables and not overwrite:
                shown = ", ".join(tables[:5]) + (" …" if len(tables) > 5 else "")
                raise OverwriteError(f"{dest} holds tables ({shown}); not replacing them (pass overwrite=True / "
                                     "--force to replace the whole folder)",
                                     zh=f"{dest} 中已有数据表（{shown}）；不替换（要整个替换请加 --force）")
    probe_folder(dest.parent, dest)


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _swap_in(tmp: Path, dest: Path, overwrite: bool, is_table: Callable[[Path], bool]) -> None:
    """Put the finished ``tmp`` at ``dest``; the old folder (if any) ends up at ``tmp`` for removal."""
    if not exists(dest):
        try:
            rename_noreplace(tmp, dest)
        except FileExistsError:
            raise exists_error(dest) from None  # created while we wrote: theirs stays
        return
    check_folder(dest, overwrite, is_table)  # again, at the last moment: someone may have added to it
    if dest.is_dir() and not dest.is_symlink() and not overwrite:
        try:
            os.rename(tmp, dest)  # onto an empty folder only: the kernel refuses (ENOTEMPTY) one filled meanwhile
        except OSError as exc:
            if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
                raise exists_error(dest) from None
            raise
        return
    if exchange(tmp, dest):
        if tmp.is_dir() and not tmp.is_symlink() and _contents(tmp, is_table)[1]:
            exchange(tmp, dest)  # a foreign file arrived after the check: swap back, keep everything
            raise _foreign(dest, _contents(dest, is_table)[1])
        return
    # No exchange here: move the old folder aside, the new one in, and the old one to where it is removed.
    aside = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old.", suffix=".tmp", dir=dest.parent))
    os.rmdir(aside)
    os.rename(dest, aside)
    try:
        os.rename(tmp, dest)
    except OSError:
        os.rename(aside, dest)
        raise
    os.rename(aside, tmp)


@contextlib.contextmanager
def atomic_folder(dest: Path | str, *, overwrite: bool = False,
                  is_table: Callable[[Path], bool] = is_table_file) -> Iterator[Path]:
    """Yield an empty temporary folder beside ``dest``; once the block is done it replaces ``dest`` whole."""
    dest = Path(dest)
    check_folder(dest, overwrite, is_table)
    with interruptible():
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent))
        except OSError as exc:
            raise write_error(dest, exc) from None
        try:
            os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp's folder is private; a plain mkdir's is not
            yield tmp
            with held():
                _swap_in(tmp, dest, overwrite, is_table)
        except OSError as exc:
            raise write_error(dest, exc) from None
        finally:
            with held():
                _remove(tmp)

