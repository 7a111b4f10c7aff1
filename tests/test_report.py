"""The comparison report as people read it: the county's name, names beside ids, n/a with the reason, one language,
tables and charts in the HTML itself, hostile names harmless, the font embedded and the whole under 2 MB."""

from __future__ import annotations

import base64
import html as html_mod
import io
import json
import re
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from fontTools.ttLib import TTFont

from mechanisms import demo_county, load_catalog
from mechanisms.cli import main
from mechanisms.compare.comparison import MechanismColumn, Simulated, compare
from mechanisms.county.records import County
from mechanisms.model.labels import Lang
from mechanisms.report import typeface
from mechanisms.report.charts import text_width, wrap
from mechanisms.report.comparison_report import comparison_report
from mechanisms.report.html import render, render_html

HOSTILE = {"C": "<!--<script>县", "T1V1": "</script><b>村</b>", "T1V2": "[b]甲[/b]\x1b[31m\u202e乙", "T1": "=cmd|' /C calc'!A0"}


def _columns(county: County, keys: tuple[str, ...] = ("example", "louxing-three-duties")) -> tuple[MechanismColumn, ...]:
    catalog = load_catalog()
    return compare(county, [catalog.get(k) for k in keys])


@pytest.fixture(scope="module")
def demo_columns() -> tuple[MechanismColumn, ...]:
    return _columns(demo_county())


def _visible(page: str, *, ids: bool = True) -> str:
    if not ids:
        page = re.sub(r'<span class="id">[^<]*</span>', " ", page)
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<title>.*?</title>", " ", page, flags=re.S)
    return html_mod.unescape(re.sub(r"<[^>]+>", " ", page))


def _data(page: str) -> dict[str, object]:
    m = re.search(r'<script id="report-data" type="application/json">(.*?)</script>', page, re.S)
    assert m is not None
    return dict(json.loads(m.group(1)))


def test_title_names_the_county_not_the_file(demo_columns: tuple[MechanismColumn, ...]) -> None:
    page = render_html(comparison_report(demo_columns, demo_county(), "demo"), lang="zh")
    assert '<h1 id="title">示例县乡村振兴责任机制比较</h1>' in page and "<title>示例县乡村振兴责任机制比较</title>" in page
    en = render_html(comparison_report(demo_columns, demo_county(), "data/x.xlsx"), lang="en")
    assert '<h1 id="title">示例县: rural-revitalisation' in en and "data: data/x.xlsx" in en


def test_tables_and_charts_are_in_the_html(demo_columns: tuple[MechanismColumn, ...]) -> None:
    page = render_html(comparison_report(demo_columns, demo_county(), "demo"), lang="zh")
    main_part = page[page.index("<main"):page.index("</main>")]
    # the overview, the gaps by name, the single points of failure
    assert main_part.count("<table>") == 3 and main_part.count('<svg class="chart"') >= 6
    assert main_part.count("<rect") > 30 and "<polyline" in main_part
    assert "@media print" in page and "@page" in page


def test_zh_report_has_no_english_words(demo_columns: tuple[MechanismColumn, ...]) -> None:
    county = demo_county()
    page = render_html(comparison_report(demo_columns, county, "demo"), lang="zh")
    ids = {u.id for u in county.structure.units} | {a.id for a in county.structure.actors}
    # and the tags a role's scope asks for, named as the county's tags column carries them (a reason a role has
    # no unit says which tag no village has: what an office can check)
    tags = {t for c in demo_columns for role in load_catalog().get(c.key).roles
            for t in (*role.scope.tags_any, *role.scope.tags_all, *role.scope.tags_none)}
    words = set(re.findall(r"[A-Za-z][A-Za-z-]+", _visible(page, ids=False))) - ids - tags
    # the CLI's own names: the program, its commands and flags, and the file the data came from
    assert words <= {"mechanisms", "coverage", "score", "simulate", "show-personal", "demo", "PDF"}, words
    en = render_html(comparison_report(demo_columns, county, "demo"), lang="en")
    data_text = "".join(u.name for u in county.structure.units) + "".join(c.name.zh for c in demo_columns)
    chinese = {ch for ch in _visible(en) if "\u4e00" <= ch <= "\u9fff"} - set(data_text)
    assert not chinese, chinese


