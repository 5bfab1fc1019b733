"""The one writer of guides: consortium, chapters and sections, editions, reviews and
publication. Every function takes the acting user, checks the named rules predicate and
validates before it writes."""

from citypeers.guides.services.editions import (
    add_reviewer,
    comment_on_edition,
    cut_edition,
    decide_review,
    publish_edition,
    resolve_comment,
    withdraw_edition,
)
from citypeers.guides.services.writing import (
    add_block,
    add_chapter,
    add_section,
    answer_invitation,
    create_guide,
    invite_member,
    remove_block,
    save_section,
    update_guide,
)

__all__ = [
    "add_block",
    "add_chapter",
    "add_reviewer",
    "add_section",
    "answer_invitation",
    "comment_on_edition",
    "create_guide",
    "cut_edition",
    "decide_review",
    "invite_member",
    "publish_edition",
    "remove_block",
    "resolve_comment",
    "save_section",
    "update_guide",
    "withdraw_edition",
]
