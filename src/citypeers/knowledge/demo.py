"""Demo content: challenge statements for real cities named in the seed documents, and demo
solutions that give two-way matching something to work with.

Statements about Los Angeles and Boston repeat what the cited source says, nothing more, and
are not demo content. Everything else here is illustrative (`is_demo=True`): the statements say
so in their first words and carry the sourced context they rest on, and every solution is
invented for the demo and titled "(demo)".
"""

import datetime as dt

SRC_WWC = (
    "Clarence E. Anthony (NLC CEO), CitiesSpeak blog post on the NLC and Results for America "
    "partnership for What Works Cities Certification"
)
SRC_NRN = "National Resource Network, “Connecting City Leaders” (peer convenings 2014 to 2016)"
SRC_NSCP = (
    "Smart Cities Connect, “Smart Regions Unite to Form the National Smart Coalitions Partnership”"
)

LA = ("Los Angeles", "CA")
BOSTON = ("Boston", "MA")

# What the source says about each city, in one sentence per city (facts with their source, in
# our words): every statement of that city rests on it, and the profile shows it once beside
# the areas it names.
LA_QUOTE = (
    "NLC's chief executive names six issues on which data-driven solutions are helping Los "
    "Angeles (then the only city certified at the gold level): street cleanliness, affordable "
    "housing, public amenities, police hiring, the urban heat island effect and civic "
    "engagement."
)
BOSTON_QUOTE = (
    "NLC's chief executive names issues on which a more data-centric model has helped Boston "
    "improve: veteran and chronic homelessness, housing, EMS response times and local "
    "investment, among others."
)
# Narratives seeded by earlier versions (one generated sentence per issue); setup replaces
# them with the quote when nobody has edited them since.
EARLIER_NARRATIVE_PREFIXES = ("Named by NLC's chief executive as one of the issues",)

_LA_AREAS = [
    "street-cleanliness",
    "affordable-housing-supply",
    "public-amenities",
    "police-hiring",
    "urban-heat-island",
    "resident-participation",
]
_BOSTON_AREAS = [
    "veteran-homelessness",
    "chronic-homelessness",
    "housing-affordability",
    "ems-response-times",
    "local-investment",
]

# (city, state), area slug, narrative, source, is_demo
STATEMENTS: list[tuple[tuple[str, str], str, str, str, bool]] = [
    *[(LA, area, LA_QUOTE, SRC_WWC, False) for area in _LA_AREAS],
    *[(BOSTON, area, BOSTON_QUOTE, SRC_WWC, False) for area in _BOSTON_AREAS],
]

_DEMO = "Demo content: an illustrative statement for trying CityPeers, not one made by {city}. "
_DEMO_STATEMENTS = [
    (
        ("Chattanooga", "TN"),
        "broadband-access",
        "Chattanooga hosted the National Resource Network's inaugural peer convening in 2014; "
        "the Network's city-written guide “Access and Inclusion in the Digital Age” covers "
        "high-speed internet access and digital inclusion.",
        SRC_NRN,
    ),
    (
        ("Miami", "FL"),
        "workforce-development",
        "Miami hosted the National Resource Network's 2015 peer convening; the Network's guide "
        "“Growing Wages & Jobs” covers workforce development and public education.",
        SRC_NRN,
    ),
    (
        ("New Orleans", "LA"),
        "racial-equity",
        "New Orleans hosted the National Resource Network's 2016 peer convening, which brought "
        "together more than 100 representatives from 30 to 50 cities.",
        SRC_NRN,
    ),
    (
        ("Denver", "CO"),
        "smart-city-technology",
        "The Colorado Smart Cities Alliance, a member of the National Smart Coalitions "
        "Partnership, works to improve life for all Coloradans through innovative technology "
        "partnerships.",
        SRC_NSCP,
    ),
    (
        ("Dallas", "TX"),
        "regional-competitiveness",
        "The North Texas Innovation Alliance builds a regional smart city strategy for North "
        "Texas; its view of a smart region includes inclusive economic development.",
        SRC_NSCP,
    ),
    (
        ("Plano", "TX"),
        "sustainability",
        "The North Texas Innovation Alliance's view of a smart region includes resource "
        "efficiency and aims for a connected, smart and resilient region.",
        SRC_NSCP,
    ),
    (
        ("Phoenix", "AZ"),
        "smart-city-technology",
        "The Connective drives the adoption of smart city technology across the twenty-three "
        "communities of the Greater PHX Region of Arizona.",
        SRC_NSCP,
    ),
    (
        ("Tempe", "AZ"),
        "open-data",
        "The Connective is a research and implementation partnership of public sector, academia, "
        "industry and civic institutions in the Greater PHX Region of Arizona.",
        SRC_NSCP,
    ),
    (
        ("Tucson", "AZ"),
        "regional-competitiveness",
        "The Southern Arizona Smart Region, led by the Regional Partnering Center, works to build "
        "the greater Tucson region's economic competitiveness.",
        SRC_NSCP,
    ),
    (
        ("Kansas City", "MO"),
        "broadband-access",
        "KC Digital Drive works to establish Kansas City as a digital leader for the Greater "
        "Kansas City metro area.",
        SRC_NSCP,
    ),
    (
        ("Jacksonville", "FL"),
        "sustainability",
        "Smart North Florida harnesses regional collaboration, data coordination and smart "
        "technologies to improve Northeast Florida's competitiveness and sustainability.",
        SRC_NSCP,
    ),
    (
        ("Chicago", "IL"),
        "racial-equity",
        "The Illinois Smart City & Region Association helps municipalities use technology to "
        "improve quality of life and increase social equity.",
        SRC_NSCP,
    ),
]
STATEMENTS += [
    (city, area, _DEMO.format(city=f"the City of {city[0]}") + context, source, True)
    for city, area, context, source in _DEMO_STATEMENTS
]


