"""Properties of the coverage engine on random small counties, against a naive per-household reference."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from typing import TypedDict

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mechanisms.county.org import Actor, Assignment, OrgStructure, Unit
from mechanisms.county.records import County
from mechanisms.coverage import build_model, coverage_report, exact_all, exact_role
from mechanisms.model.labels import L
from mechanisms.model.mechanism import CoverageRule, Mechanism, Role, Scope

LEVELS = ("county", "town", "village", "group", "household")
ROLE_DEFS = (
    ("lead", "town", Scope(), 1),
    ("dept", "village", Scope(tags_none=("b",)), 1),
    ("cadre", "group", Scope(), 2),
    ("pm", "household", Scope(), 1),
    ("care", "household", Scope(tags_any=("a",)), 1),
)
MECH = Mechanism(
    key="prop", name=L("性质", "prop"), county=L("县", "county"),
    roles=tuple(Role(k, L(k, k), lev, ("person",), scope=sc, min_per_unit=mn) for k, lev, sc, mn in ROLE_DEFS),
    coverage_rules=(
        CoverageRule("r-town", L("t", "t"), "lead", "town"),
        CoverageRule("r-village-hh", L("v", "v"), "dept", "household", scope=Scope(tags_all=("a",))),
        CoverageRule("r-group", L("g", "g"), "cadre", "group", min_actors=2),
        CoverageRule("r-hh", L("h", "h"), "pm", "household", min_actors=1),
        CoverageRule("r-hh2", L("h2", "h2"), "pm", "household", min_actors=2),
    ),
)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TAGS = st.sampled_from([(), ("a",), ("b",), ("a", "b")])


@st.composite
def counties(draw: st.DrawFn, *, explicit_only: bool = False, max_actors: int = 7) -> County:
    """A random county: some groups and villages known only by a household count, random (partial) assignments."""
    units = [Unit("C", "C", "county")]
    for t in range(draw(st.integers(1, 2))):
        tid = f"T{t}"
        units.append(Unit(tid, tid, "town", "C", draw(TAGS)))
        for v in range(draw(st.integers(1, 2))):
            vid = f"{tid}V{v}"
            n_groups = draw(st.integers(0 if not explicit_only else 1, 2))
            units.append(Unit(vid, vid, "village", tid, draw(TAGS),
                              households=draw(st.integers(0, 5)) if n_groups == 0 else None))
            for g in range(n_groups):
                gid = f"{vid}G{g}"
                rows = draw(st.integers(0, 3)) if explicit_only else draw(st.integers(-1, 3))
                units.append(Unit(gid, gid, "group", vid, draw(TAGS),
                                  households=draw(st.integers(0, 6)) if rows < 0 else None))
                for h in range(max(rows, 0)):
                    units.append(Unit(f"{gid}H{h}", "x", "household", gid, draw(TAGS)))
    n_actors = draw(st.integers(1, max_actors))
    actors = tuple(Actor(f"A{i}", f"A{i}", "person") for i in range(n_actors))
    edges = draw(st.lists(st.tuples(st.integers(0, n_actors - 1), st.integers(0, len(ROLE_DEFS) - 1),
                                    st.integers(0, len(units) - 1),
                                    st.none() if explicit_only else st.one_of(st.none(), st.integers(0, 6))),
                          max_size=25))
    seen: set[tuple[int, int, int]] = set()
    asg = []
    for a, r, u, k in edges:
        if (a, r, u) not in seen:  # a repeated assignment is a data error, not a coverage question
            seen.add((a, r, u))
            asg.append(Assignment(f"A{a}", ROLE_DEFS[r][0], units[u].id, households=k))
    return County(OrgStructure(tuple(units), actors, tuple(asg)))


# ---------------------------------------------------------------- the naive reference

def _households(s: OrgStructure) -> list[tuple[str, int]]:
    """Every household as (leaf id, index within the leaf): rows are (id, 0); a count-only leaf gives (id, 0..n-1)."""
    out = []
    for u in s.units:
        if u.id in s.children:
            continue
        if u.level == "household":
            out.append((u.id, 0))
        else:
            out.extend((u.id, i) for i in range(u.households or 0))
    return out


def _holder(s: OrgStructure, leaf: str, level: str) -> str | None:
    u = s.unit_by_id[leaf]
    if level == "household":
        return leaf
    chain = [u, *s.ancestors(leaf)]
    return next((x.id for x in chain if x.level == level), None)


def _covering(s: OrgStructure, role: str, holder: str, index: int) -> set[str]:
    """Actors of ``role`` covering household ``index`` of ``holder`` (partial runs laid out in actor order)."""
    is_leaf = holder not in s.children
    full: set[str] = set()
    part: defaultdict[str, int] = defaultdict(int)
    for a in s.assignments:
        if a.role != role or a.unit != holder:
            continue
        if a.households is None or not is_leaf:
            full.add(a.actor)
        else:
            part[a.actor] += a.households
    if is_leaf:
        w = 1 if s.unit_by_id[holder].level == "household" else (s.unit_by_id[holder].households or 0)
        c = 0
        for actor in sorted((x for x in part if x not in full), key=lambda x: int(x[1:])):
            if c <= index < min(c + part[actor], w):
                full.add(actor)
            c += part[actor]
    return full


# one role's figures in the naive count ("in" is a keyword, hence the functional form)
_RoleTally = TypedDict("_RoleTally", {"in": int, "cov": int, "depths": list[int]})


class _Naive(TypedDict):
    households: int
    chain: int
    roles: dict[str, _RoleTally]
    spof: dict[tuple[str, str], int]


def naive(county: County, removed: frozenset[str] = frozenset()) -> _Naive:
    s = county.structure
    roles = {r.key: r for r in MECH.roles}
    per_role: dict[str, _RoleTally] = {k: {"in": 0, "cov": 0, "depths": []} for k in roles}
    spof: dict[tuple[str, str], int] = defaultdict(int)
    chain = 0
    for leaf, i in _households(s):
        complete = True
        for k, r in roles.items():
            holder = _holder(s, leaf, r.level)
            tags = s.unit_by_id[holder].tags if holder is not None else ()
            if not r.scope.matches(tags):
                continue
            actors = _covering(s, k, holder, i) - removed if holder is not None else set()
            per_role[k]["in"] += 1
            per_role[k]["cov"] += bool(actors)
            per_role[k]["depths"].append(len(actors))
            if len(actors) == 1:
                spof[(k, next(iter(actors)))] += 1
            complete &= bool(actors)
        chain += complete
    return {"households": len(_households(s)), "chain": chain, "roles": per_role, "spof": dict(spof)}


def _check_against_naive(county: County) -> None:
    report = coverage_report(county, MECH)
    ref = naive(county)
    assert report.households == ref["households"]
    assert report.chain_complete_households == ref["chain"]
    for rc, red in zip(report.roles, report.redundancy, strict=True):
        nr = ref["roles"][rc.role]
        assert rc.households_in_scope == nr["in"]
        assert rc.households_covered == nr["cov"]
        if nr["in"]:
            assert red.min == min(nr["depths"]) and red.max == max(nr["depths"])
            assert red.mean == pytest.approx(sum(nr["depths"]) / nr["in"])
        else:
            assert red.mean is None
    assert {(s.role, s.actor): s.households for s in report.single_points_of_failure if s.households} == ref["spof"]


@SETTINGS
@given(counties())
def test_engine_agrees_with_naive_reference(county: County) -> None:
    _check_against_naive(county)


@SETTINGS
@given(counties(), st.data())
def test_removing_an_actor_never_raises_coverage(county: County, data: st.DataObject) -> None:
    s = county.structure
    gone = data.draw(st.sampled_from([a.id for a in s.actors]))
    before = coverage_report(county, MECH)
    after = coverage_report(County(attrs.evolve(s, assignments=tuple(a for a in s.assignments if a.actor != gone))), MECH)
    assert after.chain_complete_households <= before.chain_complete_households
    for b, a in zip(before.roles, after.roles, strict=True):
        assert a.households_covered <= b.households_covered
        assert a.units_satisfied <= b.units_satisfied
    assert len(after.gaps) >= len(before.gaps)


@SETTINGS
@given(counties())
def test_redundancy_at_least_one_exactly_where_covered(county: County) -> None:
    model = build_model(county, MECH)
    covered, _ = model.coverage_pass()
    for r in range(len(model.roles)):
        ins = model.cells.set_id[r] >= 0
        depth = model.cells.depth(r)
        assert covered[r] == int(model.cells.weight[ins & (depth >= 1)].sum())
        assert (depth[~ins] == 0).all()
    report = coverage_report(model, MECH)
    for rc, red in zip(report.roles, report.redundancy, strict=True):
        if rc.households_in_scope:
            assert red.min is not None and red.mean is not None and rc.share is not None  # set when households are in scope
            assert (red.min >= 1) == (rc.households_covered == rc.households_in_scope)
            assert red.mean >= rc.share - 1e-12


@SETTINGS
@given(counties())
def test_cells_the_same_without_one_64_bit_key(county: County) -> None:
    """The fallback for mechanisms with too many actor-set combinations for one key gives the same cells."""
    from mechanisms.coverage import engine

    want = coverage_report(county, MECH, robustness=(0.4,)).to_json()
    saved = engine._U64, engine._I64_SAFE
    engine._U64, engine._I64_SAFE = 0, 8  # force the densifying path at every step
    try:
        got = coverage_report(county, MECH, robustness=(0.4,)).to_json()
    finally:
        engine._U64, engine._I64_SAFE = saved
    _close(got, want, "report")


def _explicit(county: County) -> County:
    """The same county with every count-only group given household rows and partial edges made explicit."""
    s = county.structure
    units = list(s.units)
    rows: dict[str, list[str]] = {}
    for u in s.units:
        if u.level == "group" and u.id not in s.children:
            rows[u.id] = [f"{u.id}X{i}" for i in range(u.households or 0)]
            units.extend(Unit(h, "x", "household", u.id, u.tags) for h in rows[u.id])
    asg: list[Assignment] = []
    for holder, hh in rows.items():
        for role in ("pm", "care"):
            full = {a.actor for a in s.assignments if a.role == role and a.unit == holder and a.households is None}
            for i, h in enumerate(hh):
                asg.extend(Assignment(actor, role, h) for actor in sorted(_covering(s, role, holder, i) | full))
    for a in s.assignments:
        if a.unit in rows and a.role in ("pm", "care"):
            continue
        if a.unit in rows:
            a = attrs.evolve(a, households=None)  # a group-level role covers the whole (now explicit) group
        asg.append(a)
    units = [attrs.evolve(u, households=None) if u.id in rows else u for u in units]
    return County(OrgStructure(tuple(units), s.actors, tuple(asg)))


@SETTINGS
@given(counties())
def test_household_counts_equal_explicit_rows(county: County) -> None:
    s = county.structure
    # group-level partial edges mean "part of the group" only while the group has no rows; keep them whole here
    # and an edge on a group of no households has no rows to become: leave such edges out
    empty = {u.id for u in s.units if u.level == "group" and u.id not in s.children and not u.households}
    s = attrs.evolve(s, assignments=tuple(
        attrs.evolve(a, households=None) if a.role not in ("pm", "care") else a for a in s.assignments
        if not (a.unit in empty and a.role in ("pm", "care"))))
    # nor has a partial edge whose run lies past the group's count (over-assignment): its actor covers no household
    # there, and an actor left with no row would drop out of the role's pool of leavers in the explicit county only
    counted = {u.id: u.households or 0 for u in s.units if u.level == "group" and u.id not in s.children}
    county = County(attrs.evolve(s, assignments=tuple(
        a for a in s.assignments
        if not (a.unit in counted and a.households is not None and a.role in ("pm", "care")
                and not any(a.actor in _covering(s, a.role, a.unit, i) for i in range(counted[a.unit]))))))
    explicit = _explicit(county)
    a, b = coverage_report(county, MECH, robustness=(0.3,)), coverage_report(explicit, MECH, robustness=(0.3,))
    ja, jb = a.to_json(), b.to_json()
    for key in ("households", "chain_complete_households", "redundancy", "load", "robustness"):
        _close(ja[key], jb[key], key)
    for ra, rb in zip(a.roles, b.roles, strict=True):
        assert (ra.households_in_scope, ra.households_covered) == (rb.households_in_scope, rb.households_covered)
        if ra.role in ("pm", "care"):
            assert (ra.units_in_scope, ra.units_satisfied) == (rb.units_in_scope, rb.units_satisfied)
    unreached: defaultdict[str, int] = defaultdict(int)
    for g in a.gaps:
        unreached[g.rule] += g.households
    unreached_b: defaultdict[str, int] = defaultdict(int)
    for g in b.gaps:
        unreached_b[g.rule] += g.households
    assert {k: v for k, v in unreached.items() if k != "r-group"} == {k: v for k, v in unreached_b.items() if k != "r-group"}
    assert sorted((x.role, x.actor, x.households) for x in a.single_points_of_failure if x.role in ("pm", "care")) == \
        sorted((x.role, x.actor, x.households) for x in b.single_points_of_failure if x.role in ("pm", "care"))


def _close(a: object, b: object, where: str) -> None:
    """Equal, floats to 1e-9, through nested dicts and lists."""
    if isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), where
        for k in a:
            _close(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _close(x, y, f"{where}[{i}]")
    elif isinstance(a, float) or isinstance(b, float):
        assert a == pytest.approx(b, abs=1e-9), where
    else:
        assert a == b, where


# ---------------------------------------------------------------- exact robustness against enumeration

def _brute(county: County, pool: list[str], f: float, model: str, role: str | None) -> float:
    """Expected share by enumerating every possible set of departures."""
    n = len(pool)
    ref0 = naive(county)
    total = ref0["households"] if role is None else ref0["roles"][role]["in"]
    if total == 0:
        return float("nan")
    acc = 0.0
    if model == "fixed":
        k = math.floor(f * n + 0.5)
        combos = list(itertools.combinations(pool, k))
        weights = [1.0 / len(combos)] * len(combos)
    else:
        combos = [c for r in range(n + 1) for c in itertools.combinations(pool, r)]
        weights = [f ** len(c) * (1 - f) ** (n - len(c)) for c in combos]
    for gone, wgt in zip(combos, weights, strict=True):
        ref = naive(county, frozenset(gone))
        acc += wgt * (ref["chain"] if role is None else ref["roles"][role]["cov"])
    return acc / total


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counties(max_actors=5), st.sampled_from([0.0, 0.2, 0.5, 0.7, 1.0]), st.sampled_from(["fixed", "independent"]))
def test_exact_robustness_equals_enumeration(county: County, f: float, model: str) -> None:
    m = build_model(county, MECH)
    everyone = sorted({m.county.actor_ids[a] for ra in m.roles for a in ra.actors.tolist()})
    got = exact_all(m, f, model)  # type: ignore[arg-type]
    want = _brute(county, everyone, f, model, None)
    assert (got is None and math.isnan(want)) or got == pytest.approx(want, abs=1e-9)
    for r, ra in enumerate(m.roles):
        pool = sorted(m.county.actor_ids[a] for a in ra.actors.tolist())
        got = exact_role(m, r, f, model)  # type: ignore[arg-type]
        want = _brute(county, pool, f, model, ra.key)
        assert (got is None and math.isnan(want)) or got == pytest.approx(want, abs=1e-9)


def test_monte_carlo_samples_the_exact_model() -> None:
    from mechanisms.coverage import monte_carlo

    county = County(OrgStructure(
        (Unit("C", "C", "county"), Unit("T", "T", "town", "C"), Unit("V", "V", "village", "T"),
         Unit("G", "G", "group", "V", households=30)),
        tuple(Actor(f"A{i}", "a", "person") for i in range(6)),
        (Assignment("A0", "lead", "T"), Assignment("A1", "lead", "T"), Assignment("A2", "dept", "V"),
         Assignment("A3", "cadre", "G"), Assignment("A4", "pm", "G", households=10),
         Assignment("A5", "pm", "G", households=15), Assignment("A0", "pm", "G", households=5))))
    m = build_model(county, MECH)
    for turnover in ("fixed", "independent"):
        for f in (0.2, 0.5):
            exact = exact_all(m, f, turnover)
            mc, se = monte_carlo(m, f, "all", 4000, seed=1, turnover=turnover)
            assert exact is not None and mc is not None and se is not None
            assert abs(mc - exact) <= 4 * se
    # every pm household has exactly one of the 3 party members; round(0.5 × 3) = 2 leave (halves round up)
    fixed, independent = exact_role(m, 3, 0.5, "fixed"), exact_role(m, 3, 0.5, "independent")
    assert fixed is not None and independent is not None
    assert np.isclose(fixed, 1 / 3)
    assert np.isclose(independent, 1 / 2)
