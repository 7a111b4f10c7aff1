"""临江市“五包五责”: what a user relies on — roles, rules, campaign, scoring, and every published figure.

The mechanism is the plugin's data file, ``mechanism.yaml``, taken here from the catalog of installed plugins.
What every plugin must satisfy (quotes verbatim in the source and in use, round trips, assumptions explained and
overridable, ``show``/``case`` working) is the shared contract check; the tests below hold what is particular
to this mechanism. Expected values are written out here from the source article, independently of the data
file, so a change in the file that drifts from the source fails a test.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner

from mechanisms import (
    Mechanism,
    ScoringEngine,
    apply_overrides,
    case_document,
    check_mechanism,
    compute_derived,
    demo_county,
    generate_structure,
    get_path,
    load_catalog,
    staff,
)
from mechanisms.cli import main
from mechanisms.county.staffed_case import staffed_case
from mechanisms.testing import assert_contract, hedged_figures

KEY = "linjiang-five-bao"
SEED = "002_71cc4289fd7f81f7.txt"
SEED_PATH = Path(__file__).resolve().parent / "source" / SEED


@pytest.fixture(scope="module")
def m() -> Mechanism:
    return load_catalog().get(KEY)


@pytest.fixture(scope="module")
def derived(m: Mechanism) -> dict[str, float]:
    assert m.reference is not None
    return {dv.derived.key: dv.value for dv in compute_derived(m.reference)}


@pytest.fixture(scope="module")
def figures(m: Mechanism) -> dict[str, float]:
    assert m.reference is not None
    return {f.key: f.value for f in m.reference.figures}


# --- the mechanism as a whole ------------------------------------------------------------------------------------


def test_contract() -> None:
    assert_contract(KEY, source=SEED_PATH, mechanism_file=files("mechanisms_linjiang_five_bao") / "mechanism.yaml")


def test_identity_and_source(m: Mechanism) -> None:
    assert load_catalog().entries[KEY].plugin == KEY
    assert m.key == KEY
    assert m.name.zh == "五包五责"
    assert m.county.zh == "吉林省临江市"
    assert m.year == 2019
    assert m.source is not None and m.reference is not None
    assert m.source.file == SEED == m.reference.source.file
    assert m.source.date == dt.date(2019, 7, 15)
    assert "五包五责" in m.source.title.zh
    assert [lv.key for lv in m.levels] == ["county", "town", "village", "group", "household"]
    assert m.levels[1].label.zh == "乡镇（街）"


def test_principles(m: Mechanism) -> None:
    assert [p.zh for p in m.principles] == ["市级主导", "部门主事", "乡镇主责", "干部主力", "农民主体", "横向到边、纵向到底"]
    assert all(p.en for p in m.principles)


# --- roles -------------------------------------------------------------------------------------------------------

ROLES = {
    # key: (level, actor kinds, tags_any, tags_none, min_per_unit, capacity, capacity_households, visits)
    "leading-group": ("county", ("leader",), (), (), 2, 1, None, None),
    "office-director": ("county", ("leader",), (), (), 1, 1, None, None),
    "county-leader": ("town", ("leader",), (), (), 2, 1, None, (1, "month")),
    "township-cadre": ("village", ("cadre",), (), ("community",), 1, None, None, None),
    "department": ("village", ("department", "enterprise"), (), ("community",), 1, None, None, None),
    "party-member": ("household", ("party-member",), (), ("worst-hygiene",), 1, None, 16, (1, "day")),
    "village-cadre": ("household", ("village-cadre",), ("worst-hygiene",), (), 1, None, 14, (1, "day")),
    "household": ("household", ("household",), (), (), 1, 1, None, None),
}


def test_role_keys_in_order(m: Mechanism) -> None:
    assert m.role_keys == tuple(ROLES)


@pytest.mark.parametrize("key", list(ROLES))
def test_role(m: Mechanism, key: str) -> None:
    level, kinds, tags_any, tags_none, min_per_unit, capacity, cap_hh, visits = ROLES[key]
    r = m.role(key)
    assert r.level == level
    assert r.actor_kinds == kinds
    assert r.scope.tags_any == tags_any
    assert r.scope.tags_none == tags_none
    assert r.scope.tags_all == ()
    assert r.min_per_unit == min_per_unit
    assert r.capacity == capacity
    assert r.capacity_households == cap_hh
    if visits is None:
        assert r.visits is None
    else:
        assert r.visits is not None
        assert (r.visits.times, r.visits.per, r.visits.unit) == (*visits, "visit")
    assert r.label.zh and r.label.en
    assert r.quote
    assert r.duties and all(d.zh and d.en for d in r.duties)


def test_role_scopes_split_households_exactly(m: Mechanism) -> None:
    """Party members take every household except the worst-hygiene ones, which village cadres take."""
    pm, vc = m.role("party-member").scope, m.role("village-cadre").scope
    for tags in [(), ("worst-hygiene",), ("monitored",), ("worst-hygiene", "monitored")]:
        assert pm.matches(tags) != vc.matches(tags)
    assert m.role("household").scope.is_everything
    assert m.role("county-leader").scope.is_everything  # towns and streets alike
    assert not m.role("township-cadre").scope.matches(("community",))
    assert m.role("department").scope.matches(("target-village",))


def test_front_door_duty_is_self_held_not_a_post(m: Mechanism) -> None:
    """门前三包: each household answers for itself; it never leaves, and is no single point of failure."""
    assert [r.key for r in m.roles if r.self_held] == ["household"]


def test_role_visits_per_year(m: Mechanism) -> None:
    leader, member = m.role("county-leader").visits, m.role("party-member").visits
    assert leader is not None and member is not None
    assert leader.per_year == 12
    assert member.per_year == 365


# --- coverage rules ----------------------------------------------------------------------------------------------

RULES = {
    # key: (role, level, tags_any, tags_none, min_actors)
    "county-led": ("leading-group", "county", (), (), 2),
    "towns-led": ("county-leader", "town", (), (), 1),
    "villages-township-cadre": ("township-cadre", "village", (), ("community",), 1),
    "villages-twinned": ("department", "village", (), ("community",), 1),
    "households-party-member": ("party-member", "household", (), ("worst-hygiene",), 1),
    "worst-households-cadre": ("village-cadre", "household", ("worst-hygiene",), (), 1),
    "households-three-guarantees": ("household", "household", (), (), 1),
}


def test_coverage_rules(m: Mechanism) -> None:
    got = {c.key: (c.role, c.level, c.scope.tags_any, c.scope.tags_none, c.min_actors) for c in m.coverage_rules}
    assert got == RULES
    assert all(c.quote and c.label.zh and c.label.en for c in m.coverage_rules)


# --- assignment policy -------------------------------------------------------------------------------------------


def test_policy(m: Mechanism) -> None:
    assert m.policy is not None
    got = [(s.role, s.actor_kind, s.per_unit, s.households_per_actor, s.units_per_actor, s.share) for s in m.policy.rules]
    assert got == [
        ("leading-group", "leader", 2, None, None, None),
        ("office-director", "leader", 1, None, None, None),
        ("county-leader", "leader", 2, None, None, None),
        ("township-cadre", "cadre", 86 / 70, None, None, None),
        ("department", "department", 1, None, 70 / 62, None),
        ("department", "enterprise", 1, None, None, 20 / 70),
        ("party-member", "party-member", 1, 15, None, None),
        ("village-cadre", "village-cadre", 1, 14, None, None),
        ("household", "household", 1, None, None, None),
    ]
    assert all(s.name is not None and s.name.zh and s.name.en for s in m.policy.rules)
    assert m.policy.note is not None and "31490/2099" in m.policy.note.zh and m.policy.note.zh.startswith("本库假设")
    # every role is staffed, and each rule's actor kind may hold its role
    assert {s.role for s in m.policy.rules} == set(m.role_keys)
    assert all(s.actor_kind in m.role(s.role).actor_kinds for s in m.policy.rules)


def test_policy_ratios_follow_the_published_figures(m: Mechanism) -> None:
    assert m.policy is not None
    rules = {(s.role, s.actor_kind): s for s in m.policy.rules}
    assert rules["party-member", "party-member"].households_per_actor == round(31490 / 2099)
    assert rules["village-cadre", "village-cadre"].households_per_actor == round(6288 / 455)
    assert rules["county-leader", "leader"].per_unit == 26 / 13
    assert rules["township-cadre", "cadre"].per_unit == 86 / 70
    assert rules["department", "department"].units_per_actor == 70 / 62
    assert rules["department", "enterprise"].share == 20 / 70
    # the role caps are the smallest whole numbers that fit the published totals
    assert m.role("party-member").capacity_households == -(-31490 // 2099) == 16
    assert m.role("village-cadre").capacity_households == -(-6288 // 455) == 14


# --- campaign ----------------------------------------------------------------------------------------------------


def test_campaign_dates_and_phases(m: Mechanism) -> None:
    c = m.campaign
    assert c is not None
    assert c.key == "five-bao"
    assert c.start == dt.date(2018, 1, 1)
    assert c.end is None
    assert [(p.key, p.label.zh, p.start, p.end) for p in c.phases] == [
        ("clean", "干净", dt.date(2018, 1, 1), dt.date(2019, 7, 15)),
        ("tidy", "整洁", dt.date(2019, 7, 16), None),
    ]


def test_campaign_actions_and_tasks(m: Mechanism) -> None:
    c = m.campaign
    assert c is not None
    assert [a.key for a in c.actions] == [
        "build-consensus", "leaders-towns", "cadres-villages", "partners-villages", "members-households",
        "households-three-guarantees", "make-it-land",
    ]
    outcomes = {a.key: a.outcome.zh for a in c.actions if a.outcome}  # the five 责
    assert outcomes["leaders-towns"] == "落实解决突出问题责任"
    assert outcomes["cadres-villages"] == "落实全面振兴责任"
    assert outcomes["partners-villages"] == "落实联村帮建责任"
    assert outcomes["members-households"] == "落实示范带动责任"
    assert outcomes["households-three-guarantees"] == "落实自我管理责任"
    tasks = {t.key: t for t in c.tasks}
    assert len(tasks) == len(c.tasks) == 18
    owners = {k: t.owner_role for k, t in tasks.items()}
    assert owners["leader-monthly-visit"] == "county-leader"
    assert owners["village-pairing"] == "township-cadre"
    assert owners["assessment-standards"] is None  # standards for towns and villages (乡镇和村屯); no owner named
    assert owners["twinning-support"] == "department"
    assert owners["party-member-daily-check"] == "party-member"
    assert owners["cadre-daily-check"] == "village-cadre"
    assert owners["sort-rubbish"] == owners["green-beautify"] == owners["sanitation-order"] == "household"
    assert owners["monthly-assessment"] == "office-director"
    assert owners["annual-rewards"] == "leading-group"
    # the article names no lead for the funds and the sanitation services
    assert tasks["six-transformations"].lead is None and tasks["sanitation-integration"].lead is None
    assert tasks["six-transformations"].owner_role is None and tasks["sanitation-integration"].owner_role is None
    dues = {k: (t.due.every if t.due else None) for k, t in tasks.items()}
    assert dues["leader-monthly-visit"] == "month"
    assert dues["party-member-daily-check"] == dues["cadre-daily-check"] == "day"
    assert dues["monthly-assessment"] == "month"
    assert dues["annual-rewards"] == "year"
    assert all(t.deadline is None for t in c.tasks)  # the article sets no dated deadline
    assert tasks["leader-monthly-visit"].cascade_level == "town"
    assert tasks["village-pairing"].cascade_level == "village"
    assert tasks["party-member-daily-check"].cascade_level == "household"
    target = tasks["leader-monthly-visit"].targets[0]
    assert (target.value, target.comparison, target.indicator) == (1, ">=", "leader-visits")
    assert tasks["leader-work-standards"].targets == ()  # 9 standards set, no target for them
    assert tasks["cadre-daily-check"].targets == ()
    assert tasks["cadre-daily-check"].label.zh.startswith("本库假设")  # 每天上门督促检查 is said of 村党员
    assert tasks["study-tour"].quote.startswith("党政一把手带队")
    assert tasks["sort-rubbish"].targets[0].indicator == "three-guarantee-rate"
    assert tasks["sort-rubbish"].targets[0].value == 100


def test_campaign_milestone_and_reporting(m: Mechanism) -> None:
    c = m.campaign
    assert c is not None
    assert [(ms.key, ms.date, ms.target.value, ms.target.indicator) for ms in c.milestones] == [
        ("clean-stage-reached", dt.date(2019, 7, 15), 100, "clean-stage-rate"),
    ]
    # the article names no one who reports
    assert [(r.key, r.schedule.every, r.owner_role) for r in c.reporting] == [
        ("monthly-assessment", "month", None),
        ("monthly-red-black-list", "month", None),
        ("quarterly-ranking", "quarter", None),
        ("annual-commendation", "year", None),
    ]


# --- indicators --------------------------------------------------------------------------------------------------


def test_indicators_and_targets(m: Mechanism) -> None:
    assert len(m.indicators) == 22
    t = {d.key: [(x.value, x.comparison, x.period, x.level) for x in d.targets] for d in m.indicators if d.targets}
    assert t == {
        "leader-visits": [(1, ">=", None, "town")],  # 至少1次: a floor
        "contract-rate": [(100, ">=", None, None)],
        "daily-check-rate": [(100, ">=", None, None)],
        "three-guarantee-rate": [(100, ">=", None, None)],
        "clean-stage-rate": [(100, ">=", "2019", None)],
    }
    rates = {d.key: (d.numerator, d.denominator, d.factor) for d in m.indicators if d.is_formula}
    assert rates == {
        "contract-rate": ("households-contracted", "households", 100.0),
        "daily-check-rate": ("households-checked", "households-contracted", 100.0),
        "three-guarantee-rate": ("households-three-guarantees", "households", 100.0),
        "clean-stage-rate": ("villages-clean", "villages", 100.0),
    }


# --- scoring -----------------------------------------------------------------------------------------------------


def test_assessment_monthly_ranking_quarterly_by_class(m: Mechanism) -> None:
    s = m.scoring
    assert s is not None
    assert {c.key: (c.level, c.period) for c in s.scorecards} == {
        "village-monthly": ("village", "month"),
        "town-monthly": ("town", "month"),
        "household-monthly": ("household", "month"),
    }
    rk = {r.key: r for r in s.rankings}
    assert rk["village-quarterly"].period == rk["town-quarterly"].period == "quarter"
    assert rk["village-annual"].period == rk["town-annual"].period == "year"
    assert rk["village-quarterly"].published is not None and "电子大屏幕" in rk["village-quarterly"].published.zh
    groups = {g.key: (g.level, g.tags_any, g.tags_none) for g in rk["village-quarterly"].peer_groups}
    assert groups == {"villages": ("village", (), ("community",)), "communities": ("village", ("community",), ())}
    groups = {g.key: (g.level, g.tags_any, g.tags_none) for g in rk["town-quarterly"].peer_groups}
    assert groups == {"towns": ("town", (), ("street",)), "streets": ("town", ("street",), ())}


def test_reward_tiers(m: Mechanism, figures: dict[str, float]) -> None:
    s = m.scoring
    assert s is not None
    schemes = {t.key: t for t in s.tier_schemes}
    village = [(t.key, t.label.zh, t.reward, t.min_score, t.peer_group) for t in schemes["village-rewards"].tiers]
    assert village == [
        ("model", "标兵村", 200_000, 95.0, "villages"),
        ("advanced", "先进村", 100_000, 90.0, "villages"),
        ("standard", "达标村", 50_000, 80.0, "villages"),
    ]
    town = [(t.key, t.reward, t.min_score, t.peer_group) for t in schemes["town-rewards"].tiers]
    assert town == [
        ("town-class-1", 400_000, 90.0, "towns"),
        ("town-class-2", 200_000, 80.0, "towns"),
        ("street-class-1", 200_000, 90.0, "streets"),
        ("street-class-2", 100_000, 80.0, "streets"),
    ]
    assert all(t.currency == "CNY" for sc in s.tier_schemes for t in sc.tiers)
    assert schemes["village-rewards"].ranking == "village-annual" and schemes["village-rewards"].period == "year"
    assert schemes["town-rewards"].ranking == "town-annual" and schemes["town-rewards"].period == "year"
    # the rewards are the published 万元 figures
    assert [t.reward / 10_000 for t in schemes["village-rewards"].tiers] == [
        figures["reward_model_village"], figures["reward_advanced_village"], figures["reward_standard_village"]]
    assert [t.reward / 10_000 for t in schemes["town-rewards"].tiers] == [
        figures["reward_town_class1"], figures["reward_town_class2"],
        figures["reward_street_class1"], figures["reward_street_class2"]]
    plaque = schemes["courtyard-plaque"]
    assert (plaque.ranking, plaque.period, plaque.tiers[0].min_score, plaque.tiers[0].reward) == (
        "household-monthly", "month", 90.0, 0.0)


def test_lists_points_supervision_and_uses(m: Mechanism) -> None:
    s = m.scoring
    assert s is not None
    assert [(x.key, x.colour, x.ranking, x.n, x.periods_running, x.period) for x in s.lists] == [
        ("red-list", "red", "household-monthly", 10, 1, "month"),
        ("black-list", "black", "household-monthly", 10, 1, "month"),
    ]
    assert s.points is not None and s.points.label.zh == "积分超市" and s.points.redeemable
    assert [(r.key, r.points) for r in s.points.rules] == [("three-guarantees-kept", 5), ("red-list", 10), ("black-list", -10)]
    assert s.supervision is not None
    assert s.supervision.rectification_days == 30
    assert [x.zh for x in s.supervision.methods] == ["干群评议", "明察暗访", "电子大屏幕公示排名"]
    uses = " ".join(u.zh for u in s.uses)
    assert "干部绩效考核" in uses and "村级干部工资补贴" in uses


# --- features ----------------------------------------------------------------------------------------------------


def test_features(m: Mechanism) -> None:
    f = {x.key: x for x in m.features}
    assert [i.label.zh for i in f["four-steps"].items] == ["干净", "整洁", "美丽", "富饶"]
    assert [i.label.zh for i in f["three-guarantees"].items] == ["包垃圾分类", "包绿化美化", "包卫生秩序"]
    assert [i.label.zh for i in f["six-transformations"].items] == [
        "道路硬化", "街道亮化", "厕所净化", "庭院美化", "村庄绿化", "乡村文化"]
    assert [i.label.zh for i in f["five-messes"].items] == ["垃圾乱丢", "污水乱泼", "柴草乱垛", "粪污乱堆", "庭院乱搭乱建"]
    five = {i.key: i.value for i in f["five-bao-five-duties"].items}
    assert five == {"leaders-towns": 26, "cadres-villages": 86, "partners-villages": 62 + 20,
                    "members-households": 2099 + 455, "households-front-door": None}
    assert {i.key: i.value for i in f["leader-work-standards"].items} == {"areas": 4, "standards": 9}
    assert {i.key: i.value for i in f["township-assessment-standards"].items} == {"areas": 6, "standards": 25}
    assert [i.key for i in f["funding-channels"].items] == [
        "budget", "projects", "one-matter-one-discussion", "donations", "sanitation-services"]
    assert [i.label.zh for i in f["party-member-activities"].items] == ["党员亮相", "党员示范", "党员包户"]


# --- reference case: every published figure, every derived ratio ---------------------------------------------------

FIGURES = {
    "towns": (13, "个"), "villages": (70, "个"), "communities": (22, "个"),
    "population": (21.6, "万人"), "rural_population": (11.3, "万人"),
    "study_cadres": (200, "人"), "publicity_events": (18, "次"), "meetings": (6, "次"), "leaflets": (5000, "份"),
    "banners": (224, "条"),
    "county_leaders": (26, "人"), "leader_towns": (13, "个"), "leader_standard_areas": (4, "个"),
    "leader_standards": (9, "项"), "leader_visits_per_month": (1, "次"),
    "assessment_areas": (6, "个"), "assessment_standards": (25, "项"), "township_leaders": (86, "人"),
    "departments": (62, "个"), "enterprises": (20, "户"), "partner_investment": (3.02, "亿元"),
    "partner_labour": (18200, "人次"), "partner_projects": (176, "个"), "rubbish_cleared": (19600, "吨"),
    "party_members": (2099, "人"), "pm_households": (31490, "户"), "worst_households": (6288, "户"),
    "village_cadres": (455, "人"),
    "leading_group_heads": (2, "人"), "six_transformation_funds": (1.9, "亿元"), "sanitation_funds": (3661, "万元"),
    "reward_model_village": (20, "万元"), "reward_advanced_village": (10, "万元"), "reward_standard_village": (5, "万元"),
    "villages_rewarded": (44, "个"), "reward_town_class1": (40, "万元"), "reward_town_class2": (20, "万元"),
    "reward_street_class1": (20, "万元"), "reward_street_class2": (10, "万元"), "towns_rewarded": (8, "个"),
    "ceremony_rewards": (575, "万元"), "office_director": (1, "人"),
}


def test_every_figure(m: Mechanism) -> None:
    assert m.reference is not None
    got = {f.key: (f.value, f.unit) for f in m.reference.figures}
    assert got == FIGURES
    assert all(f.label.zh and f.label.en and f.quote for f in m.reference.figures)


def test_figures_appear_in_their_sentence(m: Mechanism) -> None:
    """Each figure's number is written in the sentence it cites (as 13, 21.6, 3.02, 5000 …)."""
    assert m.reference is not None
    for f in m.reference.figures:
        if f.key == "leading_group_heads":
            assert "双组长" in f.quote
            continue
        if f.key == "office_director":
            assert "一名市委常委" in f.quote
            continue
        number = f"{f.value:g}"
        assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", f.quote), (f.key, number, f.quote)


