"""Several mechanisms applied to the same county, side by side.

Each mechanism runs on the county as :func:`~mechanisms.county.staffing.staffed` gives it — the
county's own assignments for that mechanism where it has them, its assignment policy's
where it has none — through the same engines the single-mechanism commands use
(``coverage``, ``score``, ``simulate``), with the same seed and the same day (``on``: only the
assignments in force then; ``None``: every one ever held), so every figure here equals
what those commands print for that mechanism alone. A mechanism with no assignment policy is
compared on the county's own assignments, whatever they are, and its column says so
(``staffing == "own-no-policy"``): a valid mechanism is never an error here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal

import attrs
import numpy as np

from ..county.records import County
from ..county.staffing import has_assignments_for, staffed
from ..coverage import CoverageReport, build_model, gini, report_from_model
from ..coverage.views import not_applicable_reason
from ..io.vocab import named_fields
from ..model.labels import Label
from ..model.mechanism import Mechanism
from ..model.names import Names
from ..model.periods import Period
from ..year.burden import visit_burden
from ..year.scores import ScoringEngine

ROBUSTNESS = (0.1, 0.2, 0.3)

Staffing = Literal["own", "policy", "own-no-policy"]
"""Where a mechanism's assignments came from: the county's own, its policy's, or — the mechanism having no
policy and the county none of its own for it — the county's own assignments as they are (usually none)."""


def in_force(county: County, on: dt.date | None) -> County:
    """The county with only the assignments in force on ``on`` (every one when ``on`` is None).

    An assignment that ended on 30 June covers no one in December: commands read a county as of a day."""
    if on is None:
        return county
    s = county.structure
    kept = s.active_assignments(on)
    if len(kept) == len(s.assignments):
        return county
    return attrs.evolve(county, structure=attrs.evolve(s, assignments=kept))


def named_for(county: County, mechanism: Mechanism) -> County:
    """The county with role titles and indicator names as ``mechanism`` writes them (县级领导包乡镇, 整治完成率)
    read as its keys, as :func:`~mechanisms.io.county_io.load_county` reads them for one mechanism.

    ``compare`` loads a county once for several mechanisms, so each mechanism maps the names itself here: a
    ledger filled in from a Chinese template counts under every mechanism whose names it uses. A county
    written with keys comes back as it is (the same object)."""
    s = county.structure
    old: dict[str, tuple[Any, ...]] = {"assignments": s.assignments, "visits": county.visits,
                                       "observations": county.observations}
    new = dict(old)
    for table, field, names in named_fields(mechanism):
        new[table] = tuple(_named(r, field, names) for r in new[table])
    same = {t: all(x is y for x, y in zip(new[t], old[t], strict=True)) for t in old}
    if all(same.values()):
        return county
    return attrs.evolve(county, structure=s if same["assignments"] else attrs.evolve(s, assignments=new["assignments"]),
                        visits=new["visits"], observations=new["observations"])


def _named(record: Any, field: str, names: dict[str, str]) -> Any:
    """``record`` with ``field`` as its key where the ledger wrote a name (the same object where it is a key)."""
    value = getattr(record, field)
    if value is None or names.get(value.strip(), value) == value:
        return record
    return attrs.evolve(record, **{field: names[value.strip()]})


def staffed_as_of(county: County, mechanism: Mechanism, *, seed: int = 0, on: dt.date | None = None
                  ) -> tuple[County, Staffing]:
    """The county as it runs under ``mechanism`` on ``on``: its role titles and indicator names read as the
    mechanism's keys (:func:`named_for`), staffed (a county whose own assignments have all ended is uncovered
    then, not re-staffed), then the day applied. A mechanism with no policy keeps the county's own assignments."""
    county = named_for(county, mechanism)
    if (mechanism.policy is None or not mechanism.policy.rules) and not has_assignments_for(county.structure, mechanism):
        return in_force(county, on), "own-no-policy"
    applied, by_policy = staffed(county, mechanism, seed=seed)
    return in_force(applied, on), "policy" if by_policy else "own"


@attrs.frozen
class Simulated:
    """Monte Carlo figures of the default scenario (see ``docs/simulation.md``): mean over runs, with the 95 % CI."""

    runs: int
    found_within_deadline: float | None
    found_within_deadline_ci: tuple[float, float] | None
    delay_mean: float | None
    delay_p90: float | None
    deadline_days: int


