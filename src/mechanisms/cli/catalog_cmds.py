"""Commands about the mechanisms themselves: list, show, case, plugins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from ..converter import unstructure
from ..model.labels import L, Lang
from ..model.mechanism import Mechanism, Role
from ..model.reference import case_document
from .context import catalog_for, get_mechanism
from .options import fmt_option, lang_option, mechanism_file_option, set_option
from .output import Col, console, emit, emit_json, err_console, screen_text


def _warn_problems(files: tuple[Path, ...] = ()) -> None:
    for p in catalog_for(files=files).problems:
        err_console().print(f"warning: {p}", markup=False)


@click.command("list")
@mechanism_file_option
@fmt_option()
@lang_option
def list_cmd(mechanism_files: tuple[Path, ...], fmt: str, lang: Lang) -> None:
    """List the mechanisms installed (plugins, built-ins, mechanism files)."""
    catalog = catalog_for(files=mechanism_files)
    _warn_problems(mechanism_files)
    entries = sorted(catalog, key=lambda e: e.mechanism.key)
    doc = [{"key": e.mechanism.key, "name": unstructure(e.mechanism.name), "county": unstructure(e.mechanism.county),
            "plugin": e.plugin, "year": e.mechanism.year, "roles": len(e.mechanism.roles)} for e in entries]
    rows = [{"key": e.mechanism.key, "name": e.mechanism.name, "county": e.mechanism.county,
             "year": e.mechanism.year, "roles": len(e.mechanism.roles), "plugin": e.plugin} for e in entries]
    cols = [Col("key", L("键", "key")), Col("name", L("名称", "name")), Col("county", L("地区", "county")),
            Col("year", L("年份", "year")), Col("roles", L("角色数", "roles"), "right"), Col("plugin", L("来源", "plugin"))]
    emit(rows, cols, fmt=fmt, lang=lang, title=L("已安装的机制", "Installed mechanisms"), json_doc=doc)


def _role_row(r: Role, lang: Lang) -> dict[str, Any]:
    scope = "、".join(r.scope.tags_any + r.scope.tags_all) if lang == "zh" else ", ".join(r.scope.tags_any + r.scope.tags_all)
    if r.scope.label is not None:
        scope = r.scope.label.get(lang)
    visits = None
    if r.visits:
        unit = ("天" if r.visits.unit == "day" else "次") if lang == "zh" else ("days" if r.visits.unit == "day" else "visits")
        per = {"day": ("日", "day"), "week": ("周", "week"), "month": ("月", "month"), "quarter": ("季", "quarter"),
               "half": ("半年", "half-year"), "year": ("年", "year")}[r.visits.per]
        visits = f"{r.visits.times}{unit}/{per[0]}" if lang == "zh" else f"{r.visits.times} {unit}/{per[1]}"
    cap: int | str | None = r.capacity if r.capacity is not None else None
    if r.capacity_households is not None:
        cap = f"{r.capacity_households} " + ("户" if lang == "zh" else "hh")
    return {"key": r.key, "label": r.label, "level": r.level, "actor_kinds": list(r.actor_kinds),
            "scope": scope or ("全部" if lang == "zh" else "all"), "min": r.min_per_unit, "capacity": cap,
            "visits": visits}


def _show_table(m: Mechanism, lang: Lang) -> None:
    out = console()
    out.print(f"[bold]{escape(screen_text(m.name.get(lang)))}[/bold]  ({escape(m.key)})", markup=True)
    out.print(f"{m.county.get(lang)}" + (f", {m.year}" if m.year else ""), markup=False)
    if m.summary:
        out.print(m.summary.get(lang), markup=False)
    if m.source:
        out.print(("来源：" if lang == "zh" else "Source: ") + f"{m.source.title.get(lang)} [{m.source.file}]", markup=False)
    out.print(("层级：" if lang == "zh" else "Levels: ") + " > ".join(lv.label.get(lang) for lv in m.levels), markup=False)
    emit([_role_row(r, lang) for r in m.roles],
         [Col("key", L("键", "key")), Col("label", L("角色", "role")), Col("level", L("层级", "level")),
          Col("actor_kinds", L("责任主体", "actor kinds")), Col("scope", L("范围", "scope")),
          Col("min", L("每单位最少", "min/unit"), "right"), Col("capacity", L("容量", "capacity"), "right"),
          Col("visits", L("走访频次", "visits"))],
         fmt="table", lang=lang, title=L("角色", "Roles"))
    if m.coverage_rules:
        emit([{"key": c.key, "label": c.label, "role": c.role, "level": c.level, "min": c.min_actors}
              for c in m.coverage_rules],
             [Col("key", L("键", "key")), Col("label", L("覆盖要求", "coverage rule")), Col("role", L("角色", "role")),
              Col("level", L("层级", "level")), Col("min", L("最少", "min"), "right")],
             fmt="table", lang=lang, title=L("覆盖规则", "Coverage rules"))
    if m.campaign:
        c = m.campaign
        out.print(("行动：" if lang == "zh" else "Campaign: ") + f"{c.label.get(lang)} {c.start} – {c.end or '…'}; "
                  + (f"{len(c.phases)} 个阶段，{len(c.actions)} 项行动，{len(c.tasks)} 项任务，{len(c.milestones)} 个节点"
                     if lang == "zh" else f"{len(c.phases)} phases, {len(c.actions)} actions, {len(c.tasks)} tasks, "
                     f"{len(c.milestones)} milestones"), markup=False)
    if m.indicators:
        out.print(("指标：" if lang == "zh" else "Indicators: ") + "; ".join(i.label.get(lang) for i in m.indicators),
                  markup=False)
    if m.scoring:
        s = m.scoring
        parts = [f"{len(s.scorecards)} scorecards", f"{len(s.rankings)} rankings", f"{len(s.tier_schemes)} tier schemes",
                 f"{len(s.lists)} red/black lists"]
        if s.points:
            parts.append(s.points.label.get(lang))
        if s.supervision:
            parts.append(s.supervision.label.get(lang))
        out.print(("考核：" if lang == "zh" else "Scoring: ") + ", ".join(parts), markup=False)
    if m.assumptions:
        emit([{"key": a.key, "label": a.label, "value": a.value, "path": a.path,
               "reason": a.reason} for a in m.assumptions],
             [Col("key", L("键", "key")), Col("label", L("假设", "assumption")), Col("value", L("取值", "value"), "right"),
              Col("path", L("位置", "path")), Col("reason", L("理由", "reason"))],
             fmt="table", lang=lang, title=L("假设（来源未明确，可用 --set 覆盖）",
                                              "Assumptions (not stated by the source; override with --set)"))


@click.command()
@click.argument("key")
@mechanism_file_option
@set_option
@fmt_option("table", "json", "toml", "yaml")
@lang_option
def show(key: str, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...], fmt: str, lang: Lang) -> None:
    """Show one mechanism: levels, roles, rules, campaign, scoring, assumptions."""
    m = get_mechanism(key, mechanism_files, overrides)
    if fmt == "json":
        emit_json(unstructure(m))
    elif fmt in ("toml", "yaml"):
        from ..io.documents import dumps

        click.echo(dumps(m, fmt), nl=False)  # type: ignore[arg-type]
    else:
        _show_table(m, lang)


@click.command()
@click.argument("key")
@mechanism_file_option
@fmt_option("table", "json")
@click.option("--staffed", is_flag=True,
              help="Also staff the preset with the mechanism's own policy and set each published count beside it.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for the preset and the staffing (--staffed).")
@lang_option
def case(key: str, mechanism_files: tuple[Path, ...], fmt: str, staffed: bool, seed: int, lang: Lang) -> None:
    """Reproduce a mechanism's reference case: published figures and the ratios that follow."""
    from ..county.staffed_case import staffed_case

    m = get_mechanism(key, mechanism_files)
    doc = case_document(m, lang)
    result = staffed_case(m, seed=seed) if staffed else None
    if result is not None:
        doc["staffed"] = result.to_json(lang)
    if fmt == "json":
        emit_json(doc)
        return
    if m.reference is None:
        console().print(f"{key}: no reference case", markup=False)
        return
    console().print(f"{m.name.get(lang)} — {doc['title']} [{doc['source']}]", markup=False)
    marks = {"at-least": L("以上", "at least"), "nearly": L("近", "nearly")}
    figures = [{**f, "approx": marks.get(f["approx"])} for f in doc["figures"]]
    emit(figures, [Col("key", L("键", "key")), Col("label", L("数字", "figure")),
                   Col("value", L("数值", "value"), "right"), Col("approx", L("约数", "stated as")),
                   Col("unit", L("单位", "unit")), Col("quote", L("原文", "source sentence"))],
         fmt="table", lang=lang, title=L("公布的数字", "Published figures"))
    derived = [{**d, "approx": L("约", "approx.") if d["approx"] else None} for d in doc["derived"]]
    emit(derived, [Col("key", L("键", "key")), Col("label", L("推算", "derived")),
                   Col("value", L("数值", "value"), "right"), Col("approx", L("约数", "stated as")),
                   Col("unit", L("单位", "unit")), Col("formula", L("公式", "formula"))],
         fmt="table", lang=lang, title=L("由此推算", "Derived from them"),
         caption=APPROX_NOTE.get(lang) if any(f["approx"] for f in figures) else None)
    if result is not None:
        yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
        rows = [{**r, "within": yes if r["within"] else no} for r in result.rows(lang)]
        emit(rows, [Col("key", L("键", "key")), Col("label", L("数字", "figure")),
                    Col("published", L("公布", "published"), "right"), Col("produced", L("政策配备", "staffed"), "right"),
                    Col("difference", L("差", "difference"), "right"), Col("within", L("相符", "agrees")),
                    Col("explanation", L("差异的理由", "why they differ"))],
             fmt="table", lang=lang, title=L("按本机制的配备政策配备预设县", "The preset staffed by the mechanism's own policy"),
             caption=(L("未解释的差异：", "unexplained: ").get(lang) + "、".join(f.figure.key for f in result.unexplained))
             if result.unexplained else None)


APPROX_NOTE = L("以上：原文为“多/余/以上”，数值是下限；近：数值是上限；约：由这类数字推算",
                "at least: the source says 多/余/以上 (the value is a floor); nearly: 近 (a ceiling); "
                "approx.: computed from such a figure")


@click.command()
@fmt_option("table", "json")
def plugins(fmt: str) -> None:
    """Show loaded plugins and any that failed, by name."""
    catalog = catalog_for()
    counts: dict[str, int] = {}
    for e in catalog:
        counts[e.plugin] = counts.get(e.plugin, 0) + 1
    plugin_rows = [{"name": n, "source": s, "mechanisms": counts.get(n, 0)} for n, s in catalog.plugins]
    doc = {"plugins": plugin_rows, "problems": [{"plugin": p.plugin, "message": p.message} for p in catalog.problems]}
    if fmt == "json":
        emit_json(doc)
        return
    emit(plugin_rows, [Col("name", L("插件", "plugin")), Col("source", L("来源", "source")),
                          Col("mechanisms", L("机制数", "mechanisms"), "right")], fmt="table", lang="en",
         title=L("插件", "Plugins"))
    for p in catalog.problems:
        err_console().print(f"problem: {p}", markup=False)
