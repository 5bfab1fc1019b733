"""Demo content for convenings, modelled on the peer convenings in the seed documents (city
teams of two senior officials and a partner, participant-led sessions, city tours): a demo
convening hosted by New Orleans, with delegations from Boston and Los Angeles, session
proposals (voted, reviewed, accepted or declined), a proposed and published timetable, an agenda,
a city tour and follow-up commitments.

Everything here is invented for the demo (`is_demo=True`, titles end in "(demo)"); the people
are the demo accounts. Built through the services, and idempotent.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import F

from citypeers.accounts.models import Organisation, User
from citypeers.convenings.enums import ConveningState, DelegationStatus
from citypeers.convenings.models import Convening, Delegate, Delegation
from citypeers.convenings.services import (
    commitments,
    convenings,
    delegations,
    networking,
    proposals,
    timetable,
    tours,
)
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.models import ChallengeArea

TITLE = "Peer convening in New Orleans (demo)"
ZONE = "America/Chicago"
DEMO_DOMAIN = "demo.citypeers.example"

# (city, state) → [(demo account key, job title, senior)] for the city officials.
OFFICIALS = {
    ("Boston", "MA"): [
        ("boston-admin", "Chief of staff (demo)", True),
        ("boston-editor", "Chief data officer (demo)", True),
    ],
    ("Los Angeles", "CA"): [
        ("la-admin", "Deputy mayor (demo)", True),
        ("la-editor", "Innovation team lead (demo)", True),
    ],
}

COMMITMENTS = {
    ("Boston", "MA"): [
        ("Pilot a shared data standard for housing inspections (demo)", "in_progress"),
        ("Start a digital navigator programme with library partners (demo)", "not_started"),
    ],
    ("Los Angeles", "CA"): [
        ("Publish a dashboard of permit processing times (demo)", "done"),
        ("Test a cooling-centre outreach text campaign (demo)", "dropped"),
    ],
}


def _city(name: str, state: str) -> Jurisdiction | None:
    return (
        Jurisdiction.objects.filter(name=name, state=state)
        .exclude(kind="county")
        .order_by(F("population").desc(nulls_last=True), "pk")
        .first()
    )


def _organiser() -> User | None:
    return (
        User.objects.filter(is_network_organiser=True, is_active=True).order_by("pk").first()
        or User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    )


def _user(key: str) -> User | None:
    return User.objects.filter(email=f"{key}@{DEMO_DOMAIN}").first()


def _convening(organiser, host) -> Convening:
    convening = Convening.objects.filter(title=TITLE).first()
    if convening is not None:
        return convening
    convening = convenings.create_convening(
        actor=organiser,
        title=TITLE,
        host=host,
        summary=(
            "Demo content. City teams (two senior officials and a partner from a foundation, "
            "anchor institution or chamber of commerce) share what they tried, in "
            "participant-led sessions, 1:1 meetings and city tours, and commit to next steps."
        ),
        starts_on=date(2026, 6, 10),
        ends_on=date(2026, 6, 12),
        time_zone=ZONE,
        registration_opens_on=date(2026, 2, 1),
        delegation_deadline=date(2026, 5, 15),
        is_demo=True,
    )
    convenings.add_room(convening=convening, actor=organiser, name="Main hall (demo)", capacity=150)
    convenings.add_room(convening=convening, actor=organiser, name="Salon A (demo)", capacity=40)
    convenings.add_room(convening=convening, actor=organiser, name="Salon B (demo)", capacity=30)
    convenings.transition_convening(
        convening=convening, to_state=ConveningState.OPEN, actor=organiser, note="Demo"
    )
    return convening


def _delegation(convening, organiser, city, partner_org) -> Delegation:
    delegation = convening.delegations.filter(jurisdiction=city).first()
    if delegation is None:
        (delegation,) = convenings.invite_cities(
            convening=convening, actor=organiser, jurisdictions=[city]
        )
    if delegation.delegates.exists():
        return delegation
    for key, job_title, senior in OFFICIALS[(city.name, city.state)]:
        user = _user(key)
        delegations.add_official(
            delegation=delegation,
            actor=organiser,
            full_name=user.full_name if user else f"Demo official ({key})",
            email=user.email if user else f"{key}@{DEMO_DOMAIN}",
            job_title=job_title,
            is_senior=senior,
            user=user,
        )
    if partner_org is not None:
        _, raw = delegations.invite_partner(
            delegation=delegation,
            actor=organiser,
            full_name="Frankie Funder" if city.name == "Boston" else "Demo partner (Los Angeles)",
            email=f"foundation@{DEMO_DOMAIN}"
            if city.name == "Boston"
            else f"la-partner@{DEMO_DOMAIN}",
            organisation=partner_org,
            relationship="Funds the city's data and digital-inclusion work (demo)",
            job_title="Programme officer (demo)",
        )
        funder = _user("foundation")
        # Boston's partner has accepted; Los Angeles' invitation is still open.
        if city.name == "Boston" and funder is not None:
            delegations.accept_partner_invitation(raw_token=raw, user=funder)
    return delegation


# (title, format, proposer key, speaker emails' keys, decision: True / False / None, message)
PROPOSALS = [
    (
        "Sharing housing inspection data across departments (demo)",
        "panel",
        "boston-editor",
        ["boston-editor", "la-editor"],
        True,
        "Demo: accepted; a strong match with both cities' commitments.",
    ),
    (
        "Permit dashboards: what residents actually read (demo)",
        "lightning",
        "la-editor",
        ["la-editor"],
        True,
        "Demo: accepted as a lightning talk.",
    ),
    (
        "Digital navigators with library partners (demo)",
        "workshop",
        "boston-admin",
        ["boston-admin", "foundation"],
        True,
        "Demo: accepted; please bring the training materials.",
    ),
    (
        "Vendor procurement clinic (demo)",
        "roundtable",
        "la-admin",
        ["la-admin"],
        False,
        "Demo: declined this year; the topic is covered by a workshop.",
    ),
    (
        "Cooling-centre outreach after a pilot that stalled (demo)",
        "roundtable",
        "la-admin",
        ["la-admin", "boston-admin"],
        None,
        "",
    ),
]

# Programme slots on the first day, in the convening's time zone.
SLOTS = [(time(9, 0), time(10, 0)), (time(10, 30), time(11, 30)), (time(14, 0), time(15, 0))]


def _programme(convening: Convening, organiser) -> int:
    """Demo proposals with votes, reviews and decisions, slots, a proposed and published
    timetable and the agenda of Boston's demo editor (the account `make screenshots` uses).
    Only while the convening takes proposals, and only once."""
    if convening.proposals.exists() or convening.state != ConveningState.OPEN:
        return 0
    seats = {
        d.email.split("@")[0]: d
        for d in Delegate.objects.filter(
            delegation__convening=convening, accepted_at__isnull=False, user__isnull=False
        ).select_related("user", "delegation")
    }
    areas = list(ChallengeArea.objects.filter(parent__isnull=True).order_by("order", "name")[:3])
    made = []
    for i, (title, fmt, proposer, speakers, accept, message) in enumerate(PROPOSALS):
        if proposer not in seats:
            continue
        proposal = proposals.propose_session(
            convening=convening,
            actor=seats[proposer].user,
            title=title,
            format=fmt,
            challenge_area=areas[i % len(areas)] if areas else None,
            description="Demo content: a participant-led session proposed by a city team.",
            needs="Demo: a projector and movable chairs.",
            speakers=[seats[k] for k in speakers if k in seats],
            is_demo=True,
        )
        for key, seat in seats.items():
            if key != proposer and (i + len(key)) % 2 == 0:
                proposals.vote(proposal=proposal, actor=seat.user)
        proposals.review(
            proposal=proposal,
            actor=organiser,
            relevance=5 - i % 3,
            feasibility=4 - i % 2,
            comment="Demo review.",
        )
        if accept is not None:
            proposals.decide(
                proposal=proposal,
                actor=organiser,
                accept=accept,
                message=message,
                expected_version=None,
            )
        made.append(proposal)
    if not made:
        return 0  # no demo accounts hold seats: nothing to put in a timetable
    zone = ZoneInfo(ZONE)
    for starts, ends in SLOTS:
        timetable.add_slot(
            convening=convening,
            actor=organiser,
            starts_at=datetime.combine(convening.starts_on, starts, tzinfo=zone),
            ends_at=datetime.combine(convening.starts_on, ends, tzinfo=zone),
        )
    timetable.propose_timetable(convening=convening, actor=organiser, time_limit=0.2)
    timetable.publish_timetable(convening=convening, actor=organiser)
    if "boston-editor" in seats:
        for proposal in made[:3]:
            proposal.refresh_from_db()
            if hasattr(proposal, "placement"):
                timetable.add_to_agenda(proposal=proposal, actor=seats["boston-editor"].user)
    return len(made)


# Demo networking preferences: (delegate's account key, wants, offers), challenge area slugs.
NETWORKING = [
    ("boston-admin", ["broadband-access"], ["affordable-housing-supply"]),
    ("boston-editor", ["digital-skills"], ["housing-affordability"]),
    ("la-admin", ["housing-affordability"], ["broadband-access"]),
    ("la-editor", ["affordable-housing-supply"], ["digital-skills"]),
    ("foundation", ["digital-skills"], ["broadband-access"]),
]


def _networking(convening: Convening, organiser) -> int:
    """Demo 1:1 meetings: each delegate's preferences, the organisers' proposal (2 slots of
    3 tables) and one meeting accepted, so the networking page has a schedule to show."""
    if convening.meetings.exists():
        return convening.meetings.count()
    areas = {a.slug: a for a in ChallengeArea.objects.all()}
    for key, wants, offers in NETWORKING:
        seat = Delegate.objects.filter(
            delegation__convening=convening,
            user__email=f"{key}@{DEMO_DOMAIN}",
            accepted_at__isnull=False,
        ).first()
        if seat is None:
            continue
        networking.save_preferences(
            actor=seat.user,
            seat=seat,
            wants=[areas[slug] for slug in wants if slug in areas],
            offers=[areas[slug] for slug in offers if slug in areas],
        )
    # The request first (it takes the first slot and table); the proposal then keeps it.
    requested = _demo_request(convening)
    proposed = networking.propose_meetings(actor=organiser, convening=convening, slots=2, tables=3)
    if proposed:
        first = proposed[0]
        networking.respond_to_meeting(actor=first.delegate_b.user, meeting=first, accept=True)
    return len(proposed) + requested


def _demo_request(convening: Convening) -> int:
    """One delegate asks a delegate of another city for a meeting, still unanswered, so the
    page shows a request too."""
    seats = list(
        Delegate.objects.filter(
            delegation__convening=convening, accepted_at__isnull=False, user__isnull=False
        )
        .select_related("delegation", "user")
        .order_by("pk")
    )
    for asker in seats:
        for other in seats:
            if other.delegation.jurisdiction_id == asker.delegation.jurisdiction_id:
                continue
            try:
                networking.request_meeting(
                    actor=asker.user,
                    seat=asker,
                    other=other,
                    note="How you fund the digital navigators (demo)",
                )
            except ValidationError:
                continue
            return 1
    return 0


def setup_site(stdout) -> None:
    organiser = _organiser()
    host = _city("New Orleans", "LA")
    if organiser is None or host is None:
        stdout.write(
            "    convenings: no organiser or no New Orleans in the directory; demo skipped"
        )
        return
    partner_org = Organisation.objects.filter(slug="demo-civic-data-foundation").first()
    convening = _convening(organiser, host)
    cities = [c for c in (_city(n, s) for n, s in OFFICIALS) if c is not None]
    made = [_delegation(convening, organiser, city, partner_org) for city in cities]
    if made and made[0].status == DelegationStatus.INVITED and made[0].delegates.count() == 3:
        delegations.submit_delegation(delegation=made[0], actor=organiser)
        delegations.confirm_delegation(delegation=made[0], actor=organiser)
    if not convening.tours.exists():
        tours.create_tour(
            convening=convening,
            actor=organiser,
            title="Neighbourhood resilience walking tour (demo)",
            description="Demo content: a walk with the host city's resilience team.",
            starts_at=datetime.combine(date(2026, 6, 11), time(14, 0), tzinfo=ZoneInfo(ZONE)),
            capacity=25,
            per_delegation=1,
            is_demo=True,
        )
    proposed = _programme(convening, organiser)
    if convening.state == ConveningState.OPEN:
        for step in (ConveningState.PROGRAMME, ConveningState.LIVE, ConveningState.FOLLOW_UP):
            convenings.transition_convening(
                convening=convening, to_state=step, actor=organiser, note="Demo"
            )
    for delegation in made:
        if delegation.commitments.exists():
            continue
        for title, status in COMMITMENTS[
            (delegation.jurisdiction.name, delegation.jurisdiction.state)
        ]:
            owner = delegation.delegates.filter(kind="official").first()
            commitment = commitments.create_commitment(
                delegation=delegation,
                actor=organiser,
                title=title,
                owner_name=owner.full_name,
                owner_email=owner.email,
                owner=owner.user,
                due_on=date(2027, 6, 30),
                is_demo=True,
            )
            if status != "not_started":
                commitments.report_progress(
                    commitment=commitment,
                    actor=organiser,
                    status=status,
                    note={
                        "in_progress": "Demo: two departments share a draft schema.",
                        "done": "Demo: the dashboard is live and updated weekly.",
                        "dropped": "Demo: the vendor contract ended; a retry is planned.",
                    }[status],
                )
    meetings = _networking(convening, organiser)
    stdout.write(
        f"    convenings: demo convening with {len(made)} delegations, {meetings} 1:1 meetings, "
        f"{convening.tours.count()} tour, {proposed} new session proposals, a published "
        "timetable and follow-up commitments ready"
    )
