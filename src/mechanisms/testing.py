"""Pytest fixtures and checks for plugin authors (installed as the ``mechanisms`` pytest plugin).

``mechanism_catalog`` builds a fresh catalogue from installed plugins; ``temp_plugin``
registers a plugin object for one test only; ``demo`` is the demo county.
:func:`hedged_figures` checks a reference case's approximate figures and ratios.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from .data.demo import demo_county
from .formula import names
from .mechanism import Mechanism
from .plugins.manager import Catalog, get_plugin_manager, load_catalog
from .records import County
from .reference import compute_derived


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


def hedged_figures(mechanism: Mechanism) -> dict[str, str]:
    """The figures a mechanism's source gives only as a floor or ceiling (key → ``approx``), once it is checked that
    every ratio computed from one of them, directly or through another ratio, is marked approximate and no other is.

    A plugin's test compares the result with the figures its source hedges (多/余/以上, 近).
    """
    assert mechanism.reference is not None, f"{mechanism.key} has no reference case"
    stated = {f.key: f.approx for f in mechanism.reference.figures if f.approx != "exact"}
    hedged = set(stated)
    for dv in compute_derived(mechanism.reference):
        assert dv.approx == bool(names(dv.derived.formula) & hedged), f"{dv.derived.key}: approx should be {not dv.approx}"
        if dv.approx:
            hedged.add(dv.derived.key)
    return stated
