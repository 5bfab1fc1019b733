"""Small helpers every app's services share."""

from django.core.exceptions import ValidationError
from django.db.models import F, Model, QuerySet
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


class StaleEdit(ValidationError):
    """Someone saved the object after this editor read it; nothing of this edit was written.

    `current` is the object as it is now (for showing "their" values); `expected_version` the
    version the editor read.
    """

    def __init__(
        self, current: Model, *, expected_version: int, noun: str = "entry",
        field: str = "version",
    ):
        self.current = current
        self.expected_version = expected_version
        self.current_version: int = getattr(current, field)
        super().__init__(
            {"version": [
                f"Someone else saved this {noun} while you were editing: you started from "
                f"version {expected_version}, it is now at version {self.current_version}."
            ]},
            code="stale",
        )


def claim_version(
    instance: Model, *, expected_version: int | None, noun: str = "entry", field: str = "version"
) -> None:
    """Bump `instance`'s version in the database before an update, or raise StaleEdit.

    One conditional UPDATE (… WHERE version = expected) both checks and locks the row, so of two
    editors who read the same version only the first wins. `expected_version=None` (scripts,
    seeding, API clients without If-Match) skips the check but still bumps. Call it inside the
    service's transaction before anything is written; save `field` with the other fields.
    """
    rows = type(instance)._default_manager.filter(pk=instance.pk)
    bump = {field: F(field) + 1}
    if expected_version is None:
        rows.update(**bump)
    elif not rows.filter(**{field: expected_version}).update(**bump):
        raise StaleEdit(rows.get(), expected_version=expected_version, noun=noun, field=field)
    setattr(instance, field, rows.values_list(field, flat=True).get())
