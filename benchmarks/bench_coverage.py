"""Coverage engine at county and province scale, against a straightforward networkx walk measured in the same run.

The synthetic county (built straight into arrays, no Python object per household) follows
the issue: 13 towns with 26 county leaders, ~350 households a village, 8 groups a village,
80 departments on the villages (1% of villages left without one), township cadres on groups
(one per 10 groups), village cadres on the worst-hygiene 20% of households (one per 14),
a party member per 15 households (2% of households left without one).

Each engine figure is measured in a fresh subprocess so its peak memory (ru_maxrss) is its
own; the networkx yardstick runs in another subprocess on the same county (same seed) and
its answers are checked against the engine's.

    python -m benchmarks                 # 1M with yardstick, then 10M (a province)
    python -m benchmarks --quick         # 100k with yardstick only
    python -m benchmarks.bench_coverage --sizes 1000000 --no-yardstick
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from mechanisms.coverage import CompactCounty, CoverageModel, Edges, exact_all, exact_role, monte_carlo, report_from_model
from mechanisms.model.labels import L
from mechanisms.model.mechanism import CoverageRule, Mechanism, Role, Scope

LEVELS = ("county", "town", "village", "group", "household")
N_TOWNS = 13
HH_PER_VILLAGE = 350
GROUPS_PER_VILLAGE = 8
N_DEPARTMENTS = 80
GROUPS_PER_TOWNSHIP_CADRE = 10
WORST_SHARE = 0.2
WORST_PER_VILLAGE_CADRE = 14
HH_PER_PARTY_MEMBER = 15
TURNOVER = 0.1
MC_RUNS = 100
SHARES = (0.1, 0.2, 0.3)

MECHANISM = Mechanism(
    key="bench", name=L("基准", "benchmark"), county=L("合成县", "synthetic county"),
    roles=(
        Role("county-leader", L("县领导包乡镇", "county leader"), "town", ("leader",), capacity=2),
        Role("department", L("部门包村", "department"), "village", ("department",), capacity=40),
        Role("township-cadre", L("乡镇干部包组", "township cadre"), "group", ("cadre",), capacity=GROUPS_PER_TOWNSHIP_CADRE),
        Role("village-cadre", L("村干部包最差户", "village cadre"), "household", ("village-cadre",),
             scope=Scope(tags_any=("worst-hygiene",)), capacity_households=WORST_PER_VILLAGE_CADRE),
        Role("party-member", L("党员联户", "party member"), "household", ("party-member",),
             capacity_households=HH_PER_PARTY_MEMBER),
    ),
    coverage_rules=(
        CoverageRule("towns", L("乡镇", "towns"), "county-leader", "town"),
        CoverageRule("villages", L("村", "villages"), "department", "village"),
        CoverageRule("groups", L("组", "groups"), "township-cadre", "group"),
        CoverageRule("worst", L("最差户", "worst households"), "village-cadre", "household",
                     scope=Scope(tags_any=("worst-hygiene",))),
        CoverageRule("households", L("户", "households"), "party-member", "household"),
    ),
)


def synthetic(n_households: int, seed: int = 0) -> tuple[CompactCounty, dict[str, Any]]:
    """The synthetic county as arrays (units in level order: county, towns, villages, groups, households)."""
    rng = np.random.default_rng(seed)
    n_vil = max(N_TOWNS, round(n_households / HH_PER_VILLAGE))
    n_grp = n_vil * GROUPS_PER_VILLAGE
    floor = max(1, n_households // n_grp // 2)
    sizes = rng.multinomial(n_households - floor * n_grp, np.full(n_grp, 1.0 / n_grp)) + floor
    t0, v0, g0, h0 = 1, 1 + N_TOWNS, 1 + N_TOWNS + n_vil, 1 + N_TOWNS + n_vil + n_grp
    n = h0 + n_households
    parent = np.empty(n, np.int32)
    level = np.empty(n, np.int8)
    parent[0], level[0] = -1, 0
    parent[t0:v0], level[t0:v0] = 0, 1
    parent[v0:g0], level[v0:g0] = t0 + (np.arange(n_vil) * N_TOWNS) // n_vil, 2
    parent[g0:h0], level[g0:h0] = v0 + np.arange(n_grp) // GROUPS_PER_VILLAGE, 3
    parent[h0:] = np.repeat(np.arange(g0, h0, dtype=np.int32), sizes)
    level[h0:] = 4
    worst = np.zeros(n, bool)
    worst[h0:] = rng.random(n_households) < WORST_SHARE
    hh = np.arange(n_households)
    edges: dict[str, Edges] = {}
    offset = 0
    # 26 leaders, two a town
    edges["county-leader"] = Edges.make(offset + np.arange(2 * N_TOWNS), t0 + np.arange(2 * N_TOWNS) // 2)
    offset += 2 * N_TOWNS
    vil = np.arange(n_vil)
    vil = vil[vil % 100 != 99]  # 1% of villages without a department
    edges["department"] = Edges.make(offset + vil % N_DEPARTMENTS, v0 + vil)
    offset += N_DEPARTMENTS
    grp = np.arange(n_grp)
    edges["township-cadre"] = Edges.make(offset + grp // GROUPS_PER_TOWNSHIP_CADRE, g0 + grp)
    offset += -(-n_grp // GROUPS_PER_TOWNSHIP_CADRE)
    w_idx = np.flatnonzero(worst[h0:])
    edges["village-cadre"] = Edges.make(offset + np.arange(len(w_idx)) // WORST_PER_VILLAGE_CADRE, h0 + w_idx)
    offset += -(-len(w_idx) // WORST_PER_VILLAGE_CADRE)
    keep = hh % 50 != 49  # 2% of households without a party member
    edges["party-member"] = Edges.make(offset + hh[keep] // HH_PER_PARTY_MEMBER, h0 + hh[keep])
    offset += -(-n_households // HH_PER_PARTY_MEMBER)
    county = CompactCounty.from_arrays(levels=LEVELS, parent=parent, level=level, tags={"worst-hygiene": worst},
                                       edges=edges, n_actors=offset)
    return county, {"units": n, "actors": offset, "villages": n_vil, "groups": n_grp,
                    "assignments": int(sum(len(e) for e in edges.values()))}


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# ---------------------------------------------------------------- engine (child process)

def engine_figures(n: int, what: str) -> dict[str, Any]:
    """One figure family in this (fresh) process: ``report``, ``pass``, ``mc`` or ``exact``."""
    out: dict[str, Any] = {}
    t = time.perf_counter()
    county, info = synthetic(n)
    out["synthetic_s"] = time.perf_counter() - t
    out.update(info)
    t = time.perf_counter()
    model = CoverageModel.build(county, MECHANISM)
    out["build_s"] = time.perf_counter() - t
    out["cells"] = model.cells.n_cells
    if what == "report":
        t = time.perf_counter()
        report = report_from_model(model)
        out["report_s"] = time.perf_counter() - t
        t = time.perf_counter()
        doc = report.to_json()
        out["json_s"] = time.perf_counter() - t
        out["gaps"] = len(doc["gaps"])
        out["spof"] = len(doc["single_points_of_failure"])
        out["chain"] = doc["chain_complete_households"]
        out["covered"] = {k: v["households_covered"] for k, v in doc["roles"].items()}
    elif what == "pass":
        covered, chain = model.coverage_pass()
        out["pass_s"] = _best(model.coverage_pass, 20)
        out["chain"] = chain
        out["covered"] = dict(zip(MECHANISM.role_keys, covered.tolist(), strict=True))
    elif what == "mc":
        rng = np.random.default_rng(1)
        pool = np.unique(np.concatenate([ra.actors for ra in model.roles]))
        k = int(np.floor(TURNOVER * len(pool) + 0.5))
        alive = np.ones(county.n_actors, np.float64)

        def runs() -> None:
            for _ in range(MC_RUNS):
                gone = pool[rng.choice(len(pool), size=k, replace=False)]
                alive[gone] = 0.0
                model.coverage_pass(alive)
                alive[gone] = 1.0

        out["mc_s"] = _best(runs, 2)
        t = time.perf_counter()
        mc, se = monte_carlo(model, TURNOVER, "all", MC_RUNS, seed=1)
        out["mc_chain_s"] = time.perf_counter() - t
        t = time.perf_counter()
        exact = exact_all(model, TURNOVER)
        out["exact_all_s"] = time.perf_counter() - t
        out["mc_chain"], out["mc_se"], out["exact_chain"] = mc, se, exact
    elif what == "exact":
        t = time.perf_counter()
        for f in SHARES:
            for r in range(len(model.roles)):
                exact_role(model, r, f)
        out["exact_roles_s"] = time.perf_counter() - t
        t = time.perf_counter()
        for f in SHARES:
            exact_all(model, f)
        out["exact_all3_s"] = time.perf_counter() - t
    out["peak_mb"] = _maxrss_mb()
    return out


# ---------------------------------------------------------------- the networkx yardstick (child process)

def nx_graph(county: CompactCounty) -> Any:
    import networkx as nx

    g = nx.DiGraph()
    n = county.n_units
    worst = county.tags["worst-hygiene"]
    g.add_nodes_from((i, {"level": int(lv), "worst": bool(w)}) for i, (lv, w) in
                     enumerate(zip(county.level.tolist(), worst.tolist(), strict=True)))
    g.add_edges_from(((int(p), i) for i, p in enumerate(county.parent.tolist()) if p >= 0), type="contains")
    for key, e in county.edges.items():
        g.add_edges_from(((n + int(a), int(u)) for a, u in zip(e.actor.tolist(), e.unit.tolist(), strict=True)),
                         type="responsible", role=key)
    return g


def nx_pass(g: Any, households: range, removed: frozenset[int] = frozenset()) -> tuple[dict[str, int], int]:
    """For each household, walk up its ancestors and collect the roles whose actors hold each level."""
    role_level = {r.key: LEVELS.index(r.level) for r in MECHANISM.roles}
    scoped = {r.key for r in MECHANISM.roles if not r.scope.is_everything}
    covered = dict.fromkeys(role_level, 0)
    chain = 0
    pred, nodes = g.pred, g.nodes
    for h in households:
        found = set()
        node = h
        while node is not None:
            lvl = nodes[node]["level"]
            parent = None
            for p, d in pred[node].items():
                if d["type"] == "contains":
                    parent = p
                elif p not in removed and role_level[d["role"]] == lvl:
                    found.add(d["role"])
            node = parent
        ok = True
        worst = nodes[h]["worst"]
        for r in role_level:
            if r in scoped and not worst:
                continue
            if r in found:
                covered[r] += 1
            else:
                ok = False
        chain += ok
    return covered, chain


def nx_figures(n: int, mc_runs: int) -> dict[str, Any]:
    county, _ = synthetic(n)
    t = time.perf_counter()
    g = nx_graph(county)
    out: dict[str, Any] = {"nx_build_s": time.perf_counter() - t}
    households = range(int(county.by_level[-1][0]), county.n_units)
    t = time.perf_counter()
    covered, chain = nx_pass(g, households)
    out["nx_pass_s"] = time.perf_counter() - t
    out["covered"], out["chain"] = covered, chain
    rng = np.random.default_rng(1)
    pool = np.unique(np.concatenate([e.actor for e in county.edges.values()]))
    k = int(np.floor(TURNOVER * len(pool) + 0.5))
    t = time.perf_counter()
    for _ in range(mc_runs):
        gone = frozenset((county.n_units + pool[rng.choice(len(pool), size=k, replace=False)]).tolist())
        nx_pass(g, households, gone)
    out["nx_mc_run_s"] = (time.perf_counter() - t) / mc_runs
    out["nx_mc_runs_timed"] = mc_runs
    out["peak_mb"] = _maxrss_mb()
    return out


# ---------------------------------------------------------------- driver

def _child(args: list[str]) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_coverage", *args], capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _fmt_s(s: float) -> str:
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def _verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def bench_size(n: int, yardstick: bool, nx_mc_runs: int) -> None:
    print(f"-- {n:,} households --", flush=True)
    rep = _child(["--child", "report", str(n)])
    print(f"county: {rep['units']:,} units, {rep['actors']:,} actors, {rep['assignments']:,} assignments, "
          f"{rep['villages']:,} villages, {rep['groups']:,} groups; arrays built in {_fmt_s(rep['synthetic_s'])}")
    full = rep["build_s"] + rep["report_s"]
    print(f"engine build (CompactCounty -> CoverageModel): {_fmt_s(rep['build_s'])}, {rep['cells']:,} cells")
    print(f"full report (coverage, levels, gaps, load, redundancy, single points of failure): {_fmt_s(rep['report_s'])}"
          f"; build + report {_fmt_s(full)}; to_json {_fmt_s(rep['json_s'])} ({rep['gaps']:,} gaps, "
          f"{rep['spof']:,} single points of failure); peak memory {rep['peak_mb']:.0f} MB")
    ps = _child(["--child", "pass", str(n)])
    print(f"one coverage pass (households covered per role + chain-complete): {_fmt_s(ps['pass_s'])} "
          f"(best of 20); peak memory {ps['peak_mb']:.0f} MB")
    mc = _child(["--child", "mc", str(n)])
    print(f"Monte Carlo, {MC_RUNS} runs, {TURNOVER:.0%} of all actors leave (per-role coverage + chain each run): "
          f"{_fmt_s(mc['mc_s'])}; monte_carlo() chain share only: {_fmt_s(mc['mc_chain_s'])}; "
          f"peak memory {mc['peak_mb']:.0f} MB")
    print(f"  chain share after turnover: Monte Carlo {mc['mc_chain']:.5f} ± {mc['mc_se']:.5f}, exact "
          f"{mc['exact_chain']:.5f} (|diff| = {abs(mc['mc_chain'] - mc['exact_chain']) / mc['mc_se']:.2f} s.e.)")
    ex = _child(["--child", "exact", str(n)])
    print(f"exact robustness, every role at f = {', '.join(map(str, SHARES))}: {_fmt_s(ex['exact_roles_s'])}; "
          f"whole chain (all roles at once) at the same 3 shares: {_fmt_s(ex['exact_all3_s'])}")
    figures: dict[str, Any] = {"full": full, "report_peak": rep["peak_mb"], "pass": ps["pass_s"], "mc": mc["mc_s"],
                               "exact": ex["exact_roles_s"] + ex["exact_all3_s"]}
    if yardstick:
        nx = _child(["--child-nx", str(nx_mc_runs), str(n)])
        agree = nx["covered"] == ps["covered"] and nx["chain"] == ps["chain"]
        print(f"networkx yardstick: graph built in {_fmt_s(nx['nx_build_s'])} (peak {nx['peak_mb']:.0f} MB); "
              f"ancestor walk {_fmt_s(nx['nx_pass_s'])}; answers agree with the engine: {'yes' if agree else 'NO'}")
        ratio = nx["nx_pass_s"] / ps["pass_s"]
        print(f"  coverage pass: networkx {_fmt_s(nx['nx_pass_s'])} / engine {_fmt_s(ps['pass_s'])} = {ratio:,.0f}x; "
              f"counting the engine's one-off build too: {nx['nx_pass_s'] / (ps['pass_s'] + rep['build_s']):,.1f}x")
        nx_mc = nx["nx_mc_run_s"] * MC_RUNS
        print(f"  Monte Carlo {MC_RUNS} runs: networkx {_fmt_s(nx_mc)} (extrapolated from {nx['nx_mc_runs_timed']} "
              f"timed runs of {_fmt_s(nx['nx_mc_run_s'])}) / engine {_fmt_s(mc['mc_s'])} = {nx_mc / mc['mc_s']:,.0f}x")
        figures["ratio"] = ratio
    if n == 1_000_000:
        print("targets at 1M households:")
        if "ratio" in figures:
            print(f"  coverage >= 300x faster than networkx: {figures['ratio']:,.0f}x — {_verdict(figures['ratio'] >= 300)}")
        print(f"  full report about 1 s: {_fmt_s(full)} — {_verdict(full <= 1.5)}")
        print(f"  peak memory <= 1 GB: {rep['peak_mb']:.0f} MB — {_verdict(rep['peak_mb'] <= 1024)}")
        print(f"  100-run Monte Carlo <= 1 s: {_fmt_s(mc['mc_s'])} — {_verdict(mc['mc_s'] <= 1.0)}")
        print(f"  exact robustness for every role about 1 s: {_fmt_s(ex['exact_roles_s'])} (+ whole chain "
              f"{_fmt_s(ex['exact_all3_s'])}) — {_verdict(ex['exact_roles_s'] <= 1.5)}")
    if n == 10_000_000:
        print("targets at 10M households:")
        print(f"  report in <= 2 GB: {rep['peak_mb']:.0f} MB (build + report {_fmt_s(full)}) — "
              f"{_verdict(rep['peak_mb'] <= 2048)}")
        print(f"  100 Monte Carlo runs <= 5 s: {_fmt_s(mc['mc_s'])} — {_verdict(mc['mc_s'] <= 5.0)}")


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_coverage")
    p.add_argument("--quick", action="store_true", help="100k households only")
    p.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=None)
    p.add_argument("--no-yardstick", action="store_true")
    p.add_argument("--nx-mc-runs", type=int, default=2, help="networkx Monte Carlo runs to time (then extrapolated)")
    args = p.parse_args(argv or [])
    sizes = args.sizes or ([100_000] if args.quick else [1_000_000, 10_000_000])
    for n in sizes:
        bench_size(n, yardstick=not args.no_yardstick and n <= 1_000_000, nx_mc_runs=args.nx_mc_runs)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(engine_figures(int(sys.argv[3]), sys.argv[2])))
    elif len(sys.argv) > 1 and sys.argv[1] == "--child-nx":
        print(json.dumps(nx_figures(int(sys.argv[3]), int(sys.argv[2]))))
    else:
        main(sys.argv[1:])
