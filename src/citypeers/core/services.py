"""Small helpers every app's services share, and the periodic-job runner."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from citypeers.core.models import ScheduledRun
from citypeers.core.schedule import due_jobs, periodic_jobs


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


def bulk_create_attributed(model: type[Model], rows: list, actor) -> list:
    """`bulk_create` that also writes each row's history, attributed to `actor`
    (django-simple-history skips plain `bulk_create`)."""
    if not rows:
        return []
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return bulk_create_with_history(rows, model, default_user=user)


def run_due_jobs(*, now=None, log=None) -> list[str]:
    """Run every registered periodic job that is due, once, and record when it ran.

    The row of each job is locked while it runs, so a second scheduler started by mistake
    waits instead of running the job twice. A failing job is recorded and does not stop the
    others; it is tried again at its next interval.
    """
    now = now or timezone.now()
    logger = log or logging.getLogger("citypeers.scheduler")
    ran = []
    last_runs = dict(ScheduledRun.objects.values_list("name", "last_run_at"))
    for job in due_jobs(periodic_jobs(), last_runs, now):
        with transaction.atomic():
            row, _ = ScheduledRun.objects.select_for_update().get_or_create(
                name=job.name, defaults={"last_run_at": now}
            )
            if row.runs and now - row.last_run_at < job.every:
                continue  # another scheduler ran it meanwhile
            try:
                with transaction.atomic():
                    job.run(now)
                row.last_error = ""
            except Exception as error:  # a broken job must not stop the others
                logger.exception("periodic job %s failed", job.name)
                row.last_error = f"{type(error).__name__}: {error}"[:2000]
            row.last_run_at, row.runs = now, row.runs + 1
            row.save(update_fields=["last_run_at", "runs", "last_error"])
        ran.append(job.name)
    return ran


class StaleEdit(ValidationError):
    """Someone saved the object after this editor read it; nothing of this edit was written.

    `current` is the object as it is now (for showing "their" values); `expected_version` the
    version the editor read.
    """

    def __init__(
        self,
        current: Model,
        *,
        expected_version: int,
        noun: str = "entry",
        field: str = "version",
    ):
        self.current = current
        self.expected_version = expected_version
        self.current_version: int = getattr(current, field)
        super().__init__(
            {
                "version": [
                    f"Someone else saved this {noun} while you were editing: you started from "
                    f"version {expected_version}, it is now at version {self.current_version}."
                ]
            },
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
