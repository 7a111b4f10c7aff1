"""Scores, rankings, reward tiers, budgets and red/black lists, computed from indicator values.

The rules (each is also stated in the CLI's output):

- **Item score** (0–100) by the item's normalisation: ``none`` takes the value as the score;
  ``target`` is the direction-aware achievement against the indicator's target, capped at
  100 (no target: the item cannot be scored); ``minmax`` scales the value between the worst
  (0) and best (100) unit of the same peer group that period (all equal: 100); ``rank``
  gives 100 to the best and 0 to the worst of the peer group, evenly between (ties share the
  average). "Best" follows the indicator's direction.
- **Unit score** = Σ weight × item score / Σ weight × max_score / 100, over the items that could
  be scored. A missing item is left out of both sums, and the score is flagged incomplete —
  never counted as 0. With no item scored, there is no score.
- **Over a longer period** (a quarter of a monthly scorecard) the score is the mean of the
  sub-period scores present; missing sub-periods are named and the score flagged incomplete.
- **Ranks** are within each peer group, best first; scores equal to 9 decimals are tied and the
  ranking's tie rule applies (see :data:`TIE_RULES`). Units without a score are listed unranked.
- **Tiers** by threshold: the highest ``min_score`` reached; by rank: the smallest ``max_rank``
  reached; a tier naming a peer group applies only to it. **Budget** = Σ rewards paid.
- **Lists**: the top (red) or bottom (black) ``n`` of a peer group, counted from that end with
  ties at the cut-off all in, in each of ``periods_running`` consecutive periods, in the same group.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

import attrs

from ..county.records import County
from ..errors import UsageError
from ..model.labels import Label, _
from ..model.mechanism import Mechanism
from ..model.periods import Period, finer
from ..model.scoring import ListRule, PeerGroup, Ranking, Scorecard, ScoreItem, Scoring, Tier, TierScheme
from .indicator_values import IndicatorValue, IndicatorValues, achievement_percent

TIE_RULES: dict[str, Label] = {
    "min": _("equal scores share the best rank; the next rank is skipped (1, 2, 2, 4)"),
    "dense": _("equal scores share a rank; no rank is skipped (1, 2, 2, 3)"),
    "average": _("equal scores share the mean of their ranks (1, 2.5, 2.5, 4)"),
    "ordinal": _("equal scores are ranked by unit id (1, 2, 3, 4)"),
}
NORMALISATIONS: dict[str, Label] = {
    "none": _("the value is the score (0–100)"),
    "target": _("achievement against the target, capped at 100"),
    "minmax": _("scaled from the group's worst (0) to best (100)"),
    "rank": _("by place in the group: best 100, worst 0"),
}
MISSING_RULE = _("a missing item is not scored 0: the score uses the weights present and is flagged incomplete")
DIGITS = 9


@attrs.frozen
class ItemScore:
    indicator: str
    weight: float
    value: float | None
    score: float | None
    note: str = ""
    """Why there is no score (``missing``, ``no target``, ``undefined``) or ``partial`` for a roll-up with gaps."""


@attrs.frozen
class UnitScore:
    """A unit's score on a scorecard for one period of the scorecard's kind."""

    unit: str
    period: str
    score: float | None
    items: tuple[ItemScore, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(i.indicator for i in self.items if i.score is None)

    @property
    def complete(self) -> bool:
        return self.score is not None and not self.missing and all(i.note != "partial" for i in self.items)


@attrs.frozen
class PeriodScore:
    """A unit's score over a period: the mean of its sub-period scores present."""

    unit: str
    period: str
    score: float | None
    parts: tuple[UnitScore, ...]
    missing_periods: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.score is not None and not self.missing_periods and all(p.complete for p in self.parts)


@attrs.frozen
class RankRow:
    group: str
    unit: str
    score: float | None
    rank: float | None
    of: int
    complete: bool
    detail: PeriodScore


@attrs.frozen
class RankingResult:
    ranking: Ranking
    period: str
    rows: tuple[RankRow, ...]
    """Ranked units per group (group order as declared, then rank), then unranked units (no score)."""
    ungrouped: tuple[str, ...] = ()
    """Units of the scorecard's level in no peer group."""

    def group_rows(self, group: str) -> tuple[RankRow, ...]:
        return tuple(r for r in self.rows if r.group == group)


@attrs.frozen
class Award:
    unit: str
    group: str
    tier: Tier | None
    score: float | None
    rank: float | None

    @property
    def reward(self) -> float:
        return self.tier.reward if self.tier else 0.0


@attrs.frozen
class TierLine:
    tier: Tier
    count: int
    amount: float


