"""Names, not slugs (issue 14): what score, visits, problems, points, campaign, compare and show print for a role,
level, kind, indicator, peer group, task or status is its name in the chosen language; ``--keys`` gives the keys
back in tables and CSV, and JSON keeps keys. And a ledger written with those names (a Chinese template filled in:
角色 = 县级领导包乡镇, 指标 = 整治完成率) counts exactly as one written with keys.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import mechanisms
from mechanisms.cli import main
from mechanisms.io.vocab import KIND_LABELS
from mechanisms.io.written_names import kind_names
from mechanisms.model.names import KIND_NAMES
from mechanisms.plugins import load_catalog

DEMO = Path(mechanisms.__file__).parent / "io" / "demo"


def run(*args: str) -> str:
    r = CliRunner().invoke(main, list(args), env={"MECHANISMS_LANG": "", "COLUMNS": "400"}, terminal_width=400)
    assert r.exit_code == 0, r.output
    return r.stdout


def row(out: str, first: str) -> list[str]:
    """The cells of the terminal table row whose first cell is ``first``."""
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if line.startswith("│") and cells[0] == first:
            return cells
    raise AssertionError(f"no row {first!r} in:\n{out}")


def csv_rows(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(out.splitlines()))


# ------------------------------------------------------------------ kinds as ledgers write them

@pytest.mark.parametrize(("written", "kind"), [
    ("乡镇", "town"), ("镇", "town"), ("村", "village"), ("班组", "team"), ("施工班组", "build-team"),
    ("施工队", "build-team"), ("在辖国企", "state-enterprise"), ("国有企业", "state-enterprise"),
    ("国企", "state-enterprise"), ("企业", "enterprise"), ("民营企业", "enterprise")])
def test_the_kinds_the_plugins_select_on_are_read_from_their_chinese_names(written: str, kind: str) -> None:
    assert KIND_LABELS[written] == kind


def test_every_kind_name_the_library_prints_reads_back_as_its_key() -> None:
    """国有企业 is what tables print for ``state-enterprise``; a person who copies it into a ledger must get that
    kind back (it used to read as ``enterprise``), and files are written with the same names."""
    written = kind_names("zh")
    for key, label in KIND_NAMES.items():
        assert KIND_LABELS[label.zh] == key
        assert written[key] == label.zh


def test_dongxings_state_enterprise_role_takes_a_kind_written_in_chinese() -> None:
    m = load_catalog().get("dongxing-4433")
    takers = [r.key for r in m.roles if KIND_LABELS["在辖国企"] in r.actor_kinds]
    assert takers  # 在辖国企援建: the role whose actors a ledger writes as 在辖国企


# ------------------------------------------------------------------ a ledger written with names

@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo county with every role written as its Chinese title and every indicator as its Chinese name."""
    m = load_catalog().get("example")
    titles = {r.key: r.label.zh for r in m.roles}
    names = {i.key: i.label.zh for i in m.indicators}
    folder = tmp_path_factory.mktemp("named") / "county"
    shutil.copytree(DEMO, folder)
    for table, field, by in (("assignments", "role", titles), ("visits", "role", titles),
                             ("observations", "indicator", names)):
        path = folder / f"{table}.csv"
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        for r in rows:
            r[field] = by.get(r[field], r[field])
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    text = (folder / "assignments.csv").read_text(encoding="utf-8-sig")
    assert "县级领导包乡镇" in text and "county-leader" not in text
    assert "整治完成率" not in (folder / "observations.csv").read_text(encoding="utf-8-sig")  # a formula: not observed
    assert "完成整治户数" in (folder / "observations.csv").read_text(encoding="utf-8-sig")
    return folder


def _json(*args: str) -> Any:
    return json.loads(run(*args, "--format", "json"))


def test_visits_count_a_name_written_ledger_as_a_key_written_one(named: Path) -> None:
    keyed = _json("visits", "demo", "--mechanism", "example", "--period", "2024")
    by_name = _json("visits", str(named), "--mechanism", "example", "--period", "2024")
    assert by_name == keyed
    total = next(r for r in keyed["roles"] if r["role"] == "all")
    assert (total["checked"], total["compliant"]) == (76, 23)


def test_score_counts_a_name_written_ledger_as_a_key_written_one(named: Path) -> None:
    keyed = _json("score", "demo", "--mechanism", "example", "--period", "2024")
    by_name = _json("score", str(named), "--mechanism", "example", "--period", "2024")
    assert by_name == keyed
    top = keyed["rankings"][0]["rows"][0]
    assert (top["unit"], round(top["score"], 2)) == ("T2V2", 79.63)


def test_campaign_milestones_read_a_name_written_ledger(named: Path) -> None:
    keyed = _json("campaign", "example", "--on", "2024-07-15", "--data", "demo")
    by_name = _json("campaign", "example", "--on", "2024-07-15", "--data", str(named))
    assert by_name == keyed
    assert round(keyed["milestones"][0]["value"], 2) == 56.94


