"""Simulation benchmarks: numpy engine against the same model in Mesa, 1M households on one core, parallel scaling.

All measured in this one run, on this machine:

1. **numpy vs Mesa** — one simulated year, daily steps, of a county of 100,000 households
   staffed by the ``example`` mechanism (visits monthly to weekly), under the benchmark
   scenario (turnover 0.1 a year, successors after 60 days, no stand-ins, 90 % of visits,
   0.1 risk events per household a year, 5 days to find one). Mesa runs the model of
   ``benchmarks/mesa_model.py``; if a 30-day probe says its year would take over three
   minutes, the year is extrapolated from the probe (and the output says so).
2. **Agreement** — the two models' whole-run figures over independent runs (numpy many,
   Mesa several) on a smaller county: means, 95 % t intervals and Welch's t.
3. **1,000,000 households × 365 days on one core** — in a child process pinned to one
   CPU, with its peak memory (``ru_maxrss``): county generation and staffing, preparation,
   and the simulated year, timed apart.
4. **Scaling** — 100 runs at 1 and 2 worker processes and on a Dask LocalCluster of 1 and
   2 worker processes, in a fresh child process; the tables must be identical.

    python -m benchmarks simulation            # the figures above
    python -m benchmarks simulation --quick    # small sizes, a minute
    python -m benchmarks.bench_simulation --scale-households 1000000 --no-mesa
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from mechanisms.county.generate import generate_structure
from mechanisms.county.staffing import staff
from mechanisms.model.labels import Label
from mechanisms.model.shape import CountyShape
from mechanisms.plugins.builtin import builtin_mechanisms
from mechanisms.simulation import Scenario, SimCounty, Table, monte_carlo, prepare, process_pool, simulate, t975
from mechanisms.simulation.params import Params

EXAMPLE = builtin_mechanisms()[0]
SCENARIO = Scenario(turnover=0.1, replacement_days=60, reassign="none", compliance=0.9, event_rate=0.1, deadline=5)
TIME_BUDGET_S = 180.0
AGREE_METRICS = (("found_within_deadline", ""), ("delay_mean", ""), ("delay_p90", ""), ("chain_complete", ""),
                 ("coverage", "party-member"), ("vacancy", "party-member"))


def county(households: int, seed: int = 1) -> tuple[SimCounty, dict[str, float]]:
    """A synthetic county (5,000 households a town, 250 a village, 5 groups a village) staffed by ``example``."""
    t0 = time.perf_counter()
    shape = CountyShape(Label("基准县", "benchmark county"), towns=max(1, households // 5000),
                        villages=max(1, households // 250), households=households)
    structure = staff(generate_structure(shape, seed=seed), EXAMPLE, seed=seed)
    t1 = time.perf_counter()
    sim = prepare(structure, EXAMPLE)
    t2 = time.perf_counter()
    return sim, {"build_s": t1 - t0, "prepare_s": t2 - t1}


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def whole_run(table: Table) -> dict[tuple[str, str], float]:
    return {(r["metric"], r["role"]): r["value"] for r in table.where(period="all").rows()}


def versus_mesa(households: int) -> None:
    from benchmarks.mesa_model import SimModel

    print(f"\n-- 1. one simulated year, {households:,} households, daily steps: numpy vs Mesa --")
    sim, prep = county(households)
    numpy_times = [timed(lambda s=s: simulate(sim, EXAMPLE, SCENARIO, seed=s))[0] for s in range(5)]
    t_np = float(np.median(numpy_times))
    print(f"numpy:  {t_np:8.3f} s a year (median of 5 runs; county built in {prep['build_s']:.1f} s, "
          f"prepared in {prep['prepare_s']:.2f} s, once for any number of runs)")
    params = Params.resolve(sim, SCENARIO)
    t_build, model = timed(lambda: SimModel(sim, params, seed=0))
    probe_days = 30
    t_probe, _ = timed(lambda: [model.step() for _ in range(probe_days)])
    projected = t_probe * SCENARIO.days / probe_days
    if projected <= TIME_BUDGET_S:
        t_rest, _ = timed(lambda: [model.step() for _ in range(SCENARIO.days - probe_days)])
        t_mesa = t_probe + t_rest
        how = "the full year"
    else:
        t_mesa = projected
        how = f"EXTRAPOLATED from {probe_days} days (a full year would take over {TIME_BUDGET_S:.0f} s)"
    print(f"Mesa:   {t_mesa:8.1f} s a year ({how}; {households:,} household and {sim.n_posts:,} post agents "
          f"built in {t_build:.1f} s)")
    print(f"ratio:  {t_mesa / t_np:8.0f}x faster (target >= 100x); with set-up on both sides "
          f"{(t_mesa + t_build) / (t_np + prep['prepare_s']):.0f}x")


def _mean_ci(values: list[float]) -> tuple[float, float, float]:
    a = np.asarray([v for v in values if not math.isnan(v)], dtype=float)
    if len(a) < 2:
        return float(a.mean()) if len(a) else math.nan, math.nan, math.nan
    half = t975(len(a) - 1) * a.std(ddof=1) / math.sqrt(len(a))
    return float(a.mean()), float(a.std(ddof=1)), half


def agreement(households: int, numpy_runs: int, mesa_runs: int) -> None:
    from benchmarks.mesa_model import run_mesa

    print(f"\n-- 2. agreement, {households:,} households: {numpy_runs} numpy runs vs {mesa_runs} Mesa runs "
          f"(whole year; mean ± 95% t half-width; Welch t) --")
    sim, _ = county(households)
    params = Params.resolve(sim, SCENARIO)
    np_runs = [whole_run(simulate(sim, EXAMPLE, SCENARIO, seed=1000 + i)) for i in range(numpy_runs)]
    role = {k: i for i, k in enumerate(sim.role_keys)}
    mesa: list[dict[tuple[str, str], float]] = []
    for i in range(mesa_runs):
        out = run_mesa(sim, params, seed=2000 + i)
        mesa.append({("found_within_deadline", ""): out["found_within_deadline"], ("delay_mean", ""): out["delay_mean"],
                     ("delay_p90", ""): out["delay_p90"], ("chain_complete", ""): out["chain_complete"],
                     ("coverage", "party-member"): out["coverage"][role["party-member"]],
                     ("vacancy", "party-member"): out["vacancy"][role["party-member"]]})
    worst = 0.0
    for key in AGREE_METRICS:
        m1, s1, h1 = _mean_ci([r.get(key, math.nan) for r in np_runs])
        m2, s2, h2 = _mean_ci([r[key] for r in mesa])
        se = math.sqrt(s1**2 / numpy_runs + s2**2 / mesa_runs) if not (math.isnan(s1) or math.isnan(s2)) else math.nan
        t = (m1 - m2) / se if se and se > 0 else 0.0
        worst = max(worst, abs(t))
        name = key[0] + (f"[{key[1]}]" if key[1] else "")
        print(f"{name:34s} numpy {m1:9.4f} ± {h1:7.4f}   Mesa {m2:9.4f} ± {h2:7.4f}   t = {t:+5.2f}")
    print(f"agreement: {'yes' if worst < 3 else 'NO'} (largest |t| = {worst:.2f}; |t| < 3 taken as agreeing)")


def _child_big(households: int) -> None:
    """Runs in a child pinned to one CPU: build, prepare and simulate one year; prints JSON with peak memory."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    sim, prep = county(households)
    t_sim, table = timed(lambda: simulate(sim, EXAMPLE, SCENARIO, seed=7))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(json.dumps({**prep, "simulate_s": t_sim, "peak_mb": peak, "cells": sim.n_cells, "posts": sim.n_posts,
                      "events": whole_run(table)[("events", "")]}))


