"""`mechanisms points` and `mechanisms problems`: the household points ledger and the supervision
loop's problem ledger, with balances, audit trails and closure rates.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..io.county_io import load_county
from ..model.labels import L, Label, Lang, _, p_, percent
from ..model.mechanism import Mechanism
from ..year.points import ledger_from_records
from ..year.supervision import categories_count, closure_rates, group_by_level, supervise
from .context import catalog_for, get_mechanism
from .options import fmt_option, keys_option, lang_option, mechanism_file_option, set_option
from .output import Col, emit, emit_json
from .year_common import (
    actor_label,
    capped_rows,
    default_on,
    mechanism_option,
    on_option,
    say_line,
    show_personal_option,
    unit_label,
    zh_en,
)

_KIND = {"earn": _("earned"), "deduct": _("deducted"), "redeem": _("redeemed")}
_STATUS = {"ok": _("ok"), "capped": _("capped at 0"), "rejected": _("rejected"),
           "unknown-rule": _("unknown rule"), "rule-mismatch": _("points differ from rule")}


@click.command()
@click.argument("data")
@mechanism_option
@mechanism_file_option
@on_option
@click.option("--household", "households", multiple=True, help="Only this household (repeatable).")
@click.option("--trail", is_flag=True, help="Show the audit trail, one line per entry, with the balance after it.")
@show_personal_option
@keys_option
@fmt_option()
@lang_option
def points(data: str, key: str | None, mechanism_files: tuple[Path, ...], on: dt.date | None,
           households: tuple[str, ...], trail: bool, show_personal: bool, keys: bool, fmt: str, lang: Lang) -> None:
    """Household points ledgers: earned, deducted, redeemed, balance; never negative; with the audit trail."""
    m = get_mechanism(key, mechanism_files) if key or mechanism_files else None
    scheme = m.scoring.points if m and m.scoring else None
    county = load_county(data)
    s = county.structure
    day = on
    entries = [e for e in county.points if not households or e.household in households]
    ledger = ledger_from_records(entries, scheme, day)
    sums = ledger.summaries()

    def village(h: str) -> str | None:
        chain = [a for a in s.ancestors(h)] if h in s.unit_by_id else []
        return next((a.id for a in chain if a.level == "village"), chain[0].id if chain else None)

    rows = [{"household": x.household, "name": unit_label(s, x.household, show_personal), "village": village(x.household),
             "earned": x.earned, "deducted": x.deducted, "redeemed": x.redeemed, "balance": x.balance, "lines": x.lines,
             "last": x.last, "flagged": x.flagged} for x in sums]
    rule_names = {r.key: r.label for r in scheme.rules} if scheme else {}
    trail_rows = [{"date": ln.date, "household": ln.household, "kind": ln.kind if keys else _KIND[ln.kind],
                   "rule": ln.rule if keys or ln.rule not in rule_names else rule_names[ln.rule],
                   "points": ln.points, "applied": ln.applied, "balance": ln.balance,
                   "status": ln.status if keys else _STATUS[ln.status], "note": ln.note}
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
    hh_cols = [Col("household", _("household")), Col("name", p_("ledger_cmds", "name")),
               Col("village", p_("ledger_cmds", "village")),
               Col("earned", _("earned"), "right"), Col("deducted", _("deducted"), "right"),
               Col("redeemed", _("redeemed"), "right"), Col("balance", _("balance"), "right"),
               Col("lines", _("entries"), "right"), Col("last", _("last")),
               Col("flagged", _("flagged"), "right")]
    trail_cols = [Col("date", _("date")), Col("household", _("household")), Col("kind", _("kind")),
                  Col("rule", _("rule")), Col("points", _("points"), "right"),
                  Col("applied", _("applied"), "right"), Col("balance", _("balance"), "right"),
                  Col("status", _("status")), Col("note", p_("ledger_cmds", "note"))]
    if fmt == "csv":
        emit(trail_rows if trail else rows, trail_cols if trail else hh_cols, fmt="csv", lang=lang)
        return
    head = (scheme.label.get(lang) + " — ") if scheme else ""
    n_hh = totals["households"]
    say_line(head + zh_en(lang, f"{n_hh} 户：获得 {totals['earned']} 分，扣减 {totals['deducted']} 分，"
                         f"兑换 {totals['redeemed']} 分，余额 {totals['balance']} 分；异常 {totals['flagged']} 笔",
                   f"{n_hh} household{'s' if n_hh != 1 else ''}: earned {totals['earned']}, deducted {totals['deducted']}, "
                   f"redeemed {totals['redeemed']}, balance {totals['balance']}; {totals['flagged']} flagged entries"))
    if scheme and scheme.yuan_per_point is not None:
        say_line(zh_en(lang, f"按每分 {scheme.yuan_per_point:g} 元：已兑换 {totals['redeemed'] * scheme.yuan_per_point:,.2f} 元，"
                      f"余额折合 {totals['balance'] * scheme.yuan_per_point:,.2f} 元",
                f"At ¥{scheme.yuan_per_point:g} a point: ¥{totals['redeemed'] * scheme.yuan_per_point:,.2f} redeemed, "
                f"¥{totals['balance'] * scheme.yuan_per_point:,.2f} outstanding"))
    rule_text = _("Rules: never negative — a redemption above the balance is refused, a penalty stops at 0; "
                   "entries are booked in date order").get(lang)
    if trail:
        shown, cap = capped_rows(trail_rows, lang)
        emit(shown, trail_cols, fmt="table", lang=lang, title=_("Audit trail"),
             caption=rule_text + (f"；{cap}" if cap else ""))
    else:
        shown, cap = capped_rows(rows, lang)
        emit(shown, hh_cols, fmt="table", lang=lang, title=_("Household points"),
             caption=rule_text + (f"；{cap}" if cap else ""))


# ------------------------------------------------------------------ problems

def _category_names(m: Mechanism | None, files: tuple[Path, ...]) -> dict[str, Label]:
    """Accountability category key → name: the mechanism's own, then any installed mechanism's (a ledger kept
    under one mechanism's categories, 慢作为 keyed ``slow``, read under another still names them)."""
    out: dict[str, Label] = {}
    mechanisms = [m] if m is not None else []
    mechanisms += [e.mechanism for e in sorted(catalog_for(files=files), key=lambda e: e.mechanism.key)]
    for mech in mechanisms:
        sup = mech.scoring.supervision if mech.scoring else None
        for c in sup.categories if sup else ():
            out.setdefault(c.key, c.label)
    return out


_PSTATE = {"open": p_("ledger_cmds", "open"), "overdue": p_("ledger_cmds", "overdue"), "closed": _("closed"),
           "closed-late": _("closed late")}


@click.command()
@click.argument("data")
@mechanism_option
@mechanism_file_option
@set_option
@on_option
@click.option("--by", "by", default=None, help="Group closure rates by a level (default: the level below the county) "
              "or by `assignee`.")
@keys_option
@fmt_option()
@lang_option
def problems(data: str, key: str | None, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...],
             on: dt.date | None, by: str | None, keys: bool, fmt: str, lang: Lang) -> None:
    """The supervision loop: problems found, rectification deadlines, close-outs, overdue ones, accountability."""
    from ..errors import UsageError

    m = get_mechanism(key, mechanism_files, overrides) if key or mechanism_files else None
    county = load_county(data)
    s = county.structure
    day = on or default_on(county)
    statuses = supervise(county, day, m)
    level_keys = [lv.key for lv in s.levels]
    by = by or (level_keys[1] if len(level_keys) > 1 else level_keys[0])
    if by == "assignee":
        group_of = {st.record.id: st.record.assigned_to or "—" for st in statuses}
    elif by in level_keys:
        group_of = group_by_level(county, statuses, by)
    else:
        raise UsageError(_("--by must be a level ({levels}) or assignee, not {value}").format(
            levels=", ".join(level_keys), value=repr(by)))
    rates = closure_rates(statuses, group_of)
    sup = m.scoring.supervision if m and m.scoring else None
    cat_label = {} if keys else _category_names(m, mechanism_files)
    rows = [{"id": st.record.id, "unit": st.record.unit, "name": unit_label(s, st.record.unit), "found": st.record.found,
             "assigned_to": st.record.assigned_to, "assignee": actor_label(s, st.record.assigned_to),
             "deadline": st.deadline, "deadline_source": st.deadline_source, "closed": st.closed,
             "state": st.state if keys else _PSTATE[st.state], "state_key": st.state, "days_late": st.days_late,
             "category": cat_label.get(st.record.category, st.record.category) if st.record.category else None,
             "suggested": cat_label.get(st.suggested, st.suggested) if st.suggested else None,
             "description": st.record.description} for st in statuses]
    # the total row's group is the word 合计 (the key ``all`` with --keys, as JSON has it), not a unit's name
    rate_rows = [{"group": _("total") if r.group == "all" and not keys else r.group,
                  "name": (actor_label(s, r.group) if by == "assignee" else unit_label(s, r.group))
                  if r.group not in ("all", "—") else None,
                  "found": r.found, "closed": r.closed, "on_time": r.closed_on_time, "late": r.closed_late,
                  "open": r.open, "overdue": r.overdue, "closure": percent(r.closure_rate),
                  "on_time_rate": percent(r.on_time_rate)}
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
    cols = [Col("id", _("id")), Col("unit", _("unit")), Col("name", _("name")),
            Col("found", _("found")), Col("assignee", _("assigned to")),
            Col("deadline", p_("ledger_cmds", "deadline")), Col("closed", p_("ledger_cmds", "closed")), Col("state", _("state")),
            Col("days_late", _("days late"), "right"), Col("category", _("category")),
            Col("suggested", _("suggested"))]
    if fmt == "csv":
        emit(rows, [*cols[:4], Col("assigned_to", _("assignee id")), *cols[5:],
                    Col("deadline_source", _("deadline source")), Col("description", _("description"))],
             fmt="csv", lang=lang)
        return
    head = (sup.label.get(lang) + " — ") if sup else ""
    say_line(head + zh_en(lang, f"截至 {day}", f"as of {day}"))
    for r in rows:
        if r["deadline_source"] == "rule":
            r["deadline"] = f"{r['deadline']}*"
    shown, cap = capped_rows(rows, lang)
    rule = _("Closed on the deadline is on time; overdue from the next day; * = deadline from the mechanism's "
              "rectification period; suggested categories are advice only, never written back").get(lang)
    emit(shown, cols, fmt="table", lang=lang, title=_("Problem ledger"),
         caption=rule + (f"；{cap}" if cap else ""))
    emit(rate_rows, [Col("group", p_("ledger_cmds", "group")), Col("name", _("name")),
                     Col("found", p_("ledger_cmds", "found"), "right"),
                     Col("closed", L("已销号", "closed"), "right"), Col("on_time", p_("ledger_cmds", "on time"), "right"),
                     Col("late", p_("ledger_cmds", "late"), "right"), Col("open", p_("ledger_cmds", "open"), "right"),
                     Col("overdue", p_("ledger_cmds", "overdue"), "right"), Col("closure", _("closure rate"), "right"),
                     Col("on_time_rate", _("on-time rate"), "right")],
         fmt="table", lang=lang, title=_("Closure rates"),
         caption=_("closure rate = closed / found; on-time rate = closed on time / (closed + overdue)").get(lang))
    if cats:
        emit([{"category": cat_label.get(k, k), "recorded": v[0], "suggested": v[1]} for k, v in cats.items()],
             [Col("category", _("category")), Col("recorded", _("recorded"), "right"),
              Col("suggested", p_("ledger_cmds", "suggested"), "right")], fmt="table", lang=lang, title=_("Accountability"))
