"""What a user of the Changling plugin relies on: the roles, rules, campaign, scoring and every published figure.

What every plugin must satisfy (quotes verbatim in the source, round trips, assumptions overridable, the commands
working) is the shared contract, checked once in ``test_contract``; the tests below hold what is particular to
Changling's mechanism.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mechanisms import (
    Mechanism,
    apply_overrides,
    check_mechanism,
    compute_derived,
    generate_structure,
    get_path,
    load_catalog,
    unstructure,
)
from mechanisms.cli import main
from mechanisms.county.staffed_case import StaffedCase, staffed_case
from mechanisms.testing import assert_contract, hedged_figures

KEY = "changling-five-strengthen"
SOURCE_FILE = "003_cb5105d53e7e09e6.txt"
SEED = Path(__file__).resolve().parent / "source" / SOURCE_FILE


@pytest.fixture(scope="module")
def m() -> Mechanism:
    return load_catalog().get(KEY)


@pytest.fixture(scope="module")
def figures(m: Mechanism) -> dict[str, float]:
    assert m.reference is not None
    return {f.key: f.value for f in m.reference.figures}


@pytest.fixture(scope="module")
def derived(m: Mechanism) -> dict[str, float]:
    assert m.reference is not None
    return {dv.derived.key: dv.value for dv in compute_derived(m.reference)}


def _by_key(items: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """The item of a JSON list whose ``key`` is ``key``."""
    return next(item for item in items if item["key"] == key)


# --- the mechanism as a whole -------------------------------------------------------------------


def test_contract() -> None:
    assert_contract(KEY, source=SEED, mechanism_file=files("mechanisms_changling_five_strengthen") / "mechanism.yaml")


def test_mechanism_identity(m: Mechanism) -> None:
    assert m.key == KEY
    assert m.year == 2023
    assert m.county.zh == "吉林省松原市长岭县"
    assert m.source is not None and m.source.file == SOURCE_FILE
    assert m.source.date == dt.date(2023, 7, 20)
    assert m.source.publisher == "中国乡村振兴网"


def test_levels_keep_shared_keys(m: Mechanism) -> None:
    assert [lv.key for lv in m.levels] == ["county", "town", "village", "group", "household"]
    assert next(lv for lv in m.levels if lv.key == "group").label.zh == "屯（自然屯）"


def test_every_label_is_bilingual(m: Mechanism) -> None:
    def walk(node: object) -> None:
        if isinstance(node, dict):
            if set(node) == {"zh", "en"}:
                assert node["zh"] and node["en"], node
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(unstructure(m))


# --- roles, coverage, policy ---------------------------------------------------------------------


def test_roles(m: Mechanism) -> None:
    assert m.role_keys == ("leading-group-head", "county-cadre", "department", "town-manager", "village-cadre",
                           "inspection-team", "ten-household-leader")
    expected = {  # key: (level, actor kinds, scope tags, min per unit, capacity, households capacity)
        "leading-group-head": ("county", ("leader",), (), 1, None, None),
        "county-cadre": ("village", ("leader",), ("model-village",), 1, None, None),
        "department": ("village", ("department",), ("model-village",), 1, None, None),
        # 属地乡镇“管”: the home town itself, on the town, reaching its model villages from above
        "town-manager": ("town", ("town",), (), 1, None, None),
        # 示范村屯“干”: the model village itself (the report names no committee, no 村“三委”)
        "village-cadre": ("village", ("village",), ("model-village",), 1, None, None),
        "inspection-team": ("village", ("inspector",), ("model-village",), 1, None, None),
        # the leader of a ten-household group is our assumption; the report names no party-member kind
        "ten-household-leader": ("household", ("household",), (), 1, None, 10),
    }
    for key, (level, kinds, tags, min_per_unit, capacity, cap_hh) in expected.items():
        r = m.role(key)
        assert (r.level, r.actor_kinds, r.scope.tags_any, r.min_per_unit, r.capacity, r.capacity_households) == (
            level, kinds, tags, min_per_unit, capacity, cap_hh), key
        assert r.duties and r.quote, key


def test_four_level_network_verbs(m: Mechanism) -> None:
    verbs = {"county-cadre": "督", "department": "包", "town-manager": "管", "village-cadre": "干"}
    for key, verb in verbs.items():
        assert f"“{verb}”" in m.role(key).label.zh
        assert "四级包保督战网络" in m.role(key).quote


def test_no_term_the_source_does_not_use(m: Mechanism) -> None:
    """村“三委”, 十户长 and glossed means (带项目、资金) are not in the report."""
    text = json.dumps(unstructure(m), ensure_ascii=False)
    assert "三委" not in text and "十户长" not in text and "带项目" not in text
    assert "本库假设" in m.role("ten-household-leader").label.zh
    visits = m.role("inspection-team").visits
    assert visits is not None and visits.label is not None and "本库假设" in visits.label.zh


def test_visit_frequency(m: Mechanism) -> None:
    visits = m.role("inspection-team").visits
    assert visits is not None and (visits.times, visits.per, visits.unit) == (1, "month", "visit")
    assert [r.key for r in m.roles if r.visits is not None] == ["inspection-team"]


def test_coverage_rules(m: Mechanism) -> None:
    rules = {c.key: (c.role, c.level, c.scope.tags_any, c.min_actors) for c in m.coverage_rules}
    assert rules == {
        "leading-group": ("leading-group-head", "county", (), 1),
        "network-supervised": ("county-cadre", "village", ("model-village",), 1),
        "network-contracted": ("department", "village", ("model-village",), 1),
        "network-managed": ("town-manager", "village", ("model-village",), 1),
        "network-worked": ("village-cadre", "village", ("model-village",), 1),
        "districts-inspected": ("inspection-team", "village", ("model-village",), 1),
        "ten-household-grid": ("ten-household-leader", "household", (), 1),
    }


def test_policy(m: Mechanism) -> None:
    assert m.policy is not None
    rules = {s.role: (s.actor_kind, s.per_unit, s.households_per_actor, s.units_per_actor, s.share) for s in m.policy.rules}
    assert rules == {
        "leading-group-head": ("leader", 1, None, None, None),
        "county-cadre": ("leader", 1, None, 2, None),
        "department": ("department", 1, None, 1, None),
        "town-manager": ("town", 1, None, None, None),
        "village-cadre": ("village", 1, None, None, None),
        "inspection-team": ("inspector", 3, None, 15, None),
        "ten-household-leader": ("household", 1, 10, None, None),
    }
    # On Changling's own 73 model villages, 3 per village at 15 villages each gives the 15 cadres of the report.
    team = next(s for s in m.policy.rules if s.role == "inspection-team")
    assert team.units_per_actor is not None
    assert -(-73 * team.per_unit // team.units_per_actor) == 15


# --- campaign -----------------------------------------------------------------------------------


def test_campaign_dates_and_phases(m: Mechanism) -> None:
    c = m.campaign
    assert c is not None
    assert (c.key, c.start, c.end) == ("model-village-creation", dt.date(2021, 1, 1), None)
    assert [(p.key, p.start, p.end) for p in c.phases] == [
        ("batch-2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        ("batch-2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        ("quality-upgrade", dt.date(2023, 1, 1), None),
    ]


def test_five_strengthenings_with_outcomes(m: Mechanism) -> None:
    assert m.campaign is not None
    got = [(a.key, a.label.zh, a.outcome.zh if a.outcome else None) for a in m.campaign.actions]
    assert got == [
        ("leadership", "强化高位推动", "组织保障到位"),
        ("environment", "强化集中行动", "环境整治到位"),
        ("industry", "强化项目带动", "产业支持到位"),
        ("participation", "强化宣传发动", "群众参与到位"),
        ("upkeep", "强化机制联动", "长效保障到位"),
    ]
    assert [len(a.tasks) for a in m.campaign.actions] == [5, 3, 4, 5, 3]


def test_tasks_owners_and_targets(m: Mechanism) -> None:
    assert m.campaign is not None
    tasks = {t.key: t for t in m.campaign.tasks}
    assert len(tasks) == 20
    assert all(t.owner_role in m.role_keys for t in tasks.values())
    assert all(t.quote for t in tasks.values())

    def targets(key: str) -> dict[str | None, tuple[float, str]]:
        return {tg.indicator: (tg.value, tg.comparison) for tg in tasks[key].targets if tg.indicator}

    assert tasks["district-inspection"].owner_role == "inspection-team"
    assert [tg.value for tg in tasks["district-inspection"].targets] == [73]
    assert targets("provincial-acceptance") == {"accepted-model-villages": (50, ">=")}
    assert tasks["provincial-acceptance"].due is not None and tasks["provincial-acceptance"].due.every == "year"
    funding = {tg.label.en: tg.unit for tg in tasks["funding"].targets if tg.label}
    assert funding["¥50k for each model village"] == "元/村"
    assert tasks["manure-daily"].due is not None and tasks["manure-daily"].due.every == "day"
    assert targets("manure-daily") == {"manure-points": (86, ">=")}
    assert targets("green-beautify-light") == {
        "trees-planted": (159_600, ">="), "lamps-installed": (3328, ">="), "mess-spots-fixed": (985, ">="),
        "rubbish-cleared-t": (79_000, ">="), "ruins-removed": (313, ">=")}
    assert targets("roads") == {
        "roads-repaired-km": (24, ">="), "roads-hardened-km": (301, ">="),
        "natural-village-hard-road-rate": (100, ">="), "main-lane-hard-road-rate": (85, ">=")}
    assert targets("drainage") == {"drainage-m": (3_010_000, ">=")}
    assert targets("courtyard-economy") == {
        "courtyard-households": (3100, ">="), "courtyard-mu": (3500, ">="), "courtyard-income-increase": (2500, ">=")}
    assert targets("publicity") == {"publicity-coverage": (100, ">=")}
    assert [tg.value for tg in tasks["publicity"].targets] == [100, 20_000, 36, 5000]
    assert tasks["ten-household-grid"].owner_role == "ten-household-leader"
    assert tasks["ten-household-grid"].cascade_level == "household"
    assert targets("clean-household-selection") == {"clean-households": (1038, ">=")}
    assert targets("points-supermarket") == {"points-redeemed": (3_000_000, ">="), "goods-redeemed-yuan": (3_000_000, ">=")}
    assert [tg.value for tg in tasks["funding"].targets] == [30_000_000, 50_000, 65, 231_000_000]
    assert targets("supervise-rectify") == {
        "training-sessions": (5, ">="), "inspection-groups": (36, ">="), "inspection-person-times": (90, ">=")}
    assert [tg.value for tg in tasks["party-building-platform"].targets] == [69, 60, 50, 50, 8000]


def test_milestones(m: Mechanism) -> None:
    assert m.campaign is not None
    got = [(ms.key, ms.date, ms.target.indicator, ms.target.value) for ms in m.campaign.milestones]
    assert got == [
        ("accepted-2021-2022", dt.date(2022, 12, 31), "accepted-model-villages", 50),
        ("reported-hard-roads", dt.date(2023, 7, 20), "natural-village-hard-road-rate", 100),
        ("reported-main-lanes", dt.date(2023, 7, 20), "main-lane-hard-road-rate", 85),
        ("reported-courtyards", dt.date(2023, 7, 20), "courtyard-households", 3100),
        ("reported-clean-households", dt.date(2023, 7, 20), "clean-households", 1038),
    ]


def test_reporting(m: Mechanism) -> None:
    assert m.campaign is not None
    got = [(r.key, r.schedule.every, r.schedule.months, r.schedule.day, r.owner_role) for r in m.campaign.reporting]
    assert got == [("routine-inspection", "month", (), None, "inspection-team"),
                   ("provincial-acceptance", "year", (), None, None)]


# --- indicators and scoring ---------------------------------------------------------------------


def test_indicator_targets(m: Mechanism) -> None:
    targeted = {d.key: [(t.value, t.comparison) for t in d.targets] for d in m.indicators if d.targets}
    assert targeted == {
        "nine-haves-met": [(9, ">=")],
        "six-have-nots-met": [(6, ">=")],
        "natural-village-hard-road-rate": [(100, ">=")],
        "main-lane-hard-road-rate": [(85, ">=")],
        "courtyard-income-increase": [(2500, ">=")],
        "publicity-coverage": [(100, ">=")],
        "cleaning-funds-yuan": [(30_000_000, ">=")],
    }
    rate = m.indicator("natural-village-hard-road-rate")
    assert (rate.numerator, rate.denominator, rate.factor, rate.unit) == (
        "natural-villages-hard-road", "natural-villages", 100.0, "%")
    assert m.indicator("publicity-coverage").numerator == "towns-publicised"
    assert m.indicator("household-hygiene-score").level == "household"
    assert len(m.indicators) == 33


def test_scorecards_and_rankings(m: Mechanism) -> None:
    s = m.scoring
    assert s is not None
    assert [c.key for c in s.scorecards] == ["model-village-standard", "clean-household"]
    card = next(c for c in s.scorecards if c.key == "model-village-standard")
    assert (card.key, card.level, card.period) == ("model-village-standard", "village", "year")
    assert [(i.indicator, i.weight, i.normalisation) for i in card.items] == [
        ("nine-haves-met", 0.6, "target"), ("six-have-nots-met", 0.4, "target")]
    assert sum(i.weight for i in card.items) == pytest.approx(1.0)
    household = next(c for c in s.scorecards if c.key == "clean-household")
    assert (household.key, household.level, household.period) == ("clean-household", "household", "month")
    assert [(r.key, r.scorecard, r.period) for r in s.rankings] == [
        ("model-village-annual", "model-village-standard", "year"),
        ("clean-household-selection", "clean-household", "month")]
    annual = next(r for r in s.rankings if r.key == "model-village-annual")
    assert [g.tags_any for g in annual.peer_groups] == [("model-village",)]
    assert s.lists == ()


def test_tiers(m: Mechanism) -> None:
    s = m.scoring
    assert s is not None
    got = {ts.key: (ts.ranking, ts.by, ts.period, [(t.key, t.min_score, t.reward) for t in ts.tiers])
           for ts in s.tier_schemes}
    assert got == {
        "model-village-acceptance": ("model-village-annual", "threshold", "year", [("accepted", 100.0, 0.0)]),
        "clean-household": ("clean-household-selection", "threshold", "month", [("clean-household", 90.0, 0.0)]),
    }


def test_points_and_supervision(m: Mechanism) -> None:
    s = m.scoring
    assert s is not None and s.points is not None and s.supervision is not None
    assert [(r.key, r.points) for r in s.points.rules] == [("clean-household", 10), ("volunteer-cleaning", 2)]
    assert s.points.redeemable is True
    assert s.points.yuan_per_point == 1.0
    assert s.supervision.rectification_days == 30
    # the methods of 三是督查整改机制到位; the team's routine inspection (section 1) is the inspection-team role
    assert [x.zh for x in s.supervision.methods] == [
        "对标对表“九有六无”，细化量化考核细则", "对示范村乡镇村干部专题业务培训",
        "出动督导指导核查组，确保问题真整改、成效能稳固"]
    volunteer = next(r for r in s.points.rules if r.key == "volunteer-cleaning")
    assert "本库假设" in volunteer.label.zh
    assert s.points.note is not None and "65个" in s.points.note.zh
    assert len(s.uses) == 2


# --- features and principles --------------------------------------------------------------------


def test_features(m: Mechanism) -> None:
    features = {f.key: f for f in m.features}
    assert list(features) == ["creation-standards", "four-level-network", "rubbish-chain", "three-hua", "volunteer-teams",
                              "funding", "party-building", "courtyard-economy", "demonstration"]
    standards = {i.key: i.value for i in features["creation-standards"].items}
    assert standards == {"nine-haves": 9, "six-have-nots": 6, "five-full-coverages": 5}
    assert [i.label.zh for i in features["four-level-network"].items] == [
        "县级干部“督”", "县直部门“包”", "属地乡镇“管”", "示范村屯“干”"]
    assert [i.label.zh for i in features["rubbish-chain"].items] == ["村收集", "乡转运", "县处理"]
    assert [i.value for i in features["funding"].items] == [30_000_000, 50_000, 231_000_000]
    assert [i.unit for i in features["funding"].items] == ["元/年", "元/村", "元"]
    # the report does not say which result belongs to which 化: the items carry no figures
    assert [(i.label.zh, i.value) for i in features["three-hua"].items] == [("绿", None), ("美", None), ("亮", None)]
    assert all("三化" in i.quote for i in features["three-hua"].items)
    income = next(i for i in features["courtyard-economy"].items if i.key == "income")
    assert (income.value, income.unit) == (2500, "元/户")
    assert len(features["volunteer-teams"].items) == 3
    assert len(m.principles) == 5


# --- reference case -----------------------------------------------------------------------------

EXPECTED_FIGURES = {
    "standard_haves": 9, "standard_have_nots": 6, "full_coverages": 5, "network_levels": 4,
    "inspection_cadres": 15, "towns": 22, "model_villages": 73, "districts": 5, "accepted_villages": 50,
    "coop_villages": 69, "field_scholars": 60, "local_experts": 50, "guidance_sessions": 50, "guidance_person_times": 8000,
    "manure_points": 86, "env_villages": 50, "trees": 159_600, "lamps": 3328, "mess_spots": 985, "rubbish_t": 79_000,
    "ruins": 313, "roads_repaired_km": 24, "roads_hardened_km": 301, "hard_road_natural_villages_pct": 100,
    "hard_road_main_lanes_pct": 85, "drainage_m": 3_010_000, "courtyard_households": 3100, "courtyard_mu": 3500,
    "courtyard_income_yuan": 2500, "loudspeaker_times": 20_000, "banners": 36, "wechat_messages": 5000,
    "publicity_towns": 22, "households_per_group": 10, "clean_households": 1038, "points_redeemed": 3_000_000,
    "goods_value_yuan": 3_000_000, "annual_cleaning_yuan": 30_000_000, "fund_per_village_yuan": 50_000,
    "supermarkets": 65, "total_invested_yuan": 231_000_000, "training_sessions": 5, "inspection_groups": 36,
    "inspection_person_times": 90,
}


def test_every_figure(figures: dict[str, float]) -> None:
    assert figures == EXPECTED_FIGURES


def test_every_derived_ratio(derived: dict[str, float]) -> None:
    expected = {
        "standard_items": 9 + 6,
        "villages_per_town": 73 / 22,
        "villages_per_district": 73 / 5,
        "cadres_per_district": 15 / 5,
        "villages_per_inspector": 73 / 15,
        "accepted_share_pct": 50 / 73 * 100,
        "villages_not_yet_accepted": 73 - 50,
        "local_talent": 60 + 50,
        "person_times_per_session": 8000 / 50,
        "trees_per_village": 159_600 / 50,
        "lamps_per_village": 3328 / 50,
        "mess_spots_per_village": 985 / 50,
        "rubbish_t_per_village": 79_000 / 50,
        "ruins_per_village": 313 / 50,
        "mu_per_courtyard_household": 3500 / 3100,
        "courtyard_income_total_min_yuan": 3100 * 2500,
        "publicity_coverage_pct": 100.0,
        "points_per_yuan": 1.0,
        "yuan_per_point": 1.0,
        # 为每个示范村安排扶贫收益资金5万元: ¥50k for each of the 73 model villages (not 65 × ¥50k)
        "supermarket_funds_yuan": 73 * 50_000,
        "supermarkets_per_model_village": 65 / 73,
        "persons_per_inspection_group": 90 / 36,
    }
    assert set(derived) == set(expected)
    for key, value in expected.items():
        assert derived[key] == pytest.approx(value), key
    assert derived["trees_per_village"] == pytest.approx(3192)
    assert derived["supermarket_funds_yuan"] == pytest.approx(3_650_000)


def test_ratios_the_source_does_not_support_are_gone(derived: dict[str, float]) -> None:
    """69 co-op villages and 1,038 clean households are not tied to the 73 model villages; 2.31亿元 is tied to
    infrastructure and industry, not to the cleaning or supermarket money; 36 group-times are not per village."""
    for key in ("coop_villages_share_pct", "clean_households_per_village", "supermarket_funds_share_pct",
                "goods_vs_supermarket_funds_pct", "annual_cleaning_share_pct", "inspection_groups_per_village"):
        assert key not in derived


def test_figures_stated_as_floors_or_ceilings_are_marked(m: Mechanism) -> None:
    """50余场, 8000多人次, 2万多次, 5000多条, 300多万分 and 元; 85%以上, 2500元以上.

    Every ratio computed from such a figure (directly or through another ratio) is marked approximate.
    """
    assert hedged_figures(m) == {
        "courtyard_income_yuan": "at-least",
        "goods_value_yuan": "at-least",
        "guidance_person_times": "at-least",
        "guidance_sessions": "at-least",
        "hard_road_main_lanes_pct": "at-least",
        "loudspeaker_times": "at-least",
        "points_redeemed": "at-least",
        "wechat_messages": "at-least",
    }


# --- assumptions and overrides ------------------------------------------------------------------


def test_assumptions_listed(m: Mechanism) -> None:
    assert [a.key for a in m.assumptions] == [
        "county-cadre-villages", "department-villages", "inspectors-per-village", "villages-per-inspector",
        "inspection-visits", "campaign-start", "quality-upgrade-start", "acceptance-date", "acceptance-cadence",
        "acceptance-reporting-cadence", "inspection-cadence", *(f"owner-{t}" for t in OWNERS_ASSUMED),
        "ten-household-leader", "standard-check-period", "nine-haves-weight", "six-have-nots-weight",
        "acceptance-threshold", "clean-household-period", "clean-household-threshold", "clean-household-points",
        "volunteer-points", "yuan-per-point", "rectification-days", "preset-villages",
        "supermarket-villages", "preset-households", "preset-groups-per-village"]
    for a in m.assumptions:
        assert a.reason is not None and ("本库" in a.reason.zh or "原文" in a.reason.zh), a.key


# The tasks whose owner the report names: the leading group, the inspection team, the model villages whose
# acceptance it reports, the ten-household grid. Every other owner is an assumption.
OWNERS_ASSUMED = ("four-level-network", "party-building-platform", "rubbish-chain", "manure-daily",
                  "green-beautify-light", "roads", "drainage", "hedges", "courtyard-economy", "publicity",
                  "clean-household-selection", "points-supermarket", "volunteer-service", "funding", "demonstration",
                  "supervise-rectify")


def test_every_owner_the_source_does_not_name_is_an_assumption(m: Mechanism) -> None:
    assert m.campaign is not None
    by_path = {a.path: a for a in m.assumptions}
    for action in m.campaign.actions:
        for t in action.tasks:
            path = f"campaign.actions[key={action.key}].tasks[key={t.key}].owner_role"
            if t.key in OWNERS_ASSUMED:
                assert by_path[path].value == t.owner_role, t.key
            else:
                assert path not in by_path, t.key
                assert t.key in ("leading-group", "district-inspection", "provincial-acceptance", "ten-household-grid")


def test_overrides(m: Mechanism) -> None:
    changed = apply_overrides(m, {
        "acceptance-threshold": "95", "clean-household-threshold": 85, "county-cadre-villages": "3",
        "campaign-start": "2021-03-01", "inspection-cadence": "quarter", "clean-household-points": 20,
        "villages-per-inspector": 10, "yuan-per-point": "0.5",
    })
    assert check_mechanism(changed) == []
    assert changed.campaign is not None
    assert get_path(changed, "scoring.tier_schemes[key=model-village-acceptance].tiers[key=accepted].min_score") == 95.0
    assert get_path(changed, "scoring.tier_schemes[key=clean-household].tiers[key=clean-household].min_score") == 85.0
    assert get_path(changed, "scoring.points.rules[key=clean-household].points") == 20
    assert get_path(changed, "scoring.points.yuan_per_point") == 0.5
    assert get_path(changed, "policy.rules[role=county-cadre].units_per_actor") == 3
    assert get_path(changed, "policy.rules[role=inspection-team].units_per_actor") == 10
    assert changed.campaign.start == dt.date(2021, 3, 1)
    assert get_path(changed, "campaign.reporting[key=routine-inspection].schedule.every") == "quarter"
    assert {a.key: a.value for a in changed.assumptions}["acceptance-threshold"] == 95.0
    # everything not overridden is untouched
    assert changed.roles == m.roles and changed.reference == m.reference


def test_preset_is_the_73_model_villages_in_22_towns(m: Mechanism) -> None:
    assert m.preset is not None
    assert (m.preset.towns, m.preset.villages, m.preset.households) == (22, 73, 21900)
    assert [(t.level, t.tag, t.count) for t in m.preset.tags] == [
        ("village", "model-village", 73), ("village", "accepted-2021-2022", 50), ("village", "green-beautify-light", 50),
        ("village", "points-supermarket", 65), ("household", "courtyard-economy", 3100)]
    s = generate_structure(m.preset, seed=0)
    assert sum("model-village" in u.tags for u in s.units) == 73
    assert sum(u.level == "household" for u in s.units) == 21900
    bigger = apply_overrides(m, {"preset-households": 36500})
    assert bigger.preset is not None and bigger.preset.households == 36500


# --- the published counts, staffed by the policy on the preset --------------------------------

@pytest.fixture(scope="module")
def staffed(m: Mechanism) -> StaffedCase:
    return staffed_case(m)


def _produced(case: StaffedCase, key: str) -> tuple[int, bool]:
    row = next(f for f in case.figures if f.figure.key == key)
    return row.produced, row.within


def test_staffed_counts_are_the_published_ones_or_explained(staffed: StaffedCase) -> None:
    assert staffed.unexplained == ()
    assert [f.figure.key for f in staffed.figures] == [
        "inspection_cadres", "towns", "model_villages", "districts", "accepted_villages", "coop_villages",
        "field_scholars", "local_experts", "env_villages", "courtyard_households", "publicity_towns",
        "clean_households", "supermarkets"]


def test_staffed_inspection_cadres(staffed: StaffedCase) -> None:
    # 在全县范围内抽调 15 名精锐干部: 3 on each of 73 villages, at most 15 villages each
    assert _produced(staffed, "inspection_cadres") == (15, True)


def test_staffed_towns_manage(staffed: StaffedCase) -> None:
    # 全县 22 个乡镇 ... 属地乡镇“管”: one home town for each town's model villages
    assert _produced(staffed, "towns") == (22, True)


def test_staffed_model_villages(staffed: StaffedCase) -> None:
    assert _produced(staffed, "model_villages") == (73, True)


def test_staffed_accepted_villages(staffed: StaffedCase) -> None:
    # 2021 、2022 两个年度创建的 50 个示范村,高质量通过了省级考评组的验收
    assert _produced(staffed, "accepted_villages") == (50, True)


def test_staffed_green_beautify_light_villages(staffed: StaffedCase) -> None:
    assert _produced(staffed, "env_villages") == (50, True)


def test_staffed_courtyard_households(staffed: StaffedCase) -> None:
    # 示范村庭院经济发展到 3100 户
    assert _produced(staffed, "courtyard_households") == (3100, True)


def test_staffed_publicity_towns(staffed: StaffedCase) -> None:
    # 宣传范围做到 22 个乡镇全覆盖
    assert _produced(staffed, "publicity_towns") == (22, True)


def test_staffed_supermarkets(staffed: StaffedCase) -> None:
    # 用于建设 “道德银行” “爱心积分超市” 65个
    assert _produced(staffed, "supermarkets") == (65, True)


def test_counts_the_policy_does_not_reproduce_are_explained(staffed: StaffedCase) -> None:
    got = {f.figure.key: (f.produced, f.figure.staffed.explained_by or "reason" if f.figure.staffed else None)
           for f in staffed.figures if not f.within}
    assert got == {
        "districts": (0, "villages-per-inspector"),  # a district is not a unit of the library
        "coop_villages": (0, "preset-villages"),  # another kind of model village, not tied to the 73
        "field_scholars": (0, "reason"),  # trained talent, not posts: a reason, no value to override
        "local_experts": (0, "reason"),
        "clean_households": (0, "preset-villages"),  # not tied to the 73 model villages
    }
    assert all(f.explanation is not None for f in staffed.figures if not f.within)


def test_staffing_each_model_village(m: Mechanism) -> None:
    """Every model village has three distinct inspectors, one county cadre, one department, one village; the
    home towns manage from above."""
    from collections import defaultdict

    from mechanisms.county.staffing import staff

    assert m.preset is not None
    s = staff(generate_structure(m.preset, seed=0), m, seed=0)
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in s.assignments:
        holders[(e.role, e.unit)].add(e.actor)
    villages = [u.id for u in s.units if u.level == "village"]
    for v in villages:
        assert len(holders[("inspection-team", v)]) == 3
        assert all(len(holders[(r, v)]) == 1 for r in ("county-cadre", "department", "village-cadre"))
    towns = [u.id for u in s.units if u.level == "town"]
    assert all(len(holders[("town-manager", t)]) == 1 for t in towns)
    per_inspector: dict[str, int] = defaultdict(int)
    for e in s.assignments:
        if e.role == "inspection-team":
            per_inspector[e.actor] += 1
    assert len(per_inspector) == 15 and max(per_inspector.values()) <= 15


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_cli_show_json(runner: CliRunner) -> None:
    result = runner.invoke(main, ["show", KEY, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["key"] == KEY
    roles = {r["key"]: r for r in doc["roles"]}
    assert set(roles) == {"leading-group-head", "county-cadre", "department", "town-manager", "village-cadre",
                          "inspection-team", "ten-household-leader"}
    for r in roles.values():
        assert {"key", "level", "actor_kinds", "scope", "min_per_unit", "capacity"} <= set(r)
    assert roles["county-cadre"]["scope"]["tags_any"] == ["model-village"]
    assert roles["ten-household-leader"]["capacity_households"] == 10


def test_cli_show_en(runner: CliRunner) -> None:
    result = runner.invoke(main, ["show", KEY, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Five strengthenings" in result.output
    assert "Changling" in result.output


def test_cli_show_with_override(runner: CliRunner) -> None:
    result = runner.invoke(main, ["show", KEY, "--format", "json", "--set", "acceptance-threshold=95"])
    assert result.exit_code == 0, result.output
    scheme = _by_key(json.loads(result.output)["scoring"]["tier_schemes"], "model-village-acceptance")
    assert _by_key(scheme["tiers"], "accepted")["min_score"] == 95.0


def test_cli_case_json(runner: CliRunner) -> None:
    result = runner.invoke(main, ["case", KEY, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert {"key", "source", "figures", "derived"} <= set(doc)
    assert (doc["key"], doc["source"]) == (KEY, SOURCE_FILE)
    assert all({"key", "label", "value", "unit", "quote"} <= set(f) for f in doc["figures"])
    assert all({"key", "label", "value", "formula"} <= set(d) for d in doc["derived"])
    assert {f["key"]: f["value"] for f in doc["figures"]} == EXPECTED_FIGURES


def test_cli_case_en(runner: CliRunner) -> None:
    result = runner.invoke(main, ["case", KEY, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Published figures" in result.output
    assert "model villages" in result.output
