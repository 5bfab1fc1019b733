"""A city's story (summary, future plans, status) and its people, written by its editors.

The one writer of `ProfilePerson` and of a jurisdiction's story fields; the directory's
own services write the Census facts.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from citypeers.core.enums import PublicationStatus
from citypeers.core.services import attribute_change, claim_version
from citypeers.directory.models import Jurisdiction, ProfilePerson
from citypeers.profiles.permissions import can_edit_profile
from citypeers.search.services import refresh_document

STORY_FIELDS = ("summary", "future_plans", "story_status")
SUMMARY_MAX_LENGTH = 5000
FUTURE_PLANS_MAX_LENGTH = 5000


NOT_AN_EDITOR = "Only this city's editors may change its profile."


def _check_editor(actor, jurisdiction: Jurisdiction) -> None:
    if not can_edit_profile(actor, jurisdiction):
        raise PermissionDenied(NOT_AN_EDITOR)


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
    expected_version: int | None = None,
) -> Jurisdiction:
    """Change the story; fields left as None keep their value. Records history and reindexes.

    Raises PermissionDenied unless `actor` may edit the city, ValidationError (by field)
    when the story is not valid, and StaleEdit (nothing written) when `expected_version` is not
    the story's version any more. A call that changes nothing writes nothing.
    """
    _check_editor(actor, jurisdiction)
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
    claim_version(
        jurisdiction, expected_version=expected_version, noun="profile story", field="story_version"
    )
    for name, value in values.items():
        setattr(jurisdiction, name, value)
    jurisdiction.full_clean(validate_unique=False, validate_constraints=False)
    attribute_change(jurisdiction, actor).save(
        update_fields=[*changed, "story_version", "updated_at"]
    )
    index_profile(jurisdiction)
    return jurisdiction


def index_profile(jurisdiction: Jurisdiction) -> None:
    """Refresh the city's profile document in site search (built by `search_sources`)."""
    refresh_document(kind="profile", object_id=jurisdiction.pk)


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
    _check_editor(actor, jurisdiction)
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
    attribute_change(person, actor).save()
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
    expected_version: int | None = None,
) -> ProfilePerson:
    """Change a contact; `expected_version` is the version the editor read (StaleEdit if it
    was saved since, and nothing is written)."""
    _check_editor(actor, person.jurisdiction)
    claim_version(person, expected_version=expected_version, noun="contact")
    person.name, person.title = name.strip(), title.strip()
    person.email, person.phone, person.order = email.strip().lower(), phone.strip(), order
    person.full_clean()
    attribute_change(person, actor).save()
    return person


@transaction.atomic
def delete_person(*, person: ProfilePerson, actor) -> None:
    _check_editor(actor, person.jurisdiction)
    attribute_change(person, actor).delete()
