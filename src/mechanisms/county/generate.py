"""Synthetic counties from sizes: deterministic from a seed, plainly fake names, any size.

Small counties get a row per household; large ones (the default above 200,000 households)
carry household counts on their groups instead, which every engine honours, so a province
of ten million households is tens of thousands of units rather than ten million objects.
"""

from __future__ import annotations

import numpy as np

from ..errors import UsageError
from ..model.labels import Label, _
from ..model.levels import DEFAULT_LEVELS
from ..model.shape import CountyShape, TagShare
from .org import OrgStructure, Unit

ROWS_UP_TO = 200_000


def _check(shape: CountyShape) -> None:
    problems: list[Label] = []
    if shape.towns < 1 or shape.villages < shape.towns:
        problems.append(_("need at least one town and a village per town (towns={towns}, villages={villages})").format(
            towns=shape.towns, villages=shape.villages))
    if not 0 <= shape.streets <= shape.towns:
        problems.append(_("streets={streets} must be between 0 and towns={towns}").format(
            streets=shape.streets, towns=shape.towns))
    if not 0 <= shape.communities <= shape.villages:
        problems.append(_("communities={communities} must be between 0 and villages={villages}").format(
            communities=shape.communities, villages=shape.villages))
    if shape.groups_per_village < 1 or shape.households < 0:
        problems.append(_("groups_per_village must be at least 1 and households not negative"))
    for t in shape.tags:
        if (t.share is None) == (t.count is None):
            problems.append(_("tag {tag}: give exactly one of share and count").format(tag=repr(t.tag)))
        elif t.share is not None and not 0 <= t.share <= 1:
            problems.append(_("tag {tag}: share {share} is not between 0 and 1").format(tag=repr(t.tag), share=t.share))
    if problems:
        raise UsageError(Label("；".join(p.get("zh") for p in problems), "; ".join(p.en for p in problems)))


def _pick(rng: np.random.Generator, n: int, t: TagShare) -> np.ndarray:
    k = t.count if t.count is not None else round((t.share or 0.0) * n)
    if k > n:
        raise UsageError(_("tag {tag}: {k} units asked for but the county has only {n} of level {level}").format(
            tag=repr(t.tag), k=k, n=n, level=repr(t.level)))
    return np.sort(rng.choice(n, size=k, replace=False)) if k else np.empty(0, dtype=np.int64)


def generate_structure(shape: CountyShape, *, seed: int = 0, household_rows: bool | None = None) -> OrgStructure:
    """A county of ``shape``'s sizes. ``household_rows`` defaults to rows up to 200,000 households."""
    _check(shape)
    rng = np.random.default_rng(seed)
    rows = shape.households <= ROWS_UP_TO if household_rows is None else household_rows
    units: list[Unit] = [Unit("C", "合成县", "county")]
    # towns: the last `streets` are streets
    town_tags = [("street",) if i >= shape.towns - shape.streets else () for i in range(shape.towns)]
    # villages spread as evenly as possible; communities go to streets first, then to the last towns
    per_town = np.full(shape.towns, shape.villages // shape.towns)
    per_town[: shape.villages % shape.towns] += 1
    village_town = np.repeat(np.arange(shape.towns), per_town)
    order = sorted(range(shape.villages), key=lambda v: (not town_tags[village_town[v]], -village_town[v], v))
    community = np.zeros(shape.villages, dtype=bool)
    community[order[: shape.communities]] = True
    n_groups = shape.villages * shape.groups_per_village
    # households over groups: each group gets its share of a multinomial draw
    hh_per_group = rng.multinomial(shape.households, np.full(n_groups, 1 / n_groups)) if n_groups else np.zeros(0, int)
    level_tags: dict[str, dict[int, list[str]]] = {"town": {}, "village": {}, "group": {}, "household": {}}
    for t in shape.tags:
        if t.level not in level_tags:
            raise UsageError(_("tag {tag}: level {level} must be town, village, group or household").format(
                tag=repr(t.tag), level=repr(t.level)))
        if t.level == "household" and not rows:
            # whole groups stand in for the tagged households
            chosen = _pick(rng, n_groups, TagShare("group", t.tag, t.share, t.count and round(t.count / max(
                1, shape.households) * n_groups)))
            for i in chosen.tolist():
                level_tags["group"].setdefault(i, []).append(t.tag)
            continue
        n = {"town": shape.towns, "village": shape.villages, "group": n_groups, "household": shape.households}[t.level]
        for i in _pick(rng, n, t).tolist():
            level_tags[t.level].setdefault(i, []).append(t.tag)
    for ti in range(shape.towns):
        kind = "街道" if town_tags[ti] else "镇"
        tags = (*town_tags[ti], *level_tags["town"].get(ti, ()))
        units.append(Unit(f"T{ti + 1:03d}", f"合成{ti + 1:03d}{kind}", "town", "C", tags))
    hh_index = 0
    for vi in range(shape.villages):
        town = f"T{village_town[vi] + 1:03d}"
        v_id = f"{town}V{vi + 1:05d}"
        kind = "社区" if community[vi] else "村"
        tags = (*(("community",) if community[vi] else ()), *level_tags["village"].get(vi, ()))
        units.append(Unit(v_id, f"合成{vi + 1:05d}{kind}", "village", town, tags))
        for gj in range(shape.groups_per_village):
            gi = vi * shape.groups_per_village + gj
            g_id = f"{v_id}G{gj + 1:02d}"
            count = int(hh_per_group[gi])
            g_tags = tuple(level_tags["group"].get(gi, ()))
            units.append(Unit(g_id, f"合成{vi + 1:05d}{kind}{gj + 1}组", "group", v_id, g_tags,
                              None if rows else count))
            if rows:
                for h in range(count):
                    units.append(Unit(f"{g_id}H{h + 1:03d}", f"合成户{hh_index + 1:07d}", "household", g_id,
                                      tuple(level_tags["household"].get(hh_index, ()))))
                    hh_index += 1
    return OrgStructure(units=tuple(units), levels=DEFAULT_LEVELS)
