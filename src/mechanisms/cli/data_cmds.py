"""Commands that read a county's data: validate."""

from __future__ import annotations

from pathlib import Path

import attrs
import click

from ..county.validation import validate_county
from ..errors import DataError, UsageError
from ..io.county_io import load_county
from ..model.labels import L, Lang
from .context import get_mechanism
from .options import fmt_option, lang_option, mechanism_file_option
from .output import Col, console, emit


@click.command()
@click.argument("data")
@click.option("--mechanism", "key", help="Also check assignments against this mechanism's roles.")
@mechanism_file_option
@fmt_option()
@lang_option
def validate(data: str, key: str | None, mechanism_files: tuple[Path, ...], fmt: str, lang: Lang) -> None:
    """Check a county's data: structure, references, dates, and roles of a mechanism. Exit 1 if anything is wrong."""
    mechanism = get_mechanism(key, mechanism_files) if key or mechanism_files else None
    try:
        county = load_county(data)
        problems = validate_county(county, mechanism)
    except DataError as exc:
        county, problems = None, list(exc.problems)
    doc = {"ok": not problems,
           "problems": [{"file": p.file, "row": p.row, "field": p.field, "message": p.message} for p in problems]}
    if fmt != "table":
        emit(doc["problems"], [Col("file", L("文件", "file")), Col("row", L("行", "row"), "right"),
                               Col("field", L("字段", "field")), Col("message", L("问题", "problem"))],
             fmt=fmt, lang=lang, json_doc=doc)
    elif problems:
        # One line per problem, as a person fixing a file wants them (and fast for tens of thousands).
        click.echo("\n".join(str(p) for p in problems))
        click.echo(f"{len(problems)} 个问题" if lang == "zh" else f"{len(problems)} problem(s) found.")
    if county is not None and not problems and fmt == "table":
        s = county.structure
        msg = (f"数据有效：{len(s.units)} 个单位（{sum(1 for u in s.units if u.level == s.levels[-1].key)} 户），"
               f"{len(s.actors)} 名责任主体，{len(s.assignments)} 条包保关系"
               if lang == "zh" else
               f"OK: {len(s.units)} units ({sum(1 for u in s.units if u.level == s.levels[-1].key)} households), "
               f"{len(s.actors)} actors, {len(s.assignments)} assignments")
        if mechanism is not None:
            msg += f"（{mechanism.key}）" if lang == "zh" else f", checked against {mechanism.key}"
        console().print(msg, markup=False)
    if problems:
        raise SystemExit(1)


@click.command()
@click.argument("data")
@click.option("--mechanism", "key", help="The mechanism whose assignment policy staffs the county.")
@mechanism_file_option
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for the policy's random choices.")
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="Where to write the staffed county (a folder for CSV, or .xlsx/.json/.yaml).")
@click.option("--force", is_flag=True, help="Replace existing files at --output.")
@click.option("--again", is_flag=True, help="Staff even if the county has its own assignments for the mechanism.")
@click.option("--optimize", is_flag=True,
              help="The policy's actors, their units chosen by the re-assignment solver: every rule covered, loads even.")
@lang_option
def staff(data: str, key: str | None, mechanism_files: tuple[Path, ...], seed: int, output: Path, force: bool,
          again: bool, optimize: bool, lang: Lang) -> None:
    """Staff a county with a mechanism's assignment policy and write the result."""
    from ..county.staffing import has_assignments_for
    from ..county.staffing import staff as staff_structure
    from ..io.county_io import write_county

    mechanism = get_mechanism(key, mechanism_files)
    county = load_county(data)
    if has_assignments_for(county.structure, mechanism) and not again:
        raise UsageError(f"{data} already has assignments for {mechanism.key}; staffing it would add a second set "
                         "(pass --again to add one anyway)")
    if optimize:
        from ..reassign import staff_optimized

        county = attrs.evolve(county, structure=staff_optimized(county.structure, mechanism, seed=seed))
    else:
        county = attrs.evolve(county, structure=staff_structure(county.structure, mechanism, seed=seed))
    path = write_county(county, output, overwrite=force)
    added = sum(1 for a in county.structure.assignments if a.mechanism == mechanism.key)
    console().print(f"已写入 {path}：按 {mechanism.key} 的配置政策新增 {added} 条包保关系" if lang == "zh"
                    else f"wrote {path}: {added} assignments added by {mechanism.key}'s assignment policy", markup=False)
