"""What a user of the Xunyi “十大提升行动” plugin relies on: the figures, dates, deadlines and rules of the source.

What every plugin must satisfy (quotes verbatim in the source, round trips, assumptions explained and overridable,
``show``/``case`` working) is the shared contract, checked once in ``test_contract``; the rest is this mechanism's own.
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
    coverage_report,
    generate_structure,
    get_path,
    load_catalog,
)
from mechanisms.cli import main
from mechanisms.county.staffed_case import staffed_case
from mechanisms.county.staffing import staff
from mechanisms.testing import assert_contract, hedged_figures

KEY = "xunyi-ten-actions"
SEED = Path(__file__).resolve().parent / "source" / "001_7ee8fce85c601369.txt"
D = dt.date


@pytest.fixture(scope="module")
def m() -> Mechanism:
    return load_catalog().get(KEY)


# ---------------------------------------------------------------------------------------------------- contract


def test_contract() -> None:
    assert_contract(KEY, source=SEED, mechanism_file=files("mechanisms_xunyi_ten_actions") / "mechanism.yaml")


# ---------------------------------------------------------------------------------------------------- basics


def test_registered_with_its_source(m: Mechanism) -> None:
    assert load_catalog().entries[KEY].plugin == KEY
    assert m.key == KEY
    assert m.year == 2024
    assert m.source is not None
    assert m.source.file == SEED.name
    assert m.source.date == D(2024, 3, 29)
    assert m.source.publisher == "旬邑县巩固拓展脱贫攻坚成果同乡村振兴有效衔接领导小组"
    assert [lv.key for lv in m.levels] == ["county", "town", "village", "group", "household"]


# ---------------------------------------------------------------------------------------------------- roles

ROLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], int, int | None, tuple[int, str] | None]] = {
    # key: (level, actor kinds, scope tags_any, min_per_unit, capacity, visits (times, per) or None)
    "county-leader": ("town", ("leader",), (), 1, None, (1, "month")),
    "leading-group": ("county", ("leader",), (), 1, None, None),
    "lead-department": ("county", ("department",), (), 1, None, None),
    "department": ("village", ("department",), (), 1, None, (1, "month")),
    "township": ("town", ("cadre",), (), 1, None, None),
    "village-cadre": ("village", ("village-cadre",), (), 1, None, None),
    "resident-cadre": ("village", ("resident-cadre",), ("resident-team",), 2, None, None),
    "dispatching-unit": ("village", ("department",), ("resident-team",), 1, None, (1, "half")),
    "resident-inspector": ("village", ("inspector",), ("resident-team",), 1, None, (2, "month")),
    "inspection-group": ("town", ("inspector",), (), 1, None, (1, "month")),
    "grid-worker": ("group", ("grid-worker",), (), 1, None, None),
    "pairing-cadre": ("household", ("cadre",), ("monitored",), 1, None, None),
    "water-manager": ("village", ("water-manager",), (), 1, None, (1, "day")),
    "four-teams": ("town", ("team",), (), 1, None, None),
}


def test_roles(m: Mechanism) -> None:
    assert list(m.role_keys) == list(ROLES)
    for key, (level, kinds, tags, min_per_unit, capacity, freq) in ROLES.items():
        r = m.role(key)
        assert r.level == level, key
        assert r.actor_kinds == kinds, key
        assert r.scope.tags_any == tags, key
        assert r.min_per_unit == min_per_unit, key
        assert r.capacity == capacity and r.capacity_households is None, key
        assert (None if r.visits is None else (r.visits.times, r.visits.per)) == freq, key
        assert r.quote and r.duties, key
        assert r.label.zh and r.label.en, key


def test_department_heads_visit_contact_village_monthly(m: Mechanism) -> None:
    v = m.role("department").visits
    assert v is not None
    assert v.unit == "visit" and v.per_year == 12.0
    assert "每月至少1次深入包抓村" in m.role("department").quote
    assert "第一责任人" in m.role("lead-department").quote


# ---------------------------------------------------------------------------------------------------- coverage and policy


def test_coverage_rules(m: Mechanism) -> None:
    rules = {c.key: (c.role, c.level, c.scope.tags_any, c.min_actors) for c in m.coverage_rules}
    assert rules == {
        "households-screened": ("grid-worker", "household", (), 1),
        "monitored-paired": ("pairing-cadre", "household", ("monitored",), 1),
        "resident-villages-staffed": ("resident-cadre", "village", ("resident-team",), 2),
        "resident-villages-dispatched": ("dispatching-unit", "village", ("resident-team",), 1),
        "resident-villages-inspected": ("resident-inspector", "village", ("resident-team",), 1),
        "towns-led": ("county-leader", "town", (), 1),
        "towns-inspected": ("inspection-group", "town", (), 1),
        "villages-water-patrolled": ("water-manager", "village", (), 1),
        "employment-info-collected": ("four-teams", "town", (), 1),
    }
    assert next(c for c in m.coverage_rules if c.key == "households-screened").quote == "对所有农户开展集中全覆盖排查"


def test_policy(m: Mechanism) -> None:
    policy = m.policy
    assert policy is not None
    rules = {s.role: (s.actor_kind, s.per_unit, s.households_per_actor, s.units_per_actor, s.share) for s in policy.rules}
    assert rules == {
        "county-leader": ("leader", 1, None, None, None),
        "leading-group": ("leader", 1, None, None, None),
        "lead-department": ("department", 9, None, None, None),
        "department": ("department", 1, None, 3, None),
        "township": ("cadre", 1, None, None, None),
        "village-cadre": ("village-cadre", 1, None, None, None),
        "resident-cadre": ("resident-cadre", 3, None, None, None),
        "dispatching-unit": ("department", 1, None, None, None),
        "resident-inspector": ("inspector", 1, None, 10, None),
        "inspection-group": ("inspector", 1, None, 5, None),
        "grid-worker": ("grid-worker", 1, None, None, None),
        "pairing-cadre": ("cadre", 1, 5, None, None),
        "water-manager": ("water-manager", 1, None, None, None),
        "four-teams": ("team", 4, None, None, None),
    }
    assert set(rules) == set(m.role_keys)
    assert policy.note is not None and policy.note.zh and policy.note.en


# ---------------------------------------------------------------------------------------------------- campaign


def test_campaign_dates_and_phases(m: Mechanism) -> None:
    c = m.campaign
    assert c is not None
    assert (c.start, c.end) == (D(2024, 3, 1), D(2024, 12, 31))
    assert [(p.key, p.start, p.end) for p in c.phases] == [
        ("mobilise", D(2024, 3, 1), D(2024, 4, 3)),
        ("implement", D(2024, 4, 4), D(2024, 10, 31)),
        ("consolidate", D(2024, 11, 1), D(2024, 12, 31)),
        ("routine", D(2025, 1, 1), None),
    ]
    # the phases follow each other without gap or overlap
    for a, b in zip(c.phases, c.phases[1:], strict=False):
        assert a.end is not None
        assert b.start == a.end + dt.timedelta(days=1)


def test_ten_actions_and_coordination(m: Mechanism) -> None:
    campaign = m.campaign
    assert campaign is not None
    keys = [a.key for a in campaign.actions]
    assert keys == [
        "monitoring",
        "consolidation",
        "industry",
        "employment",
        "resident-teams",
        "relocation",
        "funds",
        "social-assistance",
        "rural-construction",
        "governance",
        "coordination",
    ]
    for i, a in enumerate(campaign.actions[:10]):
        assert a.label.zh.startswith(f"（{'一二三四五六七八九十'[i]}）"), a.key
        assert a.tasks, a.key
    assert [len(a.tasks) for a in campaign.actions] == [11, 28, 12, 8, 9, 3, 9, 10, 9, 5, 9]
    assert len(campaign.tasks) == 113
    # the source names no lead for any action: three are our assumptions, and say so; the others have none
    assert get_path(m, "campaign.actions[key=monitoring].lead.zh") == "县乡村振兴局（本库假设的牵头部门）"
    assert get_path(m, "campaign.actions[key=employment].lead.zh") == "县人社局（本库假设的牵头部门）"
    assert get_path(m, "campaign.actions[key=funds].lead.zh") == "县乡村振兴局（本库假设的牵头部门）"
    assumed = {a.path for a in m.assumptions}
    for a in campaign.actions:
        if a.lead is not None:
            assert f"campaign.actions[key={a.key}].lead.zh" in assumed and "本库假设" in a.lead.zh, a.key
    assert [a.key for a in campaign.actions if a.lead is not None] == ["monitoring", "employment", "funds"]


def test_relative_deadlines(m: Mechanism) -> None:
    assert m.campaign is not None
    tasks = {t.key: t for t in m.campaign.tasks}
    t = tasks["identify-and-enter"]
    assert [(r.event, r.after, r.days) for r in t.within] == [("identified", "clue", 15), ("entered", "identified", 10)]
    identified = next(r for r in t.within if r.event == "identified")
    assert (identified.after, identified.days) == ("clue", 15)
    assert identified.label is not None and identified.label.zh and identified.label.en
    assert sum(r.days for r in t.within) == 25
    assert [(g.indicator, g.value, g.comparison) for g in t.targets] == [
        ("identification-days", 15, "<="),
        ("entry-days", 10, "<="),
    ]


def test_dated_deadlines(m: Mechanism) -> None:
    assert m.campaign is not None
    tasks = {t.key: t for t in m.campaign.tasks}
    deadlines = {k: t.deadline for k, t in tasks.items() if t.deadline is not None}
    assert deadlines == {
        "insurance-enrolment": D(2024, 12, 31),
        "house-rebuild": D(2024, 10, 31),
        "house-acceptance": D(2024, 11, 30),
        "fund-expenditure": D(2024, 12, 31),
        "taixing-visits": D(2024, 6, 30),
        "mobilisation-meetings": D(2024, 4, 3),
        "specific-plans": D(2024, 4, 3),
        "department-mobilisation": D(2024, 4, 3),
        "self-check": D(2024, 12, 31),
        "department-self-check": D(2024, 12, 31),
        "county-assessment": D(2024, 12, 31),
    }
    assert [g.value for g in tasks["house-rebuild"].targets] == [60]
    assert [g.value for g in tasks["house-acceptance"].targets] == [60]


def test_recurring_due_dates(m: Mechanism) -> None:
    assert m.campaign is not None
    tasks = {t.key: t for t in m.campaign.tasks}
    dues = {k: (t.due.every, t.due.months, t.due.day) for k, t in tasks.items() if t.due is not None}
    assert dues == {
        "joint-meeting": ("month", (), None),
        "income-collection": ("quarter", (), None),
        "disaster-report": ("month", (), None),
        "zero-dropout": ("month", (), None),
        "housing-monitoring": ("month", (), None),
        "water-daily-patrol": ("day", (), None),
        "water-weekly-summary": ("week", (), None),
        "water-door-to-door": ("month", (4, 10), None),
        "water-test-monthly": ("month", (), None),
        "water-test-full": ("half", (), None),
        "water-test-self-supplied": ("year", (), None),
        "employment-report": ("month", (), 25),
        "resident-inspection": ("month", (), None),
        "resident-bulletin": ("quarter", (), None),
        "resident-assessment": ("year", (), None),
        "dispatching-visit": ("half", (), None),
        "dispatching-hearing": ("half", (), None),
        "dispatching-meeting": ("year", (), None),
        "project-library-adjust": ("half", (), None),
        "fund-data-check": ("month", (), None),
        "joint-inspection": ("month", (6, 9, 11), None),
        "arena-contest": ("quarter", (), None),
        "monthly-task-lists": ("month", (), None),
        "department-village-visits": ("month", (), None),
    }
    assert get_path(m, "campaign.actions[key=employment].tasks[key=employment-report].due") == {
        "every": "month",
        "months": [],
        "day": 25,
        "label": None,
    }
    lead = tasks["employment-report"].lead
    assert lead is not None and lead.zh == "县人社局"
    lead = tasks["disaster-report"].lead
    assert lead is not None and lead.zh == "县应急管理局"


TASK_TARGETS: dict[str, list[tuple[str | None, float, str]]] = {
    "policy-door-to-door": [("policy-awareness-rate", 100, ">=")],
    "full-screening": [("screening-coverage", 100, ">=")],
    "zero-dropout": [("dropouts", 0, "<=")],
    "major-disease-treatment": [(None, 30, "==")],
    "clinic-blank-spots": [("clinic-blank-spots", 0, "<=")],
    "insurance-enrolment": [("insurance-enrolment-rate", 100, ">=")],
    "insurance-subsidy": [("subsidy-extreme-poor", 380, "=="), ("subsidy-dibao", 215, "=="), ("subsidy-monitored", 215, "==")],
    "house-rebuild": [("houses-rebuilt", 60, ">=")],
    "house-acceptance": [("houses-accepted", 60, ">=")],
    "water-door-to-door": [("villages-water-checked", 179, ">=")],
    "water-projects": [("water-projects-completed", 13, ">=")],
    "water-test-monthly": [("water-test-points", 210, ">=")],
    "water-test-full": [("water-test-points", 210, ">=")],
    "water-test-self-supplied": [("self-supplied-sources-tested", 71, ">=")],
    "farmland": [("high-standard-farmland", 42000, ">=")],
    "demo-orchards": [("demo-orchards", 300, ">=")],
    "orchard-renovation": [("orchards-renovated", 2000, ">=")],
    "rural-tourism": [("shared-villages", 3, ">="), ("shared-courtyards", 160, ">="), ("heritage-towns", 1, ">=")],
    "courtyard-economy": [("courtyard-economy-households", 200, ">=")],
    "collective-economy": [("collective-100k-share", 40, ">=")],
    "new-entities": [
        ("family-farms-new", 3, ">="),
        ("cooperatives-new", 5, ">="),
        ("cooperatives-city-level", 3, ">="),
        ("family-farms-city-level", 3, ">="),
        ("high-quality-farmers", 300, ">="),
    ],
    "microcredit-overdue": [("loan-overdue-rate", 0.5, "<=")],
    "migrant-workers": [("migrant-workers", 19000, ">=")],
    "public-jobs": [
        ("public-jobs-rural", 580, ">="),
        ("forest-rangers", 43, ">="),
        ("river-keepers", 502, ">="),
        ("pv-public-jobs", 527, ">="),
    ],
    "transport-subsidy": [("cross-province-transport-subsidy", 500, "==")],
    "skills-training": [("trained-workers", 1400, ">=")],
    "resident-inspection": [("resident-inspections", 2, ">=")],
    "relocated-employment": [("employed-per-labour-household", 1, ">=")],
    "fund-expenditure": [("fund-expenditure-rate", 100, ">=")],
    "boc-funds": [("boc-assistance-funds", 1000, ">=")],
    "boc-training": [("boc-trainees", 5000, ">=")],
    "enterprise-projects": [("enterprise-village-projects", 5, ">=")],
    "enterprise-donors": [("enterprise-donors", 20, ">=")],
    "typical-cases": [("typical-villages", 1, ">="), ("typical-projects", 1, ">=")],
    "key-village-plans": [("key-village-plans", 3, ">="), ("model-village-plans", 12, ">=")],
    "beautiful-villages": [("beautiful-model-villages", 23, ">=")],
    "toilets": [("sanitary-toilets", 2600, ">=")],
    "thousand-project-villages": [("thousand-project-villages", 5, ">=")],
    "identify-and-enter": [("identification-days", 15, "<="), ("entry-days", 10, "<=")],
}


def test_task_targets(m: Mechanism) -> None:
    assert m.campaign is not None
    tasks = {t.key: t for t in m.campaign.tasks}
    got = {k: [(g.indicator, g.value, g.comparison) for g in t.targets] for k, t in tasks.items() if t.targets}
    assert got == TASK_TARGETS


def test_owner_roles_exist(m: Mechanism) -> None:
    assert m.campaign is not None
    tasks = {t.key: t for t in m.campaign.tasks}
    owners = {t.owner_role for t in tasks.values()} - {None}
    assert owners <= set(m.role_keys)
    assert tasks["department-village-visits"].owner_role == "department"
    assert tasks["county-leader-checks"].owner_role == "county-leader"
    assert tasks["resident-inspection"].owner_role == "resident-inspector"
    assert tasks["income-collection"].owner_role == "village-cadre"


def test_expenditure_milestones(m: Mechanism) -> None:
    campaign = m.campaign
    assert campaign is not None
    ms = [(x.key, x.date, x.target.value, x.target.indicator) for x in campaign.milestones]
    assert ms == [
        ("spend-30", D(2024, 4, 30), 30, "fund-expenditure-rate"),
        ("spend-50", D(2024, 6, 30), 50, "fund-expenditure-rate"),
        ("spend-75", D(2024, 9, 30), 75, "fund-expenditure-rate"),
        ("spend-100", D(2024, 12, 31), 100, "fund-expenditure-rate"),
        ("houses-completed", D(2024, 10, 31), 60, "houses-rebuilt"),
        ("houses-accepted", D(2024, 11, 30), 60, "houses-accepted"),
    ]
    spend = [x.target.value for x in campaign.milestones if x.key.startswith("spend-")]
    assert spend == sorted(spend)
    assert all(x.target.comparison == ">=" for x in campaign.milestones)


def test_reporting_cadence(m: Mechanism) -> None:
    campaign = m.campaign
    assert campaign is not None
    got = {r.key: (r.schedule.every, r.schedule.months, r.schedule.day, r.owner_role) for r in campaign.reporting}
    assert got == {
        "monthly-bulletin": ("month", (), None, "inspection-group"),
        "quarterly-dispatch": ("month", (5, 8, 11), None, "leading-group"),
        "half-year-review": ("month", (6,), None, "leading-group"),
        "year-end-summary": ("year", (), None, "leading-group"),
    }


# ---------------------------------------------------------------------------------------------------- indicators


def test_indicator_targets(m: Mechanism) -> None:
    def targets(key: str) -> list[tuple[float, str, str | None]]:
        return [(t.value, t.comparison, t.period) for t in m.indicator(key).targets]

    assert targets("fund-expenditure-rate") == [
        (30, ">=", "2024-04"),
        (50, ">=", "2024-06"),
        (75, ">=", "2024-09"),
        (100, ">=", "2024-12"),
    ]
    fer = m.indicator("fund-expenditure-rate")
    assert (fer.numerator, fer.denominator, fer.factor) == ("fund-spent", "fund-allocated", 100.0)
    assert targets("villages-water-checked") == [(179, ">=", "2024-04"), (179, ">=", "2024-10")]
    assert targets("collective-100k-share") == [(40, ">=", "2024")]
    assert m.indicator("collective-100k-share").numerator == "villages-collective-100k"
    assert targets("loan-overdue-rate") == [(0.5, "<=", None)]
    assert m.indicator("loan-overdue-rate").direction == "lower"
    assert targets("identification-days") == [(15, "<=", None)]
    assert targets("entry-days") == [(10, "<=", None)]
    assert targets("employed-per-labour-household") == [(1, ">=", None)]
    assert m.indicator("employed-per-labour-household").aggregation == "min"
    expected_2024 = {
        "migrant-workers": 19000,
        "public-jobs-rural": 580,
        "forest-rangers": 43,
        "river-keepers": 502,
        "pv-public-jobs": 527,
        "trained-workers": 1400,
        "boc-assistance-funds": 1000,
        "boc-trainees": 5000,
        "enterprise-village-projects": 5,
        "enterprise-donors": 20,
        "beautiful-model-villages": 23,
        "sanitary-toilets": 2600,
        "high-standard-farmland": 42000,
        "demo-orchards": 300,
        "houses-rebuilt": 60,
        "houses-accepted": 60,
        "thousand-project-villages": 5,
        "self-supplied-sources-tested": 71,
    }
    for key, value in expected_2024.items():
        assert targets(key) == [(value, ">=", "2024")], key
    assert targets("water-test-points") == [(210, ">=", None)]
    assert targets("subsidy-extreme-poor") == [(380, "==", None)]
    assert targets("subsidy-dibao") == targets("subsidy-monitored") == [(215, "==", None)]
    assert targets("resident-inspections") == [(2, ">=", None)]


def test_every_task_and_milestone_target_has_an_indicator_target(m: Mechanism) -> None:
    """A numeric target in the campaign is also a target of its indicator, so observations can be checked."""
    campaign = m.campaign
    assert campaign is not None
    for t in campaign.tasks:
        for g in t.targets:
            if g.indicator is not None:
                assert any(it.value == g.value for it in m.indicator(g.indicator).targets), (t.key, g.indicator)
    for ms in campaign.milestones:
        assert ms.target.indicator is not None, ms.key
        assert any(it.value == ms.target.value for it in m.indicator(ms.target.indicator).targets), ms.key


# ---------------------------------------------------------------------------------------------------- scoring


def test_scoring(m: Mechanism) -> None:
    s = m.scoring
    assert s is not None
    assert [c.key for c in s.scorecards] == [
        "ten-actions-assessment",
        "project-checks",
        "resident-team-assessment",
        "arena-contest",
    ]
    checks = next(c for c in s.scorecards if c.key == "project-checks")
    assert [(i.indicator, i.weight) for i in checks.items] == [
        ("project-start-rate", 1.0),
        ("project-completion-rate", 1.0),
        ("reimbursement-rate", 1.0),
    ]
    assert {r.key: (r.scorecard, r.period) for r in s.rankings} == {
        "year-end": ("ten-actions-assessment", "year"),
        "resident-teams": ("resident-team-assessment", "year"),
        "arena": ("arena-contest", "quarter"),
    }
    assert get_path(m, "scoring.rankings[key=arena].peer_groups[key=model-villages]")["tags_any"] == ["model-village"]
    assert [t.key for t in s.tier_schemes] == ["year-end-commendation", "resident-appraisal"]
    schemes = {t.key: t for t in s.tier_schemes}
    commend, appraisal = schemes["year-end-commendation"], schemes["resident-appraisal"]
    assert (commend.by, [(t.key, t.max_rank, t.reward) for t in commend.tiers]) == ("rank", [("advanced", 3, 0.0)])
    assert (appraisal.by, [(t.key, t.min_score) for t in appraisal.tiers]) == (
        "threshold",
        [("outstanding", 90.0), ("competent", 60.0)],
    )
    assert [(x.key, x.colour, x.ranking, x.n, x.period) for x in s.lists] == [("lagging", "black", "year-end", 1, "year")]
    assert s.points is None
    assert s.supervision is not None
    assert s.supervision.rectification_days == 30
    assert [x.zh for x in s.supervision.lists] == ["问题台账", "整改清单"]
    assert [c.key for c in s.supervision.categories] == ["slackening", "resting"]


def test_features(m: Mechanism) -> None:
    f = {x.key: x for x in m.features}
    assert [i.label.zh for i in f["risk-elimination-steps"].items] == ["农户提", "镇村审", "行业核", "县级查"]
    assert [i.value for i in f["insurance-subsidies"].items] == [380, 215, 215]
    assert [i.value for i in f["public-jobs"].items] == [580, 43, 502, 527]
    assert [i.value for i in f["model-pattern"].items] == [10, 50, 100]
    assert len(f["industry-chains"].items) == 6
    assert [i.label.zh for i in f["cadence"].items] == ["月通报", "季调度", "半年点评", "年终总结", "常态化督导"]


# ---------------------------------------------------------------------------------------------------- reference case

FIGURES: dict[str, float] = {
    "ten_actions": 10,
    "phases": 3,
    "identify_days": 15,
    "entry_days": 10,
    "disaster_levels": 3,
    "dropout_target": 0,
    "major_diseases": 30,
    "chronic_diseases": 4,
    "infant_age_max": 3,
    "insurance_target_pct": 100,
    "subsidy_extreme_poor": 380,
    "subsidy_dibao": 215,
    "subsidy_monitored": 215,
    "medical_tiers": 3,
    "housing_reports_per_month": 1,
    "houses_to_rebuild": 60,
    "villages": 179,
    "water_projects": 13,
    "test_points": 210,
    "monthly_tests": 1,
    "monthly_items": 21,
    "full32_times": 2,
    "full32_items": 32,
    "full46_times": 2,
    "full46_items": 46,
    "self_supplied_sources": 71,
    "self_supplied_tests": 1,
    "farmland_mu": 42000,
    "demo_orchards": 300,
    "orchard_renovation_mu": 2000,
    "layer_hens": 10_000_000,
    "leading_industries": 6,
    "specialty_industries": 4,
    "shared_villages": 3,
    "shared_courtyards": 160,
    "heritage_towns": 1,
    "courtyard_households": 200,
    "collective_income_wan": 10,
    "collective_share_pct": 40,
    "family_farms": 3,
    "cooperatives": 5,
    "city_cooperatives": 3,
    "city_family_farms": 3,
    "high_quality_farmers": 300,
    "overdue_max_pct": 0.5,
    "migrant_workers": 19000,
    "report_day": 25,
    "four_teams": 4,
    "public_jobs_rural": 580,
    "forest_rangers": 43,
    "river_keepers": 502,
    "pv_jobs": 527,
    "transport_subsidy": 500,
    "trained": 1400,
    "resident_inspections_per_month": 2,
    "resident_bulletins_per_quarter": 1,
    "resident_assessments_per_year": 1,
    "dispatch_visits_per_half": 1,
    "dispatch_hearings_per_half": 1,
    "resident_meetings_per_year": 1,
    "employed_per_household": 1,
    "spend_apr_pct": 30,
    "spend_jun_pct": 50,
    "spend_sep_pct": 75,
    "spend_dec_pct": 100,
    "project_check_rates": 3,
    "asset_review_from": 2013,
    "asset_review_to": 2023,
    "asset_ledger_levels": 4,
    "boc_funds_wan": 1000,
    "boc_trainees": 5000,
    "enterprise_projects": 5,
    "enterprise_donors": 20,
    "typical_villages": 1,
    "typical_projects": 1,
    "key_village_plans": 3,
    "model_village_plans": 12,
    "greening_years": 3,
    "beautiful_villages": 23,
    "toilets": 2600,
    "thousand_project_villages": 5,
    "model_towns": 10,
    "model_villages": 50,
    "model_sites": 100,
    "dept_visits_per_month": 1,
    "inspections_per_month": 1,
}

DERIVED: dict[str, float] = {
    "public_jobs_total": 580 + 43 + 502 + 527,
    "public_jobs_rural_share": 580 / 1652,
    "forest_rangers_share": 43 / 1652,
    "river_keepers_share": 502 / 1652,
    "pv_jobs_share": 527 / 1652,
    "public_jobs_per_worker": 1652 / 19000,
    "clue_to_entry_days": 25,
    "spend_step_jan_apr": 30,
    "spend_step_may_jun": 20,
    "spend_step_jul_sep": 25,
    "spend_step_oct_dec": 25,
    "water_village_checks": 358,
    "monthly_tests_per_year": 2520,
    "full_analyses_per_year": 210 * 4 + 71,
    "item_determinations_per_year": 210 * (12 * 21 + 2 * 32 + 2 * 46) + 71 * 32,
    "collective_villages_min": 71.6,
    "farmland_ha": 2800,
    "orchard_renovation_ha": 2000 / 15,
    "industries_total": 10,
    "new_entities": 8,
    "city_level_entities": 6,
    "boc_funds_yuan": 10_000_000,
    "resident_inspections_per_year": 24,
    "dispatch_visits_per_year": 2,
    "dept_visits_per_year": 12,
    "asset_review_years": 11,
    "plans_total": 15,
    "beautiful_village_share": 23 / 179,
}


def test_reference_figures(m: Mechanism) -> None:
    reference = m.reference
    assert reference is not None
    got = {f.key: f.value for f in reference.figures}
    assert got == FIGURES
    for f in reference.figures:
        assert f.quote and f.unit and f.label.zh and f.label.en, f.key


def test_derived_ratios(m: Mechanism) -> None:
    reference = m.reference
    assert reference is not None
    got = {dv.derived.key: dv.value for dv in compute_derived(reference)}
    assert set(got) == set(DERIVED)
    for key, value in DERIVED.items():
        assert got[key] == pytest.approx(value), key
    assert got["item_determinations_per_year"] == 87952
    assert got["full_analyses_per_year"] == 911
    assert got["public_jobs_total"] == 1652


def test_figures_agree_with_the_campaign(m: Mechanism) -> None:
    """The reference case and the campaign state the same numbers."""
    campaign, reference = m.campaign, m.reference
    assert campaign is not None and reference is not None
    tasks = {t.key: t for t in campaign.tasks}
    fig = {f.key: f.value for f in reference.figures}
    assert [x.target.value for x in campaign.milestones if x.key.startswith("spend-")] == [
        fig[k] for k in ("spend_apr_pct", "spend_jun_pct", "spend_sep_pct", "spend_dec_pct")
    ]
    assert [r.days for r in tasks["identify-and-enter"].within] == [fig["identify_days"], fig["entry_days"]]
    report_due = tasks["employment-report"].due
    assert report_due is not None and report_due.day == fig["report_day"]
    inspector_visits, department_visits = m.role("resident-inspector").visits, m.role("department").visits
    assert inspector_visits is not None and inspector_visits.times == fig["resident_inspections_per_month"]
    assert department_visits is not None and department_visits.times == fig["dept_visits_per_month"]
    assert len(campaign.actions) - 1 == fig["ten_actions"]
    assert len([p for p in campaign.phases if p.end is not None]) == fig["phases"]


def test_figures_stated_as_floors_or_ceilings_are_marked(m: Mechanism) -> None:
    """以上, 不少于, 不低于, 至少: floors (at-least); the source has no 近. Every ratio computed from such a figure
    (directly or through another ratio) is marked approximate."""
    floors = {
        "collective_share_pct": "村级集体经济年收入10万元村达到40%以上",
        "migrant_workers": "全年脱贫劳动力务工规模不少于1.9万人",
        "trained": "全年组织开展脱贫劳动力技能培训不少于1400人",
        "resident_meetings_per_year": "每年至少召开1次驻村帮扶专题会议",
        "employed_per_household": "确保有劳动力的搬迁群众实现1户1人以上就业",
        "spend_apr_pct": "4月底30%以上",
        "spend_jun_pct": "6月底50%以上",
        "spend_sep_pct": "9月底75%以上",
        "boc_funds_wan": "全年向各类产业主体投入帮扶资金不低于1000万元",
        "boc_trainees": "全年培训人数不低于5000人次",
        "enterprise_projects": "全年促成5家以上企业与村集体合作建设产业项目",
        "enterprise_donors": "全年组织20家以上企业通过公益捐赠助力乡村振兴",
        "dept_visits_per_month": "各部门主要负责同志要每月至少1次深入包抓村",
        "inspections_per_month": "每月至少1次深入镇(街道)、部门对工作落实情况进行专项检查",
    }
    assert hedged_figures(m) == dict.fromkeys(floors, "at-least")
    text = SEED.read_text(encoding="utf-8")
    assert m.reference is not None
    quotes = {f.key: f.quote for f in m.reference.figures}
    for key, words in floors.items():
        assert words in text, key
        assert any(w in quotes[key] for w in ("以上", "不少于", "不低于", "至少")), key
    approx = {dv.derived.key for dv in compute_derived(m.reference) if dv.approx}
    assert approx == {"public_jobs_per_worker", "spend_step_jan_apr", "spend_step_may_jun", "spend_step_jul_sep",
                      "spend_step_oct_dec", "collective_villages_min", "dept_visits_per_year", "boc_funds_yuan"}


def test_preset_is_the_179_villages(m: Mechanism) -> None:
    assert m.preset is not None
    s = generate_structure(m.preset, seed=0)
    assert sum(u.level == "village" for u in s.units) == 179
    assert sum(u.level == "household" for u in s.units) == 44750
    assert sum("monitored" in u.tags for u in s.units) == round(0.03 * 44750)
    assert sum("resident-team" in u.tags for u in s.units) == round(0.3 * 179) == 54
    tagged = {tag: sum(tag in u.tags for u in s.units) for tag in (
        "model-village", "model-town", "beautiful-village", "key-assistance", "revitalisation-model",
        "thousand-project", "shared-village", "typical-village", "heritage-town", "house-rebuild",
        "shared-courtyard", "courtyard-economy")}
    assert tagged == {"model-village": 50, "model-town": 10, "beautiful-village": 23, "key-assistance": 3,
                      "revitalisation-model": 12, "thousand-project": 5, "shared-village": 3, "typical-village": 1,
                      "heritage-town": 1, "house-rebuild": 60, "shared-courtyard": 160, "courtyard-economy": 200}


# ---------------------------------------------------------------------------------------------------- staffed case
# The preset staffed by the mechanism's own policy: each published count of units or posts, as the source states it.

STAFFED: dict[str, int] = {
    "houses_to_rebuild": 60,
    "villages": 179,
    "shared_villages": 3,
    "shared_courtyards": 160,
    "heritage_towns": 1,
    "courtyard_households": 200,
    "four_teams": 44,  # explained: four kinds of team in each of the 11 towns
    "typical_villages": 1,
    "key_village_plans": 3,
    "model_village_plans": 12,
    "beautiful_villages": 23,
    "thousand_project_villages": 5,
    "model_towns": 10,
    "model_villages": 50,
}


@pytest.fixture(scope="module")
def staffed(m: Mechanism) -> dict[str, Any]:
    return {f.figure.key: f for f in staffed_case(m).figures}


def test_every_published_count_is_staffed(staffed: dict[str, Any]) -> None:
    assert {k: f.produced for k, f in staffed.items()} == STAFFED


def test_no_unexplained_difference(m: Mechanism) -> None:
    assert staffed_case(m).unexplained == ()


def test_the_four_teams_are_explained(m: Mechanism, staffed: dict[str, Any]) -> None:
    f = staffed["four_teams"]
    assert (f.figure.value, f.produced, f.within, f.explained) == (4, 44, False, True)
    assert f.figure.staffed.explained_by == "four-teams-per-town"
    assert "四支队伍" in f.figure.quote and f.explanation is not None and "本库假设" in f.explanation.zh


@pytest.mark.parametrize("key", [k for k in STAFFED if k != "four_teams"])
def test_published_count_reproduced_exactly(staffed: dict[str, Any], key: str) -> None:
    f = staffed[key]
    assert f.figure.approx == "exact"
    assert f.produced == f.figure.value and f.within, key


def test_resident_teams_are_staffed_on_the_preset(m: Mechanism) -> None:
    """The 驻村 roles: a team of three in every resident-team village, one dispatching unit each, all inspected."""
    assert m.preset is not None
    s = staff(generate_structure(m.preset, seed=0), m, seed=0)
    resident = {u.id for u in s.units if "resident-team" in u.tags}
    assert len(resident) == 54
    by_role: dict[str, list[str]] = {}
    for e in s.assignments:
        by_role.setdefault(e.role, []).append(e.unit)
    assert sorted(by_role["resident-cadre"]) == sorted(u for u in resident for _ in range(3))
    assert sorted(by_role["dispatching-unit"]) == sorted(resident)
    assert set(by_role["resident-inspector"]) == resident
    assert len({e.actor for e in s.assignments if e.role == "resident-inspector"}) == 6  # 54 teams, ten an inspector
    assert len({e.actor for e in s.assignments if e.role == "four-teams"}) == 44
    gaps = {g.rule for g in coverage_report(s, m).gaps}
    for rule in ("resident-villages-staffed", "resident-villages-dispatched", "resident-villages-inspected",
                 "employment-info-collected", "towns-led", "villages-water-patrolled", "monitored-paired"):
        assert rule not in gaps, rule


# ---------------------------------------------------------------------------------------------------- assumptions


def test_assumptions(m: Mechanism) -> None:
    values = {a.key: a.value for a in m.assumptions}
    assert values == {
        "county-leaders-per-town": 1,
        "county-leader-visits-per-month": 1,
        "lead-departments": 9,
        "villages-per-department": 3,
        "village-cadres-per-village": 1,
        "resident-team-size": 3,
        "teams-per-resident-inspector": 10,
        "towns-per-inspection-group": 5,
        "grid-workers-per-group": 1,
        "households-per-pairing-cadre": 5,
        "water-managers-per-village": 1,
        "four-teams-per-town": 4,
        "towns-led-min": 1,
        "screening-by-grid-workers": "grid-worker",
        "villages-patrolled-by-keepers": "water-manager",
        "water-patrol-by-keepers": "water-manager",
        "resident-inspector-body": "village",
        "identify-owner": "township",
        "county-assessment-owner": "leading-group",
        "dispatch-owner": "leading-group",
        "review-owner": "leading-group",
        "summary-owner": "leading-group",
        "lead-monitoring": "县乡村振兴局（本库假设的牵头部门）",
        "lead-employment": "县人社局（本库假设的牵头部门）",
        "lead-funds": "县乡村振兴局（本库假设的牵头部门）",
        "assessment-level": "town",
        "project-checks-level": "town",
        "project-checks-period": "quarter",
        "arena-level": "village",
        "weight-start-rate": 1.0,
        "weight-completion-rate": 1.0,
        "weight-reimbursement-rate": 1.0,
        "advanced-count": 3,
        "lagging-count": 1,
        "resident-outstanding-score": 90.0,
        "resident-competent-score": 60.0,
        "rectification-days": 30,
        "campaign-start-day": "2024-03-01",
        "mobilise-start-day": "2024-03-01",
        "specific-plans-deadline": "2024-04-03",
        "preset-towns": 11,
        "preset-households": 44750,
        "preset-monitored-share": 0.03,
        "preset-groups-per-village": 5,
        "preset-resident-team-share": 0.3,
    }


def test_overrides_land_where_expected(m: Mechanism) -> None:
    changed = apply_overrides(
        m,
        {
            "resident-team-size": "4",
            "households-per-pairing-cadre": 8,
            "resident-outstanding-score": 85,
            "county-leader-visits-per-month": 2,
            "advanced-count": 5,
            "specific-plans-deadline": "2024-04-10",
        },
    )
    assert check_mechanism(changed) == []
    assert changed.policy is not None
    rules = {s.role: s for s in changed.policy.rules}
    assert rules["resident-cadre"].per_unit == 4
    assert rules["pairing-cadre"].households_per_actor == 8
    assert get_path(changed, "scoring.tier_schemes[key=resident-appraisal].tiers[key=outstanding].min_score") == 85.0
    assert get_path(changed, "roles[key=county-leader].visits.times") == 2
    assert get_path(changed, "scoring.tier_schemes[key=year-end-commendation].tiers[key=advanced].max_rank") == 5
    assert changed.campaign is not None
    assert {t.key: t for t in changed.campaign.tasks}["specific-plans"].deadline == D(2024, 4, 10)
    assert {a.key: a.value for a in changed.assumptions}["resident-team-size"] == 4
    # the original is untouched
    assert load_catalog().get(KEY) == m
    assert get_path(m, "policy.rules[role=resident-cadre].per_unit") == 3


# ---------------------------------------------------------------------------------------------------- CLI


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _json(runner: CliRunner, *args: str) -> Any:
    res = runner.invoke(main, list(args))
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_cli_show_json(runner: CliRunner) -> None:
    doc = _json(runner, "show", KEY, "--format", "json")
    assert doc["key"] == KEY
    roles = {r["key"]: r for r in doc["roles"]}
    assert set(roles) == set(ROLES)
    for r in doc["roles"]:
        assert {"key", "level", "actor_kinds", "scope", "min_per_unit", "capacity"} <= set(r)
    assert roles["department"]["visits"]["times"] == 1
    assert roles["resident-cadre"]["scope"]["tags_any"] == ["resident-team"]
    assert {x["key"]: x for x in doc["campaign"]["milestones"]}["spend-30"]["date"] == "2024-04-30"


def test_cli_show_en_and_set(runner: CliRunner) -> None:
    res = runner.invoke(main, ["show", KEY, "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "Ten improvement actions" in res.output
    assert "Xunyi County" in res.output
    doc = _json(runner, "show", KEY, "--format", "json", "--set", "resident-team-size=5")
    rules = {r["role"]: r for r in doc["policy"]["rules"]}
    assert rules["resident-cadre"]["per_unit"] == 5


def test_cli_case_json(runner: CliRunner) -> None:
    doc = _json(runner, "case", KEY, "--format", "json")
    assert doc["key"] == KEY and doc["source"] == SEED.name
    assert {f["key"]: f["value"] for f in doc["figures"]} == FIGURES
    for f in doc["figures"]:
        assert set(f) >= {"key", "label", "value", "unit", "quote"}
    derived = {d["key"]: d for d in doc["derived"]}
    for d in doc["derived"]:
        assert set(d) >= {"key", "label", "value", "formula"}
    assert derived["public_jobs_total"]["value"] == 1652
    assert derived["public_jobs_total"]["formula"] == "public_jobs_rural + forest_rangers + river_keepers + pv_jobs"
    assert derived["spend_step_may_jun"]["value"] == 20


def test_cli_case_en(runner: CliRunner) -> None:
    res = runner.invoke(main, ["case", KEY, "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "Published figures" in res.output
    assert "public_jobs_total" in res.output
    doc = _json(runner, "case", KEY, "--format", "json", "--lang", "en")
    assert next(f for f in doc["figures"] if f["key"] == "toilets")["label"] == "sanitary toilets"
