"""The county store on SQLite and on PostgreSQL (every test runs on both): round trip of every table and every
version, the import report, dry run, rollback, idempotence, as-of reads, history, audit, the two-writer race."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from mechanisms.cli import main
from mechanisms.county.org import Actor, Assignment, OrgStructure, Unit
from mechanisms.county.records import County, Event, Observation, PointsEntry, ProblemRecord, Visit
from mechanisms.io.county_io import load_county, write_county
from mechanisms.model.labels import Label
from mechanisms.model.levels import Level
from mechanisms.store import bulk, export_store, history, import_county, read_store
from mechanisms.store.read import audit

D1, D2, D3 = dt.date(2024, 1, 1), dt.date(2024, 4, 1), dt.date(2024, 7, 1)
LEVELS = (Level("county", Label("县", "county")), Level("town", Label("乡镇", "town")),
          Level("village", Label("村", "village")), Level("group", Label("屯", "group")),
          Level("household", Label("户", "household")))


def county_v1() -> County:
    units = (Unit("C", "示例县", "county"), Unit("T1", "甲镇", "town", "C"), Unit("T2", "乙镇", "town", "C"),
             Unit("V1", "一村", "village", "T1"), Unit("V2", "二村", "village", "T1", ("worst-hygiene",)),
             Unit("V3", "三村", "village", "T2", households=40),
             Unit("G1", "一组", "group", "V1"), Unit("G2", "二组", "group", "V2"),
             *(Unit(f"H{i}", f"户{i}", "household", "G1" if i <= 2 else "G2") for i in range(1, 5)))
    actors = (Actor("A1", "王一", "leader", unit="C"), Actor("A2", "李二", "cadre", ("party",), "T1"),
              Actor("A3", "赵三", "cadre", unit="T2"))
    assignments = (Assignment("A1", "county-leader", "T1"), Assignment("A2", "township-cadre", "V1", D1),
                   Assignment("A2", "township-cadre", "V2", D1), Assignment("A3", "township-cadre", "V3", households=15,
                                                                             mechanism="example"))
    return County(OrgStructure(units=units, actors=actors, assignments=assignments, levels=LEVELS),
                  observations=(Observation("V1", "households-cleaned", "2024-01", 4.0),
                                Observation("V2", "households-cleaned", "2024-01", None)),
                  visits=(Visit("A2", "V1", dt.date(2024, 1, 5), "township-cadre"),
                          Visit("A2", "V1", dt.date(2024, 1, 5), "township-cadre")),  # the same visit twice: two rows
                  problems=(ProblemRecord("P1", "V2", dt.date(2024, 1, 9), "垃圾未清运", "A2", dt.date(2024, 1, 24)),),
                  points=(PointsEntry("H1", dt.date(2024, 1, 10), 5, "clean-yard"),),
                  events=(Event("V1", "done", dt.date(2024, 1, 20), task="village-plan"),))


def county_v2() -> County:
    """Three months on: V1 renamed, V3 moved under T1, V2 a model village, H4 gone, A2 rotated out of V2 and A3 in,
    the problem closed, one more visit and observation."""
    c = county_v1()
    s = c.structure
    units = []
    for u in s.units:
        if u.id == "V1":
            u = attrs.evolve(u, name="一村（更名）")
        elif u.id == "V3":
            u = attrs.evolve(u, parent="T1")
        elif u.id == "V2":
            u = attrs.evolve(u, tags=("model-village",))
        if u.id != "H4":
            units.append(u)
    assignments = [attrs.evolve(a, end=dt.date(2024, 3, 31)) if (a.actor, a.unit) == ("A2", "V2") else a
                   for a in s.assignments] + [Assignment("A3", "township-cadre", "V2", D2)]
    return attrs.evolve(c, structure=attrs.evolve(s, units=tuple(units), assignments=tuple(assignments)),
                        observations=(*c.observations, Observation("V1", "households-cleaned", "2024-03", 9.0)),
                        visits=(*c.visits, Visit("A3", "V2", dt.date(2024, 3, 2), "township-cadre", 0.5, "首次")),
                        problems=(attrs.evolve(c.problems[0], closed=dt.date(2024, 1, 20)),))


def county_v3() -> County:
    """V2 merged into V1: its group moves, V2 closes with its assignments; A3 leaves."""
    c = county_v2()
    s = c.structure
    units = tuple(attrs.evolve(u, parent="V1") if u.parent == "V2" else u for u in s.units if u.id != "V2")
    assignments = tuple(a for a in s.assignments if a.unit != "V2" and a.actor != "A3")
    return attrs.evolve(c, structure=attrs.evolve(s, units=units, actors=s.actors[:2], assignments=assignments),
                        observations=c.observations[:1], visits=c.visits[:2], problems=(), events=c.events)


def files(tmp: Path) -> dict[dt.date, Path]:
    out = {}
    for day, c in ((D1, county_v1()), (D2, county_v2()), (D3, county_v3())):
        out[day] = write_county(c, tmp / f"county-{day}")
    return out


def tables(c: County) -> dict[str, list[str]]:
    """Every table as a sorted list of its records: equal when the same rows are there, in whatever order."""
    s = c.structure
    recs = {"levels": s.levels, "units": s.units, "actors": s.actors, "assignments": s.assignments,
            "observations": c.observations, "visits": c.visits, "problems": c.problems, "points": c.points,
            "events": c.events}
    return {k: sorted(map(repr, v)) for k, v in recs.items()}


def counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        out = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
               for t in ("imports", "units", "actors", "assignments", "visits", "problems")}
    engine.dispose()
    return out


def test_every_table_and_every_version_round_trips(store: str, tmp_path: Path) -> None:
    src = files(tmp_path)
    for day, path in src.items():
        assert import_county(store, path, on=day, sync=True, by="测试").ok
    for i, (day, path) in enumerate(src.items()):
        for probe in (day, day + dt.timedelta(days=30)):
            out = export_store(store, tmp_path / f"export-{i}-{probe}", on=probe)
            assert tables(load_county(out)) == tables(load_county(path)), probe
    assert tables(read_store(store).to_county()) == tables(load_county(src[D3]))  # latest = the last file
    assert tables(read_store(store, dt.date(2023, 12, 31)).to_county())["units"] == []  # before the first import
    xlsx = export_store(store, tmp_path / "county.json", on=D2)
    assert tables(load_county(xlsx)) == tables(load_county(src[D2]))


def test_the_report_counts_and_second_import_writes_nothing(store: str, tmp_path: Path) -> None:
    src = files(tmp_path)
    first = import_county(store, src[D1], on=D1)
    assert first.tables["units"].as_dict() == {"created": 12, "updated": 0, "unchanged": 0, "closed": 0}
    assert first.tables["visits"].created == 2  # a row repeated in a file is kept twice
    again = import_county(store, src[D1], on=D2)
    assert again.rows_written == 0 and again.ok
    assert all(c.created == c.updated == c.closed == 0 for c in again.tables.values())
    second = import_county(store, src[D2], on=D2, sync=True)
    assert second.tables["units"].as_dict() == {"created": 0, "updated": 3, "unchanged": 8, "closed": 1}
    assert second.tables["assignments"].as_dict() == {"created": 1, "updated": 1, "unchanged": 3, "closed": 0}
    assert second.tables["problems"].updated == 1
    before = counts(store)
    third = import_county(store, src[D2], on=D3, sync=True)
    assert third.rows_written == 0 and counts(store) == {**before, "imports": before["imports"] + 1}


def test_dry_run_writes_nothing_and_reports_the_same(store: str, tmp_path: Path) -> None:
    src = files(tmp_path)
    import_county(store, src[D1], on=D1)
    before = counts(store)
    dry = import_county(store, src[D2], on=D2, sync=True, dry_run=True)
    assert counts(store) == before and dry.import_id is None
    real = import_county(store, src[D2], on=D2, sync=True)
    assert {k: v.as_dict() for k, v in dry.tables.items()} == {k: v.as_dict() for k, v in real.tables.items()}


def test_a_failed_import_leaves_the_store_as_it_was(store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = files(tmp_path)
    import_county(store, src[D1], on=D1)
    before, state = counts(store), tables(read_store(store).to_county())
    calls: list[str] = []
    real_insert = bulk.insert

    def failing(conn: Any, table: str, data: Any) -> int:
        calls.append(table)
        if table == "observations":  # after units, actors and assignments were written
            raise RuntimeError("disk full")
        return real_insert(conn, table, data)

    monkeypatch.setattr(bulk, "insert", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        import_county(store, src[D2], on=D2, sync=True)
    assert "units" in calls
    assert counts(store) == before and tables(read_store(store).to_county()) == state


def test_bad_data_is_reported_with_file_row_and_field_and_nothing_written(store: str, tmp_path: Path) -> None:
    src = files(tmp_path)
    units = src[D1] / "units.csv"
    units.write_text(units.read_text(encoding="utf-8-sig").replace(",V1,", ",NOPE,", 1), encoding="utf-8")
    report = import_county(store, src[D1], on=D1)
    assert not report.ok and report.import_id is None and counts(store)["imports"] == 0
    problems = list(report.conflicts())
    assert any(p.file.endswith("units.csv") and p.row and p.field == "parent" for p in problems)
    doc = report.to_json("en")
    assert doc["conflicts"] and doc["conflicts"][0]["file"].endswith("units.csv")


def test_imports_go_forward_in_time(store: str, tmp_path: Path) -> None:
    src = files(tmp_path)
    import_county(store, src[D2], on=D2)
    late = import_county(store, src[D1], on=D1)
    assert not late.ok and [p.field for p in late.conflicts()] == ["--on"]
    assert counts(store)["imports"] == 1


def test_history_and_audit(store: str, tmp_path: Path) -> None:
    from mechanisms.model.levels import DEFAULT_LEVELS
    from mechanisms.store import levels

    assert levels(store) == DEFAULT_LEVELS  # nothing imported yet
    src = files(tmp_path)
    for day, path in src.items():
        import_county(store, path, on=day, sync=True, by=f"office-{day.month}")
    v1 = [v for v in history(store, unit="V1") if v.table == "units"]
    assert [(v.valid_from, v.valid_to, v.values["name"]) for v in v1] == [(D1, D2, "一村"), (D2, None, "一村（更名）")]
    assert v1[1].imported_by == "office-4" and v1[0].closed_by is not None
    v2 = history(store, unit="V2")
    assert {v.valid_to for v in v2 if v.table == "units"} == {D2, D3}  # re-tagged on D2, merged away on D3
    a3 = history(store, actor="A3")
    assert any(v.table == "assignments" and v.values["unit"] == "V2" and v.valid_from == D2 for v in a3)
    assert levels(store) == LEVELS  # as the county names them (村, 屯), for history's text
    log = audit(store).to_pylist()
    assert [r["by"] for r in log] == ["office-1", "office-4", "office-7"]
    assert all(len(r["checksum"]) == 64 and json.loads(r["counts"])["units"] for r in log)


def test_the_cli_import_export_history_and_a_store_as_data(store: str, tmp_path: Path) -> None:
    src = files(tmp_path)
    runner = CliRunner()
    r = runner.invoke(main, ["db", "import", store, str(src[D1]), "--on", "2024-01-01", "--by", "张三"])
    assert r.exit_code == 0, r.output
    assert "新增" in r.output
    r = runner.invoke(main, ["db", "import", store, str(src[D2]), "--on", "2024-04-01", "--sync", "--dry-run",
                             "--format", "csv", "--lang", "en"])
    assert r.exit_code == 0 and r.output.splitlines()[0].startswith("kind,table,created"), r.output
    r = runner.invoke(main, ["db", "import", store, str(src[D2]), "--on", "2024-04-01", "--sync", "--format", "json"])
    assert json.loads(r.output)["tables"]["units"]["updated"] == 3
    r = runner.invoke(main, ["db", "history", store, "--unit", "V1", "--lang", "en"])
    assert r.exit_code == 0 and "一村（更名）" in r.output and "张三" in r.output
    r = runner.invoke(main, ["db", "export", store, "-o", str(tmp_path / "out"), "--on", "2024-02-01"])
    assert r.exit_code == 0 and tables(load_county(tmp_path / "out")) == tables(load_county(src[D1]))
    r = runner.invoke(main, ["validate", store, "--lang", "en"])
    assert r.exit_code == 0 and "OK: 11 units" in r.output, r.output
    # a store as DATA, read as of --on: on 1 February V2 was still worst-hygiene, A2 still answered for it
    r = runner.invoke(main, ["coverage", store, "--mechanism", "example", "--on", "2024-02-01", "--format", "json"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["db", "import", store, str(src[D1]), "--on", "2024-01-01", "--lang", "en"])
    assert r.exit_code == 1 and "rewrite history" in r.output


def test_a_database_that_is_not_a_store_is_refused(store_url: str) -> None:
    r = CliRunner().invoke(main, ["db", "import", store_url, "demo", "--lang", "en"])
    assert r.exit_code == 2 and "db init" in r.output
    assert CliRunner().invoke(main, ["db", "init", store_url]).exit_code == 0
    r = CliRunner().invoke(main, ["db", "init", store_url, "--lang", "en"])
    assert r.exit_code == 2 and "already a store" in r.output
    assert CliRunner().invoke(main, ["db", "upgrade", store_url]).exit_code == 0


IMPORT = ("import sys\nfrom mechanisms.store import import_county\nimport datetime as dt\n"
          "r = import_county(sys.argv[1], sys.argv[2], on=dt.date(2024, 4, 1), by=sys.argv[3])\n"
          "print(r.tables['units'].updated)\n")


def test_two_writers_at_once_never_lose_an_update(store: str, tmp_path: Path) -> None:
    """Two processes import at once, each changing another unit of the same base: the imports serialise, so
    the second sees the first's change (and changes it back, its file holding the old name) — never the base."""
    base = county_v1()
    import_county(store, write_county(base, tmp_path / "base"), on=D1)

    def renamed(uid: str, name: str) -> Path:
        s = base.structure
        units = tuple(attrs.evolve(u, name=name) if u.id == uid else u for u in s.units)
        return write_county(attrs.evolve(base, structure=attrs.evolve(s, units=units)), tmp_path / uid)

    a, b = renamed("V1", "甲"), renamed("V2", "乙")
    procs = [subprocess.Popen([sys.executable, "-c", IMPORT, store, str(p), who], stdout=subprocess.PIPE, text=True)
             for p, who in ((a, "A"), (b, "B"))]
    outs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert sorted(outs) == ["1", "2"]  # serial: the first changes one unit, the second two (its own, and back)
    last = audit(store).to_pylist()[-1]["by"]
    names = {u.id: u.name for u in read_store(store).to_county().structure.units}
    assert (names["V1"], names["V2"]) == (("一村", "乙") if last == "B" else ("甲", "二村"))
    assert counts(store)["imports"] == 3


