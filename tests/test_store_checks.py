"""The store's guarantees a user relies on, on SQLite and PostgreSQL: the migration makes exactly the schema module's
tables and indexes, overlapping versions are refused (by the database on PostgreSQL, by the import's own check on
SQLite), the import report reads the same in every --format, and ``reassign --apply`` into a store imports the new
assignments dated --on, audited with --by."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from mechanisms.cli import main
from mechanisms.io.county_io import load_county, write_county
from mechanisms.store import history, import_county, read_store
from mechanisms.store.read import audit
from tests.test_store import D1, D2, counts, county_v1, county_v2, files, tables


def _engine(url: str) -> sa.Engine:
    return sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))


def test_the_migration_makes_exactly_the_schema_modules_tables_and_indexes(store: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from mechanisms.store.schema import TABLES, metadata

    engine = _engine(store)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
        inspector = sa.inspect(conn)
        indexes = {t: {(i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in inspector.get_indexes(t)}
                   for t in TABLES}
        exclusions = []
        if engine.dialect.name == "postgresql":
            exclusions = sorted(r[0] for r in conn.exec_driver_sql(
                "SELECT conname FROM pg_constraint WHERE contype = 'x'"))
    engine.dispose()
    # PostgreSQL's exclusion constraints live behind a gist index the schema module does not declare
    assert [d for d in diffs if not (d[0] == "remove_index" and d[1].name.endswith("_no_overlap"))] == []
    for name in TABLES:
        found = {i for i in indexes[name] if not str(i[0]).endswith("_no_overlap")}
        assert found == {(f"{name}_open", ("row_key",), True)}
    if exclusions:
        assert exclusions == sorted(f"{t}_no_overlap" for t in TABLES)


def test_an_import_that_would_overlap_a_version_is_refused_and_writes_nothing(store: str, tmp_path: Path) -> None:
    """A version ending in the future, written behind the importer's back: PostgreSQL refuses the row itself;
    on SQLite the row goes in (no exclusion constraint), and the next import that adds a version of the same
    row is refused by the check inside its transaction, naming the table and the row."""
    src = files(tmp_path)
    import_county(store, src[D1], on=D1)
    stray = ("INSERT INTO units (row_key, id, name, level, parent, seq, valid_from, valid_to, import_id) "
             "VALUES ('V1', 'V1', '旧名', 'village', 'T1', 0, '2023-06-01', '2025-01-01', 1)")
    engine = _engine(store)
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            with pytest.raises(sa.exc.IntegrityError, match="units_no_overlap"), conn.begin():
                conn.exec_driver_sql(stray)
            engine.dispose()
            return
        with conn.begin():
            conn.exec_driver_sql(stray)
    engine.dispose()
    before = counts(store)
    report = import_county(store, src[D2], on=D2, sync=True)  # renames V1: a new version from D2
    assert not report.ok and report.import_id is None
    assert [(p.file, p.row, p.en, p.message) for p in report.conflicts()] == [
        (report.source, None, "versions of units V1 would overlap in time", "units 的 V1 的版本时间重叠")]
    assert counts(store) == before


def test_the_sqlite_overlap_check_finds_an_imports_versions_through_the_open_index(tmp_path: Path) -> None:
    """The check inside a SQLite import looks up the versions it added by key: through ``<table>_open`` (those
    versions are all open), not by scanning the table once a suspect row — the plan SQLite says it takes.
    (SQLite only: on PostgreSQL the exclusion constraint refuses an overlap itself, and no such check runs.)"""
    from mechanisms.store import init
    from mechanisms.store.importer import overlap_sql

    store = f"sqlite:///{tmp_path / 'county.db'}"
    init(store)
    import_county(store, files(tmp_path)[D1], on=D1)
    engine = _engine(store)
    with engine.connect() as conn:
        for name in ("units", "assignments"):
            plan = [r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {overlap_sql(name)}", ("2024-01-01", 1))]
            assert any(p.startswith(f"SEARCH a USING INDEX {name}_open (row_key=?)") for p in plan), plan
    engine.dispose()


def test_the_import_report_in_every_format(store: str, tmp_path: Path) -> None:
    src = files(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["db", "import", store, str(src[D1]), "--on", "2024-01-01"]).exit_code == 0
    args = ["db", "import", store, str(src[D2]), "--on", "2024-04-01", "--sync", "--dry-run"]
    r = runner.invoke(main, [*args, "--lang", "en"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split() == ["table", "created", "updated", "unchanged", "closed"]
    assert lines[2].split() == ["units", "0", "3", "8", "1"]
    assert lines[-1] == (f"would import {src[D2]} into {store} as of 2024-04-01: 3 created, 5 updated, "
                         "25 unchanged, 1 closed")
    r = runner.invoke(main, [*args])
    assert r.output.splitlines()[0].split() == ["表", "新增", "更新", "未变", "关闭"]
    assert r.output.splitlines()[-1].startswith("试导入（未写入）") and "新增 3，更新 5，未变 25，关闭 1" in r.output
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, [*args, "--format", "csv"]).output)))
    assert [(x["kind"], x["table"], x["created"], x["updated"], x["unchanged"], x["closed"]) for x in rows[:3]] == [
        ("table", "levels", "0", "0", "5", "0"), ("table", "units", "0", "3", "8", "1"),
        ("table", "actors", "0", "0", "3", "0")]
    doc = json.loads(runner.invoke(main, [*args, "--format", "json"]).output)
    assert doc["dry_run"] and doc["ok"] and doc["import_id"] is None and doc["rows_written"] == 0
    assert doc["tables"]["assignments"] == {"created": 1, "updated": 1, "unchanged": 3, "closed": 0}
    assert counts(store)["imports"] == 1  # the dry runs wrote nothing, not even an audit row
    # a conflict: one line naming file, row and field in every format, exit 1, nothing written
    units = src[D2] / "units.csv"
    units.write_text(units.read_text(encoding="utf-8-sig").replace(",T1,", ",NOPE,", 1), encoding="utf-8")
    bad = ["db", "import", store, str(src[D2]), "--on", "2024-04-01", "--lang", "en"]
    r = runner.invoke(main, bad)
    assert r.exit_code == 1 and r.output.splitlines()[-1] == "conflicts: nothing was written"
    assert "units.csv" in r.output and "parent" in r.output and "Traceback" not in r.output
    r = runner.invoke(main, [*bad, "--format", "json"])
    (conflict,) = json.loads(r.output)["conflicts"]
    assert conflict["file"].endswith("units.csv") and conflict["field"] == "parent" and conflict["row"] >= 2
    r = runner.invoke(main, [*bad, "--format", "csv"])
    assert [x["kind"] for x in csv.DictReader(io.StringIO(r.output))] == ["conflict"]
    assert counts(store)["imports"] == 1


def test_reassign_apply_into_a_store_imports_the_new_assignments_as_of_on(store: str, tmp_path: Path) -> None:
    runner = CliRunner()
    assert import_county(store, "demo", on=dt.date(2025, 1, 1)).ok
    before = read_store(store).to_county()
    leavers = tmp_path / "leaving.txt"
    leavers.write_text("PM005\nD3\n", encoding="utf-8")
    args = ["reassign", store, "--mechanism", "example", "--leaving-file", str(leavers), "--apply", "--on",
            "2025-02-01"]
    r = runner.invoke(main, [*args, "--by", "调度员", "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    moves, report = len(doc["moves"]), doc["import"]
    ended = sum(a.actor in ("PM005", "D3") and a.mechanism in (None, "example") for a in before.structure.assignments)
    assert list(report["tables"]) == ["assignments"]
    assert report["tables"]["assignments"] == {"created": moves, "updated": ended, "closed": 0,
                                               "unchanged": len(before.structure.assignments) - ended}
    last = audit(store).to_pylist()[-1]
    assert last["by"] == "调度员" and last["source"] == f"reassign --apply example ({moves} moves)"
    assert last["on_date"] in (dt.date(2025, 2, 1), "2025-02-01")
    # the county as of the day is covered, the day before it is the county as it was; other tables untouched
    r = runner.invoke(main, ["coverage", store, "--mechanism", "example", "--on", "2025-02-01", "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output)["gaps"] == []
    assert tables(read_store(store, dt.date(2025, 1, 31)).to_county()) == tables(before)
    after = read_store(store).to_county()
    assert {k: v for k, v in tables(after).items() if k != "assignments"} == \
        {k: v for k, v in tables(before).items() if k != "assignments"}
    pm005 = [v for v in history(store, actor="PM005") if v.table == "assignments" and v.valid_from == dt.date(2025, 2, 1)]
    assert pm005 and all(v.values["end"] == "2025-01-31" for v in pm005)
    # into a store the day is required, and --by belongs to a store
    r = runner.invoke(main, [*args[:-2], "--all-dates", "--lang", "en"])
    assert r.exit_code == 2 and "--on" in r.output
    r = runner.invoke(main, ["reassign", "demo", "--mechanism", "example", "--share", "0.1", "--apply", "-o",
                             str(tmp_path / "new.json"), "--by", "x", "--lang", "en"])
    assert r.exit_code == 2 and "--by" in r.output


def test_a_store_export_loads_as_the_file_it_came_from(store: str, tmp_path: Path) -> None:
    """Both files of the round trip in Excel: the office's format keeps every table and every version too."""
    first = write_county(county_v1(), tmp_path / "v1.xlsx")
    second = write_county(county_v2(), tmp_path / "v2.xlsx")
    assert import_county(store, first, on=D1).ok and import_county(store, second, on=D2, sync=True).ok
    r = CliRunner().invoke(main, ["db", "export", store, "-o", str(tmp_path / "out.xlsx"), "--on", "2024-03-31"])
    assert r.exit_code == 0, r.output
    assert tables(load_county(tmp_path / "out.xlsx")) == tables(load_county(first))


