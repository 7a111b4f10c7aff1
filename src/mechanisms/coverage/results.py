"""The coverage report: every figure the engine gives for one county under one mechanism, and its JSON form.

``coverage_report`` is the public entry. It accepts a :class:`~mechanisms.county.records.County`,
an :class:`~mechanisms.county.org.OrgStructure`, a :class:`CompactCounty` or an already built
:class:`CoverageModel`, so a caller who wants many reports (several dates, several
mechanisms, a sweep) builds arrays once and asks many times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, overload

import attrs
import numpy as np
import numpy.typing as npt

from ..county.org import OrgStructure
from ..county.records import County
from ..county.validation import validate_county
from ..errors import DataError
from ..io import strict_json
from ..model.levels import Level
from ..model.mechanism import Mechanism
from ..model.names import Names
from ..model.safe_text import mask_person_name
from .arrays import CompactCounty
from .engine import CoverageModel, RoleArrays
from .robustness import RobustnessPoint, TurnoverModel
from .robustness import robustness as robustness_curve

T = TypeVar("T")


@attrs.frozen
class RoleCoverage:
    """How far one role reaches: unit-weighted (satisfied units) and household-weighted (covered households).

    For a household-level role each household is a unit, so a childless unit standing for
    40 uncounted households counts 40.
    """

    role: str
    level: str
    units_in_scope: int
    units_satisfied: int
    households_in_scope: int
    households_covered: int
    share: float | None
    """households_covered / households_in_scope (None when nothing is in scope)."""
    unit_share: float | None
    off_level: int = 0
    """Assignments of this role on another level's units: they do not count (``validate`` lists them)."""
    units_of_level: int | None = None
    """Units of the role's level in the county, in scope or not (households for a household-level role; None where
    not counted): with ``units_in_scope`` 0 it tells why the role does not apply — no unit of the level at all, or
    none the role's scope takes."""


@attrs.frozen
class LevelCoverage:
    """Chain completeness down to one level: units whose every role at or above it (in scope) is covered."""

    level: str
    units: int
    units_complete: int
    households: int
    households_complete: int


@attrs.frozen
class Gap:
    """A unit a coverage rule says must be reached and is not; ``households``: those of it left unreached.

    ``name`` is the unit's name where the county's names were given (a person reads names, not ids), ``level``
    its level: a household's name is a person's, masked in output unless asked (:meth:`CoverageReport.gap_name`).
    """

    unit: str
    role: str
    rule: str
    households: int
    name: str | None = None
    level: str | None = None


@attrs.frozen
class RoleLoad:
    """Work per actor of a role: units of the role's level held and households under them."""

    role: str
    actors: int
    units_mean: float
    units_median: float
    units_max: int
    mean: float
    median: float
    max: int
    gini: float
    """Gini coefficient of households per actor (0: all equal; near 1: one actor carries all)."""
    over_capacity: int
    """Actors over the role's ``capacity`` (units) or ``capacity_households``."""


@attrs.frozen
class RoleRedundancy:
    """Distinct covering actors per household in the role's scope (None when nothing is in scope)."""

    role: str
    mean: float | None
    min: int | None
    max: int | None


@attrs.frozen
class SinglePoint:
    """An actor who alone covers units of a role: if they leave, these households lose the role."""

    actor: str
    role: str
    units: int
    households: int


class RowList(Sequence[T]):
    """A long list of report rows kept as arrays; items become objects only when asked for.

    A province has hundreds of thousands of gaps and single points of failure; making an
    object for each costs more than computing them, and most callers only count or export.
    """

    def __init__(self, columns: dict[str, np.ndarray], make: Callable[..., T], names: dict[str, Sequence[str]]) -> None:
        self._cols = columns
        self._make = make
        self._names = names
        self._n = len(next(iter(columns.values()))) if columns else 0

    def __len__(self) -> int:
        return self._n

    def _row(self, i: int) -> dict[str, Any]:
        return {k: (self._names[k][int(v[i])] if k in self._names else int(v[i])) for k, v in self._cols.items()}

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return self._make(**self._row(i))

    def columns(self, keys: Sequence[str]) -> list[list[Any]]:
        """The given columns as plain lists, in bulk (None in every row for a column this list does not carry)."""
        cols: list[list[Any]] = []
        for k in keys:
            if k not in self._cols:
                cols.append([None] * self._n)
                continue
            v = self._cols[k].tolist()
            names = self._names.get(k)
            cols.append([names[x] for x in v] if names is not None else v)
        return cols

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"RowList({self._n} rows)"


