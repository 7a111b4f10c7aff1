"""Charts drawn on the server as inline SVG: readable with JavaScript off, printable, and laid out so no label is cut.

Every label's width is estimated from its characters (a CJK character one em, anything else at most 0.62 em, which
errs wide for the report's font), and the chart makes room for it: bar charts put categories on rows with a label
column as wide as the longest label (long labels wrap onto more lines), axes leave margins as wide as their tick
labels, and a histogram shows only as many bin edges as fit side by side.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from html import escape

from ..model.labels import Label, Lang
from .document import BarChart, Histogram, LineChart, NotApplicable, Ref, Value

COLOURS = ("#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d")
FONT = 12
W = 640
_WORD = re.compile(r"[^\s\u2e80-\uffff]+\s*|\s+|.")
Text = Callable[[str], str]
"""How data text reaches the page: control characters shown as escapes (see html.py)."""


def text_width(s: str, size: float = FONT) -> float:
    return sum(size if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.62 * size for ch in s)


def wrap(s: str, width: float, size: float = FONT) -> list[str]:
    """``s`` in lines no wider than ``width`` (broken between characters; a word of Latin letters kept whole
    where it fits)."""
    lines: list[str] = []
    line = ""
    for word in _words(s):
        if text_width(line + word, size) <= width or not line:
            line += word
            while text_width(line, size) > width and len(line) > 1:  # one word wider than the line: cut it
                cut = len(line)
                while cut > 1 and text_width(line[:cut], size) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        else:
            lines.append(line.rstrip())
            line = word.lstrip()
    if line:
        lines.append(line)
    return lines or [""]


def _words(s: str) -> list[str]:
    """Latin words (with the space after them) and single wide characters: the places a line may break."""
    return _WORD.findall(s)


def fmt(v: float | None, percent: bool = False) -> str:
    if v is None:
        return "—"
    if percent:
        return f"{100 * v:.1f}%"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{round(v, 2):g}"


def nice_max(v: float) -> float:
    if not v > 0:
        return 1.0
    p = 10 ** math.floor(math.log10(v))
    m = v / p
    return float((1 if m <= 1 else 2 if m <= 2 else 5 if m <= 5 else 10) * p)


def category_text(c: Label | Ref | str, lang: Lang) -> str:
    if isinstance(c, Label):
        return c.get(lang)
    if isinstance(c, Ref):
        name = c.name.get(lang) if isinstance(c.name, Label) else c.name
        return f"{name}（{c.id}）" if lang == "zh" else f"{name} ({c.id})"
    return c


def _t(x: float, y: float, s: str, clean: Text, *, anchor: str = "start", cls: str = "", extra: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{c}{extra}>{escape(clean(s))}</text>'


def _svg(height: float, title: str, body: list[str], clean: Text) -> str:
    return (f'<svg class="chart" viewBox="0 0 {W} {height:.0f}" width="{W}" height="{height:.0f}" role="img" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{escape(clean(title))}</title>{"".join(body)}</svg>')


def _scale(values: Sequence[Value], percent: bool) -> float:
    nums = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    return 1.0 if percent and max(nums, default=0) <= 1 else nice_max(max(nums, default=0.0))


def bar_chart(b: BarChart, lang: Lang, clean: Text) -> str:
    """Rows of bars: a label column on the left, one bar per series, the value at each bar's end; a value that does
    not apply reads "不适用：why" where its bar would be."""
    k = len(b.series)
    values = [v for s in b.series for v in s.values]
    top = _scale(values, b.percent)
    labels = [category_text(c, lang) for c in b.categories]
    label_w = min(max((text_width(clean(s)) for s in labels), default=40) + 10, W * 0.42)
    value_w = max((text_width(fmt(v if isinstance(v, float | int) else None, b.percent)) for v in values),
                  default=30) + 10
    x0, x1 = label_w, W - value_w
    bar_h, gap = 14, 10
    body: list[str] = []
    y = 8.0
    axis_top = y
    na_w = x1 - x0 + value_w - 6
    for ci, label in enumerate(labels):
        lines = wrap(clean(label), label_w - 10)
        rows: list[tuple[int, Value]] = [(si, s.values[ci]) for si, s in enumerate(b.series)]
        na_lines = {si: wrap(clean(v.get(lang)), na_w) for si, v in rows if isinstance(v, NotApplicable)}
        heights = [max(bar_h, 15 * len(na_lines[si])) if si in na_lines else bar_h for si, _ in rows]
        block = max(sum(heights), 15 * len(lines))
        ly = y + (block - 15 * len(lines)) / 2 + 11
        for i, line in enumerate(lines):
            body.append(_t(x0 - 8, ly + 15 * i, line, str, anchor="end", cls="cat"))
        by = y + (block - sum(heights)) / 2
        for (si, v), h in zip(rows, heights, strict=True):
            colour = COLOURS[si % len(COLOURS)]
            name = b.series[si].name.get(lang)
            if isinstance(v, NotApplicable):
                for i, line in enumerate(na_lines[si]):
                    body.append(_t(x0 + 4, by + 11 + 15 * i, line, str, cls="na"))
            elif v is None:
                body.append(_t(x0 + 4, by + 11, "—", str, cls="na"))
            else:
                w = (x1 - x0) * min(max(float(v), 0.0), top) / top
                tip = f"{name} · {label}: {fmt(float(v), b.percent)}"
                body.append(f'<rect x="{x0:.1f}" y="{by + 1:.1f}" width="{max(w, 0.5):.1f}" height="{bar_h - 2}" '
                            f'fill="{colour}"><title>{escape(clean(tip))}</title></rect>')
                body.append(_t(x0 + w + 4, by + 11, fmt(float(v), b.percent), str, cls="val"))
            by += h
        y += block + gap
    axis_y = y
    for i in range(5):
        x = x0 + (x1 - x0) * i / 4
        body.insert(0, f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{axis_top:.1f}" y2="{axis_y:.1f}" class="grid"/>')
        body.append(_t(x, axis_y + 14, fmt(top * i / 4, b.percent), str, anchor="middle" if i else "start"))
    y = axis_y + 20
    if b.y_label.get(lang):
        y += 14
        body.append(_t((x0 + x1) / 2, y, b.y_label.get(lang), clean, anchor="middle", cls="axis"))
    return _svg(y + 6, b.title.get(lang) if k else "", body, clean)


def _y_axis(top: float, percent: bool, x0: float, x1: float, y0: float, y1: float) -> list[str]:
    out = []
    for i in range(5):
        y = y1 - (y1 - y0) * i / 4
        out.append(f'<line x1="{x0:.1f}" x2="{x1:.1f}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        out.append(_t(x0 - 6, y + 4, fmt(top * i / 4, percent), str, anchor="end"))
    return out


def line_chart(b: LineChart, lang: Lang, clean: Text) -> str:
    values = [v for s in b.series for v in s.values]
    top = _scale(values, b.percent)
    ticks = [fmt(top * i / 4, b.percent) for i in range(5)]
    x0 = max(text_width(t) for t in ticks) + 14
    x1 = W - max(text_width(fmt(b.x[-1], b.percent)) / 2 + 8, 16)
    y_title = b.y_label.get(lang)
    y0, y1 = 30.0 if y_title else 12.0, 240.0
    body = _y_axis(top, b.percent, x0, x1, y0, y1)
    if y_title:
        body.append(_t(4, 14, y_title, clean, cls="axis"))
    lo, hi = min(b.x), max(b.x)

    def X(v: float) -> float:  # noqa: N802 - the axis
        return x0 + (x1 - x0) * ((v - lo) / (hi - lo) if hi > lo else 0.5)

    def Y(v: float) -> float:  # noqa: N802
        return y1 - (y1 - y0) * min(v, top) / top

    for x in b.x:
        body.append(_t(X(x), y1 + 16, fmt(x, b.percent), str, anchor="middle"))
    for si, s in enumerate(b.series):
        colour = COLOURS[si % len(COLOURS)]
        pts = [(X(x), Y(float(v))) for x, v in zip(b.x, s.values, strict=True)
               if isinstance(v, int | float)]
        body.append(f'<polyline points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in pts)}" fill="none" '
                    f'stroke="{colour}" stroke-width="2"/>')
        for (px, py), (x, v) in zip(pts, [(x, v) for x, v in zip(b.x, s.values, strict=True)
                                          if isinstance(v, int | float)], strict=True):
            tip = f"{s.name.get(lang)} · {fmt(x, b.percent)}: {fmt(float(v), b.percent)}"
            body.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}">'
                        f'<title>{escape(clean(tip))}</title></circle>')
    y = y1 + 22
    if b.x_label.get(lang):
        y += 14
        body.append(_t((x0 + x1) / 2, y, b.x_label.get(lang), clean, anchor="middle", cls="axis"))
    return _svg(y + 6, b.title.get(lang), body, clean)


def histogram(b: Histogram, lang: Lang, clean: Text) -> str:
    values: list[Value] = [v for s in b.series for v in s.values]
    top = _scale(values, False)
    ticks = [fmt(top * i / 4) for i in range(5)]
    x0 = max(text_width(t) for t in ticks) + 14
    x1 = W - max(text_width(fmt(b.bins[-1])) / 2 + 8, 16)
    y_title = b.y_label.get(lang)
    y0, y1 = 30.0 if y_title else 12.0, 240.0
    body = _y_axis(top, False, x0, x1, y0, y1)
    if y_title:
        body.append(_t(4, 14, y_title, clean, cls="axis"))
    nb, k = len(b.bins) - 1, max(len(b.series), 1)
    bw = (x1 - x0) / max(nb, 1)
    widest = max(text_width(fmt(e)) for e in b.bins) + 8
    every = max(1, math.ceil(widest / bw))
    for i in range(nb):
        for si, s in enumerate(b.series):
            v = s.values[i]
            n = float(v) if isinstance(v, int | float) else 0.0
            h = (y1 - y0) * n / top
            x = x0 + i * bw + si * bw / k
            tip = f"{s.name.get(lang)} [{fmt(b.bins[i])}, {fmt(b.bins[i + 1])}): {fmt(n)}"
            body.append(f'<rect x="{x:.1f}" y="{y1 - h:.1f}" width="{max(bw / k - 1, 1):.1f}" height="{h:.1f}" '
                        f'fill="{COLOURS[si % len(COLOURS)]}" fill-opacity="0.85"><title>{escape(clean(tip))}</title>'
                        '</rect>')
    for i, e in enumerate(b.bins):
        if i % every == 0 or i == nb:
            if i == nb and i % every and (nb - (nb // every) * every) * bw < widest:
                continue  # the last edge would overlap the one before it
            body.append(_t(x0 + i * bw, y1 + 16, fmt(e), str, anchor="middle"))
    y = y1 + 22
    if b.x_label.get(lang):
        y += 14
        body.append(_t((x0 + x1) / 2, y, b.x_label.get(lang), clean, anchor="middle", cls="axis"))
    return _svg(y + 6, b.title.get(lang), body, clean)
