"""A blank ledger (台账) for one mechanism, in the office's language: the file a county fills in and ``validate`` reads.

The workbook holds the tables the mechanism reads — 单位, 人员, 包保 and the record sheets it uses (指标数据 for
its indicators, 走访 for roles with visit duties, 问题 for its supervision loop, 积分 for its points ledger, 事件
for its campaign) — with the readers' own headers, an instructions sheet (说明) saying what each column holds,
and a lists sheet (选项) behind the dropdowns of 层级, 类别, 角色, 期间 and the other closed columns.

Nothing here is a list of its own: levels, kinds, role titles, indicator names and periods are the names of
:mod:`.written_names`, which takes them from the readers' vocabularies and keeps only those the readers map
back to the key. So a value picked from a dropdown is a value the reader accepts, and the example rows (a small
county of plainly fake names: 示例县, 示例镇, 示例村一 …) validate against the mechanism as written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import attrs

from ..county.org import Actor, Assignment, Unit
from ..county.records import DONE, Event, Observation, PointsEntry, ProblemRecord, Visit
from ..errors import UsageError
from ..model.labels import Label, Lang, _, p_
from ..model.levels import DEFAULT_LEVELS, Level
from ..model.mechanism import Mechanism, Role, Scope
from ..model.periods import Period
from ..model.schedule import PeriodKind
from .atomic import atomic_path, check_writable
from .atomic_folder import atomic_folder, check_folder, is_table_file
from .cells import escape
from .county_write import CountyFormat, workbook_sheet, write_county, write_csv_tables
from .tables import (
    ACTORS,
    ASSIGNMENTS,
    EVENTS,
    LEVELS,
    OBSERVATIONS,
    POINTS,
    PROBLEMS,
    UNITS,
    VISITS,
    Column,
    TableSpec,
    record_to_row,
)
from .written_names import header, indicator_titles, kind_names, level_names, mapped, period_name, role_titles, table_name

TemplateFormat = Literal["xlsx", "csv", "json", "yaml"]
INSTRUCTIONS = _("instructions")
LISTS = _("lists")
LAST_ROW = 1_048_576
"""Excel's last row: a dropdown holds for every row a user may add."""

_SHORT = {"county": p_("template", "county"), "town": p_("template", "town"), "village": p_("template", "village"),
          "group": p_("template", "group"), "household": p_("template", "household")}
_ORDINAL = "一二"
_ID = {"county": "C", "town": "T", "village": "V", "group": "G", "household": "H"}


@attrs.frozen
class Choice:
    """The values one closed column accepts, as the file writes them; ``strict`` lists refuse anything else."""

    key: str
    label: Label
    values: tuple[str, ...]
    strict: bool = True


@attrs.frozen
class Template:
    """A mechanism's ledger before it is written: its tables with example rows, and the dropdowns on their columns."""

    mechanism: Mechanism
    lang: Lang
    """Language of the instructions."""
    names: Lang
    """Language of sheet names, headers, level/kind/role/indicator names and the example rows."""
    year: int
    levels: tuple[Level, ...]
    tables: tuple[tuple[TableSpec, list[dict[str, Any]]], ...]
    choices: tuple[Choice, ...]
    dropdowns: tuple[tuple[str, str, str], ...]
    """(table, field, choice key): which column offers which list."""

    def choice(self, key: str) -> Choice:
        for c in self.choices:
            if c.key == key:
                return c
        raise KeyError(key)


# ---------------------------------------------------------------- the example county

def county_levels(mechanism: Mechanism) -> tuple[Level, ...]:
    """The levels the ledger is written with: the readers' default ones where the mechanism keeps the default keys
    (every alias, 村/镇/社区, is then accepted), else the mechanism's own, written in a 层级 sheet."""
    if tuple(lv.key for lv in mechanism.levels) == tuple(lv.key for lv in DEFAULT_LEVELS):
        return DEFAULT_LEVELS
    return mechanism.levels