@attrs.frozen
class TierResult:
    scheme: TierScheme
    period: str
    awards: tuple[Award, ...]
    lines: tuple[TierLine, ...]

    @property
    def budget(self) -> dict[str, float]:
        """Total rewards per currency."""
        out: dict[str, float] = defaultdict(float)
        for line in self.lines:
            out[line.tier.currency] += line.amount
        return dict(out)


@attrs.frozen
class ListEntry:
    unit: str
    group: str
    periods: tuple[str, ...]
    positions: tuple[int, ...]
    """Place counted from the list's end (1 = best for red, worst for black), one per period."""


@attrs.frozen
class ListResult:
    rule: ListRule
    periods: tuple[str, ...]
    entries: tuple[ListEntry, ...]


# ------------------------------------------------------------------ pure helpers

def rank_scores(scores: Mapping[str, float], ties: str = "min") -> dict[str, float]:
    """Rank units by score, best (highest) first, with the tie rule of :data:`TIE_RULES`."""
    keyed = sorted(scores, key=lambda u: (-round(scores[u], DIGITS), u))
    ranks: dict[str, float] = {}
    i = 0
    dense = 0
    while i < len(keyed):
        j = i
        val = round(scores[keyed[i]], DIGITS)
        while j + 1 < len(keyed) and round(scores[keyed[j + 1]], DIGITS) == val:
            j += 1
        dense += 1
        for k in range(i, j + 1):
            if ties == "min":
                ranks[keyed[k]] = float(i + 1)
            elif ties == "dense":
                ranks[keyed[k]] = float(dense)
            elif ties == "average":
                ranks[keyed[k]] = (i + 1 + j + 1) / 2
            elif ties == "ordinal":
                ranks[keyed[k]] = float(k + 1)
            else:
                raise UsageError(_("unknown tie rule {rule} ({rules})").format(rule=repr(ties), rules=", ".join(TIE_RULES)))
        i = j + 1
    return ranks


def position_from(scores: Mapping[str, float], end: str) -> dict[str, int]:
    """1 + the number of units strictly better (``top``) or strictly worse (``bottom``): ties share a place."""
    vals = {u: round(v, DIGITS) for u, v in scores.items()}
    if end == "top":
        return {u: 1 + sum(1 for w in vals.values() if w > v) for u, v in vals.items()}
    return {u: 1 + sum(1 for w in vals.values() if w < v) for u, v in vals.items()}


def in_group(group: PeerGroup, unit_level: str, tags: Sequence[str]) -> bool:
    have = set(tags)
    return unit_level == group.level and (not group.tags_any or bool(have & set(group.tags_any))) \
        and not (have & set(group.tags_none))


def tier_for(scheme: TierScheme, group: str, score: float | None, rank: float | None) -> Tier | None:
    """The tier a unit reaches (see the module's rules); ``None`` when it reaches none or has no score."""
    if score is None:
        return None
    base = group.partition("@")[0]  # a group split by ``within`` keeps its tiers
    eligible = [t for t in scheme.tiers if t.peer_group is None or t.peer_group == base]
    eps = 1e-9
    if scheme.by == "threshold":
        ordered = sorted(eligible, key=lambda t: -(t.min_score if t.min_score is not None else -math.inf))
    else:
        ordered = sorted(eligible, key=lambda t: t.max_rank if t.max_rank is not None else math.inf)
    for t in ordered:
        if t.min_score is not None and score < t.min_score - eps:
            continue
        if t.max_rank is not None and (rank is None or rank > t.max_rank):
            continue
        return t
    return None


# ------------------------------------------------------------------ the engine

