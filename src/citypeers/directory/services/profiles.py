"""A city's story (summary, future plans, status) and its people, written by its editors."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import Truncator

from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction, ProfilePerson
from citypeers.search.services import index_document

STORY_FIELDS = ("summary", "future_plans", "story_status")
SUMMARY_MAX_LENGTH = 5000
FUTURE_PLANS_MAX_LENGTH = 5000


def _with_actor(instance, actor):
    # django-simple-history records `_history_user` as "who" for this save.
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor
    return instance


def validate_story(*, summary: str, future_plans: str, story_status: str) -> dict[str, list[str]]:
    """Errors by field for a story; empty when it may be saved. Shared by the form and the API."""
    errors: dict[str, list[str]] = {}
    if len(summary) > SUMMARY_MAX_LENGTH:
        errors["summary"] = [f"Keep the summary under {SUMMARY_MAX_LENGTH:,} characters."]
    if len(future_plans) > FUTURE_PLANS_MAX_LENGTH:
        errors["future_plans"] = [
            f"Keep future plans under {FUTURE_PLANS_MAX_LENGTH:,} characters."
        ]
    if story_status not in PublicationStatus.values:
        errors["story_status"] = [f"Status must be one of: {', '.join(PublicationStatus.values)}."]
    elif story_status == PublicationStatus.PUBLISHED and not summary.strip():
        errors["summary"] = [
            *errors.get("summary", []),
            "Write a summary before publishing the story.",
        ]
    return errors


@transaction.atomic
def update_story(
    *,
    jurisdiction: Jurisdiction,
    actor,
    summary: str | None = None,
    future_plans: str | None = None,
    story_status: str | None = None,
) -> Jurisdiction:
    """Change the story; fields left as None keep their value. Records history and reindexes.

    Raises django.core.exceptions.ValidationError (by field) when the story is not valid.
    """
    values = {
        "summary": jurisdiction.summary if summary is None else summary.strip(),
        "future_plans": jurisdiction.future_plans if future_plans is None else future_plans.strip(),
        "story_status": jurisdiction.story_status if story_status is None else story_status,
    }
    errors = validate_story(**values)
    if errors:
        raise ValidationError(errors)
    changed = [name for name, value in values.items() if getattr(jurisdiction, name) != value]
    if not changed:
        return jurisdiction
    for name, value in values.items():
        setattr(jurisdiction, name, value)
    jurisdiction.full_clean(validate_unique=False, validate_constraints=False)
    _with_actor(jurisdiction, actor).save(update_fields=[*changed, "updated_at"])
    index_profile(jurisdiction)
    return jurisdiction


def index_profile(jurisdiction: Jurisdiction) -> None:
    """Make the profile findable in site search; only a published story is public."""
    published = jurisdiction.story_status == PublicationStatus.PUBLISHED
    body = "\n\n".join(part for part in (jurisdiction.summary, jurisdiction.future_plans) if part)
    index_document(
        kind="profile",
        object_id=jurisdiction.pk,
        title=f"{jurisdiction.name}, {jurisdiction.state}",
        body=body if published else Truncator(jurisdiction.name).chars(200),
        url=jurisdiction.get_absolute_url(),
        is_public=True,
        state=jurisdiction.state,
        jurisdiction_id=jurisdiction.pk,
    )


@transaction.atomic
def add_person(
    *,
    jurisdiction: Jurisdiction,
    actor,
    name: str,
    title: str = "",
    email: str = "",
    phone: str = "",
    order: int = 0,
    is_demo: bool = False,
) -> ProfilePerson:
    person = ProfilePerson(
        jurisdiction=jurisdiction,
        name=name.strip(),
        title=title.strip(),
        email=email.strip().lower(),
        phone=phone.strip(),
        order=order,
        is_demo=is_demo,
    )
    person.full_clean()
    _with_actor(person, actor).save()
    return person


@transaction.atomic
def update_person(
    *,
    person: ProfilePerson,
    actor,
    name: str,
    title: str = "",
    email: str = "",
    phone: str = "",
    order: int = 0,
) -> ProfilePerson:
    person.name, person.title = name.strip(), title.strip()
    person.email, person.phone, person.order = email.strip().lower(), phone.strip(), order
    person.full_clean()
    _with_actor(person, actor).save()
    return person


@transaction.atomic
def delete_person(*, person: ProfilePerson, actor) -> None:
    _with_actor(person, actor).delete()