DERIVED = {
    "hh_per_pm": 31490 / 2099,
    "worst_hh_per_cadre": 6288 / 455,
    "leaders_per_town": 26 / 13,
    "households_covered": 31490 + 6288,
    "worst_share": 6288 / (31490 + 6288) * 100,
    "household_contractors": 2099 + 455,
    "hh_per_contractor": (31490 + 6288) / (2099 + 455),
    "rural_share": 11.3 / 21.6 * 100,
    "persons_per_household": 113_000 / 37_778,
    "villages_and_communities": 92,
    "township_leaders_per_village": 86 / 70,
    "partners": 82,
    "partners_per_village": 82 / 70,
    "enterprise_share_of_villages": 20 / 70,
    "leader_visits_per_town_year": 24,
    "door_checks_per_year": 31_490 * 365,  # 每天上门督促检查 is said of the party members' households
    "investment_per_partner": 30_200 / 82,
    "labour_per_partner": 18_200 / 82,
    "sanitation_per_person": 36_610_000 / 216_000,  # 城乡环卫一体化: over the whole population
}


def test_derived_keys(derived: dict[str, float]) -> None:
    assert list(derived) == list(DERIVED)


@pytest.mark.parametrize("key", list(DERIVED))
def test_derived_value(derived: dict[str, float], key: str) -> None:
    assert derived[key] == pytest.approx(DERIVED[key], rel=1e-12)


