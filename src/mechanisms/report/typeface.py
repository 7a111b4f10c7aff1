"""The report's own Chinese typeface: a subset of Noto Sans CJK SC embedded in the HTML, so Chinese renders on a
machine with no CJK font.

Where the font comes from: ``fonts/NotoSansSC-GBK-Regular.otf`` beside this module, committed to the repository
(SIL Open Font License 1.1, ``fonts/OFL.txt``). It is Noto Sans CJK SC Regular cut down to ASCII, the Latin-1
letters, general punctuation and every character of GBK (the 21 000 hanzi a Chinese county's ledgers are written
in), about 5 MB; ``python -m mechanisms.report.typeface build`` remakes it from Debian's ``fonts-noto-cjk``. A report
embeds a second, much smaller subset of it: just the characters that report uses, as WOFF in base64.

Where a report uses a character the committed font lacks (a rare hanzi in a village's name), a full system copy of
Noto Sans CJK is used instead if the machine has one (``MECHANISMS_REPORT_FONT`` names another font file). Where no
font file is found at all the report is written without one and the browser's own fonts are used — with a warning.
"""

from __future__ import annotations

import base64
import io
import os
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import attrs

from ..model.labels import Label, _

FAMILY = "MechanismsCJK"
HERE = Path(__file__).parent
BUNDLED = HERE / "fonts" / "NotoSansSC-GBK-Regular.otf"
SYSTEM = (
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 2),  # Debian/Ubuntu fonts-noto-cjk, face SC
    (Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"), 2),  # Arch, Fedora
    (Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"), 2),
    (Path("/System/Library/Fonts/PingFang.ttc"), 0),
)


@attrs.frozen
class Embedded:
    """The @font-face rule to put in the page ("" when no font was found), and what to warn about."""

    css: str
    size: int
    source: str | None
    warnings: tuple[Label, ...] = ()


def _candidates() -> list[tuple[Path, int]]:
    named = os.environ.get("MECHANISMS_REPORT_FONT")
    out = [(Path(named), 0)] if named else []
    return [*out, (BUNDLED, 0), *SYSTEM]


def _load(path: Path, number: int) -> object:
    from fontTools.ttLib import TTFont

    return TTFont(str(path), fontNumber=number if path.suffix.lower() in (".ttc", ".otc") else -1, lazy=True)


def _cmap(font: object) -> set[int]:
    return set(font.getBestCmap() or {})  # type: ignore[attr-defined]


def needs_glyph(ch: str) -> bool:
    """Whether the font must hold the character (not a control or format character: spaces too, where the viewer
    has no font at all)."""
    return unicodedata.category(ch)[0] != "C"


def embed(text: str) -> Embedded:
    """A subset of the first font that has every character of ``text`` (else of the one that has most of them)."""
    wanted = {ord(ch) for ch in set(text) if needs_glyph(ch)}
    best: tuple[int, Path, int, object] | None = None
    for path, number in _candidates():
        if not path.is_file():
            continue
        try:
            font = _load(path, number)
        except Exception:
            continue
        have = len(wanted & _cmap(font))
        if best is None or have > best[0]:
            best = (have, path, number, font)
        if have == len(wanted):
            break
    if best is None:
        return Embedded("", 0, None, (_("no CJK font file found (mechanisms/report/fonts/ or fonts-noto-cjk): the report "
                                         "embeds no font and relies on the viewer's own fonts for Chinese"),))
    __, path, number, font = best
    missing = sorted(wanted - _cmap(font))
    data = subset(path, number, wanted)
    b64 = base64.b64encode(data).decode("ascii")
    css = (f"@font-face {{ font-family: \"{FAMILY}\"; font-style: normal; font-weight: 100 900; "
           f"src: url(data:font/woff;base64,{b64}) format(\"woff\"); }}")
    warnings: tuple[Label, ...] = ()
    if missing:
        shown = "".join(chr(c) for c in missing[:20])
        warnings = (_("the embedded font lacks {n} characters ({shown}): the viewer's own fonts draw them").format(
            n=len(missing), shown=shown),)
    return Embedded(css, len(data), str(path), warnings)


def subset(path: Path, number: int, codepoints: Iterable[int], *, flavor: str | None = "woff") -> bytes:
    """The font at ``path`` cut down to ``codepoints`` (hinting and layout tables that a report needs not dropped)."""
    from fontTools import subset as ftsubset

    options = ftsubset.Options()
    options.flavor = flavor
    options.hinting = False
    options.desubroutinize = False
    options.layout_features = ["kern"]  # horizontal Chinese text: no vertical or other-locale forms
    options.drop_tables += ["vhea", "vmtx", "VORG"]
    options.name_IDs = ["*"]  # keep the copyright and licence records: the OFL asks for them
    options.notdef_outline = True
    options.font_number = number
    font = ftsubset.load_font(str(path), options, dontLoadGlyphNames=True)
    sub = ftsubset.Subsetter(options)
    sub.populate(unicodes=list(codepoints))
    sub.subset(font)
    buf = io.BytesIO()
    ftsubset.save_font(font, buf, options)
    return buf.getvalue()


def gbk_codepoints() -> set[int]:
    """ASCII, Latin-1, general punctuation, CJK symbols, full-width forms and every character GBK encodes."""
    out = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | set(range(0x2000, 0x2070)) | set(range(0x3000, 0x3040))
    out |= set(range(0xFF00, 0xFFF0)) | {0x2190, 0x2191, 0x2192, 0x2193, 0x2212, 0x2264, 0x2265, 0x00D7, 0x00F7}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                ch = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            out.add(ord(ch))
    return out


def build(source: Path, number: int = 2, out: Path = BUNDLED) -> int:
    """Remake the committed font from a Noto Sans CJK collection (face 2 is SC); returns its size in bytes."""
    data = subset(source, number, gbk_codepoints(), flavor=None)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return len(data)


if __name__ == "__main__":  # python -m mechanisms.report.typeface build [SOURCE.ttc]
    if sys.argv[1:2] != ["build"]:
        sys.exit("usage: python -m mechanisms.report.typeface build [/usr/share/fonts/opentype/noto/"
                 "NotoSansCJK-Regular.ttc]")
    src = Path(sys.argv[2]) if len(sys.argv) > 2 else SYSTEM[0][0]
    print(f"{BUNDLED}: {build(src):,} bytes")
