"""What a user of the Louxing three-duties plugin relies on: the figures, the rules, the loop, the CLI.

What every plugin must satisfy (quotes verbatim in the source, round trips, every assumption overridable,
``show``/``case`` working) is the shared contract check; the tests after it are particular to Louxing.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner

from mechanisms import Mechanism, apply_overrides, check_mechanism, compute_derived, generate_structure, get_path, load_catalog
from mechanisms.cli import main
from mechanisms.county.staffed_case import staffed_case
from mechanisms.testing import assert_contract, hedged_figures

KEY = "louxing-three-duties"
SEED_FILE = "004_c9698b375b654721.txt"
SEED = Path(__file__).resolve().parent / "source" / SEED_FILE


@pytest.fixture(scope="module")
def m() -> Mechanism:
    return load_catalog().get(KEY)


def test_plugin_contract() -> None:
    assert_contract(KEY, source=SEED, mechanism_file=files("mechanisms_louxing_three_duties") / "mechanism.yaml")


def test_mechanism_is_consistent(m: Mechanism) -> None:
    assert m.key == KEY
    assert m.year == 2021
    assert [lv.key for lv in m.levels] == ["county", "town", "village", "group", "household"]
    assert m.source is not None and m.source.file == SEED_FILE
    assert m.source.date == dt.date(2021, 11, 27)


# --- roles, coverage, policy -------------------------------------------------------------------


def test_roles(m: Mechanism) -> None:
    expected = {
        # key: (level, actor kinds, scope tags_any, min_per_unit, capacity)
        "district-leader": ("village", ("leader",), ("key-village",), 1, 2),
        "department": ("county", ("department",), (), 1, None),
        "township": ("town", ("cadre",), (), 1, None),
        "village-cadre": ("village", ("village-cadre",), (), 1, None),
        "resident-team": ("village", ("work-team",), ("resident-team",), 1, 2),
        "resident-cadre": ("village", ("resident-cadre",), ("resident-team",), 1, 1),
        "inspection-group": ("town", ("inspector",), (), 1, None),
        "discipline-commission": ("county", ("inspector",), (), 1, None),
        "two-micro-office": ("county", ("inspector",), (), 1, None),
        "style-inspection": ("county", ("inspector",), (), 1, None),
    }
    assert m.role_keys == tuple(expected)
    for key, (level, kinds, tags, min_per_unit, capacity) in expected.items():
        r = m.role(key)
        assert (r.level, r.actor_kinds, r.scope.tags_any, r.min_per_unit, r.capacity) == (
            level,
            kinds,
            tags,
            min_per_unit,
            capacity,
        ), key
        assert r.quote and r.label.zh and r.label.en and r.duties
    leader = m.role("district-leader").visits
    assert leader is not None
    assert (leader.times, leader.per, leader.unit) == (1, "month", "visit")
    resident = m.role("resident-cadre").visits
    assert resident is not None
    assert (resident.times, resident.per, resident.unit) == (20, "month", "day")
    assert all(m.role(k).visits is None for k in expected if k not in ("district-leader", "resident-cadre"))
    # the visit frequencies are floors and ours: the labels say both
    assert leader.label is not None and "本库假设" in leader.label.zh and "下限" in leader.label.zh
    assert resident.label is not None and "本库假设" in resident.label.zh and "下限" in resident.label.zh
    # the source does not say the 157 include the first secretaries
    assert m.role("resident-cadre").label.zh == "驻村帮扶工作队员"
    # the sentence on petty corruption names no actor: it is not a duty of the commission
    assert not any("查处" in d.zh for d in m.role("discipline-commission").duties)
    assert any("工作台账" in d.zh for d in m.role("discipline-commission").duties)
    assert not any("选派" in d.zh for d in m.role("department").duties)


def test_coverage_rules(m: Mechanism) -> None:
    rules = {c.key: (c.role, c.level, c.scope.tags_any, c.min_actors) for c in m.coverage_rules}
    assert rules == {
        "resident-full-coverage": ("resident-team", "village", ("resident-team",), 1),
        "key-village-leader": ("district-leader", "village", ("key-village",), 1),
        "town-duties": ("township", "town", (), 1),
        "inspection-dragnet": ("inspection-group", "town", (), 1),
        "dual-publicity": ("village-cadre", "village", (), 1),
        "dual-publicity-supervised": ("two-micro-office", "village", (), 1),
    }
    full = next(c for c in m.coverage_rules if c.key == "resident-full-coverage")
    assert "全覆蓋" in full.quote


def test_policy(m: Mechanism) -> None:
    assert m.policy is not None and m.policy.note is not None
    rules = {s.role: (s.actor_kind, s.per_unit, s.households_per_actor, s.units_per_actor, s.share) for s in m.policy.rules}
    assert rules == {
        "district-leader": ("leader", 1, None, pytest.approx(46 / 37), None),
        "department": ("department", 25, None, None, None),
        "township": ("cadre", 1, None, None, None),
        "village-cadre": ("village-cadre", 1, None, None, None),
        "resident-team": ("work-team", 1, None, pytest.approx(65 / 62), None),
        "resident-cadre": ("resident-cadre", pytest.approx(157 / 65), None, None, None),
        "inspection-group": ("inspector", 1, None, 2, None),
        "discipline-commission": ("inspector", 1, None, None, None),
        "two-micro-office": ("inspector", 1, None, None, None),
        "style-inspection": ("inspector", 1, None, None, None),
    }
    assert set(rules) == set(m.role_keys)


# --- campaign ----------------------------------------------------------------------------------


def test_campaign_dates_and_phases(m: Mechanism) -> None:
    c = m.campaign
    assert c is not None
    assert (c.start, c.end) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert [(p.key, p.start, p.end) for p in c.phases] == [
        ("routine", dt.date(2021, 1, 1), dt.date(2021, 11, 7)),
        ("sprint", dt.date(2021, 11, 8), dt.date(2021, 12, 31)),
    ]
    assert [a.key for a in c.actions] == ["make-duties-clear", "supervise-duties", "hold-to-account"]
    assert {a.key: [t.key for t in a.tasks] for a in c.actions} == {
        # the three lists and the four failures are in the source's 明责 part (the dispatch-meeting paragraph)
        "make-duties-clear": ["dispatch-meeting", "phased-sprint", "rectify-problems", "strict-accountability",
                              "responsibility-tables", "supervision-list", "leader-contact", "resident-assistance"],
        "supervise-duties": ["special-inspection", "routine-supervision", "ledger-check", "dual-publicity",
                             "style-inspection"],
        "hold-to-account": ["strict-discipline", "reports-and-visits", "expose-cases", "build-rules",
                            "three-gan-five-zero"],
    }
    # the source names no lead for any of the three parts as a whole
    assert [a.lead for a in c.actions] == [None, None, None]


def test_campaign_tasks(m: Mechanism) -> None:
    assert m.campaign is not None
    tasks = {t.key: t for t in m.campaign.tasks}
    assert tasks["dispatch-meeting"].deadline == dt.date(2021, 11, 8)
    assert tasks["special-inspection"].deadline == dt.date(2021, 11, 30)  # ours: assumption special-inspection-deadline
    assert get_path(m, "campaign.actions[key=supervise-duties].tasks[key=special-inspection].deadline") == "2021-11-30"
    assert tasks["special-inspection"].owner_role == "inspection-group"
    assert "不作為、慢作為、假作為、亂作為" in tasks["strict-accountability"].quote
    assert "問(wèn)題清單、整改清單、責(zé)任清單" in tasks["rectify-problems"].quote
    # sentences that name no actor have no owner, or the owner is an assumption
    assert tasks["rectify-problems"].owner_role is None and tasks["strict-discipline"].owner_role is None
    assert tasks["reports-and-visits"].owner_role == "two-micro-office"
    assert tasks["supervision-list"].quote.startswith("區(qū)紀(jì)委監(jiān)委印發(fā)")
    assert tasks["special-inspection"].cascade_level == "town"
    assert [(t.value, t.indicator) for t in tasks["responsibility-tables"].targets] == [
        (37, "tasks-decomposed"),
        (77, "list-items"),
    ]
    assert tasks["responsibility-tables"].owner_role == "department"
    assert [(t.value, t.indicator) for t in tasks["supervision-list"].targets] == [(20, "supervision-items")]
    assert tasks["leader-contact"].owner_role == "district-leader"
    (coverage,) = tasks["resident-assistance"].targets
    assert coverage.indicator == "resident-coverage-rate"
    assert coverage.value == 100
    due = tasks["routine-supervision"].due
    assert due is not None and due.every == "month"
    (published,) = tasks["dual-publicity"].targets
    assert published.value == 943000
    (bans,) = tasks["build-rules"].targets
    assert bans.value == 10
    zeros = tasks["three-gan-five-zero"].targets
    assert [(t.indicator, t.value, t.comparison) for t in zeros] == [
        (k, 0, "<=") for k in ("project-profit", "land-compensation", "labour-pay", "work-obstructions", "petitions")
    ]
    owners = {t.owner_role for t in m.campaign.tasks if t.owner_role}
    assert owners <= set(m.role_keys)


def test_milestones_and_reporting(m: Mechanism) -> None:
    c = m.campaign
    assert c is not None
    assert [(ms.key, ms.date, ms.target.indicator, ms.target.value) for ms in c.milestones] == [
        ("published-by-october", dt.date(2021, 10, 31), "published-items", 943000),
        ("annual-targets", dt.date(2021, 12, 31), "task-completion-rate", 100),  # ours: annual-target-rate
    ]
    # two bodies issue bulletins: the style inspection (不定期) and the discipline commission; cadences ours
    assert [(r.key, r.schedule.every, r.owner_role) for r in c.reporting] == [
        ("dispatch", "month", None),
        ("inspection-bulletin", "quarter", "style-inspection"),
        ("discipline-bulletin", "quarter", "discipline-commission"),
    ]
    assert "不定期" in c.reporting[1].label.zh
    assert all(r.schedule.label is not None and "本库假设" in r.schedule.label.zh for r in c.reporting)


# --- indicators, scoring, features -------------------------------------------------------------


def test_indicators(m: Mechanism) -> None:
    targets = {i.key: [(t.value, t.comparison, t.period) for t in i.targets] for i in m.indicators if i.targets}
    assert targets == {
        "tasks-decomposed": [(37, ">=", None)],
        "list-items": [(77, ">=", None)],
        "supervision-items": [(20, ">=", None)],
        "key-village-contact-rate": [(100, ">=", None)],
        "resident-coverage-rate": [(100, ">=", None)],
        "rectification-rate": [(100, ">=", None)],
        **{k: [(0, "<=", None)] for k in ("project-profit", "land-compensation", "labour-pay", "work-obstructions", "petitions")},
    }
    rate = m.indicator("resident-coverage-rate")
    assert (rate.numerator, rate.denominator, rate.factor, rate.unit) == ("villages-with-team", "villages-to-assist", 100.0, "%")
    assert m.indicator("rectification-rate").numerator == "problems-rectified"
    assert len(m.indicators) == 21


def test_scoring_is_the_accountability_loop(m: Mechanism) -> None:
    s = m.scoring
    assert s is not None
    # The source publishes no scorecard, ranking, tier or reward: none is invented.
    assert (s.scorecards, s.rankings, s.tier_schemes, s.lists, s.points) == ((), (), (), (), None)
    sup = s.supervision
    assert sup is not None and sup.rectification_days == 30
    assert [(c.key, c.label.zh, c.description) for c in sup.categories] == [
        ("inaction", "不作为", None),  # the source defines none of the four
        ("slow", "慢作为", None),
        ("false", "假作为", None),
        ("wrong", "乱作为", None),
    ]
    assert "销号" not in sup.label.zh and "明责" in sup.label.zh  # no close-out step in the source
    assert [lab.zh for lab in sup.lists] == ["问题清单", "整改清单", "责任清单"]
    assert len(sup.methods) == 6


def test_features(m: Mechanism) -> None:
    f = {x.key: x for x in m.features}
    assert [i.label.zh for i in f["three-duties"].items] == ["全面明责", "多措督责", "精准问责"]
    assert [i.label.zh for i in f["three-gan-five-zero"].items] == [
        "干部带头干",
        "群众自愿干",
        "干群一起干",
        "工程建设零利润",
        "占用土地零（资金）补偿",
        "出工出力零报酬",
        "优化环境零阻工",
        "群众满意零上访",
    ]
    assert [i.label.zh for i in f["five-checks"].items] == [
        "群众“意愿关”",
        "项目“设计关”",
        "资金“成本关”",
        "建设“质量关”",
        "干部“绩效关”",
    ]
    assert [(i.key, i.value) for i in f["supervision-list"].items] == [("linkage", 16), ("village-projects", 4)]
    assert len(f["resident-village-types"].items) == 6
    assert not any("65" in i.quote for i in f["resident-village-types"].items)  # the 65 count all kinds
    assert [i.key for i in f["work-plans"].items] == ["resident-assistance", "supervision-list", "village-projects"]
    assert [i.key for i in f["records"].items] == ["work-ledger", "three-lists", "two-lists"]
    assert len(f["inspection-group-bodies"].items) == 7
    assert [i.label.zh for i in f["three-in-place"].items] == ["压力传导到位", "问题整改到位", "工作落实到位"]
    assert [i.key for i in f["rules"].items][-1] == "ten-bans"
    assert {i.key: i.value for i in f["rules"].items}["ten-bans"] == 10
    assert len(m.principles) == 7


# --- reference case ----------------------------------------------------------------------------

FIGURES = {
    "demo_counties": 14,
    "tasks": 37,
    "departments": 25,
    "towns": 8,
    "list_items": 77,
    "lists": 2,
    "supervision_items": 16,
    "project_items": 4,
    "leaders": 37,
    "key_villages": 46,
    "teams": 62,
    "team_members": 157,
    "team_villages": 65,
    "four_not_removed": 4,
    "inspection_groups": 4,
    "published_items": 943_000,
    "bulletins": 2,
    "bulletin_problems": 7,
    "trail_km": 24.8,
    "scenic_spots": 60,
    "visitor_growth": 30,
    "ten_bans": 10,
}

# Each ratio from one sentence that ties numerator and denominator. Removed: tasks_per_body, items_per_body (the source
# does not say tasks are divided among the bodies), villages_over_leaders (people subtracted from villages),
# key_to_team_villages (two lists never related), towns_per_group (8 towns and 4 groups in different sentences).
DERIVED = {
    "duty_bodies": 25 + 8,
    "items_per_task": 77 / 37,
    "supervision_total": 16 + 4,
    "project_item_share": 4 / 20,
    "villages_per_leader": 46 / 37,
    "people_per_team": 157 / 62,
    "villages_per_team": 65 / 62,
    "people_per_village": 157 / 65,
    "problems_per_bulletin": 7 / 2,
    "spots_per_km": 60 / 24.8,
}


def test_reference_figures(m: Mechanism) -> None:
    assert m.reference is not None
    figures = {f.key: f.value for f in m.reference.figures}
    assert figures == FIGURES
    for f in m.reference.figures:
        assert f.quote and f.unit and f.label.zh and f.label.en, f.key


def test_derived_ratios(m: Mechanism) -> None:
    assert m.reference is not None
    derived = {dv.derived.key: dv.value for dv in compute_derived(m.reference)}
    assert list(derived) == list(DERIVED)
    for key, value in DERIVED.items():
        assert derived[key] == pytest.approx(value), key
    assert derived["items_per_task"] == pytest.approx(2.0811, abs=1e-4)
    assert derived["people_per_team"] == pytest.approx(2.5323, abs=1e-4)
    assert derived["villages_per_leader"] == pytest.approx(1.2432, abs=1e-4)


def test_figures_stated_as_floors_or_ceilings_are_marked(m: Mechanism) -> None:
    """60多处.

    Every ratio computed from such a figure (directly or through another ratio) is marked approximate.
    """
    assert hedged_figures(m) == {
        "scenic_spots": "at-least",
    }


# --- assumptions and overrides -----------------------------------------------------------------


def test_assumptions_and_overrides(m: Mechanism) -> None:
    values = {a.key: a.value for a in m.assumptions}
    assert values == {
        "rectification-days": 30,
        "leader-capacity": 2,
        "leader-visits": 1,
        "team-capacity": 2,
        "resident-days": 20,
        "towns-per-group": 2,
        "special-inspection-deadline": "2021-11-30",
        "reports-owner": "two-micro-office",
        "five-zero-owner": "village-cadre",
        "annual-target-rate": 100,
        "routine-cadence": "month",
        "dispatch-cadence": "month",
        "bulletin-cadence": "quarter",
        "discipline-bulletin-cadence": "quarter",
        "campaign-start": "2021-01-01",
        "routine-start": "2021-01-01",
        "routine-end": "2021-11-07",
        "campaign-end": "2021-12-31",
        "sprint-end": "2021-12-31",
        "preset-villages": 65,
        "preset-streets": 3,
        "preset-households": 19500,
        "preset-groups-per-village": 5,
    }
    # each assumption says, in Chinese, that it is ours, and gives its reason in both languages
    for a in m.assumptions:
        assert "本库假设" in a.label.zh, a.key
        assert a.reason is not None and "本库假设" in a.reason.zh and a.reason.en, a.key
    changed = apply_overrides(
        m,
        {
            "rectification-days": "15",
            "leader-capacity": 3,
            "towns-per-group": "4",
            "resident-days": 22,
            "bulletin-cadence": "month",
            "sprint-end": "2021-12-20",
        },
    )
    assert changed.scoring is not None and changed.scoring.supervision is not None
    assert changed.scoring.supervision.rectification_days == 15
    assert changed.role("district-leader").capacity == 3
    assert get_path(changed, "roles[key=resident-cadre].visits.times") == 22
    assert changed.policy is not None
    assert {s.role: s.units_per_actor for s in changed.policy.rules}["inspection-group"] == 4
    assert get_path(changed, "campaign.reporting[key=inspection-bulletin].schedule.every") == "month"
    assert changed.campaign is not None
    assert {p.key: p.end for p in changed.campaign.phases}["sprint"] == dt.date(2021, 12, 20)
    assert check_mechanism(changed) == []
    assert {a.key: a.value for a in changed.assumptions}["rectification-days"] == 15


def test_preset_is_the_eight_towns_and_65_team_villages(m: Mechanism) -> None:
    assert m.preset is not None
    s = generate_structure(m.preset, seed=0)
    assert sum(u.level == "town" for u in s.units) == 8
    assert sum("resident-team" in u.tags for u in s.units) == 65
    assert sum("key-village" in u.tags for u in s.units) == 46
    assert sum(u.level == "household" for u in s.units) == 19500


# --- the policy on its own preset: every published count -------------------------------------

STAFFED = {  # figure: (what it counts, published)
    "departments": 25,  # 25個(gè)區(qū)直職能部門
    "towns": 8,  # 8個(gè)鄉(xiāng)鎮(zhèn)街道
    "leaders": 37,  # 37名區(qū)級(jí)領(lǐng)導(dǎo)
    "key_villages": 46,  # 46個(gè)…重點(diǎn)幫扶村和示范創(chuàng)建村
    "teams": 62,  # 工作隊(duì)62支
    "team_members": 157,  # 157人
    "team_villages": 65,  # 65個(gè)…村
    "inspection_groups": 4,  # 4個(gè)督查組
}


@pytest.fixture(scope="module")
def produced(m: Mechanism) -> dict[str, int]:
    return {f.figure.key: f.produced for f in staffed_case(m).figures}


def test_every_count_of_posts_or_units_is_compared(m: Mechanism, produced: dict[str, int]) -> None:
    assert m.reference is not None
    assert set(produced) == set(STAFFED)
    # all exact in the source: none of them is hedged
    assert all(f.approx == "exact" for f in m.reference.figures if f.key in STAFFED)


def test_no_unexplained_difference(m: Mechanism) -> None:
    case = staffed_case(m)
    assert case.unexplained == ()
    assert all(f.within and f.explanation is None for f in case.figures)  # every count reproduced, none explained away


def test_policy_reproduces_departments(produced: dict[str, int]) -> None:
    assert produced["departments"] == STAFFED["departments"]


def test_policy_reproduces_towns(produced: dict[str, int]) -> None:
    assert produced["towns"] == STAFFED["towns"]


def test_policy_reproduces_district_leaders(produced: dict[str, int]) -> None:
    assert produced["leaders"] == STAFFED["leaders"]


def test_preset_reproduces_key_villages(produced: dict[str, int]) -> None:
    assert produced["key_villages"] == STAFFED["key_villages"]


def test_policy_reproduces_resident_teams(produced: dict[str, int]) -> None:
    assert produced["teams"] == STAFFED["teams"]


def test_policy_reproduces_team_members(produced: dict[str, int]) -> None:
    assert produced["team_members"] == STAFFED["team_members"]


def test_preset_reproduces_team_villages(produced: dict[str, int]) -> None:
    assert produced["team_villages"] == STAFFED["team_villages"]


def test_policy_reproduces_inspection_groups(produced: dict[str, int]) -> None:
    assert produced["inspection_groups"] == STAFFED["inspection_groups"]


def test_staffing_keeps_capacities_and_covers_every_village(m: Mechanism) -> None:
    from collections import Counter

    from mechanisms.county.staffing import staff

    assert m.preset is not None
    s = staff(generate_structure(m.preset, seed=0), m, seed=0)
    for role, villages in (("district-leader", 46), ("resident-team", 65), ("resident-cadre", 65)):
        edges = [e for e in s.assignments if e.role == role]
        assert len({e.unit for e in edges}) == villages, role  # every key / resident village staffed
        cap = m.role(role).capacity
        assert cap is not None and max(Counter(e.actor for e in edges).values()) <= cap, role
    members = Counter(e.unit for e in s.assignments if e.role == "resident-cadre")
    assert set(members.values()) == {2, 3}  # 157 on 65 villages, spread evenly


# --- command line ------------------------------------------------------------------------------

WIDE = {"COLUMNS": "300"}  # tables are not wrapped, so labels can be found whole


def test_cli_show_json(m: Mechanism) -> None:
    result = CliRunner().invoke(main, ["show", KEY, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["key"] == KEY
    roles = {r["key"]: r for r in doc["roles"]}
    assert set(roles) == set(m.role_keys)
    leader = roles["district-leader"]
    assert (leader["level"], leader["actor_kinds"], leader["scope"]["tags_any"], leader["min_per_unit"], leader["capacity"]) == (
        "village",
        ["leader"],
        ["key-village"],
        1,
        2,
    )


def test_cli_show_table_both_languages() -> None:
    zh = CliRunner().invoke(main, ["show", KEY], env=WIDE)
    assert zh.exit_code == 0, zh.output
    assert "区级领导挂点联点" in zh.output
    assert "驻村帮扶全覆盖（65个村）" in zh.output
    assert "问题整改时限（天，本库假设）" in zh.output
    en = CliRunner().invoke(main, ["show", KEY, "--lang", "en"], env=WIDE)
    assert en.exit_code == 0, en.output
    assert "district leader for a key village" in en.output
    assert "every assisted village has a resident team" in en.output
    assert "rectification-days" in en.output


def test_cli_show_with_override() -> None:
    result = CliRunner().invoke(main, ["show", KEY, "--format", "json", "--set", "rectification-days=10"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["scoring"]["supervision"]["rectification_days"] == 10


def test_cli_case_json() -> None:
    result = CliRunner().invoke(main, ["case", KEY, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["key"] == KEY and doc["source"] == SEED_FILE
    figures = {f["key"]: f for f in doc["figures"]}
    assert {k: f["value"] for k, f in figures.items()} == FIGURES
    assert set(figures["demo_counties"]) >= {"key", "label", "value", "unit", "quote"}
    derived = {d["key"]: d for d in doc["derived"]}
    assert set(derived) == set(DERIVED)
    assert set(derived["people_per_team"]) >= {"key", "label", "value", "formula"}
    assert derived["people_per_team"]["value"] == pytest.approx(157 / 62)
    assert derived["people_per_team"]["formula"] == "team_members / teams"


def test_cli_case_english() -> None:
    result = CliRunner().invoke(main, ["case", KEY, "--lang", "en"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "resident assistance teams" in result.output
    assert "people per resident team" in result.output
    assert "team_members / teams" in result.output
    zh = CliRunner().invoke(main, ["case", KEY], env=WIDE)
    assert zh.exit_code == 0, zh.output
    assert "每支工作队平均人数" in zh.output
