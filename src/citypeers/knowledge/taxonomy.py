"""The seeded two-level challenge taxonomy: (slug, name, description, [(slug, name), ...]).

Top-level areas follow the product brief's list; sub-areas are the distinctions cities draw in
the seed documents (e.g. veteran vs chronic homelessness) plus common practice areas.
"""

TAXONOMY: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "infrastructure",
        "Infrastructure",
        "Roads, bridges, water, energy and public buildings.",
        [
            ("water-and-sewer", "Water and sewer systems"),
            ("roads-and-bridges", "Roads and bridges"),
            ("energy-and-utilities", "Energy and utilities"),
            ("asset-management", "Asset management and maintenance backlogs"),
        ],
    ),
    (
        "housing-affordability",
        "Housing affordability",
        "Rents, home prices and housing supply.",
        [
            ("affordable-housing-supply", "Affordable housing supply"),
            ("tenant-protection", "Tenant protection and eviction prevention"),
            ("zoning-and-permitting", "Zoning and permitting"),
        ],
    ),
    (
        "homelessness",
        "Homelessness",
        "Preventing and ending homelessness.",
        [
            ("veteran-homelessness", "Veteran homelessness"),
            ("chronic-homelessness", "Chronic homelessness"),
            ("youth-and-family-homelessness", "Youth and family homelessness"),
            ("homelessness-prevention", "Homelessness prevention"),
        ],
    ),
    (
        "equity",
        "Equity",
        "Fair outcomes and access across neighbourhoods and groups.",
        [
            ("racial-equity", "Racial equity"),
            ("neighbourhood-disparities", "Neighbourhood disparities"),
            ("language-access", "Language access"),
        ],
    ),
    (
        "climate-and-resilience",
        "Climate and resilience",
        "Emissions, hazards and adaptation.",
        [
            ("flooding-and-stormwater", "Flooding and stormwater"),
            ("emissions-reduction", "Emissions reduction"),
            ("disaster-preparedness", "Disaster preparedness"),
            ("sustainability", "Sustainability and resource efficiency"),
        ],
    ),
    (
        "urban-heat",
        "Urban heat",
        "Heat islands, extreme heat and cooling.",
        [
            ("urban-heat-island", "Urban heat island effect"),
            ("tree-canopy", "Tree canopy and shade"),
            ("heat-health", "Heat and public health"),
        ],
    ),
    (
        "digital-inclusion",
        "Digital inclusion and broadband",
        "Access, devices and skills.",
        [
            ("broadband-access", "High-speed internet access"),
            ("digital-skills", "Digital skills"),
            ("device-access", "Device access"),
        ],
    ),
    (
        "workforce-and-education",
        "Workforce development and public education",
        "Jobs, wages, skills and schools.",
        [
            ("workforce-development", "Workforce development"),
            ("public-education", "Public education"),
            ("youth-employment", "Youth employment"),
        ],
    ),
    (
        "public-safety",
        "Public safety and police hiring",
        "Safety, policing and staffing.",
        [
            ("police-hiring", "Police hiring and retention"),
            ("violence-prevention", "Violence prevention"),
            ("community-policing", "Community policing"),
        ],
    ),
    (
        "ems-response",
        "EMS response",
        "Emergency medical services and response times.",
        [
            ("ems-response-times", "EMS response times"),
            ("911-call-triage", "911 call triage"),
        ],
    ),
    (
        "transportation",
        "Transportation",
        "Transit, mobility and street safety.",
        [
            ("public-transit", "Public transit"),
            ("traffic-safety", "Traffic safety"),
            ("active-mobility", "Walking and cycling"),
        ],
    ),
    (
        "street-cleanliness-and-amenities",
        "Street cleanliness and public amenities",
        "Clean streets, parks and public facilities.",
        [
            ("street-cleanliness", "Street cleanliness"),
            ("public-amenities", "Public amenities"),
            ("illegal-dumping", "Illegal dumping"),
        ],
    ),
    (
        "civic-engagement",
        "Civic engagement",
        "Residents taking part in decisions.",
        [
            ("resident-participation", "Resident participation"),
            ("open-communication", "Open communication and transparency"),
        ],
    ),
    (
        "economic-development",
        "Economic development and local investment",
        "Growth, jobs and investment in neighbourhoods.",
        [
            ("local-investment", "Local investment"),
            ("small-business", "Small business support"),
            ("regional-competitiveness", "Regional economic competitiveness"),
        ],
    ),
    (
        "data-driven-government",
        "Data-driven government",
        "Using data and evidence to decide.",
        [
            ("open-data", "Open data"),
            ("performance-management", "Performance management"),
            ("evaluation", "Evaluation and evidence"),
            ("smart-city-technology", "Smart city technology"),
        ],
    ),
]

# Words people search with for each top-level area (its sub-areas inherit them), indexed with
# every document filed under the area: "housing" finds a community land trust filed under
# housing affordability, "broadband" finds digital inclusion. Plain, everyday terms only.
SYNONYMS: dict[str, list[str]] = {
    "infrastructure": ["public works", "pipes", "potholes", "capital projects"],
    "housing-affordability": [
        "housing",
        "rent",
        "home prices",
        "affordable homes",
        "community land trust",
        "eviction",
    ],
    "homelessness": ["homeless", "unhoused", "shelter", "supportive housing", "housing first"],
    "equity": ["inclusion", "disparities", "fairness", "underserved"],
    "climate-and-resilience": ["climate change", "resilience", "flood", "emissions", "carbon"],
    "urban-heat": ["heat", "heatwave", "cooling", "shade", "cool roofs"],
    "digital-inclusion": ["broadband", "internet", "wifi", "digital divide", "connectivity"],
    "workforce-and-education": ["jobs", "skills", "training", "apprenticeships", "schools"],
    "public-safety": ["police", "crime", "violence", "policing"],
    "ems-response": ["ambulance", "emergency medical", "911", "paramedics"],
    "transportation": ["transit", "buses", "mobility", "traffic", "bike lanes"],
    "street-cleanliness-and-amenities": ["litter", "trash", "parks", "clean streets"],
    "civic-engagement": ["participation", "community engagement", "public input", "residents"],
    "economic-development": ["economy", "small business", "investment", "jobs growth"],
    "data-driven-government": ["data", "open data", "analytics", "performance", "evidence"],
}
