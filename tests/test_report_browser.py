"""The HTML report opens offline in a real browser and its charts draw.

Runs headless Chromium (Debian's `chromium`, which `make test` installs). Where no browser is
installed the test is skipped — except when MECHANISMS_BROWSER_TEST=required (CI), where a
missing browser is a failure.
"""

from __future__ import annotations

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


def _dom(browser: str, page: Path, profile: Path) -> str:
    out = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120, check=True)
    return out.stdout


@pytest.mark.parametrize("lang,simulate", [("zh", False), ("en", True)])
def test_comparison_report_draws_every_chart_offline(tmp_path: Path, lang: str, simulate: bool) -> None:
    browser = _browser()
    page = tmp_path / "report.html"
    r = CliRunner().invoke(main, ["report", "--county", "demo", "-o", str(page), "--lang", lang,
                                  *(["--simulate", "--runs", "3"] if simulate else [])])
    assert r.exit_code == 0, r.output
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html  # nothing fetched
    charts = len(re.findall(r'"type": ?"(?:bar|line|hist)"', html))
    assert charts >= 10
    # the simulation adds two charts: risks found within the deadline, and detection delays
    assert ("Detection delay (days)" in html) == simulate
    dom = _dom(browser, page, tmp_path / "profile")
    drawn = re.search(r'data-charts-drawn="(\d+)"', dom)
    errors = re.search(r'data-chart-errors="([^"]*)"', dom)
    assert drawn is not None and errors is not None, "the report's script did not run"
    assert errors.group(1) == ""
    assert int(drawn.group(1)) == charts
    assert dom.count("<svg") == charts
    assert dom.count("<rect") > 50
    title = "乡村振兴责任机制比较" if lang == "zh" else "Rural-revitalisation responsibility mechanisms compared"
    assert f"<h1 id=\"title\">{title}</h1>" in dom
