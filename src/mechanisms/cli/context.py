"""The catalogue and mechanism lookup shared by commands, built once per invocation."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from ..mechanism import Mechanism
from ..overrides import apply_overrides, parse_assignments
from ..plugins.manager import Catalog, load_catalog


def catalog_for(ctx: click.Context | None = None, files: Iterable[Path] = ()) -> Catalog:
    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    files = tuple(files)
    cache = root.meta.setdefault("mechanisms.catalogs", {})
    if files not in cache:
        cache[files] = load_catalog(files=files)
    return cache[files]


def get_mechanism(key: str | None, files: Iterable[Path] = (), overrides: Iterable[str] = ()) -> Mechanism:
    """The mechanism named ``key`` (or the only one a single ``--mechanism-file`` gives)."""
    files = tuple(files)
    catalog = catalog_for(files=files)
    if key is None:
        if len(files) == 1:
            from ..mechanism_file import load_mechanism_file

            key = load_mechanism_file(files[0]).key
        else:
            raise click.UsageError("name a mechanism with --mechanism KEY (see `mechanisms list`)")
    mech = catalog.get(key)
    values = parse_assignments(tuple(overrides))
    return apply_overrides(mech, values) if values else mech