@attrs.frozen
class MechanismColumn:
    """One mechanism's figures on the county."""

    key: str
    name: Label
    county: Label
    staffed_by_policy: bool
    staffing: Staffing
    levels: int
    roles: tuple[str, ...]
    role_labels: tuple[Label, ...]
    actors: int
    assignments: int
    coverage: CoverageReport
    load_mean: float
    load_max: int
    load_gini: float
    visit_burden: float
    visit_burden_by_role: dict[str, float]
    tasks: int
    milestones: int
    reporting: int
    indicators: int
    scorecards: int
    rankings: int
    tier_schemes: int
    lists: int
    points: bool
    supervision: bool
    reward_budget: float | None
    budget_period: str | None
    simulated: Simulated | None = None
    ranking: tuple[Label, tuple[tuple[str, str, float], ...]] | None = None
    """The first ranking with scores on the county's data for the budget period: its label and (group, unit, score)."""
    heading: Label | None = None
    """The mechanism's short name for a column heading (:attr:`Mechanism.heading`); ``None``: its name."""
    not_applicable: tuple[Label | None, ...] = ()
    """Per role of ``coverage.roles``, why it applies to no unit of the county (``None`` where it applies): the
    words ``coverage`` prints (:func:`~mechanisms.coverage.views.not_applicable_reason`), so the report and the
    command give the same reason for a role with no bar."""
    loads: np.ndarray = attrs.field(factory=lambda: np.zeros(0, np.int64), eq=False, repr=False)
    """Households per actor over every (actor, role) pair: the distribution behind load_mean/max/gini."""

    @property
    def robustness(self) -> dict[float, float | None]:
        return {p.f: p.expected_share for p in self.coverage.robustness if p.role == "all"}

    @property
    def redundancy_mean(self) -> float | None:
        """Mean distinct covering actors per household, over the roles that cover anyone."""
        means = [r.mean for r in self.coverage.redundancy if r.mean is not None]
        return float(np.mean(means)) if means else None


def _loads(model: Any) -> np.ndarray:
    """Households per actor over every (actor, role) pair of the mechanism, as the coverage engine counts them."""
    loads = [np.zeros(0, np.int64)]
    n_act = model.county.n_actors
    for ra in model.roles:
        if len(ra.actors):
            hh = np.bincount(ra.pair_actor, weights=ra.pair_households, minlength=n_act)[ra.actors]
            loads.append(hh.astype(np.int64))
    return np.concatenate(loads)


def first_ranking(mechanism: Mechanism, county: County, period: str | None
                  ) -> tuple[Label, tuple[tuple[str, str, float], ...]] | None:
    """The first of the mechanism's rankings that scores any unit of the county in ``period``."""
    if period is None or mechanism.scoring is None:
        return None
    engine = ScoringEngine(mechanism, county)
    for ranking in mechanism.scoring.rankings:
        card = engine.scorecard(ranking.scorecard)
        if not card.items:
            continue
        result = engine.rank(ranking, period)
        rows = tuple((r.group, r.unit, float(r.score)) for r in result.rows if r.score is not None)
        if rows:
            return ranking.label, rows
    return None


def latest_year(county: County) -> str | None:
    """The latest year with observations: the default period of a comparison's reward budget."""
    years = [Period.parse(o.period).start.year for o in county.observations]
    return str(max(years)) if years else None


def reward_budget(mechanism: Mechanism, county: County, period: str | None) -> float | None:
    """Rewards the mechanism's tier schemes pay on the county's data for ``period``, as ``score`` computes them."""
    if period is None or mechanism.scoring is None or not mechanism.scoring.tier_schemes:
        return None
    engine = ScoringEngine(mechanism, county)
    total = 0.0
    for scheme in mechanism.scoring.tier_schemes:
        ranking = engine.ranking(scheme.ranking)
        card = engine.scorecard(ranking.scorecard)
        if not card.items:
            continue
        result = engine.tiers(scheme, period)
        total += float(sum(result.budget.values()))
    return total


