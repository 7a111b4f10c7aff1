"""Drawing a :class:`Report` as one HTML file: inline CSS, inline JavaScript, the data as JSON — nothing fetched.

Charts are drawn in the browser as SVG by a small script written for this report (no
library to vendor or download), so the file opens offline anywhere. When every chart has
drawn, the script sets ``data-charts-drawn`` on ``<body>``; the browser test reads it.
"""

from __future__ import annotations

import html
from importlib.resources import files
from typing import Any

import attrs

from ..io import strict_json
from ..model.labels import Label
from .document import BarChart, Histogram, LineChart, Report, Table, Text


def _label(label: Label | None) -> dict[str, str]:
    return {"zh": label.zh, "en": label.en} if label is not None else {"zh": "", "en": ""}


def _cell(value: Any) -> Any:
    if isinstance(value, Label):
        return _label(value)
    if isinstance(value, float):
        return round(value, 6)
    return value


def _block(block: Any) -> dict[str, Any]:
    if isinstance(block, Text):
        return {"type": "text", "body": _label(block.body)}
    if isinstance(block, Table):
        return {"type": "table", "title": _label(block.title), "columns": [_label(c) for c in block.columns],
                "rows": [[_cell(v) for v in row] for row in block.rows], "note": _label(block.note)}
    kind = {BarChart: "bar", LineChart: "line", Histogram: "hist"}[type(block)]
    out: dict[str, Any] = {"type": kind, "title": _label(block.title),
                           "series": [{"name": s.name, "values": list(s.values)} for s in block.series]}
    for field in attrs.fields(type(block)):
        if field.name in ("title", "series"):
            continue
        value = getattr(block, field.name)
        out[field.name] = _label(value) if isinstance(value, Label) else list(value) if isinstance(value, tuple) else value
    return out


def report_data(report: Report) -> dict[str, Any]:
    return {"title": _label(report.title), "subtitle": _label(report.subtitle), "footer": _label(report.footer),
            "sections": [{"title": _label(s.title), "blocks": [_block(b) for b in s.blocks]} for s in report.sections]}


def render_html(report: Report, *, lang: str = "zh") -> str:
    assets = files(__package__)
    css = (assets / "report.css").read_text(encoding="utf-8")
    js = (assets / "report.js").read_text(encoding="utf-8")
    # "</" inside a script would end it early; escape it in the JSON.
    data = strict_json.dumps(report_data(report), ensure_ascii=False).replace("</", "<\\/")
    title = html.escape(report.title.get("zh" if lang == "zh" else "en"))
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body data-lang="{lang}">
<header><h1 id="title"></h1><p id="subtitle"></p>
<div class="lang"><button data-set-lang="zh">中文</button><button data-set-lang="en">English</button></div></header>
<main id="report"></main>
<footer id="footer"></footer>
<script id="report-data" type="application/json">{data}</script>
<script>{js}</script>
</body>
</html>
"""
