"""One way for an API handler to fetch the object a path names, or answer the JSON 404."""

from collections.abc import Callable
from typing import Any

from django.db.models import Manager, Model, QuerySet
from django.http import Http404
from ninja.errors import HttpError

__all__ = ["get_or_404"]


def get_or_404(
    source: type[Model] | Manager | QuerySet | Callable[..., Any],
    /,
    *args: Any,
    detail: str = "",
    **lookup: Any,
) -> Any:
    """The one object `source` gives, else `404 {"detail": detail}`.

    `source` is a model, a manager or a queryset (filtered by `lookup`; the default detail is
    "No such <model>."), or an access helper (`<noun>_for_user`, called with `args` and `lookup`;
    its Http404 becomes this answer, "Not found." by default). Give one `detail` for every way a
    lookup can fail, so that "missing" and "not yours" read the same.
    """
    if isinstance(source, type) and issubclass(source, Model):
        source = source._default_manager
    if isinstance(source, Manager | QuerySet):
        queryset = source.all()
        try:
            found = queryset.filter(**lookup).first()
        except (ValueError, TypeError):  # a key of the wrong type names nothing
            found = None
        if found is None:
            raise HttpError(404, detail or f"No such {queryset.model._meta.verbose_name}.")
        return found
    try:
        return source(*args, **lookup)
    except Http404:
        raise HttpError(404, detail or "Not found.") from None
