"""A mechanism's assignment policy staffs any county, deterministically from a seed."""

from __future__ import annotations

from collections import Counter

import attrs
import pytest

from mechanisms import (
    AssignmentPolicy,
    Label,
    Mechanism,
    OrgStructure,
    Role,
    Scope,
    StaffingRule,
    Unit,
    UsageError,
    demo_county,
    validate_county,
)
from mechanisms.county.staffing import has_assignments_for, staff, staffed
from mechanisms.plugins.builtin import builtin_mechanisms

EXAMPLE = builtin_mechanisms()[0]


def _bare(structure: OrgStructure) -> OrgStructure:
    return attrs.evolve(structure, actors=(), assignments=())


def test_example_policy_on_the_demo_county() -> None:
    demo = demo_county()
    s = staff(_bare(demo.structure), EXAMPLE, seed=7)
    per_role = Counter(a.role for a in s.assignments)
    # 3 towns, 12 villages (a department and a township cadre each), 36 groups, 288 households
    assert per_role == {"county-leader": 3, "department": 12, "township-cadre": 12, "village-cadre": 36,
                        "party-member": 288}
    # one party member per 15 households, dealt out village by village: sum of ceil(households / 15)
    def parent(u: Unit) -> Unit:
        assert u.parent is not None
        return s.unit_by_id[u.parent]

    hh_per_village = Counter(parent(parent(u)).id for u in s.units if u.level == "household")
    assert Counter(a.kind for a in s.actors)["party-member"] == sum(-(-n // 15) for n in hh_per_village.values())
    assert all(a.mechanism == "example" for a in s.assignments)
    assert all("synthetic" in a.tags for a in s.actors)
    assert validate_county(attrs.evolve(demo, structure=s, visits=(), problems=()), EXAMPLE) == []
    assert staff(_bare(demo.structure), EXAMPLE, seed=7) == s


def _mech(*rules: StaffingRule, role: Role) -> Mechanism:
    return Mechanism("m", Label("测", "t"), Label("县", "c"), roles=(role,), policy=AssignmentPolicy(rules))


COUNT_ONLY = OrgStructure(units=(
    Unit("C", "县", "county"), Unit("T", "镇", "town", "C"),
    Unit("V1", "一村", "village", "T", ("worst",), households=38), Unit("V2", "二村", "village", "T", households=15),
    Unit("V3", "三村", "village", "T", households=0)))


def test_household_roles_on_count_only_units_cover_parts_of_them() -> None:
    role = Role("pm", Label("党员", "party member"), "household", ("party-member",))
    s = staff(COUNT_ONLY, _mech(StaffingRule("pm", "party-member", households_per_actor=15), role=role))
    assert [(a.unit, a.households) for a in s.assignments] == [("V1", 15), ("V1", 15), ("V1", 8), ("V2", 15)]


def test_units_per_actor_pools_units_and_share_picks_by_seed() -> None:
    role = Role("dept", Label("部门", "department"), "village", ("department",))
    s = staff(COUNT_ONLY, _mech(StaffingRule("dept", "department", units_per_actor=2), role=role))
    assert [(a.actor, a.unit) for a in s.assignments] == [("m/dept/00001", "V1"), ("m/dept/00001", "V2"),
                                                          ("m/dept/00002", "V3")]
    two = _mech(StaffingRule("dept", "department", per_unit=2, units_per_actor=2), role=role)
    pairs = [(a.actor, a.unit) for a in staff(COUNT_ONLY, two).assignments]
    assert len(pairs) == len(set(pairs)) == 6  # never the same actor twice on one unit
    shares = {tuple(a.unit for a in staff(COUNT_ONLY, _mech(StaffingRule("dept", "department", share=1 / 3), role=role),
                                          seed=seed).assignments) for seed in range(20)}
    assert all(len(units) == 1 for units in shares) and len(shares) > 1


def test_scope_and_households_per_actor_above_household_level() -> None:
    role = Role("vc", Label("村干部", "village cadre"), "village", ("village-cadre",), scope=Scope(tags_any=("worst",)))
    s = staff(COUNT_ONLY, _mech(StaffingRule("vc", "village-cadre", households_per_actor=14), role=role))
    assert [a.unit for a in s.assignments] == ["V1", "V1", "V1"]  # ceil(38 / 14)


def test_own_assignments_come_first_and_no_policy_is_a_usage_error() -> None:
    demo = demo_county()
    assert has_assignments_for(demo.structure, EXAMPLE)
    assert staffed(demo, EXAMPLE) == (demo, False)
    county, used = staffed(attrs.evolve(demo, structure=_bare(demo.structure)), EXAMPLE)
    assert used and len(county.structure.assignments) == 351
    with pytest.raises(UsageError, match="no assignment policy"):
        staff(COUNT_ONLY, attrs.evolve(EXAMPLE, policy=None))


def test_two_rules_for_one_role_number_their_actors_apart() -> None:
    role = Role("dept", Label("部门", "department"), "village", ("department", "enterprise"))
    m = _mech(StaffingRule("dept", "department"), StaffingRule("dept", "enterprise"), role=role)
    s = staff(COUNT_ONLY, m)
    assert len({a.id for a in s.actors}) == len(s.actors) == 6
    assert len({(a.actor, a.unit) for a in s.assignments}) == 6


def test_a_pool_larger_than_the_units_never_repeats_a_unit() -> None:
    role = Role("insp", Label("督查", "inspector"), "village", ("inspector",))
    s = staff(COUNT_ONLY, _mech(StaffingRule("insp", "inspector", per_unit=3, units_per_actor=15), role=role))
    pairs = [(a.actor, a.unit) for a in s.assignments]
    assert len(pairs) == len(set(pairs)) == 9
    assert Counter(a.unit for a in s.assignments) == {"V1": 3, "V2": 3, "V3": 3}