def _outcome(name, baseline, value, unit, year, month=12):
    return {
        "name": name,
        "baseline": baseline,
        "value": value,
        "unit": unit,
        "measured_on": dt.date(year, month, 1),
    }


DEMO_PREFIX = "Demo content, illustrative only. "
# Each: owner, title, challenge slugs, problem, approach, cost, start, stage, evidence, outcomes
SOLUTIONS = [
    (
        BOSTON,
        "Block-by-block street cleanliness scores",
        ["street-cleanliness"],
        "Complaints about litter were the only signal of where streets needed attention.",
        "Inspectors rate a random sample of blocks each month on a five-point scale; crews are "
        "routed to the lowest-scoring blocks and scores are published on an open dashboard.",
        "50k-250k",
        (2021, 3),
        "implemented",
        "monitored",
        [
            _outcome("Blocks rated clean or better", 61, 78, "%", 2023),
            _outcome("Median days to clear a reported dumping site", 9, 4, "days", 2023),
        ],
    ),
    (
        LA,
        "By-name list for veteran housing placements",
        ["veteran-homelessness", "chronic-homelessness"],
        "Veterans experiencing homelessness were known to several agencies but no one list.",
        "Outreach teams, the VA and housing providers share one by-name list and meet weekly to "
        "match each veteran to a housing option within 90 days.",
        "250k-1m",
        (2020, 6),
        "scaled",
        "evaluated",
        [
            _outcome("Veterans housed per month", 38, 71, "people", 2023),
            _outcome("Median days from contact to housing", 142, 88, "days", 2023),
        ],
    ),
    (
        LA,
        "Cool pavement and shade pilot",
        ["urban-heat-island", "tree-canopy"],
        "Some neighbourhoods measured surface temperatures far above the city average in summer.",
        "Reflective coating on residential streets plus shade trees at bus stops, with sensors "
        "measuring surface temperature before and after.",
        "1m-5m",
        (2022, 5),
        "piloting",
        "monitored",
        [_outcome("Afternoon surface temperature on treated streets", 62, 56, "°C", 2023, 8)],
    ),
    (
        BOSTON,
        "EMS dispatch triage dashboard",
        ["ems-response-times", "911-call-triage"],
        "Ambulance response times rose while low-acuity calls took up units.",
        "Dispatch data feeds a live dashboard; a nurse line handles low-acuity calls so "
        "ambulances stay free for emergencies.",
        "250k-1m",
        (2021, 9),
        "implemented",
        "evaluated",
        [
            _outcome("90th-percentile response time, priority 1", 11.2, 9.4, "minutes", 2023),
            _outcome("Low-acuity calls diverted to nurse line", 0, 18, "%", 2023),
        ],
    ),
    (
        ("Phoenix", "AZ"),
        "Heat-vulnerability map for cooling centres",
        ["urban-heat-island", "heat-health"],
        "Cooling centres were placed where buildings were available, not where risk was highest.",
        "A map combining surface temperature, age, and air-conditioning access guides where "
        "cooling centres open and where outreach goes during heat warnings.",
        "under-50k",
        (2022, 4),
        "implemented",
        "monitored",
        [_outcome("Residents within a 10-minute walk of a cooling centre", 41, 63, "%", 2023, 9)],
    ),
    (
        ("Tempe", "AZ"),
        "Open data portal for city sensor data",
        ["open-data", "smart-city-technology"],
        "Sensor data sat in vendor systems that staff and residents could not reach.",
        "Procurement terms require open formats; a portal publishes sensor feeds with "
        "documentation and a quarterly data-use review.",
        "50k-250k",
        (2020, 1),
        "scaled",
        "monitored",
        [_outcome("Datasets published", 40, 155, "datasets", 2023)],
    ),
    (
        ("Denver", "CO"),
        "Shared procurement template for smart-city pilots",
        ["smart-city-technology", "regional-competitiveness"],
        "Each city negotiated pilots alone, so vendors had to repeat the work and costs stayed "
        "high.",
        "A template agreement with data-sharing, privacy and exit clauses that neighbouring "
        "cities can adopt as is.",
        "under-50k",
        (2022, 1),
        "implemented",
        "anecdotal",
        [_outcome("Cities using the template", 1, 7, "cities", 2023)],
    ),
    (
        ("Kansas City", "MO"),
        "Public Wi-Fi along the streetcar line",
        ["broadband-access"],
        "Residents without home internet had few places to get online downtown.",
        "Free Wi-Fi access points installed along the transit corridor, with usage counted "
        "anonymously.",
        "1m-5m",
        (2019, 5),
        "scaled",
        "monitored",
        [_outcome("Monthly unique devices", 12000, 41000, "devices", 2023)],
    ),
    (
        ("Chattanooga", "TN"),
        "Digital navigators at public libraries",
        ["digital-skills", "broadband-access"],
        "Low-cost internet offers went unused because sign-up was hard.",
        "Trained navigators at library branches help residents sign up for low-cost plans, get "
        "a device and learn the basics.",
        "50k-250k",
        (2021, 10),
        "implemented",
        "evaluated",
        [_outcome("Households connected through navigators", 0, 1850, "households", 2023)],
    ),
    (
        ("Chicago", "IL"),
        "Equity lens for capital budgeting",
        ["racial-equity", "asset-management"],
        "Capital projects followed complaint volume, which under-served some neighbourhoods.",
        "Every capital request is scored on need indicators by neighbourhood before ranking; "
        "the scores are published with the budget.",
        "under-50k",
        (2022, 7),
        "implemented",
        "monitored",
        [_outcome("Capital dollars in highest-need neighbourhoods", 28, 41, "%", 2024, 6)],
    ),
    (
        ("New Orleans", "LA"),
        "Participatory neighbourhood budgeting",
        ["resident-participation", "racial-equity"],
        "Residents had little say in how small neighbourhood budgets were spent.",
        "Residents propose and vote on projects for a set share of each district's budget, "
        "with ballots in several languages.",
        "250k-1m",
        (2021, 2),
        "implemented",
        "monitored",
        [_outcome("Residents voting", 2100, 6400, "people", 2023)],
    ),
    (
        ("Dallas", "TX"),
        "Summer youth jobs with outcome tracking",
        ["youth-employment", "workforce-development"],
        "The city funded summer jobs but did not know what happened to participants after.",
        "Employers report hours and skills; participants are followed (with consent) for a "
        "year for school re-enrolment and employment.",
        "1m-5m",
        (2020, 6),
        "scaled",
        "evaluated",
        [
            _outcome("Participants", 900, 2400, "young people", 2023, 9),
            _outcome("Employed or in school a year later", 71, 83, "%", 2023, 9),
        ],
    ),
    (
        ("Miami", "FL"),
        "Stormwater sensor network",
        ["flooding-and-stormwater", "sustainability"],
        "Street flooding was reported by residents after the fact.",
        "Low-cost water-level sensors in storm drains alert crews before streets flood and "
        "inform where to upgrade drainage.",
        "250k-1m",
        (2022, 2),
        "piloting",
        "monitored",
        [_outcome("Flood alerts sent before street flooding", 0, 64, "alerts", 2023)],
    ),
    (
        ("Jacksonville", "FL"),
        "Small-business grants dashboard",
        ["small-business", "regional-competitiveness"],
        "Grant programmes could not show which businesses and neighbourhoods they reached.",
        "Every grant is mapped and tracked for business survival at 12 and 24 months on a "
        "public dashboard.",
        "under-50k",
        (2021, 5),
        "implemented",
        "monitored",
        [_outcome("Grantees still open after 24 months", 70, 86, "%", 2023)],
    ),
    (
        ("Tucson", "AZ"),
        "Water-wise landscape rebates",
        ["sustainability", "tree-canopy"],
        "Outdoor watering drove peak water demand.",
        "Rebates for replacing turf with native, shade-giving plants, verified by photos and "
        "metered use.",
        "250k-1m",
        (2019, 3),
        "scaled",
        "evaluated",
        [_outcome("Peak summer water use per household", 560, 470, "gallons/day", 2023, 8)],
    ),
    (
        ("Plano", "TX"),
        "Police recruitment funnel analytics",
        ["police-hiring"],
        "Many applicants dropped out between application and academy without anyone knowing why.",
        "Each stage of the hiring process is tracked; slow steps were shortened and applicants "
        "get a named contact.",
        "under-50k",
        (2022, 9),
        "implemented",
        "monitored",
        [
            _outcome("Applicants reaching the academy", 9, 15, "%", 2023),
            _outcome("Days from application to offer", 160, 95, "days", 2023),
        ],
    ),
    (
        LA,
        "Affordable-housing pipeline tracker",
        ["affordable-housing-supply", "zoning-and-permitting"],
        "Developers and residents could not see where affordable projects stood in permitting.",
        "A public tracker shows every affordable project's stage and time in each step; slow "
        "steps get a weekly review.",
        "50k-250k",
        (2021, 1),
        "implemented",
        "monitored",
        [_outcome("Median permitting time for affordable projects", 14, 9, "months", 2023)],
    ),
]
