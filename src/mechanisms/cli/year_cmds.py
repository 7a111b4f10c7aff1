"""Commands that run a mechanism's year on a county: score, campaign, visits, points, problems.

Each states the rule it applies beside its figures (tie rule, normalisation, what counts as
overdue), so a reader can check any number against the data by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from ..campaign import Task
from ..campaign_status import CampaignStatus, campaign_status
from ..converter import unstructure
from ..data.county_io import load_county
from ..labels import L, Label, Lang
from ..mechanism import Mechanism
from ..org import OrgStructure
from ..periods import Period, finer
from ..points import ledger_from_records
from ..records import County
from ..schedule import Frequency, Schedule
from ..scoring import Tier
from ..scoring_engine import MISSING_RULE, NORMALISATIONS, TIE_RULES, PeriodScore, ScoringEngine, tier_rule_text
from ..supervision import categories_count, closure_rates, group_by_level, supervise
from ..visit_compliance import check_visits, compliance_by_role, window
from .app import main
from .context import county_for, get_mechanism
from .options import fmt_option, lang_option, mechanism_file_option, set_option
from .output import Col, console, emit, emit_json, err_console

MAX_ROWS = 40
"""Detail rows a terminal table shows before it says how many more there are (JSON and CSV carry all)."""
RANK_ROWS = 60
"""Ranked units a terminal table shows (household rankings run to thousands)."""

mechanism_option = click.option("--mechanism", "key", help="The mechanism (see `mechanisms list`).")
on_option = click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                         help="Status day YYYY-MM-DD.")
show_personal_option = click.option("--show-personal", is_flag=True,
                                    help="Show household names (personal data, masked by default).")


# ------------------------------------------------------------------ shared helpers

def _t(lang: Lang, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _lbl(label: Label | None) -> Any:
    return unstructure(label) if label is not None else None


def mask(name: str) -> str:
    """A household name with all but its first character hidden."""
    return name[:1] + "**" if name else name


def _unit_name(s: OrgStructure, uid: str, show_personal: bool = False) -> str:
    u = s.unit_by_id.get(uid)
    if u is None:
        return uid
    if s.levels and u.level == s.levels[-1].key and not show_personal:
        return mask(u.name)
    return u.name


def _actor_name(s: OrgStructure, aid: str | None) -> str | None:
    if aid is None:
        return None
    a = s.actor_by_id.get(aid)
    return a.name if a else aid


def _role_label(m: Mechanism, key: str) -> Label:
    try:
        return m.role(key).label
    except KeyError:
        return Label(key, key)


def _r(x: float | None, digits: int = 2) -> float | None:
    return None if x is None else round(x, digits)


def _rank(x: float | None) -> float | int | None:
    """Ranks print as whole numbers unless a tie rule made them halves (average)."""
    return int(x) if x is not None and float(x).is_integer() else x


def _pct(x: float | None) -> str | None:
    return None if x is None else f"{100 * x:.1f}%"


_PER = {"day": ("日", "day"), "week": ("周", "week"), "month": ("月", "month"), "quarter": ("季", "quarter"),
        "half": ("半年", "half-year"), "year": ("年", "year")}


def freq_text(f: Frequency, lang: Lang) -> str:
    unit = _t(lang, "天" if f.unit == "day" else "次", ("day" if f.unit == "day" else "visit") + ("s" if f.times != 1 else ""))
    per = _PER[f.per]
    return f"{f.times}{unit}/{per[0]}" if lang == "zh" else f"{f.times} {unit}/{per[1]}"


def schedule_text(s: Schedule, lang: Lang) -> str:
    day_zh = "末" if s.day is None else (f"倒数第{-s.day}日" if s.day < 0 else f"{s.day}日")
    day_en = "last day" if s.day is None else (f"day {s.day}" if s.day > 0 else f"{-s.day} from the end")
    if s.every == "month" and s.months:
        months = "、".join(str(m) for m in s.months)
        return _t(lang, f"{months}月{day_zh}", f"months {', '.join(str(m) for m in s.months)}, {day_en}")
    every_zh = {"day": "每日", "week": "每周", "month": "每月", "quarter": "每季", "half": "每半年", "year": "每年"}[s.every]
    every_en = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "half": "half-yearly",
                "year": "yearly"}[s.every]
    if s.every in ("day",):
        return _t(lang, every_zh, every_en)
    if s.months:
        months = "、".join(str(m) for m in s.months)
        return _t(lang, f"{every_zh}{months}月{day_zh}", f"{every_en}, months {', '.join(map(str, s.months))}, {day_en}")
    return _t(lang, f"{every_zh}{day_zh}", f"{every_en}, {day_en}")


def _due_text(task: Task, lang: Lang) -> str:
    if task.due is not None:
        text = schedule_text(task.due, lang)
        if task.deadline is not None:
            text += _t(lang, f"，至{task.deadline}", f", until {task.deadline}")
        return text
    return str(task.deadline) if task.deadline else _t(lang, "未定", "no date")


def _more(out_rows: list[dict[str, Any]], lang: Lang, limit: int = 0) -> tuple[list[dict[str, Any]], str | None]:
    limit = limit or MAX_ROWS
    if len(out_rows) <= limit:
        return out_rows, None
    return out_rows[:limit], _t(lang, f"另有 {len(out_rows) - limit} 行（--format json/csv 输出全部）",
                                f"{len(out_rows) - limit} more rows (--format json/csv gives all)")


def _say(text: str) -> None:
    console().print(text, markup=False)


def _default_on(county: County) -> dt.date:
    """The last day of the latest year the records reach: a fixed "as of" that does not drift with today."""
    dates = [d for p in county.problems for d in (p.found, p.deadline, p.closed) if d is not None]
    dates += [e.date for e in county.points] + [v.date for v in county.visits] + [e.date for e in county.events]
    if not dates:
        return dt.date.today()
    return dt.date(max(dates).year, 12, 31)


# ------------------------------------------------------------------ score

def _tier_cond(t: Tier, lang: Lang) -> str:
    parts = []
    if t.min_score is not None:
        parts.append(f"≥ {t.min_score:g}" + _t(lang, "分", ""))
    if t.max_rank is not None:
        parts.append(_t(lang, f"前{t.max_rank}名", f"rank ≤ {t.max_rank}"))
    return " & ".join(parts)


def _score_note(ps: PeriodScore, lang: Lang) -> str:
    if ps.score is None:
        return _t(lang, "无分（数据缺失）", "no score (no data)")
    notes = []
    if ps.missing_periods:
        notes.append(_t(lang, f"缺{','.join(ps.missing_periods)}", f"missing {', '.join(ps.missing_periods)}"))
    missing_items = sorted({i for part in ps.parts if part.score is not None for i in part.missing})
    if missing_items:
        notes.append(_t(lang, f"缺项{','.join(missing_items)}", f"items missing: {', '.join(missing_items)}"))
    if any(i.note == "partial" for part in ps.parts for i in part.items):
        notes.append(_t(lang, "部分单位未报", "partly reported"))
    return ("；" if lang == "zh" else "; ").join(notes) + (_t(lang, "（不完整）", " (incomplete)") if notes else "")


@main.command()
@click.argument("data")
@mechanism_option
@mechanism_file_option
@set_option
@click.option("--period", "period_text", required=True, help="Period: 2024-05, 2024Q2, 2024H1, 2024.")
@click.option("--ranking", "only", help="Only this ranking (and its tiers and lists).")
@show_personal_option
@fmt_option()
@lang_option
def score(data: str, key: str | None, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...], period_text: str,
          only: str | None, show_personal: bool, fmt: str, lang: Lang) -> None:
    """Score units on the mechanism's scorecards, rank them in peer groups, award tiers, draw red/black lists."""
    m = get_mechanism(key, mechanism_files, overrides)
    county = load_county(data)
    period = Period.parse(period_text)
    engine = ScoringEngine(m, county)
    s = county.structure
    sc = engine.scoring
    rankings = [r for r in sc.rankings if only is None or r.key == only]
    if only is not None and not rankings:
        engine.ranking(only)  # raises the usage error naming the rankings there are
    cards_used = {r.scorecard for r in rankings}
    doc: dict[str, Any] = {"mechanism": m.key, "period": str(period), "missing_rule": _lbl(MISSING_RULE),
                           "scorecards": [], "rankings": [], "tiers": [], "lists": [], "skipped": []}
    csv_rows: list[dict[str, Any]] = []
    table_out: list[Any] = []  # deferred table output, printed in order

    def skip(what: str, why: Label) -> None:
        doc["skipped"].append({"what": what, "why": _lbl(why)})
        table_out.append(("say", f"{what}: {why.get(lang)}"))

    if not sc.scorecards:
        skip(m.key, L("该机制未规定评分表", "the mechanism states no scorecards"))
    with_items = [c for c in sc.scorecards if c.items and (only is None or c.key in cards_used)]
    if with_items and all(finer(period.kind, c.period) for c in with_items):
        from ..errors import UsageError

        kinds = ", ".join(sorted({c.period for c in with_items}))
        raise UsageError(f"{m.key}'s scorecards are scored per {kinds}; {period} is shorter than that")
    for card in sc.scorecards:
        if only is not None and card.key not in cards_used:
            continue
        norm = [{"indicator": i.indicator, "weight": i.weight, "normalisation": i.normalisation,
                 "rule": _lbl(NORMALISATIONS[i.normalisation])} for i in card.items]
        doc["scorecards"].append({"key": card.key, "label": _lbl(card.label), "level": card.level, "period": card.period,
                                  "max_score": card.max_score, "items": norm})
        if not card.items:
            skip(card.key, L("评分表没有指标项（来源未给出权重）", "the scorecard has no items (the source gives no weights)"))
            continue
        if finer(period.kind, card.period):
            skip(card.key, Label(f"按{_PER[card.period][0]}评分，不能按{period}评分",
                                 f"scored per {card.period}; cannot score {period}"))
            continue
        items = "；".join(f"{i.indicator}×{i.weight:g}（{NORMALISATIONS[i.normalisation].zh}）" for i in card.items) \
            if lang == "zh" else "; ".join(f"{i.indicator} ×{i.weight:g} ({NORMALISATIONS[i.normalisation].en})"
                                          for i in card.items)
        table_out.append(("say", f"{card.label.get(lang)} [{card.key}]: {items}"
                          + _t(lang, f"；满分{card.max_score:g}", f"; out of {card.max_score:g}")))
        if card.key not in {r.scorecard for r in sc.rankings}:
            scores = engine.scores(card, period)
            rows = [{"unit": u, "name": _unit_name(s, u, show_personal), "score": _r(ps.score),
                     "note": _score_note(ps, lang)} for u, ps in scores.items()]
            doc["scorecards"][-1]["scores"] = [{"unit": u, "score": ps.score, "complete": ps.complete,
                                                "missing_periods": list(ps.missing_periods)} for u, ps in scores.items()]
            csv_rows.extend({"scorecard": card.key, "ranking": None, "group": None, "rank": None, "of": None,
                             "unit": r["unit"], "name": r["name"], "score": r["score"],
                             "complete": scores[r["unit"]].complete, "note": r["note"], "tier": None, "reward": None}
                            for r in rows)
            table_out.append(("table", rows, [Col("unit", L("单位", "unit")), Col("name", L("名称", "name")),
                                              Col("score", L("得分", "score"), "right"), Col("note", L("说明", "note"))],
                              card.label, None))

    for ranking in rankings:
        card = engine.scorecard(ranking.scorecard)
        if not card.items or finer(period.kind, card.period):
            continue
        result = engine.rank(ranking, period)
        subs = period.split(card.period) if period.kind != card.period else ()
        schemes = [t for t in sc.tier_schemes if t.ranking == ranking.key]
        tier_results = [engine.tiers(t, period, result) for t in schemes]
        group_label = {g.key: g.label for g in ranking.peer_groups} or {"all": L("全部", "all")}
        rows = []
        for i, row in enumerate(result.rows):
            r: dict[str, Any] = {"group": group_label.get(row.group, row.group), "rank": _rank(row.rank), "unit": row.unit,
                                 "name": _unit_name(s, row.unit, show_personal), "score": _r(row.score),
                                 "note": _score_note(row.detail, lang)}
            for part in row.detail.parts:
                r[f"p:{part.period}"] = _r(part.score, 1)
            tiers = [tr.awards[i].tier for tr in tier_results]
            r["tier"] = [t.label for t in tiers if t is not None] or None
            r["reward"] = float(sum(t.reward for t in tiers if t is not None)) if any(tiers) else None
            rows.append(r)
            csv_rows.append({"scorecard": card.key, "ranking": ranking.key, "group": row.group,
                             "rank": _rank(row.rank), "of": row.of, "unit": row.unit, "name": r["name"], "score": r["score"],
                             "complete": row.complete, "note": r["note"],
                             "tier": ";".join(t.key for t in tiers if t is not None) or None, "reward": r["reward"]})
        doc["rankings"].append({
            "key": ranking.key, "label": _lbl(ranking.label), "scorecard": card.key, "period": str(period),
            "ranking_period": ranking.period, "ties": ranking.ties, "tie_rule": _lbl(TIE_RULES[ranking.ties]),
            "rows": [{"group": row.group, "unit": row.unit, "score": row.score, "rank": _rank(row.rank), "of": row.of,
                      "complete": row.complete, "missing_periods": list(row.detail.missing_periods),
                      "periods": {p.period: p.score for p in row.detail.parts},
                      "tiers": [tr.awards[i].tier.key for tr in tier_results if tr.awards[i].tier is not None]}
                     for i, row in enumerate(result.rows)],
            "ungrouped": list(result.ungrouped)})
        cols = [Col("group", L("组别", "peer group")), Col("rank", L("名次", "rank"), "right"), Col("unit", L("单位", "unit")),
                Col("name", L("名称", "name"))]
        cols += [Col(f"p:{p}", Label(str(p), str(p)), "right") for p in subs]
        cols += [Col("score", L("得分", "score"), "right")]
        if schemes:
            cols += [Col("tier", L("档次", "tier")), Col("reward", L("奖励", "reward"), "right")]
        cols += [Col("note", L("说明", "note"))]
        caption = _t(lang, "并列规则：", "Ties: ") + TIE_RULES[ranking.ties].get(lang)
        if ranking.period != period.kind:
            caption += _t(lang, f"。该排名按{_PER[ranking.period][0]}发布，此处按{period}计算",
                          f". Published per {ranking.period}; computed here over {period}")
        if subs:
            caption += _t(lang, f"。得分为各{_PER[card.period][0]}得分的平均", f". Score = mean of the {card.period}ly scores")
        if result.ungrouped:
            names = ", ".join(result.ungrouped)
            caption += _t(lang, f"。不属任何组：{names}", f". In no peer group: {names}")
        rows, more = _more(rows, lang, RANK_ROWS)
        if more:
            caption += _t(lang, "。", ". ") + more
        table_out.append(("table", rows, cols, Label(f"{ranking.label.zh}（{period}）", f"{ranking.label.en} ({period})"),
                          caption))
        for tr in tier_results:
            scheme = tr.scheme
            lines = [{"tier": ln.tier.label, "rule": _tier_cond(ln.tier, lang),
                      "group": group_label.get(ln.tier.peer_group, ln.tier.peer_group) if ln.tier.peer_group else None,
                      "count": ln.count, "reward": float(ln.tier.reward), "amount": float(ln.amount)} for ln in tr.lines]
            budget = tr.budget
            lines.append({"tier": L("合计", "total"), "count": sum(ln.count for ln in tr.lines),
                          "amount": float(sum(budget.values()))})
            doc["tiers"].append({"key": scheme.key, "label": _lbl(scheme.label), "ranking": ranking.key, "by": scheme.by,
                                 "scheme_period": scheme.period, "rule": _lbl(tier_rule_text(scheme)),
                                 "lines": [{"tier": ln.tier.key, "count": ln.count, "reward": ln.tier.reward,
                                            "currency": ln.tier.currency, "amount": ln.amount} for ln in tr.lines],
                                 "budget": budget})
            cap = tier_rule_text(scheme).get(lang)
            if scheme.period != period.kind:
                cap += _t(lang, f"。该方案按{_PER[scheme.period][0]}兑现，此处按{period}计算",
                          f". The scheme pays per {scheme.period}; computed here for {period}")
            table_out.append(("table", lines, [Col("tier", L("档次", "tier")), Col("rule", L("条件", "condition")),
                                               Col("group", L("组别", "group")), Col("count", L("数量", "units"), "right"),
                                               Col("reward", L("单项奖励", "reward each"), "right"),
                                               Col("amount", L("金额", "amount"), "right")],
                              Label(f"{scheme.label.zh}：预算", f"{scheme.label.en}: budget"), cap))
        for rule in (lr for lr in sc.lists if lr.ranking == ranking.key):
            lres = engine.list_members(rule, period)
            colour = L("红榜", "red list") if rule.colour == "red" else L("黑榜", "black list")
            end = _t(lang, "前", "top ") if rule.colour == "red" else _t(lang, "后", "bottom ")
            if rule.periods_running == 1:
                desc = _t(lang, f"{rule.label.zh}：{lres.periods[0]} 同组{end}{rule.n}名",
                          f"{rule.label.en}: {end}{rule.n} of the group in {lres.periods[0]}")
            else:
                span = f"{lres.periods[0]}–{lres.periods[-1]}"
                desc = _t(lang, f"{rule.label.zh}：{span} 连续{rule.periods_running}期同组{end}{rule.n}名",
                          f"{rule.label.en}: {end}{rule.n} of the group in each of {rule.periods_running} periods {span}")
            entries = [{"group": group_label.get(e.group, e.group), "unit": e.unit,
                        "name": _unit_name(s, e.unit, show_personal), "positions": list(e.positions)} for e in lres.entries]
            doc["lists"].append({"key": rule.key, "label": _lbl(rule.label), "colour": rule.colour, "n": rule.n,
                                 "periods_running": rule.periods_running, "periods": list(lres.periods),
                                 "units": [{"unit": e.unit, "group": e.group, "positions": list(e.positions)}
                                           for e in lres.entries],
                                 "consequence": _lbl(rule.consequence)})
            if entries:
                table_out.append(("table", entries, [Col("group", L("组别", "group")), Col("unit", L("单位", "unit")),
                                                     Col("name", L("名称", "name")),
                                                     Col("positions", L("各期位次", "places"), "right")],
                                  rule.label if rule.label.zh == colour.zh else
                                  Label(f"{colour.zh}：{rule.label.zh}", f"{colour.en}: {rule.label.en}"),
                                  desc + _t(lang, "（同分并列一并上榜）", " (ties at the cut-off all listed)")))
            else:
                table_out.append(("say", desc + _t(lang, "：无", ": none")))
    if fmt == "json":
        emit_json(doc)
        return
    if fmt == "csv":
        emit(csv_rows, [Col(k, Label(k, k)) for k in ("scorecard", "ranking", "group", "rank", "of", "unit", "name",
                                                        "score", "complete", "note", "tier", "reward")],
             fmt="csv", lang=lang)
        return
    _say(f"{m.name.get(lang)} [{m.key}] — {period}")
    _say(MISSING_RULE.get(lang))
    for item in table_out:
        if item[0] == "say":
            _say(item[1])
        else:
            _, rows, cols, title, caption = item
            emit(rows, cols, fmt="table", lang=lang, title=title, caption=caption)


