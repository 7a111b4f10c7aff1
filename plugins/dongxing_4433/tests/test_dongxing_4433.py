"""Tests of the Dongxing "4433" plugin: what a user relies on, with the source's exact figures.

What every plugin must satisfy (quotes verbatim in the source and cited, round trips, every assumption explained
and overridable on its own, ``show``/``case`` working) is the shared contract, checked once by
:func:`mechanisms.testing.assert_contract`. The tests after it assert what is particular to this mechanism.
Expected values are written out independently of the plugin (from the source text), so a typo in the data
file fails here rather than being copied into the expectation.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner

from mechanisms import (
    DEFAULT_LEVELS,
    Frequency,
    Mechanism,
    apply_overrides,
    case_document,
    compute_derived,
    generate_structure,
    get_path,
    load_catalog,
    staff,
)
from mechanisms.cli import main
from mechanisms.county.staffed_case import staffed_case
from mechanisms.testing import assert_contract, hedged_figures

KEY = "dongxing-4433"
SEED = Path(__file__).resolve().parent / "source" / "000_70ca0df7469e01d2.txt"


@pytest.fixture(scope="module")
def m() -> Mechanism:
    return load_catalog().get(KEY)


def test_keeps_the_plugin_contract() -> None:
    assert_contract(KEY, source=SEED, mechanism_file=files("mechanisms_dongxing_4433") / "mechanism.yaml")


def test_mechanism_is_consistent(m: Mechanism) -> None:
    assert m.key == KEY
    assert m.year == 2024
    assert m.county.zh == "四川省内江市东兴区"
    assert m.source is not None and m.source.file == "000_70ca0df7469e01d2.txt"
    assert m.source.date == dt.date(2024, 8, 5)
    assert m.source.publisher == "四川省农业农村厅"
    assert m.reference is not None and m.reference.source == m.source


def test_levels_keep_the_shared_keys(m: Mechanism) -> None:
    assert [lv.key for lv in m.levels] == [lv.key for lv in DEFAULT_LEVELS]
    assert get_path(m, "levels[key=county].label.zh") == "区"


# ------------------------------------------------------------------------------------------------ roles
ROLES = {
    # key: (level, actor kinds, scope tags_any, min per unit, capacity)
    "city-leader": ("town", ("city-leader",), (), 1, 1),
    "city-department-town": ("town", ("city-department",), (), 1, 1),
    "city-department": ("village", ("city-department",), ("target-village",), 1, 2),
    "district-leader-town": ("town", ("leader",), (), 1, 1),  # 8 on 4 towns: not "two a town"
    "party-secretary": ("town", ("leader",), ("key-town",), 1, 1),
    "district-leader": ("village", ("leader",), ("target-village",), 1, 3),
    "guidance-head": ("village", ("retired-cadre",), ("target-village",), 1, 1),
    "department": ("village", ("department",), (), 1, 1),
    "cadre": ("group", ("cadre", "village-cadre"), (), 1, 2),
    "party-member": ("village", ("party-member",), (), 1, 1),
    "courtyard-head": ("group", ("household", "village-cadre"), ("courtyard",), 1, 1),
    "build-team": ("county", ("build-team",), (), 1, None),
    "aid-enterprise": ("county", ("state-enterprise",), (), 1, None),
}


def test_roles(m: Mechanism) -> None:
    assert m.role_keys == tuple(ROLES)
    for key, (level, kinds, tags, min_per_unit, capacity) in ROLES.items():
        r = m.role(key)
        assert (r.level, r.actor_kinds, r.scope.tags_any, r.min_per_unit, r.capacity) == (
            level, kinds, tags, min_per_unit, capacity), key
        assert r.scope.tags_all == () and r.scope.tags_none == ()
        assert r.capacity_households is None
        assert r.quote and r.duties, key
        assert r.label.zh and r.label.en


def test_only_party_members_have_a_visit_frequency(m: Mechanism) -> None:
    visits = m.role("party-member").visits
    assert visits is not None
    assert (visits.times, visits.per, visits.unit) == (2, "month", "day")
    assert visits.per_year == 24.0
    assert visits == Frequency(2, "month", unit="day", label=visits.label)
    assert [r.key for r in m.roles if r.visits is not None] == ["party-member"]


def test_role_capacities_follow_from_the_published_counts(m: Mechanism) -> None:
    # the source sets no cap: each is an assumption read from the counts (4 on 4 towns, 59 heads on 59 villages)
    assert m.role("city-leader").capacity == 4 // 4
    assert m.role("guidance-head").capacity == 59 // 59
    # "8名区级领导包联4个目标镇" gives no number a town: no minimum of two
    assert m.role("district-leader-town").min_per_unit == 1
    capped = {a.path.removeprefix("roles[key=").removesuffix("].capacity") for a in m.assumptions
              if a.path.startswith("roles[") and a.path.endswith(".capacity")}
    assert capped == {r.key for r in m.roles if r.capacity is not None}
    # 35 departments on 59 villages and 28 leaders on 59 villages, spread evenly
    assert m.role("city-department").capacity == math.ceil(59 / 35)
    assert m.role("district-leader").capacity == math.ceil(59 / 28)
    # 92 departments on 67 villages: a department needs no more than one
    assert m.role("department").capacity == math.ceil(67 / 92)


# ------------------------------------------------------------------------------------------------ coverage
RULES = {
    # key: (role, level, scope tags_any, min actors)
    "towns-city-leader": ("city-leader", "town", (), 1),
    "towns-city-department": ("city-department-town", "town", (), 1),
    "villages-city-department": ("city-department", "village", ("target-village",), 1),
    "towns-district-leaders": ("district-leader-town", "town", (), 1),
    "key-town-secretary": ("party-secretary", "town", ("key-town",), 1),
    "villages-district-leader": ("district-leader", "village", ("target-village",), 1),
    "villages-guidance-head": ("guidance-head", "village", ("target-village",), 1),
    "villages-department": ("department", "village", (), 1),
    "groups-cadre": ("cadre", "group", (), 1),
    "households-cadre": ("cadre", "household", (), 1),
    "villages-party-members": ("party-member", "village", (), 1),
    "courtyards-head": ("courtyard-head", "group", ("courtyard",), 1),
}


def test_coverage_rules(m: Mechanism) -> None:
    assert [c.key for c in m.coverage_rules] == list(RULES)
    levels = [lv.key for lv in m.levels]
    for c in m.coverage_rules:
        role, level, tags, n = RULES[c.key]
        assert (c.role, c.level, c.scope.tags_any, c.min_actors) == (role, level, tags, n), c.key
        assert levels.index(c.level) >= levels.index(m.role(c.role).level)
        assert c.quote


# ------------------------------------------------------------------------------------------------ policy
def test_policy(m: Mechanism) -> None:
    assert m.policy is not None
    got = {s.role: (s.actor_kind, s.per_unit, s.households_per_actor, s.units_per_actor, s.share) for s in m.policy.rules}
    assert got == {
        "city-leader": ("city-leader", 1, None, None, None),
        "city-department-town": ("city-department", 1, None, None, None),
        "city-department": ("city-department", 1, None, 59 / 35, None),
        "district-leader-town": ("leader", 2, None, None, None),
        "party-secretary": ("leader", 1, None, None, None),
        "district-leader": ("leader", 1, None, 59 / 28, None),
        "guidance-head": ("retired-cadre", 1, None, None, None),
        "department": ("department", 92 / 67, None, None, None),
        "cadre": ("cadre", 498 / 469, None, None, None),
        "party-member": ("party-member", 10, None, None, None),
        "courtyard-head": ("household", 1, None, None, None),
        "build-team": ("build-team", 90, None, None, None),
        "aid-enterprise": ("state-enterprise", 8, None, None, None),
    }
    assert set(got) == set(m.role_keys)
    assert all(s.name is not None for s in m.policy.rules)
    # every spread of a published total over units is an assumption
    assumed = {a.path for a in m.assumptions}
    for s in m.policy.rules:
        if s.role != "party-secretary":  # one secretary on the one key town
            assert any(p.startswith(f"policy.rules[role={s.role}]") for p in assumed), s.role


def test_policy_staffs_dongxing_with_the_published_counts(m: Mechanism) -> None:
    """On the preset (4 target towns, 59 target villages, 67 contact villages) the policy gives the source's counts."""
    assert m.preset is not None
    s = staff(generate_structure(m.preset, seed=0), m, seed=0)
    actors = {role: len({a.actor for a in s.assignments if a.role == role}) for role in m.role_keys}
    assert (actors["city-leader"], actors["city-department-town"], actors["district-leader-town"]) == (4, 4, 8)
    assert (actors["guidance-head"], actors["city-department"], actors["district-leader"], actors["department"]) == \
        (59, 35, 28, 92)
    # spread evenly and within each role's capacity: one or two villages a department, two or three a leader
    for role, sizes in (("city-department", {1, 2}), ("district-leader", {2, 3})):
        held = Counter(a.actor for a in s.assignments if a.role == role)
        assert set(held.values()) == sizes and max(held.values()) <= (m.role(role).capacity or 0), role
    per_village = Counter(a.unit for a in s.assignments if a.role == "department")
    assert len(per_village) == 67 and set(per_village.values()) == {1, 2}


