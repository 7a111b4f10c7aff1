"""Scoring worked by hand: scorecards and normalisations, rankings in peer groups with each tie rule,
tier boundaries, budgets, and red/black lists over periods running."""

from __future__ import annotations

import attrs
import pytest

from mechanisms import County, Label, Mechanism, Observation, OrgStructure, Unit
from mechanisms.errors import UsageError
from mechanisms.model.indicators import IndicatorDef, IndicatorTarget
from mechanisms.model.scoring import ListRule, PeerGroup, Ranking, Scorecard, ScoreItem, Scoring, Tier, TierScheme
from mechanisms.year.scores import ScoringEngine, position_from, rank_scores, tier_for

L = Label("x", "x")
UNITS = (
    Unit("C", "县", "county"), Unit("T1", "甲镇", "town", "C"), Unit("T2", "乙街道", "town", "C", ("street",)),
    Unit("V1", "一村", "village", "T1"), Unit("V2", "二村", "village", "T1"), Unit("V3", "三村", "village", "T1"),
    Unit("V4", "四社区", "village", "T1", ("community",)), Unit("V5", "五村", "village", "T2"),
    Unit("V6", "六村", "village", "T2"),
)
# monthly grades, January to June (None: not reported)
GRADES = {
    "V1": (80, 80, 80, 90, 90, 90),
    "V2": (85, 85, 85, 80, 100, 90),
    "V3": (65, 65, 65, 70, 70, 70),
    "V4": (50, 50, 50, 50, 50, 50),
    "V5": (70, 70, 70, 60, None, 90),
    "V6": (95, 95, 95, 95, 95, 95),
}
GROUPS = (PeerGroup("villages", L, "village", tags_none=("community",)),
          PeerGroup("communities", L, "village", tags_any=("community",)))


def scoring_of(m: Mechanism) -> Scoring:
    assert m.scoring is not None
    return m.scoring


def _key(tier: Tier | None) -> str | None:
    return None if tier is None else tier.key


def mechanism(ties: str = "min", items: tuple[ScoreItem, ...] = (ScoreItem("grade", 1.0),),
              tiers: tuple[TierScheme, ...] = (), lists: tuple[ListRule, ...] = ()) -> Mechanism:
    return Mechanism("t", L, L, indicators=(
        IndicatorDef("grade", L, level="village"),
        IndicatorDef("grade-target", L, level="village", targets=(IndicatorTarget(80.0),)),
        IndicatorDef("complaints", L, level="village", direction="lower"),
        IndicatorDef("extra", L, level="village"),
    ), scoring=Scoring(
        scorecards=(Scorecard("monthly", L, "village", "month", items),),
        rankings=(Ranking("quarterly", L, "monthly", "quarter", GROUPS, ties),),  # type: ignore[arg-type]
        tier_schemes=tiers, lists=lists))


def county() -> County:
    obs = []
    for unit, grades in GRADES.items():
        for m, g in enumerate(grades, start=1):
            period = f"2024-{m:02d}"
            obs.append(Observation(unit, "grade", period, None if g is None else float(g)))
            obs.append(Observation(unit, "grade-target", period, None if g is None else float(g)))
            obs.append(Observation(unit, "complaints", period, None if g is None else float(100 - g)))
    obs.append(Observation("V1", "extra", "2024-04", 50.0))
    return County(OrgStructure(UNITS), tuple(obs))


def engine(**kw: object) -> ScoringEngine:
    return ScoringEngine(mechanism(**kw), county())  # type: ignore[arg-type]


