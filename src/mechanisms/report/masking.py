"""Personal data masked in every report unless asked for: household and person names, ID numbers."""

from __future__ import annotations

import re

_ID_NUMBER = re.compile(r"\b\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]\b")


def mask_name(name: str) -> str:
    """Keep the first character, mask the rest: 张三丰 → 张**; an 18-digit ID number is masked whole."""
    if _ID_NUMBER.search(name):
        return _ID_NUMBER.sub(lambda m: m.group(0)[:6] + "*" * 12, name)
    if len(name) <= 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)