# ------------------------------------------------------------------------------------------------ staffed case
@pytest.fixture(scope="module")
def produced(m: Mechanism) -> dict[str, int]:
    return {f.figure.key: f.produced for f in staffed_case(m).figures}


def test_every_count_of_people_bodies_or_units_says_what_it_counts(m: Mechanism) -> None:
    assert m.reference is not None
    counted = {f.key for f in m.reference.figures if f.staffed is not None}
    assert counted == set(STAFFED) | {"main_build_workers", "big_courtyards_finished"}


def test_the_policy_leaves_no_unexplained_difference(m: Mechanism) -> None:
    case = staffed_case(m)
    assert case.unexplained == ()
    explained = {f.figure.key: f.figure.staffed.explained_by for f in case.figures
                 if not f.within and f.figure.staffed is not None}
    assert explained == {"main_build_workers": "build-teams", "big_courtyards_finished": "preset-big-courtyards"}


# figure key: what the policy must produce on the preset (the published count; 余 figures at their floor)
STAFFED = {
    "aid_enterprises": 8, "city_leaders": 4, "target_towns": 4, "city_departments_town": 4, "city_departments": 35,
    "city_department_villages": 59, "district_leaders_town": 8, "district_leaders_village": 28, "target_villages": 59,
    "retired_cadres": 59, "district_departments": 92, "department_villages": 67, "contact_cadres": 498,
    "main_build_teams": 90, "aid_build_enterprises": 8, "households_started": 28330, "households_finished": 28169,
    "big_courtyards": 178, "courtyards_headed": 346, "households_named": 10000,
}


