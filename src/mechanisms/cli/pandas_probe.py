"""Keep pyarrow from importing pandas in a command-line process.

pyarrow asks "is pandas installed?" the first time any array or table is built (``pa.array``, ``pa.table``,
``pa.scalar``: its pandas shim imports pandas to recognise pandas objects). On a machine with pandas -- most
analysts' -- that import costs 0.2-0.8 s on every command, longer than validating the demo county, for objects the
command line never hands pyarrow. So the CLI, and only the CLI (a library user's process is left alone), answers
that first question with "no": when pyarrow is imported, its shim is asked once with pandas hidden, and pandas is
visible again straight after. ``import pandas`` still works in the process, and pyarrow's own conversions that need
pandas (``Table.to_pandas``) import it when they are called, as they check again.

tests/test_cli_start.py runs a command beside a stand-in pandas whose import announces itself.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec


class _HidePandas:
    """While pyarrow's shim asks, ``import pandas`` finds nothing (ModuleNotFoundError, as on a machine without)."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None,
                  ) -> ModuleSpec | None:
        if fullname == "pandas" or fullname.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


def _ask_shim_without_pandas(pyarrow: Any) -> None:
    hide = _HidePandas()
    sys.meta_path.insert(0, hide)
    try:
        pyarrow.array([])  # the shim's first question, answered "no pandas"
    finally:
        sys.meta_path.remove(hide)


class _OnPyarrowImport:
    """Finds nothing itself: when ``pyarrow`` is first imported, wraps its loader so the shim is asked right after.

    Both finders are plain classes with a ``find_spec``, all ``sys.meta_path`` asks of them: subclassing
    ``importlib.abc.MetaPathFinder`` imports importlib.resources, tempfile and shutil, 6 ms of every command."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None,
                  ) -> ModuleSpec | None:
        if fullname != "pyarrow":
            return None
        sys.meta_path.remove(self)  # once; and so the lookup below does not come back here
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_then_ask(module: types.ModuleType) -> None:
            exec_module(module)
            _ask_shim_without_pandas(module)

        loader.exec_module = exec_then_ask  # type: ignore[method-assign]
        return spec


def install() -> None:
    """Arm the probe for this process, unless pyarrow is already imported (then there is nothing to save)."""
    if "pyarrow" in sys.modules or any(isinstance(f, _OnPyarrowImport) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _OnPyarrowImport())