# ------------------------------------------------------------------ campaign

_STATE = {"in-phase": L("进行中", "in phase"), "before": L("尚未开始", "not started"), "after": L("已结束", "ended"),
          "between": L("阶段之间", "between phases")}
_MS = {"met": L("达成", "met"), "missed": L("未达成", "missed"), "pending": L("未到期", "pending"),
       "no-data": L("无数据", "no data")}
_CASE = {"on-time": L("按时", "on time"), "late": L("超期完成", "late"), "overdue": L("超期未办", "overdue"),
         "open": L("办理中", "open")}


def _campaign_doc(st: CampaignStatus, m: Mechanism) -> dict[str, Any]:
    c = st.campaign
    return {
        "mechanism": m.key, "campaign": c.key, "label": _lbl(c.label), "on": st.on.isoformat(),
        "records": st.has_records,
        "phase": None if st.phase is None else {"key": st.phase.key, "label": _lbl(st.phase.label),
                                                "start": st.phase.start, "end": st.phase.end},
        "phase_state": st.phase_state,
        "tasks": [{"action": t.action, "task": t.task.key, "label": _lbl(t.task.label), "owner_role": t.task.owner_role,
                   "units": t.units, "tracked": t.tracked, "due_so_far": t.due_so_far, "done": t.count("done"),
                   "done_late": t.count("done-late"), "overdue": t.count("overdue"), "due_today": t.count("due"),
                   "no_records": t.count("no-records"), "max_days_late": t.max_days_late, "next_due": t.next_due,
                   "occurrences": [{"unit": o.unit, "due": o.due, "state": o.state, "done": o.done,
                                    "days_late": o.days_late, "owners": list(o.owners)} for o in t.occurrences]}
                  for t in st.tasks],
        "milestones": [{"key": ms.milestone.key, "label": _lbl(ms.milestone.label), "date": ms.milestone.date,
                        "indicator": ms.milestone.target.indicator, "comparison": ms.milestone.target.comparison,
                        "target": ms.milestone.target.value, "unit": ms.milestone.target.unit, "period": ms.period,
                        "value": ms.value, "complete": ms.complete, "state": ms.state} for ms in st.milestones],
        "reporting_period": str(st.reporting_period),
        "reporting": [{"key": r.key, "label": _lbl(r.label), "date": r.date, "owner_role": r.owner_role}
                      for r in st.reporting],
        "deadlines": [{"task": d.task, "event": d.rule.event, "after": d.rule.after, "days": d.rule.days, "case": d.case,
                       "unit": d.unit, "start": d.start, "due": d.due, "done": d.done, "state": d.state,
                       "days_late": d.days_late} for d in st.deadlines],
    }


