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
from .labels import Label, _
from .mechanism import Mechanism


def _dupes(keys: Iterable[str]) -> list[str]:
    return [k for k, n in Counter(keys).items() if n > 1]


def _at_least_1(value: object) -> Label:
    return _("must be at least 1, got {value}").format(value=value)


def _unknown_role(key: str | None) -> Label:
    return _("unknown role {key}").format(key=repr(key))


def _unknown_level(key: str | None) -> Label:
    return _("unknown level {key}").format(key=repr(key))


def _unknown_indicator(key: str | None) -> Label:
    return _("unknown indicator {key}").format(key=repr(key))


def _unknown_ranking(key: str | None) -> Label:
    return _("unknown ranking {key}").format(key=repr(key))


def _said(exc: FormulaError | KeyError) -> Label:
    """A formula's or a path's error in both languages (a ``KeyError`` of another kind: its English)."""
    label = getattr(exc, "label", None)
    if label is not None:
        return Label(label.zh, label.en)
    return Label("", str(exc.args[0] if exc.args else exc))


def check_mechanism(m: Mechanism, *, file: str | None = None) -> list[DataProblem]:
    """Every inconsistency of ``m``, each at its path: a message in Chinese and English (``p.text(lang)``;
    ``str(p)`` is the English), placed in ``file`` or, without one, in the mechanism itself."""
    where = file or _("mechanism {key}").format(key=m.key)
    out: list[DataProblem] = []

    def add(field: str, message: Label) -> None:
        out.append(DataProblem.of(where, None, field, message))

    if not m.key or not all(c.isalnum() or c in "-_." for c in m.key):
        add("key", _("key {key} must be non-empty letters, digits, '-', '_' or '.'").format(key=repr(m.key)))
    levels = [lv.key for lv in m.levels]
    for k in _dupes(levels):
        add("levels", _("level {key} declared twice").format(key=repr(k)))
    level_set = set(levels)
    for k in _dupes(r.key for r in m.roles):
        add("roles", _("role {key} declared twice").format(key=repr(k)))
    roles = {r.key: r for r in m.roles}
    for i, r in enumerate(m.roles):
        if r.level not in level_set:
            add(f"{at('roles', m.roles, i)}.level",
                _("role {role} is on unknown level {level}").format(role=repr(r.key), level=repr(r.level)))
        if r.min_per_unit < 1:
            add(f"{at('roles', m.roles, i)}.min_per_unit", _at_least_1(r.min_per_unit))
        if r.capacity is not None and r.capacity < 1:
            add(f"{at('roles', m.roles, i)}.capacity", _at_least_1(r.capacity))
        if r.capacity_households is not None and r.capacity_households < 1:
            add(f"{at('roles', m.roles, i)}.capacity_households", _at_least_1(r.capacity_households))
        if not r.actor_kinds:
            add(f"{at('roles', m.roles, i)}.actor_kinds",
                _("role {role} names no kind of actor who may hold it").format(role=repr(r.key)))
    for k in _dupes(c.key for c in m.coverage_rules):
        add("coverage_rules", _("rule {key} declared twice").format(key=repr(k)))
    for i, c in enumerate(m.coverage_rules):
        if c.role not in roles:
            add(f"{at('coverage_rules', m.coverage_rules, i)}.role", _unknown_role(c.role))
        if c.level not in level_set:
            add(f"{at('coverage_rules', m.coverage_rules, i)}.level", _unknown_level(c.level))
        elif c.role in roles and roles[c.role].level in level_set \
                and levels.index(c.level) < levels.index(roles[c.role].level):
            add(f"{at('coverage_rules', m.coverage_rules, i)}.level",
                _("rule is on {level}, above its role's level {role_level}: a role reaches only its own level and below")
                .format(level=c.level, role_level=roles[c.role].level))
        if c.min_actors < 1:
            add(f"{at('coverage_rules', m.coverage_rules, i)}.min_actors", _at_least_1(c.min_actors))
    if m.policy is not None:
        for i, s in enumerate(m.policy.rules):
            if s.role not in roles:
                add(f"{at('policy.rules', m.policy.rules, i)}.role", _unknown_role(s.role))
            elif roles[s.role].actor_kinds and s.actor_kind not in roles[s.role].actor_kinds:
                add(f"{at('policy.rules', m.policy.rules, i)}.actor_kind",
                    _("{kind} may not hold role {role}").format(kind=repr(s.actor_kind), role=repr(s.role)))
            if s.share is not None and not 0 < s.share <= 1:
                add(f"{at('policy.rules', m.policy.rules, i)}.share",
                    _("must be in (0, 1], got {value}").format(value=s.share))
            for name in ("per_unit", "households_per_actor", "units_per_actor"):
                v = getattr(s, name)
                if v is not None and v < 1:
                    add(f"{at('policy.rules', m.policy.rules, i)}.{name}", _at_least_1(v))
    indicators = {d.key for d in m.indicators}
    for k in _dupes(d.key for d in m.indicators):
        add("indicators", _("indicator {key} declared twice").format(key=repr(k)))
    for i, d in enumerate(m.indicators):
        if (d.numerator is None) != (d.denominator is None):
            add(f"{at('indicators', m.indicators, i)}", _("a formula indicator needs both numerator and denominator"))
        for part in ("numerator", "denominator"):
            ref = getattr(d, part)
            if ref is not None and ref not in indicators:
                add(f"{at('indicators', m.indicators, i)}.{part}", _unknown_indicator(ref))
        if d.level is not None and d.level not in level_set:
            add(f"{at('indicators', m.indicators, i)}.level", _unknown_level(d.level))
    if m.campaign is not None:
        camp = m.campaign
        if camp.end is not None and camp.end < camp.start:
            add("campaign.end",
                _("campaign ends {end} before it starts {start}").format(end=camp.end, start=camp.start))
        for i, p in enumerate(camp.phases):
            if p.end is not None and p.end < p.start:
                add(f"{at('campaign.phases', camp.phases, i)}.end",
                    _("phase {key} ends before it starts").format(key=repr(p.key)))
        for k in _dupes(t.key for t in camp.tasks):
            add("campaign.actions", _("task {key} declared twice").format(key=repr(k)))
        for ai, a in enumerate(camp.actions):
            for ti, t in enumerate(a.tasks):
                if t.owner_role is not None and t.owner_role not in roles:
                    add(f"{at(at('campaign.actions', camp.actions, ai) + '.tasks', a.tasks, ti)}.owner_role",
                        _unknown_role(t.owner_role))
                if t.cascade_level is not None and t.cascade_level not in level_set:
                    add(f"{at(at('campaign.actions', camp.actions, ai) + '.tasks', a.tasks, ti)}.cascade_level",
                        _unknown_level(t.cascade_level))
                for tgt in t.targets:
                    if tgt.indicator is not None and tgt.indicator not in indicators:
                        add(f"{at(at('campaign.actions', camp.actions, ai) + '.tasks', a.tasks, ti)}.targets",
                            _unknown_indicator(tgt.indicator))
        for i, ms in enumerate(camp.milestones):
            if ms.target.indicator is not None and ms.target.indicator not in indicators:
                add(f"{at('campaign.milestones', camp.milestones, i)}.target.indicator",
                    _unknown_indicator(ms.target.indicator))
        for i, rep in enumerate(camp.reporting):
            if rep.owner_role is not None and rep.owner_role not in roles:
                add(f"{at('campaign.reporting', camp.reporting, i)}.owner_role", _unknown_role(rep.owner_role))
    if m.scoring is not None:
        sc = m.scoring
        cards = {c.key for c in sc.scorecards}
        for i, card in enumerate(sc.scorecards):
            if card.level not in level_set:
                add(f"{at('scoring.scorecards', sc.scorecards, i)}.level", _unknown_level(card.level))
            for j, item in enumerate(card.items):
                if item.indicator not in indicators:
                    add(f"{at(at('scoring.scorecards', sc.scorecards, i) + '.items', card.items, j)}.indicator",
                        _unknown_indicator(item.indicator))
                if item.weight < 0:
                    add(f"{at(at('scoring.scorecards', sc.scorecards, i) + '.items', card.items, j)}.weight",
                        _("weight must not be negative"))
        rankings = {rk.key for rk in sc.rankings}
        for i, rk in enumerate(sc.rankings):
            if rk.scorecard not in cards:
                add(f"{at('scoring.rankings', sc.rankings, i)}.scorecard",
                    _("unknown scorecard {key}").format(key=repr(rk.scorecard)))
            for j, g in enumerate(rk.peer_groups):
                if g.level not in level_set:
                    add(f"{at(at('scoring.rankings', sc.rankings, i) + '.peer_groups', rk.peer_groups, j)}.level",
                        _unknown_level(g.level))
                elif g.within is not None and (g.within not in level_set or levels.index(g.within) >= levels.index(g.level)):
                    add(f"{at(at('scoring.rankings', sc.rankings, i) + '.peer_groups', rk.peer_groups, j)}.within",
                        _("{within} is not a level above {level}").format(within=repr(g.within), level=repr(g.level)))
        for i, ts in enumerate(sc.tier_schemes):
            if ts.ranking not in rankings:
                add(f"{at('scoring.tier_schemes', sc.tier_schemes, i)}.ranking", _unknown_ranking(ts.ranking))
            for j, tier in enumerate(ts.tiers):
                if ts.by == "threshold" and tier.min_score is None:
                    add(f"{at(at('scoring.tier_schemes', sc.tier_schemes, i) + '.tiers', ts.tiers, j)}.min_score",
                        _("a threshold tier needs min_score"))
                if ts.by == "rank" and tier.max_rank is None:
                    add(f"{at(at('scoring.tier_schemes', sc.tier_schemes, i) + '.tiers', ts.tiers, j)}.max_rank",
                        _("a rank tier needs max_rank"))
        for i, lr in enumerate(sc.lists):
            if lr.ranking not in rankings:
                add(f"{at('scoring.lists', sc.lists, i)}.ranking", _unknown_ranking(lr.ranking))
            if lr.n < 1 or lr.periods_running < 1:
                add(f"{at('scoring.lists', sc.lists, i)}", _("n and periods_running must be at least 1"))
    if m.reference is not None:
        known: set[str] = set()
        for k in _dupes(f.key for f in m.reference.figures):
            add("reference.figures", _("figure {key} declared twice").format(key=repr(k)))
        known.update(f.key for f in m.reference.figures)
        assumption_keys = {a.key for a in m.assumptions}
        for i, f in enumerate(m.reference.figures):
            st = f.staffed
            if st is None:
                continue
            where = f"{at('reference.figures', m.reference.figures, i)}.staffed"
            for role_key in st.roles:
                if role_key not in roles:
                    add(f"{where}.roles", _unknown_role(role_key))
            if st.level is not None and st.level not in level_set:
                add(f"{where}.level", _unknown_level(st.level))
            if st.explained_by is not None and st.explained_by not in assumption_keys:
                add(f"{where}.explained_by", _("unknown assumption {key}").format(key=repr(st.explained_by)))
        for i, dv in enumerate(m.reference.derived):
            try:
                missing = names(dv.formula) - known
            except FormulaError as exc:
                add(f"{at('reference.derived', m.reference.derived, i)}.formula", _said(exc))
                continue
            if missing:
                add(f"{at('reference.derived', m.reference.derived, i)}.formula",
                    _("unknown figure(s) {names}").format(names=", ".join(sorted(missing))))
            known.add(dv.key)
    data = unstructure(m) if m.assumptions else None  # once, not once per assumption (get_path's cost)
    for i, asm in enumerate(m.assumptions):
        try:
            current = walk(data, parse_path(asm.path), asm.path)
        except KeyError as exc:
            add(f"{at('assumptions', m.assumptions, i)}.path", _said(exc))
            continue
        if current != asm.value and not (isinstance(current, int | float) and isinstance(asm.value, int | float)
                                       and float(current) == float(asm.value)):
            add(f"{at('assumptions', m.assumptions, i)}.value",
                _("says {value} but the mechanism has {current} at {path}").format(
                    value=repr(asm.value), current=repr(current), path=asm.path))
    return out