@pytest.mark.parametrize(("ties", "expected"), [
    ("min", {"a": 1, "b": 2, "c": 2, "d": 4}),
    ("dense", {"a": 1, "b": 2, "c": 2, "d": 3}),
    ("average", {"a": 1, "b": 2.5, "c": 2.5, "d": 4}),
    ("ordinal", {"a": 1, "b": 2, "c": 3, "d": 4}),  # ties broken by unit id
])
def test_rank_with_ties(ties: str, expected: dict[str, float]) -> None:
    # 0.1 + 0.2 and 0.3 are equal to 9 decimals: a tie, not float noise
    assert rank_scores({"d": 50.0, "c": 0.1 + 0.2 + 80, "a": 95.0, "b": 80.3}, ties) == expected
    with pytest.raises(UsageError):
        rank_scores({"a": 1.0}, "random")


def test_positions_from_either_end_share_places() -> None:
    scores = {"a": 90.0, "b": 70.0, "c": 70.0, "d": 95.0}
    assert position_from(scores, "top") == {"d": 1, "a": 2, "b": 3, "c": 3}
    assert position_from(scores, "bottom") == {"b": 1, "c": 1, "a": 3, "d": 4}


def test_quarterly_ranking_in_peer_groups() -> None:
    result = engine().rank(mechanism().scoring.rankings[0], "2024Q2")  # type: ignore[union-attr]
    got = [(r.group, r.unit, r.score, r.rank, r.of, r.complete) for r in result.rows]
    assert got == [
        ("villages", "V6", 95.0, 1.0, 5, True),
        ("villages", "V1", 90.0, 2.0, 5, True),
        ("villages", "V2", 90.0, 2.0, 5, True),  # (80 + 100 + 90) / 3: tied with V1
        ("villages", "V5", 75.0, 4.0, 5, False),  # May missing: mean of April and June, flagged
        ("villages", "V3", 70.0, 5.0, 5, True),
        ("communities", "V4", 50.0, 1.0, 1, True),  # communities are ranked apart
    ]
    v5 = next(r for r in result.rows if r.unit == "V5")
    assert v5.detail.missing_periods == ("2024-05",)


@pytest.mark.parametrize(("ties", "ranks"), [
    ("dense", {"V6": 1, "V1": 2, "V2": 2, "V5": 3, "V3": 4}),
    ("average", {"V6": 1, "V1": 2.5, "V2": 2.5, "V5": 4, "V3": 5}),
    ("ordinal", {"V6": 1, "V1": 2, "V2": 3, "V5": 4, "V3": 5}),
])
def test_the_rankings_tie_rule_applies(ties: str, ranks: dict[str, float]) -> None:
    e = engine(ties=ties)
    result = e.rank(e.ranking("quarterly"), "2024Q2")
    assert {r.unit: r.rank for r in result.group_rows("villages")} == ranks


THRESHOLD = TierScheme("rewards", L, "quarterly", "threshold", (
    Tier("standard", L, 50.0, min_score=75.0),  # declared lowest first on purpose: order must not matter
    Tier("model", L, 200.0, min_score=90.0),
))


def test_tier_boundaries_by_threshold() -> None:
    assert _key(tier_for(THRESHOLD, "villages", 90.0, None)) == "model"  # exactly on the line: reached
    assert _key(tier_for(THRESHOLD, "villages", 89.999, None)) == "standard"
    assert _key(tier_for(THRESHOLD, "villages", 75.0, None)) == "standard"
    assert tier_for(THRESHOLD, "villages", 74.999, None) is None
    assert tier_for(THRESHOLD, "villages", None, None) is None


def test_tiers_and_budget_of_a_ranking() -> None:
    e = engine(tiers=(THRESHOLD,))
    res = e.tiers(THRESHOLD, "2024Q2")
    assert {a.unit: (a.tier.key if a.tier else None) for a in res.awards} == \
        {"V6": "model", "V1": "model", "V2": "model", "V5": "standard", "V3": None, "V4": None}
    assert [(ln.tier.key, ln.count, ln.amount) for ln in res.lines] == [("standard", 1, 50.0), ("model", 3, 600.0)]
    assert res.budget == {"CNY": 650.0}


