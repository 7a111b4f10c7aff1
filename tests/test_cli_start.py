"""A command-line process does not pay for pandas: pyarrow's pandas probe is answered "no" (cli/pandas_probe.py).

A stand-in ``pandas`` on PYTHONPATH writes to stderr when it is imported, so the test sees exactly who imports it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ANNOUNCE = "PANDAS IMPORTED"


def _run(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    fake = tmp_path / "fake" / "pandas"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(f"import sys\nsys.stderr.write({ANNOUNCE!r} + '\\n')\n__version__ = '9.9'\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(fake.parent), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


def test_a_command_reads_a_county_without_importing_pandas(tmp_path: Path) -> None:
    r = _run(tmp_path, "import sys; from mechanisms.cli import main; sys.argv = ['mechanisms', 'validate', 'demo']; "
                       "main()")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("数据有效：")
    assert ANNOUNCE not in r.stderr


def test_pandas_stays_importable_after_the_probe(tmp_path: Path) -> None:
    code = ("import sys\nfrom mechanisms.cli.pandas_probe import install\ninstall()\nimport pyarrow as pa\n"
            "pa.array([1])\nassert 'pandas' not in sys.modules\nimport pandas\nprint(pandas.__version__)\n")
    r = _run(tmp_path, code)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "9.9"
    assert r.stderr.count(ANNOUNCE) == 1  # once: by the import the user asked for


def test_without_the_cli_pyarrow_still_imports_pandas(tmp_path: Path) -> None:
    # the control: the stand-in is seen when the probe is not armed, so the first test can fail
    r = _run(tmp_path, "import pyarrow as pa\npa.array([1])\n")
    assert ANNOUNCE in r.stderr


def test_validate_demo_loads_only_what_it_uses(tmp_path: Path) -> None:
    # each of these cost a command's start 5-15 ms, for nothing validate demo does: records (the columnar path
    # builds none), numpy.ma (pa.array's masked-array question), tempfile (writing a file), ctypes.util (finding
    # libc), importlib.abc (a base class for an import hook), pyarrow's numpydoc parser and pydoc (docstrings of its
    # compute functions, cli/compute_docs.py), and the plugin system, rich and cattrs
    heavy = ("mechanisms.county.records", "mechanisms.county.org", "numpy.ma", "tempfile", "ctypes.util",
             "importlib.abc", "pyarrow.vendored.docscrape", "pydoc", "pluggy", "rich", "cattrs",
             "mechanisms.model.mechanism", "yaml")
    code = ("import sys\nfrom mechanisms.cli import main\ntry:\n    main(['validate', 'demo'])\nexcept SystemExit:\n"
            f"    pass\nprint(sorted(m for m in {heavy!r} if m in sys.modules))")
    env = {**os.environ, "MECHANISMS_CACHE_DIR": str(tmp_path)}  # a cold cache: the first command on a machine
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert lines[0].startswith("数据有效：") and lines[-1] == "[]"


COMPUTE = """\
import sys
from mechanisms.cli import compute_docs
{before}
compute_docs.install()
import pyarrow as pa, pyarrow.compute as pc
print(pc.index_in(pa.array(["b", "x"]), value_set=pa.array(["a", "b"])).to_pylist())
print(pc.index_in.__doc__.splitlines()[0])
print("skip_nulls : bool" in pc.index_in.__doc__, "pyarrow.vendored.docscrape" in sys.modules)
from pyarrow.vendored import docscrape
print(docscrape.NumpyDocString is not compute_docs.NoParameters)
"""


def _compute(before: str = "") -> list[str]:
    r = subprocess.run([sys.executable, "-c", COMPUTE.format(before=before)], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()


def test_compute_functions_work_with_their_summaries_and_the_real_parser_comes_back() -> None:
    # the kernels answer as ever, each keeps its summary line; only the options' parameter list is left out, the
    # parser was never imported, and whoever imports it afterwards gets the real one
    assert _compute() == ["[1, None]", "Return index of each element in a set of values.", "False False", "True"]


def test_if_pyarrow_reads_the_docs_differently_the_real_parser_is_used() -> None:
    # a stand-in that fails (as it would if pyarrow changed what it asks of the parser): pyarrow.compute still
    # imports, with its whole docstrings, and the command goes on
    broken = "def _fail(self, *a, **k):\n    raise KeyError('Parameters')\ncompute_docs.NoParameters.__init__ = _fail"
    assert _compute(broken) == ["[1, None]", "Return index of each element in a set of values.", "True True", "True"]
