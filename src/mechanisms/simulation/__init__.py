"""Simulation: a staffed county stepped day by day under a scenario, many times, on one laptop or a cluster.

``simulate`` runs once; ``monte_carlo`` runs many times through any
:class:`concurrent.futures.Executor` (a process pool by default, Dask distributed for a
cluster, Ray through :class:`RayExecutor`); ``sweep`` does so over a parameter grid. All
return a tidy :class:`Table` (``run, period, metric, role, value``); ``summarize`` gives
means with 95 % confidence intervals. The model and every parameter are described in
``docs/simulation.md``.
"""

from .engine import METRICS, run_seed, simulate
from .executors import DaskExecutor, RayExecutor, dask_executor, executor_for, process_pool
from .montecarlo import grid_points, monte_carlo, sweep
from .prepared import SimCounty, prepare
from .results import Table, read_table, summarize, t975
from .scenario import REASSIGN_POLICIES, PerRole, Scenario, load_scenario, mechanism_deadline, scenario_from_dict

__all__ = [
    "METRICS",
    "REASSIGN_POLICIES",
    "DaskExecutor",
    "PerRole",
    "RayExecutor",
    "Scenario",
    "SimCounty",
    "Table",
    "dask_executor",
    "executor_for",
    "grid_points",
    "load_scenario",
    "mechanism_deadline",
    "monte_carlo",
    "prepare",
    "process_pool",
    "read_table",
    "run_seed",
    "scenario_from_dict",
    "simulate",
    "summarize",
    "sweep",
    "t975",
]
