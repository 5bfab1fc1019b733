from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from citypeers.accounts.models import User

MAX_EXPERTISE_TAGS = 12


def normalise_expertise(raw: str) -> str:
    """`"Open data,  GIS ,open data"` → `"Open data, GIS"`: trimmed, de-duplicated, in order."""
    seen: dict[str, str] = {}
    for tag in (raw or "").split(","):
        tag = " ".join(tag.split())[:60]
        if tag and tag.lower() not in seen:
            seen[tag.lower()] = tag
    return ", ".join(list(seen.values())[:MAX_EXPERTISE_TAGS])


@transaction.atomic
def create_user(
    *,
    email: str,
    password: str | None = None,
    full_name: str = "",
    job_title: str = "",
    expertise: str = "",
    is_network_organiser: bool = False,
    is_superuser: bool = False,
    validate_new_password: bool = False,
) -> User:
    """Create an account. Emails are stored lower-cased so sign-in is case-insensitive.

    `validate_new_password` runs Django's password validators (people choosing a password);
    demo seeding passes known demo passwords without them.
    """
    email = User.objects.normalize_email((email or "").strip()).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "An account with this email address already exists."})
    user = User(
        email=email,
        full_name=full_name.strip(),
        job_title=job_title.strip(),
        expertise=normalise_expertise(expertise),
        is_network_organiser=is_network_organiser,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    if password and validate_new_password:
        validate_password(password, user)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def update_profile(*, user: User, full_name: str, job_title: str, expertise: str) -> User:
    """Change what others see about a person: name, job title and expertise tags."""
    user.full_name = full_name.strip()
    user.job_title = job_title.strip()
    user.expertise = normalise_expertise(expertise)
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "job_title", "expertise"])
    return user
