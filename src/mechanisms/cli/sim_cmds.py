"""`mechanisms simulate` and `mechanisms sweep`: Monte Carlo scenarios on a county, locally or on a Dask cluster.

The county is DATA (staffed by the mechanism's policy where it has no assignments of its
own), a plugin's reference county (``--preset KEY``) or sizes (``--towns …``). The summary
(mean and 95 % t interval over runs) goes to stdout as a table, JSON or CSV; the tidy
table of every run goes to ``--output`` (.csv or .parquet).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import attrs
import click

from ..county.records import County
from ..errors import UsageError
from ..model.labels import Label, Lang, _, p_
from ..model.mechanism import Mechanism
from ..simulation import Scenario, Table, executor_for, load_scenario, monte_carlo, prepare, summarize, sweep
from ..simulation.prepared import SimCounty
from ..simulation.scenario import DEFAULT_KEY, REASSIGN_POLICIES, PerRole
from .context import get_mechanism
from .generate_cmds import shape_from
from .options import as_of_option, fmt_option, lang_option, mechanism_file_option, set_option, workers_option
from .output import Col, console, emit, emit_json, err_console

F = TypeVar("F", bound=Callable[..., Any])

METRIC_LABELS: dict[str, Label] = {
    "coverage": _("coverage"),
    "chain_complete": _("chain complete"),
    "vacancy": _("posts vacant"),
    "load_mean": _("households per post, mean"),
    "load_max": _("households per post, max"),
    "visits": p_("sim_cmds", "visits"),
    "events": _("risk events"),
    "found_within_deadline": _("found within deadline"),
    "delay_mean": _("days to find, mean"),
    "delay_p90": _("days to find, p90"),
}
SHARES = {"coverage", "chain_complete", "vacancy", "found_within_deadline"}


def _county_options(f: F) -> F:
    for opt in reversed((
        click.argument("data", required=False),
        click.option("--preset", help="Simulate on the reference county of this mechanism (its published sizes)."),
        click.option("--towns", type=int, help="Sizes of a synthetic county instead: towns and streets in all."),
        click.option("--streets", type=int, help="How many of the towns are streets (街道)."),
        click.option("--villages", type=int, help="Villages and communities in all."),
        click.option("--communities", type=int, help="How many of the villages are communities (社区)."),
        click.option("--groups-per-village", "groups_per_village", type=int, help="Groups (村民小组) per village."),
        click.option("--households", type=int, help="Households in all."),
        click.option("--tag", "tags", multiple=True, metavar="LEVEL:TAG:SHARE|COUNT", help="Tag units (as `generate`)."),
        click.option("--mechanism", "key", help="The mechanism to run (default: the --preset one)."),
        mechanism_file_option,
    )):
        f = opt(f)
    return f


def scenario_options(*, period: bool = True) -> Callable[[F], F]:
    """The scenario options of ``simulate`` — one definition, used by ``sweep``, ``compare`` and ``report`` too.

    ``period=False`` leaves out ``--period`` (the periods metrics are reported per) where the command has a
    ``--period`` of its own (``compare``'s reward-budget period) and reports the whole run only.
    """
    def decorate(f: F) -> F:
        for opt in reversed((
            click.option("--scenario", "scenario_file", type=click.Path(path_type=Path, dir_okay=False),
                         help="A TOML/YAML/JSON scenario file; the options below override it."),
            click.option("--days", type=int, help="Days to simulate (default 365)."),
            click.option("--start", type=click.DateTime(["%Y-%m-%d"]), help="First day (default 2024-01-01)."),
            *((click.option("--period", type=click.Choice(["week", "month", "quarter", "half", "year"]),
                            help="Report metrics per this period (default month)."),) if period else ()),
            click.option("--turnover", multiple=True, metavar="[ROLE=]RATE",
                         help="Departures per post a year (default 0.1)."),
            click.option("--replacement-days", "replacement", multiple=True, metavar="[ROLE=]DAYS",
                         help="Days a post stays vacant (default 60; 'never' for no successor)."),
            click.option("--reassign", type=click.Choice(list(REASSIGN_POLICIES)),
                         help="Who stands in for a vacant post (default remaining)."),
            click.option("--compliance", multiple=True, metavar="[ROLE=]P",
                         help="Share of scheduled visits made (default 0.9)."),
            click.option("--visit-interval", "interval", multiple=True, metavar="[ROLE=]DAYS",
                         help="Days between visits, overriding the role's frequency."),
            click.option("--event-rate", type=float, help="Risk events per household a year (default 0.1)."),
            click.option("--deadline", type=int,
                         help="Days allowed to find a risk event (default: the mechanism's, else 30)."),
        )):
            f = opt(f)
        return f
    return decorate


_scenario_options = scenario_options()


def _run_options(f: F) -> F:
    for opt in reversed((
        click.option("--seed", type=int, default=0, show_default=True, help="Seed of the county, staffing and runs."),
        click.option("--runs", type=int, default=20, show_default=True, help="Runs (per grid point for sweep)."),
        workers_option(),
        click.option("--batch", type=int, help="Runs per task sent to a worker (default: about 4 tasks per worker)."),
        click.option("--scheduler", metavar="ADDRESS", help="Run on a Dask cluster (tcp://host:8786), or 'local' to start one."),
        click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
                     help="Write the tidy table of every run here (.csv or .parquet)."),
        click.option("--force", is_flag=True, help="Replace an existing --output file."),
    )):
        f = opt(f)
    return f


def _per_role(current: PerRole, field: str, values: tuple[str, ...]) -> PerRole:
    for text in sorted(values, key=lambda v: "=" in v):  # plain values first, then ROLE=VALUE
        role, sep, value = text.rpartition("=")
        parsed = PerRole.of(value, f"--{field.replace('_', '-')} {text}").default  # a number, or 'never' for inf
        assert parsed is not None  # PerRole.of gives a text a default (or raises)
        current = current.with_role(role if sep else DEFAULT_KEY, parsed)
    return current


def build_scenario(scenario_file: Path | None, days: int | None, start: dt.datetime | None, period: str | None,
                   turnover: tuple[str, ...], replacement: tuple[str, ...], reassign: str | None,
                   compliance: tuple[str, ...], interval: tuple[str, ...], event_rate: float | None,
                   deadline: int | None) -> Scenario:
    """The scenario file (or the defaults) with the command's options on top, checked once so every problem shows."""
    s = load_scenario(scenario_file) if scenario_file else Scenario()
    changes: dict[str, Any] = {name: value for name, value in (
        ("days", days), ("start", start.date() if start else None), ("period", period), ("reassign", reassign),
        ("event_rate", event_rate), ("deadline", deadline)) if value is not None}
    for field, values in (("turnover", turnover), ("replacement_days", replacement), ("compliance", compliance),
                          ("visit_interval", interval)):
        if values:
            changes[field] = _per_role(getattr(s, field), field, values)
    return attrs.evolve(s, **changes)


def build_county(data: str | None, preset: str | None, sizes: dict[str, int | None], tags: tuple[str, ...],
                 key: str | None, files: tuple[Path, ...], seed: int, on: dt.date | None = None,
                 overrides: tuple[str, ...] = ()) -> tuple[Mechanism, SimCounty, Label]:
    """The mechanism, the prepared county (DATA as of ``on``: only the assignments in force then; ``None``: every
    one ever held), and a line saying where the county came from."""
    from ..compare.comparison import staffed_as_of
    from ..county.generate import generate_structure
    from ..county.staffing import staff
    from ..io.county_io import load_county

    mechanism = get_mechanism(key or preset, files, overrides)
    if data is not None:
        if preset is not None or any(v is not None for v in sizes.values()):
            raise UsageError(_("give DATA, or --preset / sizes, not both"))
        county, staffing = staffed_as_of(load_county(data), mechanism, seed=seed, on=on)
        by_policy = staffing == "policy"
        when = (f"，{on} 当日" if on else "，所有日期的包保关系", f", as of {on}" if on else ", every assignment ever held")
        origin = Label(f"{data}{when[0]}" + (f"（按 {mechanism.key} 的配置政策补齐包保关系）" if by_policy else ""),
                       f"{data}{when[1]}" + (f" (staffed by {mechanism.key}'s policy)" if by_policy else ""))
    else:
        shape = shape_from(preset, files, sizes, tags)
        structure = staff(generate_structure(shape, seed=seed), mechanism, seed=seed)
        county = County(structure)
        origin = Label(f"合成县（{preset or '按规模'}，种子 {seed}，按 {mechanism.key} 的配置政策配备）",
                       f"synthetic county ({preset or 'sizes'}, seed {seed}, staffed by {mechanism.key}'s policy)")
    return mechanism, prepare(county, mechanism), origin


def _fmt(metric: str, value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if metric in SHARES:
        return f"{100 * value:.1f}%"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def _cell(metric: str, r: dict[str, Any] | None) -> str | None:
    """``mean (low–high)``: the mean over runs and its 95 % t interval, shown within the metric's range
    (shares between 0 and 100 %, counts and days from 0); JSON and CSV carry the interval as computed."""
    if r is None:
        return None
    if math.isnan(r["ci_low"]) or r["ci_low"] == r["ci_high"]:
        return _fmt(metric, r["mean"])
    low, high = max(r["ci_low"], 0.0), r["ci_high"]
    if metric in SHARES:
        high = min(high, 1.0)
    return f"{_fmt(metric, r['mean'])} ({_fmt(metric, low)}–{_fmt(metric, high)})"


def _index(summary: Table, params: tuple[str, ...] = ()) -> dict[tuple[Any, ...], dict[str, Any]]:
    return {(*(r[p] for p in params), r["metric"], r["role"]): r for r in summary.where(period="all").rows()}


def _simulate_tables(summary: Table, mechanism: Mechanism, lang: Lang) -> None:
    idx = _index(summary)
    by_role = [{"role": ra.label, "coverage": _cell("coverage", idx.get(("coverage", ra.key))),
                "vacancy": _cell("vacancy", idx.get(("vacancy", ra.key))),
                "load_mean": _cell("load_mean", idx.get(("load_mean", ra.key))),
                "load_max": _cell("load_max", idx.get(("load_max", ra.key))),
                "visits": _cell("visits", idx.get(("visits", ra.key)))} for ra in mechanism.roles]
    emit(by_role, [Col("role", _("role")), *(Col(m, METRIC_LABELS[m], "right") for m in
                                                      ("coverage", "vacancy", "load_mean", "load_max", "visits"))],
         fmt="table", lang=lang, title=_("By role (whole run; mean, 95% CI)"))
    chain = [{"metric": METRIC_LABELS[m], "value": _cell(m, idx.get((m, "")))}
             for m in ("chain_complete", "events", "found_within_deadline", "delay_mean", "delay_p90")]
    emit(chain, [Col("metric", _("metric")), Col("value", _("mean (95% CI)"), "right")],
         fmt="table", lang=lang, title=_("Whole chain and risk events"))


def _sweep_table(summary: Table, lang: Lang, params: tuple[str, ...]) -> None:
    idx = _index(summary, params)
    points = list(dict.fromkeys(k[:len(params)] for k in idx))
    metrics = ("chain_complete", "found_within_deadline", "delay_mean", "delay_p90")
    rows = [{**dict(zip(params, pt, strict=True)), **{m: _cell(m, idx.get((*pt, m, ""))) for m in metrics}} for pt in points]
    emit(rows, [*(Col(p, Label(p, p)) for p in params), *(Col(m, METRIC_LABELS[m], "right") for m in metrics)],
         fmt="table", lang=lang, title=_("Each grid point (whole run; mean, 95% CI)"))


def _emit(summary: Table, *, fmt: str, lang: Lang, mechanism: Mechanism, head: dict[str, Any],
          params: tuple[str, ...] = ()) -> None:
    if fmt == "json":
        emit_json({**head, "summary": list(summary.rows())})
        return
    if fmt == "csv":
        click.echo(summary.to_csv_text(), nl=False)
        return
    out = console()
    zh = lang == "zh"
    out.print(f"{mechanism.name.get(lang)} ({mechanism.key}) — {head['county']}", markup=False)
    out.print((f"{head['households']:,} 户，{head['posts']:,} 个岗位；{head['runs']} 次运行 × {head['days']} 天，"
               f"种子 {head['seed']}，发现时限 {head['deadline']} 天" if zh else
               f"{head['households']:,} households, {head['posts']:,} posts; {head['runs']} runs × {head['days']} days, "
               f"seed {head['seed']}, deadline {head['deadline']} days"), markup=False)
    if params:
        _sweep_table(summary, lang, params)
    else:
        _simulate_tables(summary, mechanism, lang)
    out.print("每期数值：--format json/csv，或用 --output 写出逐次运行的明细表" if zh else
              "Per-period figures: --format json/csv; every run's rows: --output", markup=False)


def _check_output(output: Path | None, force: bool) -> None:
    """Refuse a bad --output before the runs, not after."""
    if output is None:
        return
    from ..io.atomic import check_writable

    if output.suffix.lower() not in (".csv", ".parquet", ".pq"):
        raise UsageError(_("{path}: write results as .csv or .parquet").format(path=output))
    check_writable(output, force)


def _write(table: Table, output: Path | None, force: bool) -> None:
    if output is not None:
        path = table.write(output, overwrite=force)
        err_console().print(f"wrote {path}: {len(table):,} rows (run × period × metric × role)", markup=False)


def _head(mechanism: Mechanism, sim: SimCounty, origin: Label, scenario: Scenario, runs: int, seed: int,
          lang: Lang) -> dict[str, Any]:
    deadline = scenario.deadline if scenario.deadline is not None else scenario.deadline_for(mechanism)
    return {"mechanism": mechanism.key, "county": origin.get(lang), "households": sim.households, "posts": sim.n_posts,
            "scenario": scenario.to_dict(), "deadline": deadline, "runs": runs, "days": scenario.days, "seed": seed}


@click.command()
@_county_options
@set_option
@as_of_option
@_scenario_options
@_run_options
@fmt_option()
@lang_option
def simulate(data: str | None, preset: str | None, towns: int | None, streets: int | None, villages: int | None,
             communities: int | None, groups_per_village: int | None, households: int | None, tags: tuple[str, ...],
             key: str | None, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...], on: dt.date | None,
             scenario_file: Path | None, days: int | None,
             start: dt.datetime | None, period: str | None, turnover: tuple[str, ...], replacement: tuple[str, ...],
             reassign: str | None, compliance: tuple[str, ...], interval: tuple[str, ...], event_rate: float | None,
             deadline: int | None, seed: int, runs: int, workers: int | None, batch: int | None, scheduler: str | None,
             output: Path | None, force: bool, fmt: str, lang: Lang) -> None:
    """Monte Carlo of a scenario: turnover, stand-ins, visits and risk events, stepped by day over a year.

    DATA is a county (staffed by the mechanism's policy if it has no assignments of its own),
    or use --preset KEY / sizes for a synthetic county.
    """
    if runs < 1:
        raise UsageError(_("--runs must be at least 1"))
    _check_output(output, force)
    scenario = build_scenario(scenario_file, days, start, period, turnover, replacement, reassign, compliance, interval,
                              event_rate, deadline)
    sizes = {"towns": towns, "streets": streets, "villages": villages, "communities": communities,
             "groups_per_village": groups_per_village, "households": households}
    mechanism, sim, origin = build_county(data, preset, sizes, tags, key, mechanism_files, seed, on, overrides)
    scenario.check_roles(sim.role_keys)
    with executor_for(1 if runs == 1 and not scheduler else workers, scheduler) as ex:
        table = monte_carlo(sim, mechanism, scenario, runs=runs, seed=seed, executor=ex,
                            workers=1 if ex is None else workers, batch=batch, progress=True)
    _write(table, output, force)
    head = _head(mechanism, sim, origin, scenario, runs, seed, lang)
    head["on"] = on if data is not None else None
    _emit(summarize(table), fmt=fmt, lang=lang, mechanism=mechanism, head=head)


def parse_grid(items: tuple[str, ...]) -> dict[str, list[str]]:
    grid: dict[str, list[str]] = {}
    for item in items:
        name, sep, values = item.partition("=")
        if not sep or not name.strip() or not values.strip():
            raise UsageError(_("--grid expects PARAM=v1,v2,…, got {value}").format(value=repr(item)))
        grid[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
    if not grid:
        raise UsageError(_("give at least one --grid PARAM=v1,v2,…"))
    return grid


@click.command("sweep")
@_county_options
@set_option
@as_of_option
@_scenario_options
@_run_options
@click.option("--grid", "grid_items", multiple=True, required=True, metavar="PARAM=v1,v2,…",
              help="Values of a scenario parameter to sweep (repeatable; e.g. compliance=0.6,0.8,1 or "
                   "turnover.party-member=0.1,0.3).")
@fmt_option()
@lang_option
def sweep_cmd(data: str | None, preset: str | None, towns: int | None, streets: int | None, villages: int | None,
              communities: int | None, groups_per_village: int | None, households: int | None, tags: tuple[str, ...],
              key: str | None, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...], on: dt.date | None,
              scenario_file: Path | None, days: int | None,
              start: dt.datetime | None, period: str | None, turnover: tuple[str, ...], replacement: tuple[str, ...],
              reassign: str | None, compliance: tuple[str, ...], interval: tuple[str, ...], event_rate: float | None,
              deadline: int | None, seed: int, runs: int, workers: int | None, batch: int | None, scheduler: str | None,
              output: Path | None, force: bool, grid_items: tuple[str, ...], fmt: str, lang: Lang) -> None:
    """Sweep scenario parameters over a grid: RUNS runs at every point (the same seeds at each point)."""
    if runs < 1:
        raise UsageError(_("--runs must be at least 1"))
    _check_output(output, force)
    scenario = build_scenario(scenario_file, days, start, period, turnover, replacement, reassign, compliance, interval,
                              event_rate, deadline)
    grid = parse_grid(grid_items)
    sizes = {"towns": towns, "streets": streets, "villages": villages, "communities": communities,
             "groups_per_village": groups_per_village, "households": households}
    mechanism, sim, origin = build_county(data, preset, sizes, tags, key, mechanism_files, seed, on, overrides)
    with executor_for(workers, scheduler) as ex:
        table = sweep(sim, mechanism, grid, scenario, runs=runs, seed=seed, executor=ex,
                      workers=1 if ex is None else workers, batch=batch, progress=True)
    _write(table, output, force)
    head = _head(mechanism, sim, origin, scenario, runs, seed, lang)
    head["on"] = on if data is not None else None
    head["grid"] = grid
    _emit(summarize(table), fmt=fmt, lang=lang, mechanism=mechanism, head=head, params=tuple(grid))