def test_compare_reads_a_name_written_ledger_under_each_mechanism(named: Path) -> None:
    keyed = run("compare", "demo", "--mechanism", "example", "--format", "csv", "--keys")
    by_name = run("compare", str(named), "--mechanism", "example", "--format", "csv", "--keys")
    assert by_name == keyed
    assert "chain,89.6%" in keyed.splitlines()


# ------------------------------------------------------------------ what each command prints

def test_problems_total_row_is_named_and_keyed_with_keys() -> None:
    args = ("problems", "demo", "--mechanism", "example")
    figures = ["—", "24", "17", "12", "5", "0", "7", "70.8%", "50.0%"]
    assert row(run(*args), "合计") == ["合计", *figures]
    assert row(run("--lang", "en", *args), "total") == ["total", *figures]
    assert row(run(*args, "--keys"), "all") == ["all", *figures]
    assert _json(*args)["closure"][-1]["group"] == "all"


def test_problems_state_and_category_are_names_keys_with_keys() -> None:
    args = ("problems", "demo", "--mechanism", "example")
    assert row(run(*args), "P024")[7:10] == ["逾期销号", "1", "慢作为"]
    assert row(run("--lang", "en", *args), "P024")[7:10] == ["closed late", "1", "acting slowly"]
    assert row(run(*args, "--keys"), "P024")[7:10] == ["closed-late", "1", "slow"]
    doc = next(p for p in _json(*args)["problems"] if p["id"] == "P024")
    assert (doc["state"], doc["category"]) == ("closed-late", "slow")


def test_a_category_another_mechanism_states_is_named_by_it() -> None:
    """The demo ledger's categories are the example's (``slow``); read under linjiang they are still 慢作为."""
    out = run("problems", "demo", "--mechanism", "linjiang-five-bao")
    assert row(out, "P024")[9] == "慢作为" and row(out, "慢作为") == ["慢作为", "5", "0"]


def test_visits_name_roles_and_how_a_duty_counts() -> None:
    args = ("visits", "demo", "--mechanism", "example", "--period", "2024")
    dates = ["2024-01-01", "2024-12-31", "24", "22"]
    assert row(run(*args), "PM002") == ["PM002", "示例党员002", "党员联户", "T1V1G1H02 +12", "13个单位", *dates,
                                        "按天", "否"]
    assert row(run("--lang", "en", *args), "PM002") == [
        "PM002", "示例党员002", "party member for households", "T1V1G1H02 +12", "13 units", *dates, "per day", "no"]
    keyed = row(run(*args, "--keys"), "PM002")
    assert (keyed[2], keyed[9]) == ("party-member", "day")
    assert row(run(*args), "合计") == ["合计", "—", "—", "76", "23", "30.3%"]
    assert row(run("--lang", "en", *args), "total") == ["total", "—", "—", "76", "23", "30.3%"]
    assert row(run(*args, "--keys"), "all") == ["all", "—", "—", "76", "23", "30.3%"]
    assert row(run(*args, "--keys"), "county-leader")[:2] == ["county-leader", "1次/月"]


def test_visits_csv_names_the_role_beside_its_key() -> None:
    args = ("visits", "demo", "--mechanism", "example", "--period", "2024", "--format", "csv")
    first = ["county-leader", "L1", "示例县领导1"]
    tail = ["T1", "示例甲镇", "2024-01-01", "2024-12-31", "12", "10.0"]
    assert list(csv_rows(run(*args))[0].values()) == [*first, "县级领导包乡镇", *tail, "按次", "否"]
    assert list(csv_rows(run("--lang", "en", *args))[0].values()) == [*first, "county leader for a town", *tail,
                                                                      "per visit", "no"]
    assert list(csv_rows(run(*args, "--keys"))[0].values()) == [*first, "county-leader", *tail, "visit", "否"]


def test_score_names_indicators_and_peer_groups() -> None:
    args = ("score", "demo", "--mechanism", "example", "--period", "2024Q2")
    assert run(*args).splitlines()[2] == "村月度考核 [village-monthly]: 整治完成率×1（对照目标的完成度，上限100）；满分100"
    assert run("--lang", "en", *args).splitlines()[2] == (
        "monthly village assessment [village-monthly]: clean-up completion rate ×1 (achievement against the target, "
        "capped at 100); out of 100")
    assert run(*args, "--keys").splitlines()[2] == ("村月度考核 [village-monthly]: cleanup-rate×1（对照目标的完成度，上限100）"
                                                    "；满分100")
    head = ["village-monthly", "village-quarterly"]
    rest = ["1", "10", "T2V2", "示例乙镇示例2村", "79.63", "True", "", "", ""]
    assert list(csv_rows(run(*args, "--format", "csv"))[0].values()) == [*head, "行政村", *rest]
    assert list(csv_rows(run(*args, "--format", "csv", "--keys"))[0].values()) == [*head, "villages", *rest]
    assert row(run(*args), "行政村")[:3] == ["行政村", "1", "T2V2"]
    assert row(run(*args, "--keys"), "villages")[:3] == ["villages", "1", "T2V2"]


