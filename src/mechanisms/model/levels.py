"""The administrative levels a mechanism speaks of, top down: county > town > village > group > household.

A county may name them otherwise (区, 镇（街道）, 屯, 院落); the keys stay, so every mechanism can be applied to
every county.
"""

from __future__ import annotations

import attrs

from .labels import Label, _, p_


@attrs.frozen
class Level:
    """One administrative level; order comes from its position in ``OrgStructure.levels``."""

    key: str
    label: Label


DEFAULT_LEVELS: tuple[Level, ...] = (
    Level("county", p_("levels", "county")),
    Level("town", _("town")),
    Level("village", _("village")),
    Level("group", p_("levels", "group")),
    Level("household", _("household")),
)