@attrs.frozen
class CoverageReport:
    mechanism: str
    on: dt.date | None
    households: int
    roles: tuple[RoleCoverage, ...]
    levels: tuple[LevelCoverage, ...]
    chain_complete_households: int
    gaps: Sequence[Gap]
    load: tuple[RoleLoad, ...]
    redundancy: tuple[RoleRedundancy, ...]
    single_points_of_failure: Sequence[SinglePoint]
    robustness: tuple[RobustnessPoint, ...] = ()
    unchecked_roles: tuple[str, ...] = ()
    """Roles no coverage rule names: their units are never gaps, so "no gaps" says nothing about them."""
    names: Names = attrs.field(factory=Names, eq=False, repr=False)
    """The names of the mechanism's roles and rules and of the county's own levels, for the tables and CSV a person
    reads (JSON keeps keys); not part of the figures, so two reports with the same figures are equal."""

    @property
    def chain_share(self) -> float | None:
        return self.chain_complete_households / self.households if self.households else None

    @property
    def gaps_tell_all(self) -> bool:
        """Whether an empty gap list means every household is reached: every role has a rule and the whole chain
        is complete. Otherwise "no gaps" would hide the households the chain misses."""
        return not self.unchecked_roles and self.chain_complete_households == self.households

    @property
    def household_level(self) -> str | None:
        return self.levels[-1].level if self.levels else None

    def gap_name(self, gap: Gap, show_personal: bool = False) -> str | None:
        """The gap's unit name as output shows it: a household's (a person's) name masked, surname kept (张**, 欧阳**),
        unless ``show_personal`` — the one masking of every output (:func:`~mechanisms.model.safe_text.mask_person_name`).
        A unit above the household level (a village, a group) is an office's name and shows as written."""
        if gap.name is None or show_personal or gap.level is None or gap.level != self.household_level:
            return gap.name
        return mask_person_name(gap.name)

    def to_json(self, show_personal: bool = False) -> dict[str, Any]:
        """The JSON contract of ``mechanisms coverage --format json`` (as plain dicts and lists: :meth:`json_text`
        writes it).

        Robustness entries carry ``monte_carlo``, ``stderr`` and ``runs`` only when Monte
        Carlo runs were asked for. Each gap carries its unit's ``name`` (None where names were not given;
        a household's masked unless ``show_personal``) and the ``households`` it leaves unreached; ``on`` is the
        day the county was read as of (None: every assignment ever held); ``unchecked_roles`` the roles no rule
        checks.
        """
        return self._json_doc(show_personal, by_column=False)

    def json_text(self, show_personal: bool = False) -> str:
        """:meth:`to_json` as ``--format json`` writes it (indented, non-ASCII as is, no NaN), byte for byte what
        :func:`~mechanisms.io.strict_json.dumps` writes of it: the gaps and the single points of failure go to the
        encoder by column (:class:`~mechanisms.io.strict_json.Records`), not as a dict per row."""
        return strict_json.dumps(self._json_doc(show_personal, by_column=True), ensure_ascii=False, indent=2,
                                 default=str)

    def _json_doc(self, show_personal: bool, *, by_column: bool) -> dict[str, Any]:
        rob = []
        for p in self.robustness:
            d: dict[str, Any] = {"f": p.f, "role": p.role, "expected_share": p.expected_share}
            if p.runs:
                d.update(monte_carlo=p.monte_carlo, stderr=p.stderr, runs=p.runs)
            rob.append(d)
        return {
            "on": self.on.isoformat() if self.on else None,
            "households": self.households,
            "roles": {r.role: {"units_in_scope": r.units_in_scope, "units_satisfied": r.units_satisfied,
                               "households_in_scope": r.households_in_scope, "households_covered": r.households_covered,
                               "share": r.share} for r in self.roles},
            "chain_complete_households": self.chain_complete_households,
            "gaps": self._gap_records(show_personal, by_column),
            "unchecked_roles": list(self.unchecked_roles),
            "load": {x.role: {"mean": x.mean, "median": x.median, "max": x.max, "gini": x.gini,
                              "over_capacity": x.over_capacity} for x in self.load},
            "redundancy": {x.role: {"mean": x.mean, "min": x.min, "max": x.max} for x in self.redundancy},
            "single_points_of_failure": _records(SPOF_KEYS, _columns(self.single_points_of_failure, SPOF_KEYS), by_column),
            "robustness": rob,
        }


    def _gap_records(self, show_personal: bool, by_column: bool) -> list[dict[str, Any]] | strict_json.Records:
        """The gaps with their units' names, a household's masked unless ``show_personal``."""
        keys = ("unit", "name", "role", "rule", "households")
        unit, name, level, role, rule, households = _columns(self.gaps, ("unit", "name", "level", "role", "rule",
                                                                         "households"))
        if not show_personal:
            hh_level = self.household_level
            name = [mask_person_name(n) if n and lv == hh_level else n for n, lv in zip(name, level, strict=True)]
        return _records(keys, [unit, name, role, rule, households], by_column)


