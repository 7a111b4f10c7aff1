"""`compare` applies each mechanism to one county, and its figures equal what each single command prints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from mechanisms import demo_county, load_catalog
from mechanisms.cli import main
from mechanisms.compare.comparison import compare_one
from mechanisms.county.staffing import staffed
from mechanisms.plugins.builtin import builtin_mechanisms
from mechanisms.year.burden import visit_burden

EXAMPLE = builtin_mechanisms()[0]


def run(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "250"}).invoke(main, list(args))


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    r = run("compare", "--county", "demo", "--format", "json")
    assert r.exit_code == 0, r.output
    out: dict[str, Any] = json.loads(r.stdout)
    return out


def test_every_installed_mechanism_is_compared(doc: dict[str, Any]) -> None:
    assert doc["county"] == "demo"
    assert [m["key"] for m in doc["mechanisms"]] == sorted(e.mechanism.key for e in load_catalog())
    by_key = {m["key"]: m for m in doc["mechanisms"]}
    assert by_key["example"]["staffed_by_policy"] is False  # the demo has its own example assignments
    assert all(m["staffed_by_policy"] for k, m in by_key.items() if k != "example")


@pytest.mark.parametrize("key", sorted(e.mechanism.key for e in load_catalog()))
def test_coverage_figures_equal_the_coverage_command(doc: dict[str, Any], key: str) -> None:
    mine = next(m for m in doc["mechanisms"] if m["key"] == key)
    r = run("coverage", "demo", "--mechanism", key, "--robustness", "0.1,0.2,0.3", "--format", "json")
    assert r.exit_code == 0, r.output
    alone = json.loads(r.stdout)
    assert mine["households"] == alone["households"]
    assert mine["chain_complete_households"] == alone["chain_complete_households"]
    assert mine["coverage"] == {role: v["share"] for role, v in alone["roles"].items()}
    assert mine["gaps"] == len(alone["gaps"])
    assert mine["single_points_of_failure"] == len(alone["single_points_of_failure"])
    assert mine["redundancy"] == {role: v["mean"] for role, v in alone["redundancy"].items()}
    whole_chain = {p["f"]: p["expected_share"] for p in alone["robustness"] if p["role"] == "all"}
    assert {p["f"]: p["expected_share"] for p in mine["robustness"]} == whole_chain
    # load over all (actor, role) pairs: its max is the largest per-role max the coverage command gives
    assert mine["load"]["max"] == max(v["max"] for v in alone["load"].values())


def test_reward_budget_equals_the_score_command(doc: dict[str, Any]) -> None:
    mine = next(m for m in doc["mechanisms"] if m["key"] == "linjiang-five-bao")
    r = run("score", "demo", "--mechanism", "linjiang-five-bao", "--period", mine["budget_period"], "--format", "json")
    assert r.exit_code == 0, r.output
    tiers = json.loads(r.stdout)["tiers"]
    assert mine["reward_budget"] == sum(sum(t["budget"].values()) for t in tiers)
    assert mine["reward_budget"] > 0


@pytest.mark.parametrize("key", ["louxing-three-duties", "xunyi-ten-actions"])
def test_simulated_figures_equal_the_simulate_command(key: str) -> None:
    """Louxing staffed by policy misses risks (a spread the test can see); Xunyi states its own 15-day deadline."""
    r = run("compare", key, "--county", "demo", "--simulate", "--runs", "6", "--seed", "4", "--format", "json")
    assert r.exit_code == 0, r.output
    mine = json.loads(r.stdout)["mechanisms"][0]["simulated"]
    r = run("simulate", "demo", "--mechanism", key, "--runs", "6", "--seed", "4", "--workers", "1", "--format", "json")
    assert r.exit_code == 0, r.output
    alone = json.loads(r.stdout)
    year = {s["metric"]: s for s in alone["summary"] if s["period"] == "all"}
    assert mine["runs"] == alone["runs"] == 6
    assert mine["deadline_days"] == alone["deadline"] == (15 if key == "xunyi-ten-actions" else 30)
    assert mine["found_within_deadline"] == year["found_within_deadline"]["mean"]
    assert mine["found_within_deadline_ci"] == [year["found_within_deadline"]["ci_low"], year["found_within_deadline"]["ci_high"]]
    assert mine["delay_mean"] == year["delay_mean"]["mean"]
    assert mine["delay_p90"] == year["delay_p90"]["mean"]


def test_example_by_hand(doc: dict[str, Any]) -> None:
    ex = next(m for m in doc["mechanisms"] if m["key"] == "example")
    # the demo's 80 actors all hold example roles, 347 assignments; as of today TC01's (ended 2024-06-30) no
    # longer counts: 79 actors, 346 assignments; T3V4 and four households of T2V3 uncovered
    assert (ex["actors"], ex["assignments"], ex["households"]) == (79, 346, 288)
    assert ex["chain_complete_households"] == 258
    # visit burden: 3 leader-towns × 1 + 12 cadre-villages × 2 (TC13 alone on T1V1 today) + 36 groups × 52/12
    # weekly + 24 party members × 2 days
    assert ex["visit_burden"] == pytest.approx(3 * 1 + 12 * 2 + 36 * 52 / 12 + 24 * 2)
    assert ex["tasks"] == 2 and ex["milestones"] == 1 and ex["indicators"] == 3


def test_visit_burden_counts_a_village_round_once() -> None:
    linjiang = load_catalog().get("linjiang-five-bao")
    county, _ = staffed(demo_county(), linjiang)
    burden = {b.role: b for b in visit_burden(county.structure, linjiang)}
    # party members check their households daily: one round a day per village they hold, capped at the month
    assert burden["party-member"].actor_days == pytest.approx(burden["party-member"].actors * 365 / 12)
    column = compare_one(demo_county(), linjiang)
    assert column.visit_burden == pytest.approx(sum(b.actor_days for b in burden.values()))


def test_table_csv_and_report(tmp_path: Path) -> None:
    r = run("compare", "example", "linjiang-five-bao", "--county", "demo", "--lang", "en")
    assert r.exit_code == 0 and "chain complete" in r.stdout and "Linjiang 5 contracts" in r.stdout
    assert "linjiang-five-bao" not in r.stdout  # the short name heads the column, not the key …
    keyed = run("compare", "example", "linjiang-five-bao", "--county", "demo", "--keys")
    assert keyed.exit_code == 0 and "linjiang-five-bao" in keyed.stdout and "临江五包五责" not in keyed.stdout  # … but --keys
    zh = run("compare", "example", "linjiang-five-bao", "--county", "demo")
    assert "临江五包五责" in zh.stdout and "示例机制" in zh.stdout
    lines = run("compare", "example", "--county", "demo", "--format", "csv", "--keys").stdout.splitlines()
    assert lines[0] == "metric,example" and "chain,89.6%" in lines
    out = tmp_path / "r.html"
    r = run("report", "example", "--county", "demo", "-o", str(out), "--lang", "en")
    assert r.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = run("report", "example", "--county", "demo", "-o", str(out))
    assert again.exit_code == 2 and "已存在，不替换它" in again.stderr  # the default --lang is zh


def test_personal_names_are_masked_unless_asked(tmp_path: Path) -> None:
    masked, shown = tmp_path / "m.html", tmp_path / "s.html"
    assert run("report", "example", "--county", "demo", "-o", str(masked)).exit_code == 0
    assert run("report", "example", "--county", "demo", "-o", str(shown), "--unmask").exit_code == 0
    names = [a.name for a in demo_county().structure.actors]
    households = [u.name for u in demo_county().structure.units if u.level == "household"]
    masked_text, shown_text = masked.read_text(encoding="utf-8"), shown.read_text(encoding="utf-8")
    assert not any(n in masked_text for n in names + households)
    assert any(n in shown_text for n in names)


def test_usage_errors() -> None:
    assert run("compare", "example").exit_code == 2
    r = run("compare", "example", "--county", "demo", "--preset", "linjiang-five-bao", "--lang", "en")
    assert r.exit_code == 2 and "exactly one of DATA and --preset KEY" in r.stderr
    assert run("compare", "nope", "--county", "demo").exit_code == 2
