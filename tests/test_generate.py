"""Synthetic counties: sizes honoured exactly, deterministic from a seed, rows or counts, Parquet for big ones."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from mechanisms import County, Label, UsageError, load_county, validate_county, write_county
from mechanisms.cli import main
from mechanisms.county.generate import generate_structure
from mechanisms.county.staffing import staff
from mechanisms.model.shape import CountyShape, TagShare
from mechanisms.plugins.builtin import builtin_mechanisms

LINJIANG_LIKE = CountyShape(Label("临江", "Linjiang"), towns=13, villages=92, households=31490, streets=2,
                            communities=22, tags=(TagShare("household", "worst-hygiene", count=6288),))


def test_sizes_and_tags_are_exact() -> None:
    s = generate_structure(LINJIANG_LIKE, seed=1)
    levels = Counter(u.level for u in s.units)
    assert levels == {"county": 1, "town": 13, "village": 92, "group": 460, "household": 31490}
    assert sum("street" in u.tags for u in s.units) == 2
    assert sum("community" in u.tags for u in s.units) == 22
    # communities sit in streets first
    streets = {u.id for u in s.units if "street" in u.tags}
    in_streets = sum(u.parent in streets for u in s.units if u.level == "village")
    assert sum(u.parent in streets for u in s.units if "community" in u.tags) == min(22, in_streets) == 14
    assert sum("worst-hygiene" in u.tags for u in s.units) == 6288
    assert validate_county(County(s)) == []
    assert generate_structure(LINJIANG_LIKE, seed=1) == s
    assert generate_structure(LINJIANG_LIKE, seed=2) != s


def test_large_counties_carry_counts_on_groups() -> None:
    shape = CountyShape(Label("省", "province"), towns=20, villages=400, households=500_000,
                        tags=(TagShare("household", "worst-hygiene", share=0.2),))
    s = generate_structure(shape, seed=3)
    assert Counter(u.level for u in s.units) == {"county": 1, "town": 20, "village": 400, "group": 2000}
    assert s.household_count("C") == 500_000
    assert sum("worst-hygiene" in u.tags for u in s.units) == 400  # a fifth of the groups stand in


@settings(max_examples=25, deadline=None)
@given(towns=st.integers(1, 6), extra=st.integers(0, 10), groups=st.integers(1, 4), households=st.integers(0, 400),
       seed=st.integers(0, 2**32 - 1), rows=st.booleans())
def test_any_shape_gives_a_valid_county_with_its_sizes(towns: int, extra: int, groups: int, households: int,
                                                       seed: int, rows: bool) -> None:
    shape = CountyShape(Label("", "x"), towns=towns, villages=towns + extra, households=households,
                        groups_per_village=groups, streets=towns // 2, communities=extra // 2)
    s = generate_structure(shape, seed=seed, household_rows=rows)
    assert validate_county(County(s)) == []
    assert s.household_count("C") == households
    assert sum(u.level == "village" for u in s.units) == towns + extra


def test_impossible_shapes_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="streets=9 must be between 0 and towns=3"):
        generate_structure(CountyShape(Label("", ""), towns=3, villages=5, households=10, streets=9))
    with pytest.raises(UsageError, match="only 5 of level 'village'"):
        generate_structure(CountyShape(Label("", ""), towns=3, villages=5, households=10,
                                       tags=(TagShare("village", "x", count=6),)))


def test_parquet_round_trip_of_a_staffed_count_only_county(tmp_path: Path) -> None:
    shape = CountyShape(Label("", ""), towns=3, villages=9, households=5000)
    s = staff(generate_structure(shape, seed=0, household_rows=False), builtin_mechanisms()[0])
    county = County(s)
    path = write_county(county, tmp_path / "pq", fmt="parquet")
    assert sorted(p.name for p in path.iterdir()) == ["actors.parquet", "assignments.parquet", "units.parquet"]
    assert load_county(path) == county
    assert validate_county(load_county(path), builtin_mechanisms()[0]) == []


def test_generate_command(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    r = CliRunner().invoke(main, ["generate", "--towns", "2", "--villages", "4", "--households", "100", "--tag",
                                  "village:model-village:1", "--tag", "household:worst-hygiene:0.25", "--mechanism",
                                  "example", "--seed", "5", "-o", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith(f"wrote {out}: 127 units, 100 households")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert sum("model-village" in u.get("tags", []) for u in doc["units"]) == 1
    assert sum("worst-hygiene" in u.get("tags", []) for u in doc["units"]) == 25
    again = CliRunner().invoke(main, ["generate", "--towns", "2", "--villages", "4", "--households", "100", "-o",
                                      str(out)])
    assert again.exit_code == 2 and "已存在，不替换它" in again.stderr  # the default --lang is zh
    bad = CliRunner().invoke(main, ["generate", "--towns", "2", "-o", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "缺少 --villages, --households" in bad.stderr