def _columns(rows: Sequence[Any], keys: Sequence[str]) -> list[list[Any]]:
    if isinstance(rows, RowList):
        return rows.columns(keys)
    return [[getattr(r, k) for r in rows] for k in keys]


SPOF_KEYS = ("actor", "role", "units", "households")
"""The fields of a single point of failure in the JSON report."""


def _records(keys: Sequence[str], cols: Sequence[Sequence[Any]], by_column: bool
             ) -> list[dict[str, Any]] | strict_json.Records:
    """Columns as :class:`~mechanisms.io.strict_json.Records` (``by_column``, for the encoder) or as the dicts they
    stand for."""
    records = strict_json.Records(keys, cols)
    return records if by_column else records.rows()


def gini(values: npt.ArrayLike) -> float:
    """Gini coefficient of non-negative values (0 for none, a single value, or all zeros)."""
    x = np.sort(np.asarray(values, dtype=np.float64))
    n = len(x)
    s = x.sum()
    if n == 0 or s <= 0:
        return 0.0
    i = np.arange(1, n + 1)
    return float((2.0 * (i * x).sum()) / (n * s) - (n + 1.0) / n)


def _load(model: CoverageModel, ra: RoleArrays) -> RoleLoad:
    n_act = model.county.n_actors
    actors = ra.actors
    hh = np.bincount(ra.pair_actor, weights=ra.pair_households, minlength=n_act)[actors].astype(np.int64)
    units = hh if ra.standing_in else np.bincount(ra.pair_actor, minlength=n_act)[actors].astype(np.int64)
    over = np.zeros(len(actors), bool)
    if ra.role.capacity is not None:
        over |= units > ra.role.capacity
    if ra.role.capacity_households is not None:
        over |= hh > ra.role.capacity_households
    if len(actors) == 0:
        return RoleLoad(ra.key, 0, 0.0, 0.0, 0, 0.0, 0.0, 0, 0.0, 0)
    return RoleLoad(ra.key, len(actors), float(units.mean()), float(np.median(units)), int(units.max()),
                    float(hh.mean()), float(np.median(hh)), int(hh.max()), gini(hh), int(over.sum()))


def _redundancy(model: CoverageModel, r: int) -> RoleRedundancy:
    cells = model.cells
    ins = cells.set_id[r] >= 0
    if not ins.any():
        return RoleRedundancy(model.roles[r].key, None, None, None)
    d = cells.depth(r)[ins]
    w = cells.weight[ins]
    return RoleRedundancy(model.roles[r].key, float((d * w).sum() / w.sum()), int(d.min()), int(d.max()))


