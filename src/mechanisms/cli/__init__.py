"""The ``mechanisms`` command line. Commands live in modules named for what they act on."""

# importing a module registers its commands on `main`
from . import (  # noqa: F401  (each module registers its commands on import)
    campaign_cmds,
    catalog_cmds,
    compare_cmds,
    coverage_cmds,
    data_cmds,
    generate_cmds,
    ledger_cmds,
    score_cmds,
    sim_cmds,
    visits_cmds,
)
from .app import main

__all__ = ["main"]