@main.command()
@click.argument("key")
@on_option
@click.option("--data", "data", help="County data with the event records (tasks done, risk cases) and observations.")
@click.option("--period", "period_text", help="Period for the reporting calendar (default: the month of --on).")
@click.option("--all", "show_all", is_flag=True, help="List undated tasks without records too (JSON and CSV always do).")
@mechanism_file_option
@set_option
@fmt_option()
@lang_option
def campaign(key: str, on: dt.datetime | None, data: str | None, period_text: str | None, show_all: bool,
             mechanism_files: tuple[Path, ...], overrides: tuple[str, ...], fmt: str, lang: Lang) -> None:
    """A mechanism's campaign on a day: phase, tasks due/done/overdue, milestones, reports due, relative deadlines."""
    from ..errors import UsageError

    m = get_mechanism(key, mechanism_files, overrides)
    if m.campaign is None:
        raise UsageError(f"{m.key} states no campaign")
    day = on.date() if on else dt.date.today()
    county = load_county(data) if data else None
    st = campaign_status(m.campaign, day, county, m, Period.parse(period_text) if period_text else None)
    doc = _campaign_doc(st, m)
    c = m.campaign
    if fmt == "json":
        emit_json(doc)
        return
    task_rows = []
    labels = {a.key: a.label for a in c.actions}
    for t in st.tasks:
        task_rows.append({
            "action": labels.get(t.action), "task": t.task.label,
            "owner": _role_label(m, t.task.owner_role) if t.task.owner_role else t.task.lead,
            "due": _due_text(t.task, lang), "units": t.units, "due_so_far": t.due_so_far,
            "done": t.count("done") if t.tracked else None, "late": t.count("done-late") if t.tracked else None,
            "overdue": t.count("overdue") if t.tracked else None, "max_late": t.max_days_late if t.tracked else None,
            "records": _t(lang, "有", "yes") if t.tracked else _t(lang, "无", "none"),
            "next": t.next_due, "key": t.task.key})
    task_cols = [Col("action", L("行动", "action")), Col("task", L("任务", "task")), Col("owner", L("责任", "owner")),
                 Col("due", L("期限", "due")), Col("units", L("承担单位", "units"), "right"),
                 Col("due_so_far", L("已到期", "due so far"), "right"), Col("done", L("按时完成", "done"), "right"),
                 Col("late", L("逾期完成", "done late"), "right"), Col("overdue", L("逾期未完成", "overdue"), "right"),
                 Col("max_late", L("最长逾期天数", "max days late"), "right"), Col("records", L("完成记录", "records")),
                 Col("next", L("下次到期", "next due"))]
    if fmt == "csv":
        emit(task_rows, [Col("key", L("键", "key")), *task_cols], fmt="csv", lang=lang)
        return
    end = c.end or "…"
    _say(f"{m.name.get(lang)} — {c.label.get(lang)} {c.start} – {end}")
    if st.phase is not None:
        p = st.phase
        day_no = (day - p.start).days + 1
        span = f"{p.start} – {p.end or '…'}"
        _say(_t(lang, f"{day}：{p.label.zh}（{span}）第{day_no}天", f"{day}: {p.label.en} phase ({span}), day {day_no}"))
    else:
        _say(f"{day}: {_STATE[st.phase_state].get(lang)}")
    rule = _t(lang, "规则：到期当日仍算按时，次日起逾期；逾期天数 = 查看日 − 到期日；完成记录按先到期先销号",
              "Rule: a task is on time on its due date and overdue from the next day; days late = day − due; "
              "completion records settle the oldest occurrence first")
    rule += _t(lang, "；无完成记录的任务不判逾期", "; a task with no completion record at all is not judged overdue")
    if county is None:
        rule += _t(lang, "。未提供 --data：无法判断完成情况", ". No --data given: completion cannot be known")
    shown = [r for r, t in zip(task_rows, st.tasks, strict=True) if show_all or t.tracked or t.occurrences]
    if len(shown) < len(task_rows):
        rule += _t(lang, f"。另有 {len(task_rows) - len(shown)} 项任务无期限、无记录，未列出（--all 列出）",
                   f". {len(task_rows) - len(shown)} tasks with no date and no records not listed (--all lists them)")
    emit(shown, task_cols, fmt="table", lang=lang, title=L("任务", "Tasks"), caption=rule)
    overdue = sorted(st.overdue, key=lambda o: (-o.days_late, o.task, o.unit or ""))
    if overdue:
        s = county.structure if county else None
        rows = [{"task": o.task, "unit": o.unit, "name": _unit_name(s, o.unit) if s and o.unit else None, "due": o.due,
                 "days": o.days_late, "owners": [_actor_name(s, a) for a in o.owners] if s else None} for o in overdue]
        rows, cap = _more(rows, lang)
        emit(rows, [Col("task", L("任务", "task")), Col("unit", L("单位", "unit")), Col("name", L("名称", "name")),
                    Col("due", L("到期日", "due")), Col("days", L("逾期天数", "days late"), "right"),
                    Col("owners", L("责任人", "owners"))],
             fmt="table", lang=lang, title=L("逾期未完成", "Overdue"), caption=cap)
    if st.milestones:
        rows = [{"label": ms.milestone.label, "date": ms.milestone.date,
                 "target": f"{ms.milestone.target.indicator or ''} {ms.milestone.target.comparison} "
                           f"{ms.milestone.target.value:g}{ms.milestone.target.unit}",
                 "period": ms.period, "value": _r(ms.value),
                 "state": _MS[ms.state].get(lang) + ("" if ms.complete else _t(lang, "（部分单位未报）", " (partly reported)"))}
                for ms in st.milestones]
        emit(rows, [Col("label", L("节点", "milestone")), Col("date", L("日期", "date")), Col("target", L("目标", "target")),
                    Col("period", L("数据期", "period"), "right"), Col("value", L("全县值", "county value"), "right"),
                    Col("state", L("状态", "state"))], fmt="table", lang=lang, title=L("节点目标", "Milestones"),
             caption=_t(lang, "按节点日期所在数据期的全县汇总值判断；未到期的显示查看日所在期的值",
                        "Checked on the county total for the period holding the milestone date; "
                        "pending ones show the value of the period holding the status day"))
    rows = [{"date": r.date, "label": r.label, "owner": _role_label(m, r.owner_role) if r.owner_role else None}
            for r in st.reporting]
    if rows:
        emit(rows, [Col("date", L("日期", "date")), Col("label", L("报告", "report")), Col("owner", L("责任", "owner"))],
             fmt="table", lang=lang, title=Label(f"{st.reporting_period} 报告日程", f"Reporting in {st.reporting_period}"))
    else:
        _say(_t(lang, f"{st.reporting_period} 无报告安排", f"No reports fall in {st.reporting_period}"))
    rules = [(t, r) for a in c.actions for t in a.tasks for r in t.within]
    if rules:
        rows = []
        for t, r in rules:
            cases = [d for d in st.deadlines if d.task == t.key and d.rule == r]
            rows.append({"task": t.key, "rule": (r.label.get(lang) + _t(lang, f"（{r.days}日内）", f" (within {r.days} days)")
                                                 if r.label else _t(lang, f"{r.after}后{r.days}日内{r.event}",
                                                                    f"{r.event} within {r.days} days of {r.after}")),
                         "cases": len(cases) if county else None,
                         **{k: (sum(1 for d in cases if d.state == k) if county else None)
                            for k in ("on-time", "late", "overdue", "open")}})
        emit(rows, [Col("task", L("任务", "task")), Col("rule", L("时限", "deadline")),
                     Col("cases", L("件数", "cases"), "right"),
                    Col("on-time", L("按时", "on time"), "right"), Col("late", L("超期完成", "late"), "right"),
                    Col("overdue", L("超期未办", "overdue"), "right"), Col("open", L("办理中", "open"), "right")],
             fmt="table", lang=lang, title=L("时限要求", "Relative deadlines"),
             caption=_t(lang, "从前一事件的实际日期起算；期限当日仍算按时",
                        "Counted from the actual date of the preceding event; the last day is still on time"))
        bad = [d for d in st.deadlines if d.state in ("late", "overdue")]
        if bad:
            s = county.structure if county else None
            rows = [{"case": d.case, "unit": d.unit, "step": f"{d.rule.after} → {d.rule.event}", "start": d.start,
                     "due": d.due, "done": d.done, "state": _CASE[d.state], "days": d.days_late} for d in bad]
            rows, cap = _more(rows, lang)
            emit(rows, [Col("case", L("案件", "case")), Col("unit", L("单位", "unit")), Col("step", L("环节", "step")),
                        Col("start", L("起算日", "from")), Col("due", L("期限", "due")), Col("done", L("办结日", "done")),
                        Col("state", L("状态", "state")), Col("days", L("超期天数", "days late"), "right")],
                 fmt="table", lang=lang, title=L("超期案件", "Late and overdue cases"), caption=cap)