def _single_points(model: CoverageModel) -> RowList[SinglePoint]:
    cells = model.cells
    n_act = model.county.n_actors
    cols: dict[str, list[np.ndarray]] = {"actor": [], "role": [], "units": [], "households": []}
    for r, ra in enumerate(model.roles):
        if ra.role.self_held:  # a household answering for itself is no post that can fall vacant
            continue
        rs = cells.sets[r]
        single = np.full(rs.n_sets, -1, np.int64)
        one = rs.size[rs.member_set] == 1
        single[rs.member_set[one]] = rs.member_actor[one]
        sid = cells.set_id[r]
        pick = (sid >= 0) & (rs.size[np.maximum(sid, 0)] == 1)
        hh = np.bincount(single[sid[pick]], weights=cells.weight[pick], minlength=n_act).astype(np.int64)
        if ra.standing_in:
            units = hh
        else:
            alone = (ra.reach[ra.pair_holder] == 1) & ra.in_scope[ra.pair_holder]
            units = np.bincount(ra.pair_actor[alone], minlength=n_act).astype(np.int64)
        who = np.flatnonzero((hh > 0) | (units > 0))
        cols["actor"].append(who)
        cols["role"].append(np.full(len(who), r))
        cols["units"].append(units[who])
        cols["households"].append(hh[who])
    flat = {k: np.concatenate(v) if v else np.zeros(0, np.int64) for k, v in cols.items()}
    order = np.lexsort((flat["actor"], flat["role"], -flat["units"], -flat["households"]))
    return RowList({k: v[order] for k, v in flat.items()}, SinglePoint,
                   {"actor": model.county.actor_ids, "role": [ra.key for ra in model.roles]})


def _levels(model: CoverageModel, chain_complete: int) -> list[LevelCoverage]:
    county = model.county
    hh_level = county.household_level
    out = []
    covered = [ra.covered_holders(1) for ra in model.roles]
    for k in range(hh_level):
        units = county.by_level[k]
        ok = np.ones(len(units), bool)
        for ra, cov in zip(model.roles, covered, strict=True):
            if ra.standing_in or ra.level > k:
                continue
            anc = county.ancestor_at(units, ra.level)
            hl = county.position[anc]
            ok &= cov[hl] | ~ra.in_scope[hl]
        hh = county.subtree_households[units]
        out.append(LevelCoverage(county.levels[k], len(units), int(ok.sum()), int(hh.sum()), int(hh[ok].sum())))
    # on the household level every household is a unit (a childless unit above it stands for its count)
    out.append(LevelCoverage(county.levels[hh_level], county.total_households, chain_complete, county.total_households,
                             chain_complete))
    return out


def build_model(data: County | OrgStructure | CompactCounty | CoverageModel, mechanism: Mechanism, *,
                on: dt.date | None = None, validate: bool = True) -> CoverageModel:
    """The engine's arrays for ``data`` under ``mechanism`` (as of ``on``), checking a county's structure first.

    Raises :class:`~mechanisms.errors.DataError` listing every structural problem (a broken
    tree, dangling ids) — coverage of a county that is not a tree has no meaning. Problems
    of fit to the mechanism (an assignment on the wrong level) are not fatal: such
    assignments simply do not count, and ``validate`` lists them.
    """
    if isinstance(data, CoverageModel):
        if on is not None:
            raise ValueError("a built model is already as of a date; build from the county to choose another")
        return data
    if isinstance(data, OrgStructure):
        data = County(data)
    if isinstance(data, County):
        if validate:
            problems = validate_county(data)
            if problems:
                raise DataError(problems)
        compact = CompactCounty.from_structure(data.structure, mechanism, on)
    else:
        compact = data.on(on)
    return CoverageModel.build(compact, mechanism)


def unit_names_of(data: County | OrgStructure | CompactCounty | CoverageModel) -> Sequence[str] | None:
    """The units' names in the engine's unit order, where ``data`` carries them (a county or structure does;
    arrays alone do not: give ``unit_names=`` then)."""
    if isinstance(data, County):
        data = data.structure
    if isinstance(data, OrgStructure):
        return [u.name for u in data.units]
    return None


def levels_of(data: County | OrgStructure | CompactCounty | CoverageModel) -> tuple[Level, ...] | None:
    """The county's own levels with their names (镇（街道）, 屯), where ``data`` carries them: a county or structure
    does; arrays carry level keys only (give ``levels=`` then, e.g. :attr:`ColumnarCounty.levels`)."""
    if isinstance(data, County):
        data = data.structure
    if isinstance(data, OrgStructure):
        return tuple(data.levels)
    return None