def compare_one(county: County, mechanism: Mechanism, *, seed: int = 0, period: str | None = None,
                simulate_runs: int = 0, workers: int | None = 1, on: dt.date | None = None,
                scenario: Any = None) -> MechanismColumn:
    """One mechanism on the county as of ``on``: every figure of the comparison (the Monte Carlo under
    ``scenario``, a :class:`~mechanisms.simulation.Scenario`; the default one when None)."""
    applied, staffing = staffed_as_of(county, mechanism, seed=seed, on=on)
    model = build_model(applied, mechanism)
    report = report_from_model(model, on=on, robustness=ROBUSTNESS, seed=seed,
                               unit_names=[u.name for u in applied.structure.units])
    loads = _loads(model)
    burden = visit_burden(applied.structure, mechanism)
    mine = [a for a in applied.structure.assignments if a.mechanism in (None, mechanism.key) and a.role in
            set(mechanism.role_keys)]
    c, s = mechanism.campaign, mechanism.scoring
    period = period or latest_year(county)
    sim = (simulated(applied, mechanism, runs=simulate_runs, seed=seed, workers=workers, scenario=scenario)
           if simulate_runs else None)
    names = Names.of(mechanism, county.structure.levels)
    return MechanismColumn(
        key=mechanism.key, name=mechanism.name, heading=mechanism.heading, county=mechanism.county,
        staffed_by_policy=staffing == "policy",
        staffing=staffing,
        levels=len(mechanism.levels), roles=mechanism.role_keys, role_labels=tuple(r.label for r in mechanism.roles),
        actors=len({a.actor for a in mine}), assignments=len(mine), coverage=report,
        load_mean=float(loads.mean()) if len(loads) else 0.0, load_max=int(loads.max()) if len(loads) else 0,
        load_gini=gini(loads) if len(loads) else 0.0, loads=loads, ranking=first_ranking(mechanism, county, period),
        visit_burden=float(sum(b.actor_days for b in burden)),
        visit_burden_by_role={b.role: b.actor_days for b in burden},
        tasks=len(c.tasks) if c else 0, milestones=len(c.milestones) if c else 0,
        reporting=len(c.reporting) if c else 0, indicators=len(mechanism.indicators),
        scorecards=len(s.scorecards) if s else 0, rankings=len(s.rankings) if s else 0,
        tier_schemes=len(s.tier_schemes) if s else 0, lists=len(s.lists) if s else 0,
        points=bool(s and s.points), supervision=bool(s and s.supervision),
        reward_budget=reward_budget(mechanism, county, period), budget_period=period, simulated=sim,
        not_applicable=tuple(not_applicable_reason(r, mechanism, names) for r in report.roles))


def simulated(county: County, mechanism: Mechanism, *, runs: int, seed: int, workers: int | None = 1,
              scenario: Any = None) -> Simulated:
    """The scenario's Monte Carlo summary over the whole run (the default scenario when None), as
    ``mechanisms simulate`` computes it."""
    from ..simulation import Scenario, monte_carlo, summarize

    scenario = scenario if scenario is not None else Scenario()
    summary = summarize(monte_carlo(county, mechanism, scenario, runs=runs, seed=seed, workers=workers))
    year = {str(m): i for i, (period, m) in enumerate(zip(summary["period"], summary["metric"], strict=True))
            if period == "all"}

    def mean(metric: str) -> float | None:
        return float(summary["mean"][year[metric]]) if metric in year else None

    ci = None
    if "found_within_deadline" in year and runs > 1:
        i = year["found_within_deadline"]
        ci = (float(summary["ci_low"][i]), float(summary["ci_high"][i]))
    return Simulated(runs=runs, found_within_deadline=mean("found_within_deadline"), found_within_deadline_ci=ci,
                     delay_mean=mean("delay_mean"), delay_p90=mean("delay_p90"),
                     deadline_days=scenario.deadline_for(mechanism))


def compare(county: County, mechanisms: Sequence[Mechanism], *, seed: int = 0, period: str | None = None,
            simulate_runs: int = 0, workers: int | None = 1, on: dt.date | None = None,
            scenario: Any = None) -> tuple[MechanismColumn, ...]:
    """Every mechanism on the county as of ``on`` (None: every assignment ever held), side by side."""
    return tuple(compare_one(county, m, seed=seed, period=period, simulate_runs=simulate_runs, workers=workers,
                             on=on, scenario=scenario) for m in mechanisms)
