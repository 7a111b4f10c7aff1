"""`mechanisms compare` and `mechanisms report`: several mechanisms on one county, side by side."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click

from ..compare.comparison import MechanismColumn, compare
from ..county.generate import generate_structure
from ..county.records import County
from ..io.atomic import check_writable, write_text
from ..model.labels import L, Lang
from ..report.comparison_report import SCHEME_NOTE, comparison_json, comparison_report, metric_rows
from ..report.html import render
from .context import catalog_for, get_mechanism
from .options import F, lang_option, mechanism_file_option
from .output import Col, console, emit, emit_json, err_console, show_personal


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


def _render(cols: tuple[MechanismColumn, ...], county: County, label: str, lang: Lang, unmask: bool) -> str:
    rendered = render(comparison_report(cols, county, label, unmask=unmask or show_personal()), lang=lang)
    for warning in rendered.font.warnings:
        err_console().print(("警告：" if lang == "zh" else "warning: ") + warning.get(lang), markup=False)
    return rendered.html


def _write_html(html: str, path: Path, lang: Lang, force: bool) -> None:
    write_text(path, html, overwrite=force)
    where = path.resolve()
    err_console().print(f"报告已写入 {where}" if lang == "zh" else f"report written to {where}", markup=False)


def _browser_for_pdf(pdf_path: Path | None, force: bool) -> str | None:
    """Before the work: the browser that will print ``--pdf`` (exit 1 with a clear message where there is none)."""
    if pdf_path is None:
        return None
    from ..report.pdf import NO_BROWSER, find_browser

    check_writable(pdf_path, force)
    browser = find_browser()
    if browser is None:
        raise NO_BROWSER
    return browser


def _write_pdf(html: str, path: Path, browser: str, lang: Lang, force: bool) -> None:
    from ..io.atomic import atomic_path
    from ..report.pdf import print_pdf

    with atomic_path(path, overwrite=force) as tmp:
        print_pdf(html, tmp, browser)
    where = path.resolve()
    err_console().print(f"PDF 已写入 {where}" if lang == "zh" else f"PDF written to {where}", markup=False)


pdf_option = click.option("--pdf", "pdf_path", type=click.Path(path_type=Path, dir_okay=False),
                          help="Also print the report as PDF here (needs headless Chromium or Chrome).")


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
        click.option("--unmask", is_flag=True, help="Show personal names in the report (as --show-personal does)."),
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
@pdf_option
def compare_cmd(keys: tuple[str, ...], data: str | None, preset: str | None, mechanism_files: tuple[Path, ...],
                period: str | None, simulate: bool, runs: int, workers: int, seed: int, unmask: bool, force: bool,
                lang: Lang, fmt: str, html_path: Path | None, pdf_path: Path | None) -> None:
    """Compare mechanisms (all installed if none named) on one county: coverage, load, robustness, burden, scoring.

    Each mechanism uses the county's own assignments for it, or its staffing policy where the county has none.
    """
    if html_path is not None:
        check_writable(html_path, force)  # refuse a bad --html before the work
    browser = _browser_for_pdf(pdf_path, force)
    cols, county, label = run_comparison(keys, data, preset, mechanism_files, seed, period, simulate, runs, workers)
    if fmt == "json":
        emit_json(comparison_json(cols, label))
    elif fmt == "html":
        click.echo(_render(cols, county, label, lang, unmask), nl=False)
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
    if html_path is not None or pdf_path is not None:
        html = _render(cols, county, label, lang, unmask)
        if html_path is not None:
            _write_html(html, html_path, lang, force)
        if pdf_path is not None and browser is not None:
            _write_pdf(html, pdf_path, browser, lang, force)


@click.command("report")
@_options
@click.option("--output", "-o", "html_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the HTML report (this, --pdf, or both).")
@pdf_option
def report_cmd(keys: tuple[str, ...], data: str | None, preset: str | None, mechanism_files: tuple[Path, ...],
               period: str | None, simulate: bool, runs: int, workers: int, seed: int, unmask: bool, force: bool,
               lang: Lang, html_path: Path | None, pdf_path: Path | None) -> None:
    """Write the comparison as one self-contained HTML file (tables and charts in the page; opens offline, reads
    without JavaScript, prints) and/or as PDF through headless Chromium."""
    if html_path is None and pdf_path is None:
        raise click.UsageError("give -o REPORT.html, --pdf REPORT.pdf, or both" if lang == "en" else
                               "请给出 -o 报告.html 或 --pdf 报告.pdf（或两者）")
    if html_path is not None:
        check_writable(html_path, force)  # refuse a bad --output before the work
    browser = _browser_for_pdf(pdf_path, force)
    cols, county, label = run_comparison(keys, data, preset, mechanism_files, seed, period, simulate, runs, workers)
    html = _render(cols, county, label, lang, unmask)
    if html_path is not None:
        _write_html(html, html_path, lang, force)
    if pdf_path is not None and browser is not None:
        _write_pdf(html, pdf_path, browser, lang, force)
    console().print(("已比较 " if lang == "zh" else "compared ") + ", ".join(c.key for c in cols), markup=False)
