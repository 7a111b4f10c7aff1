"""`mechanisms compare` and `mechanisms report`: several mechanisms on one county, side by side."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..compare.comparison import MechanismColumn, compare
from ..county.generate import generate_structure
from ..county.records import County
from ..errors import UsageError
from ..io.atomic import check_writable, write_text
from ..io.cells import safe_cell
from ..model.assumptions import apply_overrides, parse_assignments
from ..model.labels import L, Label, Lang, _, p_
from ..model.mechanism import Mechanism
from ..report.comparison_report import SCHEME_NOTE, comparison_json, comparison_report, metric_rows, no_policy_note
from ..report.html import render
from .context import catalog_for, get_mechanism
from .options import F, as_of_option, keys_option, lang_option, mechanism_file_option, show_keys, workers_option
from .output import Col, console, emit, emit_json, err_console, show_personal
from .sim_cmds import scenario_options

if TYPE_CHECKING:
    from ..simulation import Scenario


def _county(data: str | None, preset: str | None, mechanism_files: tuple[Path, ...], seed: int) -> tuple[County, str]:
    from ..io.county_io import load_county

    if data is not None and preset is not None:
        raise UsageError("give exactly one of DATA and --preset KEY", zh="DATA 与 --preset KEY 只能给一个")
    if data is not None:
        return load_county(data), data
    if preset is None:
        raise UsageError("give DATA (a county's data folder or file, a store URL, or `demo`) or --preset KEY",
                         zh="请给出 DATA（县的数据目录或文件、数据库地址或 demo），或 --preset KEY")
    mech = get_mechanism(preset, mechanism_files)
    if mech.preset is None:
        raise UsageError(f"{preset}: the mechanism states no reference county (--preset needs one)",
                         zh=f"{preset}：该机制没有参考县（--preset 需要参考县）")
    return County(generate_structure(mech.preset, seed=seed)), f"preset:{preset}"


def _data_and_keys(args: tuple[str, ...], county_opt: str | None, preset: str | None,
                   mechanism_keys: tuple[str, ...], mechanism_files: tuple[Path, ...]) -> tuple[str | None, tuple[str, ...]]:
    """DATA and the mechanisms' keys from ``compare DATA [--mechanism K …]``.

    The old spelling ``compare [KEYS…] --county DATA`` (and ``--preset KEY``, which takes no DATA) still works: there
    every word is a key. A first word that names no file but is a mechanism's key gets a hint, not a bare
    "no such file"."""
    from ..io.sources import is_store_url

    if county_opt is not None or preset is not None:
        if county_opt is not None and args and county_opt not in args and preset is None and _is_data(args[0]):
            raise UsageError(f"give DATA once: {args[0]!r} and --county {county_opt!r}",
                             zh=f"DATA 只能给一次：{args[0]!r} 与 --county {county_opt!r}")
        return county_opt, (*args, *mechanism_keys)
    if not args:
        return None, mechanism_keys
    data, keys = args[0], (*args[1:], *mechanism_keys)
    if data != "demo" and not is_store_url(data) and not Path(data).exists():
        known = {e.mechanism.key for e in catalog_for(files=mechanism_files)}
        if data in known:
            raise UsageError(f"{data}: no such file or folder; DATA comes first: "
                             f"`mechanisms compare DATA --mechanism {data}`",
                             zh=f"{data}：没有这个文件或目录；请先给出数据：mechanisms compare DATA --mechanism {data}")
    return data, keys


def _is_data(word: str) -> bool:
    from ..io.sources import is_store_url

    return word == "demo" or is_store_url(word) or Path(word).exists()


def _overrides(items: tuple[str, ...], mechanisms: list[Mechanism]) -> list[Mechanism]:
    """``--set [MECHANISM:]KEY=VALUE``: a key with a mechanism's name sets that mechanism's assumption; a bare key sets
    it in every compared mechanism that has it. A key no compared mechanism has, or a mechanism not compared, is an
    error (a typo would silently change nothing)."""
    if not items:
        return mechanisms
    by_key = {m.key: m for m in mechanisms}
    per: dict[str, dict[str, str]] = {m.key: {} for m in mechanisms}
    for key, value in parse_assignments(items).items():
        mech, sep, name = key.rpartition(":")
        if sep:
            if mech not in by_key:
                raise UsageError(f"--set {key}={value}: {mech!r} is not among the mechanisms compared "
                                 f"({', '.join(by_key)})",
                                 zh=f"--set {key}={value}：{mech!r} 不在比较的机制中（{'、'.join(by_key)}）")
            per[mech][name] = value
            continue
        having = [m.key for m in mechanisms if any(a.key == name for a in m.assumptions)]
        if not having:
            raise UsageError(f"--set {key}={value}: no mechanism compared has the assumption {name!r} "
                             "(see `mechanisms show KEY`)",
                             zh=f"--set {key}={value}：比较的机制都没有假设 {name!r}（见 mechanisms show KEY）")
        for k in having:
            per[k][name] = value
    return [apply_overrides(m, per[m.key]) if per[m.key] else m for m in mechanisms]


SCENARIO_FIELDS = ("scenario_file", "days", "start", "turnover", "replacement", "reassign", "compliance", "interval",
                   "event_rate", "deadline")


def _scenario(opts: dict[str, Any], simulate: bool) -> Scenario | None:
    """The Monte Carlo scenario from ``simulate``'s scenario options (None: the default one); they need --simulate."""
    given = [name for name in SCENARIO_FIELDS if opts.get(name) not in (None, ())]
    if not given:
        return None
    if not simulate:
        flags = ", ".join("--" + ("replacement-days" if n == "replacement" else "visit-interval" if n == "interval"
                                  else "scenario" if n == "scenario_file" else n.replace("_", "-")) for n in given)
        raise UsageError(f"{flags} set the Monte Carlo scenario: add --simulate",
                         zh=f"{flags} 是蒙特卡洛情景的选项：请加 --simulate")
    from .sim_cmds import build_scenario

    return build_scenario(opts["scenario_file"], opts["days"], opts["start"], None, opts["turnover"],
                          opts["replacement"], opts["reassign"], opts["compliance"], opts["interval"],
                          opts["event_rate"], opts["deadline"])