def coverage_report(data: County | OrgStructure | CompactCounty | CoverageModel, mechanism: Mechanism, *,
                    on: dt.date | None = None, robustness: Sequence[float] = (), runs: int = 0, seed: int = 0,
                    turnover: TurnoverModel = "fixed", unit_names: Sequence[str] | None = None,
                    levels: Sequence[Level] | None = None) -> CoverageReport:
    """Does responsibility reach every household, and how fragile is it? Every figure, for one county and mechanism.

    ``robustness`` lists turnover shares ``f`` (e.g. ``(0.1, 0.2, 0.3)``) for the exact
    robustness curve of every role and of the whole chain; ``runs`` > 0 adds a Monte Carlo
    estimate of each point (seeded by ``seed``) under the same ``turnover`` model. Gaps carry unit names from
    a county or structure, or from ``unit_names`` (in unit order) for arrays; tables name levels as the county
    does (its ``levels``, or ``levels`` given for arrays).
    """
    model = build_model(data, mechanism, on=on)
    names = unit_names if unit_names is not None else unit_names_of(data)
    return report_from_model(model, on=on, robustness=robustness, runs=runs, seed=seed, turnover=turnover,
                             unit_names=names, levels=levels if levels is not None else levels_of(data))


def report_from_model(model: CoverageModel, *, on: dt.date | None = None, robustness: Sequence[float] = (),
                      runs: int = 0, seed: int = 0, turnover: TurnoverModel = "fixed",
                      unit_names: Sequence[str] | None = None, levels: Sequence[Level] | None = None
                      ) -> CoverageReport:
    """Every figure of ``model``; ``unit_names`` (in the county's unit order) name the gaps' units, ``levels``
    (the county's own, with their names) and the mechanism name roles, levels and rules in the report's tables
    and CSV (:mod:`.views` gives keys instead where asked)."""
    county = model.county
    covered, chain = model.coverage_pass()
    roles = []
    for r, ra in enumerate(model.roles):
        ins_units = int(ra.unit_weight[ra.in_scope].sum())
        sat = int(ra.satisfied_weight(ra.role.min_per_unit)[ra.in_scope].sum())
        hh_in = model.households_in_scope(r)
        roles.append(RoleCoverage(ra.key, county.levels[ra.level], ins_units, sat, hh_in, int(covered[r]),
                                  covered[r] / hh_in if hh_in else None, sat / ins_units if ins_units else None,
                                  ra.off_level, int(ra.unit_weight.sum())))
    rules = model.mechanism.coverage_rules
    found = [model.gaps(rule) for rule in rules]
    unit = np.concatenate([u for u, _ in found]).astype(np.int64) if found else np.zeros(0, np.int64)
    which = (np.concatenate([np.full(len(u), i) for i, (u, _) in enumerate(found)]) if found else
             np.zeros(0, np.int64))
    columns = {"unit": unit, "role": which, "rule": which,
               "households": np.concatenate([s for _, s in found]) if found else np.zeros(0, np.int64),
               "level": np.asarray(county.level, np.int64)[unit]}
    names: dict[str, Sequence[str]] = {"unit": county.unit_ids, "role": [r.role for r in rules],
                                       "rule": [r.key for r in rules], "level": county.levels}
    if unit_names is not None:
        columns["name"] = unit
        names["name"] = unit_names
    gaps = RowList(columns, Gap, names)
    ruled = {r.role for r in rules}
    curve = robustness_curve(model, robustness, runs=runs, seed=seed, turnover=turnover) if robustness else ()
    return CoverageReport(
        mechanism=model.mechanism.key, on=on, households=county.total_households, roles=tuple(roles),
        levels=tuple(_levels(model, chain)), chain_complete_households=chain, gaps=gaps,
        load=tuple(_load(model, ra) for ra in model.roles),
        redundancy=tuple(_redundancy(model, r) for r in range(len(model.roles))),
        single_points_of_failure=_single_points(model), robustness=curve,
        unchecked_roles=tuple(ra.key for ra in model.roles if ra.key not in ruled),
        names=Names.of(model.mechanism, levels))
