"""The demo partnership of coalitions modelled on seed 004, and demo replications.

Idempotent: organisations, profiles and partnerships are found by slug, replications by
(solution, adopting city); nothing is created twice. Nothing people changed is overwritten:
a coalition profile is written once, and the partnership is refreshed only while it still
holds what the seed wrote (`selectors.regions.partnership_edited_since_seeded`); an edited one
is left alone and the run says so.

What is real and what is demo: the seven coalitions, their names, regions and one-line
missions, the partnership and its three founding alliances come from Smart Cities Connect's
report on the National Smart Coalitions Partnership (SOURCE). That report names no member
governments, so every member roster is demo content (accounts.setup seeds two; this seeds the
other five), as are the shared agenda, the projects and every replication.
"""

import datetime as dt

from citypeers.accounts import services as accounts_services
from citypeers.accounts.enums import OrganisationKind
from citypeers.accounts.models import Organisation, User
from citypeers.accounts.setup import find_jurisdiction
from citypeers.coalitions import services
from citypeers.coalitions.enums import ReplicationVisibility
from citypeers.coalitions.models import BarrierKind, CoalitionProfile, Partnership, Replication
from citypeers.coalitions.selectors.regions import partnership_edited_since_seeded
from citypeers.knowledge.models import ChallengeArea, Solution
from citypeers.knowledge.setup import demo_solution_slug

SOURCE = (
    "Smart Cities Connect, “Smart Regions Unite to Form the National Smart Coalitions "
    "Partnership” (seven regional alliances, more than 100 governments)"
)
DEMO_ROSTER = (
    "Demo content: the member governments listed on CityPeers illustrate how a "
    "coalition keeps its roster; they are not the alliance's real membership list."
)

# slug, name, website, region states, mission (paraphrasing SOURCE), demo member cities
COALITIONS = [
    (
        "colorado-smart-cities-alliance",
        "Colorado Smart Cities Alliance",
        "https://www.coloradosmartcities.org/",
        ["CO"],
        "A statewide organisation bringing government, businesses and allied organisations "
        "together on innovative technology partnerships: partnership building, research, "
        "education and consulting.",
        [],
    ),
    (
        "north-texas-innovation-alliance",
        "North Texas Innovation Alliance",
        "https://www.ntxia.org/",
        ["TX"],
        "A 501(c)(3) initiative of stakeholders across sectors building and implementing a "
        "regional smart-city strategy for North Texas.",
        [],
    ),
    (
        "the-connective",
        "The Connective",
        "",
        ["AZ"],
        "A research and implementation partnership of the public sector, academia, industry and "
        "civic institutions for smart-city technology across the twenty-three communities of the "
        "Greater PHX Region of Arizona.",
        [
            ("Phoenix", "AZ"),
            ("Tempe", "AZ"),
            ("Mesa", "AZ"),
            ("Chandler", "AZ"),
            ("Scottsdale", "AZ"),
        ],
    ),
    (
        "illinois-smart-city-region-association",
        "Illinois Smart City & Region Association",
        "",
        ["IL"],
        "A 501(c)(3) association that brings municipalities and technology vendors together on a "
        "neutral platform for education, collaboration and facilitation.",
        [("Chicago", "IL"), ("Naperville", "IL"), ("Evanston", "IL"), ("Peoria", "IL")],
    ),
    (
        "kc-digital-drive",
        "KC Digital Drive",
        "",
        ["KS", "MO"],
        "A civic non-profit serving the Greater Kansas City metro area, developing projects at "
        "the intersection of emerging technology and civic impact.",
        [("Kansas City", "MO"), ("Independence", "MO"), ("Overland Park", "KS"), ("Olathe", "KS")],
    ),
    (
        "southern-arizona-smart-region",
        "Southern Arizona Smart Region",
        "",
        ["AZ"],
        "Led by the Regional Partnering Center, building public and private support for "
        "collaborative efforts on the greater Tucson region's competitiveness and quality of life.",
        [("Tucson", "AZ"), ("Marana", "AZ"), ("Oro Valley", "AZ"), ("Sahuarita", "AZ")],
    ),
    (
        "smart-north-florida",
        "Smart North Florida",
        "",
        ["FL"],
        "A nonprofit using regional collaboration, data coordination and smart technologies for "
        "Northeast Florida's competitiveness, sustainability and quality of life.",
        [("Jacksonville", "FL"), ("Saint Augustine", "FL"), ("Fernandina Beach", "FL")],
    ),
]
FOUNDERS = ["north-texas-innovation-alliance", "the-connective", "southern-arizona-smart-region"]
AGENDA = [
    "smart-city-technology",
    "regional-competitiveness",
    "open-data",
    "flooding-and-stormwater",
    "broadband-access",
]