def test_every_double_and_text_comes_back_as_it_went_in(store: str, tmp_path: Path) -> None:
    """No rounding on the way through (SQLite writes doubles into JSON with 15 digits), no text mangled."""
    import attrs

    from mechanisms.county.records import Observation

    values = [0.1 + 0.2, 1 / 3, 2.5e-300, -1.7976931348623157e308, 123456789.12345679, None]
    c = county_v1()
    names = {"V1": '引号"与,逗号', "V2": "换行\n之后", "V3": "分号;与\\反斜杠"}
    units = tuple(attrs.evolve(u, name=names.get(u.id, u.name)) for u in c.structure.units)
    c = attrs.evolve(c, structure=attrs.evolve(c.structure, units=units), observations=tuple(
        Observation("V1", "households-cleaned", f"2024-{i + 1:02}", v) for i, v in enumerate(values)))
    assert import_county(store, write_county(c, tmp_path / "c.json"), on=D1).ok
    back = read_store(store).to_county()
    assert [o.value for o in back.observations] == values
    assert {u.id: u.name for u in back.structure.units if u.id in names} == names


def test_a_bulk_load_keeps_every_index_and_its_uniqueness(store: str, tmp_path: Path) -> None:
    """A load larger than the table (SQLite rebuilds the indexes after the rows) leaves the same indexes, and the
    open version of a row is still unique."""
    import attrs

    from mechanisms.county.records import Observation
    from mechanisms.store import bulk

    days = [(dt.date(1990, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(bulk.REBUILD_AT + 5)]
    many = tuple(Observation("V1", "households-cleaned", day, float(i)) for i, day in enumerate(days))
    c = attrs.evolve(county_v1(), observations=many)
    assert import_county(store, write_county(c, tmp_path / "many"), on=D1).tables["observations"].created == len(many)
    engine = _engine(store)
    with engine.connect() as conn:
        found = {(i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in sa.inspect(conn).get_indexes(
            "observations") if not str(i["name"]).endswith("_no_overlap")}
        assert found == {("observations_open", ("row_key",), True)}
    with engine.connect() as conn, pytest.raises(sa.exc.IntegrityError), conn.begin():
        conn.exec_driver_sql("INSERT INTO observations (row_key, unit, indicator, period, seq, valid_from, "
                             "import_id) VALUES ('V1\x1fhouseholds-cleaned\x1f1990-01-08', 'V1', "
                             "'households-cleaned', '1990-01-08', 0, '2024-02-01', 1)")
    engine.dispose()
    assert [o.value for o in read_store(store).to_county().observations] == [o.value for o in many]


def test_db_export_writes_headers_in_the_chosen_language(store: str, tmp_path: Path) -> None:
    """``db export`` as ``generate`` and ``staff``: --headers zh|en, default --lang (zh unless told); both load back."""
    src = files(tmp_path)
    import_county(store, src[D1], on=D1)
    runner = CliRunner()
    outs = {}
    for name, extra in (("default", []), ("en", ["--headers", "en"]), ("lang-en", ["--lang", "en"])):
        outs[name] = tmp_path / f"export-{name}"
        r = runner.invoke(main, ["db", "export", store, "-o", str(outs[name]), *extra])
        assert r.exit_code == 0, r.output
        assert tables(load_county(outs[name])) == tables(load_county(src[D1]))
    for name in ("en", "lang-en"):
        assert (outs[name] / "units.csv").read_text(encoding="utf-8-sig").splitlines()[0].startswith("id,name,")
    assert not (outs["default"] / "units.csv").exists()  # zh: the sheet and its headers in Chinese
    first = next(p for p in outs["default"].iterdir() if p.suffix == ".csv").read_text(encoding="utf-8-sig")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in first.splitlines()[0])


def test_a_store_that_cannot_be_opened_is_one_line_in_the_readers_language(tmp_path: Path) -> None:
    """A mistyped SQLite path is refused, and no empty file is left behind (SQLite would make one); a file that is
    not a database, a server that is not there: one line with the driver's words, exit 1, no traceback; a
    database that is not a store yet says what to run — in Chinese unless --lang en."""
    runner = CliRunner()
    missing = tmp_path / "typo.db"
    r = runner.invoke(main, ["coverage", f"sqlite:///{missing}", "--mechanism", "example"])
    assert r.exit_code == 2 and r.output.splitlines() == [
        f"错误：sqlite:///{missing}：文件不存在（`mechanisms db init sqlite:///{missing}` 可新建存储）"]
    r = runner.invoke(main, ["db", "import", f"sqlite:///{missing}", str(files(tmp_path)[D1]), "--lang", "en"])
    assert r.exit_code == 2 and r.output.splitlines() == [
        f"Error: sqlite:///{missing}: no such file (`mechanisms db init sqlite:///{missing}` makes a new store)"]
    assert not missing.exists()
    text = tmp_path / "notes.db"
    text.write_text("not a database\n", encoding="utf-8")
    r = runner.invoke(main, ["coverage", f"sqlite:///{text}", "--mechanism", "example"])
    assert r.exit_code == 1 and r.output.splitlines() == ["错误：无法使用数据库：file is not a database"]
    r = runner.invoke(main, ["coverage", "postgresql://nobody@127.0.0.1:1/nowhere", "--mechanism", "example",
                             "--lang", "en"])
    assert r.exit_code == 1 and len(r.output.splitlines()) == 1, r.output
    assert r.output.startswith("Error: the database could not be used: ") and "Traceback" not in r.output
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    empty.write_bytes(b"")
    r = runner.invoke(main, ["db", "export", f"sqlite:///{empty}", "-o", str(tmp_path / "out")])
    assert r.exit_code == 2 and r.output.splitlines() == [
        f"错误：sqlite:///{empty} 还不是存储：请先运行 `mechanisms db init sqlite:///{empty}`"]


def test_usage_errors_of_store_and_output_commands_are_in_chinese_by_default(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'county.db'}"
    assert runner.invoke(main, ["db", "init", url]).exit_code == 0
    r = runner.invoke(main, ["db", "init", url])
    assert r.exit_code == 2 and r.output.splitlines() == [
        f"错误：{url} 已经是存储（结构版本 0003）；`mechanisms db upgrade {url}` 可将其升级到最新"]
    r = runner.invoke(main, ["db", "history", url])
    assert r.exit_code == 2 and r.output.splitlines()[-1] == "错误：请只给 --unit ID 与 --actor ID 中的一个"
    r = runner.invoke(main, ["generate", "-o", str(tmp_path / "county.csv")])
    assert r.exit_code == 2 and r.output.splitlines() == [
        f"错误：{tmp_path / 'county.csv'}：县的数据以 CSV 文件的文件夹写出；请给文件夹，而不是一个 CSV 文件"]
    r = runner.invoke(main, ["db", "init", "mysql://x/y"])
    assert r.exit_code == 2 and r.output.splitlines() == [
        "错误：mysql://x/y：存储地址应为 sqlite:///文件 或 postgresql://用户@主机:端口/数据库"]


def test_the_schema_a_command_requires_is_the_newest_migration_and_is_read_without_alembic(tmp_path: Path) -> None:
    """``HEAD`` is the migration scripts' own head (a new migration must move it), and a command that reads a store
    asks its revision without importing Alembic (a sixth of a second of every store command's start)."""
    import subprocess
    import sys

    from mechanisms.store import init
    from mechanisms.store.migrate import HEAD, script_head

    assert script_head() == HEAD
    url = f"sqlite:///{tmp_path / 'county.db'}"
    init(url)
    code = ("import sys\nfrom mechanisms.store.migrate import current, require_current\n"
            "from mechanisms.store.urls import make_engine\n"
            f"e = make_engine({url!r})\nrequire_current(e, {url!r})\nprint(current(e), 'alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [HEAD, "False"]


def test_data_before_the_stores_first_import_is_refused_naming_that_day(store: str, tmp_path: Path) -> None:
    """As a command's DATA (and for ``db export``) a store with nothing imported by the day asked for is refused,
    naming the day its records begin; the library's ``read_store`` still gives the empty county of that day."""
    runner = CliRunner()
    r = runner.invoke(main, ["validate", store])
    assert r.exit_code == 2 and r.output.splitlines() == [
        f"错误：{store} 是空的：还没有导入任何数据（`mechanisms db import {store} DATA`）"]
    import_county(store, files(tmp_path)[D1], on=D1)
    r = runner.invoke(main, ["coverage", store, "--mechanism", "example", "--on", "2023-12-31"])
    assert r.exit_code == 2 and r.output.splitlines() == [
        f"错误：{store} 在 2023-12-31 还没有任何数据：最早一次导入的生效日是 2024-01-01"]
    out = tmp_path / "export"
    r = runner.invoke(main, ["db", "export", store, "-o", str(out), "--on", "2023-12-31", "--lang", "en"])
    assert r.exit_code == 2 and r.output.splitlines() == [
        f"Error: {store} holds nothing as of 2023-12-31: its first import is as of 2024-01-01"]
    assert not out.exists()
    assert tables(read_store(store, dt.date(2023, 12, 31)).to_county())["units"] == []
    assert runner.invoke(main, ["coverage", store, "--mechanism", "example", "--on", "2024-01-01"]).exit_code == 0


def test_a_store_urls_password_is_never_printed(pg_server: str, tmp_path: Path) -> None:
    """A shared county system's URL carries a password: messages, the import report (text and JSON) and the
    created-store line show it as ``***`` (the session's cluster trusts the password it is given)."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    url = f"{pg_server}/{name}".replace("postgresql://postgres@", "postgresql://postgres:s3cret@")
    shown = url.replace(":s3cret@", ":***@")
    runner = CliRunner()
    r = runner.invoke(main, ["coverage", url, "--mechanism", "example"])
    assert r.exit_code == 2 and r.output.splitlines() == [
        f"错误：{shown} 还不是存储：请先运行 `mechanisms db init {shown}`"]
    r = runner.invoke(main, ["db", "init", url])
    assert r.exit_code == 0 and shown in r.output
    src = files(tmp_path)[D1]
    for args in ([], ["--format", "json"]):
        r = runner.invoke(main, ["db", "import", url, str(src), "--on", "2024-01-01", "--dry-run", *args])
        assert r.exit_code == 0, r.output
        assert "s3cret" not in r.output and shown in r.output
    assert json.loads(r.output)["url"] == shown
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
