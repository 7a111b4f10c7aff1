"""The shape of a county, as sizes: what a synthetic county is generated from.

A plugin states its reference county's shape (Linjiang: 13 towns and streets, 70 villages
and 22 communities, …) as a :class:`CountyShape`, so researchers can simulate on a county
calibrated to the published figures; anyone can give sizes of their own.
"""

from __future__ import annotations

import attrs

from .labels import Label


@attrs.frozen
class TagShare:
    """Tag ``count`` units (or a ``share`` of them) of ``level`` with ``tag``, chosen by seed.

    A household-level tag on a county generated without household rows tags whole groups
    instead, so that about that share of households lives in tagged groups.
    """

    level: str
    tag: str
    share: float | None = None
    count: int | None = None


@attrs.frozen
class CountyShape:
    """Sizes of a county: towns (the last ``streets`` of them are 街道), villages (``communities`` of them
    社区, placed in streets first), groups per village, households in all, and tags."""

    label: Label
    towns: int
    villages: int
    households: int
    streets: int = 0
    communities: int = 0
    groups_per_village: int = 5
    tags: tuple[TagShare, ...] = ()
    note: Label | None = None
