"""The columnar snapshot (store/snapshot.py) against the SQL read, on SQLite and PostgreSQL: the same rows in the
same order and types as of every day asked, in one part or many; a snapshot no longer current (a row written behind
the importer's back) is not used; a store made at revision 0001 upgrades, reads through SQL, and its next import
writes the snapshot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest
import sqlalchemy as sa
from alembic import command

from mechanisms.store import bulk, import_county, read_store, snapshot, upgrade
from mechanisms.store.migrate import _config, current
from mechanisms.store.schema import SPECS, fields
from mechanisms.store.urls import make_engine
from tests.test_store import D1, D2, D3, files, tables

DAYS = (None, dt.date(2023, 12, 31), D1, D1 + dt.timedelta(days=30), D2, D2 + dt.timedelta(days=1),
        D3 - dt.timedelta(days=1), D3, D3 + dt.timedelta(days=365))


def _sql(conn: sa.Connection, name: str, on: dt.date | None) -> pa.Table:
    where, params = bulk.as_of_clause(on, conn.dialect.name == "postgresql")
    return bulk.select(conn, name, list(fields(SPECS[name])), where, params)


def _import_all(url: str, tmp_path: Path) -> None:
    for day, path in files(tmp_path).items():
        assert import_county(url, path, on=day, sync=True, by="测试").ok


def _assert_same_as_sql(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            snaps = snapshot.load(conn, list(SPECS))
            assert sorted(snaps) == sorted(SPECS)  # every table has a current snapshot
            for name in SPECS:
                assert snaps[name].equals(snapshot.read_all(conn, name)), name  # every version, every field
                for day in DAYS:
                    ours, theirs = snapshot.as_of(snaps[name], name, day), _sql(conn, name, day)
                    assert ours.schema == theirs.schema, (name, day)
                    assert ours.to_pylist() == theirs.to_pylist(), (name, day)
    finally:
        engine.dispose()


def test_the_snapshot_is_the_sql_read_as_of_every_day(store: str, tmp_path: Path) -> None:
    _import_all(store, tmp_path)
    _assert_same_as_sql(store)


def test_a_snapshot_in_many_parts_is_the_same(store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "PART_ROWS", 3)
    _import_all(store, tmp_path)
    engine = make_engine(store)
    with engine.connect() as conn:
        parts = {str(k): int(v) for k, v in conn.exec_driver_sql("SELECT name, count(*) FROM snapshots GROUP BY name")}
        rows = {n: conn.exec_driver_sql(f"SELECT count(*) FROM {n}").scalar_one() for n in SPECS}
    engine.dispose()
    assert parts == {n: max(1, -(-rows[n] // 3)) for n in SPECS}  # an empty table: one part, the schema alone
    assert rows["units"] > 12
    _assert_same_as_sql(store)


def test_an_unchanged_import_keeps_the_snapshot_and_a_dry_run_writes_none(store: str, tmp_path: Path) -> None:
    src = files(tmp_path)
    assert import_county(store, src[D1], on=D1, dry_run=True).ok
    engine = make_engine(store)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM snapshots").scalar_one() == 0
    first = import_county(store, src[D1], on=D1)
    again = import_county(store, src[D1], on=D1)
    assert again.rows_written == 0 and again.import_id != first.import_id
    with engine.connect() as conn:  # still the first import's snapshots, and still current
        assert {r[0] for r in conn.exec_driver_sql("SELECT DISTINCT import_id FROM snapshots")} == {first.import_id}
        assert sorted(snapshot.load(conn, list(SPECS))) == sorted(SPECS)
    engine.dispose()


def test_a_row_written_behind_the_importers_back_is_read_through_sql(store: str, tmp_path: Path) -> None:
    src = files(tmp_path)
    import_county(store, src[D1], on=D1)
    engine = make_engine(store)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO units (row_key, id, name, level, parent, seq, valid_from, import_id) "
                             "VALUES ('X9', 'X9', '手加', 'village', 'T1', 99, '2024-01-01', 1)")
    with engine.connect() as conn:
        stale = snapshot.load(conn, list(SPECS))
    engine.dispose()
    assert "units" not in stale and "actors" in stale
    assert "X9" in {u.id for u in read_store(store).to_county().structure.units}
    import_county(store, src[D2], on=D2)  # the next import writes the snapshot from the table, hand-made row and all
    _assert_same_as_sql(store)


def test_a_store_made_at_0001_upgrades_and_its_next_import_writes_the_snapshot(store: str, tmp_path: Path) -> None:
    """A 0001 store holding a county: made here by importing, then migrating down to 0001 (which drops the
    snapshots table and nothing else); then ``db upgrade`` and a read through SQL, then an import."""
    src = files(tmp_path)
    import_county(store, src[D1], on=D1)
    expected = tables(read_store(store).to_county())
    engine = make_engine(store)
    with engine.begin() as conn:
        command.downgrade(_config(conn), "0001")
    assert current(engine) == "0001"
    assert "snapshots" not in sa.inspect(engine).get_table_names()
    engine.dispose()
    assert upgrade(store) == ("0001", "0003")
    assert tables(read_store(store).to_county()) == expected  # no snapshot: the SQL path
    assert tables(read_store(store, D1).to_county()) == expected
    import_county(store, src[D2], on=D2)
    import_county(store, src[D3], on=D3, sync=True)
    _assert_same_as_sql(store)


def test_a_load_in_long_stretches_is_stored_as_given(store: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Large enough for every shortcut of the SQLite load (bulk.py): a level constant over a long stretch of rows,
    ``row_id`` and ``seq`` one a constant away from the other, key fields NULL in some rows, a row key repeated
    (``#2``). What SQL reads back is what the import meant to write, to the byte (the snapshot holds the latter)."""
    import attrs

    from mechanisms.county.org import Assignment, Unit
    from mechanisms.io.county_io import write_county
    from tests.test_store import county_v1

    n = 2 * bulk.RUN_ROWS + 7
    c = county_v1()
    s = c.structure
    homes = tuple(Unit(f"K{i}", f"户{i}", "household", "G1") for i in range(n))
    links = tuple(Assignment("A2" if i % 3 else "A1", "party-member" if i <= bulk.RUN_ROWS else "group-head", f"K{i}",
                             D1 if i % 2 else None, mechanism="example" if i % 5 == 0 else None) for i in range(n))
    big = attrs.evolve(c, structure=attrs.evolve(s, units=(*s.units, *homes), assignments=(*s.assignments, *links)),
                       events=(*c.events, *c.events))  # one event twice: its second row key is ...#2
    loads: list[tuple[str, int]] = []
    real = bulk._sqlite_load

    def spy(cur: object, table: str, data: pa.Table) -> None:
        loads.append((table, data.num_rows))
        real(cur, table, data)

    monkeypatch.setattr(bulk, "_sqlite_load", spy)
    report = import_county(store, write_county(big, tmp_path / "big"), on=D1)
    if not store.startswith("postgresql"):  # the role changes once: two stretches, each its own load
        assert [k for t, k in loads if t == "assignments"] == [4 + bulk.RUN_ROWS + 1, n - bulk.RUN_ROWS - 1]
    assert report.ok and report.tables["units"].created == len(s.units) + n
    _assert_same_as_sql(store)
    engine = make_engine(store)
    with engine.connect() as conn:
        keys = [r[0] for r in conn.exec_driver_sql("SELECT row_key FROM assignments WHERE unit IN ('K0', 'K1') "
                                                   "ORDER BY row_id")]
        events = [r[0] for r in conn.exec_driver_sql("SELECT row_key FROM events ORDER BY row_id")]
    engine.dispose()
    assert keys == ["A1\x1fparty-member\x1fK0\x1fexample\x1f\x1e", "A2\x1fparty-member\x1fK1\x1f\x1e\x1f2024-01-01"]
    assert events == [events[0], events[0] + "#2"]
