"""Text from a county's data made harmless for a terminal, and personal data masked.

Names come from ledgers: a village named ``[/]`` must not crash rich, ``[b]`` must not vanish, an escape sequence
must not repaint the screen, and an 18-digit ID number or a phone number in a problem's description must not be
printed unless the user asks with ``--show-personal``.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]")
_ID_NUMBER = re.compile(r"(?<![0-9])([1-9][0-9]{5})(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:[0-2][0-9]|3[01])[0-9]{3}"
                        r"([0-9Xx])(?![0-9])")
_PHONE = re.compile(r"(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])")


def terminal_safe(text: str) -> str:
    """``text`` with control, escape and bidi-override characters shown as ``\\x1b``-style escapes: nothing of the
    data can move the cursor, clear the screen or reorder what is printed, and its meaning stays readable."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                        text)


def mask_personal(text: str) -> str:
    """ID numbers (18 digits) and mobile numbers in free text masked: 110101********1234 → kept region and check
    digit, 138****5678 → kept prefix and last four."""
    text = _ID_NUMBER.sub(lambda m: f"{m.group(1)}{'*' * 11}{m.group(2)}", text)
    return _PHONE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)
