"""Pytest fixtures for plugin authors (installed as the ``mechanisms`` pytest plugin).

``mechanism_catalog`` builds a fresh catalogue from installed plugins; ``temp_plugin``
registers a plugin object for one test only; ``demo`` is the demo county.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from .data.demo import demo_county
from .plugins.manager import Catalog, get_plugin_manager, load_catalog
from .records import County


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
