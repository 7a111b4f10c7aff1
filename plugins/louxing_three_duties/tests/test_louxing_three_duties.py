"""What a user of the Louxing three-duties plugin relies on: the figures, the rules, the loop, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from mechanisms_louxing_three_duties.mechanism import KEY, SEED_FILE, Q, build

from mechanisms import (
    Mechanism,
    apply_overrides,
    check_mechanism,
    compute_derived,
    dumps,
    load_catalog,
    loads,
    structure,
    unstructure,
)
from mechanisms.cli import main
from mechanisms.testing import hedged_figures

SEED = Path(__file__).resolve().parent / "source" / SEED_FILE


@pytest.fixture(scope="module")
def m() -> Mechanism:
    return build()


def test_mechanism_is_consistent(m: Mechanism) -> None:
    assert m.key == KEY == "louxing-three-duties"
    assert check_mechanism(m) == []
    assert load_catalog().get(KEY) == m
    assert m.year == 2021
    assert [lv.key for lv in m.levels] == ["county", "town", "village", "group", "household"]
    assert m.source is not None and m.source.file == "004_c9698b375b654721.txt"
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
    leader = m.role("district-leader")
    assert (leader.visits.times, leader.visits.per, leader.visits.unit) == (1, "month", "visit")
    resident = m.role("resident-cadre")
    assert (resident.visits.times, resident.visits.per, resident.visits.unit) == (20, "month", "day")
    assert all(m.role(k).visits is None for k in expected if k not in ("district-leader", "resident-cadre"))


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
    assert "全覆蓋" in m.coverage_rules[0].quote


def test_policy(m: Mechanism) -> None:
    assert m.policy is not None and m.policy.note is not None
    rules = {s.role: (s.actor_kind, s.per_unit, s.households_per_actor, s.units_per_actor, s.share) for s in m.policy.rules}
    assert rules == {
        "district-leader": ("leader", 1, None, None, None),
        "department": ("department", 25, None, None, None),
        "township": ("cadre", 1, None, None, None),
        "village-cadre": ("village-cadre", 1, None, None, None),
        "resident-team": ("work-team", 1, None, None, None),
        "resident-cadre": ("resident-cadre", 3, None, None, None),
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
    assert len(c.tasks) == 14


def test_campaign_tasks(m: Mechanism) -> None:
    tasks = {t.key: t for t in m.campaign.tasks}
    assert tasks["dispatch-meeting"].deadline == dt.date(2021, 11, 8)
    assert tasks["special-inspection"].deadline == dt.date(2021, 11, 30)
    assert tasks["special-inspection"].owner_role == "inspection-group"
    assert tasks["special-inspection"].cascade_level == "town"
    assert [(t.value, t.indicator) for t in tasks["responsibility-tables"].targets] == [
        (37, "tasks-decomposed"),
        (77, "list-items"),
    ]
    assert tasks["responsibility-tables"].owner_role == "department"
    assert [(t.value, t.indicator) for t in tasks["supervision-list"].targets] == [(20, "supervision-items")]
    assert tasks["leader-contact"].owner_role == "district-leader"
    assert tasks["resident-assistance"].targets[0].indicator == "resident-coverage-rate"
    assert tasks["resident-assistance"].targets[0].value == 100
    assert tasks["routine-supervision"].due.every == "month"
    assert tasks["dual-publicity"].targets[0].value == 943000
    assert tasks["build-rules"].targets[0].value == 10
    zeros = tasks["three-gan-five-zero"].targets
    assert [(t.indicator, t.value, t.comparison) for t in zeros] == [
        (k, 0, "<=") for k in ("project-profit", "land-compensation", "labour-pay", "work-obstructions", "petitions")
    ]
    owners = {t.owner_role for t in m.campaign.tasks if t.owner_role}
    assert owners <= set(m.role_keys)


def test_milestones_and_reporting(m: Mechanism) -> None:
    c = m.campaign
    assert [(ms.key, ms.date, ms.target.indicator, ms.target.value) for ms in c.milestones] == [
        ("published-by-october", dt.date(2021, 10, 31), "published-items", 943000),
        ("annual-targets", dt.date(2021, 12, 31), "task-completion-rate", 100),
    ]
    assert [(r.key, r.schedule.every, r.owner_role) for r in c.reporting] == [
        ("dispatch", "month", None),
        ("inspection-bulletin", "quarter", "style-inspection"),
    ]


# --- indicators, scoring, features -------------------------------------------------------------


def test_indicators(m: Mechanism) -> None:
    targets = {i.key: [(t.value, t.comparison, t.period) for t in i.targets] for i in m.indicators if i.targets}
    assert targets == {
        "tasks-decomposed": [(37, ">=", None)],
        "list-items": [(77, ">=", None)],
        "supervision-items": [(20, ">=", None)],
        "task-completion-rate": [(100, ">=", "2021")],
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
    assert [(c.key, c.label.zh) for c in sup.categories] == [
        ("inaction", "不作为"),
        ("slow", "慢作为"),
        ("false", "假作为"),
        ("wrong", "乱作为"),
    ]
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
    assert len(f["inspection-group-bodies"].items) == 7
    assert [i.label.zh for i in f["three-in-place"].items] == ["压力传导到位", "问题整改到位", "工作落实到位"]
    assert f["rules"].items[-1].value == 10
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

DERIVED = {
    "duty_bodies": 25 + 8,
    "tasks_per_body": 37 / (25 + 8),
    "items_per_body": 77 / 33,
    "items_per_task": 77 / 37,
    "supervision_total": 16 + 4,
    "project_item_share": 4 / 20,
    "villages_per_leader": 46 / 37,
    "villages_over_leaders": 46 - 37,
    "people_per_team": 157 / 62,
    "villages_per_team": 65 / 62,
    "people_per_village": 157 / 65,
    "key_to_team_villages": 46 / 65,
    "towns_per_group": 8 / 4,
    "problems_per_bulletin": 7 / 2,
    "spots_per_km": 60 / 24.8,
}


def test_reference_figures(m: Mechanism) -> None:
    figures = {f.key: f.value for f in m.reference.figures}
    assert figures == FIGURES
    for f in m.reference.figures:
        assert f.quote and f.unit and f.label.zh and f.label.en, f.key


def test_derived_ratios(m: Mechanism) -> None:
    derived = {dv.derived.key: dv.value for dv in compute_derived(m.reference)}
    assert list(derived) == list(DERIVED)
    for key, value in DERIVED.items():
        assert derived[key] == pytest.approx(value), key
    assert derived["tasks_per_body"] == pytest.approx(1.1212, abs=1e-4)
    assert derived["people_per_team"] == pytest.approx(2.5323, abs=1e-4)
    assert derived["villages_per_leader"] == pytest.approx(1.2432, abs=1e-4)


def _quotes(obj: object, path: str = "m") -> list[tuple[str, str]]:
    """Every non-empty ``quote`` anywhere in the mechanism, with where it sits."""
    out: list[tuple[str, str]] = []
    if attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            value = getattr(obj, field.name)
            if field.name == "quote" and value:
                out.append((path, value))
            else:
                out.extend(_quotes(value, f"{path}.{field.name}"))
    elif isinstance(obj, tuple):
        for i, x in enumerate(obj):
            out.extend(_quotes(x, f"{path}[{i}]"))
    return out


def test_source_sentences_are_verbatim() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert [k for k, q in Q.items() if q not in text] == []


def test_every_quote_is_in_the_source(m: Mechanism) -> None:
    text = re.sub(r"\s+", "", SEED.read_text(encoding="utf-8"))
    quotes = _quotes(m)
    assert {p.split("[")[0] for p, _ in quotes} >= {"m.roles", "m.reference.figures", "m.coverage_rules"}
    missing = [(p, q) for p, q in quotes if re.sub(r"\s+", "", q) not in text]
    assert missing == []
    for f in m.reference.figures:
        assert re.sub(r"\s+", "", f.quote) in text
    for r in m.roles:
        assert re.sub(r"\s+", "", r.quote) in text


# --- round trips and overrides -----------------------------------------------------------------


def test_round_trip(m: Mechanism) -> None:
    assert structure(unstructure(m), Mechanism) == m
    for fmt in ("toml", "yaml", "json"):
        assert loads(dumps(m, fmt), Mechanism, fmt) == m, fmt


def test_assumptions_and_overrides(m: Mechanism) -> None:
    values = {a.key: a.value for a in m.assumptions}
    assert values == {
        "rectification-days": 30,
        "leader-capacity": 2,
        "leader-visits": 1,
        "team-capacity": 2,
        "resident-days": 20,
        "team-size": 3,
        "towns-per-group": 2,
        "routine-cadence": "month",
        "dispatch-cadence": "month",
        "bulletin-cadence": "quarter",
        "campaign-start": "2021-01-01",
        "routine-start": "2021-01-01",
        "campaign-end": "2021-12-31",
        "sprint-end": "2021-12-31",
        "preset-streets": 3,
        "preset-households": 19500,
        "preset-groups-per-village": 5,
    }
    assert all(a.reason is not None for a in m.assumptions)
    changed = apply_overrides(
        m,
        {
            "rectification-days": "15",
            "leader-capacity": 3,
            "team-size": "2",
            "resident-days": 22,
            "bulletin-cadence": "month",
            "sprint-end": "2021-12-20",
        },
    )
    assert changed.scoring.supervision.rectification_days == 15
    assert changed.role("district-leader").capacity == 3
    assert changed.role("resident-cadre").visits.times == 22
    assert {s.role: s.per_unit for s in changed.policy.rules}["resident-cadre"] == 2
    assert changed.campaign.reporting[1].schedule.every == "month"
    assert changed.campaign.phases[1].end == dt.date(2021, 12, 20)
    assert check_mechanism(changed) == []
    assert {a.key: a.value for a in changed.assumptions}["rectification-days"] == 15


# --- command line ------------------------------------------------------------------------------


def test_cli_show_json() -> None:
    result = CliRunner().invoke(main, ["show", KEY, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["key"] == KEY
    roles = {r["key"]: r for r in doc["roles"]}
    assert set(roles) == set(build().role_keys)
    leader = roles["district-leader"]
    assert (leader["level"], leader["actor_kinds"], leader["scope"]["tags_any"], leader["min_per_unit"], leader["capacity"]) == (
        "village",
        ["leader"],
        ["key-village"],
        1,
        2,
    )


WIDE = {"COLUMNS": "300"}  # tables are not wrapped, so labels can be found whole


def test_cli_show_table_both_languages() -> None:
    zh = CliRunner().invoke(main, ["show", KEY], env=WIDE)
    assert zh.exit_code == 0, zh.output
    assert "区级领导挂点联点" in zh.output
    assert "驻村帮扶全覆盖（65个村）" in zh.output
    assert "问题整改时限（天）" in zh.output
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
    assert {f["key"]: f["value"] for f in doc["figures"]} == FIGURES
    assert set(doc["figures"][0]) >= {"key", "label", "value", "unit", "quote"}
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


def test_preset_is_the_eight_towns_and_65_team_villages(m: Mechanism) -> None:
    from mechanisms.generate import generate_structure

    assert m.preset is not None
    s = generate_structure(m.preset, seed=0)
    assert sum(u.level == "town" for u in s.units) == 8
    assert sum("resident-team" in u.tags for u in s.units) == 65
    assert sum("key-village" in u.tags for u in s.units) == 46
    assert sum(u.level == "household" for u in s.units) == 19500


def test_figures_stated_as_floors_or_ceilings_are_marked(m: Mechanism) -> None:
    """60多处.

    Every ratio computed from such a figure (directly or through another ratio) is marked approximate.
    """
    assert hedged_figures(m) == {
        "scenic_spots": "at-least",
    }
