"""Re-assignment: who takes over when actors leave (a MILP through HiGHS, a greedy fallback), and even staffing.

A layer above ``coverage`` and ``county``: it may import those, ``model`` and ``io``; only
``cli``, ``simulation`` and ``compare`` import it.
"""

from __future__ import annotations

from .api import KEEP_WITHIN, mechanism_actors, propose, random_leavers, staff_optimized
from .result import REASONS, Move, ReassignResult, RoleOutcome, Uncovered
from .solver import Objective

__all__ = ["KEEP_WITHIN", "REASONS", "Move", "Objective", "ReassignResult", "RoleOutcome", "Uncovered",
           "mechanism_actors", "propose", "random_leavers", "staff_optimized"]
