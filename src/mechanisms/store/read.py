"""Reading the store: the county as of a day (through columns, like the files), export, and a row's history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pyarrow as pa
import sqlalchemy as sa

from ..errors import UsageError
from ..io.columns import ColumnarCounty
from ..model.labels import Label, Lang
from ..model.levels import Level
from ..model.safe_text import mask_person_name
from . import bulk, snapshot
from .codec import decode
from .migrate import require_current
from .schema import SPECS, fields, import_days, imports
from .urls import make_engine

if TYPE_CHECKING:
    from ..io.county_write import CountyFormat


def read_store(url: str, on: dt.date | None = None, *, require_records: bool = False) -> ColumnarCounty:
    """The county the store holds as of ``on`` (``None``: the latest version of every row), in one transaction:
    from the columnar snapshot the last import wrote (:mod:`.snapshot`), through SQL where there is none.

    Before the first import the store held nothing, and that is what it gives (an empty county). With
    ``require_records`` (a store URL given as a command's DATA, ``db export``) a store nothing was imported into,
    or a day before its first import, is refused instead, naming that first day: ``coverage`` would say the
    county has no units and an export would write empty tables, when what the office needs to know is the day
    the records begin."""
    engine = make_engine(url)
    require_current(engine, url)
    try:
        with engine.connect() as conn, conn.begin():
            if conn.dialect.name == "postgresql":  # one snapshot for every table: never half an import
                conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            if require_records:
                _require_records(conn, url, on)
            where, params = bulk.as_of_clause(on, conn.dialect.name == "postgresql")
            snaps = snapshot.load(conn, list(SPECS), keys=False)  # a blob and a filter where the last import left a snapshot
            tables = {name: snapshot.as_of(snaps[name], name, on) if name in snaps else
                      bulk.select(conn, name, list(fields(spec)), where, params) for name, spec in SPECS.items()}
    finally:
        engine.dispose()
    if tables["levels"].num_rows:
        tables["levels"] = tables["levels"].sort_by("position")
    return decode(tables, url)


def _require_records(conn: sa.Connection, url: str, on: dt.date | None) -> None:
    first = import_days(conn)[0]
    if first is None:
        raise UsageError(f"{url} is empty: nothing has been imported yet (`mechanisms db import {url} DATA`)",
                         zh=f"{url} 是空的：还没有导入任何数据（`mechanisms db import {url} DATA`）")
    if on is not None and on < first:
        raise UsageError(f"{url} holds nothing as of {on}: its first import is as of {first}",
                         zh=f"{url} 在 {on} 还没有任何数据：最早一次导入的生效日是 {first}")


def export_store(url: str, dest: str | Path, *, on: dt.date | None = None, fmt: CountyFormat | None = None,
                 overwrite: bool = False, headers: Lang | None = None, require_records: bool = False) -> Path:
    """Write the county as of ``on`` to ``dest`` in any format the loaders read (a folder, .xlsx, .json, .yaml);
    ``headers`` is the language of sheet names and headers, as :func:`~mechanisms.io.county_write.write_county`
    takes it (``zh``: 单位/编号 …, for an office that types into the sheet; default English field names)."""
    from ..io.county_write import write_county  # the writers only for an export, not for every read

    county = read_store(url, on, require_records=require_records).to_county()
    return write_county(county, dest, fmt=fmt, overwrite=overwrite, headers=headers)


@attrs.frozen
class Version:
    """One version of a row: when it held, what it said, and the imports that began and ended it."""

    table: str
    key: str
    valid_from: dt.date
    valid_to: dt.date | None
    values: dict[str, Any]
    imported_at: str
    imported_by: str
    source: str
    closed_by: int | None
    personal: bool = False
    """Whether ``values["name"]`` is a person's: a unit of the store's last level (a household, 张三家), which
    every output masks unless asked (:meth:`masked`)."""

    def masked(self) -> Version:
        """The version with a household's name masked (张**): what is shown without ``--show-personal``."""
        name = self.values.get("name")
        if not self.personal or not isinstance(name, str) or not name:
            return self
        return attrs.evolve(self, values={**self.values, "name": mask_person_name(name)})

    def to_json(self) -> dict[str, Any]:
        return {"table": self.table, "key": self.key, "valid_from": self.valid_from.isoformat(),
                "valid_to": self.valid_to.isoformat() if self.valid_to else None, "values": self.values,
                "imported_at": self.imported_at, "imported_by": self.imported_by, "source": self.source,
                "closed_by": self.closed_by}


def history(url: str, *, unit: str | None = None, actor: str | None = None) -> list[Version]:
    """Every version of the unit (or actor) and of the assignments that name it, oldest first."""
    if (unit is None) == (actor is None):
        raise ValueError("give exactly one of unit and actor")
    ident = unit if unit is not None else actor
    table = "units" if unit is not None else "actors"
    engine = make_engine(url)
    require_current(engine, url)
    out: list[Version] = []
    try:
        with engine.connect() as conn:
            pg = conn.dialect.name == "postgresql"
            mark = "%s" if pg else "?"
            audit = {r.id: r for r in conn.execute(imports.select())}
            levels = bulk.select(conn, "levels", ["key"], "valid_to IS NULL", order="position").column("key")
            household = levels[-1].as_py() if len(levels) else None  # the last level: households, persons' names
            for name, field in ((table, "id"), ("assignments", "unit" if unit is not None else "actor")):
                cols = ["row_key", *fields(SPECS[name]), "valid_from", "valid_to", "import_id", "closed_by"]
                t = bulk.select(conn, name, cols, f'"{field}" = {mark}', (ident,), order="valid_from, row_id")
                for row in t.to_pylist():
                    imp = audit[row["import_id"]]
                    values = {f: row[f].isoformat() if isinstance(row[f], dt.date) else row[f]
                              for f in fields(SPECS[name])}
                    out.append(Version(name, row["row_key"], row["valid_from"], row["valid_to"], values,
                                       str(imp.at), imp.by, imp.source, row["closed_by"],
                                       name == "units" and household is not None and values.get("level") == household))
    finally:
        engine.dispose()
    out.sort(key=lambda v: (v.valid_from, v.table))
    return out


def levels(url: str) -> tuple[Level, ...]:
    """The store's levels as its latest import names them (镇（街道）, 行政村 …), top first; the default five where
    nothing has been imported. ``db history`` names a version's level by them, as the county's own files do."""
    from ..model.levels import DEFAULT_LEVELS

    engine = make_engine(url)
    require_current(engine, url)
    try:
        with engine.connect() as conn:
            t = bulk.select(conn, "levels", ["key", "zh", "en"], "valid_to IS NULL", order="position")
    finally:
        engine.dispose()
    rows = t.to_pylist()
    return tuple(Level(r["key"], Label(r["zh"] or "", r["en"] or "")) for r in rows if r["key"]) or DEFAULT_LEVELS


def audit(url: str) -> pa.Table:
    """The audit table: one row per import."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(imports.select().order_by(imports.c.id))]
    finally:
        engine.dispose()
    return pa.Table.from_pylist(rows) if rows else pa.table({})