def test_the_migrated_schema_is_the_schema_module_and_versions_cannot_overlap(store: str, tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from mechanisms.store.schema import metadata

    engine = sa.create_engine(store.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diffs if d[0] not in ("add_index", "remove_index")] == []
    import_county(store, files(tmp_path)[D1], on=D1)
    overlap = ("INSERT INTO units (row_key, id, name, level, seq, valid_from, valid_to, import_id) "
               "VALUES ('V1', 'V1', 'x', 'village', 0, '2023-06-01', '2024-02-01', 1)")
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":  # the exclusion constraint refuses an overlapping version outright
            with pytest.raises(sa.exc.IntegrityError, match="no_overlap"), conn.begin():
                conn.exec_driver_sql(overlap)
        else:  # SQLite: the open version is unique; a closed one that overlaps is the import's check to catch
            with pytest.raises(sa.exc.IntegrityError), conn.begin():
                conn.exec_driver_sql(overlap.replace(", '2024-02-01'", ", NULL").replace("valid_to, ", "valid_to, "))
    engine.dispose()


def test_history_reads_in_the_chosen_language_with_names_not_keys(store: str, tmp_path: Path) -> None:
    """``db history`` as a person reads it: tables and fields by their headers in the chosen language, roles and
    levels by name as the store's county names them (its village level is 村, not the default 村（社区）; ``--keys``
    keeps keys), and who imported each version, when, from what."""
    import re

    src = files(tmp_path)
    import_county(store, src[D1], on=D1, by="张三")
    import_county(store, src[D2], on=D2, by="李四", sync=True)
    runner = CliRunner()

    def lines(*extra: str) -> list[str]:
        r = runner.invoke(main, ["db", "history", store, "--unit", "V1", *extra])
        assert r.exit_code == 0, r.output
        return [re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", "AT", line) for line in r.output.splitlines()]

    assert lines() == [
        f"2024-01-01 – 至今  包保  人员=A2；角色=乡镇干部包村；单位=V1；开始日期=2024-01-01（AT 由 张三 导入，来源 {src[D1]}）",
        f"2024-01-01 – 2024-04-01  单位  编号=V1；名称=一村；层级=村；上级=T1（AT 由 张三 导入，来源 {src[D1]}）",
        f"2024-04-01 – 至今  单位  编号=V1；名称=一村（更名）；层级=村；上级=T1（AT 由 李四 导入，来源 {src[D2]}）"]
    assert lines("--lang", "en")[0] == ("2024-01-01 – now  assignments  actor=A2; role=township cadre for a village; "
                                        f"unit=V1; start=2024-01-01  (imported AT by 张三 from {src[D1]})")
    assert "角色=township-cadre；" in lines("--keys")[0] and "层级=village；" in lines("--keys")[1]
    csv_rows = list(csv.reader(io.StringIO("\n".join(lines("--format", "csv")))))  # the values as the text has them
    assert csv_rows[0] == ["table", "key", "valid_from", "valid_to", "values", "imported_at", "imported_by", "source"]
    assert csv_rows[1][:2] == ["assignments", "A2 / township-cadre / V1 / 2024-01-01"]  # no control characters
    assert csv_rows[1][2:5] == ["2024-01-01", "", "人员=A2；角色=乡镇干部包村；单位=V1；开始日期=2024-01-01"]
    assert "角色=township-cadre；" in list(csv.reader(io.StringIO("\n".join(lines("--format", "csv", "--keys")))))[1][4]


def test_history_masks_a_households_name_in_every_format_unless_asked(store: str, tmp_path: Path) -> None:
    """A household's name is a person's (户1 stands for 张三家): ``db history`` masks it in text, CSV and JSON, and
    ``--show-personal`` shows it; a village's name is shown as written."""
    import_county(store, files(tmp_path)[D1], on=D1)
    runner = CliRunner()

    def out(unit: str, *extra: str) -> str:
        r = runner.invoke(main, ["db", "history", store, "--unit", unit, *extra])
        assert r.exit_code == 0, r.output
        return r.output

    for fmt in ("table", "csv", "json"):
        assert "户1" not in out("H1", "--format", fmt) and "户*" in out("H1", "--format", fmt)
        assert "户1" in out("H1", "--format", fmt, "--show-personal")
    assert json.loads(out("H1", "--format", "json"))[-1]["values"]["name"] == "户*"
    assert "名称=一村；" in out("V1")
    assert [v.values["name"] for v in history(store, unit="H1") if v.table == "units"] == ["户1"]  # the library's data
