"""The year commands on the demo county: figures re-derived here from the raw records, every mechanism runs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
from typing import Any

import pytest
from click.testing import CliRunner

from mechanisms import demo_county, load_catalog
from mechanisms.cli import main

D = dt.date
CATALOG = load_catalog()
MECHANISMS = sorted(e.mechanism.key for e in CATALOG)


@pytest.fixture(autouse=True)
def _one_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """Load the plugins once for the whole file, not once per command run."""
    import mechanisms.cli.context as context

    monkeypatch.setattr(context, "load_catalog", lambda files=(): CATALOG if not tuple(files) else load_catalog(files=files))


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def run_json(*args: str) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(run(*args, "--format", "json"))
    return out


def _obs(unit: str, indicator: str, period: str) -> float | None:
    return next((o.value for o in demo_county().observations
                 if (o.unit, o.indicator, o.period) == (unit, indicator, period)), None)


def test_score_follows_from_the_observations() -> None:
    doc = run_json("score", "demo", "--mechanism", "example", "--period", "2024Q2")
    (ranking,) = doc["rankings"]
    assert ranking["ties"] == "min" and "1, 2, 2, 4" in ranking["tie_rule"]["en"]
    rows = {r["unit"]: r for r in ranking["rows"]}
    # by hand: monthly score = min(100, cleaned / total × 100 / 90 × 100); the quarter = mean of the months present
    for unit in ("T2V2", "T1V3", "T3V1"):
        monthly = []
        for p in ("2024-04", "2024-05", "2024-06"):
            cleaned, total = _obs(unit, "households-cleaned", p), _obs(unit, "households-total", p)
            if cleaned is not None and total:
                monthly.append(min(100.0, cleaned / total * 100 / 90 * 100))
        assert rows[unit]["score"] == pytest.approx(sum(monthly) / len(monthly))
    assert rows["T1V3"]["missing_periods"] == ["2024-05"] and not rows["T1V3"]["complete"]  # its May report is blank
    assert rows["T3V1"]["group"] == "communities"
    villages = [r for r in ranking["rows"] if r["group"] == "villages"]
    assert [r["rank"] for r in villages] == sorted(r["rank"] for r in villages)
    assert all(a["score"] >= b["score"] for a, b in itertools.pairwise(villages))
    (tiers,) = doc["tiers"]
    reached = sum(1 for r in ranking["rows"] if r["score"] is not None and r["score"] >= 80)
    assert sum(line["count"] for line in tiers["lines"]) == reached
    assert tiers["budget"]["CNY"] == sum(line["amount"] for line in tiers["lines"])
    (black,) = doc["lists"]
    assert black["periods"] == ["2024Q1", "2024Q2"]


def test_score_table_and_csv() -> None:
    out = run("score", "demo", "--mechanism", "example", "--period", "2024Q2", "--lang", "en")
    assert "Ties: equal scores share the best rank" in out and "budget" in out
    rows = list(csv.DictReader(io.StringIO(run("score", "demo", "--mechanism", "example", "--period", "2024Q2",
                                               "--format", "csv"))))
    assert len(rows) == 12 and rows[0]["ranking"] == "village-quarterly"


def test_campaign_follows_from_the_events() -> None:
    doc = run_json("campaign", "example", "--on", "2024-07-15", "--data", "demo")
    assert doc["phase"]["key"] == "implement"
    tasks = {t["task"]: t for t in doc["tasks"]}
    plan = tasks["village-plan"]
    done = {e.unit: e.date for e in demo_county().events if e.task == "village-plan"}
    assert plan["units"] == 12
    assert plan["done"] == sum(1 for d in done.values() if d <= D(2024, 3, 31))
    assert plan["done_late"] == sum(1 for d in done.values() if d > D(2024, 3, 31))
    overdue = [o for o in plan["occurrences"] if o["state"] == "overdue"]
    assert [o["unit"] for o in overdue] == sorted(set(f"T{t}V{v}" for t in (1, 2, 3) for v in (1, 2, 3, 4)) - set(done))
    assert all(o["days_late"] == (D(2024, 7, 15) - D(2024, 3, 31)).days for o in overdue)
    (ms,) = doc["milestones"]
    cleaned = sum(o.value for o in demo_county().observations if o.indicator == "households-cleaned" and o.period == "2024-06"
                  and o.value is not None)
    total = sum(o.value for o in demo_county().observations if o.indicator == "households-total" and o.period == "2024-06"
                and o.value is not None)
    assert ms["value"] == pytest.approx(cleaned / total * 100) and ms["state"] == ("met" if cleaned / total >= 0.5 else "missed")
    assert [r["date"] for r in doc["reporting"]] == ["2024-07-31"]


def test_campaign_checks_the_fifteen_plus_ten_rule_on_the_demo() -> None:
    doc = run_json("campaign", "xunyi-ten-actions", "--on", "2024-12-31", "--data", "demo")
    cases = [d for d in doc["deadlines"] if d["event"] == "identified"]
    clues = {e.subject: e.date for e in demo_county().events if e.event == "clue"}
    identified = {e.subject: e.date for e in demo_county().events if e.event == "identified"}
    assert {c["case"] for c in cases} == set(clues)
    for c in cases:
        due = clues[c["case"]] + dt.timedelta(days=15)
        assert c["due"] == due.isoformat()
        if c["case"] in identified:
            assert c["state"] == ("on-time" if identified[c["case"]] <= due else "late")
        else:
            assert c["state"] == "overdue"
    spend = {m["key"]: m for m in doc["milestones"]}
    assert spend["spend-30"]["value"] == pytest.approx(1580 / 5000 * 100) and spend["spend-30"]["state"] == "met"
    assert spend["spend-50"]["state"] == "missed"


def test_campaign_without_data_knows_only_dates() -> None:
    doc = run_json("campaign", "example", "--on", "2024-04-01")
    assert not doc["records"]
    assert {o["state"] for t in doc["tasks"] for o in t["occurrences"]} <= {"no-records", "pending", "due"}


def test_visits_follow_from_the_visits_table() -> None:
    doc = run_json("visits", "demo", "--mechanism", "example", "--period", "2024-05")
    checks = {(c["actor"], tuple(c["units"])): c for c in doc["checks"]}
    s = demo_county().structure
    under_t1 = {"T1", *(u.id for u in s.descendants("T1"))}
    made = [v for v in demo_county().visits if v.actor == "L1" and v.unit in under_t1 and v.date.month == 5
            and v.role in (None, "county-leader")]
    c = checks[("L1", ("T1",))]
    assert (c["required"], c["done"], c["compliant"]) == (1, len(made), len(made) >= 1)
    roles = {r["role"]: r for r in doc["roles"]}
    assert roles["all"]["checked"] == sum(1 for c in doc["checks"] if c["required"] > 0)
    assert roles["all"]["compliant"] == sum(1 for c in doc["checks"] if c["compliant"])


def test_visits_say_when_no_visit_is_recorded_for_policy_staffed_actors() -> None:
    r = CliRunner().invoke(main, ["visits", "demo", "--mechanism", "linjiang-five-bao", "--period", "2024-05", "--lang", "en",
                                  "--format", "json"])
    assert r.exit_code == 0, r.output
    assert "staffed by its assignment policy" in r.stderr
    assert "records no visit by these actors in 2024-05" in r.stderr
    assert all(c["done"] == 0 for c in json.loads(r.stdout)["checks"])
    r = CliRunner().invoke(main, ["visits", "demo", "--mechanism", "example", "--period", "2024-05", "--lang", "en"])
    assert r.exit_code == 0 and "records no visit" not in r.stderr


def test_points_follow_from_the_ledger() -> None:
    doc = run_json("points", "demo", "--mechanism", "example")
    entries = demo_county().points
    assert doc["totals"]["households"] == len({e.household for e in entries})
    assert doc["totals"]["balance"] == sum(e.points for e in entries)  # the demo never overdraws
    assert all(h["balance"] >= 0 and h["name"].endswith("**") for h in doc["households"])
    trail = run_json("points", "demo", "--household", "T1V3G1H03", "--trail")["trail"]
    assert trail[-1]["balance"] == sum(e.points for e in entries if e.household == "T1V3G1H03")
    shown = run("points", "demo", "--household", "T1V3G1H03", "--show-personal")
    assert "示例户T1V3G1-03" in shown


def test_problems_follow_from_the_ledger() -> None:
    doc = run_json("problems", "demo", "--mechanism", "example", "--on", "2024-12-31")
    problems = demo_county().problems
    overall = next(r for r in doc["closure"] if r["group"] == "all")
    assert overall["found"] == len(problems)
    assert overall["closed"] == sum(1 for p in problems if p.closed is not None)
    assert overall["closed_on_time"] == sum(1 for p in problems
                                            if p.closed is not None and p.deadline is not None and p.closed <= p.deadline)
    assert overall["overdue"] == sum(1 for p in problems
                                     if p.closed is None and p.deadline is not None and p.deadline < D(2024, 12, 31))
    assert doc["categories"]["slow"]["recorded"] == sum(1 for p in problems if p.category == "slow")
    assert doc["categories"]["inaction"]["suggested"] == overall["overdue"]


@pytest.mark.parametrize("key", MECHANISMS)
def test_every_command_runs_for_every_mechanism(key: str) -> None:
    for fmt in ("table", "json"):
        run("score", "demo", "--mechanism", key, "--period", "2024Q2", "--format", fmt)
        run("score", "demo", "--mechanism", key, "--period", "2024", "--format", fmt)
        run("campaign", key, "--on", "2024-07-15", "--data", "demo", "--format", fmt)
        run("visits", "demo", "--mechanism", key, "--period", "2024-05", "--format", fmt)
        run("points", "demo", "--mechanism", key, "--format", fmt)
        run("problems", "demo", "--mechanism", key, "--format", fmt)
    run("campaign", key, "--on", "2024-07-15", "--data", "demo", "--format", "csv")


@pytest.mark.parametrize(("args", "message"), [
    (("score", "demo", "--mechanism", "example", "--period", "2024Q5"), "错误：不是期间：'2024Q5'（应写成如 2024、"),
    (("score", "demo", "--mechanism", "example", "--period", "2024-05-01"), "错误：example 的考核表按 month 评分；"),
    (("--lang", "en", "score", "demo", "--mechanism", "example", "--period", "2024-05-01"),
     "Error: example's scorecards are scored per month; 2024-05-01 is shorter than that"),
    (("score", "demo", "--mechanism", "nope", "--period", "2024Q2"), "未知机制"),
    (("score", "demo", "--mechanism", "example", "--period", "2024", "--ranking", "nope"), "错误：example 没有排名 'nope'"),
    (("problems", "demo", "--by", "planet"), "错误：--by 应为层级（county, town, village, group, household）或 assignee"),
])
def test_mistakes_are_messages_not_tracebacks(args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
