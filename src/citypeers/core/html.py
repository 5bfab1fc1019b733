"""User-written rich text: stored as Markdown, rendered to HTML and sanitised with nh3."""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "table", "thead", "tbody", "tr", "th", "td",
}


def render_markdown(text: str) -> SafeString:
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    # Safe because nh3 has just removed every tag and attribute outside the allow-list.
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener nofollow"))
