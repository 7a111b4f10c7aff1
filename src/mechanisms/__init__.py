"""mechanisms: county responsibility mechanisms (包保/包联) as data, plugins and engines.

The public API is the names below: what a developer building a county system and a plugin author need. They are
loaded on first use (PEP 562 ``__getattr__``), so ``import mechanisms`` costs almost nothing and imports neither
numpy, pyarrow nor the plugin catalog. Everything else lives in subpackages named for what they hold:
``model`` (what a mechanism says), ``county`` (the county and its records), ``io`` (files in and out),
``coverage``, ``year`` (campaigns, indicators, scores, points, supervision, visits), ``simulation``, ``compare``,
``report``, ``plugins``, ``cli`` and ``testing``; their modules may be imported directly, but only the names here
are promised to stay.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Actor": "mechanisms.county.org",
    "apply_overrides": "mechanisms.model.assumptions",
    "Assignment": "mechanisms.county.org",
    "AssignmentPolicy": "mechanisms.model.mechanism",
    "Assumption": "mechanisms.model.mechanism",
    "build_model": "mechanisms.coverage.results",
    "campaign_status": "mechanisms.year.campaign_status",
    "case_document": "mechanisms.model.reference",
    "Catalog": "mechanisms.plugins.manager",
    "check_mechanism": "mechanisms.model.checks",
    "check_visits": "mechanisms.year.visits",
    "compute_derived": "mechanisms.model.reference",
    "County": "mechanisms.county.records",
    "CountyShape": "mechanisms.model.shape",
    "coverage_report": "mechanisms.coverage.results",
    "CoverageReport": "mechanisms.coverage.results",
    "CoverageRule": "mechanisms.model.mechanism",
    "DataError": "mechanisms.errors",
    "DataProblem": "mechanisms.errors",
    "demo_county": "mechanisms.io.demo",
    "dumps": "mechanisms.io.documents",
    "generate_structure": "mechanisms.county.generate",
    "get_path": "mechanisms.model.assumptions",
    "get_plugin_manager": "mechanisms.plugins.manager",
    "hookimpl": "mechanisms.plugins.hookspecs",
    "hookspec": "mechanisms.plugins.hookspecs",
    "Label": "mechanisms.model.labels",
    "Level": "mechanisms.model.levels",
    "load": "mechanisms.io.documents",
    "load_catalog": "mechanisms.plugins.manager",
    "load_county": "mechanisms.io.county_io",
    "load_mechanism_file": "mechanisms.io.mechanism_file",
    "loads": "mechanisms.io.documents",
    "Mechanism": "mechanisms.model.mechanism",
    "MechanismsError": "mechanisms.errors",
    "monte_carlo": "mechanisms.simulation.montecarlo",
    "Observation": "mechanisms.county.records",
    "OrgStructure": "mechanisms.county.org",
    "OverwriteError": "mechanisms.errors",
    "PluginError": "mechanisms.errors",
    "register_file": "mechanisms.io.mechanism_file",
    "RegisterCommand": "mechanisms.plugins.hookspecs",
    "RegisterMechanism": "mechanisms.plugins.hookspecs",
    "Role": "mechanisms.model.mechanism",
    "Scenario": "mechanisms.simulation.scenario",
    "Scope": "mechanisms.model.mechanism",
    "ScoringEngine": "mechanisms.year.scores",
    "simulate": "mechanisms.simulation.engine",
    "staff": "mechanisms.county.staffing",
    "StaffingRule": "mechanisms.model.mechanism",
    "structure": "mechanisms.converter",
    "supervise": "mechanisms.year.supervision",
    "Unit": "mechanisms.county.org",
    "unstructure": "mechanisms.converter",
    "UsageError": "mechanisms.errors",
    "validate_county": "mechanisms.county.validation",
    "Visit": "mechanisms.county.records",
    "write_county": "mechanisms.io.county_io",
}
"""Public name -> the module that defines it (a test checks this against the imports below)."""

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # what type checkers and editors see; at run time __getattr__ imports on demand
    from .converter import structure, unstructure
    from .county.generate import generate_structure
    from .county.org import Actor, Assignment, OrgStructure, Unit
    from .county.records import County, Observation, Visit
    from .county.staffing import staff
    from .county.validation import validate_county
    from .coverage.results import CoverageReport, build_model, coverage_report
    from .errors import DataError, DataProblem, MechanismsError, OverwriteError, PluginError, UsageError
    from .io.county_io import load_county, write_county
    from .io.demo import demo_county
    from .io.documents import dumps, load, loads
    from .io.mechanism_file import load_mechanism_file, register_file
    from .model.assumptions import apply_overrides, get_path
    from .model.checks import check_mechanism
    from .model.labels import Label
    from .model.levels import Level
    from .model.mechanism import AssignmentPolicy, Assumption, CoverageRule, Mechanism, Role, Scope, StaffingRule
    from .model.reference import case_document, compute_derived
    from .model.shape import CountyShape
    from .plugins.hookspecs import RegisterCommand, RegisterMechanism, hookimpl, hookspec
    from .plugins.manager import Catalog, get_plugin_manager, load_catalog
    from .simulation.engine import simulate
    from .simulation.montecarlo import monte_carlo
    from .simulation.scenario import Scenario
    from .year.campaign_status import campaign_status
    from .year.scores import ScoringEngine
    from .year.supervision import supervise
    from .year.visits import check_visits


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'mechanisms' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
