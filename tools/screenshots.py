"""Take headless-Chromium screenshots of the main pages, as a visitor and as a demo editor.

Usage: `make screenshots` (serves the site from var/ on a spare port). Needs Debian's chromium
and the `playwright` Python package (installed on demand; it drives /usr/bin/chromium and
downloads no browser).
"""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "screenshots"
PORT = int(os.environ.get("SCREENSHOT_PORT", "8077"))
BASE = f"http://127.0.0.1:{PORT}"
DEMO_EMAIL = os.environ.get("SCREENSHOT_EMAIL", "boston-editor@demo.citypeers.example")
DEMO_PASSWORD = os.environ.get("SCREENSHOT_PASSWORD", "demo-boston-editor-pass")

PUBLIC_PAGES = [
    ("home", "/"),
    ("directory", "/directory/?q=spring"),
    ("profile", "/directory/boston-ma/"),
    ("solutions", "/knowledge/solutions/"),
    ("search", "/search/?q=housing"),
    ("peers", "/peers/?city=boston-ma"),
    ("solution-replications", "/knowledge/solutions/demo-open-data-portal-for-city-sensor-data/"),
    # The third demo replication (Aurora, CO) on a freshly set-up site.
    ("replication", "/coalitions/replications/3/"),
    (
        "partnership-dashboard",
        "/coalitions/partnerships/national-smart-coalitions-partnership/dashboard/",
    ),
    # The first demo help request, published as a Q&A on a freshly set-up site.
    ("helpdesk-qa", "/help/qa/1/"),
    ("guide", "/guides/getting-residents-online-demo/"),
    ("guides", "/guides/"),
]
DEMO_GUIDE = "/guides/getting-residents-online-demo"
DEMO_CONVENING = "/convenings/peer-convening-in-new-orleans-demo"
SIGNED_IN_PAGES = [
    ("dashboard", "/dashboard/"),
    ("assessments", "/assessments/"),
    ("convening-delegation", f"{DEMO_CONVENING}/delegations/boston-ma/"),
    ("helpdesk", "/help/"),
    ("notifications", "/notifications/"),
    ("convening-timetable", f"{DEMO_CONVENING}/timetable/"),
    ("convening-agenda", f"{DEMO_CONVENING}/agenda/"),
    ("convening-proposals", f"{DEMO_CONVENING}/proposals/"),
    ("convening-networking", f"{DEMO_CONVENING}/networking/"),
    ("guide-draft", f"{DEMO_GUIDE}/draft/"),
    ("guide-review", f"{DEMO_GUIDE}/editions/1.1/"),
    # The demo guide's first section on a freshly set-up site: revision 4 is the author's edit.
    ("guide-revision", f"{DEMO_GUIDE}/sections/1/revisions/4/"),
]
ORGANISER_EMAIL = "organiser@demo.citypeers.example"
ORGANISER_PASSWORD = "demo-organiser-pass"
ORGANISER_PAGES = [
    ("convening-delegation-missing", f"{DEMO_CONVENING}/delegations/los-angeles-ca/"),
    ("convening-delegations", f"{DEMO_CONVENING}/delegations/"),
    ("convening-follow-up", f"{DEMO_CONVENING}/follow-up/"),
    ("helpdesk-queue", "/help/queue/?status=all"),
    ("helpdesk-routing", "/help/requests/2/"),
    ("network", "/network/"),
    # The first demo workshop session on a freshly set-up site (the confirmation, not the cancel).
    (
        "workshop-session-cancel",
        "/workshops/keeping-homes-affordable-housing-challenge-workshop-demo/sessions/1/cancel/",
    ),
]


def ensure_playwright():
    try:
        import playwright  # noqa: F401 - only checks that it is installed
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "playwright"], check=True)


def wait_for_server():
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("The server did not start.")


def main():
    ensure_playwright()
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "CITYPEERS_DEBUG": "1"}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/citypeers"), "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        env=env,
    )
    try:
        wait_for_server()
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, path in PUBLIC_PAGES:
                page.goto(BASE + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=OUT / f"{name}.png", full_page=True)
                print(f"{name}: {OUT / f'{name}.png'}")
            for email, password, pages in [
                (DEMO_EMAIL, DEMO_PASSWORD, SIGNED_IN_PAGES),
                (ORGANISER_EMAIL, ORGANISER_PASSWORD, ORGANISER_PAGES),
            ]:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(BASE + "/accounts/login/")
                page.fill("input[name=username]", email)
                page.fill("input[name=password]", password)
                with page.expect_navigation():
                    page.click("main form button[type=submit]")
                for name, path in pages:
                    page.goto(BASE + path)
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=OUT / f"{name}.png", full_page=True)
                    print(f"{name}: {OUT / f'{name}.png'}")
                context.close()
            browser.close()
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
