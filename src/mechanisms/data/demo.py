"""The built-in demo county: synthetic, with plainly fake names, loadable as ``demo``.

The shipped CSV files under ``demo/`` are what :func:`build_demo` writes; a test keeps the
two equal, so the demo can be regenerated (``python -m mechanisms.data.demo``) and still
be read through the ordinary CSV loader like any county's files.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import cache
from importlib.resources import as_file, files

from ..org import Actor, Assignment, OrgStructure, Unit
from ..records import County, Observation, PointsEntry, ProblemRecord, Visit

SEED = 2024
TOWNS = (("T1", "示例甲镇", ()), ("T2", "示例乙镇", ()), ("T3", "示例丙街道", ("street",)))
VILLAGES_PER_TOWN = 4
GROUPS_PER_VILLAGE = 3
YEAR = 2024


def build_demo() -> County:
    """Build the demo county from its fixed seed (same county every time)."""
    rng = random.Random(SEED)
    units: list[Unit] = [Unit("C", "示例县", "county")]
    actors: list[Actor] = []
    asg: list[Assignment] = []
    villages: list[Unit] = []
    households: dict[str, list[Unit]] = {}
    for t_id, t_name, t_tags in TOWNS:
        units.append(Unit(t_id, t_name, "town", "C", t_tags))
        for v in range(1, VILLAGES_PER_TOWN + 1):
            v_id = f"{t_id}V{v}"
            tags: list[str] = []
            if "street" in t_tags and v <= 2:
                tags.append("community")
            if v == 1:
                tags.append("model-village")
            if v == 2:
                tags.append("key-village")
            village = Unit(v_id, f"{t_name}示例{v}村" if "community" not in tags else f"{t_name}示例{v}社区",
                           "village", t_id, tuple(tags))
            units.append(village)
            villages.append(village)
            households[v_id] = []
            for g in range(1, GROUPS_PER_VILLAGE + 1):
                g_id = f"{v_id}G{g}"
                units.append(Unit(g_id, f"{village.name}{g}组", "group", v_id))
                for h in range(1, rng.randint(6, 10) + 1):
                    h_tags = []
                    r = rng.random()
                    if r < 0.2:
                        h_tags.append("worst-hygiene")
                    if rng.random() < 0.06:
                        h_tags.append("monitored")
                    hh = Unit(f"{g_id}H{h:02d}", f"示例户{g_id}-{h:02d}", "household", g_id, tuple(h_tags))
                    units.append(hh)
                    households[v_id].append(hh)

    # people and bodies: plainly synthetic names
    mech = "example"
    leaders = [Actor(f"L{i}", f"示例县领导{i}", "leader", unit="C") for i in (1, 2)]
    actors.extend(leaders)
    for (t_id, _, _), leader in zip(TOWNS, (leaders[0], leaders[0], leaders[1]), strict=True):
        asg.append(Assignment(leader.id, "county-leader", t_id, mechanism=mech))
    depts = [Actor(f"D{i}", f"示例部门{i}", "department", unit="C") for i in range(1, 6)]
    actors.extend(depts)
    # 5 departments on 11 of the 12 villages: T3V4 is left without one, a gap the demo shows
    for i, village in enumerate(villages[:-1]):
        asg.append(Assignment(depts[i % len(depts)].id, "department", village.id, mechanism=mech))
    for i, village in enumerate(villages, start=1):
        cadre = Actor(f"TC{i:02d}", f"示例乡镇干部{i:02d}", "cadre", unit=village.parent)
        actors.append(cadre)
        if i == 1:
            # replaced mid-year: coverage on a date sees the hand-over
            asg.append(Assignment(cadre.id, "township-cadre", village.id, end=dt.date(YEAR, 6, 30), mechanism=mech))
            new = Actor("TC13", "示例乡镇干部13", "cadre", unit=village.parent)
            actors.append(new)
            asg.append(Assignment(new.id, "township-cadre", village.id, start=dt.date(YEAR, 7, 1), mechanism=mech))
        else:
            asg.append(Assignment(cadre.id, "township-cadre", village.id, mechanism=mech))
    vc = 0
    pm = 0
    for village in villages:
        groups = [u for u in units if u.parent == village.id and u.level == "group"]
        for g in groups:
            vc += 1
            a = Actor(f"VC{vc:02d}", f"示例村干部{vc:02d}", "village-cadre", unit=village.id)
            actors.append(a)
            asg.append(Assignment(a.id, "village-cadre", g.id, mechanism=mech))
        hhs = households[village.id]
        n_pm = -(-len(hhs) // 15)
        members = []
        for _ in range(n_pm):
            pm += 1
            members.append(Actor(f"PM{pm:03d}", f"示例党员{pm:03d}", "party-member", unit=village.id))
        actors.extend(members)
        for k, hh in enumerate(hhs):
            if village.id == "T2V3" and k >= len(hhs) - 4:
                continue  # four households with no party member: a household-level gap
            asg.append(Assignment(members[k % len(members)].id, "party-member", hh.id, mechanism=mech))

    # a year of records
    obs: list[Observation] = []
    for village in villages:
        total = len(households[village.id])
        cleaned = 0
        for m in range(1, 13):
            cleaned = min(total, cleaned + rng.randint(0, max(1, total // 5)))
            period = f"{YEAR}-{m:02d}"
            obs.append(Observation(village.id, "households-total", period, float(total)))
            value = None if (village.id == "T1V3" and m == 5) else float(cleaned)  # one missing report
            obs.append(Observation(village.id, "households-cleaned", period, value))
    visits: list[Visit] = []
    for a in asg:
        if a.role not in ("county-leader", "township-cadre"):
            continue
        for m in range(1, 13):
            start = dt.date(YEAR, m, 1)
            if (a.start and start < a.start.replace(day=1)) or (a.end and start > a.end):
                continue
            n = rng.choice((0, 1, 1, 2)) if a.role == "county-leader" else rng.choice((1, 2, 2, 3))
            for _ in range(n):
                visits.append(Visit(a.actor, a.unit, start.replace(day=rng.randint(1, 28)), a.role))
    visits.sort(key=lambda v: (v.date, v.actor, v.unit))
    problems: list[ProblemRecord] = []
    for i in range(1, 25):
        village = rng.choice(villages)
        found = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, 330))
        deadline = found + dt.timedelta(days=15)
        closed_after = rng.choice((5, 10, 14, 15, 16, 25, None))
        closed = found + dt.timedelta(days=closed_after) if closed_after is not None else None
        cadre = next(a.actor for a in asg if a.unit == village.id and a.role == "township-cadre" and a.active_on(found))
        category = "slow" if closed_after is not None and closed_after > 15 else None
        problems.append(ProblemRecord(f"P{i:03d}", village.id, found, f"示例问题{i:03d}：垃圾未清运",
                                      cadre, deadline, closed, category))
    points: list[PointsEntry] = []
    all_hh = [h for v in villages for h in households[v.id]]
    for hh in rng.sample(all_hh, 30):
        balance = 0
        for m in range(1, 13):
            if rng.random() < 0.5:
                points.append(PointsEntry(hh.id, dt.date(YEAR, m, 10), 5, "clean-yard"))
                balance += 5
            if balance >= 10 and rng.random() < 0.3:
                points.append(PointsEntry(hh.id, dt.date(YEAR, m, 20), -10, None, "兑换：洗衣粉"))
                balance -= 10
    structure = OrgStructure(tuple(units), tuple(actors), tuple(asg))
    return County(structure, tuple(obs), tuple(visits), tuple(problems), tuple(points))


@cache
def demo_county() -> County:
    """The demo county as shipped, read through the CSV loader."""
    from .county_io import load_county

    with as_file(files(__package__) / "demo") as folder:
        return load_county(folder)


if __name__ == "__main__":  # regenerate the shipped files
    from pathlib import Path

    from .county_io import write_county

    write_county(build_demo(), Path(__file__).parent / "demo", fmt="csv", overwrite=True)
