"""Text for results a person reads, shared by the year's result objects and the CLI: both languages, masked
personal names, row limits, the names of periods and cadences, and the default "as of" day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..converter import unstructure
from ..county.org import OrgStructure
from ..county.records import County
from ..model.campaign import Task
from ..model.labels import Label, Lang, _
from ..model.mechanism import Mechanism
from ..model.safe_text import mask_person_name
from ..model.schedule import Frequency, Schedule

MAX_ROWS = 40
"""Detail rows a terminal table shows before it says how many more there are (JSON and CSV carry all)."""
RANK_ROWS = 60
"""Ranked units a terminal table shows (household rankings run to thousands)."""


def zh_en(lang: Lang, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def label_of(label: Label | None) -> Any:
    return unstructure(label) if label is not None else None


def mask(name: str) -> str:
    """A household name with its surname kept and the rest hidden (张** / 欧阳**)."""
    return mask_person_name(name)


def unit_label(s: OrgStructure, uid: str, show_personal: bool = False) -> str:
    u = s.unit_by_id.get(uid)
    if u is None:
        return uid
    if s.levels and u.level == s.levels[-1].key and not show_personal:
        return mask(u.name)
    return u.name


def actor_label(s: OrgStructure, aid: str | None) -> str | None:
    if aid is None:
        return None
    a = s.actor_by_id.get(aid)
    return a.name if a else aid


def role_label(m: Mechanism, key: str) -> Label:
    try:
        return m.role(key).label
    except KeyError:
        return Label(key, key)


def rounded(x: float | None, digits: int = 2) -> float | None:
    return None if x is None else round(x, digits)


def rank_value(x: float | None) -> float | int | None:
    """Ranks print as whole numbers unless a tie rule made them halves (average)."""
    return int(x) if x is not None and float(x).is_integer() else x


PER = {"day": ("日", "day"), "week": ("周", "week"), "month": ("月", "month"), "quarter": ("季", "quarter"),
        "half": ("半年", "half-year"), "year": ("年", "year")}


def freq_text(f: Frequency, lang: Lang) -> str:
    unit = zh_en(lang, "天" if f.unit == "day" else "次", ("day" if f.unit == "day" else "visit") + ("s" if f.times != 1 else ""))
    per = PER[f.per]
    return f"{f.times}{unit}/{per[0]}" if lang == "zh" else f"{f.times} {unit}/{per[1]}"


def schedule_text(s: Schedule, lang: Lang) -> str:
    day_zh = "末" if s.day is None else (f"倒数第{-s.day}日" if s.day < 0 else f"{s.day}日")
    day_en = "last day" if s.day is None else (f"day {s.day}" if s.day > 0 else f"{-s.day} from the end")
    if s.every == "month" and s.months:
        months = "、".join(str(m) for m in s.months)
        return zh_en(lang, f"{months}月{day_zh}", f"months {', '.join(str(m) for m in s.months)}, {day_en}")
    every_zh = {"day": "每日", "week": "每周", "month": "每月", "quarter": "每季", "half": "每半年", "year": "每年"}[s.every]
    every_en = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "half": "half-yearly",
                "year": "yearly"}[s.every]
    if s.every in ("day",):
        return zh_en(lang, every_zh, every_en)
    if s.months:
        months = "、".join(str(m) for m in s.months)
        return zh_en(lang, f"{every_zh}{months}月{day_zh}", f"{every_en}, months {', '.join(map(str, s.months))}, {day_en}")
    return zh_en(lang, f"{every_zh}{day_zh}", f"{every_en}, {day_en}")


def due_text(task: Task, lang: Lang) -> str:
    if task.due is not None:
        text = schedule_text(task.due, lang)
        if task.deadline is not None:
            text += _(", until {deadline}").format(deadline=task.deadline).get(lang)
        return text
    return str(task.deadline) if task.deadline else _("no date").get(lang)


def capped_rows(out_rows: list[dict[str, Any]], lang: Lang, limit: int = 0) -> tuple[list[dict[str, Any]], str | None]:
    limit = limit or MAX_ROWS
    if len(out_rows) <= limit:
        return out_rows, None
    return out_rows[:limit], _("{n} more rows (--format json/csv gives all)").format(n=len(out_rows) - limit).get(lang)


def default_on(county: County) -> dt.date:
    """The last day of the latest year the records reach: a fixed "as of" that does not drift with today."""
    dates = [d for p in county.problems for d in (p.found, p.deadline, p.closed) if d is not None]
    dates += [e.date for e in county.points] + [v.date for v in county.visits] + [e.date for e in county.events]
    if not dates:
        return dt.date.today()
    return dt.date(max(dates).year, 12, 31)


# ------------------------------------------------------------------ score
