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
    "DEFAULT_LEVELS": "mechanisms.model.levels",
    "demo_county": "mechanisms.io.demo",
    "dumps": "mechanisms.io.documents",
    "Frequency": "mechanisms.model.schedule",
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

# a literal list, so type checkers see which names are re-exported (a test checks it names exactly _EXPORTS)
__all__ = [
    "DEFAULT_LEVELS",
    "Actor",
    "Assignment",
    "AssignmentPolicy",
    "Assumption",
    "Catalog",
    "County",
    "CountyShape",
    "CoverageReport",
    "CoverageRule",
    "DataError",
    "DataProblem",
    "Frequency",
    "Label",
    "Level",
    "Mechanism",
    "MechanismsError",
    "Observation",
    "OrgStructure",
    "OverwriteError",
    "PluginError",
    "RegisterCommand",
    "RegisterMechanism",
    "Role",
    "Scenario",
    "Scope",
    "ScoringEngine",
    "StaffingRule",
    "Unit",
    "UsageError",
    "Visit",
    "apply_overrides",
    "build_model",
    "campaign_status",
    "case_document",
    "check_mechanism",
    "check_visits",
    "compute_derived",
    "coverage_report",
    "demo_county",
    "dumps",
    "generate_structure",
    "get_path",
    "get_plugin_manager",
    "hookimpl",
    "hookspec",
    "load",
    "load_catalog",
    "load_county",
    "load_mechanism_file",
    "loads",
    "monte_carlo",
    "register_file",
    "simulate",
    "staff",
    "structure",
    "supervise",
    "unstructure",
    "validate_county",
    "write_county",
]

if TYPE_CHECKING:  # what type checkers and editors see; at run time __getattr__ imports on demand
    from .converter import structure as structure
    from .converter import unstructure as unstructure
    from .county.generate import generate_structure as generate_structure
    from .county.org import Actor as Actor
    from .county.org import Assignment as Assignment
    from .county.org import OrgStructure as OrgStructure
    from .county.org import Unit as Unit
    from .county.records import County as County
    from .county.records import Observation as Observation
    from .county.records import Visit as Visit
    from .county.staffing import staff as staff
    from .county.validation import validate_county as validate_county
    from .coverage.results import CoverageReport as CoverageReport
    from .coverage.results import build_model as build_model
    from .coverage.results import coverage_report as coverage_report
    from .errors import DataError as DataError
    from .errors import DataProblem as DataProblem
    from .errors import MechanismsError as MechanismsError
    from .errors import OverwriteError as OverwriteError
    from .errors import PluginError as PluginError
    from .errors import UsageError as UsageError
    from .io.county_io import load_county as load_county
    from .io.county_io import write_county as write_county
    from .io.demo import demo_county as demo_county
    from .io.documents import dumps as dumps
    from .io.documents import load as load
    from .io.documents import loads as loads
    from .io.mechanism_file import load_mechanism_file as load_mechanism_file
    from .io.mechanism_file import register_file as register_file
    from .model.assumptions import apply_overrides as apply_overrides
    from .model.assumptions import get_path as get_path
    from .model.checks import check_mechanism as check_mechanism
    from .model.labels import Label as Label
    from .model.levels import DEFAULT_LEVELS as DEFAULT_LEVELS
    from .model.levels import Level as Level
    from .model.mechanism import AssignmentPolicy as AssignmentPolicy
    from .model.mechanism import Assumption as Assumption
    from .model.mechanism import CoverageRule as CoverageRule
    from .model.mechanism import Mechanism as Mechanism
    from .model.mechanism import Role as Role
    from .model.mechanism import Scope as Scope
    from .model.mechanism import StaffingRule as StaffingRule
    from .model.reference import case_document as case_document
    from .model.reference import compute_derived as compute_derived
    from .model.schedule import Frequency as Frequency
    from .model.shape import CountyShape as CountyShape
    from .plugins.hookspecs import RegisterCommand as RegisterCommand
    from .plugins.hookspecs import RegisterMechanism as RegisterMechanism
    from .plugins.hookspecs import hookimpl as hookimpl
    from .plugins.hookspecs import hookspec as hookspec
    from .plugins.manager import Catalog as Catalog
    from .plugins.manager import get_plugin_manager as get_plugin_manager
    from .plugins.manager import load_catalog as load_catalog
    from .simulation.engine import simulate as simulate
    from .simulation.montecarlo import monte_carlo as monte_carlo
    from .simulation.scenario import Scenario as Scenario
    from .year.campaign_status import campaign_status as campaign_status
    from .year.scores import ScoringEngine as ScoringEngine
    from .year.supervision import supervise as supervise
    from .year.visits import check_visits as check_visits


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