def test_headline_ratios(derived: dict[str, float]) -> None:
    assert round(derived["hh_per_pm"], 3) == 15.002
    assert round(derived["worst_hh_per_cadre"], 2) == 13.82
    assert derived["leaders_per_town"] == 2
    assert round(derived["worst_share"], 2) == 16.64
    assert round(derived["rural_share"], 2) == 52.31


REMOVED_RATIOS = {
    # the article ties party members and cadres to households, not to villages
    "party_members_per_village", "village_cadres_per_village",
    # the ¥302 m is not tied to the 176 projects, nor funds and rubbish to villages
    "investment_per_project", "investment_per_village", "rubbish_per_village",
    # 1.9亿 over two years plus 3661万 over an unstated period
    "county_funds_two_years",
    # 城乡 sanitation over the rural population only (now sanitation_per_person)
    "sanitation_per_rural_person",
    # cumulative 44 villages and 8 towns set against one ceremony's 近575万元, with an unpublished tier mix
    "village_rewards_min", "village_rewards_max", "town_rewards_min", "town_rewards_max", "rewards_min",
    "rewards_max", "ceremony_per_rewarded_unit", "ceremony_share_of_max",
}


def test_ratios_the_source_does_not_support_are_gone(m: Mechanism) -> None:
    assert m.reference is not None
    assert not REMOVED_RATIOS & {d.key for d in m.reference.derived}
    # the ceremony's 近575万元 enters no ratio: the 44 villages and 8 towns rewarded are cumulative
    assert not any("ceremony_rewards" in d.formula for d in m.reference.derived)