def _scope_tags(scopes: list[Scope], alone: bool) -> tuple[str, ...]:
    """Tags that put a unit in the scopes of its level; the only unit of a level leaves off a tag a scope excludes
    (where a level has two units, the second, untagged, takes the roles that exclude it)."""
    want: list[str] = []
    for s in scopes:
        for t in (*s.tags_all, *s.tags_any[:1]):
            if t not in want:
                want.append(t)
    banned = {t for s in scopes for t in s.tags_none} if alone else set()
    return tuple(t for t in want if t not in banned)


def _unit_name(level: Level, n: int, count: int, names: Lang) -> str:
    short = _SHORT.get(level.key, level.label)
    word = short.get(names) if short.get(names) else level.key
    if names == "zh":
        return f"示例{word}" + (_ORDINAL[n] if count > 1 else "")
    return f"Sample {word}" + (f" {n + 1}" if count > 1 else "")


def example_units(mechanism: Mechanism, levels: tuple[Level, ...], names: Lang) -> list[Unit]:
    """One unit of each of the two top levels, two of every level below (the first under the first, the second
    under the last of the level above); the first of a level carries the tags the mechanism's scopes there ask for."""
    scopes: dict[str, list[Scope]] = {}
    for r in mechanism.roles:
        scopes.setdefault(r.level, []).append(r.scope)
    for c in mechanism.coverage_rules:
        scopes.setdefault(c.level, []).append(c.scope)
    units: list[Unit] = []
    above: list[Unit] = []
    used: set[str] = set()
    for i, lv in enumerate(levels):
        count = 1 if i < 2 else 2
        prefix = _ID.get(lv.key, f"L{i}-")
        if prefix in used:
            prefix = f"L{i}-"
        used.add(prefix)
        here = []
        for n in range(count):
            parent = None if not above else (above[0] if n == 0 else above[-1]).id
            tags = _scope_tags(scopes.get(lv.key, []), count == 1) if n == 0 else ()
            here.append(Unit(f"{prefix}{n + 1}", _unit_name(lv, n, count, names), lv.key, parent, tags))
        units.extend(here)
        above = here
    return units


def _units_for(units: list[Unit], level: str | None, scope: Scope | None = None) -> list[Unit]:
    """The units of ``level`` in ``scope`` (else of ``level``, else the root)."""
    at = [u for u in units if u.level == level]
    if scope is not None:
        at = [u for u in at if scope.matches(u.tags)] or at
    return at or units[:1]


def _unit_for(units: list[Unit], level: str | None, scope: Scope | None = None) -> Unit:
    return _units_for(units, level, scope)[0]


@attrs.frozen
class Example:
    units: list[Unit]
    actors: list[Actor]
    assignments: list[Assignment]
    holder: dict[str, Assignment]
    """Role key → the first example assignment of that role."""


def example_staff(mechanism: Mechanism, units: list[Unit], year: int, names: Lang) -> Example:
    """Every unit of a role's level in its scope held by as many actors as the role and its coverage rules ask for,
    each holding no more units than the role's capacity (one each where a unit holds the duty itself), of the role's
    first actor kind: the example county is covered as the mechanism means it to be."""
    actors: list[Actor] = []
    assignments: list[Assignment] = []
    holder: dict[str, Assignment] = {}
    start = dt.date(year, 1, 1)
    for role in mechanism.roles:
        kind = role.actor_kinds[0] if role.actor_kinds else "cadre"
        held = _units_for(units, role.level, role.scope)
        per_unit = max([role.min_per_unit, *(c.min_actors for c in mechanism.coverage_rules if c.role == role.key)])
        cap = 1 if role.self_held else max(1, role.capacity or len(held))
        for __ in range(max(1, per_unit)):
            for first in range(0, len(held), cap):
                n = len(actors) + 1
                actor = Actor(f"A{n:02d}", f"示例责任主体{n:02d}" if names == "zh" else f"Sample actor {n:02d}", kind)
                actors.append(actor)
                for unit in held[first:first + cap]:
                    a = Assignment(actor.id, role.key, unit.id, start=start, mechanism=mechanism.key)
                    assignments.append(a)
                    holder.setdefault(role.key, a)
    return Example(units, actors, assignments, holder)


