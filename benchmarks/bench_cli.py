"""The CLI's start: ``mechanisms --help`` and ``mechanisms validate demo`` against ``python -c "import click"``.

The two ratios of issue 14's table (targets: ``--help`` ≤ 2×, ``validate demo`` ≤ 5× the yardstick). Every figure
is a fresh process timed from start to exit, the median of 7 runs (3 with ``--quick``) taken in turns -- yardstick,
``--help``, ``validate`` … -- so a busy machine slows all of them alike. Before timing, each command runs once untimed:
the bytecode is compiled (in a private ``PYTHONPYCACHEPREFIX``, as an installed package has it), and the plugin
command index (plugins/command_index.py), the parsed mechanism files (io/mechanism_file.py) and the plugins'
catalogue (plugins/catalog_cache.py) are written to a private cache folder, as on any machine after the first
``mechanisms`` command.

Two more lines, without a target, say where the figures stand: ``floor`` is a process that only imports what
``validate`` cannot do without (click, numpy, pyarrow and pyarrow.compute -- the engines and checks work on Arrow
columns), so ``validate demo`` can come no nearer the yardstick than it; ``validate demo --mechanism example`` is
the same command with the catalogue (read back from the cache).

    python -m benchmarks bench_cli              # 7 rounds
    python -m benchmarks bench_cli --quick      # 3 rounds
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 7


def _commands() -> dict[str, list[str]]:
    run = "from mechanisms.cli import main; main({})"
    return {"import click": [sys.executable, "-c", "import click"],
            "floor": [sys.executable, "-c", "import click, numpy, pyarrow, pyarrow.compute, pyarrow.csv"],
            "mechanisms --help": [sys.executable, "-c", run.format(["--help"])],
            "mechanisms validate demo": [sys.executable, "-c", run.format(["validate", "demo"])],
            "validate demo --mechanism": [sys.executable, "-c",
                                          run.format(["validate", "demo", "--mechanism", "example"])]}


def _time(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def measure(rounds: int = ROUNDS) -> dict[str, float]:
    """Median seconds of each command, over ``rounds`` interleaved runs."""
    with tempfile.TemporaryDirectory(prefix="bench_cli.") as tmp:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache"),
               "MECHANISMS_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = _commands()
        for cmd in commands.values():  # compile, write the plugin command index: untimed
            _time(cmd, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, cmd in commands.items():
                times[name].append(_time(cmd, env))
    return {name: statistics.median(t) for name, t in times.items()}


def main(argv: list[str]) -> None:
    rounds = 3 if "--quick" in argv else ROUNDS
    got = measure(rounds)
    base = got["import click"]
    print(f"{'measure':<28} {'median s':>9} {'× import click':>15}   target  ({rounds} rounds)")
    for name, target in (("import click", None), ("floor", None), ("mechanisms --help", 2.0),
                         ("mechanisms validate demo", 5.0), ("validate demo --mechanism", None)):
        ratio = got[name] / base
        verdict = "" if target is None else f"≤ {target:g}×  {'met' if ratio <= target else 'MISSED'}"
        print(f"{name:<28} {got[name]:>9.3f} {ratio:>15.2f}   {verdict}")

if __name__ == "__main__":
    main(sys.argv[1:])