def run_comparison(opts: dict[str, Any]) -> tuple[tuple[MechanismColumn, ...], County, str]:
    """Every figure of ``compare``/``report`` from the command's options (one parsing for both commands)."""
    files: tuple[Path, ...] = opts["mechanism_files"]
    data, keys = _data_and_keys(opts["args"], opts["county_opt"], opts["preset"], opts["mechanism_keys"], files)
    scenario = _scenario(opts, opts["simulate"])
    county, label = _county(data, opts["preset"], files, opts["seed"])
    keys = tuple(dict.fromkeys(keys)) or tuple(sorted(e.mechanism.key for e in catalog_for(files=files)))
    mechanisms = _overrides(opts["overrides"], [get_mechanism(k, files) for k in keys])
    if scenario is not None:
        scenario.check_roles(tuple(sorted({r for m in mechanisms for r in m.role_keys})))
    on = opts["on"] if data is not None else None  # a generated county has no dates
    cols = compare(county, mechanisms, seed=opts["seed"], period=opts["period"],
                   simulate_runs=opts["runs"] if opts["simulate"] else 0, workers=opts["workers"], on=on,
                   scenario=scenario)
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
        click.argument("args", nargs=-1, metavar="DATA"),
        click.option("--county", "county_opt", metavar="DATA", hidden=True,
                     help="The old spelling of DATA (`compare [KEYS…] --county DATA`), kept so old scripts run."),
        click.option("--mechanism", "mechanism_keys", multiple=True, metavar="KEY",
                     help="A mechanism to compare (repeatable; default: every installed one)."),
        click.option("--preset", help="Generate the reference county of this mechanism instead of DATA."),
        mechanism_file_option,
        click.option("--set", "overrides", multiple=True, metavar="[MECHANISM:]KEY=VALUE",
                     help="Override an assumption: of that mechanism with MECHANISM:, else of every compared "
                          "mechanism that has it (see `show`)."),
        as_of_option,
        click.option("--period", help="Period of the reward budget and rankings (default: the latest year observed)."),
        click.option("--simulate", is_flag=True, help="Also run the Monte Carlo scenario (risk events found in time)."),
        scenario_options(period=False),
        click.option("--runs", type=click.IntRange(min=1), default=20, show_default=True, help="Runs with --simulate."),
        workers_option("Processes for --simulate (default: one per core; 1 runs in this process)."),
        click.option("--seed", type=int, default=0, show_default=True,
                     help="Seed of staffing, generation and simulation (the same seed gives the same figures)."),
        click.option("--unmask", is_flag=True, help="Show personal names in the report (as --show-personal does)."),
        click.option("--force", is_flag=True, help="Replace an existing report file."),
        lang_option,
    ]):
        f = option(f)
    return f


def _caption(cols: tuple[MechanismColumn, ...], lang: Lang) -> str:
    note = no_policy_note(cols)
    return SCHEME_NOTE.get(lang) + ("" if note is None else ("\n" + note.get(lang)))


