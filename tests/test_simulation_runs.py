"""Many runs: identical tables whatever runs them (here, a process pool, threads, a Dask cluster); tables and summaries."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from mechanisms import Label, OverwriteError
from mechanisms.county.generate import generate_structure
from mechanisms.county.staffing import staff
from mechanisms.model.shape import CountyShape
from mechanisms.plugins.builtin import builtin_mechanisms
from mechanisms.simulation import (
    Scenario,
    Table,
    executor_for,
    grid_points,
    monte_carlo,
    prepare,
    read_table,
    run_seed,
    simulate,
    summarize,
    sweep,
    t975,
)

EXAMPLE = builtin_mechanisms()[0]
SCENARIO = Scenario(days=120, turnover=0.5, replacement_days=20, compliance=0.8, event_rate=0.5)


@pytest.fixture(scope="module")
def sim():  # type: ignore[no-untyped-def]
    shape = CountyShape(Label("测", "test"), towns=3, villages=12, households=900, groups_per_village=3)
    return prepare(staff(generate_structure(shape, seed=2), EXAMPLE, seed=2), EXAMPLE)


@pytest.fixture(scope="module")
def serial(sim):  # type: ignore[no-untyped-def]
    return monte_carlo(sim, EXAMPLE, SCENARIO, runs=6, seed=42, workers=1)


def test_runs_are_seeded_by_their_index_alone(sim, serial) -> None:  # type: ignore[no-untyped-def]
    assert serial["run"].tolist() == sorted(serial["run"].tolist())
    assert set(serial["run"].tolist()) == set(range(6))
    third = simulate(sim, EXAMPLE, SCENARIO, seed=run_seed(42, 3), run=3)
    assert serial.where(run=3).equals(third)
    # more runs, other batch sizes: the first six are the same
    more = monte_carlo(sim, EXAMPLE, SCENARIO, runs=9, seed=42, workers=1, batch=4)
    assert Table({k: v[more["run"] < 6] for k, v in more.columns.items()}).equals(serial)
    assert not monte_carlo(sim, EXAMPLE, SCENARIO, runs=6, seed=43, workers=1).equals(serial)


def test_a_process_pool_gives_the_same_table(sim, serial) -> None:  # type: ignore[no-untyped-def]
    with executor_for(workers=2) as pool:
        assert pool is not None
        pooled = monte_carlo(sim, EXAMPLE, SCENARIO, runs=6, seed=42, executor=pool, batch=1)
    assert pooled.equals(serial)
    # the default: a pool of its own, started and shut down
    assert monte_carlo(sim, EXAMPLE, SCENARIO, runs=6, seed=42, workers=2).equals(serial)


def test_any_executor_and_progress(sim, serial) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[int, int]] = []
    with ThreadPoolExecutor(3) as threads:
        out = monte_carlo(sim, EXAMPLE, SCENARIO, runs=6, seed=42, executor=threads, batch=2,
                          progress=lambda done, total: seen.append((done, total)))
    assert out.equals(serial)
    assert [d for d, _ in seen] == [2, 4, 6] and {t for _, t in seen} == {6}


def test_summary_is_mean_and_t_interval(serial) -> None:  # type: ignore[no-untyped-def]
    s = summarize(serial)
    assert s.names == ("period", "metric", "role", "n", "mean", "std", "ci_low", "ci_high")
    row = s.where(period="all", metric="coverage", role="party-member")
    values = serial.where(period="all", metric="coverage", role="party-member")["value"]
    n, mean, sd = len(values), values.mean(), values.std(ddof=1)
    assert row["n"][0] == n == 6
    assert row["mean"][0] == pytest.approx(mean)
    assert row["std"][0] == pytest.approx(sd)
    assert row["ci_high"][0] - row["mean"][0] == pytest.approx(2.5705818 * sd / math.sqrt(n))
    # groups keep their first-appearance order
    assert list(dict.fromkeys(s["period"].tolist()))[:2] == ["2024-01", "2024-02"]


def test_t_quantiles() -> None:
    assert t975(1) == pytest.approx(12.7062047)
    assert t975(30) == pytest.approx(2.0422725)
    assert t975(40) == pytest.approx(2.0210754, abs=1e-6)
    assert t975(1000) == pytest.approx(1.9623391, abs=1e-6)
    assert math.isnan(t975(0))


def test_tables_round_trip_through_csv_and_parquet(serial, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("runs.csv", "runs.parquet"):
        path = serial.write(tmp_path / name)
        back = read_table(path)
        assert back.names == serial.names and len(back) == len(serial)
        assert np.array_equal(back["value"], serial["value"])
        assert back["period"].tolist() == serial["period"].tolist()
        with pytest.raises(OverwriteError):
            serial.write(path)
        serial.write(path, overwrite=True)
    text = serial.to_csv_text().splitlines()
    assert text[0] == "run,period,metric,role,value"


def test_sweep_labels_rows_and_shares_seeds(sim) -> None:  # type: ignore[no-untyped-def]
    grid = {"compliance": ["0.5", "0.8"], "reassign": ["none", "remaining"]}
    assert len(grid_points(grid)) == 4
    table = sweep(sim, EXAMPLE, grid, SCENARIO, runs=3, seed=5, workers=1)
    assert table.names == ("compliance", "reassign", "run", "period", "metric", "role", "value")
    point = table.where(compliance=0.8, reassign="remaining")
    alone = monte_carlo(sim, EXAMPLE, SCENARIO, runs=3, seed=5, workers=1)  # SCENARIO has compliance 0.8, remaining
    assert Table({k: point[k] for k in alone.names}).equals(alone)
    s = summarize(table)
    assert s.names[:2] == ("compliance", "reassign") and len(s.where(period="all", metric="delay_mean")) == 4
    with ThreadPoolExecutor(2) as threads:
        assert sweep(sim, EXAMPLE, grid, SCENARIO, runs=3, seed=5, executor=threads).equals(table)


def test_the_ray_adapter_wraps_remote_functions(sim, serial, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Ray is not a dependency: a stand-in module with Ray's API checks the adapter's wiring (the adapter was also run on
    Ray 2.60 by hand, giving the serial table)."""
    import sys
    import types
    from concurrent.futures import Future

    from mechanisms.simulation import RayExecutor

    wrapped: list[object] = []
    stored: list[object] = []

    class Ref:
        def __init__(self, value: object) -> None:
            self.value = value

        def future(self) -> Future[object]:
            f: Future[object] = Future()
            f.set_result(self.value)
            return f

    def put(value: object) -> Ref:
        stored.append(value)
        return Ref(value)

    def remote(fn):  # type: ignore[no-untyped-def]
        wrapped.append(fn)
        resolve = lambda a: a.value if isinstance(a, Ref) else a  # noqa: E731 (Ray passes a stored object's value)
        return types.SimpleNamespace(remote=lambda *a, **k: Ref(fn(*map(resolve, a), **k)))

    fake = types.SimpleNamespace(is_initialized=lambda: False, init=lambda **kw: None, remote=remote, put=put)
    monkeypatch.setitem(sys.modules, "ray", fake)
    out = monte_carlo(sim, EXAMPLE, SCENARIO, runs=6, seed=42, executor=RayExecutor(), batch=2)
    assert out.equals(serial)
    assert len(wrapped) == 1  # one ray.remote per function, reused for every batch
    assert stored == [sim]  # the prepared county put in the object store once, for all three batches
