"""Many runs: Monte Carlo of one scenario and sweeps over parameter grids, on any executor.

Reproducibility first: run ``i`` is seeded by ``SeedSequence(seed, spawn_key=(i,))`` — the
``i``-th child of ``SeedSequence(seed)`` — and by nothing else, so the table is identical
whether the runs go one by one in this process, through a process pool of any size, or
over a Dask cluster. In a sweep every grid point uses the same run seeds (common random
numbers), so differences between points are the parameters', not the dice's.

Runs are submitted in batches (default: about four batches per worker) so the per-task
cost — pickling the prepared county, a round trip to the scheduler — is paid a few times,
not once per run. The prepared county is built once, in the caller's process.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, Future, as_completed
from typing import Any

import attrs

from ..model.mechanism import Mechanism
from .engine import run_seed, simulate_prepared
from .executors import cpu_count, process_pool
from .prepared import SimCounty, prepare
from .results import Table
from .scenario import Scenario

Progress = Callable[[int, int], None]
"""Called with (runs done, runs in all) as batches finish."""


@attrs.frozen
class Task:
    """A batch of runs of one scenario; ``params`` are the grid values the rows are labelled with."""

    scenario: Scenario
    runs: range
    params: tuple[tuple[str, Any], ...] = ()


def run_batch(sim: SimCounty, scenario: Scenario, seed: int, runs: range) -> Table:
    """Runs ``runs`` of ``scenario`` (what a worker executes): each seeded by its index alone."""
    return Table.concat(simulate_prepared(sim, scenario, run_seed(seed, i), run=i) for i in runs)


def batches(runs: int, size: int) -> list[range]:
    return [range(i, min(i + size, runs)) for i in range(0, runs, size)]


def default_batch(total_runs: int, workers: int) -> int:
    """About four batches per worker: few enough that overhead stays small, enough to balance the load."""
    return max(1, math.ceil(total_runs / (4 * max(workers, 1))))


def _rich_progress(total: int) -> tuple[Progress, Callable[[], None]]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if not console.is_terminal:  # a log file or a pipe gets no bar (and no stray blank line)
        return (lambda done, _total: None), lambda: None
    bar = Progress(TextColumn("simulating"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TimeRemainingColumn(), console=console, transient=True)
    task = bar.add_task("runs", total=total)
    bar.start()
    return (lambda done, _total: bar.update(task, completed=done)), bar.stop


def execute(sim: SimCounty, tasks: Sequence[Task], seed: int, *, executor: Executor | None = None,
            workers: int | None = None, progress: bool | Progress = False) -> Table:
    """Run every task (in this process, on ``executor``, or on a new process pool) and join the tables in task order."""
    total = sum(len(t.runs) for t in tasks)
    report: Progress | None = None if progress is True else (progress or None)
    stop: Callable[[], None] = lambda: None  # noqa: E731
    done = 0
    tables: list[Table | None] = [None] * len(tasks)
    own_pool = None
    try:
        futures: dict[Future[Table], int] = {}
        if executor is None and not (workers is not None and workers <= 1):
            executor = own_pool = process_pool(workers)
        if executor is not None:
            futures = {executor.submit(run_batch, sim, t.scenario, seed, t.runs): i for i, t in enumerate(tasks)}
        if progress is True:
            # started once the work is submitted, so no drawing thread is alive while a pool forks its workers
            report, stop = _rich_progress(total)
        if executor is None:
            for i, t in enumerate(tasks):
                tables[i] = run_batch(sim, t.scenario, seed, t.runs)
                done += len(t.runs)
                if report:
                    report(done, total)
        for fut in as_completed(futures):
            i = futures[fut]
            tables[i] = fut.result()
            done += len(tasks[i].runs)
            if report:
                report(done, total)
    finally:
        stop()
        if own_pool is not None:
            own_pool.shutdown(wait=True, cancel_futures=True)
    out = []
    for t, table in zip(tasks, tables, strict=True):
        assert table is not None
        out.append(table.with_columns(dict(t.params)) if t.params else table)
    return Table.concat(out)


def monte_carlo(county: Any, mechanism: Mechanism, scenario: Scenario | None = None, *, runs: int = 100, seed: int = 0,
                executor: Executor | None = None, workers: int | None = None, batch: int | None = None,
                progress: bool | Progress = False) -> Table:
    """``runs`` runs of ``scenario``: the tidy table (``run, period, metric, role, value``), rows in run order.

    ``executor``: any :class:`concurrent.futures.Executor` (a Dask client's
    ``get_executor()``, :class:`~mechanisms.simulation.RayExecutor`, …), left running;
    without one, ``workers=1`` runs here and otherwise a process pool of ``workers``
    (default: one per core) is started and shut down. ``progress=True`` draws a bar on
    stderr; a callable gets ``(done, total)``.
    """
    scenario = scenario or Scenario()
    sim = prepare(county, mechanism)
    n_workers = workers or cpu_count()
    size = batch or default_batch(runs, n_workers)
    tasks = [Task(scenario, r) for r in batches(runs, size)]
    return execute(sim, tasks, seed, executor=executor, workers=workers, progress=progress)


def grid_points(grid: Mapping[str, Sequence[Any]]) -> list[tuple[tuple[str, Any], ...]]:
    """Every combination of the grid's values, the first parameter varying slowest."""
    names = list(grid)
    return [tuple(zip(names, values, strict=True)) for values in itertools.product(*(grid[n] for n in names))]


def _label(value: Any) -> Any:
    """A parameter value as the table stores it: a number where it reads as one, else text."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return str(value)


def sweep(county: Any, mechanism: Mechanism, grid: Mapping[str, Sequence[Any]], scenario: Scenario | None = None, *,
          runs: int = 20, seed: int = 0, executor: Executor | None = None, workers: int | None = None,
          batch: int | None = None, progress: bool | Progress = False) -> Table:
    """``runs`` runs at every point of ``grid`` (parameter name → values, as :meth:`Scenario.with_param` takes them).

    The table has one column per grid parameter in front of ``run, period, metric, role, value``.
    """
    base = scenario or Scenario()
    sim = prepare(county, mechanism)
    points = grid_points(grid)
    scenarios = []
    for point in points:
        s = base
        for name, value in point:
            s = s.with_param(name, value)
        s.check_roles(sim.role_keys)
        scenarios.append(s)
    n_workers = workers or cpu_count()
    size = batch or default_batch(runs * len(points), n_workers)
    tasks = [Task(s, r, tuple((n, _label(v)) for n, v in point))
             for s, point in zip(scenarios, points, strict=True) for r in batches(runs, size)]
    return execute(sim, tasks, seed, executor=executor, workers=workers, progress=progress)

