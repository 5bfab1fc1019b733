"""Small helpers every app's services share."""

from django.db.models import Model, QuerySet
from django.utils.text import slugify


def unique_slug(
    rows: type[Model] | QuerySet,
    text: str,
    *,
    max_length: int = 100,
    reserved: frozenset[str] | set[str] = frozenset(),
    fallback: str = "item",
    exclude_pk: int | None = None,
) -> str:
    """A slug from `text` that no row uses yet and no URL reserves ("new", "export", …).

    `rows` is a model or a queryset (to scope uniqueness); `exclude_pk` lets a row keep its own.
    """
    queryset = rows if isinstance(rows, QuerySet) else rows._default_manager.all()
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    base = slugify(text)[:max_length].strip("-") or fallback
    slug, n = base, 2
    while slug in reserved or queryset.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


def attribute_change(instance: Model, actor, reason: str = "") -> Model:
    """Tell django-simple-history who made the next save of `instance`, and why."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason[:100]  # type: ignore[attr-defined]
    return instance