# origin solution title (knowledge demo), adopting city, stages walked, barriers, model,
# outcome (metric, baseline, value, unit) or None
REPLICATIONS = [
    (
        "Shared procurement template for smart-city pilots",
        ("Plano", "TX"),
        ["adapting"],
        ["procurement", "legal"],
        "shared_procurement",
        None,
    ),
    (
        "Shared procurement template for smart-city pilots",
        ("Tucson", "AZ"),
        ["adapting", "piloting"],
        ["procurement", "staff-capacity"],
        "shared_procurement",
        None,
    ),
    (
        "Open data portal for city sensor data",
        ("Aurora", "CO"),
        ["adapting", "piloting"],
        ["data-sharing", "privacy-security"],
        "general_fund",
        ("Datasets published", 12, 48, "datasets"),
    ),
    (
        "Open data portal for city sensor data",
        ("Arlington", "TX"),
        [],
        ["vendor-lock-in"],
        "",
        None,
    ),
    (
        "Stormwater sensor network",
        ("Jacksonville", "FL"),
        ["adapting", "piloting", "scaling"],
        ["funding", "procurement", "interoperability"],
        "grant",
        ("Flood alerts sent before street flooding", 0, 21, "alerts"),
    ),
    (
        "Public Wi-Fi along the streetcar line",
        ("Denton", "TX"),
        ["adapting", "dropped"],
        ["funding", "vendor-lock-in"],
        "ppp",
        None,
    ),
    (
        "Water-wise landscape rebates",
        ("Boulder", "CO"),
        ["adapting", "piloting"],
        ["community-trust"],
        "enterprise_fund",
        ("Peak summer water use per household", 610, 575, "gallons/day"),
    ),
]
PARTNERSHIP_SLUG = "national-smart-coalitions-partnership"
PARTNERSHIP_TEXT = (
    "Seven regional smart-city alliances, uniting more than 100 governments, working "
    "to lower the barriers to deploying, replicating and scaling smart solutions across "
    "states; a first topic is financial models that let the public sector capture "
    "revenue. Organisers listed here are the founding alliances named in the source. "
    "The shared agenda on CityPeers is demo content."
)
DROP_REASON = "Demo: the carrier partner withdrew and no grant covered the gap."


def _admin() -> User | None:
    return User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def _coalition(slug, name, website, states, mission, cities, admin, stdout) -> Organisation:
    coalition = Organisation.objects.filter(slug=slug).first()
    if coalition is None:
        coalition = accounts_services.create_organisation(
            name=name,
            kind=OrganisationKind.COALITION,
            website=website,
            is_demo=True,
            slug=slug,
            description=f"{mission}\n\n{DEMO_ROSTER}",
        )
    for city, state in cities:
        jurisdiction = find_jurisdiction(city, state)
        if jurisdiction is None:
            stdout.write(f"    (skipped {city}, {state}: not in the directory)")
            continue
        accounts_services.add_network_member(organisation=coalition, jurisdiction=jurisdiction)
    if not CoalitionProfile.objects.filter(organisation=coalition).exists():
        # Once written, the profile is the coalition's own: a later setup keeps its edits.
        services.save_coalition_profile(
            coalition=coalition,
            actor=admin,
            mission=mission,
            region_states=states,
            source_note=SOURCE,
            is_demo=False,
        )
    return coalition


def _replicate(row, admin, kinds) -> bool:
    title, (city, state), stages, barriers, model, outcome = row
    solution = Solution.objects.filter(slug=demo_solution_slug(title)).first()
    adopter = find_jurisdiction(city, state)
    if solution is None or adopter is None:
        return False
    if Replication.objects.filter(solution=solution, adopter=adopter).exists():
        return False
    replication = services.start_replication(
        solution=solution,
        adopter=adopter,
        actor=admin,
        is_demo=True,
        financial_model=model,
        visibility=ReplicationVisibility.PUBLIC,
        started_on=dt.date(2025, 3, 1),
        adapted="Demo content: written to show a replication record; not a record of what "
        f"{adopter.name} did.",
    )
    for month, stage in enumerate(stages, start=5):
        reason = DROP_REASON if stage == "dropped" else ""
        services.change_stage(
            replication=replication,
            stage=stage,
            reason=reason,
            changed_on=dt.date(2025, month, 1),
            actor=admin,
        )
    services.update_replication(
        replication=replication,
        actor=admin,
        barriers=[
            services.BarrierData(kind=kinds[slug], notes="Demo content.")
            for slug in barriers
            if slug in kinds
        ],
        outcomes=[
            services.OutcomeData(
                metric=outcome[0],
                baseline=outcome[1],
                value=outcome[2],
                unit=outcome[3],
                measured_on=dt.date(2025, 12, 1),
                source_note="Demo content.",
            )
        ]
        if outcome
        else [],
    )
    return True


def setup_site(stdout) -> None:
    admin = _admin()
    if admin is None:
        stdout.write("    coalitions: skipped (no site admin to act as; run accounts first)")
        return
    coalitions = {row[0]: _coalition(*row, admin, stdout) for row in COALITIONS}
    existing = Partnership.objects.filter(slug=PARTNERSHIP_SLUG).first()
    if existing is not None and partnership_edited_since_seeded(existing):
        partnership_note = "1 partnership kept as edited"
        stdout.write(
            f"    (kept {existing.name}: edited on CityPeers since it was seeded, not overwritten)"
        )
    else:
        partnership_note = "1 partnership"
        services.save_partnership(
            slug=PARTNERSHIP_SLUG,
            name="National Smart Coalitions Partnership",
            actor=admin,
            coalitions=list(coalitions.values()),
            organisers=[coalitions[slug] for slug in FOUNDERS],
            agenda=list(ChallengeArea.objects.filter(slug__in=AGENDA)),
            description=PARTNERSHIP_TEXT,
            source_note=SOURCE,
            is_demo=True,
            seeded=True,
        )
    kinds = {k.slug: k for k in BarrierKind.objects.all()}
    made = sum(_replicate(row, admin, kinds) for row in REPLICATIONS)
    stdout.write(
        f"    coalitions: {len(coalitions)} coalitions, {partnership_note}, "
        f"{made} demo replications added"
    )
