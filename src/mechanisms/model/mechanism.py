"""What a mechanism plugin ships: roles, coverage rules, staffing policy, campaign, indicators, scoring, reference case."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from .campaign import Campaign
from .indicators import IndicatorDef
from .labels import Label
from .levels import DEFAULT_LEVELS, Level
from .schedule import Frequency
from .scoring import Scoring
from .shape import CountyShape

Approx = Literal["exact", "at-least", "nearly"]
"""How a published figure is stated: exactly, as a floor (多/余/以上), or as "nearly" (近)."""


@attrs.frozen
class Scope:
    """Which units of a level a role or rule applies to, by their tags.

    Empty means every unit of the level. ``tags_any``: at least one of these;
    ``tags_all``: all of these; ``tags_none``: none of these.
    """

    tags_any: tuple[str, ...] = ()
    tags_all: tuple[str, ...] = ()
    tags_none: tuple[str, ...] = ()
    label: Label | None = None

    def matches(self, tags: tuple[str, ...] | frozenset[str]) -> bool:
        have = set(tags)
        return (
            (not self.tags_any or bool(have.intersection(self.tags_any)))
            and have.issuperset(self.tags_all)
            and not have.intersection(self.tags_none)
        )

    @property
    def is_everything(self) -> bool:
        return not (self.tags_any or self.tags_all or self.tags_none)


EVERYTHING = Scope()


@attrs.frozen
class Role:
    """A kind of responsibility: who holds it, on which units, how many, how much, how often.

    ``capacity`` caps the units of ``level`` one actor may hold; ``capacity_households``
    caps the households under them. ``None`` means the source sets no cap.
    """

    key: str
    label: Label
    level: str
    actor_kinds: tuple[str, ...]
    scope: Scope = EVERYTHING
    min_per_unit: int = 1
    capacity: int | None = None
    capacity_households: int | None = None
    duties: tuple[Label, ...] = ()
    visits: Frequency | None = None
    quote: str = ""
    self_held: bool = False
    """A duty each unit holds for itself (门前三包: a household keeps its own front), not a post: its holders never
    leave in turnover, are never single points of failure, and do not enter the robustness of the chain."""


@attrs.frozen
class CoverageRule:
    """A coverage claim of the source ("全覆盖", "到户"): every unit of ``level`` in ``scope`` is
    reached by at least ``min_actors`` actors holding ``role`` (on the unit or an ancestor)."""

    key: str
    label: Label
    role: str
    level: str
    scope: Scope = EVERYTHING
    min_actors: int = 1
    quote: str = ""


@attrs.frozen
class StaffingRule:
    """How the mechanism staffs one role in a county it is applied to.

    Each unit of the role's level in the role's scope gets ``per_unit`` actors, or, where
    ``households_per_actor`` is set, one actor per that many households (rounded up).
    ``units_per_actor`` lets one actor hold several units. Both may be fractions, so a policy
    can state a published ratio and scale it to any county: ``per_unit = 92/67`` puts 92
    departments on 67 villages (one or two each), ``units_per_actor = 59/35`` puts 59 villages
    on 35 departments (one or two each). ``share`` restricts staffing to that share of the
    in-scope units, chosen by seed.

    For a household-level role with ``households_per_actor`` = N, households are dealt out N
    at a time within each village (each actor holds up to N households of one village); where
    the county has no household rows, the lowest units carrying ``households`` counts get
    partial assignments (``Assignment.households``) of up to N households each.
    """

    role: str
    actor_kind: str
    per_unit: float = 1
    households_per_actor: int | None = None
    units_per_actor: float | None = None
    share: float | None = None
    name: Label | None = None
    """Prefix for generated actor names (plainly synthetic: 县领导001)."""


@attrs.frozen
class AssignmentPolicy:
    rules: tuple[StaffingRule, ...] = ()
    note: Label | None = None


@attrs.frozen
class SourceRef:
    """The document a mechanism comes from (a file in ``shared/seeds`` or a public URL)."""

    file: str
    title: Label
    publisher: str = ""
    date: dt.date | None = None
    url: str = ""


StaffedWhat = Literal["actors", "units", "assignments", "households"]


@attrs.frozen
class StaffedCount:
    """What a published figure counts in the preset county once the mechanism's own policy has staffed it.

    ``of``: distinct ``actors`` (holding any of ``roles`` and being of any of ``kinds``), ``units`` (of ``level``
    carrying any of ``tags_any``), ``assignments`` (edges of ``roles``), or ``households`` (under units of ``level``
    with ``tags_any``). ``case --staffed`` sets the produced count beside the published one; where the two differ
    beyond the figure's hedge, ``explained_by`` names the assumption whose reason says why — or, where the
    difference is no choice of ours with a value to override (trained people who hold no post), ``reason`` says it.
    """

    of: StaffedWhat
    roles: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    level: str | None = None
    tags_any: tuple[str, ...] = ()
    explained_by: str | None = None
    reason: Label | None = None


@attrs.frozen
class Figure:
    """A published figure, with the sentence it comes from.

    ``approx`` keeps what the sentence says of the number: ``at-least`` for 多/余/以上 ("2万多次",
    "4000余人", "2500元以上": the value is a floor), ``nearly`` for 近 ("近575万元": a ceiling);
    ratios that use such a figure are marked approximate in turn.
    """

    key: str
    label: Label
    value: float
    unit: str = ""
    quote: str = ""
    approx: Approx = "exact"
    staffed: StaffedCount | None = None
    """Set where the figure counts posts or units the policy should reproduce (``case --staffed``)."""


@attrs.frozen
class Derived:
    """A figure that follows from published ones; ``formula`` is arithmetic over figure keys."""

    key: str
    label: Label
    formula: str
    unit: str = ""
    digits: int | None = None


@attrs.frozen
class ReferenceCase:
    source: SourceRef
    figures: tuple[Figure, ...] = ()
    derived: tuple[Derived, ...] = ()


@attrs.frozen
class Assumption:
    """A value the source leaves open, chosen by us and overridable by a user.

    ``path`` points into the mechanism as the converter unstructures it
    (``scoring.tier_schemes[key=households].tiers[key=star].min_score``: list items picked by a field, see
    :mod:`mechanisms.paths`); overriding sets the value there.
    """

    key: str
    label: Label
    path: str
    value: float | str | bool
    reason: Label | None = None


@attrs.frozen
class FeatureItem:
    key: str
    label: Label
    value: float | None = None
    unit: str = ""
    description: Label | None = None
    quote: str = ""


@attrs.frozen
class Feature:
    """Any other structure the source names (四个一批 funding channels, 三类建设, 四步走 stages)."""

    key: str
    label: Label
    items: tuple[FeatureItem, ...] = ()
    description: Label | None = None


@attrs.frozen
class Mechanism:
    """A county's responsibility mechanism, as a plugin or a TOML/YAML file states it."""

    key: str
    name: Label
    county: Label
    year: int | None = None
    summary: Label | None = None
    short_name: Label | None = None
    """What an office calls it in a table heading (临江五包五责, 东兴4433): a column of six mechanisms side by side has
    no room for the full name; :attr:`heading` falls back to the name."""
    source: SourceRef | None = None
    levels: tuple[Level, ...] = DEFAULT_LEVELS
    roles: tuple[Role, ...] = ()
    coverage_rules: tuple[CoverageRule, ...] = ()
    policy: AssignmentPolicy | None = None
    campaign: Campaign | None = None
    indicators: tuple[IndicatorDef, ...] = ()
    scoring: Scoring | None = None
    features: tuple[Feature, ...] = ()
    principles: tuple[Label, ...] = ()
    reference: ReferenceCase | None = None
    preset: CountyShape | None = None
    """The reference county's sizes, for generating a calibrated synthetic county (``--preset KEY``)."""
    assumptions: tuple[Assumption, ...] = ()

    @property
    def heading(self) -> Label:
        """The short name where the mechanism gives one, else its name."""
        return self.short_name or self.name

    def role(self, key: str) -> Role:
        for r in self.roles:
            if r.key == key:
                return r
        raise KeyError(key)

    @property
    def role_keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.roles)

    def indicator(self, key: str) -> IndicatorDef:
        for i in self.indicators:
            if i.key == key:
                return i
        raise KeyError(key)