def test_assumptions_are_listed(m: Mechanism) -> None:
    assert len(m.assumptions) == 39
    assert all(a.label.zh and a.label.en for a in m.assumptions)
    # no Chinese reason reads as if it came from the article
    assert all(a.reason is not None and a.reason.zh.startswith("本库假设") for a in m.assumptions)


def test_unstated_owners_and_cadences_are_assumptions(m: Mechanism) -> None:
    paths = {a.path: a.value for a in m.assumptions}
    assert paths["campaign.actions[key=build-consensus].tasks[key=study-tour].owner_role"] == "leading-group"
    assert paths["campaign.actions[key=make-it-land].tasks[key=monthly-assessment].owner_role"] == "office-director"
    assert paths["campaign.actions[key=make-it-land].tasks[key=annual-rewards].owner_role"] == "leading-group"
    assert paths["roles[key=village-cadre].visits.per"] == "day"
    assert paths["campaign.actions[key=members-households].tasks[key=cadre-daily-check].due.every"] == "day"
    assert paths["scoring.tier_schemes[key=courtyard-plaque].period"] == "month"
    assert paths["roles[key=county-leader].min_per_unit"] == 2
    vc = m.role("village-cadre").visits
    assert vc is not None and vc.label is not None and vc.label.zh.startswith("本库假设")
    # every task owner is either stated by the article or an assumption
    c = m.campaign
    assert c is not None
    stated = {"leader-monthly-visit", "leader-work-standards", "village-pairing", "twinning-support",
              "party-member-daily-check", "cadre-daily-check", "sort-rubbish", "green-beautify", "sanitation-order",
              "leading-group"}
    for a in c.actions:
        for t in a.tasks:
            if t.owner_role is not None and t.key not in stated:
                assert f"campaign.actions[key={a.key}].tasks[key={t.key}].owner_role" in paths, t.key


