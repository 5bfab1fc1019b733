import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.integration

LOGIN = "/accounts/login/"


def _sign_in(client, email, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_login_with_email_redirects_to_dashboard(client, db):
    user = UserFactory(email="ann@example.org")

    response = _sign_in(client, "ann@example.org", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("web:dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_email_is_case_insensitive(client, db):
    UserFactory(email="ann@example.org")

    response = _sign_in(client, "  Ann@Example.ORG ", PASSWORD)

    assert response.status_code == 302


def test_login_wrong_password_shows_error(client, db):
    UserFactory(email="ann@example.org")

    response = _sign_in(client, "ann@example.org", "wrong password")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "That email address and password do not match an account."
    ]


def test_login_fifth_failure_locks_the_account_for_that_address(client, db):
    UserFactory(email="ann@example.org")

    statuses = [_sign_in(client, "ann@example.org", "nope").status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 200, 429]


def test_login_sixth_attempt_is_locked_even_with_the_right_password(client, db):
    UserFactory(email="ann@example.org")
    for _ in range(5):
        _sign_in(client, "ann@example.org", "nope")

    response = _sign_in(client, "ann@example.org", PASSWORD)

    assert response.status_code == 429
    assert "accounts/locked_out.html" in {t.name for t in response.templates}
    assert "_auth_user_id" not in client.session


def test_login_lockout_counts_differently_cased_emails_together(client, db):
    UserFactory(email="ann@example.org")
    for email in ["ann@example.org", "ANN@example.org", "Ann@Example.org", "ann@EXAMPLE.org"]:
        _sign_in(client, email, "nope")

    response = _sign_in(client, "aNN@example.org", "nope")

    assert response.status_code == 429


def test_login_lockout_does_not_block_another_address(client, db):
    UserFactory(email="ann@example.org")
    for _ in range(5):
        _sign_in(client, "ann@example.org", "nope", ip="10.0.0.1")

    response = _sign_in(client, "ann@example.org", PASSWORD, ip="10.0.0.2")

    assert response.status_code == 302


def test_logout_by_post_signs_out(user_client):
    response = user_client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in user_client.session


def test_logout_by_get_is_refused(user_client):
    response = user_client.get("/accounts/logout/")

    assert response.status_code == 405


def test_password_reset_emails_a_link_that_sets_a_new_password(client, db):
    user = UserFactory(email="ann@example.org")

    client.post("/accounts/password/reset/", {"email": "ANN@example.org"})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ann@example.org"]
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("a brand new passphrase") is True


def test_password_reset_for_unknown_email_sends_nothing_but_looks_the_same(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_spraying_ten_accounts_from_one_address_pauses_that_address(client, db):
    UserFactory(email="ann@example.org")
    sprayed = [f"person{n}@example.org" for n in range(10)]

    statuses = [
        _sign_in(client, email, "Summer2026!", ip="10.9.0.1").status_code for email in sprayed
    ]
    response = _sign_in(client, "ann@example.org", PASSWORD, ip="10.9.0.1")

    assert statuses == [200] * 9 + [429]
    assert response.status_code == 429
    assert response.context["request"].citypeers_login_paused_for_address is True
    assert "_auth_user_id" not in client.session


def test_spraying_from_one_address_does_not_pause_another(client, db):
    UserFactory(email="ann@example.org")
    for n in range(10):
        _sign_in(client, f"person{n}@example.org", "Summer2026!", ip="10.9.0.1")

    response = _sign_in(client, "ann@example.org", PASSWORD, ip="10.9.0.2")

    assert response.status_code == 302


def test_a_success_does_not_reset_the_address_count(client, db):
    UserFactory(email="own@example.org")
    for n in range(5):
        _sign_in(client, f"person{n}@example.org", "Summer2026!", ip="10.9.0.1")
    _sign_in(client, "own@example.org", PASSWORD, ip="10.9.0.1")
    client.logout()

    statuses = [
        _sign_in(client, f"other{n}@example.org", "Summer2026!", ip="10.9.0.1").status_code
        for n in range(5)
    ]

    assert statuses == [200, 200, 200, 200, 429]
