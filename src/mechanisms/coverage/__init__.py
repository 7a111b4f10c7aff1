"""Coverage: does responsibility reach every household, and how fragile is it?

The engine works on compact arrays built once from a county (:class:`CompactCounty`), or
straight from arrays for province-sized synthetic counties. See ``docs/coverage.md`` for
the precise meaning of every figure.
"""

from .arrays import ALL, CompactCounty, Edges, NumberedIds, day_number
from .engine import Cells, CoverageModel, RoleArrays
from .results import (
    CoverageReport,
    Gap,
    LevelCoverage,
    RoleCoverage,
    RoleLoad,
    RoleRedundancy,
    SinglePoint,
    build_model,
    coverage_report,
    gini,
    report_from_model,
)
from .robustness import ALL_ROLES, RobustnessPoint, TurnoverModel, exact_all, exact_role, monte_carlo, robustness

__all__ = [
    "ALL",
    "ALL_ROLES",
    "Cells",
    "CompactCounty",
    "CoverageModel",
    "CoverageReport",
    "Edges",
    "Gap",
    "LevelCoverage",
    "NumberedIds",
    "RobustnessPoint",
    "RoleArrays",
    "RoleCoverage",
    "RoleLoad",
    "RoleRedundancy",
    "SinglePoint",
    "TurnoverModel",
    "build_model",
    "coverage_report",
    "day_number",
    "exact_all",
    "exact_role",
    "gini",
    "monte_carlo",
    "report_from_model",
    "robustness",
]
