"""`mechanisms generate`: a synthetic county from sizes or a plugin's reference county."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import click

from ..county.generate import generate_structure
from ..county.records import County
from ..county.staffing import staff
from ..errors import UsageError
from ..model.labels import Lang, _
from ..model.shape import CountyShape, TagShare
from .context import get_mechanism
from .header_option import headers_lang, headers_option
from .options import lang_option, mechanism_file_option, set_option
from .output import console

_WROTE = _("wrote {path}: {units} units, {households} households, {actors} actors, {assignments} assignments")


def parse_tag(text: str) -> TagShare:
    """``LEVEL:TAG:SHARE`` (a share below 1, e.g. 0.2) or ``LEVEL:TAG:COUNT`` (a whole number, e.g. 59)."""
    parts = text.split(":")
    if len(parts) != 3:
        raise UsageError(_("--tag expects LEVEL:TAG:SHARE or LEVEL:TAG:COUNT, got {text}").format(text=repr(text)))
    level, tag, amount = parts
    try:
        value = float(amount)
    except ValueError:
        raise UsageError(_("--tag {text}: {amount} is not a number").format(text=repr(text), amount=repr(amount))) from None
    if value < 1 or "." in amount:
        return TagShare(level, tag, share=value)
    return TagShare(level, tag, count=int(value))


def shape_from(preset: str | None, mechanism_files: tuple[Path, ...], sizes: dict[str, int | None],
               tags: tuple[str, ...], overrides: tuple[str, ...] = ()) -> CountyShape:
    if preset is not None:
        mech = get_mechanism(preset, mechanism_files, overrides)
        if mech.preset is None:
            raise UsageError(_("{preset}: the mechanism states no reference county to generate from").format(preset=preset))
        shape = mech.preset
        given: dict[str, Any] = {k: v for k, v in sizes.items() if v is not None}  # CountyShape's size fields
        shape = attrs.evolve(shape, **given)
    else:
        missing = [k for k in ("towns", "villages", "households") if sizes.get(k) is None]
        if missing:
            ctx = click.get_current_context(silent=True)
            lang: Lang = "en" if ctx is not None and ctx.meta.get("mechanisms.lang") == "en" else "zh"
            raise click.UsageError(_("give --preset KEY, or sizes: {missing} missing").format(
                missing=", ".join("--" + m for m in missing)).get(lang))
        sized: dict[str, Any] = {k: v for k, v in sizes.items() if v is not None}  # CountyShape's size fields
        shape = CountyShape(_("synthetic county"), **sized)
    if tags:
        shape = attrs.evolve(shape, tags=shape.tags + tuple(parse_tag(t) for t in tags))
    return shape


@click.command()
@click.option("--preset", help="Generate the reference county of this mechanism (its published sizes).")
@click.option("--towns", type=int, help="Towns and streets in all.")
@click.option("--streets", type=int, help="How many of the towns are streets (街道).")
@click.option("--villages", type=int, help="Villages and communities in all.")
@click.option("--communities", type=int, help="How many of the villages are communities (社区).")
@click.option("--groups-per-village", "groups_per_village", type=int, help="Groups (村民小组) per village.")
@click.option("--households", type=int, help="Households in all.")
@click.option("--tag", "tags", multiple=True, metavar="LEVEL:TAG:SHARE|COUNT",
              help="Tag units, e.g. household:worst-hygiene:0.2 or village:target-village:59 (repeatable).")
@click.option("--mechanism", "keys", multiple=True, help="Staff the county with this mechanism's policy (repeatable).")
@mechanism_file_option
@set_option
@click.option("--rows/--counts", "rows", default=None,
              help="A row per household, or household counts on groups (default: rows up to 200,000 households).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="A folder (CSV or Parquet) or a .xlsx/.json/.yaml file.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json", "yaml", "parquet"]),
              help="Output format (default: from --output).")
@click.option("--force", is_flag=True, help="Replace existing files at --output.")
@headers_option
@lang_option
def generate(preset: str | None, towns: int | None, streets: int | None, villages: int | None,
             communities: int | None, groups_per_village: int | None, households: int | None, tags: tuple[str, ...],
             keys: tuple[str, ...], mechanism_files: tuple[Path, ...], overrides: tuple[str, ...], rows: bool | None,
             seed: int, output: Path,
             fmt: str | None, force: bool, headers: str | None, lang: Lang) -> None:
    """Generate a synthetic county (plainly fake names), optionally staffed by mechanisms' policies."""
    from ..io.county_io import check_county_output, write_county

    check_county_output(output, fmt, force)  # type: ignore[arg-type]  # refuse a bad --output before the work
    sizes = {"towns": towns, "streets": streets, "villages": villages, "communities": communities,
             "groups_per_village": groups_per_village, "households": households}
    shape = shape_from(preset, mechanism_files, sizes, tags, overrides)
    staffing = keys or ((preset,) if preset else ())
    out_fmt = check_county_output(output, fmt, force)  # type: ignore[arg-type]
    if not staffing and out_fmt in ("csv", "parquet"):
        # nothing to staff: the county is made and written as columns (a million households in seconds)
        from ..io.column_write import write_columns
        from ..io.generate_columns import generate_columns

        columns = generate_columns(shape, seed=seed, household_rows=rows)
        path = write_columns(columns, output, fmt=out_fmt, overwrite=force, headers=headers_lang(headers, lang))
        units = columns["units"]
        n_hh = int(pa_sum_households(units))
        console().print(_WROTE.format(path=str(path), units=len(units), households=n_hh, actors=0, assignments=0)
                        .get(lang), markup=False)
        return
    structure = generate_structure(shape, seed=seed, household_rows=rows)
    staffed = [get_mechanism(key, mechanism_files, overrides if key == preset else ()) for key in staffing]
    for i, m in enumerate(staffed):
        structure = staff(structure, m, seed=seed + i)
    path = write_county(County(structure), output, fmt=fmt, overwrite=force,  # type: ignore[arg-type]
                        headers=headers_lang(headers, lang), mechanisms=staffed)
    n_units = len(structure.units)
    hh = structure.household_count(structure.roots[0].id)
    console().print(_WROTE.format(path=str(path), units=n_units, households=hh, actors=len(structure.actors),
                                  assignments=len(structure.assignments)).get(lang), markup=False)


def pa_sum_households(units: Any) -> int:
    """Households of a generated county: its household rows, or the counts on its groups."""
    import pyarrow.compute as pc

    rows = pc.sum(pc.equal(units.column("level"), "household")).as_py() or 0
    counts = pc.sum(units.column("households")).as_py() or 0
    return int(rows + counts)
