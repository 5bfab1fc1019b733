"""Check the digest email's HTML with axe-core in headless Chromium, and screenshot it.

Builds the digest of a demo city member from the development database (var/, after
`make setup`), renders the email exactly as it is sent (`digests.services.digest_message`),
loads its HTML part in Debian's Chromium, runs axe-core (from node_modules, WCAG 2 A and AA
rules) and prints every violation; exits 1 if there is one. Also writes the HTML, its text part
and screenshots at desktop and phone widths to var/screenshots/.

    .venv/bin/python tools/axe_email.py [--email boston-editor@demo.citypeers.example]
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypeers.settings")
os.environ.setdefault("CITYPEERS_DEBUG", "1")


def build_email(email: str):
    import django

    django.setup()
    from django.utils import timezone

    from citypeers.accounts.models import User
    from citypeers.digests import selectors
    from citypeers.digests.services import digest_message

    user = User.objects.get(email=email)
    cities = list(selectors.digest_cities_for_user(user))
    if not cities:
        raise SystemExit(f"{email} belongs to no city.")
    window = selectors.on_demand_window("monthly", now=timezone.now())
    digest = selectors.build_digest(cities[0], frequency="monthly", window=window)
    if not digest.items:
        raise SystemExit(f"{cities[0]} has nothing in its digest: nothing would be sent.")
    message = digest_message(digest, user)
    html = next(body for body, kind in message.alternatives if kind == "text/html")
    return message, html, len(digest.items)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--email", default="boston-editor@demo.citypeers.example")
    args = parser.parse_args()
    message, html, count = build_email(args.email)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "digest-email.html").write_text(html)
    (OUT / "digest-email.txt").write_text(message.body)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        violations = []
        for name, width in [("digest-email", 1024), ("digest-email-phone", 375)]:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.set_content(html)
            page.add_script_tag(content=AXE.read_text())
            result = page.evaluate(
                "axe.run(document, {runOnly: {type: 'tag', values: "
                "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            )
            violations.extend(result["violations"])
            page.screenshot(path=OUT / f"{name}.png", full_page=True)
            print(f"{name}: {OUT / f'{name}.png'} ({len(result['passes'])} rules passed)")
        browser.close()
    print(f"subject: {message.subject} ({count} items); headers: {sorted(message.extra_headers)}")
    if violations:
        print(json.dumps([(v["id"], v["help"], len(v["nodes"])) for v in violations], indent=1))
        return 1
    print("axe-core: no violations (WCAG 2.0/2.1 A and AA rules), at 1024 px and 375 px")
    return 0


if __name__ == "__main__":
    sys.exit(main())
