"""Demo help requests: one published as a Q&A, one routed and waiting for answers.

Everything here is demo content (`is_demo=True`, labelled on every page and in search): the
questions and answers illustrate the help desk and say nothing about what the named cities
actually asked or did. Idempotent: a demo request is found by its city and title.
"""

from citypeers.accounts.models import User
from citypeers.accounts.setup import DEMO_DOMAIN
from citypeers.helpdesk import selectors, services
from citypeers.helpdesk.enums import RequestStatus, RequestVisibility, TriageDecision, Urgency
from citypeers.helpdesk.models import HelpRequest
from citypeers.knowledge.models import ChallengeArea

DEMO_NOTE = (
    "\n\n_Demo content: written to show how the help desk works; not a question this city asked._"
)
ANSWER_NOTE = "\n\n_Demo content: an illustrative answer, not a statement of what any city did._"

PUBLISHED = {
    "title": "How do we decide which datasets to open first?",
    "area": "open-data",
    "question": (
        "We are starting an open data programme and cannot publish everything at once. How did "
        "other cities choose their first datasets, and who did they ask?"
    ),
    "tried": "A list of candidate datasets from each department.",
    "answer": (
        "One way is to rank candidates by demand (requests and public-records requests), by "
        "effort to publish (already clean, no personal data) and by use inside the city. "
        "Publish a handful of high-demand, low-effort datasets first and ask the people who "
        "requested them for feedback."
    ),
}
ROUTED = {
    "title": "Where should free public Wi-Fi go first?",
    "area": "broadband-access",
    "question": (
        "We have funding for a first set of public Wi-Fi hotspots. How do other cities choose "
        "the locations so they reach households without a home connection?"
    ),
    "tried": "Mapping libraries and recreation centres.",
}


def _user(key: str) -> User | None:
    return User.objects.filter(email=f"{key}@{DEMO_DOMAIN}").first()


def _asked(asker, organiser, spec) -> HelpRequest | None:
    area = ChallengeArea.objects.filter(slug=spec["area"]).first()
    city = asker.memberships.select_related("organisation__jurisdiction").first()
    if area is None or city is None or city.organisation.jurisdiction is None:
        return None
    jurisdiction = city.organisation.jurisdiction
    existing = HelpRequest.objects.filter(
        jurisdiction=jurisdiction, title=spec["title"], is_demo=True
    ).first()
    if existing is not None:
        return None
    help_request = services.open_request(
        jurisdiction=jurisdiction,
        actor=asker,
        title=spec["title"],
        question=spec["question"] + DEMO_NOTE,
        area=area,
        urgency=Urgency.MEDIUM,
        tried=spec["tried"],
        visibility=RequestVisibility.NETWORK,
        is_demo=True,
    )
    services.triage_request(
        help_request=help_request, actor=organiser, decision=TriageDecision.ACCEPT
    )
    return help_request


def _route(help_request: HelpRequest, organiser, extra: list[User]) -> None:
    routing = selectors.routing_for(help_request)
    ids = [c.pk for route in routing.cities for c in route.contacts[:1]]
    ids += [route.user.pk for route in routing.experts[:2]]
    ids += [u.pk for u in extra if u.pk not in ids]
    invitees = services.invitees_from(routing, ids)
    if invitees:
        services.invite_people(help_request=help_request, invitees=invitees, actor=organiser)


def setup_site(stdout) -> None:
    asker, organiser, answerer = _user("member"), _user("organiser"), _user("la-editor")
    if asker is None or organiser is None or answerer is None:
        stdout.write("    helpdesk: skipped (demo accounts missing; run accounts first)")
        return
    made = 0
    published = _asked(asker, organiser, PUBLISHED)
    if published is not None:
        made += 1
        _route(published, organiser, [answerer])
        published.refresh_from_db()
        answer = services.answer_request(
            help_request=selectors.help_request_for_user(answerer, published.pk),
            actor=answerer,
            body=PUBLISHED["answer"] + ANSWER_NOTE,
            is_demo=True,
        )
        services.accept_answer(answer=answer, actor=asker)
        services.publish_request(
            help_request=HelpRequest.objects.get(pk=published.pk), actor=asker, consent=True
        )
    routed = _asked(asker, organiser, ROUTED)
    if routed is not None:
        made += 1
        _route(routed, organiser, [u for u in [_user("expert")] if u is not None])
    published_n = HelpRequest.objects.filter(is_demo=True, status=RequestStatus.PUBLISHED).count()
    stdout.write(f"    helpdesk: {made} demo help requests added ({published_n} published)")