def test_tiers_by_rank_and_by_peer_group() -> None:
    scheme = TierScheme("by-rank", L, "quarterly", "rank", (
        Tier("first", L, 1000.0, max_rank=1, peer_group="villages"),
        Tier("second", L, 500.0, max_rank=3, peer_group="villages"),
        Tier("community-first", L, 300.0, max_rank=1, peer_group="communities"),
    ))
    res = engine(tiers=(scheme,)).tiers(scheme, "2024Q2")
    assert {a.unit: (a.tier.key if a.tier else None) for a in res.awards} == \
        {"V6": "first", "V1": "second", "V2": "second", "V5": None, "V3": None, "V4": "community-first"}
    assert res.budget == {"CNY": 1000.0 + 2 * 500.0 + 300.0}
    # with dense ties V5 is third and reaches the second tier too
    res_dense = engine(ties="dense", tiers=(scheme,)).tiers(scheme, "2024Q2")
    assert {a.unit: (a.tier.key if a.tier else None) for a in res_dense.awards}["V5"] == "second"


def test_black_list_bottom_n_for_k_periods_running() -> None:
    rule = ListRule("black", L, "black", "quarterly", n=1, periods_running=2, period="quarter")
    e = engine(lists=(rule,))
    res = e.list_members(rule, "2024Q2")
    assert res.periods == ("2024Q1", "2024Q2")
    assert [(x.group, x.unit, x.positions) for x in res.entries] == [
        ("communities", "V4", (1, 1)),  # alone in its group: bottom (and top) every time
        ("villages", "V3", (1, 1)),
    ]
    # nobody was scored in 2023Q4, so nobody has two quarters running yet in 2024Q1
    assert e.list_members(rule, "2024Q1").entries == ()


def test_red_list_ties_at_the_cut_off_are_all_listed() -> None:
    rule = ListRule("red", L, "red", "quarterly", n=2, periods_running=1, period="month")
    res = engine(lists=(rule,)).list_members(rule, "2024-06")
    assert res.periods == ("2024-06",)
    villages = sorted(x.unit for x in res.entries if x.group == "villages")
    assert villages == ["V1", "V2", "V5", "V6"]  # V6 95 first; V1, V2 and V5 share second place with 90


def test_missing_items_are_left_out_and_flagged() -> None:
    e = engine(items=(ScoreItem("grade", 3.0), ScoreItem("extra", 1.0)))
    scores = e.period_scores(e.scorecard("monthly"), "2024-04")
    v1, v2 = scores["V1"], scores["V2"]
    assert v1.score == pytest.approx((3 * 90 + 1 * 50) / 4) and v1.complete
    assert v2.score == pytest.approx(80.0)  # extra missing: scored on grade alone, never as 0
    assert v2.missing == ("extra",) and not v2.complete
    may = e.period_scores(e.scorecard("monthly"), "2024-05")
    assert may["V5"].score is None  # nothing to score


def test_normalisations() -> None:
    e = engine(items=(ScoreItem("grade", 1.0, "minmax"),))
    s = {u: x.score for u, x in e.period_scores(e.scorecard("monthly"), "2024-04").items()}
    # villages in April: V6 95, V1 90, V2 80, V3 70, V5 60 — scaled within the group
    assert s["V6"] == pytest.approx(100.0) and s["V5"] == pytest.approx(0.0)
    assert s["V1"] == pytest.approx(100 * 30 / 35)
    assert s["V4"] == pytest.approx(100.0)  # alone in its group
    e = engine(items=(ScoreItem("grade", 1.0, "rank"),))
    s = {u: x.score for u, x in e.period_scores(e.scorecard("monthly"), "2024-04").items()}
    assert (s["V6"], s["V1"], s["V2"], s["V3"], s["V5"]) == (100.0, 75.0, 50.0, 25.0, 0.0)
    e = engine(items=(ScoreItem("complaints", 1.0, "minmax"),))  # lower is better
    s = {u: x.score for u, x in e.period_scores(e.scorecard("monthly"), "2024-04").items()}
    assert s["V6"] == pytest.approx(100.0) and s["V5"] == pytest.approx(0.0)
    e = engine(items=(ScoreItem("grade-target", 1.0, "target"),))
    s = {u: x.score for u, x in e.period_scores(e.scorecard("monthly"), "2024-04").items()}
    assert s["V1"] == 100.0  # 90 against 80: capped
    assert s["V3"] == pytest.approx(87.5)
    e = engine(items=(ScoreItem("grade", 1.0, "target"),))  # no target: cannot be scored
    v1 = e.period_scores(e.scorecard("monthly"), "2024-04")["V1"]
    assert v1.score is None and v1.items[0].note == "no target"


