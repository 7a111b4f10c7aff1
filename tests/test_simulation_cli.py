"""`mechanisms simulate` and `mechanisms sweep`: summaries, tidy tables, presets, scenario files, and clear errors."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from mechanisms.cli import main
from mechanisms.plugins.manager import load_catalog
from mechanisms.simulation import read_table

FAST = ("--days", "60", "--runs", "3", "--workers", "1")


def run(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "250"}).invoke(main, list(args))


def test_simulate_demo_prints_a_summary_in_both_languages() -> None:
    r = run("simulate", "demo", "--mechanism", "example", *FAST, "--lang", "en")
    assert r.exit_code == 0, r.output
    for text in ("By role", "county leader for a town", "coverage", "found within deadline", "days to find, mean",
                 "3 runs × 60 days", "deadline 30 days"):
        assert text in r.stdout, text
    zh = run("simulate", "demo", "--mechanism", "example", *FAST)
    assert "按角色" in zh.stdout and "限期内发现率" in zh.stdout


def test_simulate_json_csv_and_output_files(tmp_path: Path) -> None:
    out = tmp_path / "runs.parquet"
    r = run("simulate", "demo", "--mechanism", "example", *FAST, "--format", "json", "--seed", "4",
            "--turnover", "0.3", "--turnover", "party-member=0.6", "--compliance", "0.7", "--deadline", "10",
            "--output", str(out))
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["scenario"]["turnover"] == {"*": 0.3, "party-member": 0.6}
    assert (doc["runs"], doc["days"], doc["seed"], doc["deadline"], doc["households"]) == (3, 60, 4, 10, 288)
    rows = {(s["period"], s["metric"], s["role"]): s for s in doc["summary"]}
    assert rows["all", "coverage", "party-member"]["n"] == 3
    assert {"n", "mean", "std", "ci_low", "ci_high"} <= rows["2024-01", "chain_complete", ""].keys()
    table = read_table(out)
    assert table.names == ("run", "period", "metric", "role", "value") and set(table["run"].tolist()) == {0, 1, 2}
    assert "wrote" in r.stderr
    again = run("simulate", "demo", "--mechanism", "example", *FAST, "--output", str(out))
    assert again.exit_code == 2 and "已存在" in again.stderr
    csv_out = run("simulate", "demo", "--mechanism", "example", *FAST, "--format", "csv", "--seed", "4",
                  "--turnover", "0.3", "--turnover", "party-member=0.6", "--compliance", "0.7", "--deadline", "10")
    lines = csv_out.stdout.splitlines()
    assert lines[0] == "period,metric,role,n,mean,std,ci_low,ci_high"
    assert len(lines) - 1 == len(doc["summary"])


def test_scenario_file_and_options_on_top(tmp_path: Path) -> None:
    f = tmp_path / "scenario.toml"
    f.write_text('days = 30\nreassign = "none"\nevent_rate = 2.0\n[compliance]\n"*" = 0.5\n', encoding="utf-8")
    r = run("simulate", "demo", "--mechanism", "example", "--scenario", str(f), "--runs", "2", "--workers", "1",
            "--format", "json", "--days", "45")
    assert r.exit_code == 0, r.output
    sc = json.loads(r.stdout)["scenario"]
    assert (sc["days"], sc["reassign"], sc["event_rate"], sc["compliance"]) == (45, "none", 2.0, 0.5)


def test_sweep_over_a_grid(tmp_path: Path) -> None:
    out = tmp_path / "sweep.csv"
    r = run("sweep", "demo", "--mechanism", "example", *FAST, "--grid", "compliance=0.5,1", "--grid",
            "reassign=none,remaining", "--output", str(out), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "Each grid point" in r.stdout and "remaining" in r.stdout
    table = read_table(out)
    assert table.names[:2] == ("compliance", "reassign")
    assert len(set(zip(table["compliance"].tolist(), table["reassign"].tolist(), strict=True))) == 4
    bad = run("sweep", "demo", "--mechanism", "example", *FAST, "--grid", "complience=0.5")
    assert bad.exit_code == 2 and "错误：未知情景参数 'complience'（可用参数：days, start," in bad.stderr
    bad = run("sweep", "demo", "--mechanism", "example", *FAST, "--grid", "complience=0.5", "--lang", "en")
    assert bad.exit_code == 2 and "Error: unknown scenario parameter 'complience' (parameters: days," in bad.stderr


def test_synthetic_county_from_sizes_is_staffed_by_the_policy() -> None:
    r = run("simulate", "--mechanism", "example", "--towns", "3", "--villages", "9", "--households", "900",
            *FAST, "--format", "json", "--lang", "en")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["households"] == 900 and "staffed by example's policy" in doc["county"]


PRESET = """
[preset]
label = { zh = "示例县", en = "Demo-sized county" }
towns = 3
villages = 12
households = 600
streets = 1
communities = 2
"""


def test_preset_from_a_mechanism_file(tmp_path: Path) -> None:
    example = files("mechanisms.plugins.builtin").joinpath("example.toml").read_text(encoding="utf-8")
    f = tmp_path / "preset.toml"
    f.write_text(example.replace('key = "example"', 'key = "example-preset"', 1) + PRESET, encoding="utf-8")
    r = run("simulate", "--preset", "example-preset", "--mechanism-file", str(f), *FAST, "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["households"] == 600


def test_installed_plugin_presets_run() -> None:
    with_preset = [e.mechanism.key for e in load_catalog() if e.mechanism.preset is not None]
    if not with_preset:
        pytest.skip("no installed mechanism states a reference county yet")
    key = "linjiang-five-bao" if "linjiang-five-bao" in with_preset else with_preset[0]
    r = run("simulate", "--preset", key, "--days", "20", "--runs", "2", "--workers", "1", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["households"] > 0


@pytest.mark.parametrize(("args", "message"), [
    (("demo", "--mechanism", "example", "--turnover", "party-membr=0.2"), "错误：情景中有未知角色 party-membr（已有角色："),
    (("demo", "--mechanism", "example", "--compliance", "2"), "错误：情景：compliance[*] = 2.0 超出范围"),
    (("demo", "--preset", "example", "--mechanism", "example"), "错误：请给出 DATA，或 --preset / 规模参数，不能同时给出"),
    (("--preset", "example"), "该机制没有可据以生成的参照县"),
    (("demo", "--mechanism", "example", "--runs", "0"), "错误：--runs 至少为 1"),
    (("demo", "--mechanism", "example", "--output", "x.txt"), "错误：x.txt：结果只能写成 .csv 或 .parquet"),
    (("demo", "--mechanism", "example", "--output", "x.txt", "--lang", "en"), "Error: x.txt: write results as .csv or .parquet"),
])
def test_mistakes_exit_2_with_a_message(args: tuple[str, ...], message: str) -> None:
    r = run("simulate", *args, "--days", "10", "--runs", str(1) if "--runs" not in args else "0", "--workers", "1")
    assert r.exit_code == 2, r.output
    assert message in r.stderr
    assert "Traceback" not in r.output


def _strict(text: str) -> Any:
    """json.loads that refuses NaN and Infinity, as jq and JavaScript do."""
    def refuse(token: str) -> None:
        raise ValueError(f"not JSON: {token}")

    return json.loads(text, parse_constant=refuse)


def test_json_is_strict_where_figures_are_undefined_or_infinite() -> None:
    r = run("simulate", "demo", "--mechanism", "example", "--days", "60", "--runs", "1", "--workers", "1",
            "--replacement-days", "never", "--format", "json")
    assert r.exit_code == 0, r.output
    doc = _strict(r.stdout)
    assert doc["scenario"]["replacement_days"] == "never"  # what a scenario file reads back as no successor
    first = doc["summary"][0]
    assert first["n"] == 1 and first["std"] is None and first["ci_low"] is None  # no spread over one run: null, not NaN


def test_bad_options_are_reported_together() -> None:
    r = run("simulate", "demo", "--mechanism", "example", "--days", "0", "--turnover", "-1", "--compliance", "3")
    assert r.exit_code == 2
    assert r.stderr.splitlines() == ["错误：情景：days 至少应为 1，实为 0",
                                     "错误：情景：turnover[*] = -1.0 超出范围",
                                     "错误：情景：compliance[*] = 3.0 超出范围"]
    r = run("simulate", "demo", "--mechanism", "example", "--days", "0", "--turnover", "-1", "--compliance", "3",
            "--lang", "en")
    assert r.stderr.splitlines() == ["Error: scenario: days must be at least 1, got 0",
                                     "Error: scenario: turnover[*] = -1.0 is out of range",
                                     "Error: scenario: compliance[*] = 3.0 is out of range"]
