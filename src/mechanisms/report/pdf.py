"""A report as PDF, printed by headless Chromium from the HTML with its print stylesheet (A4)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import MechanismsError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions")


def find_browser() -> str | None:
    """Headless Chromium or Chrome: ``MECHANISMS_CHROMIUM`` if set (an empty value means none), else on PATH."""
    named = os.environ.get("MECHANISMS_CHROMIUM")
    if named is not None:
        return (shutil.which(named) or (named if Path(named).is_file() else None)) if named else None
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


class PdfError(MechanismsError):
    """No PDF could be made: no headless Chromium on this machine, or it failed."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.zh = zh

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang != "en" else str(self)


NO_BROWSER = PdfError(
    "--pdf needs headless Chromium or Chrome, and none is installed (Debian: apt-get install chromium; or set "
    "MECHANISMS_CHROMIUM); write the HTML with -o and print it from a browser instead",
    "--pdf 需要无界面的 Chromium 或 Chrome，本机未安装（Debian：apt-get install chromium，或设置 MECHANISMS_CHROMIUM）；"
    "也可以用 -o 写出 HTML，再在浏览器里打印")


def print_pdf(html: str, out: Path, browser: str, *, timeout: float = 180) -> None:
    """Write ``html`` as a PDF at ``out`` through ``browser`` (the page's own print stylesheet lays it out)."""
    with tempfile.TemporaryDirectory(prefix="mechanisms-pdf-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        target = Path(tmp) / "report.pdf"
        cmd = [browser, *FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}", "--no-pdf-header-footer",
               "--virtual-time-budget=5000", f"--print-to-pdf={target}", page.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise PdfError(f"{browser} could not print the PDF: {e}", f"{browser} 未能打印 PDF：{e}") from e
        if not target.is_file() or target.stat().st_size == 0:
            last = ((done.stderr or done.stdout).strip().splitlines() or [f"exit {done.returncode}"])[-1]
            raise PdfError(f"{browser} could not print the PDF: {last}", f"{browser} 未能打印 PDF：{last}")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(target), out)
