"""Mechanisms as plain TOML or YAML files, so a county office can define one without code."""

from __future__ import annotations

from pathlib import Path

from .documents import load
from .errors import DataError
from .mechanism import Mechanism
from .mechanism_checks import check_mechanism


def load_mechanism_file(path: Path | str) -> Mechanism:
    """Read and check a mechanism file; every problem is raised at once as a :class:`DataError`."""
    path = Path(path)
    mech = load(path, Mechanism)
    problems = check_mechanism(mech, file=str(path))
    if problems:
        raise DataError(problems)
    return mech