def test_aid_enterprises(produced: dict[str, int]) -> None:
    assert produced["aid_enterprises"] == 8  # 8家在辖国企投入援建资金1200万元


def test_city_leaders(produced: dict[str, int]) -> None:
    assert produced["city_leaders"] == 4  # 4名市领导联系指导4个目标镇(街道)


def test_target_towns(produced: dict[str, int]) -> None:
    assert produced["target_towns"] == 4


def test_city_departments_attached_to_towns(produced: dict[str, int]) -> None:
    assert produced["city_departments_town"] == 4  # 4个市级部门(单位)挂联4个目标镇(街道)


def test_city_departments_on_villages(produced: dict[str, int]) -> None:
    assert produced["city_departments"] == 35  # 35个市级部门包联59个村(社区)
    assert produced["city_department_villages"] == 59


def test_district_leaders_on_towns(produced: dict[str, int]) -> None:
    assert produced["district_leaders_town"] == 8  # 8名区级领导包联4个目标镇(街道)


def test_district_leaders_on_villages(produced: dict[str, int]) -> None:
    assert produced["district_leaders_village"] == 28  # 28名区级领导联系59个目标村(社区)
    assert produced["target_villages"] == 59


def test_guidance_group_heads(produced: dict[str, int]) -> None:
    assert produced["retired_cadres"] == 59  # 选派59名退出领导岗位干部到59个目标村(社区)担任指导组组长


