"""The ``mechanisms`` command line. Commands live in modules named for what they act on."""

from . import catalog_cmds, data_cmds, generate_cmds, year_cmds  # noqa: F401 - importing registers the commands
from .app import main

__all__ = ["main"]
