"""Commands about the mechanisms themselves: list, show, case, plugins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from ..converter import unstructure
from ..model.labels import Lang, _, p_
from ..model.mechanism import Mechanism, Role
from ..model.names import Names
from ..model.reference import case_document
from .context import catalog_for, get_mechanism
from .options import fmt_option, keys_option, lang_option, mechanism_file_option, set_option
from .output import Col, console, emit, emit_json, err_console, screen_text


def _lang() -> Lang:
    ctx = click.get_current_context(silent=True)
    return "en" if ctx is not None and ctx.meta.get("mechanisms.lang") == "en" else "zh"


def _warn_problems(files: tuple[Path, ...] = ()) -> None:
    for p in catalog_for(files=files).problems:
        err_console().print(_("warning: {problem}").format(problem=p.text(_lang())).get(_lang()), markup=False)


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
    cols = [Col("key", _("key")), Col("name", _("name")), Col("county", _("county")),
            Col("year", _("year")), Col("roles", _("roles"), "right"), Col("plugin", _("plugin"))]
    emit(rows, cols, fmt=fmt, lang=lang, title=_("Installed mechanisms"), json_doc=doc)


def _role_row(r: Role, lang: Lang, names: Names) -> dict[str, Any]:
    scope = _(", ").get(lang).join(r.scope.tags_any + r.scope.tags_all)
    if r.scope.label is not None:
        scope = r.scope.label.get(lang)
    visits = None
    if r.visits:
        from ..year.text import freq_text

        visits = freq_text(r.visits, lang)
    cap: int | str | None = r.capacity if r.capacity is not None else None
    if r.capacity_households is not None:
        cap = _("{n} hh").format(n=r.capacity_households).get(lang)
    return {"key": r.key, "label": r.label, "level": names.level_label(r.level),
            "actor_kinds": [names.kind(k, lang) for k in r.actor_kinds],
            "scope": scope or _("all").get(lang), "min": r.min_per_unit, "capacity": cap,
            "visits": visits}


def _show_table(m: Mechanism, lang: Lang, keys: bool = False) -> None:
    out = console()
    names = Names.of(m, m.levels, keys=keys)
    out.print(f"[bold]{escape(screen_text(m.name.get(lang)))}[/bold]  ({escape(m.key)})", markup=True)
    out.print(m.county.get(lang) + (_(", {year}").format(year=m.year).get(lang) if m.year else ""), markup=False)
    if m.summary:
        out.print(m.summary.get(lang), markup=False)
    if m.source:
        out.print(_("Source: {title} [{file}]").format(title=m.source.title, file=m.source.file).get(lang), markup=False)
    out.print(_("Levels: {levels}").format(levels=" > ".join(lv.label.get(lang) for lv in m.levels)).get(lang), markup=False)
    emit([_role_row(r, lang, names) for r in m.roles],
         [Col("key", _("key")), Col("label", _("role")), Col("level", _("level")),
          Col("actor_kinds", _("actor kinds")), Col("scope", _("scope")),
          Col("min", _("min/unit"), "right"), Col("capacity", _("capacity"), "right"),
          Col("visits", _("visits"))],
         fmt="table", lang=lang, title=_("Roles"))
    if m.coverage_rules:
        emit([{"key": c.key, "label": c.label, "role": names.role_label(c.role), "level": names.level_label(c.level),
               "min": c.min_actors}
              for c in m.coverage_rules],
             [Col("key", _("key")), Col("label", _("coverage rule")), Col("role", _("role")),
              Col("level", _("level")), Col("min", _("min"), "right")],
             fmt="table", lang=lang, title=_("Coverage rules"))
    if m.campaign:
        c = m.campaign
        out.print(_("Campaign: {label} {start} – {end}; {phases} phases, {actions} actions, {tasks} tasks, "
                    "{milestones} milestones").format(label=c.label, start=c.start, end=c.end or "…", phases=len(c.phases),
                                                       actions=len(c.actions), tasks=len(c.tasks),
                                                       milestones=len(c.milestones)).get(lang), markup=False)
    if m.indicators:
        out.print(_("Indicators: {indicators}").format(
            indicators=_("; ").get(lang).join(i.label.get(lang) for i in m.indicators)).get(lang), markup=False)
    if m.scoring:
        s = m.scoring
        parts = [_("{n} scorecards").format(n=len(s.scorecards)).get(lang), _("{n} rankings").format(n=len(s.rankings)).get(lang),
                 _("{n} tier schemes").format(n=len(s.tier_schemes)).get(lang),
                 _("{n} red/black lists").format(n=len(s.lists)).get(lang)]
        if s.points:
            parts.append(s.points.label.get(lang))
        if s.supervision:
            parts.append(s.supervision.label.get(lang))
        out.print(_("Scoring: {parts}").format(parts=_(", ").get(lang).join(parts)).get(lang), markup=False)
    if m.assumptions:
        emit([{"key": a.key, "label": a.label, "value": a.value, "path": a.path,
               "reason": a.reason} for a in m.assumptions],
             [Col("key", _("key")), Col("label", _("assumption")), Col("value", p_("catalog_cmds", "value"), "right"),
              Col("path", _("path")), Col("reason", _("reason"))],
             fmt="table", lang=lang, title=_("Assumptions (not stated by the source; override with --set)"))


@click.command()
@click.argument("key")
@mechanism_file_option
@set_option
@keys_option
@fmt_option("table", "json", "toml", "yaml")
@lang_option
def show(key: str, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...], keys: bool, fmt: str,
         lang: Lang) -> None:
    """Show one mechanism: levels, roles, rules, campaign, scoring, assumptions."""
    m = get_mechanism(key, mechanism_files, overrides)
    if fmt == "json":
        emit_json(unstructure(m))
    elif fmt in ("toml", "yaml"):
        from ..io.documents import dumps

        click.echo(dumps(m, fmt), nl=False)  # type: ignore[arg-type]
    else:
        _show_table(m, lang, keys)


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
        console().print(_("{key}: no reference case").format(key=key).get(lang), markup=False)
        return
    console().print(f"{m.name.get(lang)} — {doc['title']} [{doc['source']}]", markup=False)
    marks = {"at-least": _("at least"), "nearly": _("nearly")}
    figures = [{**f, "approx": marks.get(f["approx"])} for f in doc["figures"]]
    emit(figures, [Col("key", _("key")), Col("label", _("figure")),
                   Col("value", _("value"), "right"), Col("approx", _("stated as")),
                   Col("unit", _("unit")), Col("quote", _("source sentence"))],
         fmt="table", lang=lang, title=_("Published figures"))
    derived = [{**d, "approx": _("approx.") if d["approx"] else None} for d in doc["derived"]]
    emit(derived, [Col("key", _("key")), Col("label", _("derived")),
                   Col("value", _("value"), "right"), Col("approx", _("stated as")),
                   Col("unit", _("unit")), Col("formula", _("formula"))],
         fmt="table", lang=lang, title=_("Derived from them"),
         caption=APPROX_NOTE.get(lang) if any(f["approx"] for f in figures) else None)
    if result is not None:
        yes, no = _("yes").get(lang), _("no").get(lang)
        rows = [{**r, "within": yes if r["within"] else no} for r in result.rows(lang)]
        emit(rows, [Col("key", _("key")), Col("label", _("figure")),
                    Col("published", _("published"), "right"), Col("produced", _("staffed"), "right"),
                    Col("difference", _("difference"), "right"), Col("within", _("agrees")),
                    Col("explanation", _("why they differ"))],
             fmt="table", lang=lang, title=_("The preset staffed by the mechanism's own policy"),
             caption=_("unexplained: {figures}").format(
                 figures=_(", ").get(lang).join(f.figure.key for f in result.unexplained)).get(lang)
             if result.unexplained else None)


APPROX_NOTE = _("at least: the source says 多/余/以上 (the value is a floor); nearly: 近 (a ceiling); "
                "approx.: computed from such a figure")


@click.command()
@fmt_option("table", "json")
@lang_option
def plugins(fmt: str, lang: Lang) -> None:
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
    emit(plugin_rows, [Col("name", p_("catalog_cmds", "plugin")), Col("source", _("source")),
                          Col("mechanisms", _("mechanisms"), "right")], fmt="table", lang=lang,
         title=_("Plugins"))
    for p in catalog.problems:
        err_console().print(_("problem: {problem}").format(problem=p.text(lang)).get(lang), markup=False)
