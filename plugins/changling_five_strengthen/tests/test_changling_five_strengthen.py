"""What a user of the Changling plugin relies on: the roles, rules, campaign, scoring and every published figure."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from mechanisms_changling_five_strengthen.mechanism import QUOTES, SOURCE_FILE, build

from mechanisms import Mechanism, apply_overrides, check_mechanism, compute_derived, structure, unstructure
from mechanisms.cli import main
from mechanisms.documents import dumps, loads
from mechanisms.testing import hedged_figures

KEY = "changling-five-strengthen"
SEED = Path(__file__).resolve().parent / "source" / SOURCE_FILE


@pytest.fixture(scope="module")
def m() -> Mechanism:
    return build()


@pytest.fixture(scope="module")
def figures(m: Mechanism) -> dict[str, float]:
    assert m.reference is not None
    return {f.key: f.value for f in m.reference.figures}


@pytest.fixture(scope="module")
def derived(m: Mechanism) -> dict[str, float]:
    assert m.reference is not None
    return {dv.derived.key: dv.value for dv in compute_derived(m.reference)}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- the mechanism as a whole -------------------------------------------------------------------


def test_mechanism_is_consistent(m: Mechanism) -> None:
    assert check_mechanism(m) == []
    assert m.key == KEY
    assert m.year == 2023
    assert m.county.zh == "吉林省松原市长岭县"
    assert m.source is not None and m.source.file == SOURCE_FILE
    assert m.source.date == dt.date(2023, 7, 20)
    assert m.source.publisher == "中国乡村振兴网"


def test_levels_keep_shared_keys(m: Mechanism) -> None:
    assert [lv.key for lv in m.levels] == ["county", "town", "village", "group", "household"]
    assert m.levels[3].label.zh == "屯（自然屯）"


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
        "town-manager": ("village", ("cadre",), ("model-village",), 1, None, None),
        "village-cadre": ("village", ("village-cadre",), ("model-village",), 1, None, None),
        "inspection-team": ("village", ("inspector",), ("model-village",), 1, None, None),
        "ten-household-leader": ("household", ("household", "party-member"), (), 1, None, 10),
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
        "town-manager": ("cadre", 1, None, None, None),
        "village-cadre": ("village-cadre", 1, None, None, None),
        "inspection-team": ("inspector", 3, None, 15, None),
        "ten-household-leader": ("household", 1, 10, None, None),
    }
    # On Changling's own 73 model villages, 3 per village at 15 villages each gives the 15 cadres of the report.
    team = next(s for s in m.policy.rules if s.role == "inspection-team")
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
    assert tasks["district-inspection"].targets[0].value == 73
    assert targets("provincial-acceptance") == {"accepted-model-villages": (50, ">=")}
    assert tasks["provincial-acceptance"].due is not None and tasks["provincial-acceptance"].due.every == "year"
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
    card = s.scorecards[0]
    assert (card.key, card.level, card.period) == ("model-village-standard", "village", "year")
    assert [(i.indicator, i.weight, i.normalisation) for i in card.items] == [
        ("nine-haves-met", 0.6, "target"), ("six-have-nots-met", 0.4, "target")]
    assert sum(i.weight for i in card.items) == pytest.approx(1.0)
    household = s.scorecards[1]
    assert (household.key, household.level, household.period) == ("clean-household", "household", "month")
    assert [(r.key, r.scorecard, r.period) for r in s.rankings] == [
        ("model-village-annual", "model-village-standard", "year"),
        ("clean-household-selection", "clean-household", "month")]
    assert s.rankings[0].peer_groups[0].tags_any == ("model-village",)
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
    assert len(s.supervision.methods) == 4
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
        "coop_villages_share_pct": 69 / 73 * 100,
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
        "clean_households_per_village": 1038 / 73,
        "points_per_yuan": 1.0,
        "yuan_per_point": 1.0,
        "supermarket_funds_yuan": 65 * 50_000,
        "supermarket_funds_share_pct": 65 * 50_000 / 231_000_000 * 100,
        "goods_vs_supermarket_funds_pct": 3_000_000 / (65 * 50_000) * 100,
        "supermarkets_per_model_village": 65 / 73,
        "annual_cleaning_share_pct": 30_000_000 / 231_000_000 * 100,
        "persons_per_inspection_group": 90 / 36,
        "inspection_groups_per_village": 36 / 73,
    }
    assert set(derived) == set(expected)
    for key, value in expected.items():
        assert derived[key] == pytest.approx(value), key
    assert derived["trees_per_village"] == pytest.approx(3192)
    assert derived["supermarket_funds_yuan"] == pytest.approx(3_250_000)


def test_quotes_are_verbatim(m: Mechanism) -> None:
    text = _squash(SEED.read_text(encoding="utf-8"))
    assert m.reference is not None
    quotes = [f.quote for f in m.reference.figures] + [r.quote for r in m.roles] + [c.quote for c in m.coverage_rules]
    assert m.campaign is not None
    quotes += [t.quote for t in m.campaign.tasks]
    quotes += [i.quote for f in m.features for i in f.items]
    quotes += [t.quote for d in m.indicators for t in d.targets]
    quotes += list(QUOTES)
    for q in filter(None, quotes):
        assert _squash(q) in text, q
    assert all(f.quote for f in m.reference.figures)


# --- round trips and overrides ------------------------------------------------------------------


def test_round_trip(m: Mechanism) -> None:
    assert structure(unstructure(m), Mechanism) == m


@pytest.mark.parametrize("fmt", ["toml", "yaml", "json"])
def test_document_round_trip(m: Mechanism, fmt: str) -> None:
    assert loads(dumps(m, fmt), Mechanism, fmt) == m  # type: ignore[arg-type]


def test_assumptions_listed(m: Mechanism) -> None:
    assert [a.key for a in m.assumptions] == [
        "county-cadre-villages", "department-villages", "inspectors-per-village", "villages-per-inspector",
        "inspection-visits", "campaign-start", "acceptance-date", "inspection-cadence", "nine-haves-weight",
        "six-have-nots-weight", "acceptance-threshold", "clean-household-period", "clean-household-threshold",
        "clean-household-points", "volunteer-points", "yuan-per-point", "rectification-days", "preset-households",
        "preset-groups-per-village"]
    assert all(a.reason is not None for a in m.assumptions)


def test_overrides(m: Mechanism) -> None:
    changed = apply_overrides(m, {
        "acceptance-threshold": "95", "clean-household-threshold": 85, "county-cadre-villages": "3",
        "campaign-start": "2021-03-01", "inspection-cadence": "quarter", "clean-household-points": 20,
        "villages-per-inspector": 10, "yuan-per-point": "0.5",
    })
    assert check_mechanism(changed) == []
    assert changed.scoring is not None and changed.campaign is not None and changed.policy is not None
    assert changed.scoring.tier_schemes[0].tiers[0].min_score == 95.0
    assert changed.scoring.tier_schemes[1].tiers[0].min_score == 85.0
    assert changed.scoring.points is not None and changed.scoring.points.rules[0].points == 20
    assert changed.scoring.points.yuan_per_point == 0.5
    assert changed.policy.rules[1].units_per_actor == 3
    assert changed.policy.rules[5].units_per_actor == 10
    assert changed.campaign.start == dt.date(2021, 3, 1)
    assert changed.campaign.reporting[0].schedule.every == "quarter"
    assert {a.key: a.value for a in changed.assumptions}["acceptance-threshold"] == 95.0
    # everything not overridden is untouched
    assert changed.roles == m.roles and changed.reference == m.reference


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
    assert json.loads(result.output)["scoring"]["tier_schemes"][0]["tiers"][0]["min_score"] == 95.0


def test_cli_case_json(runner: CliRunner, derived: dict[str, float]) -> None:
    result = runner.invoke(main, ["case", KEY, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert {"key", "source", "figures", "derived"} <= set(doc)
    assert (doc["key"], doc["source"]) == (KEY, SOURCE_FILE)
    assert all({"key", "label", "value", "unit", "quote"} <= set(f) for f in doc["figures"])
    assert all({"key", "label", "value", "formula"} <= set(d) for d in doc["derived"])
    assert {f["key"]: f["value"] for f in doc["figures"]} == EXPECTED_FIGURES
    assert {d["key"]: d["value"] for d in doc["derived"]} == pytest.approx(derived)


def test_cli_case_en(runner: CliRunner) -> None:
    result = runner.invoke(main, ["case", KEY, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Published figures" in result.output
    assert "model villages" in result.output


def test_preset_is_the_73_model_villages_in_22_towns(m: Mechanism) -> None:
    from mechanisms.generate import generate_structure

    assert m.preset is not None
    assert (m.preset.towns, m.preset.villages, m.preset.households) == (22, 73, 21900)
    s = generate_structure(m.preset, seed=0)
    assert sum("model-village" in u.tags for u in s.units) == 73
    assert sum(u.level == "household" for u in s.units) == 21900
    bigger = apply_overrides(m, {"preset-households": 36500})
    assert bigger.preset is not None and bigger.preset.households == 36500


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
