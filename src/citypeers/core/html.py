"""User-written rich text: stored as Markdown, rendered to HTML and sanitised with nh3."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import nh3
from django.utils.safestring import SafeString, mark_safe

if TYPE_CHECKING:
    import markdown

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}

# Building a Markdown parser costs about a millisecond; keep one per thread and reset it.
_parsers = threading.local()


def _parser() -> markdown.Markdown:
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        import markdown  # noqa: PLC0415 - heavy import (its extensions too), only needed to render text

        parser = _parsers.parser = markdown.Markdown(extensions=["tables", "sane_lists"])
    return parser


def render_markdown(text: str) -> SafeString:
    if not text:
        return mark_safe("")
    html = _parser().reset().convert(text)
    # Safe because nh3 has just removed every tag and attribute outside the allow-list.
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener nofollow"))
