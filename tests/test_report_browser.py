"""The demo report in a real browser: Debian's Chromium through Playwright (``.ci/run`` installs it when missing).

`guarantor demo` writes the page; Chromium opens it from disk with networking off: no console errors, no
request other than the file itself, every figure visible; a screenshot is saved beside the page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guarantor.spec import load_library_spec

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="the browser test needs playwright (the dev extra)")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (.ci/run installs it)")


@pytest.fixture(scope="module")
def demo_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "demo.html"
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    proc = subprocess.run(
        [sys.executable, "-m", "guarantor", "demo", "--trials", "2000", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    return out, proc.stdout


def test_demo_prints_a_summary_and_where_the_file_is(demo_page: tuple[Path, str]) -> None:
    out, stdout = demo_page
    assert "guarantor check ukraine-coalition-2025: valid" in stdout
    assert out.resolve().as_uri() in stdout
    brief = stdout.split("IN BRIEF", 1)[1]
    for party in load_library_spec("ukraine-coalition-2025").parties:
        assert f"({party.id})" in brief
    assert "nato-1949" in brief or "budapest-1994" in brief


def test_demo_report_in_chromium(demo_page: tuple[Path, str]) -> None:
    out, _ = demo_page
    url = out.resolve().as_uri()
    console: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1600})
            page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url, wait_until="load")
            figures = page.locator("figure[data-figure]")
            count = figures.count()
            assert count == out.read_text(encoding="utf-8").count("<figure ") >= 7
            for i in range(count):
                fig = figures.nth(i)
                fig.scroll_into_view_if_needed()
                svg = fig.locator("svg")
                assert svg.is_visible(), fig.get_attribute("data-figure")
                box = svg.bounding_box()
                assert box is not None and box["width"] > 200 and box["height"] > 100, fig.get_attribute("data-figure")
                assert svg.get_attribute("role") == "img"
            page.evaluate("window.scrollTo(0, 0)")
            shot = out.with_suffix(".png")
            page.screenshot(path=str(shot), full_page=False)
        finally:
            browser.close()
    assert console == []
    assert requests == [url], "the page loads nothing but itself"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