def _indicators_shown(mechanism: Mechanism) -> list[str]:
    """The indicators the example reports: the parts of the first ratio the mechanism computes, else its first one."""
    stored = [i for i in mechanism.indicators if not i.is_formula]
    keys = {i.key for i in stored}
    for ind in mechanism.indicators:
        if ind.is_formula and ind.numerator in keys and ind.denominator in keys:
            return [str(ind.numerator), str(ind.denominator)]
    return [stored[0].key] if stored else []


def _visit_roles(mechanism: Mechanism) -> list[Role]:
    return [r for r in mechanism.roles if r.visits is not None]


def example_records(mechanism: Mechanism, ex: Example, year: int, names: Lang) -> dict[str, list[Any]]:
    """One or two records of each kind the mechanism uses, on the example units and actors."""
    out: dict[str, list[Any]] = {}
    shown = _indicators_shown(mechanism)
    if shown:
        month = str(Period.containing(dt.date(year, 1, 1), "month"))
        rows = []
        for j, key in enumerate(shown):
            ind = mechanism.indicator(key)
            unit = _unit_for(ex.units, ind.level or (ex.units[min(2, len(ex.units) - 1)].level))
            rows.append(Observation(unit.id, key, month, 8.0 if j == 0 and len(shown) == 2 else 10.0))
        out["observations"] = rows
    visiting = _visit_roles(mechanism)
    if visiting:
        role = visiting[0]
        a = ex.holder[role.key]
        note = "示例：走访记录" if names == "zh" else "sample: a visit"
        out["visits"] = [Visit(a.actor, a.unit, dt.date(year, 1, 15), role.key, 1.0, note)]
    scoring = mechanism.scoring
    if scoring is not None and scoring.supervision is not None:
        sup = scoring.supervision
        unit = _unit_for(ex.units, ex.units[min(2, len(ex.units) - 1)].level)
        found = dt.date(year, 3, 1)
        text = "示例问题：村内垃圾未及时清运" if names == "zh" else "sample problem: rubbish not cleared in time"
        out["problems"] = [ProblemRecord("P001", unit.id, found, text, ex.actors[0].id if ex.actors else None,
                                         found + dt.timedelta(days=sup.rectification_days), None,
                                         sup.categories[0].key if sup.categories else None)]
    if scoring is not None and scoring.points is not None and scoring.points.rules:
        rule = scoring.points.rules[0]
        household = ex.units[-1]
        out["points"] = [PointsEntry(household.id, dt.date(year, 2, 1), rule.points, rule.key)]
    campaign = mechanism.campaign
    if campaign is not None:
        tasks = campaign.tasks
        done = [(t.key, t.cascade_level) for t in tasks[:1]] or [(m.key, None) for m in campaign.milestones[:1]]
        out["events"] = [Event(_unit_for(ex.units, level).id, DONE, dt.date(year, 3, 31), task=key)
                         for key, level in done]
    return out


# ---------------------------------------------------------------- the lists behind the dropdowns

def _periods(year: int) -> list[Period]:
    """The year, its halves, quarters and months: the periods indicators are reported for."""
    whole = Period.containing(dt.date(year, 1, 1), "year")
    kinds: tuple[PeriodKind, ...] = ("half", "quarter", "month")
    return [whole, *(p for kind in kinds for p in whole.split(kind))]