def test_leading_group_duty_is_within_its_quote(m: Mechanism) -> None:
    lg = m.role("leading-group")
    assert lg.quote.endswith("确保农村人居环境整治始终纳入市委日常核心工作内容。")
    assert all(d.zh in lg.quote for d in lg.duties)
    assert "统领" not in " ".join(d.zh for d in lg.duties)
    # the 25 standards assess towns and villages: not a township cadre's duty
    assert not any("25项" in d.zh for d in m.role("township-cadre").duties)


# --- case --staffed: the preset staffed by the policy against every published count ------------------------------


@pytest.fixture(scope="module")
def staffed(m: Mechanism) -> dict[str, tuple[int, bool]]:
    case = staffed_case(m)
    return {f.figure.key: (f.produced, f.within) for f in case.figures}


STAFFED_EXACT = {
    "towns": 13, "communities": 22, "county_leaders": 26, "leader_towns": 13, "township_leaders": 86,
    "departments": 62, "enterprises": 20, "pm_households": 31490, "worst_households": 6288,
    "leading_group_heads": 2, "office_director": 1,
}
STAFFED_EXPLAINED = {
    # key: (produced on the preset with seed 0, the assumption that says why)
    "villages": (92, "preset-villages"),  # 70 villages + 22 communities on one level
    "study_cadres": (2, "study-tour-owner"),  # the two heads who led the tour; a tour is not a post
    "party_members": (2140, "households-per-party-member"),  # 15 a member within each village
    "village_cadres": (490, "households-per-village-cadre"),  # 14 a cadre within each village
    "villages_rewarded": (0, "standard-village-score"),  # rewards follow the scores
    "towns_rewarded": (0, "town-class-2-score"),
}


