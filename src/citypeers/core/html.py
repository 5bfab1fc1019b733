"""User-written rich text: stored as Markdown, rendered to HTML and sanitised with nh3."""

import threading

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "table", "thead", "tbody", "tr", "th", "td",
}

# Building a Markdown parser costs about a millisecond; keep one per thread and reset it.
_parsers = threading.local()


def _parser() -> markdown.Markdown:
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = markdown.Markdown(extensions=["tables", "sane_lists"])
    return parser


def render_markdown(text: str) -> SafeString:
    if not text:
        return mark_safe("")
    html = _parser().reset().convert(text)
    # Safe because nh3 has just removed every tag and attribute outside the allow-list.
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener nofollow"))
