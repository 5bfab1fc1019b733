"""Demo content for workshops: a housing-affordability workshop with a proposed cohort, a
session with captured statements, a published insight and a how-to webinar.

Everything here is invented for the demo (`is_demo=True`, titles end in "(demo)"). The
knowledge app's demo has only two cities with a housing statement, so this adds illustrative
housing statements and solutions for a few demo cities, through the knowledge services and
labelled as demo content, so the optimiser has a real choice to make. Idempotent.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import F
from django.utils import timezone

from citypeers.accounts.models import Organisation, User
from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge.enums import CostBand, EvidenceLevel, Priority, SolutionStatus
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.knowledge.services.solutions import create_solution
from citypeers.knowledge.services.statements import create_statement
from citypeers.workshops.enums import (
    Attribution,
    ContributorRole,
    InsightAudience,
    InsightState,
    StatementKind,
    WebinarStatus,
    WorkshopState,
)
from citypeers.workshops.models import CohortMember, Insight, Webinar, Workshop
from citypeers.workshops.services import cohort, insights, sessions, webinars, workshops

AREA_SLUG = "housing-affordability"
WORKSHOP_TITLE = "Keeping homes affordable: housing challenge workshop (demo)"
WEBINAR_TITLE = "How to start a community land trust (demo)"
INSIGHT_TITLE = "Pair public land with a community land trust to keep homes affordable (demo)"
ZONE = "America/Chicago"
DEMO = "Demo content: an illustrative statement for trying CityPeers, not one made by {city}. "
SOURCE = "Demo content written for CityPeers; not a record of this city's work."

# (city, state), priority, narrative; then an optional demo solution:
# (title, challenge area slugs, approach, cost, evidence)
HOUSING_CITIES = [
    (("Denver", "CO"), Priority.HIGH, "Rents are outpacing incomes near new transit lines.",
     ("Community land trust on surplus city land", [AREA_SLUG, "affordable-housing-supply"],
      "A community land trust holds city land so homes built on it stay affordable for 99 years.",
      CostBand.FROM_1M, EvidenceLevel.EVALUATED)),
    (("Dallas", "TX"), Priority.HIGH, "Too few homes are being built for low-income families.",
     ("Zoning reform for missing-middle homes", [AREA_SLUG, "zoning-and-permitting"],
      "Zoning changes allow duplexes and townhouses on lots near corridors; permits are fast-tracked.",
      CostBand.UNDER_50K, EvidenceLevel.MONITORED)),
    (("Phoenix", "AZ"), Priority.MEDIUM, "Evictions rose sharply after rents jumped.",
     ("Eviction-prevention rental assistance", [AREA_SLUG, "tenant-protection"],
      "Emergency rental vouchers and a tenant navigator reach households facing eviction.",
      CostBand.FROM_250K, EvidenceLevel.EVALUATED)),
    (("Chattanooga", "TN"), Priority.MEDIUM, "Older homes are falling into disrepair.",
     ("Housing dashboard for vacant and at-risk homes", [AREA_SLUG],
      "A data dashboard combines code-enforcement and tax data to target repair grants.",
      CostBand.FROM_50K, EvidenceLevel.MONITORED)),
    (("Chicago", "IL"), Priority.HIGH, "Long-time residents are priced out of their neighbourhoods.",
     ("Anchor-institution employer housing partnership", [AREA_SLUG, "racial-equity"],
      "A partnership with hospitals and universities co-funds homes for their workers.",
      CostBand.FROM_1M, EvidenceLevel.ANECDOTAL)),
    (("Miami", "FL"), Priority.HIGH, "Housing costs and flood risk push families out.", None),
    (("Kansas City", "MO"), Priority.MEDIUM, "Tenants lack a clear way to report unsafe homes.",
     ("Tenant bill of rights and online complaints portal", [AREA_SLUG, "tenant-protection"],
      "An ordinance sets tenant rights and an online portal routes complaints to inspectors.",
      CostBand.FROM_50K, EvidenceLevel.MONITORED)),
    (("Tempe", "AZ"), Priority.LOW, "Student demand squeezes family rentals.", None),
]

STATEMENTS = [
    (StatementKind.CHALLENGE, "Land prices near transit doubled in six years; anything we build "
     "there at market cost is out of reach for teachers and nurses.", Attribution.NAMED,
     "Dana Rivera (demo)", 0),
    (StatementKind.APPROACH, "We moved three surplus lots into the land trust before selling "
     "anything; the trust's board includes residents.", Attribution.CITY_ONLY, "", 0),
    (StatementKind.RESULT, "Missing-middle permits went from 12 to 85 a year once duplexes no "
     "longer needed a variance.", Attribution.CITY_ONLY, "", 1),
    (StatementKind.BARRIER, "Neighbourhood opposition slowed the first two projects by a year.",
     Attribution.UNATTRIBUTED, "", 1),
    (StatementKind.IDEA, "Share one template for land-trust ground leases across the cohort.",
     Attribution.NAMED, "Sam Okafor (demo)", 2),
    (StatementKind.QUESTION, "How do you keep resale prices affordable without scaring off "
     "lenders?", Attribution.UNATTRIBUTED, "", 2),
]


def _city(name: str, state: str) -> Jurisdiction | None:
    return (
        Jurisdiction.objects.filter(name=name, state=state).exclude(kind="county")
        .order_by(F("population").desc(nulls_last=True), "pk").first()
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
                jurisdiction=city, area=area, priority=priority, is_demo=True,
                narrative=DEMO.format(city=name) + narrative, source_note=SOURCE,
                status=PublicationStatus.PUBLISHED,
            )
            added += 1
        if solution is None:
            continue
        title, slugs, approach, cost, evidence = solution
        if Solution.objects.filter(title=f"{title} (demo)", owner=city).exists():
            continue
        create_solution(
            owner=city, title=f"{title} (demo)", is_demo=True, source_note=SOURCE,
            challenges=[children[s] for s in slugs if s in children],
            problem=DEMO.format(city=name) + narrative, approach=approach, cost_band=cost,
            evidence_level=evidence, solution_status=SolutionStatus.IMPLEMENTED,
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
    hosts = Organisation.objects.filter(kind__in=["coalition", "partner"]).order_by("kind", "name")[:2]
    workshop = workshops.create_workshop(
        by=organiser, title=WORKSHOP_TITLE, area=area, format="hybrid",
        purpose=(
            "**Demo content.** Cities that face rising rents but tried different things — land "
            "trusts, zoning reform, rental assistance, data-driven repair programmes — compare "
            "what worked and leave with a short list of actions each can take next."
        ),
        starts_on=start, ends_on=start + timedelta(days=28), time_zone=ZONE, capacity=30,
        cohort_min=4, cohort_max=6, max_per_state=1, max_per_region=3,
        host_organisations=list(hosts), is_demo=True,
    )
    cohort.run_cohort(workshop=workshop, by=organiser)
    workshops.transition_workshop(
        workshop=workshop, to_state=WorkshopState.RECRUITING, by=organiser,
        note="Demo: cohort proposed",
    )
    expert = User.objects.filter(expertise__gt="", is_network_organiser=False,
                                 is_superuser=False).order_by("pk").first()
    session = sessions.save_session(
        workshop=workshop, by=organiser, title="What each city tried (demo)",
        starts_at=_at(start, 10), ends_at=_at(start, 12), location="Online and at City Hall",
        video_url="https://video.example.org/demo-housing-workshop",
        agenda="1. Welcome and the challenge in numbers\n2. Three-minute city stories\n"
               "3. What worked, what got in the way\n4. Ideas to test next",
    )
    if expert is not None:
        workshops.add_contributor(workshop=workshop, by=organiser, role=ContributorRole.ADVISOR,
                                  user=expert, session=session, topic="Evaluating housing programmes")
    partner = Organisation.objects.filter(kind="partner").order_by("name").first()
    if partner is not None:
        workshops.add_contributor(workshop=workshop, by=organiser, role=ContributorRole.PARTNER,
                                  organisation=partner, topic="Funding land acquisition")
    members = list(workshop.cohort.select_related("jurisdiction").order_by("jurisdiction__name"))
    for kind, text, attribution, speaker, index in STATEMENTS:
        city = members[index % len(members)].jurisdiction if members else None
        if city is None:
            attribution = Attribution.UNATTRIBUTED
        sessions.capture_statement(
            session=session, by=organiser, kind=kind, text=text, attribution=attribution,
            speaker_name=speaker, jurisdiction=city, is_demo=True,
        )
    return workshop


def _insight(organiser, workshop) -> Insight:
    insight = Insight.objects.filter(title=INSIGHT_TITLE, is_demo=True).first()
    if insight is not None:
        return insight
    cities = [m.jurisdiction for m in CohortMember.objects.filter(workshop=workshop)
              .select_related("jurisdiction")]
    solutions = list(Solution.objects.filter(owner__in=cities, is_demo=True,
                                             challenges=workshop.area).distinct()[:3])
    insight = insights.create_insight(
        by=organiser, title=INSIGHT_TITLE, area=workshop.area, workshop=workshop, is_demo=True,
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
        cost_band=CostBand.FROM_250K, effort="medium",
        metrics=["Homes kept affordable after resale", "Median household income served",
                 "Months from land transfer to occupancy"],
        criteria_codes=["PM-2", "OD-1"], tags=["land trust", "zoning", "public land"],
        evidence_note="Demo content: synthesised from the demo workshop's first session.",
        evidence_cities=cities[:3], evidence_solutions=solutions,
        audience=InsightAudience.PUBLIC,
    )
    insights.transition_insight(insight=insight, to_state=InsightState.REVIEWED, by=organiser)
    insights.transition_insight(insight=insight, to_state=InsightState.PUBLISHED, by=organiser)
    return insight


def _webinar(organiser, area) -> Webinar:
    webinar = Webinar.objects.filter(title=WEBINAR_TITLE, is_demo=True).first()
    if webinar is not None:
        return webinar
    day = timezone.localdate() + timedelta(days=14)
    webinar = webinars.create_webinar(
        by=organiser, title=WEBINAR_TITLE, area=area, time_zone=ZONE, capacity=100,
        description=(
            "**Demo content.** A practical hour on setting up a community land trust: governance, "
            "ground leases, financing and the first homes. Bring your questions."
        ),
        starts_at=_at(day, 13), ends_at=_at(day, 14),
        video_url="https://video.example.org/demo-land-trust-webinar",
        co_hosts=list(Organisation.objects.filter(kind__in=["coalition", "partner"])
                      .order_by("kind", "name")[:2]),
        is_demo=True,
    )
    return webinars.set_webinar_status(webinar=webinar, status=WebinarStatus.PUBLISHED,
                                       by=organiser)


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