# ------------------------------------------------------------------ visits

@main.command()
@click.argument("data")
@mechanism_option
@mechanism_file_option
@set_option
@click.option("--period", "period_text", required=True, help="Period: 2024-05, 2024Q2, 2024.")
@click.option("--all", "show_all", is_flag=True, help="List compliant checks too (the table lists shortfalls only).")
@show_personal_option
@fmt_option()
@lang_option
def visits(data: str, key: str | None, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...], period_text: str,
           show_all: bool, show_personal: bool, fmt: str, lang: Lang) -> None:
    """Visit compliance: each role's required frequency against the visits table, per actor and unit.

    Where the county has no assignments for the mechanism, its assignment policy staffs it (seed 0), as `coverage`
    and `compare` do; such actors have no visit records, so every duty of theirs shows as owed and not done.
    """
    m = get_mechanism(key, mechanism_files, overrides)
    county = county_for(data, m, lang=lang)
    period = Period.parse(period_text)
    s = county.structure
    checks = check_visits(m, county, period)
    if checks and not any(c.done for c in checks):
        err_console().print(_t(lang, f"注：{period} 内这些人员在走访表中没有任何走访记录，所有走访要求均未完成"
                                     "（按配置政策生成的人员没有走访记录）",
                               f"note: the visits table records no visit by these actors in {period}, so every duty shows "
                               "as owed (actors staffed by a policy have no visit records)"), markup=False)
    by_role = compliance_by_role(checks, m)
    rows = [{"actor": c.actor, "actor_name": _actor_name(s, c.actor), "role": _role_label(m, c.role), "role_key": c.role,
             "unit": c.unit if len(c.units) == 1 else f"{c.unit} +{len(c.units) - 1}",
             "unit_name": _unit_name(s, c.unit, show_personal) if len(c.units) == 1 else
             _t(lang, f"{len(c.units)}个单位", f"{len(c.units)} units"),
             "from": c.start, "to": c.end, "required": c.required, "done": c.done, "counted": c.counted,
             "compliant": None if c.compliant is None else (_t(lang, "是", "yes") if c.compliant else _t(lang, "否", "no"))}
            for c in checks]
    if fmt == "json":
        emit_json({"mechanism": m.key, "period": str(period),
                   "roles": [{"role": r.role, "checked": r.checked, "compliant": r.compliant, "share": r.share}
                             for r in by_role],
                   "checks": [{"actor": c.actor, "role": c.role, "units": list(c.units), "from": c.start, "to": c.end,
                               "required": c.required, "done": c.done, "counted": c.counted, "visits": c.visits,
                               "compliant": c.compliant} for c in checks]})
        return
    cols = [Col("actor", L("人员", "actor")), Col("actor_name", L("姓名", "name")), Col("role", L("角色", "role")),
            Col("unit", L("单位", "unit")), Col("unit_name", L("单位名称", "unit name")), Col("from", L("起", "from")),
            Col("to", L("止", "to")), Col("required", L("应走访", "required"), "right"),
            Col("done", L("实走访", "done"), "right"), Col("counted", L("计", "counted")),
            Col("compliant", L("达标", "compliant"))]
    if fmt == "csv":
        emit(rows, [Col("role_key", L("角色键", "role key")), *cols], fmt="csv", lang=lang)
        return
    freq = {r.key: r.visits for r in m.roles}
    summary = [{"role": _role_label(m, r.role) if r.role != "all" else L("合计", "all"), "role_key": r.role,
                "freq": freq_text(freq[r.role], lang) if freq.get(r.role) else None,
                "window": str(window(period, m.role(r.role))) if r.role != "all" else None,
                "checked": r.checked, "compliant": r.compliant, "share": _pct(r.share)} for r in by_role]
    _say(f"{m.name.get(lang)} [{m.key}] — {period}")
    if not checks:
        _say(_t(lang, "该县数据中没有此机制有走访要求的包保关系", "No assignments of this mechanism's roles with a visit duty "
                "in this county's data"))
        return
    emit(summary, [Col("role", L("角色", "role")), Col("freq", L("要求", "required frequency")),
                   Col("window", L("考核期", "window")), Col("checked", L("应考核", "checked"), "right"),
                   Col("compliant", L("达标", "compliant"), "right"), Col("share", L("达标率", "share"), "right")],
         fmt="table", lang=lang, title=L("走访达标情况", "Visit compliance"),
         caption=_t(lang, "应走访 = 频次 × 考核期内开始的周期数（在岗期间）；到所包单位及其下级单位的走访都计入；"
                          "按天计的职责同一天只计一次",
                    "Required = times × frequency periods begun in the window while assigned; visits to the unit or "
                    "any unit under it count; day-based duties count each date once"))
    detail = rows if show_all else [r for r, c in zip(rows, checks, strict=True) if c.compliant is False]
    detail, cap = _more(detail, lang)
    if detail:
        emit(detail, cols, fmt="table", lang=lang,
             title=L("明细", "Checks") if show_all else L("未达标明细", "Shortfalls"), caption=cap)