def _compare_csv(cols: tuple[MechanismColumn, ...], lang: Lang, *, keys: bool) -> None:
    """The comparison as CSV: a row per figure, its key and its name, a column per mechanism headed by the
    mechanism's name (a spreadsheet has the width the terminal lacks). With ``keys``: the figure's key and the
    mechanisms' keys only, for an analyst who joins on them."""
    w = csv.writer(sys.stdout, lineterminator="\n")
    heads = [c.key if keys else c.name.get(lang) or c.key for c in cols]
    w.writerow([safe_cell(h) for h in (["metric", *heads] if keys else ["metric", "name", *heads])])
    for key, label, values in metric_rows(cols):
        cells = [safe_cell("" if v is None else v.get(lang) if hasattr(v, "get") else v) for v in values]
        w.writerow([key, *cells] if keys else [key, safe_cell(label.get(lang)), *cells])


def _when(cols: tuple[MechanismColumn, ...]) -> Label:
    on = next((c.coverage.on for c in cols), None)
    return L(f"，{on} 当日", f", as of {on}") if on else _(", every assignment ever held")


@click.command("compare")
@_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "html"]), default="table", show_default=True)
@click.option("--html", "html_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the HTML report here.")
@pdf_option
@keys_option
def compare_cmd(**opts: Any) -> None:
    """Compare mechanisms (all installed if none named) on one county: coverage, load, robustness, burden, scoring.

    `compare DATA [--mechanism KEY …]`, as of today (--on another day, --all-dates every assignment ever held).
    Each mechanism uses the county's own assignments for it, or its staffing policy where the county has none;
    a mechanism with no policy is compared on the county's own assignments, and marked so.
    """
    lang: Lang = opts["lang"]
    fmt: str = opts["fmt"]
    html_path: Path | None = opts["html_path"]
    pdf_path: Path | None = opts["pdf_path"]
    force: bool = opts["force"]
    if html_path is not None:
        check_writable(html_path, force)  # refuse a bad --html before the work
    browser = _browser_for_pdf(pdf_path, force)
    cols, county, label = run_comparison(opts)
    if fmt == "json":
        emit_json(comparison_json(cols, label))
    elif fmt == "html":
        click.echo(_render(cols, county, label, lang, opts["unmask"]), nl=False)
    elif fmt == "csv":
        _compare_csv(cols, lang, keys=opts["keys"])
    else:
        rows = [{"metric": lab, **{c.key: v for c, v in zip(cols, values, strict=True)}} for __, lab, values in metric_rows(cols)]
        when = _when(cols)
        # short names head the columns (six full names do not fit a terminal side by side); --keys: the keys
        emit(rows, [Col("metric", p_("compare_cmds", "figure")),
                    *(Col(c.key, L(c.key, c.key) if opts["keys"] else c.heading or c.name, "right") for c in cols)],
             fmt="table",
             lang=lang, title=L(f"机制比较 — {label}{when.zh}", f"Mechanisms compared — {label}{when.en}"),
             caption=_caption(cols, lang))
    if html_path is not None or pdf_path is not None:
        html = _render(cols, county, label, lang, opts["unmask"])
        if html_path is not None:
            _write_html(html, html_path, lang, force)
        if pdf_path is not None and browser is not None:
            _write_pdf(html, pdf_path, browser, lang, force)


@click.command("report")
@_options
@click.option("--output", "-o", "html_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the HTML report (this, --pdf, or both).")
@pdf_option
def report_cmd(**opts: Any) -> None:
    """Write the comparison as one self-contained HTML file (tables and charts in the page; opens offline, reads
    without JavaScript, prints) and/or as PDF through headless Chromium.

    `report DATA [--mechanism KEY …] -o REPORT.html`, with the options of `compare`.
    """
    lang: Lang = opts["lang"]
    html_path: Path | None = opts["html_path"]
    pdf_path: Path | None = opts["pdf_path"]
    force: bool = opts["force"]
    if html_path is None and pdf_path is None:
        raise click.UsageError("give -o REPORT.html, --pdf REPORT.pdf, or both" if lang == "en" else
                               "请给出 -o 报告.html 或 --pdf 报告.pdf（或两者）")
    if html_path is not None:
        check_writable(html_path, force)  # refuse a bad --output before the work
    browser = _browser_for_pdf(pdf_path, force)
    cols, county, label = run_comparison(opts)
    html = _render(cols, county, label, lang, opts["unmask"])
    if html_path is not None:
        _write_html(html, html_path, lang, force)
    if pdf_path is not None and browser is not None:
        _write_pdf(html, pdf_path, browser, lang, force)
    shown = [c.key if opts.get("keys") or show_keys() else (c.heading or c.name).get(lang) for c in cols]
    console().print(("已比较 " if lang == "zh" else "compared ") + ("、" if lang == "zh" else ", ").join(shown),
                    markup=False)
    note = no_policy_note(cols)
    if note is not None:
        err_console().print(note.get(lang), markup=False)
