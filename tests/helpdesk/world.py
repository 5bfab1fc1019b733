from django.utils import timezone

from citypeers.helpdesk.enums import InviteeKind, RequestStatus, RequestVisibility
from tests.factories.accounts import UserFactory
from tests.factories.helpdesk import (
    AnswerFactory,
    HelpRequestFactory,
    InvitationFactory,
    NotificationFactory,
)


def extend(world):
    """Requests asked by the member persona for `home`:
    - `help_request`: visible to network members, answered by `other`'s editor, who was
      invited as a peer city (the answer `help_answer` awaits acceptance);
    - `private_request`: organisers only, open, nobody invited;
    - `new_request`: awaiting triage;
    - `resolved_request`: organisers only, an accepted answer, ready to publish;
    - `qa`: published as a Q&A; `unpublished_qa_id`: a request that is not.
    `help_expert` has expertise in housing (the world's challenge area); the member persona has
    one unread notification."""
    asker = world.users["member"]
    answerer = world.users["other_editor"]
    now = timezone.now()

    def ask(**kwargs):
        return HelpRequestFactory(
            jurisdiction=world.home, asked_by=asker, area=world.area, **kwargs
        )

    world.help_request = ask(
        title="Matrix question", status=RequestStatus.ANSWERED, triaged_at=now, first_answer_at=now
    )
    InvitationFactory(
        request=world.help_request, user=answerer, kind=InviteeKind.CITY, jurisdiction=world.other
    )
    world.help_answer = AnswerFactory(
        request=world.help_request, author=answerer, jurisdiction=world.other
    )
    world.private_request = ask(
        title="Private matrix question",
        status=RequestStatus.OPEN,
        visibility=RequestVisibility.ORGANISERS,
        triaged_at=now,
    )
    world.new_request = ask(title="New matrix question")
    world.resolved_request = ask(
        title="Resolved matrix question",
        status=RequestStatus.RESOLVED,
        visibility=RequestVisibility.ORGANISERS,
        triaged_at=now,
        first_answer_at=now,
        accepted_at=now,
    )
    AnswerFactory(request=world.resolved_request, author=world.users["organiser"], is_accepted=True)
    world.qa = ask(
        title="Published matrix question", status=RequestStatus.PUBLISHED, published_at=now
    )
    AnswerFactory(request=world.qa, author=answerer, jurisdiction=world.other, is_accepted=True)
    world.qa.involved_cities.set([world.home, world.other])
    world.unpublished_qa_id = world.private_request.pk
    world.help_expert = UserFactory(full_name="Harper Housing", expertise="housing policy, zoning")
    world.member_notification = NotificationFactory(user=asker)
