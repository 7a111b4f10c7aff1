"""The ``coverage`` command: does responsibility reach every household under a mechanism, and how fragile is it?

Gaps are results (exit 0); a county whose data is broken exits 1 with every problem; a
bad option or unknown mechanism exits 2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..coverage import build_model, report_from_model, views
from ..model.labels import Lang, _
from ..model.names import Names
from .context import compact_for, get_mechanism
from .options import as_of_option, fmt_option, keys_option, lang_option, mechanism_file_option, set_option, show_personal_option
from .output import emit_blocks, emit_csv, err_console


def _lang(ctx: click.Context) -> Lang:
    from .help_i18n import help_lang

    return "en" if help_lang(ctx) == "en" else "zh"


def _shares(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, ...]:
    if not value:
        return ()
    out = []
    for part in value.split(","):
        try:
            f = float(part)
        except ValueError:
            raise click.BadParameter(_("{value} is not a number (give shares like 0.1,0.2,0.3)").format(
                value=repr(part.strip())).get(_lang(ctx))) from None
        if not 0.0 <= f <= 1.0:
            raise click.BadParameter(_("{value} is not a share between 0 and 1").format(value=f).get(_lang(ctx)))
        out.append(f)
    return tuple(out)


@click.command()
@click.argument("data")
@click.option("--mechanism", "key", help="The mechanism to apply (see `mechanisms list`).")
@mechanism_file_option
@set_option
@as_of_option
@click.option("--robustness", "shares", callback=_shares, metavar="F1,F2,…",
              help="Turnover shares for the robustness curve, e.g. 0.1,0.2,0.3.")
@click.option("--runs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Monte Carlo runs per robustness point, beside the exact figure (0: exact only).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the Monte Carlo runs, and of the staffing policy where the county has no assignments.")
@click.option("--turnover", type=click.Choice(["fixed", "independent"]), default="fixed", show_default=True,
              help="fixed: exactly round(f·N) actors leave; independent: each leaves with probability f.")
@show_personal_option
@fmt_option()
@keys_option
@lang_option
def coverage(data: str, key: str | None, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...],
             on: dt.date | None, shares: tuple[float, ...], runs: int, seed: int, turnover: str, show_personal: bool,
             fmt: str, keys: bool, lang: Lang) -> None:
    """Coverage of a county under a mechanism: by role and level, gaps, load, redundancy, single points of failure, robustness.

    The county is read as of today (--on another day; --all-dates: every assignment ever held). Gaps are
    results (exit 0); broken data exits 1 with every problem listed. Tables and CSV name roles, levels and
    rules in the chosen language (--keys: keys); JSON has keys.
    """
    mechanism = get_mechanism(key, mechanism_files, overrides)
    county, unit_names, levels = compact_for(data, mechanism, seed=seed, lang=lang, on=on)  # arrays, no object per unit
    day = on
    model = build_model(county, mechanism, on=day)
    names = Names.of(mechanism, levels, keys=keys)
    for ra in model.roles:
        if ra.off_level:
            role, level = names.role(ra.key, lang), names.level(ra.role.level, lang)
            hint = f"mechanisms validate {data} --mechanism {mechanism.key}"
            err_console().print(_("warning: {n} assignment(s) of role {role} are on units that are not {level} units "
                                  "and do not count (see `{hint}`)").format(n=ra.off_level, role=role, level=level,
                                                                           hint=hint).get(lang), markup=False)
    report = report_from_model(model, on=day, robustness=shares, runs=runs, seed=seed,
                               turnover="fixed" if turnover == "fixed" else "independent", unit_names=unit_names,
                               levels=levels)
    if fmt == "json":
        click.echo(report.json_text(show_personal=show_personal))
    elif fmt == "csv":
        emit_csv(views.csv_rows(report, show_personal=show_personal, lang=lang, keys=keys))
    else:
        emit_blocks(views.blocks(report, mechanism, lang, data, show_personal=show_personal, keys=keys), lang=lang)
