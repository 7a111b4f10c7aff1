"""Visit compliance worked by hand: each role's frequency against the visits table, per actor and unit."""

from __future__ import annotations

import datetime as dt

from mechanisms import Actor, Assignment, County, Label, Mechanism, OrgStructure, Role, Unit, Visit
from mechanisms.model.schedule import Frequency
from mechanisms.year.visits import check_visits, compliance_by_role

D = dt.date
L = Label("x", "x")
MECH = Mechanism("t", L, L, roles=(
    Role("leader", L, "town", ("leader",), visits=Frequency(1, "month")),
    Role("cadre", L, "village", ("cadre",), visits=Frequency(1, "week")),
    Role("member", L, "household", ("member",), visits=Frequency(2, "month", "day")),
    Role("inspector", L, "village", ("cadre",), visits=Frequency(1, "quarter")),
    Role("department", L, "village", ("department",)),  # no visit duty: not checked
))
UNITS = (Unit("C", "县", "county"), Unit("T1", "镇", "town", "C"), Unit("V1", "一村", "village", "T1"),
         Unit("V2", "二村", "village", "T1"), Unit("G1", "一组", "group", "V1"),
         Unit("H1", "户一", "household", "G1"), Unit("H2", "户二", "household", "G1"))
ACTORS = tuple(Actor(a, a, k) for a, k in (("L1", "leader"), ("C1", "cadre"), ("C2", "cadre"), ("C3", "cadre"),
                                           ("M1", "member"), ("I1", "cadre"), ("X1", "cadre"), ("D1", "department")))
ASSIGNMENTS = (
    Assignment("L1", "leader", "T1"),
    Assignment("C1", "cadre", "V1"),
    Assignment("C2", "cadre", "V2", start=D(2024, 5, 15)),  # from mid-May: owes the weeks begun since
    Assignment("C3", "cadre", "V2", end=D(2024, 4, 30)),  # gone before May: not checked
    Assignment("M1", "member", "H1"), Assignment("M1", "member", "H2"),
    Assignment("I1", "inspector", "V1"),
    Assignment("X1", "cadre", "V1", mechanism="other"),  # another mechanism's edge
    Assignment("D1", "department", "V1"),
)
VISITS = (
    Visit("L1", "V1", D(2024, 5, 3)),  # a village of the contact town counts for the town
    Visit("L1", "T1", D(2024, 5, 20), "leader"),
    Visit("L1", "T1", D(2024, 5, 21), "cadre"),  # recorded under another role: not counted
    Visit("C1", "V1", D(2024, 5, 6)), Visit("C1", "V1", D(2024, 5, 13)), Visit("C1", "V1", D(2024, 5, 20)),
    Visit("C1", "V2", D(2024, 5, 27)),  # not C1's village
    Visit("C1", "V1", D(2024, 6, 3)),  # June
    Visit("C2", "V2", D(2024, 5, 10)),  # before the assignment began
    Visit("C2", "V2", D(2024, 5, 21)), Visit("C2", "V2", D(2024, 5, 28)),
    Visit("M1", "H1", D(2024, 5, 5), days=1.0), Visit("M1", "H2", D(2024, 5, 5), days=1.0),  # one day, two homes
    Visit("M1", "H1", D(2024, 5, 18), days=0.5),
    Visit("I1", "V1", D(2024, 4, 15)),  # in the quarter holding May
)
COUNTY = County(OrgStructure(UNITS, ACTORS, ASSIGNMENTS), visits=VISITS)


def test_each_check_by_hand() -> None:
    checks = {(c.actor, c.role): c for c in check_visits(MECH, COUNTY, "2024-05")}
    assert set(checks) == {("L1", "leader"), ("C1", "cadre"), ("C2", "cadre"), ("M1", "member"), ("I1", "inspector")}
    got = {k: (c.required, c.done, c.compliant) for k, c in checks.items()}
    assert got[("L1", "leader")] == (1, 2.0, True)
    assert got[("C1", "cadre")] == (4, 3.0, False)  # Mondays 6, 13, 20, 27 May: four weeks begun
    assert got[("C2", "cadre")] == (2, 2.0, True)  # weeks of 20 and 27 May
    assert (checks[("C2", "cadre")].start, checks[("C2", "cadre")].end) == (D(2024, 5, 15), D(2024, 5, 31))
    assert got[("M1", "member")] == (2, 1.5, False)  # 5 May once (two homes), plus half a day
    assert checks[("M1", "member")].units == ("H1", "H2")  # one check for the actor's time
    assert got[("I1", "inspector")] == (1, 1.0, True)  # checked over 2024Q2
    assert (checks[("I1", "inspector")].start, checks[("I1", "inspector")].end) == (D(2024, 4, 1), D(2024, 6, 30))


def test_shares_by_role() -> None:
    by_role = compliance_by_role(check_visits(MECH, COUNTY, "2024-05"), MECH)
    shares = {r.role: (r.checked, r.compliant, r.share) for r in by_role}
    assert shares == {"leader": (1, 1, 1.0), "cadre": (2, 1, 0.5), "member": (1, 0, 0.0), "inspector": (1, 1, 1.0),
                      "all": (5, 3, 0.6)}


def test_a_longer_period_multiplies_the_requirement() -> None:
    checks = {(c.actor, c.role): c for c in check_visits(MECH, COUNTY, "2024Q2")}
    assert checks[("L1", "leader")].required == 3
    assert checks[("M1", "member")].required == 6
    assert checks[("C3", "cadre")].required == 5  # April's Mondays 1, 8, 15, 22, 29; gone on 30 April
    assert (checks[("C3", "cadre")].done, checks[("C3", "cadre")].compliant) == (0.0, False)


def test_a_check_that_owes_nothing_is_left_out_of_the_shares() -> None:
    late = County(OrgStructure(UNITS, ACTORS, (Assignment("C1", "cadre", "V1", start=D(2024, 5, 28)),)))
    (check,) = check_visits(MECH, late, "2024-05")
    assert (check.required, check.owed, check.compliant) == (0, False, None)  # no Monday left in May
    assert compliance_by_role([check], MECH)[-1].checked == 0
