"""The HTML report opens offline in a real browser and its charts draw.

Runs headless Chromium (Debian's `chromium`, which `make test` installs). Where no browser is
installed the test is skipped — except when MECHANISMS_BROWSER_TEST=required (CI), where a
missing browser is a failure.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from mechanisms.cli import main

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("MECHANISMS_BROWSER_TEST") == "required":
        pytest.fail("no Chromium found, and MECHANISMS_BROWSER_TEST=required (make test installs Debian's chromium)")
    pytest.skip("no Chromium on this machine (make test installs it)")


def _dom(browser: str, page: Path, profile: Path, *extra: str, env: dict[str, str] | None = None) -> str:
    out = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=5000", *extra,
                          "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True,
                         env={**os.environ, **(env or {})})
    return out.stdout


def _report(tmp_path: Path, lang: str, simulate: bool) -> Path:
    page = tmp_path / "report.html"
    r = CliRunner().invoke(main, ["report", "--county", "demo", "-o", str(page), "--lang", lang,
                                  *(["--simulate", "--runs", "3"] if simulate else [])])
    assert r.exit_code == 0, r.output
    return page


def _charts(html: str) -> int:
    main_part = html[html.index("<main"):html.index("</main>")]
    return main_part.count('<svg class="chart"')


@pytest.mark.parametrize("lang,simulate", [("zh", False), ("en", True)])
def test_comparison_report_draws_every_chart_offline(tmp_path: Path, lang: str, simulate: bool) -> None:
    browser = _browser()
    page = _report(tmp_path, lang, simulate)
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html  # nothing fetched
    charts = _charts(html)
    assert charts >= 10
    # the simulation adds two charts: risks found within the deadline, and detection delays
    assert ("Detection delay (days)" in html) == simulate
    dom = _dom(browser, page, tmp_path / "profile")
    drawn = re.search(r'data-charts-drawn="(\d+)"', dom)
    errors = re.search(r'data-chart-errors="([^"]*)"', dom)
    assert drawn is not None and errors is not None and 'data-enhanced="1"' in dom, "the report's script did not run"
    assert errors.group(1) == ""
    assert int(drawn.group(1)) == charts
    assert dom.count("<rect") > 50
    title = "示例县乡村振兴责任机制比较" if lang == "zh" else "示例县: rural-revitalisation responsibility mechanisms compared"
    assert f"<h1 id=\"title\">{title}</h1>" in dom


def test_report_reads_with_javascript_off(tmp_path: Path) -> None:
    """The page's scripts blocked (a Content-Security-Policy of script-src 'none': Chromium's own switch to disable
    JavaScript also stops --dump-dom): the tables and charts are there all the same."""
    browser = _browser()
    page = _report(tmp_path, "zh", False)
    text = page.read_text(encoding="utf-8")
    charts = _charts(text)
    off = tmp_path / "off.html"
    off.write_text(text.replace("<head>", "<head><meta http-equiv=\"Content-Security-Policy\" "
                                          "content=\"script-src 'none'\">", 1), encoding="utf-8")
    dom = _dom(browser, off, tmp_path / "profile")
    assert 'data-enhanced="1"' not in dom and '<div class="tools">' not in dom  # the script did not run ...
    assert dom.count("<table>") == 3 and dom.count("<tr>") > 30  # ... and the tables are there
    assert dom.count('<svg class="chart"') == charts and dom.count("<rect") > 50  # ... and so are the charts
    assert '<h1 id="title">示例县乡村振兴责任机制比较</h1>' in dom


PROBE = """<script>
(function () {  // no label of a chart outside its drawing
  var clipped = [];
  document.querySelectorAll("svg.chart").forEach(function (svg) {
    var w = svg.viewBox.baseVal.width, h = svg.viewBox.baseVal.height;
    svg.querySelectorAll("text").forEach(function (t) {
      var b = t.getBBox();
      if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > w + 0.5 || b.y + b.height > h + 0.5) clipped.push(t.textContent);
    });
  });
  document.body.setAttribute("data-probe", JSON.stringify({clipped: clipped.length, first: clipped.slice(0, 3)}));
})();
</script>"""


def _no_fonts(tmp_path: Path) -> dict[str, str]:
    """A machine with no fonts at all: only a page's embedded font can draw."""
    (tmp_path / "empty").mkdir(exist_ok=True)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"<?xml version=\"1.0\"?><fontconfig><dir>{tmp_path / 'empty'}</dir>"
                    f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    return {"FONTCONFIG_FILE": str(conf)}


def _shot(browser: str, page: Path, profile: Path, env: dict[str, str]) -> bytes:
    png = page.with_suffix(".png")
    subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--hide-scrollbars",
                    "--window-size=600,120", f"--screenshot={png}", page.as_uri()], capture_output=True, timeout=120,
                   check=True, env={**os.environ, **env})
    return png.read_bytes()


def test_no_chart_label_is_clipped(tmp_path: Path) -> None:
    browser = _browser()
    page = _report(tmp_path, "zh", True)
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = _dom(browser, probe, tmp_path / "profile", env=_no_fonts(tmp_path))
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found is not None, "the probe did not run"
    result = json.loads(html.unescape(found.group(1)))
    assert result["clipped"] == 0, result


def test_chinese_renders_without_cjk_fonts(tmp_path: Path) -> None:
    """Screenshots on a machine with no fonts: the report's title line in its embedded font differs from the same
    line without the font (missing-glyph boxes) and from boxes drawn in the embedded font itself."""
    browser = _browser()
    report = _report(tmp_path, "zh", False).read_text(encoding="utf-8")
    face = re.search(r"@font-face \{[^}]*\}", report)
    assert face is not None
    env = _no_fonts(tmp_path)

    def page(name: str, css: str, text: str) -> bytes:
        p = tmp_path / f"{name}.html"
        p.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{css} body {{ margin: 0; "
                     f"font: 40px MechanismsCJK; }}</style></head><body>{text}</body></html>", encoding="utf-8")
        return _shot(browser, p, tmp_path / f"profile-{name}", env)

    title = "示例县乡村振兴"
    without = page("without", "", title)
    boxes = page("boxes", face.group(0), "\ue000" * len(title))
    assert without == page("without-again", "", title)  # screenshots are stable: equal pages give equal bytes
    # headless Chromium may take the screenshot before the embedded font has been decoded on a loaded machine (the
    # page then shows the same tofu as without it): up to three tries for the font to have been used
    shots = [page(f"own-{i}", face.group(0), title) for i in range(3)]
    assert any(own not in (without, boxes) for own in shots)


def test_report_prints_to_pdf(tmp_path: Path) -> None:
    _browser()
    out = tmp_path / "report.pdf"
    r = CliRunner().invoke(main, ["report", "example", "--county", "demo", "--pdf", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 10_000
