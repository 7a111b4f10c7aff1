"""Is a mechanism internally consistent? Used on every plugin and every TOML/YAML mechanism file.

Each problem names the path inside the mechanism in the one path syntax (``roles[key=cadre].level``) so the author of a
file can find it; the registry adds the plugin's name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..converter import unstructure
from ..errors import DataProblem
from ..paths import parse_path, walk
from .assumptions import item_path as at
from .formula import FormulaError, names
from .mechanism import Mechanism


def _dupes(keys: Iterable[str]) -> list[str]:
    return [k for k, n in Counter(keys).items() if n > 1]


def check_mechanism(m: Mechanism, *, file: str | None = None) -> list[DataProblem]:
    where = file or f"mechanism {m.key}"
    out: list[DataProblem] = []

    def add(field: str, message: str) -> None:
        out.append(DataProblem(where, None, field, message))

    if not m.key or not all(c.isalnum() or c in "-_." for c in m.key):
        add("key", f"key {m.key!r} must be non-empty letters, digits, '-', '_' or '.'")
    levels = [lv.key for lv in m.levels]
    for k in _dupes(levels):
        add("levels", f"level {k!r} declared twice")
    level_set = set(levels)
    for k in _dupes(r.key for r in m.roles):
        add("roles", f"role {k!r} declared twice")
    roles = {r.key: r for r in m.roles}
    for i, r in enumerate(m.roles):
        if r.level not in level_set:
            add(f"{at('roles', m.roles, i)}.level", f"role {r.key!r} is on unknown level {r.level!r}")
        if r.min_per_unit < 1:
            add(f"{at('roles', m.roles, i)}.min_per_unit", f"must be at least 1, got {r.min_per_unit}")
        if r.capacity is not None and r.capacity < 1:
            add(f"{at('roles', m.roles, i)}.capacity", f"must be at least 1, got {r.capacity}")
        if r.capacity_households is not None and r.capacity_households < 1:
            add(f"{at('roles', m.roles, i)}.capacity_households", f"must be at least 1, got {r.capacity_households}")
        if not r.actor_kinds:
            add(f"{at('roles', m.roles, i)}.actor_kinds", f"role {r.key!r} names no kind of actor who may hold it")
    for k in _dupes(c.key for c in m.coverage_rules):
        add("coverage_rules", f"rule {k!r} declared twice")
    for i, c in enumerate(m.coverage_rules):
        if c.role not in roles:
            add(f"{at('coverage_rules', m.coverage_rules, i)}.role", f"unknown role {c.role!r}")
        if c.level not in level_set:
            add(f"{at('coverage_rules', m.coverage_rules, i)}.level", f"unknown level {c.level!r}")
        elif c.role in roles and roles[c.role].level in level_set \
                and levels.index(c.level) < levels.index(roles[c.role].level):
            add(f"{at('coverage_rules', m.coverage_rules, i)}.level",
                f"rule is on {c.level}, above its role's level {roles[c.role].level}: "
                "a role reaches only its own level and below")
        if c.min_actors < 1:
            add(f"{at('coverage_rules', m.coverage_rules, i)}.min_actors", f"must be at least 1, got {c.min_actors}")
    if m.policy is not None:
        for i, s in enumerate(m.policy.rules):
            if s.role not in roles:
                add(f"{at('policy.rules', m.policy.rules, i)}.role", f"unknown role {s.role!r}")
            elif roles[s.role].actor_kinds and s.actor_kind not in roles[s.role].actor_kinds:
                add(f"{at('policy.rules', m.policy.rules, i)}.actor_kind", f"{s.actor_kind!r} may not hold role {s.role!r}")
            if s.share is not None and not 0 < s.share <= 1:
                add(f"{at('policy.rules', m.policy.rules, i)}.share", f"must be in (0, 1], got {s.share}")
            for name in ("per_unit", "households_per_actor", "units_per_actor"):
                v = getattr(s, name)
                if v is not None and v < 1:
                    add(f"{at('policy.rules', m.policy.rules, i)}.{name}", f"must be at least 1, got {v}")
    indicators = {d.key for d in m.indicators}
    for k in _dupes(d.key for d in m.indicators):
        add("indicators", f"indicator {k!r} declared twice")
    for i, d in enumerate(m.indicators):
        if (d.numerator is None) != (d.denominator is None):
            add(f"{at('indicators', m.indicators, i)}", "a formula indicator needs both numerator and denominator")
        for part in ("numerator", "denominator"):
            ref = getattr(d, part)
            if ref is not None and ref not in indicators:
                add(f"{at('indicators', m.indicators, i)}.{part}", f"unknown indicator {ref!r}")
        if d.level is not None and d.level not in level_set:
            add(f"{at('indicators', m.indicators, i)}.level", f"unknown level {d.level!r}")
    if m.campaign is not None:
        camp = m.campaign
        if camp.end is not None and camp.end < camp.start:
            add("campaign.end", f"campaign ends {camp.end} before it starts {camp.start}")
        for i, p in enumerate(camp.phases):
            if p.end is not None and p.end < p.start:
                add(f"{at('campaign.phases', camp.phases, i)}.end", f"phase {p.key!r} ends before it starts")
        for k in _dupes(t.key for t in camp.tasks):
            add("campaign.actions", f"task {k!r} declared twice")
        for ai, a in enumerate(camp.actions):
            for ti, t in enumerate(a.tasks):
                if t.owner_role is not None and t.owner_role not in roles:
                    add(f"{at(at('campaign.actions', camp.actions, ai) + '.tasks', a.tasks, ti)}.owner_role",
                        f"unknown role {t.owner_role!r}")
                if t.cascade_level is not None and t.cascade_level not in level_set:
                    add(f"{at(at('campaign.actions', camp.actions, ai) + '.tasks', a.tasks, ti)}.cascade_level",
                        f"unknown level {t.cascade_level!r}")
                for tgt in t.targets:
                    if tgt.indicator is not None and tgt.indicator not in indicators:
                        add(f"{at(at('campaign.actions', camp.actions, ai) + '.tasks', a.tasks, ti)}.targets",
                            f"unknown indicator {tgt.indicator!r}")
        for i, ms in enumerate(camp.milestones):
            if ms.target.indicator is not None and ms.target.indicator not in indicators:
                add(f"{at('campaign.milestones', camp.milestones, i)}.target.indicator",
                    f"unknown indicator {ms.target.indicator!r}")
        for i, rep in enumerate(camp.reporting):
            if rep.owner_role is not None and rep.owner_role not in roles:
                add(f"{at('campaign.reporting', camp.reporting, i)}.owner_role", f"unknown role {rep.owner_role!r}")
    if m.scoring is not None:
        sc = m.scoring
        cards = {c.key for c in sc.scorecards}
        for i, card in enumerate(sc.scorecards):
            if card.level not in level_set:
                add(f"{at('scoring.scorecards', sc.scorecards, i)}.level", f"unknown level {card.level!r}")
            for j, item in enumerate(card.items):
                if item.indicator not in indicators:
                    add(f"{at(at('scoring.scorecards', sc.scorecards, i) + '.items', card.items, j)}.indicator",
                        f"unknown indicator {item.indicator!r}")
                if item.weight < 0:
                    add(f"{at(at('scoring.scorecards', sc.scorecards, i) + '.items', card.items, j)}.weight",
                        "weight must not be negative")
        rankings = {rk.key for rk in sc.rankings}
        for i, rk in enumerate(sc.rankings):
            if rk.scorecard not in cards:
                add(f"{at('scoring.rankings', sc.rankings, i)}.scorecard", f"unknown scorecard {rk.scorecard!r}")
            for j, g in enumerate(rk.peer_groups):
                if g.level not in level_set:
                    add(f"{at(at('scoring.rankings', sc.rankings, i) + '.peer_groups', rk.peer_groups, j)}.level",
                        f"unknown level {g.level!r}")
                elif g.within is not None and (g.within not in level_set or levels.index(g.within) >= levels.index(g.level)):
                    add(f"{at(at('scoring.rankings', sc.rankings, i) + '.peer_groups', rk.peer_groups, j)}.within",
                        f"{g.within!r} is not a level above {g.level!r}")
        for i, ts in enumerate(sc.tier_schemes):
            if ts.ranking not in rankings:
                add(f"{at('scoring.tier_schemes', sc.tier_schemes, i)}.ranking", f"unknown ranking {ts.ranking!r}")
            for j, tier in enumerate(ts.tiers):
                if ts.by == "threshold" and tier.min_score is None:
                    add(f"{at(at('scoring.tier_schemes', sc.tier_schemes, i) + '.tiers', ts.tiers, j)}.min_score",
                        "a threshold tier needs min_score")
                if ts.by == "rank" and tier.max_rank is None:
                    add(f"{at(at('scoring.tier_schemes', sc.tier_schemes, i) + '.tiers', ts.tiers, j)}.max_rank",
                        "a rank tier needs max_rank")
        for i, lr in enumerate(sc.lists):
            if lr.ranking not in rankings:
                add(f"{at('scoring.lists', sc.lists, i)}.ranking", f"unknown ranking {lr.ranking!r}")
            if lr.n < 1 or lr.periods_running < 1:
                add(f"{at('scoring.lists', sc.lists, i)}", "n and periods_running must be at least 1")
    if m.reference is not None:
        known: set[str] = set()
        for k in _dupes(f.key for f in m.reference.figures):
            add("reference.figures", f"figure {k!r} declared twice")
        known.update(f.key for f in m.reference.figures)
        assumption_keys = {a.key for a in m.assumptions}
        for i, f in enumerate(m.reference.figures):
            st = f.staffed
            if st is None:
                continue
            where = f"{at('reference.figures', m.reference.figures, i)}.staffed"
            for role_key in st.roles:
                if role_key not in roles:
                    add(f"{where}.roles", f"unknown role {role_key!r}")
            if st.level is not None and st.level not in level_set:
                add(f"{where}.level", f"unknown level {st.level!r}")
            if st.explained_by is not None and st.explained_by not in assumption_keys:
                add(f"{where}.explained_by", f"unknown assumption {st.explained_by!r}")
        for i, dv in enumerate(m.reference.derived):
            try:
                missing = names(dv.formula) - known
            except FormulaError as exc:
                add(f"{at('reference.derived', m.reference.derived, i)}.formula", str(exc))
                continue
            if missing:
                add(f"{at('reference.derived', m.reference.derived, i)}.formula",
                    f"unknown figure(s) {', '.join(sorted(missing))}")
            known.add(dv.key)
    data = unstructure(m) if m.assumptions else None  # once, not once per assumption (get_path's cost)
    for i, asm in enumerate(m.assumptions):
        try:
            current = walk(data, parse_path(asm.path), asm.path)
        except KeyError as exc:
            add(f"{at('assumptions', m.assumptions, i)}.path", str(exc.args[0]))
            continue
        if current != asm.value and not (isinstance(current, int | float) and isinstance(asm.value, int | float)
                                       and float(current) == float(asm.value)):
            add(f"{at('assumptions', m.assumptions, i)}.value",
                f"says {asm.value!r} but the mechanism has {current!r} at {asm.path}")
    return out
