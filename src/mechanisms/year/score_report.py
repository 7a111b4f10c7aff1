"""Scoring a county for one period, as a result object: the JSON document, the CSV rows and the tables a person
reads, so ``mechanisms score`` and a library user get the same figures.

It states each rule beside its figures (tie rule, normalisation, missing items), so any number can be checked
against the data by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from ..county.org import OrgStructure
from ..county.records import County
from ..errors import UsageError
from ..model.labels import Label, Lang, _
from ..model.mechanism import Mechanism
from ..model.names import Names
from ..model.periods import Period, finer
from ..model.rows import Block, Col, Rows, Say
from ..model.scoring import PeerGroup, Tier
from .scores import MISSING_RULE, NORMALISATIONS, TIE_RULES, PeriodScore, ScoringEngine, tier_rule_text
from .text import PER, RANK_ROWS, capped_rows, label_of, rank_value, rounded, unit_label

CSV_COLUMNS = ("scorecard", "ranking", "group", "rank", "of", "unit", "name", "score", "complete", "note", "tier",
               "reward")


@attrs.frozen
class ScoreReport:
    """Everything ``score`` shows for one period: ``doc`` is the ``--format json`` contract (the same in either
    language), ``csv_rows`` one row per scored unit, ``blocks`` the tables and lines of the terminal view."""

    mechanism: Mechanism
    period: Period
    doc: dict[str, Any]
    csv_rows: list[dict[str, Any]]
    blocks: list[Block]

    def to_json(self) -> dict[str, Any]:
        return self.doc

    @property
    def csv_cols(self) -> list[Col]:
        return [Col(k, Label(k, k)) for k in CSV_COLUMNS]

    def heading(self, lang: Lang) -> list[Block]:
        return [Say(f"{self.mechanism.name.get(lang)} [{self.mechanism.key}] — {self.period}"),
                Say(MISSING_RULE.get(lang))]


def _tier_cond(t: Tier, lang: Lang) -> str:
    parts = []
    if t.min_score is not None:
        parts.append(_("≥ {score}").format(score=f"{t.min_score:g}").get(lang))
    if t.max_rank is not None:
        parts.append(_("rank ≤ {rank}").format(rank=t.max_rank).get(lang))
    return " & ".join(parts)


def _score_note(ps: PeriodScore, lang: Lang) -> str:
    if ps.score is None:
        return _("no score (no data)").get(lang)
    notes = []
    if ps.missing_periods:
        missing = ps.missing_periods
        notes.append(_("missing {periods}").format(periods=Label(",".join(missing), ", ".join(missing))).get(lang))
    missing_items = sorted({i for part in ps.parts if part.score is not None for i in part.missing})
    if missing_items:
        notes.append(_("items missing: {items}").format(items=Label(",".join(missing_items), ", ".join(missing_items))).get(lang))
    if any(i.note == "partial" for part in ps.parts for i in part.items):
        notes.append(_("partly reported").get(lang))
    return ("；" if lang == "zh" else "; ").join(notes) + (_(" (incomplete)").get(lang) if notes else "")


def score_report(m: Mechanism, county: County, period: Period, *, only: str | None = None, lang: Lang = "zh",
                 show_personal: bool = False, keys: bool = False) -> ScoreReport:
    """Score ``county`` under ``m`` for ``period`` (every ranking, or ``only`` that one with its tiers and lists).

    ``lang``, ``show_personal`` and ``keys`` shape the rows a person reads (notes, household names masked unless
    asked; indicator, peer group and tier names, or their keys with ``keys``); the JSON document does not depend
    on them. The CSV's ``scorecard`` and ``ranking`` columns are keys always: they say which table a row is of.
    """
    engine = ScoringEngine(m, county)
    s = county.structure
    names = Names.of(m, s.levels, keys=keys)
    sc = engine.scoring
    rankings = [r for r in sc.rankings if only is None or r.key == only]
    if only is not None and not rankings:
        engine.ranking(only)  # raises the usage error naming the rankings there are
    cards_used = {r.scorecard for r in rankings}
    doc: dict[str, Any] = {"mechanism": m.key, "period": str(period), "missing_rule": label_of(MISSING_RULE),
                           "scorecards": [], "rankings": [], "tiers": [], "lists": [], "skipped": []}
    csv_rows: list[dict[str, Any]] = []
    blocks: list[Block] = []  # what a person reads, in order

    def skip(what: str, why: Label) -> None:
        doc["skipped"].append({"what": what, "why": label_of(why)})
        blocks.append(Say(f"{what}: {why.get(lang)}"))

    if not sc.scorecards:
        skip(m.key, _("the mechanism states no scorecards"))
    with_items = [c for c in sc.scorecards if c.items and (only is None or c.key in cards_used)]
    if with_items and all(finer(period.kind, c.period) for c in with_items):
        kinds = ", ".join(sorted({c.period for c in with_items}))
        raise UsageError(_("{mechanism}'s scorecards are scored per {kinds}; {period} is shorter than that").format(
            mechanism=m.key, kinds=kinds, period=period))
    for card in sc.scorecards:
        if only is not None and card.key not in cards_used:
            continue
        norm = [{"indicator": i.indicator, "weight": i.weight, "normalisation": i.normalisation,
                 "rule": label_of(NORMALISATIONS[i.normalisation])} for i in card.items]
        doc["scorecards"].append({"key": card.key, "label": label_of(card.label), "level": card.level, "period": card.period,
                                  "max_score": card.max_score, "items": norm})
        if not card.items:
            skip(card.key, _("the scorecard has no items (the source gives no weights)"))
            continue
        if finer(period.kind, card.period):
            skip(card.key, _("scored per {per}; cannot score {period}").format(per=_per(card.period), period=period))
            continue
        items = "；".join(f"{names.indicator(i.indicator, lang)}×{i.weight:g}（{NORMALISATIONS[i.normalisation].zh}）"
                         for i in card.items) \
            if lang == "zh" else "; ".join(f"{names.indicator(i.indicator, lang)} ×{i.weight:g} "
                                          f"({NORMALISATIONS[i.normalisation].en})" for i in card.items)
        blocks.append(Say(f"{card.label.get(lang)} [{card.key}]: {items}"
                          + _("; out of {score}").format(score=f"{card.max_score:g}").get(lang)))
        if card.key not in {r.scorecard for r in sc.rankings}:
            scores = engine.scores(card, period)
            rows = [{"unit": u, "name": unit_label(s, u, show_personal), "score": rounded(ps.score),
                     "note": _score_note(ps, lang)} for u, ps in scores.items()]
            doc["scorecards"][-1]["scores"] = [{"unit": u, "score": ps.score, "complete": ps.complete,
                                                "missing_periods": list(ps.missing_periods)} for u, ps in scores.items()]
            csv_rows.extend({"scorecard": card.key, "ranking": None, "group": None, "rank": None, "of": None,
                             "unit": r["unit"], "name": r["name"], "score": r["score"],
                             "complete": scores[str(r["unit"])].complete, "note": r["note"], "tier": None, "reward": None}
                            for r in rows)
            blocks.append(Rows(rows, [Col("unit", _("unit")), Col("name", _("name")),
                                              Col("score", _("score"), "right"), Col("note", _("note"))],
                              card.label, None))

    for ranking in rankings:
        card = engine.scorecard(ranking.scorecard)
        if not card.items or finer(period.kind, card.period):
            continue
        result = engine.rank(ranking, period)
        subs = period.split(card.period) if period.kind != card.period else ()
        schemes = [t for t in sc.tier_schemes if t.ranking == ranking.key]
        tier_results = [engine.tiers(t, period, result) for t in schemes]
        group_label = _group_names(ranking.peer_groups, s, keys=keys)
        rows = []
        for i, row in enumerate(result.rows):
            r: dict[str, Any] = {"group": group_label(row.group), "rank": rank_value(row.rank), "unit": row.unit,
                                 "name": unit_label(s, row.unit, show_personal), "score": rounded(row.score),
                                 "note": _score_note(row.detail, lang)}
            for part in row.detail.parts:
                r[f"p:{part.period}"] = rounded(part.score, 1)
            tiers = [tr.awards[i].tier for tr in tier_results]
            r["tier"] = [t.key if keys else t.label for t in tiers if t is not None] or None
            r["reward"] = float(sum(t.reward for t in tiers if t is not None)) if any(tiers) else None
            rows.append(r)
            csv_rows.append({"scorecard": card.key, "ranking": ranking.key, "group": group_label(row.group).get(lang),
                             "rank": rank_value(row.rank), "of": row.of, "unit": row.unit, "name": r["name"], "score": r["score"],
                             "complete": row.complete, "note": r["note"],
                             "tier": ";".join(t.key if keys else t.label.get(lang) for t in tiers if t is not None)
                             or None, "reward": r["reward"]})
        doc["rankings"].append({
            "key": ranking.key, "label": label_of(ranking.label), "scorecard": card.key, "period": str(period),
            "ranking_period": ranking.period, "ties": ranking.ties, "tie_rule": label_of(TIE_RULES[ranking.ties]),
            "rows": [{"group": row.group, "unit": row.unit, "score": row.score, "rank": rank_value(row.rank), "of": row.of,
                      "complete": row.complete, "missing_periods": list(row.detail.missing_periods),
                      "periods": {p.period: p.score for p in row.detail.parts},
                      "tiers": [aw.tier.key for aw in (tr.awards[i] for tr in tier_results) if aw.tier is not None]}
                     for i, row in enumerate(result.rows)],
            "ungrouped": list(result.ungrouped)})
        cols = [Col("group", _("peer group")), Col("rank", _("rank"), "right"), Col("unit", _("unit")),
                Col("name", _("name"))]
        cols += [Col(f"p:{p}", Label(str(p), str(p)), "right") for p in subs]
        cols += [Col("score", _("score"), "right")]
        if schemes:
            cols += [Col("tier", _("tier")), Col("reward", _("reward"), "right")]
        cols += [Col("note", _("note"))]
        caption = _("Ties: ").get(lang) + TIE_RULES[ranking.ties].get(lang)
        if ranking.period != period.kind:
            caption += _(". Published per {per}; computed here over {period}").format(
                per=_per(ranking.period), period=period).get(lang)
        if subs:
            caption += _(". Score = mean of the {per}ly scores").format(per=_per(card.period)).get(lang)
        if result.ungrouped:
            caption += _(". In no peer group: {names}").format(names=", ".join(result.ungrouped)).get(lang)
        rows, more = capped_rows(rows, lang, RANK_ROWS)
        if more:
            caption += _(". ").get(lang) + more
        blocks.append(Rows(rows, cols, _("{ranking} ({period})").format(ranking=ranking.label, period=period),
                          caption))
        for tr in tier_results:
            scheme = tr.scheme
            lines = [{"tier": ln.tier.key if keys else ln.tier.label, "rule": _tier_cond(ln.tier, lang),
                      "group": group_label(ln.tier.peer_group) if ln.tier.peer_group else None,
                      "count": ln.count, "reward": float(ln.tier.reward), "amount": float(ln.amount)} for ln in tr.lines]
            budget = tr.budget
            lines.append({"tier": _("total"), "count": sum(ln.count for ln in tr.lines),
                          "amount": float(sum(budget.values()))})
            doc["tiers"].append({"key": scheme.key, "label": label_of(scheme.label), "ranking": ranking.key, "by": scheme.by,
                                 "scheme_period": scheme.period, "rule": label_of(tier_rule_text(scheme)),
                                 "lines": [{"tier": ln.tier.key, "count": ln.count, "reward": ln.tier.reward,
                                            "currency": ln.tier.currency, "amount": ln.amount} for ln in tr.lines],
                                 "budget": budget})
            cap = tier_rule_text(scheme).get(lang)
            if scheme.period != period.kind:
                cap += _(". The scheme pays per {per}; computed here for {period}").format(
                    per=_per(scheme.period), period=period).get(lang)
            blocks.append(Rows(lines, [Col("tier", _("tier")), Col("rule", _("condition")),
                                               Col("group", _("group")), Col("count", _("units"), "right"),
                                               Col("reward", _("reward each"), "right"),
                                               Col("amount", _("amount"), "right")],
                              _("{scheme}: budget").format(scheme=scheme.label), cap))
        for rule in (lr for lr in sc.lists if lr.ranking == ranking.key):
            lres = engine.list_members(rule, period)
            colour = _("red list") if rule.colour == "red" else _("black list")
            end = _("top ").get(lang) if rule.colour == "red" else _("bottom ").get(lang)
            if rule.periods_running == 1:
                desc = _("{rule}: {end}{n} of the group in {period}").format(
                    rule=rule.label, end=end, n=rule.n, period=lres.periods[0]).get(lang)
            else:
                span = f"{lres.periods[0]}–{lres.periods[-1]}"
                desc = _("{rule}: {end}{n} of the group in each of {periods} periods {span}").format(
                    rule=rule.label, end=end, n=rule.n, periods=rule.periods_running, span=span).get(lang)
            entries = [{"group": group_label(e.group), "unit": e.unit,
                        "name": unit_label(s, e.unit, show_personal), "positions": list(e.positions)} for e in lres.entries]
            doc["lists"].append({"key": rule.key, "label": label_of(rule.label), "colour": rule.colour, "n": rule.n,
                                 "periods_running": rule.periods_running, "periods": list(lres.periods),
                                 "units": [{"unit": e.unit, "group": e.group, "positions": list(e.positions)}
                                           for e in lres.entries],
                                 "consequence": label_of(rule.consequence)})
            if entries:
                blocks.append(Rows(entries, [Col("group", _("group")), Col("unit", _("unit")),
                                                     Col("name", _("name")),
                                                     Col("positions", _("places"), "right")],
                                  rule.label if rule.label.zh == colour.zh else
                                  _("{colour}: {rule}").format(colour=colour, rule=rule.label),
                                  desc + _(" (ties at the cut-off all listed)").get(lang)))
            else:
                blocks.append(Say(desc + _(": none").get(lang)))
    return ScoreReport(m, period, doc, csv_rows, blocks)


def _group_names(groups: Sequence[PeerGroup], s: OrgStructure, *, keys: bool) -> Callable[[str], Label]:
    """A peer group's name from its key: the group's label, and for a group split ``within`` a higher level
    (``households@T1V1``) the name of the unit it is under, 农户（示例甲镇示例1村）; the key itself with ``keys``."""
    labels = {g.key: g.label for g in groups} or {"all": _("all")}

    def name(key: str) -> Label:
        base, __, above = key.partition("@")
        label = labels.get(base)
        if keys or label is None:
            return Label(key, key)
        if not above:
            return label
        unit = unit_label(s, above)
        return _("{indicator} ({unit})").format(indicator=label, unit=unit)
    return name


def _per(kind: str) -> Label:
    """A period kind as a sentence names it: 月 in Chinese, the key (month) in English."""
    return Label(PER[kind][0], kind)
