"""Commands that read a county's data: validate."""

from __future__ import annotations

from pathlib import Path

import attrs
import click

from ..errors import UsageError
from ..model.labels import Lang
from .context import catalog_for, get_mechanism
from .header_option import headers_lang, headers_option
from .options import fmt_option, lang_option, mechanism_file_option
from .screen import echo


@click.command()
@click.argument("data")
@click.option("--mechanism", "key", help="Also check assignments and records against this mechanism.")
@mechanism_file_option
@click.option("--strict", is_flag=True, help="Extra columns (联系电话, 备注 …) are errors, not notices.")
@click.option("--output", "-o", "output", type=click.Path(path_type=Path), default=None,
              help="Write the complete list of problems here (CSV, or JSON for .json), however long it is.")
@click.option("--force", is_flag=True, help="Replace an existing --output file.")
@fmt_option()
@lang_option
def validate(data: str, key: str | None, mechanism_files: tuple[Path, ...], strict: bool, output: Path | None,
             force: bool, fmt: str, lang: Lang) -> None:
    """Check a county's data: cells, structure, references, and fit to a mechanism, in one pass. Exit 1 if anything is wrong.

    The terminal shows the first few problems of each kind; --format json|csv and -o give all of them.
    """
    import sys

    from ..io.memory import keep_freed_memory

    keep_freed_memory()  # a command's process: freed columns reused, not faulted in again (io/memory.py says why)
    from ..io.column_checks import check_columns
    from ..io.columns import read_columns
    from . import problem_output as po

    mechanism = get_mechanism(key, mechanism_files) if key or mechanism_files else None
    if output is not None:
        from ..io.atomic import check_writable

        check_writable(output, force)  # before the work, not after it
    columns, log = read_columns(data, strict=strict)
    if mechanism is not None:
        columns = columns.for_mechanism(mechanism)
    # The rest of the catalogue only matters against a mechanism: its records may belong to another one. Without
    # --mechanism nothing is checked against any mechanism, so no catalogue is built (it is most of the start-up).
    others = [] if mechanism is None else [e.mechanism for e in catalog_for(files=mechanism_files)
                                           if e.mechanism.key != mechanism.key]
    counts = check_columns(columns, mechanism, log, others)
    if output is not None:
        po.write_file(log, output, lang, force)
    if fmt == "json":
        po.write_json(log, sys.stdout, lang)
    elif fmt == "csv":
        po.write_csv(log, sys.stdout, lang)
    else:
        po.write_terminal(log, lang)
    if log.ok and fmt == "table":
        msg = (f"数据有效：{counts.units:,} 个单位（{counts.households:,} 户），"
               f"{counts.actors:,} 名责任主体，{counts.assignments:,} 条包保关系"
               if lang == "zh" else
               f"OK: {counts.units:,} units ({counts.households:,} households), "
               f"{counts.actors:,} actors, {counts.assignments:,} assignments")
        if mechanism is not None:
            msg += (f"，已按{mechanism.name.get(lang)}（{mechanism.key}）核对" if lang == "zh" else
                    f", checked against {mechanism.name.get(lang)} ({mechanism.key})")
        echo(msg)  # one plain line: no rich to import for it (cli/screen.py)
    if not log.ok:
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
@headers_option
@lang_option
def staff(data: str, key: str | None, mechanism_files: tuple[Path, ...], seed: int, output: Path, force: bool,
          again: bool, optimize: bool, headers: str | None, lang: Lang) -> None:
    """Staff a county with a mechanism's assignment policy and write the result."""
    from ..county.staffing import has_assignments_for
    from ..county.staffing import staff as staff_structure
    from ..io.county_io import check_county_output, load_county, write_county
    from .output import console

    check_county_output(output, None, force)  # refuse a bad --output before the work
    mechanism = get_mechanism(key, mechanism_files)
    county = load_county(data)
    if has_assignments_for(county.structure, mechanism) and not again:
        raise UsageError(f"{data} already has assignments for {mechanism.key}; staffing it would add a second set "
                         "(pass --again to add one anyway)",
                         zh=f"{data} 已有{mechanism.name.get('zh')}（{mechanism.key}）的包保关系；再配置会多出一套"
                            "（确要再加一套请用 --again）")
    if optimize:
        from ..reassign import staff_optimized

        county = attrs.evolve(county, structure=staff_optimized(county.structure, mechanism, seed=seed))
    else:
        county = attrs.evolve(county, structure=staff_structure(county.structure, mechanism, seed=seed))
    path = write_county(county, output, overwrite=force, headers=headers_lang(headers, lang), mechanisms=(mechanism,))
    added = sum(1 for a in county.structure.assignments if a.mechanism == mechanism.key)
    name = mechanism.name.get(lang)
    console().print(f"已写入 {path}：按{name}（{mechanism.key}）的配置政策新增 {added} 条包保关系" if lang == "zh"
                    else f"wrote {path}: {added} assignments added by the assignment policy of {name} "
                         f"({mechanism.key})", markup=False)
