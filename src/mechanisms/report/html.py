"""Drawing a :class:`Report` as one HTML file in one language: tables and charts rendered on the server, nothing
fetched.

Everything a person reads is in the HTML itself — ``<table>`` elements and inline SVG charts — so the report reads
the same with JavaScript off, prints (a print stylesheet lays it out on A4) and becomes a PDF through headless
Chromium (:mod:`.pdf`). The small script only enhances: sortable tables and a print button; when it has run it
sets ``data-enhanced`` and ``data-charts-drawn`` on ``<body>`` (the browser test reads them). The figures are also
embedded as JSON (``#report-data``) for whoever wants to read them by machine; ``<``, ``>`` and ``&`` are escaped
there, so no data (a village named ``</script>`` or ``<!--<script>``) can end the script element early.

Text from the data is made harmless twice: HTML-escaped, and control, escape and bidi-override characters shown as
``\\x1b``-style escapes (their meaning stays readable, nothing can reorder the page's text). The page embeds a subset
of a CJK font holding just the characters it uses (:mod:`.typeface`), so Chinese renders without a CJK font.
"""

from __future__ import annotations

import re
from html import escape
from importlib.resources import files
from typing import Any

import attrs

from ..io import strict_json
from ..model.labels import Label, Lang
from ..model.safe_text import terminal_safe
from . import charts
from .document import BarChart, Block, Histogram, LineChart, NotApplicable, Ref, Report, Series, Table, Text
from .typeface import FAMILY, Embedded, embed

__all__ = ["Rendered", "render", "render_html", "report_data"]


def clean(s: str) -> str:
    """Data text as the page shows it: control and bidi characters as visible escapes (HTML escaping comes after)."""
    return terminal_safe(s)


def _label(label: Label | None) -> dict[str, Any]:
    if label is None:
        return {"zh": "", "en": ""}
    out: dict[str, Any] = {"zh": label.zh, "en": label.en}
    if isinstance(label, NotApplicable):
        out["not_applicable"] = True
        out["reason"] = {"zh": label.reason.zh, "en": label.reason.en}
    return out


def _cell(value: Any) -> Any:
    if isinstance(value, Label):
        return _label(value)
    if isinstance(value, Ref):
        return {"name": _cell(value.name), "id": value.id}
    if isinstance(value, float):
        return round(value, 6)
    return value


def _series(s: Series) -> dict[str, Any]:
    return {"name": _label(s.name), "values": [_cell(v) for v in s.values]}


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Text):
        return {"type": "text", "body": _label(block.body)}
    if isinstance(block, Table):
        return {"type": "table", "title": _label(block.title), "columns": [_label(c) for c in block.columns],
                "rows": [[_cell(v) for v in row] for row in block.rows], "note": _label(block.note)}
    kind = {BarChart: "bar", LineChart: "line", Histogram: "hist"}[type(block)]
    out: dict[str, Any] = {"type": kind, "title": _label(block.title), "series": [_series(s) for s in block.series]}
    for field in attrs.fields(type(block)):
        if field.name in ("title", "series"):
            continue
        value = getattr(block, field.name)
        out[field.name] = [_cell(v) for v in value] if isinstance(value, tuple) else _cell(value)
    return out


def report_data(report: Report) -> dict[str, Any]:
    return {"title": _label(report.title), "subtitle": _label(report.subtitle), "footer": _label(report.footer),
            "sections": [{"title": _label(s.title), "blocks": [_block(b) for b in s.blocks]} for s in report.sections]}


_UNSAFE_IN_SCRIPT = re.compile("[<>&\\x7f-\\x9f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff]")