def test_roles_and_figures_that_do_not_apply_say_why(demo_columns: tuple[MechanismColumn, ...]) -> None:
    page = render_html(comparison_report(demo_columns, demo_county(), "demo"), lang="zh")
    text = _visible(page)
    assert "该机制没有奖励档次方案" in text  # louxing has no reward tiers
    # louxing's resident team: no village of the demo carries its tag, said in the words `coverage` prints
    assert "不适用：本县没有标签为 resident-team 的村（社区）" in text
    louxing = demo_columns[1]
    assert [(r.role, str(why.en) if why else None) for r, why in zip(louxing.coverage.roles, louxing.not_applicable,
                                                                    strict=True) if r.share is None] == [
        ("resident-team", "no village of the county has the tag resident-team"),
        ("resident-cadre", "no village of the county has the tag resident-team")]
    en_text = " ".join(_visible(render_html(comparison_report(demo_columns, demo_county(), "demo"), lang="en")).split())
    assert "n/a: no village of the county has the tag resident-team" in en_text  # a chart label wraps: one space
    # no visit duties: found in time is not applicable, not 0%
    quiet = attrs.evolve(demo_columns[0], visit_burden=0.0, visit_burden_by_role={},
                         simulated=Simulated(3, 0.0, None, None, None, 30))
    page = render_html(comparison_report((quiet,), demo_county(), "demo"), lang="zh")
    text = _visible(page)
    assert "该机制未规定走访职责" in text and 'class="val">0.0%' not in page
    en = _visible(render_html(comparison_report((quiet,), demo_county(), "demo"), lang="en"))
    assert "n/a" in en and "sets no visit duties" in en
    # a column built without its reasons gets the generic one, the level named as the county names it
    bare = attrs.evolve(louxing, not_applicable=())
    text = _visible(render_html(comparison_report((bare,), demo_county(), "demo"), lang="zh"))
    assert "不适用：本县没有该角色负责的村（社区）" in text and "负责的village" not in text


def _hostile_county() -> County:
    county = demo_county()
    units = tuple(attrs.evolve(u, name=HOSTILE[u.id]) if u.id in HOSTILE else u for u in county.structure.units)
    actors = tuple(attrs.evolve(a, name="</script>" + a.name) for a in county.structure.actors)
    return attrs.evolve(county, structure=attrs.evolve(county.structure, units=units, actors=actors))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_names_are_harmless_and_unchanged(lang: Lang) -> None:
    county = _hostile_county()
    page = render_html(comparison_report(_columns(county, ("example",)), county, "x", unmask=True), lang=lang)
    assert page.lower().count("<script") == 2 and page.lower().count("</script") == 2
    assert "<!--" not in page and "<b>" not in page and "\x1b" not in page and "\u202e" not in page
    data = _data(page)
    assert "<!--<script>县" in json.dumps(data, ensure_ascii=False)  # the data island keeps the names as they are
    text = _visible(page)
    assert "<!--<script>县" in text and "</script><b>村</b>" in text  # shown as text, in full
    assert "[b]甲[/b]\\x1b[31m\\u202e乙" in text  # control characters shown as escapes


def test_units_have_names_beside_ids(demo_columns: tuple[MechanismColumn, ...]) -> None:
    page = render_html(comparison_report(demo_columns, demo_county(), "demo"), lang="zh")
    # single points of failure: the actor's (masked) name with the id beside it
    assert re.search(r'<td>示\*+ <span class="id">L\d+</span></td>', page)
    # rankings: unit names with their ids
    cats = re.findall(r'class="cat">([^<]*)</text>', page)
    assert any(re.search(r"（T\dV\d+）", c) for c in cats) or "排名" not in page


def test_labels_wrap_instead_of_overflowing() -> None:
    long = "“十大提升行动”（巩固拓展脱贫攻坚成果同乡村振兴有效衔接）"
    lines = wrap(long, 200)
    assert "".join(lines) == long and all(text_width(line) <= 200 for line in lines)
    assert wrap("households per actor", 80) == ["households ", "per actor"] or all(
        text_width(x) <= 80 for x in wrap("households per actor", 80))


def test_font_subset_holds_every_character_and_report_is_small(demo_columns: tuple[MechanismColumn, ...]) -> None:
    rendered = render(comparison_report(demo_columns, demo_county(), "demo"), lang="zh")
    assert rendered.font.warnings == () and rendered.font.source == str(typeface.BUNDLED)
    m = re.search(r"base64,([A-Za-z0-9+/=]+)", rendered.html)
    assert m is not None
    font = TTFont(io.BytesIO(base64.b64decode(m.group(1))))
    cmap = set(font.getBestCmap())
    shown = {ord(ch) for ch in _visible(rendered.html) if typeface.needs_glyph(ch)}
    assert shown <= cmap, "".join(chr(c) for c in shown - cmap)
    assert len(cmap) < 2000  # a subset: just what the page uses
    assert len(rendered.html.encode()) < 2_000_000


def test_report_without_a_font_file_warns_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typeface, "BUNDLED", tmp_path / "missing.otf")
    monkeypatch.setattr(typeface, "SYSTEM", ())
    out = tmp_path / "r.html"
    r = CliRunner().invoke(main, ["report", "example", "--county", "demo", "-o", str(out)])
    assert r.exit_code == 0, r.output
    warnings = [line for line in r.stderr.splitlines() if line.startswith("警告")]
    assert len(warnings) == 1 and "字体" in warnings[0]
    assert "@font-face" not in out.read_text(encoding="utf-8")


def test_pdf_without_a_browser_exits_1_before_the_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MECHANISMS_CHROMIUM", "")
    r = CliRunner().invoke(main, ["report", "example", "--county", "demo", "--pdf", str(tmp_path / "r.pdf")])
    assert r.exit_code == 1 and "Chromium" in r.stderr and not (tmp_path / "r.pdf").exists()
    r = CliRunner().invoke(main, ["report", "example", "--county", "demo"])
    assert r.exit_code == 2