def test_every_count_of_people_bodies_or_units_is_staffed(m: Mechanism) -> None:
    assert m.reference is not None
    assert {f.key for f in m.reference.figures if f.staffed is not None} == set(STAFFED_EXACT) | set(STAFFED_EXPLAINED)


@pytest.mark.parametrize("key", list(STAFFED_EXACT))
def test_policy_reproduces_the_published_count(staffed: dict[str, tuple[int, bool]], figures: dict[str, float],
                                               key: str) -> None:
    assert staffed[key] == (STAFFED_EXACT[key], True)
    assert staffed[key][0] == figures[key]


def test_township_leaders_departments_and_enterprises(m: Mechanism) -> None:
    """86 township leaders on 70 villages, 62 departments on the 70, 20 enterprises on 20 of them; none on communities."""
    assert m.preset is not None
    s = staff(generate_structure(m.preset, seed=0), m, seed=0)
    kinds = {a.id: a.kind for a in s.actors}
    community = {u.id for u in s.units if "community" in u.tags}
    edges = [e for e in s.assignments if e.role in ("township-cadre", "department")]
    assert not any(e.unit in community for e in edges)
    per_village = Counter(e.unit for e in edges if e.role == "township-cadre")
    assert len(per_village) == 70 and sum(per_village.values()) == 86 and set(per_village.values()) == {1, 2}
    held = Counter(e.actor for e in edges if kinds[e.actor] == "department")
    assert len(held) == 62 and sum(held.values()) == 70 and set(held.values()) == {1, 2}
    assert len({e.unit for e in edges if kinds[e.actor] == "department"}) == 70  # every village twinned
    enterprise_villages = [e.unit for e in edges if kinds[e.actor] == "enterprise"]
    assert len(enterprise_villages) == len(set(enterprise_villages)) == 20


