"""``mechanisms db``: the county store — create it, migrate it, import into it, export from it, ask its history.

The commands only parse options and print what :mod:`mechanisms.store` returns; a library user gets the same
from Python (``import_county``, ``export_store``, ``history``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..model.labels import Lang, _, p_
from .header_option import headers_lang, headers_option
from .options import fmt_option, keys_option, lang_option, show_personal_option
from .output import console, emit_csv, emit_json

if TYPE_CHECKING:
    from ..model.names import Names
    from ..store.read import Version
    from ..store.report import ImportReport

date_type = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


@click.group("db")
def db() -> None:
    """The county store (sqlite:///FILE or postgresql://…): init, upgrade, import, export, history.

    A store URL is also DATA for every command that takes DATA (`coverage sqlite:///county.db --on 2024-07-01`).
    """


@db.command("init")
@click.argument("url")
@lang_option
def init_cmd(url: str, lang: Lang) -> None:
    """Create the store's tables in an empty database."""
    from ..store import init

    rev = init(url)
    console().print(_("created the store {url} (schema {rev})").format(url=url, rev=rev).get(lang), markup=False)


@db.command("upgrade")
@click.argument("url")
@lang_option
def upgrade_cmd(url: str, lang: Lang) -> None:
    """Migrate the store to this version's schema."""
    from ..store import upgrade

    before, after = upgrade(url)
    console().print(_("{url}: schema {before} -> {after}").format(
        url=url, before=before or _("none").get(lang), after=after).get(lang), markup=False)


@db.command("import")
@click.argument("url")
@click.argument("data")
@click.option("--on", "on", type=date_type, default=None, metavar="YYYY-MM-DD",
              help="The day the file's rows hold from; changed rows' old versions end then (default: today).")
@click.option("--dry-run", is_flag=True, help="Validate and report what would change; write nothing.")
@click.option("--sync", is_flag=True, help="Close the rows the store holds that the file no longer has.")
@click.option("--by", "by", default=None, help="Who imports (kept in the audit table; default: the login name).")
@click.option("--strict", is_flag=True, help="Extra columns are errors, not notices.")
@fmt_option()
@lang_option
def import_cmd(url: str, data: str, on: dt.datetime | None, dry_run: bool, sync: bool, by: str | None, strict: bool,
               fmt: str, lang: Lang) -> None:
    """Import county data: validate all first, then one transaction; a report per table. Exit 1 on conflicts."""
    from ..store import import_county
    from .context import catalog_for

    others = [e.mechanism for e in catalog_for()]
    report = import_county(url, data, on=_day(on), dry_run=dry_run, sync=sync, by=by, strict=strict, others=others)
    show_report(report, fmt, lang)
    if not report.ok:
        raise SystemExit(1)


def show_report(report: ImportReport, fmt: str, lang: Lang) -> None:
    """The import report in ``fmt``: a row per table, then every conflict (file, row, field), then the summary."""
    import sys

    from . import problem_output as po

    if fmt == "json":
        emit_json(report.to_json(lang))
        return
    if fmt == "csv":
        rows = list(report.rows(lang))
        emit_csv([list(rows[0]), *(list(r.values()) for r in rows)] if rows else [])
        return
    from ..io.tables import ALL_TABLES
    from ..io.written_names import table_name

    out = console()
    head = tuple(w.get(lang) for w in (p_("db_cmds", "table"), p_("db_cmds", "created"), p_("db_cmds", "updated"),
                                       p_("db_cmds", "unchanged"), p_("db_cmds", "closed")))
    names = {spec.name: table_name(spec, lang) for spec in ALL_TABLES}  # 单位, 人员 … as the files name them
    if report.tables:
        out.print("  ".join(f"{h:>12}" for h in head), markup=False)
        for name, c in report.tables.items():
            out.print("  ".join(f"{v:>12}" for v in (names.get(name, name), *map(str, c.as_dict().values()))),
                      markup=False)
    po.write_terminal(report.log, lang, sys.stdout)
    if report.ok:
        out.print(report.summary(lang), markup=False)
    else:
        out.print(_("conflicts: nothing was written").get(lang), markup=False)


@db.command("export")
@click.argument("url")
@click.option("--output", "-o", "output", type=click.Path(path_type=Path), required=True,
              help="A folder (CSV), or .xlsx/.json/.yaml.")
@click.option("--on", "on", type=date_type, default=None, metavar="YYYY-MM-DD",
              help="The county as it stood on this day (default: the latest version of every row).")
@click.option("--force", is_flag=True, help="Replace an existing output.")
@headers_option
@lang_option
def export_cmd(url: str, output: Path, on: dt.datetime | None, force: bool, headers: str | None, lang: Lang) -> None:
    """Write the county as of a day in any format the loaders read."""
    from ..io.county_io import check_county_output
    from ..store import export_store

    check_county_output(output, None, force)
    path = export_store(url, output, on=_day(on), overwrite=force, headers=headers_lang(headers, lang),
                        require_records=True)
    when = on.date().isoformat() if on else p_("db_cmds", "latest").get(lang)
    console().print(_("wrote {path} (as of {when})").format(path=str(path), when=when).get(lang), markup=False)


@db.command("history")
@click.argument("url")
@click.option("--unit", default=None, help="A unit's id: its versions and those of its assignments.")
@click.option("--actor", default=None, help="An actor's id: their versions and those of their assignments.")
@fmt_option()
@keys_option
@show_personal_option
@lang_option
def history_cmd(url: str, unit: str | None, actor: str | None, fmt: str, keys: bool, show_personal: bool,
                lang: Lang) -> None:
    """Each version of a unit or actor: when it held, and when and by whom it was imported."""
    from ..store import history

    if (unit is None) == (actor is None):
        raise click.UsageError(_("give exactly one of --unit ID and --actor ID").get(lang))
    versions = history(url, unit=unit, actor=actor)
    if not show_personal:  # a household's name is a person's: masked in every format unless asked
        versions = [v.masked() for v in versions]
    if fmt == "json":
        emit_json([v.to_json() for v in versions])
        return
    names = None
    if versions:
        from ..model.names import Names
        from ..store import levels
        from .context import catalog_for

        # levels as the store's county names them (行政村, not the default 村（社区）), as its own files do
        names = Names.of([e.mechanism for e in catalog_for()], levels(url), keys=keys)
    if fmt == "csv":  # the values as the text writes them (names in the chosen language; --keys: keys)
        from ..store.codec import key_text

        head = ["table", "key", "valid_from", "valid_to", "values", "imported_at", "imported_by", "source"]
        rows = [] if names is None else [[v.table, key_text(v.key), v.valid_from, v.valid_to or "", _fields(v, names, lang),
                                          v.imported_at, v.imported_by, v.source] for v in versions]
        emit_csv([head, *rows])
        return
    out = console()
    if names is None:
        out.print(_("{url} holds nothing for {key}").format(url=url, key=unit or actor).get(lang), markup=False)
        return
    for v in versions:
        out.print(_version_line(v, names, lang), markup=False)


NAMED_FIELDS = frozenset({"role", "level", "kind", "mechanism", "indicator"})
"""Fields whose values are keys a person reads by name (县级领导, not ``county-leader``): each the name of the
:class:`~mechanisms.model.names.Names` lookup for it."""


def _fields(v: Version, names: Names, lang: Lang) -> str:
    """A version's fields by the names the chosen language writes as headers, keys by their names
    (人员=L1；角色=县级领导 …; ``--keys`` keeps keys)."""
    from ..store.schema import SPECS

    spec = SPECS.get(v.table)
    header = {c.field: (c.zh or c.field) if lang == "zh" else c.field for c in (spec.columns if spec else ())}
    joiner = "；" if lang == "zh" else "; "

    def shown(field: str, value: object) -> object:
        return getattr(names, field)(value, lang) if field in NAMED_FIELDS and isinstance(value, str) else value

    return joiner.join(f"{header.get(k, k)}={shown(k, x)}" for k, x in v.values.items() if x is not None)


def _version_line(v: Version, names: Names, lang: Lang) -> str:
    """One version as a person reads it: the days it held, the table by its name and its :func:`_fields`, and
    who imported it when, from what."""
    from ..store.schema import SPECS

    spec = SPECS.get(v.table)
    table = (spec.zh if lang == "zh" and spec is not None and spec.zh else v.table)
    until = v.valid_to or p_("db_cmds", "now").get(lang)
    when = _("imported {at} by {by} from {source}").format(at=v.imported_at[:19], by=v.imported_by,
                                                          source=v.source).get(lang)
    fields = _fields(v, names, lang)
    return f"{v.valid_from} – {until}  {table}  {fields}  ({when})" if lang == "en" else \
        f"{v.valid_from} – {until}  {table}  {fields}（{when}）"