def test_district_departments(produced: dict[str, int]) -> None:
    assert produced["district_departments"] == 92  # 选派92个区级部门包联67个村(社区)
    assert produced["department_villages"] == 67


def test_contact_cadres(produced: dict[str, int]) -> None:
    assert produced["contact_cadres"] == 498  # 统筹498名部门、镇(街道)、村(社区)干部包联村组


def test_work_teams(produced: dict[str, int]) -> None:
    assert produced["main_build_teams"] >= 90  # 组建90余个班组
    assert produced["main_build_workers"] == 0  # 4000余人: members of the teams, not posts (assumption build-teams)


def test_aid_build_enterprises(produced: dict[str, int]) -> None:
    assert produced["aid_build_enterprises"] == 8  # 已争取到8家辖区内央(国)企……支持和援建


def test_households(produced: dict[str, int]) -> None:
    assert produced["households_started"] == 28330  # 户属设施改造28330户已全面开工
    assert produced["households_finished"] == 28169  # 其中28169户已完工


def test_courtyards(produced: dict[str, int]) -> None:
    assert produced["big_courtyards"] == 178  # 178个20户以上院落
    assert produced["courtyards_headed"] == 346  # 346个院落全部配齐院落长
    assert produced["big_courtyards_finished"] == 0  # 已完工152个: not drawn (assumption preset-big-courtyards)


def test_households_named(produced: dict[str, int]) -> None:
    assert produced["households_named"] >= 10000  # 评选出……等10000余户(人)


def test_every_staffed_count_within_its_hedge(m: Mechanism, produced: dict[str, int]) -> None:
    assert m.reference is not None
    hedge = {f.key: f.approx for f in m.reference.figures}
    for key, want in STAFFED.items():
        assert produced[key] >= want if hedge[key] == "at-least" else produced[key] == want, key


