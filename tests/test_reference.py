"""A reference case reproduced: derived ratios computed from the figures, hedged where a figure is only a floor or ceiling."""

from __future__ import annotations

import json

from click.testing import CliRunner

from mechanisms import Label, Mechanism, case_document, compute_derived, dumps, loads
from mechanisms.cli import main
from mechanisms.model.mechanism import Derived, Figure, ReferenceCase, SourceRef

L = Label
CASE = ReferenceCase(
    SourceRef("src.txt", L("来源", "source")),
    figures=(Figure("members", L("党员", "members"), 2099, "人", "2099名党员"),
             Figure("households", L("农户", "households"), 31490, "户", "包保31490户"),
             Figure("visits", L("走访", "visits"), 20000, "人次", "累计帮联2万余人次", approx="at-least"),
             Figure("paid", L("兑现", "paid"), 575, "万元", "兑现了近575万元", approx="nearly")),
    derived=(Derived("per_member", L("每名党员户数", "households per member"), "households / members", "户/人", 2),
             Derived("visits_per_member", L("每名党员人次", "visits per member"), "visits / members", "人次/人", 1),
             Derived("visits_per_household", L("户均人次", "visits per household"),
                     "visits_per_member * members / households", "人次/户", 3),
             Derived("paid_per_member", L("每名党员兑现", "paid per member"), "paid * 10000 / members", "元/人", 0)),
)


def test_ratios_are_computed_and_hedged_where_an_input_is() -> None:
    got = {dv.derived.key: (dv.value, dv.approx) for dv in compute_derived(CASE)}
    assert got == {
        "per_member": (15.0, False),  # 31,490 / 2,099 = 15.0024 → 15.0
        "visits_per_member": (9.5, True),  # 20,000 / 2,099 = 9.528 → 9.5, from a floor
        "visits_per_household": (0.633, True),  # 9.5 × 2,099 / 31,490 = 0.6332, hedged through the ratio above
        "paid_per_member": (2739.0, True),  # 5,750,000 / 2,099 = 2,739.4, from a ceiling
    }


def test_the_qualifier_survives_documents_and_reaches_the_case_command() -> None:
    for fmt in ("json", "toml", "yaml"):
        assert loads(dumps(CASE, fmt), ReferenceCase, fmt) == CASE
    mech = Mechanism("ref", L("参考", "ref"), L("县", "county"), reference=CASE)
    doc = case_document(mech, "en")
    assert [(f["key"], f["approx"]) for f in doc["figures"]] == [
        ("members", "exact"), ("households", "exact"), ("visits", "at-least"), ("paid", "nearly")]
    assert [d["approx"] for d in doc["derived"]] == [False, True, True, True]
    r = CliRunner().invoke(main, ["case", "linjiang-five-bao", "--format", "json"])
    figures = {f["key"]: f["approx"] for f in json.loads(r.stdout)["figures"]}
    assert figures["ceremony_rewards"] == "nearly" and figures["pm_households"] == "exact"
    table = CliRunner(env={"COLUMNS": "250"}).invoke(main, ["case", "linjiang-five-bao", "--lang", "en"]).stdout
    assert "nearly" in table and "at least: the source says 多/余/以上 (the value is a floor)" in table