def script_json(doc: Any) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>``, ``&``, the JavaScript line separators and C1, bidi and other
    format characters as \\u escapes (the values are unchanged: JSON reads them back)."""
    text = strict_json.dumps(doc, ensure_ascii=False)
    return _UNSAFE_IN_SCRIPT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _h(s: str) -> str:
    return escape(clean(s))


def _cell_html(value: Any, lang: Lang) -> str:
    if value is None:
        return '<td class="none">—</td>'
    if isinstance(value, NotApplicable):
        return (f'<td class="na"><span class="na-mark">{"不适用" if lang == "zh" else "n/a"}</span>'
                f'<span class="why">{_h(value.reason.get(lang))}</span></td>')
    if isinstance(value, Label):
        return f"<td>{_h(value.get(lang))}</td>"
    if isinstance(value, Ref):
        name = value.name.get(lang) if isinstance(value.name, Label) else value.name
        return f'<td>{_h(name)} <span class="id">{_h(value.id)}</span></td>'
    if isinstance(value, bool):
        return f"<td>{'是' if value and lang == 'zh' else '否' if lang == 'zh' else 'yes' if value else 'no'}</td>"
    if isinstance(value, int | float):
        return f'<td class="num">{charts.fmt(float(value)) if isinstance(value, float) else f"{value:,}"}</td>'
    text = str(value)
    num = text.replace(",", "").replace("%", "").replace(" ", "").replace(".", "", 1).lstrip("-").isdigit()
    cls = ' class="num"' if num else ""
    return f"<td{cls}>{_h(text)}</td>"


def _table(b: Table, lang: Lang) -> str:
    head = "".join(f'<th scope="col">{_h(c.get(lang))}</th>' for c in b.columns)
    rows = "".join("<tr>" + _cell_html(row[0], lang).replace("<td", '<th scope="row"', 1).replace("</td>", "</th>")
                   + "".join(_cell_html(v, lang) for v in row[1:]) + "</tr>" for row in b.rows)
    note = f'<p class="note">{_h(b.note.get(lang))}</p>' if b.note is not None and b.note.get(lang) else ""
    return (f'<figure class="card wide"><h3>{_h(b.title.get(lang))}</h3><div class="scroll"><table>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>{note}</figure>")


def _legend(series: tuple[Series, ...], lang: Lang) -> str:
    if len(series) < 2:
        return ""
    items = "".join(f'<li><i style="background:{charts.COLOURS[i % len(charts.COLOURS)]}"></i>{_h(s.name.get(lang))}</li>'
                    for i, s in enumerate(series))
    return f'<ul class="legend">{items}</ul>'


def _chart(b: BarChart | LineChart | Histogram, lang: Lang) -> str:
    if isinstance(b, BarChart):
        svg = charts.bar_chart(b, lang, clean)
        note = b.note
    elif isinstance(b, LineChart):
        svg, note = charts.line_chart(b, lang, clean), None
    else:
        svg, note = charts.histogram(b, lang, clean), None
    foot = f'<p class="note">{_h(note.get(lang))}</p>' if note is not None and note.get(lang) else ""
    return f'<figure class="card"><h3>{_h(b.title.get(lang))}</h3>{svg}{_legend(b.series, lang)}{foot}</figure>'


def _body(report: Report, lang: Lang) -> str:
    out = []
    for sec in report.sections:
        out.append(f"<section><h2>{_h(sec.title.get(lang))}</h2>")
        grid: list[str] = []
        for b in sec.blocks:
            if isinstance(b, Text):
                out.append(f"<p>{_h(b.body.get(lang))}</p>")
            elif isinstance(b, Table):
                grid.append(_table(b, lang))
            else:
                grid.append(_chart(b, lang))
        out.append(f'<div class="grid">{"".join(grid)}</div></section>')
    return "".join(out)


@attrs.frozen
class Rendered:
    html: str
    font: Embedded


def render(report: Report, *, lang: Lang = "zh", embed_font: bool = True) -> Rendered:
    """The report as one HTML page in ``lang``, with the embedded font (and what to warn about it)."""
    assets = files(__package__)
    css = (assets / "report.css").read_text(encoding="utf-8")
    js = (assets / "report.js").read_text(encoding="utf-8")
    title, subtitle = report.title.get(lang), report.subtitle.get(lang)
    footer = report.footer.get(lang) if report.footer is not None else ""
    main = _body(report, lang)
    page_text = "".join((title, subtitle, footer, main, "不适用打印打印／PDF 0123456789.,%—·（）：", js))
    font = embed(_visible_text(page_text)) if embed_font else Embedded("", 0, None)
    data = script_json(report_data(report))
    html = f"""<!DOCTYPE html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_h(title)}</title>
<style>{font.css}
:root {{ --font: "{FAMILY}"; }}
{css}</style>
</head>
<body data-lang="{lang}">
<header><h1 id="title">{_h(title)}</h1><p id="subtitle">{_h(subtitle)}</p></header>
<main id="report">{main}</main>
<footer id="footer">{_h(footer)}</footer>
<script id="report-data" type="application/json">{data}</script>
<script>{js}</script>
</body>
</html>
"""
    return Rendered(html, font)


def _visible_text(html: str) -> str:
    """The characters a page shows (markup's own ASCII is in the font anyway: ASCII is always embedded)."""
    import html as html_mod
    import re

    return html_mod.unescape(re.sub(r"<[^>]*>", "", html)) + "".join(chr(c) for c in range(0x20, 0x7F))


def render_html(report: Report, *, lang: Lang = "zh") -> str:
    return render(report, lang=lang).html
