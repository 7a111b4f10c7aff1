"""mechanisms: county responsibility mechanisms (包保/包联) as data, plugins and engines.

The public API is what this module re-exports; everything else is private to the library.
"""

from .atomic import write_text
from .campaign import Action, Campaign, Milestone, Phase, RelativeDeadline, ReportingEvent, Target, Task
from .campaign_status import (
    CampaignStatus,
    DeadlineCase,
    MilestoneStatus,
    Occurrence,
    TaskStatus,
    campaign_status,
    reporting_calendar,
)
from .converter import converter, make_converter, structure, unstructure
from .coverage import (
    CompactCounty,
    CoverageModel,
    CoverageReport,
    Gap,
    RobustnessPoint,
    RoleCoverage,
    RoleLoad,
    RoleRedundancy,
    SinglePoint,
    build_model,
    coverage_report,
    report_from_model,
)
from .data.county_io import load_county, write_county
from .data.demo import demo_county
from .documents import dumps, load, loads
from .errors import DataError, DataProblem, MechanismsError, OverwriteError, PluginError, UsageError
from .formula import FormulaError, evaluate
from .generate import generate_structure
from .indicator_values import Achievement, IndicatorValue, IndicatorValues, achievement_percent
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
from .periods import Period, iterate, periods_between, schedule_dates
from .plugins import Catalog, MechanismEntry, PluginProblem, get_plugin_manager, hookimpl, hookspec, load_catalog
from .points import LedgerLine, PointsError, PointsLedger, ledger_from_records
from .records import DONE, County, Event, Observation, Origin, PointsEntry, ProblemRecord, Visit
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
from .scoring_engine import ListResult, RankingResult, ScoringEngine, TierResult, rank_scores
from .shape import CountyShape, TagShare
from .staffing import has_assignments_for, staff, staffed
from .supervision import ClosureRate, ProblemStatus, closure_rates, supervise
from .validation import validate_county
from .visit_compliance import VisitCheck, check_visits, compliance_by_role

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_LEVELS",
    "DONE",
    "AccountabilityCategory",
    "Achievement",
    "Action",
    "Actor",
    "Assignment",
    "AssignmentPolicy",
    "Assumption",
    "Campaign",
    "CampaignStatus",
    "Catalog",
    "ClosureRate",
    "CompactCounty",
    "County",
    "CountyShape",
    "CoverageModel",
    "CoverageReport",
    "CoverageRule",
    "DataError",
    "DataProblem",
    "DeadlineCase",
    "Derived",
    "Event",
    "Feature",
    "FeatureItem",
    "Figure",
    "FormulaError",
    "Frequency",
    "Gap",
    "IndicatorDef",
    "IndicatorTarget",
    "IndicatorValue",
    "IndicatorValues",
    "Label",
    "LedgerLine",
    "Level",
    "ListResult",
    "ListRule",
    "Mechanism",
    "MechanismEntry",
    "MechanismsError",
    "Milestone",
    "MilestoneStatus",
    "Observation",
    "Occurrence",
    "OrgStructure",
    "Origin",
    "OverwriteError",
    "PeerGroup",
    "Period",
    "Phase",
    "PluginError",
    "PluginProblem",
    "PointsEntry",
    "PointsError",
    "PointsLedger",
    "PointsRule",
    "PointsScheme",
    "ProblemRecord",
    "ProblemStatus",
    "Ranking",
    "RankingResult",
    "ReferenceCase",
    "RelativeDeadline",
    "ReportingEvent",
    "RobustnessPoint",
    "Role",
    "RoleCoverage",
    "RoleLoad",
    "RoleRedundancy",
    "Schedule",
    "Scope",
    "ScoreItem",
    "Scorecard",
    "Scoring",
    "ScoringEngine",
    "SinglePoint",
    "SourceRef",
    "StaffingRule",
    "Supervision",
    "TagShare",
    "Target",
    "Task",
    "TaskStatus",
    "Tier",
    "TierResult",
    "TierScheme",
    "Unit",
    "UsageError",
    "Visit",
    "VisitCheck",
    "achievement_percent",
    "apply_overrides",
    "build_model",
    "campaign_status",
    "case_document",
    "check_mechanism",
    "check_visits",
    "closure_rates",
    "compliance_by_role",
    "compute_derived",
    "converter",
    "coverage_report",
    "demo_county",
    "dumps",
    "evaluate",
    "generate_structure",
    "get_plugin_manager",
    "has_assignments_for",
    "hookimpl",
    "hookspec",
    "iterate",
    "ledger_from_records",
    "load",
    "load_catalog",
    "load_county",
    "load_mechanism_file",
    "loads",
    "make_converter",
    "periods_between",
    "rank_scores",
    "report_from_model",
    "reporting_calendar",
    "schedule_dates",
    "staff",
    "staffed",
    "structure",
    "supervise",
    "unstructure",
    "validate_county",
    "write_county",
    "write_text",
]