# ------------------------------------------------------------------ points

_KIND = {"earn": L("获得", "earned"), "deduct": L("扣减", "deducted"), "redeem": L("兑换", "redeemed")}
_STATUS = {"ok": L("正常", "ok"), "capped": L("扣至0分", "capped at 0"), "rejected": L("余额不足，未兑换", "rejected"),
           "unknown-rule": L("规则未定义", "unknown rule"), "rule-mismatch": L("分值与规则不符", "points differ from rule")}


@main.command()
@click.argument("data")
@mechanism_option
@mechanism_file_option
@on_option
@click.option("--household", "households", multiple=True, help="Only this household (repeatable).")
@click.option("--trail", is_flag=True, help="Show the audit trail, one line per entry, with the balance after it.")
@show_personal_option
@fmt_option()
@lang_option
def points(data: str, key: str | None, mechanism_files: tuple[Path, ...], on: dt.datetime | None,
           households: tuple[str, ...], trail: bool, show_personal: bool, fmt: str, lang: Lang) -> None:
    """Household points ledgers: earned, deducted, redeemed, balance; never negative; with the audit trail."""
    m = get_mechanism(key, mechanism_files) if key or mechanism_files else None
    scheme = m.scoring.points if m and m.scoring else None
    county = load_county(data)
    s = county.structure
    day = on.date() if on else None
    entries = [e for e in county.points if not households or e.household in households]
    ledger = ledger_from_records(entries, scheme, day)
    sums = ledger.summaries()

    def village(h: str) -> str | None:
        chain = [a for a in s.ancestors(h)] if h in s.unit_by_id else []
        return next((a.id for a in chain if a.level == "village"), chain[0].id if chain else None)

    rows = [{"household": x.household, "name": _unit_name(s, x.household, show_personal), "village": village(x.household),
             "earned": x.earned, "deducted": x.deducted, "redeemed": x.redeemed, "balance": x.balance, "lines": x.lines,
             "last": x.last, "flagged": x.flagged} for x in sums]
    trail_rows = [{"date": ln.date, "household": ln.household, "kind": _KIND[ln.kind], "rule": ln.rule, "points": ln.points,
                   "applied": ln.applied, "balance": ln.balance, "status": _STATUS[ln.status], "note": ln.note}
                  for ln in ledger.lines]
    totals = {"households": len(sums), "earned": sum(x.earned for x in sums), "deducted": sum(x.deducted for x in sums),
              "redeemed": sum(x.redeemed for x in sums), "balance": sum(x.balance for x in sums),
              "flagged": sum(x.flagged for x in sums)}
    if fmt == "json":
        emit_json({"mechanism": m.key if m else None, "on": day, "totals": totals,
                   "yuan_per_point": scheme.yuan_per_point if scheme else None,
                   "households": [{k: v for k, v in r.items()} for r in rows],
                   "trail": [{"date": ln.date, "household": ln.household, "kind": ln.kind, "rule": ln.rule,
                              "points": ln.points, "applied": ln.applied, "balance": ln.balance, "status": ln.status,
                              "note": ln.note} for ln in ledger.lines] if trail else None})
        return
    hh_cols = [Col("household", L("农户", "household")), Col("name", L("户名", "name")), Col("village", L("村", "village")),
               Col("earned", L("获得", "earned"), "right"), Col("deducted", L("扣减", "deducted"), "right"),
               Col("redeemed", L("兑换", "redeemed"), "right"), Col("balance", L("余额", "balance"), "right"),
               Col("lines", L("笔数", "entries"), "right"), Col("last", L("最近", "last")),
               Col("flagged", L("异常", "flagged"), "right")]
    trail_cols = [Col("date", L("日期", "date")), Col("household", L("农户", "household")), Col("kind", L("类型", "kind")),
                  Col("rule", L("规则", "rule")), Col("points", L("记录积分", "points"), "right"),
                  Col("applied", L("入账", "applied"), "right"), Col("balance", L("余额", "balance"), "right"),
                  Col("status", L("状态", "status")), Col("note", L("备注", "note"))]
    if fmt == "csv":
        emit(trail_rows if trail else rows, trail_cols if trail else hh_cols, fmt="csv", lang=lang)
        return
    head = (scheme.label.get(lang) + " — ") if scheme else ""
    n_hh = totals["households"]
    _say(head + _t(lang, f"{n_hh} 户：获得 {totals['earned']} 分，扣减 {totals['deducted']} 分，"
                         f"兑换 {totals['redeemed']} 分，余额 {totals['balance']} 分；异常 {totals['flagged']} 笔",
                   f"{n_hh} household{'s' if n_hh != 1 else ''}: earned {totals['earned']}, deducted {totals['deducted']}, "
                   f"redeemed {totals['redeemed']}, balance {totals['balance']}; {totals['flagged']} flagged entries"))
    if scheme and scheme.yuan_per_point is not None:
        _say(_t(lang, f"按每分 {scheme.yuan_per_point:g} 元：已兑换 {totals['redeemed'] * scheme.yuan_per_point:,.2f} 元，"
                      f"余额折合 {totals['balance'] * scheme.yuan_per_point:,.2f} 元",
                f"At ¥{scheme.yuan_per_point:g} a point: ¥{totals['redeemed'] * scheme.yuan_per_point:,.2f} redeemed, "
                f"¥{totals['balance'] * scheme.yuan_per_point:,.2f} outstanding"))
    rule_text = _t(lang, "规则：余额不为负——兑换超过余额不予兑换，扣分最多扣至0分；按日期顺序记账",
                   "Rules: never negative — a redemption above the balance is refused, a penalty stops at 0; "
                   "entries are booked in date order")
    if trail:
        shown, cap = _more(trail_rows, lang)
        emit(shown, trail_cols, fmt="table", lang=lang, title=L("积分流水", "Audit trail"),
             caption=rule_text + (f"；{cap}" if cap else ""))
    else:
        shown, cap = _more(rows, lang)
        emit(shown, hh_cols, fmt="table", lang=lang, title=L("农户积分", "Household points"),
             caption=rule_text + (f"；{cap}" if cap else ""))