def _choices(mechanism: Mechanism, level_name: dict[str, str], year: int, names: Lang) -> tuple[Choice, ...]:
    roles = role_titles(mechanism, names)
    kinds = kind_names(names)
    kind_keys: list[str] = []
    for r in mechanism.roles:
        for k in r.actor_kinds or ("cadre",):
            if k not in kind_keys:
                kind_keys.append(k)
    out = [Choice("levels", _("level"), tuple(level_name.values())),
           Choice("kinds", p_("template", "kind"), tuple(kinds.get(k, k) for k in kind_keys)),
           Choice("roles", _("role"), tuple(roles[r.key] for r in mechanism.roles))]
    stored = [i for i in mechanism.indicators if not i.is_formula]
    if stored:
        titles = indicator_titles(mechanism, names)
        out.append(Choice("indicators", _("indicator"), tuple(titles[i.key] for i in stored)))
        out.append(Choice("periods", p_("template", "period"), tuple(period_name(p, names) for p in _periods(year)),
                          strict=False))
    visiting = _visit_roles(mechanism)
    if visiting:
        out.append(Choice("visit_roles", _("visit role"), tuple(roles[r.key] for r in visiting)))
    scoring = mechanism.scoring
    if scoring is not None and scoring.supervision is not None and scoring.supervision.categories:
        out.append(Choice("categories", _("category"),
                          tuple(c.key for c in scoring.supervision.categories)))
    if scoring is not None and scoring.points is not None and scoring.points.rules:
        out.append(Choice("rules", _("points rule"), tuple(r.key for r in scoring.points.rules)))
    campaign = mechanism.campaign
    if campaign is not None:
        events = [DONE]
        for t in campaign.tasks:
            for w in t.within:
                events.extend(e for e in (w.after, w.event) if e not in events)
        out.append(Choice("events", _("event"), tuple(events)))
        tasks = tuple(t.key for t in campaign.tasks) + tuple(m.key for m in campaign.milestones)
        if tasks:
            out.append(Choice("tasks", _("task"), tasks))
    return tuple(out)


DROPDOWNS: tuple[tuple[str, str, str], ...] = (
    ("units", "level", "levels"), ("actors", "kind", "kinds"), ("assignments", "role", "roles"),
    ("observations", "indicator", "indicators"), ("observations", "period", "periods"),
    ("visits", "role", "visit_roles"), ("problems", "category", "categories"), ("points", "rule", "rules"),
    ("events", "event", "events"), ("events", "task", "tasks"))
"""Which column offers which list (a list the mechanism does not have offers nothing)."""


# ---------------------------------------------------------------- building

def build_template(mechanism: Mechanism, *, lang: Lang = "zh", names: Lang | None = None,
                   year: int | None = None) -> Template:
    """``mechanism``'s ledger: its tables with example rows written as the office writes them, and its lists."""
    names = names or lang
    year = year or dt.date.today().year
    levels = county_levels(mechanism)
    lv = level_names(levels, names, own=mechanism.levels)
    units = example_units(mechanism, levels, names)
    ex = example_staff(mechanism, units, year, names)
    records = example_records(mechanism, ex, year, names)
    roles, kinds = role_titles(mechanism, names), kind_names(names)
    indicators = indicator_titles(mechanism, names)
    tables: list[tuple[TableSpec, list[dict[str, Any]]]] = []
    if levels is not DEFAULT_LEVELS:
        tables.append((LEVELS, [record_to_row(LEVELS, x) for x in levels]))
    tables.append((UNITS, [{**record_to_row(UNITS, u), "level": lv[u.level]} for u in units]))
    tables.append((ACTORS, [{**record_to_row(ACTORS, a), "kind": mapped(kinds, a.kind)} for a in ex.actors]))
    tables.append((ASSIGNMENTS, [{**record_to_row(ASSIGNMENTS, a), "role": roles[a.role]} for a in ex.assignments]))
    for spec in (OBSERVATIONS, VISITS, PROBLEMS, POINTS, EVENTS):
        if spec.name not in records:
            continue
        rows = []
        for rec in records[spec.name]:
            row = record_to_row(spec, rec)
            if spec is OBSERVATIONS:
                row["indicator"] = indicators[row["indicator"]]
                row["period"] = period_name(Period.parse(row["period"]), names)
            elif spec is VISITS:
                row["role"] = mapped(roles, row["role"])
            for k, v in row.items():
                if v == "":
                    row[k] = None
            rows.append(row)
        tables.append((spec, rows))
    return Template(mechanism, lang, names, year, levels, tuple(tables), _choices(mechanism, lv, year, names),
                    tuple(d for d in DROPDOWNS if any(s.name == d[0] for s, __ in tables)))


# ---------------------------------------------------------------- what each column holds

