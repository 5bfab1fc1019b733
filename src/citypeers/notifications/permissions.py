"""Named permission predicates for notifications (django-rules). A notice is its recipient's."""

import rules


@rules.predicate
def is_recipient(user, notification) -> bool:
    if not getattr(user, "is_authenticated", False) or notification is None:
        return False
    return notification.user_id == user.pk


can_read_notification = is_recipient
