"""Accessible names, error summaries and contrast on the pages people use most."""

import re

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.integration


def test_home_search_button_keeps_a_name_when_its_text_is_hidden_on_phones(client, db):
    html = client.get(reverse("web:home")).content.decode()

    button = re.search(r'<form class="usa-search usa-search--big.*?</form>', html, re.S).group(0)
    assert re.findall(r'class="usa-search__submit-icon" alt="([^"]*)"', button) == ["Search"]


def test_failed_form_starts_with_a_focusable_error_summary_linking_each_field(client, db):
    client.force_login(UserFactory(is_network_organiser=True))

    response = client.post(reverse("workshops:webinar_create"), {"title": "Heat"})

    html = response.content.decode()
    summary = re.search(r'<div class="usa-alert usa-alert--error[^>]*>.*?</ul>', html, re.S)
    assert summary is not None
    assert 'tabindex="-1" data-error-summary' in summary.group(0)
    links = re.findall(r'<a href="#(id_[a-z_]+)">', summary.group(0))
    assert links == [f"id_{name}" for name, _ in response.context["form"].errors.items()]
    nonce = re.search(r'<script nonce="([^"]+)" src="/static/citypeers/js/error-summary', html)
    assert nonce is not None


def test_history_diff_colours_meet_aa_contrast_on_white():
    from pathlib import Path

    import citypeers

    css = (
        Path(citypeers.__file__).parent / "directory/static/directory/css/directory.css"
    ).read_text()

    colours = re.findall(r"\.cp-history-changes (?:ins|del) \{ color: (#[0-9a-f]{6})", css)
    assert [round(contrast_on_white(c), 1) for c in colours] == [7.0, 6.3]


def contrast_on_white(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)
