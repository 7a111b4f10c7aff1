"""Mechanisms side by side on one county: coverage, load, robustness, burden, scoring."""

from .comparison import MechanismColumn, Simulated, compare, compare_one

__all__ = ["MechanismColumn", "Simulated", "compare", "compare_one"]
