"""Demo content for workshops: a housing-affordability workshop with a proposed cohort, a
session with captured statements, a published insight and a how-to webinar.

Everything here is invented for the demo (`is_demo=True`, titles end in "(demo)"). The
knowledge app's demo has only two cities with a housing statement, so this adds illustrative
housing statements and solutions for a few demo cities, through the knowledge services and
labelled as demo content, so the optimiser has a real choice to make. Idempotent.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import F, Q
from django.utils import timezone

from citypeers.accounts.models import Organisation, User
from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.enums import CostBand, SolutionStatus
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.knowledge.services.solutions import create_solution
from citypeers.knowledge.services.statements import create_statement
from citypeers.workshops.demo_data import (
    AREA_SLUG,
    DEMO,
    HOUSING_CITIES,
    INSIGHT_TITLE,
    SOURCE,
    STATEMENTS,
    WEBINAR_TITLE,
    WORKSHOP_TITLE,
    ZONE,
)
from citypeers.workshops.enums import (
    Attribution,
    ContributorRole,
    InsightAudience,
    InsightState,
    WebinarStatus,
    WorkshopState,
)
from citypeers.workshops.models import CohortMember, Insight, Webinar, Workshop
from citypeers.workshops.services import cohort, insights, sessions, webinars, workshops


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


def _housing_demo(area) -> int:
    """Demo housing statements and solutions for a few demo cities (skips what exists)."""
    added = 0
    children = {a.slug: a for a in ChallengeArea.objects.filter(parent=area)}
    children[area.slug] = area
    for (name, state), priority, narrative, solution in HOUSING_CITIES:
        city = _city(name, state)
        if city is None:
            continue
        if not ChallengeStatement.objects.filter(jurisdiction=city, area=area).exists():
            create_statement(
                jurisdiction=city,
                area=area,
                priority=priority,
                is_demo=True,
                narrative=DEMO.format(city=name) + narrative,
                source_note=SOURCE,
                status=PublicationStatus.PUBLISHED,
            )
            added += 1
        if solution is None:
            continue
        title, slugs, approach, cost, evidence = solution
        if Solution.objects.filter(title=f"{title} (demo)", owner=city).exists():
            continue
        create_solution(
            owner=city,
            title=f"{title} (demo)",
            is_demo=True,
            source_note=SOURCE,
            challenges=[children[s] for s in slugs if s in children],
            problem=DEMO.format(city=name) + narrative,
            approach=approach,
            cost_band=cost,
            evidence_level=evidence,
            solution_status=SolutionStatus.IMPLEMENTED,
            status=PublicationStatus.PUBLISHED,
        )
        added += 1
    return added


def _at(day, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(ZONE))


def _workshop(organiser, area) -> Workshop:
    workshop = Workshop.objects.filter(title=WORKSHOP_TITLE, is_demo=True).first()
    if workshop is not None:
        return workshop
    start = timezone.localdate() + timedelta(days=21)
    hosts = Organisation.objects.filter(kind__in=["coalition", "partner"]).order_by("kind", "name")[
        :2
    ]
    workshop = workshops.create_workshop(
        by=organiser,
        title=WORKSHOP_TITLE,
        area=area,
        format="hybrid",
        purpose=(
            "**Demo content.** Cities that face rising rents but tried different things — land "
            "trusts, zoning reform, rental assistance, data-driven repair programmes — compare "
            "what worked and leave with a short list of actions each can take next."
        ),
        starts_on=start,
        ends_on=start + timedelta(days=28),
        time_zone=ZONE,
        capacity=30,
        cohort_min=4,
        cohort_max=6,
        max_per_state=1,
        max_per_region=3,
        host_organisations=list(hosts),
        is_demo=True,
    )
    cohort.run_cohort(workshop=workshop, by=organiser)
    workshops.transition_workshop(
        workshop=workshop,
        to_state=WorkshopState.RECRUITING,
        by=organiser,
        note="Demo: cohort proposed",
    )
    # Prefer someone outside city government for the advisory board (the demo's expert).
    experts = User.objects.filter(expertise__gt="", is_network_organiser=False, is_superuser=False)
    expert = (
        experts.filter(memberships__organisation__kind="partner").order_by("pk").first()
        or experts.order_by("pk").first()
    )
    session = sessions.save_session(
        workshop=workshop,
        by=organiser,
        title="What each city tried (demo)",
        starts_at=_at(start, 10),
        ends_at=_at(start, 12),
        location="Online and at City Hall",
        video_url="https://video.example.org/demo-housing-workshop",
        agenda="1. Welcome and the challenge in numbers\n2. Three-minute city stories\n"
        "3. What worked, what got in the way\n4. Ideas to test next",
    )
    if expert is not None:
        workshops.add_contributor(
            workshop=workshop,
            by=organiser,
            role=ContributorRole.ADVISOR,
            user=expert,
            session=session,
            topic="Evaluating housing programmes",
        )
    partner = Organisation.objects.filter(kind="partner").order_by("name").first()
    if partner is not None:
        workshops.add_contributor(
            workshop=workshop,
            by=organiser,
            role=ContributorRole.PARTNER,
            organisation=partner,
            topic="Funding land acquisition",
        )
    members = list(workshop.cohort.select_related("jurisdiction").order_by("jurisdiction__name"))
    for kind, text, attribution, speaker, index in STATEMENTS:
        city = members[index % len(members)].jurisdiction if members else None
        if city is None:
            attribution = Attribution.UNATTRIBUTED
        sessions.capture_statement(
            session=session,
            by=organiser,
            kind=kind,
            text=text,
            attribution=attribution,
            speaker_name=speaker,
            jurisdiction=city,
            is_demo=True,
        )
    return workshop


def _insight(organiser, workshop) -> Insight:
    insight = Insight.objects.filter(title=INSIGHT_TITLE, is_demo=True).first()
    if insight is not None:
        return insight
    cities = [
        m.jurisdiction
        for m in CohortMember.objects.filter(workshop=workshop).select_related("jurisdiction")
    ]
    solutions = list(
        Solution.objects.filter(
            owner__in=cities, is_demo=True, challenges=workshop.area
        ).distinct()[:3]
    )
    insight = insights.create_insight(
        by=organiser,
        title=INSIGHT_TITLE,
        area=workshop.area,
        workshop=workshop,
        is_demo=True,
        challenge=(
            "Demo content. Land near transit and jobs is getting too expensive for homes that "
            "teachers, nurses and service workers can afford, and subsidies alone don't keep "
            "them affordable for long."
        ),
        steps=[
            "List city-owned land that is surplus or under-used, with its zoning.",
            "Set up (or partner with) a community land trust whose board includes residents.",
            "Transfer the first lots to the trust with a 99-year ground lease.",
            "Allow missing-middle homes on those lots without a variance.",
            "Cap resale prices in the lease and track them every year.",
        ],
        preconditions="Council support for keeping land in public or community hands; a lender "
        "willing to finance homes on leased land.",
        cost_band=CostBand.FROM_250K,
        effort="medium",
        metrics=[
            "Homes kept affordable after resale",
            "Median household income served",
            "Months from land transfer to occupancy",
        ],
        criteria_codes=["pa-goals", "ev-adapt-programs"],
        tags=["land trust", "zoning", "public land"],
        evidence_note="Demo content: synthesised from the demo workshop's first session.",
        evidence_cities=cities[:3],
        evidence_solutions=solutions,
        audience=InsightAudience.PUBLIC,
    )
    # Review takes a second person: another organiser, or the site admin.
    reviewer = (
        User.objects.filter(Q(is_network_organiser=True) | Q(is_superuser=True), is_active=True)
        .exclude(pk=organiser.pk)
        .order_by("-is_network_organiser", "pk")
        .first()
    )
    if reviewer is None:
        return insight
    insights.transition_insight(insight=insight, to_state=InsightState.REVIEWED, by=reviewer)
    insights.transition_insight(insight=insight, to_state=InsightState.PUBLISHED, by=organiser)
    return insight


def _webinar(organiser, area) -> Webinar:
    webinar = Webinar.objects.filter(title=WEBINAR_TITLE, is_demo=True).first()
    if webinar is not None:
        return webinar
    day = timezone.localdate() + timedelta(days=14)
    webinar = webinars.create_webinar(
        by=organiser,
        title=WEBINAR_TITLE,
        area=area,
        time_zone=ZONE,
        capacity=100,
        description=(
            "**Demo content.** A practical hour on setting up a community land trust: governance, "
            "ground leases, financing and the first homes. Bring your questions."
        ),
        starts_at=_at(day, 13),
        ends_at=_at(day, 14),
        video_url="https://video.example.org/demo-land-trust-webinar",
        co_hosts=list(
            Organisation.objects.filter(kind__in=["coalition", "partner"]).order_by("kind", "name")[
                :2
            ]
        ),
        is_demo=True,
    )
    return webinars.set_webinar_status(
        webinar=webinar, status=WebinarStatus.PUBLISHED, by=organiser
    )


def setup_site(stdout) -> None:
    area = ChallengeArea.objects.filter(slug=AREA_SLUG).first()
    organiser = _organiser()
    if area is None or organiser is None:
        stdout.write("    workshops: no housing challenge area or organiser yet; demo skipped")
        return
    added = _housing_demo(area)
    workshop = _workshop(organiser, area)
    _insight(organiser, workshop)
    _webinar(organiser, area)
    stdout.write(
        f"    workshops: demo workshop with {workshop.cohort.count()} cities "
        f"({added} demo housing entries added), insight and webinar ready"
    )