def test_a_peer_group_split_within_a_village_names_the_village() -> None:
    args = ("score", "demo", "--mechanism", "linjiang-five-bao", "--period", "2024")
    assert row(run(*args), "农户（示例甲镇示例1村）")[:3] == ["农户（示例甲镇示例1村）", "1", "T1V1G1H07"]
    first = next(r for r in csv_rows(run("--lang", "en", *args, "--format", "csv")) if r["unit"] == "T1V1G1H07")
    assert (first["group"], first["tier"]) == ("households (示例甲镇示例1村)", "plaque hung")
    keyed = next(r for r in csv_rows(run(*args, "--format", "csv", "--keys")) if r["unit"] == "T1V1G1H07")
    assert keyed["group"] == "households@T1V1"
    assert "households@T1V1" in {r["group"] for ranking in _json(*args)["rankings"] for r in ranking["rows"]}


def test_campaign_names_tasks_and_milestone_indicators() -> None:
    args = ("campaign", "example", "--on", "2024-07-15", "--data", "demo")
    overdue = ["T2V4", "示例乙镇示例4村", "2024-03-31", "106", "示例乡镇干部08"]
    assert row(run(*args), "各村制定整治方案")[:2] == ["各村制定整治方案", "T2V4"]  # the overdue table
    assert row(run("--lang", "en", *args), "each village drafts its plan") == ["each village drafts its plan", *overdue]
    assert row(run(*args, "--keys"), "village-plan") == ["village-plan", *overdue]
    assert row(run(*args), "6月底完成率过半") == ["6月底完成率过半", "2024-06-30", "整治完成率 >= 50%", "2024-06", "56.94",
                                              "达成"]
    assert row(run("--lang", "en", *args), "half done by end of June")[2] == "clean-up completion rate >= 50%"
    assert row(run(*args, "--keys"), "6月底完成率过半")[2] == "cleanup-rate >= 50%"
    assert _json(*args)["milestones"][0]["indicator"] == "cleanup-rate"


def test_points_trail_names_kind_rule_and_status() -> None:
    args = ("points", "demo", "--mechanism", "example", "--trail")
    figures = ["5", "5", "5"]
    assert row(run(*args), "2024-01-10") == ["2024-01-10", "T1V3G1H03", "获得", "庭院整洁", *figures, "正常", ""]
    assert row(run("--lang", "en", *args), "2024-01-10") == ["2024-01-10", "T1V3G1H03", "earned", "tidy courtyard",
                                                             *figures, "ok", ""]
    assert row(run(*args, "--keys"), "2024-01-10") == ["2024-01-10", "T1V3G1H03", "earn", "clean-yard", *figures,
                                                       "ok", ""]
    assert _json(*args)["trail"][0]["rule"] == "clean-yard"


def test_show_names_levels_kinds_and_rule_roles() -> None:
    out, en, keyed = run("show", "example"), run("--lang", "en", "show", "example"), run("show", "example", "--keys")
    assert row(out, "county-leader") == ["county-leader", "县级领导包乡镇", "乡镇（街道）", "领导", "全部", "1", "2", "1次/月"]
    assert row(keyed, "county-leader")[2:4] == ["town", "leader"]
    assert row(en, "county-leader")[2:4] == ["town", "leader"]
    assert row(out, "towns-led") == ["towns-led", "乡镇全覆盖", "县级领导包乡镇", "乡镇（街道）", "1"]
    assert row(en, "towns-led") == ["towns-led", "every town has a county leader", "county leader for a town", "town", "1"]
    assert row(keyed, "towns-led") == ["towns-led", "乡镇全覆盖", "county-leader", "town", "1"]
    changling = run("show", "changling-five-strengthen")
    assert row(changling, "town-manager")[3] == "乡镇" and row(changling, "village-cadre")[3] == "村"


def test_compare_csv_carries_names_and_keys_with_keys() -> None:
    args = ("compare", "demo", "--mechanism", "example", "--format", "csv")
    assert run(*args).splitlines()[:2] == ["metric,name,示例包保机制", "staffing,包保关系来源,县里自有"]
    assert "chain,全链条覆盖率,89.6%" in run(*args).splitlines()
    en = run("--lang", "en", *args).splitlines()
    assert en[0] == "metric,name,Example contact-responsibility mechanism" and "chain,chain complete,89.6%" in en
    keyed = run(*args, "--keys").splitlines()
    assert keyed[0] == "metric,example" and "chain,89.6%" in keyed
