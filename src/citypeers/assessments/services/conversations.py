"""Asking a peer city that meets a criterion for a conversation; tagging resources."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from citypeers.accounts.enums import MembershipRole
from citypeers.accounts.models import Membership
from citypeers.assessments.models import ConversationRequest, Criterion, Resource
from citypeers.core.effects import after_commit
from citypeers.core.text import single_line


@transaction.atomic
def request_conversation(
    *,
    from_jurisdiction,
    to_jurisdiction,
    criterion: Criterion,
    user,
    message: str = "",
    peer_ids_meeting: set[int],
) -> ConversationRequest:
    """Ask `to_jurisdiction` to talk about `criterion`; emails its administrators.

    `peer_ids_meeting` are the cities the caller may see meeting the criterion (shared
    results only), so a request can never reveal or target a city that keeps its result
    private.
    """
    if to_jurisdiction.pk == from_jurisdiction.pk:
        raise ValidationError("Choose another city.")
    if to_jurisdiction.pk not in peer_ids_meeting:
        raise ValidationError(
            f"{to_jurisdiction} does not share a result that meets this criterion."
        )
    if ConversationRequest.objects.filter(
        from_jurisdiction=from_jurisdiction, to_jurisdiction=to_jurisdiction, criterion=criterion
    ).exists():
        raise ValidationError(f"You already asked {to_jurisdiction} about “{criterion.title}”.")
    if len(message) > 2000:
        raise ValidationError({"message": "Keep the message under 2,000 characters."})
    admins = list(
        Membership.objects.filter(
            organisation__jurisdiction=to_jurisdiction,
            role=MembershipRole.ADMIN,
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )
    request = ConversationRequest(
        from_jurisdiction=from_jurisdiction,
        to_jurisdiction=to_jurisdiction,
        criterion=criterion,
        requested_by=user,
        message=message.strip(),
        notified=len(admins),
    )
    request.full_clean()
    request.save()
    if admins:
        try:
            profile = reverse("profiles:profile", kwargs={"slug": from_jurisdiction.slug})
        except NoReverseMatch:  # the directory's pages are optional for this app
            profile = "/directory/"
        body = (
            f"{user.display_name} ({user.email}) of {from_jurisdiction} is working on "
            f"“{criterion.title}” ({criterion.version}) and saw that {to_jurisdiction} "
            "already meets it. Would you share how you did it?\n\n"
            + (f"Their message:\n{message.strip()}\n\n" if message.strip() else "")
            + f"Reply to {user.email}, or see their profile: {settings.SITE_URL}{profile}"
        )
        subject = single_line(f"{from_jurisdiction} would like to talk about “{criterion.title}”")
        after_commit(
            lambda: send_mail(
                subject=subject, message=body, from_email=None, recipient_list=admins
            ),
            what=f"conversation request email {request.pk}",
        )
    return request


@transaction.atomic
def upsert_resource(
    *,
    slug: str,
    title: str,
    kind: str,
    summary: str = "",
    url: str = "",
    source_note: str = "",
    criteria: list[Criterion],
    is_demo: bool = False,
) -> Resource:
    """Create or update a resource and its criterion tags (used by setup and admins)."""
    resource = Resource.objects.filter(slug=slug).first() or Resource(slug=slug)
    resource.title = title
    resource.kind = kind
    resource.summary = summary
    resource.url = url
    resource.source_note = source_note
    resource.is_demo = is_demo
    resource.full_clean()
    resource.save()
    resource.criteria.set(criteria)
    return resource