@pytest.mark.parametrize("key", list(STAFFED_EXPLAINED))
def test_a_difference_is_explained_by_its_assumption(m: Mechanism, staffed: dict[str, tuple[int, bool]],
                                                     key: str) -> None:
    produced, assumption = STAFFED_EXPLAINED[key]
    assert m.reference is not None
    figure = next(f for f in m.reference.figures if f.key == key)
    assert figure.staffed is not None and figure.staffed.explained_by == assumption
    assert staffed[key] == (produced, False)


def test_no_difference_is_unexplained(m: Mechanism) -> None:
    case = staffed_case(m)
    assert case.unexplained == ()
    # party members and cadres: at least the county-wide quotient, at most one more per village (and community)
    rows = {f.figure.key: f.produced for f in case.figures}
    assert -(-31490 // 15) <= rows["party_members"] <= -(-31490 // 15) + 92
    assert -(-6288 // 14) <= rows["village_cadres"] <= -(-6288 // 14) + 92


def test_cli_case_staffed(runner: CliRunner) -> None:
    res = runner.invoke(main, ["case", KEY, "--staffed", "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)["staffed"]
    assert doc["unexplained"] == []
    assert {f["key"]: f["produced"] for f in doc["figures"]} == {
        **STAFFED_EXACT, **{k: v for k, (v, _) in STAFFED_EXPLAINED.items()}}


# --- overrides ---------------------------------------------------------------------------------------------------

MODEL_SCORE = "scoring.tier_schemes[key=village-rewards].tiers[key=model].min_score"


def test_override_tier_threshold_and_ratio(m: Mechanism) -> None:
    m2 = apply_overrides(m, {"model-village-score": "97.5", "households-per-party-member": 20, "enterprise-share": 0.5})
    assert get_path(m2, MODEL_SCORE) == 97.5
    assert get_path(m2, "policy.rules[role=party-member].households_per_actor") == 20
    assert get_path(m2, "policy.rules[actor_kind=enterprise].share") == 0.5
    assert {a.key: a.value for a in m2.assumptions}["model-village-score"] == 97.5
    assert check_mechanism(m2) == []
    assert get_path(m, MODEL_SCORE) == 95.0


def test_override_dates(m: Mechanism) -> None:
    """A phase's start is its own value: moving the campaign's start means moving the clean stage's too."""
    m2 = apply_overrides(m, {"campaign-start": "2018-03-01", "clean-stage-start": "2018-03-01",
                             "clean-stage-end": "2019-06-30", "tidy-stage-start": "2019-07-01"})
    assert m2.campaign is not None
    assert m2.campaign.start == dt.date(2018, 3, 1)
    phases = {p.key: (p.start, p.end) for p in m2.campaign.phases}
    assert phases == {"clean": (dt.date(2018, 3, 1), dt.date(2019, 6, 30)), "tidy": (dt.date(2019, 7, 1), None)}
    assert get_path(m2, "campaign.phases[key=clean].end") == "2019-06-30"
    assert check_mechanism(m2) == []


# --- command line ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_cli_show_json(runner: CliRunner) -> None:
    res = runner.invoke(main, ["show", KEY, "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["key"] == KEY
    roles = {r["key"]: r for r in doc["roles"]}
    assert list(roles) == list(ROLES)
    for r in roles.values():
        assert {"key", "level", "actor_kinds", "scope", "min_per_unit", "capacity"} <= set(r)
    assert roles["county-leader"]["min_per_unit"] == 2
    assert roles["party-member"]["capacity_households"] == 16
    assert roles["village-cadre"]["scope"]["tags_any"] == ["worst-hygiene"]


def test_cli_show_table_both_languages(runner: CliRunner) -> None:
    zh = runner.invoke(main, ["show", KEY])
    assert zh.exit_code == 0, zh.output
    assert "五包五责" in zh.output
    en = runner.invoke(main, ["show", KEY, "--lang", "en"])
    assert en.exit_code == 0, en.output
    assert "Five contracts, five duties" in en.output
    assert "Assumptions" in en.output


def test_cli_show_with_override(runner: CliRunner) -> None:
    res = runner.invoke(main, ["show", KEY, "--format", "json", "--set", "standard-village-score=75"])
    assert res.exit_code == 0, res.output
    schemes = {s["key"]: s for s in json.loads(res.output)["scoring"]["tier_schemes"]}
    tiers = {t["key"]: t for t in schemes["village-rewards"]["tiers"]}
    assert tiers["standard"]["min_score"] == 75.0


def test_cli_case_json(runner: CliRunner, m: Mechanism) -> None:
    res = runner.invoke(main, ["case", KEY, "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert {"key", "source", "figures", "derived"} <= set(doc)
    assert (doc["key"], doc["source"]) == (KEY, SEED)
    assert all({"key", "label", "value", "unit", "quote"} <= set(f) for f in doc["figures"])
    assert all({"key", "label", "value", "formula"} <= set(d) for d in doc["derived"])
    assert {f["key"]: f["value"] for f in doc["figures"]} == {k: v for k, (v, _) in FIGURES.items()}
    got = {d["key"]: d["value"] for d in doc["derived"]}
    assert got == pytest.approx(DERIVED, rel=1e-12)
    assert doc == json.loads(json.dumps(case_document(m, "zh"), ensure_ascii=False))


def test_cli_case_english(runner: CliRunner) -> None:
    res = runner.invoke(main, ["case", KEY, "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "hh_per_pm" in res.output
    assert "Published figures" in res.output
    assert "Derived from them" in res.output


# --- preset county, staffing and scoring in a county ---------------------------------------------------------------


def test_preset_follows_the_published_figures(m: Mechanism) -> None:
    assert m.preset is not None
    s = generate_structure(m.preset, seed=0)
    assert Counter(u.level for u in s.units) == {"county": 1, "town": 13, "village": 92, "group": 460, "household": 31490 + 6288}
    assert sum("community" in u.tags for u in s.units) == 22
    assert sum("worst-hygiene" in u.tags for u in s.units) == 6288
    assert sum("street" in u.tags for u in s.units) == 2


def test_preset_staffed_by_the_policy_needs_about_the_published_staff(m: Mechanism) -> None:
    """2,099 party members on 31,490 households and 455 cadres on 6,288: the policy staffs village by village, one per
    15 (or 14) households rounded up, so it needs at least the county-wide quotient and at most one more a village."""
    assert m.preset is not None
    s = staff(generate_structure(m.preset, seed=0), m, seed=0)
    actors = {role: len({a.actor for a in s.assignments if a.role == role}) for role in ("party-member", "village-cadre")}
    assert -(-31490 // 15) <= actors["party-member"] <= -(-31490 // 15) + 92
    assert -(-6288 // 14) <= actors["village-cadre"] <= -(-6288 // 14) + 92
    assert actors == {"party-member": 2140, "village-cadre": 490}  # seed 0


def test_figures_stated_as_floors_or_ceilings_are_marked(m: Mechanism) -> None:
    """200余名, 19600余吨, 至少1次; 近575万元.

    Every ratio computed from such a figure (directly or through another ratio) is marked approximate.
    """
    assert hedged_figures(m) == {
        "rubbish_cleared": "at-least",
        "study_cadres": "at-least",
        "leader_visits_per_month": "at-least",  # 每月深入包保乡镇至少1次
        "ceremony_rewards": "nearly",
    }


def test_households_are_ranked_and_listed_within_their_village(m: Mechanism) -> None:
    county = demo_county()
    s = county.structure
    village_of = {u.id: next(a.id for a in s.ancestors(u.id) if a.level == "village") for u in s.units_at("household")}
    e = ScoringEngine(m, county)
    result = e.rank(e.ranking("household-monthly"), "2024-05")
    assert {r.group for r in result.rows} == {f"households@{v}" for v in set(village_of.values())}
    assert all(r.group == f"households@{village_of[r.unit]}" for r in result.rows)
    red_list = next(x for x in e.scoring.lists if x.key == "red-list")
    red = e.list_members(red_list, "2024-05")
    per_village = Counter(x.group for x in red.entries)
    assert set(per_village) == {r.group for r in result.rows} and min(per_village.values()) >= 10  # ties at 10th stay
    county_wide = apply_overrides(m, {"household-board-level": "town"})
    assert check_mechanism(county_wide) == []
    e2 = ScoringEngine(county_wide, county)
    assert {r.group for r in e2.rank(e2.ranking("household-monthly"), "2024-05").rows} == {"households@T1", "households@T2",
                                                                                           "households@T3"}
