"""Reading a county's real files: the CLI, process start to exit, against pyarrow (and calamine) reading the same files.

Every figure is a fresh process, timed from start to exit, its peak memory its own (``wait4``'s
``ru_maxrss``). The yardsticks run in the same run on the same files:

* a 1M-household county as three CSV files (units with household rows, 79k actors, 1M assignments
  under the built-in ``example`` mechanism): ``validate --mechanism example`` and ``coverage
  --format json`` against pyarrow's CSV reader reading the three files;
* the same county as Parquet: ``coverage`` against pyarrow's Parquet reader plus the CLI's start
  (``mechanisms --help``);
* ``generate --households 1000000 --rows`` against pyarrow writing the same tables (its write time only,
  measured inside the process: a yardstick that flatters pyarrow);
* a 100k-row .xlsx county: ``validate`` against python-calamine reading the same sheets;
* with ``--province``: a 10M-household province as Parquet, ``coverage`` against pyarrow's Parquet
  reader (target ≤ 5×, ≤ 10 GB); it needs about 10 GB free and some minutes, so it is not in the
  default run (``--quick --province`` measures a 1M-household one).

Every process, the CLI's and the yardsticks', runs with its bytecode compiled once (a private
``PYTHONPYCACHEPREFIX`` under the run's temporary folder, warmed by a first untimed run), as an
installed package runs: with ``PYTHONDONTWRITEBYTECODE`` set and no ``__pycache__`` (an editable
checkout in a sandbox) every process compiles its ~700 modules again, half a second that is not the
data layer's.

    python -m benchmarks bench_io                     # the sizes above
    python -m benchmarks bench_io --quick             # a tenth of them
    python -m benchmarks bench_io --province          # also the 10M-household province
    python -m benchmarks bench_io --province-only     # only the province
    python -m benchmarks bench_io --repeat=5          # the fastest of 5 processes per figure (default 3)

Every figure, ours and the yardsticks', is the fastest of ``--repeat`` fresh processes (two for the province):
the machine's load only adds time, and one run of a 0.5 s yardstick on a shared machine can be off by half.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from mechanisms.io.column_write import write_columns
from mechanisms.io.columns import ColumnarCounty, ColumnTable
from mechanisms.io.generate_columns import generate_columns
from mechanisms.io.tables import ACTORS, ASSIGNMENTS
from mechanisms.model.labels import Label
from mechanisms.model.shape import CountyShape

CLI = str(Path(sys.executable).parent / "mechanisms")
TARGETS = {"validate": 3.0, "coverage": 3.0, "parquet": 2.0, "generate": 5.0, "xlsx": 3.0, "province": 5.0}
MEMORY_MB = {"validate": 1536, "coverage": 1536, "generate": 1536, "province": 10240}
ENV = dict(os.environ)
"""The children's environment: :func:`main` points it at a private bytecode cache."""


REPEAT = 3
"""Fresh processes per figure (``--repeat N``): the fastest is kept, for ours and the yardsticks alike, as a
shared machine's load only ever adds time; peak memory is the largest of them."""


