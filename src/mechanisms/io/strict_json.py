"""JSON that every parser accepts: no ``NaN`` or ``Infinity`` tokens.

Python's ``json`` writes float NaN and infinity as bare ``NaN``/``Infinity``, which are not
JSON: ``jq``, JavaScript's ``JSON.parse`` (the HTML report) and most other readers refuse the
whole document. Figures that are undefined (a mean over no values, a spread over one run)
become ``null``; an infinite value (a post never refilled) becomes the string ``"inf"``.
"""

from __future__ import annotations

import json
import math
from typing import Any


def finite(value: Any) -> Any:
    """``value`` with NaN replaced by ``None`` and ±infinity by ``"inf"``/``"-inf"``, through dicts, lists and tuples."""
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def dumps(doc: Any, **kwargs: Any) -> str:
    """:func:`json.dumps` of :func:`finite` ``(doc)``, refusing (rather than writing) anything non-standard."""
    return json.dumps(finite(doc), allow_nan=False, **kwargs)
