"""Where the shipped demo county's files are: a module of its own, as every command that reads ``demo`` needs the
folder and none needs :mod:`mechanisms.io.demo`'s record classes (10 ms of the start of ``validate demo``)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def demo_folder() -> Iterator[Path]:
    """The shipped demo county's folder of CSV files, as a real path for as long as it is needed.

    Why the module's own folder first: an installed package is files on disk, and importing
    ``importlib.resources`` (and the ``zipfile`` it brings) took about 20 ms of ``validate demo``'s 0.37 s; it
    stays for a package run from a zip."""
    here = Path(__file__).with_name("demo")
    if here.is_dir():
        yield here
        return
    from importlib.resources import as_file, files

    with as_file(files(__package__) / "demo") as folder:
        yield Path(folder)
