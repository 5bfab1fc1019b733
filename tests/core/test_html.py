import pytest

from citypeers.core.html import render_markdown

pytestmark = pytest.mark.unit


def test_render_markdown_keeps_allowed_tags_and_drops_scripts():
    html = render_markdown("**Bold** <script>alert(1)</script>\n\n- one\n- two")

    assert html == "<p><strong>Bold</strong> </p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"


def test_render_markdown_does_not_carry_state_between_calls():
    render_markdown("Footnote-free text with a [link](https://example.org)")

    assert render_markdown("plain") == "<p>plain</p>"


def test_render_markdown_of_empty_text_is_empty():
    assert render_markdown("") == ""
