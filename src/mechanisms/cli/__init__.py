"""The ``mechanisms`` command line. Commands live in modules named for what they act on."""

# importing a module registers its commands on `main`
from . import catalog_cmds, compare_cmds, coverage_cmds, data_cmds, generate_cmds, sim_cmds, year_cmds  # noqa: F401
from .app import main

__all__ = ["main"]