def run(cmd: list[str], repeat: int | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak resident MB and CPU seconds of the fastest of ``repeat`` fresh processes running ``cmd``
    (its output discarded), with the largest peak memory of them.

    CPU time is printed beside wall time because a shared machine's load stretches wall time (not CPU time)."""
    runs = [_run_once(cmd) for _ in range(REPEAT if repeat is None else repeat)]
    best = min(runs)
    return best[0], max(r[1] for r in runs), best[2]


def _run_once(cmd: list[str]) -> tuple[float, float, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0,):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err[-800:]}")
    return wall, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def staffed(households: int) -> ColumnarCounty:
    """A generated county with the ``example`` mechanism's actors and assignments added as columns."""
    cc = generate_columns(CountyShape(Label("合成县", "synthetic county"), towns=13, villages=max(13, households // 350),
                                      groups_per_village=8, households=households), seed=1, household_rows=True)
    units = cc["units"].data
    level = np.asarray(units.column("level").to_numpy(zero_copy_only=False))
    ids = units.column("id").combine_chunks()
    a_id: list[Any] = []
    a_kind: list[Any] = []
    s_actor: list[Any] = []
    s_role: list[Any] = []
    s_unit: list[Any] = []
    for prefix, kind, role, lev, per in (("L", "leader", "county-leader", "town", 1),
                                         ("D", "department", "department", "village", 40),
                                         ("TC", "cadre", "township-cadre", "village", 3),
                                         ("VC", "village-cadre", "village-cadre", "group", 2),
                                         ("PM", "party-member", "party-member", "household", 15)):
        at = np.flatnonzero(level == lev)
        n_act = max(1, -(-len(at) // per))
        aid = pc.binary_join_element_wise(pa.scalar(prefix), pa.array(np.arange(n_act)).cast(pa.string()), "")
        a_id.append(aid)
        a_kind.append(pa.repeat(pa.scalar(kind), n_act))
        s_actor.append(aid.take(pa.array(np.arange(len(at)) // per)))
        s_role.append(pa.repeat(pa.scalar(role), len(at)))
        s_unit.append(ids.take(pa.array(at)))
    aids = pa.concat_arrays(a_id)
    na, ns = len(aids), sum(len(x) for x in s_actor)
    actors = pa.table({"id": aids, "name": pc.binary_join_element_wise(pa.scalar("示例"), aids, ""),
                       "kind": pa.concat_arrays(a_kind), "tags": pa.nulls(na, pa.list_(pa.string())),
                       "unit": pa.nulls(na, pa.string())})
    asg = pa.table({"actor": pa.concat_arrays(s_actor), "role": pa.concat_arrays(s_role), "unit": pa.concat_arrays(s_unit),
                    "start": pa.nulls(ns, pa.date32()), "end": pa.nulls(ns, pa.date32()), "households": pa.nulls(ns, pa.int64()),
                    "mechanism": pa.repeat(pa.scalar("example"), ns)})
    tables = dict(cc.tables)
    tables["actors"] = ColumnTable(ACTORS, "", actors, np.arange(2, na + 2), {})
    tables["assignments"] = ColumnTable(ASSIGNMENTS, "", asg, np.arange(2, ns + 2), {})
    return attrs.evolve(cc, tables=tables)


def workbook(path: Path, county: ColumnarCounty, rows: int) -> None:
    """The first ``rows`` units (and the actors and assignments on them) as an .xlsx with a sheet per table."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    units = county["units"].data.slice(0, rows)
    keep = pc.is_in(county["assignments"].data.column("unit"), value_set=units.column("id"))
    asg = county["assignments"].data.filter(keep).slice(0, rows)
    actors = county["actors"].data.filter(pc.is_in(county["actors"].data.column("id"), value_set=asg.column("actor")))
    for name, table in (("units", units), ("actors", actors), ("assignments", asg)):
        ws = wb.create_sheet(name)
        ws.append(table.column_names)
        cols = [c.to_pylist() for c in table.columns]
        for row in zip(*cols, strict=True):
            ws.append([";".join(v) if isinstance(v, list) else v for v in row])
    wb.save(path)


def line(what: str, ours: tuple[float, float, float], base: float, target: float, note: str = "") -> str:
    ratio = ours[0] / base if base else float("inf")
    mem = MEMORY_MB.get(what)
    ok = ratio <= target and (mem is None or ours[1] <= mem)
    return (f"{what:9s} {ours[0]:7.2f} s (cpu {ours[2]:6.2f} s) {ours[1]:6.0f} MB | yardstick {base:6.2f} s | {ratio:5.1f}× "
            f"(target ≤ {target:g}×{f', ≤ {mem} MB' if mem else ''}) {'ok' if ok else 'MISSED'} {note}")


def available_gb() -> float:
    """The memory the machine has free for the run (``MemAvailable``), in GB."""
    with open("/proc/meminfo") as fh:
        for row in fh:
            if row.startswith("MemAvailable:"):
                return int(row.split()[1]) / 1e6
    return float("nan")


def bytecode(tmp: Path) -> None:
    """Children compile each module once into ``tmp``, and the first compile is done here, untimed."""
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    ENV["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    small = tmp / "warm"
    write_columns(staffed(2_000), small / "csv", fmt="csv")
    write_columns(staffed(2_000), small / "parquet", fmt="parquet")
    workbook(small / "county.xlsx", staffed(2_000), 500)
    for cmd in ([CLI, "list"], [CLI, "validate", str(small / "csv"), "--mechanism", "example"],
                [CLI, "coverage", str(small / "csv"), "--mechanism", "example", "--format", "json"],
                [CLI, "coverage", str(small / "parquet"), "--mechanism", "example", "--format", "json"],
                [CLI, "validate", str(small / "county.xlsx"), "--mechanism", "example"],
                [CLI, "generate", "--towns", "13", "--villages", "13", "--households", "2000", "--rows", "-o",
                 str(small / "gen")],
                python("import pyarrow.csv, pyarrow.parquet, pyarrow.compute, python_calamine")):
        run(cmd, 1)


def province(tmp: Path, households: int) -> None:
    """A province of ``households`` as Parquet: ``coverage`` against pyarrow reading the same files."""
    free = available_gb()
    print(f"province: {households:,} households; {free:.1f} GB available before it is built", flush=True)
    t0 = time.perf_counter()
    county = staffed(households)
    write_columns(county, tmp / "province", fmt="parquet")
    size = sum(p.stat().st_size for p in (tmp / "province").iterdir())
    print(f"province: {len(county['units']):,} units, {len(county['actors']):,} actors, "
          f"{len(county['assignments']):,} assignments; Parquet {size / 1e6:.0f} MB, built in "
          f"{time.perf_counter() - t0:.0f} s", flush=True)
    del county
    pqs = [str(tmp / "province" / f"{t}.parquet") for t in ("units", "actors", "assignments")]
    repeat = min(REPEAT, 2)  # a province's run takes a while: the fastest of two, for ours and the yardstick
    arrow_pq = run(python(f"import pyarrow.parquet as q\nfor f in {pqs!r}: q.read_table(f)"), repeat)
    print(f"yardstick: pyarrow Parquet read {arrow_pq[0]:.2f} s (cpu {arrow_pq[2]:.2f} s) {arrow_pq[1]:.0f} MB; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {available_gb():.1f} GB available",
          flush=True)
    p = run([CLI, "coverage", str(tmp / "province"), "--mechanism", "example", "--format", "json"], repeat)
    print(line("province", p, arrow_pq[0], TARGETS["province"], "(yardstick: pyarrow's Parquet read)"), flush=True)


def main(argv: list[str]) -> None:
    global REPEAT
    quick = "--quick" in argv
    for a in argv:
        if a.startswith("--repeat="):  # the runner passes flags only (a bare number would be read as a name)
            REPEAT = max(1, int(a.split("=", 1)[1]))
    households = 100_000 if quick else 1_000_000
    xlsx_rows = 10_000 if quick else 100_000
    with tempfile.TemporaryDirectory(prefix="bench_io.") as tmp_name:
        tmp = Path(tmp_name)
        bytecode(tmp)
        if "--province-only" in argv:
            province(tmp, households * 10)
            return
        county = staffed(households)
        write_columns(county, tmp / "csv", fmt="csv")
        write_columns(county, tmp / "parquet", fmt="parquet")
        sizes = {p.name: p.stat().st_size for p in (tmp / "csv").iterdir()}
        print(f"county: {len(county['units']):,} units, {len(county['actors']):,} actors, "
              f"{len(county['assignments']):,} assignments; CSV {sum(sizes.values()) / 1e6:.0f} MB", flush=True)
        csvs = [str(tmp / "csv" / f"{t}.csv") for t in ("units", "actors", "assignments")]
        pqs = [str(tmp / "parquet" / f"{t}.parquet") for t in ("units", "actors", "assignments")]
        arrow_csv = run(python(f"import pyarrow.csv as c\nfor f in {csvs!r}: c.read_csv(f)"))
        arrow_pq = run(python(f"import pyarrow.parquet as q\nfor f in {pqs!r}: q.read_table(f)"))
        cli_start = run([CLI, "--help"])
        catalog = run([CLI, "list"])  # the CLI's start plus loading the mechanisms' catalogue, which validate needs
        print(f"yardsticks: pyarrow CSV read {arrow_csv[0]:.2f} s (cpu {arrow_csv[2]:.2f} s) {arrow_csv[1]:.0f} MB; "
              f"pyarrow Parquet read {arrow_pq[0]:.2f} s; CLI start {cli_start[0]:.2f} s; CLI start + catalogue "
              f"(mechanisms list) {catalog[0]:.2f} s; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
        v = run([CLI, "validate", str(tmp / "csv"), "--mechanism", "example"])
        print(line("validate", v, arrow_csv[0], TARGETS["validate"]), flush=True)
        c = run([CLI, "coverage", str(tmp / "csv"), "--mechanism", "example", "--format", "json"])
        print(line("coverage", c, arrow_csv[0], TARGETS["coverage"]), flush=True)
        p = run([CLI, "coverage", str(tmp / "parquet"), "--mechanism", "example", "--format", "json"])
        print(line("parquet", p, arrow_pq[0] + cli_start[0], TARGETS["parquet"], "(yardstick: Parquet read + CLI start)"),
              flush=True)
        gens = [_run_once([CLI, "generate", "--towns", "13", "--villages", str(max(13, households // 350)),
                           "--households", str(households), "--rows", "-o", str(tmp / f"gen{i}")])
                for i in range(REPEAT)]  # a fresh folder each time: generate refuses to write over one
        g = (min(gens)[0], max(r[1] for r in gens), min(gens)[2])
        gen_pq = [str(tmp / "gen_pq" / f"{t}.parquet") for t in ("units", "actors", "assignments")]
        write_columns(generate_columns(CountyShape(Label("合成县", "synthetic county"), towns=13,
                                                   villages=max(13, households // 350), households=households),
                                       household_rows=True), tmp / "gen_pq", fmt="parquet")
        w = run(python("import pyarrow as pa, pyarrow.compute as pc, pyarrow.csv as c, pyarrow.parquet as q\n"
                       f"for f in {gen_pq!r}:\n"
                       "    t = q.read_table(f)\n"
                       "    t = pa.table({n: pc.binary_join(x, ';') if pa.types.is_list(x.type) else x\n"
                       "                  for n, x in zip(t.column_names, t.columns)})\n"
                       "    c.write_csv(t, f + '.csv')"))
        print(line("generate", g, w[0], TARGETS["generate"],
                   "(yardstick: a process loading the same tables from Parquet and writing them as CSV)"), flush=True)
        workbook(tmp / "county.xlsx", county, xlsx_rows)
        del county
        cal = run(python("from python_calamine import CalamineWorkbook\n"
                         f"wb = CalamineWorkbook.from_path({str(tmp / 'county.xlsx')!r})\n"
                         "for n in wb.sheet_names: wb.get_sheet_by_name(n).to_python()"))
        x = run([CLI, "validate", str(tmp / "county.xlsx"), "--mechanism", "example"])
        print(line("xlsx", x, cal[0], TARGETS["xlsx"], f"(yardstick: calamine reading the sheets, {xlsx_rows:,} rows)"),
              flush=True)
        if "--province" in argv:
            for d in ("csv", "parquet", "gen_pq", *(f"gen{i}" for i in range(REPEAT))):
                shutil.rmtree(tmp / d, ignore_errors=True)
            province(tmp, households * 10)


if __name__ == "__main__":
    main(sys.argv[1:])
