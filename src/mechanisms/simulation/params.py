"""A run's seed and a scenario resolved against a prepared county: the inputs every part of a run shares."""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs
import numpy as np

from .prepared import SimCounty
from .scenario import DEFAULT_DEADLINE, Scenario

NEVER = np.iinfo(np.int64).max // 4

SeedLike = int | Sequence[int] | np.random.SeedSequence | np.random.Generator | None


def generator(seed: SeedLike) -> np.random.Generator:
    """A numpy Generator from an int, a sequence of ints, a SeedSequence or a Generator (used as is)."""
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(seed)


def run_seed(seed: int, run: int) -> np.random.SeedSequence:
    """The seed of run ``run`` of a Monte Carlo seeded with ``seed``: the ``run``-th child of ``SeedSequence(seed)``.

    It depends on nothing else — not the number of runs, not which worker runs it — which is
    what makes results identical whatever the number or kind of workers.
    """
    return np.random.SeedSequence(seed, spawn_key=(run,))


@attrs.frozen
class Params:
    """A scenario resolved against a prepared county: one value per post or per role."""

    days: int
    deadline: int
    rate: np.ndarray
    delay: np.ndarray
    interval: tuple[float | None, ...]
    compliance: np.ndarray
    reassign: str
    event_rate: float

    @classmethod
    def resolve(cls, sim: SimCounty, scenario: Scenario) -> Params:
        scenario.check_roles(sim.role_keys)
        keys = sim.role_keys
        # a self-held duty (a household for itself) is no post: it never falls vacant, whatever the scenario says
        turnover = np.array([0.0 if held else scenario.role_value("turnover", k) or 0.0
                             for k, held in zip(keys, sim.role_self_held, strict=True)], dtype=np.float64)
        delays = np.array([v if (v := scenario.role_value("replacement_days", k)) is not None else math.inf for k in keys],
                          dtype=np.float64)
        compliance = np.array([v if (v := scenario.role_value("compliance", k)) is not None else 1.0 for k in keys],
                              dtype=np.float64)
        interval = tuple(max(v, 1.0) if (v := scenario.visit_interval.get(k)) is not None else sim.role_interval[i]
                         for i, k in enumerate(keys))
        deadline = scenario.deadline if scenario.deadline is not None else \
            sim.deadline if sim.deadline is not None else DEFAULT_DEADLINE
        role = sim.post_role.astype(np.int64)
        return cls(scenario.days, deadline, turnover[role], delays[role], interval, compliance, scenario.reassign,
                   scenario.event_rate)
