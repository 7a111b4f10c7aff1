"""The definition side of scoring: scorecards, rankings, tiers, red/black lists, points, supervision."""

from __future__ import annotations

from typing import Literal

import attrs

from .labels import Label
from .schedule import PeriodKind

Normalisation = Literal["none", "target", "minmax", "rank"]
TieRule = Literal["min", "dense", "average", "ordinal"]


@attrs.frozen
class ScoreItem:
    """One weighted line of a scorecard; ``normalisation`` says how the raw value becomes 0–100.

    ``none``: the value is already a 0–100 score; ``target``: achievement against the
    indicator's target, capped at 100; ``minmax``: scaled between the peer group's worst and
    best; ``rank``: 100 for the best of the peer group down to 0 for the worst.
    """

    indicator: str
    weight: float
    normalisation: Normalisation = "none"
    label: Label | None = None


@attrs.frozen
class PeerGroup:
    """Units ranked against each other: a level, narrowed by tags (villages apart from communities).

    ``within`` names a higher level to rank separately under each of its units — households
    within their village, as a village posts its own red and black boards; villages within their
    town. Such a group splits into one group per unit of that level, keyed ``KEY@UNIT``.
    """

    key: str
    label: Label
    level: str
    tags_any: tuple[str, ...] = ()
    tags_none: tuple[str, ...] = ()
    within: str | None = None


@attrs.frozen
class Scorecard:
    key: str
    label: Label
    level: str
    period: PeriodKind = "month"
    items: tuple[ScoreItem, ...] = ()
    max_score: float = 100.0


@attrs.frozen
class Ranking:
    """Scores of ``scorecard`` combined over ``period`` (mean of its sub-periods) and ranked per peer group."""

    key: str
    label: Label
    scorecard: str
    period: PeriodKind = "quarter"
    peer_groups: tuple[PeerGroup, ...] = ()
    ties: TieRule = "min"
    published: Label | None = None
    """Where the ranking is shown (大屏幕, 通报) — as the source says."""


@attrs.frozen
class Tier:
    """A reward band: reached by score (``min_score``) or by rank (``max_rank``), or both."""

    key: str
    label: Label
    reward: float = 0.0
    currency: str = "CNY"
    min_score: float | None = None
    max_rank: int | None = None
    peer_group: str | None = None
    """Restrict the tier to one peer group (town class 1 ≠ street class 1)."""


@attrs.frozen
class TierScheme:
    key: str
    label: Label
    ranking: str
    by: Literal["threshold", "rank"] = "threshold"
    tiers: tuple[Tier, ...] = ()
    period: PeriodKind = "year"


@attrs.frozen
class ListRule:
    """A red or black list: top/bottom ``n`` of a ranking, for ``periods_running`` periods in a row."""

    key: str
    label: Label
    colour: Literal["red", "black"]
    ranking: str
    n: int = 1
    periods_running: int = 1
    period: PeriodKind = "month"
    consequence: Label | None = None


@attrs.frozen
class PointsRule:
    """Points a household earns (positive) or loses (negative) for a kind of act."""

    key: str
    label: Label
    points: int
    per: Label | None = None


@attrs.frozen
class PointsScheme:
    """A household points ledger (积分制) and its supermarket (积分超市)."""

    label: Label
    rules: tuple[PointsRule, ...] = ()
    redeemable: bool = True
    yuan_per_point: float | None = None
    note: Label | None = None


@attrs.frozen
class AccountabilityCategory:
    """A kind of failure that leads to accountability (不作为, 慢作为, 假作为, 乱作为)."""

    key: str
    label: Label
    description: Label | None = None


@attrs.frozen
class Supervision:
    """The loop problem found → assigned → rectified by a deadline → closed or overdue → accountability."""

    label: Label
    rectification_days: int = 30
    categories: tuple[AccountabilityCategory, ...] = ()
    lists: tuple[Label, ...] = ()
    """The ledgers the loop keeps (问题清单, 整改清单, 责任清单)."""
    methods: tuple[Label, ...] = ()


@attrs.frozen
class Scoring:
    scorecards: tuple[Scorecard, ...] = ()
    rankings: tuple[Ranking, ...] = ()
    tier_schemes: tuple[TierScheme, ...] = ()
    lists: tuple[ListRule, ...] = ()
    points: PointsScheme | None = None
    supervision: Supervision | None = None
    uses: tuple[Label, ...] = ()
    """What scores feed beyond rewards (cadre appraisal, village-cadre pay)."""