def test_max_score_scales() -> None:
    m = mechanism()
    card = attrs.evolve(scoring_of(m).scorecards[0], max_score=10.0)
    m = attrs.evolve(m, scoring=attrs.evolve(scoring_of(m), scorecards=(card,)))
    e = ScoringEngine(m, county())
    assert e.period_scores(card, "2024-04")["V6"].score == pytest.approx(9.5)


def test_a_monthly_card_cannot_be_scored_for_a_day_and_half_years_average_months() -> None:
    e = engine()
    with pytest.raises(UsageError, match="per month"):
        e.scores(e.scorecard("monthly"), "2024-05-01")
    h1 = e.scores(e.scorecard("monthly"), "2024H1")
    assert h1["V1"].score == pytest.approx(85.0)  # (3 × 80 + 3 × 90) / 6


def test_ranking_within_each_town_splits_the_group_and_keeps_its_tiers_and_lists() -> None:
    within = (PeerGroup("villages", L, "village", tags_none=("community",), within="town"),)
    scheme = TierScheme("town-best", L, "quarterly", "rank", (Tier("first", L, 100.0, max_rank=1, peer_group="villages"),))
    rule = ListRule("black", L, "black", "quarterly", n=1, periods_running=1, period="quarter")
    m = attrs.evolve(mechanism(), scoring=attrs.evolve(
        scoring_of(mechanism()), rankings=(Ranking("quarterly", L, "monthly", "quarter", within),),
        tier_schemes=(scheme,), lists=(rule,)))
    e = ScoringEngine(m, county())
    result = e.rank(e.ranking("quarterly"), "2024Q2")
    assert [(r.group, r.unit, r.score, r.rank, r.of) for r in result.rows] == [
        ("villages@T1", "V1", 90.0, 1.0, 3),  # T1's villages: V1 and V2 tie on 90, V3 70 (V4 is a community)
        ("villages@T1", "V2", 90.0, 1.0, 3),
        ("villages@T1", "V3", 70.0, 3.0, 3),
        ("villages@T2", "V6", 95.0, 1.0, 2),  # T2's: V6 95 first, V5 75 second — second in its town, 4th county-wide
        ("villages@T2", "V5", 75.0, 2.0, 2),
    ]
    assert result.ungrouped == ("V4",)
    awards = {a.unit: a.tier.key if a.tier else None for a in e.tiers(scheme, "2024Q2").awards}
    assert awards == {"V1": "first", "V2": "first", "V3": None, "V6": "first", "V5": None}  # a tier per town's best
    assert [(x.group, x.unit) for x in e.list_members(rule, "2024Q2").entries] == [("villages@T1", "V3"),
                                                                                   ("villages@T2", "V5")]


def test_within_must_name_a_level_above_the_group() -> None:
    from mechanisms import check_mechanism

    for bad in ("household", "nowhere"):
        m = attrs.evolve(mechanism(), scoring=attrs.evolve(scoring_of(mechanism()), rankings=(
            Ranking("quarterly", L, "monthly", "quarter", (PeerGroup("v", L, "village", within=bad),)),)))
        problems = [str(p) for p in check_mechanism(m)]
        assert any(f"'{bad}' is not a level above 'village'" in p for p in problems), problems
