"""The demo workshop's invented content (all labelled as demo content where it is shown)."""

from citypeers.knowledge.enums import CostBand, EvidenceLevel, Priority
from citypeers.workshops.enums import Attribution, StatementKind

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
    (
        ("Denver", "CO"),
        Priority.HIGH,
        "Rents are outpacing incomes near new transit lines.",
        (
            "Community land trust on surplus city land",
            [AREA_SLUG, "affordable-housing-supply"],
            "A community land trust holds city land so homes built on it stay affordable "
            "for 99 years.",
            CostBand.FROM_1M,
            EvidenceLevel.EVALUATED,
        ),
    ),
    (
        ("Dallas", "TX"),
        Priority.HIGH,
        "Too few homes are being built for low-income families.",
        (
            "Zoning reform for missing-middle homes",
            [AREA_SLUG, "zoning-and-permitting"],
            "Zoning changes allow duplexes and townhouses on lots near corridors; permits are "
            "fast-tracked.",
            CostBand.UNDER_50K,
            EvidenceLevel.MONITORED,
        ),
    ),
    (
        ("Phoenix", "AZ"),
        Priority.MEDIUM,
        "Evictions rose sharply after rents jumped.",
        (
            "Eviction-prevention rental assistance",
            [AREA_SLUG, "tenant-protection"],
            "Emergency rental vouchers and a tenant navigator reach households facing eviction.",
            CostBand.FROM_250K,
            EvidenceLevel.EVALUATED,
        ),
    ),
    (
        ("Chattanooga", "TN"),
        Priority.MEDIUM,
        "Older homes are falling into disrepair.",
        (
            "Housing dashboard for vacant and at-risk homes",
            [AREA_SLUG],
            "A data dashboard combines code-enforcement and tax data to target repair grants.",
            CostBand.FROM_50K,
            EvidenceLevel.MONITORED,
        ),
    ),
    (
        ("Chicago", "IL"),
        Priority.HIGH,
        "Long-time residents are priced out of their neighbourhoods.",
        (
            "Anchor-institution employer housing partnership",
            [AREA_SLUG, "racial-equity"],
            "A partnership with hospitals and universities co-funds homes for their workers.",
            CostBand.FROM_1M,
            EvidenceLevel.ANECDOTAL,
        ),
    ),
    (("Miami", "FL"), Priority.HIGH, "Housing costs and flood risk push families out.", None),
    (
        ("Kansas City", "MO"),
        Priority.MEDIUM,
        "Tenants lack a clear way to report unsafe homes.",
        (
            "Tenant bill of rights and online complaints portal",
            [AREA_SLUG, "tenant-protection"],
            "An ordinance sets tenant rights and an online portal routes complaints to inspectors.",
            CostBand.FROM_50K,
            EvidenceLevel.MONITORED,
        ),
    ),
    (("Tempe", "AZ"), Priority.LOW, "Student demand squeezes family rentals.", None),
]

STATEMENTS = [
    (
        StatementKind.CHALLENGE,
        "Land prices near transit doubled in six years; anything we build "
        "there at market cost is out of reach for teachers and nurses.",
        Attribution.NAMED,
        "Dana Rivera (demo)",
        0,
    ),
    (
        StatementKind.APPROACH,
        "We moved three surplus lots into the land trust before selling "
        "anything; the trust's board includes residents.",
        Attribution.CITY_ONLY,
        "",
        0,
    ),
    (
        StatementKind.RESULT,
        "Missing-middle permits went from 12 to 85 a year once duplexes no "
        "longer needed a variance.",
        Attribution.CITY_ONLY,
        "",
        1,
    ),
    (
        StatementKind.BARRIER,
        "Neighbourhood opposition slowed the first two projects by a year.",
        Attribution.UNATTRIBUTED,
        "",
        1,
    ),
    (
        StatementKind.IDEA,
        "Share one template for land-trust ground leases across the cohort.",
        Attribution.NAMED,
        "Sam Okafor (demo)",
        2,
    ),
    (
        StatementKind.QUESTION,
        "How do you keep resale prices affordable without scaring off lenders?",
        Attribution.UNATTRIBUTED,
        "",
        2,
    ),
]
