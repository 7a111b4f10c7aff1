"""Dask distributed: the same seed gives the same table on a LocalCluster as serially (skipped without the `dask` extra)."""

from __future__ import annotations

import pytest

from mechanisms import Label
from mechanisms.county.generate import generate_structure
from mechanisms.county.staffing import staff
from mechanisms.model.shape import CountyShape
from mechanisms.plugins.builtin import builtin_mechanisms
from mechanisms.simulation import Scenario, executor_for, monte_carlo, prepare, sweep

distributed = pytest.importorskip("distributed")

EXAMPLE = builtin_mechanisms()[0]
SCENARIO = Scenario(days=90, turnover=0.5, replacement_days=20, compliance=0.8, event_rate=0.5)


def test_local_cluster_gives_the_serial_table() -> None:
    shape = CountyShape(Label("测", "test"), towns=2, villages=8, households=600, groups_per_village=3)
    sim = prepare(staff(generate_structure(shape, seed=3), EXAMPLE, seed=3), EXAMPLE)
    serial = monte_carlo(sim, EXAMPLE, SCENARIO, runs=6, seed=7, workers=1)
    grid = {"compliance": ["0.6", "1"]}
    swept = sweep(sim, EXAMPLE, grid, SCENARIO, runs=2, seed=7, workers=1)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                       silence_logs=40)
    # the way the CLI's --scheduler ADDRESS connects: a client on the scheduler's address
    with cluster, executor_for(scheduler=cluster.scheduler_address) as ex:
        assert ex is not None
        on_dask = monte_carlo(sim, EXAMPLE, SCENARIO, runs=6, seed=7, executor=ex, batch=2)
        swept_dask = sweep(sim, EXAMPLE, grid, SCENARIO, runs=2, seed=7, executor=ex, batch=1)
    assert on_dask.equals(serial)
    assert swept_dask.equals(swept)