_HELP: dict[tuple[str, str], Label] = {
    ("levels", "key"): _("the level's key"),
    ("levels", "zh"): _("the level's Chinese name"),
    ("levels", "en"): _("the level's English name"),
    ("units", "id"): _("the unit's id, unique; other sheets name units by it"),
    ("units", "name"): _("the unit's name"),
    ("units", "level"): _("the unit's level"),
    ("units", "parent"): _("the id of the unit above; empty for the county only"),
    ("units", "tags"): _("tags, separated by ';'"),
    ("units", "households"): _("households: only for a unit with no units under it"),
    ("actors", "id"): _("the actor's id, unique"),
    ("actors", "name"): _("the person's or body's name"),
    ("actors", "kind"): _("what kind of actor"),
    ("actors", "tags"): p_("template", "tags, separated by ';'"),
    ("actors", "unit"): _("the id of the unit the actor belongs to (optional)"),
    ("assignments", "actor"): _("an id of the actors sheet"),
    ("assignments", "role"): _("the role (a duty the mechanism sets)"),
    ("assignments", "unit"): _("the unit held (an id of the units sheet)"),
    ("assignments", "start"): _("first day (optional)"),
    ("assignments", "end"): _("last day (optional; when the actor leaves)"),
    ("assignments", "households"): _("households covered, if only some"),
    ("assignments", "mechanism"): _("the mechanism's key"),
    ("observations", "unit"): _("an id of the units sheet"),
    ("observations", "indicator"): _("the indicator"),
    ("observations", "period"): _("the period"),
    ("observations", "value"): _("the value (yes/no as 1/0)"),
    ("visits", "actor"): _("who visited (an id of the actors sheet)"),
    ("visits", "unit"): _("the unit visited"),
    ("visits", "date"): _("the day"),
    ("visits", "role"): _("the role visited in"),
    ("visits", "days"): _("days on site (for duties counted in days)"),
    ("visits", "note"): _("a note"),
    ("problems", "id"): _("the problem's id, unique"),
    ("problems", "unit"): _("the unit the problem is in"),
    ("problems", "found"): _("the day it was found"),
    ("problems", "description"): _("what the problem is"),
    ("problems", "assigned_to"): _("who must rectify it (an actor id)"),
    ("problems", "deadline"): _("the rectification deadline"),
    ("problems", "closed"): _("the day it was closed (empty while open)"),
    ("problems", "category"): _("the accountability category, if any"),
    ("points", "household"): _("the household (a unit id)"),
    ("points", "date"): p_("template", "the day"),
    ("points", "points"): _("points: earned positive, deducted or redeemed negative"),
    ("points", "rule"): _("the points rule"),
    ("points", "note"): _("a note"),
    ("events", "unit"): _("an id of the units sheet"),
    ("events", "event"): _("the event: done marks a task done"),
    ("events", "date"): _("the day it happened"),
    ("events", "subject"): _("the case (optional)"),
    ("events", "task"): _("the task or milestone"),
    ("events", "note"): _("a note"),
}

_KIND_HELP: dict[str, Label] = {
    "date": _("a date: 2024-01-31, 2024/1/31, …"),
    "int": _("a whole number"),
    "float": _("a number"),
    "tags": _("text"),
    "str": _("text"),
    "level": _("text"),
}


def _accepts(t: Template, spec: TableSpec, col: Column) -> str:
    """What the column accepts, in the instructions' language."""
    zh = t.lang == "zh"
    for table, field, key in t.dropdowns:
        if (table, field) == (spec.name, col.field):
            try:
                choice = t.choice(key)
            except KeyError:
                break
            values = "、".join(choice.values) if zh else ", ".join(choice.values)
            if not choice.strict:
                return (f"下拉选择，或写其他期间（如 2025、2025Q1、2025-05）：{values}" if zh else
                        f"pick one, or write another period (2025, 2025Q1, 2025-05): {values}")
            return f"下拉选择：{values}" if zh else f"pick one: {values}"
    if spec.name == "units" and col.field == "tags":
        tags = sorted({tag for r in t.mechanism.roles for tag in (*r.scope.tags_any, *r.scope.tags_all)})
        if tags:
            shown = "、".join(tags) if zh else ", ".join(tags)
            return f"本机制按这些标签划定范围：{shown}" if zh else f"the mechanism scopes roles by: {shown}"
    return _KIND_HELP[col.kind].get(t.lang)


