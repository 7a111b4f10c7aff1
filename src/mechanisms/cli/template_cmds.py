"""`mechanisms template`: the ledger (台账) a county office fills in for one mechanism, in the office's language."""

from __future__ import annotations

from pathlib import Path

import click

from ..model.labels import Lang
from .context import get_mechanism
from .header_option import headers_lang, headers_option
from .options import lang_option, mechanism_file_option
from .output import console


@click.command()
@click.argument("key")
@mechanism_file_option
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="台账.xlsx (with dropdowns), a folder (CSV files), or .json/.yaml (the example county).")
@headers_option
@click.option("--year", type=int, default=None, help="Year of the listed periods and the example rows (default: this year).")
@click.option("--force", is_flag=True, help="Replace an existing --output.")
@lang_option
def template(key: str, mechanism_files: tuple[Path, ...], output: Path, headers: Lang | None, year: int | None,
             force: bool, lang: Lang) -> None:
    """Write a mechanism's ledger template: its sheets and headers, dropdowns, instructions and valid example rows.

    The workbook holds 单位, 人员, 包保 and the record sheets the mechanism uses, a 说明 sheet saying what each
    column holds, and dropdowns for 层级, 类别, 角色 and 期间 with exactly the values the readers accept. Filled in,
    it is checked with `mechanisms validate FILE --mechanism KEY`.
    """
    from ..io.template import build_template, check_template_output, write_template

    check_template_output(output, force)  # refuse a bad --output before the work
    mechanism = get_mechanism(key, mechanism_files)
    t = build_template(mechanism, lang=lang, names=headers_lang(headers, lang), year=year)
    path = write_template(t, output, overwrite=force)
    sheets = "、".join(spec.zh for spec, _ in t.tables) if lang == "zh" else ", ".join(spec.name for spec, _ in t.tables)
    rows = sum(len(r) for _, r in t.tables)
    console().print(f"已写入 {path}：{mechanism.key} 的台账模板（{sheets}；{rows} 行示例）。填好后运行："
                    f"mechanisms validate {path} --mechanism {mechanism.key}" if lang == "zh" else
                    f"wrote {path}: the ledger template of {mechanism.key} ({sheets}; {rows} example rows). Once "
                    f"filled in, run: mechanisms validate {path} --mechanism {mechanism.key}", markup=False)