# ------------------------------------------------------------------ problems

_PSTATE = {"open": L("整改中", "open"), "overdue": L("逾期未整改", "overdue"), "closed": L("按期销号", "closed"),
           "closed-late": L("逾期销号", "closed late")}


@main.command()
@click.argument("data")
@mechanism_option
@mechanism_file_option
@set_option
@on_option
@click.option("--by", "by", default=None, help="Group closure rates by a level (default: the level below the county) "
              "or by `assignee`.")
@fmt_option()
@lang_option
def problems(data: str, key: str | None, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...],
             on: dt.datetime | None, by: str | None, fmt: str, lang: Lang) -> None:
    """The supervision loop: problems found, rectification deadlines, close-outs, overdue ones, accountability."""
    from ..errors import UsageError

    m = get_mechanism(key, mechanism_files, overrides) if key or mechanism_files else None
    county = load_county(data)
    s = county.structure
    day = on.date() if on else _default_on(county)
    statuses = supervise(county, day, m)
    level_keys = [lv.key for lv in s.levels]
    by = by or (level_keys[1] if len(level_keys) > 1 else level_keys[0])
    if by == "assignee":
        group_of = {st.record.id: st.record.assigned_to or "—" for st in statuses}
    elif by in level_keys:
        group_of = group_by_level(county, statuses, by)
    else:
        raise UsageError(f"--by must be a level ({', '.join(level_keys)}) or assignee, not {by!r}")
    rates = closure_rates(statuses, group_of)
    sup = m.scoring.supervision if m and m.scoring else None
    cat_label = {c.key: c.label for c in sup.categories} if sup else {}
    rows = [{"id": st.record.id, "unit": st.record.unit, "name": _unit_name(s, st.record.unit), "found": st.record.found,
             "assigned_to": st.record.assigned_to, "assignee": _actor_name(s, st.record.assigned_to),
             "deadline": st.deadline, "deadline_source": st.deadline_source, "closed": st.closed,
             "state": _PSTATE[st.state], "state_key": st.state, "days_late": st.days_late,
             "category": cat_label.get(st.record.category, st.record.category) if st.record.category else None,
             "suggested": cat_label.get(st.suggested, st.suggested) if st.suggested else None,
             "description": st.record.description} for st in statuses]
    rate_rows = [{"group": r.group, "name": (_actor_name(s, r.group) if by == "assignee" else _unit_name(s, r.group))
                  if r.group not in ("all", "—") else (L("合计", "all") if r.group == "all" else None),
                  "found": r.found, "closed": r.closed, "on_time": r.closed_on_time, "late": r.closed_late,
                  "open": r.open, "overdue": r.overdue, "closure": _pct(r.closure_rate), "on_time_rate": _pct(r.on_time_rate)}
                 for r in rates]
    cats = categories_count(statuses)
    if fmt == "json":
        emit_json({"mechanism": m.key if m else None, "on": day, "rectification_days": sup.rectification_days if sup else None,
                   "problems": [{k: v for k, v in r.items() if k not in ("state", "name", "assignee")} |
                                {"state": r["state_key"], "category": st.record.category, "suggested": st.suggested}
                                for r, st in zip(rows, statuses, strict=True)],
                   "closure": [{"group": r.group, "found": r.found, "closed": r.closed, "closed_on_time": r.closed_on_time,
                                "closed_late": r.closed_late, "open": r.open, "overdue": r.overdue,
                                "closure_rate": r.closure_rate, "on_time_rate": r.on_time_rate} for r in rates],
                   "by": by, "categories": {k: {"recorded": v[0], "suggested": v[1]} for k, v in cats.items()}})
        return
    cols = [Col("id", L("编号", "id")), Col("unit", L("单位", "unit")), Col("name", L("名称", "name")),
            Col("found", L("发现", "found")), Col("assignee", L("责任人", "assigned to")),
            Col("deadline", L("整改期限", "deadline")), Col("closed", L("销号", "closed")), Col("state", L("状态", "state")),
            Col("days_late", L("逾期天数", "days late"), "right"), Col("category", L("问责类别", "category")),
            Col("suggested", L("建议类别", "suggested"))]
    if fmt == "csv":
        emit(rows, [*cols[:4], Col("assigned_to", L("责任人编号", "assignee id")), *cols[5:],
                    Col("deadline_source", L("期限来源", "deadline source")), Col("description", L("问题", "description"))],
             fmt="csv", lang=lang)
        return
    head = (sup.label.get(lang) + " — ") if sup else ""
    _say(head + _t(lang, f"截至 {day}", f"as of {day}"))
    for r in rows:
        if r["deadline_source"] == "rule":
            r["deadline"] = f"{r['deadline']}*"
    shown, cap = _more(rows, lang)
    rule = _t(lang, "期限当日销号为按期，次日起逾期；* 为按机制整改时限推算的期限；建议类别仅供参考，不写回台账",
              "Closed on the deadline is on time; overdue from the next day; * = deadline from the mechanism's "
              "rectification period; suggested categories are advice only, never written back")
    emit(shown, cols, fmt="table", lang=lang, title=L("问题清单", "Problem ledger"),
         caption=rule + (f"；{cap}" if cap else ""))
    emit(rate_rows, [Col("group", L("分组", "group")), Col("name", L("名称", "name")),
                     Col("found", L("问题数", "found"), "right"),
                     Col("closed", L("已销号", "closed"), "right"), Col("on_time", L("按期", "on time"), "right"),
                     Col("late", L("逾期销号", "late"), "right"), Col("open", L("整改中", "open"), "right"),
                     Col("overdue", L("逾期未整改", "overdue"), "right"), Col("closure", L("销号率", "closure rate"), "right"),
                     Col("on_time_rate", L("按期率", "on-time rate"), "right")],
         fmt="table", lang=lang, title=L("整改销号率", "Closure rates"),
         caption=_t(lang, "销号率 = 已销号 / 问题数；按期率 = 按期销号 / (已销号 + 逾期未整改)",
                    "closure rate = closed / found; on-time rate = closed on time / (closed + overdue)"))
    if cats:
        emit([{"category": cat_label.get(k, k), "recorded": v[0], "suggested": v[1]} for k, v in cats.items()],
             [Col("category", L("问责类别", "category")), Col("recorded", L("已认定", "recorded"), "right"),
              Col("suggested", L("建议", "suggested"), "right")], fmt="table", lang=lang, title=L("问责", "Accountability"))
