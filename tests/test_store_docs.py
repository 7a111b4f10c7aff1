"""docs/store.md's Python loop runs as written: three monthly ledgers in, coverage as of each, the office's Excel out."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from mechanisms.io.county_io import load_county, write_county
from mechanisms.store import history
from mechanisms.store.read import audit
from tests.test_store import tables

DOC = Path(__file__).resolve().parents[1] / "docs" / "store.md"


def test_the_county_systems_loop_in_the_docs_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (code,) = re.findall(r"^```python\n(.*?)^```$", DOC.read_text(encoding="utf-8"), flags=re.S | re.M)
    demo = load_county("demo")
    village = next(u for u in demo.structure.units if u.level == "village")
    renamed = attrs.evolve(demo, structure=attrs.evolve(demo.structure, units=tuple(
        attrs.evolve(u, name=u.name + "（更名）") if u.id == village.id else u for u in demo.structure.units)))
    ledgers = [demo, renamed, renamed]
    for month, county in enumerate(ledgers, start=1):
        write_county(county, tmp_path / "ledgers" / f"2024-{month:02}")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, str(DOC), "exec"), {"__name__": "docs_store"})
    out = capsys.readouterr().out.splitlines()
    assert [line.split(" ")[0] for line in out[1::2]] == ["2024-01-01", "2024-02-01", "2024-03-01"]
    assert out[2].startswith("已导入 ledgers/2024-02") and "更新 1，" in out[2]
    assert "新增 0，更新 0，" in out[4]  # March's ledger is February's: nothing changed
    url = "sqlite:///county.db"
    assert [r["by"] for r in audit(url).to_pylist()] == ["县乡村振兴局"] * 3
    names = [v.values["name"] for v in history(url, unit=village.id) if v.table == "units"]
    assert names == [village.name, village.name + "（更名）"]
    assert tables(load_county(tmp_path / "office-2024-03-31.xlsx")) == tables(load_county(tmp_path / "ledgers" / "2024-03"))