def instruction_rows(t: Template) -> Iterator[list[str]]:
    """The 说明 sheet: a few lines on the ledger, then one row per column of every sheet."""
    m = t.mechanism
    zh = t.lang == "zh"
    first = f"mechanisms validate 台账.xlsx --mechanism {m.key}"
    yield [f"{m.name.get(t.lang)}（{m.key}）台账模板" if zh else f"Ledger template for {m.name.get(t.lang)} ({m.key})"]
    yield [("每张工作表是一张表，第一行是表头，请勿改动；带 * 的列必填。标了下拉的列只接受列表中的值（列表在“"
            f"{LISTS.get(t.names)}”表）。示例行（示例县、示例镇……）是虚构的，可改写或删除。填好后运行：{first}")
           if zh else
           ("Each sheet is one table; keep the first row (the headers). Columns marked * must be filled. A column with "
            f"a dropdown takes only the values listed (sheet '{LISTS.get(t.names)}'). The example rows (Sample county …) "
            f"are made up: change or delete them. Then run: {first}")]
    yield []
    yield ["工作表", "列", "必填", "内容", "可填的值"] if zh else ["sheet", "column", "required", "holds", "accepts"]
    for spec, __ in t.tables:
        for col in spec.columns:
            help_text = _HELP.get((spec.name, col.field), Label(col.zh, col.field)).get(t.lang)
            yield [table_name(spec, t.names), header(col, t.names), ("是" if zh else "yes") if col.required else "",
                   help_text, _accepts(t, spec, col)]


# ---------------------------------------------------------------- writing

def template_format(dest: Path) -> TemplateFormat:
    """``dest``'s format: a folder of CSV files (no suffix, or a folder), an .xlsx workbook, or a .json/.yaml document."""
    if dest.suffix == "" or dest.is_dir():
        return "csv"
    suffix = dest.suffix.lower()
    found: dict[str, TemplateFormat] = {".xlsx": "xlsx", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}
    if suffix in found:
        return found[suffix]
    if suffix == ".csv":
        raise UsageError(f"{dest}: a template is a folder of CSV files; give the folder, not one CSV file",
                         zh=f"{dest}：模板是一个放 CSV 文件的文件夹；请给出文件夹，而不是单个 CSV 文件")
    raise UsageError(f"{dest}: unknown template format (an .xlsx workbook, a folder of CSV files, .json, .yaml)",
                     zh=f"{dest}：不支持的模板格式（.xlsx 工作簿、CSV 文件夹、.json、.yaml）")


def _is_template_file(path: Path) -> bool:
    """A file a template folder holds: a table, or its instructions and lists."""
    names = {f"{x}.csv" for label in (INSTRUCTIONS, LISTS) for x in (label.zh, label.en)}
    return is_table_file(path) or (path.name in names and path.is_file())


def check_template_output(dest: Path, overwrite: bool) -> TemplateFormat:
    """Refuse a destination that exists (without ``overwrite``) or cannot be written, before the work."""
    fmt = template_format(dest)
    if fmt == "csv":
        check_folder(dest, overwrite, _is_template_file)
    else:
        check_writable(dest, overwrite)
    return fmt


def _csv_rows(path: Path, rows: Iterator[list[str]] | list[list[str]]) -> None:
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel on Chinese Windows reads it as UTF-8
        w = csv.writer(fh, lineterminator="\r\n")
        for r in rows:
            w.writerow([escape(c) for c in r])


def _list_columns(t: Template) -> list[list[str]]:
    longest = max((len(c.values) for c in t.choices), default=0)
    grid = [[c.label.get(t.names) for c in t.choices]]
    for i in range(longest):
        grid.append([c.values[i] if i < len(c.values) else "" for c in t.choices])
    return grid


