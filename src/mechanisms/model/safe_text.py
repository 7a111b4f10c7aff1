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


_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/?#@\s]*:)[^@/\s]+(@)", re.IGNORECASE)


def hide_passwords(text: str) -> str:
    """A database URL's password shown as ``***`` (``postgresql://office:***@host/county``), with or without
    ``--show-personal``: a store URL is printed back in messages and reports, and a shared county system's URL
    usually carries one."""
    return _URL_PASSWORD.sub(r"\1***\2", text)


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


COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "司空", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "澹台", "公羊", "闻人", "万俟",
    "赫连", "呼延", "申屠", "太史", "钟离", "宗政", "濮阳", "淳于", "单于", "百里", "东郭", "南门",
    "羊舌", "微生", "公冶", "梁丘", "左丘", "东门", "谷梁", "拓跋", "闾丘", "子车", "亓官", "司寇",
    "巫马", "乐正", "壤驷", "公良", "漆雕", "颛孙", "段干", "鲜于", "公西", "第五", "呼衍", "仲孙",
    "叔孙", "车正", "乌孙",
})
"""Two-character surnames (复姓) kept whole when a name is masked: 欧阳娜娜 → 欧阳**, not 欧***."""


def surname(name: str) -> str:
    """The surname of a Chinese personal name: a compound one (欧阳) where the name is longer than it, else the first
    character."""
    name = name.strip()
    return name[:2] if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else name[:1]


def mask_person_name(name: str) -> str:
    """A person's (or household's) name with the surname kept and the rest hidden, one ``*`` per hidden character
    up to two -- 张三 → 张*, 张三丰 → 张**, 欧阳娜娜 → 欧阳**, 司马相如 → 司马** -- so the length of a long name does
    not show; an 18-digit ID number or a phone number in it is masked as in free text; an empty name stays empty."""
    if not name.strip():
        return name
    if _ID_NUMBER.search(name) or _PHONE.search(name):
        return mask_personal(name)
    name = name.strip()
    kept = surname(name)
    return kept + "*" * max(1, min(2, len(name) - len(kept)))
