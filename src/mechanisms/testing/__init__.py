"""Pytest fixtures and checks for plugin authors (installed as the ``mechanisms`` pytest plugin).

``mechanism_catalog`` builds a fresh catalogue from installed plugins; ``temp_plugin``
registers a plugin object for one test only; ``demo`` is the demo county.
:func:`assert_contract` checks everything every plugin must satisfy (quotes verbatim in the source,
round trips, every assumption overridable, ``show``/``case`` working); :func:`hedged_figures` checks a
reference case's approximate figures and ratios.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from ..county.records import County
from ..io.demo import demo_county
from ..plugins.manager import Catalog, get_plugin_manager, load_catalog
from .contract import assert_contract, contract_problems, hedged_figures

__all__ = ["assert_contract", "contract_problems", "demo", "hedged_figures", "mechanism_catalog", "temp_plugin"]


@pytest.fixture
def demo() -> County:
    return demo_county()


@pytest.fixture
def mechanism_catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def temp_plugin() -> Iterator[Callable[..., Catalog]]:
    """Call with plugin objects (modules or classes with ``@hookimpl`` methods) to get a catalogue with them."""

    def build(*plugins: object, entry_points: bool = False) -> Catalog:
        catalog = Catalog()
        pm = get_plugin_manager(entry_points=entry_points, problems=catalog.problems, extra=plugins)
        built = load_catalog(pm)
        built.problems[:0] = catalog.problems
        return built

    yield build