def _workbook(t: Template) -> Any:
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    info = wb.active
    info.title = INSTRUCTIONS.get(t.names)
    for r in instruction_rows(t):
        info.append([escape(c) for c in r])
    info["A1"].font = Font(bold=True, size=14)
    info["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    info.merge_cells("A2:E2")
    info.row_dimensions[2].height = 60
    for cell in info[4]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (12, 14, 6, 40, 80), strict=True):
        info.column_dimensions[letter].width = width
    sheets: dict[str, Any] = {}
    for spec, rows in t.tables:
        ws = workbook_sheet(wb, spec, rows, t.names)
        sheets[spec.name] = ws
        for j, col in enumerate(spec.columns, start=1):
            cell = ws.cell(1, j)
            cell.font = Font(bold=True, color="C00000" if col.required else None)
            ws.column_dimensions[get_column_letter(j)].width = max(12, 2 * len(cell.value) + 4)
            if col.kind == "date":
                for row in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    row[0].number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
    lists = wb.create_sheet(LISTS.get(t.names))
    for r in _list_columns(t):
        lists.append([escape(c) if c else None for c in r])
    for cell in lists[1]:
        cell.font = Font(bold=True)
    where = {c.key: i for i, c in enumerate(t.choices, start=1)}
    for j in where.values():
        lists.column_dimensions[get_column_letter(j)].width = 24
    lists.protection.sheet = True  # the lists behind the dropdowns: not to be edited by accident
    for table, field, key in t.dropdowns:
        if key not in where:
            continue
        spec = next(s for s, __ in t.tables if s.name == table)
        choice = t.choice(key)
        if not choice.values:  # a mechanism with no roles: nothing to pick from, nothing to refuse
            continue
        col_letter = get_column_letter(where[key])
        ref = f"{quote_sheetname(lists.title)}!${col_letter}$2:${col_letter}${len(choice.values) + 1}"
        dv = DataValidation(type="list", formula1=ref, allow_blank=True, showDropDown=False)
        dv.showErrorMessage = True
        dv.errorStyle = "stop" if choice.strict else "warning"
        dv.errorTitle = choice.label.get(t.lang)
        dv.error = (f"请从下拉列表中选择（见“{lists.title}”表）" if t.lang == "zh" else
                    f"pick a value from the list (sheet '{lists.title}')") if choice.strict else \
            ("不在列表中：其他年份或写法（2025Q1、2025-05）也可以，确认即可" if t.lang == "zh" else
             "not in the list: other years and forms (2025Q1, 2025-05) are accepted too")
        letter = get_column_letter([c.field for c in spec.columns].index(field) + 1)
        dv.add(f"{letter}2:{letter}{LAST_ROW}")
        sheets[table].add_data_validation(dv)
    return wb


def _example_county(t: Template) -> Any:
    """The example rows as a county of keys (for .json/.yaml, where keys stay keys)."""
    from ..county.org import OrgStructure
    from ..county.records import County

    m = t.mechanism
    units = example_units(m, t.levels, t.names)
    ex = example_staff(m, units, t.year, t.names)
    rec = example_records(m, ex, t.year, t.names)
    structure = OrgStructure(units=tuple(units), actors=tuple(ex.actors), assignments=tuple(ex.assignments),
                             levels=t.levels)
    return County(structure, observations=tuple(rec.get("observations", ())), visits=tuple(rec.get("visits", ())),
                  problems=tuple(rec.get("problems", ())), points=tuple(rec.get("points", ())),
                  events=tuple(rec.get("events", ())))


def write_template(t: Template, dest: str | Path, *, overwrite: bool = False) -> Path:
    """Write ``t`` to ``dest``: an .xlsx workbook with dropdowns, a folder of CSV files (with 说明.csv and 选项.csv),
    or a .json/.yaml document of the example county. Never replaces a file without ``overwrite``."""
    dest = Path(dest)
    fmt = check_template_output(dest, overwrite)
    if fmt == "xlsx":
        wb = _workbook(t)
        with atomic_path(dest, overwrite=overwrite) as tmp:
            wb.save(tmp)
    elif fmt == "csv":
        with atomic_folder(dest, overwrite=overwrite, is_table=_is_template_file) as tmp:
            write_csv_tables(tmp, list(t.tables), t.names)
            _csv_rows(tmp / f"{INSTRUCTIONS.get(t.names)}.csv", instruction_rows(t))
            _csv_rows(tmp / f"{LISTS.get(t.names)}.csv", _list_columns(t))
    else:
        doc_fmt: CountyFormat = fmt
        write_county(_example_county(t), dest, fmt=doc_fmt, overwrite=overwrite)
    return dest


__all__ = ["Choice", "Template", "build_template", "check_template_output", "write_template"]