def big(households: int) -> None:
    print(f"\n-- 3. {households:,} households x {SCENARIO.days} days on one core (child process, pinned) --")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    out = subprocess.run([sys.executable, "-m", "benchmarks.bench_simulation", "--child-big", str(households)],
                         capture_output=True, text=True, env=env, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"county generated and staffed {r['build_s']:6.2f} s  ({r['posts']:,} posts, {r['cells']:,} cells)")
    print(f"prepared                     {r['prepare_s']:6.2f} s")
    print(f"one simulated year           {r['simulate_s']:6.2f} s  ({r['events']:,.0f} risk events; target <= 15 s)")
    total = r["build_s"] + r["prepare_s"] + r["simulate_s"]
    print(f"all of it                    {total:6.2f} s; peak memory {r['peak_mb']:.0f} MB (target <= 1024 MB)")


def scaling(households: int, runs: int, use_dask: bool) -> None:
    """In a fresh child process: workers forked from a parent that holds Mesa's agents would drag its heap along."""
    print(f"\n-- 4. {runs} runs, {households:,} households: speed-up with workers (fresh process) --", flush=True)
    cmd = [sys.executable, "-m", "benchmarks.bench_simulation", "--child-scaling", str(households), "--runs", str(runs)]
    subprocess.run([*cmd, *([] if use_dask else ["--no-dask"])], check=True)


