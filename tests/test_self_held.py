"""A self-held role (门前三包: a household keeps its own front) is no post: its holders never leave, are never single
points of failure, and do not enter the robustness of the chain."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from mechanisms.county.org import Actor, Assignment, OrgStructure, Unit
from mechanisms.county.records import County
from mechanisms.coverage import build_model, coverage_report, exact_all, exact_role, robustness
from mechanisms.model.labels import L
from mechanisms.model.mechanism import Mechanism, Role
from mechanisms.simulation import PerRole, Scenario, prepare
from mechanisms.simulation.params import Params

# C ─ T ─ V ─ G ─ H1 H2 H3 ; two cadres on V (C1 on both G, C2 too), H3 keeps no front
UNITS = (Unit("C", "C", "county"), Unit("T", "T", "town", "C"), Unit("V", "V", "village", "T"),
         Unit("G", "G", "group", "V"), *(Unit(h, h, "household", "G") for h in ("H1", "H2", "H3")))
ACTORS = (Actor("C1", "C1", "cadre"), Actor("C2", "C2", "cadre"), Actor("H1", "H1", "household"),
          Actor("H2", "H2", "household"))
EDGES = (Assignment("C1", "cadre", "V"), Assignment("H1", "front", "H1"), Assignment("H2", "front", "H2"))


def _mechanism(self_held: bool) -> Mechanism:
    return Mechanism("held", L("门前三包", "front"), L("县", "county"), roles=(
        Role("cadre", L("村干部", "cadre"), "village", ("cadre",)),
        Role("front", L("门前三包", "front"), "household", ("household",), self_held=self_held)))


def _county() -> County:
    return County(OrgStructure(units=UNITS, actors=ACTORS, assignments=EDGES))


def _brute_chain(f_leave: float, pool: list[str]) -> float:
    """Expected share of households whose chain is complete, enumerating every set of leavers (fixed turnover)."""
    k = int(np.floor(f_leave * len(pool) + 0.5))
    shares = []
    for gone in itertools.combinations(pool, k):
        ok = 0
        for h in ("H1", "H2", "H3"):
            cadre = "C1" not in gone
            front = h in ("H1", "H2") and h not in gone
            ok += cadre and front
        shares.append(ok / 3)
    return float(np.mean(shares))


def test_self_held_holders_never_leave_in_the_exact_robustness() -> None:
    held = build_model(_county(), _mechanism(True))
    post = build_model(_county(), _mechanism(False))
    for f in (0.0, 0.25, 0.5, 1.0):
        # with the flag only the cadre can leave: the pool is {C1}; without it, households leave too
        assert exact_all(held, f) == pytest.approx(_brute_chain(f, ["C1"]))
        assert exact_all(post, f) == pytest.approx(_brute_chain(f, ["C1", "H1", "H2"]))
    assert exact_role(held, 1, 1.0) == pytest.approx(2 / 3)  # H1 and H2 keep their own fronts whatever happens
    keys = {p.role for p in robustness(held, [0.5])}
    assert keys == {"cadre", "all"}


def test_self_held_holders_are_no_single_points_of_failure() -> None:
    held = coverage_report(_county(), _mechanism(True))
    post = coverage_report(_county(), _mechanism(False))
    assert [(s.actor, s.role) for s in held.single_points_of_failure] == [("C1", "cadre")]
    assert {(s.actor, s.role) for s in post.single_points_of_failure} == {("C1", "cadre"), ("H1", "front"),
                                                                          ("H2", "front")}


def test_self_held_posts_never_fall_vacant_in_the_simulation() -> None:
    sim = prepare(_county(), _mechanism(True))
    assert sim.role_self_held == (False, True)
    rate = Params.resolve(sim, Scenario(turnover=PerRole(default=5.0))).rate
    assert [float(r) for r in rate] == [5.0, 0.0, 0.0]  # the cadre's post, then the two households' own fronts
