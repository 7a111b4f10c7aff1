"""The names a person reads in place of keys: roles, levels, actor kinds, indicators, rules and mechanisms.

Keys (``county-leader``, ``town``, ``party-member``) are for programs: JSON keeps them, and ``--keys`` puts them
back in a table or CSV for an analyst who joins on them. Everywhere else a person reads the name the mechanism
or the county gives, in the chosen language. One :class:`Names` per command, built from the mechanism and the
county's own level names (a county may call its towns 镇（街道）), so every table, CSV and chart of that command
names a thing the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from .labels import Label, Lang, _, p_
from .levels import DEFAULT_LEVELS, Level
from .mechanism import Mechanism

KIND_NAMES: Mapping[str, Label] = {
    "leader": _("leader"),
    "city-leader": _("city leader"),
    "department": _("department"),
    "city-department": _("city department"),
    "cadre": _("cadre"),
    "village-cadre": _("village cadre"),
    "resident-cadre": _("resident cadre"),
    "retired-cadre": _("retired cadre"),
    "party-member": _("party member"),
    "enterprise": _("enterprise"),
    "state-enterprise": _("state-owned enterprise"),
    "work-team": _("work team"),
    "team": _("team"),
    "build-team": _("building team"),
    "grid-worker": _("grid worker"),
    "inspector": _("inspector"),
    "water-manager": _("water manager"),
    "household": p_("kinds", "household"),
    "town": p_("kinds", "town"),
    "village": p_("kinds", "village"),
}
"""The actor kinds the built-in mechanisms select on, by name (a kind not listed shows its key)."""


def _by_key(items: Iterable[tuple[str, Label]]) -> dict[str, Label]:
    return {key: label for key, label in items}


@attrs.frozen
class Names:
    """Key → name for one command's output; with ``keys`` every lookup gives the key itself.

    A key the mechanism or county does not know is shown as written, never an error: output must not fail
    on a name.
    """

    roles: Mapping[str, Label] = attrs.field(factory=dict)
    levels: Mapping[str, Label] = attrs.field(factory=lambda: _by_key((lv.key, lv.label) for lv in DEFAULT_LEVELS))
    indicators: Mapping[str, Label] = attrs.field(factory=dict)
    rules: Mapping[str, Label] = attrs.field(factory=dict)
    mechanisms: Mapping[str, Label] = attrs.field(factory=dict)
    kinds: Mapping[str, Label] = KIND_NAMES
    keys: bool = False

    @classmethod
    def of(cls, mechanisms: Mechanism | Iterable[Mechanism] = (), levels: Iterable[Level] | None = None, *,
           keys: bool = False) -> Names:
        """The names of ``mechanisms``' roles, indicators and rules, and of the county's ``levels`` (default:
        county, town, village, group, household). With several mechanisms, the first to name a key wins."""
        mechs = (mechanisms,) if isinstance(mechanisms, Mechanism) else tuple(mechanisms)
        roles: dict[str, Label] = {}
        indicators: dict[str, Label] = {}
        rules: dict[str, Label] = {}
        for m in mechs:
            for r in m.roles:
                roles.setdefault(r.key, r.label)
            for ind in m.indicators:
                indicators.setdefault(ind.key, ind.label)
            for c in m.coverage_rules:
                rules.setdefault(c.key, c.label)
        level_names = _by_key((lv.key, lv.label) for lv in DEFAULT_LEVELS)
        if levels is not None:
            level_names.update((lv.key, lv.label) for lv in levels)
        return cls(roles=roles, levels=level_names, indicators=indicators, rules=rules,
                   mechanisms=_by_key((m.key, m.name) for m in mechs), keys=keys)

    def _name(self, table: Mapping[str, Label], key: str, lang: Lang) -> str:
        if self.keys:
            return key
        label = table.get(key)
        return label.get(lang) if label is not None and label.get(lang) else key

    def role(self, key: str, lang: Lang) -> str:
        return self._name(self.roles, key, lang)

    def level(self, key: str, lang: Lang) -> str:
        return self._name(self.levels, key, lang)

    def kind(self, key: str, lang: Lang) -> str:
        return self._name(self.kinds, key, lang)

    def indicator(self, key: str, lang: Lang) -> str:
        return self._name(self.indicators, key, lang)

    def rule(self, key: str, lang: Lang) -> str:
        return self._name(self.rules, key, lang)

    def mechanism(self, key: str, lang: Lang) -> str:
        return self._name(self.mechanisms, key, lang)

    def role_label(self, key: str) -> Label:
        """The role's name in both languages (a :class:`Label` for tables that pick the language later)."""
        return Label(key, key) if self.keys else self.roles.get(key, Label(key, key))

    def level_label(self, key: str) -> Label:
        return Label(key, key) if self.keys else self.levels.get(key, Label(key, key))