# ------------------------------------------------------------------------------------------------ campaign
def test_campaign_dates_and_phases(m: Mechanism) -> None:
    c = m.campaign
    assert c is not None
    assert (c.key, c.start, c.end) == ("rural-appearance", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert [(p.key, p.start, p.end) for p in c.phases] == [
        ("build", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("upkeep", dt.date(2024, 1, 1), None),  # upkeep results are reported by August 2024
    ]
    assert [a.key for a in c.actions] == ["funding", "contact", "construction", "upkeep"]
    assert [len(a.tasks) for a in c.actions] == [4, 10, 5, 6]
    assert len(c.tasks) == 25
    assert all(t.deadline is None for t in c.tasks)  # the source sets no task deadlines


def test_campaign_tasks(m: Mechanism) -> None:
    assert m.campaign is not None
    tasks = {t.key: t for t in m.campaign.tasks}
    owners = {k: t.owner_role for k, t in tasks.items() if t.owner_role}
    assert owners == {
        "city-guidance": "city-leader", "city-attachment": "city-department-town",
        "city-village-contact": "city-department", "district-town-contact": "district-leader-town",
        "key-town-contact": "party-secretary", "district-village-contact": "district-leader",
        "guidance-groups": "guidance-head", "village-to-household": "department", "group-contact": "cadre",
        "six-clean-days": "party-member", "courtyard-heads": "courtyard-head", "aid-build": "aid-enterprise",
    }
    six = tasks["six-clean-days"]
    assert six.due is not None and six.due.every == "month"
    assert six.cascade_level == "village"
    assert [(t.value, t.unit, t.indicator) for t in six.targets] == [(2, "天", "party-member-days")]
    money = {k: tasks[k].targets[0].value for k in ("bank-loans", "fiscal-funds", "social-aid", "people-raise")}
    assert money == {"bank-loans": 282000, "fiscal-funds": 40000, "social-aid": 1200, "people-raise": 20000}
    assert all(tasks[k].targets[0].unit == "万元" for k in money)
    assert [t.value for t in tasks["main-build"].targets] == [4000, 90]
    assert tasks["main-build"].lead is not None and "东同集团" in tasks["main-build"].lead.zh
    assert [t.value for t in tasks["aid-build"].targets] == [8]
    assert tasks["standardise"].lead is None  # the source names no lead for 管
    assert [(t.value, t.indicator) for t in tasks["household-facilities"].targets] == [(28330, "households-finished")]
    label = tasks["household-facilities"].targets[0].label
    assert label is not None and "本库假设" in label.zh
    assert [(t.value, t.indicator) for t in tasks["big-courtyards"].targets] == [(178, "big-courtyards-finished")]
    assert [t.value for t in tasks["systematise"].targets] == [17, 19]
    assert [(t.value, t.indicator) for t in tasks["standardise"].targets] == [(263, "inspections"),
                                                                              (1331, "problems-assigned")]
    assert [t.value for t in tasks["cleaning-equipment"].targets] == [1000, 15, 120]
    assert [(t.value, t.indicator) for t in tasks["courtyard-heads"].targets] == [(100, "courtyard-head-rate")]
    assert [t.value for t in tasks["simplify-use"].targets] == [10000, 50]


def test_milestones_and_reporting(m: Mechanism) -> None:
    c = m.campaign
    assert c is not None
    got = [(x.key, x.date, x.target.value, x.target.unit, x.target.indicator) for x in c.milestones]
    assert got == [
        ("all-started", dt.date(2024, 8, 5), 28330, "户", "households-started"),
        ("households-finished", dt.date(2024, 12, 31), 100.0, "%", "household-completion-rate"),
        ("courtyards-finished", dt.date(2024, 12, 31), 100.0, "%", "courtyard-completion-rate"),
    ]
    assert [(r.key, r.schedule.every, r.schedule.months, r.schedule.day) for r in c.reporting] == [
        ("red-black-list", "month", (), None), ("inspection", "month", (), None)]


# ------------------------------------------------------------------------------------------------ indicators
def test_indicators(m: Mechanism) -> None:
    keys = [i.key for i in m.indicators]
    assert len(keys) == 20
    rates = {i.key: (i.numerator, i.denominator, i.factor, [(t.value, t.comparison) for t in i.targets])
             for i in m.indicators if i.is_formula}
    assert rates == {
        "household-completion-rate": ("households-finished", "households-started", 100.0, [(100.0, ">=")]),
        "courtyard-completion-rate": ("big-courtyards-finished", "big-courtyards", 100.0, [(100.0, ">=")]),
        "courtyard-head-rate": ("courtyards-headed", "courtyards", 100.0, [(100.0, ">=")]),
    }
    days = m.indicator("party-member-days")
    assert [(t.value, t.comparison) for t in days.targets] == [(2.0, ">=")]
    assert days.aggregation == "min" and days.unit == "天"
    assert m.indicator("courtyard-head-rate").targets[0].quote == "346个院落全部配齐院落长"
    for k in ("funds-loan", "funds-fiscal", "funds-aid", "funds-people", "prizes-redeemed"):
        assert m.indicator(k).unit == "万元"


# ------------------------------------------------------------------------------------------------ scoring
def test_scoring_comparisons(m: Mechanism) -> None:
    s = m.scoring
    assert s is not None
    assert [(c.key, c.level, c.period) for c in s.scorecards] == [
        ("household-comparison", "household", "month"), ("group-comparison", "group", "month"),
        ("village-comparison", "village", "month")]
    assert all([(i.indicator, i.weight) for i in c.items] == [("hygiene-score", 1.0)] for c in s.scorecards)
    assert [(r.key, r.scorecard, r.period) for r in s.rankings] == [
        ("household-ranking", "household-comparison", "month"), ("group-ranking", "group-comparison", "month"),
        ("village-ranking", "village-comparison", "month")]
    (village,) = (r for r in s.rankings if r.key == "village-ranking")
    # 村比村: one peer group (the source does not rank communities apart)
    assert [(g.key, g.level, g.tags_any, g.tags_none) for g in village.peer_groups] == [("villages", "village", (), ())]
    assert all(r.published is None for r in s.rankings)


def test_scoring_tiers_lists_points_supervision(m: Mechanism) -> None:
    s = m.scoring
    assert s is not None
    (titles,) = s.tier_schemes
    assert (titles.key, titles.ranking, titles.by, titles.period) == ("household-titles", "household-ranking",
                                                                      "threshold", "year")
    assert [(t.key, t.label.zh, t.min_score, t.reward) for t in titles.tiers] == [
        ("cleanest", "最美清洁户", 90.0, 0.0), ("star-civilised", "星级文明户", 80.0, 0.0)]
    assert [(x.key, x.colour, x.ranking, x.n, x.period, x.periods_running) for x in s.lists] == [
        ("red", "red", "village-ranking", 3, "month", 1), ("black", "black", "village-ranking", 3, "month", 1)]
    assert all(x.consequence is None for x in s.lists)  # the source states no consequence
    assert s.points is not None and all(r.label.zh.startswith("本库假设") for r in s.points.rules)
    assert s.points is not None and s.points.redeemable
    assert [(p.key, p.points) for p in s.points.rules] == [
        ("six-clean", 10), ("garbage-fee", 2), ("named", 20), ("black-listed", -10)]
    assert s.supervision is not None
    assert s.supervision.rectification_days == 15
    assert [c.label.zh for c in s.supervision.categories] == ["优亲厚友", "虚报冒领", "吃拿卡要"]
    assert [x.zh for x in s.supervision.methods][:4] == ["群众点题", "部门答题", "纪委监督", "社会评价"]


# ------------------------------------------------------------------------------------------------ features
def test_features(m: Mechanism) -> None:
    f = {x.key: x for x in m.features}
    assert list(f) == ["four-batches", "loan-list", "four-level-contact", "three-construction", "three-upkeep",
                       "work-system", "cleanup", "household-titles"]
    assert [(i.key, i.value, i.unit) for i in f["four-batches"].items] == [
        ("loan", 282000, "万元"), ("fiscal", 40000, "万元"), ("aid", 1200, "万元"), ("people", 20000, "万元")]
    assert [i.label.zh for i in f["loan-list"].items] == ["基础设施", "户属工程", "场镇改造", "污水处理", "公共服务", "产业培育"]
    assert [i.key for i in f["four-level-contact"].items] == ["city", "district-leaders", "district-departments",
                                                               "party-members"]
    assert [(i.key, i.value) for i in f["three-construction"].items] == [("main", 4000), ("aid", 8), ("self", None)]
    assert [(i.key, i.value) for i in f["three-upkeep"].items] == [("build", 17), ("manage", 263), ("use", 10000)]
    assert [(i.key, i.value) for i in f["cleanup"].items] == [
        ("funds", 917), ("equipment-funds", 1000), ("compactors", 15), ("tricycles", 120), ("garbage-fee", None)]
    assert [i.label.zh for i in f["household-titles"].items] == ["最美清洁户", "最佳进步户", "星级文明户", "好公婆好儿媳"]


# ------------------------------------------------------------------------------------------------ reference case
FIGURES = {
    "loan_projects": (8, "个"), "loan_funds": (282000, "万元"), "demo_belt_loan": (88000, "万元"),
    "fiscal_funds": (40000, "万元"), "cleanup_funds": (917, "万元"), "aid_enterprises": (8, "家"),
    "aid_funds": (1200, "万元"), "people_funds": (20000, "万元"), "city_leaders": (4, "名"), "target_towns": (4, "个"),
    "city_departments_town": (4, "个"), "city_departments": (35, "个"), "city_department_villages": (59, "个"),
    "district_leaders_town": (8, "名"), "district_leaders_village": (28, "名"), "target_villages": (59, "个"),
    "retired_cadres": (59, "名"), "district_departments": (92, "个"), "department_villages": (67, "个"),
    "contact_cadres": (498, "名"), "party_member_days": (2, "天"), "contact_person_times": (20000, "人次"),
    "main_build_workers": (4000, "人"), "main_build_teams": (90, "个"), "aid_build_enterprises": (8, "家"),
    "households_started": (28330, "户"), "households_finished": (28169, "户"), "big_courtyards": (178, "个"),
    "big_courtyards_finished": (152, "个"), "rules": (17, "个"), "upkeep_mechanisms": (19, "个"),
    "inspections": (263, "次"), "problems_assigned": (1331, "个"), "equipment_funds": (1000, "万元"),
    "compactor_trucks": (15, "台"), "cleaning_tricycles": (120, "台"), "courtyards_headed": (346, "个"),
    "households_named": (10000, "户（人）"), "prizes": (50, "万元"),
}

TOTAL = 282000 + 40000 + 1200 + 20000
DERIVED = {
    "funds_total": 343200,
    "loan_share": 282000 / TOTAL * 100,
    "fiscal_share": 40000 / TOTAL * 100,
    "aid_share": 1200 / TOTAL * 100,
    "people_share": 20000 / TOTAL * 100,
    "loan_per_project": 35250,
    "aid_per_enterprise": 150,
    "city_leaders_per_town": 1,
    "city_departments_per_town": 1,
    "villages_per_city_department": 59 / 35,
    "district_leaders_per_town": 2,
    "villages_per_district_leader": 59 / 28,
    "guidance_heads_per_village": 1,
    "departments_per_village": 92 / 67,
    "party_member_days_per_year": 24,
    "household_completion": 28169 / 28330 * 100,
    "households_unfinished": 161,
    "courtyard_completion": 152 / 178 * 100,
    "courtyards_unfinished": 26,
    "workers_per_team": 4000 / 90,
    "cleaning_vehicles": 135,
    "equipment_funds_per_vehicle": 1000 / 135,
}


def test_every_reference_figure(m: Mechanism) -> None:
    assert m.reference is not None
    got = {f.key: (f.value, f.unit) for f in m.reference.figures}
    assert got == FIGURES
    assert all(f.quote and f.label.zh and f.label.en for f in m.reference.figures)


REMOVED = ("demo_belt_share_of_loans", "cleanup_share_of_fiscal", "funds_per_household", "cadres_per_village",
           "households_per_cadre", "households_per_target_village", "person_times_per_village", "households_per_worker",
           "upkeep_instruments", "problems_per_inspection", "prize_per_named")


def test_ratios_over_unrelated_populations_are_gone(m: Mechanism) -> None:
    assert m.reference is not None
    assert not {d.key for d in m.reference.derived} & set(REMOVED)


def test_every_derived_ratio(m: Mechanism) -> None:
    assert m.reference is not None
    derived = {dv.derived.key: dv.value for dv in compute_derived(m.reference)}
    assert list(derived) == list(DERIVED)
    for key, expected in DERIVED.items():
        assert derived[key] == pytest.approx(expected), key
    assert derived["household_completion"] == pytest.approx(99.43169784680551)
    assert derived["courtyard_completion"] == pytest.approx(85.39325842696628)
    assert sum(derived[k] for k in ("loan_share", "fiscal_share", "aid_share", "people_share")) == pytest.approx(100)


def test_case_document(m: Mechanism) -> None:
    doc = case_document(m, "en")
    assert doc["key"] == KEY and doc["source"] == "000_70ca0df7469e01d2.txt"
    assert len(doc["figures"]) == len(FIGURES) and len(doc["derived"]) == len(DERIVED)


def test_figures_stated_as_floors_or_ceilings_are_marked(m: Mechanism) -> None:
    """2万余人次, 4000余人, 90余个班组, 10000余户, 50余万元.

    Every ratio computed from such a figure (directly or through another ratio) is marked approximate.
    """
    assert hedged_figures(m) == {
        "contact_person_times": "at-least",
        "households_named": "at-least",
        "main_build_teams": "at-least",
        "main_build_workers": "at-least",
        "prizes": "at-least",
    }


# ------------------------------------------------------------------------------------------------ preset
def test_preset_is_the_four_target_towns(m: Mechanism) -> None:
    assert m.preset is not None
    s = generate_structure(m.preset, seed=0)
    assert Counter(u.level for u in s.units)["village"] == 67
    assert sum(u.level == "household" for u in s.units) == 28330
    assert sum("target-village" in u.tags for u in s.units) == 59
    assert sum("key-town" in u.tags for u in s.units) == 1
    assert sum("courtyard" in u.tags for u in s.units) == 346
    assert sum("big-courtyard" in u.tags for u in s.units) == 178
    assert sum("works-finished" in u.tags for u in s.units) == 28169
    assert sum("named" in u.tags for u in s.units) == 10000
    assert Counter(u.level for u in s.units)["group"] == 67 * 7


# ------------------------------------------------------------------------------------------------ assumptions
def test_sixty_six_assumptions(m: Mechanism) -> None:
    assert len(m.assumptions) == 66
    # none reads as if the source said it: every reason says what the source gives or that the choice is ours
    for a in m.assumptions:
        assert a.reason is not None and ("来源" in a.reason.zh or "本库" in a.reason.zh), a.key


def test_overrides_reach_the_model(m: Mechanism) -> None:
    changed = apply_overrides(m, {"party-members-per-village": "15", "cleanest-min-score": 95, "campaign-end": "2025-06-30",
                                  "red-list-size": 5})
    assert changed.policy is not None and changed.scoring is not None and changed.campaign is not None
    assert {s.role: s.per_unit for s in changed.policy.rules}["party-member"] == 15
    assert get_path(changed, "scoring.tier_schemes[key=household-titles].tiers[key=cleanest].min_score") == 95.0
    assert changed.campaign.end == dt.date(2025, 6, 30)
    assert get_path(changed, "scoring.lists[key=red].n") == 5
    assert {a.key: a.value for a in changed.assumptions}["party-members-per-village"] == 15


# ------------------------------------------------------------------------------------------------ CLI
def _run(*args: str) -> str:
    # a wide terminal, so table cells are not wrapped across lines
    result = CliRunner(env={"COLUMNS": "400"}).invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_show_json() -> None:
    doc = json.loads(_run("show", KEY, "--format", "json"))
    assert doc["key"] == KEY
    roles = {r["key"]: r for r in doc["roles"]}
    assert set(roles) == set(ROLES)
    for key, (level, kinds, tags, min_per_unit, capacity) in ROLES.items():
        r = roles[key]
        assert (r["level"], tuple(r["actor_kinds"]), tuple(r["scope"]["tags_any"]), r["min_per_unit"], r["capacity"]) == (
            level, kinds, tags, min_per_unit, capacity)
    assert roles["party-member"]["visits"]["times"] == 2 and roles["party-member"]["visits"]["unit"] == "day"


def test_cli_show_with_override() -> None:
    doc = json.loads(_run("show", KEY, "--format", "json", "--set", "district-leader-capacity=4"))
    assert {r["key"]: r["capacity"] for r in doc["roles"]}["district-leader"] == 4


def test_cli_show_tables() -> None:
    en = _run("show", KEY, "--lang", "en")
    assert "4433" in en and "party-member" in en and "2 days/month" in en
    zh = _run("show", KEY)
    assert "东兴区" in zh and "2天/月" in zh


def test_cli_case_json() -> None:
    doc = json.loads(_run("case", KEY, "--format", "json"))
    assert set(doc) >= {"key", "source", "figures", "derived"}
    assert doc["key"] == KEY and doc["source"] == "000_70ca0df7469e01d2.txt"
    assert all(set(f) >= {"key", "label", "value", "unit", "quote"} for f in doc["figures"])
    assert all(set(d) >= {"key", "label", "value", "formula"} for d in doc["derived"])
    figures = {f["key"]: f["value"] for f in doc["figures"]}
    assert figures == {k: v for k, (v, _) in FIGURES.items()}
    derived = {d["key"]: d["value"] for d in doc["derived"]}
    assert derived["household_completion"] == pytest.approx(28169 / 28330 * 100)
    assert derived["villages_per_city_department"] == pytest.approx(59 / 35)


def test_cli_case_tables() -> None:
    en = _run("case", KEY, "--lang", "en")
    assert "household works completion" in en and "loan_share" in en
    zh = _run("case", KEY)
    assert "户属设施改造完工率" in zh
