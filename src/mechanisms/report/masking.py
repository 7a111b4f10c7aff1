"""Personal data masked in every report unless asked for: household and person names, ID numbers."""

from __future__ import annotations

from ..model.safe_text import mask_person_name


def mask_name(name: str) -> str:
    """The surname kept, the rest masked: 张三 → 张*, 欧阳娜娜 → 欧阳**; an 18-digit ID number is masked
    (:func:`mechanisms.model.safe_text.mask_person_name`, the one masking of names in every output)."""
    return mask_person_name(name)
