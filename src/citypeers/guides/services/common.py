from django.core.exceptions import PermissionDenied


def require(predicate, actor, obj=None, *, message: str) -> None:
    """Refuse with `message` unless the named predicate allows the actor (None: setup)."""
    if actor is None:
        return
    allowed = predicate(actor) if obj is None else predicate(actor, obj)
    if not allowed:
        raise PermissionDenied(message)
