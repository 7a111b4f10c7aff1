"""`mechanisms score`: scorecards, rankings in peer groups, tiers and budget, red/black lists.

The figures, their JSON and CSV forms and the tables are built by :func:`mechanisms.year.score_report.score_report`;
this command parses options and prints.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..io.county_io import load_county
from ..model.labels import Lang
from ..model.periods import Period
from ..year.score_report import score_report
from .context import get_mechanism
from .options import fmt_option, keys_option, lang_option, mechanism_file_option, set_option, show_personal_option
from .output import emit, emit_blocks, emit_json
from .year_common import mechanism_option


@click.command()
@click.argument("data")
@mechanism_option
@mechanism_file_option
@set_option
@click.option("--period", "period_text", required=True, help="Period: 2024-05, 2024Q2, 2024H1, 2024.")
@click.option("--ranking", "only", help="Only this ranking (and its tiers and lists).")
@show_personal_option
@keys_option
@fmt_option()
@lang_option
def score(data: str, key: str | None, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...], period_text: str,
          only: str | None, show_personal: bool, keys: bool, fmt: str, lang: Lang) -> None:
    """Score units on the mechanism's scorecards, rank them in peer groups, award tiers, draw red/black lists."""
    m = get_mechanism(key, mechanism_files, overrides)
    report = score_report(m, load_county(data, mechanism=m), Period.parse(period_text), only=only, lang=lang,
                          show_personal=show_personal, keys=keys)
    if fmt == "json":
        emit_json(report.to_json())
    elif fmt == "csv":
        emit(report.csv_rows, report.csv_cols, fmt="csv", lang=lang)
    else:
        emit_blocks([*report.heading(lang), *report.blocks], lang=lang)
# ------------------------------------------------------------------ campaign
