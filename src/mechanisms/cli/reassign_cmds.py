"""The ``reassign`` command: who takes over when actors leave, so that every household stays covered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import click

from ..errors import UsageError
from ..model.labels import L, Lang, _, p_
from ..model.names import Names
from .context import county_for, get_mechanism
from .header_option import headers_lang, headers_option
from .options import as_of_option, fmt_option, keys_option, lang_option, mechanism_file_option, set_option
from .output import Col, console, emit, emit_json

if TYPE_CHECKING:
    from ..county.records import County
    from ..store.report import ImportReport

TABLE_ROWS = 50


def _leavers(leaving: str | None, leaving_file: Path | None, share: float | None, seed: int,
             pool: list[str]) -> list[str]:
    given = sum(x is not None for x in (leaving, leaving_file, share))
    if given != 1:
        raise UsageError(_("name the leavers once: --leaving ID,…, --leaving-file FILE or --share F (with --seed)"))
    if leaving is not None:
        return [x.strip() for x in leaving.split(",") if x.strip()]
    if leaving_file is not None:
        try:
            text = leaving_file.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise UsageError(_("cannot read {path}: {reason}").format(path=leaving_file, reason=exc.strerror)) from None
        return [line.split(",")[0].strip() for line in text.splitlines() if line.split(",")[0].strip()]
    from ..reassign import random_leavers

    assert share is not None
    return random_leavers(pool, share, seed)


@click.command()
@click.argument("data")
@click.option("--mechanism", "key", help="The mechanism whose coverage rules must hold again.")
@mechanism_file_option
@set_option
@click.option("--leaving", help="Actors who leave, comma-separated ids.")
@click.option("--leaving-file", type=click.Path(path_type=Path, dir_okay=False),
              help="A file of leaving actor ids, one a line (the first column of a CSV).")
@click.option("--share", type=float, help="A random share of the mechanism's actors leaves (with --seed).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for --share and for the staffing policy.")
@as_of_option  # the day of the change (today by default): assignments in force then count; new ones start then
@click.option("--objective", type=click.Choice(["balance", "fewest-moves"]), default="balance", show_default=True,
              help="balance: minimise the largest load; fewest-moves: fewest handovers (takers per bundle of units).")
@click.option("--keep-within", type=click.Choice(["village", "town"]), default=None,
              help="A hard limit: takers only from the same village / town (default: nearest preferred, anywhere).")
@click.option("--time-limit", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
              help="Seconds the solver may take in all; past it the best answer found (or the greedy one) stands.")
@click.option("--greedy", is_flag=True, help="Skip the MILP: the greedy answer only.")
@click.option("--apply", "apply_", is_flag=True,
              help="Write the county with the moves applied to -o instead of the moves; when DATA is a store URL, "
                   "import the new assignments into the store as of --on (one transaction, the import report).")
@click.option("--by", "by", default=None,
              help="With --apply into a store: who imports (the audit table; default: the login name).")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Write the moves (.xlsx/.csv/.json), or with --apply the new county.")
@click.option("--force", is_flag=True, help="Replace an existing file at -o.")
@headers_option
@fmt_option()
@keys_option
@lang_option
def reassign(data: str, key: str | None, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...],
             leaving: str | None, leaving_file: Path | None, share: float | None, seed: int, on: dt.date | None,
             objective: str, keep_within: str | None, time_limit: float, greedy: bool, apply_: bool, by: str | None,
             output: Path | None, force: bool, headers: str | None, fmt: str, keys: bool, lang: Lang) -> None:
    """Who takes over when actors leave: moves that keep every household covered, no one over capacity.

    Tables, CSV and the moves written with -o name roles in the chosen language (-o in --headers' language;
    --keys: keys); JSON has keys.
    """
    from ..io.sources import is_store_url
    from ..reassign import mechanism_actors, propose

    into_store = apply_ and is_store_url(data)
    if apply_ and output is None and not into_store:
        raise UsageError("--apply writes the new county: give it a place with -o NEW (or give a store URL as DATA)",
                         zh="--apply 会写出新的县数据：请用 -o NEW 指定位置（或以存储 URL 作为 DATA）")
    if into_store and on is None:
        raise UsageError("--apply into a store needs the day the new assignments start: --on YYYY-MM-DD, "
                         "not --all-dates", zh="--apply 导入存储需要新包保关系的起始日：请用 --on YYYY-MM-DD，不能用 --all-dates")
    if by is not None and not into_store:
        raise UsageError("--by names who imports into a store: it goes with --apply and a store URL as DATA",
                         zh="--by 指明导入存储的人：需与 --apply 及存储 URL 一起使用")
    mechanism = get_mechanism(key, mechanism_files, overrides)
    county = county_for(data, mechanism, seed=seed, lang=lang)
    day = on
    leavers = _leavers(leaving, leaving_file, share, seed, mechanism_actors(county.structure, mechanism))
    result = propose(county, mechanism, leavers, on=day, objective="fewest-moves" if objective == "fewest-moves"
                     else "balance", keep_within=keep_within, time_limit=time_limit, use_milp=not greedy)
    zh = lang == "zh"
    names = Names.of(mechanism, county.structure.levels, keys=keys)
    if output is not None:
        if apply_:
            from ..io.county_io import write_county

            path = write_county(attrs.evolve(county, structure=result.apply(county.structure)), output,
                                overwrite=force, headers=headers_lang(headers, lang), mechanisms=(mechanism,))
            note = (f"已写入 {path}：{len(result.moves)} 条新包保关系" if zh
                    else f"wrote {path}: {len(result.moves)} new assignments")
        else:
            written = headers_lang(headers, lang)
            path = result.write(output, overwrite=force, chinese=written == "zh", names=names)
            note = f"已写入 {path}：{len(result.moves)} 项调整" if zh else f"wrote {path}: {len(result.moves)} moves"
        if fmt == "table":
            console().print(note, markup=False)
    report = None
    if into_store:
        assert day is not None
        report = _import_into_store(data, attrs.evolve(county, structure=result.apply(county.structure)), day, by,
                                    mechanism.key, len(result.moves))
    if fmt == "json":
        doc = result.to_json()
        emit_json({**doc, "import": report.to_json(lang)} if report is not None else doc)
    elif fmt == "csv":
        click.echo(result.csv_text(names, lang), nl=False)
    else:
        _table(result, names, lang, f"{mechanism.name.get(lang)} ({mechanism.key}) — {data}")
    if report is not None:
        if fmt == "table":
            from .db_cmds import show_report

            show_report(report, fmt, lang)
        elif fmt == "csv":  # stdout holds the moves; the import's outcome goes to stderr
            from .output import err_console

            err_console().print(report.summary(lang) if report.ok else
                                ("有冲突：未写入任何内容" if zh else "conflicts: nothing was written"), markup=False)
        if not report.ok:
            raise SystemExit(1)


def _import_into_store(url: str, county: County, day: dt.date, by: str | None, mechanism: str, moves: int) -> ImportReport:
    """Import the county's assignments, the moves applied, into the store as of ``day``: the leavers' edges
    end (an update of their version), the new ones are created, every other table is left as it is.

    Why through a folder: the importer validates what it imports exactly as ``validate`` does, from DATA; the
    new county is written to a temporary folder and imported from there, recorded in the audit table under
    a name that says where it came from, not the temporary path."""
    import tempfile

    from ..io.county_io import write_county
    from ..store import import_county
    from .context import catalog_for

    with tempfile.TemporaryDirectory(prefix="mechanisms-reassign-") as tmp:
        folder = write_county(county, Path(tmp) / "county")
        return import_county(url, folder, on=day, by=by, tables=("assignments",),
                             label=f"reassign --apply {mechanism} ({moves} moves)",
                             others=[e.mechanism for e in catalog_for()])


def _table(result: object, names: Names, lang: Lang, heading: str) -> None:
    from ..reassign import ReassignResult

    assert isinstance(result, ReassignResult)
    zh = lang == "zh"
    out = console()
    out.print((f"{heading}：{len(result.leaving)} 名责任人离任，{len(result.moves)} 项调整，"
               f"{len(result.uncovered)} 处无法覆盖" if zh else
               f"{heading}: {len(result.leaving)} leaving, {len(result.moves)} moves, "
               f"{len(result.uncovered)} left uncovered"), markup=False)
    emit([{**r, "gap": None if r["gap"] is None else f"{100 * r['gap']:.2f}%"} for r in result.role_table(names, lang)],
         [Col("role", _("role")), Col("slots", _("to fill"), "right"),
          Col("moved", _("moved"), "right"), Col("uncovered", _("uncovered"), "right"),
          Col("largest_before", _("largest load before"), "right"),
          Col("largest_after", _("largest load after"), "right"),
          Col("bound", _("bound"), "right"), Col("gap", _("gap"), "right"),
          Col("method", _("solver"))],
         fmt="table", lang=lang, title=_("By role"))
    if result.moves:
        emit(result.move_table(names, lang)[:TABLE_ROWS],
             [Col("unit", _("unit")), Col("role", _("role")), Col("from_actor", _("from")),
              Col("to_actor", p_("reassign_cmds", "to")), Col("households", _("households"), "right"),
              Col("within", _("within"))],
             fmt="table", lang=lang, title=L(f"调整（{len(result.moves)} 项）", f"Moves ({len(result.moves)})"),
             caption=(f"另有 {len(result.moves) - TABLE_ROWS} 项，见 --format json 或 -o" if zh else
                      f"{len(result.moves) - TABLE_ROWS} more; see --format json or -o")
             if len(result.moves) > TABLE_ROWS else None)
    if result.uncovered:
        emit(result.uncovered_table(names, lang)[:TABLE_ROWS],
             [Col("unit", _("unit")), Col("role", _("role")),
              Col("households", _("households"), "right"), Col("reason", p_("reassign_cmds", "reason"))],
             fmt="table", lang=lang, title=L(f"无法覆盖（{len(result.uncovered)} 处）",
                                             f"Left uncovered ({len(result.uncovered)})"))
    else:
        out.print("所有缺口均已补上。" if zh else "Every gap is closed.", markup=False)