def _child_scaling(households: int, runs: int, use_dask: bool) -> None:
    sim, _ = county(households)
    t_serial, ref = timed(lambda: monte_carlo(sim, EXAMPLE, SCENARIO, runs=runs, seed=3, workers=1))
    print(f"in this process              {t_serial:7.1f} s")
    results = {}
    for w in (1, 2):
        with process_pool(w) as pool:
            pool.submit(int).result()  # started before the clock, as a long-lived pool would be
            t, table = timed(lambda pool=pool, w=w: monte_carlo(sim, EXAMPLE, SCENARIO, runs=runs, seed=3,
                                                                 executor=pool, workers=w))
        results[f"pool{w}"] = t
        assert table.equals(ref), "process pool changed the results"
        print(f"process pool, {w} worker(s)    {t:7.1f} s" + (f"   speed-up {results['pool1'] / t:.2f}x" if w > 1 else ""))
    if use_dask:
        try:
            import distributed
        except ImportError:
            print("Dask distributed not installed: skipped (pip install 'mechanisms[dask]')")
            return
        for w in (1, 2):
            t0 = time.perf_counter()
            with distributed.LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=":0",
                                          silence_logs=40) as cluster, distributed.Client(cluster) as client:
                started = time.perf_counter() - t0
                ex = client.get_executor(pure=False)
                t, table = timed(lambda ex=ex, w=w: monte_carlo(sim, EXAMPLE, SCENARIO, runs=runs, seed=3, executor=ex,
                                                                 workers=w))
            results[f"dask{w}"] = t
            assert table.equals(ref), "Dask changed the results"
            print(f"Dask LocalCluster, {w} worker(s) {t:6.1f} s" +
                  (f"   speed-up {results['dask1'] / t:.2f}x" if w > 1 else "") + f"   (cluster started in {started:.1f} s)")
    print("tables identical in every configuration: yes")


def _machine() -> str:
    import importlib.metadata as md

    def v(p: str) -> str:
        try:
            return md.version(p)
        except md.PackageNotFoundError:
            return "-"

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{platform.processor() or platform.machine()}, {cores} cores; Python {platform.python_version()}, "
            f"numpy {np.__version__}, mesa {v('mesa')}, dask {v('distributed')}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="bench_simulation", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes")
    ap.add_argument("--mesa-households", type=int)
    ap.add_argument("--agree-households", type=int)
    ap.add_argument("--big", type=int, help="households of the one-core run (default 1,000,000)")
    ap.add_argument("--scale-households", type=int)
    ap.add_argument("--runs", type=int, help="runs of the scaling benchmark (default 100)")
    ap.add_argument("--no-mesa", action="store_true")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--child-big", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--child-scaling", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_big:
        _child_big(args.child_big)
        return
    if args.child_scaling:
        _child_scaling(args.child_scaling, args.runs or 100, not args.no_dask)
        return
    q = args.quick
    print(f"machine: {_machine()}")
    print(f"mechanism: example; scenario: {json.dumps(SCENARIO.to_dict(), ensure_ascii=False)}")
    if not args.no_mesa:
        versus_mesa(args.mesa_households or (10_000 if q else 100_000))
        agreement(args.agree_households or (5_000 if q else 20_000), 20 if q else 40, 4 if q else 8)
    big(args.big or (200_000 if q else 1_000_000))
    scaling(args.scale_households or (20_000 if q else 100_000), args.runs or (40 if q else 100), not args.no_dask)


if __name__ == "__main__":
    main(sys.argv[1:])
