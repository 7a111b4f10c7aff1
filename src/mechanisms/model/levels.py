"""The administrative levels a mechanism speaks of, top down: county > town > village > group > household.

A county may name them otherwise (区, 镇（街道）, 屯, 院落); the keys stay, so every mechanism can be applied to
every county.
"""

from __future__ import annotations

import attrs

from .labels import Label


@attrs.frozen
class Level:
    """One administrative level; order comes from its position in ``OrgStructure.levels``."""

    key: str
    label: Label


DEFAULT_LEVELS: tuple[Level, ...] = (
    Level("county", Label("县（市、区）", "county")),
    Level("town", Label("乡镇（街道）", "town")),
    Level("village", Label("村（社区）", "village")),
    Level("group", Label("村民小组", "group")),
    Level("household", Label("农户", "household")),
)
