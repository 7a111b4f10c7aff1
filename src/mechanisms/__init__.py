"""mechanisms: county responsibility mechanisms (包保/包联) as data, plugins and engines.

The public API is what this module re-exports; everything else is private to the library.
"""

from .atomic import write_text
from .campaign import Action, Campaign, Milestone, Phase, RelativeDeadline, ReportingEvent, Target, Task
from .converter import converter, make_converter, structure, unstructure
from .data.county_io import load_county, write_county
from .data.demo import demo_county
from .documents import dumps, load, loads
from .errors import DataError, DataProblem, MechanismsError, OverwriteError, PluginError, UsageError
from .formula import FormulaError, evaluate
from .indicators import IndicatorDef, IndicatorTarget
from .labels import Label
from .mechanism import (
    AssignmentPolicy,
    Assumption,
    CoverageRule,
    Derived,
    Feature,
    FeatureItem,
    Figure,
    Mechanism,
    ReferenceCase,
    Role,
    Scope,
    SourceRef,
    StaffingRule,
)
from .mechanism_checks import check_mechanism
from .mechanism_file import load_mechanism_file
from .org import DEFAULT_LEVELS, Actor, Assignment, Level, OrgStructure, Unit
from .overrides import apply_overrides
from .plugins import Catalog, MechanismEntry, PluginProblem, get_plugin_manager, hookimpl, hookspec, load_catalog
from .records import County, Observation, Origin, PointsEntry, ProblemRecord, Visit
from .reference import case_document, compute_derived
from .schedule import Frequency, Schedule
from .scoring import (
    AccountabilityCategory,
    ListRule,
    PeerGroup,
    PointsRule,
    PointsScheme,
    Ranking,
    Scorecard,
    ScoreItem,
    Scoring,
    Supervision,
    Tier,
    TierScheme,
)
from .validation import validate_county

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_LEVELS",
    "AccountabilityCategory",
    "Action",
    "Actor",
    "Assignment",
    "AssignmentPolicy",
    "Assumption",
    "Campaign",
    "Catalog",
    "County",
    "CoverageRule",
    "DataError",
    "DataProblem",
    "Derived",
    "Feature",
    "FeatureItem",
    "Figure",
    "FormulaError",
    "Frequency",
    "IndicatorDef",
    "IndicatorTarget",
    "Label",
    "Level",
    "ListRule",
    "Mechanism",
    "MechanismEntry",
    "MechanismsError",
    "Milestone",
    "Observation",
    "OrgStructure",
    "Origin",
    "OverwriteError",
    "PeerGroup",
    "Phase",
    "PluginError",
    "PluginProblem",
    "PointsEntry",
    "PointsRule",
    "PointsScheme",
    "ProblemRecord",
    "Ranking",
    "ReferenceCase",
    "RelativeDeadline",
    "ReportingEvent",
    "Role",
    "Schedule",
    "Scope",
    "ScoreItem",
    "Scorecard",
    "Scoring",
    "SourceRef",
    "StaffingRule",
    "Supervision",
    "Target",
    "Task",
    "Tier",
    "TierScheme",
    "Unit",
    "UsageError",
    "Visit",
    "apply_overrides",
    "case_document",
    "check_mechanism",
    "compute_derived",
    "converter",
    "demo_county",
    "dumps",
    "evaluate",
    "get_plugin_manager",
    "hookimpl",
    "hookspec",
    "load",
    "load_catalog",
    "load_county",
    "load_mechanism_file",
    "loads",
    "make_converter",
    "structure",
    "unstructure",
    "validate_county",
    "write_county",
    "write_text",
]
