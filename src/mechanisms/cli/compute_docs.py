"""Skip the docstrings pyarrow writes for its compute functions, in a command-line process.

Why: ``import pyarrow.compute`` wraps each of its ~290 kernels in a Python function and writes that function's
docstring, reading every options class's numpydoc text with its vendored parser (and importing pydoc for it).
That is about half of the module's import: 32-47 ms against 18-19 ms without, measured here in turns, on every
command that reads data, and no command-line process ever reads those docstrings. So the CLI, and only the CLI
(cli/app.py; a library user's process is left alone), lets pyarrow.compute import with a parser that finds no
parameters: each function keeps its summary, description and signature, and only the options' parameter list is
missing from its help text.

If pyarrow ever uses the parser differently and the import fails with the stand-in, the module is imported again
with the real parser: a start-up saving must never cost a command.

tests/test_cli_start.py checks that a command imports the real parser nowhere and that the functions still work.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

PARSER = "pyarrow.vendored.docscrape"


class NoParameters(dict[str, list[Any]]):
    """Stands in for ``docscrape.NumpyDocString``: a docstring with no sections, so ``doc['Parameters']`` is empty."""

    def __init__(self, docstring: str, config: Any = None) -> None:
        super().__init__()

    def __missing__(self, key: str) -> list[Any]:
        return []


def _stand_in() -> types.ModuleType:
    module = types.ModuleType(PARSER, "Stand-in for pyarrow's numpydoc parser while pyarrow.compute imports "
                                      "(mechanisms/cli/compute_docs.py).")
    module.NumpyDocString = NoParameters  # type: ignore[attr-defined]
    return module


class _OnComputeImport:
    """Finds nothing itself: when ``pyarrow.compute`` is first imported, runs it with the stand-in parser.

    A plain class with a ``find_spec``, as in cli/pandas_probe.py (importlib.abc costs 6 ms of every command)."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None,
                  ) -> ModuleSpec | None:
        if fullname != "pyarrow.compute":
            return None
        sys.meta_path.remove(self)  # once; and so the lookup below does not come back here
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None or PARSER in sys.modules:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_with_stand_in(module: types.ModuleType) -> None:
            fresh = dict(module.__dict__)  # what the import system set (__name__, __spec__ …), for a second run
            stand_in = sys.modules[PARSER] = _stand_in()
            try:
                exec_module(module)
            except Exception:  # pyarrow changed how it reads the docs: import it as it is, with the real parser
                _forget(stand_in)
                module.__dict__.clear()
                module.__dict__.update(fresh)
                exec_module(module)
            else:
                _forget(stand_in)

        loader.exec_module = exec_with_stand_in  # type: ignore[method-assign]
        return spec


def _forget(stand_in: types.ModuleType) -> None:
    """The stand-in out of sight again: a later ``import pyarrow.vendored.docscrape`` gets the real parser. (``from
    pyarrow.vendored import docscrape`` took it from ``sys.modules`` without binding it on the package.)"""
    if sys.modules.get(PARSER) is stand_in:
        del sys.modules[PARSER]


def install() -> None:
    """Arm the hook for this process, unless pyarrow.compute is already imported (then there is nothing to save)."""
    if "pyarrow.compute" in sys.modules or any(isinstance(f, _OnComputeImport) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _OnComputeImport())
