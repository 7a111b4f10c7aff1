"""The built-in demo county: synthetic, with plainly fake names, loadable as ``demo``.

The shipped CSV files under ``demo/`` are what :func:`build_demo` writes; a test keeps the
two equal, so the demo can be regenerated (``python -m mechanisms.io.demo``) and still
be read through the ordinary CSV loader like any county's files.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import cache
from pathlib import Path

from ..county.org import Actor, Assignment, OrgStructure, Unit
from ..county.records import DONE, County, Event, Observation, PointsEntry, ProblemRecord, Visit
from .demo_files import demo_folder

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
        for grp in groups:
            vc += 1
            a = Actor(f"VC{vc:02d}", f"示例村干部{vc:02d}", "village-cadre", unit=village.id)
            actors.append(a)
            asg.append(Assignment(a.id, "village-cadre", grp.id, mechanism=mech))
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
    for held in asg:
        if held.role not in ("county-leader", "township-cadre"):
            continue
        for m in range(1, 13):
            start = dt.date(YEAR, m, 1)
            if (held.start and start < held.start.replace(day=1)) or (held.end and start > held.end):
                continue
            n = rng.choice((0, 1, 1, 2)) if held.role == "county-leader" else rng.choice((1, 2, 2, 3))
            for _ in range(n):
                visits.append(Visit(held.actor, held.unit, start.replace(day=rng.randint(1, 28)), held.role))
    visits.sort(key=lambda v: (v.date, v.actor, v.unit))
    problems: list[ProblemRecord] = []
    for i in range(1, 25):
        village = rng.choice(villages)
        found = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, 330))
        deadline = found + dt.timedelta(days=15)
        closed_after = rng.choice((5, 10, 14, 15, 16, 25, None))
        closed = found + dt.timedelta(days=closed_after) if closed_after is not None else None
        cadre_id = next(a.actor for a in asg if a.unit == village.id and a.role == "township-cadre" and a.active_on(found))
        category = "slow" if closed_after is not None and closed_after > 15 else None
        problems.append(ProblemRecord(f"P{i:03d}", village.id, found, f"示例问题{i:03d}：垃圾未清运",
                                      cadre_id, deadline, closed, category))
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
    more_obs, more_visits, events = _year_records(units, villages, households, asg)
    obs.extend(more_obs)
    visits = sorted([*visits, *more_visits], key=lambda v: (v.date, v.actor, v.unit))
    structure = OrgStructure(tuple(units), tuple(actors), tuple(asg))
    return County(structure, tuple(obs), tuple(visits), tuple(problems), tuple(points), tuple(events))


def _score(rng: random.Random, base: float, spread: float = 6.0) -> float:
    return round(min(100.0, max(0.0, rng.gauss(base, spread))), 1)


def _year_records(units: list[Unit], villages: list[Unit], households: dict[str, list[Unit]],
                  asg: list[Assignment]) -> tuple[list[Observation], list[Visit], list[Event]]:
    """A year of records for the campaigns and scorecards of ``example`` and the five plugins: plainly synthetic.

    Each kind draws from its own seeded stream, so adding one never changes the others.
    Indicator and task keys are the plugins' own; figures are invented, not the sources'.
    """
    months = [f"{YEAR}-{m:02d}" for m in range(1, 13)]
    towns = [u for u in units if u.level == "town"]
    all_hh = [h for v in villages for h in households[v.id]]
    obs: list[Observation] = []
    rng = random.Random(SEED + 103)
    # monthly assessment scores (linjiang-five-bao); one village does not report in August
    for v in villages:
        base = rng.uniform(72, 94)
        for p in months:
            value = None if (v.id == "T2V3" and p == f"{YEAR}-08") else _score(rng, base, 4)
            obs.append(Observation(v.id, "village-assessment-score", p, value))
    for t in towns:
        base = rng.uniform(78, 93)
        obs.extend(Observation(t.id, "town-assessment-score", p, _score(rng, base, 3)) for p in months)
    # household scores: Linjiang's three guarantees, Dongxing's hygiene comparison, Changling's clean households
    for key in ("household-three-guarantee-score", "hygiene-score", "household-hygiene-score"):
        for h in all_hh:
            base = rng.uniform(65, 96)
            obs.extend(Observation(h.id, key, p, _score(rng, base, 5)) for p in months)
    # Dongxing: households started and finished, big courtyards (cumulative, per village)
    for v in villages:
        total = len(households[v.id])
        courtyards = rng.randint(0, 2)
        started = finished = done_yards = 0
        for m, p in enumerate(months, start=1):
            started = min(total, started + rng.randint(1, max(2, total // 4)))
            finished = min(started, finished + rng.randint(0, max(1, total // 6)))
            done_yards = min(courtyards, done_yards + (1 if m >= 6 and rng.random() < 0.25 else 0))
            obs += [Observation(v.id, "households-started", p, float(started)),
                    Observation(v.id, "households-finished", p, float(finished)),
                    Observation(v.id, "big-courtyards", p, float(courtyards)),
                    Observation(v.id, "big-courtyards-finished", p, float(done_yards))]
    # Changling: the model-village standard, once a year
    for v in villages:
        obs += [Observation(v.id, "nine-haves-met", str(YEAR), float(rng.randint(6, 9))),
                Observation(v.id, "six-have-nots-met", str(YEAR), float(rng.randint(4, 6)))]
    # Xunyi: year-end assessment of towns, quarterly project checks, village contests and resident teams
    for t in towns:
        obs.append(Observation(t.id, "ten-actions-assessment-score", str(YEAR), _score(rng, 85, 6)))
        for q in range(1, 5):
            for key in ("project-start-rate", "project-completion-rate", "reimbursement-rate"):
                obs.append(Observation(t.id, key, f"{YEAR}Q{q}", _score(rng, 60 + 9 * q, 5)))
    for v in villages:
        obs.append(Observation(v.id, "resident-team-score", str(YEAR), _score(rng, 84, 8)))
        obs.extend(Observation(v.id, "arena-contest-score", f"{YEAR}Q{q}", _score(rng, 80, 7)) for q in range(1, 5))
    # Xunyi: county fund expenditure (万元, cumulative) and houses rebuilt/accepted, monthly from March
    spent = {3: 600, 4: 1580, 5: 1900, 6: 2380, 7: 2900, 8: 3300, 9: 3800, 10: 4300, 11: 4700, 12: 5000}
    rebuilt = {3: 0, 4: 6, 5: 15, 6: 24, 7: 33, 8: 41, 9: 50, 10: 58, 11: 60, 12: 60}
    accepted = {3: 0, 4: 0, 5: 4, 6: 10, 7: 18, 8: 27, 9: 36, 10: 45, 11: 60, 12: 60}
    for m in range(3, 13):
        p = f"{YEAR}-{m:02d}"
        obs += [Observation("C", "fund-allocated", p, 5000.0), Observation("C", "fund-spent", p, float(spent[m])),
                Observation("C", "houses-rebuilt", p, float(rebuilt[m])),
                Observation("C", "houses-accepted", p, float(accepted[m]))]

    # milestones dated before 2024 (Changling 2022–23, Linjiang 2019, Louxing 2021): the figures on those dates
    rng = random.Random(SEED + 104)
    for v in villages:
        model = "model-village" in v.tags
        obs.append(Observation(v.id, "accepted-model-villages", "2022", 1.0 if model else 0.0))
        natural = rng.randint(2, 5)
        lanes = round(rng.uniform(3, 9), 1)
        obs += [Observation(v.id, "natural-villages", "2023-07", float(natural)),
                Observation(v.id, "natural-villages-hard-road", "2023-07", float(natural - (v.id == "T2V4"))),
                Observation(v.id, "main-lane-km", "2023-07", lanes),
                Observation(v.id, "main-lane-hardened-km", "2023-07", round(lanes * rng.uniform(0.8, 1.0), 1)),
                Observation(v.id, "courtyard-households", "2023-07", float(rng.randint(3, 12))),
                Observation(v.id, "clean-households", "2023-07", float(rng.randint(2, 9))),
                Observation(v.id, "published-items", "2021-10", float(rng.randint(600, 1500)))]
    for t, clean in zip(towns, (4, 3, 4), strict=False):
        obs += [Observation(t.id, "villages", "2019-07", float(VILLAGES_PER_TOWN)),
                Observation(t.id, "villages-clean", "2019-07", float(clean))]
    obs += [Observation("C", "tasks-decomposed", "2021-12", 37.0), Observation("C", "tasks-completed", "2021-12", 37.0)]

    # visits: village cadres weekly to their groups, party members two days a month
    visits: list[Visit] = []
    rng = random.Random(SEED + 101)
    first_monday = dt.date(YEAR, 1, 1) + dt.timedelta(days=(7 - dt.date(YEAR, 1, 1).weekday()) % 7)
    for a in asg:
        if a.role == "village-cadre":
            for w in range(52):
                if rng.random() < 0.9:
                    day = first_monday + dt.timedelta(weeks=w, days=rng.randint(0, 4))
                    if day.year == YEAR:
                        visits.append(Visit(a.actor, a.unit, day, a.role))
    homes: dict[str, list[str]] = {}
    for a in asg:
        if a.role == "party-member":
            homes.setdefault(a.actor, []).append(a.unit)
    for actor, hh in homes.items():
        for m in range(1, 13):
            for d in sorted(rng.sample(range(1, 29), rng.choice((1, 2, 2, 2, 3)))):
                for home in rng.sample(hh, min(len(hh), rng.randint(1, 3))):
                    visits.append(Visit(actor, home, dt.date(YEAR, m, d), "party-member", 1.0))

    # events: the example campaign's tasks done, and Xunyi's risk cases (clue → identified → entered)
    events: list[Event] = []
    rng = random.Random(SEED + 102)
    for v in villages:
        if v.id == "T2V4":
            continue  # never filed its plan
        events.append(Event(v.id, DONE, dt.date(YEAR, 3, 31) + dt.timedelta(days=rng.choice((-12, -6, -3, -1, 0, 2, 9))),
                            task="village-plan"))
    for m in range(3, 13):
        if m == 8:
            continue  # August's report never came: September's settles it, late
        events.append(Event("C", DONE, dt.date(YEAR, m, rng.choice((18, 22, 24, 25, 25, 27))), task="monthly-report"))
    watched = [h for h in all_hh if "monitored" in h.tags] or all_hh[:10]
    for i in range(1, 15):
        h = rng.choice(watched)
        case = f"R{i:03d}"
        clue = dt.date(YEAR, 3, 1) + dt.timedelta(days=rng.randint(0, 290))
        events.append(Event(h.id, "clue", clue, case))
        identified = clue + dt.timedelta(days=rng.choice((4, 8, 12, 15, 15, 17, 22)))
        if identified.year == YEAR and rng.random() < 0.9:
            events.append(Event(h.id, "identified", identified, case))
            entered = identified + dt.timedelta(days=rng.choice((2, 5, 9, 10, 12)))
            if entered.year == YEAR and rng.random() < 0.9:
                events.append(Event(h.id, "entered", entered, case))
    events.sort(key=lambda e: (e.date, e.subject or "", e.unit))
    return obs, visits, events


@cache
def demo_county() -> County:
    """The demo county as shipped, read through the CSV loader."""
    from .county_io import load_county

    with demo_folder() as folder:
        return load_county(folder)


if __name__ == "__main__":  # regenerate the shipped files
    from pathlib import Path

    from .county_io import write_county

    write_county(build_demo(), Path(__file__).parent / "demo", fmt="csv", overwrite=True)
