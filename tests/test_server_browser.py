"""The dashboard in a real browser (Debian's chromium through Playwright): live updates without a reload."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from guarantor.server import Settings
from serverkit import NATO, Cast, incident, load_nato, populate, running, vote

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
G = f"/api/guarantees/{NATO}"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, httpx.Client, Cast]]:
    db = f"sqlite:///{tmp_path / 'g.db'}"
    cast = populate(db, tmp_path / "server.key")
    with running(Settings(db=db, key_file=cast.key, poll_seconds=0.1)) as base, httpx.Client(base_url=base) as client:
        load_nato(client, cast)
        yield base, client, cast


def test_observer_sees_cases_and_votes_arrive_live(served: tuple[str, httpx.Client, Cast], tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, client, cast = served
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1600})
            blocked: list[str] = []
            page.route("**/*", lambda route: _local_only(route, base, blocked))
            page.goto(f"{base}/login")
            page.fill("#token", cast.tokens["press"])
            page.click("button[type=submit]")
            page.goto(f"{base}/g/{NATO}")
            expect(page.locator("#open-cases")).to_have_text("0")
            expect(page.locator("#live-status")).to_have_text("live")

            # A monitor reports an incident: the case opens on the observer's page without a reload.
            r = client.post(f"{G}/incidents", json=incident("i1"), headers=cast.headers("mission"))
            assert r.status_code == 201
            case = page.locator("article.case").first
            expect(case).to_contain_text("art5/i1", timeout=10_000)
            expect(case).to_contain_text("case-opened")
            expect(page.locator("#incident-count")).to_have_text("1")

            # A party casts a signed vote: the tally moves.
            r = client.post(f"{G}/votes", json=vote(cast, "FRA"), headers=cast.headers("FRA"))
            assert r.status_code == 201
            expect(page.locator(".tally .yes").first).to_have_text("1", timeout=10_000)
            r = client.post(f"{G}/votes", json=vote(cast, "DEU"), headers=cast.headers("DEU"))
            expect(page.locator(".tally .yes").first).to_have_text("2", timeout=10_000)

            # The observer tries to vote from the page (with its session): refused, and the refusal shows.
            body = json.dumps(vote(cast, "USA"))
            status = page.evaluate(
                """async ([url, body]) => (await fetch(url, {method: "POST", body,
                    headers: {"Content-Type": "application/json", "X-Requested-With": "guarantor"}})).status""",
                [f"{G}/votes", body],
            )
            assert status == 403
            expect(page.locator(".refusals")).to_contain_text("press: vote_cast refused (E700", timeout=10_000)
            expect(page.locator(".tally .yes").first).to_have_text("2")

            shot = tmp_path / "dashboard.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            if os.environ.get("GUARANTOR_SCREENSHOT"):
                shutil.copy(shot, os.environ["GUARANTOR_SCREENSHOT"])
            assert blocked == [], f"the page tried to fetch from other sites: {blocked}"
        finally:
            browser.close()


def _local_only(route: object, base: str, blocked: list[str]) -> None:
    """Let requests to the test server through; record and abort anything else."""
    url: str = route.request.url  # type: ignore[attr-defined]
    if url.startswith(base):
        route.continue_()  # type: ignore[attr-defined]
    else:
        blocked.append(url)
        route.abort()  # type: ignore[attr-defined]