class ScoringEngine:
    """Scores a mechanism's scorecards on a county; caches per-period scores across rankings, tiers and lists."""

    def __init__(self, mechanism: Mechanism, county: County, values: IndicatorValues | None = None) -> None:
        self.mechanism = mechanism
        self.county = county
        self.scoring: Scoring = mechanism.scoring or Scoring()
        self.values = values or IndicatorValues(mechanism, county)
        self._cache: dict[tuple[str, str], dict[str, UnitScore]] = {}

    # ---- lookups

    def scorecard(self, key: str) -> Scorecard:
        for c in self.scoring.scorecards:
            if c.key == key:
                return c
        raise UsageError(_("{mechanism} has no scorecard {key}").format(mechanism=self.mechanism.key, key=repr(key)))

    def ranking(self, key: str) -> Ranking:
        for r in self.scoring.rankings:
            if r.key == key:
                return r
        raise UsageError(_("{mechanism} has no ranking {key}").format(mechanism=self.mechanism.key, key=repr(key)))

    def groups(self, ranking: Ranking | None, level: str) -> dict[str, tuple[str, ...]]:
        """Peer group key → unit ids (file order). Without peer groups: one group ``all`` of the level.

        A group ``within`` a higher level becomes one group per unit of that level (``KEY@UNIT``);
        a member with no ancestor at that level stays in ``KEY``.
        """
        s = self.county.structure
        if ranking is None or not ranking.peer_groups:
            return {"all": tuple(u.id for u in s.units_at(level))}
        out: dict[str, list[str]] = {}
        for g in ranking.peer_groups:
            members = [u.id for u in s.units if in_group(g, u.level, u.tags)]
            if g.within is None:
                out[g.key] = members
                continue
            for uid in members:
                above = next((a.id for a in s.ancestors(uid) if a.level == g.within), None)
                out.setdefault(g.key if above is None else f"{g.key}@{above}", []).append(uid)
        return {k: tuple(v) for k, v in out.items()}

    def _normalising_groups(self, card: Scorecard) -> dict[str, tuple[str, ...]]:
        ranking = next((r for r in self.scoring.rankings if r.scorecard == card.key), None)
        groups = self.groups(ranking, card.level)
        grouped = {u for us in groups.values() for u in us}
        rest = tuple(u.id for u in self.county.structure.units_at(card.level) if u.id not in grouped)
        return {**groups, "": rest} if rest else groups

    # ---- scores

    def period_scores(self, card: Scorecard, period: Period | str) -> dict[str, UnitScore]:
        """Every unit of the card's level scored for one period of the card's kind."""
        p = Period.parse(period)
        if p.kind != card.period:
            raise UsageError(_("scorecard {key} is scored per {per}; {period} is a {kind}").format(
                key=repr(card.key), per=card.period, period=p, kind=p.kind))
        key = (card.key, str(p))
        if key in self._cache:
            return self._cache[key]
        units = [u.id for u in self.county.structure.units_at(card.level)]
        per_item: list[dict[str, ItemScore]] = [self._item_scores(card, item, units, p) for item in card.items]
        out: dict[str, UnitScore] = {}
        for u in units:
            items = tuple(scores[u] for scores in per_item)
            present = [i for i in items if i.score is not None]
            wsum = math.fsum(i.weight for i in present)
            score = None
            if present and wsum > 0:
                score = math.fsum(i.weight * i.score for i in present if i.score is not None) / wsum * card.max_score / 100
            out[u] = UnitScore(u, str(p), score, items)
        self._cache[key] = out
        return out

    def _item_scores(self, card: Scorecard, item: ScoreItem, units: list[str], p: Period) -> dict[str, ItemScore]:
        values: dict[str, IndicatorValue] = {u: self.values.value(item.indicator, u, p) for u in units}
        d = self.values.definition(item.indicator)

        def note(v: IndicatorValue) -> str:
            if v.value is None:
                return "undefined" if v.source == "undefined" else "missing"
            return "partial" if v.missing else ""

        out: dict[str, ItemScore] = {}
        if item.normalisation in ("none", "target"):
            for u, v in values.items():
                if v.value is None:
                    out[u] = ItemScore(item.indicator, item.weight, None, None, note(v))
                elif item.normalisation == "none":
                    out[u] = ItemScore(item.indicator, item.weight, v.value, v.value, note(v))
                else:
                    t = self.values.target(item.indicator, u, p)
                    if t is None:
                        out[u] = ItemScore(item.indicator, item.weight, v.value, None, "no target")
                    else:
                        pct = min(100.0, achievement_percent(v.value, t.value, d.direction))
                        out[u] = ItemScore(item.indicator, item.weight, v.value, pct, note(v))
            return out
        # minmax / rank: relative to the peer group in the same period
        for members in self._normalising_groups(card).values():
            keys: dict[str, float] = {}
            for u in members:
                gv = values.get(u)
                if gv is None or gv.value is None:
                    continue
                if d.direction == "higher":
                    keys[u] = gv.value
                elif d.direction == "lower":
                    keys[u] = -gv.value
                else:
                    t = self.values.target(item.indicator, u, p)
                    if t is None:
                        continue
                    keys[u] = -abs(gv.value - t.value)
            if item.normalisation == "minmax":
                best, worst = (max(keys.values()), min(keys.values())) if keys else (0.0, 0.0)
                scaled = {u: 100.0 if best == worst else 100.0 * (k - worst) / (best - worst) for u, k in keys.items()}
            else:
                ranks = rank_scores(keys, "average")
                n = len(keys)
                scaled = {u: 100.0 if n == 1 else 100.0 * (n - r) / (n - 1) for u, r in ranks.items()}
            for u in members:
                gv = values.get(u)
                if gv is None:
                    continue
                if u in scaled:
                    out[u] = ItemScore(item.indicator, item.weight, gv.value, scaled[u], note(gv))
                else:
                    out[u] = ItemScore(item.indicator, item.weight, gv.value, None,
                                       note(gv) if gv.value is None else "no target")
        return out

    def scores(self, card: Scorecard, period: Period | str) -> dict[str, PeriodScore]:
        """Every unit's score over ``period``: the mean of the card's sub-periods in it."""
        p = Period.parse(period)
        if finer(p.kind, card.period):
            raise UsageError(_("scorecard {key} is scored per {per}; ask for a {per} or longer, not {period}").format(
                key=repr(card.key), per=card.period, period=p))
        subs = p.split(card.period)
        per = [self.period_scores(card, s) for s in subs]
        out: dict[str, PeriodScore] = {}
        for u in (u.id for u in self.county.structure.units_at(card.level)):
            parts = tuple(ps[u] for ps in per)
            have = [x.score for x in parts if x.score is not None]
            missing = tuple(x.period for x in parts if x.score is None)
            out[u] = PeriodScore(u, str(p), math.fsum(have) / len(have) if have else None, parts, missing)
        return out

    # ---- rankings

    def rank(self, ranking: Ranking, period: Period | str) -> RankingResult:
        card = self.scorecard(ranking.scorecard)
        scores = self.scores(card, period)
        groups = self.groups(ranking, card.level)
        rows: list[RankRow] = []
        for g, members in groups.items():
            scored = {u: scores[u].score for u in members if u in scores and scores[u].score is not None}
            ranks = rank_scores(scored, ranking.ties)  # type: ignore[arg-type]
            ordered = sorted(scored, key=lambda u: (ranks[u], u))
            rows.extend(RankRow(g, u, scored[u], ranks[u], len(scored), scores[u].complete, scores[u]) for u in ordered)
            rows.extend(RankRow(g, u, None, None, len(scored), False, scores[u])
                        for u in members if u in scores and u not in scored)
        grouped = {u for us in groups.values() for u in us}
        ungrouped = tuple(u.id for u in self.county.structure.units_at(card.level) if u.id not in grouped)
        return RankingResult(ranking, str(Period.parse(period)), tuple(rows), ungrouped)

    # ---- tiers and budget

    def tiers(self, scheme: TierScheme, period: Period | str, result: RankingResult | None = None) -> TierResult:
        """Tiers each ranked unit reaches and the budget they imply."""
        result = result or self.rank(self.ranking(scheme.ranking), period)
        awards = tuple(Award(r.unit, r.group, tier_for(scheme, r.group, r.score, r.rank), r.score, r.rank)
                       for r in result.rows)
        lines = []
        for t in scheme.tiers:
            n = sum(1 for a in awards if a.tier == t)
            lines.append(TierLine(t, n, n * t.reward))
        return TierResult(scheme, result.period, awards, tuple(lines))

    # ---- red and black lists

    def list_members(self, rule: ListRule, period: Period | str) -> ListResult:
        """Units on a red/black list for the ``periods_running`` periods of ``rule.period`` ending in ``period``."""
        p = Period.parse(period)
        ranking = self.ranking(rule.ranking)
        card = self.scorecard(ranking.scorecard)
        kind = rule.period if not finer(rule.period, card.period) else card.period
        last = Period.containing(p.end, kind)
        window = [last.shift(-k) for k in range(rule.periods_running - 1, -1, -1)]
        end = "top" if rule.colour == "red" else "bottom"
        hits: dict[tuple[str, str], list[int]] = defaultdict(list)
        for w in window:
            result = self.rank(ranking, w)
            for g in self.groups(ranking, card.level):
                scored = {r.unit: r.score for r in result.group_rows(g) if r.score is not None}
                for u, pos in position_from(scored, end).items():
                    if pos <= rule.n:
                        hits[(g, u)].append(pos)
        entries = tuple(ListEntry(u, g, tuple(str(w) for w in window), tuple(pos))
                        for (g, u), pos in hits.items() if len(pos) == len(window))
        ordered = tuple(sorted(entries, key=lambda e: (e.group, e.positions, e.unit)))
        return ListResult(rule, tuple(str(w) for w in window), ordered)


def tier_rule_text(scheme: TierScheme) -> Label:
    if scheme.by == "threshold":
        return _("by threshold: the highest tier whose minimum score is reached")
    return _("by rank: the best tier whose rank limit is reached")


__all__ = [
    "MISSING_RULE",
    "NORMALISATIONS",
    "TIE_RULES",
    "Award",
    "ItemScore",
    "ListEntry",
    "ListResult",
    "PeriodScore",
    "RankRow",
    "RankingResult",
    "ScoringEngine",
    "TierLine",
    "TierResult",
    "UnitScore",
    "in_group",
    "position_from",
    "rank_scores",
    "tier_for",
    "tier_rule_text",
]
