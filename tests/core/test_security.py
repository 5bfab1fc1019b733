"""Security bars: headers on every page, strict cookies, and the production deploy check."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def test_html_pages_carry_a_csp_with_a_nonce(client, db):
    response = client.get("/about/")

    script_src = _policy(response)["script-src"].split()
    nonce = re.search(r'<script nonce="([^"]+)"', response.content.decode()).group(1)
    assert script_src == ["'self'", f"'nonce-{nonce}'"]


def test_csp_nonce_changes_per_request(client, db):
    first = _policy(client.get("/about/"))["script-src"]
    second = _policy(client.get("/about/"))["script-src"]

    assert first != second


def test_csp_forbids_framing_inline_styles_and_plugins(client, db):
    policy = _policy(client.get("/about/"))

    assert (
        policy["frame-ancestors"],
        policy["style-src"],
        policy["object-src"],
        policy["base-uri"],
        policy["form-action"],
    ) == ("'none'", "'self'", "'none'", "'self'", "'self'")


def test_pages_refuse_framing_and_sniffing(client, db):
    response = client.get("/about/")

    assert (
        response["X-Frame-Options"],
        response["X-Content-Type-Options"],
        response["Referrer-Policy"],
    ) == ("DENY", "nosniff", "same-origin")


def test_session_cookie_is_httponly_and_samesite(client, db):
    UserFactory(email="ann@example.org")

    response = client.post(
        "/accounts/login/", {"username": "ann@example.org", "password": PASSWORD}
    )

    cookie = response.cookies["sessionid"]
    assert (cookie["httponly"], cookie["samesite"]) == (True, "Lax")


def test_csrf_cookie_is_samesite(client, db):
    response = client.get("/accounts/login/")

    assert response.cookies["csrftoken"]["samesite"] == "Lax"


def test_forms_need_a_csrf_token(db):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/accounts/login/", {"username": "a@b.org", "password": "x"})

    assert response.status_code == 403


def _production_env(tmp_path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CITYPEERS_", "DJANGO_"))
    }
    env.update(
        CITYPEERS_DEBUG="0",
        CITYPEERS_SECRET_KEY=secrets.token_urlsafe(50),
        CITYPEERS_ALLOWED_HOSTS="citypeers.example.org",
        CITYPEERS_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="citypeers.settings",
        PYTHONPATH=str(ROOT / "src"),
    )
    return env


@pytest.mark.slow
def test_deploy_check_passes_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "citypeers", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert (result.returncode, result.stderr.strip()) == (0, "")
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client()
secure = client.get("/healthz", secure=True, HTTP_HOST="citypeers.example.org")
plain = client.get("/healthz", HTTP_HOST="citypeers.example.org")
print(json.dumps({
    "hsts": secure.get("Strict-Transport-Security"),
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "debug": settings.DEBUG,
}))
"""


@pytest.mark.slow
def test_production_settings_send_hsts_and_redirect_to_https(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "hsts": "max-age=31536000; includeSubDomains; preload",
        "plain_status": 301,
        "plain_location": "https://citypeers.example.org/healthz",
        "session_secure": True,
        "csrf_secure": True,
        "debug": False,
    }


@pytest.mark.slow
def test_production_settings_refuse_to_start_without_a_secret(tmp_path):
    env = _production_env(tmp_path)
    # Empty, not unset: a development .env beside the checkout (`make setup`) would supply one.
    env["CITYPEERS_SECRET_KEY"] = ""

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "RuntimeError: CITYPEERS_SECRET_KEY must be set when CITYPEERS_DEBUG is off."
    )
