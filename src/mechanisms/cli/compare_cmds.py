"""`mechanisms compare` and `mechanisms report`: several mechanisms on one county, side by side."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click

from ..compare.comparison import MechanismColumn, compare
from ..county.generate import generate_structure
from ..county.records import County
from ..io.atomic import write_text
from ..model.labels import L, Lang
from ..report import render_html
from ..report.comparison_report import SCHEME_NOTE, comparison_json, comparison_report, metric_rows
from .context import catalog_for, get_mechanism
from .options import F, lang_option, mechanism_file_option
from .output import Col, console, emit, emit_json, err_console


def _county(data: str | None, preset: str | None, mechanism_files: tuple[Path, ...], seed: int) -> tuple[County, str]:
    from ..io.county_io import load_county

    if (data is None) == (preset is None):
        raise click.UsageError("give exactly one of --county DATA and --preset KEY")
    if data is not None:
        return load_county(data), data
    mech = get_mechanism(preset, mechanism_files)
    if mech.preset is None:
        raise click.UsageError(f"{preset}: the mechanism states no reference county (--preset needs one)")
    return County(generate_structure(mech.preset, seed=seed)), f"preset:{preset}"


def run_comparison(keys: tuple[str, ...], data: str | None, preset: str | None, mechanism_files: tuple[Path, ...],
                   seed: int, period: str | None, simulate: bool, runs: int, workers: int | None
                   ) -> tuple[tuple[MechanismColumn, ...], County, str]:
    county, label = _county(data, preset, mechanism_files, seed)
    keys = keys or tuple(sorted(e.mechanism.key for e in catalog_for(files=mechanism_files)))
    mechanisms = [get_mechanism(k, mechanism_files) for k in keys]
    cols = compare(county, mechanisms, seed=seed, period=period, simulate_runs=runs if simulate else 0, workers=workers)
    return cols, county, label


def _write_html(cols: tuple[MechanismColumn, ...], county: County, label: str, path: Path, lang: Lang, unmask: bool,
                force: bool) -> None:
    write_text(path, render_html(comparison_report(cols, county, label, unmask=unmask), lang=lang), overwrite=force)
    where = path.resolve()
    err_console().print(f"报告已写入 {where}" if lang == "zh" else f"report written to {where}", markup=False)


def _options(f: F) -> F:
    for option in reversed([
        click.argument("keys", nargs=-1),
        click.option("--county", "data", metavar="DATA", help="The county: a data path or `demo`."),
        click.option("--preset", help="Generate the reference county of this mechanism instead."),
        mechanism_file_option,
        click.option("--period", help="Period of the reward budget and rankings (default: the latest year observed)."),
        click.option("--simulate", is_flag=True, help="Also run the Monte Carlo scenario (risk events found in time)."),
        click.option("--runs", type=click.IntRange(min=1), default=20, show_default=True, help="Runs with --simulate."),
        click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Processes for --simulate."),
        click.option("--seed", type=int, default=0, show_default=True,
                     help="Seed of staffing, generation and simulation (the same seed gives the same figures)."),
        click.option("--unmask", is_flag=True, help="Show personal names in the report (masked by default)."),
        click.option("--force", is_flag=True, help="Replace an existing report file."),
        lang_option,
    ]):
        f = option(f)
    return f


@click.command("compare")
@_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "html"]), default="table", show_default=True)
@click.option("--html", "html_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the HTML report here.")
def compare_cmd(keys: tuple[str, ...], data: str | None, preset: str | None, mechanism_files: tuple[Path, ...],
                period: str | None, simulate: bool, runs: int, workers: int, seed: int, unmask: bool, force: bool,
                lang: Lang, fmt: str, html_path: Path | None) -> None:
    """Compare mechanisms (all installed if none named) on one county: coverage, load, robustness, burden, scoring.

    Each mechanism uses the county's own assignments for it, or its staffing policy where the county has none.
    """
    cols, county, label = run_comparison(keys, data, preset, mechanism_files, seed, period, simulate, runs, workers)
    if fmt == "json":
        emit_json(comparison_json(cols, label))
    elif fmt == "html":
        click.echo(render_html(comparison_report(cols, county, label, unmask=unmask), lang=lang), nl=False)
    elif fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["metric", *(c.key for c in cols)])
        for key, _, values in metric_rows(cols):
            w.writerow([key, *("" if v is None else v.get(lang) if hasattr(v, "get") else v for v in values)])
    else:
        rows = [{"metric": lab, **{c.key: v for c, v in zip(cols, values, strict=True)}} for _, lab, values in metric_rows(cols)]
        # keys, not names, head the columns: six mechanisms' names do not fit a terminal side by side
        emit(rows, [Col("metric", L("指标", "figure")), *(Col(c.key, L(c.key, c.key), "right") for c in cols)], fmt="table",
             lang=lang, title=L(f"机制比较 — {label}", f"Mechanisms compared — {label}"), caption=SCHEME_NOTE.get(lang))
    if html_path is not None:
        _write_html(cols, county, label, html_path, lang, unmask, force)


@click.command("report")
@_options
@click.option("--output", "-o", "html_path", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Where to write the HTML report.")
def report_cmd(keys: tuple[str, ...], data: str | None, preset: str | None, mechanism_files: tuple[Path, ...],
               period: str | None, simulate: bool, runs: int, workers: int, seed: int, unmask: bool, force: bool,
               lang: Lang, html_path: Path) -> None:
    """Write the comparison as one self-contained HTML file (charts included; opens offline)."""
    cols, county, label = run_comparison(keys, data, preset, mechanism_files, seed, period, simulate, runs, workers)
    _write_html(cols, county, label, html_path, lang, unmask, force)
    console().print(("已比较 " if lang == "zh" else "compared ") + ", ".join(c.key for c in cols), markup=False)
